/* test_rules.c: loading the claim rules: the real data/rules, every kind
 * of broken rule file (each must name the file and the rule or field),
 * macros across files, event tables, and a catastrophic pattern that
 * must give up at the match limit instead of hanging. */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rules.h"

/* A valid rule with the fields every rule needs.  The broken rules below
 * are this one with one piece replaced (good_with). */
#define GOOD_RULE                                                             \
  "{\"id\": \"ferry-count\", \"description\": \"N ferries\",\n"               \
  " \"pattern\": \"\\\\b(?<value>\\\\d+)\\\\s+(?<what>ferries)\",\n"          \
  " \"value\": \"number\", \"subject\": \"none\",\n"                          \
  " \"key\": \"count|{what}\", \"label\": \"number of {what}\",\n"            \
  " \"examples\": [{\"text\": \"The port runs 4 ferries.\",\n"                \
  "   \"claims\": [{\"key\": \"count|ferries\", \"value\": 4}]}]}"

/* A temporary rules folder. */
static char *make_tmpdir(void)
{
  char tmpl[] = "/tmp/nc-rules-XXXXXX";
  char *d = mkdtemp(tmpl);
  assert_non_null(d);
  return xstrdup(d);
}

static char *path_in(const char *dir, const char *name)
{
  struct nc_buf b = {0};
  nc_buf_printf(&b, "%s/%s", dir, name);
  return nc_buf_take(&b);
}

static void put(const char *dir, const char *name, const char *text)
{
  char *p = path_in(dir, name);
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
  free(p);
}

/* The rules of `text`, written as dir/rules.json and loaded; fails the
 * test when they do not load. */
static struct nc_rules *load_rules_text(const char *dir, const char *text)
{
  struct nc_rules *rs = NULL;
  struct nc_error err;
  put(dir, "rules.json", text);
  nc_error_clear(&err);
  if (nc_rules_load(dir, &rs, &err) != NC_OK)
    fail_msg("%s: %s", err.file, err.msg);
  return rs;
}

/* Remove the flat folder made by make_tmpdir. */
static void rm_dir(const char *dir)
{
  DIR *d = opendir(dir);
  struct dirent *de;
  if (d) {
    while ((de = readdir(d)) != NULL) {
      char *p;
      if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
        continue;
      p = path_in(dir, de->d_name);
      unlink(p);
      free(p);
    }
    closedir(d);
  }
  rmdir(dir);
}

static void assert_has(const char *hay, const char *needle)
{
  if (!hay || !strstr(hay, needle))
    fail_msg("\"%s\" does not contain \"%s\"", hay ? hay : "(null)", needle);
}

/* Load a rules folder holding `text` as "rules.json": it must fail with
 * NC_RULE, err.file naming the file and err.msg holding `want`.  Returns
 * err.line. */
static long expect_bad(const char *text, const char *want)
{
  char *dir = make_tmpdir();
  struct nc_rules *rs = NULL;
  struct nc_error err;
  enum nc_status st;
  long line;

  put(dir, "rules.json", text);
  nc_error_clear(&err);
  st = nc_rules_load(dir, &rs, &err);
  if (st != NC_RULE)
    fail_msg("status %d (%s), expected NC_RULE for:\n%s", (int)st, err.msg,
             text);
  assert_null(rs);
  assert_has(err.file, "rules.json");
  assert_has(err.msg, want);
  line = err.line;
  rm_dir(dir);
  free(dir);
  return line;
}

/* The text of one file holding a single rule object. */
static char *one_rule(const char *rule)
{
  struct nc_buf b = {0};
  nc_buf_printf(&b, "{\"description\": \"test\",\n \"rules\": [%s]}\n", rule);
  return nc_buf_take(&b);
}

/* GOOD_RULE with `from` replaced by `to` (first occurrence). */
static char *good_with(const char *from, const char *to)
{
  const char *g = GOOD_RULE;
  const char *at = strstr(g, from);
  struct nc_buf b = {0};
  char *rule, *file;

  assert_non_null(at);
  nc_buf_append(&b, g, (size_t)(at - g));
  nc_buf_puts(&b, to);
  nc_buf_puts(&b, at + strlen(from));
  rule = nc_buf_take(&b);
  file = one_rule(rule);
  free(rule);
  return file;
}

static void bad_rule(const char *from, const char *to, const char *want)
{
  char *text = good_with(from, to);
  expect_bad(text, want);
  free(text);
}

static void test_real_rules_load(void **state)
{
  struct nc_rules *rs = NULL;
  struct nc_error err;
  size_t i;
  (void)state;

  nc_error_clear(&err);
  if (nc_rules_load(TEST_DATADIR "/rules", &rs, &err) != NC_OK)
    fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
  assert_non_null(rs);
  assert_true(nc_rules_count(rs) > 0);
  for (i = 0; i < nc_rules_count(rs); i++) {
    const struct nc_rule *r = nc_rules_get(rs, i);
    assert_non_null(r->id);
    assert_non_null(r->file);
    assert_true(r->nexamples > 0);
  }
  nc_rules_free(rs);
}

static void test_good_rule_loads_and_matches(void **state)
{
  char *dir = make_tmpdir();
  char *text = one_rule(GOOD_RULE);
  const char *s = "By noon 12 ferries and 3 ferries had left.";
  struct nc_rules *rs = NULL;
  struct nc_error err;
  struct nc_rule_match m;
  const struct nc_rule *r;
  size_t pos = 0;
  (void)state;

  put(dir, "rules.json", text);
  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(dir, &rs, &err), NC_OK);
  assert_int_equal(nc_rules_count(rs), 1);
  r = nc_rules_get(rs, 0);
  assert_string_equal(r->id, "ferry-count");
  assert_has(r->file, "rules.json");
  assert_int_equal(r->value, NC_RV_NUMBER);
  assert_int_equal(r->subject, NC_RS_NONE);
  assert_string_equal(r->key, "count|{what}");
  assert_int_equal(r->nexamples, 1);
  assert_string_equal(r->examples[0].keys[0], "count|ferries");
  assert_string_equal(r->examples[0].values[0], "4");

  assert_true(nc_rule_next(rs, 0, s, strlen(s), false, NULL, &pos, &m));
  assert_int_equal(m.g[NC_G_VALUE][0], 8);
  assert_int_equal(m.g[NC_G_VALUE][1], 10);
  assert_int_equal(m.g[NC_G_WHAT][0], 11);
  assert_int_equal(m.g[NC_G_SUBJECT][0], (size_t)-1);
  assert_true(pos >= m.end);
  assert_true(nc_rule_next(rs, 0, s, strlen(s), false, NULL, &pos, &m));
  assert_int_equal(m.g[NC_G_VALUE][0], 23);
  assert_false(nc_rule_next(rs, 0, s, strlen(s), false, NULL, &pos, &m));
  nc_rules_free(rs);
  free(text);
  rm_dir(dir);
  free(dir);
}

