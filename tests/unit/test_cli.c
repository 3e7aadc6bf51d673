/* test_cli.c: nc_kit_load, the loading of the data every extracting
 * command needs, and the cJSON arena it uses while loading. */
#include "testutil.h"

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "newscheck/mentions.h"

/* cJSON allocates with malloc again, not from the load's arena.  The
 * arena hands out blocks of 16 bytes for 8 asked, one after another;
 * malloc's smallest chunk is 32 bytes, so two of its blocks are never 16
 * bytes apart. */
static void assert_plain_hooks(void)
{
  cJSON *o;
  char *s, *a = cJSON_malloc(8), *b = cJSON_malloc(8);

  assert_non_null(a);
  assert_non_null(b);
  assert_true(b - a != 16 && a - b != 16);
  cJSON_free(a);
  cJSON_free(b);
  o = cJSON_CreateObject();
  assert_non_null(o);
  assert_non_null(cJSON_AddStringToObject(o, "k", "a value"));
  s = cJSON_PrintUnformatted(o);
  assert_non_null(s);
  assert_string_equal(s, "{\"k\":\"a value\"}");
  free(s);
  cJSON_Delete(o);
}

static void test_kit_loads_the_data(void **state)
{
  struct nc_kit kit;
  struct nc_mentions ms = {0};
  const char *t = "About 25 percent of France's exports, $600 billion, "
                  "went to Germany on 18 November 2025.";
  size_t i;
  bool pct = false, money = false, date = false, country = false;

  (void)state;
  assert_true(nc_kit_load(&kit, NC_DATADIR));
  assert_plain_hooks();
  /* what was read from the trees outlives the arena */
  nc_mentions_find(kit.lex, t, strlen(t), NULL, &ms);
  for (i = 0; i < ms.n; i++) {
    pct |= ms.items[i].type == NC_M_PERCENT && ms.items[i].value == 25;
    money |= ms.items[i].type == NC_M_MONEY && ms.items[i].value == 600e9;
    date |= ms.items[i].type == NC_M_DATE;
    country |= ms.items[i].type == NC_M_COUNTRY;
  }
  assert_true(pct && money && date && country);
  nc_mentions_free(&ms);
  nc_kit_free(&kit);
  /* a second load, as a long-running caller would */
  assert_true(nc_kit_load(&kit, NC_DATADIR));
  nc_kit_free(&kit);
  assert_plain_hooks();
}

static void test_kit_failure_restores_hooks(void **state)
{
  struct nc_kit kit;
  (void)state;
  assert_false(nc_kit_load(&kit, "/nonexistent/newscheck-data"));
  assert_plain_hooks();
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kit_loads_the_data),
      cmocka_unit_test(test_kit_failure_restores_hooks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
