/* test_dates.c: the value recognizer on dates, absolute and relative to
 * the publication day (src/dates.c). */
#include "testutil.h"

#include "mentions_int.h"

static struct nc_numlex *lx;
static struct nc_mentions ms;
static const char *cur_text;

static int setup(void **state)
{
  struct nc_error err;
  (void)state;
  return nc_numlex_load(TEST_DATADIR "/lexicon", &lx, &err) == NC_OK ? 0
                                                                     : -1;
}

static int teardown(void **state)
{
  (void)state;
  nc_mentions_free(&ms);
  nc_numlex_free(lx);
  return 0;
}

/* Run on `text` with reference day `ref` ("YYYY-MM-DD", or NULL). */
static size_t run(const char *text, const char *ref)
{
  struct nc_mention_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  if (ref) {
    assert_true(nc_date_parse(ref, &ctx.ref));
    ctx.has_ref = true;
  }
  nc_mentions_clear(&ms);
  cur_text = text;
  nc_values_find(lx, text, strlen(text), &ctx, &ms);
  return ms.n;
}

static const struct nc_mention *get(const char *span)
{
  size_t i, n = strlen(span);
  for (i = 0; i < ms.n; i++) {
    const struct nc_mention *m = &ms.items[i];
    if (m->end - m->start == n && memcmp(cur_text + m->start, span, n) == 0)
      return m;
  }
  fail_msg("no mention \"%s\" in \"%s\"", span, cur_text);
  return NULL;
}

/* The date mention `span` of `text` read on `ref` prints as `want`. */
static const struct nc_mention *check(const char *text, const char *ref,
                                      const char *span, const char *want)
{
  const struct nc_mention *m;
  char buf[16];
  run(text, ref);
  m = get(span);
  assert_int_equal(m->type, NC_M_DATE);
  nc_mention_date_str(m, buf, sizeof buf);
  if (strcmp(buf, want) != 0)
    fail_msg("\"%s\" in \"%s\" (ref %s): %s, want %s", span, text,
             ref ? ref : "none", buf, want);
  return m;
}

static void test_month_day(void **state)
{
  const struct nc_mention *m;
  (void)state;
  m = check("The prince will visit on Nov. 18.", "2025-11-06", "Nov. 18",
            "2025-11-18");
  assert_int_equal(m->prec, NC_PREC_DAY);
  check("The vote is set for November 18.", "2025-11-06", "November 18",
        "2025-11-18");
  check("The vote was held Dec. 30.", "2026-01-03", "Dec. 30",
        "2025-12-30");
  check("The talks start Jan. 2.", "2025-12-20", "Jan. 2", "2026-01-02");
  check("Talks resume 3rd of March.", "2025-02-20", "3rd of March",
        "2025-03-03");
}

static void test_full_dates(void **state)
{
  const struct nc_mention *m;
  (void)state;
  m = check("It opened 18 November 2025.", NULL, "18 November 2025",
            "2025-11-18");
  assert_false(m->relative);
  check("The raid of Oct. 7, 2023 shocked the region.", NULL,
        "Oct. 7, 2023", "2023-10-07");
  check("The ceasefire began on March 3, 2024, after a year.", NULL,
        "March 3, 2024", "2024-03-03");
  check("The log says 2025-11-18.", NULL, "2025-11-18", "2025-11-18");
  check("The form is dated 11/18/2025.", NULL, "11/18/2025", "2025-11-18");
  check("The form is dated 21/04/2016.", NULL, "21/04/2016", "2016-04-21");
  check("Tuesday, Nov. 18, 2025 was cold.", NULL, "Tuesday, Nov. 18, 2025",
        "2025-11-18");
}

static void test_month_year(void **state)
{
  const struct nc_mention *m;
  (void)state;
  m = check("The plant closed in May 2025.", NULL, "May 2025", "2025-05");
  assert_int_equal(m->prec, NC_PREC_MONTH);
  check("in September of 2019", NULL, "September of 2019", "2019-09");
}

static void test_years(void **state)
{
  const struct nc_mention *m;
  (void)state;
  m = check("Ties were set up in 1992.", NULL, "1992", "1992");
  assert_int_equal(m->prec, NC_PREC_YEAR);
  check("Allies since 1992, they meet yearly.", NULL, "1992", "1992");
  check("Emissions must fall by 2030.", NULL, "2030", "2030");
  check("the floods of 2020", NULL, "2020", "2020");
  check("It opened on June 1, 1992, in Paris.", NULL, "June 1, 1992",
        "1992-06-01");
  run("The army sent 2000 troops and 1992 rifles.", NULL);
  assert_int_equal(ms.n, 2);
  assert_int_equal(ms.items[0].type, NC_M_NUMBER);
  assert_int_equal(ms.items[1].type, NC_M_NUMBER);
  run("a total of 2000 soldiers", NULL);
  assert_int_equal(ms.items[0].type, NC_M_NUMBER);
}

