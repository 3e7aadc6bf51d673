/* report_json.c: the cross-check as JSON (schema newscheck/1): documents,
 * claims, findings with values, sources and evidence, and errors.  Keys
 * come in the documented order; nothing depends on time or addresses, so
 * equal inputs give byte-identical output. */
#include "report_json.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simd.h"

/* Keys are string literals, added without a copy. */
static void add_str(cJSON *o, const char *k, const char *v)
{
  cJSON_AddItemToObjectCS(o, k, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

/* x is a whole number below 10^15 in size: it equals its conversion to
 * an integer, exact in that range.  Cheaper than a call to floor, and
 * NaN and the infinities fail the first comparison. */
static inline bool whole_below_1e15(double x)
{
  return fabs(x) < 1e15 && (double)(int64_t)x == x;
}

/* ISO 8601 duration as a JSON string: "P33Y", "P6M", "P2W", "P3D",
 * "PT5H"; the number as "%.15g" writes it (whole numbers without
 * printf). */
static void put_duration(struct nc_buf *b, double v, char unit)
{
  bool time = unit == 'h' || unit == 'm' || unit == 's';
  char u = unit == 'h' ? 'H' : unit == 'm' ? 'M' : unit == 's' ? 'S' : unit;
  nc_buf_puts(b, time ? "\"PT" : "\"P");
  if (whole_below_1e15(v)) {
    nc_buf_put_whole(b, v);
  } else {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    nc_buf_puts(b, tmp);
  }
  nc_buf_putc(b, u);
  nc_buf_putc(b, '"');
}

/* JSON Lines are written by hand rather than through cJSON trees: extract
 * prints one line per mention, and building and freeing a tree for each
 * cost more than finding the mentions.  Strings are escaped as cJSON
 * escapes them, so both writers agree. */

/* Room for n more bytes (and the NUL) at the end of b, where the caller
 * writes them directly and then calls end_room: one capacity check for a
 * field rather than one for each of its pieces. */
static char *room(struct nc_buf *b, size_t n)
{
  if (n >= b->cap - b->len) /* cap is 0 or more than len */
    nc_grow(&b->data, &b->cap, b->len + n + 1, 1);
  return b->data + b->len;
}

/* The bytes written into room end at p. */
static void end_room(struct nc_buf *b, char *p)
{
  b->len = (size_t)(p - b->data);
  *p = '\0';
}

/* 0x80 in each byte of w that a JSON string escapes: below 0x20, '"' or
 * '\\'.  Exact for every byte (no carries between bytes).  Flipping bit
 * 1 moves the control bytes among themselves, '"' (0x22) to 0x20 and
 * every other byte to 0x21 or above: one comparison finds both kinds. */
static inline uint64_t escapes8(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F;
  uint64_t x = w ^ ones * 0x02;
  return (~(((x & low7) + ones * (0x80 - 0x21)) | x) & ones * 0x80) |
         nc_bytes_eq(w, '\\');
}

/* The index of the first byte of s[i..n) to escape, or n. */
static size_t find_escape(const char *s, size_t i, size_t n)
{
#if NC_SSE2
  const __m128i ctl = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'),
                bslash = _mm_set1_epi8('\\');
  __m128i x, e;
  unsigned m;

  for (; i + 16 <= n; i += 16) {
    x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    e = _mm_or_si128(
        _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x),
        _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
    m = (unsigned)_mm_movemask_epi8(e);
    if (m)
      return i + nc_ctz32(m);
  }
  if (i < n && n >= 16) {
    /* the last 16 bytes, less those before i (already scanned) */
    x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
    e = _mm_or_si128(
        _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x),
        _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
    m = (unsigned)_mm_movemask_epi8(e) >> (i - (n - 16));
    return m ? i + nc_ctz32(m) : n;
  }
#endif
  for (; i < n; i += 8) {
    uint64_t m8 = escapes8(nc_load8(s + i, n - i));
    if (n - i < 8) /* nc_load8 gives zeros past n: not ours */
      m8 &= ((uint64_t)1 << 8 * (n - i)) - 1;
    if (m8)
      return i + nc_low_byte(m8);
  }
  return n;
}

/* The escape of byte c (one that escapes8 flags) at p; returns its end. */
static char *put_escape(char *p, unsigned char c)
{
  static const char hex[] = "0123456789abcdef";
  char e;

  switch (c) {
  case '"': e = '"'; break;
  case '\\': e = '\\'; break;
  case '\b': e = 'b'; break;
  case '\f': e = 'f'; break;
  case '\n': e = 'n'; break;
  case '\r': e = 'r'; break;
  case '\t': e = 't'; break;
  default: /* as "\\u%04x" prints it */
    memcpy(p, "\\u00", 4);
    p[4] = hex[c >> 4];
    p[5] = hex[c & 15];
    return p + 6;
  }
  p[0] = '\\';
  p[1] = e;
  return p + 2;
}

/* Room for s[0..n) as json_str_at writes it: an escape takes six bytes
 * at most, and the short path stores whole words of eight. */
#define JSON_STR_ROOM(n) (6 * (n) + 10)

/* s[0..n) as a JSON string at p, in room for JSON_STR_ROOM(n) bytes;
 * returns its end.  Reserving the worst case up front lets a caller write
 * a string and the literals around it with one capacity check. */
static char *json_str_at(char *p, const char *s, size_t n)
{
  size_t i = 0, j;

  if (n < 16) {
    /* A short string (most mention texts and names): each word of
     * eight bytes is copied as soon as it is checked (nc_load8's zeros
     * past n land in the room and are written over), which spares a
     * call to memcpy.  A string with a byte to escape is written the
     * general way below. */
    for (; i < n; i += 8) {
      uint64_t w = nc_load8(s + i, n - i), m8 = escapes8(w);
      if (n - i < 8) /* the zeros past n: not ours */
        m8 &= ((uint64_t)1 << 8 * (n - i)) - 1;
      if (m8)
        break;
      nc_store8(p + 1 + i, w);
    }
    if (i >= n) {
      p[0] = '"';
      p[n + 1] = '"';
      return p + n + 2;
    }
    i = 0;
  }
  *p++ = '"';
  for (;;) {
    j = find_escape(s, i, n);
    memcpy(p, s + i, j - i);
    p += j - i;
    if (j == n)
      break;
    p = put_escape(p, (unsigned char)s[j]);
    i = j + 1;
  }
  *p++ = '"';
  return p;
}

static void put_json_str(struct nc_buf *b, const char *s, size_t n)
{
  end_room(b, json_str_at(room(b, JSON_STR_ROOM(n)), s, n));
}

/* The literal lit[0..len) (a key, or a line's start up to one) and then
 * s, or null, as put_json_cstr writes it, in one piece of room: the JSON
 * lines are mostly such pairs.  Inline, so that the copy of a literal of
 * known length is a few moves. */
static inline void put_keyed_cstr(struct nc_buf *b, const char *lit,
                                  size_t len, const char *s)
{
  size_t n = s ? strlen(s) : 0;
  char *p = room(b, len + JSON_STR_ROOM(n));

  memcpy(p, lit, len);
  if (s) {
    p = json_str_at(p + len, s, n);
  } else {
    memcpy(p + len, "null", 4);
    p += len + 4;
  }
  end_room(b, p);
}

/* put_keyed_cstr with a string literal */
#define PUT_KEYED_CSTR(b, lit, s) put_keyed_cstr(b, lit, sizeof lit - 1, s)

static inline void put_json_cstr(struct nc_buf *b, const char *s)
{
  if (s)
    put_json_str(b, s, strlen(s));
  else
    nc_buf_puts(b, "null");
}

/* One of the program's own names (a mention type, an approximation) as a
 * JSON string, or null: lower-case words with '_', nothing to escape. */
static void put_name(struct nc_buf *b, const char *s)
{
  size_t n;
  char *p;

  if (!s) {
    nc_buf_puts(b, "null");
    return;
  }
  n = strlen(s);
  p = room(b, n + 2);
  *p = '"';
  memcpy(p + 1, s, n);
  p[n + 1] = '"';
  end_room(b, p + n + 2);
}

/* Constant pieces of the JSON Lines, whole: the start of a mention line
 * up to its text, for each type, and the "approx" field, for each
 * approximation.  Most of a mention line is such pieces; each written as
 * one literal is copied in a few moves, where assembling it from the
 * names took two calls to the C library.  The names must be those of
 * nc_mention_type_str and nc_approx_str (the unit tests compare every
 * one); a value not listed here takes the names. */
#define MENTION_HEAD(name) \
  "{\"kind\":\"mention\",\"type\":\"" name "\",\"text\":"
#define APPROX_FIELD(name) ",\"approx\":\"" name "\""

/* The start of a mention line up to its text, for each type, padded to
 * MENTION_HEAD_ROOM bytes so that any of them is copied with the same few
 * moves (the padding is written over). */
#define MENTION_HEAD_ROOM 48
#define HEAD_ENTRY(t, name) \
  [t] = {MENTION_HEAD(name), sizeof MENTION_HEAD(name) - 1}
static const struct mention_head {
  char s[MENTION_HEAD_ROOM];
  unsigned char len;
} mention_heads[] = {
    HEAD_ENTRY(NC_M_NUMBER, "number"),   HEAD_ENTRY(NC_M_ORDINAL, "ordinal"),
    HEAD_ENTRY(NC_M_PERCENT, "percent"), HEAD_ENTRY(NC_M_MONEY, "money"),
    HEAD_ENTRY(NC_M_DATE, "date"),       HEAD_ENTRY(NC_M_DURATION, "duration"),
    HEAD_ENTRY(NC_M_COUNTRY, "country"), HEAD_ENTRY(NC_M_PERSON, "person"),
    HEAD_ENTRY(NC_M_VAGUE, "vague")};
#undef HEAD_ENTRY

/* ',"approx":' and the approximation's name, or null. */
static inline void put_approx_field(struct nc_buf *b, enum nc_approx a)
{
  switch (a) {
  case NC_APPROX_NONE: nc_buf_puts(b, ",\"approx\":null"); return;
  case NC_APPROX_ABOUT: nc_buf_puts(b, APPROX_FIELD("about")); return;
  case NC_APPROX_MORE_THAN: nc_buf_puts(b, APPROX_FIELD("more_than")); return;
  case NC_APPROX_LESS_THAN: nc_buf_puts(b, APPROX_FIELD("less_than")); return;
  case NC_APPROX_AT_LEAST: nc_buf_puts(b, APPROX_FIELD("at_least")); return;
  case NC_APPROX_AT_MOST: nc_buf_puts(b, APPROX_FIELD("at_most")); return;
  case NC_APPROX_RANGE: nc_buf_puts(b, APPROX_FIELD("range")); return;
  }
  nc_buf_puts(b, ",\"approx\":");
  put_name(b, nc_approx_str(a));
}

/* put_approx_field and then the end of a line, as one piece where the
 * approximation is listed: most mention lines end so. */
static void put_approx_end(struct nc_buf *b, enum nc_approx a)
{
  switch (a) {
  case NC_APPROX_NONE: nc_buf_puts(b, ",\"approx\":null}\n"); return;
  case NC_APPROX_ABOUT: nc_buf_puts(b, APPROX_FIELD("about") "}\n"); return;
  case NC_APPROX_MORE_THAN:
    nc_buf_puts(b, APPROX_FIELD("more_than") "}\n");
    return;
  case NC_APPROX_LESS_THAN:
    nc_buf_puts(b, APPROX_FIELD("less_than") "}\n");
    return;
  case NC_APPROX_AT_LEAST:
    nc_buf_puts(b, APPROX_FIELD("at_least") "}\n");
    return;
  case NC_APPROX_AT_MOST: nc_buf_puts(b, APPROX_FIELD("at_most") "}\n"); return;
  case NC_APPROX_RANGE: nc_buf_puts(b, APPROX_FIELD("range") "}\n"); return;
  }
  put_approx_field(b, a);
  nc_buf_append(b, "}\n", 2);
}

#undef APPROX_FIELD
#undef MENTION_HEAD

/* x in decimal at p, as printf's "%" PRIu64 writes it (whole numbers
 * and offsets below 10^15 come here), in room for 20 bytes; returns the
 * end of the digits.  The count comes first (three comparisons below 10^8, as
 * offsets and most numbers are), then the digits are made right to left
 * straight at p: no buffer to copy from. */
static char *digits_at(char *p, uint64_t x)
{
  static const char pairs[] = "00010203040506070809"
                              "10111213141516171819"
                              "20212223242526272829"
                              "30313233343536373839"
                              "40414243444546474849"
                              "50515253545556575859"
                              "60616263646566676869"
                              "70717273747576777879"
                              "80818283848586878889"
                              "90919293949596979899";
  char *q;
  size_t n;
  uint32_t y, r;

  if (x < 100000000) {
    y = (uint32_t)x;
    n = y < 10000 ? (y < 100 ? 1 + (y >= 10) : 3 + (y >= 1000))
                  : (y < 1000000 ? 5 + (y >= 100000) : 7 + (y >= 10000000));
  } else {
    uint64_t t = x / 100000000;
    for (n = 9; t >= 10; t /= 10)
      n++;
  }
  q = p + n;
  /* pairs of digits, in 32 bits when they are enough, and there four
   * digits a step: a step's two pairs come from one remainder, with one
   * division fewer than a pair at a time */
  for (; x > UINT32_MAX; x /= 100)
    memcpy(q -= 2, pairs + 2 * (x % 100), 2);
  for (y = (uint32_t)x; y >= 10000; y /= 10000) {
    r = y % 10000;
    memcpy(q -= 2, pairs + 2 * (r % 100), 2);
    memcpy(q -= 2, pairs + 2 * (r / 100), 2);
  }
  if (y >= 100) {
    memcpy(q -= 2, pairs + 2 * (y % 100), 2);
    y /= 100;
  }
  if (y >= 10)
    memcpy(q - 2, pairs + 2 * y, 2);
  else
    q[-1] = (char)('0' + y);
  return p + n;
}

static void put_digits(struct nc_buf *b, uint64_t x)
{
  char *p = room(b, 20);

  end_room(b, digits_at(p, x));
}

/* x, finite and not whole, as "%.15g" writes it, when x is the double
 * nearest a decimal N / 10^k with k at most 4 and N below 10^15; false
 * otherwise.  That decimal then reads back as x: one division of exact
 * operands rounds correctly, as strtod does.  And x, within half an ulp
 * of it, rounds to it at 15 digits, which "%g" writes without exponent
 * (it is at least 10^-4) and without trailing zeros. */
static bool put_short_decimal(struct nc_buf *b, double x)
{
  static const double scale[] = {1, 10, 100, 1000, 10000};
  static const uint32_t iscale[] = {1, 10, 100, 1000, 10000};
  double a = fabs(x), y;
  uint64_t n;
  uint32_t frac;
  char digits[4];
  int k, nd;

  for (k = 1; k <= 4; k++) {
    y = a * scale[k];
    if (y >= 1e15)
      return false;
    if (y != floor(y) || (double)(uint64_t)y / scale[k] != a)
      continue;
    n = (uint64_t)y;
    frac = (uint32_t)(n % iscale[k]);
    if (!frac) /* x whole after all (the caller's test excludes it) */
      return false;
    for (nd = k; nd-- > 0; frac /= 10)
      digits[nd] = (char)('0' + frac % 10);
    for (nd = k; digits[nd - 1] == '0'; nd--)
      ; /* (frac is not 0) */
    if (x < 0)
      nc_buf_putc(b, '-');
    put_digits(b, n / iscale[k]);
    nc_buf_putc(b, '.');
    nc_buf_append(b, digits, (size_t)nd);
    return true;
  }
  return false;
}

/* A number: "null" for NaN and infinities, else 15 significant digits
 * when they read back as the same number, else 17.  Mention lines ask
 * for the number itself back (`exact`); the compact writer follows
 * cJSON, which accepts 15 digits that read back within a relative
 * DBL_EPSILON, so that its output is cJSON's.  Whole numbers below 10^15,
 * the common case, come out the same either way without printf. */
static void put_number(struct nc_buf *b, double x, bool exact)
{
  char tmp[32];
  double back;

  if (whole_below_1e15(x)) {
    if (signbit(x))
      nc_buf_put_whole(b, x);
    else
      put_digits(b, (uint64_t)x);
    return;
  }
  if (isnan(x) || isinf(x)) {
    nc_buf_puts(b, "null");
    return;
  }
  if (put_short_decimal(b, x))
    return;
  snprintf(tmp, sizeof tmp, "%1.15g", x);
  back = strtod(tmp, NULL);
  if (exact ? back != x
            : fabs(back - x) > fmax(fabs(back), fabs(x)) * DBL_EPSILON)
    snprintf(tmp, sizeof tmp, "%1.17g", x);
  nc_buf_puts(b, tmp);
}

static void put_json_num(struct nc_buf *b, double x)
{
  put_number(b, x, true);
}

/* Offsets from this on are written as numbers (put_json_num). */
#define BIG_OFFSET ((size_t)1000000000000000u)

/* A byte offset, as put_json_num writes it, without going through a
 * double while it is below 10^15. */
static void put_offset(struct nc_buf *b, size_t x)
{
  if (x >= BIG_OFFSET)
    put_json_num(b, (double)x);
  else
    put_digits(b, x);
}

/* A day as "%04d-%02d-%02d" prints it, its first `fields` fields (the
 * year, the month, the day) into buf, without printf; 0 when a field is
 * not four or two plain digits that way (negative, too large). */
static size_t put_date_fields(char *buf, struct nc_date d, int fields)
{
  if (d.y < 0 || d.y > 9999 || (fields > 1 && (d.m < 0 || d.m > 99)) ||
      (fields > 2 && (d.d < 0 || d.d > 99)))
    return 0;
  buf[0] = (char)('0' + d.y / 1000);
  buf[1] = (char)('0' + d.y / 100 % 10);
  buf[2] = (char)('0' + d.y / 10 % 10);
  buf[3] = (char)('0' + d.y % 10);
  if (fields > 1) {
    buf[4] = '-';
    buf[5] = (char)('0' + d.m / 10);
    buf[6] = (char)('0' + d.m % 10);
  }
  if (fields > 2) {
    buf[7] = '-';
    buf[8] = (char)('0' + d.d / 10);
    buf[9] = (char)('0' + d.d % 10);
  }
  return fields == 1 ? 4 : fields == 2 ? 7 : 10;
}

/* The normalized value: integers for counts, ordinals and years,
 * "YYYY-MM-DD" (or "YYYY-MM", "YYYY") for dates, lower-case text, sorted
 * arrays for sets, [low, high] for ranges.  Numbers follow cJSON's rule,
 * as they did when these fields were built as cJSON trees. */
static void put_value(struct nc_buf *b, const struct nc_value *v)
{
  size_t i;

  switch (v->kind) {
  case NC_VAL_NUMBER:
    if (v->approx == NC_APPROX_RANGE) {
      nc_buf_putc(b, '[');
      put_number(b, v->lo, false);
      nc_buf_putc(b, ',');
      put_number(b, v->hi, false);
      nc_buf_putc(b, ']');
    } else {
      put_number(b, v->num, false);
    }
    return;
  case NC_VAL_DATE: {
    char day[16], *str;
    const char *p;
    size_t n = put_date_fields(day, v->date,
                               v->prec == NC_PREC_DAY     ? 3
                               : v->prec == NC_PREC_MONTH ? 2
                                                          : 1);
    /* the date as nc_value_str writes it after the approximation's
     * words: when it starts with a digit (a year 0 to 9999) that is all
     * the code below keeps, so it is written without nc_value_str */
    if (n) {
      if (v->prec == NC_PREC_DECADE)
        day[n++] = 's';
      put_json_str(b, day, n);
      return;
    }
    str = nc_value_str(v);
    p = str;
    if (v->approx != NC_APPROX_NONE && v->approx != NC_APPROX_RANGE) {
      p = strchr(str, ' ');
      p = p ? p + 1 : str;
      while (*p && !nc_is_digit((unsigned char)*p))
        p++;
    }
    put_json_cstr(b, p);
    free(str);
    return;
  }
  case NC_VAL_TEXT:
    put_json_cstr(b, v->text ? v->text : "");
    return;
  case NC_VAL_SET:
    nc_buf_putc(b, '[');
    for (i = 0; i < v->nset; i++) {
      if (i)
        nc_buf_putc(b, ',');
      put_json_cstr(b, v->set[i]);
    }
    nc_buf_putc(b, ']');
    return;
  }
  nc_buf_puts(b, "null");
}

/* "value", "approx" and the fields that depend on the kind. */
static void put_value_fields(struct nc_buf *b, const struct nc_value *v)
{
  nc_buf_puts(b, "\"value\":");
  put_value(b, v);
  put_approx_field(b, v->approx);
  if (v->kind == NC_VAL_NUMBER && v->unit[0]) {
    nc_buf_puts(b, ",\"unit\":");
    put_json_cstr(b, v->unit);
  }
  if (v->kind == NC_VAL_DATE && v->relative)
    nc_buf_puts(b, ",\"relative\":true");
  if (v->kind == NC_VAL_SET)
    nc_buf_puts(b, v->exhaustive ? ",\"exhaustive\":true"
                                 : ",\"exhaustive\":false");
}

/* The string a field of a run of claim lines held last, and where its
 * JSON is in the output: out->data[at..at + len). */
struct last_str {
  const char *s; /* NULL for none yet */
  size_t at, len;
};

/* What a run of claim lines repeats: every line names the document, the
 * claims of a sentence share its quote, hedge and attribution (one string
 * each, nc_claims_keep), and neighbours often share their rule. */
struct claim_run {
  struct last_str doc, quote, hedge, attribution, rule;
};

/* The literal lit[0..len) and s (not NULL) as put_keyed_cstr writes
 * them, s remembered in `last`: the same pointer again (unchanged, as the
 * claims of a run are alive and constant while it is written) is copied
 * from its JSON already written rather than measured and escaped again.
 * Inline, as put_keyed_cstr, for the copy of the literal. */
static inline void put_keyed_cstr_seen(struct nc_buf *b, const char *lit,
                                       size_t len, const char *s,
                                       struct last_str *last)
{
  size_t n;
  char *p;

  if (s == last->s) {
    p = room(b, len + last->len);
    memcpy(p, lit, len);
    memcpy(p + len, b->data + last->at, last->len);
    end_room(b, p + len + last->len);
    return;
  }
  n = strlen(s);
  p = room(b, len + JSON_STR_ROOM(n));
  memcpy(p, lit, len);
  last->s = s;
  last->at = b->len + len;
  p = json_str_at(p + len, s, n);
  last->len = (size_t)(p - b->data) - last->at;
  end_room(b, p);
}

/* The literal and s as put_keyed_cstr writes them, through `last` when
 * there is one.  Inline for its nulls (hedges and attributions are mostly
 * none) and its literal's known length. */
static inline void put_keyed_cstr_again(struct nc_buf *b, const char *lit,
                                        size_t len, const char *s,
                                        struct last_str *last)
{
  if (s && last)
    put_keyed_cstr_seen(b, lit, len, s, last);
  else
    put_keyed_cstr(b, lit, len, s);
}

/* put_keyed_cstr_again with a string literal */
#define PUT_KEYED_AGAIN(b, lit, s, last) \
  put_keyed_cstr_again(b, lit, sizeof lit - 1, s, last)

/* A claim's fields from "document" on, in schema order.  The one
 * definition of a claim in JSON: extract prints it as it is, and the
 * report's claims array reads it back into its tree (claim_json).  With
 * `run`, strings repeated from the lines before are copied from them.
 * Each string goes with the key before it in one piece of room. */
static void put_claim_fields(struct nc_buf *b, const char *doc_id,
                             const struct nc_claim *c, struct claim_run *run)
{
  PUT_KEYED_AGAIN(b, "\"document\":", doc_id, run ? &run->doc : NULL);
  PUT_KEYED_CSTR(b, ",\"key\":", c->key);
  PUT_KEYED_CSTR(b, ",\"label\":", c->label);
  nc_buf_putc(b, ',');
  put_value_fields(b, &c->value);
  PUT_KEYED_AGAIN(b, ",\"quote\":", c->quote, run ? &run->quote : NULL);
  if (c->start < BIG_OFFSET && c->end < BIG_OFFSET && c->vstart < BIG_OFFSET &&
      c->vend < BIG_OFFSET) {
    /* the offsets and their keys in one piece of room, as in mention
     * lines */
    char *p = room(b, 9 + 20 + 7 + 20 + 15 + 20 + 13 + 20);
    memcpy(p, ",\"start\":", 9);
    p = digits_at(p + 9, c->start);
    memcpy(p, ",\"end\":", 7);
    p = digits_at(p + 7, c->end);
    memcpy(p, ",\"value_start\":", 15);
    p = digits_at(p + 15, c->vstart);
    memcpy(p, ",\"value_end\":", 13);
    end_room(b, digits_at(p + 13, c->vend));
  } else {
    nc_buf_puts(b, ",\"start\":");
    put_offset(b, c->start);
    nc_buf_puts(b, ",\"end\":");
    put_offset(b, c->end);
    nc_buf_puts(b, ",\"value_start\":");
    put_offset(b, c->vstart);
    nc_buf_puts(b, ",\"value_end\":");
    put_offset(b, c->vend);
  }
  if (c->quoted)
    PUT_KEYED_AGAIN(b, ",\"quoted\":true,\"hedge\":", c->hedge,
                    run ? &run->hedge : NULL);
  else
    PUT_KEYED_AGAIN(b, ",\"quoted\":false,\"hedge\":", c->hedge,
                    run ? &run->hedge : NULL);
  PUT_KEYED_AGAIN(b, ",\"attribution\":", c->attribution,
                  run ? &run->attribution : NULL);
  PUT_KEYED_AGAIN(b, ",\"rule\":", c->rule, run ? &run->rule : NULL);
  PUT_KEYED_CSTR(b, ",\"note\":", c->note);
}

/* Read back an object the writers above made (always valid JSON). */
static cJSON *parse_written(struct nc_buf *b)
{
  cJSON *o = cJSON_Parse(b->data);
  if (!o) {
    fprintf(stderr, "newscheck: error: out of memory\n");
    abort();
  }
  nc_buf_free(b);
  return o;
}

/* The report's object for claim i: its id, then the claim's fields. */
static cJSON *claim_json(const struct nc_report *r, size_t i)
{
  const struct nc_claim *c = &r->claims->items[i];
  struct nc_buf b = {0};

  nc_buf_puts(&b, "{\"id\":\"c");
  nc_buf_put_whole(&b, (double)(i + 1));
  nc_buf_puts(&b, "\",");
  put_claim_fields(&b, r->docs[c->doc]->id, c, NULL);
  nc_buf_putc(&b, '}');
  return parse_written(&b);
}

/* A finding value's object, begun with the value's own fields. */
static cJSON *value_object(const struct nc_value *v)
{
  struct nc_buf b = {0};

  nc_buf_putc(&b, '{');
  put_value_fields(&b, v);
  nc_buf_putc(&b, '}');
  return parse_written(&b);
}

static cJSON *evidence_json(const struct nc_report *r, size_t ci)
{
  const struct nc_claim *c = &r->claims->items[ci];
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "document", r->docs[c->doc]->id);
  cJSON_AddStringToObject(e, "quote", c->quote);
  cJSON_AddNumberToObject(e, "start", (double)c->start);
  cJSON_AddNumberToObject(e, "end", (double)c->end);
  cJSON_AddNumberToObject(e, "value_start", (double)c->vstart);
  cJSON_AddNumberToObject(e, "value_end", (double)c->vend);
  cJSON_AddBoolToObject(e, "quoted", c->quoted);
  add_str(e, "hedge", c->hedge);
  add_str(e, "attribution", c->attribution);
  return e;
}

cJSON *nc_report_tree(const struct nc_report *r)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *docs, *claims, *findings, *errors, *sum;
  size_t i, j, k;
  size_t counts[4] = {0, 0, 0, 0};

  cJSON_AddStringToObject(root, "schema", NC_SCHEMA);
  docs = cJSON_AddArrayToObject(root, "documents");
  for (i = 0; i < r->ndocs; i++) {
    const struct nc_doc *d = r->docs[i];
    cJSON *o = cJSON_CreateObject();
    char day[16];
    cJSON_AddStringToObject(o, "id", d->id);
    add_str(o, "outlet", d->outlet);
    add_str(o, "url", d->url);
    add_str(o, "file", d->path);
    if (d->has_published) {
      nc_date_format(d->published, day, sizeof day);
      cJSON_AddStringToObject(o, "published", day);
    } else {
      cJSON_AddNullToObject(o, "published");
    }
    add_str(o, "title", d->title);
    if (d->note)
      cJSON_AddStringToObject(o, "note", d->note);
    cJSON_AddItemToArray(docs, o);
  }
  claims = cJSON_AddArrayToObject(root, "claims");
  for (i = 0; i < r->claims->n; i++)
    cJSON_AddItemToArray(claims, claim_json(r, i));
  findings = cJSON_AddArrayToObject(root, "findings");
  for (i = 0; i < r->findings->n; i++) {
    const struct nc_finding *f = &r->findings->items[i];
    cJSON *o = cJSON_CreateObject(), *vals;
    counts[f->status]++;
    cJSON_AddStringToObject(o, "key", f->key);
    cJSON_AddStringToObject(o, "label", f->label);
    cJSON_AddStringToObject(o, "status", nc_finding_status_str(f->status));
    vals = cJSON_AddArrayToObject(o, "values");
    for (j = 0; j < f->nvalues; j++) {
      const struct nc_finding_value *fv = &f->values[j];
      cJSON *v = value_object(&fv->value), *src, *ev;
      size_t dd[256], nd = nc_finding_value_docs(fv, r->claims, dd, 256);
      if (fv->consistent)
        cJSON_AddBoolToObject(v, "consistent", 1);
      if (fv->nmissing) {
        cJSON *m = cJSON_AddArrayToObject(v, "missing");
        for (k = 0; k < fv->nmissing; k++)
          cJSON_AddItemToArray(m, cJSON_CreateString(fv->missing[k]));
      }
      src = cJSON_AddArrayToObject(v, "sources");
      for (k = 0; k < nd; k++)
        cJSON_AddItemToArray(src, cJSON_CreateString(r->docs[dd[k]]->id));
      ev = cJSON_AddArrayToObject(v, "evidence");
      for (k = 0; k < fv->nclaims; k++)
        cJSON_AddItemToArray(ev, evidence_json(r, fv->claims[k]));
      cJSON_AddItemToArray(vals, v);
    }
    add_str(o, "note", f->note);
    cJSON_AddItemToArray(findings, o);
  }
  errors = cJSON_AddArrayToObject(root, "errors");
  for (i = 0; i < r->nerrors; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "source", r->errors[i].source);
    cJSON_AddStringToObject(o, "message", r->errors[i].message);
    cJSON_AddItemToArray(errors, o);
  }
  sum = cJSON_AddObjectToObject(root, "summary");
  cJSON_AddNumberToObject(sum, "documents", (double)r->ndocs);
  cJSON_AddNumberToObject(sum, "claims", (double)r->claims->n);
  cJSON_AddNumberToObject(sum, "findings", (double)r->findings->n);
  cJSON_AddNumberToObject(sum, "conflict", (double)counts[NC_CONFLICT]);
  cJSON_AddNumberToObject(sum, "partial", (double)counts[NC_PARTIAL]);
  cJSON_AddNumberToObject(sum, "agree", (double)counts[NC_AGREE]);
  cJSON_AddNumberToObject(sum, "single", (double)counts[NC_SINGLE]);
  cJSON_AddNumberToObject(sum, "errors", (double)r->nerrors);
  cJSON_AddStringToObject(root, "tolerance", nc_compare_tolerance);
  return root;
}

