/* test_report_json.c: the claim's JSON is written by hand, once (extract's
 * claim lines), and read back into the report's tree.  Numbers must come
 * out as cJSON would print them, strings escaped as cJSON escapes them,
 * and the report's claims must equal the claim lines field for field;
 * mention lines print numbers that read back exactly. */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include "newscheck/compare.h"
#include "report_json.h"

static struct nc_doc *one_doc(void)
{
  struct nc_source s;
  memset(&s, 0, sizeof s);
  s.id = (char *)"doc";
  return nc_doc_new(&s, xstrdup("x"), 1);
}

static void init_claim(struct nc_claim *c, double x)
{
  memset(c, 0, sizeof *c);
  c->key = xstrdup("count|thing");
  c->label = xstrdup("things");
  c->value.kind = NC_VAL_NUMBER;
  c->value.num = c->value.lo = c->value.hi = x;
  c->quote = xstrdup("a sentence");
  c->rule = xstrdup("test");
}

/* The claim line of c, parsed, without its "kind". */
static cJSON *line_of(const struct nc_doc *d, const struct nc_claim *c,
                      struct nc_buf *b)
{
  cJSON *o;
  b->len = 0;
  nc_report_claim_line(b, d, c);
  assert_true(b->len > 0 && b->data[b->len - 1] == '\n');
  o = cJSON_Parse(b->data);
  assert_non_null(o);
  cJSON_DeleteItemFromObjectCaseSensitive(o, "kind");
  return o;
}

/* `"key":<what cJSON prints for item>` occurs in the line. */
static void has_cjson(const struct nc_buf *line, const char *key,
                      const cJSON *item)
{
  char *want = cJSON_PrintUnformatted(item);
  struct nc_buf pat = {0};
  nc_buf_printf(&pat, "\"%s\":%s,", key, want);
  if (!strstr(line->data, pat.data))
    fail_msg("%s not in %s", pat.data, line->data);
  nc_buf_free(&pat);
  free(want);
}

static void test_numbers_as_cjson(void **state)
{
  static const double fixed[] = {
      0.0,   -0.0,          1.0,        -1.0,         5.0,
      1992,  2147483647.0,  -2147483648.0, 2147483648.0, -2147483649.0,
      3e9,   600e9,         1e15,       1e16,         1e21,
      0.1,   0.25,          1.5,        -2.75,        33.333333333333336,
      0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0,  1e-7,         123456.789,
      8623207229442879.0, 1.0 / 17.0, DBL_MAX, DBL_MIN, 4.9e-324};
  struct nc_doc *d = one_doc();
  struct nc_claim c;
  struct nc_buf line = {0};
  unsigned long seed = 12345;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof fixed / sizeof *fixed + 20000; i++) {
    double x;
    cJSON *n, *o;
    if (i < sizeof fixed / sizeof *fixed) {
      x = fixed[i];
    } else {
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      x = (double)(seed >> 11) / (double)(1ul << 53);
      x = ldexp(x, (int)((seed >> 3) % 120) - 60);
      if (i % 3 == 0)
        x = floor(x);
      if (i % 2)
        x = -x;
    }
    init_claim(&c, x);
    o = line_of(d, &c, &line);
    n = cJSON_CreateNumber(x);
    has_cjson(&line, "value", n);
    cJSON_Delete(n);
    cJSON_Delete(o);
    nc_value_clear(&c.value);
    free(c.key);
    free(c.label);
    free(c.quote);
    free(c.rule);
  }
  nc_buf_free(&line);
  nc_doc_free(d);
}

