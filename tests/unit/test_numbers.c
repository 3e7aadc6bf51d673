/* test_numbers.c: the value recognizer on numbers, ordinals, percents,
 * money, durations and vague quantities (src/numbers.c). */
#include "testutil.h"

#include <math.h>

#include "mentions_int.h"
#include "values_int.h"

static struct nc_numlex *lx;
static struct nc_mentions ms;

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

static const char *cur_text;

/* Run the recognizer on `text` (reference day 2025-11-06). */
static size_t run(const char *text)
{
  struct nc_mention_ctx ctx = {{2025, 11, 6}, true};
  nc_mentions_clear(&ms);
  cur_text = text;
  nc_values_find(lx, text, strlen(text), &ctx, &ms);
  return ms.n;
}

/* The mention whose text is `span`; fails the test when none. */
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

static void check(const char *text, const char *span,
                  enum nc_mention_type type, double value)
{
  const struct nc_mention *m;
  run(text);
  m = get(span);
  assert_int_equal(m->type, type);
  assert_true(fabs(m->value - value) <= 1e-9 * fabs(value) + 1e-9);
}

static bool has_span(const char *span)
{
  size_t i, n = strlen(span);
  for (i = 0; i < ms.n; i++) {
    if (ms.items[i].end - ms.items[i].start == n &&
        memcmp(cur_text + ms.items[i].start, span, n) == 0)
      return true;
  }
  return false;
}

static void test_digits(void **state)
{
  (void)state;
  check("Officials counted 1,234.5 tonnes.", "1,234.5", NC_M_NUMBER,
        1234.5);
  check("The river rose by 20 inches overnight.", "20", NC_M_NUMBER, 20);
  check("A margin of .5 was enough.", ".5", NC_M_NUMBER, 0.5);
  check("Temperatures fell to -3 at dawn.", "-3", NC_M_NUMBER, -3);
  check("It sold 12,000,000 copies.", "12,000,000", NC_M_NUMBER, 12e6);
}

static void test_words(void **state)
{
  (void)state;
  check("Three ministers resigned.", "Three", NC_M_NUMBER, 3);
  check("The club has twenty-one members.", "twenty-one", NC_M_NUMBER, 21);
  check("They built one hundred and five homes.", "one hundred and five",
        NC_M_NUMBER, 105);
  check("She ordered a dozen boxes.", "a dozen", NC_M_NUMBER, 12);
  check("He was one of five judges.", "one", NC_M_NUMBER, 1);
  check("two thousand four hundred and seven", 
        "two thousand four hundred and seven", NC_M_NUMBER, 2407);
  check("Nearly two-thirds of voters agreed.", "Nearly two-thirds",
        NC_M_NUMBER,
        2.0 / 3);
  check("It took two and a half hours.", "two and a half hours",
        NC_M_DURATION, 2.5);
}

static void test_scales(void **state)
{
  (void)state;
  check("The city has 20 million residents.", "20 million", NC_M_NUMBER,
        20e6);
  check("Debt reached 1.5 billion.", "1.5 billion", NC_M_NUMBER, 1.5e9);
  check("It lost 3bn last year.", "3bn", NC_M_NUMBER, 3e9);
  check("They hope to plant half a million trees.", "half a million",
        NC_M_NUMBER, 5e5);
  check("A million people marched.", "A million", NC_M_NUMBER, 1e6);
}

static void test_not_numbers(void **state)
{
  (void)state;
  run("Pour the 180.25ml sample and the 29km road.");
  assert_int_equal(ms.n, 0);
  run("The G7 met about COVID-19 and the F-35.");
  assert_int_equal(ms.n, 0);
  run("a chair and a table");
  assert_int_equal(ms.n, 0);
  run("The meeting starts at 10:30.");
  assert_int_equal(ms.n, 0);
}

static void test_dotted_run(void **state)
{
  (void)state;
  run("The host 192.168.1.2 answered.");
  assert_int_equal(ms.n, 4);
  assert_true(ms.items[0].value == 192 && ms.items[1].value == 168 &&
              ms.items[2].value == 1 && ms.items[3].value == 2);
}

static void test_ordinals(void **state)
{
  (void)state;
  check("It is the fifth such deal.", "fifth", NC_M_ORDINAL, 5);
  check("the twenty-first century", "twenty-first", NC_M_ORDINAL, 21);
  check("the 21st round", "21st", NC_M_ORDINAL, 21);
  check("the 6th attempt", "6th", NC_M_ORDINAL, 6);
  check("the 52nd state", "52nd", NC_M_ORDINAL, 52);
  check("the one hundred twenty-fifth day", "one hundred twenty-fifth",
        NC_M_ORDINAL, 125);
  check("Her second term began.", "second", NC_M_ORDINAL, 2);
}