char *nc_report_json(const struct nc_report *r)
{
  cJSON *root = nc_report_tree(r);
  char *s = cJSON_Print(root);
  struct nc_buf b = {0};
  cJSON_Delete(root);
  if (!s) {
    fprintf(stderr, "newscheck: error: out of memory\n");
    abort();
  }
  nc_buf_puts(&b, s);
  nc_buf_putc(&b, '\n');
  free(s);
  return nc_buf_take(&b);
}

/* Day d of mention m, quoted, as nc_mention_date_str writes it for m's
 * precision (unescaped, as dates need no escapes). */
static void put_mention_date(struct nc_buf *out, const struct nc_mention *m,
                             struct nc_date d)
{
  char buf[64] = "";
  size_t n = 0;

  switch (m->prec) {
  case NC_PREC_DAY: n = put_date_fields(buf, d, 3); break;
  case NC_PREC_MONTH: n = put_date_fields(buf, d, 2); break;
  case NC_PREC_YEAR:
  case NC_PREC_DECADE: n = put_date_fields(buf, d, 1); break;
  }
  if (!n) {
    struct nc_mention m2 = *m;
    m2.date = d;
    nc_mention_date_str(&m2, buf, sizeof buf);
    n = strlen(buf);
  }
  nc_buf_putc(out, '"');
  nc_buf_append(out, buf, n);
  nc_buf_putc(out, '"');
}

