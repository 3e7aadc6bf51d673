/* test_fetch.c: the pure parts of the fetch stage: safe file names,
 * Retry-After, backoff, --connect-to checks, option defaults and the
 * report JSON.  Transfers themselves are tested by tests/fetch.test.sh. */
#include "testutil.h"

#include "newscheck/fetch.h"

static void safe_name_keeps_plain_ids(void **state)
{
  char *n = nc_fetch_safe_name("city-council_2024.v2", NULL);
  (void)state;
  assert_string_equal(n, "city-council_2024.v2");
  free(n);
}

static void safe_name_blocks_traversal(void **state)
{
  char *n = nc_fetch_safe_name("../../etc/passwd", NULL);
  (void)state;
  assert_null(strchr(n, '/'));
  assert_true(n[0] != '.');
  assert_string_equal(n, "_._.._etc_passwd");
  free(n);
}

static void safe_name_replaces_unsafe_bytes(void **state)
{
  char *n = nc_fetch_safe_name("caf\xc3\xa9 news:today?x=1", NULL);
  const char *p;
  (void)state;
  for (p = n; *p; p++)
    assert_true(strchr("abcdefghijklmnopqrstuvwxyz"
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
                       *p) != NULL);
  free(n);
}

static void safe_name_is_bounded(void **state)
{
  char id[300];
  char *n;
  (void)state;
  memset(id, 'a', sizeof id - 1);
  id[sizeof id - 1] = '\0';
  n = nc_fetch_safe_name(id, NULL);
  assert_int_equal(strlen(n), NC_FETCH_NAME_MAX);
  free(n);
}

static void safe_name_falls_back_to_url(void **state)
{
  char *n = nc_fetch_safe_name("", "https://www.example.org/a/b.html");
  char *m = nc_fetch_safe_name(NULL, NULL);
  (void)state;
  assert_string_equal(n, "www.example.org_a_b.html");
  assert_string_equal(m, "page");
  free(n);
  free(m);
}

static void safe_name_hidden_dot(void **state)
{
  char *n = nc_fetch_safe_name(".profile", NULL);
  (void)state;
  assert_string_equal(n, "_profile");
  free(n);
}

static void retry_after_seconds(void **state)
{
  long s = -1;
  (void)state;
  assert_true(nc_fetch_retry_after("7", 1000, 60, &s));
  assert_int_equal(s, 7);
  assert_true(nc_fetch_retry_after(" 120 ", 1000, 60, &s));
  assert_int_equal(s, 60); /* capped */
  assert_true(nc_fetch_retry_after("99999999999999999999", 1000, 30, &s));
  assert_int_equal(s, 30);
}

static void retry_after_http_date(void **state)
{
  long s = -1;
  /* Sun, 06 Nov 1994 08:49:37 GMT is 784111777 */
  (void)state;
  assert_true(nc_fetch_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
                                   784111777 - 5, 60, &s));
  assert_int_equal(s, 5);
  assert_true(nc_fetch_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
                                   784111777 + 100, 60, &s));
  assert_int_equal(s, 0); /* in the past: no wait */
}

static void retry_after_rejects_junk(void **state)
{
  long s = 42;
  (void)state;
  assert_false(nc_fetch_retry_after("soon", 1000, 60, &s));
  assert_false(nc_fetch_retry_after("5 minutes", 1000, 60, &s));
  assert_false(nc_fetch_retry_after("", 1000, 60, &s));
  assert_false(nc_fetch_retry_after(NULL, 1000, 60, &s));
  assert_int_equal(s, 42);
}

static void backoff_grows_and_caps(void **state)
{
  (void)state;
  /* rnd 0 gives the low end (half), a huge rnd the top of the step */
  assert_int_equal(nc_fetch_backoff_ms(1, 500, 8000, 0), 250);
  assert_int_equal(nc_fetch_backoff_ms(2, 500, 8000, 0), 500);
  assert_int_equal(nc_fetch_backoff_ms(3, 500, 8000, 0), 1000);
  assert_int_equal(nc_fetch_backoff_ms(30, 500, 8000, 0), 4000);
  assert_int_equal(nc_fetch_backoff_ms(1, 500, 8000, 250), 500);
}

static void backoff_jitter_in_range(void **state)
{
  uint32_t r;
  (void)state;
  for (r = 0; r < 2000; r += 7) {
    long d = nc_fetch_backoff_ms(2, 300, 10000, r * 2654435761u);
    assert_true(d >= 300 && d <= 600);
  }
}

static void connect_to_accepts_curl_forms(void **state)
{
  (void)state;
  assert_true(nc_fetch_connect_to_valid("www.example.com:80:127.0.0.1:8080"));
  assert_true(nc_fetch_connect_to_valid("::127.0.0.1:8080"));
  assert_true(nc_fetch_connect_to_valid("example.com:443:[::1]:8443"));
  assert_true(nc_fetch_connect_to_valid("a.example:::"));
}

