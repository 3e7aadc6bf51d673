/* test_util.c: the string map (nc_strmap), the UTF-8 checks and the file
 * reads that the stages lean on. */
#include "testutil.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "newscheck/util.h"

static void test_strmap_put_get(void **state)
{
  struct nc_strmap m = {0};
  char keys[5000][16];
  size_t i;
  bool added;

  (void)state;
  assert_null(nc_strmap_get(&m, "absent", 6));
  for (i = 0; i < 5000; i++) {
    snprintf(keys[i], sizeof keys[i], "name %zu", i);
    assert_int_equal(*nc_strmap_put(&m, keys[i], strlen(keys[i]), i, &added),
                     i);
    assert_true(added);
  }
  assert_int_equal(m.n, 5000);
  for (i = 0; i < 5000; i++) {
    size_t *v = nc_strmap_get(&m, keys[i], strlen(keys[i]));
    assert_non_null(v);
    assert_int_equal(*v, i);
  }
  /* a second put keeps the first value */
  assert_int_equal(*nc_strmap_put(&m, "name 7", 6, 99, &added), 7);
  assert_false(added);
  /* keys are compared by length and bytes, not as C strings */
  assert_null(nc_strmap_get(&m, "name 70", 5));
  assert_int_equal(*nc_strmap_get(&m, "name 70", 6), 7);
  nc_strmap_free(&m);
  assert_null(nc_strmap_get(&m, "name 1", 6));
}

static void test_utf8_valid(void **state)
{
  size_t bad = 0;
  const char *ok = "plain ASCII text that runs past eight bytes, "
                   "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80";
  char buf[64];

  (void)state;
  assert_true(nc_utf8_valid(ok, strlen(ok), NULL));
  /* a bad byte after a long ASCII run is found at its offset */
  memset(buf, 'a', sizeof buf);
  buf[37] = (char)0xC3; /* lead byte, then 'a': invalid */
  assert_false(nc_utf8_valid(buf, sizeof buf, &bad));
  assert_int_equal(bad, 37);
  buf[37] = (char)0xFF;
  assert_false(nc_utf8_valid(buf, sizeof buf, &bad));
  assert_int_equal(bad, 37);
  /* a sequence cut by the end of the buffer */
  assert_false(nc_utf8_valid("abc\xE2\x80", 5, &bad));
  assert_int_equal(bad, 3);
  /* overlong and surrogate forms */
  assert_false(nc_utf8_valid("\xC0\xAF", 2, NULL));
  assert_false(nc_utf8_valid("\xED\xA0\x80", 3, NULL));
}

/* Decoding as the UTF-8 standard has it, written plainly, to hold the
 * fast paths of util.c to: the code point and length at s[0..len), or
 * length 1 and U+FFFD for a byte that starts no well-formed sequence. */
static size_t ref_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
  size_t n, i;
  uint32_t c;

  if (len == 0) {
    *cp = 0xFFFD;
    return 0;
  }
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
  if (n == 0 || s[0] >= 0xF8 || n > len) {
    *cp = 0xFFFD;
    return 1;
  }
  c = s[0] & (0x7F >> n);
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    c = c << 6 | (s[i] & 0x3F);
  }
  if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
      (n == 4 && c < 0x10000) || c > 0x10FFFF ||
      (c >= 0xD800 && c <= 0xDFFF)) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = c;
  return n;
}

/* Validity and first bad offset by ref_decode, one code point at a
 * time. */
static bool ref_valid(const unsigned char *s, size_t len, size_t *bad)
{
  size_t i = 0;

  while (i < len) {
    uint32_t cp;
    size_t n = ref_decode(s + i, len - i, &cp);
    if (n == 1 && cp == 0xFFFD && s[i] >= 0x80) {
      *bad = i;
      return false;
    }
    i += n;
  }
  return true;
}

/* Check nc_utf8_valid and nc_utf8_decode against the references on
 * s[0..len) and on each of its tails. */
