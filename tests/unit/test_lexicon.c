/* test_lexicon.c: every lexicon file is checked on load (issue 6).  Each
 * test copies data/lexicon to a temporary folder, breaks one file in one
 * way (unknown field, wrong type, duplicate) and expects NC_RULE with the
 * file's path and the field named in the message. */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#include "newscheck/mentions.h"
#include "newscheck/sentences.h"
#include "newscheck/util.h"

#define LEXDIR TEST_DATADIR "/lexicon"

/* Copy data/lexicon into a new temporary folder; *state is its path. */
static int setup(void **state)
{
  char *dir = xstrdup("/tmp/nc-lexicon-XXXXXX");
  DIR *d;
  struct dirent *de;

  if (!mkdtemp(dir)) {
    free(dir);
    return -1;
  }
  d = opendir(LEXDIR);
  if (!d)
    return -1;
  while ((de = readdir(d)) != NULL) {
    struct nc_buf from = {0}, to = {0};
    char *data = NULL;
    size_t len = 0;
    struct nc_error err;
    if (de->d_name[0] == '.')
      continue;
    nc_buf_printf(&from, "%s/%s", LEXDIR, de->d_name);
    nc_buf_printf(&to, "%s/%s", dir, de->d_name);
    if (nc_read_file(from.data, NC_MAX_INPUT_BYTES, &data, &len, &err) !=
            NC_OK ||
        nc_write_atomic(to.data, data, len, &err) != NC_OK) {
      closedir(d);
      return -1;
    }
    free(data);
    nc_buf_free(&from);
    nc_buf_free(&to);
  }
  closedir(d);
  *state = dir;
  return 0;
}

static int teardown(void **state)
{
  char *dir = *state;
  DIR *d = opendir(dir);
  struct dirent *de;

  while (d && (de = readdir(d)) != NULL) {
    struct nc_buf p = {0};
    if (de->d_name[0] == '.')
      continue;
    nc_buf_printf(&p, "%s/%s", dir, de->d_name);
    unlink(p.data);
    nc_buf_free(&p);
  }
  if (d)
    closedir(d);
  rmdir(dir);
  free(dir);
  return 0;
}

/* Replace the first `old` in dir/name with `with`. */
static void edit(const char *dir, const char *name, const char *old,
                 const char *with)
{
  struct nc_buf path = {0}, out = {0};
  struct nc_error err;
  char *data = NULL, *at;
  size_t len = 0;

  nc_buf_printf(&path, "%s/%s", dir, name);
  assert_int_equal(
      nc_read_file(path.data, NC_MAX_INPUT_BYTES, &data, &len, &err), NC_OK);
  at = strstr(data, old);
  assert_non_null(at);
  nc_buf_append(&out, data, (size_t)(at - data));
  nc_buf_puts(&out, with);
  nc_buf_puts(&out, at + strlen(old));
  assert_int_equal(nc_write_atomic(path.data, out.data, out.len, &err),
                   NC_OK);
  free(data);
  nc_buf_free(&out);
  nc_buf_free(&path);
}

/* Load dir with the loader of `name` and expect NC_RULE naming the file
 * dir/name, with each of the (up to two) strings in the message. */
static void expect_rule(const char *dir, const char *name, const char *m1,
                        const char *m2)
{
  struct nc_error err;
  struct nc_buf path = {0};
  enum nc_status st;

  memset(&err, 0, sizeof err);
  nc_buf_printf(&path, "%s/%s", dir, name);
  if (strcmp(name, "abbreviations.json") == 0) {
    struct nc_abbrevs *ab = NULL;
    st = nc_abbrevs_load(dir, &ab, &err);
    assert_null(ab);
  } else {
    struct nc_lexicon *lex = NULL;
    st = nc_lexicon_load(dir, &lex, &err);
    assert_null(lex);
  }
  if (st != NC_RULE || strcmp(err.file, path.data) != 0 ||
      !strstr(err.msg, m1) || (m2 && !strstr(err.msg, m2)))
    print_error("got %d %s: %s\n", (int)st, err.file, err.msg);
  assert_int_equal(st, NC_RULE);
  assert_string_equal(err.file, path.data);
  assert_non_null(strstr(err.msg, m1));
  if (m2)
    assert_non_null(strstr(err.msg, m2));
  nc_buf_free(&path);
}

/* ---- the real lexicon ---- */

