/* document.c: turns one input file into a document of typed blocks.  Takes
 * the bytes of a source, checks them (empty, binary, bad UTF-8), hands HTML
 * to html.c, and cuts plain text into paragraphs with exact byte offsets,
 * each labelled headline, deck, body, caption or boilerplate by its shape. */
#include "newscheck/document.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simd.h"

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

  if (doc->nblocks == doc->cap)
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
  if (doc->input_mapped)
    nc_unmap_file(doc->input, doc->input_len);
  else
    free(doc->input);
  free(doc);
}

/* ------------------------------------------------------------------ */
/* Word lists for the line classifier.  They describe the furniture of
 * news web pages in general (menus, sign-up prompts, photo credits), not
 * any one site.  Phrases are written in lower case and compared
 * case-insensitively; each carries its length so the scans never call
 * strlen. */

struct phrase {
  const char *s; /* lower case; NULL ends a list */
  size_t len;
};

#define PH(lit) {lit, sizeof lit - 1}

/* Lines that are site furniture when they are the whole line (trailing
 * punctuation and bullets ignored). */
static const struct phrase furniture_lines[] = {
  PH("related content"), PH("related articles"), PH("related stories"),
  PH("related coverage"), PH("read more"), PH("read next"),
  PH("share this article"), PH("share this story"), PH("skip to content"),
  PH("skip to main content"), PH("back to top"), PH("most popular"),
  PH("most read"), PH("you may also like"), PH("recommended for you"),
  PH("top stories"), PH("latest news"), PH("market data"),
  PH("source article"), PH("listen to this article"), PH("follow us"),
  PH("copy link"), PH("toggle navigation"), PH("open menu"), PH("close menu"),
  PH("sign up"), PH("log in"), PH("sign in"), PH("advertisement"),
  PH("sponsored content"), PH("more stories"), PH("editor's picks"),
  PH("editor’s picks"), PH("trending now"), PH("breaking news"), {NULL, 0}
};

/* Line openings that mark site furniture (checked on lines of at most
 * 40 words, so a long paragraph is never thrown away for its opening). */
static const struct phrase furniture_prefixes[] = {
  PH("sign up"), PH("subscribe to"), PH("subscribe for"), PH("subscribe now"),
  PH("welcome to "), PH("generated on"), PH("read the full"), PH("read more"),
  PH("related:"), PH("see also"), PH("advertisement"), PH("follow us"),
  PH("share this"), PH("share on "), PH("click here"), PH("tap here"),
  PH("copyright"), PH("©"), PH("all rights reserved"), PH("we use cookies"),
  PH("this site uses"), PH("this website uses"), PH("by continuing to"),
  PH("get the latest"), PH("download the app"), PH("download our"),
  PH("listen to this"), PH("filed under"), PH("tags:"), PH("topics:"),
  PH("updated:"), PH("updated on"), PH("published:"), PH("published on"),
  PH("posted:"), PH("posted on"), PH("last updated"), PH("reporting by"),
  PH("editing by"), PH("additional reporting"), PH("join our"),
  PH("don't miss"), PH("don’t miss"), PH("sponsored"), PH("more from "),
  PH("also read"), PH("read also"), PH("recommended:"), PH("you may also"),
  PH("you might also"), PH("this article was"), PH("this story was"),
  PH("originally published"), PH("continue reading"), PH("skip to "),
  PH("have a tip"), PH("got a tip"), PH("support our"), PH("become a member"),
  PH("enter your email"), PH("your email"), PH("already a subscriber"),
  PH("already have an account"), PH("create an account"), PH("create a free"),
  PH("register for"), PH("want more"), PH("get our"), PH("get the "),
  PH("for more news"), {NULL, 0}
};

/* Phrases that mark furniture anywhere in a line of at most 30 words. */
static const struct phrase furniture_phrases[] = {
  PH("sign up for"), PH("subscribe to our"), PH("our newsletter"),
  PH("privacy policy"), PH("terms of service"), PH("terms of use"),
  PH("use cookies"), PH("all rights reserved"), PH("read the full article"),
  PH("click here"), PH("enable javascript"), PH("in your inbox"),
  PH("delivered to your inbox"), PH("free newsletter"), {NULL, 0}
};

/* Words that, inside a parenthesis closing a line, credit a photo. */
static const struct phrase credit_words[] = {
  PH("afp"), PH("ap"), PH("reuters"), PH("getty"), PH("epa"), PH("photo"),
  PH("photos"), PH("pool"), PH("file"), PH("courtesy"), PH("credit"),
  PH("shutterstock"), PH("bloomberg"), PH("xinhua"), PH("tass"), PH("sputnik"),
  PH("anadolu"), PH("flickr"), PH("wikimedia"), PH("istock"), PH("alamy"),
  PH("upi"), PH("dpa"), PH("kyodo"), PH("yonhap"), PH("handout"), PH("images"),
  PH("illustration"), PH("screenshot"), PH("screengrab"), PH("efe"),
  PH("ansa"), PH("photographer"), {NULL, 0}
};

/* Line openings of credit and caption lines. */
static const struct phrase caption_prefixes[] = {
  PH("source:"), PH("photo:"), PH("photos:"), PH("image:"), PH("images:"),
  PH("credit:"), PH("credits:"), PH("photograph:"), PH("pictured:"),
  PH("photo by"), PH("photo credit"), PH("image credit"), PH("image via"),
  PH("illustration:"), PH("file photo"), PH("caption:"), PH("video:"),
  PH("watch:"), PH("(photo"), PH("(image"), {NULL, 0}
};

/* Position markers of people in a photo. */
static const struct phrase position_marks[] = {
  PH("(l)"), PH("(r)"), PH("(c)"), PH("(l-r)"), PH("(r-l)"), PH("(left)"),
  PH("(right)"), PH("(center)"), PH("(centre)"), PH("(front)"), PH("(back)"),
  PH("(top)"), PH("(bottom)"), PH("(2nd l)"), PH("(2nd r)"), PH("(3rd l)"),
  PH("(3rd r)"), {NULL, 0}
};

/* Words a dateline or time stamp line is made of (besides numbers). */
static const struct phrase date_words[] = {
  PH("january"), PH("february"), PH("march"), PH("april"), PH("may"),
  PH("june"), PH("july"), PH("august"), PH("september"), PH("october"),
  PH("november"), PH("december"), PH("jan"), PH("feb"), PH("mar"), PH("apr"),
  PH("jun"), PH("jul"), PH("aug"), PH("sep"), PH("sept"), PH("oct"), PH("nov"),
  PH("dec"), PH("monday"), PH("tuesday"), PH("wednesday"), PH("thursday"),
  PH("friday"), PH("saturday"), PH("sunday"), PH("mon"), PH("tue"), PH("tues"),
  PH("wed"), PH("thu"), PH("thurs"), PH("fri"), PH("sat"), PH("sun"), PH("am"),
  PH("pm"), PH("a"), PH("m"), PH("p"), PH("et"), PH("est"), PH("edt"),
  PH("pt"), PH("pst"), PH("pdt"), PH("ct"), PH("cst"), PH("cdt"), PH("gmt"),
  PH("utc"), PH("bst"), PH("cet"), PH("cest"), PH("updated"), PH("published"),
  PH("posted"), PH("last"), PH("on"), PH("at"), PH("modified"), {NULL, 0}
};

/* Phrases anywhere in a short line that mark a credit line. */
static const struct phrase credit_phrases[] = {
  PH(". source:"), PH("via wikimedia"), PH("via getty"), PH("| source:"),
  {NULL, 0}
};

