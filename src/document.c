/* document.c: turns one input file into a document of typed blocks.  Takes
 * the bytes of a source, checks them (empty, binary, bad UTF-8), hands HTML
 * to html.c, and cuts plain text into paragraphs with exact byte offsets,
 * each labelled headline, deck, body, caption or boilerplate by its shape. */
#include "newscheck/document.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Blocks and documents                                                */

const char *nc_block_kind_str(enum nc_block_kind k)
{
  switch (k) {
  case NC_BLOCK_HEADLINE: return "headline";
  case NC_BLOCK_DECK: return "deck";
  case NC_BLOCK_BODY: return "body";
  case NC_BLOCK_CAPTION: return "caption";
  case NC_BLOCK_QUOTE: return "quote";
  case NC_BLOCK_BOILERPLATE: return "boilerplate";
  }
  return "unknown";
}

bool nc_block_feeds_claims(enum nc_block_kind k)
{
  return k == NC_BLOCK_HEADLINE || k == NC_BLOCK_DECK || k == NC_BLOCK_BODY;
}

size_t nc_block_offset(const struct nc_block *b, size_t i)
{
  if (i > b->len)
    i = b->len;
  if (b->map)
    return b->map[i];
  return b->start + i;
}

static char *dup_or_null(const char *s)
{
  return s ? xstrdup(s) : NULL;
}

struct nc_doc *nc_doc_new(const struct nc_source *src, char *input,
                          size_t len)
{
  struct nc_doc *doc = xcalloc(1, sizeof *doc);

  if (src) {
    doc->id = dup_or_null(src->id);
    doc->outlet = dup_or_null(src->outlet);
    doc->url = dup_or_null(src->url);
    doc->path = dup_or_null(src->path);
    doc->note = dup_or_null(src->note);
    if (src->published)
      doc->has_published = nc_date_parse(src->published, &doc->published);
  }
  doc->input = input;
  doc->input_len = len;
  return doc;
}

struct nc_block *nc_doc_add_block(struct nc_doc *doc,
                                  enum nc_block_kind kind, const char *text,
                                  size_t len, size_t start, size_t end)
{
  struct nc_block *b;

  nc_grow(&doc->blocks, &doc->cap, doc->nblocks + 1, sizeof *doc->blocks);
  b = &doc->blocks[doc->nblocks++];
  memset(b, 0, sizeof *b);
  b->kind = kind;
  b->text = text;
  b->len = len;
  b->start = start;
  b->end = end;
  return b;
}

void nc_doc_free(struct nc_doc *doc)
{
  size_t i;

  if (!doc)
    return;
  for (i = 0; i < doc->nblocks; i++) {
    free(doc->blocks[i].map);
    free(doc->blocks[i].owned);
  }
  free(doc->blocks);
  free(doc->warning);
  free(doc->id);
  free(doc->outlet);
  free(doc->url);
  free(doc->path);
  free(doc->title);
  free(doc->note);
  free(doc->byline);
  free(doc->date_meta);
  free(doc->canonical);
  free(doc->site_name);
  free(doc->lang);
  free(doc->input);
  free(doc);
}

/* ------------------------------------------------------------------ */
/* Word lists for the line classifier.  They describe the furniture of
 * news web pages in general (menus, sign-up prompts, photo credits), not
 * any one site.  Phrases are compared case-insensitively. */

/* Lines that are site furniture when they are the whole line (trailing
 * punctuation and bullets ignored). */
static const char *const furniture_lines[] = {
  "related content", "related articles", "related stories",
  "related coverage", "read more", "read next", "share this article",
  "share this story", "skip to content", "skip to main content",
  "back to top", "most popular", "most read", "you may also like",
  "recommended for you", "top stories", "latest news", "market data",
  "source article", "listen to this article", "follow us", "copy link",
  "toggle navigation", "open menu", "close menu", "sign up", "log in",
  "sign in", "advertisement", "sponsored content", "more stories",
  "editor's picks", "editor’s picks", "trending now", "breaking news",
  NULL
};

/* Line openings that mark site furniture (checked on lines of at most
 * 40 words, so a long paragraph is never thrown away for its opening). */