static void test_real_folder_loads(void **state)
{
  struct nc_lexicon *lex = NULL;
  struct nc_abbrevs *ab = NULL;
  struct nc_error err;

  (void)state;
  assert_int_equal(nc_lexicon_load(LEXDIR, &lex, &err), NC_OK);
  assert_non_null(lex);
  assert_int_equal(nc_abbrevs_load(LEXDIR, &ab, &err), NC_OK);
  assert_non_null(ab);
  nc_lexicon_free(lex);
  nc_abbrevs_free(ab);
}

static void test_copy_loads(void **state)
{
  struct nc_lexicon *lex = NULL;
  struct nc_abbrevs *ab = NULL;
  struct nc_error err;

  assert_int_equal(nc_lexicon_load(*state, &lex, &err), NC_OK);
  assert_int_equal(nc_abbrevs_load(*state, &ab, &err), NC_OK);
  nc_lexicon_free(lex);
  nc_abbrevs_free(ab);
}

/* ---- numbers.json ---- */

static void test_numbers_unknown_field(void **state)
{
  edit(*state, "numbers.json", "\"units\":", "\"unitz\": {}, \"units\":");
  expect_rule(*state, "numbers.json", "unknown top-level field \"unitz\"",
              NULL);
}

static void test_numbers_field_twice(void **state)
{
  edit(*state, "numbers.json", "\"vague\":", "\"vague\": [], \"vague\":");
  expect_rule(*state, "numbers.json", "duplicate top-level field",
              "\"vague\"");
}

static void test_numbers_wrong_type(void **state)
{
  edit(*state, "numbers.json", "\"twelve\": 12", "\"twelve\": \"12\"");
  expect_rule(*state, "numbers.json", "\"units\"[\"twelve\"]",
              "expected a number");
}

static void test_numbers_negative_value(void **state)
{
  edit(*state, "numbers.json", "\"twelve\": 12", "\"twelve\": -12");
  expect_rule(*state, "numbers.json", "\"units\"[\"twelve\"]", ">= 0");
}

static void test_numbers_duplicate_key(void **state)
{
  /* keys compare in lower case: "Twelve" is "twelve" again */
  edit(*state, "numbers.json", "\"twelve\": 12",
       "\"twelve\": 12, \"Twelve\": 21");
  expect_rule(*state, "numbers.json", "\"units\"[\"Twelve\"]",
              "listed twice");
}

static void test_numbers_duplicate_list_word(void **state)
{
  edit(*state, "numbers.json", "\"vague\": [", "\"vague\": [\"umpteen\", "
       "\"umpteen\", ");
  expect_rule(*state, "numbers.json", "\"vague\"[1]", "\"umpteen\"");
}

static void test_numbers_conflicting_value(void **state)
{
  /* a number word and a multiplier share one value */
  edit(*state, "numbers.json", "\"twelve\": 12",
       "\"twelve\": 12, \"gross\": 100");
  edit(*state, "numbers.json", "\"multipliers\": {",
       "\"multipliers\": {\"gross\": 144, ");
  expect_rule(*state, "numbers.json", "\"multipliers\"[\"gross\"]",
              "another value");
}

static void test_numbers_list_item_type(void **state)
{
  edit(*state, "numbers.json", "\"negative\": [", "\"negative\": [7, ");
  expect_rule(*state, "numbers.json", "\"negative\"[0]", "expected a word");
}

/* ---- calendar.json ---- */

static void test_calendar_unknown_field(void **state)
{
  edit(*state, "calendar.json", "\"months\":", "\"seasons\": [], "
       "\"months\":");
  expect_rule(*state, "calendar.json", "unknown top-level field",
              "\"seasons\"");
}

static void test_calendar_month_range(void **state)
{
  edit(*state, "calendar.json", "\"months\": {", "\"months\": {\"undecimber\""
       ": 13, ");
  expect_rule(*state, "calendar.json", "\"months\"[\"undecimber\"]",
              "1 to 12");
}

static void test_calendar_weekday_type(void **state)
{
  edit(*state, "calendar.json", "\"weekdays\": {", "\"weekdays\": {\"funday\""
       ": 2.5, ");
  expect_rule(*state, "calendar.json", "\"weekdays\"[\"funday\"]",
              "weekday");
}

static void test_calendar_unit_shape(void **state)
{
  edit(*state, "calendar.json", "\"time_units\": {", "\"time_units\": {"
       "\"lustrum\": [\"Y\", 5, 1], ");
  expect_rule(*state, "calendar.json", "\"time_units\"[\"lustrum\"]",
              "expected");
}