/* Full month names, to spot a date next to a position marker. */
static const struct phrase month_names[] = {
  PH("january"), PH("february"), PH("march"), PH("april"), PH("may"),
  PH("june"), PH("july"), PH("august"), PH("september"), PH("october"),
  PH("november"), PH("december"), {NULL, 0}
};

/* ------------------------------------------------------------------ */
/* Character helpers                                                   */

/* Byte length of the white space (ASCII, NBSP, zero-width and BOM
 * characters, line/paragraph separators) at s[0..len), or 0. */
static inline size_t space_len(const char *s, size_t len)
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

  /* the wider spaces all end in a continuation byte */
  if (len > 0 && (unsigned char)s[len - 1] < 0x80)
    return nc_is_space((unsigned char)s[len - 1]) ? 1 : 0;
  for (k = 1; k <= 3 && k <= len; k++) {
    if (space_len(s + len - k, k) == k)
      return k;
  }
  return 0;
}

/* Letters and digits make words; outside ASCII anything but punctuation,
 * symbols and spaces counts as a letter (as in util.c). */
static inline bool wordish(uint32_t cp)
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

static inline bool is_upper_cp(uint32_t cp)
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

/* Some scans classify sixteen bytes at once into bit masks: bit k of a
 * mask answers a question about byte k.  With SSE2 (every x86-64) each
 * mask takes a few vector instructions; elsewhere a plain loop gives the
 * same masks. */
struct block16 {
  unsigned alnum; /* ASCII letters and digits */
  unsigned high;  /* bytes of 0x80 or more (parts of multi-byte forms) */
  unsigned apos;  /* '\'' */
  unsigned space; /* ' ' */
};

static inline void block16_scan(const unsigned char *p, struct block16 *b)
{
#if NC_SSE2
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* lower case */
  /* signed compares: bytes of 0x80 or more are negative, so no range of
   * ASCII takes them */
  __m128i let = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
                              _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
  __m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                              _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));

  b->alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(let, dig));
  b->high = (unsigned)_mm_movemask_epi8(v);
  b->apos =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
  b->space =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
#else
  unsigned k;

  b->alnum = b->high = b->apos = b->space = 0;
  for (k = 0; k < 16; k++) {
    b->alnum |= (unsigned)nc_is_alnum(p[k]) << k;
    b->high |= (unsigned)(p[k] >= 0x80) << k;
    b->apos |= (unsigned)(p[k] == '\'') << k;
    b->space |= (unsigned)(p[k] == ' ') << k;
  }
#endif
}

/* Masks of the lead bytes C4-DF of two-byte letters (Latin Extended,
 * Greek, Cyrillic...: every code point they lead is a letter) and of the
 * continuation bytes 80-BF among p[0..16). */
static inline void block16_letters2(const unsigned char *p, unsigned *lead,
                                    unsigned *cont)
{
#if NC_SSE2
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* as signed bytes C4-DF are -60..-33 and 80-BF are -128..-65 */
  __m128i l = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-61)),
                            _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));

  *lead = (unsigned)_mm_movemask_epi8(l);
  *cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
#else
  unsigned k;

  *lead = *cont = 0;
  for (k = 0; k < 16; k++) {
    *lead |= (unsigned)(p[k] >= 0xC4 && p[k] <= 0xDF) << k;
    *cont |= (unsigned)(p[k] >= 0x80 && p[k] <= 0xBF) << k;
  }
#endif
}

/* The bytes of the two-byte letters among p[0..16): each lead byte C4-DF
 * and the continuation byte right after it (block16_letters2), when both
 * are there.  Bits of other bytes of 0x80 or more stay clear. */
static inline unsigned block16_pairs(const unsigned char *p)
{
  unsigned lead, cont;

  block16_letters2(p, &lead, &cont);
  lead &= cont >> 1;
  return lead | lead << 1;
}

/* Masks of the ASCII letters, the upper-case ones and the bytes of 0x80
 * or more among p[0..16). */
static inline void block16_alpha(const unsigned char *p, unsigned *alpha,
                                 unsigned *upper, unsigned *high)
{
#if NC_SSE2
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* lower case */

  *alpha = (unsigned)_mm_movemask_epi8(
      _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
                    _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1))));
  *upper = (unsigned)_mm_movemask_epi8(
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1))));
  *high = (unsigned)_mm_movemask_epi8(v);
#else
  unsigned k;

  *alpha = *upper = *high = 0;
  for (k = 0; k < 16; k++) {
    *alpha |= (unsigned)nc_is_alpha(p[k]) << k;
    *upper |= (unsigned)(p[k] >= 'A' && p[k] <= 'Z') << k;
    *high |= (unsigned)(p[k] >= 0x80) << k;
  }
#endif
}

/* Number of bits set in a 16-bit mask: the popcnt instruction is not in
 * every x86-64 (nor used without -mpopcnt), and two look-ups in a table
 * of the counts of each byte cost less than adding up the bits. */
static inline unsigned popcount16(unsigned x)
{
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
  static const unsigned char bits8[256] = {B6(0), B6(1), B6(1), B6(2)};
#undef B6
#undef B4
#undef B2

  return (unsigned)bits8[x & 0xFF] + bits8[x >> 8 & 0xFF];
}