/* A trigger must match within every match of its pattern: each search is
 * made only where it matches in the rest of the text.  A trigger used as
 * a context word before the pattern's matches loses all but the first,
 * and nc_rule_check_trigger says so. */
static void test_trigger_within_matches(void **state)
{
  static const struct {
    const char *trigger;
    size_t matches, fails; /* in s, and of the check */
  } cases[] = {
      {"\"\\\\d+\\\\s+ferries\"", 2, 0},
      {"\"\\\\bferries\"", 2, 0},
      {"\"\\\\bnoon\"", 1, 1}, /* before them: the second is lost */
      {"\"\\\\b3\\\\b\"", 2, 0},
      {"\"\\\\bhad\"", 2, 0}, /* after them: still found */
  };
  const char *s = "By noon 12 ferries and 3 ferries had left.";
  size_t k;
  (void)state;

  for (k = 0; k < sizeof cases / sizeof *cases; k++) {
    char *dir = make_tmpdir(), *text, *field;
    struct nc_rules *rs = NULL;
    struct nc_error err;
    struct nc_rule_match m;
    struct nc_buf log = {0};
    size_t pos = 0, n = 0;
    struct nc_buf f = {0};

    nc_buf_printf(&f, "\"value\": \"number\", \"trigger\": %s",
                  cases[k].trigger);
    field = nc_buf_take(&f);
    text = good_with("\"value\": \"number\"", field);
    put(dir, "rules.json", text);
    nc_error_clear(&err);
    assert_int_equal(nc_rules_load(dir, &rs, &err), NC_OK);
    while (nc_rule_next(rs, 0, s, strlen(s), false, NULL, &pos, &m))
      n++;
    assert_int_equal(n, cases[k].matches);
    assert_int_equal(nc_rule_check_trigger(rs, 0, s, strlen(s), &log),
                     cases[k].fails);
    if (cases[k].fails)
      assert_has(log.data, "ferry-count: its trigger does not match");
    else
      assert_int_equal(log.len, 0);
    nc_buf_free(&log);
    nc_rules_free(rs);
    free(field);
    free(text);
    rm_dir(dir);
    free(dir);
  }
}

static void test_macros_and_events_across_files(void **state)
{
  char *dir = make_tmpdir();
  char *text = good_with("\\\\d+", "{DIGITS}");
  const char *s = "Only 7 ferries.";
  struct nc_rules *rs = NULL;
  struct nc_error err;
  struct nc_rule_match m;
  size_t pos = 0;
  (void)state;

  /* files load in name order, so the macros of 00-* serve later files */
  put(dir, "00-shared.json",
      "{\"macros\": {\"DIGITS\": \"\\\\d+\"},\n"
      " \"events\": {\"sail\": {\"words\": [\"sail\", \"Sailed\"],"
      " \"actor\": \"person\"},\n"
      "  \"say\": {\"words\": [\"said\"], \"content\": \"sail\"}}}");
  put(dir, "10-rules.json", text);
  put(dir, "notes.txt", "not a rule file");
  nc_error_clear(&err);
  if (nc_rules_load(dir, &rs, &err) != NC_OK)
    fail_msg("%s: %s", err.file, err.msg);
  assert_int_equal(nc_rules_count(rs), 1);
  assert_true(nc_rule_next(rs, 0, s, strlen(s), false, NULL, &pos, &m));
  assert_int_equal(m.g[NC_G_VALUE][0], 5);
  assert_string_equal(nc_rules_event(rs, "SAILED", 6), "sail");
  assert_null(nc_rules_event(rs, "sank", 4));
  assert_string_equal(nc_rules_event_content(rs, "say"), "sail");
  assert_true(nc_rules_event_by_person(rs, "sail"));
  assert_false(nc_rules_event_by_country(rs, "sail"));
  nc_rules_free(rs);
  free(text);
  rm_dir(dir);
  free(dir);
}

static void test_rule_map(void **state)
{
  char *dir = make_tmpdir();
  char *text = good_with("\"subject\": \"none\",",
                         "\"subject\": \"none\", \"map\": {\"what\":"
                         " {\"ferries\": \"ferry\"}},");
  struct nc_rules *rs = NULL;
  struct nc_error err;
  const struct nc_rule *r;
  (void)state;

  put(dir, "rules.json", text);
  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(dir, &rs, &err), NC_OK);
  r = nc_rules_get(rs, 0);
  assert_string_equal(nc_rule_map(r, NC_G_WHAT, "ferries"), "ferry");
  assert_null(nc_rule_map(r, NC_G_WHAT, "boats"));
  assert_null(nc_rule_map(r, NC_G_SUBJECT, "ferries"));
  nc_rules_free(rs);
  free(text);
  rm_dir(dir);
  free(dir);
}

static void test_bad_json_names_line(void **state)
{
  long line;
  (void)state;

  line = expect_bad("{\n  \"description\": \"x\",\n  \"rules\": [\n"
                    "    {\"id\": \"a\",, }\n  ]\n}\n",
                    "JSON");
  assert_int_equal(line, 4);
}

static void test_unknown_top_level_field(void **state)
{
  (void)state;
  expect_bad("{\"description\": \"x\", \"rulez\": []}", "rulez");
}

static void test_unknown_rule_field(void **state)
{
  (void)state;
  bad_rule("\"subject\": \"none\",", "\"subject\": \"none\", \"weight\": 3,",
           "weight");
  bad_rule("\"subject\": \"none\",", "\"subject\": \"none\", \"weight\": 3,",
           "ferry-count");
}

static void test_duplicate_rule_id(void **state)
{
  struct nc_buf b = {0};
  char *rule;
  (void)state;

  nc_buf_printf(&b, "%s, %s", GOOD_RULE, GOOD_RULE);
  rule = one_rule(b.data);
  expect_bad(rule, "ferry-count");
  expect_bad(rule, "duplicate");
  free(rule);
  nc_buf_free(&b);
}

