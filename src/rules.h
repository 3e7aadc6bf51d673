/* rules.h: the claim rules as loaded from data/rules, private to the
 * claims stage.  rules.c owns PCRE2; claims.c sees matches as spans. */
#ifndef NC_RULES_H
#define NC_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newscheck/claims.h"
#include "newscheck/util.h"

/* Named groups a rule pattern may use. */
enum nc_group {
  NC_G_VALUE,   /* the value's text (must hold a mention of the type) */
  NC_G_VALUE2,  /* more of a list ("..., followed by Morocco") */
  NC_G_SUBJECT, /* who or what the claim is about */
  NC_G_PARTNER, /* the other side of a relation ("ties with Israel") */
  NC_G_PARTY,   /* a list member that is the counterparty, not a member */
  NC_G_OBJECT,  /* what is joined, signed, brokered */
  NC_G_WHAT,    /* the counted noun ("country") */
  NC_G_EVENT,   /* the verb ("join", "visit") */
  NC_G_SCOPE,   /* a scope that splits keys ("in his second term") */
  NC_G_OTHER,   /* "other": the count excludes the subject */
  NC_G_EXH,     /* "such as", "including": the list is not exhaustive */
  NC_G_COUNT
};

/* How the value group is read. */
enum nc_rule_value {
  NC_RV_ORDINAL,  /* an ordinal mention */
  NC_RV_NUMBER,   /* a number mention */
  NC_RV_YEAR,     /* a date mention, kept as its year (a number) */
  NC_RV_DATE,     /* a date mention */
  NC_RV_SINCE,    /* a duration, turned into the year it started */
  NC_RV_COUNTRIES /* every country named: a set */
};

/* How the subject is found. */
enum nc_rule_subject {
  NC_RS_GROUP,  /* the subject group; a pronoun there means the main
                   entity */
  NC_RS_BEFORE, /* nearest country named before the match, else main */
  NC_RS_PERSON, /* nearest person named before the event */
  NC_RS_MAIN,   /* the document's main entity */
  NC_RS_NONE    /* no subject */
};

/* A word map: captured text (lower case) -> normalized word. */
struct nc_rule_map {
  enum nc_group group;
  char **from, **to;
  size_t n;
};

/* An example carried by a rule, checked by the tests. */
struct nc_rule_example {
  char *text;
  char *published;  /* "YYYY-MM-DD" or NULL */
  char **keys;      /* expected claims: key and value string (as made by
                       nc_value_str) */
  char **values;
  size_t n;
};

struct nc_rule {
  char *id, *file, *description;
  char *key;    /* template: "rank|{subject}|{what}|..." */
  char *label;  /* template for people */
  enum nc_rule_value value;
  enum nc_rule_subject subject;
  struct nc_rule_map *maps;
  size_t nmaps;
  struct nc_rule_example *examples;
  size_t nexamples;
};

/* One match of a rule: the whole span and each group's span (start ==
 * end == (size_t)-1 when the group did not take part). */
struct nc_rule_match {
  size_t start, end;
  size_t g[NC_G_COUNT][2];
};

/* Number of rules loaded, and rule i. */
size_t nc_rules_count(const struct nc_rules *rules);
const struct nc_rule *nc_rules_get(const struct nc_rules *rules, size_t i);

/* How many matches of rule i stopped at the PCRE2 match, depth, heap or
 * JIT stack limit since the rules were loaded (each time, the rest of
 * that text was skipped for the rule).  The caller warns, naming the
 * rule's id and file. */
size_t nc_rules_limit_hits(const struct nc_rules *rules, size_t i);

/* The prefilter.  Most triggers can only match where a word begins with
 * one of a few literal letters: "\b(?:relations|ties)\s+with" needs a
 * word starting "relations" or "ties".  A sentence's sketch lists its
 * words of three letters or more whose first two letters begin some
 * anchor and whose first three letters hash to a bit some anchor has, and
 * holds the set of those bits.  A rule whose pattern or
 * trigger has such anchors cannot match a sentence whose set holds none
 * of theirs, a trigger with anchors is only tried at the words that
 * begin with one, and a pattern whose anchors make the prefilter is only
 * searched from the first such word.  The sketch errs only towards "may
 * match". */
struct nc_rule_word {
  size_t at;    /* offset of the word in the text */
  unsigned bit; /* 0..255 */
};

struct nc_rule_sketch {
  uint64_t bits[4];
  bool all; /* the text holds a character the sketch cannot see (a
               caseless 's' or 'k' matches U+017F and U+212A): it may
               match anything */
  struct nc_rule_word *words;
  size_t n, cap;
};

/* Make the sketch of text[0..len) in s for the anchors of `rules` (its
 * word list is reused; start from a zeroed struct and free with
 * nc_rule_sketch_free). */
