/* test_sentences.c: sentence splitting (abbreviations, initials,
 * decimals, quotes, headlines, offsets) and the abbreviation file. */
#include "testutil.h"

#include <unistd.h>

#include "newscheck/sentences.h"

static struct nc_abbrevs *ab;

static int load_abbrevs(void **state)
{
  struct nc_error err = {0};

  (void)state;
  return nc_abbrevs_load(TEST_DATADIR "/lexicon", &ab, &err) == NC_OK ? 0
                                                                       : -1;
}

static int free_abbrevs(void **state)
{
  (void)state;
  nc_abbrevs_free(ab);
  ab = NULL;
  return 0;
}

/* Split `text` as block 0 and check the sentences are exactly `want`
 * (NULL-terminated). */
static void expect_split(const char *text, const char *const *want)
{
  struct nc_sentences ss = {0};
  size_t i, n = 0;

  while (want[n])
    n++;
  nc_sentences_split_text(ab, text, strlen(text), 0, &ss);
  for (i = 0; i < ss.n && i < n; i++) {
    const struct nc_sentence *s = &ss.items[i];
    size_t len = s->end - s->start;
    if (len != strlen(want[i]) || memcmp(text + s->start, want[i], len) != 0)
      fail_msg("sentence %zu is \"%.*s\", expected \"%s\"", i, (int)len,
               text + s->start, want[i]);
  }
  if (ss.n != n)
    fail_msg("%zu sentences, expected %zu, in \"%s\"", ss.n, n, text);
  nc_sentences_free(&ss);
}

static void test_dotted_acronyms(void **state)
{
  static const char *const a[] = {
    "The U.S. Senate passed the bill on Friday.", "It now goes to the House.",
    NULL};
  static const char *const b[] = {"The plant will move to the U.S.",
                                  "The decision surprised workers.", NULL};
  static const char *const c[] = {
    "She met donors in Washington, D.C., and in New York.",
    "Then she flew home.", NULL};
  static const char *const d[] = {
    "The vote is at 9 a.m. Tuesday in the hall.", NULL};

  (void)state;
  expect_split("The U.S. Senate passed the bill on Friday. It now goes to "
               "the House.",
               a);
  expect_split("The plant will move to the U.S. The decision surprised "
               "workers.",
               b);
  expect_split("She met donors in Washington, D.C., and in New York. Then "
               "she flew home.",
               c);
  expect_split("The vote is at 9 a.m. Tuesday in the hall.", d);
}

static void test_titles_months_numbers(void **state)
{
  static const char *const a[] = {
    "Mr. Alvarez and Dr. Kim will speak on Nov. 18 at the forum.",
    "Gov. Ruiz will not attend.", NULL};
  static const char *const b[] = {
    "The striker wore No. 9 for the club.", "He left in Sept. 2023.",
    NULL};
  static const char *const c[] = {"Parts came from Acme Inc.",
                                  "The company declined to comment.", NULL};
  static const char *const d[] = {"Acme Inc. Chief Executive Lee Park "
                                  "signed the deal.",
                                  NULL};

  (void)state;
  expect_split("Mr. Alvarez and Dr. Kim will speak on Nov. 18 at the "
               "forum. Gov. Ruiz will not attend.",
               a);
  expect_split("The striker wore No. 9 for the club. He left in Sept. "
               "2023.",
               b);
  expect_split("Parts came from Acme Inc. The company declined to "
               "comment.",
               c);
  expect_split("Acme Inc. Chief Executive Lee Park signed the deal.", d);
}

static void test_initials(void **state)
{
  static const char *const a[] = {
    "The novel by J. R. Moreno sold 2 million copies.",
    "A film is planned.", NULL};
  static const char *const b[] = {
    "Coach Thomas H. Reilly resigned on Monday.", NULL};

  (void)state;
  expect_split("The novel by J. R. Moreno sold 2 million copies. A film "
               "is planned.",
               a);
  expect_split("Coach Thomas H. Reilly resigned on Monday.", b);
}