static void test_duplicate_id_across_files(void **state)
{
  char *dir = make_tmpdir();
  char *text = one_rule(GOOD_RULE);
  struct nc_rules *rs = NULL;
  struct nc_error err;
  (void)state;

  put(dir, "a.json", text);
  put(dir, "b.json", text);
  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(dir, &rs, &err), NC_RULE);
  assert_null(rs);
  assert_has(err.file, "b.json");
  assert_has(err.msg, "ferry-count");
  assert_has(err.msg, "a.json");
  free(text);
  rm_dir(dir);
  free(dir);
}

static void test_missing_pattern(void **state)
{
  char *text = good_with(
      " \"pattern\": \"\\\\b(?<value>\\\\d+)\\\\s+(?<what>ferries)\",\n", "");
  (void)state;
  expect_bad(text, "ferry-count");
  expect_bad(text, "pattern");
  free(text);
}

static void test_pattern_does_not_compile(void **state)
{
  (void)state;
  /* offset 14: where PCRE2 finds the missing ')' */
  bad_rule("\\\\s+(?<what>ferries)", "\\\\s+(?<what>ferries", "ferry-count");
  bad_rule("\\\\s+(?<what>ferries)", "\\\\s+(?<what>ferries", "offset");
  bad_rule("(?<value>\\\\d+)", "(?<value>[\\\\d+)", "offset");
}

/* A trigger that does not compile is reported at load with PCRE2's
 * offset, whether it has anchors (it is then compiled anchored first, and
 * as written only when searched without a sketch) or not. */
static void test_trigger_does_not_compile(void **state)
{
  (void)state;
  bad_rule("\"value\": \"number\"",
           "\"value\": \"number\", \"trigger\": "
           "\"\\\\b(?:ferries|boats)\\\\s+(\"",
           "ferry-count\": trigger error at offset 23: missing closing");
  bad_rule("\"value\": \"number\"",
           "\"value\": \"number\", \"trigger\": "
           "\"\\\\bferries\\\\s+(?<=a+)\"",
           "trigger error at offset 12: lookbehind");
  bad_rule("\"value\": \"number\"",
           "\"value\": \"number\", \"trigger\": \"\\\\d+[\"",
           "trigger error at offset 4: missing terminating ]");
}

static void test_pattern_without_value_group(void **state)
{
  (void)state;
  bad_rule("(?<value>\\\\d+)", "(?<count>\\\\d+)", "count");
  bad_rule("(?<value>\\\\d+)", "(\\\\d+)", "value");
  bad_rule("(?<value>\\\\d+)", "(\\\\d+)", "ferry-count");
}

static void test_unknown_group_name(void **state)
{
  (void)state;
  bad_rule("(?<what>ferries)", "(?<vessel>ferries)", "vessel");
  bad_rule("(?<what>ferries)", "(?<vessel>ferries)", "ferry-count");
}

static void test_unknown_macro(void **state)
{
  (void)state;
  bad_rule("\\\\d+", "{NOPE}", "{NOPE}");
  bad_rule("\\\\d+", "{NOPE}", "ferry-count");
}

static void test_rule_without_examples(void **state)
{
  (void)state;
  bad_rule(",\n \"examples\": [{\"text\": \"The port runs 4 ferries.\",\n"
           "   \"claims\": [{\"key\": \"count|ferries\", \"value\": 4}]}]",
           "", "examples");
  bad_rule(",\n \"examples\": [{\"text\": \"The port runs 4 ferries.\",\n"
           "   \"claims\": [{\"key\": \"count|ferries\", \"value\": 4}]}]",
           ", \"examples\": []", "ferry-count");
}

static void test_unknown_value_type(void **state)
{
  (void)state;
  bad_rule("\"value\": \"number\"", "\"value\": \"weight\"", "weight");
  bad_rule("\"value\": \"number\"", "\"value\": \"weight\"", "ferry-count");
  bad_rule("\"subject\": \"none\"", "\"subject\": \"captain\"", "captain");
}

static void test_wrong_field_types(void **state)
{
  (void)state;
  bad_rule("\"key\": \"count|{what}\"", "\"key\": 5", "key");
  bad_rule("\"subject\": \"none\",",
           "\"subject\": \"none\", \"caseless\":"
           " \"yes\",",
           "caseless");
  bad_rule("\"value\": 4}]}]", "\"amount\": 4}]}]", "examples[0]");
}

static void test_missing_folder(void **state)
{
  struct nc_rules *rs = NULL;
  struct nc_error err;
  (void)state;

  nc_error_clear(&err);
  assert_int_equal(nc_rules_load("/nonexistent/nc-rules", &rs, &err), NC_RULE);
  assert_null(rs);
  assert_has(err.file, "/nonexistent/nc-rules");
}

/* Seconds since an arbitrary start. */
static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Nested quantifiers on a run of 'a' with no 'b': exponential
 * backtracking unless the match limit stops it. */
static void check_catastrophic(const char *pattern)
{
  char *dir = make_tmpdir();
  struct nc_buf rule = {0};
  char *text;
  char subject[41];
  struct nc_rules *rs = NULL;
  struct nc_rule_match m;
  size_t pos = 0, hits;
  double t0;

  nc_buf_printf(&rule,
                "{\"id\": \"runaway\", \"pattern\": \"%s\","
                " \"caseless\": false, \"value\": \"number\","
                " \"subject\": \"none\", \"key\": \"k\", \"label\": \"l\","
                " \"examples\": [{\"text\": \"Any text at all.\","
                " \"claims\": []}]}",
                pattern);
  text = one_rule(rule.data);
  rs = load_rules_text(dir, text);
  memset(subject, 'a', 40);
  subject[40] = '\0';
  t0 = now();
  assert_false(nc_rule_next(rs, 0, subject, 40, false, NULL, &pos, &m));
  if (now() - t0 > 2.0)
    fail_msg("pattern %s took %.1f s on 40 'a'", pattern, now() - t0);
  /* the same on text known to be UTF-8 (PCRE2's JIT fast path): no match,
   * and the same count of limit hits */
  hits = nc_rules_limit_hits(rs, 0);
  pos = 0;
  assert_false(nc_rule_next(rs, 0, subject, 40, true, NULL, &pos, &m));
  assert_int_equal(nc_rules_limit_hits(rs, 0), 2 * hits);
  nc_rules_free(rs);
  free(text);
  nc_buf_free(&rule);
  rm_dir(dir);
  free(dir);
}

static void test_catastrophic_pattern_gives_up(void **state)
{
  (void)state;
  check_catastrophic("(?<value>(a+)+)b");
  /* without PCRE2's start-up shortcuts (the required 'b' is not looked
   * for first), only the match limit stops the backtracking */
  check_catastrophic("(*NO_START_OPT)(*NO_AUTO_POSSESS)(?<value>(a+)+)b");
  check_catastrophic("(*NO_START_OPT)(?<value>(a|aa)+)(?!a)b");
}