static void test_second_as_time(void **state)
{
  (void)state;
  run("Wait a second, he said.");
  assert_int_equal(ms.n, 0);
  check("The blast lasted 30 seconds.", "30 seconds", NC_M_DURATION, 30);
  assert_int_equal(ms.items[0].unit, 's');
}

static void test_approx(void **state)
{
  (void)state;
  static const struct {
    const char *text, *span;
    enum nc_approx a;
  } c[] = {
      {"about 40 boats", "about 40", NC_APPROX_ABOUT},
      {"roughly 40 boats", "roughly 40", NC_APPROX_ABOUT},
      {"some 40 boats", "some 40", NC_APPROX_ABOUT},
      {"almost 40 boats", "almost 40", NC_APPROX_ABOUT},
      {"more than 40 boats", "more than 40", NC_APPROX_MORE_THAN},
      {"over 40 boats", "over 40", NC_APPROX_MORE_THAN},
      {"upwards of 40 boats", "upwards of 40", NC_APPROX_MORE_THAN},
      {"less than 40 boats", "less than 40", NC_APPROX_LESS_THAN},
      {"fewer than 40 boats", "fewer than 40", NC_APPROX_LESS_THAN},
      {"under 40 boats", "under 40", NC_APPROX_LESS_THAN},
      {"at least 40 boats", "at least 40", NC_APPROX_AT_LEAST},
      {"at most 40 boats", "at most 40", NC_APPROX_AT_MOST},
      {"up to 40 boats", "up to 40", NC_APPROX_AT_MOST},
      {"no more than 40 boats", "no more than 40", NC_APPROX_AT_MOST},
  };
  size_t i;
  for (i = 0; i < sizeof c / sizeof c[0]; i++) {
    run(c[i].text);
    assert_int_equal(get(c[i].span)->approx, c[i].a);
    assert_true(get(c[i].span)->value == 40);
  }
}

static void test_ranges(void **state)
{
  const struct nc_mention *m;
  (void)state;
  run("between 3,000 and 10,000 refugees");
  m = get("between 3,000 and 10,000");
  assert_int_equal(m->approx, NC_APPROX_RANGE);
  assert_true(m->value == 3000 && m->value2 == 10000);
  run("3-5 days");
  m = get("3-5 days");
  assert_int_equal(m->type, NC_M_DURATION);
  assert_true(m->value == 3 && m->value2 == 5);
  run("from 3 to 5 million viewers");
  m = get("3 to 5 million");
  assert_true(m->value == 3e6 && m->value2 == 5e6);
  run("The score was 3-2.");
  assert_int_equal(ms.n, 2);
}

static void test_percent(void **state)
{
  (void)state;
  check("up 25 percent", "25 percent", NC_M_PERCENT, 25);
  check("up 25% on the year", "25%", NC_M_PERCENT, 25);
  check("up 25 per cent", "25 per cent", NC_M_PERCENT, 25);
  check("up more than 12 percent", "more than 12 percent", NC_M_PERCENT,
        12);
  check("a rise of 1.5 percentage points", "1.5 percentage points",
        NC_M_PERCENT, 1.5);
}

static void test_money(void **state)
{
  const struct nc_mention *m;
  (void)state;
  run("The council approved a budget of $4.2 billion.");
  m = get("$4.2 billion");
  assert_int_equal(m->type, NC_M_MONEY);
  assert_true(m->value == 4.2e9);
  assert_string_equal(m->currency, "USD");
  run("a fine of \xe2\x82\xac" "3m");
  assert_string_equal(get("\xe2\x82\xac" "3m")->currency, "EUR");
  run("a ticket costs \xc2\xa3" "5");
  assert_string_equal(get("\xc2\xa3" "5")->currency, "GBP");
  run("a fund of USD 50 billion");
  assert_true(get("USD 50 billion")->value == 50e9);
  run("a deal worth 420 million Finnish markka");
  assert_string_equal(get("420 million Finnish markka")->currency, "FIM");
  run("it costs 34 cents");
  assert_true(fabs(get("34 cents")->value - 0.34) < 1e-12);
  run("a C$16 million grant and US$2 loans");
  assert_string_equal(get("C$16 million")->currency, "CAD");
  assert_string_equal(get("US$2")->currency, "USD");
  run("worth $600bn");
  assert_true(get("$600bn")->value == 600e9);
}

