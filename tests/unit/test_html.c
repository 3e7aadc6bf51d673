/* test_html.c: unit tests for html.c, the HTML article extractor: site
 * furniture dropped, captions/decks/quotes typed, metadata and dates
 * found, charsets converted, broken markup recovered, offsets sane. */
#include "testutil.h"

#include <time.h>

#include "newscheck/document.h"

/* Parse a page given as a string (copied, as nc_doc_from_html takes
 * ownership). */
static struct nc_doc *parse_cs(const char *html, size_t len,
                               const char *charset, const char *published)
{
  struct nc_source src;
  struct nc_doc *doc = NULL;
  struct nc_error err;
  char *data = malloc(len + 1);

  assert_non_null(data);
  memcpy(data, html, len);
  data[len] = '\0';
  memset(&src, 0, sizeof src);
  src.id = "t";
  src.path = "t.html";
  src.published = (char *)published;
  nc_error_clear(&err);
  assert_int_equal(nc_doc_from_html(&src, data, len, charset, &doc, &err),
                   NC_OK);
  assert_non_null(doc);
  return doc;
}

static struct nc_doc *parse(const char *html)
{
  return parse_cs(html, strlen(html), NULL, NULL);
}

/* Concatenation of the blocks of one kind, separated by '|'. */
static char *kind_text(const struct nc_doc *doc, enum nc_block_kind k)
{
  struct nc_buf b = {0};
  size_t i;

  for (i = 0; i < doc->nblocks; i++) {
    if (doc->blocks[i].kind != k)
      continue;
    if (b.len)
      nc_buf_putc(&b, '|');
    nc_buf_append(&b, doc->blocks[i].text, doc->blocks[i].len);
  }
  return nc_buf_take(&b);
}

static bool has_text(const struct nc_doc *doc, enum nc_block_kind k,
                     const char *needle)
{
  char *t = kind_text(doc, k);
  bool r = strstr(t, needle) != NULL;
  free(t);
  return r;
}

static bool any_text(const struct nc_doc *doc, const char *needle)
{
  size_t i;

  for (i = 0; i < doc->nblocks; i++) {
    char *t = xstrndup(doc->blocks[i].text, doc->blocks[i].len);
    bool r = strstr(t, needle) != NULL;
    free(t);
    if (r)
      return true;
  }
  return false;
}

#define P1 "<p>The regional water board approved a plan on Monday to build " \
  "three reservoirs, a spokesman said, after years of debate.</p>"
#define P2 "<p>Engineers expect the first of them to hold about 40 million " \
  "cubic metres of water, enough for two dry summers, by 2031.</p>"
#define P3 "<p>Farmers, who use most of the valley's water, welcomed the " \
  "decision, though some questioned its cost and its timetable.</p>"

static const char page_chrome[] =
    "<html><head><title>Board backs reservoirs</title></head><body>"
    "<header class=\"site-header\"><a href=\"/\">Valley Post</a>"
    "<nav><ul><li><a href=\"/a\">Home</a></li><li><a href=\"/b\">Local"
    "</a></li><li><a href=\"/c\">Sport</a></li></ul></nav></header>"
    "<div id=\"main\"><article><h1>Board backs reservoirs</h1>"
    "<p class=\"standfirst\">Three new lakes for a thirsty valley, and a "
    "bill nobody has settled yet.</p>"
    "<figure><img src=\"a.jpg\"><figcaption>The dry riverbed in August "
    "2019. Photo: Ann Lee</figcaption></figure>" P1 P2
    "<blockquote><p>We waited twenty years for this day, the mayor "
    "said.</p></blockquote>" P3
    "<div class=\"social-share\"><a href=\"#\">Share on Facebook</a> "
    "<a href=\"#\">Tweet this</a></div></article>"
    "<aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/x\">Rain "
    "falls for 9 days</a></li></ul></aside></div>"
    "<div class=\"newsletter\"><p>Sign up for our 5 o'clock newsletter, "
    "free every weekday.</p></div>"
    "<footer><p>Copyright 2024 Valley Post. All rights reserved.</p>"
    "</footer></body></html>";