/* ASCII lower case, local so the scanning loops stay tight. */
static inline int lower(int c)
{
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* True when s[0..n) starts with phrase p, ignoring ASCII case, and the
 * phrase ends at a word boundary (or with punctuation/space). */
static inline bool starts_with_ci(const char *s, size_t n,
                                  const struct phrase *p)
{
  size_t m = p->len, i;

  if (m > n)
    return false;
  for (i = 0; i < m; i++) {
    if (lower((unsigned char)s[i]) != (unsigned char)p->s[i])
      return false;
  }
  if (m == n)
    return true;
  /* "sign up" must not match "signature"; a phrase that ends in a space
   * or punctuation already delimits itself. */
  if (nc_is_alnum((unsigned char)p->s[m - 1]) &&
      nc_is_alnum((unsigned char)s[m]))
    return false;
  return true;
}

/* Most phrases in one index (each letter-led one takes two slots). */
#define MAX_PHRASES 128
/* Bits of the filter of the first four bytes of the phrases. */
#define QUAD_BITS 4096

/* A hash of the four bytes at s, the same for the two cases of each
 * letter: OR-ing 0x20 into every byte turns 'A'-'Z' into 'a'-'z' and
 * leaves a byte equal to a phrase's (lower case) byte equal to its image
 * too, so a place that starts a phrase hashes as the phrase does. */
static inline unsigned quad_hash(const char *s)
{
  uint32_t w;

  memcpy(&w, s, 4);
  return (unsigned)(((w | 0x20202020u) * 0x9E3779B1u) >> 20) & (QUAD_BITS - 1);
}

/* The phrases of one or more lists grouped by first byte, built once per
 * document: a line is then compared only with the phrases that can match
 * at each place, and a place where none starts costs one table look-up.
 * Each phrase keeps the group bit of its list, so that one pass over a
 * line can look for the phrases of several lists. */
struct phrase_index {
  /* at[first[c] .. first[c + 1]) are the phrases that start with byte c;
   * a letter is filed under both cases */
  unsigned short first[257];
  struct {
    const struct phrase *p;
    unsigned group;
  } at[2 * MAX_PHRASES];
  size_t shortest, longest; /* lengths of the shortest and longest */
  /* per byte: PH_START when a phrase starts with it, PH_ALNUM for ASCII
   * letters and digits */
  unsigned char cls[256];
  /* bit (a | b << 8) set for the first two bytes a, b of each phrase, in
   * either case of a letter: a quick "no" for most places where a word
   * starts, in one look-up of the text's two bytes as they are */
  uint64_t pairs[1024];
  /* when every phrase has four bytes or more (has_quads): bit
   * quad_hash() set for the first four bytes of each phrase, a "no" at
   * places where the first two bytes alone say "maybe" (phrase_groups) */
  uint64_t quads[QUAD_BITS / 64];
  bool has_quads;
  /* when has_quads: phrase_groups reads the text's four bytes only every
   * `step` bytes (shortest - 3, at most 8), and for the hash of those four
   * bytes, bit d of samples[] is set when some phrase holds four bytes of
   * that hash at its offset d (d < step) */
  unsigned step;
  unsigned char samples[QUAD_BITS];
};

enum { PH_START = 1, PH_ALNUM = 2 };

/* Mark the first two bytes a, b of a phrase (in lower case) in
 * ix->pairs, with each byte that lower() turns into them: a letter in
 * either case. */
static void add_pair(struct phrase_index *ix, size_t a, size_t b)
{
  size_t as[2] = {a, a >= 'a' && a <= 'z' ? a - 32 : a};
  size_t bs[2] = {b, b >= 'a' && b <= 'z' ? b - 32 : b};
  size_t i, j, h;

  for (i = 0; i < 2; i++) {
    for (j = 0; j < 2; j++) {
      h = as[i] | bs[j] << 8;
      ix->pairs[h >> 6] |= (uint64_t)1 << (h & 63);
    }
  }
}

/* Index the n lists of lists[], the phrases of lists[i] in group
 * groups[i] (a bit). */
static void index_phrases(struct phrase_index *ix,
                          const struct phrase *const *lists,
                          const unsigned *groups, size_t n)
{
  unsigned short count[256] = {0};
  size_t i, k, c, total = 0;

  ix->shortest = SIZE_MAX;
  ix->longest = 0;
  memset(ix->pairs, 0, sizeof ix->pairs);
  memset(ix->quads, 0, sizeof ix->quads);
  for (i = 0; i < n; i++) {
    for (k = 0; lists[i][k].s; k++) {
      const struct phrase *p = &lists[i][k];
      c = (unsigned char)p->s[0];
      assert(p->len > 0);
      count[c]++;
      total++;
      if (c >= 'a' && c <= 'z') {
        count[c - 32]++;
        total++;
      }
      if (p->len < ix->shortest)
        ix->shortest = p->len;
      if (p->len > ix->longest)
        ix->longest = p->len;
      if (p->len < 2)
        memset(ix->pairs, 0xFF, sizeof ix->pairs); /* no filter */
      else
        add_pair(ix, c, (unsigned char)p->s[1]);
      if (p->len >= 4) {
        unsigned h = quad_hash(p->s);
        ix->quads[h / 64] |= (uint64_t)1 << h % 64;
      }
    }
  }
  assert(total <= 2 * MAX_PHRASES);
  ix->has_quads = ix->shortest >= 4 && ix->shortest != SIZE_MAX;
  ix->step = 0;
  if (ix->has_quads) {
    ix->step = ix->shortest - 3 < 8 ? (unsigned)(ix->shortest - 3) : 8;
    memset(ix->samples, 0, sizeof ix->samples);
    for (i = 0; i < n; i++) {
      for (k = 0; lists[i][k].s; k++) {
        unsigned d;
        for (d = 0; d < ix->step; d++)
          ix->samples[quad_hash(lists[i][k].s + d)] |=
              (unsigned char)(1u << d);
      }
    }
  }
  ix->first[0] = 0;
  for (c = 0; c < 256; c++) {
    ix->first[c + 1] = (unsigned short)(ix->first[c] + count[c]);
    ix->cls[c] = (unsigned char)((count[c] ? PH_START : 0) |
                                 (nc_is_alnum((int)c) ? PH_ALNUM : 0));
  }
  memset(count, 0, sizeof count);
  for (i = 0; i < n; i++) {
    for (k = 0; lists[i][k].s; k++) {
      size_t slot;
      c = (unsigned char)lists[i][k].s[0];
      slot = ix->first[c] + count[c]++;
      ix->at[slot].p = &lists[i][k];
      ix->at[slot].group = groups[i];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
        slot = ix->first[c] + count[c]++;
        ix->at[slot].p = &lists[i][k];
        ix->at[slot].group = groups[i];
      }
    }
  }
}

/* Index one list. */
static void index_list(struct phrase_index *ix, const struct phrase *list)
{
  static const unsigned one = 1;

  index_phrases(ix, &list, &one, 1);
}

/* False when no phrase of ix can start s[0..n), by its first two
 * bytes. */
static inline bool pair_may_start(const char *s, size_t n,
                                  const struct phrase_index *ix)
{
  size_t h;

  if (n < 2)
    return true;
  h = (size_t)(unsigned char)s[0] | (size_t)(unsigned char)s[1] << 8;
  return (ix->pairs[h >> 6] >> (h & 63) & 1) != 0;
}

/* True when s[0..n) is one of the phrases of ix, ignoring case. */
static bool is_phrase(const char *s, size_t n, const struct phrase_index *ix)
{
  size_t i, j, c;

  if (n < ix->shortest || n > ix->longest)
    return false;
  c = (unsigned char)s[0];
  for (j = ix->first[c]; j < ix->first[c + 1]; j++) {
    const struct phrase *p = ix->at[j].p;
    if (p->len != n)
      continue;
    for (i = 0; i < n; i++) {
      if (lower((unsigned char)s[i]) != (unsigned char)p->s[i])
        break;
    }
    if (i == n)
      return true;
  }
  return false;
}

/* True when s[0..n) starts with one of the phrases of ix. */
static bool any_prefix(const char *s, size_t n, const struct phrase_index *ix)
{
  size_t j, c;

  if (n < ix->shortest || !pair_may_start(s, n, ix))
    return false;
  c = (unsigned char)s[0];
  for (j = ix->first[c]; j < ix->first[c + 1]; j++) {
    if (starts_with_ci(s, n, ix->at[j].p))
      return true;
  }
  return false;
}

/* Add to *found the groups (of those in want) of the phrases of ix that
 * s[i..n) starts with.  Inline up to the quick tests of the first two
 * bytes, which turns most places down, and of the first four, which
 * turns down most of the rest (a word like "in", "re" or "pr..." passes
 * the first).  The caller looks only where four bytes are left to read
 * when every phrase has four. */
static void phrases_at_slow(const char *s, size_t n, size_t i,
                            const struct phrase_index *ix, unsigned want,
                            unsigned *found);
static inline void phrases_at(const char *s, size_t n, size_t i,
                              const struct phrase_index *ix, unsigned want,
                              unsigned *found)
{
  unsigned h;

  if (!pair_may_start(s + i, n - i, ix))
    return;
  if (ix->has_quads) {
    h = quad_hash(s + i);
    if (!(ix->quads[h / 64] >> h % 64 & 1))
      return;
  }
  phrases_at_slow(s, n, i, ix, want, found);
}

static void phrases_at_slow(const char *s, size_t n, size_t i,
                            const struct phrase_index *ix, unsigned want,
                            unsigned *found)
{
  size_t j, c = (unsigned char)s[i];

  for (j = ix->first[c]; j < ix->first[c + 1]; j++) {
    if ((want & ~*found & ix->at[j].group) &&
        starts_with_ci(s + i, n - i, ix->at[j].p))
      *found |= ix->at[j].group;
  }
}