static void test_calendar_duplicate(void **state)
{
  edit(*state, "calendar.json", "\"day_parts\": [", "\"day_parts\": "
       "[\"dusk\", \"Dusk\", ");
  expect_rule(*state, "calendar.json", "\"day_parts\"[1]", "listed twice");
}

/* ---- currencies.json ---- */

static void test_currencies_unknown_field(void **state)
{
  edit(*state, "currencies.json", "\"codes\":", "\"rates\": {}, "
       "\"codes\":");
  expect_rule(*state, "currencies.json", "unknown top-level field",
              "\"rates\"");
}

static void test_currencies_wrong_code(void **state)
{
  edit(*state, "currencies.json", "\"names\": {", "\"names\": {\"florin\": "
       "\"awg\", ");
  expect_rule(*state, "currencies.json", "\"names\"[\"florin\"]", "CODE");
}

static void test_currencies_wrong_multiplier(void **state)
{
  edit(*state, "currencies.json", "\"names\": {", "\"names\": {\"stiver\": "
       "[\"NLG\", \"0.05\"], ");
  expect_rule(*state, "currencies.json", "\"names\"[\"stiver\"]", "number");
}

static void test_currencies_duplicate_name(void **state)
{
  edit(*state, "currencies.json", "\"names\": {", "\"names\": {\"florin\": "
       "\"AWG\", \"florin\": \"HUF\", ");
  expect_rule(*state, "currencies.json", "\"names\"[\"florin\"]",
              "listed twice");
}

static void test_currencies_duplicate_code(void **state)
{
  edit(*state, "currencies.json", "\"codes\": [", "\"codes\": [\"XAU\", "
       "\"XAU\", ");
  expect_rule(*state, "currencies.json", "\"codes\"[1]", "\"XAU\"");
}

static void test_currencies_conflict(void **state)
{
  /* "florin" a name of one currency and a code name of another */
  edit(*state, "currencies.json", "\"names\": {", "\"names\": {\"florin\": "
       "\"AWG\", ");
  edit(*state, "currencies.json", "\"code_names\": {", "\"code_names\": {"
       "\"florin\": \"HUF\", ");
  expect_rule(*state, "currencies.json", "\"code_names\"[\"florin\"]",
              "another currency");
}

/* ---- approx.json ---- */

static void test_approx_unknown_field(void **state)
{
  edit(*state, "approx.json", "\"approx\":", "\"hedges\": {}, \"approx\":");
  expect_rule(*state, "approx.json", "unknown top-level field",
              "\"hedges\"");
}

static void test_approx_wrong_value(void **state)
{
  edit(*state, "approx.json", "\"approx\": {", "\"approx\": {\"give or "
       "take\": \"roughly\", ");
  expect_rule(*state, "approx.json", "\"approx\"[\"give or take\"]",
              "unknown approximation");
}

static void test_approx_wrong_type(void **state)
{
  edit(*state, "approx.json", "\"approx\": {", "\"approx\": {\"give or "
       "take\": 1, ");
  expect_rule(*state, "approx.json", "\"approx\"[\"give or take\"]",
              "expected a string");
}

static void test_approx_duplicate(void **state)
{
  /* blanks collapse: "give  or take" is "give or take" again */
  edit(*state, "approx.json", "\"approx\": {", "\"approx\": {\"give or "
       "take\": \"about\", \"give  or take\": \"at_most\", ");
  expect_rule(*state, "approx.json", "\"approx\"[\"give  or take\"]",
              "listed twice");
}

/* ---- countries.json ---- */

static void test_countries_unknown_field(void **state)
{
  edit(*state, "countries.json", "\"blocked\":", "\"regions\": [], "
       "\"blocked\":");
  expect_rule(*state, "countries.json",
              "unknown top-level field \"regions\"", NULL);
}

static void test_countries_unknown_entry_field(void **state)
{
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\", \"demonymz\": [\"Freedonian\"]},");
  expect_rule(*state, "countries.json", "countries[0].demonymz",
              "unknown field");
}

static void test_countries_wrong_type(void **state)
{
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\", \"the\": \"yes\"},");
  expect_rule(*state, "countries.json", "countries[0].the",
              "true or false");
}

static void test_countries_alias_type(void **state)
{
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\", \"aliases\": [{\"name\": \"F\"}]},");
  expect_rule(*state, "countries.json", "countries[0].aliases[0]",
              "expected a non-empty string");
}

