/* test_entities_scan.c: the first pass of the name recognizer takes
 * text a block at a time; where a text falls against those blocks must
 * not change what it finds.  Each sentence is searched at every offset
 * up to a few blocks, in a buffer of exactly its size (so that a read
 * past the end shows under valgrind), and must give the same mentions,
 * shifted. */
#include "testutil.h"

#include "mentions_int.h"

static struct nc_entlex *lx;

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
  nc_entlex_free(lx);
  return 0;
}

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

static void test_shifts(void **state)
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

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_shifts),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