void nc_rule_sketch_text(const struct nc_rules *rules, const char *text,
                         size_t len, struct nc_rule_sketch *s);

/* The words a sketch keeps for some of the rules: bit b of second[a] when
 * one of their anchors begins with the letters 'a' + a and 'a' + b, and
 * the bits of their anchors.  Most words of a text begin with no anchor's
 * two first letters ("the", "and", "with"), and two look-ups tell so
 * before the third letter is read and hashed; the fewer the rules, the
 * fewer words pass. */
struct nc_rule_filter {
  uint32_t second[26];
  uint64_t bits[4];
};

/* The filter of the n rules ri[] of `rules`. */
void nc_rule_filter_of(const struct nc_rules *rules, const size_t *ri,
                       size_t n, struct nc_rule_filter *f);

/* The sketch of text[0..len) for the rules of filter f (as
 * nc_rule_sketch_text makes it for all rules).  The words it drops begin
 * with no anchor of those rules: nc_rule_next finds the matches of those
 * rules with it that it finds with the sketch for all rules, and
 * nc_rule_may_match, for them, rules out every text that sketch rules out
 * (and may rule out more: a word that begins no anchor of theirs can no
 * longer bring one of their bits). */
void nc_rule_sketch_for(const struct nc_rule_filter *f, const char *text,
                        size_t len, struct nc_rule_sketch *s);
void nc_rule_sketch_free(struct nc_rule_sketch *s);

/* False when rule i cannot match a text with sketch s. */
bool nc_rule_may_match(const struct nc_rules *rules, size_t i,
                       const struct nc_rule_sketch *s);

/* Find the next match of rule i in text[0..len) at or after *pos; on a
 * match fills m, advances *pos past it and returns true.  A pattern that
 * hits the match limit counts as no match (and as a limit hit).  When
 * `valid` is true the caller has checked that text is valid UTF-8, and
 * PCRE2 does not check it again on each call (with every rule tried on
 * every sentence, that check cost more than the matching), and its JIT
 * fast path is taken.  With the text's sketch (or NULL), the trigger is
 * only tried at its anchors, and a pattern with anchors (when the
 * trigger has none) searched from the first word that begins with one.
 * A rule's trigger must match within every match of its pattern: each
 * search is made only where the trigger matches in the rest of the text
 * (the rules' tests check this on real and crafted texts). */
bool nc_rule_next(const struct nc_rules *rules, size_t i, const char *text,
                  size_t len, bool valid, const struct nc_rule_sketch *sk,
                  size_t *pos, struct nc_rule_match *m);

/* The same search with the pattern alone, no trigger and no prefilter:
 * for tests that check that neither loses a match. */
bool nc_rule_next_plain(const struct nc_rules *rules, size_t i,
                        const char *text, size_t len, size_t *pos,
                        struct nc_rule_match *m);

/* Check rule i's trigger on text[0..len) (a NUL-terminated example): 0
 * when nc_rule_next finds the matches of the pattern alone, else 1, with
 * a line naming the rule appended to `log`. */
size_t nc_rule_check_trigger(const struct nc_rules *rules, size_t i,
                             const char *text, size_t len,
                             struct nc_buf *log);

/* The anchors of a pattern: lower-case literal beginnings, three letters
 * or more, one of which every match starts with at a word boundary,
 * appended to out separated by '|'.  False (out unchanged) when the
 * pattern does not begin in a way that makes that certain: "\b" then a
 * word or a group of alternatives that each begin with a word, and no
 * top-level alternative. */
bool nc_pattern_anchors(const char *pattern, struct nc_buf *out);

/* Map a captured word through the rule's map for `group`; returns the
 * mapped word or NULL when the map has no entry. */
const char *nc_rule_map(const struct nc_rule *r, enum nc_group group,
                        const char *word);

/* The event class of a word ("announced" -> "announce"), from the
 * "events" tables of the rule files; NULL when the word is no event. */
const char *nc_rules_event(const struct nc_rules *rules, const char *w,
                           size_t n);

/* For a speech event such as "announce": the event class its content
 * dates ("join"), or NULL. */
const char *nc_rules_event_content(const struct nc_rules *rules,
                                   const char *cls);

/* True when the actor of event class `cls` is a country rather than a
 * person ("join", "sign"). */
bool nc_rules_event_by_country(const struct nc_rules *rules,
                               const char *cls);

/* True when the actor of event class `cls` is a person ("visit"). */
bool nc_rules_event_by_person(const struct nc_rules *rules,
                              const char *cls);

/* Name of a group as written in patterns ("value", "subject", ...). */
const char *nc_group_name(enum nc_group g);

#endif
