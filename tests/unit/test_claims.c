/* test_claims.c: the claims stage on invented sentences: every rule's own
 * examples, scope kept in keys, pronoun subjects, the generic layer
 * (titles, counts, dated events, durations), hedges, attribution, quoted
 * speech, people linked across documents, captions excluded. */
#include "testworld.h"

#include "newscheck/claims.h"

/* Extract the claims of one or two texts published on `day`. */
static void extract(const char *t1, const char *t2, const char *day,
                    struct nc_claims *out)
{
  const char *texts[2] = {t1, t2};
  struct nc_doc *docs[2];
  size_t n = 0, i;
  for (i = 0; i < 2 && texts[i]; i++) {
    struct nc_source src;
    struct nc_error err;
    char id[8];
    memset(&src, 0, sizeof src);
    snprintf(id, sizeof id, "d%zu", i + 1);
    src.id = id;
    src.published = (char *)day;
    assert_int_equal(nc_doc_from_text(&src, xstrdup(texts[i]),
                                      strlen(texts[i]), &docs[n], &err),
                     NC_OK);
    n++;
  }
  nc_claims_extract(&W.ex, docs, n, out);
  for (i = 0; i < n; i++)
    nc_doc_free(docs[i]);
}

static const struct nc_claim *find(const struct nc_claims *c,
                                   const char *key, size_t doc)
{
  size_t i;
  for (i = 0; i < c->n; i++)
    if (strcmp(c->items[i].key, key) == 0 && c->items[i].doc == doc)
      return &c->items[i];
  for (i = 0; i < c->n; i++)
    fprintf(stderr, "  have: %s (doc %zu)\n", c->items[i].key,
            c->items[i].doc);
  fail_msg("no claim %s in doc %zu", key, doc);
  return NULL;
}

static bool has_key_prefix(const struct nc_claims *c, const char *prefix)
{
  size_t i;
  for (i = 0; i < c->n; i++)
    if (strncmp(c->items[i].key, prefix, strlen(prefix)) == 0)
      return true;
  return false;
}

static void assert_value(const struct nc_claim *c, const char *want)
{
  char *s = nc_value_str(&c->value);
  assert_string_equal(s, want);
  free(s);
}

static void test_rule_examples(void **state)
{
  struct nc_buf log = {0};
  size_t n = 0, fails;
  (void)state;
  fails = nc_rules_check_examples(&W.ex, &log, &n);
  if (fails)
    fprintf(stderr, "%s", log.data);
  assert_int_equal(fails, 0);
  assert_true(n >= 12);
  nc_buf_free(&log);
}

static void test_scope_is_part_of_the_key(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Norway will be the fourth country to join the Arctic Compact.\n",
          "Norway is the first country to join the Arctic Compact in her "
          "second term, the premier said.\n",
          "2024-04-02", &c);
  assert_value(find(&c, "rank|norway|country|join|arctic compact|", 0), "4");
  assert_value(find(&c, "rank|norway|country|join|arctic compact|term 2", 1),
               "1");
  nc_claims_free(&c);
}

static void test_pronoun_subject_is_the_main_entity(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Peru to join the Arctic Compact\n\n"
          "Lima has long sought a seat. It will be the ninth country to sign "
          "the Arctic Compact, officials said.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "rank|peru|country|join|arctic compact|", 0), "9");
  nc_claims_free(&c);
}

static void test_titles_and_people_across_documents(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  /* the glued "Scholzis" and the bare surname link to the full name */
  extract("German Chancellor Olaf Scholzis expected to visit Paris on March "
          "3.\nFormer Chancellor Scholz spoke.\n",
          "German Chancellor Olaf Scholz will visit Paris on March 3.\n",
          "2024-02-20", &c);
  assert_value(find(&c, "title|olaf scholz", 0), "chancellor");
  assert_value(find(&c, "title|olaf scholz", 1), "chancellor");
  assert_value(find(&c, "when|olaf scholz|visit", 0), "2024-03-03");
  assert_value(find(&c, "when|olaf scholz|visit", 1), "2024-03-03");
  nc_claims_free(&c);
}

static void test_announcement_dates_what_it_announces(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Peru joins Arctic Compact\n\nThe ministry announced on Monday that "
          "Peru will join the Arctic Compact.\n",
          NULL, "2024-04-03", &c);
  assert_value(find(&c, "when|peru|join", 0), "2024-04-01");
  nc_claims_free(&c);
}

