/* util.h: allocation that cannot fail, a growable byte buffer, whole-file
 * I/O with atomic writes, UTF-8 checks and civil-calendar arithmetic. */
#ifndef NC_UTIL_H
#define NC_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "newscheck/status.h"

/* malloc family that prints one line and aborts on exhaustion, so callers
 * never test for NULL.  Free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow the array *items (of *cap elements of `size` bytes) so that it can
 * hold at least `need` elements.  Amortised doubling. */
void nc_grow(void *items, size_t *cap, size_t need, size_t size);

/* A growable, always NUL-terminated byte string.  Zero-initialise it;
 * release with nc_buf_free. */
struct nc_buf {
  char *data; /* NUL-terminated, NULL until the first append */
  size_t len; /* bytes used, not counting the NUL */
  size_t cap; /* bytes allocated */
};
/* Append n bytes (or a C string).  Inline while the bytes fit, since the
 * JSON writers call these for every field; growing is out of line. */
void nc_buf_append_grow(struct nc_buf *b, const char *s, size_t n);
static inline void nc_buf_append(struct nc_buf *b, const char *s, size_t n)
{
  if (n < b->cap - b->len) { /* room for n bytes and the NUL (cap is 0
                                 or more than len) */
    if (n)
      memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
  } else {
    nc_buf_append_grow(b, s, n);
  }
}
static inline void nc_buf_puts(struct nc_buf *b, const char *s)
{
  nc_buf_append(b, s, strlen(s));
}
/* One byte; inline, since writers call it for most bytes they write. */
static inline void nc_buf_putc(struct nc_buf *b, char c)
{
  if (1 < b->cap - b->len) {
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
  } else {
    nc_buf_append(b, &c, 1);
  }
}
void nc_buf_printf(struct nc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append a whole number x (|x| < 10^15) as printf's "%.0f" writes it
 * ("-0" for negative zero), without printf's cost. */
void nc_buf_put_whole(struct nc_buf *b, double x);
/* Hand the string to the caller (who frees it) and reset the buffer.
 * Returns "" (allocated) for an empty buffer. */
char *nc_buf_take(struct nc_buf *b);
void nc_buf_free(struct nc_buf *b);

/* Default limit on one input file, in bytes. */
#define NC_MAX_INPUT_BYTES ((size_t)50 * 1024 * 1024)

/* Read the whole file `path` ("-" is standard input) into a new
 * NUL-terminated buffer the caller frees.  Fails with NC_IO (missing,
 * unreadable, a directory) or NC_LIMIT (over `max` bytes). */
enum nc_status nc_read_file(const char *path, size_t max, char **data,
                            size_t *len, struct nc_error *err);

/* Map the regular file `path` read-only instead of reading it, when that
 * is safe and gives a NUL-terminated text: its size is above zero, at most
 * `max`, and not a multiple of the page size (the rest of the last page
 * reads as zero bytes).  False for anything else -- standard input, a
 * pipe, an error -- and the caller reads the file with nc_read_file, which
 * reports errors.  Release with nc_unmap_file(*data, *len).  A file
 * truncated by another program while it is mapped ends the process with
 * SIGBUS, as it would git's; the inputs are articles saved on disk. */
bool nc_map_file(const char *path, size_t max, char **data, size_t *len);
void nc_unmap_file(char *data, size_t len);

/* Write `len` bytes to `path` atomically: a temporary file in the same
 * folder, fsync, then rename over the target. */
enum nc_status nc_write_atomic(const char *path, const char *data,
                               size_t len, struct nc_error *err);

/* True when s[0..len) is valid UTF-8; otherwise *bad (if not NULL) is the
 * offset of the first invalid byte. */
bool nc_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decode one UTF-8 code point at s[0..len); returns its byte length (1 for
 * an invalid byte, with *cp = 0xFFFD; 0 when len is 0).  ASCII and
 * two-byte forms are decoded inline: the scanners call this for nearly
 * every byte. */
size_t nc_utf8_decode_multi(const char *s, size_t len, uint32_t *cp);
static inline size_t nc_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *)s;
  if (len > 0 && u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  /* a lead byte C2-DF and one continuation byte is always a valid,
   * shortest form (Latin, Greek and Cyrillic letters) */
  if (len >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
    *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    return 2;
  }
  return nc_utf8_decode_multi(s, len, cp);
}