static void check_against_ref(const unsigned char *s, size_t len)
{
  size_t from;

  for (from = 0; from <= len; from++) {
    size_t bad = SIZE_MAX, rbad = SIZE_MAX;
    bool ok = nc_utf8_valid((const char *)s + from, len - from, &bad);
    bool rok = ref_valid(s + from, len - from, &rbad);
    uint32_t cp = 0, rcp = 0;
    size_t n = nc_utf8_decode((const char *)s + from, len - from, &cp);
    size_t rn = ref_decode(s + from, len - from, &rcp);
    if (ok != rok || (!ok && bad != rbad) || n != rn || cp != rcp)
      fail_msg("at offset %zu of %zu bytes: valid %d/%d bad %zu/%zu, "
               "decode %zu U+%04X / %zu U+%04X",
               from, len, ok, rok, bad, rbad, n, (unsigned)cp, rn,
               (unsigned)rcp);
  }
}

/* Every lead byte with every two bytes after it, at each place around
 * an eight-byte boundary and after ASCII or Cyrillic text. */
static void test_utf8_exhaustive(void **state)
{
  unsigned char buf[24];
  unsigned b0, b1, b2;
  size_t i;
  bool ok, rok;

  (void)state;
  for (b0 = 0x80; b0 < 0x100; b0++) {
    for (b1 = 0; b1 < 0x100; b1++) {
      for (b2 = 0; b2 < 0x100; b2++) {
        size_t at = 4 + (b2 & 7), bad = 0, rbad = 0;
        memset(buf, 'a', sizeof buf);
        if (b1 & 1) { /* a Cyrillic letter before */
          buf[at - 2] = 0xD0;
          buf[at - 1] = 0xBF;
        }
        buf[at] = (unsigned char)b0;
        buf[at + 1] = (unsigned char)b1;
        buf[at + 2] = (unsigned char)b2;
        buf[at + 3] = 0x80 | (unsigned char)(b1 >> 2);
        for (i = 0; i < 2; i++) {
          size_t len = i ? at + 4 : sizeof buf;
          ok = nc_utf8_valid((const char *)buf, len, &bad);
          rok = ref_valid(buf, len, &rbad);
          if (ok != rok || (!ok && bad != rbad))
            fail_msg("%02X %02X %02X at %zu, %zu bytes: %d/%d, %zu/%zu", b0,
                     b1, b2, at, len, ok, rok, bad, rbad);
        }
      }
    }
  }
}

/* Random text made of the bytes that matter (ASCII, continuation bytes,
 * lead bytes of each kind and the edges of their ranges). */
static void test_utf8_random(void **state)
{
  static const unsigned char pool[] = {
      'a',  ' ',  '.',  0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
      0xA9, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0, 0xD1, 0xDF, 0xE0, 0xE2,
      0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF};
  static const unsigned char good[][4] = {{'a'},
                                          {0xD0, 0xBF},
                                          {0xC3, 0xA9},
                                          {0xE2, 0x80, 0x99},
                                          {0xE0, 0xA4, 0x95},
                                          {0xED, 0x9F, 0xBF},
                                          {0xEF, 0xBB, 0xBF},
                                          {0xF0, 0x9F, 0x98, 0x80},
                                          {0xF4, 0x8F, 0xBF, 0xBF},
                                          {' '}};
  unsigned char buf[80];
  uint64_t x = 88172645463325252ull; /* xorshift64 */
  size_t round, len, k;

  (void)state;
  for (round = 0; round < 60000; round++) {
    len = 0;
    while (len < sizeof buf - 4) {
      unsigned r;
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      r = (unsigned)(x >> 32);
      if (round % 4 != 0 && r % 16 == 0) { /* a stray byte */
        buf[len++] = pool[(r >> 8) % sizeof pool];
      } else {
        const unsigned char *g = good[(r >> 8) % (sizeof good / 4)];
        k = g[0] < 0x80 ? 1 : g[0] < 0xE0 ? 2 : g[0] < 0xF0 ? 3 : 4;
        memcpy(buf + len, g, k);
        len += k;
      }
      if ((r >> 20) % 97 == 0)
        break;
    }
    check_against_ref(buf, len);
  }
}

/* Write n bytes of a repeating pattern (with NUL bytes) to fd. */
static void write_pattern(int fd, size_t n)
{
  char chunk[4096];
  size_t i, done = 0;

  for (i = 0; i < sizeof chunk; i++)
    chunk[i] = (char)(i % 251);
  while (done < n) {
    size_t k = n - done < sizeof chunk ? n - done : sizeof chunk;
    ssize_t w = write(fd, chunk, k);
    if (w <= 0)
      break;
    done += (size_t)w;
  }
}

