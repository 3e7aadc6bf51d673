/* test_claims.c: the claims stage on invented sentences: every rule's own
 * examples, scope kept in keys, pronoun subjects, the generic layer
 * (titles, counts, dated events, durations), hedges, attribution, quoted
 * speech, people linked across documents, captions excluded. */
#include "testworld.h"

#include <unistd.h>

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

/* A hedge is found in any case (its last letter, asked first, too), and
 * words that share all but a hedge's last letter, or run on past it, or
 * follow a digit (the blocks read for word starts do not tell digits from
 * other bytes), are no hedge. */
static void test_hedges_in_any_case_and_near_misses(void **state)
{
  static const struct {
    const char *country, *ord, *words, *hedge;
  } s[] = {{"Peru", "ninth", "IS EXPECTED TO be", "is expected to"},
           {"Chile", "tenth", "MighT be", "might"},
           {"Bolivia", "11th", "wouLD be", "would"},
           {"Ecuador", "12th", "is Set tO be", "is set to"},
           {"Colombia", "13th", "is expected tx be", NULL},
           {"Paraguay", "14th", "coulds be", NULL},
           {"Uruguay", "15th", "is setup to be", NULL},
           {"Mexico", "16th", "is likely too", NULL},
           {"Panama", "17th", "mayo", NULL},
           /* after a digit, no word begins */
           {"Belize", "18th", "4may be", NULL},
           {"Guyana", "19th", "x9Might be", NULL},
           {"Cuba", "20th", "is 2could be", NULL}};
  struct nc_buf t = {0};
  struct nc_claims c = {0};
  size_t k;
  (void)state;
  for (k = 0; k < sizeof s / sizeof *s; k++)
    nc_buf_printf(&t, "%s %s the %s country to join the Arctic Compact.\n",
                  s[k].country, s[k].words, s[k].ord);
  extract(t.data, NULL, "2024-04-02", &c);
  for (k = 0; k < sizeof s / sizeof *s; k++) {
    char key[80];
    const struct nc_claim *x;
    char *low = nc_ascii_lowerdup(s[k].country, strlen(s[k].country));
    snprintf(key, sizeof key, "rank|%s|country|join|arctic compact|", low);
    free(low);
    x = find(&c, key, 0);
    if (s[k].hedge ? !x->hedge || strcmp(x->hedge, s[k].hedge) != 0
                   : x->hedge != NULL)
      fail_msg("%s: hedge \"%s\"", s[k].country,
               x->hedge ? x->hedge : "(none)");
  }
  nc_buf_free(&t);
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

/* In a sentence set in title case the capitals name nothing: the object
 * is the topic, whether the object's words are capitalised or not (that
 * is asked only when they are); in a sentence in sentence case the
 * capitalised object is its own name. */
static void test_title_case_objects_are_the_topic(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Peru Will Be The Ninth Country To Join The Arctic Compact\n\n"
          "The Baltic Treaty was praised. Leaders praised the Baltic "
          "Treaty. The Baltic Treaty is old.\n\n"
          "Chile will be the tenth country to join the Arctic Compact.\n",
          "Peru Will Be The Ninth Country To Join The Pact\n\n"
          "The Baltic Treaty was praised. Leaders praised the Baltic "
          "Treaty.\n\n"
          "Chile will be the tenth country to join the pact.\n",
          "2024-04-02", &c);
  x = find(&c, "rank|peru|country|join|baltic treaty|", 0);
  assert_value(x, "9");
  assert_string_equal(x->label, "Peru: rank as country to join Baltic Treaty");
  assert_value(find(&c, "rank|chile|country|join|arctic compact|", 0), "10");
  assert_value(find(&c, "rank|peru|country|join|baltic treaty|", 1), "9");
  assert_value(find(&c, "rank|chile|country|join|baltic treaty|", 1), "10");
  nc_claims_free(&c);
}

/* The claims array is reserved from the mentions a claim can take its
 * value from: claims appended to a set that has some keep them, and a
 * document whose claims outnumber those mentions (lists of countries,
 * none of them such a mention) still gets them all. */
static void test_claims_append_past_the_reserve(void **state)
{
  struct nc_claims c = {0};
  struct nc_buf t = {0};
  size_t i, first;
  const char *s = "The Lake Accord, signed between Uganda, Kenya, Tanzania, "
                  "and Rwanda, set fishing quotas.\n";
  (void)state;
  extract(s, NULL, "2024-04-02", &c);
  first = c.n;
  assert_true(first >= 1);
  for (i = 0; i < 40; i++) {
    nc_buf_printf(&t, "Talks %zu went on.\n", i);
    nc_buf_puts(&t, s);
  }
  extract(t.data, NULL, "2024-04-02", &c);
  assert_int_equal(c.n, first + 40 * first);
  for (i = 0; i < c.n; i++) {
    assert_string_equal(c.items[i].key, c.items[0].key);
    assert_string_equal(c.items[i].quote, c.items[0].quote);
    assert_int_equal(c.items[i].doc, 0);
  }
  nc_buf_free(&t);
  nc_claims_free(&c);
}

