/* test_e2e.c: the whole pipeline on the built-in articles (and on their
 * HTML versions when present): the findings F1 to F9 of the acceptance
 * table, with statuses, values, sources and evidence, and what must not
 * happen (caption dates, menus and promos yield no claims). */
#include "testworld.h"

#include <cjson/cJSON.h>
#include <sys/stat.h>

#include "newscheck/claims.h"
#include "newscheck/compare.h"
#include "newscheck/report.h"
#include "report_json.h"

/* Cross-check the folder and return the JSON report tree; the documents'
 * inputs are kept in *docs for offset checks. */
struct run {
  struct nc_source_list src;
  struct nc_doc *docs[64];
  size_t ndocs;
  struct nc_claims claims;
  struct nc_findings findings;
  cJSON *tree;
};

static void run_folder(struct run *r, const char *dir)
{
  size_t i;
  struct nc_report rep;

  memset(r, 0, sizeof *r);
  nc_sources_add_path(&r->src, dir, NULL);
  assert_int_equal(r->src.nerrors, 0);
  for (i = 0; i < r->src.n; i++) {
    struct nc_error err;
    struct nc_doc *d = NULL;
    if (nc_doc_load(&r->src.items[i], &d, &err) != NC_OK)
      fail_msg("%s: %s", err.file, err.msg);
    r->docs[r->ndocs++] = d;
  }
  nc_claims_extract(&W.ex, r->docs, r->ndocs, &r->claims);
  nc_compare(&r->claims, &r->findings);
  rep.docs = r->docs;
  rep.ndocs = r->ndocs;
  rep.claims = &r->claims;
  rep.findings = &r->findings;
  rep.errors = NULL;
  rep.nerrors = 0;
  r->tree = nc_report_tree(&rep);
}

static void run_free(struct run *r)
{
  size_t i;
  cJSON_Delete(r->tree);
  nc_findings_free(&r->findings);
  nc_claims_free(&r->claims);
  for (i = 0; i < r->ndocs; i++)
    nc_doc_free(r->docs[i]);
  nc_sources_free(&r->src);
}

static const cJSON *finding(const struct run *r, const char *key)
{
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r->tree, "findings"))
  {
    if (strcmp(cJSON_GetObjectItem(f, "key")->valuestring, key) == 0)
      return f;
  }
  fail_msg("no finding with key \"%s\"", key);
  return NULL;
}

static const char *status(const cJSON *f)
{
  return cJSON_GetObjectItem(f, "status")->valuestring;
}

/* The value of finding f whose JSON text is `v` (e.g. "5", "\"1992\"",
 * "[\"A\",\"B\"]"); `exhaustive` -1 means either. */
static const cJSON *value_of(const cJSON *f, const char *v, int exhaustive)
{
  const cJSON *x;
  cJSON_ArrayForEach(x, cJSON_GetObjectItem(f, "values"))
  {
    char *s = cJSON_PrintUnformatted(cJSON_GetObjectItem(x, "value"));
    const cJSON *ex = cJSON_GetObjectItem(x, "exhaustive");
    bool same = strcmp(s, v) == 0 &&
                (exhaustive < 0 || !ex || cJSON_IsTrue(ex) == exhaustive);
    free(s);
    if (same)
      return x;
  }
  fail_msg("finding %s has no value %s",
           cJSON_GetObjectItem(f, "key")->valuestring, v);
  return NULL;
}

/* The value's sources, as a comma-separated sorted string. */
static void sources(const cJSON *v, char *buf, size_t size)
{
  const char *names[16];
  size_t n = 0, i, j, len = 0;
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItem(v, "sources"))
  {
    if (n < 16)
      names[n++] = s->valuestring;
  }
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++)
      if (strcmp(names[j], names[i]) < 0) {
        const char *t = names[i];
        names[i] = names[j];
        names[j] = t;
      }
  buf[0] = '\0';
  for (i = 0; i < n; i++)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : "",
                            names[i]);
}

static void assert_sources(const cJSON *v, const char *want)
{
  char got[512];
  sources(v, got, sizeof got);
  assert_string_equal(got, want);
}

/* Some evidence of value v from `doc` quotes `phrase`. */
static const cJSON *assert_evidence(const cJSON *v, const char *doc,
                                    const char *phrase)
{
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(v, "evidence"))
  {
    if (strcmp(cJSON_GetObjectItem(e, "document")->valuestring, doc) == 0 &&
        strstr(cJSON_GetObjectItem(e, "quote")->valuestring, phrase))
      return e;
  }
  fail_msg("no evidence from %s quoting \"%s\"", doc, phrase);
  return NULL;
}