/* A civil date.  m is 1-12, d 1-31. */
struct nc_date {
  int y, m, d;
};

/* Days since 1970-01-01 for a civil date (proleptic Gregorian), and back. */
long nc_days_from_civil(struct nc_date dt);
struct nc_date nc_civil_from_days(long days);
/* 0 = Monday ... 6 = Sunday. */
int nc_weekday(struct nc_date dt);
/* Days in month m of year y. */
int nc_month_days(int y, int m);
/* Parse exactly "YYYY-MM-DD"; false when malformed or not a real day. */
bool nc_date_parse(const char *s, struct nc_date *out);
/* Format as "YYYY-MM-DD" into buf (at least 11 bytes). */
void nc_date_format(struct nc_date dt, char *buf, size_t size);

/* ASCII helpers that ignore the locale (inline: the recognizers call them
 * for every byte). */
static inline int nc_ascii_lower(int c)
{
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static inline bool nc_is_alpha(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool nc_is_digit(int c)
{
  return c >= '0' && c <= '9';
}

static inline bool nc_is_alnum(int c)
{
  return nc_is_alpha(c) || nc_is_digit(c);
}

static inline bool nc_is_space(int c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
/* A hash map from byte strings to indexes, for the "have I seen this
 * name before" questions that would otherwise be linear searches.  Keys
 * are borrowed: they must outlive the map and not change.  Zero-initialise;
 * release with nc_strmap_free. */
struct nc_strmap_slot {
  const char *key; /* NULL: empty */
  size_t len;
  uint64_t hash;
  size_t value;
};
struct nc_strmap {
  struct nc_strmap_slot *slots;
  size_t cap, n; /* cap is 0 or a power of two */
};
/* The value stored for key[0..len), or NULL when absent. */
size_t *nc_strmap_get(const struct nc_strmap *m, const char *key,
                      size_t len);
/* The value of key[0..len), inserting `value` first when the key is
 * absent (*added tells which, when not NULL).  The pointer is valid until
 * the next insertion. */
size_t *nc_strmap_put(struct nc_strmap *m, const char *key, size_t len,
                      size_t value, bool *added);
void nc_strmap_free(struct nc_strmap *m);

/* Memory handed out piece after piece from blocks and freed all at once,
 * for many small pieces that live and die together (the keys of a
 * lexicon, the JSON trees read while the data loads): a malloc and a free
 * for each cost more than the work on them.  Zero-initialise; `block` is
 * the size of a block, 0 for 64 KiB.  Aborts when memory runs out, as
 * xmalloc does. */
struct nc_arena_block;
struct nc_arena {
  struct nc_arena_block *blocks;
  char *next;  /* the unused end of the newest block */
  size_t room; /* its bytes */
  size_t block;
};
/* n bytes (n may be 0), aligned for any type. */
void *nc_arena_alloc(struct nc_arena *a, size_t n);
/* Free every piece; the arena is empty and can be used again. */
void nc_arena_free(struct nc_arena *a);

/* qsort comparator for an array of `char *` (or `const char *`). */
int nc_strptr_cmp(const void *a, const void *b);

/* Case-insensitive ASCII comparison of s[0..n) with the NUL-terminated w:
 * true when equal in length and letters. */
bool nc_ascii_eq(const char *s, size_t n, const char *w);
/* Lower-case ASCII copy of s[0..n); caller frees. */
char *nc_ascii_lowerdup(const char *s, size_t n);

/* True when byte i of s begins a word (not preceded by a letter/digit). */
bool nc_word_start_multi(const char *s, size_t i);
static inline bool nc_word_start(const char *s, size_t i)
{
  if (i == 0)
    return true;
  if ((unsigned char)s[i - 1] < 0x80)
    return !nc_is_alnum((unsigned char)s[i - 1]);
  return nc_word_start_multi(s, i);
}
/* True when s[i] ends a word (s[i] not a letter or digit, or i == len).
 * A byte inside a character counts as that character. */
bool nc_word_end_multi(const char *s, size_t len, size_t i);
static inline bool nc_word_end(const char *s, size_t len, size_t i)
{
  if (i >= len)
    return true;
  if ((unsigned char)s[i] < 0x80)
    return !nc_is_alnum((unsigned char)s[i]);
  return nc_word_end_multi(s, len, i);
}

#endif