static void test_nav_footer_dropped(void **state)
{
  struct nc_doc *doc = parse(page_chrome);

  (void)state;
  assert_true(has_text(doc, NC_BLOCK_BODY, "three reservoirs"));
  assert_true(has_text(doc, NC_BLOCK_BODY, "Farmers"));
  assert_false(any_text(doc, "Home"));
  assert_false(any_text(doc, "Copyright"));
  assert_false(any_text(doc, "Sign up"));
  assert_false(any_text(doc, "Share on Facebook"));
  assert_false(any_text(doc, "Rain falls"));
  nc_doc_free(doc);
}

static void test_caption_kept_as_caption(void **state)
{
  struct nc_doc *doc = parse(page_chrome);

  (void)state;
  assert_true(has_text(doc, NC_BLOCK_CAPTION, "dry riverbed in August"));
  assert_false(has_text(doc, NC_BLOCK_BODY, "riverbed"));
  nc_doc_free(doc);
}

static void test_headline_deck_quote(void **state)
{
  struct nc_doc *doc = parse(page_chrome);
  char *h = kind_text(doc, NC_BLOCK_HEADLINE);

  (void)state;
  assert_string_equal(h, "Board backs reservoirs");
  free(h);
  assert_true(has_text(doc, NC_BLOCK_DECK, "Three new lakes"));
  assert_true(has_text(doc, NC_BLOCK_QUOTE, "waited twenty years"));
  assert_false(has_text(doc, NC_BLOCK_BODY, "waited twenty years"));
  assert_string_equal(doc->title, "Board backs reservoirs");
  nc_doc_free(doc);
}

static void test_h2_after_h1_is_deck(void **state)
{
  struct nc_doc *doc = parse(
      "<html><body><article><h1>Storm closes port</h1><h2>Ships wait "
      "offshore as winds reach 120 km/h along the coast</h2>" P1 P2 P3
      "</article></body></html>");

  (void)state;
  assert_true(has_text(doc, NC_BLOCK_DECK, "Ships wait offshore"));
  nc_doc_free(doc);
}

static void check_day(struct nc_doc *doc, int y, int m, int d)
{
  assert_true(doc->has_published);
  assert_int_equal(doc->published.y, y);
  assert_int_equal(doc->published.m, m);
  assert_int_equal(doc->published.d, d);
}

static void test_date_from_meta(void **state)
{
  struct nc_doc *doc = parse(
      "<html><head><meta property=\"article:published_time\" "
      "content=\"2023-04-12T08:30:00+02:00\"></head><body>" P1 P2
      "</body></html>");

  (void)state;
  check_day(doc, 2023, 4, 12);
  assert_string_equal(doc->date_meta, "2023-04-12T08:30:00+02:00");
  nc_doc_free(doc);
}

static void test_date_from_jsonld(void **state)
{
  struct nc_doc *doc = parse(
      "<html><head><script type=\"application/ld+json\">{\"@graph\":["
      "{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2022-12-01T10:00:00Z\",\"author\":"
      "[{\"name\":\"Ann Lee\"},{\"name\":\"Bo Chan\"}]}]}</script>"
      "</head><body>" P1 P2 "</body></html>");

  (void)state;
  check_day(doc, 2022, 12, 1);
  assert_string_equal(doc->byline, "Ann Lee, Bo Chan");
  nc_doc_free(doc);
}

static void test_date_from_time(void **state)
{
  struct nc_doc *doc = parse(
      "<html><body><article><time datetime=\"2021-07-30\">July 30</time>"
      P1 P2 "</article></body></html>");

  (void)state;
  check_day(doc, 2021, 7, 30);
  nc_doc_free(doc);
}

static void test_date_from_dateline(void **state)
{
  struct nc_doc *doc = parse(
      "<html><body><article><div class=\"dateline\">Updated 3 March 2020, "
      "9:14 am</div><p class=\"byline\">By Carla Diaz</p>" P1 P2
      "</article></body></html>");

  (void)state;
  check_day(doc, 2020, 3, 3);
  assert_string_equal(doc->byline, "Carla Diaz");
  assert_false(any_text(doc, "9:14"));
  nc_doc_free(doc);
}

