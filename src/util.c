/* util.c: the small helpers every stage leans on: allocation that cannot
 * fail, a growable string, whole-file reads, atomic writes, UTF-8 checks
 * and civil-calendar arithmetic. */
#include "newscheck/util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "simd.h"

static void oom(size_t n)
{
  fprintf(stderr, "newscheck: error: out of memory (%zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    oom(n);
  return p;
}

void *xcalloc(size_t count, size_t size)
{
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    oom(count * size);
  return p;
}

void *xrealloc(void *p, size_t n)
{
  void *q = realloc(p, n ? n : 1);
  if (!q)
    oom(n);
  return q;
}

char *xstrdup(const char *s)
{
  return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void nc_grow(void *items, size_t *cap, size_t need, size_t size)
{
  void **pp = items;
  size_t c = *cap;

  if (need <= c)
    return;
  if (c < 8)
    c = 8;
  while (c < need)
    c *= 2;
  *pp = xrealloc(*pp, c * size);
  *cap = c;
}

void nc_buf_append_grow(struct nc_buf *b, const char *s, size_t n)
{
  if (b->len + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 64;
    while (c < b->len + n + 1)
      c *= 2;
    b->data = xrealloc(b->data, c);
    b->cap = c;
  }
  if (n)
    memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void nc_buf_put_whole(struct nc_buf *b, double x)
{
  char tmp[24];
  unsigned long long u = (unsigned long long)(x < 0 ? -x : x);
  size_t i = sizeof tmp;

  do {
    tmp[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (signbit(x))
    tmp[--i] = '-';
  nc_buf_append(b, tmp + i, sizeof tmp - i);
}

void nc_buf_printf(struct nc_buf *b, const char *fmt, ...)
{
  va_list ap;
  char small[256];
  int n;

  va_start(ap, fmt);
  n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof small) {
    nc_buf_append(b, small, (size_t)n);
    return;
  }
  {
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    nc_buf_append(b, big, (size_t)n);
    free(big);
  }
}

char *nc_buf_take(struct nc_buf *b)
{
  char *s = b->data ? b->data : xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

void nc_buf_free(struct nc_buf *b)
{
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

enum nc_status nc_read_file(const char *path, size_t max, char **data,
                            size_t *len, struct nc_error *err)
{
  bool is_stdin = strcmp(path, "-") == 0;
  int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
  const char *name = is_stdin ? "<stdin>" : path;
  struct stat st;
  char *buf;
  size_t n = 0, cap = 65536;

  if (fd < 0)
    return nc_error_set(err, NC_IO, name, 0, "%s", strerror(errno));
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (!is_stdin)
        close(fd);
      return nc_error_set(err, NC_IO, name, 0, "is a directory");
    }
    /* a regular file is read into one buffer of its size, with room for
     * the NUL and one byte more, so that the read that finds the end
     * needs no growing; a pipe (or a file that grows meanwhile) takes
     * the doubling path below */
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
      if (!is_stdin)
        close(fd);
      return nc_error_set(err, NC_LIMIT, name, 0,
                          "file is larger than the limit of %zu bytes", max);
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0)
      cap = (size_t)st.st_size + 2;
  }
  buf = xmalloc(cap);
  for (;;) {
    ssize_t r;
    if (cap - n < 2) {
      cap *= 2;
      buf = xrealloc(buf, cap);
    }
    r = read(fd, buf + n, cap - n - 1);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      nc_error_set(err, NC_IO, name, 0, "%s", strerror(errno));
      goto fail;
    }
    if (r == 0)
      break;
    if (n + (size_t)r > max) {
      nc_error_set(err, NC_LIMIT, name, 0,
                   "file is larger than the limit of %zu bytes", max);
      goto fail;
    }
    n += (size_t)r;
  }
  if (!is_stdin)
    close(fd);
  buf[n] = '\0';
  *len = n;
  *data = buf;
  return NC_OK;
fail:
  if (!is_stdin)
    close(fd);
  free(buf);
  return err ? err->status : NC_IO;
}

bool nc_map_file(const char *path, size_t max, char **data, size_t *len)
{
  long page = sysconf(_SC_PAGESIZE);
  struct stat st;
  void *p;
  int fd;

  /* stat first: opening a named pipe would wait for a writer, and the
   * writer would then lose its reader when it is closed again here */
  if (strcmp(path, "-") == 0 || page <= 0 || stat(path, &st) != 0 ||
      !S_ISREG(st.st_mode))
    return false;
  fd = open(path, O_RDONLY);
  if (fd < 0)
    return false;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
      (uintmax_t)st.st_size > max || st.st_size % page == 0) {
    close(fd);
    return false;
  }
  p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd); /* the mapping keeps the file */
  if (p == MAP_FAILED)
    return false;
  if (((const char *)p)[st.st_size] != '\0') { /* it grew meanwhile */
    munmap(p, (size_t)st.st_size);
    return false;
  }
  *data = p;
  *len = (size_t)st.st_size;
  return true;
}