static void test_countries_duplicate_name(void **state)
{
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\"}, {\"name\": \"Freedonia\"},");
  expect_rule(*state, "countries.json", "countries[1].name",
              "countries[0].name");
}

static void test_countries_alias_of_two(void **state)
{
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\", \"aliases\": [\"[the] Republic\"]},\n"
       "{\"name\": \"Sylvania\", \"aliases\": [\"the  republic\"]},");
  expect_rule(*state, "countries.json", "countries[1].aliases[0]",
              "listed twice");
}

static void test_countries_name_with_the(void **state)
{
  /* "the": true makes "the Freedonia" a name, which an alias repeats */
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\", \"the\": true, "
       "\"aliases\": [\"the Freedonia\"]},");
  expect_rule(*state, "countries.json", "countries[0].aliases[0]",
              "countries[0].name");
}

static void test_countries_entry_field_twice(void **state)
{
  edit(*state, "countries.json", "\"countries\": [", "\"countries\": [\n"
       "{\"name\": \"Freedonia\", \"name\": \"Sylvania\"},");
  expect_rule(*state, "countries.json", "countries[0].name",
              "given twice");
}

static void test_countries_blocked_twice(void **state)
{
  edit(*state, "countries.json", "\"blocked\": [", "\"blocked\": "
       "[\"Old Freedonia\", \"old freedonia\", ");
  expect_rule(*state, "countries.json", "blocked[1]", "blocked[0]");
}

/* ---- people.json ---- */

static void test_people_unknown_entry_field(void **state)
{
  edit(*state, "people.json", "\"people\": [", "\"people\": [\n"
       "{\"name\": \"Rufus T. Firefly\", \"variants\": [\"RTF\"], "
       "\"born\": 1933},");
  expect_rule(*state, "people.json", "people[0].born", "unknown field");
}

static void test_people_wrong_type(void **state)
{
  edit(*state, "people.json", "\"people\": [", "\"people\": [\n"
       "{\"name\": \"Rufus T. Firefly\", \"variants\": \"RTF\"},");
  expect_rule(*state, "people.json", "people[0].variants",
              "expected an array");
}

static void test_people_duplicate_variant(void **state)
{
  edit(*state, "people.json", "\"people\": [", "\"people\": [\n"
       "{\"name\": \"Rufus T. Firefly\", \"variants\": [\"RTF\"]},\n"
       "{\"name\": \"Rita T. Fields\", \"variants\": [\"RTF\"]},");
  expect_rule(*state, "people.json", "people[1].variants[0]",
              "people[0].variants[0]");
}

static void test_people_unknown_field(void **state)
{
  edit(*state, "people.json", "\"people\":", "\"persons\": [], "
       "\"people\":");
  expect_rule(*state, "people.json", "unknown top-level field",
              "\"persons\"");
}

/* ---- titles.json ---- */

static void test_titles_unknown_field(void **state)
{
  edit(*state, "titles.json", "\"modifiers\":", "\"ranks\": [], "
       "\"modifiers\":");
  expect_rule(*state, "titles.json", "unknown top-level field \"ranks\"",
              NULL);
}

static void test_titles_unknown_entry_field(void **state)
{
  edit(*state, "titles.json", "\"titles\": [", "\"titles\": [\n"
       "{\"title\": \"grand vizier\", \"az\": \"vizier\"},");
  expect_rule(*state, "titles.json", "titles[0].az", "unknown field");
}

static void test_titles_wrong_type(void **state)
{
  edit(*state, "titles.json", "\"titles\": [", "\"titles\": [\n"
       "{\"title\": \"grand vizier\", \"min_name\": \"2\"},");
  expect_rule(*state, "titles.json", "titles[0].min_name",
              "whole number");
}

static void test_titles_duplicate(void **state)
{
  edit(*state, "titles.json", "\"titles\": [", "\"titles\": [\n"
       "\"grand vizier\", {\"title\": \"Grand Vizier\", \"as\": \"vizier\"},");
  expect_rule(*state, "titles.json", "titles[1].title", "titles[0]");
}

static void test_titles_modifier_twice(void **state)
{
  edit(*state, "titles.json", "\"modifiers\": [", "\"modifiers\": "
       "[\"erstwhile\", \"erstwhile\", ");
  expect_rule(*state, "titles.json", "modifiers[1]", "listed twice");
}

