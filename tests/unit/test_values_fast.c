/* test_values_fast.c: the value recognizer's shortcuts give what the
 * long way gives (src/numbers.c).  Each test reads the same texts by
 * both ways and compares every mention. */
#include "testutil.h"

#include "mentions_int.h"
#include "values_int.h"

static struct nc_numlex *lx;   /* as loaded */
static struct nc_numlex *slow; /* as loaded, the shortcuts tested here off */
static struct nc_mentions got, want;

static int setup(void **state)
{
  struct nc_error err;
  size_t i;
  (void)state;
  if (nc_numlex_load(TEST_DATADIR "/lexicon", &lx, &err) != NC_OK ||
      nc_numlex_load(TEST_DATADIR "/lexicon", &slow, &err) != NC_OK)
    return -1;
  /* in `slow`, a date word is tried as every value, and every token after
   * the first word of a longer key is tried as its second */
  for (i = 0; i < slow->n; i++) {
    slow->ents[i].kw &= ~(unsigned)KW_DATEWORD;
    slow->ents[i].next = ~0ull;
  }
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  nc_mentions_free(&got);
  nc_mentions_free(&want);
  nc_numlex_free(lx);
  nc_numlex_free(slow);
  return 0;
}

/* Every field the recognizer sets is the same in a and b. */
static void same_mentions(const char *text, const struct nc_mentions *a,
                          const struct nc_mentions *b)
{
  size_t i;
  if (a->n != b->n)
    fail_msg("\"%s\": %zu mentions, not %zu", text, a->n, b->n);
  for (i = 0; i < a->n; i++) {
    const struct nc_mention *x = &a->items[i], *y = &b->items[i];
    if (x->type != y->type || x->approx != y->approx || x->start != y->start ||
        x->end != y->end || x->value != y->value || x->value2 != y->value2 ||
        strcmp(x->currency, y->currency) != 0 || x->date.y != y->date.y ||
        x->date.m != y->date.m || x->date.d != y->date.d ||
        x->date2.y != y->date2.y || x->date2.m != y->date2.m ||
        x->date2.d != y->date2.d || x->prec != y->prec ||
        x->tolerance_days != y->tolerance_days || x->relative != y->relative ||
        x->unit != y->unit)
      fail_msg("\"%s\": mention %zu differs", text, i);
  }
}

/* Read `text` with and without a reference day, into `out`. */
static void read_both(const struct nc_numlex *l, const char *text,
                      bool has_ref, struct nc_mentions *out)
{
  struct nc_mention_ctx ctx = {{2025, 11, 6}, has_ref};
  nc_mentions_clear(out);
  nc_values_find(l, text, strlen(text), &ctx, out);
}

/* A word whose only roles that begin a value are date roles (a month, a
 * weekday, "today": KW_DATEWORD) is tried only as a date.  Each such key,
 * in each case and before or after what a number, money, a percent, a
 * range or a vague quantity could take, gives the same mentions as with
 * the bit cleared, when scan_at tries every value there. */
static void test_date_words(void **state)
{
  static const char *const forms[] = {
      "%s",           "%s 5",          "%s 5, 2024",    "%s 2024",
      "%s 5th",       "%s the 5th",    "%s, Nov. 5",    "%s of 2020",
      "%s 5 percent", "%s $5",         "%s - 5",        "%s to 5",
      "%s and 5",     "%s 5 to 7",     "%s USD 5",      "%s dozen",
      "%s of them",   "%s morning",    "%s night",      "last %s",
      "next %s",      "about %s",      "on %s",         "in %s 2019",
      "%s-5",         "%s, 5 million", "%s a year ago", "two %s later",
      "%s per cent",  "%s minus 5"};
  char key[64], text[160];
  size_t i, f, c, seen = 0;
  (void)state;

  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    if (!(e->kw & KW_DATEWORD) || e->len + 1 > sizeof key)
      continue;
    seen++;
    for (c = 0; c < 3; c++) {
      /* lower case, capital, upper case */
      size_t k;
      for (k = 0; k < e->len; k++) {
        char ch = e->key[k];
        key[k] = (c == 2 || (c == 1 && k == 0)) && ch >= 'a' && ch <= 'z'
                     ? (char)(ch - 'a' + 'A')
                     : ch;
      }
      key[e->len] = '\0';
      for (f = 0; f < sizeof forms / sizeof *forms; f++) {
        int r;
        snprintf(text, sizeof text, forms[f], key);
        for (r = 0; r < 2; r++) {
          read_both(lx, text, r, &got);
          read_both(slow, text, r, &want);
          same_mentions(text, &got, &want);
        }
      }
    }
  }
  /* months, weekdays and relative days have the bit */
  assert_true(seen >= 19);
  assert_true(nc_numlex_get(lx, "thursday", 8)->kw & KW_DATEWORD);
  assert_true(nc_numlex_get(lx, "may", 3)->kw & KW_DATEWORD);
  assert_true(nc_numlex_get(lx, "today", 5)->kw & KW_DATEWORD);
  /* an ordinal, a number word and a word that begins approximations do
   * not */
  assert_false(nc_numlex_get(lx, "second", 6)->kw & KW_DATEWORD);
  assert_false(nc_numlex_get(lx, "one", 3)->kw & KW_DATEWORD);
  assert_false(nc_numlex_get(lx, "about", 5)->kw & KW_DATEWORD);
}

/* The first word of a longer key ("in" of "in excess of") is looked
 * up with the words after it only when the next token may go on such a
 * key (nc_vnext): a word by the bit of its hash, a number or a mark only
 * when a key goes on with no letters.  Each longer key and its first
 * word, before numbers, marks and words, give the same mentions as when
 * every token is looked up with it. */
