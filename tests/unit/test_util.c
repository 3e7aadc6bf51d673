/* test_util.c: the string map (nc_strmap) and the UTF-8 check that the
 * stages lean on. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>

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

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strmap_put_get),
      cmocka_unit_test(test_utf8_valid),
      cmocka_unit_test(test_put_whole),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
