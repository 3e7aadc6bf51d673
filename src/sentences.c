/* sentences.c: cuts the claim-feeding blocks of a document into sentences.
 * Takes a document's blocks and the abbreviation list of data/lexicon;
 * produces sentences as byte ranges of their block, each with the spans of
 * quoted speech it holds.  One pass per block, linear in its length. */
#include "newscheck/sentences.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simd.h"

#include <cjson/cJSON.h>

/* ------------------------------------------------------------------ */
/* Abbreviations                                                       */

/* What a word of the list does at a full stop; words are flags so one
 * word may be both ("No." is numbering, "No" a sentence starter). */
enum {
  AB_NEVER = 1,   /* never ends a sentence: "Mr.", "e.g." */
  AB_NUMBER = 2,  /* not before a number: "No. 5", "Nov. 18" */
  AB_MAYBE = 4,   /* ends one only before a sentence starter: "Inc." */
  AB_STARTER = 8  /* a word that often opens a sentence: "The" */
};

/* Longest abbreviation or starter kept, in bytes. */
#define AB_MAX_WORD 31

/* Longest sentence kept whole, in bytes.  A longer run with no sentence
 * end (a flattened table, a page on one line, hostile input) is cut at
 * the next white space, or at 12 times this size (48 KiB) when there is
 * none, so that the work later stages do per sentence stays bounded and
 * the whole stays linear. */
#define MAX_SENTENCE 4096

struct ab_slot {
  char *word; /* NULL when the slot is free */
  size_t len; /* strlen(word) */
  unsigned flags;
};

struct nc_abbrevs {
  struct ab_slot *slots; /* open addressing, power-of-two size */
  size_t cap, n;
  /* bit c & 31 of firsts[len] is set when a word of len bytes that
   * starts with byte c is listed: most words looked up are not, and this
   * tells so without hashing them */
  uint32_t firsts[AB_MAX_WORD + 1];
  size_t longest_dotted; /* bytes of the longest word listed that ends
                            with its '.' ("Lt.-Gen.") */
};

/* The fields of abbreviations.json and what their words do. */
static const struct {
  const char *field;
  unsigned flags;
} ab_fields[] = {
  {"titles", AB_NEVER},     {"never_end", AB_NEVER},
  {"months", AB_NUMBER},    {"numbering", AB_NUMBER},
  {"may_end", AB_MAYBE},    {"sentence_starters", AB_STARTER},
};