static const char *const furniture_prefixes[] = {
  "sign up", "subscribe to", "subscribe for", "subscribe now",
  "welcome to ", "generated on", "read the full", "read more",
  "related:", "see also", "advertisement", "follow us", "share this",
  "share on ", "click here", "tap here", "copyright", "©",
  "all rights reserved", "we use cookies", "this site uses",
  "this website uses", "by continuing to", "get the latest",
  "download the app", "download our", "listen to this", "filed under",
  "tags:", "topics:", "updated:", "updated on", "published:",
  "published on", "posted:", "posted on", "last updated", "reporting by",
  "editing by", "additional reporting", "join our", "don't miss",
  "don’t miss", "sponsored", "more from ", "also read", "read also",
  "recommended:", "you may also", "you might also", "this article was",
  "this story was", "originally published", "continue reading",
  "skip to ", "have a tip", "got a tip", "support our", "become a member",
  "enter your email", "your email", "already a subscriber",
  "already have an account", "create an account", "create a free",
  "register for", "want more", "get our", "get the ", "for more news",
  NULL
};

/* Phrases that mark furniture anywhere in a line of at most 30 words. */
static const char *const furniture_phrases[] = {
  "sign up for", "subscribe to our", "our newsletter", "privacy policy",
  "terms of service", "terms of use", "use cookies", "all rights reserved",
  "read the full article", "click here", "enable javascript",
  "in your inbox", "delivered to your inbox", "free newsletter", NULL
};

/* Words that, inside a parenthesis closing a line, credit a photo. */
static const char *const credit_words[] = {
  "afp", "ap", "reuters", "getty", "epa", "photo", "photos", "pool",
  "file", "courtesy", "credit", "shutterstock", "bloomberg", "xinhua",
  "tass", "sputnik", "anadolu", "flickr", "wikimedia", "istock", "alamy",
  "upi", "dpa", "kyodo", "yonhap", "handout", "images", "illustration",
  "screenshot", "screengrab", "efe", "ansa", "photographer", NULL
};

/* Line openings of credit and caption lines. */
static const char *const caption_prefixes[] = {
  "source:", "photo:", "photos:", "image:", "images:", "credit:",
  "credits:", "photograph:", "pictured:", "photo by", "photo credit",
  "image credit", "image via", "illustration:", "file photo", "caption:",
  "video:", "watch:", "(photo", "(image", NULL
};

/* Position markers of people in a photo. */
static const char *const position_marks[] = {
  "(l)", "(r)", "(c)", "(l-r)", "(r-l)", "(left)", "(right)", "(center)",
  "(centre)", "(front)", "(back)", "(top)", "(bottom)", "(2nd l)",
  "(2nd r)", "(3rd l)", "(3rd r)", NULL
};

/* Words a dateline or time stamp line is made of (besides numbers). */
static const char *const date_words[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december", "jan", "feb",
  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
  "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat",
  "sun", "am", "pm", "a", "m", "p", "et", "est", "edt", "pt", "pst",
  "pdt", "ct", "cst", "cdt", "gmt", "utc", "bst", "cet", "cest", "updated",
  "published", "posted", "last", "on", "at", "modified", NULL
};

/* Full month names, to spot a date next to a position marker. */
static const char *const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december", NULL
};

/* ------------------------------------------------------------------ */
/* Character helpers                                                   */

/* Byte length of the white space (ASCII, NBSP, zero-width and BOM
 * characters, line/paragraph separators) at s[0..len), or 0. */
static size_t space_len(const char *s, size_t len)
{
  const unsigned char *u = (const unsigned char *)s;

  if (len == 0)
    return 0;
  if (nc_is_space(u[0]))
    return 1;
  if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    return 3;
  if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
      ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xA8 || u[2] == 0xA9 ||
       u[2] == 0xAF))
    return 3; /* U+2000..U+200B spaces, U+2028/9, U+202F */
  return 0;
}

/* Byte length of white space ending at s[len), or 0. */
static size_t space_len_back(const char *s, size_t len)
{
  size_t k;

  for (k = 1; k <= 3 && k <= len; k++) {
    if (space_len(s + len - k, k) == k)
      return k;
  }
  return 0;
}

/* Letters and digits make words; outside ASCII anything but punctuation,
 * symbols and spaces counts as a letter (as in util.c). */
static bool wordish(uint32_t cp)
{
  if (cp < 0x80)
    return nc_is_alnum((int)cp);
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
    return false;
  if (cp >= 0x2000 && cp <= 0x2BFF)
    return false;
  if (cp >= 0x3000 && cp <= 0x303F)
    return false;
  return cp != 0xFEFF && cp != 0xFFFD;
}

