/* test_values_fast.c: the value recognizer's shortcuts give what the
 * long way gives (src/numbers.c).  Each test reads the same texts by
 * both ways and compares every mention. */
#include "testutil.h"

#include "mentions_int.h"
#include "newscheck/document.h"
#include "newscheck/sentences.h"
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
  /* in `slow`, a date word and "a" are tried as every value, every
   * token after the first word of a longer key is tried as its second,
   * the tokens after it are looked up to the most a key has, whether
   * what comes before begins a key or not, and every word with a key is
   * tried by each date rule that names words ("the", "last", "mid") and
   * after "the" (KW_DATE), and as a value, alone or after an
   * approximation (W_BEGIN) */
  for (i = 0; i < slow->n; i++) {
    slow->ents[i].kw &= ~(unsigned)(KW_DATEWORD | KW_NEXTLISTED | KW_QTYONLY);
    slow->ents[i].kw |= KW_DATE;
    slow->ents[i].flags |= W_BEGIN;
    slow->ents[i].next = ~0ull;
  }
  memset(slow->begins, 0xFF, sizeof slow->begins);
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

/* Write key e into buf in lower case (c 0), with a capital (1) or in
 * upper case (2). */
static void cased_key(const struct nc_lexent *e, int c, char *buf)
{
  size_t k;
  for (k = 0; k < e->len; k++) {
    char ch = e->key[k];
    buf[k] = (c == 2 || (c == 1 && k == 0)) && ch >= 'a' && ch <= 'z'
                 ? (char)(ch - 'a' + 'A')
                 : ch;
  }
  buf[e->len] = '\0';
}

/* Text ta read with lexicon la gives the mentions that text tb gives
 * with lb, with and without a reference day (offsets as in ta). */
static void same_reading(const struct nc_numlex *la, const char *ta,
                         const struct nc_numlex *lb, const char *tb)
{
  int r;
  for (r = 0; r < 2; r++) {
    read_both(la, ta, r, &got);
    read_both(lb, tb, r, &want);
    same_mentions(ta, &got, &want);
  }
}

/* Each key with the bit kw (each key of one word when kw is 0), in the
 * first `cases` of lower case, a capital and upper case, in each of the
 * forms (a "%s" for the key): read as with `slow`.  Returns the keys. */
static size_t keys_in_forms(unsigned kw, int cases, const char *const *forms,
                            size_t nforms)
{
  char key[64], text[200];
  size_t i, f, seen = 0;
  int c;

  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    if ((kw ? !(e->kw & kw) : memchr(e->key, ' ', e->len) != NULL) ||
        e->len + 1 > sizeof key)
      continue;
    seen++;
    for (c = 0; c < cases; c++) {
      cased_key(e, c, key);
      for (f = 0; f < nforms; f++) {
        snprintf(text, sizeof text, forms[f], key);
        same_reading(lx, text, slow, text);
      }
    }
  }
  return seen;
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
  size_t seen;
  (void)state;

  seen = keys_in_forms(KW_DATEWORD, 3, forms, sizeof forms / sizeof *forms);
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

/* nc_dates_at tries the rules that name their words ("the", "last",
 * "mid") only at a KW_DATE word, and "the" begins a date only before a
 * number, KW_DATE or a word with a role the forms after it read (an
 * ordinal, a number word, a time unit: "the 5th", "the next day").  Each
 * key of one token, as the word of those rules and as the word after
 * "the", gives the same mentions as when every word with a key passes
 * (KW_DATE on every key of `slow`). */