static void test_strings_as_cjson(void **state)
{
  static const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f'};
  struct nc_doc *d = one_doc();
  struct nc_claim c;
  struct nc_buf line = {0};
  char all[160];
  size_t i, k, p;
  cJSON *s, *o;

  (void)state;
  for (i = 0; i < 127; i++)
    all[i] = (char)(i + 1);
  memcpy(all + 127, "\xE2\x80\x9C" "caf\xC3\xA9" "\xE2\x80\x9D", 11);
  all[138] = '\0';
  init_claim(&c, 5);
  free(c.quote);
  c.quote = xstrdup(all);
  o = line_of(d, &c, &line);
  s = cJSON_CreateString(all);
  has_cjson(&line, "quote", s);
  cJSON_Delete(s);
  cJSON_Delete(o);
  /* one character to escape at every position of a longer run (the
   * writer skips plain text eight bytes at a time) */
  for (k = 0; k < sizeof specials; k++)
    for (p = 0; p < 40; p++) {
      char buf[48];
      memset(buf, 'a', 40);
      buf[40] = '\0';
      buf[p] = specials[k];
      free(c.quote);
      c.quote = xstrdup(buf);
      o = line_of(d, &c, &line);
      s = cJSON_CreateString(buf);
      has_cjson(&line, "quote", s);
      cJSON_Delete(s);
      cJSON_Delete(o);
    }
  nc_value_clear(&c.value);
  free(c.key);
  free(c.label);
  free(c.quote);
  free(c.rule);
  nc_buf_free(&line);
  nc_doc_free(d);
}

/* Every kind of value, in the report's claims and in the claim lines. */
static void test_report_claims_equal_lines(void **state)
{
  struct nc_doc *d = one_doc(), *docs[1];
  struct nc_claims cs = {0};
  struct nc_findings fs = {0};
  struct nc_report rep;
  struct nc_buf line = {0};
  cJSON *tree, *arr, *item;
  size_t i;

  (void)state;
  docs[0] = d;
  for (i = 0; i < 6; i++) {
    struct nc_claim *c;
    nc_grow(&cs.items, &cs.cap, cs.n + 1, sizeof *c);
    c = &cs.items[cs.n++];
    init_claim(c, 1.0 / 3.0);
    nc_claims_keep(&cs, c->quote); /* the set owns what claims share */
    nc_claims_keep(&cs, c->rule);
    c->start = 10 * i;
    c->end = 10 * i + 9;
    switch (i) {
    case 1: /* a range with a currency */
      c->value.approx = NC_APPROX_RANGE;
      c->value.lo = 3000;
      c->value.hi = 10000.5;
      memcpy(c->value.unit, "USD", 4);
      break;
    case 2: /* a relative date, "about" */
      c->value.kind = NC_VAL_DATE;
      c->value.date.y = 2025;
      c->value.date.m = 11;
      c->value.date.d = 18;
      c->value.prec = NC_PREC_DAY;
      c->value.relative = true;
      c->value.approx = NC_APPROX_ABOUT;
      break;
    case 3: /* text, with a hedge and a note */
      c->value.kind = NC_VAL_TEXT;
      c->value.text = xstrdup("former \"acting\" president");
      c->hedge = nc_claims_keep(&cs, xstrdup("expected to"));
      c->note = xstrdup("a note\twith a tab");
      break;
    case 4: /* a set, not exhaustive */
      c->value.kind = NC_VAL_SET;
      c->value.set = xcalloc(2, sizeof(char *));
      c->value.set[0] = xstrdup("Bahrain");
      c->value.set[1] = xstrdup("Morocco");
      c->value.nset = 2;
      break;
    case 5: /* a big whole number */
      c->value.num = c->value.lo = c->value.hi = 600e9;
      c->quoted = true;
      break;
    }
  }
  nc_compare(&cs, &fs);
  memset(&rep, 0, sizeof rep);
  rep.docs = docs;
  rep.ndocs = 1;
  rep.claims = &cs;
  rep.findings = &fs;
  tree = nc_report_tree(&rep);
  arr = cJSON_GetObjectItemCaseSensitive(tree, "claims");
  assert_int_equal(cJSON_GetArraySize(arr), 6);
  for (i = 0, item = arr->child; item; item = item->next, i++) {
    cJSON *want = line_of(d, &cs.items[i], &line);
    char id[16];
    snprintf(id, sizeof id, "c%zu", i + 1);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(item, "id")
                            ->valuestring,
                        id);
    cJSON_DeleteItemFromObjectCaseSensitive(item, "id");
    assert_true(cJSON_Compare(item, want, true));
    cJSON_Delete(want);
  }
  cJSON_Delete(tree);
  nc_buf_free(&line);
  nc_findings_free(&fs);
  nc_claims_free(&cs);
  nc_doc_free(d);
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

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numbers_as_cjson),
      cmocka_unit_test(test_strings_as_cjson),
      cmocka_unit_test(test_report_claims_equal_lines),
      cmocka_unit_test(test_mention_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