static uint64_t ab_hash(const char *s, size_t n)
{
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  size_t i;

  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static struct ab_slot *ab_find(const struct nc_abbrevs *ab, const char *s,
                               size_t n)
{
  size_t i;

  if (!ab || ab->cap == 0 || n == 0 || n > AB_MAX_WORD ||
      !(ab->firsts[n] >> ((unsigned char)s[0] & 31) & 1))
    return NULL;
  i = (size_t)ab_hash(s, n) & (ab->cap - 1);
  while (ab->slots[i].word) {
    if (ab->slots[i].len == n && memcmp(ab->slots[i].word, s, n) == 0)
      return &ab->slots[i];
    i = (i + 1) & (ab->cap - 1);
  }
  return NULL;
}

static void ab_insert(struct nc_abbrevs *ab, const char *w, unsigned flags);

static void ab_rehash(struct nc_abbrevs *ab, size_t cap)
{
  struct ab_slot *old = ab->slots;
  size_t oldcap = ab->cap, i;

  ab->slots = xcalloc(cap, sizeof *ab->slots);
  ab->cap = cap;
  ab->n = 0;
  for (i = 0; i < oldcap; i++) {
    if (old[i].word) {
      ab_insert(ab, old[i].word, old[i].flags);
      free(old[i].word);
    }
  }
  free(old);
}

static void ab_insert(struct nc_abbrevs *ab, const char *w, unsigned flags)
{
  size_t n = strlen(w), i;
  struct ab_slot *hit;

  assert(n > 0 && n <= AB_MAX_WORD); /* checked by ab_load_field */
  hit = ab_find(ab, w, n);
  if (hit) {
    hit->flags |= flags;
    return;
  }
  if ((ab->n + 1) * 2 > ab->cap)
    ab_rehash(ab, ab->cap ? ab->cap * 2 : 64);
  i = (size_t)ab_hash(w, n) & (ab->cap - 1);
  while (ab->slots[i].word)
    i = (i + 1) & (ab->cap - 1);
  ab->slots[i].word = xstrdup(w);
  ab->slots[i].len = n;
  ab->slots[i].flags = flags;
  ab->firsts[n] |= (uint32_t)1 << ((unsigned char)w[0] & 31);
  if (w[n - 1] == '.' && n > ab->longest_dotted)
    ab->longest_dotted = n;
  ab->n++;
}

void nc_abbrevs_free(struct nc_abbrevs *ab)
{
  size_t i;

  if (!ab)
    return;
  for (i = 0; i < ab->cap; i++)
    free(ab->slots[i].word);
  free(ab->slots);
  free(ab);
}

/* Line of byte `off` in data, for JSON syntax errors. */
static long json_line(const char *data, size_t off)
{
  long line = 1;
  size_t i;

  for (i = 0; i < off; i++) {
    if (data[i] == '\n')
      line++;
  }
  return line;
}

/* Add the words of one array field; reports the field on error. */
static enum nc_status ab_load_field(struct nc_abbrevs *ab, const cJSON *root,
                                    const char *field, unsigned flags,
                                    const char *path, struct nc_error *err)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, field);
  const cJSON *it;
  size_t idx = 0;

  if (!arr)
    return NC_OK;
  if (!cJSON_IsArray(arr))
    return nc_error_set(err, NC_RULE, path, 0,
                        "field \"%s\" must be an array of strings", field);
  cJSON_ArrayForEach(it, arr)
  {
    const char *w = cJSON_IsString(it) ? it->valuestring : NULL;
    size_t n = w ? strlen(w) : 0;
    if (!w || n == 0 || n > AB_MAX_WORD)
      return nc_error_set(err, NC_RULE, path, 0,
                          "field \"%s\", item %zu: expected a word of 1 to "
                          "%d bytes",
                          field, idx, AB_MAX_WORD);
    if (flags != AB_STARTER && w[n - 1] != '.')
      return nc_error_set(err, NC_RULE, path, 0,
                          "field \"%s\", item %zu (\"%s\"): an abbreviation "
                          "must end with '.'",
                          field, idx, w);
    if (flags == AB_STARTER && strchr(w, ' '))
      return nc_error_set(err, NC_RULE, path, 0,
                          "field \"%s\", item %zu (\"%s\"): one word only",
                          field, idx, w);
    if (ab_find(ab, w, n))
      return nc_error_set(err, NC_RULE, path, 0,
                          "field \"%s\", item %zu (\"%s\"): listed twice "
                          "in the file",
                          field, idx, w);
    ab_insert(ab, w, flags);
    idx++;
  }
  return NC_OK;
}

/* Check the top-level fields: "comment" (a string) or one of ab_fields,
 * none twice. */
static enum nc_status ab_check_fields(const cJSON *root, const char *path,
                                      struct nc_error *err)
{
  enum { NFIELDS = sizeof ab_fields / sizeof ab_fields[0] };
  int seen[NFIELDS + 1] = {0};
  const cJSON *it;

  cJSON_ArrayForEach(it, root)
  {
    size_t k = 0;
    if (strcmp(it->string, "comment") == 0) {
      if (!cJSON_IsString(it))
        return nc_error_set(err, NC_RULE, path, 0,
                            "field \"comment\" must be a string");
      k = NFIELDS;
    } else {
      while (k < NFIELDS && strcmp(ab_fields[k].field, it->string) != 0)
        k++;
      if (k == NFIELDS)
        return nc_error_set(err, NC_RULE, path, 0,
                            "unknown top-level field \"%s\"", it->string);
    }
    if (seen[k])
      return nc_error_set(err, NC_RULE, path, 0,
                          "duplicate top-level field \"%s\"", it->string);
    seen[k] = 1;
  }
  return NC_OK;
}

enum nc_status nc_abbrevs_load(const char *dir, struct nc_abbrevs **out,
                               struct nc_error *err)
{
  struct nc_buf path = {0};
  char *data = NULL;
  size_t len = 0, i;
  cJSON *root = NULL;
  const char *end = NULL;
  struct nc_abbrevs *ab = NULL;
  enum nc_status st;