static void test_durations(void **state)
{
  const struct nc_mention *m;
  (void)state;
  check("He served for 33 years.", "33 years", NC_M_DURATION, 33);
  run("ties going back over three decades");
  m = get("over three decades");
  assert_true(m->value == 30 && m->unit == 'Y' &&
              m->approx == NC_APPROX_MORE_THAN);
  check("after two years of war", "two years", NC_M_DURATION, 2);
  check("a six months delay", "six months", NC_M_DURATION, 6);
  run("a 30-year-old driver and a man 45 years old");
  assert_int_equal(ms.n, 0);
  run("It happened two years ago.");
  assert_int_equal(get("two years ago")->type, NC_M_DATE);
}

static void test_vague(void **state)
{
  (void)state;
  run("Several aides, many donors, a few guards and numerous staff.");
  assert_int_equal(ms.n, 4);
  assert_int_equal(get("Several")->type, NC_M_VAGUE);
  assert_int_equal(get("a few")->type, NC_M_VAGUE);
  run("dozens of protesters");
  assert_int_equal(get("dozens of")->type, NC_M_VAGUE);
}

static void test_utf8(void **state)
{
  (void)state;
  check("Prices rose\xe2\x80\x94" "12 percent in a year.", "12 percent",
        NC_M_PERCENT, 12);
  check("It had 40\xc2\xa0" "percent support.", "40\xc2\xa0" "percent",
        NC_M_PERCENT, 40);
  check("\xe2\x80\x9cSeven\xe2\x80\x9d was the answer", "Seven",
        NC_M_NUMBER, 7);
  run("Caf\xc3\xa9" "5 opened");
  assert_false(has_span("5"));
}

/* English words for 0 <= n <= 1,000,000, "and" after hundreds. */
static void test_fractions(void **state)
{
  (void)state;
  check("Turnout reached two thirds of voters.", "two thirds",
        NC_M_NUMBER, 2.0 / 3);
  check("Barely a third agreed.", "a third", NC_M_NUMBER, 1.0 / 3);
  check("The lake holds five and a half million fish.",
        "five and a half million", NC_M_NUMBER, 5.5e6);
  check("Sales hit one billion and three quarters million units.",
        "one billion and three quarters million", NC_M_NUMBER, 1000750000);
  check("The city has 4 million and a half residents.",
        "4 million and a half", NC_M_NUMBER, 4.5e6);
  check("Half million bees died.", "Half million", NC_M_NUMBER,
        5e5);
  check("Each voter gets one twenty-fifth of a share.",
        "one twenty-fifth", NC_M_NUMBER, 0.04);
  check("A ratio of eleven fifths was cited.", "eleven fifths",
        NC_M_NUMBER, 2.2);
  /* a singular denominator after a count is an ordinal */
  check("He finished three hundredth in the race.", "three hundredth",
        NC_M_ORDINAL, 300);
}

static void test_point_and_digit_words(void **state)
{
  (void)state;
  check("Growth was three point two in the quarter.", "three point two",
        NC_M_NUMBER, 3.2);
  check("The score ended naught point five.", "naught point five",
        NC_M_NUMBER, 0.5);
  check("They hired 4 thousand 3 hundred and 21 staff.",
        "4 thousand 3 hundred and 21", NC_M_NUMBER, 4321);
  check("The town has 2 hundred and 3 hundred homes.", "2 hundred",
        NC_M_NUMBER, 200);
  check("Rebels numbered fifty - two in all.", "fifty - two", NC_M_NUMBER,
        52);
}

static void test_digit_forms(void **state)
{
  (void)state;
  check("The census counted 2 345 678 people.", "2 345 678", NC_M_NUMBER,
        2345678);
  check("The count was 12,34,567 in all.", "12,34,567",
        NC_M_NUMBER, 1234567);
  check("A dose of 2.5e3 units was given.", "2.5e3", NC_M_NUMBER, 2500);
  check("The rain measured 3 1/2 feet.", "3 1/2", NC_M_NUMBER, 3.5);
  check("Farmers lost ¾ of the wheat.", "¾", NC_M_NUMBER, 0.75);
  check("It lasted 2½ days.", "2½ days", NC_M_DURATION, 2.5);
  check("The index ended at 4.75 k points.", "4.75", NC_M_NUMBER, 4.75);
  check("They bought 7 dozen eggs.", "7 dozen", NC_M_NUMBER, 84);
  check("Donors gave 40 lakh to the fund.", "40 lakh", NC_M_NUMBER, 4e6);
}