void nc_unmap_file(char *data, size_t len)
{
  if (data)
    munmap(data, len);
}

enum nc_status nc_write_atomic(const char *path, const char *data,
                               size_t len, struct nc_error *err)
{
  struct nc_buf tmp = {0};
  int fd, k;
  size_t off = 0;

  /* mkstemp's template: the path, ".tmp." and six X to be replaced */
  nc_buf_printf(&tmp, "%s.tmp.", path);
  for (k = 0; k < 6; k++)
    nc_buf_putc(&tmp, 'X');
  fd = mkstemp(tmp.data);
  if (fd < 0) {
    nc_error_set(err, NC_IO, path, 0, "cannot create temporary file: %s",
                 strerror(errno));
    nc_buf_free(&tmp);
    return NC_IO;
  }
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      nc_error_set(err, NC_IO, path, 0, "write failed: %s", strerror(errno));
      goto fail;
    }
    off += (size_t)w;
  }
  if (fsync(fd) != 0) {
    nc_error_set(err, NC_IO, path, 0, "fsync failed: %s", strerror(errno));
    goto fail;
  }
  /* mkstemp creates 0600; a written report should be readable like any
   * other file the user creates. */
  {
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
  if (close(fd) != 0) {
    fd = -1;
    nc_error_set(err, NC_IO, path, 0, "close failed: %s", strerror(errno));
    goto fail;
  }
  fd = -1;
  if (rename(tmp.data, path) != 0) {
    nc_error_set(err, NC_IO, path, 0, "rename failed: %s", strerror(errno));
    goto fail;
  }
  nc_buf_free(&tmp);
  return NC_OK;
fail:
  if (fd >= 0)
    close(fd);
  unlink(tmp.data);
  nc_buf_free(&tmp);
  return NC_IO;
}

/* Where the second byte of a sequence led by byte c must lie, so that the
 * sequence is neither overlong, a surrogate nor past U+10FFFF (Unicode
 * table 3-7); other continuation bytes are 0x80-0xBF. */
static inline bool second_ok(unsigned c, unsigned b)
{
  switch (c) {
  case 0xE0:
    return b >= 0xA0 && b <= 0xBF;
  case 0xED:
    return b >= 0x80 && b <= 0x9F;
  case 0xF0:
    return b >= 0x90 && b <= 0xBF;
  case 0xF4:
    return b >= 0x80 && b <= 0x8F;
  default:
    return (b & 0xC0) == 0x80;
  }
}

/* Byte length of the well-formed sequence led by s[0] (a byte of 0x80 or
 * more) in s[0..len), or 0 when it is not one: the lead byte is not
 * C2-F4, the sequence is cut short, or a later byte is out of range. */
static inline size_t utf8_seq_len(const unsigned char *s, size_t len)
{
  unsigned c = s[0];

  if (c >= 0xC2 && c <= 0xDF)
    return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF)
    return len >= 3 && second_ok(c, s[1]) && (s[2] & 0xC0) == 0x80 ? 3 : 0;
  if (c >= 0xF0 && c <= 0xF4)
    return len >= 4 && second_ok(c, s[1]) && (s[2] & 0xC0) == 0x80 &&
                   (s[3] & 0xC0) == 0x80
               ? 4
               : 0;
  return 0;
}

size_t nc_utf8_decode_multi(const char *str, size_t len, uint32_t *cp)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t n;

  if (len == 0) {
    *cp = 0xFFFD;
    return 0;
  }
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  n = utf8_seq_len(s, len);
  switch (n) {
  case 2:
    *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    break;
  case 3:
    *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
          (s[2] & 0x3F);
    break;
  case 4:
    *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
          (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
    break;
  default:
    *cp = 0xFFFD;
    return 1;
  }
  return n;
}