static void test_decimals_and_stops(void **state)
{
  static const char *const a[] = {"Prices rose 3.5 percent in May.",
                                  "Rents rose 1.25 percent.", NULL};
  static const char *const b[] = {"Will the council agree?",
                                  "Nobody knows!", "Wait and see\xE2\x80\xA6",
                                  "Then vote.", NULL};
  static const char *const c[] = {"Why not? he asked the board.", NULL};
  static const char *const d[] = {"The deficit was $1.2 billion.",
                                  "2025 will be worse.", NULL};

  (void)state;
  expect_split("Prices rose 3.5 percent in May. Rents rose 1.25 percent.",
               a);
  expect_split("Will the council agree? Nobody knows! Wait and "
               "see\xE2\x80\xA6 Then vote.",
               b);
  expect_split("Why not? he asked the board.", c);
  expect_split("The deficit was $1.2 billion. 2025 will be worse.", d);
}

/* A '.' before a space, letter or digit is taken without decoding the
 * bytes after it; each other byte after it goes the general way.  Both
 * must agree on where sentences end. */
static void test_full_stops_before_each_byte(void **state)
{
  static const char *const space[] = {"The vote failed.", "Then it passed.",
                                      NULL};
  static const char *const quote[] = {"The vote \"failed.\"",
                                      "Then it passed.", NULL};
  static const char *const paren[] = {"The vote (failed.)", "Then it passed.",
                                      NULL};
  static const char *const nbsp[] = {"The vote failed.",
                                     "Then it passed.", NULL};
  static const char *const dots[] = {"The vote failed..", "Then it passed.",
                                     NULL};
  static const char *const stop2[] = {"The vote failed.!", "Then it passed.",
                                      NULL};
  static const char *const one[] = {"The vote failed.Then it passed.", NULL};
  static const char *const digit[] = {"The vote failed 3.5 to 1.", NULL};
  static const char *const dash[] = {"The vote failed.-Then it passed.",
                                     NULL};
  static const char *const lower[] = {"The vote failed. then it passed.",
                                      NULL};
  static const char *const abbr[] = {"The vote of Gov. Reilly passed.",
                                     NULL};
  static const char *const tail[] = {"The vote failed.", NULL};

  (void)state;
  expect_split("The vote failed. Then it passed.", space);
  expect_split("The vote failed.  Then it passed.", space);
  expect_split("The vote failed.\tThen it passed.", space);
  expect_split("The vote \"failed.\" Then it passed.", quote);
  expect_split("The vote (failed.) Then it passed.", paren);
  expect_split("The vote failed.\xC2\xA0Then it passed.", nbsp);
  expect_split("The vote failed.. Then it passed.", dots);
  expect_split("The vote failed.! Then it passed.", stop2);
  expect_split("The vote failed.Then it passed.", one);
  expect_split("The vote failed 3.5 to 1.", digit);
  expect_split("The vote failed.-Then it passed.", dash);
  expect_split("The vote failed. then it passed.", lower);
  expect_split("The vote of Gov. Reilly passed.", abbr);
  expect_split("The vote failed.", tail);
  expect_split("The vote failed. ", tail);
}

static void test_headline_without_period(void **state)
{
  static const char *const a[] = {"Riverside Council Backs $4 Million "
                                  "Stadium Plan",
                                  NULL};

  (void)state;
  expect_split("Riverside Council Backs $4 Million Stadium Plan", a);
}

static void test_quoted_part(void **state)
{
  const char *t = "The mayor called the plan \xE2\x80\x9C"
                  "a disaster\xE2\x80\x9D on Monday. Voters agreed.";
  struct nc_sentences ss = {0};
  const char *q = strstr(t, "a disaster");
  const char *mon = strstr(t, "Monday");

  (void)state;
  nc_sentences_split_text(ab, t, strlen(t), 0, &ss);
  assert_int_equal(ss.n, 2);
  assert_int_equal(ss.items[0].nquotes, 1);
  assert_int_equal(ss.items[0].quotes[0].start, (size_t)(q - t) - 3);
  assert_int_equal(ss.items[0].quotes[0].end,
                   (size_t)(q - t) + strlen("a disaster") + 3);
  assert_true(nc_sentence_quoted(&ss.items[0], (size_t)(q - t)));
  assert_false(nc_sentence_quoted(&ss.items[0], (size_t)(mon - t)));
  assert_false(nc_sentence_quoted(&ss.items[0], 0));
  assert_int_equal(ss.items[1].nquotes, 0);
  nc_sentences_free(&ss);
}

