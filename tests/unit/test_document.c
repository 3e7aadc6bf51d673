/* test_document.c: plain-text documents: block kinds, offsets, loading
 * errors, and the built-in articles' key lines. */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#include "newscheck/document.h"

/* Build a document from a string literal (copied). */
static struct nc_doc *from_text(const char *s)
{
  struct nc_source src = {0};
  struct nc_doc *doc = NULL;
  struct nc_error err = {0};
  size_t n = strlen(s);

  src.id = "t";
  src.published = "2024-03-05";
  assert_int_equal(nc_doc_from_text(&src, xstrndup(s, n), n, &doc, &err),
                   NC_OK);
  assert_non_null(doc);
  return doc;
}

/* The block whose text starts with `prefix`; fails when there is none. */
static const struct nc_block *find(const struct nc_doc *doc,
                                   const char *prefix)
{
  size_t i, n = strlen(prefix);

  for (i = 0; i < doc->nblocks; i++) {
    if (doc->blocks[i].len >= n &&
        memcmp(doc->blocks[i].text, prefix, n) == 0)
      return &doc->blocks[i];
  }
  fail_msg("no block starts with \"%s\"", prefix);
  return NULL;
}

static void assert_kind(const struct nc_doc *doc, const char *prefix,
                        enum nc_block_kind k)
{
  const struct nc_block *b = find(doc, prefix);
  if (b->kind != k)
    fail_msg("\"%s\" is %s, expected %s", prefix, nc_block_kind_str(b->kind),
             nc_block_kind_str(k));
}

static void assert_no_claims(const struct nc_doc *doc, const char *prefix)
{
  const struct nc_block *b = find(doc, prefix);
  if (nc_block_feeds_claims(b->kind))
    fail_msg("\"%s\" is %s, should not feed claims", prefix,
             nc_block_kind_str(b->kind));
}

static void test_kind_names(void **state)
{
  (void)state;
  assert_string_equal(nc_block_kind_str(NC_BLOCK_HEADLINE), "headline");
  assert_string_equal(nc_block_kind_str(NC_BLOCK_DECK), "deck");
  assert_string_equal(nc_block_kind_str(NC_BLOCK_BODY), "body");
  assert_string_equal(nc_block_kind_str(NC_BLOCK_CAPTION), "caption");
  assert_string_equal(nc_block_kind_str(NC_BLOCK_BOILERPLATE),
                      "boilerplate");
  assert_true(nc_block_feeds_claims(NC_BLOCK_HEADLINE));
  assert_true(nc_block_feeds_claims(NC_BLOCK_DECK));
  assert_true(nc_block_feeds_claims(NC_BLOCK_BODY));
  assert_false(nc_block_feeds_claims(NC_BLOCK_CAPTION));
  assert_false(nc_block_feeds_claims(NC_BLOCK_BOILERPLATE));
}

static void test_new_copies_source(void **state)
{
  struct nc_source src = {0};
  struct nc_doc *doc;

  (void)state;
  src.id = "city";
  src.outlet = "The Riverside Courier";
  src.url = "https://example.org/a";
  src.path = "a.txt";
  src.published = "2024-02-29";
  src.note = "from cache";
  doc = nc_doc_new(&src, xstrdup("x"), 1);
  assert_string_equal(doc->id, "city");
  assert_string_equal(doc->outlet, "The Riverside Courier");
  assert_string_equal(doc->url, "https://example.org/a");
  assert_string_equal(doc->path, "a.txt");
  assert_string_equal(doc->note, "from cache");
  assert_true(doc->has_published);
  assert_int_equal(doc->published.y, 2024);
  assert_int_equal(doc->published.m, 2);
  assert_int_equal(doc->published.d, 29);
  assert_null(doc->title);
  nc_doc_free(doc);
  src.published = "2024-02-30";
  doc = nc_doc_new(&src, xstrdup("x"), 1);
  assert_false(doc->has_published);
  nc_doc_free(doc);
  nc_doc_free(NULL);
}