static void test_pronoun_one(void **state)
{
  (void)state;
  run("Which one of the plans will pass?");
  assert_false(has_span("one"));
  run("This one was rejected too.");
  assert_false(has_span("one"));
  check("Only one member voted no.", "one", NC_M_NUMBER, 1);
}

static void test_web_address(void **state)
{
  (void)state;
  run("See https://example.org/a%20b%2Fc?q=50%25 for the rules.");
  assert_int_equal(ms.n, 0);
}

static void test_percent_of(void **state)
{
  (void)state;
  check("The levy is per cent of 12 on imports.", "per cent of 12",
        NC_M_PERCENT, 12);
}

static void test_money_forms(void **state)
{
  const struct nc_mention *m;
  (void)state;
  run("The firm lost 40 USD million last year.");
  m = get("40 USD million");
  assert_int_equal(m->type, NC_M_MONEY);
  assert_true(m->value == 40e6);
  assert_string_equal(m->currency, "USD");
  run("Revenue reached 12 MEUR in the spring.");
  m = get("12 MEUR");
  assert_true(m->value == 12e6);
  assert_string_equal(m->currency, "EUR");
  run("The fee is 80.5USD per head.");
  assert_string_equal(get("80.5USD")->currency, "USD");
  run("A ticket costs 30 ₡ at the gate.");
  assert_string_equal(get("30 ₡")->currency, "CRC");
  run("They paid rmb 70 for it.");
  assert_string_equal(get("rmb 70")->currency, "CNY");
  run("Traders quoted aud$ 15 a share.");
  assert_string_equal(get("aud$ 15")->currency, "AUD");
  check("The board set a 9-cent dividend.", "9-cent", NC_M_MONEY, 0.09);
  check("The toll is 4 dollars and 25.", "4 dollars and 25", NC_M_MONEY,
        4.25);
  check("A deal worth 8.1 billion pesetas closed.", "8.1 billion pesetas",
        NC_M_MONEY, 8.1e9);
}

/* More tokens than the scanner keeps on the stack. */
static void test_long_sentence(void **state)
{
  char text[8192];
  size_t len = 0, i;
  (void)state;
  for (i = 0; i < 600; i++)
    len += (size_t)snprintf(text + len, sizeof text - len, "%zu, ", i);
  snprintf(text + len, sizeof text - len, "and two thirds.");
  run(text);
  assert_int_equal(ms.n, 601);
  assert_true(ms.items[599].value == 599);
  assert_true(fabs(ms.items[600].value - 2.0 / 3) < 1e-12);
}

static void spell(long n, char *buf, size_t size)
{
  static const char *const units[] = {
      "zero",    "one",     "two",       "three",    "four",
      "five",    "six",     "seven",     "eight",    "nine",
      "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static const char *const tens[] = {"",      "",      "twenty", "thirty",
                                     "forty", "fifty", "sixty",  "seventy",
                                     "eighty", "ninety"};
  size_t len = 0;
  long parts[2];
  int p;

  buf[0] = '\0';
  if (n < 20 && n >= 0) {
    snprintf(buf, size, "%s", units[n]);
    return;
  }
  if (n == 1000000) {
    snprintf(buf, size, "one million");
    return;
  }
  parts[0] = n / 1000;
  parts[1] = n % 1000;
  for (p = 0; p < 2; p++) {
    long v = parts[p];
    if (v == 0)
      continue;
    if (len)
      len += (size_t)snprintf(buf + len, size - len, " ");
    if (v >= 100) {
      len += (size_t)snprintf(buf + len, size - len, "%s hundred",
                              units[v / 100]);
      v %= 100;
      if (v)
        len += (size_t)snprintf(buf + len, size - len, " and ");
    } else if (p == 1 && parts[0]) {
      len += (size_t)snprintf(buf + len, size - len, "and ");
    }
    if (v >= 20) {
      len += (size_t)snprintf(buf + len, size - len, "%s", tens[v / 10]);
      if (v % 10)
        len += (size_t)snprintf(buf + len, size - len, "-%s",
                                units[v % 10]);
    } else if (v > 0) {
      len += (size_t)snprintf(buf + len, size - len, "%s", units[v]);
    }
    if (p == 0)
      len += (size_t)snprintf(buf + len, size - len, " thousand");
  }
}