static void test_date_rule_words(void **state)
{
  static const char *const forms[] = {"%s week",
                                      "%s Monday",
                                      "%s this month",
                                      "%s June",
                                      "%s day",
                                      "%s-1990s",
                                      "%s 2000s",
                                      "%s-2024",
                                      "%s year",
                                      "%s week Sunday",
                                      "the %s",
                                      "the %s 5",
                                      "on the %s.",
                                      "the %s of June 2024",
                                      "the %s day",
                                      "the %s before yesterday",
                                      "the %s Sunday of next month",
                                      "by the %s!",
                                      "the %s-first of May",
                                      "the %s fifth"};
  size_t seen;
  (void)state;

  seen = keys_in_forms(0, 2, forms, sizeof forms / sizeof *forms);
  assert_true(seen > 500);
  /* and the rules find their dates */
  read_both(lx, "the next day", true, &got);
  assert_int_equal(got.n, 1);
  read_both(lx, "on the fifth.", true, &got);
  assert_int_equal(got.n, 1);
  read_both(lx, "in the mid-1990s", true, &got);
  assert_int_equal(got.n, 1);
  read_both(lx, "last week", true, &got);
  assert_int_equal(got.n, 1);
}

/* After an approximation word, scan_at tries a value only at a token
 * where one may begin alone (`begin`: a number, a sign, a W_BEGIN word)
 * or at a word of four letters ("MUSD", read by its text).  Each key of
 * one token after approximations, before what a value could take, gives
 * the same mentions as when every word with a key is tried (W_BEGIN on
 * every key of `slow`). */
static void test_after_approx(void **state)
{
  static const char *const forms[] = {
      "about %s 5",       "up to %s 5 percent",   "over %s $5",
      "nearly %s-5",      "about %s 2024",        "around %s, 7 million",
      "about %s USD 5",   "more than %s 3rd",     "about %s",
      "roughly %s dozen", "between %s 5 and 7",   "almost %s half",
      "about %s of them", "about %s 5 years ago", "some %s 12"};
  size_t seen;
  (void)state;

  seen = keys_in_forms(0, 3, forms, sizeof forms / sizeof *forms);
  assert_true(seen > 500);
  /* a word of four letters with no key is tried: money in millions */
  assert_null(nc_numlex_get(lx, "musd", 4));
  read_both(lx, "about MUSD 5", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_MONEY);
  read_both(lx, "about the 5", true, &got);
  assert_int_equal(got.n, 1);
  /* and at a sign or a currency symbol */
  read_both(lx, "about -5", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].approx, NC_APPROX_ABOUT);
  assert_true(got.items[0].value == -5);
  read_both(lx, "over $5", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_MONEY);
  assert_int_equal(got.items[0].start, 0);
}

/* A quote, dash or ellipsis of three bytes (U+200C to U+202E) glued to a
 * word of ASCII letters is read by the word loop, as ASCII marks are;
 * after a word that begins outside ASCII, tokenize reads it.  Each such
 * mark and its neighbours, after a word of each kind of the same bytes
 * ("qzx", "\xc3\xa9q") and before what may follow, give the same
 * mentions. */