/* The anchors found in a pattern, or NULL when it has none for sure. */
static char *anchors_of(const char *pattern)
{
  struct nc_buf b = {0};
  if (!nc_pattern_anchors(pattern, &b)) {
    assert_int_equal(b.len, 0);
    return NULL;
  }
  return nc_buf_take(&b);
}

static void expect_anchors(const char *pattern, const char *want)
{
  char *got = anchors_of(pattern);
  if (!want && got)
    fail_msg("%s: anchors \"%s\", expected none", pattern, got);
  if (want && (!got || strcmp(got, want) != 0))
    fail_msg("%s: anchors \"%s\", expected \"%s\"", pattern,
             got ? got : "(none)", want);
  free(got);
}

static void test_pattern_anchors(void **state)
{
  (void)state;
  expect_anchors("\\bleaders?\\b", "leader");
  expect_anchors("\\bone\\s+of\\b", "one");
  expect_anchors("\\b(?:such\\s+as|including|like)\\b", "such|including|like");
  expect_anchors("\\b(Relations|TIES)\\s+with", "relations|ties");
  expect_anchors("\\b(?:alpha[|)]x|beta)\\s", "alpha|beta");
  expect_anchors("\\b(?:alpha\\|x|beta)\\s", "alpha|beta");
  expect_anchors("\\bsaw\\s+(?:a|b)+", "saw");
  expect_anchors("\\bnormaliz\\w+", "normaliz");
  /* none for sure: no \b first, short words, optional letters or group,
   * a top-level alternative, constructs the scanner does not follow */
  expect_anchors("[\xe2\x80\x94\xe2\x80\x93]", NULL);
  expect_anchors("leaders\\b", NULL);
  expect_anchors("\\b(?:of|the)\\s", NULL);
  expect_anchors("\\bab*c", NULL);
  expect_anchors("\\bfoo|bar", NULL);
  expect_anchors("\\bfoo(?:x|y)|bar", NULL);
  expect_anchors("\\b(?:alpha|beta)?gamma", NULL);
  expect_anchors("\\b(?:alpha|beta)*gamma", NULL);
  expect_anchors("\\b(?:alpha|(beta|gamma))", NULL);
  expect_anchors("\\b(?:alpha|)", NULL);
  expect_anchors("(?i)\\bfoo", NULL);
  expect_anchors("\\bfoo(?#x|y)", NULL);
  expect_anchors("\\b\\Qfoo|bar\\E", NULL);
  expect_anchors("\\bfoo[[:alpha:]|]", NULL);
  expect_anchors("\\b(?:alpha|beta", NULL);
}

/* Every match of rule i in s[0..n) must be the same with the pattern
 * alone, with its trigger tried before each search, and with the trigger
 * and the sketch (also told that the text is valid UTF-8 when it is: a
 * pattern with anchors is then searched from the first word that begins
 * with one); the sketch may only rule out texts without a match. */
static void same_matches(const struct nc_rules *rs, size_t i, const char *s,
                         size_t n, struct nc_rule_sketch *sk)
{
  struct nc_rule_match a, b, c, d;
  size_t pa = 0, pb = 0, pc = 0, pd = 0, count = 0;
  bool ma, mb, mc, md, valid = nc_utf8_valid(s, n, NULL);

  nc_rule_sketch_text(rs, s, n, sk);
  for (;;) {
    ma = nc_rule_next(rs, i, s, n, false, NULL, &pa, &a);
    mb = nc_rule_next(rs, i, s, n, false, sk, &pb, &b);
    mc = nc_rule_next_plain(rs, i, s, n, &pc, &c);
    md = valid ? nc_rule_next(rs, i, s, n, true, sk, &pd, &d) : mb;
    if (ma != mc)
      fail_msg("rule %s: %s with the trigger in \"%.*s\"",
               nc_rules_get(rs, i)->id, mc ? "lost" : "extra", (int)n, s);
    if (ma != mb)
      fail_msg("rule %s: %s with the sketch in \"%.*s\"",
               nc_rules_get(rs, i)->id, ma ? "lost" : "extra", (int)n, s);
    if (ma != md)
      fail_msg("rule %s: %s with the sketch on valid UTF-8 in \"%.*s\"",
               nc_rules_get(rs, i)->id, ma ? "lost" : "extra", (int)n, s);
    if (!ma)
      break;
    assert_memory_equal(&a, &b, sizeof a);
    assert_memory_equal(&a, &c, sizeof a);
    assert_int_equal(pa, pb);
    assert_int_equal(pa, pc);
    if (valid) {
      assert_memory_equal(&a, &d, sizeof a);
      assert_int_equal(pa, pd);
    }
    count++;
  }
  if (count && !nc_rule_may_match(rs, i, sk))
    fail_msg("rule %s: ruled out \"%.*s\"", nc_rules_get(rs, i)->id, (int)n,
             s);
}

/* The sketch and the triggers against the pattern alone, for every real
 * rule on every sentence of the built-in articles, on every rule's
 * examples and on texts made to trip them: words
 * glued to digits or underscores, upper case, characters that caseless
 * matching folds to ASCII letters (U+017F, U+212A), bytes that are not
 * UTF-8 are left to the plain search's UTF check. */