static void test_hedge_attribution_quote(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Peru is expected to be the ninth country to join the Arctic "
          "Compact, a senior official told Reuters.\n"
          "The minister called Chile \"the tenth country to join the Arctic "
          "Compact.\"\n",
          NULL, "2024-04-02", &c);
  x = find(&c, "rank|peru|country|join|arctic compact|", 0);
  assert_non_null(x->hedge);
  assert_string_equal(x->hedge, "is expected to");
  assert_non_null(x->attribution);
  assert_non_null(strstr(x->attribution, "official told Reuters"));
  assert_false(x->quoted);
  x = find(&c, "rank|chile|country|join|arctic compact|", 0);
  assert_true(x->quoted);
  nc_claims_free(&c);
}

static void test_generic_counts_and_durations(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Three French officials confirmed the plan after two years of "
          "talks.\nMs. Diaz is one of five judges on the panel.\n"
          "The storm killed at least 40 people. More than 90 people were "
          "injured.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "count|french official", 0), "3");
  assert_value(find(&c, "duration|talk", 0), "2 years");
  /* the event keeps the dead apart from the injured */
  assert_value(find(&c, "count|people|die", 0), "at least 40");
  assert_value(find(&c, "count|people|injure", 0), "more than 90");
  /* "one of five": partitive, no count of "one" */
  assert_false(has_key_prefix(&c, "count|of"));
  nc_claims_free(&c);
}

/* A year given as a range of years keeps both ends (it kept the first
 * and 0). */
static void test_year_ranges_keep_both_ends(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Chile and Peru have had relations since 1990-1994.\n"
          "Chile and Peru have had relations since 1990.\n",
          "Chile and Peru have had relations since 1991.\n", "2024-04-02",
          &c);
  assert_value(find(&c, "relations-since|chile+peru", 0), "1990..1994");
  assert_value(find(&c, "relations-since|chile+peru", 1), "1991");
  nc_claims_free(&c);
}

static void test_amounts_meet_whatever_the_word_order(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("The council approved a budget of $4.2 billion on Monday.\n",
          "Lawmakers passed a $4.5 billion budget on Monday.\n",
          "2024-04-02", &c);
  assert_value(find(&c, "amount|budget", 0), "4200000000 USD");
  assert_value(find(&c, "amount|budget", 1), "4500000000 USD");
  nc_claims_free(&c);
}

static void test_vague_and_ambiguous_counts_are_not_keyed(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  /* a one-word noun with no event says too little; a key one article
   * gives two values names two things */
  extract("The route is 300 miles long and prices rose 4 times.\n"
          "The old road was 90 electric miles, and the new one 120 electric "
          "miles.\n",
          NULL, "2024-04-02", &c);
  assert_false(has_key_prefix(&c, "count|mile"));
  assert_false(has_key_prefix(&c, "count|time"));
  assert_false(has_key_prefix(&c, "count|electric mile"));
  nc_claims_free(&c);
}

static void test_captions_and_boilerplate_make_no_claims(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Menu\n\nSearch\n\nPeru joins Arctic Compact\n\n"
          "President Dina Boluarte waves in Lima on March 2, 2023. (AFP "
          "PHOTO/JOHN DOE)\n"
          "Peru will be the ninth country to join the Arctic Compact.\n"
          "Sign up for our newsletter\n",
          NULL, "2024-04-02", &c);
  assert_false(has_key_prefix(&c, "title|dina boluarte"));
  assert_false(has_key_prefix(&c, "when|"));
  assert_value(find(&c, "rank|peru|country|join|arctic compact|", 0), "9");
  nc_claims_free(&c);
}

static void test_offsets_point_at_the_value(void **state)
{
  const char *text = "Officials said Iceland will be the 11th country to "
                     "join the Arctic Compact.\n";
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract(text, NULL, "2024-04-02", &c);
  x = find(&c, "rank|iceland|country|join|arctic compact|", 0);
  assert_int_equal(x->start, 0);
  assert_memory_equal(text + x->vstart, "11th", 4);
  assert_int_equal(x->vend - x->vstart, 4);
  nc_claims_free(&c);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rule_examples),
      cmocka_unit_test(test_scope_is_part_of_the_key),
      cmocka_unit_test(test_pronoun_subject_is_the_main_entity),
      cmocka_unit_test(test_titles_and_people_across_documents),
      cmocka_unit_test(test_announcement_dates_what_it_announces),
      cmocka_unit_test(test_hedge_attribution_quote),
      cmocka_unit_test(test_generic_counts_and_durations),
      cmocka_unit_test(test_year_ranges_keep_both_ends),
      cmocka_unit_test(test_amounts_meet_whatever_the_word_order),
      cmocka_unit_test(test_vague_and_ambiguous_counts_are_not_keyed),
      cmocka_unit_test(test_captions_and_boilerplate_make_no_claims),
      cmocka_unit_test(test_offsets_point_at_the_value),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