/* Every claim extracted from `text` quotes the sentence `want[0..n)` with
 * its full stop, whitespace collapsed. */
static void quotes_sentence(const char *text, const char *want, size_t n)
{
  struct nc_claims c = {0};
  size_t i;

  extract(text, NULL, "2024-04-02", &c);
  assert_true(c.n >= 1);
  for (i = 0; i < c.n; i++) {
    assert_memory_equal(c.items[i].quote, want, n);
    assert_string_equal(c.items[i].quote + n, ".");
  }
  nc_claims_free(&c);
}

/* A quote collapses each run of whitespace to one space wherever it falls
 * against the eight-byte blocks copied whole: a sentence is written with
 * single spaces (its quote is then its text, read in blocks up to its
 * last few bytes and copied in one go), then with a double space, a tab
 * or more put at each place in turn (the run copied in one go then ends
 * at each block), after openings of each length (which move the blocks),
 * and its quote must be the same each time. */
static void test_quotes_collapse_space_at_every_offset(void **state)
{
  static const char *const gaps[] = {"  ", "\t", " \t ", "   "};
  static const char *const openings[] = {"",         "A, ",       "So, ",
                                         "Yes, ",    "Then, ",    "Still, ",
                                         "Indeed, ", "Finally, ", "Clearly, "};
  size_t o;
  (void)state;
  for (o = 0; o < sizeof openings / sizeof *openings; o++) {
    struct nc_buf one = {0};
    size_t bl, g, at;
    nc_buf_puts(&one, openings[o]);
    nc_buf_puts(&one, "Peru will be the ninth country to join the Arctic "
                      "Compact, officials said");
    bl = one.len;
    {
      struct nc_buf t = {0};
      nc_buf_append(&t, one.data, bl);
      nc_buf_puts(&t, ".\n");
      quotes_sentence(t.data, one.data, bl);
      nc_buf_free(&t);
    }
    for (g = 0; g < sizeof gaps / sizeof *gaps; g++)
      for (at = 0; at < bl; at++) {
        struct nc_buf t = {0};
        if (one.data[at] != ' ')
          continue;
        nc_buf_append(&t, one.data, at);
        nc_buf_puts(&t, gaps[g]);
        nc_buf_puts(&t, one.data + at + 1);
        nc_buf_puts(&t, ".\n");
        quotes_sentence(t.data, one.data, bl);
        nc_buf_free(&t);
      }
    nc_buf_free(&one);
  }
}

/* Stop words and function words are told by their first letter and
 * length before the lists are searched: words of every length of a
 * letter the lists have, in any case, still end a noun or are passed
 * over, and words that share a first letter and length with a listed
 * one but are not listed do not. */
static void test_listed_words_are_found_in_any_case(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Three Coast Guard crew Earlier found the wreck. Five relief "
          "trucks WHICH left Monday arrived. Six harbor tugs sailed. "
          "Seven fishing boats DURING the storm sank. 40 THE boats sank. "
          "Crews logged MAGNITUDE 8 tremor waves. Crews logged Magnitudes 9 "
          "tremor waves. Crews saw PAGE 12 fishing boats.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "count|coast guard crew", 0), "3");
  assert_value(find(&c, "count|relief truck", 0), "5");
  assert_value(find(&c, "count|harbor tug", 0), "6");
  /* "PAGE 12" and "MAGNITUDE 8" are labels: counts of 12 boats or 8
   * waves would make these keys ambiguous, and drop them */
  assert_value(find(&c, "count|fishing boat", 0), "7");
  assert_value(find(&c, "count|tremor wave", 0), "9");
  assert_false(has_key_prefix(&c, "count|the"));
  nc_claims_free(&c);
}

/* A topic's words are letters, digits and hyphens: "Trans-Pacific" and
 * "G20" are single words of the names, not ends of them. */
static void test_topic_words_hold_digits_and_hyphens(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Talks go on\n\nThe Trans-Pacific Partnership was praised. "
          "Leaders praised the Trans-Pacific Partnership. The Arctic "
          "Compact is old.\n\n"
          "It will be the ninth country to join the pact, officials said.\n",
          "Talks go on\n\nThe G20 Trade Pact was praised. Leaders praised "
          "the G20 Trade Pact. The Arctic Compact is old.\n\n"
          "It will be the ninth country to join the pact, officials said.\n",
          "2024-04-02", &c);
  assert_value(find(&c, "rank||country|join|trans-pacific partnership|", 0),
               "9");
  assert_value(find(&c, "rank||country|join|g20 trade pact|", 1), "9");
  nc_claims_free(&c);
}

/* Key and label templates are parsed once per run into text and fields:
 * a field is a known name in braces; a brace around another name, or
 * left open, is text as it is, and the label is tidied after filling. */