static void test_spelled_integers(void **state)
{
  char words[256];
  long n;
  (void)state;
  for (n = 0; n <= 1000000; n++) {
    spell(n, words, sizeof words);
    run(words);
    if (ms.n != 1 || ms.items[0].value != (double)n ||
        ms.items[0].start != 0 || ms.items[0].end != strlen(words) ||
        ms.items[0].type != NC_M_NUMBER)
      fail_msg("\"%s\" is not %ld (%zu mentions, first %g)", words, n,
               ms.n, ms.n ? ms.items[0].value : -1.0);
  }
}

static void test_digit_integers(void **state)
{
  char text[64];
  long n;
  (void)state;
  for (n = 0; n <= 1000000; n += 13) {
    snprintf(text, sizeof text, "There were %ld cases.", n);
    run(text);
    assert_int_equal(ms.n, 1);
    assert_true(ms.items[0].value == (double)n);
  }
}

/* "10^6", "2.5^-1": a caret raises to a power. */
static void test_powers(void **state)
{
  (void)state;
  check("The model ran 10^6 simulations.", "10^6", NC_M_NUMBER, 1e6);
  check("The ratio was 2.5^-1 at the end.", "2.5^-1", NC_M_NUMBER, 0.4);
  check("The ratio was 1.1^+2 at the end.", "1.1^+2", NC_M_NUMBER, 1.21);
}

/* A comma before exactly two digits is a decimal comma; thousands
 * separators take three, Indian grouping pairs then three. */
static void test_decimal_comma(void **state)
{
  (void)state;
  check("A coffee costs 3,50 euros in Rome.", "3,50 euros", NC_M_MONEY,
        3.5);
  check("The fee is 5,00 or more.", "5,00", NC_M_NUMBER, 5);
  check("The crowd reached 5,000 people.", "5,000", NC_M_NUMBER, 5000);
  check("The count was 1,00,000 in all.", "1,00,000", NC_M_NUMBER, 1e5);
  check("Turnout was 12,345,678 voters.", "12,345,678", NC_M_NUMBER,
        12345678);
}

/* Words the scan passes over quickly ("in", "a", "the", a dash) still
 * begin the values they begin. */
static void test_scan_shortcuts(void **state)
{
  (void)state;
  check("In excess of 30 residents came, in the end.", "In excess of 30",
        NC_M_NUMBER, 30);
  assert_int_equal(get("In excess of 30")->approx, NC_APPROX_MORE_THAN);
  run("It took a few hours.");
  assert_int_equal(get("a few")->type, NC_M_VAGUE);
  check("He paid with a $5 bill.", "$5", NC_M_MONEY, 5);
  check("The fee was A$ 5 in total.", "A$ 5", NC_M_MONEY, 5);
  assert_string_equal(get("A$ 5")->currency, "AUD");
  check("Later, an estimated 2,000 fans waited.", "an estimated 2,000",
        NC_M_NUMBER, 2000);
  run("The ferry left an hour ago");
  assert_int_equal(get("an hour ago")->type, NC_M_DATE);
  check("Frost reached -5 degrees.", "-5", NC_M_NUMBER, -5);
  check("The gap narrowed - 5 points.", "5", NC_M_NUMBER, 5);
  assert_false(has_span("- 5"));
}

/* The tokenizer's fast paths: accented and Cyrillic words, signs among
 * letters, web addresses, a text that ends inside a word, long digit
 * runs. */
/* Words read eight bytes at a time: keys of 8, 9 and more letters, in
 * any case, cut by the end of the text; keys with letters outside ASCII;
 * one-character keys outside ASCII beside ones that are no key. */