  nc_buf_printf(&path, "%s/abbreviations.json", dir ? dir : ".");
  st = nc_read_file(path.data, NC_MAX_INPUT_BYTES, &data, &len, err);
  if (st != NC_OK)
    goto cleanup;
  root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
  if (!root) {
    size_t off = end && end >= data && end <= data + len
                     ? (size_t)(end - data)
                     : 0;
    long line = json_line(data, off);
    st = nc_error_set(err, NC_RULE, path.data, line,
                      "invalid JSON near line %ld", line);
    goto cleanup;
  }
  if (!cJSON_IsObject(root)) {
    st = nc_error_set(err, NC_RULE, path.data, 0,
                      "expected a JSON object of word lists");
    goto cleanup;
  }
  st = ab_check_fields(root, path.data, err);
  if (st != NC_OK)
    goto cleanup;
  ab = xcalloc(1, sizeof *ab);
  for (i = 0; i < sizeof ab_fields / sizeof ab_fields[0]; i++) {
    st = ab_load_field(ab, root, ab_fields[i].field, ab_fields[i].flags,
                       path.data, err);
    if (st != NC_OK)
      goto cleanup;
  }
  *out = ab;
  ab = NULL;
  st = NC_OK;
cleanup:
  nc_abbrevs_free(ab);
  ab = NULL;
  cJSON_Delete(root);
  root = NULL;
  free(data);
  data = NULL;
  nc_buf_free(&path);
  return st;
}

/* ------------------------------------------------------------------ */
/* Characters                                                          */

/* Byte length of white space at s[0..len) (ASCII, NBSP, U+2000-200B,
 * U+202F, U+2028/9), or 0. */
static inline size_t space_len(const char *s, size_t len)
{
  const unsigned char *u = (const unsigned char *)s;

  if (len == 0)
    return 0;
  if (nc_is_space(u[0]))
    return 1;
  if (u[0] < 0x80)
    return 0;
  if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
      ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xA8 || u[2] == 0xA9 ||
       u[2] == 0xAF))
    return 3;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    return 3;
  return 0;
}

/* True when white space ends just before t[i] (not looking before
 * t[from]), as space_len sees it: by the last byte, which names the one
 * form that may end there. */
static bool space_before(const char *t, size_t i, size_t from)
{
  const unsigned char *u = (const unsigned char *)t;
  unsigned c;

  if (i == from)
    return false;
  c = u[i - 1];
  if (c < 0x80)
    return nc_is_space(c);
  if (c == 0xA0) /* U+00A0 */
    return i - from >= 2 && u[i - 2] == 0xC2;
  if (c == 0xBF) /* U+FEFF */
    return i - from >= 3 && u[i - 3] == 0xEF && u[i - 2] == 0xBB;
  if (c <= 0x8B || c == 0xA8 || c == 0xA9 || c == 0xAF) /* U+20xx */
    return i - from >= 3 && u[i - 3] == 0xE2 && u[i - 2] == 0x80;
  return false;
}

/* Decode at s[i..len); never returns 0 while i < len. */
static inline size_t cp_at(const char *s, size_t len, size_t i, uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *)s + i;

  if (i >= len) {
    *cp = 0;
    return 0;
  }
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  /* U+2000-2FFF (lead byte E2 and two continuation bytes: always a valid
   * form) holds the curly quotes, dashes and the ellipsis that the
   * scanners stop at most, so it is decoded here, not out of line */
  if (u[0] == 0xE2 && len - i >= 3 && (u[1] & 0xC0) == 0x80 &&
      (u[2] & 0xC0) == 0x80) {
    *cp = 0x2000 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    return 3;
  }
  /* nc_utf8_decode returns 0 only for an empty string */
  return nc_utf8_decode(s + i, len - i, cp);
}