static void test_decades(void **state)
{
  const struct nc_mention *m;
  (void)state;
  m = check("Prices peaked in the 1990s.", NULL, "1990s", "1990");
  assert_int_equal(m->prec, NC_PREC_DECADE);
  m = check("It began in the mid-1980s.", NULL, "mid-1980s", "1980");
  assert_int_equal(m->approx, NC_APPROX_ABOUT);
}

static void test_month_alone(void **state)
{
  const struct nc_mention *m;
  (void)state;
  m = check("The law passed in May.", "2025-11-06", "May", "2025-05");
  assert_true(m->relative);
  assert_int_equal(m->prec, NC_PREC_MONTH);
  check("The law will take effect in May.", "2025-11-06", "May",
        "2026-05");
  check("The board met in December.", "2025-11-06", "December", "2024-12");
  run("You may go now.", "2025-11-06");
  assert_int_equal(ms.n, 0);
  check("Sales slumped last March.", "2025-11-06", "last March",
        "2025-03");
}

static void test_weekdays(void **state)
{
  const struct nc_mention *m;
  (void)state;
  /* 2025-11-06 is a Thursday */
  m = check("She will testify on Tuesday.", "2025-11-06", "Tuesday",
            "2025-11-11");
  assert_true(m->relative);
  assert_int_equal(m->tolerance_days, 0);
  check("She testified on Tuesday.", "2025-11-06", "Tuesday", "2025-11-04");
  check("The deal was announced Thursday.", "2025-11-06", "Thursday",
        "2025-11-06");
  check("The board is expected to vote Friday.", "2025-11-06", "Friday",
        "2025-11-07");
  check("He spoke Thursday night.", "2025-11-06", "Thursday night",
        "2025-11-06");
  check("A deal came later on Monday.", "2025-11-06", "Monday",
        "2025-11-03");
  check("Monday's vote surprised many.", "2025-11-06", "Monday",
        "2025-11-03");
  check("Monday's vote will decide it.", "2025-11-06", "Monday",
        "2025-11-10");
  check("The market falls when the minister visits on Sunday.",
        "2025-11-06", "Sunday", "2025-11-09");
  check("They met last Friday.", "2025-11-06", "last Friday",
        "2025-10-31");
  check("They meet next Friday.", "2025-11-06", "next Friday",
        "2025-11-07");
}

static void test_relative_words(void **state)
{
  const struct nc_mention *m;
  (void)state;
  check("The strike ends today.", "2025-11-06", "today", "2025-11-06");
  check("The strike ended yesterday.", "2025-11-06", "yesterday",
        "2025-11-05");
  check("The strike ends tomorrow.", "2025-11-06", "tomorrow",
        "2025-11-07");
  check("The show airs tonight.", "2025-11-06", "tonight", "2025-11-06");
  m = check("A deal is due in two weeks.", "2025-11-06", "in two weeks",
            "2025-11-20");
  assert_int_equal(m->tolerance_days, 3);
  check("The probe will end in 10 days.", "2025-11-06", "in 10 days",
        "2025-11-16");
  m = check("Talks resume next week.", "2025-11-06", "next week",
            "2025-11-13");
  assert_int_equal(m->tolerance_days, 3);
  m = check("Prices rose last month.", "2025-11-06", "last month",
            "2025-10");
  assert_int_equal(m->tolerance_days, 7);
  check("Prices will rise next month.", "2025-11-06", "next month",
        "2025-12");
  m = check("The firm collapsed two years ago.", "2025-11-06",
            "two years ago", "2023");
  assert_int_equal(m->prec, NC_PREC_YEAR);
  assert_int_equal(m->tolerance_days, 90);
  check("The plan was floated earlier this year.", "2025-11-06",
        "earlier this year", "2025");
  check("He retired last year.", "2025-11-06", "last year", "2024");
  check("Inflation cooled this week.", "2025-11-06", "this week",
        "2025-11-06");
}

static void test_no_reference(void **state)
{
  (void)state;
  run("He will testify on Tuesday, tomorrow and next week.", NULL);
  assert_int_equal(ms.n, 0);
  run("The firm collapsed two years ago.", NULL);
  assert_int_equal(ms.n, 0);
}

static void test_in_years_is_duration_in_past(void **state)
{
  (void)state;
  run("It was the worst drought in 20 years.", "2025-11-06");
  assert_int_equal(get("20 years")->type, NC_M_DURATION);
}