/* The "value" of mention m, after its key. */
static void put_mention_value(struct nc_buf *out, const struct nc_mention *m)
{
  bool range = m->approx == NC_APPROX_RANGE;

  switch (m->type) {
  case NC_M_NUMBER:
  case NC_M_ORDINAL:
  case NC_M_PERCENT:
    if (range) {
      nc_buf_putc(out, '[');
      put_json_num(out, m->value);
      nc_buf_putc(out, ',');
      put_json_num(out, m->value2);
      nc_buf_putc(out, ']');
    } else {
      put_json_num(out, m->value);
    }
    break;
  case NC_M_MONEY:
    nc_buf_puts(out, "{\"amount\":");
    if (range) {
      nc_buf_putc(out, '[');
      put_json_num(out, m->value);
      nc_buf_putc(out, ',');
      put_json_num(out, m->value2);
      nc_buf_putc(out, ']');
    } else {
      put_json_num(out, m->value);
    }
    nc_buf_puts(out, ",\"currency\":");
    put_json_cstr(out, m->currency[0] ? m->currency : NULL);
    nc_buf_putc(out, '}');
    break;
  case NC_M_DATE:
    if (range) {
      nc_buf_putc(out, '[');
      put_mention_date(out, m, m->date);
      nc_buf_putc(out, ',');
      put_mention_date(out, m, m->date2);
      nc_buf_putc(out, ']');
    } else {
      put_mention_date(out, m, m->date);
    }
    if (m->relative)
      nc_buf_puts(out, ",\"relative\":true");
    break;
  case NC_M_DURATION:
    if (range) {
      nc_buf_putc(out, '[');
      put_duration(out, m->value, m->unit);
      nc_buf_putc(out, ',');
      put_duration(out, m->value2, m->unit);
      nc_buf_putc(out, ']');
    } else {
      put_duration(out, m->value, m->unit);
    }
    break;
  case NC_M_COUNTRY:
  case NC_M_PERSON:
    put_json_cstr(out, m->name);
    break;
  case NC_M_VAGUE:
    nc_buf_puts(out, "null");
    break;
  }
}