static bool is_upper_cp(uint32_t cp)
{
  return (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
         (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) ||
         (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);
}

static bool is_letter_cp(uint32_t cp)
{
  if (cp < 0x80)
    return nc_is_alpha((int)cp);
  return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 &&
         !(cp >= 0x2000 && cp <= 0x2BFF) && cp != 0xFEFF && cp != 0xFFFD;
}

static bool is_wordish(uint32_t cp)
{
  return is_letter_cp(cp) || (cp < 0x80 && nc_is_digit((int)cp));
}

/* Characters that may follow a full stop inside the sentence. */
static bool is_closer(uint32_t cp)
{
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
         cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

/* Characters that may open the next sentence before its first letter. */
static bool is_opener(uint32_t cp)
{
  return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
         cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E;
}

static bool is_stop(uint32_t cp)
{
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* The scanners jump from one byte that may begin an interesting
 * character to the next, so the bytes in between cost next to nothing.
 * For quotes these bytes are '"', '\'', 0xC2 (U+00AB/BB) and 0xE2
 * (U+2018-201E); for stops '.', '!', '?' and 0xE2 (U+2026), and 0xC2
 * too, as one test (byte | 0x20 == 0xE2) takes both lead bytes: a
 * scanner turns down any character it does not want.  A lead or ASCII
 * byte always begins a code point: the decoder only takes continuation
 * bytes into one. */

/* Both scans look at the same bytes, so one pass over a block marks
 * them all: bit i % 64 of quote[i / 64] is set when t[i] may begin a
 * quote mark, and of stop[i / 64] when it may begin a stop.  The scans
 * then walk these bits, 64 bytes at a time. */
struct marks {
  uint64_t *quote, *stop;
};

/* Words of marks kept on the stack: blocks of up to 4 KiB. */
#define MARK_LOCAL_WORDS 64

#if !NC_SSE2
/* The bytes marks16 marks, one at a time, for the portable build. */
static inline bool quote_byte(unsigned char c)
{
  return c == '"' || c == '\'' || c == 0xC2 || c == 0xE2;
}

static inline bool stop_byte(unsigned char c)
{
  return c == '.' || c == '!' || c == '?' || c == 0xC2 || c == 0xE2;
}
#endif

#if NC_SSE2
/* The masks of the quote and stop bytes among the sixteen at t. */
static inline void marks16(const unsigned char *t, unsigned *quote,
                           unsigned *stop)
{
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)t);
  /* 0xC2 and 0xE2 */
  __m128i lead = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
                                _mm_set1_epi8((char)0xE2));
  __m128i q =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))),
                   lead);
  __m128i s =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')), lead));

  *quote = (unsigned)_mm_movemask_epi8(q);
  *stop = (unsigned)_mm_movemask_epi8(s);
}
#endif

/* Fill m (len / 64 + 1 words each) for t[0..len).  With SSE2, sixteen
 * bytes at a time, a word of marks gathered in registers; the last bytes
 * are taken from the last sixteen of the block, or from a copy when the
 * block is shorter. */
static void marks_fill(const char *text, size_t len, const struct marks *m)
{
  const unsigned char *t = (const unsigned char *)text;
  size_t i = 0;

#if NC_SSE2
  unsigned q, s;

  for (; len - i >= 64; i += 64) {
    /* the four steps written out: as a loop (not unrolled at -O2) its
     * counting cost as much as the shifts */
    unsigned q1, s1, q2, s2, q3, s3;
    marks16(t + i, &q, &s);
    marks16(t + i + 16, &q1, &s1);
    marks16(t + i + 32, &q2, &s2);
    marks16(t + i + 48, &q3, &s3);
    m->quote[i / 64] =
        q | (uint64_t)q1 << 16 | (uint64_t)q2 << 32 | (uint64_t)q3 << 48;
    m->stop[i / 64] =
        s | (uint64_t)s1 << 16 | (uint64_t)s2 << 32 | (uint64_t)s3 << 48;
  }
  m->quote[i / 64] = m->stop[i / 64] = 0;
  for (; len - i >= 16; i += 16) {
    marks16(t + i, &q, &s);
    m->quote[i / 64] |= (uint64_t)q << i % 64;
    m->stop[i / 64] |= (uint64_t)s << i % 64;
  }
  if (i < len) {
    size_t r = len - i; /* 1 to 15, within the word of i */
    if (len >= 16) {
      marks16(t + len - 16, &q, &s);
      q >>= 16 - r;
      s >>= 16 - r;
    } else {
      unsigned char b[16] = {0}; /* zeros mark nothing */
      memcpy(b, t, len);
      marks16(b, &q, &s);
    }
    m->quote[i / 64] |= (uint64_t)q << i % 64;
    m->stop[i / 64] |= (uint64_t)s << i % 64;
  }
#else
  memset(m->quote, 0, (len / 64 + 1) * sizeof *m->quote);
  memset(m->stop, 0, (len / 64 + 1) * sizeof *m->stop);
  for (; i < len; i++) {
    if (quote_byte(t[i]))
      m->quote[i / 64] |= (uint64_t)1 << i % 64;
    if (stop_byte(t[i]))
      m->stop[i / 64] |= (uint64_t)1 << i % 64;
  }
#endif
}