/* Where utf8_run stops inside a sequence its check began: back from i
 * to that sequence's lead byte, which the caller checks again. */
static size_t lead_before(const unsigned char *s, size_t i)
{
  do
    i--;
  while ((s[i] & 0xC0) == 0x80);
  return i;
}

#if NC_SSE2
/* The kinds of the sixteen bytes at p, bit k for byte k: 0x80 or more,
 * lead bytes C2-DF, lead bytes E1-EC or EE-EF, continuation bytes. */
struct utf8_masks {
  unsigned high, lead2, lead3, cont;
};

static inline void utf8_masks16(const unsigned char *p, struct utf8_masks *m)
{
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

  m->high = (unsigned)_mm_movemask_epi8(v);
  if (!m->high) {
    m->lead2 = m->lead3 = m->cont = 0;
    return;
  }
  /* as signed bytes, C2-DF are -62..-33, E1-EF -31..-17 and the
   * continuation bytes 80-BF -128..-65 */
  m->lead2 = (unsigned)_mm_movemask_epi8(
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
  m->lead3 = (unsigned)_mm_movemask_epi8(
      _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
                       _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)),
                                     _mm_cmplt_epi8(v, _mm_set1_epi8(-16)))));
  m->cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
}

/* The bits of the continuation bytes that the leads of m call for, with
 * `carry` those called for by earlier leads; bits 16 and 17 fall past
 * the sixteen bytes. */
static inline unsigned utf8_wanted(const struct utf8_masks *m, unsigned carry)
{
  return (m->lead2 | m->lead3) << 1 | m->lead3 << 2 | carry;
}

/* The bytes from i on that hold only ASCII, two-byte forms (whole scripts:
 * Latin, Greek, Cyrillic...) and the three-byte forms led by E1-EC or
 * EE-EF (punctuation, CJK: every continuation byte is allowed after them)
 * are valid; they are checked sixteen at a time, the last sixteen bytes of
 * s read again for the end.  Returns where they stop, at the start of a
 * character (len when all are valid). */
static size_t utf8_run(const unsigned char *s, size_t len, size_t i)
{
  /* bits of the next sixteen bytes that must be continuation bytes, for
   * the sequences begun before byte i */
  unsigned carry = 0, want;
  struct utf8_masks m;

  while (len - i >= 16) {
    utf8_masks16(s + i, &m);
    if (!(m.high | carry)) {
      i += 16; /* ASCII, the usual case */
      continue;
    }
    /* the continuation bytes are exactly those the leads call for */
    want = utf8_wanted(&m, carry);
    if ((m.lead2 | m.lead3 | m.cont) != m.high || (want & 0xFFFF) != m.cont)
      break;
    carry = want >> 16;
    i += 16;
  }
  if (i < len && len >= 16 && len - i < 16) {
    /* the last sixteen bytes, less the o already checked */
    unsigned o = (unsigned)(i - (len - 16)), keep = 0xFFFFu << o & 0xFFFF;
    utf8_masks16(s + len - 16, &m);
    m.high &= keep;
    m.lead2 &= keep;
    m.lead3 &= keep;
    m.cont &= keep;
    want = utf8_wanted(&m, carry << o);
    if ((m.lead2 | m.lead3 | m.cont) == m.high && want == m.cont)
      return len;
  }
  return carry ? lead_before(s, i) : i;
}
#else
#define BYTES_LOW 0x0101010101010101ull
#define BYTES_TOP 0x8080808080808080ull

/* As above, eight bytes at a time as one 64-bit number: in each byte's
 * lane, the top bits of w, w << 1, w << 2 and w << 3 are its bits 7, 6,
 * 5 and 4. */