static void test_source_day_wins(void **state)
{
  const char *h = "<html><head><meta name=\"date\" content=\"2019-01-02\">"
                  "</head><body>" P1 "</body></html>";
  struct nc_doc *doc = parse_cs(h, strlen(h), NULL, "2024-05-06");

  (void)state;
  check_day(doc, 2024, 5, 6);
  nc_doc_free(doc);
}

static void test_metadata(void **state)
{
  struct nc_doc *doc = parse(
      "<html lang=\"fr\"><head><title>T</title>"
      "<link rel=\"canonical\" href=\"https://ex.org/s/1\">"
      "<meta property=\"og:site_name\" content=\"Ex Daily\">"
      "<meta name=\"author\" content=\"Jo Park\"></head><body>" P1
      "</body></html>");

  (void)state;
  assert_string_equal(doc->canonical, "https://ex.org/s/1");
  assert_string_equal(doc->site_name, "Ex Daily");
  assert_string_equal(doc->lang, "fr");
  assert_string_equal(doc->byline, "Jo Park");
  nc_doc_free(doc);
}

static void test_latin1_to_utf8(void **state)
{
  const char h[] = "<html><head><meta charset=\"iso-8859-1\"></head><body>"
                   "<p>Le caf\xe9 de la gare a servi 300 clients, "
                   "a dit le g\xe9rant \xe0 la presse locale.</p>"
                   "</body></html>";
  struct nc_doc *doc;
  size_t i;

  (void)state;
  doc = parse_cs(h, sizeof h - 1, NULL, NULL);
  assert_true(has_text(doc, NC_BLOCK_BODY, "caf\xc3\xa9 de la gare"));
  assert_true(has_text(doc, NC_BLOCK_BODY, "g\xc3\xa9rant \xc3\xa0 la"));
  assert_true(nc_utf8_valid(doc->input, doc->input_len, NULL));
  for (i = 0; i < doc->nblocks; i++)
    assert_true(nc_utf8_valid(doc->blocks[i].text, doc->blocks[i].len,
                              NULL));
  nc_doc_free(doc);
  /* the HTTP header's charset is used too */
  doc = parse_cs(h + 45, sizeof h - 46, "ISO-8859-1", NULL);
  assert_true(has_text(doc, NC_BLOCK_BODY, "caf\xc3\xa9"));
  nc_doc_free(doc);
}

static void test_invalid_bytes(void **state)
{
  const char h[] = "<html><head><meta charset=\"utf-8\"></head><body><p>"
                   "Bad \xff\xfe bytes in a sentence that is long enough "
                   "to count as text \xc3.</p></body></html>";
  struct nc_doc *doc;
  size_t i;

  (void)state;
  doc = parse_cs(h, sizeof h - 1, NULL, NULL);
  assert_true(doc->nblocks > 0);
  for (i = 0; i < doc->nblocks; i++)
    assert_true(nc_utf8_valid(doc->blocks[i].text, doc->blocks[i].len,
                              NULL));
  nc_doc_free(doc);
}

static void test_broken_markup(void **state)
{
  struct nc_doc *doc = parse(
      "<html><body><div class=content><p>The first paragraph has no end "
      "tag and the parser, as browsers do, closes it itself."
      "<p>The second one <b>has <i>badly</b> nested</i> inline tags, "
      "which must not lose any words.<div><p>Third, inside an unclosed "
      "div, still belongs to the story text.</body>");

  (void)state;
  assert_true(has_text(doc, NC_BLOCK_BODY, "closes it itself."));
  assert_true(has_text(doc, NC_BLOCK_BODY, "has badly nested inline"));
  assert_true(has_text(doc, NC_BLOCK_BODY, "Third, inside"));
  nc_doc_free(doc);
}

static void test_entities_and_space(void **state)
{
  struct nc_doc *doc = parse(
      "<html><body><p>Tom &amp; Jerry paid &euro;5&nbsp;000, &#8220;a "
      "lot&#x201D;,\n\n   said   the &lt;clerk&gt;, who had counted "
      "carefully.</p></body></html>");

  (void)state;
  assert_true(has_text(doc, NC_BLOCK_BODY,
                       "Tom & Jerry paid \xe2\x82\xac" "5 000, "
                       "\xe2\x80\x9c" "a lot\xe2\x80\x9d, said the "
                       "<clerk>, who"));
  nc_doc_free(doc);
}