/* The first marked offset in [i, lim) of bits, or lim. */
static inline size_t next_mark(const uint64_t *bits, size_t i, size_t lim)
{
  size_t w;
  uint64_t m;

  if (i >= lim)
    return lim;
  w = i / 64;
  m = bits[w] & (~(uint64_t)0 << i % 64);
  while (!m) {
    w++;
    if (w * 64 >= lim)
      return lim;
    m = bits[w];
  }
  i = w * 64 + nc_ctz64(m);
  return i < lim ? i : lim;
}

/* The code point that decoding t from its start reads just before i,
 * which must be where a code point begins; 0 when i is 0.  Looks back at
 * most four bytes instead of decoding all of t. */
static uint32_t prev_cp(const char *t, size_t len, size_t i)
{
  const unsigned char *u = (const unsigned char *)t;
  size_t k;
  uint32_t cp;

  if (i == 0)
    return 0;
  if (u[i - 1] < 0x80)
    return u[i - 1];
  if ((u[i - 1] & 0xC0) != 0x80)
    return 0xFFFD; /* a lead byte alone */
  /* a continuation byte: it ends the sequence of the lead byte before it
   * when that decodes to exactly this length; else it stands alone */
  for (k = 2; k <= 4 && k <= i; k++) {
    if ((u[i - k] & 0xC0) != 0x80) {
      if (nc_utf8_decode(t + i - k, len - (i - k), &cp) == k)
        return cp;
      return 0xFFFD;
    }
  }
  return 0xFFFD;
}

/* The first place at or after lim where a code point begins, given that
 * one begins at b (b <= lim < len). */
static size_t cp_start_from(const char *t, size_t len, size_t b, size_t lim)
{
  const unsigned char *u = (const unsigned char *)t;
  size_t p = lim, lo = lim - b > 3 ? lim - 3 : b;
  uint32_t cp;

  /* back to a byte known to begin a code point: a non-continuation
   * byte, or b; four continuation bytes in a row cannot all belong to
   * one sequence, so then lim stands alone */
  while (p > lo && (u[p] & 0xC0) == 0x80)
    p--;
  if ((u[p] & 0xC0) == 0x80 && p != b)
    return lim;
  while (p < lim)
    p += cp_at(t, len, p, &cp);
  return p;
}

/* ------------------------------------------------------------------ */
/* Quoted speech                                                       */

struct spans {
  struct nc_span *v;
  size_t n, cap;
};

static void span_push(struct spans *sp, size_t a, size_t b)
{
  nc_grow(&sp->v, &sp->cap, sp->n + 1, sizeof *sp->v);
  sp->v[sp->n].start = a;
  sp->v[sp->n].end = b;
  sp->n++;
}

/* A quote mark opens when what precedes it is not part of a word. */
static bool opens_after(uint32_t prev)
{
  return prev == 0 || !is_wordish(prev) ||
         prev == '(' || prev == '[' || prev == 0x2014 || prev == 0x2013;
}

/* Find the quoted spans of one block, in order and disjoint.  Double
 * quotes (straight, curly, guillemets) nest single ones, which are only
 * taken when they pair at word edges, so apostrophes ("Trump’s", "the
 * players’ union") are left alone.  A double quote still open at the end
 * of the block runs to its end: in news style the quote goes on in the
 * next paragraph. */
static void find_quotes(const char *t, size_t len, const struct marks *m,
                        struct spans *out)
{
  const size_t none = SIZE_MAX;
  size_t dbl = none, sgl = none, i = 0;
  uint32_t prev, cp, next;

  while (i < len) {
    size_t k;
    /* most bytes cannot begin a quote mark: pass over them at once */
    i = next_mark(m->quote, i, len);
    if (i >= len)
      break;
    k = cp_at(t, len, i, &cp);
    cp_at(t, len, i + k, &next);
    if (cp == 0x201C || cp == 0xAB || cp == 0x201E) {
      if (dbl == none) {
        dbl = i;
        sgl = none;
      }
    } else if (cp == 0x201D || cp == 0xBB) {
      if (dbl != none) {
        span_push(out, dbl, i + k);
        dbl = none;
      }
    } else if (cp == '"') {
      if (dbl != none) {
        span_push(out, dbl, i + k);
        dbl = none;
      } else if (next != 0 && !space_len(t + i + k, len - i - k)) {
        dbl = i;
        sgl = none;
      }
    } else if (dbl == none && (cp == 0x2018 || cp == '\'' || cp == 0x2019)) {
      bool closes;
      prev = prev_cp(t, len, i);
      closes = sgl != none && !is_wordish(next) && prev != 0 &&
               !space_len(t + i - 1, 1) && cp != 0x2018;
      if (closes) {
        span_push(out, sgl, i + k);
        sgl = none;
      } else if (sgl == none && cp != 0x2019 && opens_after(prev) &&
                 is_wordish(next)) {
        sgl = i;
      }
    }
    i += k;
  }
  if (dbl != none)
    span_push(out, dbl, len);
}

