/* test_entities.c: the name recognizer (entities.c) on invented
 * sentences: countries by name, alias and demonym, people with titles,
 * modifiers and country qualifiers, no false hits, and the same mentions
 * wherever a text falls against the blocks of the first pass. */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#include "mentions_int.h"

static struct nc_entlex *lx;
static struct nc_mentions ms;
static const char *text;

static int setup(void **state)
{
  struct nc_error err;
  (void)state;
  if (nc_entlex_load(TEST_DATADIR "/lexicon", &lx, &err) != NC_OK) {
    fprintf(stderr, "lexicon: %s: %s\n", err.file, err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  nc_mentions_free(&ms);
  nc_entlex_free(lx);
  return 0;
}

static void run(const char *s)
{
  nc_mentions_clear(&ms);
  text = s;
  nc_entities_find(lx, s, strlen(s), &ms);
}

/* The mention of `type` whose span is exactly the text `span`. */
static const struct nc_mention *at(enum nc_mention_type type,
                                   const char *span)
{
  size_t i, n = strlen(span);
  for (i = 0; i < ms.n; i++) {
    const struct nc_mention *m = &ms.items[i];
    if (m->type == type && m->end - m->start == n &&
        memcmp(text + m->start, span, n) == 0)
      return m;
  }
  fail_msg("no %s mention spanning \"%s\" in \"%s\"",
           nc_mention_type_str(type), span, text);
  return NULL;
}

static size_t count(enum nc_mention_type type)
{
  size_t i, n = 0;
  for (i = 0; i < ms.n; i++)
    n += ms.items[i].type == type;
  return n;
}

static void check_person(const char *span, const char *name,
                         const char *title, const char *country)
{
  const struct nc_mention *m = at(NC_M_PERSON, span);
  assert_string_equal(m->name, name);
  if (title)
    assert_string_equal(m->title, title);
  else
    assert_null(m->title);
  if (country)
    assert_string_equal(m->country, country);
  else
    assert_null(m->country);
}

static void test_country_names(void **state)
{
  const struct nc_mention *m;
  (void)state;
  run("Talks between Peru and Vietnam resumed in Norway.");
  assert_int_equal(count(NC_M_COUNTRY), 3);
  m = at(NC_M_COUNTRY, "Vietnam");
  assert_string_equal(m->name, "Vietnam");
  assert_false(m->demonym);
  assert_false(m->alias);
  assert_int_equal(m->start, 23);
  assert_int_equal(m->end, 30);
}

static void test_country_aliases(void **state)
{
  (void)state;
  run("Officials from the UAE, the U.A.E. and the Emirates met Britain's "
      "envoy, then flew to the USA and the Jewish state.");
  assert_string_equal(at(NC_M_COUNTRY, "UAE")->name,
                      "United Arab Emirates");
  assert_true(at(NC_M_COUNTRY, "U.A.E.")->alias);
  assert_string_equal(at(NC_M_COUNTRY, "the Emirates")->name,
                      "United Arab Emirates");
  assert_string_equal(at(NC_M_COUNTRY, "Britain")->name, "United Kingdom");
  assert_string_equal(at(NC_M_COUNTRY, "USA")->name, "United States");
  assert_string_equal(at(NC_M_COUNTRY, "the Jewish state")->name, "Israel");
  assert_true(at(NC_M_COUNTRY, "the Jewish state")->alias);
}

static void test_country_demonyms(void **state)
{
  const struct nc_mention *m;
  (void)state;
  run("Uzbek and Kyrgyz diplomats, two Emiratis and several Moroccans "
      "joined a Saudi delegation.");
  m = at(NC_M_COUNTRY, "Uzbek");
  assert_string_equal(m->name, "Uzbekistan");
  assert_true(m->demonym);
  assert_string_equal(at(NC_M_COUNTRY, "Kyrgyz")->name, "Kyrgyzstan");
  assert_string_equal(at(NC_M_COUNTRY, "Emiratis")->name,
                      "United Arab Emirates");
  assert_string_equal(at(NC_M_COUNTRY, "Moroccans")->name, "Morocco");
  assert_true(at(NC_M_COUNTRY, "Saudi")->demonym);
  assert_string_equal(at(NC_M_COUNTRY, "Saudi")->name, "Saudi Arabia");
}

static void test_country_acronym_case(void **state)
{
  (void)state;
  run("Tell us about the US plan and the uk branch.");
  assert_int_equal(count(NC_M_COUNTRY), 1);
  assert_string_equal(at(NC_M_COUNTRY, "US")->name, "United States");
}

static void test_country_longest_match(void **state)
{
  (void)state;
  run("Saudi Arabia and the United Arab Emirates, like South Sudan and "
      "Papua New Guinea, sent the United States of America a note.");
  assert_false(at(NC_M_COUNTRY, "Saudi Arabia")->demonym);
  assert_string_equal(at(NC_M_COUNTRY, "the United Arab Emirates")->name,
                      "United Arab Emirates");
  assert_string_equal(at(NC_M_COUNTRY, "South Sudan")->name, "South Sudan");
  assert_string_equal(at(NC_M_COUNTRY, "Papua New Guinea")->name,
                      "Papua New Guinea");
  assert_string_equal(at(NC_M_COUNTRY, "the United States of America")->name,
                      "United States");
  assert_int_equal(count(NC_M_COUNTRY), 5);
}

static void test_country_possessive_dash(void **state)
{
  (void)state;
  run("Mongolia\xe2\x80\x99s herders\xe2\x80\x94" "and Nepal's\xe2\x80\x94"
      "Bhutan\xe2\x80\x94trade with U.S.-led groups.");
  assert_int_equal(at(NC_M_COUNTRY, "Mongolia")->end, 8);
  at(NC_M_COUNTRY, "Nepal");
  at(NC_M_COUNTRY, "Bhutan");
  at(NC_M_COUNTRY, "U.S.");
  assert_int_equal(count(NC_M_COUNTRY), 4);
}

static void test_country_non_ascii(void **state)
{
  (void)state;
  run("Exports from C\xc3\xb4te d\xe2\x80\x99Ivoire and T\xc3\xbcrkiye rose.");
  assert_string_equal(at(NC_M_COUNTRY, "C\xc3\xb4te d\xe2\x80\x99Ivoire")
                          ->name, "Ivory Coast");
  assert_string_equal(at(NC_M_COUNTRY, "T\xc3\xbcrkiye")->name, "Turkey");
}

static void test_country_no_false_hits(void **state)
{
  (void)state;
  run("Give us the turkey, a chad of paper, and georgia peaches; "
      "Latin American and North American voters agree.");
  assert_int_equal(count(NC_M_COUNTRY), 0);
  run("Michael Jordan met Chad Hurley; Jordan Peterson spoke.");
  assert_int_equal(count(NC_M_COUNTRY), 0);
  run("In Jordan, the king met envoys from Chad and Turkey.");
  assert_int_equal(count(NC_M_COUNTRY), 3);
}

static void test_country_lookup(void **state)
{
  (void)state;
  assert_string_equal(nc_entlex_country(lx, "Kazakh", 6), "Kazakhstan");
  assert_string_equal(nc_entlex_country(lx, "UAE", 3),
                      "United Arab Emirates");
  assert_string_equal(nc_entlex_country(lx, "the Jewish state", 16),
                      "Israel");
  assert_string_equal(nc_entlex_country(lx, "Israelis", 8), "Israel");
  assert_string_equal(nc_entlex_country(lx, "kazakhstan", 10),
                      "Kazakhstan");
  assert_null(nc_entlex_country(lx, "us", 2));
  assert_null(nc_entlex_country(lx, "Atlantis", 8));
  assert_null(nc_entlex_country(lx, "Kazakhstan's", 12));
}

static void test_person_qualifier_demonym(void **state)
{
  (void)state;
  run("French President Emmanuel Macron said on Friday.");
  check_person("French President Emmanuel Macron", "Emmanuel Macron",
               "president", "France");
  assert_int_equal(count(NC_M_PERSON), 1);
}

static void test_person_modifier_possessive(void **state)
{
  (void)state;
  run("former Prime Minister Boris Johnson\xe2\x80\x99s remarks");
  check_person("former Prime Minister Boris Johnson", "Boris Johnson",
               "former prime minister", NULL);
  run("Then-Chancellor Angela Merkel's visit and ex-President Chirac");
  check_person("Then-Chancellor Angela Merkel", "Angela Merkel",
               "then-chancellor", NULL);
  check_person("ex-President Chirac", "Chirac", "ex-president", NULL);
  run("acting deputy prime minister Ana Gomes spoke.");
  check_person("acting deputy prime minister Ana Gomes", "Ana Gomes",
               "acting deputy prime minister", NULL);
}

static void test_person_multiword_title(void **state)
{
  (void)state;
  run("Secretary of State Marco Rubio flew in.");
  check_person("Secretary of State Marco Rubio", "Marco Rubio",
               "secretary of state", NULL);
  run("German foreign minister Annalena Baerbock agreed.");
  check_person("German foreign minister Annalena Baerbock",
               "Annalena Baerbock", "foreign minister", "Germany");
}

static void test_person_of_country(void **state)
{
  (void)state;
  run("President Luiz In\xc3\xa1" "cio Lula da Silva of Brazil spoke.");
  check_person("President Luiz In\xc3\xa1" "cio Lula da Silva",
               "Luiz In\xc3\xa1" "cio Lula da Silva", "president", "Brazil");
  run("The President of Chile, Gabriel Boric, arrived.");
  check_person("President of Chile, Gabriel Boric", "Gabriel Boric",
               "president", "Chile");
}

static void test_person_appositive(void **state)
{
  (void)state;
  run("Later, Mark Rutte, a former prime minister of the Netherlands, "
      "spoke.");
  check_person("Mark Rutte, a former prime minister", "Mark Rutte",
               "former prime minister", "Netherlands");
  run("Boric, the president of Chile, left.");
  check_person("Boric, the president", "Boric", "president", "Chile");
  run("In Lisbon, the president of Portugal said no.");
  assert_int_equal(count(NC_M_PERSON), 0);
}

static void test_person_particles(void **state)
{
  (void)state;
  run("Saudi Crown Prince Mohammed bin Salman al Saud is set to fly.");
  check_person("Saudi Crown Prince Mohammed bin Salman al Saud",
               "Mohammed bin Salman al Saud", "crown prince",
               "Saudi Arabia");
  run("Egyptian President Abdel Fattah el-Sisi and Dutch King "
      "Willem-Alexander van Oranje met.");
  check_person("Egyptian President Abdel Fattah el-Sisi",
               "Abdel Fattah el-Sisi", "president", "Egypt");
  check_person("Dutch King Willem-Alexander van Oranje",
               "Willem-Alexander van Oranje", "king", "Netherlands");
  run("Kyrgyz President Almaz Bakyt uulu Toktogulov arrived.");
  check_person("Kyrgyz President Almaz Bakyt uulu Toktogulov",
               "Almaz Bakyt uulu Toktogulov", "president", "Kyrgyzstan");
}

/* parse_name rules out a lower-case word after a name from its first two
 * bytes before it looks for a particle (particle_pairs): every particle
 * of the data, of one byte or more, joined to the next word or not, in
 * either case of its first letters, still joins the name; words that
 * share bytes with particles but are none end it. */
static void test_particle_pairs(void **state)
{
  static const char *const parts[] = {
      "bin", "ibn", "al", "el", "ad-", "abu", "de", "da", "van", "von",
      "der", "ter", "op", "het", "zu", "vom", "la", "du", "d'",
      "d\xe2\x80\x99", "y", "e", "uulu", "kyzy", "ogly", "qizi", "ben",
      "mac", "ap", "ni", "nic", "\xc3\xb3", "o'", "o\xe2\x80\x99", "bIN",
      "vON", "aL-", "dE",
  };
  static const char *const others[] = {
      "said", "and", "the", "yes", "en", "bi", "x", "a", "\xc3\xa9t\xc3\xa9"};
  char buf[160], span[128], name[128];
  const char *gap;
  size_t i, n;
  (void)state;

  for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    n = strlen(parts[i]);
    /* joined: a prefix that ends in a dash or apostrophe */
    gap = parts[i][n - 1] == '-' || parts[i][n - 1] == '\'' ||
                  (unsigned char)parts[i][n - 1] == 0x99
              ? ""
              : " ";
    snprintf(span, sizeof span, "President Ahmed %s%sSharaa", parts[i], gap);
    snprintf(name, sizeof name, "Ahmed %s%sSharaa", parts[i], gap);
    snprintf(buf, sizeof buf, "%s met.", span);
    run(buf);
    check_person(span, name, "president", NULL);
  }
  for (i = 0; i < sizeof others / sizeof others[0]; i++) {
    snprintf(buf, sizeof buf, "President Ahmed %s Sharaa met.", others[i]);
    run(buf);
    check_person("President Ahmed", "Ahmed", "president", NULL);
  }
  /* a particle as the text's last byte, and one of one byte there */
  run("President Ahmed al");
  check_person("President Ahmed", "Ahmed", "president", NULL);
  run("President Ahmed y");
  check_person("President Ahmed", "Ahmed", "president", NULL);
}

static void test_person_initials(void **state)
{
  (void)state;
  run("U.S. Vice President JD Vance met Gov. J.B. Pritzker and "
      "Sen. John F. Kerry.");
  check_person("U.S. Vice President JD Vance", "JD Vance", "vice president",
               "United States");
  check_person("Gov. J.B. Pritzker", "J.B. Pritzker", "governor", NULL);
  check_person("Sen. John F. Kerry", "John F. Kerry", "senator", NULL);
}

static void test_person_qualifier_possessive(void **state)
{
  (void)state;
  run("Mongolia\xe2\x80\x99s President Ukhnaa Khurelsukh and Canada's "
      "Prime Minister Mark Carney");
  check_person("Mongolia\xe2\x80\x99s President Ukhnaa Khurelsukh",
               "Ukhnaa Khurelsukh", "president", "Mongolia");
  check_person("Canada's Prime Minister Mark Carney", "Mark Carney",
               "prime minister", "Canada");
  run("Kenya President William Ruto and US special envoy Tom Barrack");
  check_person("Kenya President William Ruto", "William Ruto", "president",
               "Kenya");
  check_person("US special envoy Tom Barrack", "Tom Barrack",
               "special envoy", "United States");
}

static void test_person_name_stops(void **state)
{
  (void)state;
  run("Chancellor Olaf Scholz, who met President Joe Biden. Later Mayor "
      "Ada Colau On Monday");
  check_person("Chancellor Olaf Scholz", "Olaf Scholz", "chancellor", NULL);
  check_person("President Joe Biden", "Joe Biden", "president", NULL);
  check_person("Mayor Ada Colau", "Ada Colau", "mayor", NULL);
  run("King Charles\n  III opened it.");
  check_person("King Charles\n  III", "Charles III", "king", NULL);
}

static void test_person_no_name(void **state)
{
  (void)state;
  run("the president said the prime minister would visit, and the "
      "general public agreed.");
  assert_int_equal(count(NC_M_PERSON), 0);
  run("General Motors and the General Assembly voted; President's Day.");
  assert_int_equal(count(NC_M_PERSON), 0);
}

static void test_person_known(void **state)
{
  (void)state;
  run("Talks with MBS went well, Crown Prince MBS said.");
  assert_string_equal(at(NC_M_PERSON, "MBS")->name, "Mohammed bin Salman");
  check_person("Crown Prince MBS", "Mohammed bin Salman", "crown prince",
               NULL);
  run("Mr. Nadim Zahawi spoke.");
  check_person("Mr. Nadim Zahawi", "Nadim Zahawi", NULL, NULL);
}

/* Every built-in article runs line by line and as a whole, and names
 * Kazakhstan and a president. */
static void test_articles(void **state)
{
  DIR *d = opendir(TEST_DATADIR "/articles");
  struct dirent *de;
  int files = 0;
  (void)state;
  assert_non_null(d);
  while ((de = readdir(d)) != NULL) {
    char path[512], *data = NULL;
    size_t len = 0, i, line = 0, nl = strlen(de->d_name);
    struct nc_error err;
    int kz = 0, pres = 0;

    if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt") != 0)
      continue;
    files++;
    snprintf(path, sizeof path, "%s/articles/%s", TEST_DATADIR,
             de->d_name);
    assert_int_equal(nc_read_file(path, NC_MAX_INPUT_BYTES, &data, &len,
                                  &err),
                     NC_OK);
    for (i = 0; i <= len; i++) {
      if (i == len || data[i] == '\n') {
        nc_mentions_clear(&ms);
        nc_entities_find(lx, data + line, i - line, &ms);
        line = i + 1;
      }
    }
    nc_mentions_clear(&ms);
    nc_entities_find(lx, data, len, &ms);
    for (i = 0; i < ms.n; i++) {
      const struct nc_mention *m = &ms.items[i];
      assert_true(m->start < m->end && m->end <= len);
      if (m->type == NC_M_COUNTRY && strcmp(m->name, "Kazakhstan") == 0)
        kz = 1;
      if (m->type == NC_M_PERSON && m->title &&
          strstr(m->title, "president"))
        pres = 1;
    }
    if (!kz || !pres)
      fail_msg("%s: Kazakhstan %d, a president %d", de->d_name, kz, pres);
    free(data);
  }
  closedir(d);
  assert_true(files >= 5);
}

/* A phrase may run over spaces, tabs, a line break and no-break spaces,
 * but not over a blank line. */
static void test_phrase_spacing(void **state)
{
  (void)state;
  run("Aid reached the\n United \xc2\xa0States and the  Central\tAfrican "
      "Republic.");
  assert_string_equal(at(NC_M_COUNTRY, "the\n United \xc2\xa0States")->name,
                      "United States");
  assert_string_equal(
      at(NC_M_COUNTRY, "the  Central\tAfrican Republic")->name,
      "Central African Republic");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  run("Aid reached the\n\nUnited States.");
  assert_int_equal(at(NC_M_COUNTRY, "United States")->start, 17);
  assert_int_equal(count(NC_M_COUNTRY), 1);
}

/* Words start after spaces, punctuation and symbols, never inside a
 * word, whatever its script. */
static void test_word_starts(void **state)
{
  (void)state;
  run("caf\xc3\xa9Peru, xPeru, Peru2 and 2Peru");
  assert_int_equal(count(NC_M_COUNTRY), 0);
  run("\xe2\x80\x94Peru,\xc2\xa0" "Chile (Bolivia) \xc2\xbf" "Ecuador?");
  at(NC_M_COUNTRY, "Peru");
  at(NC_M_COUNTRY, "Chile");
  at(NC_M_COUNTRY, "Bolivia");
  at(NC_M_COUNTRY, "Ecuador");
  assert_int_equal(count(NC_M_COUNTRY), 4);
  run("\xffPeru and \xc3\xa9\xa9" "Chile");
  at(NC_M_COUNTRY, "Peru");
  assert_int_equal(count(NC_M_COUNTRY), 1);
}

/* The case of the first word of a phrase counts as for the others: a
 * capital where the lexicon has one, capitals throughout an acronym. */
static void test_first_word_case(void **state)
{
  (void)state;
  run("KAZAKHSTAN and kazakhstan, Uae and UAE, the united states.");
  at(NC_M_COUNTRY, "KAZAKHSTAN");
  at(NC_M_COUNTRY, "UAE");
  assert_int_equal(count(NC_M_COUNTRY), 2);
}

/* Words in other scripts: Cyrillic, Greek and CJK letters join a word
 * as Latin ones do; symbols (U+00D7, U+00F7), CJK punctuation and bytes
 * that are not UTF-8 part words. */
static void test_word_edges_scripts(void **state)
{
  (void)state;
  run("\xd0\x92\xd1\x8b\xd0\xb1\xd0\xbe\xd1\x80\xd1\x8b \xd0\xb2 Peru "
      "\xd0\xb8 Chile.");
  assert_int_equal(at(NC_M_COUNTRY, "Peru")->start, 16);
  at(NC_M_COUNTRY, "Chile");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  run("\xd0\x96Peru and Peru\xd0\xb6 and \xce\x95\xce\xbb\xce\xbb\xce\xac"
      "\xce\xb4\xce\xb1 Chile.");
  at(NC_M_COUNTRY, "Chile");
  assert_int_equal(count(NC_M_COUNTRY), 1);
  run("\xe4\xb8\xad" "Peru, \xe3\x80\x82" "Chile and \xe6\x9d\xb1\xe4\xba\xac "
      "Bolivia.");
  at(NC_M_COUNTRY, "Chile");
  at(NC_M_COUNTRY, "Bolivia");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  run("\xc3\x97" "Peru \xc3\xb7" "Chile Peru\xc3\x97");
  assert_int_equal(count(NC_M_COUNTRY), 3);
  assert_int_equal(ms.items[2].start, 15);
  run("\xc3" "Peru and \xe2\x80" "Chile and \xed\xa0\x80" "Bolivia");
  assert_int_equal(at(NC_M_COUNTRY, "Peru")->start, 1);
  at(NC_M_COUNTRY, "Chile");
  at(NC_M_COUNTRY, "Bolivia");
  assert_int_equal(count(NC_M_COUNTRY), 3);
}

/* A first word that only starts longer phrases ("the") matches as the
 * next word allows, whatever the words around it. */
static void test_next_word(void **state)
{
  (void)state;
  run("We visited the United States, the university, the Gambia and the "
      "gamble of the use of the US.");
  at(NC_M_COUNTRY, "the United States");
  at(NC_M_COUNTRY, "the Gambia");
  at(NC_M_COUNTRY, "US");
  assert_int_equal(count(NC_M_COUNTRY), 3);
  run("the Netherlands, The Netherlands and the state of Palestine met "
      "the State of Palestine.");
  at(NC_M_COUNTRY, "the Netherlands");
  at(NC_M_COUNTRY, "The Netherlands");
  at(NC_M_COUNTRY, "Palestine");
  at(NC_M_COUNTRY, "the State of Palestine");
  assert_int_equal(count(NC_M_COUNTRY), 4);
}

/* A phrase written with capitals needs them in the text, and a mark
 * right after the first word ("I-Kiribati") must be there too. */
static void test_first_word_marks(void **state)
{
  (void)state;
  run("new zealand and New Zealand; i-Kiribati and I-Kiribati and I "
      "Kiribati.");
  at(NC_M_COUNTRY, "New Zealand");
  assert_int_equal(at(NC_M_COUNTRY, "I-Kiribati")->start, 44);
  assert_int_equal(count(NC_M_COUNTRY), 4);
  assert_int_equal(ms.items[1].start, 31);
  assert_int_equal(ms.items[3].start, 61);
}

/* Plural demonyms are found from their singular; other words in 's' are
 * not. */
static void test_plural_words(void **state)
{
  (void)state;
  run("The news: Kazakhs and two Israelis, some Kazakh newses.");
  assert_string_equal(at(NC_M_COUNTRY, "Kazakhs")->name, "Kazakhstan");
  assert_string_equal(at(NC_M_COUNTRY, "Israelis")->name, "Israel");
  assert_true(at(NC_M_COUNTRY, "Kazakh")->demonym);
  assert_int_equal(count(NC_M_COUNTRY), 3);
}

/* Words the scan passes over without a hash (pre[]) must still include
 * every key in any case the patterns allow, and every plural. */
static void test_key_prefilter(void **state)
{
  (void)state;
  run("ISRAEL and IsRaEl, Israelis and KAZAKHS, kazakhs; the UAE, Uae.");
  /* a capitalised demonym needs its capital, an acronym its case */
  assert_int_equal(count(NC_M_COUNTRY), 4);
  assert_string_equal(at(NC_M_COUNTRY, "ISRAEL")->name, "Israel");
  assert_string_equal(at(NC_M_COUNTRY, "IsRaEl")->name, "Israel");
  assert_true(at(NC_M_COUNTRY, "Israelis")->demonym);
  assert_string_equal(at(NC_M_COUNTRY, "UAE")->name, "United Arab Emirates");
}

/* The word after a key that only starts longer phrases ("the",
 * "mainland") lets the scan go on only in a case its phrases allow: the
 * capital where the lexicon has one, either case where it has a small
 * letter, the bytes of an acronym as they are. */
static void test_next_word_case(void **state)
{
  (void)state;
  run("the Emirates, the EMIRATES and THE Emirates; the emirates, "
      "the eMIRATES.");
  assert_string_equal(at(NC_M_COUNTRY, "the Emirates")->name,
                      "United Arab Emirates");
  at(NC_M_COUNTRY, "the EMIRATES");
  at(NC_M_COUNTRY, "THE Emirates");
  assert_int_equal(count(NC_M_COUNTRY), 3);
  run("the jewish state, The JEWISH STATE, the Jewish State and THE "
      "jEWISH sTATE.");
  assert_string_equal(at(NC_M_COUNTRY, "the jewish state")->name, "Israel");
  at(NC_M_COUNTRY, "The JEWISH STATE");
  at(NC_M_COUNTRY, "the Jewish State");
  at(NC_M_COUNTRY, "THE jEWISH sTATE");
  assert_int_equal(count(NC_M_COUNTRY), 4);
  run("mainland China, MAINLAND China, mainland china, mainland CHINA.");
  assert_string_equal(at(NC_M_COUNTRY, "mainland China")->name, "China");
  at(NC_M_COUNTRY, "MAINLAND China");
  at(NC_M_COUNTRY, "mainland CHINA");
  assert_int_equal(count(NC_M_COUNTRY), 3);
  /* titles are written in small letters: any case will do */
  run("PRIME MINISTER Jean Dupont met prime MINISTER Ana Gomes and "
      "pRIME mINISTER Mark Carney.");
  check_person("PRIME MINISTER Jean Dupont", "Jean Dupont",
               "prime minister", NULL);
  check_person("prime MINISTER Ana Gomes", "Ana Gomes", "prime minister",
               NULL);
  check_person("pRIME mINISTER Mark Carney", "Mark Carney",
               "prime minister", NULL);
  assert_int_equal(count(NC_M_PERSON), 3);
}

/* The scan rules out a word before hashing it by its first bytes and
 * length, its first letter as written: a small one only where a phrase
 * of the key may start with one.  Those that may must still be found in
 * every case, the others with their capital only. */
static void test_key_prefilter_case(void **state)
{
  (void)state;
  run("thai and Thai, israel and ISRAEL, c\xc3\xb4te d'Ivoire and "
      "C\xc3\xb4te d'Ivoire, \xc3\x89ire and T\xc3\xbcrkiye.");
  at(NC_M_COUNTRY, "Thai");
  at(NC_M_COUNTRY, "ISRAEL");
  assert_string_equal(at(NC_M_COUNTRY, "C\xc3\xb4te d'Ivoire")->name,
                      "Ivory Coast");
  at(NC_M_COUNTRY, "\xc3\x89ire");
  at(NC_M_COUNTRY, "T\xc3\xbcrkiye");
  assert_int_equal(count(NC_M_COUNTRY), 5);
  run("mr. Jean Dupont, Mr. Ana Gomes, sir Mark Carney, Sir Tom Barrack.");
  check_person("Mr. Ana Gomes", "Ana Gomes", NULL, NULL);
  check_person("Sir Tom Barrack", "Tom Barrack", NULL, NULL);
  assert_int_equal(count(NC_M_PERSON), 2);
  run("president Jean Dupont, KING Charles and minister Ana Gomes.");
  check_person("president Jean Dupont", "Jean Dupont", "president", NULL);
  check_person("KING Charles", "Charles", "king", NULL);
  check_person("minister Ana Gomes", "Ana Gomes", "minister", NULL);
  assert_int_equal(count(NC_M_PERSON), 3);
}

/* Modifiers are looked up by the byte they end in: each still binds to
 * the title in any case, the longest first ("first deputy"). */
static void test_modifier_ends(void **state)
{
  (void)state;
  run("FORMER President Jean Dupont, first deputy prime minister Ana "
      "Gomes, then-President Mark Carney, de facto leader Tom Barrack.");
  check_person("FORMER President Jean Dupont", "Jean Dupont",
               "former president", NULL);
  check_person("first deputy prime minister Ana Gomes", "Ana Gomes",
               "first deputy prime minister", NULL);
  check_person("then-President Mark Carney", "Mark Carney",
               "then-president", NULL);
  check_person("de facto leader Tom Barrack", "Tom Barrack",
               "de facto leader", NULL);
  run("Newly Elected President Jean Dupont and senior minister Ana Gomes "
      "and Interim Deputy Minister Mark Carney.");
  check_person("Newly Elected President Jean Dupont", "Jean Dupont",
               "newly elected president", NULL);
  check_person("senior minister Ana Gomes", "Ana Gomes", "senior minister",
               NULL);
  check_person("Interim Deputy Minister Mark Carney", "Mark Carney",
               "interim deputy minister", NULL);
}

/* Words of three-byte letters (CJK, Hangul, kana) run on into a name
 * written against them, whatever their lead byte; the marks of those
 * blocks, and bytes that are not UTF-8, end words. */
static void test_three_byte_letters(void **state)
{
  (void)state;
  run("\xe4\xb8\xad" "Peru \xec\x9d\xb4" "Peru \xed\x9e\xa3" "Peru "
      "\xe3\x81\x82" "Peru \xea\xb0\x80" "Peru Peru\xe9\xbe\xa0 "
      "Peru\xed\x95\x9c\xea\xb5\xad Peru\xe0\xa4\x95 \xe1\x80\x80" "Peru");
  assert_int_equal(count(NC_M_COUNTRY), 0);
  run("\xe3\x80\x82" "Peru \xe2\x80\x94" "Chile \xe4\xb8" "Bolivia "
      "\xed\xa0\x80" "Ecuador \xef\xbb\xbf" "Cuba \xea\xb0" "Chad "
      "Peru\xe3\x80\x81 \xe4\xb8\xad\xe5\x9b\xbd Japan "
      "\xed\x95\x9c\xea\xb5\xad\xec\x9d\x98 Korea.");
  at(NC_M_COUNTRY, "Peru");
  at(NC_M_COUNTRY, "Chile");
  at(NC_M_COUNTRY, "Bolivia");
  at(NC_M_COUNTRY, "Ecuador");
  at(NC_M_COUNTRY, "Cuba");
  at(NC_M_COUNTRY, "Chad");
  at(NC_M_COUNTRY, "Japan");
  at(NC_M_COUNTRY, "Korea");
  assert_int_equal(count(NC_M_COUNTRY), 9);
}

/* Many countries and titles in one call, each person still finds the
 * qualifier before its title. */
static void test_many_matches(void **state)
{
  static const char piece[] =
      "Peru and Chile met; French President Jean Dupont spoke. ";
  size_t n = sizeof piece - 1, reps = 150, i;
  char *big = malloc(n * reps + 1);
  const struct nc_mention *last = NULL;
  (void)state;
  assert_non_null(big);
  for (i = 0; i < reps; i++)
    memcpy(big + i * n, piece, n);
  big[n * reps] = '\0';
  nc_mentions_clear(&ms);
  nc_entities_find(lx, big, n * reps, &ms);
  assert_int_equal(count(NC_M_COUNTRY), reps * 3);
  assert_int_equal(count(NC_M_PERSON), reps);
  for (i = 0; i < ms.n; i++)
    if (ms.items[i].type == NC_M_PERSON)
      last = &ms.items[i];
  assert_non_null(last);
  assert_int_equal(last->start, (reps - 1) * n + 20);
  assert_string_equal(last->name, "Jean Dupont");
  assert_string_equal(last->title, "president");
  assert_string_equal(last->country, "France");
  free(big);
}

/* A megabyte of text in one call: the scan is linear. */
static void test_large_text(void **state)
{
  static const char piece[] =
      "Kazakh President Kassym-Jomart Tokayev met US envoy Tom Barrack "
      "in Astana \xe2\x80\x94 the UAE and Israel said so. ";
  size_t n = sizeof piece - 1, reps = (1u << 20) / n + 1, i;
  char *big = malloc(n * reps + 1);
  (void)state;
  assert_non_null(big);
  for (i = 0; i < reps; i++)
    memcpy(big + i * n, piece, n);
  big[n * reps] = '\0';
  nc_mentions_clear(&ms);
  nc_entities_find(lx, big, n * reps, &ms);
  assert_int_equal(ms.n, reps * 6);
  free(big);
}

static void test_load_errors(void **state)
{
  struct nc_entlex *bad = NULL;
  struct nc_error err;
  (void)state;
  assert_int_not_equal(nc_entlex_load("/nonexistent-dir", &bad, &err),
                       NC_OK);
  assert_null(bad);
  nc_entlex_free(NULL);
}

/* The first pass of the name recognizer takes text a block at a time;
 * where a text falls against those blocks must not change what it finds.
 * Each sentence is searched at every offset up to a few blocks, in a
 * buffer of exactly its size (so that a read past the end shows under
 * valgrind), and must give the same mentions, shifted. */

static int str_eq(const char *a, const char *b)
{
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The mentions of s[0..n) after `pad` spaces and before `tail`. */
static void find_at(const char *s, size_t n, size_t pad, size_t tail,
                    struct nc_mentions *out)
{
  size_t len = pad + n + tail;
  char *buf = malloc(len ? len : 1);

  assert_non_null(buf);
  memset(buf, ' ', len);
  memcpy(buf + pad, s, n);
  nc_mentions_clear(out);
  nc_entities_find(lx, buf, len, out);
  free(buf);
}

static void check_shifts(const char *s, size_t n)
{
  struct nc_mentions base = {0}, got = {0};
  size_t pad, tail, i;

  find_at(s, n, 0, 0, &base);
  for (pad = 0; pad < 200; pad++) {
    for (tail = 0; tail < 3; tail++) {
      find_at(s, n, pad, tail * 37, &got);
      if (got.n != base.n)
        fail_msg("\"%.*s\" at %zu: %zu mentions, not %zu", (int)n, s, pad,
                 got.n, base.n);
      for (i = 0; i < base.n; i++) {
        const struct nc_mention *a = &base.items[i], *b = &got.items[i];
        if (a->type != b->type || a->start + pad != b->start ||
            a->end + pad != b->end || !str_eq(a->name, b->name) ||
            !str_eq(a->title, b->title) || !str_eq(a->country, b->country) ||
            a->demonym != b->demonym || a->alias != b->alias)
          fail_msg("\"%.*s\" at %zu: mention %zu differs", (int)n, s, pad, i);
      }
    }
  }
  nc_mentions_free(&base);
  nc_mentions_free(&got);
}

static void test_block_shifts(void **state)
{
  static const char *const texts[] = {
      "Kazakh President Kassym-Jomart Tokayev met US envoy Tom Barrack "
      "in Astana \xe2\x80\x94 the UAE and Israel said so.",
      /* curly quotes and dashes end words; a no-break space is a blank */
      "\xe2\x80\x9cThe United States\xe2\x80\x9d and Israel\xe2\x80\x99s "
      "army\xe2\x80\x94said former U.S. President Barack Obama.",
      "the\xc2\xa0United States and\xc2\xa0Israelis met\xc2\xa0"
      "Iranians.",
      /* two-byte letters, the signs that are none, three-byte letters */
      "\xd0\x9f\xd1\x80\xd0\xb5\xd0\xb7\xd0\xb8\xd0\xb4\xd0\xb5\xd0\xbd"
      "\xd1\x82 Iran\xe2\x80\x99s S\xc3\xa3o Paulo, Brazil, 5\xc3\x97"
      "3 Israel\xc3\xb7Iran \xc3\x89gypt Egypt.",
      "\xe6\x97\xa5\xe6\x9c\xac Japan \xe4\xb8\xad\xe5\x9b\xbd China "
      "Japan\xe6\x97\xa5 Chinese.",
      /* Hangul and CJK words, their marks, and names against them */
      "\xed\x95\x9c\xea\xb5\xad\xec\x9d\x98 Korea \xe4\xb8\xad\xe5\x9b\xbd"
      "\xe3\x80\x82" "China \xec\x9d\xb4" "Peru \xed\x9e\xa3\xed\x9e\xa3 "
      "Japan\xe3\x81\x82 \xe2\x80\x9cIsrael\xe2\x80\x9d \xea\xb0\x80 Iran.",
      /* long words, on both sides of the hashes' limits */
      "Antidisestablishmentarianisms Israel "
      "Supercalifragilisticexpialidocious Iran "
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop Syria G7 Japan.",
      "Prime Minister Benjamin Netanyahu of Israel and Syrian President "
      "Ahmed al-Sharaa, the president of Syria, met in 2024.",
      /* bytes that are not UTF-8 */
      "\xff\xfeIsrael \xc3 Iran \xe2\x80 Syria \x80Japan China\xc3",
      "Iran",
      "",
  };
  static const char nul[] = "Israel\0Iran and\0the United States";
  size_t i;
  (void)state;

  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    check_shifts(texts[i], strlen(texts[i]));
  check_shifts(nul, sizeof nul - 1);
}

/* The blocks within the last 96 bytes of a text read one padded copy of
 * them, made once (scan_block's tail): several blocks end there when
 * CJK letters stop each, and texts shorter than the copy and longer
 * than it (check_shifts makes both) must find the same names, up to
 * the last byte. */
static void test_block_tail(void **state)
{
  static const char *const texts[] = {
      "Israel \xe4\xb8\xad Iran \xe4\xb8\xad Syria \xe4\xb8\xad Japan "
      "\xe4\xb8\xad China",
      /* a name glued to a CJK letter is no word of its own */
      "\xe4\xb8\xad" "Peru\xe4\xb8\xad" "Chile \xe2\x80\x9cIsrael\xe2\x80"
      "\x9d Antidisestablishmentarianisms Iran",
      "Former U.S. President Barack Obama \xe4\xb8\xad Israel",
      "Iran \xe4\xb8\xad",
  };
  size_t i;
  (void)state;

  run(texts[0]);
  at(NC_M_COUNTRY, "Israel");
  at(NC_M_COUNTRY, "China");
  assert_int_equal(count(NC_M_COUNTRY), 5);
  run(texts[1]);
  at(NC_M_COUNTRY, "Israel");
  at(NC_M_COUNTRY, "Iran");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    check_shifts(texts[i], strlen(texts[i]));
}

/* table_match_h rules out a phrase of no next word from the bytes that
 * follow its first word (struct entry's after): only those that may go
 * on there are matched, in any case their modes allow. */
static void test_after_key_bytes(void **state)
{
  (void)state;
  run("President-elect Joe Biden met President Joe Biden and "
      "PRESIDENT-ELECT Ana Gomes.");
  check_person("President-elect Joe Biden", "Joe Biden", "president-elect",
               NULL);
  check_person("President Joe Biden", "Joe Biden", "president", NULL);
  check_person("PRESIDENT-ELECT Ana Gomes", "Ana Gomes", "president-elect",
               NULL);
  assert_int_equal(count(NC_M_PERSON), 3);
  run("Vice President-elect Jane Doe spoke to vice president-elect John "
      "Roe.");
  check_person("Vice President-elect Jane Doe", "Jane Doe",
               "vice president-elect", NULL);
  check_person("vice president-elect John Roe", "John Roe",
               "vice president-elect", NULL);
  /* "U" is the first word of four acronyms, each in its own case */
  run("U.S. President Barack Obama met U.K. and U.A.E. envoys; U.S.A. and "
      "U.S officials and u.s. diplomats.");
  check_person("U.S. President Barack Obama", "Barack Obama", "president",
               "United States");
  assert_string_equal(at(NC_M_COUNTRY, "U.K.")->name, "United Kingdom");
  assert_string_equal(at(NC_M_COUNTRY, "U.A.E.")->name,
                      "United Arab Emirates");
  assert_string_equal(at(NC_M_COUNTRY, "U.S.A.")->name, "United States");
  assert_int_equal(count(NC_M_COUNTRY), 4); /* with the qualifier */
  run("I-Kiribati fishermen and i-kiribati boats; I said I-Vanuatu.");
  assert_true(at(NC_M_COUNTRY, "I-Kiribati")->demonym);
  at(NC_M_COUNTRY, "Vanuatu");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  /* a '.' after the first word, then a space: one byte to test */
  run("St. Lucia and St Lucia and ST. LUCIA and St. Kitts and Nevis.");
  at(NC_M_COUNTRY, "St. Lucia");
  at(NC_M_COUNTRY, "St Lucia");
  at(NC_M_COUNTRY, "ST. LUCIA");
  at(NC_M_COUNTRY, "St. Kitts and Nevis");
  assert_int_equal(count(NC_M_COUNTRY), 4);
  run("Mr. John Smith Jr. said so, and Mr. Tom Jones Jr met Dr. Ann Lee "
      "Sr.");
  check_person("Mr. John Smith Jr.", "John Smith Jr.", NULL, NULL);
  check_person("Mr. Tom Jones Jr", "Tom Jones Jr", NULL, NULL);
  check_person("Dr. Ann Lee Sr.", "Ann Lee Sr.", NULL, NULL);
  /* an apostrophe after the first word may be curly */
  run("C\xc3\xb4te d'Ivoire and C\xc3\xb4te d\xe2\x80\x99Ivoire and "
      "C\xc3\xb4te d Ivoire.");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  assert_string_equal(at(NC_M_COUNTRY, "C\xc3\xb4te d'Ivoire")->name,
                      "Ivory Coast");
}

/* table_find_h compares the first eight bytes of a word with its key at
 * once (key8), the rest byte by byte: keys shorter than eight bytes, of
 * eight, and longer, in either case, and with bytes past ASCII. */
static void test_key_bytes(void **state)
{
  (void)state;
  run("AZERBAIJAN, Azerbaijan, azerbaijan, Bulgaria, BULGARIA, Bulgarians, "
      "T\xc3\xbcrkiye, T\xc3\xbcRKIYE, T\xc3\x9cRKIYE, S\xc3\xa3o "
      "Tom\xc3\xa9, Kazakhstan's Kazakhstani, "
      "Chad, CHAD, Iran, IRAN, Oman.");
  assert_string_equal(at(NC_M_COUNTRY, "AZERBAIJAN")->name, "Azerbaijan");
  at(NC_M_COUNTRY, "Azerbaijan");
  at(NC_M_COUNTRY, "Bulgaria");
  at(NC_M_COUNTRY, "BULGARIA");
  assert_true(at(NC_M_COUNTRY, "Bulgarians")->demonym);
  assert_string_equal(at(NC_M_COUNTRY, "T\xc3\xbcrkiye")->name, "Turkey");
  at(NC_M_COUNTRY, "T\xc3\xbcRKIYE");
  assert_string_equal(at(NC_M_COUNTRY, "S\xc3\xa3o Tom\xc3\xa9")->name,
                      "S\xc3\xa3o Tom\xc3\xa9 and Pr\xc3\xadncipe");
  at(NC_M_COUNTRY, "Kazakhstan");
  assert_true(at(NC_M_COUNTRY, "Kazakhstani")->demonym);
  at(NC_M_COUNTRY, "CHAD");
  at(NC_M_COUNTRY, "Iran");
  at(NC_M_COUNTRY, "IRAN");
  at(NC_M_COUNTRY, "Oman");
  assert_int_equal(count(NC_M_COUNTRY), 15);
}

/* scan_block finds once a block where the words it can take end: before
 * a long word (32 bytes or more) or one that runs on past the block, the
 * rest going to word_hash and the next block.  Words of 31, 32 and 33
 * bytes with keys on both sides, at every place against the blocks. */
static void test_block_word_ends(void **state)
{
  static const char *const texts[] = {
      "Israel abcdefghijklmnopqrstuvwxyzabcde Iran "
      "abcdefghijklmnopqrstuvwxyzabcdef Syria "
      "abcdefghijklmnopqrstuvwxyzabcdefg Japan Chad.",
      "Israel Iran Syria Japan Chad Oman Peru Cuba Fiji Laos Mali Togo "
      "Iraq Niger Nepal Kenya Sudan.",
      "Abcdefghijklmnopqrstuvwxyzabcdefghij,Israel,Iran;Syria Abcdefghij"
      "klmnopqrstuvwxyzabcdefghij Japan.",
      /* a key before a mark, a sign that is no letter, a letter */
      "Israel\xe2\x80\x94Iran\xc3\x97Syria\xc2\xa0Japan\xc3\xa9 "
      "Chad\xe2\x80\x9d Oman\xe4\xb8\xad Peru.",
  };
  size_t i;
  (void)state;

  run(texts[0]);
  at(NC_M_COUNTRY, "Israel");
  at(NC_M_COUNTRY, "Iran");
  at(NC_M_COUNTRY, "Syria");
  at(NC_M_COUNTRY, "Japan");
  at(NC_M_COUNTRY, "Chad");
  assert_int_equal(count(NC_M_COUNTRY), 5);
  run(texts[1]);
  assert_int_equal(count(NC_M_COUNTRY), 17);
  run(texts[2]);
  assert_int_equal(count(NC_M_COUNTRY), 4);
  run(texts[3]);
  at(NC_M_COUNTRY, "Israel");
  at(NC_M_COUNTRY, "Iran");
  at(NC_M_COUNTRY, "Syria");
  at(NC_M_COUNTRY, "Chad");
  at(NC_M_COUNTRY, "Peru");
  assert_int_equal(count(NC_M_COUNTRY), 5);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    check_shifts(texts[i], strlen(texts[i]));
}

/* scan_block asks no look-up of a key of ents with no phrase of one word
 * ("the") when the next word, after one blank, starts none of its
 * phrases (block_wants); after other space, or near the end of the text,
 * scan_word decides.  Each at every place against the blocks. */
static void test_block_next_word(void **state)
{
  static const char *const texts[] = {
      "the United States, the university, the Gambia, the gamble, the "
      "Netherlands, the nether, the State of Palestine, the state.",
      "the  United States, the\tGambia, the\xc2\xa0Netherlands, the\n"
      "Bahamas, the\n\nBahamas, the Bahamas",
      "We saw the",
      "We saw the U",
      "We saw the Ba",
      "Prime Minister Ana Gomes, prime time, the Prime Minister.",
  };
  size_t i;
  (void)state;

  run(texts[0]);
  at(NC_M_COUNTRY, "the United States");
  at(NC_M_COUNTRY, "the Gambia");
  at(NC_M_COUNTRY, "the Netherlands");
  at(NC_M_COUNTRY, "the State of Palestine");
  assert_int_equal(count(NC_M_COUNTRY), 4);
  run(texts[1]);
  at(NC_M_COUNTRY, "the  United States");
  at(NC_M_COUNTRY, "the\tGambia");
  at(NC_M_COUNTRY, "the\xc2\xa0Netherlands");
  at(NC_M_COUNTRY, "the\nBahamas");
  at(NC_M_COUNTRY, "the Bahamas");
  assert_int_equal(count(NC_M_COUNTRY), 6);
  for (i = 2; i < 5; i++) {
    run(texts[i]);
    assert_int_equal(count(NC_M_COUNTRY), 0);
  }
  run(texts[5]);
  check_person("Prime Minister Ana Gomes", "Ana Gomes", "prime minister",
               NULL);
  assert_int_equal(count(NC_M_PERSON), 1);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    check_shifts(texts[i], strlen(texts[i]));
}

/* Keys of 32 bytes or more are no business of pre[] (it marks lengths
 * below 32): scan_block leaves such words to word_hash.  A lexicon of
 * its own, with countries of 31, 32 and 33 letters, a demonym whose
 * plural has 32, and each at every place against the blocks. */
static void write_file(const char *dir, const char *name, const char *body)
{
  char path[256];
  FILE *f;

  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "w");
  assert_non_null(f);
  assert_int_equal(fputs(body, f) >= 0, 1);
  assert_int_equal(fclose(f), 0);
}

static void remove_file(const char *dir, const char *name)
{
  char path[256];

  snprintf(path, sizeof path, "%s/%s", dir, name);
  assert_int_equal(remove(path), 0);
}

/* A lexicon of its own: countries.json as given, the other files empty.
 * The files are removed once it is loaded. */
static struct nc_entlex *own_lexicon(const char *countries)
{
  static const char *const files[] = {"countries.json", "people.json",
                                      "titles.json", "names.json"};
  struct nc_entlex *own = NULL;
  struct nc_error err;
  char dir[] = "/tmp/nc-entities-XXXXXX";
  size_t i;

  assert_non_null(mkdtemp(dir));
  write_file(dir, files[0], countries);
  write_file(dir, files[1], "{\"people\": []}\n");
  write_file(dir, files[2],
             "{\"titles\": [], \"modifiers\": [], \"honorifics\": []}\n");
  write_file(dir, files[3],
             "{\"particles\": [], \"suffixes\": [], \"stop\": []}\n");
  if (nc_entlex_load(dir, &own, &err) != NC_OK)
    fail_msg("lexicon: %s: %s", err.file, err.msg);
  for (i = 0; i < 4; i++)
    remove_file(dir, files[i]);
  assert_int_equal(rmdir(dir), 0);
  return own;
}

static void test_long_keys(void **state)
{
  static const char *const texts[] = {
      "Abcdefghijklmnopqrstuvwxyzabcde met Abcdefghijklmnopqrstuvwxyzabcdef "
      "and Abcdefghijklmnopqrstuvwxyzabcdefg; Israel, "
      "Bcdefghijklmnopqrstuvwxyzabcde and Bcdefghijklmnopqrstuvwxyzabcdes.",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF Abcdefghijklmnopqrstuvwxyzabcdefgh "
      "Abcdefghijklmnopqrstuvwxyzabcdefg.",
  };
  struct nc_entlex *own, *saved = lx;
  size_t i;
  (void)state;

  own = own_lexicon("{\"countries\": ["
                    "{\"name\": \"Abcdefghijklmnopqrstuvwxyzabcde\"},"
                    "{\"name\": \"Abcdefghijklmnopqrstuvwxyzabcdef\"},"
                    "{\"name\": \"Abcdefghijklmnopqrstuvwxyzabcdefg\"},"
                    "{\"name\": \"Israel\", \"demonyms\": "
                    "[\"Bcdefghijklmnopqrstuvwxyzabcde\"]}],"
                    " \"blocked\": []}\n");

  lx = own;
  run(texts[0]);
  at(NC_M_COUNTRY, "Abcdefghijklmnopqrstuvwxyzabcde");
  at(NC_M_COUNTRY, "Abcdefghijklmnopqrstuvwxyzabcdef");
  at(NC_M_COUNTRY, "Abcdefghijklmnopqrstuvwxyzabcdefg");
  at(NC_M_COUNTRY, "Israel");
  assert_true(at(NC_M_COUNTRY, "Bcdefghijklmnopqrstuvwxyzabcde")->demonym);
  assert_true(at(NC_M_COUNTRY, "Bcdefghijklmnopqrstuvwxyzabcdes")->demonym);
  assert_int_equal(count(NC_M_COUNTRY), 6);
  run(texts[1]);
  at(NC_M_COUNTRY, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF");
  at(NC_M_COUNTRY, "Abcdefghijklmnopqrstuvwxyzabcdefg");
  assert_int_equal(count(NC_M_COUNTRY), 2);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    check_shifts(texts[i], strlen(texts[i]));
  lx = saved;
  nc_entlex_free(own);
}

/* pre[] takes a word's first two bytes from one load (PRE_AT2): every
 * first letter in both cases and every second byte must still lead to
 * its key, whatever the place of the word in a block.  A lexicon of its
 * own: a name for each capital with each second letter in turn (or a
 * digit), small-letter aliases, and names of another script whose lead
 * bytes share low bits with capitals ("P" and the Cyrillic 0xD0), some
 * as long as the blocks' test for long words asks (32 bytes).  Each must
 * be found as the scan by words finds it, in every case its patterns
 * allow. */
static void test_pre_index(void **state)
{
  static const char seconds[] = "abcdefghijklmnopqrstuvwxyz09";
  struct nc_entlex *own, *saved = lx;
  char json[8192], txt[4096], up[4096];
  size_t i, k, j = 0, t = 0, n = 0;
  (void)state;

  j += (size_t)snprintf(json + j, sizeof json - j, "{\"countries\": [");
  for (i = 0; i < 26; i++) {
    /* "Adland", "Biland", ..., each with an alias in small letters
     * ("adyard") */
    char c0 = (char)('A' + i), c1 = seconds[(i * 5 + 3) % 28];
    j += (size_t)snprintf(json + j, sizeof json - j,
                          "%s{\"name\": \"%c%cland\", \"aliases\": "
                          "[\"%c%cyard\"]}",
                          i ? ", " : "", c0, c1, c0 + 32, c1);
    t += (size_t)snprintf(txt + t, sizeof txt - t, "%c%cland %c%cyard, ",
                          c0, c1, c0 + 32, c1);
    n += 2;
  }
  for (k = 0; k < 28; k++) {
    /* every second byte under one first letter */
    j += (size_t)snprintf(json + j, sizeof json - j,
                          ", {\"name\": \"Q%cstan\"}", seconds[k]);
    t += (size_t)snprintf(txt + t, sizeof txt - t, "Q%cstan; ", seconds[k]);
    n++;
  }
  for (k = 15; k <= 17; k++) {
    /* names of 30, 32 and 34 bytes in two-byte letters ("Баа...а"): the
     * blocks leave the longer two to word_hash, found by the lanes of 16
     * bytes they fill */
    char name[40];
    size_t m;
    memcpy(name, "\xd0\x91", 2);
    for (m = 1; m < k; m++)
      memcpy(name + 2 * m, "\xd0\xb0", 2);
    name[2 * k] = '\0';
    j += (size_t)snprintf(json + j, sizeof json - j, ", {\"name\": \"%s\"}",
                          name);
    t += (size_t)snprintf(txt + t, sizeof txt - t, "%s %s, ", name, name);
    n += 2;
  }
  j += (size_t)snprintf(
      json + j, sizeof json - j,
      ", {\"name\": \"\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f\"}"
      ", {\"name\": \"\xc3\x96sterreich\"}, {\"name\": \"9land\"}]"
      ", \"blocked\": []}\n");
  /* Россия; its lead byte 0xD0 shares the low six bits of 'P', as 0xD1
   * does those of 'Q' (the words after it are no keys) */
  t += (size_t)snprintf(txt + t, sizeof txt - t,
                        "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f, "
                        "\xd0\xa0\xd0\xbestan \xd1\x81stan "
                        "\xc3\x96sterreich and 9land.");
  n += 3;
  assert_true(j < sizeof json && t < sizeof txt);
  own = own_lexicon(json);

  lx = own;
  run(txt);
  assert_int_equal(count(NC_M_COUNTRY), n);
  at(NC_M_COUNTRY, "Qzstan");
  at(NC_M_COUNTRY, "Q0stan");
  at(NC_M_COUNTRY, "Q9stan");
  at(NC_M_COUNTRY, "biyard");
  at(NC_M_COUNTRY, "Q9land");
  at(NC_M_COUNTRY, "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f");
  at(NC_M_COUNTRY, "\xc3\x96sterreich");
  at(NC_M_COUNTRY, "9land");
  check_shifts(txt, t);
  /* in capitals, the small-letter aliases still match, the names too
   * (their capital is there); the rest of the text as it was */
  for (i = 0; i <= t; i++)
    up[i] = txt[i] >= 'a' && txt[i] <= 'z' ? (char)(txt[i] - 32) : txt[i];
  run(up);
  assert_int_equal(count(NC_M_COUNTRY), n);
  check_shifts(up, t);
  lx = saved;
  nc_entlex_free(own);
}

/* A phrase of one word is matched from its bucket entry alone (the case
 * of its first letter, or of each byte of an acronym): it must want the
 * case the pattern has even where another phrase of the same first word
 * lets a small letter through to the tables ("chad basin", "uae free
 * zone").  A lexicon of its own. */
static void test_one_word_case(void **state)
{
  static const char *const texts[] = {
      "chad and Chad, CHAD; the chad basin; uae, Uae and UAE, "
      "a uae free zone.",
      "Uae said chad was cHAD; UAE free zone.",
  };
  struct nc_entlex *own, *saved = lx;
  size_t i;
  (void)state;

  own = own_lexicon(
      "{\"countries\": ["
      "{\"name\": \"Chad\", \"aliases\": [\"chad basin\"]},"
      "{\"name\": \"United Arab Emirates\", \"aliases\": [\"UAE\", "
      "\"uae free zone\"]}],"
      " \"blocked\": []}\n");

  lx = own;
  run(texts[0]);
  at(NC_M_COUNTRY, "Chad");
  at(NC_M_COUNTRY, "CHAD");
  assert_true(at(NC_M_COUNTRY, "chad basin")->alias);
  at(NC_M_COUNTRY, "UAE");
  assert_true(at(NC_M_COUNTRY, "uae free zone")->alias);
  assert_int_equal(count(NC_M_COUNTRY), 5);
  run(texts[1]);
  at(NC_M_COUNTRY, "UAE free zone");
  assert_int_equal(count(NC_M_COUNTRY), 1);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    check_shifts(texts[i], strlen(texts[i]));
  lx = saved;
  nc_entlex_free(own);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_country_names),
      cmocka_unit_test(test_country_aliases),
      cmocka_unit_test(test_country_demonyms),
      cmocka_unit_test(test_country_acronym_case),
      cmocka_unit_test(test_country_longest_match),
      cmocka_unit_test(test_country_possessive_dash),
      cmocka_unit_test(test_country_non_ascii),
      cmocka_unit_test(test_country_no_false_hits),
      cmocka_unit_test(test_country_lookup),
      cmocka_unit_test(test_person_qualifier_demonym),
      cmocka_unit_test(test_person_modifier_possessive),
      cmocka_unit_test(test_person_multiword_title),
      cmocka_unit_test(test_person_of_country),
      cmocka_unit_test(test_person_appositive),
      cmocka_unit_test(test_person_particles),
      cmocka_unit_test(test_particle_pairs),
      cmocka_unit_test(test_person_initials),
      cmocka_unit_test(test_person_qualifier_possessive),
      cmocka_unit_test(test_person_name_stops),
      cmocka_unit_test(test_person_no_name),
      cmocka_unit_test(test_person_known),
      cmocka_unit_test(test_articles),
      cmocka_unit_test(test_phrase_spacing),
      cmocka_unit_test(test_word_starts),
      cmocka_unit_test(test_first_word_case),
      cmocka_unit_test(test_word_edges_scripts),
      cmocka_unit_test(test_next_word),
      cmocka_unit_test(test_first_word_marks),
      cmocka_unit_test(test_plural_words),
      cmocka_unit_test(test_key_prefilter),
      cmocka_unit_test(test_next_word_case),
      cmocka_unit_test(test_key_prefilter_case),
      cmocka_unit_test(test_modifier_ends),
      cmocka_unit_test(test_three_byte_letters),
      cmocka_unit_test(test_many_matches),
      cmocka_unit_test(test_large_text),
      cmocka_unit_test(test_load_errors),
      cmocka_unit_test(test_block_shifts),
      cmocka_unit_test(test_block_tail),
      cmocka_unit_test(test_after_key_bytes),
      cmocka_unit_test(test_key_bytes),
      cmocka_unit_test(test_block_word_ends),
      cmocka_unit_test(test_block_next_word),
      cmocka_unit_test(test_long_keys),
      cmocka_unit_test(test_pre_index),
      cmocka_unit_test(test_one_word_case),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
