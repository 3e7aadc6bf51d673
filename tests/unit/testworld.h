/* testworld.h: the data extraction needs (lexicon, abbreviations, rules
 * from data/), loaded once per test program as cmocka group setup.  For
 * the tests that run the claims stage on whole documents. */
#ifndef NC_TESTWORLD_H
#define NC_TESTWORLD_H

#include "testutil.h"

#include "newscheck/claims.h"

struct test_world {
  struct nc_lexicon *lex;
  struct nc_abbrevs *ab;
  struct nc_rules *rules;
  struct nc_extractor ex;
};

static struct test_world W;

static int world_setup(void **state)
{
  struct nc_error err;
  (void)state;
  if (nc_lexicon_load(TEST_DATADIR "/lexicon", &W.lex, &err) != NC_OK ||
      nc_abbrevs_load(TEST_DATADIR "/lexicon", &W.ab, &err) != NC_OK ||
      nc_rules_load(TEST_DATADIR "/rules", &W.rules, &err) != NC_OK) {
    fprintf(stderr, "setup: %s: %s\n", err.file, err.msg);
    return -1;
  }
  W.ex.lex = W.lex;
  W.ex.abbrevs = W.ab;
  W.ex.rules = W.rules;
  return 0;
}

static int world_teardown(void **state)
{
  (void)state;
  nc_rules_free(W.rules);
  nc_abbrevs_free(W.ab);
  nc_lexicon_free(W.lex);
  return 0;
}

#endif