/* ------------------------------------------------------------------ */
/* Sentence ends                                                       */

/* True when the word starting at t[k] is a listed sentence starter. */
static bool starter_at(const struct nc_abbrevs *ab, const char *t,
                       size_t len, size_t k)
{
  size_t j = k;
  uint32_t cp;
  struct ab_slot *hit;

  while (j < len && j - k < AB_MAX_WORD &&
         nc_is_alpha((unsigned char)t[j]))
    j++;
  if (j == k || (j < len && j - k >= AB_MAX_WORD))
    return false;
  cp_at(t, len, j, &cp);
  if (is_letter_cp(cp))
    return false; /* runs into a non-ASCII letter: not a listed word */
  hit = ab_find(ab, t + k, j - k);
  return hit && (hit->flags & AB_STARTER);
}

/* True when the bytes before the '.' at t[dot] make a word that ends the
 * sentence, as period_ends finds, told without looking for where the
 * word starts: m bytes (m the length of the longest word listed with its
 * dot, and at least 5) that are ASCII letters and digits or bytes of
 * 0x80 or more other than C2, E2 and EF, after two bytes that are none
 * of these three.  None of the m bytes can then start the word or belong
 * to white space (the wide spaces that space_before sees and the curly
 * quotes dropped from a word's start all begin with C2, E2 or EF), so the
 * word is at least m bytes long: longer than any listed word, than an
 * initial (one code point), and with no '.' before its last byte it is
 * no dotted acronym either.  Most sentences end with such a word: this
 * spares them the walk back over it and the look-up. */
static bool long_plain_word(const struct nc_abbrevs *ab, const char *t,
                            size_t from, size_t dot)
{
  const unsigned char *u = (const unsigned char *)t;
  size_t m = ab && ab->longest_dotted > 5 ? ab->longest_dotted : 5, i;

  if (dot - from < m + 2)
    return false;
  for (i = dot; i > dot - m; i--) {
    unsigned c = u[i - 1];
    if (c < 0x80 ? !nc_is_alnum((int)c)
                 : c == 0xC2 || c == 0xE2 || c == 0xEF)
      return false;
  }
  for (; i > dot - m - 2; i--) {
    if (u[i - 1] == 0xC2 || u[i - 1] == 0xE2 || u[i - 1] == 0xEF)
      return false;
  }
  return true;
}

/* Whether a '.' at t[dot] ends the sentence, given that the next one
 * would begin at t[k] (a capital, digit or opening quote).  Looks at the
 * word before the dot: abbreviations, initials and dotted acronyms. */
static bool period_ends(const struct nc_abbrevs *ab, const char *t,
                        size_t len, size_t from, size_t dot, size_t k)
{
  size_t ws = dot, n, i, letters = 0, dots = 0;
  uint32_t cp, next;
  struct ab_slot *hit;
  bool dotted = true;

  if (long_plain_word(ab, t, from, dot))
    return true;
  /* the word before the dot, at most AB_MAX_WORD bytes back */
  while (ws > from && dot - ws < AB_MAX_WORD) {
    unsigned char c = (unsigned char)t[ws - 1];
    /* an ASCII byte is a space by itself (space_before); every ASCII
     * space is at most ' ' */
    if (c < 0x80
            ? (c <= ' ' ? nc_is_space(c) : c == '(' || c == '"' || c == '[')
            : space_before(t, ws, from))
      break;
    ws--;
  }
  if (ws > from && dot - ws >= AB_MAX_WORD)
    return true; /* a long token: no abbreviation */
  /* drop curly opening quotes glued to the word */
  while (ws < dot && cp_at(t, len, ws, &cp) && (cp == 0x201C || cp == 0x2018))
    ws += cp_at(t, len, ws, &cp);
  n = dot - ws;
  if (n == 0)
    return true;
  cp_at(t, len, k, &next);
  /* the word and its dot, as listed: "Mr." */
  hit = ab_find(ab, t + ws, n + 1);
  if (hit && (hit->flags & AB_NEVER))
    return false;
  if (hit && (hit->flags & AB_NUMBER)) {
    if (next < 0x80 && nc_is_digit((int)next))
      return false;
    return starter_at(ab, t, len, k);
  }
  if (hit && (hit->flags & AB_MAYBE))
    return starter_at(ab, t, len, k);
  /* one letter: an initial, as in "J. R. Smith" */
  if (cp_at(t, len, ws, &cp) == n && is_letter_cp(cp))
    return false;
  /* letters and dots in turn, "U.S", "D.C", "a.m": a dotted acronym,
   * which ends a sentence only before a usual sentence opener */
  for (i = 0; i < n; i++) {
    bool want_letter = i % 2 == 0;
    if (want_letter && nc_is_alpha((unsigned char)t[ws + i]))
      letters++;
    else if (!want_letter && t[ws + i] == '.')
      dots++;
    else {
      dotted = false;
      break;
    }
  }
  if (dotted && n % 2 == 1 && letters >= 2 && dots == letters - 1) {
    if (next < 0x80 && (nc_is_alpha((int)next)))
      return starter_at(ab, t, len, k);
    return true;
  }
  return true;
}

