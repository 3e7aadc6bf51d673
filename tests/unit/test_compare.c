/* test_compare.c: grouping and statuses, on claims built by hand:
 * agree, conflict, single, partial lists, lists that are not exhaustive,
 * approximate numbers and relative days within tolerance. */
#include "testutil.h"

#include <math.h>

#include "newscheck/compare.h"

static void add(struct nc_claims *cs, const char *key, size_t doc,
                const struct nc_value *v)
{
  struct nc_claim *c;
  nc_grow(&cs->items, &cs->cap, cs->n + 1, sizeof *c);
  c = &cs->items[cs->n++];
  memset(c, 0, sizeof *c);
  c->key = xstrdup(key);
  c->label = xstrdup(key);
  nc_value_copy(&c->value, v);
  c->doc = doc;
  c->quote = nc_claims_keep(cs, xstrdup("quote"));
  c->rule = nc_claims_keep(cs, xstrdup("test"));
}

static struct nc_value num(double x, enum nc_approx ap)
{
  struct nc_value v;
  memset(&v, 0, sizeof v);
  v.kind = NC_VAL_NUMBER;
  v.num = v.lo = v.hi = x;
  v.approx = ap;
  if (ap == NC_APPROX_ABOUT) {
    v.lo = x * 0.9;
    v.hi = x * 1.1;
  } else if (ap == NC_APPROX_MORE_THAN) {
    v.hi = HUGE_VAL;
  } else if (ap == NC_APPROX_AT_MOST) {
    v.lo = -HUGE_VAL;
  }
  return v;
}

static struct nc_value day(int y, int m, int d, int tol)
{
  struct nc_value v;
  struct nc_date dt = {y, m, d};
  memset(&v, 0, sizeof v);
  v.kind = NC_VAL_DATE;
  v.date = dt;
  v.prec = NC_PREC_DAY;
  v.dlo = nc_days_from_civil(dt) - tol;
  v.dhi = nc_days_from_civil(dt) + tol;
  v.relative = tol > 0;
  if (tol)
    v.approx = NC_APPROX_ABOUT;
  return v;
}

static struct nc_value set(const char *const *names, bool exhaustive)
{
  struct nc_value v;
  size_t n = 0;
  memset(&v, 0, sizeof v);
  v.kind = NC_VAL_SET;
  while (names[n])
    n++;
  v.set = xcalloc(n, sizeof *v.set);
  for (v.nset = 0; v.nset < n; v.nset++)
    v.set[v.nset] = xstrdup(names[v.nset]);
  v.exhaustive = exhaustive;
  return v;
}

static const struct nc_finding *only(const struct nc_findings *fs,
                                     const char *key)
{
  size_t i;
  for (i = 0; i < fs->n; i++)
    if (strcmp(fs->items[i].key, key) == 0)
      return &fs->items[i];
  fail_msg("no finding %s", key);
  return NULL;
}

static void test_agree_conflict_single(void **state)
{
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_value a = num(5, NC_APPROX_NONE), b = num(6, NC_APPROX_NONE);
  (void)state;
  add(&cs, "k|agree", 0, &a);
  add(&cs, "k|agree", 1, &a);
  add(&cs, "k|conflict", 0, &a);
  add(&cs, "k|conflict", 1, &b);
  add(&cs, "k|single", 2, &b);
  nc_compare(&cs, &fs);
  assert_int_equal(fs.n, 3);
  /* conflicts come first */
  assert_string_equal(fs.items[0].key, "k|conflict");
  assert_int_equal(only(&fs, "k|agree")->status, NC_AGREE);
  assert_int_equal(only(&fs, "k|conflict")->status, NC_CONFLICT);
  assert_int_equal(only(&fs, "k|conflict")->nvalues, 2);
  assert_int_equal(only(&fs, "k|single")->status, NC_SINGLE);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
}

static void test_single_source_two_values_stays_single(void **state)
{
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_value a = num(1, NC_APPROX_NONE), b = num(2, NC_APPROX_NONE);
  (void)state;
  add(&cs, "k", 0, &a);
  add(&cs, "k", 0, &b);
  nc_compare(&cs, &fs);
  assert_int_equal(fs.items[0].status, NC_SINGLE);
  assert_int_equal(fs.items[0].nvalues, 2);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
}