static void test_fully_quoted_sentences(void **state)
{
  const char *t = "\"We will build it by 2027.\" The coach smiled. "
                  "\xE2\x80\x9CIt is our best season. We won 12 games,"
                  "\xE2\x80\x9D he said.";
  static const char *const want[] = {
    "\"We will build it by 2027.\"", "The coach smiled.",
    "\xE2\x80\x9CIt is our best season.",
    "We won 12 games,\xE2\x80\x9D he said.", NULL};
  struct nc_sentences ss = {0};

  (void)state;
  expect_split(t, want);
  nc_sentences_split_text(ab, t, strlen(t), 0, &ss);
  assert_int_equal(ss.items[0].nquotes, 1);
  assert_int_equal(ss.items[0].quotes[0].start, ss.items[0].start);
  assert_int_equal(ss.items[0].quotes[0].end, ss.items[0].end);
  assert_int_equal(ss.items[1].nquotes, 0);
  /* a quote over two sentences is clipped to each of them */
  assert_int_equal(ss.items[2].nquotes, 1);
  assert_int_equal(ss.items[2].quotes[0].start, ss.items[2].start);
  assert_int_equal(ss.items[2].quotes[0].end, ss.items[2].end);
  assert_int_equal(ss.items[3].nquotes, 1);
  assert_int_equal(ss.items[3].quotes[0].start, ss.items[3].start);
  assert_true(nc_sentence_quoted(&ss.items[3], ss.items[3].start + 3));
  assert_false(
      nc_sentence_quoted(&ss.items[3], (size_t)(strstr(t, "he said") - t)));
  nc_sentences_free(&ss);
}

static void test_apostrophes_not_quotes(void **state)
{
  const char *t = "The club\xE2\x80\x99s owner said the players\xE2\x80\x99 "
                  "union won\xE2\x80\x99t strike, and it's the fans' call.";
  const char *u = "Fans chanted \xE2\x80\x98no deal\xE2\x80\x99 outside "
                  "the team\xE2\x80\x99s offices.";
  struct nc_sentences ss = {0};

  (void)state;
  nc_sentences_split_text(ab, t, strlen(t), 0, &ss);
  assert_int_equal(ss.n, 1);
  assert_int_equal(ss.items[0].nquotes, 0);
  nc_sentences_free(&ss);
  /* paired single curly quotes at word edges are quotes */
  nc_sentences_split_text(ab, u, strlen(u), 0, &ss);
  assert_int_equal(ss.n, 1);
  assert_int_equal(ss.items[0].nquotes, 1);
  assert_int_equal(ss.items[0].quotes[0].start,
                   (size_t)(strstr(u, "no deal") - u) - 3);
  assert_int_equal(ss.items[0].quotes[0].end,
                   (size_t)(strstr(u, " outside") - u));
  nc_sentences_free(&ss);
}

static void test_unclosed_quote_runs_to_block_end(void **state)
{
  const char *t = "\xE2\x80\x9CWe have the money. We will spend it on "
                  "schools.";
  struct nc_sentences ss = {0};

  (void)state;
  nc_sentences_split_text(ab, t, strlen(t), 0, &ss);
  assert_int_equal(ss.n, 2);
  assert_int_equal(ss.items[1].nquotes, 1);
  assert_int_equal(ss.items[1].quotes[0].end, strlen(t));
  nc_sentences_free(&ss);
}