/* True when some date mention of the last run spans `span`. */
static bool has_date(const char *span)
{
  size_t i, n = strlen(span);
  for (i = 0; i < ms.n; i++) {
    if (ms.items[i].type == NC_M_DATE &&
        ms.items[i].end - ms.items[i].start == n &&
        memcmp(cur_text + ms.items[i].start, span, n) == 0)
      return true;
  }
  return false;
}

static bool any_date(void)
{
  size_t i;
  for (i = 0; i < ms.n; i++) {
    if (ms.items[i].type == NC_M_DATE)
      return true;
  }
  return false;
}

static void test_day_of_month_alone(void **state)
{
  (void)state;
  check("The court met on the 27th.", "2025-11-06", "the 27th",
        "2025-10-27");
  check("The court will meet on the 27th.", "2025-11-06", "the 27th",
        "2025-11-27");
  check("Ballots were counted on the second.", "2025-11-06", "the second",
        "2025-11-02");
  check("It will open on 22nd.", "2025-11-06", "22nd", "2025-11-22");
  run("He was among the 27.", "2025-11-06");
  assert_false(any_date());
  run("Kazakhstan became the sixth country to join.", "2025-11-06");
  assert_false(any_date());
}

static void test_ordinal_words(void **state)
{
  (void)state;
  check("Polls close the fourth of December.", "2025-11-06",
        "the fourth of December", "2025-12-04");
  check("Talks end twenty-second of June 2027.", "2025-11-06",
        "twenty-second of June 2027", "2027-06-22");
  check("Polls open Jan first.", "2025-11-06", "Jan first", "2026-01-01");
  check("The charter dates from September 10, nineteen zero one.", NULL,
        "September 10, nineteen zero one", "1901-09-10");
  check("The deadline is 20th of next month.", "2025-11-06",
        "20th of next month", "2025-12-20");
  run("In June first lady visits began.", "2025-11-06");
  assert_false(has_date("June first"));
}

static void test_day_offsets(void **state)
{
  const struct nc_mention *m;
  (void)state;
  check("The ruling came the day before yesterday.", "2025-11-06",
        "the day before yesterday", "2025-11-04");
  check("Voting ends the day after tomorrow.", "2025-11-06",
        "the day after tomorrow", "2025-11-08");
  check("Ministers will meet the next day.", "2025-11-06", "the next day",
        "2025-11-07");
  run("She arrived the next day.", "2025-11-06");
  assert_false(any_date());
  m = check("The firm was founded 2 years 1 month 3 days ago.",
            "2025-11-06", "2 years 1 month 3 days ago", "2023-10-03");
  assert_int_equal(m->prec, NC_PREC_DAY);
  check("Results come three weeks from tomorrow.", "2025-11-06",
        "three weeks from tomorrow", "2025-11-28");
  check("The audit began four days before yesterday.", "2025-11-06",
        "four days before yesterday", "2025-11-01");
  m = check("Prices rose a month ago.", "2025-11-06", "a month ago",
            "2025-10-06");
  assert_int_equal(m->prec, NC_PREC_DAY);
}

static void test_weekday_forms(void **state)
{
  (void)state;
  check("The summit opens Friday the 14th.", "2025-11-06",
        "Friday the 14th", "2025-11-14");
  check("The vote is Wed, 12 of Nov.", "2025-11-06", "Wed, 12 of Nov",
        "2025-11-12");
  check("Envoys meet next week Tuesday.", "2025-11-06",
        "next week Tuesday", "2025-11-11");
  check("Envoys meet Tuesday of next week.", "2025-11-06",
        "Tuesday of next week", "2025-11-11");
  check("Markets reopen the second Monday of next month.", "2025-11-06",
        "the second Monday of next month", "2025-12-08");
  check("Tickets went on sale first Sunday.", "2025-11-06",
        "first Sunday", "2025-11-02");
  check("The fair ran on tues.", "2025-11-06", "tues", "2025-11-04");
  check("The talks are this Friday November 21.", "2025-11-06",
        "this Friday November 21", "2025-11-21");
  /* a weekday that does not fit the day stays apart */
  check("The talks are this Friday November 20.", "2025-11-06",
        "November 20", "2025-11-20");
  check("The talks are this Friday November 20.", "2025-11-06",
        "this Friday", "2025-11-07");
}

static void test_numeric_forms(void **state)
{
  (void)state;
  check("The book came out 2019-sep-1.", NULL, "2019-sep-1", "2019-09-01");
  check("Forms dated 25/03 were void.", "2025-11-06", "25/03",
        "2026-03-25");
  check("It shipped Friday 2025-7-4 at noon.", NULL, "Friday 2025-7-4",
        "2025-07-04");
}