static size_t utf8_run(const unsigned char *s, size_t len, size_t i)
{
  /* top bits of the lanes of the next eight bytes that must be
   * continuation bytes, for the sequences begun before byte i */
  uint64_t carry = 0;

  while (len - i >= 8) {
    uint64_t w = nc_load8(s + i, 8), lead, cont, lead2, lead3, lo, ok;
    if (!((w & BYTES_TOP) | carry)) {
      i += 8; /* ASCII, the usual case */
      continue;
    }
    lead = w & w << 1 & BYTES_TOP;    /* top bits 11: a lead byte */
    cont = w & ~(w << 1) & BYTES_TOP; /* top bits 10: a continuation */
    /* top bits 110 with bits 1-4 not all zero: C2-DF (adding 0x7E to
     * bits 1-4 carries into the top bit unless they are zero) */
    lead2 = lead & ~(w << 2) & ((w & BYTES_LOW * 0x1E) + BYTES_LOW * 0x7E);
    /* top bits 1110 and low four bits neither 0 nor 0xD */
    lo = w & BYTES_LOW * 0x0F;
    ok =
        (lo + BYTES_LOW * 0x7F) & ((lo ^ BYTES_LOW * 0x0D) + BYTES_LOW * 0x7F);
    lead3 = lead & w << 2 & ~(w << 3) & ok;
    /* every lead one of those, and the continuation bytes exactly the
     * bytes after them */
    if ((lead2 | lead3) != lead ||
        cont != ((lead2 | lead3) << 8 | lead3 << 16 | carry))
      break;
    carry = (lead2 | lead3) >> 56 | lead3 >> 48;
    i += 8;
  }
  return carry ? lead_before(s, i) : i;
}
#endif