static void test_offsets_and_blocks(void **state)
{
  const char *in = "Budget Vote Delayed\n\nMenu\n\n"
                   "  The council met on Tuesday.   It adjourned at 10 "
                   "p.m. without a vote.  \n\n"
                   "The mayor speaks. (AP Photo/Lee Wong)\n";
  struct nc_source src = {0};
  struct nc_doc *doc = NULL;
  struct nc_error err = {0};
  struct nc_sentences ss = {0};
  size_t i;

  (void)state;
  src.id = "t";
  assert_int_equal(nc_doc_from_text(&src, xstrdup(in), strlen(in), &doc,
                                    &err),
                   NC_OK);
  nc_sentences_split(ab, doc, &ss);
  /* headline, two body sentences; menu and caption give none */
  assert_int_equal(ss.n, 3);
  assert_int_equal(ss.items[0].block, 0);
  assert_int_equal(ss.items[0].start, 0);
  assert_int_equal(ss.items[0].end, strlen("Budget Vote Delayed"));
  for (i = 1; i < 3; i++) {
    const struct nc_sentence *s = &ss.items[i];
    const struct nc_block *b = &doc->blocks[s->block];
    assert_int_equal(b->kind, NC_BLOCK_BODY);
    assert_true(s->end <= b->len);
    assert_false(b->text[s->start] == ' ');
    assert_false(b->text[s->end - 1] == ' ');
  }
  assert_memory_equal(doc->blocks[ss.items[1].block].text +
                          ss.items[1].start,
                      "The council met on Tuesday.", 27);
  assert_int_equal(ss.items[2].end - ss.items[2].start,
                   strlen("It adjourned at 10 p.m. without a vote."));
  /* block offsets map back to the input */
  assert_memory_equal(doc->input + nc_block_offset(
                                       &doc->blocks[ss.items[2].block],
                                       ss.items[2].start),
                      "It adjourned", 12);
  nc_sentences_free(&ss);
  nc_doc_free(doc);
}

/* A document split at once gives what its blocks split one by one give:
 * the same sentences with the same quoted spans, though the blocks share
 * one array of spans (a block without quotes after one with them gets
 * none) and the array of sentences is sized in advance from the length
 * of the text (a block of many short sentences goes past that). */
static void test_document_as_blocks(void **state)
{
  struct nc_buf in = {0};
  struct nc_source src = {0};
  struct nc_doc *doc = NULL;
  struct nc_error err = {0};
  struct nc_sentences all = {0}, one = {0};
  size_t i, k, n;

  (void)state;
  nc_buf_puts(&in, "Budget Vote Delayed\n\n"
                   "\"We will vote,\" the mayor said. \"Not today.\" "
                   "The council \xE2\x80\x9C"
                   "agreed\xE2\x80\x9D.\n\n"
                   "The council met on Tuesday. It adjourned at 10 p.m.\n\n"
                   "She said \"it will pass\n\n"
                   "No quotes here. None at all.\n\n");
  for (k = 0; k < 300; k++)
    nc_buf_puts(&in, k % 7 ? "Go! " : "\"No!\" ");
  nc_buf_puts(&in, "\n\nThe end.\n");
  src.id = "t";
  n = in.len;
  assert_int_equal(nc_doc_from_text(&src, nc_buf_take(&in), n, &doc, &err),
                   NC_OK);
  nc_sentences_split(ab, doc, &all);
  for (i = 0; i < doc->nblocks; i++)
    if (nc_block_feeds_claims(doc->blocks[i].kind))
      nc_sentences_split_text(ab, doc->blocks[i].text, doc->blocks[i].len, i,
                              &one);
  assert_true(all.n > 300);
  assert_int_equal(all.n, one.n);
  for (i = 0; i < all.n; i++) {
    const struct nc_sentence *a = &all.items[i], *b = &one.items[i];
    assert_int_equal(a->block, b->block);
    assert_int_equal(a->start, b->start);
    assert_int_equal(a->end, b->end);
    assert_int_equal(a->nquotes, b->nquotes);
    for (k = 0; k < a->nquotes; k++) {
      assert_int_equal(a->quotes[k].start, b->quotes[k].start);
      assert_int_equal(a->quotes[k].end, b->quotes[k].end);
    }
  }
  nc_sentences_free(&all);
  nc_sentences_free(&one);
  nc_doc_free(doc);
}