static void test_menu_lines_are_boilerplate(void **state)
{
  struct nc_doc *doc = from_text(
      "Menu\n\nSearch\n\n\xC2\xA0\xC2\xA0|\xC2\xA0 Sports\n\n"
      "  \xE2\x80\xA2 Live Scores\n\nHome\n\n"
      "City Council Approves $4.2 Million Road Budget\n\n"
      "The council voted 7-2 on Tuesday to approve the plan.\n\n"
      "Related Content\n\nRead the full article here\n");

  (void)state;
  assert_kind(doc, "Menu", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Search", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "|", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "\xE2\x80\xA2 Live", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Home", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "City Council", NC_BLOCK_HEADLINE);
  assert_kind(doc, "The council voted", NC_BLOCK_BODY);
  assert_kind(doc, "Related Content", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Read the full", NC_BLOCK_BOILERPLATE);
  assert_string_equal(doc->title,
                      "City Council Approves $4.2 Million Road Budget");
  nc_doc_free(doc);
}

static void test_signup_lines_are_boilerplate(void **state)
{
  struct nc_doc *doc = from_text(
      "Harbor Town Fixes Its Ferry Schedule\n\n"
      "The ferry will run every 20 minutes from May 1, officials said.\n\n"
      "Welcome to the Harbor Gazette\n\n"
      "Sign up for our morning briefing on\nlocal politics and schools.\n\n"
      "Subscribe to our newsletter for more stories.\n\n"
      "Share this article\n");
  const struct nc_block *b;

  (void)state;
  assert_kind(doc, "Welcome to", NC_BLOCK_BOILERPLATE);
  /* the wrapped sign-up prompt is one block over two lines */
  b = find(doc, "Sign up for");
  assert_int_equal(b->kind, NC_BLOCK_BOILERPLATE);
  assert_int_equal(b->len, strlen("Sign up for our morning briefing on\n"
                                  "local politics and schools."));
  assert_kind(doc, "Subscribe to", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Share this", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "The ferry will", NC_BLOCK_BODY);
  nc_doc_free(doc);
}

static void test_all_caps_promo_in_body(void **state)
{
  struct nc_doc *doc = from_text(
      "STRIKER SIGNS FOR CITY\n\n"
      "The club paid 45 million euros for the forward on Monday.\n\n"
      "MANAGER FACES CALLS TO QUIT AFTER 'SHAMBOLIC' DEFEAT\n\n"
      "He will wear the number 9 shirt, the club said.\n\n"
      "Five Things We Learned From The Derby Weekend\n");

  (void)state;
  /* upper case before the story is the headline; inside it, a promo */
  assert_kind(doc, "STRIKER SIGNS", NC_BLOCK_HEADLINE);
  assert_kind(doc, "MANAGER FACES", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Five Things", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "He will wear", NC_BLOCK_BODY);
  nc_doc_free(doc);
}

/* A line of more than PROSE_WORDS words with no final stop is a promo
 * when four in five of its letters are capitals, however they are spread
 * over it. */
static void test_long_all_caps_lines(void **state)
{
  size_t caps;

  (void)state;
  for (caps = 300; caps <= 360; caps += 60) {
    struct nc_buf b = {0};
    struct nc_doc *doc;
    size_t i;

    nc_buf_puts(&b, "Council Approves Budget\n\n"
                    "The council approved the budget on Monday.\n\n");
    /* 42 words of two lower-case letters (84), then capitals: 300 is
     * less than four times 84, 360 more */
    for (i = 0; i < 42; i++)
      nc_buf_puts(&b, i == 0 ? "zz" : " zz");
    for (i = 0; i < caps; i++)
      nc_buf_puts(&b, i % 6 == 0 ? " A" : "A");
    nc_buf_puts(&b, "\n");
    doc = from_text(b.data);
    assert_kind(doc, "zz zz",
                caps == 300 ? NC_BLOCK_BODY : NC_BLOCK_BOILERPLATE);
    nc_doc_free(doc);
    nc_buf_free(&b);
  }
}

static void test_captions_with_credits(void **state)
{
  struct nc_doc *doc = from_text(
      "Mayor Unveils Plan for New Bridge\n\n"
      "The mayor speaks at city hall on Monday. (AP Photo/Jane Roe)\n\n"
      "The bridge would cost $300 million, the mayor said.\n\n"
      "Workers inspect the old span in 2019. (Photo: Reuters)\n\n"
      "A view of the river at dusk (Getty Images)\n\n"
      "Engineers walk along the deck on June 3, 2022. "
      "(Anna KOWALSKA / AFP)\n\n"
      "Council member Ray Diaz (L) and the mayor (R) shake hands on "
      "March 3, 2024.\n\n"
      "Source: City of Riverside, public domain\n\n"
      "Construction could start in 2026.\n");

  (void)state;
  assert_kind(doc, "The mayor speaks", NC_BLOCK_CAPTION);
  assert_kind(doc, "Workers inspect", NC_BLOCK_CAPTION);
  assert_kind(doc, "A view of", NC_BLOCK_CAPTION);
  assert_kind(doc, "Engineers walk", NC_BLOCK_CAPTION);
  assert_kind(doc, "Council member", NC_BLOCK_CAPTION);
  assert_no_claims(doc, "Source: City");
  assert_kind(doc, "The bridge would", NC_BLOCK_BODY);
  assert_kind(doc, "Construction could", NC_BLOCK_BODY);
  nc_doc_free(doc);
}

static void test_phrases_by_line_length(void **state)
{
  /* 45 words, ends with a stop: prose, whatever it opens with */
  struct nc_doc *doc = from_text(
      "Lighthouse Keeper Retires After Forty Years\n\n"
      "The keeper lit the lamp for the last time on Sunday, neighbours "
      "said.\n\n"
      "Sign up for the boat tours ended in March, when the harbour board "
      "voted to close the pier for repairs that engineers said would take "
      "at least two years and cost far more than the town had set aside "
      "for the work this year.\n\n"
      "Readers can find the full Privacy Policy and the Terms of Use of the "
      "harbour museum at the front desk, next to the maps of the coast and "
      "the old photographs of the keepers and their families that hang "
      "there.\n\n"
      "Our Privacy Policy changed on Friday\n\n"
      "The gift shop closes at noon. Source: Harbour Board\n\n"
      "Old postcards via Getty Images of the bay\n\n"
      "The museum would cosign up for the grant, its director said.\n");

  (void)state;
  assert_kind(doc, "Lighthouse Keeper", NC_BLOCK_HEADLINE);
  /* more than 40 words: the sign-up opening no longer counts */
  assert_kind(doc, "Sign up for the boat", NC_BLOCK_BODY);
  /* more than 30 words: the furniture phrases no longer count */
  assert_kind(doc, "Readers can find", NC_BLOCK_BODY);
  /* a short line: they do, in any case */
  assert_kind(doc, "Our Privacy Policy", NC_BLOCK_BOILERPLATE);
  /* credits in the middle of a short line */
  assert_kind(doc, "The gift shop", NC_BLOCK_CAPTION);
  assert_kind(doc, "Old postcards", NC_BLOCK_CAPTION);
  /* a phrase must start a word: "cosign up for" is not "sign up for" */
  assert_kind(doc, "The museum would", NC_BLOCK_BODY);
  nc_doc_free(doc);
}

/* The phrases looked for anywhere in a short line are found in either
 * case of each letter and at every place of the line (over the steps of
 * sixteen bytes and the tail), and a word that differs from one in its
 * first two bytes is not taken for it (the quick test of the first two
 * bytes must agree with the full comparison). */
static void test_phrases_any_case_any_place(void **state)
{
  static const struct {
    const char *text;
    enum nc_block_kind kind;
  } cases[] = {
      {"privacy policy", NC_BLOCK_BOILERPLATE},
      {"PRIVACY POLICY", NC_BLOCK_BOILERPLATE},
      {"Privacy Policy", NC_BLOCK_BOILERPLATE},
      {"pRIVACY policy", NC_BLOCK_BOILERPLATE},
      {"sign UP FOR", NC_BLOCK_BOILERPLATE},
      {"Click Here", NC_BLOCK_BOILERPLATE},
      {"OUR newsletter", NC_BLOCK_BOILERPLATE},
      {"VIA GETTY", NC_BLOCK_CAPTION},
      {"vIa Wikimedia", NC_BLOCK_CAPTION},
      {"| Source:", NC_BLOCK_CAPTION},
      {". SOURCE:", NC_BLOCK_CAPTION},
      /* other first two bytes */
      {"orivacy policy", NC_BLOCK_BODY},
      {"pivacy policy", NC_BLOCK_BODY},
      {"rpivacy policy", NC_BLOCK_BODY},
      {"\\ source:", NC_BLOCK_BODY},
      {"VUA GETTY", NC_BLOCK_BODY},
      {"cick here", NC_BLOCK_BODY},
      /* the same first two bytes, other third or fourth (the quick test
       * of the first four bytes must agree too), in either case */
      {"PRivacy policy", NC_BLOCK_BOILERPLATE},
      {"prIVacy policy", NC_BLOCK_BOILERPLATE},
      {"vIA gETTY", NC_BLOCK_CAPTION},
      {"| sOUrce:", NC_BLOCK_CAPTION},
      {"cLIck HERE", NC_BLOCK_BOILERPLATE},
      {"prixacy policy", NC_BLOCK_BODY},
      {"priVACY", NC_BLOCK_BODY},
      {"pravacy policy", NC_BLOCK_BODY},
      {"via_getty", NC_BLOCK_BODY},
      {"viaXgetty", NC_BLOCK_BODY},
      {"| soarce:", NC_BLOCK_BODY},
      {"|-source:", NC_BLOCK_BODY},
      {"clock here", NC_BLOCK_BODY},
      {"in your inbox", NC_BLOCK_BOILERPLATE},
      {"in yoUR INBOX", NC_BLOCK_BOILERPLATE},
      {"in you inbox", NC_BLOCK_BODY},
      {"terms of use", NC_BLOCK_BOILERPLATE},
      {"termz of use", NC_BLOCK_BODY},
  };
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t i, k, b;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (i = 0; i < sizeof cases / sizeof *cases; i++)
    for (k = 0; k < 24; k++) {
      size_t j;
      nc_buf_puts(&text, "Note");
      for (j = 0; j < k; j++)
        nc_buf_putc(&text, ' ');
      nc_buf_printf(&text, " %s of the pier today.\n\n", cases[i].text);
    }
  doc = from_text(text.data);
  assert_int_equal(doc->nblocks, 2 + 24 * sizeof cases / sizeof *cases);
  b = 2;
  for (i = 0; i < sizeof cases / sizeof *cases; i++)
    for (k = 0; k < 24; k++, b++)
      if (doc->blocks[b].kind != cases[i].kind)
        fail_msg("\"%.*s\" is %s, expected %s", (int)doc->blocks[b].len,
                 doc->blocks[b].text, nc_block_kind_str(doc->blocks[b].kind),
                 nc_block_kind_str(cases[i].kind));
  nc_doc_free(doc);
  nc_buf_free(&text);
}

/* The phrases looked for anywhere in a short line are found by reading
 * the line's bytes only at every few places (phrase_groups): each phrase
 * is found wherever it starts, at the start of the line, right after it
 * and at every offset from there, and when it ends the line; it is not
 * when a letter or digit runs into it, but is after a letter outside
 * ASCII, as a phrase that starts a word is. */
static void test_phrases_at_every_offset(void **state)
{
  static const struct {
    const char *text;
    enum nc_block_kind kind;
  } phrases[] = {
      {"sign up for", NC_BLOCK_BOILERPLATE},
      {"subscribe to our", NC_BLOCK_BOILERPLATE},
      {"our newsletter", NC_BLOCK_BOILERPLATE},
      {"privacy policy", NC_BLOCK_BOILERPLATE},
      {"terms of service", NC_BLOCK_BOILERPLATE},
      {"terms of use", NC_BLOCK_BOILERPLATE},
      {"use cookies", NC_BLOCK_BOILERPLATE},
      {"all rights reserved", NC_BLOCK_BOILERPLATE},
      {"read the full article", NC_BLOCK_BOILERPLATE},
      {"click here", NC_BLOCK_BOILERPLATE},
      {"enable javascript", NC_BLOCK_BOILERPLATE},
      {"in your inbox", NC_BLOCK_BOILERPLATE},
      {"delivered to your inbox", NC_BLOCK_BOILERPLATE},
      {"free newsletter", NC_BLOCK_BOILERPLATE},
      {". source:", NC_BLOCK_CAPTION},
      {"via wikimedia", NC_BLOCK_CAPTION},
      {"via getty", NC_BLOCK_CAPTION},
      {"| source:", NC_BLOCK_CAPTION},
  };
  enum { OFFSETS = 20 };
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t i, k, b, j;
  enum nc_block_kind want;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (i = 0; i < sizeof phrases / sizeof *phrases; i++) {
    const char *ph = phrases[i].text;
    for (k = 0; k < OFFSETS; k++) {
      /* at offset k: k - 1 letters and a space before it (a bracket
       * when k is 1), in upper case at odd offsets */
      if (k == 1)
        nc_buf_putc(&text, '(');
      for (j = 1; j < k; j++)
        nc_buf_putc(&text, j + 1 == k ? ' ' : 'n');
      for (j = 0; ph[j]; j++)
        nc_buf_putc(&text, k % 2 && ph[j] >= 'a' && ph[j] <= 'z' ? ph[j] - 32
                                                                 : ph[j]);
      nc_buf_puts(&text, " of the pier today.\n\n");
      /* ending the line */
      nc_buf_puts(&text, "Note");
      for (j = 0; j < k; j++)
        nc_buf_putc(&text, ' ');
      nc_buf_printf(&text, " %s\n\n", ph);
      /* run into by a letter, a digit, and a letter outside ASCII */
      nc_buf_puts(&text, "Note");
      for (j = 0; j < k; j++)
        nc_buf_putc(&text, 'n');
      nc_buf_printf(&text, " t%s of the pier today.\n\n", ph);
      nc_buf_puts(&text, "Note");
      for (j = 0; j < k; j++)
        nc_buf_putc(&text, 'n');
      nc_buf_printf(&text, " 7%s of the pier today.\n\n", ph);
      nc_buf_puts(&text, "Note");
      for (j = 0; j < k; j++)
        nc_buf_putc(&text, 'n');
      nc_buf_printf(&text, " caf\xC3\xA9%s of the pier today.\n\n", ph);
    }
  }
  doc = from_text(text.data);
  assert_int_equal(doc->nblocks,
                   2 + 5 * OFFSETS * sizeof phrases / sizeof *phrases);
  b = 2;
  for (i = 0; i < sizeof phrases / sizeof *phrases; i++)
    for (k = 0; k < OFFSETS; k++)
      for (j = 0; j < 5; j++, b++) {
        /* a phrase that opens with punctuation needs no word start */
        bool glued = j == 2 || j == 3;
        want = glued && nc_is_alnum((unsigned char)phrases[i].text[0])
                   ? NC_BLOCK_BODY
                   : phrases[i].kind;
        if (doc->blocks[b].kind != want)
          fail_msg("\"%.*s\" is %s, expected %s", (int)doc->blocks[b].len,
                   doc->blocks[b].text, nc_block_kind_str(doc->blocks[b].kind),
                   nc_block_kind_str(want));
      }
  nc_doc_free(doc);
  nc_buf_free(&text);
}

/* Word w of a list as variant c of test_listed_words_any_case puts it:
 * as listed, in upper case, capitalised, and (not listed) with a letter
 * after it or before it. */
static void put_variant(struct nc_buf *b, const char *w, size_t c)
{
  size_t i;

  if (c == 4)
    nc_buf_putc(b, 'q');
  for (i = 0; w[i]; i++)
    nc_buf_putc(b, (c == 1 || (c == 2 && i == 0)) ? w[i] - 32 : w[i]);
  if (c == 3)
    nc_buf_putc(b, 'q');
}

/* The date words of a time stamp, the agencies of a credit in brackets
 * and the month names by a position marker are looked up whole, in any
 * case, each among the listed words of its length and first letter:
 * every word of each list is found, and a word with a letter more is
 * not. */
static void test_listed_words_any_case(void **state)
{
  static const char *const dates[] = {
      "january",   "february",  "march",    "april",     "may",
      "june",      "july",      "august",   "september", "october",
      "november",  "december",  "jan",      "feb",       "mar",
      "apr",       "jun",       "jul",      "aug",       "sep",
      "sept",      "oct",       "nov",      "dec",       "monday",
      "tuesday",   "wednesday", "thursday", "friday",    "saturday",
      "sunday",    "mon",       "tue",      "tues",      "wed",
      "thu",       "thurs",     "fri",      "sat",       "sun",
      "am",        "pm",        "a",        "m",         "p",
      "et",        "est",       "edt",      "pt",        "pst",
      "pdt",       "ct",        "cst",      "cdt",       "gmt",
      "utc",       "bst",       "cet",      "cest",      "updated",
      "published", "posted",    "last",     "on",        "at",
      "modified"};
  static const char *const credits[] = {
      "afp",     "ap",           "reuters",      "getty",      "epa",
      "photo",   "photos",       "pool",         "file",       "courtesy",
      "credit",  "shutterstock", "bloomberg",    "xinhua",     "tass",
      "sputnik", "anadolu",      "flickr",       "wikimedia",  "istock",
      "alamy",   "upi",          "dpa",          "kyodo",      "yonhap",
      "handout", "images",       "illustration", "screenshot", "screengrab",
      "efe",     "ansa",         "photographer"};
  static const char *const months[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  enum {
    NDATES = sizeof dates / sizeof *dates,
    NCREDITS = sizeof credits / sizeof *credits,
    NMONTHS = sizeof months / sizeof *months
  };
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t i, c, b;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (c = 0; c < 5; c++) {
    for (i = 0; i < NDATES; i++) {
      nc_buf_puts(&text, "5 6 ");
      put_variant(&text, dates[i], c);
      nc_buf_puts(&text, " 7\n\n");
    }
    for (i = 0; i < NCREDITS; i++) {
      nc_buf_puts(&text, "The pier at dusk (");
      put_variant(&text, credits[i], c);
      nc_buf_puts(&text, ")\n\n");
    }
    for (i = 0; i < NMONTHS; i++) {
      nc_buf_puts(&text, "Ann Lee (L) and Bo Chan on 5 ");
      put_variant(&text, months[i], c);
      nc_buf_puts(&text, "\n\n");
    }
  }
  doc = from_text(text.data);
  assert_int_equal(doc->nblocks, 2 + 5 * (NDATES + NCREDITS + NMONTHS));
  b = 2;
  for (c = 0; c < 5; c++)
    for (i = 0; i < NDATES + NCREDITS + NMONTHS; i++, b++) {
      const struct nc_block *k = &doc->blocks[b];
      enum nc_block_kind listed =
          i < NDATES ? NC_BLOCK_BOILERPLATE : NC_BLOCK_CAPTION;
      if (c < 3 ? k->kind != listed : k->kind == listed)
        fail_msg("\"%.*s\" is %s", (int)k->len, k->text,
                 nc_block_kind_str(k->kind));
    }
  nc_doc_free(doc);
  nc_buf_free(&text);
}

/* The words of a line ending with a full stop are counted sixteen bytes
 * at a time, the last fewer than sixteen too (from the last sixteen of
 * the line), with the characters that need decoding taken one at a time
 * on the way: a furniture phrase counts in a line of 30 words and not in
 * one of 31, wherever the odd characters and the edges of the last words
 * fall among the steps of sixteen bytes and the tail. */
static void test_word_counts_at_line_ends(void **state)
{
  static const struct {
    const char *tail; /* after a last-but-one word of letters */
    size_t words;     /* the words of that word and the tail */
  } cases[] = {
      {" don\xE2\x80\x99t.", 2},  /* curly apostrophe inside a word */
      {" don\xE2\x80\x99 t.", 3}, /* ... not between letters */
      {" don't.", 2},
      {" don' t.", 3},
      {" caf\xC3\xA9.", 2}, /* a letter that C3 leads */
      {" \xCE\xA9\xCE\xBC\xCE\xAD\xCE\xB3\xCE\xB1.", 2}, /* Greek */
      {" \xD0\x9C\xD0\xB8\xD1\x80 \xD0\xB4\xD0\xB0.", 3},
      {" \xE2\x80\x94 x.", 2}, /* a dash between words */
      {" x\xE2\x80\x94y.", 3},
      {" \xE2\x80\x9Cx\xE2\x80\x9D.", 2}, /* curly quotes */
      {" 42.", 2},
      {" 4x2 y.", 3},
      {".", 1},
      {" a.b.", 3},
      {" ab\xD0\xB4.", 2}, /* a two-byte letter just before the end */
      {" \xD0\xB4.", 2},
  };
  /* 28 words, with a furniture phrase */
  static const char base[] = "Note the privacy policy w w w w w w w w w w w "
                             "w w w w w w w w w w w w w";
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t i, k, b, nb = 0;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (i = 0; i < sizeof cases / sizeof *cases; i++)
    for (k = 1; k <= 40; k++, nb++) {
      size_t j;
      nc_buf_printf(&text, "%s K", base);
      for (j = 1; j < k; j++)
        nc_buf_putc(&text, 'a');
      nc_buf_printf(&text, "%s\n\n", cases[i].tail);
    }
  doc = from_text(text.data);
  assert_int_equal(doc->nblocks, 2 + nb);
  b = 2;
  for (i = 0; i < sizeof cases / sizeof *cases; i++)
    for (k = 1; k <= 40; k++, b++) {
      enum nc_block_kind want =
          28 + cases[i].words <= 30 ? NC_BLOCK_BOILERPLATE : NC_BLOCK_BODY;
      if (doc->blocks[b].kind != want)
        fail_msg("\"%.*s\" is %s, expected %s", (int)doc->blocks[b].len,
                 doc->blocks[b].text, nc_block_kind_str(doc->blocks[b].kind),
                 nc_block_kind_str(want));
    }
  nc_doc_free(doc);
  nc_buf_free(&text);
}

/* Block b of doc, a line of `words` words, is of kind `want`. */
static void kind_of_words(const struct nc_doc *doc, size_t b, size_t words,
                          enum nc_block_kind want)
{
  if (doc->blocks[b].kind != want)
    fail_msg("%zu words \"%.*s\" is %s, expected %s", words,
             (int)doc->blocks[b].len, doc->blocks[b].text,
             nc_block_kind_str(doc->blocks[b].kind), nc_block_kind_str(want));
}

/* On a long line ending with a full stop, the letters and digits after
 * a space are counted first (sure_words): past 40 of them the line has
 * more than 40 words whatever else it holds, and the exact count is not
 * needed.  They must never count more than the words: a letter after an
 * apostrophe inside a word, after a letter outside ASCII or after a
 * space outside ASCII does not open a word there, and a line of 40 words
 * still takes the credit phrase of a short line. */
static void test_word_counts_of_long_lines(void **state)
{
  static const char *const fillers[] = {
      "doesn't",                 /* 1 word */
      "doesn\xE2\x80\x99t",      /* curly apostrophe: 1 word */
      "caf\xC3\xA9s",            /* a letter after one outside ASCII */
      "wording",                 /* plain */
      "wordiest\xC2\xA0wording", /* 2 words, a no-break space between */
      "seventy-seven",           /* 2 words */
  };
  static const size_t filler_words[] = {1, 1, 1, 1, 2, 2};
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t f, w, b, got;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (f = 0; f < sizeof fillers / sizeof *fillers; f++)
    for (w = 38; w <= 43; w++) {
      /* three words, the fillers, and one-letter words to make w */
      nc_buf_puts(&text, "Note. Source: harbour");
      for (got = 3; got + filler_words[f] <= w - 2; got += filler_words[f])
        nc_buf_printf(&text, " %s", fillers[f]);
      for (; got < w; got++)
        nc_buf_puts(&text, " q");
      nc_buf_puts(&text, ".\n\n");
    }
  doc = from_text(text.data);
  b = 2;
  for (f = 0; f < sizeof fillers / sizeof *fillers; f++)
    for (w = 38; w <= 43; w++, b++) {
      enum nc_block_kind want = w <= 40 ? NC_BLOCK_CAPTION : NC_BLOCK_BODY;
      if (doc->blocks[b].len < 240) /* long enough */
        fail_msg("short: %.*s", (int)doc->blocks[b].len, doc->blocks[b].text);
      kind_of_words(doc, b, w, want);
    }
  assert_int_equal(doc->nblocks, b);
  nc_doc_free(doc);
  nc_buf_free(&text);
}

/* A line ending with a full stop that has more than 12 sure word starts
 * (letters and digits after a space, two-byte letters such as Cyrillic
 * ones too) is left with a lower bound on its words, and they are counted
 * only when a furniture opening or a phrase is found in it: the verdicts
 * must be those of the exact count, at 30 and 40 words, however long the
 * words (a line of more than 40 short words has fewer than 240 bytes) and
 * wherever the letters fall among the steps of sixteen bytes. */
static void test_word_counts_found_late(void **state)
{
  static const char *const openings[] = {
      "Sign up now", "See our privacy policy", "Note. Source: harbour"};
  static const size_t opening_words[] = {3, 4, 3};
  static const char *const fillers[] = {
      "q", "\xD0\xB4", "\xD0\xB4\xD0\xBE\xD0\xBC", "don\xE2\x80\x99t",
      "\xE2\x80\x9Cq\xE2\x80\x9D", "4"};
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t o, f, pad, w, b, got, k;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (o = 0; o < 3; o++)
    for (f = 0; f < sizeof fillers / sizeof *fillers; f++)
      for (pad = 0; pad < 4; pad++)
        for (w = 10; w <= 44; w++) {
          /* the opening, a word of pad + 1 letters, the fillers */
          nc_buf_printf(&text, "%s x", openings[o]);
          for (k = 0; k < pad; k++)
            nc_buf_putc(&text, 'x');
          for (got = opening_words[o] + 1; got < w; got++)
            nc_buf_printf(&text, " %s", fillers[f]);
          nc_buf_puts(&text, ".\n\n");
        }
  doc = from_text(text.data);
  b = 2;
  for (o = 0; o < 3; o++)
    for (f = 0; f < sizeof fillers / sizeof *fillers; f++)
      for (pad = 0; pad < 4; pad++)
        for (w = 10; w <= 44; w++, b++) {
          enum nc_block_kind want = NC_BLOCK_BODY;
          if (o == 0 && w <= 40)
            want = NC_BLOCK_BOILERPLATE;
          if (o == 1 && w <= 30)
            want = NC_BLOCK_BOILERPLATE;
          if (o == 2 && w <= 40)
            want = NC_BLOCK_CAPTION;
          kind_of_words(doc, b, w, want);
        }
  assert_int_equal(doc->nblocks, b);
  nc_doc_free(doc);
  nc_buf_free(&text);
  /* symbols after spaces open no word, in two bytes or three: one word
   * and its symbols stay a line of symbols */
  doc = from_text("Harbour Museum Reopens\n\n"
                  "The keeper lit the lamp on Sunday, neighbours said.\n\n"
                  "Harbour \xC3\x97 \xC3\x97 \xC3\x97 \xC3\x97 \xC3\x97 "
                  "\xC3\x97 \xC3\x97 \xC3\x97 \xC3\x97 \xC3\x97 \xC3\x97 "
                  "\xC3\x97 \xC3\x97 \xC3\x97.\n\n"
                  "Harbour \xC2\xB1 \xC2\xB1 \xC2\xB1 \xC2\xB1 \xC2\xB1 "
                  "\xC2\xB1 \xC2\xB1 \xC2\xB1 \xC2\xB1 \xC2\xB1 \xC2\xB1 "
                  "\xC2\xB1 \xC2\xB1 \xC2\xB1.\n\n"
                  "Harbour \xE2\x80\x94 \xE2\x80\x94 \xE2\x80\x94 "
                  "\xE2\x80\x94 \xE2\x80\x94 \xE2\x80\x94 \xE2\x80\x94 "
                  "\xE2\x80\x94 \xE2\x80\x94 \xE2\x80\x94 \xE2\x80\x94 "
                  "\xE2\x80\x94 \xE2\x80\x94 \xE2\x80\x94.\n");
  assert_kind(doc, "Harbour \xC3", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Harbour \xC2", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Harbour \xE2", NC_BLOCK_BOILERPLATE);
  nc_doc_free(doc);
}

/* A line of 2 * 12 bytes or less has 12 words at most, so its digit-only
 * words are counted (for the time stamp test) without counting its words
 * first; the longer ones are counted first. */
static void test_time_stamp_lengths(void **state)
{
  struct nc_doc *doc = from_text("Harbour Museum Reopens\n\n"
                                 "The keeper lit the lamp on Sunday, "
                                 "neighbours said.\n\n"
                                 "1 2 3 4 5 6 7 8 9 1 2 3.\n\n"
                                 "5 2 3 4 5 6 7 8 9 1 2 34.\n\n"
                                 "6 2 3 4 5 6 7 8 9 1 2 3 4.\n\n"
                                 "7 November 2024 10 a.m.\n");

  (void)state;
  assert_kind(doc, "1 2 3", NC_BLOCK_BOILERPLATE); /* 24 bytes */
  assert_kind(doc, "5 2 3", NC_BLOCK_BOILERPLATE); /* 25 bytes */
  assert_kind(doc, "6 2 3", NC_BLOCK_BODY);        /* 13 words */
  assert_kind(doc, "7 November", NC_BLOCK_BOILERPLATE);
  nc_doc_free(doc);
}

/* A whole-line furniture phrase counts without the punctuation and
 * white space around it (ASCII or not), but for an opening bracket or
 * quote before it and a closing bracket after it. */
static void test_furniture_lines_trimmed(void **state)
{
  static const struct {
    const char *text;
    enum nc_block_kind kind;
  } cases[] = {
      {"[[ Share this article ]]", NC_BLOCK_BOILERPLATE},
      {"## Recommended for you ##", NC_BLOCK_BOILERPLATE},
      {"Recommended for you?!", NC_BLOCK_BOILERPLATE},
      {"... Recommended for you ...", NC_BLOCK_BOILERPLATE},
      {"[\xC2\xA0Share this article\xC2\xA0]", NC_BLOCK_BOILERPLATE},
      {"=\xE2\x80\x83Recommended for you.", NC_BLOCK_BOILERPLATE},
      {"Recommended for you\xE2\x80\x83.", NC_BLOCK_BODY},
      {"\"Recommended for you\"", NC_BLOCK_BODY},
      {"'Recommended for you'", NC_BLOCK_BODY},
      {"(Recommended for you)", NC_BLOCK_BODY},
      {"Recommended for you)", NC_BLOCK_BODY},
      {"\xE2\x80\x9CRecommended for you\xE2\x80\x9D", NC_BLOCK_BODY},
  };
  struct nc_buf text = {0};
  struct nc_doc *doc;
  size_t i;

  (void)state;
  nc_buf_puts(&text, "Harbour Museum Reopens\n\n"
                     "The keeper lit the lamp on Sunday, neighbours said."
                     "\n\n");
  for (i = 0; i < sizeof cases / sizeof *cases; i++)
    nc_buf_printf(&text, "%s\n\n", cases[i].text);
  doc = from_text(text.data);
  assert_int_equal(doc->nblocks, 2 + sizeof cases / sizeof *cases);
  for (i = 0; i < sizeof cases / sizeof *cases; i++)
    if (doc->blocks[2 + i].kind != cases[i].kind)
      fail_msg("\"%s\" is %s, expected %s", cases[i].text,
               nc_block_kind_str(doc->blocks[2 + i].kind),
               nc_block_kind_str(cases[i].kind));
  nc_doc_free(doc);
  nc_buf_free(&text);
}

static void test_line_shapes_outside_ascii(void **state)
{
  /* Cyrillic and Greek letters count as letters and their capitals as
   * capitals, as do accented Latin ones */
  struct nc_doc *doc = from_text(
      "\xD0\x93\xD0\x9E\xD0\xA0\xD0\x9E\xD0\x94 \xD0\x9E\xD0\x9B"
      "\xD0\x98\xD0\x9C\xD0\x9F \xCE\xA3\xCE\xA0\xCE\x91\xCE\xA1"
      "\xCE\xA4\xCE\x97 \xC3\x89T\xC3\x89\n\n"
      "The city\xE2\x80\x99s new stadium opened on Saturday with 40,000 "
      "fans.\n\n"
      "\xD0\x9D\xD0\x9E\xD0\x92\xD0\x90\xD0\xAF \xD0\x90\xD0\xA0"
      "\xD0\x95\xD0\x9D\xD0\x90 \xD0\x93\xD0\x9E\xD0\xA0\xD0\x9E"
      "\xD0\x94\xD0\x90 \xD0\x9E\xD0\xA2\xD0\x9A\xD0\xA0\xD0\xAB"
      "\xD0\xA2\xD0\x90\n\n"
      "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xB0\xD1\x8F \xD0\xB0\xD1\x80"
      "\xD0\xB5\xD0\xBD\xD0\xB0 \xD0\xBE\xD1\x82\xD0\xBA\xD1\x80"
      "\xD1\x8B\xD1\x82\xD0\xB0 \xD0\xB2 \xD1\x81\xD1\x83\xD0\xB1"
      "\xD0\xB1\xD0\xBE\xD1\x82\xD1\x83.\n");

  (void)state;
  assert_kind(doc, "\xD0\x93\xD0\x9E", NC_BLOCK_HEADLINE);
  /* capitals inside the story: a banner */
  assert_kind(doc, "\xD0\x9D\xD0\x9E\xD0\x92", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "\xD0\x9D\xD0\xBE\xD0\xB2", NC_BLOCK_BODY);
  assert_kind(doc, "The city", NC_BLOCK_BODY);
  nc_doc_free(doc);
}

static void test_headline_repeated_as_caption(void **state)
{
  struct nc_doc *doc = from_text(
      "Library Extends Opening Hours\n\n"
      "Library Extends Opening Hours. Source: Riverside Library, CC BY-SA\n"
      "\nThe library will open until 9 p.m. on weekdays.\n");

  (void)state;
  assert_int_equal(doc->blocks[0].kind, NC_BLOCK_HEADLINE);
  assert_int_equal(doc->blocks[1].kind, NC_BLOCK_CAPTION);
  assert_int_equal(doc->blocks[2].kind, NC_BLOCK_BODY);
  nc_doc_free(doc);
}

static void test_headline_kicker_deck_byline(void **state)
{
  struct nc_doc *doc = from_text(
      "Mayor: Vote on the budget is set for Friday\n\n"
      "City unveils a $12 million plan to fix its roads\n\n"
      "Spending on potholes will double under the proposal, which still "
      "needs the approval of a council split over taxes and the schools "
      "budget for next year\n\n"
      "By Jane Doe\n\n"
      "by \xC2\xB7 The Riverside Courier\n\n"
      "November 4, 2024\n\n"
      "Advertisement\n\n"
      "The city on Monday unveiled a plan to spend $12 million on roads.\n"
      "\nBy the end of 2025, every street would be repaved, she said.\n");

  (void)state;
  assert_kind(doc, "Mayor: Vote", NC_BLOCK_DECK);
  assert_kind(doc, "City unveils", NC_BLOCK_HEADLINE);
  assert_kind(doc, "Spending on", NC_BLOCK_DECK);
  assert_kind(doc, "By Jane Doe", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "by \xC2\xB7 The", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "Advertisement", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "November 4", NC_BLOCK_BOILERPLATE);
  assert_kind(doc, "The city on", NC_BLOCK_BODY);
  assert_kind(doc, "By the end", NC_BLOCK_BODY);
  assert_string_equal(doc->title,
                      "City unveils a $12 million plan to fix its roads");
  nc_doc_free(doc);
}

static void test_standfirst_without_headline(void **state)
{
  struct nc_doc *doc = from_text(
      "The transfer ends a summer of talks between the two clubs over the "
      "fee and the add-ons for the young winger\n"
      "Rovers have signed the winger for a fee of 30 million pounds, the "
      "club said on Friday.\n");

  (void)state;
  assert_int_equal(doc->nblocks, 2);
  assert_true(nc_block_feeds_claims(doc->blocks[0].kind));
  assert_int_not_equal(doc->blocks[0].kind, NC_BLOCK_HEADLINE);
  assert_int_equal(doc->blocks[1].kind, NC_BLOCK_BODY);
  assert_null(doc->title);
  nc_doc_free(doc);
}

static void test_offsets_exact(void **state)
{
  const char *in = "\xEF\xBB\xBF  Tram Line Opens\r\n\r\n"
                   "\tThe tram carries 8,000 riders a day.  \r\n"
                   "\xC2\xA0" "Fares are $2.\xC2\xA0" "\rIt runs all night.\n";
  struct nc_doc *doc = from_text(in);
  size_t i;

  (void)state;
  assert_int_equal(doc->input_len, strlen(in));
  assert_int_equal(doc->nblocks, 4);
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];
    assert_ptr_equal(b->text, doc->input + b->start);
    assert_int_equal(b->end - b->start, b->len);
    assert_null(b->map);
    assert_int_equal(nc_block_offset(b, 2), b->start + 2);
    assert_false(b->text[0] == ' ' || b->text[0] == '\t');
    assert_false(b->text[b->len - 1] == ' ' || b->text[b->len - 1] == '\r');
  }
  assert_int_equal(doc->blocks[0].start, 5);
  assert_memory_equal(doc->blocks[0].text, "Tram Line Opens", 15);
  assert_memory_equal(doc->blocks[2].text, "Fares are $2.", 13);
  assert_memory_equal(doc->blocks[3].text, "It runs all night.", 18);
  nc_doc_free(doc);
}

/* Empty lines are passed over without a search for their end: a line
 * after one or more of them (of any kind of line break) starts a new
 * paragraph, and one after none goes on with the paragraph above when it
 * starts in lower case. */
static void test_empty_lines_part_paragraphs(void **state)
{
  static const char *const want[] = {
      "Tram Line Opens", "The tram runs.\nall night.", "after one.",
      "after two.", "after crlf.", "after mixed.", "after a cr.",
      "after spaces.", "after\r\nnone.", "last."};
  const char *in = "Tram Line Opens\n\nThe tram runs.\nall night.\n\n"
                   "after one.\n\n\nafter two.\r\n\r\nafter crlf.\n\r\n\n"
                   "after mixed.\r\rafter a cr.\n \t\nafter spaces.\n"
                   "\nafter\r\nnone.\n\n\n\nlast.\n\n";
  struct nc_doc *doc = from_text(in);
  size_t i;

  (void)state;
  assert_int_equal(doc->nblocks, sizeof want / sizeof *want);
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];
    if (b->len != strlen(want[i]) || memcmp(b->text, want[i], b->len) != 0)
      fail_msg("block %zu is \"%.*s\", expected \"%s\"", i, (int)b->len,
               b->text, want[i]);
    assert_ptr_equal(b->text, doc->input + b->start);
  }
  nc_doc_free(doc);
}