/* The file `path` made anew with n bytes of write_pattern. */
static void pattern_file(const char *path, size_t n)
{
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  assert_true(fd >= 0);
  write_pattern(fd, n);
  close(fd);
}

static bool is_pattern(const char *d, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++) {
    if (d[i] != (char)(i % 4096 % 251))
      return false;
  }
  return d[n] == '\0';
}

/* nc_read_file on regular files of several sizes, the size limit, a
 * folder, and a pipe longer than its first buffer. */
static void test_read_file(void **state)
{
  static const size_t sizes[] = {0, 1, 4095, 65536, 300000};
  char dir[] = "/tmp/nc_test_utilXXXXXX", path[64], proc[64];
  struct nc_error err;
  char *data;
  size_t len, k;
  int p[2];
  pid_t pid;

  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/f", dir);
  for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    pattern_file(path, sizes[k]);
    nc_error_clear(&err);
    assert_int_equal(nc_read_file(path, NC_MAX_INPUT_BYTES, &data, &len, &err),
                     NC_OK);
    assert_int_equal(len, sizes[k]);
    assert_true(is_pattern(data, len));
    free(data);
  }
  /* one byte over the limit, and exactly at it */
  nc_error_clear(&err);
  assert_int_equal(nc_read_file(path, 299999, &data, &len, &err), NC_LIMIT);
  assert_int_equal(nc_read_file(path, 300000, &data, &len, &err), NC_OK);
  free(data);
  assert_int_equal(nc_read_file(dir, 100, &data, &len, &err), NC_IO);
  unlink(path);
  assert_int_equal(nc_read_file(path, 100, &data, &len, &err), NC_IO);
  rmdir(dir);
  /* a pipe: no size known in advance */
  assert_int_equal(pipe(p), 0);
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(p[0]);
    write_pattern(p[1], 200001);
    _exit(0);
  }
  close(p[1]);
  snprintf(proc, sizeof proc, "/dev/fd/%d", p[0]);
  nc_error_clear(&err);
  assert_int_equal(nc_read_file(proc, NC_MAX_INPUT_BYTES, &data, &len, &err),
                   NC_OK);
  assert_int_equal(len, 200001);
  assert_true(is_pattern(data, len));
  free(data);
  close(p[0]);
  waitpid(pid, NULL, 0);
}

/* nc_map_file maps regular files whose mapping ends in a NUL byte, and
 * declines the rest (the caller then reads them): a size that is a
 * multiple of the page size, an empty file, one over the limit, a folder,
 * a missing file, standard input and a pipe. */
static void test_map_file(void **state)
{
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t sizes[] = {1, 4095, page - 1, page + 1, 3 * page + 7, 300001};
  char dir[] = "/tmp/nc_test_mapXXXXXX", dir2[] = "/tmp/nc_test_mapXXXXXX";
  char path[64], proc[64];
  char *data;
  size_t len, k;
  int p[2];

  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/f", dir);
  for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    pattern_file(path, sizes[k]);
    assert_true(nc_map_file(path, NC_MAX_INPUT_BYTES, &data, &len));
    assert_int_equal(len, sizes[k]);
    assert_true(is_pattern(data, len)); /* and NUL-terminated */
    nc_unmap_file(data, len);
  }
  /* at the limit and one byte over it */
  assert_true(nc_map_file(path, 300001, &data, &len));
  nc_unmap_file(data, len);
  assert_false(nc_map_file(path, 300000, &data, &len));
  /* sizes with no byte after them in the last page, and nothing */
  for (k = 0; k < 3; k++) {
    pattern_file(path, k * page);
    assert_false(nc_map_file(path, NC_MAX_INPUT_BYTES, &data, &len));
  }
  assert_false(nc_map_file(dir, NC_MAX_INPUT_BYTES, &data, &len));
  unlink(path);
  assert_false(nc_map_file(path, NC_MAX_INPUT_BYTES, &data, &len));
  rmdir(dir);
  assert_false(nc_map_file("-", NC_MAX_INPUT_BYTES, &data, &len));
  /* a named pipe: declined without opening it (which would wait) */
  assert_non_null(mkdtemp(dir2));
  snprintf(path, sizeof path, "%s/fifo", dir2);
  assert_int_equal(mkfifo(path, 0600), 0);
  assert_false(nc_map_file(path, NC_MAX_INPUT_BYTES, &data, &len));
  unlink(path);
  rmdir(dir2);
  assert_int_equal(pipe(p), 0);
  assert_int_equal(write(p[1], "abc", 3), 3);
  snprintf(proc, sizeof proc, "/dev/fd/%d", p[0]);
  assert_false(nc_map_file(proc, NC_MAX_INPUT_BYTES, &data, &len));
  close(p[0]);
  close(p[1]);
}