/* Every day 2000-01-01 .. 2030-12-31 in every full format reads back. */
/* A day in words after a month: an ordinal, or a cardinal that ends the
 * phrase or meets "with"; lower-case "may" or "jan" at a sentence end. */
static void test_month_day_words(void **state)
{
  (void)state;
  check("The summit opens on June twenty two with a dinner.", "2025-03-10",
        "June twenty two", "2025-06-22");
  check("The ceasefire was signed on Oct. twenty-eight.", "2025-11-06",
        "Oct. twenty-eight", "2025-10-28");
  check("the new tariffs take effect jan first.", "2025-12-20",
        "jan first", "2026-01-01");
  check("polls close may twenty one", "2025-05-02", "may twenty one",
        "2025-05-21");
  run("In June two ministers resigned.", "2025-11-06");
  assert_false(has_date("June two"));
  run("Officials may first, however, consult the court.", "2025-11-06");
  assert_false(any_date());
}

/* "two Sundays from now", "three Fridays ago", "two Mondays later"
 * outside the past tense. */
static void test_weekday_counts(void **state)
{
  (void)state;
  check("The runoff is two Sundays from now.", "2025-03-10",
        "two Sundays from now", "2025-03-23");
  check("The panel first met three Fridays ago.", "2025-03-10",
        "three Fridays ago", "2025-02-21");
  check("Voters will return two Monday later.", "2025-03-10",
        "two Monday later", "2025-03-24");
  run("Two Mondays later, the minister resigned.", "2025-03-10");
  assert_false(any_date());
  run("The shop opens on Sundays.", "2025-03-10");
  assert_false(any_date());
}

/* Business days skip Saturdays and Sundays. */
static void test_business_days(void **state)
{
  (void)state;
  check("The bank will reply in three business days.", "2025-03-07",
        "in three business days", "2025-03-12");
  check("The rules took effect five working days ago.", "2025-03-10",
        "five working days ago", "2025-03-03");
  run("The bank replied in three business days.", "2025-03-07");
  assert_false(any_date());
}

/* "N days later" counts from the reference day outside the past tense
 * only: in a past story it counts from the event. */
static void test_later(void **state)
{
  (void)state;
  check("The envoy arrives on Monday and will leave two days later.",
        "2025-03-10", "two days later", "2025-03-12");
  check("The plant will reopen 1 year 2 days later.", "2025-03-10",
        "1 year 2 days later", "2026-03-12");
  run("Two days later, police arrested a suspect.", "2025-03-10");
  assert_false(any_date());
}

/* After "on", a number that ends the sentence is a day ("on 15.",
 * "on 4.22", "on 6-14."); inside a sentence it is a count. */
static void test_on_number_at_end(void **state)
{
  (void)state;
  check("The runoff will be held on 15.", "2025-03-10", "15",
        "2025-03-15");
  check("The jury retired on 3.", "2025-03-10", "3", "2025-03-03");
  check("The two leaders meet on 4.22.", "2025-03-10", "4.22",
        "2025-04-22");
  check("The final is on 6-14.", "2025-03-10", "6-14", "2025-06-14");
  run("Lawmakers voted on 15 bills.", "2025-03-10");
  assert_false(any_date());
  run("They agreed on 15, not 20.", "2025-03-10");
  assert_false(any_date());
  run("Shares closed at 4.22.", "2025-03-10");
  assert_false(any_date());
}

/* "Friday 3.14": month and day as a decimal after a weekday it fits. */
static void test_weekday_decimal(void **state)
{
  (void)state;
  check("Talks resume Friday 3.14 with both delegations.", "2025-03-10",
        "Friday 3.14", "2025-03-14");
  run("On Friday 7.6 million viewers watched.", "2025-03-10");
  assert_false(has_date("Friday 7.6"));
  run("Talks resume Friday 3.15 with both delegations.", "2025-03-10");
  assert_false(has_date("Friday 3.15"));
}

/* A participle after "be" is passive, not past: "will be held on
 * Friday" looks ahead. */
static void test_passive_not_past(void **state)
{
  (void)state;
  check("The vote will be held on Friday.", "2025-03-10", "Friday",
        "2025-03-14");
  check("The vote was held on Friday.", "2025-03-10", "Friday",
        "2025-03-07");
}