static void test_word_chunks(void **state)
{
  static const char cut[] = "They paid five hundredfold";
  struct nc_mention_ctx ctx = {{2025, 11, 6}, true};
  (void)state;
  check("EIGHTEEN thousand people came", "EIGHTEEN thousand", NC_M_NUMBER,
        18000);
  check("his seventieth birthday", "seventieth", NC_M_ORDINAL, 70);
  check("It was the SEVENTEENTH try", "SEVENTEENTH", NC_M_ORDINAL, 17);
  check("five hundred Thousandths", "five hundred Thousandths", NC_M_NUMBER,
        0.5);
  check("It cost 500 col\xc3\xb3n in all", "500 col\xc3\xb3n", NC_M_MONEY,
        500);
  assert_string_equal(get("500 col\xc3\xb3n")->currency, "CRC");
  check("They paid 30 \xe5\x85\x83 for it", "30 \xe5\x85\x83", NC_M_MONEY, 30);
  check("Fees: \xe2\x80\x9c\xe2\x82\xb9 100\xe2\x80\x9d in all",
        "\xe2\x82\xb9 100", NC_M_MONEY, 100);
  check("The firm\xe2\x80\x99s 12 stores", "12", NC_M_NUMBER, 12);
  /* the text ends inside a longer word: "hundred" is read to that end */
  nc_mentions_clear(&ms);
  cur_text = cut;
  nc_values_find(lx, cut, sizeof cut - 5, &ctx, &ms);
  assert_int_equal(get("five hundred")->type, NC_M_NUMBER);
  assert_non_null(nc_numlex_get(lx, "Thousand", 8));
  assert_non_null(nc_numlex_get(lx, "PER CENT", 8));
  assert_null(nc_numlex_get(lx, "thousands of", 12));
}

static void test_token_paths(void **state)
{
  (void)state;
  check("Le café coûta 12 euros.", "12 euros", NC_M_MONEY, 12);
  check("Москва потратила 5 million rubles", "5 million rubles",
        NC_M_MONEY, 5e6);
  check("The stand was 3×4 metres", "3", NC_M_NUMBER, 3);
  assert_true(has_span("4"));
  check("They counted forty two", "forty two", NC_M_NUMBER, 42);
  check("See http://example.org/a%2D5 or www.Example.org, 5 percent.",
        "5 percent", NC_M_PERCENT, 5);
  assert_int_equal(run("See HTTP://X.ORG/9%"), 0);
  check("The ledger held 1234567890123456789 rows.", "1234567890123456789",
        NC_M_NUMBER, 1234567890123456789.0);
  check("The debt was 123,456,789,012,345 dollars.",
        "123,456,789,012,345 dollars", NC_M_MONEY, 123456789012345.0);
}

/* What a rule asks of a word when it asks: its capital ("in May", not
 * "in may"), its case ("115.5USD", not "115.5usd"), the hash that
 * filters longer keys ("in excess of", "seventeen thousand dollars"),
 * none of it of a web address; words of eight and more letters, and
 * words cut by a quote or a letter outside ASCII. */
static void test_word_facts(void **state)
{
  (void)state;
  run("They met in May.");
  assert_int_equal(get("May")->type, NC_M_DATE);
  assert_int_equal(run("They met in may."), 0);
  check("Revenue was 115.5USD", "115.5USD", NC_M_MONEY, 115.5);
  run("Revenue was 115.5usd");
  assert_false(has_span("115.5usd"));
  check("It rose in excess of 30 points", "in excess of 30", NC_M_NUMBER, 30);
  check("It cost seventeen thousand dollars", "seventeen thousand dollars",
        NC_M_MONEY, 17000);
  check("Fees rose by five hundredths", "five hundredths", NC_M_NUMBER, 0.05);
  check("The firm\xe2\x80\x99s 12 stores and US$ 12", "US$ 12", NC_M_MONEY,
        12);
  check("us $ 13 and HK $ 14", "HK $ 14", NC_M_MONEY, 14);
  run("Thousands gathered");
  assert_int_equal(get("Thousands")->type, NC_M_VAGUE);
  check("r\xc3\xa9sum\xc3\xa9 fees of 5 col\xc3\xb3n", "5 col\xc3\xb3n",
        NC_M_MONEY, 5);
  assert_int_equal(run("See WWW.MAY.ORG or HTTP://MUSD.ORG/5"), 0);
}

/* Marks glued to words, read with the words around them: a full stop
 * in "U.S.", an apostrophe, a comma before a number, a hyphen between
 * number words, a web address after a mark and a space, a mark that
 * ends the text. */
static void test_word_marks(void **state)
{
  (void)state;
  check("U.S. troops numbered 5,000 in all.", "5,000", NC_M_NUMBER, 5000);
  check("It's the 3rd time, isn't it?", "3rd", NC_M_ORDINAL, 3);
  check("Prices rose 5%.", "5%", NC_M_PERCENT, 5);
  check("Crowd:5,000 people.", "5,000", NC_M_NUMBER, 5000);
  check("about twenty-five people came", "about twenty-five", NC_M_NUMBER, 25);
  check("See, http://x.org/5% and 7 percent.", "7 percent", NC_M_PERCENT, 7);
  assert_int_equal(ms.n, 1);
  check("a,b,c 5", "5", NC_M_NUMBER, 5);
  check("word- 5 and word -5 and x-5", "-5", NC_M_NUMBER, -5);
  assert_int_equal(ms.n, 2);
  assert_int_equal(run("They won."), 0);
  assert_int_equal(run("e.g."), 0);
}