/* nc_buf_put_whole writes what "%.0f" writes. */
static void test_put_whole(void **state)
{
  static const double xs[] = {0.0, -0.0, 5, -12, 1992, 600e9,
                              999999999999999.0, -999999999999999.0};
  size_t i;

  (void)state;
  for (i = 0; i < sizeof xs / sizeof *xs; i++) {
    struct nc_buf b = {0};
    char want[64];
    snprintf(want, sizeof want, "%.0f", xs[i]);
    nc_buf_put_whole(&b, xs[i]);
    assert_string_equal(b.data, want);
    nc_buf_free(&b);
  }
}

/* Every byte of a character answers as the character: a loop that steps
 * byte by byte through "café" or "Москва" keeps the whole word (it once
 * stopped inside "é", and keys ended in half a letter), and one through
 * a dash or a no-break space skips all of it (letters of other scripts,
 * as 中, and symbols outside the punctuation blocks, as an emoji, count as
 * letters; a stray continuation byte does not). */
static void test_word_end_inside_characters(void **state)
{
  const char *t = "caf\xc3\xa9 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"
                  "\xe2\x80\x94x\xc2\xa0\xe4\xb8\xad\xf0\x9f\x98\x80y\x80z";
  /* 1: the byte ends a word (is or is inside a non-letter) */
  const char *want = "00000100000000000011101100000000101";
  size_t n = strlen(t), i, we;

  (void)state;
  assert_int_equal(strlen(want), n + 1);
  for (i = 0; i <= n; i++) {
    if (nc_word_end(t, n, i) != (want[i] == '1'))
      fail_msg("byte %zu", i);
  }
  /* a word read byte by byte ends at the space, after the whole "é" */
  for (we = 0; !nc_word_end(t, n, we); we++)
    ;
  assert_int_equal(we, 5);
  for (we = 6; !nc_word_end(t, n, we); we++)
    ;
  assert_int_equal(we, 18);
}

/* Pieces of an arena are aligned for any type, do not overlap, keep
 * what was written in them across blocks (one larger than a block gets
 * its own), and the arena is usable again after nc_arena_free. */
static void test_arena(void **state)
{
  struct nc_arena a = {NULL, NULL, 0, 100};
  unsigned char *p[200];
  size_t i, n, round;

  (void)state;
  for (round = 0; round < 2; round++) {
    for (i = 0; i < 200; i++) {
      n = i % 7 == 6 ? 300 : i % 40; /* 0 bytes, and more than a block */
      p[i] = nc_arena_alloc(&a, n);
      assert_non_null(p[i]);
      assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
      memset(p[i], (int)i, n);
      if (i > 0)
        assert_true(p[i] != p[i - 1]);
    }
    for (i = 0; i < 200; i++) {
      size_t k;
      n = i % 7 == 6 ? 300 : i % 40;
      for (k = 0; k < n; k++)
        assert_int_equal(p[i][k], (unsigned char)i);
    }
    nc_arena_free(&a);
    assert_null(a.blocks);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strmap_put_get),
      cmocka_unit_test(test_utf8_valid),
      cmocka_unit_test(test_utf8_exhaustive),
      cmocka_unit_test(test_utf8_random),
      cmocka_unit_test(test_read_file),
      cmocka_unit_test(test_map_file),
      cmocka_unit_test(test_put_whole),
      cmocka_unit_test(test_word_end_inside_characters),
      cmocka_unit_test(test_arena),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