static void test_approximate_numbers(void **state)
{
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_value ex = num(20500000, NC_APPROX_NONE);
  struct nc_value about = num(20000000, NC_APPROX_ABOUT);
  struct nc_value more = num(30, NC_APPROX_MORE_THAN);
  struct nc_value ex33 = num(33, NC_APPROX_NONE);
  struct nc_value ex25 = num(25, NC_APPROX_NONE);
  struct nc_value far = num(30000000, NC_APPROX_NONE);
  (void)state;
  add(&cs, "pop", 0, &ex);
  add(&cs, "pop", 1, &about);
  add(&cs, "years", 0, &more);
  add(&cs, "years", 1, &ex33);
  add(&cs, "bad", 0, &more);
  add(&cs, "bad", 1, &ex25);
  add(&cs, "far", 0, &about);
  add(&cs, "far", 1, &far);
  nc_compare(&cs, &fs);
  assert_int_equal(only(&fs, "pop")->status, NC_AGREE);
  assert_int_equal(only(&fs, "years")->status, NC_AGREE);
  assert_int_equal(only(&fs, "bad")->status, NC_CONFLICT);
  assert_int_equal(only(&fs, "far")->status, NC_CONFLICT);
  /* the exact value comes first, the approximate one is consistent */
  assert_true(only(&fs, "pop")->values[1].consistent);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
}

static void test_relative_day_tolerance(void **state)
{
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_value exact = day(2025, 3, 18, 0), near = day(2025, 3, 20, 3);
  struct nc_value far = day(2025, 3, 28, 3), other = day(2025, 3, 19, 0);
  (void)state;
  add(&cs, "visit", 0, &exact);
  add(&cs, "visit", 1, &exact);
  add(&cs, "visit", 2, &near);
  add(&cs, "trip", 0, &exact);
  add(&cs, "trip", 1, &far);
  add(&cs, "days", 0, &exact);
  add(&cs, "days", 1, &other);
  nc_compare(&cs, &fs);
  assert_int_equal(only(&fs, "visit")->status, NC_AGREE);
  assert_true(only(&fs, "visit")->values[1].consistent);
  assert_int_equal(only(&fs, "trip")->status, NC_CONFLICT);
  assert_int_equal(only(&fs, "days")->status, NC_CONFLICT);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
}

static void test_sets_partial_and_non_exhaustive(void **state)
{
  static const char *const full[] = {"Austria", "Belgium", "Chile", NULL};
  static const char *const part[] = {"Austria", "Chile", NULL};
  static const char *const odd[] = {"Austria", "Denmark", "Chile", NULL};
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_value vf = set(full, true), vp = set(part, true);
  struct nc_value vne = set(part, false), vo = set(odd, true);
  const struct nc_finding *f;
  size_t i;
  (void)state;
  add(&cs, "m", 0, &vf);
  add(&cs, "m", 1, &vf);
  add(&cs, "m", 2, &vp);
  add(&cs, "m", 3, &vne);
  add(&cs, "n", 0, &vf);
  add(&cs, "n", 1, &vne);
  add(&cs, "x", 0, &vf);
  add(&cs, "x", 1, &vo);
  nc_compare(&cs, &fs);
  f = only(&fs, "m");
  assert_int_equal(f->status, NC_PARTIAL);
  for (i = 0; i < f->nvalues; i++) {
    if (f->values[i].value.exhaustive && f->values[i].value.nset == 2) {
      assert_int_equal(f->values[i].nmissing, 1);
      assert_string_equal(f->values[i].missing[0], "Belgium");
    } else {
      assert_int_equal(f->values[i].nmissing, 0);
    }
  }
  /* "such as" lists never omit */
  assert_int_equal(only(&fs, "n")->status, NC_AGREE);
  /* neither list holds all the others name: a conflict */
  assert_int_equal(only(&fs, "x")->status, NC_CONFLICT);
  nc_value_clear(&vf);
  nc_value_clear(&vp);
  nc_value_clear(&vne);
  nc_value_clear(&vo);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
}

static void test_value_strings(void **state)
{
  struct nc_value v = num(20000000, NC_APPROX_ABOUT);
  char *s = nc_value_str(&v);
  (void)state;
  assert_string_equal(s, "about 20000000");
  free(s);
  v = day(2025, 11, 18, 0);
  s = nc_value_str(&v);
  assert_string_equal(s, "2025-11-18");
  free(s);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_agree_conflict_single),
      cmocka_unit_test(test_single_source_two_values_stays_single),
      cmocka_unit_test(test_approximate_numbers),
      cmocka_unit_test(test_relative_day_tolerance),
      cmocka_unit_test(test_sets_partial_and_non_exhaustive),
      cmocka_unit_test(test_value_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
