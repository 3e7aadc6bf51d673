/* test_claims.c: the claims stage on invented sentences: every rule's own
 * examples, scope kept in keys, pronoun subjects, the generic layer
 * (titles, counts, dated events, durations), hedges, attribution, quoted
 * speech, people linked across documents, captions excluded. */
#include "testworld.h"

#include "newscheck/claims.h"
#include "rules.h"

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

/* The topic counts each writing of a name, and the writings of one name
 * together: a name written the same way again is counted without being
 * normalized again, so both orders of winning are checked ("the pact"
 * takes the topic as its object). */
static void test_topic_counts_every_writing(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Peru to join the pact\n\nThe Arctic Compact was signed in 2001. "
          "The Baltic Treaties came later. Leaders praised the Arctic "
          "Compact and the Baltic Treaty. The Arctic Compact is old.\n\n"
          "It will be the ninth country to join the pact, officials said.\n",
          "Peru to join the pact\n\nThe Arctic Compact was signed in 2001. "
          "The Baltic Treaties came later. Leaders praised the Arctic "
          "Compact and the Baltic Treaty. The Baltic Treaty is old.\n\n"
          "It will be the ninth country to join the pact, officials said.\n",
          "2024-04-02", &c);
  x = find(&c, "rank|peru|country|join|arctic compact|", 0);
  assert_value(x, "9");
  assert_string_equal(x->label,
                      "Peru: rank as country to join Arctic Compact");
  /* three mentions in two writings beat two in one; the label is the
   * first writing */
  x = find(&c, "rank|peru|country|join|baltic treaty|", 1);
  assert_string_equal(x->label,
                      "Peru: rank as country to join Baltic Treaties");
  nc_claims_free(&c);
}

/* Whether a country is the other side of the relations is answered once
 * per document and country: the answer holds for each list of the
 * document, and not for another document. */
static void test_counterpart_is_asked_per_document(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Egypt restored ties with Israel in 1979.\n\n"
          "The Lake Accord, signed in 2011 between Israel, Kenya, Tanzania, "
          "and Rwanda, set fishing quotas.\n\n"
          "The River Accord, signed in 2012 between Israel, Kenya, Uganda, "
          "and Rwanda, set fishing quotas.\n\n"
          "The Sea Accord, signed in 2013 between Kenya, Israel, Uganda, "
          "and Rwanda, set fishing quotas.\n",
          "The Lake Accord, signed in 2011 between Israel, Kenya, Tanzania, "
          "and Rwanda, set fishing quotas.\n",
          "2024-04-02", &c);
  assert_value(find(&c, "members|lake accord", 0),
               "[Kenya, Rwanda, Tanzania]");
  assert_value(find(&c, "members|river accord", 0), "[Kenya, Rwanda, Uganda]");
  /* Kenya is no other side: its own answer, not Israel's */
  assert_value(find(&c, "members|sea accord", 0),
               "[Israel, Kenya, Rwanda, Uganda]");
  x = find(&c, "members|lake accord", 1);
  assert_value(x, "[Israel, Kenya, Rwanda, Tanzania]");
  nc_claims_free(&c);
}

/* People are keyed and labelled by their linked full name, whichever
 * way a mention writes them, in every claim. */
static void test_people_keys_and_labels(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("German Chancellor Olaf Scholzis expected to visit Paris on March "
          "3.\nFormer Chancellor Scholz spoke.\n",
          "German Chancellor Olaf Scholz will visit Paris on March 3.\n",
          "2024-02-20", &c);
  x = find(&c, "title|olaf scholz", 0);
  assert_string_equal(x->label, "Olaf Scholz: title");
  x = find(&c, "when|olaf scholz|visit", 0);
  assert_string_equal(x->label, "Olaf Scholz: date of visit");
  x = find(&c, "when|olaf scholz|visit", 1);
  assert_string_equal(x->label, "Olaf Scholz: date of visit");
  nc_claims_free(&c);
}