static void connect_to_rejects_bad_forms(void **state)
{
  (void)state;
  assert_false(nc_fetch_connect_to_valid("example.com:80:127.0.0.1"));
  assert_false(nc_fetch_connect_to_valid("example.com:80:127.0.0.1:99999"));
  assert_false(nc_fetch_connect_to_valid("example.com:0:127.0.0.1:80"));
  assert_false(nc_fetch_connect_to_valid("exa mple:80:127.0.0.1:80"));
  assert_false(nc_fetch_connect_to_valid("a:80:b:80:extra"));
  assert_false(nc_fetch_connect_to_valid("[::1:80:b:80"));
  assert_false(nc_fetch_connect_to_valid(""));
  assert_false(nc_fetch_connect_to_valid(NULL));
}

static void opts_defaults(void **state)
{
  struct nc_fetch_opts o;
  (void)state;
  nc_fetch_opts_init(&o);
  assert_string_equal(o.out_dir, NC_FETCH_DEFAULT_OUT);
  assert_int_equal(o.parallel, 8);
  assert_int_equal(o.max_redirects, 5);
  assert_int_equal(o.max_size, 10 * 1024 * 1024);
  assert_int_equal(o.retries, 2);
  assert_null(o.progress);
  assert_int_equal(o.nconnect_to, 0);
}

static void bad_manifest_is_an_error(void **state)
{
  struct nc_fetch_opts o;
  struct nc_fetch_report r;
  struct nc_error err;
  (void)state;
  memset(&r, 0, sizeof r);
  nc_fetch_opts_init(&o);
  o.out_dir = "/nonexistent-folder-for-newscheck-tests/out";
  nc_error_clear(&err);
  assert_int_equal(nc_fetch_manifest("/nonexistent/sources.json", &o, &r,
                                     &err),
                   NC_IO);
  assert_null(r.items);
}

static void bad_connect_to_is_a_usage_error(void **state)
{
  struct nc_fetch_opts o;
  struct nc_fetch_report r;
  struct nc_error err;
  const char *ct[] = {"nonsense"};
  (void)state;
  memset(&r, 0, sizeof r);
  nc_fetch_opts_init(&o);
  o.connect_to = ct;
  o.nconnect_to = 1;
  nc_error_clear(&err);
  assert_int_equal(nc_fetch_manifest("whatever.json", &o, &r, &err),
                   NC_USAGE);
  assert_non_null(strstr(err.msg, "nonsense"));
}

static void report_json_shape(void **state)
{
  struct nc_fetch_result items[2];
  struct nc_fetch_report r;
  char *j;
  (void)state;
  memset(items, 0, sizeof items);
  memset(&r, 0, sizeof r);
  items[0].id = "a";
  items[0].url = "http://x.example/a";
  items[0].final_url = "http://x.example/a2";
  items[0].http_status = 200;
  items[0].file = "out/a.html";
  items[0].bytes = 12;
  items[1].id = "b";
  items[1].url = "http://x.example/b";
  items[1].error = "HTTP 404";
  r.items = items;
  r.n = 2;
  j = nc_fetch_report_json(&r);
  assert_non_null(strstr(j, "\"sources\""));
  assert_non_null(strstr(j, "\"final_url\":\t\"http://x.example/a2\""));
  assert_non_null(strstr(j, "\"error\":\t\"HTTP 404\""));
  assert_non_null(strstr(j, "\"http_status\":\tnull"));
  assert_true(strstr(j, "\"a\"") < strstr(j, "\"b\""));
  free(j);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(safe_name_keeps_plain_ids),
      cmocka_unit_test(safe_name_blocks_traversal),
      cmocka_unit_test(safe_name_replaces_unsafe_bytes),
      cmocka_unit_test(safe_name_is_bounded),
      cmocka_unit_test(safe_name_falls_back_to_url),
      cmocka_unit_test(safe_name_hidden_dot),
      cmocka_unit_test(retry_after_seconds),
      cmocka_unit_test(retry_after_http_date),
      cmocka_unit_test(retry_after_rejects_junk),
      cmocka_unit_test(backoff_grows_and_caps),
      cmocka_unit_test(backoff_jitter_in_range),
      cmocka_unit_test(connect_to_accepts_curl_forms),
      cmocka_unit_test(connect_to_rejects_bad_forms),
      cmocka_unit_test(opts_defaults),
      cmocka_unit_test(bad_manifest_is_an_error),
      cmocka_unit_test(bad_connect_to_is_a_usage_error),
      cmocka_unit_test(report_json_shape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