/* Words of two-byte letters read four letters at a time, up to the end
 * of the text and up to a sign that is no letter ("\xc3\x97",
 * "\xc3\xb7"); runs of such words after one space. */
static void test_two_byte_words(void **state)
{
  static const char cut[] =
      "\xd0\xb0\xd0\xb1\xd0\xb2 5 \xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4";
  struct nc_mention_ctx ctx = {{2025, 11, 6}, true};
  (void)state;
  check("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 \xd0\xb8 "
        "\xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2 \xd0\xbf\xd0\xbe\xd1\x82\xd1\x80"
        "\xd0\xb0\xd1\x82\xd0\xb8\xd0\xbb\xd0\xb8 5 million rubles",
        "5 million rubles", NC_M_MONEY, 5e6);
  /* "Размер×3 метра и 4÷2 части" */
  check("\xd0\xa0\xd0\xb0\xd0\xb7\xd0\xbc\xd0\xb5\xd1\x80\xc3\x97"
        "3 \xd0\xbc\xd0\xb5\xd1\x82\xd1\x80\xd0\xb0 \xd0\xb8 4\xc3\xb7"
        "2 \xd1\x87\xd0\xb0\xd1\x81\xd1\x82\xd0\xb8",
        "3", NC_M_NUMBER, 3);
  assert_int_equal(ms.n, 3);
  check("Gr\xc3\xb6\xc3\x9f"
        "e 12 und Ma\xc3\x9f"
        "e 7",
        "7", NC_M_NUMBER, 7);
  assert_int_equal(ms.n, 2);
  check("\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 20 \xce\xb5\xcf\x85"
        "\xcf\x81\xcf\x8e",
        "20", NC_M_NUMBER, 20);
  check("\xd0\xb0\xd0\xb1\xd0\xb2 \xd0\xb0\xd0\xb1\xd0\xb2 \xd0\xb0\xd0\xb1"
        "\xd0\xb2 \xd0\xb0\xd0\xb1\xd0\xb2 5%",
        "5%", NC_M_PERCENT, 5);
  assert_int_equal(run("\xd1\x86\xd0\xb5\xd0\xbd\xd0\xb0\xc3\x97"), 0);
  /* the text ends inside a word of two-byte letters, fewer than eight
   * bytes before its end */
  nc_mentions_clear(&ms);
  cur_text = cut;
  nc_values_find(lx, cut, sizeof cut - 4, &ctx, &ms);
  assert_int_equal(ms.n, 1);
  assert_int_equal(get("5")->type, NC_M_NUMBER);
}

/* A long text, past the few hundred tokens the word loop makes room for
 * at a time, in every phase: the values in it and their offsets are the
 * same as in the same text cut into one short piece per value. */
static void test_long_text(void **state)
{
  /* words of ASCII letters, one that goes on with other letters, marks:
   * what the word loop reads on through */
  static const char *const fill[] = {"ab, ", "cd. ", "U.S. ", "ef ",
                                     "caf\xc3\xa9, "};
  struct nc_mention_ctx ctx = {{2025, 11, 6}, true};
  struct nc_buf b = {0};
  size_t k, shift, found;
  (void)state;

  for (shift = 0; shift < 5; shift++) {
    nc_buf_free(&b);
    for (k = 0; k < 3000; k++) {
      nc_buf_puts(&b, fill[(k + shift) % 5]);
      if (k % 97 == 96)
        nc_buf_puts(&b, "twenty-one ");
    }
    nc_mentions_clear(&ms);
    cur_text = b.data;
    nc_values_find(lx, b.data, b.len, &ctx, &ms);
    found = 0;
    for (k = 0; k < ms.n; k++) {
      const struct nc_mention *m = &ms.items[k];
      assert_int_equal(m->type, NC_M_NUMBER);
      assert_int_equal(m->end - m->start, 10);
      assert_memory_equal(b.data + m->start, "twenty-one", 10);
      assert_true(m->value == 21);
      found++;
    }
    assert_int_equal(found, 3000 / 97);
  }
  nc_buf_free(&b);
}