static void test_wide_marks(void **state)
{
  static const char *const before[] = {"", "Up to ", "It was 5 ", "the "};
  static const char *const after[] = {"",
                                      "s 5 percent",
                                      " 5 percent",
                                      "5 percent",
                                      ". 7 million",
                                      "-3",
                                      "$5",
                                      "\xe2\x80\x99s 4",
                                      ", 3rd",
                                      " http://a.b/5",
                                      "www.a.b 5",
                                      "\xc3\xa9 5",
                                      "\xc2\xbd",
                                      " \xe2\x80\x94 5"};
  char fast[160], slow_text[160], mark[4];
  unsigned cp;
  size_t b, a;
  (void)state;

  assert_null(nc_numlex_get(lx, "qzx", 3));
  assert_null(nc_numlex_get(lx, "\xc3\xa9q", 3));
  for (cp = 0x2000; cp <= 0x2031; cp++) {
    mark[0] = (char)0xE2;
    mark[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    mark[2] = (char)(0x80 | (cp & 0x3F));
    mark[3] = '\0';
    for (b = 0; b < sizeof before / sizeof *before; b++) {
      for (a = 0; a < sizeof after / sizeof *after; a++) {
        snprintf(fast, sizeof fast, "%sqzx%s%s", before[b], mark, after[a]);
        snprintf(slow_text, sizeof slow_text, "%s\xc3\xa9q%s%s", before[b],
                 mark, after[a]);
        same_reading(lx, fast, lx, slow_text);
      }
    }
  }
  /* and what is read after the mark */
  read_both(lx, "qzx\xe2\x80\x99s 5 percent", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_PERCENT);
  read_both(lx, "It won\xe2\x80\x99t reach 12 million", true, &got);
  assert_int_equal(got.n, 1);
}

/* After a word with letters outside ASCII, tok_accented reads on past
 * one space, or one ASCII mark and one space (", "), to a word that
 * begins with a two-byte letter; with a tab in place of that space,
 * tokenize reads the mark and the word.  Each ASCII mark between such
 * words, in texts with values around them, gives the same mentions
 * either way. */
static void test_mark_after_accented(void **state)
{
  static const char *const before[] = {"", "5 ", "about ",
                                       "\xd0\xbc\xd0\xb8 "};
  static const char *const word[] = {"\xd0\xbc\xd0\xb8\xd1\x80", "caf\xc3\xa9",
                                     "\xc3\xa9"};
  static const char *const after[] = {
      "\xd0\xbc\xd0\xb8\xd1\x80 5 percent", "\xce\xb1 5",
      "\xd0\xbc\xd0\xb8\xd1\x80, 7 million", "\xc3\x97 5", "\xc3\xa9 $5"};
  char spaced[160], tabbed[160];
  unsigned c;
  size_t b, w, a;
  (void)state;

  for (c = 1; c < 0x80; c++) {
    for (b = 0; b < sizeof before / sizeof *before; b++) {
      for (w = 0; w < sizeof word / sizeof *word; w++) {
        for (a = 0; a < sizeof after / sizeof *after; a++) {
          snprintf(spaced, sizeof spaced, "%s%s%c %s", before[b], word[w],
                   (char)c, after[a]);
          snprintf(tabbed, sizeof tabbed, "%s%s%c\t%s", before[b], word[w],
                   (char)c, after[a]);
          same_reading(lx, spaced, lx, tabbed);
        }
      }
    }
  }
  /* each mark is a token: the tense of "Monday" comes from the nearer of
   * "will" and "said", eleven and nine tokens away with the marks, seven
   * and nine without */
  for (c = 1; c < 0x80; c++) {
    static const char *const mir = "\xd0\xbc\xd0\xb8\xd1\x80";
    snprintf(spaced, sizeof spaced,
             "They will %s%c %s%c %s%c %s%c %s on Monday a b c d e f g h "
             "said.",
             mir, (char)c, mir, (char)c, mir, (char)c, mir, (char)c, mir);
    snprintf(tabbed, sizeof tabbed,
             "They will %s%c\t%s%c\t%s%c\t%s%c\t%s on Monday a b c d e f "
             "g h said.",
             mir, (char)c, mir, (char)c, mir, (char)c, mir, (char)c, mir);
    read_both(lx, spaced, true, &got);
    read_both(lx, tabbed, true, &want);
    same_mentions(spaced, &got, &want);
  }
  /* a sign after the mark is read as one */
  read_both(lx, "\xd0\xbc\xd0\xb8\xd1\x80: -5 percent", true, &got);
  assert_int_equal(got.n, 1);
  assert_true(got.items[0].value == -5);
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
        snprintf(text, sizeof text, forms[f], w ? e->key : first);
        same_reading(lx, text, slow, text);
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

/* "a" and "an" (KW_QTYONLY) are tried as a value other than a vague one
 * only before a number or a word with a role that such a value reads
 * after them (a scale, a multiple, a fraction, a time unit, a currency
 * symbol, or KW_QTY).  Each such key before each key of one token, in
 * forms around what those values take, gives the same mentions as when
 * the bit is clear (`slow`). */
static void test_qty_only(void **state)
{
  static const char *const forms[] = {
      "%s %s",       "%s %s 5",    "%s %s ago",     "for %s %s",
      "about %s %s", "half %s %s", "%s %s of them", "%s %s and a half",
      "%s %s5",      "%s %s-5",    "%s %s $5",      "%s %s, 5 percent"};
  char q[64], key[64], text[200];
  size_t i, j, f, seen = 0;
  (void)state;

  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    int c;
    if (!(e->kw & KW_QTYONLY) || e->len + 1 > sizeof q)
      continue;
    seen++;
    for (c = 0; c < 2; c++) {
      cased_key(e, c, q);
      for (j = 0; j < lx->n; j++) {
        const struct nc_lexent *x = &lx->ents[j];
        int d;
        if (memchr(x->key, ' ', x->len) || x->len + 1 > sizeof key)
          continue;
        for (d = 0; d < 2; d++) {
          cased_key(x, d, key);
          for (f = 0; f < sizeof forms / sizeof *forms; f++) {
            snprintf(text, sizeof text, forms[f], q, key);
            same_reading(lx, text, slow, text);
          }
        }
      }
    }
  }
  /* "a" and "an" have the bit */
  assert_true(seen >= 2);
  assert_true(nc_numlex_get(lx, "a", 1)->kw & KW_QTYONLY);
  /* and the values are found */
  read_both(lx, "a dozen eggs", true, &got);
  assert_int_equal(got.n, 1);
  read_both(lx, "a year ago", true, &got);
  assert_int_equal(got.n, 1);
  read_both(lx, "A$ 5", true, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_MONEY);
}

/* A word marked KW_NEXTLISTED ("the", "a", "in", "s") before a word with
 * no key that goes on no longer key it begins is passed over before
 * scan_at.  Each such key, in each case, before words with no key (one
 * of four upper-case letters that reads as a code in millions, one with
 * letters outside ASCII, a web address), before what the rest of each
 * longer key it begins and before listed words, numbers and marks, gives
 * the same mentions as when scan_at tries it. */
static void test_next_listed(void **state)
{
  static const char *const forms[] = {"%s word",
                                      "%s word 5",
                                      "%s Word 5 percent",
                                      "%s MUSD 5",
                                      "%s Meur 5",
                                      "%s caf\xc3\xa9 5",
                                      "%s http://x.io 5",
                                      "%s words, 5",
                                      "%s plain $5",
                                      "%s year ago",
                                      "%s dozen",
                                      "%s 5",
                                      "%s $5",
                                      "%s - 5",
                                      "%s 27th",
                                      "%s few",
                                      "%s week",
                                      "%s, 5",
                                      "%s USD 5",
                                      "%s cent of 5",
                                      "%s many as 5",
                                      "%s word word 5",
                                      "%s"};
  char key[64], text[200];
  size_t i, j, f, seen = 0;
  (void)state;

  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    int c;
    if (!(e->kw & KW_NEXTLISTED) || e->len + 1 > sizeof key)
      continue;
    seen++;
    for (c = 0; c < 3; c++) {
      cased_key(e, c, key);
      for (f = 0; f < sizeof forms / sizeof *forms; f++) {
        snprintf(text, sizeof text, forms[f], key);
        same_reading(lx, text, slow, text);
      }
      /* the rest of each longer key this word begins, then a number */
      for (j = 0; j < lx->n; j++) {
        const struct nc_lexent *p = &lx->ents[j];
        if (p->len <= e->len + 1 || p->key[e->len] != ' ' ||
            memcmp(p->key, e->key, e->len) != 0)
          continue;
        snprintf(text, sizeof text, "%s %s 5", key, p->key + e->len + 1);
        same_reading(lx, text, slow, text);
      }
    }
  }
  assert_true(seen >= 10);
  /* the words the bit is for, and one it must not be on: "about" tries a
   * value after it ("about MUSD 5") */
  assert_true(nc_numlex_get(lx, "the", 3)->kw & KW_NEXTLISTED);
  assert_true(nc_numlex_get(lx, "a", 1)->kw & KW_NEXTLISTED);
  assert_true(nc_numlex_get(lx, "in", 2)->kw & KW_NEXTLISTED);
  assert_false(nc_numlex_get(lx, "about", 5)->kw & KW_NEXTLISTED);
  read_both(lx, "It rose about MUSD 5 in a year", false, &got);
  assert_int_equal(got.n, 1);
  assert_int_equal(got.items[0].type, NC_M_MONEY);
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
        const char *sep = before[b][0] ? " " : "";
        const char *tab = before[b][0] ? "\t" : "";
        snprintf(spaced, sizeof spaced, "%s%s%s%s", before[b], sep, addr[a],
                 after[t]);
        snprintf(tabbed, sizeof tabbed, "%s%s%s%s", before[b], tab, addr[a],
                 after[t]);
        same_reading(lx, spaced, lx, tabbed);
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

/* The key of the lexicon that is s[0..n) in any case, found by reading
 * every entry: what the table must answer. */
static const struct nc_lexent *lookup_slow(const char *s, size_t n)
{
  size_t i, k;
  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    if (e->len != n)
      continue;
    for (k = 0;
         k < n && e->key[k] == (char)nc_ascii_lower((unsigned char)s[k]); k++)
      ;
    if (k == n)
      return e;
  }
  return NULL;
}