bool nc_utf8_valid(const char *str, size_t len, size_t *bad)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;

  for (;;) {
    /* the bytes where utf8_run stopped (or the last few), one character
     * at a time; this also finds the offset of the first bad byte */
    size_t end;
    i = utf8_run(s, len, i);
    end = len - i >= 16 ? i + 16 : len;
    while (i < end) {
      size_t n = s[i] < 0x80 ? 1 : utf8_seq_len(s + i, len - i);
      if (n == 0) {
        if (bad)
          *bad = i;
        return false;
      }
      i += n;
    }
    if (i >= len)
      return true;
  }
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long nc_days_from_civil(struct nc_date dt)
{
  long y = dt.y - (dt.m <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (dt.m + 9) % 12;
  long doy = (153 * mp + 2) / 5 + dt.d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct nc_date nc_civil_from_days(long z)
{
  struct nc_date dt;
  long era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
  dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
  dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
  return dt;
}

int nc_weekday(struct nc_date dt)
{
  long z = nc_days_from_civil(dt); /* 1970-01-01 was a Thursday (3) */
  long w = (z + 3) % 7;
  return (int)(w < 0 ? w + 7 : w);
}

int nc_month_days(int y, int m)
{
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

bool nc_date_parse(const char *s, struct nc_date *out)
{
  int i;
  struct nc_date dt;

  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !nc_is_digit(s[i]))
      return false;
  dt.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
         (s[3] - '0');
  dt.m = (s[5] - '0') * 10 + (s[6] - '0');
  dt.d = (s[8] - '0') * 10 + (s[9] - '0');
  if (dt.m < 1 || dt.m > 12 || dt.d < 1 || dt.d > nc_month_days(dt.y, dt.m))
    return false;
  *out = dt;
  return true;
}

void nc_date_format(struct nc_date dt, char *buf, size_t size)
{
  snprintf(buf, size, "%04d-%02d-%02d", dt.y, dt.m, dt.d);
}

int nc_strptr_cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

bool nc_ascii_eq(const char *s, size_t n, const char *w)
{
  size_t i;
  for (i = 0; i < n; i++) {
    if (w[i] == '\0' ||
        nc_ascii_lower((unsigned char)s[i]) !=
            nc_ascii_lower((unsigned char)w[i]))
      return false;
  }
  return w[n] == '\0';
}

char *nc_ascii_lowerdup(const char *s, size_t n)
{
  char *p = xmalloc(n + 1);
  size_t i;
  for (i = 0; i < n; i++)
    p[i] = (char)nc_ascii_lower((unsigned char)s[i]);
  p[n] = '\0';
  return p;
}

/* Letters and digits make words; outside ASCII, anything but the
 * punctuation, symbol and space blocks counts as a letter. */
static bool wordish_cp(uint32_t cp)
{
  if (cp < 0x80)
    return nc_is_alnum((int)cp);
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
    return false; /* Latin-1 punctuation, NBSP, times, divide */
  if (cp >= 0x2000 && cp <= 0x2BFF)
    return false; /* general punctuation .. misc symbols */
  if (cp >= 0x3000 && cp <= 0x303F)
    return false;
  if (cp == 0xFEFF || cp == 0xFFFD)
    return false;
  return true;
}

bool nc_word_start_multi(const char *s, size_t i)
{
  size_t j;
  uint32_t cp;

  if (i == 0)
    return true;
  j = i - 1;
  /* back up to the lead byte of the previous character */
  while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  nc_utf8_decode(s + j, i - j, &cp);
  return !wordish_cp(cp);
}

bool nc_word_end_multi(const char *s, size_t len, size_t i)
{
  size_t j = i;
  uint32_t cp;

  if (i >= len)
    return true;
  /* a byte inside a character is of that character: a loop that steps
   * through a word byte by byte goes on through "é" and stops at the
   * whole of a dash */
  while (j > 0 && i - j < 3 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  if (j < i && nc_utf8_decode(s + j, len - j, &cp) > i - j)
    return !wordish_cp(cp);
  nc_utf8_decode(s + i, len - i, &cp);
  return !wordish_cp(cp);
}

/* ---- string map ------------------------------------------------------ */

static uint64_t hash_bytes(const char *s, size_t n)
{
  uint64_t h = 14695981039346656037ull; /* FNV-1a */
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

/* The slot of key (hash h), or the empty slot where it would go. */
static struct nc_strmap_slot *strmap_slot(const struct nc_strmap *m,
                                          const char *key, size_t len,
                                          uint64_t h)
{
  size_t mask = m->cap - 1, i = (size_t)h & mask;

  for (;;) {
    struct nc_strmap_slot *sl = &m->slots[i];
    if (!sl->key || (sl->hash == h && sl->len == len &&
                     memcmp(sl->key, key, len) == 0))
      return sl;
    i = (i + 1) & mask;
  }
}

size_t *nc_strmap_get(const struct nc_strmap *m, const char *key,
                      size_t len)
{
  struct nc_strmap_slot *sl;

  if (m->n == 0)
    return NULL;
  sl = strmap_slot(m, key, len, hash_bytes(key, len));
  return sl->key ? &sl->value : NULL;
}

size_t *nc_strmap_put(struct nc_strmap *m, const char *key, size_t len,
                      size_t value, bool *added)
{
  uint64_t h = hash_bytes(key, len);
  struct nc_strmap_slot *sl;

  if ((m->n + 1) * 2 > m->cap) { /* keep the load under one half */
    struct nc_strmap old = *m;
    size_t i;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (i = 0; i < old.cap; i++)
      if (old.slots[i].key)
        *strmap_slot(m, old.slots[i].key, old.slots[i].len,
                     old.slots[i].hash) = old.slots[i];
    free(old.slots);
  }
  sl = strmap_slot(m, key, len, h);
  if (added)
    *added = !sl->key;
  if (!sl->key) {
    sl->key = key;
    sl->len = len;
    sl->hash = h;
    sl->value = value;
    m->n++;
  }
  return &sl->value;
}

void nc_strmap_free(struct nc_strmap *m)
{
  free(m->slots);
  m->slots = NULL;
  m->cap = m->n = 0;
}

/* ---- arena ----------------------------------------------------------- */

struct nc_arena_block {
  struct nc_arena_block *next;
  max_align_t data[];
};

void *nc_arena_alloc(struct nc_arena *a, size_t n)
{
  const size_t align = _Alignof(max_align_t);
  size_t need, size;
  char *p;

  if (n > SIZE_MAX - sizeof(struct nc_arena_block) - align)
    oom(n);
  need = (n + align - 1) / align * align;
  if (need == 0)
    need = align;
  if (need > a->room) {
    struct nc_arena_block *b;
    size = a->block ? a->block : (size_t)64 << 10;
    if (size < need)
      size = need;
    b = xmalloc(sizeof *b + size);
    b->next = a->blocks;
    a->blocks = b;
    a->next = (char *)b->data;
    a->room = size;
  }
  p = a->next;
  a->next += need;
  a->room -= need;
  return p;
}

void nc_arena_free(struct nc_arena *a)
{
  while (a->blocks) {
    struct nc_arena_block *b = a->blocks;
    a->blocks = b->next;
    free(b);
  }
  a->next = NULL;
  a->room = 0;
}