static bool is_upper_cp(uint32_t cp)
{
  return (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
         (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) ||
         (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);
}

static bool is_lower_cp(uint32_t cp)
{
  return (cp >= 'a' && cp <= 'z') ||
         (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x100 && cp <= 0x17F && cp % 2 == 1) ||
         (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x44F);
}

/* Apostrophes inside a word ("Trump’s", "don't") keep the word whole. */
static bool is_apostrophe(uint32_t cp)
{
  return cp == '\'' || cp == 0x2019;
}

/* ASCII lower case, local so the scanning loops stay tight. */
static inline int lower(int c)
{
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* True when s[0..n) starts with the ASCII phrase p, ignoring case, and
 * the phrase ends at a word boundary (or with punctuation/space). */
static bool starts_with_ci(const char *s, size_t n, const char *p)
{
  size_t m = strlen(p);

  if (m > n)
    return false;
  if (!nc_ascii_eq(s, m, p))
    return false;
  if (m == n)
    return true;
  /* "sign up" must not match "signature"; a phrase that ends in a space
   * or punctuation already delimits itself. */
  if (nc_is_alnum((unsigned char)p[m - 1]) &&
      nc_is_alnum((unsigned char)s[m]))
    return false;
  return true;
}

/* True when the ASCII phrase p occurs in s[0..n), ignoring case, at word
 * boundaries.  Lines are short, and the loop stops at the first hit. */
static bool contains_ci(const char *s, size_t n, const char *p)
{
  size_t m = strlen(p), i;
  int first = lower((unsigned char)p[0]);

  if (m == 0 || m > n)
    return false;
  for (i = 0; i + m <= n; i++) {
    if (lower((unsigned char)s[i]) != first)
      continue;
    if (i > 0 && nc_is_alnum((unsigned char)s[i - 1]) &&
        nc_is_alnum((unsigned char)p[0]))
      continue;
    if (starts_with_ci(s + i, n - i, p))
      return true;
  }
  return false;
}

static bool in_list(const char *s, size_t n, const char *const *list)
{
  size_t i;

  for (i = 0; list[i]; i++) {
    if (nc_ascii_eq(s, n, list[i]))
      return true;
  }
  return false;
}

static bool any_prefix(const char *s, size_t n, const char *const *list)
{
  size_t i;

  for (i = 0; list[i]; i++) {
    if (starts_with_ci(s, n, list[i]))
      return true;
  }
  return false;
}

static bool any_phrase(const char *s, size_t n, const char *const *list)
{
  size_t i;

  for (i = 0; list[i]; i++) {
    if (contains_ci(s, n, list[i]))
      return true;
  }
  return false;
}

/* ------------------------------------------------------------------ */
/* Shape of one block                                                  */

struct shape {
  size_t words;      /* runs of letters and digits */
  size_t letters;    /* letters (not digits) */
  size_t upper;      /* upper-case letters */
  size_t longwords;  /* words of four or more letters */
  size_t capwords;   /* ... of which start with a capital */
  size_t digitwords; /* words made of digits only */
  size_t first_colon_words; /* words before the first ':', or SIZE_MAX */
  bool first_lower;  /* the first letter is lower case */
  bool terminal;     /* ends a sentence: . ! ? or an ellipsis (+ closers) */
  bool ends_period;  /* the last stop is '.' or an ellipsis */
  bool ends_weak;    /* ends with , ; or : */
  bool bullet;       /* starts with a bullet, pipe or dash */
};

/* True when cp may close a sentence after its full stop. */
static bool is_closer(uint32_t cp)
{
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
         cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

static bool is_bullet(uint32_t cp)
{
  return cp == 0x2022 || cp == 0xB7 || cp == 0x25AA || cp == 0x25BA ||
         cp == 0x25B8 || cp == 0x2023 || cp == 0x25E6 || cp == 0x25CF ||
         cp == 0x25A0 || cp == '|' || cp == 0x203A || cp == 0xBB ||
         cp == 0x2013 || cp == 0x2014 || cp == '-' || cp == '*' ||
         cp == '>' || cp == 0x2192 || cp == 0x2666 || cp == 0x25B6;
}

/* Decode the last code point of s[0..n); returns its length. */
static size_t last_cp(const char *s, size_t n, uint32_t *cp)
{
  size_t k = 1;

  while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
    k++;
  if (nc_utf8_decode(s + n - k, k, cp) != k) {
    *cp = (unsigned char)s[n - 1];
    return 1;
  }
  return k;
}

static void measure(const char *s, size_t n, struct shape *sh)
{
  size_t i = 0, wletters = 0, e;
  bool inword = false, wcap = false, wdigits = true, seen_letter = false;
  uint32_t cp;

  memset(sh, 0, sizeof *sh);
  sh->first_colon_words = SIZE_MAX;
  if (n > 0) {
    nc_utf8_decode(s, n, &cp);
    sh->bullet = is_bullet(cp);
  }
  while (i <= n) {
    size_t k = 1;
    bool w = false;
    if (i < n) {
      k = nc_utf8_decode(s + i, n - i, &cp);
      if (k == 0)
        k = 1;
      w = wordish(cp);
      /* an apostrophe between letters stays inside the word */
      if (!w && inword && is_apostrophe(cp) && i + k < n) {
        uint32_t nx;
        nc_utf8_decode(s + i + k, n - i - k, &nx);
        if (wordish(nx)) {
          i += k;
          continue;
        }
      }
    }
    if (w) {
      bool letter = !(cp < 0x80 && nc_is_digit((int)cp));
      if (!inword) {
        inword = true;
        wletters = 0;
        wdigits = true;
        wcap = is_upper_cp(cp);
      }
      if (letter) {
        wdigits = false;
        wletters++;
        sh->letters++;
        if (is_upper_cp(cp))
          sh->upper++;
        if (!seen_letter) {
          seen_letter = true;
          sh->first_lower = is_lower_cp(cp) && sh->words == 0;
        }
      }
    } else if (inword) {
      inword = false;
      sh->words++;
      if (wdigits)
        sh->digitwords++;
      if (wletters >= 4) {
        sh->longwords++;
        if (wcap)
          sh->capwords++;
      }
    }
    if (i < n && cp == ':' && sh->first_colon_words == SIZE_MAX)
      sh->first_colon_words = sh->words + (inword ? 1 : 0);
    i += k;
  }
  /* the end: skip closing quotes and brackets, then look at the stop */
  e = n;
  while (e > 0) {
    size_t k = last_cp(s, e, &cp);
    if (!is_closer(cp))
      break;
    e -= k;
  }
  if (e > 0) {
    last_cp(s, e, &cp);
    sh->terminal = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
    sh->ends_period = cp == '.' || cp == 0x2026;
    sh->ends_weak = cp == ',' || cp == ';' || cp == ':';
  }
}

/* ------------------------------------------------------------------ */
/* Local tests: caption and boilerplate lines                          */

/* The text inside a parenthesis that closes the line, or false. */
static bool closing_paren(const char *s, size_t n, const char **in,
                          size_t *inlen)
{
  size_t i;

  if (n < 3 || s[n - 1] != ')')
    return false;
  /* a credit is short: look back at most 80 bytes for its '(' */
  for (i = n - 1; i > 0 && n - i < 80; i--) {
    if (s[i - 1] == '(') {
      *in = s + i;
      *inlen = n - 1 - i;
      return true;
    }
    if (s[i - 1] == ')')
      return false;
  }
  return false;
}

/* True when a word of s[0..n) is in list (ASCII, case-insensitive). */
static bool has_word_in(const char *s, size_t n, const char *const *list)
{
  size_t i = 0;

  while (i < n) {
    size_t j;
    while (i < n && !nc_is_alpha((unsigned char)s[i]))
      i++;
    j = i;
    while (j < n && nc_is_alpha((unsigned char)s[j]))
      j++;
    if (j > i && in_list(s + i, j - i, list))
      return true;
    i = j;
  }
  return false;
}

/* A photographer credit "(Name SURNAME / AGENCY)": a slash next to an
 * upper-case word. */
static bool slash_credit(const char *s, size_t n)
{
  size_t i, run = 0;
  bool slash = false;

  for (i = 0; i < n; i++) {
    if (s[i] == '/')
      slash = true;
    if (s[i] >= 'A' && s[i] <= 'Z')
      run++;
    else if (nc_is_alpha((unsigned char)s[i]))
      run = 0;
    else if (run >= 2 && slash)
      return true;
    else
      run = run >= 2 ? run : 0;
  }
  return slash && run >= 2;
}

/* A date-ish token: a full month name or a year 1900-2099. */
static bool mentions_date(const char *s, size_t n)
{
  size_t i;

  if (has_word_in(s, n, month_names))
    return true;
  for (i = 0; i + 4 <= n; i++) {
    if ((i == 0 || !nc_is_alnum((unsigned char)s[i - 1])) &&
        ((s[i] == '1' && s[i + 1] == '9') ||
         (s[i] == '2' && s[i + 1] == '0')) &&
        nc_is_digit((unsigned char)s[i + 2]) &&
        nc_is_digit((unsigned char)s[i + 3]) &&
        (i + 4 == n || !nc_is_alnum((unsigned char)s[i + 4])))
      return true;
  }
  return false;
}

static bool is_caption(const char *s, size_t n, const struct shape *sh,
                       const char *headline, size_t hlen)
{
  const char *in;
  size_t inlen, i;

  if (any_prefix(s, n, caption_prefixes))
    return true;
  /* a trailing credit in parentheses: "(AP Photo/Evan Vucci)" */
  if (closing_paren(s, n, &in, &inlen) &&
      (has_word_in(in, inlen, credit_words) || slash_credit(in, inlen)))
    return true;
  /* "(L)" / "(R)" markers next to a date describe a photo */
  for (i = 0; i < n; i++) {
    const char *p = memchr(s + i, '(', n - i);
    if (!p)
      break;
    i = (size_t)(p - s);
    if (any_prefix(p, n - i, position_marks))
      return mentions_date(s, n);
  }
  /* "... Source: The White House, via Wikimedia Commons" */
  if (sh->words <= 40 &&
      (contains_ci(s, n, ". source:") || contains_ci(s, n, "via wikimedia") ||
       contains_ci(s, n, "via getty") || contains_ci(s, n, "| source:")))
    return true;
  /* the headline repeated as the caption of the lead picture */
  if (headline && hlen > 0 && n > hlen && memcmp(s, headline, hlen) == 0 &&
      !nc_is_alnum((unsigned char)s[hlen]))
    return true;
  return false;
}

/* The line without bullets, pipes and white space at its edges, and
 * without trailing punctuation, for whole-line comparisons. */
static void core_text(const char *s, size_t n, const char **cs, size_t *cn)
{
  size_t a = 0, b = n;
  uint32_t cp;

  while (a < b) {
    size_t k = nc_utf8_decode(s + a, b - a, &cp);
    size_t sp = space_len(s + a, b - a);
    if (sp)
      a += sp;
    else if (is_bullet(cp) || (cp < 0x80 && !nc_is_alnum((int)cp) &&
                                cp != '(' && cp != '"' && cp != '\''))
      a += k;
    else
      break;
  }
  while (b > a) {
    size_t k = last_cp(s + a, b - a, &cp);
    if (nc_is_space((int)(cp < 0x80 ? cp : 0)) || cp == 0xA0 ||
        (cp < 0x80 && !nc_is_alnum((int)cp) && cp != ')'))
      b -= k;
    else
      break;
  }
  *cs = s + a;
  *cn = b - a;
}

/* A byline: "By Jane Doe", "by · The Daily Planet", short, no stop. */
static bool is_byline(const char *s, size_t n, const struct shape *sh)
{
  if (sh->words > 10 || sh->ends_period)
    return false;
  if (!starts_with_ci(s, n, "by"))
    return false;
  if (n == 2)
    return true;
  /* "By the end of 2024 ..." is a sentence: a byline continues with a
   * capitalised name or a separator. */
  {
    size_t i = 2;
    uint32_t cp;
    while (i < n) {
      size_t sp = space_len(s + i, n - i);
      if (!sp)
        break;
      i += sp;
    }
    if (i == 2 || i >= n)
      return i >= n;
    nc_utf8_decode(s + i, n - i, &cp);
    if (is_upper_cp(cp) || cp == 0xB7 || cp == 0x2022 || cp == '|' ||
        cp == ':' || cp == 0x2014 || cp == 0x2013 || cp == '-')
      return sh->capwords * 2 >= sh->longwords;
  }
  return false;
}

/* A line made only of dates, times and numbers: a time stamp. */
static bool is_timestamp(const char *s, size_t n, const struct shape *sh)
{
  size_t i = 0;

  if (sh->digitwords == 0 || sh->words > 12)
    return false;
  while (i < n) {
    size_t j;
    uint32_t cp;
    size_t k = nc_utf8_decode(s + i, n - i, &cp);
    if (!wordish(cp)) {
      i += k ? k : 1;
      continue;
    }
    j = i;
    while (j < n && nc_is_alnum((unsigned char)s[j]))
      j++;
    if (j == i)
      return false; /* a non-ASCII letter: not a date word */
    if (!nc_is_digit((unsigned char)s[i]) &&
        !in_list(s + i, j - i, date_words))
      return false;
    i = j;
  }
  return true;
}

/* Boilerplate that can be recognised from the line alone. */
static bool is_furniture(const char *s, size_t n, const struct shape *sh)
{
  const char *cs;
  size_t cn;

  if (sh->words == 0)
    return true; /* only symbols */
  if (sh->words <= 2)
    return true; /* "Menu", "Search", "| Politics" */
  if (sh->bullet && !(sh->words >= 6 && sh->terminal))
    return true; /* menus and link lists; a list item sentence stays */
  core_text(s, n, &cs, &cn);
  if (in_list(cs, cn, furniture_lines))
    return true;
  if (sh->words <= 40 && any_prefix(cs, cn, furniture_prefixes))
    return true;
  if (sh->words <= 30 && any_phrase(s, n, furniture_phrases))
    return true;
  if (sh->ends_weak && s[n - 1] == ':' && sh->words <= 4)
    return true; /* "Generated on:", "Share this:" */
  if (is_byline(s, n, sh))
    return true;
  if (is_timestamp(s, n, sh))
    return true;
  return false;
}

/* Mostly capital letters, no full stop: a promo or section banner. */
static bool is_all_caps(const struct shape *sh)
{
  return sh->letters >= 8 && sh->words >= 3 && !sh->ends_period &&
         sh->upper * 10 >= sh->letters * 8;
}

/* Title Case and no stop, as in links to other stories. */
static bool is_title_case(const struct shape *sh)
{
  return !sh->terminal && sh->words >= 4 && sh->words <= 20 &&
         sh->longwords >= 3 && sh->capwords * 10 >= sh->longwords * 8;
}

/* ------------------------------------------------------------------ */
/* Lines and paragraphs                                                */

struct line {
  size_t start, end;  /* trimmed, input offsets */
  bool blank_before;  /* an empty line separates it from the previous */
};

/* Cut input[from..len) into trimmed non-empty lines. */
static void split_lines(const char *in, size_t from, size_t len,
                        struct line **out, size_t *nout)
{
  struct line *v = NULL;
  size_t n = 0, cap = 0, i = from;
  bool blank = false;

  while (i < len) {
    size_t a = i, b, e;
    while (i < len && in[i] != '\n' && in[i] != '\r')
      i++;
    e = i;
    /* consume the line break: \n, \r\n or a lone \r */
    if (i < len) {
      if (in[i] == '\r' && i + 1 < len && in[i + 1] == '\n')
        i += 2;
      else
        i++;
    }
    b = a;
    while (b < e) {
      size_t sp = space_len(in + b, e - b);
      if (!sp)
        break;
      b += sp;
    }
    while (e > b) {
      size_t sp = space_len_back(in + b, e - b);
      if (!sp)
        break;
      e -= sp;
    }
    if (e == b) {
      blank = true;
      continue;
    }
    nc_grow(&v, &cap, n + 1, sizeof *v);
    v[n].start = b;
    v[n].end = e;
    v[n].blank_before = blank;
    n++;
    blank = false;
  }
  *out = v;
  *nout = n;
}

/* Hard-wrapped text (lines cut at a fixed width, paragraphs separated by
 * blank lines) is recognised by many lines that are followed by another
 * line and whose length sits just under one maximum.  Returns the width,
 * or 0 for text with one paragraph per line. */
static size_t wrap_width(const struct line *v, size_t n)
{
  size_t i, w = 0, inner = 0, near = 0, longl = 0;

  for (i = 0; i < n; i++) {
    size_t l = v[i].end - v[i].start;
    if (l > 120)
      longl++;
    if (i + 1 < n && !v[i + 1].blank_before && l <= 120) {
      inner++;
      if (l > w)
        w = l;
    }
  }
  if (w < 30 || inner < 3 || longl * 10 > n)
    return 0;
  for (i = 0; i + 1 < n; i++) {
    size_t l = v[i].end - v[i].start;
    if (!v[i + 1].blank_before && l <= w && l * 10 >= w * 7)
      near++;
  }
  return (near >= 3 && near * 2 >= inner) ? w : 0;
}

/* True when line b continues the paragraph of line a. */
static bool continues(const char *in, const struct line *a,
                      const struct line *b, size_t width)
{
  uint32_t cp;

  if (b->blank_before)
    return false;
  nc_utf8_decode(in + b->start, b->end - b->start, &cp);
  /* a line that starts in lower case goes on with the sentence above */
  if (is_lower_cp(cp))
    return true;
  return width > 0 && (a->end - a->start) * 10 >= width * 7;
}

/* ------------------------------------------------------------------ */
/* Classification of a whole document                                  */

/* Longest headline, in words and bytes; a longer title-like line before
 * the story is a deck (standfirst). */
#define HEADLINE_MAX_WORDS 18
#define HEADLINE_MAX_BYTES 200
/* Most words a kicker ("Trump: ...") has before its colon. */
#define KICKER_MAX_WORDS 3

enum zone { ZONE_TOP, ZONE_BODY };

/* Title-like: no final stop, not cut off by a comma, not lower case. */
static bool title_like(const struct shape *sh)
{
  return !sh->ends_period && !sh->ends_weak && !sh->first_lower &&
         sh->words >= 3;
}

static bool headline_sized(const struct shape *sh, size_t len)
{
  return sh->words <= HEADLINE_MAX_WORDS && len <= HEADLINE_MAX_BYTES;
}

/* Collapse white space runs to one space (titles of joined lines). */
static char *squeeze(const char *s, size_t n)
{
  struct nc_buf b = {0};
  size_t i = 0;
  bool sp = false;

  while (i < n) {
    size_t k = space_len(s + i, n - i);
    if (k) {
      sp = true;
      i += k;
      continue;
    }
    if (sp && b.len > 0)
      nc_buf_putc(&b, ' ');
    sp = false;
    nc_buf_putc(&b, s[i]);
    i++;
  }
  return nc_buf_take(&b);
}

static void classify(struct nc_doc *doc)
{
  size_t i, n = doc->nblocks;
  struct shape *sh = xcalloc(n ? n : 1, sizeof *sh);
  bool *local = xcalloc(n ? n : 1, sizeof *local);
  const char *head = NULL;
  size_t hlen = 0;
  enum zone zone = ZONE_TOP;

  /* first the verdicts one line can give on its own */
  for (i = 0; i < n; i++) {
    struct nc_block *b = &doc->blocks[i];
    measure(b->text, b->len, &sh[i]);
    if (is_caption(b->text, b->len, &sh[i], NULL, 0)) {
      b->kind = NC_BLOCK_CAPTION;
      local[i] = true;
    } else if (is_furniture(b->text, b->len, &sh[i])) {
      b->kind = NC_BLOCK_BOILERPLATE;
      local[i] = true;
    }
  }
  /* then the story's order: headline, deck, body */
  for (i = 0; i < n; i++) {
    struct nc_block *b = &doc->blocks[i];
    const struct shape *s = &sh[i];
    if (local[i])
      continue;
    if (head && is_caption(b->text, b->len, s, head, hlen)) {
      b->kind = NC_BLOCK_CAPTION;
      continue;
    }
    if (zone == ZONE_BODY) {
      if (is_all_caps(s) || is_title_case(s))
        b->kind = NC_BLOCK_BOILERPLATE;
      else
        b->kind = NC_BLOCK_BODY;
      continue;
    }
    if (!head && headline_sized(s, b->len) &&
        (title_like(s) || (s->terminal && !s->ends_period))) {
      /* a short "Who: what" line just above another title is a kicker */
      size_t j = i + 1;
      while (j < n && local[j])
        j++;
      if (s->first_colon_words <= KICKER_MAX_WORDS && j < n &&
          title_like(&sh[j]) && headline_sized(&sh[j], doc->blocks[j].len)) {
        b->kind = NC_BLOCK_DECK;
        continue;
      }
      b->kind = NC_BLOCK_HEADLINE;
      head = b->text;
      hlen = b->len;
      continue;
    }
    if (title_like(s) || (!s->terminal && !s->first_lower &&
                          !s->ends_weak && s->words >= 3)) {
      b->kind = NC_BLOCK_DECK; /* standfirst before the story starts */
      continue;
    }
    b->kind = NC_BLOCK_BODY;
    zone = ZONE_BODY;
  }
  if (head)
    doc->title = squeeze(head, hlen);
  free(local);
  free(sh);
}

enum nc_status nc_doc_from_text(const struct nc_source *src, char *data,
                                size_t len, struct nc_doc **out,
                                struct nc_error *err)
{
  struct nc_doc *doc = nc_doc_new(src, data, len);
  struct line *lines = NULL;
  size_t nlines = 0, from = 0, i, width;

  (void)err;
  /* a UTF-8 byte order mark is not text; offsets still count it */
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    from = 3;
  split_lines(data, from, len, &lines, &nlines);
  width = wrap_width(lines, nlines);
  i = 0;
  while (i < nlines) {
    size_t j = i;
    while (j + 1 < nlines && continues(data, &lines[j], &lines[j + 1], width))
      j++;
    nc_doc_add_block(doc, NC_BLOCK_BODY, data + lines[i].start,
                     lines[j].end - lines[i].start, lines[i].start,
                     lines[j].end);
    i = j + 1;
  }
  free(lines);
  classify(doc);
  *out = doc;
  return NC_OK;
}

/* ------------------------------------------------------------------ */
/* Loading a file                                                      */

static bool ends_with_ci(const char *s, const char *suffix)
{
  size_t n = strlen(s), m = strlen(suffix);

  return n >= m && nc_ascii_eq(s + n - m, m, suffix);
}

/* Markup at the start of the content (after a BOM and white space). */
static bool looks_like_html(const char *d, size_t len)
{
  static const char *const opens[] = {
    "<!doctype", "<html", "<head", "<body", "<?xml", "<!--", "<meta",
    "<title", "<div", "<article", "<section", "<main", "<p>", "<header",
    "<link", "<script", "<style", NULL
  };
  size_t i = 0, k;

  if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && nc_is_space((unsigned char)d[i]))
    i++;
  if (i >= len || d[i] != '<')
    return false;
  for (k = 0; opens[k]; k++) {
    size_t m = strlen(opens[k]);
    if (len - i >= m && nc_ascii_eq(d + i, m, opens[k]))
      return true;
  }
  return false;
}

/* A UTF-16 byte order mark; such a file is HTML when '<' follows. */
static bool utf16_bom(const char *d, size_t len, bool *markup)
{
  const unsigned char *u = (const unsigned char *)d;

  *markup = false;
  if (len < 2 || !((u[0] == 0xFF && u[1] == 0xFE) ||
                   (u[0] == 0xFE && u[1] == 0xFF)))
    return false;
  *markup = len >= 4 && ((u[2] == '<' && u[3] == 0) ||
                         (u[2] == 0 && u[3] == '<'));
  return true;
}

static long line_of(const char *d, size_t off)
{
  const char *p = d, *end = d + off;
  long line = 1;

  while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    line++;
    p++;
  }
  return line;
}

enum nc_status nc_doc_load(const struct nc_source *src, struct nc_doc **out,
                           struct nc_error *err)
{
  const char *name;
  char *data = NULL;
  size_t len = 0, bad = 0, i;
  bool html, u16, u16markup;
  enum nc_status st;
  const char *nul;

  if (!src || !src->path)
    return nc_error_set(err, NC_IO, src && src->id ? src->id : NULL, 0,
                        "no file to read");
  name = strcmp(src->path, "-") == 0 ? "<stdin>" : src->path;
  st = nc_read_file(src->path, NC_MAX_INPUT_BYTES, &data, &len, err);
  if (st != NC_OK)
    return st;
  if (len == 0) {
    free(data);
    return nc_error_set(err, NC_PARSE, name, 0, "empty file");
  }
  u16 = utf16_bom(data, len, &u16markup);
  html = ends_with_ci(src->path, ".html") || ends_with_ci(src->path, ".htm") ||
         looks_like_html(data, len) || u16markup;
  if (u16 && !html) {
    free(data);
    return nc_error_set(err, NC_PARSE, name, 0,
                        "UTF-16 text is not supported (convert it to "
                        "UTF-8)");
  }
  nul = u16 ? NULL : memchr(data, '\0', len);
  if (nul) {
    size_t off = (size_t)(nul - data);
    free(data);
    return nc_error_set(err, NC_PARSE, name, 0,
                        "binary file (NUL byte at offset %zu)", off);
  }
  if (html) {
    /* html.c converts the charset, then checks the UTF-8 */
    st = nc_doc_from_html(src, data, len, src->charset, out, err);
    if (st != NC_OK && err && err->file[0] == '\0')
      snprintf(err->file, sizeof err->file, "%s", name);
    return st;
  }
  if (!nc_utf8_valid(data, len, &bad)) {
    long line = line_of(data, bad);
    free(data);
    return nc_error_set(err, NC_PARSE, name, line,
                        "invalid UTF-8 at byte %zu (line %ld)", bad, line);
  }
  for (i = 0; i < len; i++) {
    size_t sp = space_len(data + i, len - i);
    if (!sp)
      break;
    i += sp - 1;
  }
  if (i >= len) {
    free(data);
    return nc_error_set(err, NC_PARSE, name, 0,
                        "no text (the file holds only white space)");
  }
  return nc_doc_from_text(src, data, len, out, err);
}