/* The table keeps a tag of a byte a slot, so that the tags of every slot
 * stay in the first-level cache: one in 128 slots of other keys passed
 * on the way has the tag of a word looked up, and only the comparison of
 * keys tells them apart.  Every key, in lower and upper case, and every
 * word of one to three letters (about 19,000, which meet many such
 * slots), a key with a letter changed and a key with one added are
 * looked up in the table and by reading every entry: the answers are the
 * same.  A text of each word gives the mentions the text of its key in
 * lower case gives, when it is one (the tokenizer's own lookup). */
static void test_table_tags(void **state)
{
  char w[80], up[80];
  size_t i, n, k, found = 0;
  (void)state;

  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    if (e->len + 2 > sizeof w)
      continue;
    memcpy(w, e->key, e->len);
    for (k = 0; k < e->len; k++)
      up[k] = e->key[k] >= 'a' && e->key[k] <= 'z'
                  ? (char)(e->key[k] - 'a' + 'A')
                  : e->key[k];
    assert_ptr_equal(nc_numlex_get(lx, w, e->len), e);
    assert_ptr_equal(nc_numlex_get(lx, up, e->len), e);
    /* a letter changed, and one added */
    w[e->len - 1] = w[e->len - 1] == 'q' ? 'x' : 'q';
    assert_ptr_equal(nc_numlex_get(lx, w, e->len), lookup_slow(w, e->len));
    memcpy(w, e->key, e->len);
    w[e->len] = 'q';
    assert_ptr_equal(nc_numlex_get(lx, w, e->len + 1),
                     lookup_slow(w, e->len + 1));
  }
  for (n = 1; n <= 3; n++) {
    size_t count = 1, c;
    for (k = 0; k < n; k++)
      count *= 26;
    for (c = 0; c < count; c++) {
      const struct nc_lexent *want_e;
      size_t x = c;
      for (k = 0; k < n; k++, x /= 26)
        w[k] = (char)('a' + x % 26);
      want_e = lookup_slow(w, n);
      assert_ptr_equal(nc_numlex_get(lx, w, n), want_e);
      found += want_e != NULL;
      if (c % 7 == 0) {
        /* in a text, where the tokenizer looks the word up */
        char text[32];
        snprintf(text, sizeof text, "%.*s 5 %.*s", (int)n, w, (int)n, w);
        read_both(lx, text, true, &got);
        read_both(slow, text, true, &want);
        same_mentions(text, &got, &want);
      }
    }
  }
  /* "a", "an", "one", "may" ... are among them */
  assert_true(found >= 20);
}