static void check_findings(struct run *r)
{
  const cJSON *f, *v, *e;

  /* F1: fifth vs sixth country, a conflict */
  f = finding(r, "rank|kazakhstan|country|join|abraham accord|");
  assert_string_equal(status(f), "conflict");
  assert_sources(value_of(f, "5", -1), "timesofisrael");
  assert_sources(value_of(f, "6", -1), "freebeacon");
  assert_evidence(value_of(f, "5", -1), "timesofisrael",
                  "will be fifth country to sign");
  assert_evidence(value_of(f, "6", -1), "freebeacon",
                  "making it the sixth country to sign onto the pact");
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(f, "values")), 2);

  /* F2: first in the second term, agreed; shmews is quoted speech */
  f = finding(r, "rank|kazakhstan|country|join|abraham accord|term 2");
  assert_string_equal(status(f), "agree");
  v = value_of(f, "1", -1);
  assert_sources(v, "shmews,timesofisrael,washingtonexaminer");
  assert_evidence(v, "timesofisrael",
                  "first country to join the Abraham Accords in his second "
                  "term");
  assert_evidence(v, "washingtonexaminer", "the first time since President "
                                           "Donald Trump");
  e = assert_evidence(v, "shmews", "first Country of my Second Term");
  assert_true(cJSON_IsTrue(cJSON_GetObjectItem(e, "quoted")));

  /* F3: members; econotimes omits Sudan; "such as" omits nothing */
  f = finding(r, "members|abraham accord");
  assert_string_equal(status(f), "partial");
  v = value_of(f, "[\"Bahrain\",\"Morocco\",\"Sudan\",\"United Arab "
                  "Emirates\"]",
               1);
  assert_sources(v, "freebeacon,shmews,washingtonexaminer");
  assert_evidence(v, "washingtonexaminer",
                  "Four Arab countries — Sudan, the United Arab Emirates, "
                  "Bahrain, and Morocco");
  v = value_of(f, "[\"Bahrain\",\"Morocco\",\"United Arab Emirates\"]", 1);
  assert_sources(v, "econotimes");
  assert_string_equal(
      cJSON_GetArrayItem(cJSON_GetObjectItem(v, "missing"), 0)->valuestring,
      "Sudan");
  v = value_of(f, "[\"Bahrain\",\"Morocco\",\"United Arab Emirates\"]", 0);
  assert_sources(v, "timesofisrael");
  assert_null(cJSON_GetObjectItem(v, "missing"));

  /* F4: relations since 1992; "over three decades" is consistent */
  f = finding(r, "relations-since|israel+kazakhstan");
  assert_string_equal(status(f), "agree");
  v = value_of(f, "1992", -1);
  assert_sources(v, "freebeacon,shmews,timesofisrael,washingtonexaminer");
  assert_evidence(v, "washingtonexaminer", "since 1992");
  assert_evidence(v, "timesofisrael", "in 1992");
  v = value_of(f, "1995", -1);
  assert_true(cJSON_IsTrue(cJSON_GetObjectItem(v, "consistent")));
  assert_evidence(v, "timesofisrael", "for over three decades");

  /* F5: the crown prince's visit on Nov 18; "in two weeks" consistent */
  f = finding(r, "when|mohammed bin salman|visit");
  assert_string_equal(status(f), "agree");
  v = value_of(f, "\"2025-11-18\"", -1);
  assert_sources(v, "econotimes,washingtonexaminer");
  assert_evidence(v, "econotimes", "on November 18");
  assert_evidence(v, "washingtonexaminer", "on Nov. 18");
  v = value_of(f, "\"2025-11-20\"", -1);
  assert_sources(v, "freebeacon");
  assert_true(cJSON_IsTrue(cJSON_GetObjectItem(v, "consistent")));

  /* F6: the accords were brokered in 2020 */
  f = finding(r, "year|abraham accord|agreed");
  assert_string_equal(status(f), "agree");
  assert_sources(value_of(f, "2020", -1),
                 "econotimes,freebeacon,timesofisrael");

  /* F7: five Central Asian leaders, counting "four other" + Tokayev */
  f = finding(r, "count|central asian country|leaders");
  assert_string_equal(status(f), "agree");
  v = value_of(f, "5", -1);
  assert_sources(v, "shmews,timesofisrael,washingtonexaminer");
  assert_evidence(v, "timesofisrael", "four other Central Asian countries");
  assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(f, "values")), 1);

  /* F8: Trump's title, "former president" in one source */
  f = finding(r, "title|donald trump");
  assert_string_equal(status(f), "conflict");
  assert_sources(value_of(f, "\"president\"", -1),
                 "econotimes,freebeacon,timesofisrael,washingtonexaminer");
  v = value_of(f, "\"former president\"", -1);
  assert_sources(v, "shmews");
  assert_evidence(v, "shmews", "former President Donald Trump");

  /* F9: the announcement on Thursday 2025-11-06 */
  f = finding(r, "when|kazakhstan|join");
  assert_string_equal(status(f), "agree");
  v = value_of(f, "\"2025-11-06\"", -1);
  assert_sources(v, "freebeacon,shmews,timesofisrael,washingtonexaminer");
  assert_evidence(v, "timesofisrael", "announced Thursday");
  assert_evidence(v, "freebeacon", "later on Thursday");
}