static void test_wrapped_paragraphs_joined(void **state)
{
  struct nc_doc *doc = from_text(
      "Port Expansion Approved\n\n"
      "The harbor board voted on Wednesday to approve a long-debated\n"
      "expansion of the container port that will add four new berths\n"
      "and cost an estimated 1.2 billion dollars over ten years, said\n"
      "Board Chair Maria Lopez.\n\n"
      "Opponents said the plan would harm the wetlands south of the\n"
      "port and promised to challenge the vote in court before the\n"
      "work starts next spring.\n");

  (void)state;
  assert_int_equal(doc->nblocks, 3);
  assert_int_equal(doc->blocks[0].kind, NC_BLOCK_HEADLINE);
  assert_int_equal(doc->blocks[1].kind, NC_BLOCK_BODY);
  assert_int_equal(doc->blocks[2].kind, NC_BLOCK_BODY);
  assert_true(doc->blocks[1].text[doc->blocks[1].len - 1] == '.');
  assert_memory_equal(doc->blocks[1].text + doc->blocks[1].len - 24,
                      "Board Chair Maria Lopez.", 24);
  nc_doc_free(doc);
}

/* A private temporary folder for the load tests (group setup). */
static char tmpdir[64];

static int make_tmpdir(void **state)
{
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/nc_test_docXXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
  (void)state;
  return rmdir(tmpdir);
}