/* A number's count of digits stops at 255 (one byte of the token): the
 * rules ask it of one to a few digits only.  A number of 255 digits or
 * more reads as one of 20 digits does in each place a count of digits
 * decides (a year, a day, a decade, a date of numbers), where a count
 * that went on past a byte (256 as 0, 260 as 4) would read a year. */
static void test_many_digits(void **state)
{
  static const char *const forms[] = {
      "In %s, 5 people", "on %s",  "%s-11-05", "the %ss",
      "%s percent",      "May %s", "5/%s",     "%s.5 million"};
  static const size_t counts[] = {254, 255, 256, 257, 258, 259, 260,
                                  261, 300, 511, 512, 514, 516, 1000};
  struct nc_buf digits = {0}, text = {0};
  size_t f, c, k;
  (void)state;

  assert_int_equal(nc_vndig(4), 4);
  assert_int_equal(nc_vndig(254), 254);
  assert_int_equal(nc_vndig(255), 255);
  assert_int_equal(nc_vndig(260), 255);
  for (f = 0; f < sizeof forms / sizeof *forms; f++) {
    struct nc_mentions ref = {0};
    struct nc_mention_ctx ctx = {{2025, 11, 6}, true};
    nc_buf_free(&digits);
    nc_buf_free(&text);
    for (k = 0; k < 20; k++)
      nc_buf_puts(&digits, "1");
    nc_buf_printf(&text, forms[f], digits.data);
    nc_values_find(lx, text.data, text.len, &ctx, &ref);
    for (c = 0; c < sizeof counts / sizeof *counts; c++) {
      nc_buf_free(&digits);
      nc_buf_free(&text);
      for (k = 0; k < counts[c]; k++)
        nc_buf_puts(&digits, "1");
      nc_buf_printf(&text, forms[f], digits.data);
      nc_mentions_clear(&got);
      nc_values_find(lx, text.data, text.len, &ctx, &got);
      if (got.n != ref.n)
        fail_msg("\"%s\" of %zu digits: %zu mentions, not %zu", forms[f],
                 counts[c], got.n, ref.n);
      for (k = 0; k < got.n; k++) {
        if (got.items[k].type != ref.items[k].type ||
            got.items[k].approx != ref.items[k].approx)
          fail_msg("\"%s\" of %zu digits: mention %zu differs", forms[f],
                   counts[c], k);
      }
    }
    nc_mentions_free(&ref);
  }
  nc_buf_free(&digits);
  nc_buf_free(&text);
}