/* The groups (of those in want) of which a phrase occurs in s[0..n),
 * ignoring case, at word boundaries.  Stops once all are found.  A phrase
 * that opens with a letter or digit must open a word.
 *
 * When every phrase has four bytes or more (has_quads), the text is read
 * only at every step-th byte, not at every place where a phrase could
 * start: a phrase of L >= step + 3 bytes at p covers the first multiple j
 * of step at or after p (j - p < step) and the four bytes from there, so
 * the hash of the four bytes at j has bit j - p set in samples[].  Each
 * bit set there names one place p to compare; most of the text's samples
 * have none (a third of the work of looking at every word start). */
static unsigned phrase_groups(const char *s, size_t n,
                              const struct phrase_index *ix, unsigned want)
{
  const unsigned char *u = (const unsigned char *)s, *cls = ix->cls;
  size_t i, j;
  unsigned found = 0, carry = 0; /* 1 when byte i - 1 is a letter/digit */

  if (n < ix->shortest || want == 0)
    return 0;
  if (ix->has_quads) {
    for (j = 0; j + 4 <= n && found != want; j += ix->step) {
      unsigned d = ix->samples[quad_hash(s + j)];
      while (d) {
        size_t k = nc_ctz32(d), p;
        d &= d - 1;
        if (k > j)
          break; /* the phrase would start before the line */
        p = j - k;
        /* a letter or digit after another is inside a word */
        if (p == 0 || !(cls[u[p]] & PH_ALNUM) || !(cls[u[p - 1]] & PH_ALNUM))
          phrases_at(s, n, p, ix, want, &found);
      }
    }
    return found;
  }
  /* the places where a phrase starts, one byte at a time */
  for (i = 0; i + ix->shortest <= n && found != want; i++) {
    unsigned c = cls[u[i]];
    if ((c & PH_START) && !((c & PH_ALNUM) && carry))
      phrases_at(s, n, i, ix, want, &found);
    carry = (c & PH_ALNUM) != 0;
  }
  return found;
}

/* Groups of the phrases looked for anywhere in a line. */
enum { PHRASE_CREDIT = 1, PHRASE_FURNITURE = 2 };

/* Most words of a line in which a furniture phrase marks furniture. */
#define FURNITURE_PHRASE_WORDS 30

/* The phrase lists of the line tests, indexed. */
struct line_lists {
  struct phrase_index caption_prefixes, position_marks, furniture_prefixes;
  struct phrase_index furniture_lines;
  struct phrase_index phrases; /* credit and furniture phrases */
  /* words looked up whole (is_phrase): a word is compared only with
   * those of its length that start with its first letter */
  struct phrase_index credit_words, date_words, month_names;
};

static void line_lists_init(struct line_lists *ll)
{
  static const struct phrase *const lists[] = {credit_phrases,
                                                furniture_phrases};
  static const unsigned groups[] = {PHRASE_CREDIT, PHRASE_FURNITURE};

  index_list(&ll->caption_prefixes, caption_prefixes);
  index_list(&ll->position_marks, position_marks);
  index_list(&ll->furniture_prefixes, furniture_prefixes);
  index_list(&ll->furniture_lines, furniture_lines);
  index_list(&ll->credit_words, credit_words);
  index_list(&ll->date_words, date_words);
  index_list(&ll->month_names, month_names);
  index_phrases(&ll->phrases, lists, groups, 2);
}

/* ------------------------------------------------------------------ */
/* Shape of one block                                                  */

/* Most words in a line that the classifier tests as a whole (a caption
 * or a line of furniture). */
#define PROSE_WORDS 40
/* Most words of a time stamp line. */
#define TIMESTAMP_WORDS 12

/* The counts of a line.  No test of words goes past PROSE_WORDS, so
 * words stops at PROSE_WORDS + 1.  On a line that ends with a full stop
 * (ends_period) only words, digitwords, bullet and the ending are set:
 * every test that reads another count wants a line without a final stop
 * (is_all_caps, is_title_case, is_byline, title_like and the deck and
 * kicker rules).  Body text is mostly such lines, so most of the text is
 * only counted in words, sixteen bytes at a time (count_words).  Of such
 * a line the tests read words only against 0, 2, 6, TIMESTAMP_WORDS,
 * FURNITURE_PHRASE_WORDS and PROSE_WORDS, and against the last two only
 * when the line holds a furniture or credit phrase or opening: so a line
 * with more than TIMESTAMP_WORDS sure word starts (sure_words) is left
 * with words_floor set and words = TIMESTAMP_WORDS + 1, a lower bound,
 * made exact (exact_words) only when such a test comes to it.  On other
 * lines the counts of words (longwords, capwords, digitwords,
 * first_colon_words) also stop with words, as only the tests of lines of
 * at most 20 words read them; letters and upper cover the line, for
 * is_all_caps, up to where the rest of it could no longer make it mostly
 * capitals (count_letters). */
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
  bool words_floor;  /* words is a lower bound, not the count */
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
static inline size_t last_cp(const char *s, size_t n, uint32_t *cp)
{
  size_t k = 1;

  if ((unsigned char)s[n - 1] < 0x80) {
    *cp = (unsigned char)s[n - 1]; /* ASCII, the usual case */
    return 1;
  }
  while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
    k++;
  if (nc_utf8_decode(s + n - k, k, cp) != k) {
    *cp = (unsigned char)s[n - 1];
    return 1;
  }
  return k;
}

/* Count one finished word into sh. */
static inline void end_word(struct shape *sh, size_t wletters, bool wcap,
                            bool wdigits)
{
  sh->words++;
  if (wdigits)
    sh->digitwords++;
  if (wletters >= 4) {
    sh->longwords++;
    if (wcap)
      sh->capwords++;
  }
}

/* Set the fields of sh about how the line ends. */
static void measure_end(const char *s, size_t n, struct shape *sh)
{
  size_t e = n;
  uint32_t cp;

  /* skip closing quotes and brackets, then look at the stop */
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

/* Count the words and digit-only words of s[0..n) as measure() does,
 * and nothing else, stopping after PROSE_WORDS + 1 words.  A word is a
 * run of letters and digits, with an apostrophe between letters inside
 * it. */
static void count_words_exact(const char *s, size_t n, struct shape *sh)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, k;
  uint32_t cp;

  while (i < n) {
    bool digits = true;
    /* between words */
    if (u[i] < 0x80) {
      if (!nc_is_alnum(u[i])) {
        i++;
        continue;
      }
    } else {
      k = nc_utf8_decode(s + i, n - i, &cp);
      if (!wordish(cp)) {
        i += k;
        continue;
      }
    }
    /* a word starts at i */
    while (i < n) {
      unsigned c = u[i];
      if ((c | 0x20) - 'a' < 26) {
        /* ASCII letters, either case */
        digits = false;
        i++;
        while (i < n && ((unsigned)u[i] | 0x20) - 'a' < 26)
          i++;
        continue;
      }
      if (c - '0' < 10) {
        i++;
        continue;
      }
      if (c < 0x80) {
        cp = c;
        k = 1;
      } else {
        k = nc_utf8_decode(s + i, n - i, &cp);
        if (wordish(cp)) {
          digits = false; /* every word character outside ASCII is a
                             letter */
          i += k;
          continue;
        }
      }
      if (is_apostrophe(cp) && i + k < n) {
        uint32_t nx;
        nc_utf8_decode(s + i + k, n - i - k, &nx);
        if (wordish(nx)) {
          i += k;
          continue;
        }
      }
      break;
    }
    sh->words++;
    if (digits)
      sh->digitwords++;
    if (sh->words > PROSE_WORDS)
      return;
  }
}