/* Write `n` bytes to a new file of the temporary folder; returns its path
 * (static storage, valid until the next call). */
static const char *temp_file(const char *data, size_t n, const char *suffix)
{
  static char path[128];
  static int seq;
  FILE *f;

  snprintf(path, sizeof path, "%s/in%d%s", tmpdir, seq++, suffix);
  f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
  return path;
}

static enum nc_status load(const char *path, struct nc_doc **doc,
                           struct nc_error *err)
{
  struct nc_source src = {0};

  src.id = "x";
  src.path = (char *)path;
  *doc = NULL;
  nc_error_clear(err);
  return nc_doc_load(&src, doc, err);
}

static void test_load_empty(void **state)
{
  struct nc_doc *doc;
  struct nc_error err;
  const char *p = temp_file("", 0, ".txt");

  (void)state;
  assert_int_equal(load(p, &doc, &err), NC_PARSE);
  assert_null(doc);
  assert_string_equal(err.file, p);
  assert_non_null(strstr(err.msg, "empty"));
  unlink(p);
  p = temp_file(" \n\n\t\n", 5, ".txt");
  assert_int_equal(load(p, &doc, &err), NC_PARSE);
  assert_string_equal(err.file, p);
  unlink(p);
}

static void test_load_binary(void **state)
{
  struct nc_doc *doc;
  struct nc_error err;
  const char *p = temp_file("Some text\0\x01\x02", 12, ".txt");

  (void)state;
  assert_int_equal(load(p, &doc, &err), NC_PARSE);
  assert_null(doc);
  assert_string_equal(err.file, p);
  assert_non_null(strstr(err.msg, "binary"));
  assert_non_null(strstr(err.msg, "offset 9"));
  unlink(p);
}