static void test_sketch_keeps_every_match(void **state)
{
  static const char *const made[] = {
      "Morocco became the fourth country to join the Abraham Accords.",
      "MOROCCO BECAME THE FOURTH COUNTRY TO JOIN THE ABRAHAM ACCORDS.",
      "It was the 4th country_to join, then 5country to join and x5th.",
      "Relations with Israel since 1992, ties since 1993; ties with Iran.",
      "Signatories which include Bahrain, Morocco and Sudan.",
      "The \xc5\xbfignatories which include Bahrain, Morocco and Sudan.",
      "Leaders of 12 nations met; one of 5 leaders said so.",
      "The deal was \xc5\xbftruck between Israel, Bahrain and Morocco.",
      "Ta\xe2\x84\xaa"
      "en: the 3rd country to join; the \xe2\x84\xaa state.",
      "The accords, signed in 2020 between Israel, the UAE and Bahrain.",
      "",
      "a",
      "ab c"};
  char **files = NULL;
  size_t nfiles = 0, i, f, k;
  struct nc_rules *rs = NULL;
  struct nc_rule_sketch sk = {{0}, false, NULL, 0, 0};
  struct nc_error err;
  DIR *d;
  struct dirent *de;
  (void)state;

  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(TEST_DATADIR "/rules", &rs, &err), NC_OK);
  for (i = 0; i < nc_rules_count(rs); i++) {
    const struct nc_rule *r = nc_rules_get(rs, i);
    size_t j, x;
    for (k = 0; k < sizeof made / sizeof *made; k++)
      same_matches(rs, i, made[k], strlen(made[k]), &sk);
    /* every rule on every rule's examples */
    for (j = 0; j < nc_rules_count(rs); j++)
      for (x = 0; x < r->nexamples; x++)
        same_matches(rs, j, r->examples[x].text, strlen(r->examples[x].text),
                     &sk);
  }
  d = opendir(TEST_DATADIR "/articles");
  assert_non_null(d);
  while ((de = readdir(d)) != NULL)
    if (strstr(de->d_name, ".txt")) {
      files = xrealloc(files, (nfiles + 1) * sizeof *files);
      files[nfiles++] = path_in(TEST_DATADIR "/articles", de->d_name);
    }
  closedir(d);
  assert_true(nfiles > 0);
  for (f = 0; f < nfiles; f++) {
    char *text = NULL;
    size_t len = 0, s0 = 0, e;
    assert_int_equal(nc_read_file(files[f], 1 << 24, &text, &len, &err),
                     NC_OK);
    /* sentences, roughly: up to ". " or a line break */
    for (e = 0; e <= len; e++) {
      if (e < len && !(text[e] == '\n' ||
                       (text[e] == '.' && e + 1 < len && text[e + 1] == ' ')))
        continue;
      for (i = 0; i < nc_rules_count(rs); i++)
        same_matches(rs, i, text + s0, e - s0, &sk);
      s0 = e + 1;
    }
    free(text);
    free(files[f]);
  }
  free(files);
  nc_rule_sketch_free(&sk);
  nc_rules_free(rs);
}

/* The examples' sentences, changed at random in the ways news text (or
 * its extraction) varies: dashes written as ASCII hyphens, a space lost
 * so that words run together, letters stuck before a word ("unlike"), a
 * word in upper case, a word of another example swapped in, a no-break
 * space.  Every rule must match each such text as the pattern alone does:
 * a trigger that does not hold within every match of its pattern loses
 * matches (as members-dash-list's "[—–]" did for " - " lists, and
 * members-such-as's "\blike" for a pattern that took "unlike"). */
static uint32_t next_random(uint32_t *x)
{
  *x ^= *x << 13;
  *x ^= *x >> 17;
  *x ^= *x << 5;
  return *x;
}

/* The word starts of s (after a space, or at 0). */
static size_t word_starts(const char *s, size_t *at, size_t max)
{
  size_t n = 0, i;
  for (i = 0; s[i] && n < max; i++)
    if (i == 0 || s[i - 1] == ' ')
      at[n++] = i;
  return n;
}

static void mutate(const char *s, const char *other, uint32_t *rnd,
                   struct nc_buf *out)
{
  size_t at[128], n = word_starts(s, at, 128), w, i, len = strlen(s);
  size_t oat[128], on = word_starts(other, oat, 128);

  out->len = 0;
  nc_buf_puts(out, "");
  w = n ? next_random(rnd) % n : 0;
  switch (next_random(rnd) % 6) {
  case 0: /* dashes as ASCII hyphens */
    for (i = 0; i < len; i++) {
      if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
          ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93)) {
        nc_buf_puts(out, next_random(rnd) & 1 ? "-" : "--");
        i += 2;
      } else {
        nc_buf_append(out, s + i, 1);
      }
    }
    return;
  case 1: /* the space before word w lost */
    if (w > 0) {
      nc_buf_append(out, s, at[w] - 1);
      nc_buf_puts(out, s + at[w]);
      return;
    }
    break;
  case 2: /* letters stuck before word w */
    nc_buf_append(out, s, at[w]);
    nc_buf_puts(out, next_random(rnd) & 1 ? "un" : "x");
    nc_buf_puts(out, s + at[w]);
    return;
  case 3: /* word w in upper case */
    nc_buf_append(out, s, at[w]);
    for (i = at[w]; s[i] && s[i] != ' '; i++) {
      char c = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
      nc_buf_append(out, &c, 1);
    }
    nc_buf_puts(out, s + i);
    return;
  case 4: /* word w swapped for a word of another example */
    if (on) {
      size_t o = oat[next_random(rnd) % on], e = o;
      while (other[e] && other[e] != ' ')
        e++;
      nc_buf_append(out, s, at[w]);
      nc_buf_append(out, other + o, e - o);
      for (i = at[w]; s[i] && s[i] != ' '; i++)
        ;
      nc_buf_puts(out, s + i);
      return;
    }
    break;
  default: /* a no-break space before word w */
    if (w > 0) {
      nc_buf_append(out, s, at[w] - 1);
      nc_buf_puts(out, "\xc2\xa0");
      nc_buf_puts(out, s + at[w]);
      return;
    }
    break;
  }
  nc_buf_puts(out, s);
}

static void test_changed_examples_keep_every_match(void **state)
{
  struct nc_rules *rs = NULL;
  struct nc_rule_sketch sk = {{0}, false, NULL, 0, 0};
  struct nc_error err;
  struct nc_buf text = {0}, twice = {0};
  const char **ex = NULL;
  size_t nex = 0, i, j, k, t;
  uint32_t rnd = 2463534242u;
  (void)state;

  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(TEST_DATADIR "/rules", &rs, &err), NC_OK);
  for (i = 0; i < nc_rules_count(rs); i++) {
    const struct nc_rule *r = nc_rules_get(rs, i);
    for (j = 0; j < r->nexamples; j++) {
      ex = xrealloc(ex, (nex + 1) * sizeof *ex);
      ex[nex++] = r->examples[j].text;
    }
  }
  for (k = 0; k < nex; k++)
    for (t = 0; t < 40; t++) {
      const char *other = ex[next_random(&rnd) % nex];
      mutate(ex[k], other, &rnd, &text);
      /* and a second change on top of the first, half the time */
      if (next_random(&rnd) & 1) {
        mutate(text.data, other, &rnd, &twice);
        nc_buf_free(&text);
        text = twice;
        memset(&twice, 0, sizeof twice);
      }
      for (i = 0; i < nc_rules_count(rs); i++)
        same_matches(rs, i, text.data, text.len, &sk);
    }
  nc_buf_free(&text);
  nc_buf_free(&twice);
  free(ex);
  nc_rule_sketch_free(&sk);
  nc_rules_free(rs);
}

