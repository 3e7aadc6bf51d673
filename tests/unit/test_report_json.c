/* test_report_json.c: the compact JSON writer behind extract's claim
 * lines must print exactly what cJSON_PrintUnformatted prints, for every
 * kind of value: numbers of every size and sign, strings with every
 * control character and non-ASCII text, nested arrays and objects. */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include "report_json.h"

/* Print with both writers and compare. */
static void same(const cJSON *item)
{
  char *want = cJSON_PrintUnformatted(item);
  struct nc_buf got = {0};

  nc_json_compact(&got, item);
  assert_non_null(want);
  assert_string_equal(got.data ? got.data : "", want);
  free(want);
  nc_buf_free(&got);
}

static void test_numbers(void **state)
{
  static const double fixed[] = {
      0.0,   -0.0,          1.0,        -1.0,         5.0,
      1992,  2147483647.0,  -2147483648.0, 2147483648.0, -2147483649.0,
      3e9,   600e9,         1e15,       1e16,         1e21,
      0.1,   0.25,          1.5,        -2.75,        33.333333333333336,
      0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0,  1e-7,         123456.789,
      DBL_MAX, DBL_MIN,     -DBL_MAX,   4.9e-324,     9007199254740993.0};
  unsigned long seed = 12345;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof fixed / sizeof *fixed; i++) {
    cJSON *n = cJSON_CreateNumber(fixed[i]);
    same(n);
    cJSON_Delete(n);
  }
  /* NaN and infinities print as null */
  {
    cJSON *n = cJSON_CreateNumber(NAN);
    same(n);
    cJSON_Delete(n);
    n = cJSON_CreateNumber(INFINITY);
    same(n);
    cJSON_Delete(n);
  }
  /* pseudo-random values over many magnitudes, integers and fractions */
  for (i = 0; i < 20000; i++) {
    double x;
    cJSON *n;
    seed = seed * 6364136223846793005ul + 1442695040888963407ul;
    x = (double)(seed >> 11) / (double)(1ul << 53);
    x = ldexp(x, (int)((seed >> 3) % 120) - 60);
    if (i % 3 == 0)
      x = floor(x);
    if (i % 2)
      x = -x;
    n = cJSON_CreateNumber(x);
    same(n);
    cJSON_Delete(n);
  }
}

static void test_strings(void **state)
{
  char all[160];
  size_t i;
  cJSON *s;

  (void)state;
  for (i = 0; i < 127; i++)
    all[i] = (char)(i + 1);
  memcpy(all + 127, "\xE2\x80\x9C" "caf\xC3\xA9" "\xE2\x80\x9D", 11);
  all[138] = '\0';
  s = cJSON_CreateString(all);
  same(s);
  cJSON_Delete(s);
  s = cJSON_CreateString("");
  same(s);
  cJSON_Delete(s);
  s = cJSON_CreateString("plain text, no escapes");
  same(s);
  cJSON_Delete(s);
  /* one character to escape at every position of a longer run (the
   * writer skips plain text eight bytes at a time) */
  {
    static const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f'};
    size_t p, k;
    for (k = 0; k < sizeof specials; k++)
      for (p = 0; p < 40; p++) {
        char buf[48];
        memset(buf, 'a', 40);
        buf[40] = '\0';
        buf[p] = specials[k];
        s = cJSON_CreateString(buf);
        same(s);
        cJSON_Delete(s);
      }
  }
}

/* Mention lines print each number so that it reads back as itself, to
 * 17 digits where 15 are not enough (cJSON would stop at 15 when the
 * difference is within its tolerance). */
static void test_mention_numbers(void **state)
{
  static const struct {
    double x;
    const char *json;
  } cases[] = {
      {8623207229442879.0, "\"value\":8623207229442879,"},
      {1.0 / 17.0, "\"value\":0.058823529411764705,"},
      {600e9, "\"value\":600000000000,"},
      {2.5, "\"value\":2.5,"},
      {-3.0, "\"value\":-3,"}};
  const char *text = "a number";
  struct nc_block blk;
  struct nc_mention m;
  size_t i;

  (void)state;
  memset(&blk, 0, sizeof blk);
  blk.kind = NC_BLOCK_BODY;
  blk.text = text;
  blk.len = strlen(text);
  blk.end = blk.len;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct nc_buf b = {0};
    memset(&m, 0, sizeof m);
    m.type = NC_M_NUMBER;
    m.start = 2;
    m.end = 8;
    m.value = cases[i].x;
    nc_report_mention_line(&b, NULL, &blk, &m);
    assert_non_null(strstr(b.data, cases[i].json));
    assert_true(b.len > 0 && b.data[b.len - 1] == '\n');
    nc_buf_free(&b);
  }
}

static void test_nested(void **state)
{
  cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray(), *in;

  (void)state;
  cJSON_AddStringToObject(o, "kind", "claim");
  cJSON_AddStringToObject(o, "key \"quoted\"\n", "v\\al");
  cJSON_AddNullToObject(o, "hedge");
  cJSON_AddBoolToObject(o, "quoted", 1);
  cJSON_AddBoolToObject(o, "exhaustive", 0);
  cJSON_AddNumberToObject(o, "start", 1234);
  cJSON_AddItemToArray(a, cJSON_CreateNumber(3000));
  cJSON_AddItemToArray(a, cJSON_CreateNumber(10000.5));
  cJSON_AddItemToArray(a, cJSON_CreateString("Bahrain"));
  cJSON_AddItemToArray(a, cJSON_CreateArray());
  cJSON_AddItemToObject(o, "value", a);
  in = cJSON_AddObjectToObject(o, "inner");
  cJSON_AddItemToObject(in, "empty", cJSON_CreateObject());
  same(o);
  cJSON_Delete(o);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_strings),
      cmocka_unit_test(test_nested),
      cmocka_unit_test(test_mention_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