/* ---- names.json ---- */

static void test_names_unknown_field(void **state)
{
  edit(*state, "names.json", "\"stop\":", "\"prefixes\": [], \"stop\":");
  expect_rule(*state, "names.json", "unknown top-level field \"prefixes\"",
              NULL);
}

static void test_names_wrong_type(void **state)
{
  edit(*state, "names.json", "\"stop\": [", "\"stop\": [\"Thereupon\", 5, ");
  expect_rule(*state, "names.json", "stop[1]", "expected a non-empty string");
}

static void test_names_in_two_lists(void **state)
{
  edit(*state, "names.json", "\"suffixes\": [", "\"suffixes\": [\"Esq.\", ");
  edit(*state, "names.json", "\"stop\": [", "\"stop\": [\"Esq.\", ");
  expect_rule(*state, "names.json", "stop[0]", "suffixes[0]");
}

/* ---- abbreviations.json ---- */

static void test_abbrevs_unknown_field(void **state)
{
  edit(*state, "abbreviations.json", "\"titles\":", "\"acronyms\": [], "
       "\"titles\":");
  expect_rule(*state, "abbreviations.json",
              "unknown top-level field \"acronyms\"", NULL);
}

static void test_abbrevs_field_twice(void **state)
{
  edit(*state, "abbreviations.json", "\"titles\":", "\"months\": [], "
       "\"titles\":");
  expect_rule(*state, "abbreviations.json", "duplicate top-level field",
              "\"months\"");
}

static void test_abbrevs_wrong_type(void **state)
{
  edit(*state, "abbreviations.json", "\"may_end\": [", "\"may_end\": "
       "[{\"word\": \"Pty.\"}, ");
  expect_rule(*state, "abbreviations.json", "\"may_end\"", "item 0");
}

static void test_abbrevs_duplicate(void **state)
{
  edit(*state, "abbreviations.json", "\"never_end\": [", "\"never_end\": "
       "[\"ibid.\", ");
  edit(*state, "abbreviations.json", "\"may_end\": [", "\"may_end\": "
       "[\"ibid.\", ");
  expect_rule(*state, "abbreviations.json", "\"may_end\", item 0",
              "listed twice");
}

static void test_abbrevs_comment_type(void **state)
{
  edit(*state, "abbreviations.json", "\"titles\":", "\"comment\": 5, "
       "\"titles\":");
  expect_rule(*state, "abbreviations.json", "comment", NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_real_folder_loads),
    T(test_copy_loads),
    T(test_numbers_unknown_field),
    T(test_numbers_field_twice),
    T(test_numbers_wrong_type),
    T(test_numbers_negative_value),
    T(test_numbers_duplicate_key),
    T(test_numbers_duplicate_list_word),
    T(test_numbers_conflicting_value),
    T(test_numbers_list_item_type),
    T(test_calendar_unknown_field),
    T(test_calendar_month_range),
    T(test_calendar_weekday_type),
    T(test_calendar_unit_shape),
    T(test_calendar_duplicate),
    T(test_currencies_unknown_field),
    T(test_currencies_wrong_code),
    T(test_currencies_wrong_multiplier),
    T(test_currencies_duplicate_name),
    T(test_currencies_duplicate_code),
    T(test_currencies_conflict),
    T(test_approx_unknown_field),
    T(test_approx_wrong_value),
    T(test_approx_wrong_type),
    T(test_approx_duplicate),
    T(test_countries_unknown_field),
    T(test_countries_unknown_entry_field),
    T(test_countries_wrong_type),
    T(test_countries_alias_type),
    T(test_countries_duplicate_name),
    T(test_countries_alias_of_two),
    T(test_countries_name_with_the),
    T(test_countries_entry_field_twice),
    T(test_countries_blocked_twice),
    T(test_people_unknown_entry_field),
    T(test_people_wrong_type),
    T(test_people_duplicate_variant),
    T(test_people_unknown_field),
    T(test_titles_unknown_field),
    T(test_titles_unknown_entry_field),
    T(test_titles_wrong_type),
    T(test_titles_duplicate),
    T(test_titles_modifier_twice),
    T(test_names_unknown_field),
    T(test_names_wrong_type),
    T(test_names_in_two_lists),
    T(test_abbrevs_unknown_field),
    T(test_abbrevs_field_twice),
    T(test_abbrevs_wrong_type),
    T(test_abbrevs_duplicate),
    T(test_abbrevs_comment_type),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