/* For count_words, the masks of p[0..16): *a of the bytes in words that
 * need no decoding (ASCII letters and digits, two-byte letters), *odd of
 * those to take one code point at a time (apostrophes and the other
 * bytes of 0x80 or more). */
static inline void word_masks(const unsigned char *p, unsigned *a,
                              unsigned *odd)
{
  struct block16 b;

  block16_scan(p, &b);
  *a = b.alnum;
  *odd = b.apos | b.high;
  if (b.high) {
    unsigned pairs = block16_pairs(p);
    *a |= pairs;
    *odd &= ~pairs;
  }
}

/* Number of bits set in a 32-bit mask. */
static inline unsigned popcount32(uint32_t x)
{
  return popcount16(x & 0xFFFF) + popcount16(x >> 16);
}

/* Bytes a line must have for measure() to look for more than
 * PROSE_WORDS sure word starts (sure_words), not only for more than
 * TIMESTAMP_WORDS: shorter lines seldom have that many words, and the
 * look past the first few would be wasted. */
#define MANY_WORDS_BYTES (6 * PROSE_WORDS)

/* A lower bound on the words of s[0..n): the letters and digits that
 * open the line or follow a space, each of which starts a word whatever
 * else the line holds (a space is no part of a word), counted without
 * decoding.  The letters are the ASCII ones and the two-byte ones whose
 * bytes are both among the sixteen looked at (block16_letters2), as in
 * Cyrillic or Greek text.  The count stops once it passes `limit`, so
 * most of a line of prose goes unread; the last bytes, fewer than
 * sixteen, are not looked at. */
static size_t sure_words(const char *s, size_t n, size_t limit)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i, sure = 0;
  unsigned sp = 1; /* 1 when byte i - 1 is a space, or i is 0 */

  for (i = 0; n - i >= 16; i += 16) {
    struct block16 b;
    unsigned after;
    block16_scan(u + i, &b);
    after = b.space << 1 | sp; /* the bytes after a space */
    if (b.high & after) {
      /* a byte of 0x80 or more after a space: perhaps a two-byte letter
       * (in English text more often a quote or dash) */
      unsigned lead, cont;
      block16_letters2(u + i, &lead, &cont);
      b.alnum |= lead & cont >> 1;
    }
    sure += popcount16(b.alnum & after);
    if (sure > limit)
      break;
    sp = b.space >> 15;
  }
  return sure;
}

/* The number of words of s[0..n) (see count_words_exact), counting at
 * most PROSE_WORDS + 1.  The bytes are taken up to 32 at a time: up to the
 * first apostrophe or byte of 0x80 or more that is not part of a two-byte
 * letter (word_masks), the words starting among them are the letters and
 * digits not preceded by one.  That byte goes one code point at a time. */
static size_t count_words(const char *s, size_t n)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, words = 0;
  unsigned carry = 0; /* 1 when the byte before i is inside a word */
  uint32_t cp;

  while (i < n && words <= PROSE_WORDS) {
    size_t k;
    bool w, inword;
    if (n >= 16) {
      /* sixteen bytes, and sixteen more when the first hold no odd one;
       * fewer than sixteen left (the end of every line) the same way,
       * from the last sixteen of s moved down: byte by byte, they cost
       * more than the rest of a short line (a line shorter than sixteen
       * bytes goes byte by byte, but measure() counts none such) */
      uint32_t a, odd;
      unsigned a1, odd1, got = n - i >= 16 ? 16 : (unsigned)(n - i);
      if (got == 16) {
        word_masks(u + i, &a1, &odd1);
      } else {
        word_masks(u + n - 16, &a1, &odd1);
        a1 >>= 16 - got;
        odd1 >>= 16 - got;
      }
      a = a1;
      odd = odd1;
      if (!odd && n - i >= 32) {
        word_masks(u + i + 16, &a1, &odd1);
        a |= (uint32_t)a1 << 16;
        odd |= (uint32_t)odd1 << 16;
        got = 32;
      }
      if (!odd) {
        words += popcount32(a & ~(a << 1 | carry));
        carry = a >> (got - 1) & 1;
        i += got;
        continue;
      }
      /* the bytes before the odd one at once (it does not end a pair) */
      k = (size_t)nc_ctz32(odd);
      if (k) {
        a &= ((uint32_t)1 << k) - 1;
        words += popcount32(a & ~(a << 1 | carry));
        carry = a >> (k - 1) & 1;
        i += k;
      }
    }
    /* one code point */
    inword = carry != 0;
    if (u[i] < 0x80) {
      cp = u[i];
      k = 1;
      w = nc_is_alnum((int)cp);
    } else {
      k = nc_utf8_decode(s + i, n - i, &cp);
      w = wordish(cp);
    }
    if (w) {
      if (!inword)
        words++;
      inword = true;
    } else if (inword && is_apostrophe(cp) && i + k < n) {
      /* an apostrophe between letters stays inside the word */
      uint32_t nx;
      nc_utf8_decode(s + i + k, n - i - k, &nx);
      inword = wordish(nx);
    } else {
      inword = false;
    }
    carry = inword;
    i += k;
  }
  return words > PROSE_WORDS ? PROSE_WORDS + 1 : words;
}

/* Add the letters of s[0..n), and of those the upper-case ones, to sh as
 * measure() counts them, sixteen ASCII bytes at a time.  Only is_all_caps
 * reads these counts, and it wants four capitals to one other letter: it
 * stops once the lower-case letters so far are too many for the rest of
 * s to bring that about (one letter a byte at most), as then the counts
 * already say no. */
static void count_letters(const char *s, size_t n, struct shape *sh)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;

  while (i < n) {
    uint32_t cp;
    size_t k;
    if ((sh->letters - sh->upper) * 4 > sh->upper + (n - i))
      return;
    if (n - i >= 16) {
      unsigned alpha, upper, high, below;
      block16_alpha(u + i, &alpha, &upper, &high);
      if (!high) {
        sh->letters += popcount16(alpha);
        sh->upper += popcount16(upper);
        i += 16;
        continue;
      }
      /* the ASCII bytes before the first other one */
      k = nc_ctz32(high);
      below = (1u << k) - 1;
      sh->letters += popcount16(alpha & below);
      sh->upper += popcount16(upper & below);
      i += k;
    }
    if (u[i] < 0x80) {
      sh->letters += nc_is_alpha(u[i]);
      sh->upper += (unsigned)(u[i] - 'A') < 26u;
      i++;
      continue;
    }
    /* a run of other characters (a word in another script) */
    do {
      if ((unsigned)u[i] - 0xC4 < 0x1C && i + 1 < n &&
          (u[i + 1] & 0xC0) == 0x80) {
        /* a two-byte letter (lead C4-DF), the usual case */
        cp = (uint32_t)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
        sh->letters++;
        sh->upper += is_upper_cp(cp);
        i += 2;
        continue;
      }
      k = nc_utf8_decode(s + i, n - i, &cp);
      if (wordish(cp)) {
        /* every word character outside ASCII counts as a letter */
        sh->letters++;
        sh->upper += is_upper_cp(cp);
      }
      i += k;
    } while (i < n && u[i] >= 0x80);
  }
}

/* Masks for measure() of p[0..16): the ASCII letters, the upper-case
 * ones, the letters and digits, and the odd bytes that it takes one code
 * point at a time (0x80 or more, apostrophes and colons). */