static void test_without_abbreviation_list(void **state)
{
  const char *t = "Dr. Lee arrived. She spoke.";
  struct nc_sentences ss = {0};

  (void)state;
  nc_sentences_split_text(NULL, t, strlen(t), 4, &ss);
  assert_true(ss.n >= 2);
  assert_int_equal(ss.items[0].block, 4);
  nc_sentences_free(&ss);
  nc_sentences_split_text(ab, "", 0, 0, &ss);
  nc_sentences_split_text(ab, "   ", 3, 0, &ss);
  assert_int_equal(ss.n, 0);
  nc_sentences_free(&ss);
}

static void test_long_block_is_fast(void **state)
{
  struct nc_buf b = {0};
  struct nc_sentences ss = {0};
  size_t i;

  (void)state;
  for (i = 0; i < 20000; i++)
    nc_buf_puts(&b, "The U.S. team won 3.5 games. \xE2\x80\x9CGood,\xE2\x80"
                    "\x9D Mr. Ames said. ");
  for (i = 0; i < 20000; i++)
    nc_buf_puts(&b, "a.");
  nc_sentences_split_text(ab, b.data, b.len, 0, &ss);
  assert_int_equal(ss.n, 40000);
  nc_sentences_free(&ss);
  nc_buf_free(&b);
}

static void test_long_runs_cut_between_characters(void **state)
{
  struct nc_buf b = {0};
  struct nc_sentences ss = {0};
  size_t i;

  (void)state;
  /* two-byte letters and no space for 5,000 bytes, then a space: the
   * run is cut at that space */
  for (i = 0; i < 2500; i++)
    nc_buf_puts(&b, "\xC3\xA9");
  nc_buf_puts(&b, " tail. End.");
  nc_sentences_split_text(ab, b.data, b.len, 0, &ss);
  assert_int_equal(ss.cut, 1);
  assert_int_equal(ss.items[0].start, 0);
  assert_int_equal(ss.items[0].end, 5000);
  assert_int_equal(ss.n, 3);
  nc_sentences_free(&ss);
  nc_buf_free(&b);
  /* three-byte characters and no space at all: cut where a character
   * begins, never inside one */
  for (i = 0; i < 20000; i++)
    nc_buf_puts(&b, "\xE2\x80\x94");
  nc_sentences_split_text(ab, b.data, b.len, 0, &ss);
  assert_true(ss.cut >= 1);
  for (i = 0; i < ss.n; i++) {
    assert_int_equal(ss.items[i].start % 3, 0);
    assert_int_equal(ss.items[i].end % 3, 0);
  }
  nc_sentences_free(&ss);
  nc_buf_free(&b);
}

static void test_quotes_next_to_other_characters(void **state)
{
  /* a single quote opens after a space or a dash, not after a letter,
   * whatever script the letter is in */
  const char *t = "The sign read \xE2\x80\x94\xE2\x80\x98"
                  "closed\xE2\x80\x99 and the caf\xC3\xA9\xE2\x80\x98"
                  "s owner left.";
  const char *u = "\x80'bad' bytes before it.";
  struct nc_sentences ss = {0};

  (void)state;
  nc_sentences_split_text(ab, t, strlen(t), 0, &ss);
  assert_int_equal(ss.n, 1);
  assert_int_equal(ss.items[0].nquotes, 1);
  assert_int_equal(ss.items[0].quotes[0].start,
                   (size_t)(strstr(t, "closed") - t) - 3);
  assert_int_equal(ss.items[0].quotes[0].end,
                   (size_t)(strstr(t, " and") - t));
  nc_sentences_free(&ss);
  /* after a byte that is not UTF-8 a quote may open too */
  nc_sentences_split_text(ab, u, strlen(u), 0, &ss);
  assert_int_equal(ss.n, 1);
  assert_int_equal(ss.items[0].nquotes, 1);
  assert_int_equal(ss.items[0].quotes[0].start, 1);
  assert_int_equal(ss.items[0].quotes[0].end, 6);
  nc_sentences_free(&ss);
}