/* Append sentence [a, b) of `block` (trimmed) with its quotes.  `*qp` is
 * the first quote span that may still reach this or a later sentence. */
static void emit(struct nc_sentences *out, const char *t, size_t a, size_t b,
                 size_t block, const struct spans *q, size_t *qp)
{
  struct nc_sentence *s;
  size_t j;

  while (a < b) {
    size_t sp = space_len(t + a, b - a);
    if (!sp)
      break;
    a += sp;
  }
  while (b > a) {
    size_t k;
    if ((unsigned char)t[b - 1] < 0x80) {
      /* the wider spaces all end in a continuation byte */
      if (!nc_is_space((unsigned char)t[b - 1]))
        break;
      b--;
      continue;
    }
    for (k = 1; k <= 3 && k <= b - a; k++) {
      if (space_len(t + b - k, k) == k)
        break;
    }
    if (k > 3 || k > b - a)
      break;
    b -= k;
  }
  if (a >= b)
    return;
  if (out->n == out->cap)
    nc_grow(&out->items, &out->cap, out->n + 1, sizeof *out->items);
  s = &out->items[out->n++];
  memset(s, 0, sizeof *s);
  s->block = block;
  s->start = a;
  s->end = b;
  while (*qp < q->n && q->v[*qp].end <= a)
    (*qp)++;
  /* the spans from *qp on that start before b all overlap [a, b) (they
   * are disjoint and in order, and the first ends after a): one
   * allocation holds them */
  for (j = *qp; j < q->n && q->v[j].start < b; j++)
    ;
  if (j == *qp)
    return;
  s->quotes = xmalloc((j - *qp) * sizeof *s->quotes); /* all set below */
  for (j = *qp; j < q->n && q->v[j].start < b; j++) {
    size_t qs = q->v[j].start > a ? q->v[j].start : a;
    size_t qe = q->v[j].end < b ? q->v[j].end : b;
    s->quotes[s->nquotes].start = qs;
    s->quotes[s->nquotes].end = qe;
    s->nquotes++;
  }
}

/* nc_sentences_split_text with q, emptied here, for the quoted spans:
 * the caller keeps it for the next block, so that a document's blocks
 * share one array rather than each allocating and freeing its own. */
static void split_block(const struct nc_abbrevs *ab, const char *text,
                        size_t len, size_t block, struct nc_sentences *out,
                        struct spans *q)
{
  size_t from = 0, i = 0, qp = 0, nmarks;
  uint32_t cp;
  uint64_t local[2 * MARK_LOCAL_WORDS], *heap = NULL;
  struct marks marks;