static void test_load_invalid_utf8(void **state)
{
  struct nc_doc *doc;
  struct nc_error err;
  const char *text = "Line one.\nLine two.\nCaf\xE9 au lait.\n";
  const char *p = temp_file(text, strlen(text), ".txt");

  (void)state;
  assert_int_equal(load(p, &doc, &err), NC_PARSE);
  assert_null(doc);
  assert_string_equal(err.file, p);
  assert_int_equal(err.line, 3);
  assert_non_null(strstr(err.msg, "invalid UTF-8 at byte 23 (line 3)"));
  unlink(p);
}

static void test_load_missing(void **state)
{
  struct nc_doc *doc;
  struct nc_error err;
  const char *p = "/nonexistent/newscheck/story.txt";

  (void)state;
  assert_int_equal(load(p, &doc, &err), NC_IO);
  assert_null(doc);
  assert_string_equal(err.file, p);
  assert_true(err.msg[0] != '\0');
}

static void test_load_plain_text(void **state)
{
  struct nc_doc *doc;
  struct nc_error err;
  const char *text = "\xEF\xBB\xBF" "Bakery Wins Award\n\n"
                     "The bakery on Elm Street won the prize on Sunday.\n";
  const char *p = temp_file(text, strlen(text), ".txt");

  (void)state;
  assert_int_equal(load(p, &doc, &err), NC_OK);
  assert_non_null(doc);
  assert_string_equal(doc->path, p);
  assert_string_equal(doc->title, "Bakery Wins Award");
  assert_int_equal(doc->nblocks, 2);
  assert_int_equal(doc->blocks[0].start, 3);
  nc_doc_free(doc);
  unlink(p);
}