static void test_offsets_map(void **state)
{
  const char *h = page_chrome;
  struct nc_doc *doc = parse(h);
  size_t i, j;

  (void)state;
  assert_true(doc->nblocks > 0);
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];
    assert_non_null(b->map);
    assert_true(b->start <= b->end && b->end <= doc->input_len);
    assert_int_equal(b->map[b->len], b->end);
    for (j = 0; j < b->len; j++) {
      assert_true(b->map[j] >= b->start && b->map[j] <= b->end);
      if (j)
        assert_true(b->map[j] >= b->map[j - 1]);
      /* ASCII letters come from the same letter in the input */
      if (nc_is_alpha((unsigned char)b->text[j]))
        assert_int_equal(doc->input[b->map[j]], b->text[j]);
    }
    /* the block's range is the element: it starts with a tag */
    assert_int_equal(doc->input[b->start], '<');
  }
  nc_doc_free(doc);
}

static void test_offsets_entities(void **state)
{
  const char *h = "<p>A &amp; B &eacute;t&eacute; ok</p>";
  struct nc_doc *doc = parse(h);
  const struct nc_block *b;

  (void)state;
  assert_int_equal(doc->nblocks, 1);
  b = &doc->blocks[0];
  assert_int_equal(b->len, strlen("A & B \xc3\xa9t\xc3\xa9 ok"));
  assert_int_equal(b->map[2], 5);  /* '&' from "&amp;" */
  assert_int_equal(b->map[4], 11); /* 'B' */
  assert_int_equal(b->map[6], 13); /* both bytes of "&eacute;" */
  assert_int_equal(b->map[7], 13);
  assert_int_equal(b->map[8], 21); /* 't' */
  nc_doc_free(doc);
}

static void test_deep_nesting(void **state)
{
  size_t depth = 200000, i, n = 0;
  char *h = malloc(depth * 11 + 200);
  struct nc_doc *doc;
  clock_t t0 = clock();

  (void)state;
  assert_non_null(h);
  n += (size_t)snprintf(h, 64, "<html><body>");
  for (i = 0; i < depth; i++) {
    memcpy(h + n, "<div>", 5);
    n += 5;
  }
  memcpy(h + n, "<p>Deep text at the bottom, long enough.</p>", 44);
  n += 44;
  for (i = 0; i < depth; i++) {
    memcpy(h + n, "</div>", 6);
    n += 6;
  }
  doc = parse_cs(h, n, NULL, NULL);
  free(h);
  assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
  nc_doc_free(doc);
}

static void test_empty_and_garbage(void **state)
{
  struct nc_doc *doc;

  (void)state;
  doc = parse("<html></html>");
  assert_int_equal(doc->nblocks, 0);
  nc_doc_free(doc);
  doc = parse("<<<>>><p <a =\"<\"></ <!-- <script>x</p>");
  nc_doc_free(doc);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_nav_footer_dropped),
    cmocka_unit_test(test_caption_kept_as_caption),
    cmocka_unit_test(test_headline_deck_quote),
    cmocka_unit_test(test_h2_after_h1_is_deck),
    cmocka_unit_test(test_date_from_meta),
    cmocka_unit_test(test_date_from_jsonld),
    cmocka_unit_test(test_date_from_time),
    cmocka_unit_test(test_date_from_dateline),
    cmocka_unit_test(test_source_day_wins),
    cmocka_unit_test(test_metadata),
    cmocka_unit_test(test_latin1_to_utf8),
    cmocka_unit_test(test_invalid_bytes),
    cmocka_unit_test(test_broken_markup),
    cmocka_unit_test(test_entities_and_space),
    cmocka_unit_test(test_offsets_map),
    cmocka_unit_test(test_offsets_entities),
    cmocka_unit_test(test_deep_nesting),
    cmocka_unit_test(test_empty_and_garbage),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