static void test_longer_keys(void **state)
{
  static const char *const forms[] = {"%s 5",
                                      "%s 5 percent",
                                      "%s, 5",
                                      "%s-5",
                                      "%s $5",
                                      "%s 1.5 million",
                                      "%s. 5",
                                      "%s 5th",
                                      "%s 2020",
                                      "%s: 5",
                                      "%s (5)",
                                      "%s \xe2\x80\x94 5",
                                      "%s caf\xc3\xa9 5",
                                      "%s word 5",
                                      "%s 5,000 people",
                                      "%s %% 5",
                                      "5 %s",
                                      "It cost 12 %s.",
                                      "30 %s 5",
                                      "%s"};
  char first[64], text[200];
  size_t i, f, seen = 0;
  (void)state;

  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    size_t k = 0;
    int w;
    /* a key of more than one token that begins with a word of letters
     * ("in excess of", "u.s.", "won’t") */
    while (k < e->len && e->key[k] >= 'a' && e->key[k] <= 'z')
      k++;
    if (k == 0 || k == e->len || e->len + 1 > sizeof first)
      continue;
    seen++;
    memcpy(first, e->key, k);
    first[k] = '\0';
    for (w = 0; w < 2; w++) {
      for (f = 0; f < sizeof forms / sizeof *forms; f++) {
        int r;
        snprintf(text, sizeof text, forms[f], w ? e->key : first);
        for (r = 0; r < 2; r++) {
          read_both(lx, text, r, &got);
          read_both(slow, text, r, &want);
          same_mentions(text, &got, &want);
        }
      }
    }
  }
  assert_true(seen >= 20);
  read_both(lx, "It rose in excess of 30 points", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].approx, NC_APPROX_MORE_THAN);
  assert_int_equal(got.items[0].end - got.items[0].start, 15);
  /* a key that goes on with a mark after its first word ("u" of "u.s.
   * dollars"): the mark is let through, as `slow` above cannot tell */
  read_both(lx, "It cost 12 U.S. dollars.", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_MONEY);
  assert_int_equal(got.items[0].end - got.items[0].start, 15);
  assert_string_equal(got.items[0].currency, "USD");
}

/* A web address after a space inside a run of words is looked for only
 * at a word that goes on with ':' or '.', and taken back for tokenize to
 * read.  After a tab the word loop stops and tokenize looks for it as it
 * always did: both must give the same mentions.  What comes before the
 * address covers a word, a mark and a space, a word of eight letters and
 * more, a word that goes on with a letter outside ASCII and the start of
 * the text; the addresses cover each form and near misses. */
static void test_web_address_after_space(void **state)
{
  static const char *const before[] = {
      "",     "See",  "See,", "Notably accordingly", "caf\xc3\xa9",
      "U.S.", "the 3"};
  static const char *const addr[] = {"http://x.org/5%", "https://x.org/5%",
                                     "www.x.org/5%",    "HTTP://X.ORG/9%",
                                     "Www.May.org/5",   "http:5 percent",
                                     "www. 5",          "http://",
                                     "https:/5",        "wwwx.5 percent",
                                     "www.5",           "https",
                                     "http://5 and 7",  "hat 5",
                                     "web.5 percent",   "what: 5 percent",
                                     "https://a.b 5",   "www.9%"};
  static const char *const after[] = {"", " 5 percent", ", 7 million",
                                      ". 3rd"};
  char spaced[160], tabbed[160];
  size_t b, a, t;
  (void)state;

  for (b = 0; b < sizeof before / sizeof *before; b++) {
    for (a = 0; a < sizeof addr / sizeof *addr; a++) {
      for (t = 0; t < sizeof after / sizeof *after; t++) {
        int r;
        const char *sep = before[b][0] ? " " : "";
        const char *tab = before[b][0] ? "\t" : "";
        snprintf(spaced, sizeof spaced, "%s%s%s%s", before[b], sep, addr[a],
                 after[t]);
        snprintf(tabbed, sizeof tabbed, "%s%s%s%s", before[b], tab, addr[a],
                 after[t]);
        for (r = 0; r < 2; r++) {
          read_both(lx, spaced, r, &got);
          read_both(lx, tabbed, r, &want);
          same_mentions(spaced, &got, &want);
        }
      }
    }
  }
  /* past the tokens kept on the stack, where the word loop makes room
   * as it goes: the word taken back is the last of the room */
  {
    struct nc_buf sb = {0}, tb = {0};
    size_t k, r;
    for (k = 0; k < 700; k++) {
      nc_buf_puts(&sb, k % 3 ? "ab" : "cd,");
      nc_buf_puts(&tb, k % 3 ? "ab" : "cd,");
      nc_buf_puts(&sb, " ");
      nc_buf_puts(&tb, k % 101 == 100 ? "\t" : " ");
      if (k % 101 == 100) {
        nc_buf_puts(&sb, "www.x.org/5% 7 percent ");
        nc_buf_puts(&tb, "www.x.org/5% 7 percent ");
      }
    }
    for (r = 0; r < 2; r++) {
      read_both(lx, sb.data, r, &got);
      read_both(lx, tb.data, r, &want);
      same_mentions("a long text", &got, &want);
      assert_int_equal(got.n, 700 / 101);
    }
    nc_buf_free(&sb);
    nc_buf_free(&tb);
  }
  /* and what each way gives: the address hides its digits, the rest is
   * read */
  read_both(lx, "Notably accordingly http://x.org/5% and 7 percent", true,
            &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_PERCENT);
  /* no web address is looked for after a mark with no space ("x,http"),
   * as before */
  read_both(lx, "x,http://a.org/5", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_NUMBER);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_words),
      cmocka_unit_test(test_longer_keys),
      cmocka_unit_test(test_web_address_after_space),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