static void test_load_html_dispatch(void **state)
{
  struct nc_doc *doc;
  struct nc_error err;
  const char *page = "\n  <!DOCTYPE html><html><body><h1>Ferry Fares Rise "
                     "Again</h1><p>The ferry company raised fares by 5 "
                     "percent on Monday.</p></body></html>\n";
  const char *p = temp_file(page, strlen(page), ".txt");
  size_t i;

  (void)state;
  /* markup at the start goes to the HTML reader whatever the name */
  assert_int_equal(load(p, &doc, &err), NC_OK);
  assert_non_null(doc);
  assert_true(doc->nblocks >= 1);
  for (i = 0; i < doc->nblocks; i++)
    assert_true(doc->blocks[i].len == 0 || doc->blocks[i].text[0] != '<');
  nc_doc_free(doc);
  unlink(p);
}

/* The same text read (its size a multiple of the page size, so no NUL
 * would follow a mapping) and mapped (one byte longer) gives the same
 * blocks; an HTML file is never left mapped (html.c works on a copy). */
static void test_load_mapped_or_read(void **state)
{
  size_t page = (size_t)sysconf(_SC_PAGESIZE), i, b;
  char *text = malloc(page + 2);
  struct nc_doc *doc[2];
  struct nc_error err;
  const char *p;
  const char *page_html = "<html><body><h1>Ferry Fares Rise</h1><p>The "
                          "ferry company raised fares on Monday.</p>"
                          "</body></html>\n";

  (void)state;
  assert_non_null(text);
  for (i = 0; i < page + 1; i++)
    text[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
  for (b = 0; b < 2; b++) {
    p = temp_file(text, page + b, ".txt");
    assert_int_equal(load(p, &doc[b], &err), NC_OK);
    assert_int_equal(doc[b]->input_mapped, b == 1);
    assert_int_equal(doc[b]->input_len, page + b);
    assert_memory_equal(doc[b]->input, text, page + b);
    assert_int_equal(doc[b]->input[page + b], '\0');
    unlink(p);
  }
  /* one more byte on the last line: the blocks are otherwise the same */
  assert_int_equal(doc[0]->nblocks, doc[1]->nblocks);
  for (b = 0; b < doc[0]->nblocks; b++) {
    assert_int_equal(doc[0]->blocks[b].start, doc[1]->blocks[b].start);
    assert_int_equal(doc[0]->blocks[b].kind, doc[1]->blocks[b].kind);
  }
  nc_doc_free(doc[0]);
  nc_doc_free(doc[1]);
  free(text);
  p = temp_file(page_html, strlen(page_html), ".html");
  assert_int_equal(load(p, &doc[0], &err), NC_OK);
  assert_false(doc[0]->input_mapped);
  nc_doc_free(doc[0]);
  unlink(p);
}

/* True when `needle` occurs in s[0..n). */
static bool memmem_s(const char *s, size_t n, const char *needle)
{
  size_t m = strlen(needle), i;

  for (i = 0; i + m <= n; i++) {
    if (memcmp(s + i, needle, m) == 0)
      return true;
  }
  return false;
}

/* Load data/articles/<name>; NULL when the file is not there. */
static struct nc_doc *load_article(const char *name)
{
  char path[1024];
  struct nc_doc *doc;
  struct nc_error err;

  snprintf(path, sizeof path, "%s/articles/%s", TEST_DATADIR, name);
  if (access(path, R_OK) != 0)
    return NULL;
  assert_int_equal(load(path, &doc, &err), NC_OK);
  return doc;
}

static void test_builtin_articles(void **state)
{
  char path[1024];
  DIR *dir;
  struct dirent *de;
  struct nc_doc *doc;
  size_t i, afp = 0, loaded = 0;

  (void)state;
  /* every article loads with exact offsets and some claim text */
  snprintf(path, sizeof path, "%s/articles", TEST_DATADIR);
  dir = opendir(path);
  assert_non_null(dir);
  while ((de = readdir(dir)) != NULL) {
    size_t n = strlen(de->d_name), feeding = 0;
    if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
      continue;
    doc = load_article(de->d_name);
    assert_non_null(doc);
    for (i = 0; i < doc->nblocks; i++) {
      const struct nc_block *b = &doc->blocks[i];
      assert_ptr_equal(b->text, doc->input + b->start);
      if (nc_block_feeds_claims(b->kind))
        feeding++;
    }
    assert_true(feeding >= 5);
    loaded++;
    nc_doc_free(doc);
  }
  closedir(dir);
  assert_true(loaded >= 5);

  doc = load_article("timesofisrael.txt");
  assert_non_null(doc);
  assert_kind(doc, "Post-Soviet state in Central Asia", NC_BLOCK_DECK);
  assert_no_claims(doc, "by ");
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];
    /* the three photo captions end in an agency credit "(... AFP ...)" */
    if (b->len > 30 && b->text[b->len - 1] == ')' &&
        memmem_s(b->text + b->len - 30, 30, "AFP")) {
      assert_int_equal(b->kind, NC_BLOCK_CAPTION);
      afp++;
    }
  }
  assert_int_equal(afp, 3);
  assert_non_null(doc->title);
  nc_doc_free(doc);

  doc = load_article("econotimes.txt");
  assert_non_null(doc);
  assert_kind(doc, "Menu", NC_BLOCK_BOILERPLATE);
  assert_no_claims(doc, "Search");
  assert_no_claims(doc, "Welcome to");
  assert_no_claims(doc, "Sign up for daily updates");
  assert_no_claims(doc, "\xE2\x80\xA2 Market Data");
  assert_kind(doc, "U.S. President Donald Trump", NC_BLOCK_BODY);
  assert_string_equal(doc->title, "Kazakhstan Set to Join Abraham Accords "
                                  "in Symbolic Move Toward Israel "
                                  "Normalization");
  nc_doc_free(doc);

  doc = load_article("washingtonexaminer.txt");
  assert_non_null(doc);
  assert_no_claims(doc, "TENSION BUILDS");
  assert_no_claims(doc, "Related Content");
  assert_kind(doc, "Kazakhstan to join", NC_BLOCK_HEADLINE);
  nc_doc_free(doc);

  doc = load_article("freebeacon.txt");
  assert_non_null(doc);
  assert_no_claims(doc, "Read the full article here");
  assert_true(nc_block_feeds_claims(doc->blocks[0].kind));
  nc_doc_free(doc);

  doc = load_article("shmews.txt");
  assert_non_null(doc);
  assert_no_claims(doc, "Source Article");
  assert_no_claims(doc, "Generated on:");
  assert_kind(doc, "Kazakhstan to Join", NC_BLOCK_HEADLINE);
  nc_doc_free(doc);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kind_names),
      cmocka_unit_test(test_new_copies_source),
      cmocka_unit_test(test_menu_lines_are_boilerplate),
      cmocka_unit_test(test_signup_lines_are_boilerplate),
      cmocka_unit_test(test_all_caps_promo_in_body),
      cmocka_unit_test(test_long_all_caps_lines),
      cmocka_unit_test(test_captions_with_credits),
      cmocka_unit_test(test_phrases_by_line_length),
      cmocka_unit_test(test_phrases_any_case_any_place),
      cmocka_unit_test(test_phrases_at_every_offset),
      cmocka_unit_test(test_listed_words_any_case),
      cmocka_unit_test(test_word_counts_at_line_ends),
      cmocka_unit_test(test_word_counts_of_long_lines),
      cmocka_unit_test(test_word_counts_found_late),
      cmocka_unit_test(test_time_stamp_lengths),
      cmocka_unit_test(test_furniture_lines_trimmed),
      cmocka_unit_test(test_line_shapes_outside_ascii),
      cmocka_unit_test(test_headline_repeated_as_caption),
      cmocka_unit_test(test_headline_kicker_deck_byline),
      cmocka_unit_test(test_standfirst_without_headline),
      cmocka_unit_test(test_offsets_exact),
      cmocka_unit_test(test_empty_lines_part_paragraphs),
      cmocka_unit_test(test_wrapped_paragraphs_joined),
      cmocka_unit_test(test_load_empty),
      cmocka_unit_test(test_load_binary),
      cmocka_unit_test(test_load_invalid_utf8),
      cmocka_unit_test(test_load_missing),
      cmocka_unit_test(test_load_plain_text),
      cmocka_unit_test(test_load_html_dispatch),
      cmocka_unit_test(test_load_mapped_or_read),
      cmocka_unit_test(test_builtin_articles),
  };

  return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