static void test_every_day(void **state)
{
  static const char *const names[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  static const char *const abbr[] = {"Jan.", "Feb.", "March", "April",
                                     "May",  "June", "July",  "Aug.",
                                     "Sept.", "Oct.", "Nov.", "Dec."};
  long day, first = nc_days_from_civil((struct nc_date){2000, 1, 1});
  long last = nc_days_from_civil((struct nc_date){2030, 12, 31});
  (void)state;
  for (day = first; day <= last; day++) {
    struct nc_date d = nc_civil_from_days(day);
    char text[7][64], want[16], got[16];
    int f;
    snprintf(text[0], 64, "on %s %d, %d", names[d.m - 1], d.d, d.y);
    snprintf(text[1], 64, "on %s %d, %d", abbr[d.m - 1], d.d, d.y);
    snprintf(text[2], 64, "on %d %s %d", d.d, names[d.m - 1], d.y);
    snprintf(text[3], 64, "on %04d-%02d-%02d", d.y, d.m, d.d);
    snprintf(text[4], 64, "on %d/%d/%d", d.m, d.d, d.y);
    snprintf(text[5], 64, "on %s %d", names[d.m - 1], d.d);
    snprintf(text[6], 64, "on %s %d", abbr[d.m - 1], d.d);
    nc_date_format(d, want, sizeof want);
    for (f = 0; f < 7; f++) {
      /* formats without a year: the reference day is the day itself */
      run(text[f], f >= 5 ? want : NULL);
      if (ms.n != 1 || ms.items[0].type != NC_M_DATE)
        fail_msg("\"%s\": %zu mentions", text[f], ms.n);
      nc_mention_date_str(&ms.items[0], got, sizeof got);
      if (strcmp(got, want) != 0 || ms.items[0].start != 3 ||
          ms.items[0].end != strlen(text[f]))
        fail_msg("\"%s\": %s, want %s", text[f], got, want);
    }
  }
}

/* The forms a number begins, each tried only when what it needs is
 * there: a day "on" before it at the end, a day before its month, a
 * year after "in", a decade, a day as an ordinal, a month and day with a
 * slash; a decimal or a number with separators is none of them. */
static void test_number_forms(void **state)
{
  size_t k;
  (void)state;
  check("The vote will be held on 15.", "2025-11-06", "15", "2025-11-15");
  check("He was born 18 November 2025 and moved in 1992.", "2025-11-06",
        "18 November 2025", "2025-11-18");
  check("He was born 18 November 2025 and moved in 1992.", "2025-11-06",
        "1992", "1992");
  check("It began in the 1990s.", "2025-11-06", "1990s", "1990");
  check("They met on the 22nd of May.", "2025-11-06", "the 22nd of May",
        "2025-05-22");
  check("They meet on 4/22.", "2025-11-06", "4/22", "2026-04-22");
  run("They voted on 1.5 million ballots and 2,025 more in 1,992 towns",
      "2025-11-06");
  for (k = 0; k < ms.n; k++)
    assert_int_not_equal(ms.items[k].type, NC_M_DATE);
}

/* The tense around a weekday: "won't" and "'ll" point ahead, an "-ed"
 * verb back, words that are neither are passed. */
static void test_tense_markers(void **state)
{
  (void)state;
  check("They won't meet until Friday.", "2025-11-06", "Friday", "2025-11-07");
  check("They'll meet on Monday.", "2025-11-06", "Monday", "2025-11-10");
  check("He returned on Monday after he finished the work.", "2025-11-06",
        "Monday", "2025-11-03");
  check("On Monday the big old red house of the family opens.", "2025-11-06",
        "Monday", "2025-11-10");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_month_day),
      cmocka_unit_test(test_full_dates),
      cmocka_unit_test(test_month_year),
      cmocka_unit_test(test_years),
      cmocka_unit_test(test_decades),
      cmocka_unit_test(test_month_alone),
      cmocka_unit_test(test_weekdays),
      cmocka_unit_test(test_relative_words),
      cmocka_unit_test(test_no_reference),
      cmocka_unit_test(test_in_years_is_duration_in_past),
      cmocka_unit_test(test_day_of_month_alone),
      cmocka_unit_test(test_ordinal_words),
      cmocka_unit_test(test_day_offsets),
      cmocka_unit_test(test_weekday_forms),
      cmocka_unit_test(test_numeric_forms),
      cmocka_unit_test(test_month_day_words),
      cmocka_unit_test(test_weekday_counts),
      cmocka_unit_test(test_business_days),
      cmocka_unit_test(test_later),
      cmocka_unit_test(test_on_number_at_end),
      cmocka_unit_test(test_weekday_decimal),
      cmocka_unit_test(test_passive_not_past),
      cmocka_unit_test(test_every_day),
      cmocka_unit_test(test_number_forms),
      cmocka_unit_test(test_tense_markers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