/* The list that gathers a document's mentions is given room for all of
 * them at its first sentence (nc_mentions_find_sentence), and grows by
 * doubling past that room in a denser text: the mentions are those each
 * sentence gives alone, in a document of a few bytes, of much text and
 * of more mentions than that room holds (a number every few bytes). */
static void test_document_list(void **state)
{
  struct nc_lexicon *lex;
  struct nc_abbrevs *ab;
  struct nc_error err;
  struct nc_buf body = {0};
  const char *texts[3];
  size_t d, k;
  (void)state;

  assert_int_equal(nc_lexicon_load(TEST_DATADIR "/lexicon", &lex, &err),
                   NC_OK);
  assert_int_equal(nc_abbrevs_load(TEST_DATADIR "/lexicon", &ab, &err), NC_OK);
  for (k = 0; k < 2000; k++)
    nc_buf_printf(&body, "%zu, %zu; ", k, k + 1);
  texts[0] = "Prices rose 5% in May.";
  texts[1] = "In May 2024 the U.S. paid $5 billion, about 12 percent more "
             "than France. Two days later, three of them left. The rest "
             "stayed for 40 years.\n\nIt rose 7%.";
  texts[2] = body.data;
  for (d = 0; d < 3; d++) {
    struct nc_source src;
    struct nc_doc *doc;
    struct nc_sentences ss = {0};
    struct nc_mentions all = {0}, one = {0};
    struct nc_mention_ctx ctx;
    size_t i, n = 0;
    memset(&src, 0, sizeof src);
    src.id = "d";
    src.published = "2025-11-06";
    assert_int_equal(nc_doc_from_text(&src, xstrdup(texts[d]),
                                      strlen(texts[d]), &doc, &err),
                     NC_OK);
    ctx.ref = doc->published;
    ctx.has_ref = doc->has_published;
    nc_sentences_split(ab, doc, &ss);
    assert_true(ss.n > 0);
    for (i = 0; i < ss.n; i++)
      nc_mentions_find_sentence(lex, doc, &ss.items[i], &all);
    for (i = 0; i < ss.n; i++) {
      const struct nc_sentence *st = &ss.items[i];
      const char *t = doc->blocks[st->block].text;
      size_t m;
      nc_mentions_clear(&one);
      nc_mentions_find(lex, t + st->start, st->end - st->start, &ctx, &one);
      for (m = 0; m < one.n; m++, n++) {
        assert_true(n < all.n);
        assert_int_equal(all.items[n].type, one.items[m].type);
        assert_int_equal(all.items[n].start, one.items[m].start + st->start);
        assert_int_equal(all.items[n].end, one.items[m].end + st->start);
      }
    }
    assert_int_equal(n, all.n);
    assert_true(all.n > 0);
    if (d == 2)
      assert_true(all.n > strlen(texts[d]) / 64); /* past the room */
    nc_mentions_free(&all);
    nc_mentions_free(&one);
    nc_sentences_free(&ss);
    nc_doc_free(doc);
  }
  nc_buf_free(&body);
  nc_abbrevs_free(ab);
  nc_lexicon_free(lex);
}