/* A caseless rule whose trigger's anchors hold an 's' and a 'k': caseless
 * UTF matching takes U+017F for 's' and U+212A for 'k', which the sketch
 * must not rule out. */
static void test_sketch_caseless_folds(void **state)
{
  static const char *const texts[] = {
      "They signed 4 ferries.",
      "They SIGNED 4 ferries.",
      "They \xc5\xbfigned 4 ferries.",
      "The \xe2\x84\xaa"
      "eystone 4 ferries.",
      "The keystone 4 ferries.",
      "They resigned 4 ferries.",
      "The \xe2\x84\xaa"
      "eystone and \xc5\xbfigned and no 4 ferries.",
      "Signed 4 ferries.",
      "\xe2\x84\xaa"
      "eystone 4 ferries."};
  char *dir = make_tmpdir();
  /* the trigger matches within every match of the pattern, as a
   * trigger must */
  char *text = good_with(
      "\"pattern\": \"\\\\b(?<value>\\\\d+)\\\\s+(?<what>ferries)\",\n"
      " \"value\": \"number\"",
      "\"pattern\": \"\\\\b(?:keystone|signed)\\\\s[^.]*?"
      "(?<value>\\\\d+)\\\\s+(?<what>ferries)\",\n"
      " \"value\": \"number\", \"caseless\": true, "
      "\"trigger\": \"\\\\b(?:keystone|signed)\\\\s\"");
  struct nc_rules *rs = NULL;
  struct nc_rule_sketch sk = {{0}, false, NULL, 0, 0};
  struct nc_rule_match m;
  struct nc_error err;
  size_t k, pos, found = 0;
  (void)state;

  put(dir, "rules.json", text);
  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(dir, &rs, &err), NC_OK);
  for (k = 0; k < sizeof texts / sizeof *texts; k++) {
    same_matches(rs, 0, texts[k], strlen(texts[k]), &sk);
    pos = 0;
    found +=
        nc_rule_next(rs, 0, texts[k], strlen(texts[k]), false, &sk, &pos, &m);
  }
  /* all but "resigned" */
  assert_int_equal(found, 8);
  nc_rule_sketch_free(&sk);
  nc_rules_free(rs);
  free(text);
  rm_dir(dir);
  free(dir);
}

/* Rules whose prefilter comes from the pattern's anchors (no trigger, or
 * one without anchors): the search for the pattern is skipped when no
 * word that begins with an anchor is left, and else starts at the first.
 * The texts hold such words before, between and after matches, words
 * that share only their first letters (the sketch's bits), glued to
 * letters, digits or '_', in upper case, after non-ASCII letters, as
 * U+017F for a caseless 's', matches without the value group, and bytes
 * that are not UTF-8. */
static void test_pattern_anchors_skip_searches(void **state)
{
  static const char *const texts[] = {
      "ferries 4 and steamboats 5 and ferries no and ferries 6",
      "ferries 4, then 5 and 6 and 7",
      "4 5 6 ferries",
      "ferryman 4, ferrie 5, FERRIES 6, Ferries 7, xferries 8, 8ferries 9",
      "_ferries 10, ferries_ 11, ferriesx 12, steam 13, steamboat 14",
      "\xc3\xa9"
      "ferries 15 \xc3\xa9 ferries 16 \xe2\x80\x94"
      "ferries 17",
      "\xc5\xbfteamboats 18 and \xc5\xbfteamboats 19",
      "ferries no, ferries no, ferries 20",
      "ferries 21 \xff ferries 22",
      "\xff ferries 23",
      "ferries",
      "ferries 2",
      "fer",
      /* the trigger matches, but no word begins with an anchor */
      "no 4 and 5, no ferry 6",
      ""};
  static const char *const rules[] = {
      /* a trigger without anchors */
      "\"pattern\": \"\\\\b(?:ferries|steamboats)\\\\W+"
      "(?:(?<value>\\\\d+)|no)\", \"trigger\": \"\\\\d|no\"",
      /* the same, caseless */
      "\"pattern\": \"\\\\b(?:ferries|steamboats)\\\\W+"
      "(?:(?<value>\\\\d+)|no)\", \"trigger\": \"\\\\d|no\", "
      "\"caseless\": true",
      /* no trigger */
      "\"pattern\": \"\\\\b(?:ferries|steamboats)\\\\W+"
      "(?:(?<value>\\\\d+)|no)\"",
      /* a trigger with anchors: the prefilter comes from it */
      "\"pattern\": \"\\\\b(?:ferries|steamboats)\\\\W+"
      "(?:(?<value>\\\\d+)|no)\", \"trigger\": "
      "\"\\\\b(?:ferries|steamboats)\\\\b\"",
      /* \G: only a match that starts where the search does (the first
       * "ferries", at the start of the text), so the search cannot be
       * moved to the first anchor */
      "\"pattern\": \"\\\\b(?:ferries|steamboats)(?<=\\\\G.{7})"
      "\\\\W+(?:(?<value>\\\\d+)|no)\""};
  struct nc_rule_sketch sk = {{0}, false, NULL, 0, 0};
  size_t r, k, n, pos, found;
  (void)state;

  for (r = 0; r < sizeof rules / sizeof *rules; r++) {
    char *dir = make_tmpdir();
    char *text = good_with(
        "\"pattern\": \"\\\\b(?<value>\\\\d+)\\\\s+(?<what>ferries)\"",
        rules[r]);
    struct nc_rules *rs = NULL;
    struct nc_rule_match m;

    rs = load_rules_text(dir, text);
    found = 0;
    for (k = 0; k < sizeof texts / sizeof *texts; k++) {
      n = strlen(texts[k]);
      same_matches(rs, 0, texts[k], n, &sk);
      nc_rule_sketch_text(rs, texts[k], n, &sk);
      pos = 0;
      while (nc_rule_next(rs, 0, texts[k], n, nc_utf8_valid(texts[k], n, NULL),
                          &sk, &pos, &m))
        found++;
    }
    /* 4, 5, 6; 4; 6 and 7 when caseless; 16, 17; 18, 19 when caseless;
     * 20; 2 (not 21 to 23: PCRE2 checks the UTF-8 from the start); with
     * \G, 4 (twice) and 2 */
    assert_int_equal(found, r == 1 ? 12 : r == 4 ? 3 : 8);
    nc_rules_free(rs);
    free(text);
    rm_dir(dir);
    free(dir);
  }
  nc_rule_sketch_free(&sk);
}

/* The sketch's first test, on the two first letters of a word: every
 * three-letter word (lower case and capitalized), alone, is kept when it
 * begins an anchor (of the trigger or of the pattern) and dropped when
 * its two first letters begin none, even when its hash is an anchor's
 * bit; words too short or with a byte that is no letter are dropped. */