/* Each claim names the rule that made it; the set keeps one copy of each
 * id, whichever rules and generic kinds come in between. */
static void test_claims_name_their_rules(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x, *y;
  (void)state;
  extract("Peru will be the ninth country to join the Arctic Compact.\n"
          "German Chancellor Olaf Scholz will visit Paris on March 3.\n"
          "Three French officials confirmed the plan after two years of "
          "talks.\n",
          "Chile will be the tenth country to join the Arctic Compact.\n"
          "Three French officials confirmed the plan.\n",
          "2024-02-20", &c);
  x = find(&c, "rank|peru|country|join|arctic compact|", 0);
  y = find(&c, "rank|chile|country|join|arctic compact|", 1);
  assert_string_equal(x->rule, "rank-nth-to");
  assert_ptr_equal(x->rule, y->rule);
  assert_string_equal(find(&c, "title|olaf scholz", 0)->rule, "generic:title");
  assert_string_equal(find(&c, "when|olaf scholz|visit", 0)->rule,
                      "visit-day");
  assert_string_equal(find(&c, "duration|talk", 0)->rule, "generic:duration");
  x = find(&c, "count|french official", 0);
  y = find(&c, "count|french official", 1);
  assert_string_equal(x->rule, "generic:count");
  assert_ptr_equal(x->rule, y->rule);
  nc_claims_free(&c);
}

/* Claims of one generic key in one document stay when every value is
 * written the same way, and go when the amount, the "about" or the
 * currency tells them apart. */
static void test_ambiguous_keys_compare_values_as_written(void **state)
{
  struct nc_claims c = {0};
  size_t i, kept = 0;
  (void)state;
  extract("The council approved a budget of $4.2 billion on Monday. Critics "
          "said the budget of $4.2 billion was too large.\n",
          "The town approved a budget of about $5 million. The city "
          "approved a budget of $5 million.\n",
          "2024-04-02", &c);
  for (i = 0; i < c.n; i++)
    if (strcmp(c.items[i].key, "amount|budget") == 0) {
      assert_int_equal(c.items[i].doc, 0);
      assert_value(&c.items[i], "4200000000 USD");
      kept++;
    }
  assert_int_equal(kept, 2);
  nc_claims_free(&c);
  extract("The town approved a budget of $5 million. The city approved a "
          "budget of \xe2\x82\xac"
          "5 million.\n",
          "The town approved a budget of $5 million. The city approved a "
          "budget of $5 million.\n",
          "2024-04-02", &c);
  for (i = 0; i < c.n; i++)
    if (strcmp(c.items[i].key, "amount|budget") == 0)
      assert_int_equal(c.items[i].doc, 1);
  assert_value(find(&c, "amount|budget", 1), "5000000 USD");
  nc_claims_free(&c);
}

/* The index of the rule with this id. */
static size_t rule_index(const char *id)
{
  size_t i;
  for (i = 0; i < nc_rules_count(W.ex.rules); i++)
    if (strcmp(nc_rules_get(W.ex.rules, i)->id, id) == 0)
      return i;
  fail_msg("no rule %s", id);
  return 0;
}

/* A sentence that gives values of several types tries the rules of all
 * of them, in rule order (a year and a list here), as a pass over all
 * rules would. */