/* The word loop looks for room for its tokens at each word only when the
 * room left holds fewer tokens than bytes are left (a token takes a byte
 * at least): in a short text it never looks.  Texts read alone (where the
 * buffer on the stack has room for every byte) give the mentions they
 * give after a long run of plain words, where the loop looks at each word
 * and the tokens move to the heap at some word of the text (the run is of
 * 240 to 260 words, one token each, past the 256 tokens of the stack). */
static void test_room_per_word(void **state)
{
  static const char *const texts[] = {
      "The 27th of May, 2024 saw 5 million people, about 12% more.",
      "It cost 12 U.S. dollars, or $5.5bn, on Thursday.",
      "Shares rose in excess of 30 points to 1,234,567 by mid-2024.",
      "A third of them left a year ago; two Mondays later, 40 more.",
      "Caf\xc3\xa9 \xd0\xbc\xd0\xb8\xd1\x80 5 percent, \xe2\x82\xac"
      "12 and \xc2\xbd of the 1990s.",
      "See www.x.org/5% and http://a.b 7 percent, don't, won\xe2\x80\x99t "
      "stop at 3rd or 22nd.",
      "between 5 and 7 percent, up to 9, more than twenty-two thousand"};
  struct nc_buf text = {0};
  size_t f, w, k;
  (void)state;

  assert_null(nc_numlex_get(lx, "zzq", 3));
  for (f = 0; f < sizeof texts / sizeof *texts; f++) {
    for (w = 240; w <= 260; w += 4) {
      int r;
      size_t off;
      nc_buf_free(&text);
      for (k = 0; k < w; k++)
        nc_buf_puts(&text, "zzq ");
      nc_buf_puts(&text, "zzq; ");
      off = text.len;
      nc_buf_puts(&text, texts[f]);
      for (r = 0; r < 2; r++) {
        read_both(lx, texts[f], r, &want);
        read_both(lx, text.data, r, &got);
        for (k = 0; k < got.n; k++) {
          assert_true(got.items[k].start >= off);
          got.items[k].start -= off;
          got.items[k].end -= off;
        }
        same_mentions(texts[f], &got, &want);
        if (want.n < 2)
          fail_msg("\"%s\": %zu mentions", texts[f], want.n);
      }
    }
  }
  nc_buf_free(&text);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_words),
      cmocka_unit_test(test_longer_keys),
      cmocka_unit_test(test_next_listed),
      cmocka_unit_test(test_web_address_after_space),
      cmocka_unit_test(test_table_tags),
      cmocka_unit_test(test_many_digits),
      cmocka_unit_test(test_document_list),
      cmocka_unit_test(test_room_per_word),
      cmocka_unit_test(test_date_rule_words),
      cmocka_unit_test(test_wide_marks),
      cmocka_unit_test(test_mark_after_accented),
      cmocka_unit_test(test_after_approx),
      cmocka_unit_test(test_qty_only),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