static void test_sketch_two_letters(void **state)
{
  static const char *const rules[] = {
      /* anchors of the trigger */
      "\"pattern\": \"\\\\b(?:keystone|signed)\\\\s[^.]*?"
      "(?<value>\\\\d+)\\\\s+(?<what>ferries)\",\n"
      " \"value\": \"number\", "
      "\"trigger\": \"\\\\b(?:keystone|signed)\\\\s\"",
      /* anchors of the pattern */
      "\"pattern\": \"\\\\b(?:ferries|steamboats)\\\\W+"
      "(?:(?<value>\\\\d+)|no)\""};
  /* the first three letters of each rule's two anchors */
  static const char *const heads[][2] = {{"key", "sig"}, {"fer", "ste"}};
  static const char *const short_words[] = {
      "k", "ke", "ke1", "k_y", "ke\xc3\xa9", "s\xc3\xa9g", "x ke", "1st",
      "sig", "SIG", "sIg"};
  struct nc_rule_sketch sk = {{0}, false, NULL, 0, 0};
  size_t r, k, kept = 0;
  (void)state;

  for (r = 0; r < sizeof rules / sizeof *rules; r++) {
    char *dir = make_tmpdir();
    char *text = good_with(
        "\"pattern\": \"\\\\b(?<value>\\\\d+)\\\\s+(?<what>ferries)\"",
        rules[r]);
    struct nc_rules *rs = NULL;
    char w[4] = {0};
    int a, b, c, up;

    rs = load_rules_text(dir, text);
    for (a = 'a'; a <= 'z'; a++)
      for (b = 'a'; b <= 'z'; b++)
        for (c = 'a'; c <= 'z'; c++)
          for (up = 0; up < 2; up++) {
            bool two = false, three = false;
            for (k = 0; k < 2; k++) {
              const char *h = heads[r][k];
              two |= a == h[0] && b == h[1];
              three |= a == h[0] && b == h[1] && c == h[2];
            }
            w[0] = (char)(up ? a - 'a' + 'A' : a);
            w[1] = (char)b;
            w[2] = (char)c;
            nc_rule_sketch_text(rs, w, 3, &sk);
            assert_false(sk.all);
            if (sk.n > 1 || (sk.n == 1 && (!two || sk.words[0].at != 0)))
              fail_msg("\"%s\" kept", w);
            if (three && sk.n != 1)
              fail_msg("\"%s\" dropped", w);
            if (nc_rule_may_match(rs, 0, &sk) != (sk.n == 1))
              fail_msg("\"%s\": may match %d", w, (int)sk.n);
            kept += sk.n;
          }
    for (k = 0; k < sizeof short_words / sizeof *short_words; k++) {
      const char *sw = short_words[k];
      nc_rule_sketch_text(rs, sw, strlen(sw), &sk);
      /* only "sig" (in any case) begins an anchor, of the trigger */
      assert_int_equal(sk.n, r == 0 && k >= 8 ? 1 : 0);
    }
    nc_rules_free(rs);
    free(text);
    rm_dir(dir);
    free(dir);
  }
  /* each anchor's first three letters, in two cases, at least */
  assert_true(kept >= 8);
  nc_rule_sketch_free(&sk);
}

/* A sketch made for some of the rules against the sketch for all of
 * them, for every real rule alone, for the rules of each value type, and
 * for all rules, on the texts of test_sketch_keeps_every_match's kinds:
 * each of those rules finds the same matches with either (searched from
 * the same anchors), and the sketch for some rules out every text the
 * sketch for all rules out, and no text with a match. */
static void same_for_some(const struct nc_rules *rs, const size_t *ri,
                          size_t n, const char *s, size_t len,
                          struct nc_rule_sketch *all,
                          struct nc_rule_sketch *some)
{
  struct nc_rule_filter f;
  bool valid = nc_utf8_valid(s, len, NULL);
  size_t k;

  nc_rule_filter_of(rs, ri, n, &f);
  nc_rule_sketch_text(rs, s, len, all);
  nc_rule_sketch_for(&f, s, len, some);
  assert_int_equal(all->all, some->all);
  for (k = 0; k < n; k++) {
    struct nc_rule_match a, b;
    size_t pa = 0, pb = 0, count = 0;
    bool ma, mb;
    for (;;) {
      ma = nc_rule_next(rs, ri[k], s, len, valid, all, &pa, &a);
      mb = nc_rule_next(rs, ri[k], s, len, valid, some, &pb, &b);
      if (ma != mb)
        fail_msg("rule %s: %s with the sketch for some rules in \"%.*s\"",
                 nc_rules_get(rs, ri[k])->id, ma ? "lost" : "extra", (int)len,
                 s);
      if (!ma)
        break;
      assert_memory_equal(&a, &b, sizeof a);
      assert_int_equal(pa, pb);
      count++;
    }
    if (count && !nc_rule_may_match(rs, ri[k], some))
      fail_msg("rule %s: ruled out \"%.*s\"", nc_rules_get(rs, ri[k])->id,
               (int)len, s);
    if (!nc_rule_may_match(rs, ri[k], all) &&
        nc_rule_may_match(rs, ri[k], some))
      fail_msg("rule %s: not ruled out \"%.*s\"", nc_rules_get(rs, ri[k])->id,
               (int)len, s);
  }
}