  q->n = 0;
  if (!text || len == 0)
    return;
  nmarks = len / 64 + 1; /* words of each mask */
  if (nmarks <= MARK_LOCAL_WORDS) {
    marks.quote = local;
  } else {
    heap = xcalloc(nmarks, 2 * sizeof *heap);
    marks.quote = heap;
  }
  marks.stop = marks.quote + nmarks;
  marks_fill(text, len, &marks);
  find_quotes(text, len, &marks, q);
  while (i < len) {
    size_t k, j, stop, nx;
    bool single_dot;
    uint32_t next;
    if (i - from >= MAX_SENTENCE) {
      size_t sp = space_len(text + i, len - i);
      if (sp || i - from >= 12 * MAX_SENTENCE) {
        emit(out, text, from, i, block, q, &qp);
        out->cut++;
        from = i + sp;
        i = from;
        continue;
      }
    } else {
      /* pass over the bytes that cannot begin a stop, up to the length
       * limit; from there on the loop goes one code point at a time */
      size_t lim = len - from > MAX_SENTENCE ? from + MAX_SENTENCE : len;
      size_t b = i;
      i = next_mark(marks.stop, i, lim);
      if (i >= lim) {
        if (lim == len)
          break; /* no stop left: the block's last sentence */
        i = cp_start_from(text, len, b, lim);
        continue;
      }
    }
    stop = i;
    if (text[i] == '.' && i + 1 < len &&
        (text[i + 1] == ' ' || nc_is_alnum((unsigned char)text[i + 1]))) {
      /* the usual full stop, before a space or inside "3.5" and "U.S":
       * a space, letter or digit is neither a stop nor a closer, so the
       * run below would be this one '.', told here without decoding */
      j = i + 1;
      single_dot = true;
    } else {
      k = cp_at(text, len, i, &cp);
      if (!is_stop(cp)) {
        i += k;
        continue;
      }
      /* a run of stops ("?!", "...", "…") and the closers after it */
      j = i;
      single_dot = cp == '.';
      while (j < len && (k = cp_at(text, len, j, &cp)) && is_stop(cp)) {
        if (j != i)
          single_dot = false;
        j += k;
      }
      while (j < len && (k = cp_at(text, len, j, &cp)) && is_closer(cp))
        j += k;
    }
    /* a stop ends a sentence only before white space */
    nx = j;
    while (nx < len) {
      size_t sp = space_len(text + nx, len - nx);
      if (!sp)
        break;
      nx += sp;
    }
    if (nx == j && j < len) {
      i = j; /* "3.5", "U.S.-led", "Yahoo!'s" */
      continue;
    }
    if (nx >= len)
      break; /* the block's last sentence */
    cp_at(text, len, nx, &next);
    if (!(is_upper_cp(next) || (next < 0x80 && nc_is_digit((int)next)) ||
          is_opener(next))) {
      i = j; /* "he said?" followed by lower case goes on */
      continue;
    }
    if (single_dot && !period_ends(ab, text, len, from, stop, nx)) {
      i = j;
      continue;
    }
    emit(out, text, from, j, block, q, &qp);
    from = nx;
    i = nx;
  }
  emit(out, text, from, len, block, q, &qp);
  free(heap);
}

void nc_sentences_split_text(const struct nc_abbrevs *ab, const char *text,
                             size_t len, size_t block,
                             struct nc_sentences *out)
{
  struct spans q = {0};

  split_block(ab, text, len, block, out, &q);
  free(q.v);
}

void nc_sentences_split(const struct nc_abbrevs *ab, const struct nc_doc *doc,
                        struct nc_sentences *out)
{
  size_t i, room = 0;
  struct spans q = {0};

  if (!doc)
    return;
  /* Room for the sentences at once: news sentences run 100 to 200 bytes,
   * so one for each block and one for each 128 bytes is nearly always
   * enough, where growing the array by doubling would copy it (into
   * fresh pages) on the way.  More sentences only grow it again. */
  for (i = 0; i < doc->nblocks; i++) {
    if (nc_block_feeds_claims(doc->blocks[i].kind))
      room += 1 + doc->blocks[i].len / 128;
  }
  nc_grow(&out->items, &out->cap, out->n + room, sizeof *out->items);
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];
    if (nc_block_feeds_claims(b->kind))
      split_block(ab, b->text, b->len, i, out, &q);
  }
  free(q.v);
}

bool nc_sentence_quoted(const struct nc_sentence *s, size_t off)
{
  size_t i;

  for (i = 0; i < s->nquotes; i++) {
    if (off >= s->quotes[i].start && off < s->quotes[i].end)
      return true;
  }
  return false;
}

void nc_sentences_free(struct nc_sentences *s)
{
  size_t i;

  if (!s)
    return;
  for (i = 0; i < s->n; i++)
    free(s->items[i].quotes);
  free(s->items);
  s->items = NULL;
  s->n = s->cap = 0;
}