static void test_templates_keep_unknown_braces(void **state)
{
  static const char *const rule =
      "{\"rules\": [{\"id\": \"t-braces\", \"pattern\": "
      "\"(?<value>\\\\d+)\\\\s+(?<what>boats)\\\\s+(?<event>sailed)\", "
      "\"value\": \"number\", \"subject\": \"before\", "
      "\"key\": \"odd|{subject}|{what}{event}|{nope}|"
      "{scope|{{what}}|{Object\", "
      "\"label\": \"{Subject}  {what} () {scope} {x}{event}}{\", "
      "\"examples\": [{\"text\": \"Peru said 40 boats sailed.\", "
      "\"claims\": []}]}]}\n";
  static const char text[] = "Peru said 40 boats sailed.\n";
  char dir[] = "/tmp/nc_test_rulesXXXXXX", path[64];
  struct nc_extractor ex = W.ex;
  struct nc_rules *rules = NULL;
  struct nc_error err;
  struct nc_source src;
  struct nc_doc *doc;
  FILE *f;
  int run;
  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/t.json", dir);
  f = fopen(path, "w");
  assert_non_null(f);
  fputs(rule, f);
  fclose(f);
  assert_int_equal(nc_rules_load(dir, &rules, &err), NC_OK);
  ex.rules = rules;
  memset(&src, 0, sizeof src);
  src.id = "d1";
  src.published = "2024-04-02";
  assert_int_equal(
      nc_doc_from_text(&src, xstrdup(text), strlen(text), &doc, &err), NC_OK);
  /* twice: each run parses the templates afresh */
  for (run = 0; run < 2; run++) {
    struct nc_claims c = {0};
    size_t i, n = 0;
    nc_claims_extract(&ex, &doc, 1, &c);
    for (i = 0; i < c.n; i++) {
      if (strcmp(c.items[i].rule, "t-braces") != 0)
        continue;
      n++;
      assert_string_equal(c.items[i].key,
                          "odd|peru|boatsailed|{nope}|{scope|{boat}|{Object");
      assert_string_equal(c.items[i].label, "Peru boat {x}sailed}{");
    }
    assert_int_equal(n, 1);
    nc_claims_free(&c);
  }
  nc_doc_free(doc);
  nc_rules_free(rules);
  remove(path);
  rmdir(dir);
}

/* Words are read a lookup per ASCII letter or digit, then by the full
 * test for the rest of the word: apostrophes, dots and hyphens inside a
 * word keep it whole after a number, and the word before "of" or before
 * a number is read back to its start. */
static void test_words_keep_their_joiners(void **state)
{
  struct nc_claims c = {0};
  (void)state;
  extract("Doctors treated 4 O'Neill family members. Officials counted 12 "
          "U.S. Navy ships. Rebels said the death toll of 50 was high. The "
          "attack killed 6 people. Floods displaced 7 Dutch-speaking farm "
          "workers.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "count|o'neill family member", 0), "4");
  assert_value(find(&c, "count|u.s. navy ship", 0), "12");
  assert_value(find(&c, "count|toll", 0), "50");
  assert_value(find(&c, "count|people|die", 0), "6");
  assert_value(find(&c, "count|dutch-speaking farm worker", 0), "7");
  nc_claims_free(&c);
}

/* Whole numbers in a scope ("term 21") and in a note ("3 other, plus the
 * one named") are written without printf, as "%.0f" writes them. */
static void test_scope_and_note_numbers(void **state)
{
  struct nc_claims c = {0};
  const struct nc_claim *x;
  (void)state;
  extract("Peru will be the ninth country to join the Arctic Compact in his "
          "21st term. The president met the leaders of three other Baltic "
          "countries in Riga.\n",
          NULL, "2024-04-02", &c);
  assert_value(find(&c, "rank|peru|country|join|arctic compact|term 21", 0),
               "9");
  x = find(&c, "count|baltic country|leaders", 0);
  assert_value(x, "4");
  assert_string_equal(x->note, "3 other, plus the one named");
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
      cmocka_unit_test(test_hedges_in_any_case_and_near_misses),
      cmocka_unit_test(test_longest_stop_words_end_a_noun),
      cmocka_unit_test(test_each_sentence_has_its_own_quote),
      cmocka_unit_test(test_main_entity_counts_every_mention),
      cmocka_unit_test(test_labels_are_tidied_only_as_needed),
      cmocka_unit_test(test_ambiguous_keys_are_grouped_per_document),
      cmocka_unit_test(test_bare_counts_are_told_by_their_words),
      cmocka_unit_test(test_label_words_before_numbers),
      cmocka_unit_test(test_partitive_counts_make_no_claim),
      cmocka_unit_test(test_main_entity_and_topic_found_when_needed),
      cmocka_unit_test(test_title_case_objects_are_the_topic),
      cmocka_unit_test(test_claims_append_past_the_reserve),
      cmocka_unit_test(test_quotes_collapse_space_at_every_offset),
      cmocka_unit_test(test_listed_words_are_found_in_any_case),
      cmocka_unit_test(test_topic_words_hold_digits_and_hyphens),
      cmocka_unit_test(test_templates_keep_unknown_braces),
      cmocka_unit_test(test_words_keep_their_joiners),
      cmocka_unit_test(test_scope_and_note_numbers),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