void nc_report_mention_line(struct nc_buf *out, const struct nc_doc *doc,
                            const struct nc_block *b,
                            const struct nc_mention *m)
{
  size_t s = nc_block_offset(b, m->start), e = nc_block_offset(b, m->end);
  size_t n = m->end - m->start;
  const char *text = b->text + m->start;
  bool range = m->approx == NC_APPROX_RANGE, value_done = false;
  char *p;

  (void)doc;
  if ((unsigned)m->type < sizeof mention_heads / sizeof *mention_heads &&
      s < BIG_OFFSET && e < BIG_OFFSET) {
    /* the line up to its value in one piece of room: the head, the
     * text, and the offsets with the keys around them, as put_offset
     * writes them; one capacity check rather than one for each piece */
    p = room(out,
             MENTION_HEAD_ROOM + JSON_STR_ROOM(n) + 9 + 20 + 7 + 20 + 9 + 20);
    memcpy(p, mention_heads[m->type].s, MENTION_HEAD_ROOM);
    p = json_str_at(p + mention_heads[m->type].len, text, n);
    memcpy(p, ",\"start\":", 9);
    p = digits_at(p + 9, s);
    memcpy(p, ",\"end\":", 7);
    p = digits_at(p + 7, e);
    memcpy(p, ",\"value\":", 9);
    p += 9;
    /* a count, ordinal or percent that is a whole number (most are) in
     * the same piece, as put_json_num writes it */
    if (m->type <= NC_M_PERCENT && !range && whole_below_1e15(m->value) &&
        !signbit(m->value)) {
      p = digits_at(p, (uint64_t)m->value);
      value_done = true;
    }
    end_room(out, p);
  } else {
    /* a type without a head above takes the name */
    nc_buf_puts(out, "{\"kind\":\"mention\",\"type\":");
    put_name(out, nc_mention_type_str(m->type));
    nc_buf_puts(out, ",\"text\":");
    put_json_str(out, text, n);
    nc_buf_puts(out, ",\"start\":");
    put_offset(out, s);
    nc_buf_puts(out, ",\"end\":");
    put_offset(out, e);
    nc_buf_puts(out, ",\"value\":");
  }
  if (!value_done)
    put_mention_value(out, m);
  if (m->type == NC_M_PERSON) {
    put_approx_field(out, m->approx);
    PUT_KEYED_CSTR(out, ",\"title\":", m->title);
    PUT_KEYED_CSTR(out, ",\"country\":", m->country);
    nc_buf_append(out, "}\n", 2);
  } else if (m->type == NC_M_COUNTRY && m->demonym) {
    put_approx_field(out, m->approx);
    nc_buf_puts(out, ",\"demonym\":true}\n");
  } else {
    put_approx_end(out, m->approx);
  }
}

void nc_report_claim_line(struct nc_buf *out, const struct nc_doc *doc,
                          const struct nc_claim *c)
{
  nc_buf_puts(out, "{\"kind\":\"claim\",");
  put_claim_fields(out, doc->id, c, NULL);
  nc_buf_append(out, "}\n", 2);
}

size_t nc_report_claim_lines(struct nc_buf *out, const struct nc_doc *doc,
                             const struct nc_claim *c, size_t n, size_t until)
{
  struct claim_run run;
  size_t i;

  memset(&run, 0, sizeof run);
  for (i = 0; i < n && (i == 0 || out->len < until); i++) {
    nc_buf_puts(out, "{\"kind\":\"claim\",");
    put_claim_fields(out, doc->id, &c[i], &run);
    nc_buf_append(out, "}\n", 2);
  }
  return i;
}
