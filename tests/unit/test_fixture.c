/* test_fixture.c: the CI fixture check.  A report is written with
 * nc_fixture_write, then the saved file is edited the ways a fixture
 * drifts (status, value, sources, a finding added or removed) and
 * nc_fixture_check must say so in a readable diff. */
#include "testutil.h"

#include <stdbool.h>
#include <unistd.h>

#include "newscheck/report.h"

struct fx {
  struct nc_doc *docs[2];
  struct nc_claims claims;
  struct nc_findings findings;
  struct nc_report rep;
  char dir[64], path[128];
};

static void add(struct nc_claims *cs, const char *key, size_t doc, double x)
{
  struct nc_claim *c;
  nc_grow(&cs->items, &cs->cap, cs->n + 1, sizeof *c);
  c = &cs->items[cs->n++];
  memset(c, 0, sizeof *c);
  c->key = xstrdup(key);
  c->label = xstrdup(key);
  c->value.kind = NC_VAL_NUMBER;
  c->value.num = c->value.lo = c->value.hi = x;
  c->doc = doc;
  c->quote = nc_claims_keep(cs, xstrdup("a sentence"));
  c->rule = nc_claims_keep(cs, xstrdup("test"));
}

static int setup(void **state)
{
  struct fx *f = xcalloc(1, sizeof *f);
  struct nc_source s1, s2;
  struct nc_error err;

  memset(&s1, 0, sizeof s1);
  memset(&s2, 0, sizeof s2);
  s1.id = (char *)"alpha";
  s2.id = (char *)"beta";
  f->docs[0] = nc_doc_new(&s1, xstrdup("x"), 1);
  f->docs[1] = nc_doc_new(&s2, xstrdup("y"), 1);
  add(&f->claims, "rank|a", 0, 5);
  add(&f->claims, "rank|a", 1, 6);
  add(&f->claims, "count|b", 0, 3);
  add(&f->claims, "count|b", 1, 3);
  nc_compare(&f->claims, &f->findings);
  f->rep.docs = f->docs;
  f->rep.ndocs = 2;
  f->rep.claims = &f->claims;
  f->rep.findings = &f->findings;
  snprintf(f->dir, sizeof f->dir, "/tmp/nc-fixture-XXXXXX");
  if (!mkdtemp(f->dir))
    return -1;
  snprintf(f->path, sizeof f->path, "%s/fixture.json", f->dir);
  if (nc_fixture_write(f->path, &f->rep, &err) != NC_OK)
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  struct fx *f = *state;
  unlink(f->path);
  rmdir(f->dir);
  nc_findings_free(&f->findings);
  nc_claims_free(&f->claims);
  nc_doc_free(f->docs[0]);
  nc_doc_free(f->docs[1]);
  free(f);
  return 0;
}

/* Replace the first `from` in the fixture's findings by `to` (the claims
 * section is not compared). */
static void edit(const struct fx *f, const char *from, const char *to)
{
  char *data = NULL, *hit;
  size_t len = 0;
  struct nc_buf b = {0};
  struct nc_error err;
  assert_int_equal(nc_read_file(f->path, 1 << 20, &data, &len, &err),
                   NC_OK);
  hit = strstr(data, "\"findings\":");
  assert_non_null(hit);
  hit = strstr(hit, from);
  assert_non_null(hit);
  nc_buf_append(&b, data, (size_t)(hit - data));
  nc_buf_puts(&b, to);
  nc_buf_puts(&b, hit + strlen(from));
  assert_int_equal(nc_write_atomic(f->path, b.data, b.len, &err), NC_OK);
  nc_buf_free(&b);
  free(data);
}

/* Run the check; return the diff text (caller frees). */
static char *check(const struct fx *f, bool *drift)
{
  char *out = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&out, &n);
  struct nc_error err;
  assert_int_equal(nc_fixture_check(f->path, &f->rep, m, drift, &err),
                   NC_OK);
  fclose(m);
  if (getenv("FIXTURE_DEBUG"))
    fprintf(stderr, "diff:\n%s--\n", out);
  return out;
}

static void test_match(void **state)
{
  bool drift = true;
  char *d = check(*state, &drift);
  assert_false(drift);
  assert_string_equal(d, "");
  free(d);
}

static void test_status_changed(void **state)
{
  bool drift = false;
  char *d;
  edit(*state, "\"status\":\t\"agree\"", "\"status\":\t\"conflict\"");
  d = check(*state, &drift);
  assert_true(drift);
  assert_non_null(strstr(d, "~ count|b: status conflict -> agree"));
  free(d);
}

static void test_value_and_sources_changed(void **state)
{
  bool drift = false;
  char *d;
  edit(*state, "\"value\":\t6", "\"value\":\t7");
  d = check(*state, &drift);
  assert_true(drift);
  assert_non_null(strstr(d, "~ rank|a: value 7 removed (was stated by beta)"));
  assert_non_null(strstr(d, "~ rank|a: value 6 added (stated by beta)"));
  free(d);
  edit(*state, "\"value\":\t7", "\"value\":\t6");
  edit(*state, "\"sources\":\t[\"alpha\", \"beta\"]", "\"sources\":\t[\"alpha\"]");
  d = check(*state, &drift);
  assert_true(drift);
  assert_non_null(strstr(d, "~ count|b: value 3: sources alpha -> alpha, beta"));
  free(d);
}

static void test_finding_added_and_removed(void **state)
{
  bool drift = false;
  char *d;
  edit(*state, "\"key\":\t\"count|b\"", "\"key\":\t\"count|c\"");
  d = check(*state, &drift);
  assert_true(drift);
  assert_non_null(strstr(d, "- finding removed: count|c"));
  assert_non_null(strstr(d, "+ finding added: count|b"));
  assert_non_null(strstr(d, "differences from"));
  free(d);
}

static void test_not_json(void **state)
{
  struct fx *f = *state;
  struct nc_error err;
  bool drift = false;
  assert_int_equal(nc_write_atomic(f->path, "nope", 4, &err), NC_OK);
  assert_int_equal(nc_fixture_check(f->path, &f->rep, stdout, &drift, &err),
                   NC_PARSE);
  assert_string_equal(err.file, f->path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_match, setup, teardown),
      cmocka_unit_test_setup_teardown(test_status_changed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_value_and_sources_changed, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_finding_added_and_removed, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_not_json, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