/* Write abbreviations.json with `body` into a new temporary folder. */
static char *temp_lexicon(const char *body)
{
  char *dir = xstrdup("/tmp/nc_test_abXXXXXX");
  char path[128];
  FILE *f;

  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/abbreviations.json", dir);
  f = fopen(path, "w");
  assert_non_null(f);
  fputs(body, f);
  fclose(f);
  return dir;
}

static void remove_lexicon(char *dir)
{
  char path[128];

  snprintf(path, sizeof path, "%s/abbreviations.json", dir);
  unlink(path);
  rmdir(dir);
  free(dir);
}

/* The same sentences, shifted by a run of letters of every length from 0
 * to 80, so that each stop, quote, ellipsis and no-break space falls on
 * every place in the sixteen- and 64-byte groups the scanners take. */
static void test_stops_and_quotes_at_any_offset(void **state)
{
  size_t pad;

  (void)state;
  for (pad = 0; pad <= 80; pad++) {
    struct nc_buf text = {0}, first = {0};
    const char *want[5];
    struct nc_sentences ss = {0};
    size_t i;

    nc_buf_puts(&first, "W");
    for (i = 0; i < pad; i++)
      nc_buf_putc(&first, 'o');
    nc_buf_puts(&first, "w.");
    nc_buf_puts(&text, first.data);
    nc_buf_puts(&text, "\xC2\xA0\xC2\xABYes\xC2\xBB he said! Then it "
                       "ended\xE2\x80\xA6 Fine.");
    want[0] = first.data;
    want[1] = "\xC2\xABYes\xC2\xBB he said!";
    want[2] = "Then it ended\xE2\x80\xA6";
    want[3] = "Fine.";
    want[4] = NULL;
    expect_split(text.data, want);
    /* the guillemets quote one span, in the second sentence only */
    nc_sentences_split_text(ab, text.data, text.len, 0, &ss);
    assert_int_equal(ss.n, 4);
    assert_int_equal(ss.items[0].nquotes, 0);
    assert_int_equal(ss.items[1].nquotes, 1);
    assert_int_equal(ss.items[1].quotes[0].start, ss.items[1].start);
    assert_int_equal(ss.items[1].quotes[0].end - ss.items[1].start, 7);
    assert_int_equal(ss.items[2].nquotes, 0);
    nc_sentences_free(&ss);
    nc_buf_free(&first);
    nc_buf_free(&text);
  }
}

static void test_abbrevs_errors(void **state)
{
  struct nc_abbrevs *x = NULL;
  struct nc_error err = {0};
  char *dir;

  (void)state;
  assert_int_equal(nc_abbrevs_load("/nonexistent/lexicon", &x, &err),
                   NC_IO);
  assert_null(x);
  assert_non_null(strstr(err.file, "abbreviations.json"));

  dir = temp_lexicon("{\"titles\": [\"Mr.\",\n}");
  assert_int_equal(nc_abbrevs_load(dir, &x, &err), NC_RULE);
  assert_null(x);
  assert_non_null(strstr(err.file, "abbreviations.json"));
  remove_lexicon(dir);

  dir = temp_lexicon("{\"titles\": \"Mr.\"}");
  assert_int_equal(nc_abbrevs_load(dir, &x, &err), NC_RULE);
  assert_non_null(strstr(err.msg, "titles"));
  remove_lexicon(dir);

  dir = temp_lexicon("{\"months\": [\"Jan.\", 7]}");
  assert_int_equal(nc_abbrevs_load(dir, &x, &err), NC_RULE);
  assert_non_null(strstr(err.msg, "months"));
  assert_non_null(strstr(err.msg, "item 1"));
  remove_lexicon(dir);

  dir = temp_lexicon("{\"may_end\": [\"Inc\"]}");
  assert_int_equal(nc_abbrevs_load(dir, &x, &err), NC_RULE);
  assert_non_null(strstr(err.msg, "may_end"));
  remove_lexicon(dir);

  dir = temp_lexicon("{\"titles\": [\"Cllr.\"], \"sentence_starters\": "
                     "[\"The\"]}");
  assert_int_equal(nc_abbrevs_load(dir, &x, &err), NC_OK);
  assert_non_null(x);
  nc_abbrevs_free(x);
  remove_lexicon(dir);
}