/* What must not happen. */
static void check_must_not(struct run *r)
{
  const cJSON *c, *f;
  size_t conflicts = 0;
  static const char *const junk[] = {
      "Menu",          "Market Data", "Sign up for daily updates",
      "TENSION BUILDS", "Related Content", "Read the full article here",
      "AFP",           "Wikimedia",   NULL};

  cJSON_ArrayForEach(c, cJSON_GetObjectItem(r->tree, "claims"))
  {
    const char *q = cJSON_GetObjectItem(c, "quote")->valuestring;
    const cJSON *val = cJSON_GetObjectItem(c, "value");
    size_t i;
    for (i = 0; junk[i]; i++)
      if (strstr(q, junk[i]))
        fail_msg("claim from boilerplate or caption: %s", q);
    if (cJSON_IsString(val) &&
        (strcmp(val->valuestring, "2016-12-14") == 0 ||
         strcmp(val->valuestring, "2025-05-09") == 0))
      fail_msg("caption date became a claim: %s", q);
  }
  /* only F1 and F8 are conflicts: scope keeps "first in his second term"
   * apart from "fifth", and captions raise none */
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r->tree, "findings"))
  {
    if (strcmp(status(f), "conflict") == 0)
      conflicts++;
  }
  assert_int_equal(conflicts, 2);
  /* single-source claims stay single */
  f = finding(r, "count|u.s. official");
  assert_string_equal(status(f), "single");
  assert_sources(value_of(f, "3", -1), "shmews");
  f = finding(r, "count|kazakhstan|population");
  assert_string_equal(status(f), "single");
  assert_string_equal(cJSON_GetObjectItem(value_of(f, "20000000", -1),
                                          "approx")
                          ->valuestring,
                      "about");
  f = finding(r, "duration|war");
  assert_string_equal(status(f), "single");
  assert_sources(value_of(f, "2", -1), "freebeacon");
}

/* Every quote is the input between its offsets, whitespace folded, and
 * the value lies inside it. */
static void check_offsets(struct run *r)
{
  size_t i;
  for (i = 0; i < r->claims.n; i++) {
    const struct nc_claim *c = &r->claims.items[i];
    const struct nc_doc *d = r->docs[c->doc];
    char *folded = xmalloc(c->end - c->start + 1);
    size_t k, n = 0;
    bool sp = false;
    if (d->blocks[0].map)
      continue; /* HTML: decoded text, checked by the HTML tests */
    assert_true(c->end <= d->input_len);
    assert_true(c->vstart >= c->start && c->vend <= c->end);
    for (k = c->start; k < c->end; k++) {
      char ch = d->input[k];
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
        sp = n > 0;
        continue;
      }
      if (sp)
        folded[n++] = ' ';
      sp = false;
      folded[n++] = ch;
    }
    folded[n] = '\0';
    assert_string_equal(folded, c->quote);
    free(folded);
  }
}

static void test_text_articles(void **state)
{
  struct run r;
  (void)state;
  run_folder(&r, TEST_DATADIR "/articles");
  assert_int_equal(r.ndocs, 5);
  check_findings(&r);
  check_must_not(&r);
  check_offsets(&r);
  run_free(&r);
}

static void test_html_articles(void **state)
{
  struct run r;
  struct stat st;
  (void)state;
  if (stat("tests/data/articles-html/sources.json", &st) != 0)
    skip();
  run_folder(&r, "tests/data/articles-html");
  assert_int_equal(r.ndocs, 5);
  check_findings(&r);
  check_must_not(&r);
  run_free(&r);
}

/* The same input twice gives the same JSON, byte for byte. */
static void test_deterministic(void **state)
{
  struct run a, b;
  char *sa, *sb;
  (void)state;
  run_folder(&a, TEST_DATADIR "/articles");
  run_folder(&b, TEST_DATADIR "/articles");
  sa = cJSON_Print(a.tree);
  sb = cJSON_Print(b.tree);
  assert_string_equal(sa, sb);
  free(sa);
  free(sb);
  run_free(&a);
  run_free(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text_articles),
      cmocka_unit_test(test_html_articles),
      cmocka_unit_test(test_deterministic),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