static void test_rules_of_several_value_types_in_order(void **state)
{
  struct nc_claims c = {0};
  size_t i, last = 0, rules = 0;
  (void)state;
  extract("The Lake Accord, signed in 2011 between Uganda, Kenya, Tanzania, "
          "and Rwanda, set fishing quotas.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "year|lake accord|agreed", 0), "2011");
  assert_value(find(&c, "members|lake accord", 0),
               "[Kenya, Rwanda, Tanzania, Uganda]");
  for (i = 0; i < c.n; i++) {
    size_t k;
    if (strncmp(c.items[i].rule, "generic:", 8) == 0)
      continue;
    k = rule_index(c.items[i].rule);
    assert_true(rules == 0 || k > last);
    last = k;
    rules++;
  }
  assert_int_equal(rules, 2);
  nc_claims_free(&c);
}

/* A hedge is found whichever of the hedges sharing its first letter it
 * is ("is due to" is the last of four), and "told" wins over an earlier
 * "said". */
static void test_hedges_sharing_a_letter_and_markers(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Peru is due to be the ninth country to join the Arctic Compact.\n"
          "Chile might be the tenth country to join the Arctic Compact, the "
          "minister said, as an aide told Reuters.\n"
          "Bolivia could be the 11th country to join the Arctic Compact, "
          "an envoy confirmed to AFP.\n",
          NULL, "2024-04-02", &c);
  x = find(&c, "rank|peru|country|join|arctic compact|", 0);
  assert_string_equal(x->hedge, "is due to");
  assert_null(x->attribution);
  x = find(&c, "rank|chile|country|join|arctic compact|", 0);
  assert_string_equal(x->hedge, "might");
  assert_string_equal(x->attribution, "as an aide told Reuters");
  x = find(&c, "rank|bolivia|country|join|arctic compact|", 0);
  assert_string_equal(x->hedge, "could");
  assert_string_equal(x->attribution, "an envoy confirmed to AFP");
  nc_claims_free(&c);
}

/* Stop words and function words of the longest length the lists hold
 * ("earlier", "which") still end a counted noun. */
static void test_longest_stop_words_end_a_noun(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Three Coast Guard crew earlier found the wreck. Four relief "
          "convoy which left Monday arrived.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "count|coast guard crew", 0), "3");
  assert_value(find(&c, "count|relief convoy", 0), "4");
  nc_claims_free(&c);
}

/* A sentence's quote, hedge and attribution are made once, when it makes
 * its first claim, and shared by its other claims; the next sentence
 * with claims, in this document or the next, gets its own. */
static void test_each_sentence_has_its_own_quote(void **state)
{
  static const char *const texts[2] = {
      "Peru is expected to be the ninth country to join the Arctic "
      "Compact, a senior official told Reuters, and Chilean President "
      "Gabriel Boric agreed.\nThe talks went on.\nChilean President "
      "Gabriel Boric will visit Lima on March 3.\n",
      "Chilean President Gabriel Boric could visit Lima on March 3.\n"};
  struct nc_claims c = {0};
  size_t i, j, peru = 0, lima = 0, could = 0;
  (void)state;
  extract(texts[0], texts[1], "2024-04-02", &c);
  for (i = 0; i < c.n; i++) {
    const struct nc_claim *x = &c.items[i];
    const char *t = texts[x->doc];
    /* the quote is the claim's own sentence (written with single
     * spaces here) */
    assert_int_equal(strlen(x->quote), x->end - x->start);
    assert_memory_equal(x->quote, t + x->start, x->end - x->start);
    for (j = 0; j < i; j++)
      if (c.items[j].doc == x->doc && c.items[j].start == x->start)
        assert_ptr_equal(c.items[j].quote, x->quote);
    if (x->doc == 0 && x->start == 0) {
      peru++;
      assert_string_equal(x->hedge, "is expected to");
      assert_string_equal(x->attribution, "a senior official told Reuters");
    } else if (x->doc == 0) {
      lima++;
      assert_null(x->hedge);
      assert_null(x->attribution);
    } else {
      could++;
      assert_string_equal(x->hedge, "could");
      assert_null(x->attribution);
    }
  }
  assert_int_equal(peru, 2); /* the rank and the title */
  assert_int_equal(lima, 2); /* the title and the visit's date */
  assert_int_equal(could, 2);
  nc_claims_free(&c);
}

/* The main entity counts every mention of a country: those written as
 * its name (the lexicon's string, the same each time) and those of a
 * person's title (a copy each time) add up; on a tie the first named
 * wins.  No mention here gets the lede's weight (each follows "with",
 * "and" or "between"), so the counts alone decide. */