static void test_sketch_for_some_rules(void **state)
{
  static const char *const made[] = {
      "Morocco became the fourth country to join the Abraham Accords.",
      "MOROCCO BECAME THE FOURTH COUNTRY TO JOIN THE ABRAHAM ACCORDS.",
      "Leaders of 12 nations met; one of 5 leaders said so.",
      "Relations with Israel since 1992, ties since 1993; ties with Iran.",
      "The deal was \xc5\xbftruck between Israel, Bahrain and Morocco.",
      "Signatories which include Bahrain, Morocco and Sudan.",
      "",
      "a",
      "ab c"};
  struct nc_rules *rs = NULL;
  struct nc_rule_sketch all = {{0}, false, NULL, 0, 0},
                        some = {{0}, false, NULL, 0, 0};
  struct nc_error err;
  size_t nrules, *sets, nsets = 0, i, j, k, x, v;
  char *text = NULL;
  size_t len = 0, s0 = 0, e;
  DIR *d;
  struct dirent *de;
  (void)state;

  nc_error_clear(&err);
  assert_int_equal(nc_rules_load(TEST_DATADIR "/rules", &rs, &err), NC_OK);
  nrules = nc_rules_count(rs);
  /* each set: its size, then its rules */
  sets = xcalloc((nrules + 8) * (nrules + 1), sizeof *sets);
  for (i = 0; i < nrules; i++, nsets++) {
    sets[nsets * (nrules + 1)] = 1;
    sets[nsets * (nrules + 1) + 1] = i;
  }
  for (v = NC_RV_ORDINAL; v <= NC_RV_COUNTRIES; v++, nsets++)
    for (i = 0; i < nrules; i++)
      if (nc_rules_get(rs, i)->value == (enum nc_rule_value)v)
        sets[nsets * (nrules + 1) + 1 + sets[nsets * (nrules + 1)]++] = i;
  for (i = 0; i < nrules; i++)
    sets[nsets * (nrules + 1) + 1 + i] = i;
  sets[nsets++ * (nrules + 1)] = nrules;

  d = opendir(TEST_DATADIR "/articles");
  assert_non_null(d);
  while ((de = readdir(d)) != NULL)
    if (strstr(de->d_name, ".txt")) {
      char *path = path_in(TEST_DATADIR "/articles", de->d_name), *t = NULL;
      size_t n = 0;
      assert_int_equal(nc_read_file(path, 1 << 24, &t, &n, &err), NC_OK);
      text = xrealloc(text, len + n + 2);
      memcpy(text + len, t, n);
      len += n;
      text[len++] = '\n';
      free(t);
      free(path);
    }
  closedir(d);
  assert_true(len > 0);
  for (j = 0; j < nsets; j++) {
    const size_t *set = &sets[j * (nrules + 1)];
    for (k = 0; k < sizeof made / sizeof *made; k++)
      same_for_some(rs, set + 1, set[0], made[k], strlen(made[k]), &all,
                    &some);
    for (i = 0; i < nrules; i++) {
      const struct nc_rule *r = nc_rules_get(rs, i);
      for (x = 0; x < r->nexamples; x++)
        same_for_some(rs, set + 1, set[0], r->examples[x].text,
                      strlen(r->examples[x].text), &all, &some);
    }
    /* sentences, roughly: up to ". " or a line break */
    for (s0 = 0, e = 0; e <= len; e++) {
      if (e < len && !(text[e] == '\n' ||
                       (text[e] == '.' && e + 1 < len && text[e + 1] == ' ')))
        continue;
      same_for_some(rs, set + 1, set[0], text + s0, e - s0, &all, &some);
      s0 = e + 1;
    }
  }
  free(text);
  free(sets);
  nc_rule_sketch_free(&all);
  nc_rule_sketch_free(&some);
  nc_rules_free(rs);
}

/* An event word is found whatever the case of each of its letters (the
 * letters its bit is made of are lowered before the bit is asked), up to
 * a NUL byte, and a word that shares those letters and its length with
 * one but is no event word is not. */
static void test_event_words_in_any_case(void **state)
{
  static const char *const words[] = {"sailed", "Sailed", "sAiled",
                                      "saileD", "SAILED", "sail",
                                      "SAIL",   "saiL",   "sAil"};
  char *dir = make_tmpdir();
  char *text = good_with("\\\\d+", "{DIGITS}");
  struct nc_rules *rs = NULL;
  struct nc_error err;
  size_t k;
  (void)state;

  put(dir, "00-shared.json",
      "{\"macros\": {\"DIGITS\": \"\\\\d+\"},\n"
      " \"events\": {\"sail\": {\"words\": [\"sail\", \"Sailed\"],"
      " \"actor\": \"person\"}}}");
  put(dir, "10-rules.json", text);
  nc_error_clear(&err);
  if (nc_rules_load(dir, &rs, &err) != NC_OK)
    fail_msg("%s: %s", err.file, err.msg);
  for (k = 0; k < sizeof words / sizeof *words; k++)
    if (!nc_rules_event(rs, words[k], strlen(words[k])) ||
        strcmp(nc_rules_event(rs, words[k], strlen(words[k])), "sail") != 0)
      fail_msg("\"%s\" is no event", words[k]);
  /* up to the NUL: "sail", then "sailed" */
  assert_string_equal(nc_rules_event(rs, "sail\0ed", 7), "sail");
  assert_string_equal(nc_rules_event(rs, "SAILED\0x", 8), "sail");
  assert_null(nc_rules_event(rs, "sai\0l", 5));
  assert_null(nc_rules_event(rs, "\0sail", 5));
  /* the same first two and last letters and length */
  assert_null(nc_rules_event(rs, "saxxed", 6));
  assert_null(nc_rules_event(rs, "SAXXED", 6));
  assert_null(nc_rules_event(rs, "saxl", 4));
  assert_null(nc_rules_event(rs, "sailer", 6));
  assert_null(nc_rules_event(rs, "", 0));
  nc_rules_free(rs);
  free(text);
  rm_dir(dir);
  free(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_real_rules_load),
      cmocka_unit_test(test_good_rule_loads_and_matches),
      cmocka_unit_test(test_trigger_within_matches),
      cmocka_unit_test(test_macros_and_events_across_files),
      cmocka_unit_test(test_rule_map),
      cmocka_unit_test(test_bad_json_names_line),
      cmocka_unit_test(test_unknown_top_level_field),
      cmocka_unit_test(test_unknown_rule_field),
      cmocka_unit_test(test_duplicate_rule_id),
      cmocka_unit_test(test_duplicate_id_across_files),
      cmocka_unit_test(test_missing_pattern),
      cmocka_unit_test(test_pattern_does_not_compile),
      cmocka_unit_test(test_trigger_does_not_compile),
      cmocka_unit_test(test_pattern_without_value_group),
      cmocka_unit_test(test_unknown_group_name),
      cmocka_unit_test(test_unknown_macro),
      cmocka_unit_test(test_rule_without_examples),
      cmocka_unit_test(test_unknown_value_type),
      cmocka_unit_test(test_wrong_field_types),
      cmocka_unit_test(test_missing_folder),
      cmocka_unit_test(test_catastrophic_pattern_gives_up),
      cmocka_unit_test(test_pattern_anchors),
      cmocka_unit_test(test_sketch_keeps_every_match),
      cmocka_unit_test(test_changed_examples_keep_every_match),
      cmocka_unit_test(test_sketch_caseless_folds),
      cmocka_unit_test(test_pattern_anchors_skip_searches),
      cmocka_unit_test(test_sketch_two_letters),
      cmocka_unit_test(test_sketch_for_some_rules),
      cmocka_unit_test(test_event_words_in_any_case),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