static inline void block16_shape(const unsigned char *p, unsigned *alpha,
                                 unsigned *upper, unsigned *alnum,
                                 unsigned *odd)
{
#if NC_SSE2
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* lower case */
  /* signed compares: bytes of 0x80 or more are negative, so no range of
   * ASCII takes them */
  __m128i let = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
                              _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
  __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                             _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  __m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                              _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  __m128i odd_v =
      _mm_or_si128(v, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));

  *alpha = (unsigned)_mm_movemask_epi8(let);
  *upper = (unsigned)_mm_movemask_epi8(up);
  *alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(let, dig));
  *odd = (unsigned)_mm_movemask_epi8(odd_v);
#else
  unsigned k;

  *alpha = *upper = *alnum = *odd = 0;
  for (k = 0; k < 16; k++) {
    *alpha |= (unsigned)nc_is_alpha(p[k]) << k;
    *upper |= (unsigned)(p[k] >= 'A' && p[k] <= 'Z') << k;
    *alnum |= (unsigned)nc_is_alnum(p[k]) << k;
    *odd |= (unsigned)(p[k] >= 0x80 || p[k] == '\'' || p[k] == ':') << k;
  }
#endif
}

/* What measure() does with the bytes of p[0..16) before the first odd
 * one (block16_shape), at once, given its counts so far in sh and the
 * word it may be in (*inword, with its *wletters, *wcap and *wdigits).
 * Returns how many bytes it took: 0 when p[0] is odd, or SIZE_MAX (and
 * nothing done) when the words that may end among them could take the
 * line past PROSE_WORDS, where measure() stops counting words. */
static inline size_t measure16(const unsigned char *p, struct shape *sh,
                               bool *inword, size_t *wletters, bool *wcap,
                               bool *wdigits)
{
  unsigned alpha, upper, alnum, odd, lim, starts, run;

  block16_shape(p, &alpha, &upper, &alnum, &odd);
  lim = odd ? nc_ctz32(odd) : 16;
  if (lim == 0)
    return 0;
  if (lim < 16) {
    unsigned keep = (1u << lim) - 1;
    alpha &= keep;
    upper &= keep;
    alnum &= keep;
  }
  starts = alnum & ~(alnum << 1 | (unsigned)*inword);
  if (sh->words + popcount16(starts) + *inword > PROSE_WORDS)
    return SIZE_MAX;
  sh->letters += popcount16(alpha);
  sh->upper += popcount16(upper);
  if (*inword) {
    /* the open word goes on up to the first byte that is not a letter
     * or digit (~alnum has every bit from lim on) */
    unsigned m;
    run = nc_ctz32(~alnum);
    m = alpha & ((1u << run) - 1);
    if (m)
      *wdigits = false;
    *wletters += popcount16(m);
    if (run < lim) {
      end_word(sh, *wletters, *wcap, *wdigits);
      *inword = false;
    }
  }
  while (starts) {
    unsigned b = nc_ctz32(starts), m;
    starts &= starts - 1;
    run = b + nc_ctz32(~alnum >> b);
    m = alpha & ((1u << run) - 1) & ~((1u << b) - 1);
    if (run < lim) {
      end_word(sh, popcount16(m), (upper >> b & 1) != 0, m == 0);
    } else {
      *inword = true; /* the word goes on after p[lim - 1] */
      *wletters = popcount16(m);
      *wcap = (upper >> b & 1) != 0;
      *wdigits = m == 0;
    }
  }
  return lim;
}

static void measure(const char *s, size_t n, struct shape *sh)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, wletters = 0;
  bool inword = false, wcap = false, wdigits = true, seen_letter = false;
  bool fast = true; /* measure16 may take the next bytes */
  uint32_t cp;

  memset(sh, 0, sizeof *sh);
  sh->first_colon_words = SIZE_MAX;
  if (n > 0) {
    nc_utf8_decode(s, n, &cp);
    sh->bullet = is_bullet(cp);
  }
  measure_end(s, n, sh);
  if (sh->ends_period) {
    /* only the word counts matter (see struct shape); the digit-only
     * words only on a line short enough to be a time stamp, as a line
     * of 2 * TIMESTAMP_WORDS bytes or less is (a word and the byte that
     * ends it take two) */
    size_t sure = 0;
    if (n > 2 * TIMESTAMP_WORDS)
      sure = sure_words(s, n,
                        n >= MANY_WORDS_BYTES ? PROSE_WORDS : TIMESTAMP_WORDS);
    if (sure > PROSE_WORDS) {
      sh->words = PROSE_WORDS + 1;
      return;
    }
    if (sure > TIMESTAMP_WORDS) {
      sh->words = TIMESTAMP_WORDS + 1;
      sh->words_floor = true;
      return;
    }
    sh->words = n > 2 * TIMESTAMP_WORDS ? count_words(s, n) : 0;
    if (sh->words <= TIMESTAMP_WORDS) {
      sh->words = 0;
      count_words_exact(s, n, sh);
    }
    return;
  }
  while (i < n) {
    unsigned c = u[i];
    size_t k;
    bool w;
    if (seen_letter && fast && n - i >= 16 &&
        !(nc_load8(s + i, 8) & 0x8080808080808080u)) {
      /* after the first letter, sixteen ASCII bytes at a time (when at
       * least the next eight are ASCII: not worth the masks in another
       * script) */
      size_t got = measure16(u + i, sh, &inword, &wletters, &wcap, &wdigits);
      if (got == SIZE_MAX) {
        fast = false; /* near PROSE_WORDS: byte by byte from here */
      } else if (got) {
        i += got;
        continue;
      }
    }
    if (c - 'a' < 26 || c - 'A' < 26) {
      /* ASCII letters, the bulk of any text: one letter and the run of
       * lower-case letters after it are counted at once */
      bool up = c <= 'Z';
      size_t j = i + 1;
      while (j < n && (unsigned)u[j] - 'a' < 26)
        j++;
      if (!inword) {
        inword = true;
        wletters = 0;
        wcap = up;
      }
      wdigits = false;
      wletters += j - i;
      sh->letters += j - i;
      if (up)
        sh->upper++;
      if (!seen_letter) {
        seen_letter = true;
        sh->first_lower = !up && sh->words == 0;
      }
      i = j;
      continue;
    }
    if (c - '0' < 10) {
      if (!inword) {
        inword = true;
        wletters = 0;
        wdigits = true;
        wcap = false;
      }
      i++;
      continue;
    }
    if (c - 0xC4 < 0x1C && inword && seen_letter && i + 1 < n &&
        (u[i + 1] & 0xC0) == 0x80) {
      /* inside a word, a run of two-byte letters (lead bytes C4-DF:
       * Cyrillic, Greek...), counted as the general case below would */
      wdigits = false;
      do {
        cp = (uint32_t)(c & 0x1F) << 6 | (u[i + 1] & 0x3F);
        wletters++;
        sh->letters++;
        sh->upper += is_upper_cp(cp);
        i += 2;
      } while (i + 1 < n && (c = u[i]) - 0xC4 < 0x1C &&
               (u[i + 1] & 0xC0) == 0x80);
      continue;
    }
    if (c < 0x80) {
      cp = c;
      k = 1;
      w = false;
    } else {
      k = nc_utf8_decode(s + i, n - i, &cp);
      w = wordish(cp);
    }
    if (w) {
      bool up = is_upper_cp(cp);
      if (!inword) {
        inword = true;
        wletters = 0;
        wcap = up;
      }
      /* every word character outside ASCII counts as a letter */
      wdigits = false;
      wletters++;
      sh->letters++;
      if (up)
        sh->upper++;
      if (!seen_letter) {
        seen_letter = true;
        sh->first_lower = is_lower_cp(cp) && sh->words == 0;
      }
      i += k;
      continue;
    }
    if (inword) {
      /* an apostrophe between letters stays inside the word */
      if (is_apostrophe(cp) && i + k < n) {
        uint32_t nx;
        nc_utf8_decode(s + i + k, n - i - k, &nx);
        if (wordish(nx)) {
          i += k;
          continue;
        }
      }
      inword = false;
      end_word(sh, wletters, wcap, wdigits);
    }
    if (cp == ':' && sh->first_colon_words == SIZE_MAX)
      sh->first_colon_words = sh->words;
    i += k;
    if (sh->words > PROSE_WORDS) {
      /* only the letters count from here on (see struct shape) */
      count_letters(s + i, n - i, sh);
      return;
    }
  }
  if (inword)
    end_word(sh, wletters, wcap, wdigits);
}