static void test_main_entity_counts_every_mention(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Talks resume\n\nOfficials met with Chile and with U.S. President "
          "Donald Trump on Monday. Talks with Chile and with U.S. officials "
          "went on. Trade grew between Chile and Peru and U.S. President "
          "Donald Trump. Talks with U.S. envoys followed.\n\n"
          "It will be the ninth country to join the Arctic Compact, "
          "officials said.\n",
          "Talks resume\n\nOfficials met with Chile and with U.S. President "
          "Donald Trump on Monday. Talks with Chile and with U.S. officials "
          "went on. Trade grew between Chile and Peru and U.S. President "
          "Donald Trump.\n\n"
          "It will be the ninth country to join the Arctic Compact, "
          "officials said.\n",
          "2024-04-02", &c);
  /* four to three */
  assert_value(find(&c, "rank|united states|country|join|arctic compact|", 0),
               "9");
  /* three each: Chile was named first */
  assert_value(find(&c, "rank|chile|country|join|arctic compact|", 1), "9");
  nc_claims_free(&c);
}

/* Labels are tidied: a label that needs it loses its empty "()" and
 * doubled or leading spaces, one that does not is kept byte for byte. */
static void test_labels_are_tidied_only_as_needed(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Ecuador is expected to be the 12th nation to sign the Pacific "
          "Fisheries Treaty in her second term, a minister said.\n"
          "Peru will be the ninth country to join the Arctic Compact.\n",
          "talks go on\n\nit will be the ninth country to join the pact, "
          "officials said.\n",
          "2024-04-02", &c);
  x = find(&c, "rank|ecuador|country|join|pacific fisheries treaty|term 2", 0);
  assert_string_equal(
      x->label,
      "Ecuador: rank as country to join Pacific Fisheries Treaty (term 2)");
  x = find(&c, "rank|peru|country|join|arctic compact|", 0);
  assert_string_equal(x->label,
                      "Peru: rank as country to join Arctic Compact");
  /* no subject, no object, no scope: "to join  ()" */
  x = find(&c, "rank||country|join||", 1);
  assert_string_equal(x->label, ": rank as country to join");
  nc_claims_free(&c);
}

/* A key's claims are compared with the first of their document with the
 * key, however other keys come between them: here the third population
 * differs, so all three go, while the budgets between them stay, in
 * order; another document's one population stays. */
static void test_ambiguous_keys_are_grouped_per_document(void **state)
{
  struct nc_claims c = {0};
  size_t i, budgets = 0, populations = 0, last = 0;
  (void)state;
  extract("A population of 20 million was counted. The budget of $4 million "
          "was approved. A population of 20 million was counted again. The "
          "budget of $4 million was cut. A population of 30 million was "
          "counted later.\n",
          "A population of 20 million was counted.\n", "2024-04-02", &c);
  for (i = 0; i < c.n; i++) {
    const struct nc_claim *x = &c.items[i];
    if (strcmp(x->key, "amount|budget") == 0) {
      assert_int_equal(x->doc, 0);
      assert_value(x, "4000000 USD");
      assert_true(x->start > last);
      last = x->start;
      budgets++;
    } else if (strcmp(x->key, "count|population") == 0) {
      assert_int_equal(x->doc, 1);
      assert_value(x, "20000000");
      populations++;
    }
  }
  assert_int_equal(budgets, 2);
  assert_int_equal(populations, 1);
  nc_claims_free(&c);
}

/* A count of one bare word makes no claim, and is told by its word count
 * before its noun is made: a noun of one word needs an event, one of two
 * words or more does not. */