/* Decimals are read as strtod reads them, to the last bit, with or
 * without thousands separators and past fifteen digits. */
static void test_decimal_values(void **state)
{
  static const char *const nums[] = {
      "3.14159", "0.1",  "1,234.56", "123456789012.345", "1234567890123456.5",
      ".5",      "9.007"};
  static const char *const plain[] = {
      "3.14159", "0.1",  "1234.56", "123456789012.345", "1234567890123456.5",
      ".5",      "9.007"};
  char text[64];
  size_t k;
  (void)state;
  for (k = 0; k < sizeof nums / sizeof *nums; k++) {
    snprintf(text, sizeof text, "It was %s units", nums[k]);
    run(text);
    assert_true(get(nums[k])->value == strtod(plain[k], NULL));
  }
}

/* Words that begin money only ("S$", "ALL 500") or a value only after
 * an approximation ("about 5"), and "the" before a word that is no key:
 * the scan passes them when what they need is missing. */
static void test_begin_kinds(void **state)
{
  (void)state;
  check("It cost S$ 5 each and it's 5 miles", "S$ 5", NC_M_MONEY, 5);
  assert_int_equal(ms.n, 2);
  check("They paid ALL 500 in fees, not all 500.", "ALL 500", NC_M_MONEY, 500);
  assert_int_equal(ms.n, 2);
  check("about 5 people, about the plan", "about 5", NC_M_NUMBER, 5);
  assert_int_equal(ms.n, 1);
  assert_int_equal(run("the man left the room"), 0);
  check("MUSD 5 was paid", "5", NC_M_NUMBER, 5);
  check("It rose in excess of 30, at least 40 and a number of 50s.",
        "at least 40", NC_M_NUMBER, 40);
  assert_int_equal(get("a number of")->type, NC_M_VAGUE);
}

/* An exponent that ends the text is read within it: the bytes after the
 * text (here more digits) do not change it. */
static void test_exponent_at_end(void **state)
{
  static const char *const texts[] = {"10^6", "1.3e6", "2E-3"};
  static const double want[] = {1e6, 1.3e6, 2e-3};
  struct nc_mention_ctx ctx = {{2025, 11, 6}, true};
  size_t k;
  (void)state;

  for (k = 0; k < 3; k++) {
    size_t n = strlen(texts[k]);
    char *buf = xmalloc(n + 4);
    memcpy(buf, texts[k], n);
    memcpy(buf + n, "5.5", 4); /* after the text, not part of it */
    nc_mentions_clear(&ms);
    nc_values_find(lx, buf, n, &ctx, &ms);
    assert_int_equal(ms.n, 1);
    assert_int_equal(ms.items[0].end, n);
    assert_true(fabs(ms.items[0].value - want[k]) <= 1e-9 * want[k]);
    free(buf);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_digits),
      cmocka_unit_test(test_words),
      cmocka_unit_test(test_scales),
      cmocka_unit_test(test_not_numbers),
      cmocka_unit_test(test_dotted_run),
      cmocka_unit_test(test_ordinals),
      cmocka_unit_test(test_second_as_time),
      cmocka_unit_test(test_approx),
      cmocka_unit_test(test_ranges),
      cmocka_unit_test(test_percent),
      cmocka_unit_test(test_money),
      cmocka_unit_test(test_durations),
      cmocka_unit_test(test_vague),
      cmocka_unit_test(test_utf8),
      cmocka_unit_test(test_fractions),
      cmocka_unit_test(test_point_and_digit_words),
      cmocka_unit_test(test_digit_forms),
      cmocka_unit_test(test_pronoun_one),
      cmocka_unit_test(test_web_address),
      cmocka_unit_test(test_percent_of),
      cmocka_unit_test(test_money_forms),
      cmocka_unit_test(test_long_sentence),
      cmocka_unit_test(test_spelled_integers),
      cmocka_unit_test(test_digit_integers),
      cmocka_unit_test(test_powers),
      cmocka_unit_test(test_decimal_comma),
      cmocka_unit_test(test_scan_shortcuts),
      cmocka_unit_test(test_token_paths),
      cmocka_unit_test(test_word_chunks),
      cmocka_unit_test(test_word_facts),
      cmocka_unit_test(test_exponent_at_end),
      cmocka_unit_test(test_word_marks),
      cmocka_unit_test(test_two_byte_words),
      cmocka_unit_test(test_long_text),
      cmocka_unit_test(test_decimal_values),
      cmocka_unit_test(test_begin_kinds),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