/* Count the words of the line s[0..n) of shape sh where measure() left
 * only a lower bound. */
static void exact_words(struct shape *sh, const char *s, size_t n)
{
  if (sh->words_floor) {
    sh->words = count_words(s, n);
    sh->words_floor = false;
  }
}

/* Whether the line s[0..n) of shape sh has at most `limit` words: a lower
 * bound above the limit already says no. */
static bool words_at_most(struct shape *sh, const char *s, size_t n,
                          size_t limit)
{
  if (sh->words <= limit)
    exact_words(sh, s, n);
  return sh->words <= limit;
}

/* The phrase groups that count on a line of `words` words. */
static unsigned groups_for(size_t words)
{
  return (words <= PROSE_WORDS ? PHRASE_CREDIT : 0) |
         (words <= FURNITURE_PHRASE_WORDS ? PHRASE_FURNITURE : 0);
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

/* True when a word of s[0..n) is in ix (ASCII, case-insensitive). */
static bool has_word_in(const char *s, size_t n, const struct phrase_index *ix)
{
  size_t i = 0;

  while (i < n) {
    size_t j;
    while (i < n && !nc_is_alpha((unsigned char)s[i]))
      i++;
    j = i;
    while (j < n && nc_is_alpha((unsigned char)s[j]))
      j++;
    if (j > i && is_phrase(s + i, j - i, ix))
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
static bool mentions_date(const char *s, size_t n, const struct line_lists *ll)
{
  size_t i;

  if (has_word_in(s, n, &ll->month_names))
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

/* A caption or credit line, told from the line alone; groups are the
 * phrase groups found in it (phrase_groups). */
static bool is_caption(const char *s, size_t n, const struct line_lists *ll,
                       unsigned groups)
{
  const char *in;
  size_t inlen, i;

  if (any_prefix(s, n, &ll->caption_prefixes))
    return true;
  /* a trailing credit in parentheses: "(AP Photo/Evan Vucci)" */
  if (closing_paren(s, n, &in, &inlen) &&
      (has_word_in(in, inlen, &ll->credit_words) || slash_credit(in, inlen)))
    return true;
  /* "(L)" / "(R)" markers next to a date describe a photo */
  for (i = 0; i < n; i++) {
    const char *p = memchr(s + i, '(', n - i);
    if (!p)
      break;
    i = (size_t)(p - s);
    if (any_prefix(p, n - i, &ll->position_marks))
      return mentions_date(s, n, ll);
  }
  /* "... Source: The White House, via Wikimedia Commons", looked for
   * only on lines of at most PROSE_WORDS words */
  return (groups & PHRASE_CREDIT) != 0;
}

/* The headline repeated as the caption of the lead picture. */
static bool repeats_headline(const char *s, size_t n, const char *headline,
                             size_t hlen)
{
  return hlen > 0 && n > hlen && memcmp(s, headline, hlen) == 0 &&
         !nc_is_alnum((unsigned char)s[hlen]);
}

/* The line without bullets, pipes and white space at its edges, and
 * without trailing punctuation, for whole-line comparisons. */
static void core_text(const char *s, size_t n, const char **cs, size_t *cn)
{
  size_t a = 0, b = n;
  uint32_t cp;

  while (a < b) {
    size_t k, sp;
    if ((unsigned char)s[a] < 0x80) {
      /* ASCII, the usual case, as the general test below takes it: the
       * spaces and bullets are among the other punctuation */
      if (nc_is_alnum((unsigned char)s[a]) || s[a] == '(' || s[a] == '"' ||
          s[a] == '\'')
        break;
      a++;
      continue;
    }
    k = nc_utf8_decode(s + a, b - a, &cp);
    sp = space_len(s + a, b - a);
    if (sp)
      a += sp;
    else if (is_bullet(cp) || (cp < 0x80 && !nc_is_alnum((int)cp) &&
                                cp != '(' && cp != '"' && cp != '\''))
      a += k;
    else
      break;
  }
  while (b > a) {
    size_t k;
    if ((unsigned char)s[b - 1] < 0x80) {
      /* ASCII: as below, white space and punctuation but ')' go */
      if (nc_is_alnum((unsigned char)s[b - 1]) || s[b - 1] == ')')
        break;
      b--;
      continue;
    }
    k = last_cp(s + a, b - a, &cp);
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
  static const struct phrase by = PH("by");

  if (sh->words > 10 || sh->ends_period)
    return false;
  if (!starts_with_ci(s, n, &by))
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
static bool is_timestamp(const char *s, size_t n, const struct shape *sh,
                         const struct line_lists *ll)
{
  size_t i = 0;

  if (sh->digitwords == 0 || sh->words > TIMESTAMP_WORDS)
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
        !is_phrase(s + i, j - i, &ll->date_words))
      return false;
    i = j;
  }
  return true;
}

/* Boilerplate that can be recognised from the line alone; groups as for
 * is_caption. */
static bool is_furniture(const char *s, size_t n, struct shape *sh,
                         const struct line_lists *ll, unsigned groups)
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
  if (is_phrase(cs, cn, &ll->furniture_lines))
    return true;
  /* words is at least a lower bound: the opening is looked for only
   * where it can count, and the words counted only where it is there */
  if (sh->words <= PROSE_WORDS &&
      any_prefix(cs, cn, &ll->furniture_prefixes) &&
      words_at_most(sh, s, n, PROSE_WORDS))
    return true;
  if (groups & PHRASE_FURNITURE)
    return true;
  if (sh->ends_weak && s[n - 1] == ':' && sh->words <= 4)
    return true; /* "Generated on:", "Share this:" */
  if (is_byline(s, n, sh))
    return true;
  if (is_timestamp(s, n, sh, ll))
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

/* Offset of the first byte c in in[from..len), or len. */
static size_t next_byte(const char *in, size_t from, size_t len, char c)
{
  const char *p = from < len ? memchr(in + from, c, len - from) : NULL;

  return p ? (size_t)(p - in) : len;
}

/* Cut input[from..len) into trimmed non-empty lines. */
static void split_lines(const char *in, size_t from, size_t len,
                        struct line **out, size_t *nout)
{
  struct line *v = NULL;
  size_t n = 0, cap = 0, i = from, nl, cr;
  bool blank = false;

  /* nl and cr are the next '\n' and '\r' at or after i (len when there is
   * none); each is searched again only once i has passed it, so every
   * byte is looked at a bounded number of times. */
  nl = next_byte(in, from, len, '\n');
  cr = next_byte(in, from, len, '\r');
  while (i < len) {
    size_t a = i, b, e;
    if (nl < i) /* an empty line (every other one) needs no search */
      nl = in[i] == '\n' ? i : next_byte(in, i, len, '\n');
    if (cr < i)
      cr = next_byte(in, i, len, '\r');
    i = nl < cr ? nl : cr;
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
    if (n == cap)
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

/* What the story-order pass of classify() reads of a line, kept for each
 * block: eight bytes, where a whole struct shape (64) per block filled
 * fresh pages on a long page only to be read back in part. */
struct verdict {
  unsigned char words; /* at most PROSE_WORDS + 1 (see struct shape); on
                          a line ending with a full stop perhaps a lower
                          bound, but no verdict there depends on it */
  bool local;          /* a caption or boilerplate by the line alone */
  bool banner;         /* is_all_caps or is_title_case */
  bool kicker;         /* at most KICKER_MAX_WORDS words before a ':' */
  bool terminal, ends_period, ends_weak, first_lower; /* as in shape */
};

/* The verdict of a block that is not local (a local one only needs
 * local set: the story-order pass reads nothing else of it). */
static void verdict_set(struct verdict *v, const struct shape *sh)
{
  assert(sh->words <= PROSE_WORDS + 1);
  v->words = (unsigned char)sh->words;
  v->banner = is_all_caps(sh) || is_title_case(sh);
  v->kicker = sh->first_colon_words <= KICKER_MAX_WORDS;
  v->terminal = sh->terminal;
  v->ends_period = sh->ends_period;
  v->ends_weak = sh->ends_weak;
  v->first_lower = sh->first_lower;
}

/* Title-like: no final stop, not cut off by a comma, not lower case. */
static bool title_like(const struct verdict *v)
{
  return !v->ends_period && !v->ends_weak && !v->first_lower && v->words >= 3;
}

static bool headline_sized(const struct verdict *v, size_t len)
{
  return v->words <= HEADLINE_MAX_WORDS && len <= HEADLINE_MAX_BYTES;
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
  struct verdict *vd = xcalloc(n ? n : 1, sizeof *vd);
  /* the shape of the line at hand; in memory, as the array of shapes
   * it replaces was: as a local, the compiler holds its fields in
   * registers through measure()'s loops, which then run slower */
  struct shape *shape = xmalloc(sizeof *shape);
  const char *head = NULL;
  size_t hlen = 0;
  enum zone zone = ZONE_TOP;
  struct line_lists *ll = xmalloc(sizeof *ll); /* ~140 KB: not on the
                                                  stack */

  line_lists_init(ll);
  /* first the verdicts one line can give on its own */
  for (i = 0; i < n; i++) {
    struct nc_block *b = &doc->blocks[i];
    measure(b->text, b->len, shape);
    /* the phrases that count on a line of this length, in one pass;
     * where the words have only a lower bound, first those that count
     * on a line of that many (all of them), and the words are counted
     * only when one is found */
    unsigned groups = phrase_groups(b->text, b->len, &ll->phrases,
                                    groups_for(shape->words));
    if (groups && shape->words_floor) {
      exact_words(shape, b->text, b->len);
      groups &= groups_for(shape->words);
    }
    if (is_caption(b->text, b->len, ll, groups)) {
      b->kind = NC_BLOCK_CAPTION;
      vd[i].local = true;
    } else if (is_furniture(b->text, b->len, shape, ll, groups)) {
      b->kind = NC_BLOCK_BOILERPLATE;
      vd[i].local = true;
    } else {
      verdict_set(&vd[i], shape);
    }
  }
  /* then the story's order: headline, deck, body */
  for (i = 0; i < n; i++) {
    struct nc_block *b = &doc->blocks[i];
    const struct verdict *s = &vd[i];
    if (s->local)
      continue;
    /* the line-alone caption tests already failed on this block (it is
     * not local), so only the headline test is left */
    if (head && repeats_headline(b->text, b->len, head, hlen)) {
      b->kind = NC_BLOCK_CAPTION;
      continue;
    }
    if (zone == ZONE_BODY) {
      if (s->banner)
        b->kind = NC_BLOCK_BOILERPLATE;
      else
        b->kind = NC_BLOCK_BODY;
      continue;
    }
    if (!head && headline_sized(s, b->len) &&
        (title_like(s) || (s->terminal && !s->ends_period))) {
      /* a short "Who: what" line just above another title is a kicker */
      size_t j = i + 1;
      while (j < n && vd[j].local)
        j++;
      if (s->kicker && j < n && title_like(&vd[j]) &&
          headline_sized(&vd[j], doc->blocks[j].len)) {
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
  free(ll);
  free(shape);
  free(vd);
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
  /* a block per line at most: room for them at once, where growing the
   * array block by block would copy it over again on the way */
  nc_grow(&doc->blocks, &doc->cap, nlines, sizeof *doc->blocks);
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

/* Release an input that no document took. */
static void drop_input(char *data, size_t len, bool mapped)
{
  if (mapped)
    nc_unmap_file(data, len);
  else
    free(data);
}

enum nc_status nc_doc_load(const struct nc_source *src, struct nc_doc **out,
                           struct nc_error *err)
{
  const char *name;
  char *data = NULL;
  size_t len = 0, bad = 0, i;
  bool html, u16, u16markup, mapped;
  enum nc_status st;
  const char *nul;

  if (!src || !src->path)
    return nc_error_set(err, NC_IO, src && src->id ? src->id : NULL, 0,
                        "no file to read");
  name = strcmp(src->path, "-") == 0 ? "<stdin>" : src->path;
  /* a file is mapped, not copied, when it can be (most plain text) */
  mapped = nc_map_file(src->path, NC_MAX_INPUT_BYTES, &data, &len);
  if (!mapped) {
    st = nc_read_file(src->path, NC_MAX_INPUT_BYTES, &data, &len, err);
    if (st != NC_OK)
      return st;
  }
  if (len == 0) {
    drop_input(data, len, mapped);
    return nc_error_set(err, NC_PARSE, name, 0, "empty file");
  }
  u16 = utf16_bom(data, len, &u16markup);
  html = ends_with_ci(src->path, ".html") || ends_with_ci(src->path, ".htm") ||
         looks_like_html(data, len) || u16markup;
  if (u16 && !html) {
    drop_input(data, len, mapped);
    return nc_error_set(err, NC_PARSE, name, 0,
                        "UTF-16 text is not supported (convert it to "
                        "UTF-8)");
  }
  nul = u16 ? NULL : memchr(data, '\0', len);
  if (nul) {
    size_t off = (size_t)(nul - data);
    drop_input(data, len, mapped);
    return nc_error_set(err, NC_PARSE, name, 0,
                        "binary file (NUL byte at offset %zu)", off);
  }
  if (html) {
    /* html.c converts the charset, then checks the UTF-8, in a buffer of
     * its own */
    if (mapped) {
      char *copy = xmalloc(len + 1);
      memcpy(copy, data, len);
      copy[len] = '\0';
      nc_unmap_file(data, len);
      data = copy;
    }
    st = nc_doc_from_html(src, data, len, src->charset, out, err);
    if (st != NC_OK && err && err->file[0] == '\0')
      snprintf(err->file, sizeof err->file, "%s", name);
    return st;
  }
  if (!nc_utf8_valid(data, len, &bad)) {
    long line = line_of(data, bad);
    drop_input(data, len, mapped);
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
    drop_input(data, len, mapped);
    return nc_error_set(err, NC_PARSE, name, 0,
                        "no text (the file holds only white space)");
  }
  st = nc_doc_from_text(src, data, len, out, err);
  if (st == NC_OK)
    (*out)->input_mapped = mapped;
  return st;
}