static void test_bare_counts_are_told_by_their_words(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("The convoy drove 25 miles. Four relief convoys arrived. At least "
          "40 people were injured. Three U.S. officials spoke. The fleet has "
          "12 fishing boats. The fleet has 9 boats.\n",
          NULL, "2024-04-02", &c);
  assert_false(has_key_prefix(&c, "count|mile"));
  assert_false(has_key_prefix(&c, "count|boat"));
  assert_value(find(&c, "count|fishing boat", 0), "12");
  assert_value(find(&c, "count|relief convoy|visit", 0), "4");
  assert_value(find(&c, "count|people|injure", 0), "at least 40");
  assert_value(find(&c, "count|u.s. official|call", 0), "3");
  nc_claims_free(&c);
}

/* A number after a label word, in any case, is no count ("Season 2",
 * "MODEL 3"); the same noun after a bare number is. */
static void test_label_words_before_numbers(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("The Season 2 finale episodes aired. MODEL 3 electric cars sold "
          "well. Doctors treated 4 cancer patients. 5 finale episodes "
          "aired.\n",
          NULL, "2024-04-02", &c);
  assert_false(has_key_prefix(&c, "count|electric car"));
  assert_value(find(&c, "count|cancer patient", 0), "4");
  assert_value(find(&c, "count|finale episode", 0), "5");
  nc_claims_free(&c);
}

/* "40 of the members" is partitive: no count, not even of the noun
 * before "of" ("a total of 40" alone would be one), told from the first
 * word after the number. */
static void test_partitive_counts_make_no_claim(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("A total of 40 of the members voted. A total of 90 members "
          "voted. The share of 25 was small.\n",
          NULL, "2024-04-02", &c);
  assert_false(has_key_prefix(&c, "count|total"));
  assert_value(find(&c, "count|member|vote", 0), "90");
  assert_value(find(&c, "count|share", 0), "25");
  nc_claims_free(&c);
}

/* The main entity and the topic are looked for when a claim first needs
 * them, yet over the whole document: here both are named only after the
 * sentence whose claim needs them.  The first document makes no rule
 * claim, so its topic is never looked for; the second's is its own. */
static void test_main_entity_and_topic_found_when_needed(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Talks go on\n\nThe Baltic Treaty was praised. Leaders from Chile "
          "praised the Baltic Treaty. 40 fishing boats sailed.\n",
          "Talks go on\n\nIt will be the ninth country to join the pact, "
          "officials said. Ministers from Peru met later. The Arctic Compact "
          "was signed in 2001. Leaders praised the Arctic Compact.\n",
          "2024-04-02", &c);
  assert_value(find(&c, "count|fishing boat", 0), "40");
  assert_false(has_key_prefix(&c, "rank|chile"));
  x = find(&c, "rank|peru|country|join|arctic compact|", 1);
  assert_value(x, "9");
  assert_string_equal(x->label, "Peru: rank as country to join Arctic Compact");
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
      cmocka_unit_test(test_topic_counts_every_writing),
      cmocka_unit_test(test_counterpart_is_asked_per_document),
      cmocka_unit_test(test_people_keys_and_labels),
      cmocka_unit_test(test_claims_name_their_rules),
      cmocka_unit_test(test_ambiguous_keys_compare_values_as_written),
      cmocka_unit_test(test_rules_of_several_value_types_in_order),
      cmocka_unit_test(test_hedges_sharing_a_letter_and_markers),
      cmocka_unit_test(test_longest_stop_words_end_a_noun),
      cmocka_unit_test(test_each_sentence_has_its_own_quote),
      cmocka_unit_test(test_main_entity_counts_every_mention),
      cmocka_unit_test(test_labels_are_tidied_only_as_needed),
      cmocka_unit_test(test_ambiguous_keys_are_grouped_per_document),
      cmocka_unit_test(test_bare_counts_are_told_by_their_words),
      cmocka_unit_test(test_label_words_before_numbers),
      cmocka_unit_test(test_partitive_counts_make_no_claim),
      cmocka_unit_test(test_main_entity_and_topic_found_when_needed),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