/* A word at least as long as the longest abbreviation listed ends the
 * sentence at its dot without being looked up (long_plain_word), but
 * one as long that is listed does not, nor does one that white space or
 * a curly quote glued to it (bytes of 0x80 or more, counted with the
 * word when bytes are only counted) leaves as long as a listed one. */
static void test_long_words_before_dots(void **state)
{
  static const char *const one[] = {
    "They wrote to the Departments. Then they waited.",
    "They wrote to the\xC2\xA0" "Departments. Then they waited.",
    "They wrote to the \xE2\x80\x9C" "Departments. Then they waited.",
    "They wrote to the\xE2\x80\xAF" "Departments. Then they waited.",
    "They wrote to the\xEF\xBB\xBF" "Departments. Then they waited.",
    "Departments. Then they waited.",
    NULL};
  static const char *const two[] = {
    "They wrote to the Departmental.", "Then they waited.", NULL};
  static const char *const ru[] = {
    "\xD0\x9E\xD0\xBD \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB5\xD1\x85\xD0\xB0"
    "\xD0\xBB \xD0\xB2 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD1\x83.",
    "\xD0\x9F\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBC \xD1\x83\xD0\xB5\xD1\x85"
    "\xD0\xB0\xD0\xBB.",
    NULL};
  struct nc_abbrevs *keep = ab, *x = NULL;
  struct nc_error err = {0};
  char *dir;
  size_t i;

  (void)state;
  /* the list's own longest word, not a fixed length, bounds the test */
  dir = temp_lexicon("{\"never_end\": [\"Departments.\"], "
                     "\"sentence_starters\": [\"Then\"]}");
  assert_int_equal(nc_abbrevs_load(dir, &x, &err), NC_OK);
  remove_lexicon(dir);
  ab = x;
  for (i = 0; one[i]; i++) {
    const char *const want[] = {one[i], NULL};
    expect_split(one[i], want);
  }
  expect_split("They wrote to the Departmental. Then they waited.", two);
  ab = keep;
  nc_abbrevs_free(x);
  /* with the usual list: a long word in Cyrillic */
  expect_split("\xD0\x9E\xD0\xBD \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB5\xD1\x85"
               "\xD0\xB0\xD0\xBB \xD0\xB2 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA"
               "\xD0\xB2\xD1\x83. \xD0\x9F\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBC "
               "\xD1\x83\xD0\xB5\xD1\x85\xD0\xB0\xD0\xBB.",
               ru);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dotted_acronyms),
      cmocka_unit_test(test_titles_months_numbers),
      cmocka_unit_test(test_initials),
      cmocka_unit_test(test_decimals_and_stops),
      cmocka_unit_test(test_full_stops_before_each_byte),
      cmocka_unit_test(test_headline_without_period),
      cmocka_unit_test(test_quoted_part),
      cmocka_unit_test(test_fully_quoted_sentences),
      cmocka_unit_test(test_apostrophes_not_quotes),
      cmocka_unit_test(test_unclosed_quote_runs_to_block_end),
      cmocka_unit_test(test_offsets_and_blocks),
      cmocka_unit_test(test_document_as_blocks),
      cmocka_unit_test(test_without_abbreviation_list),
      cmocka_unit_test(test_long_block_is_fast),
      cmocka_unit_test(test_long_runs_cut_between_characters),
      cmocka_unit_test(test_quotes_next_to_other_characters),
      cmocka_unit_test(test_stops_and_quotes_at_any_offset),
      cmocka_unit_test(test_abbrevs_errors),
      cmocka_unit_test(test_long_words_before_dots),
  };

  return cmocka_run_group_tests(tests, load_abbrevs, free_abbrevs);
}
