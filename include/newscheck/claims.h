/* claims.h: what each document says, as keyed claims.  Rules from
 * data/rules (PCRE2 patterns with named groups) turn sentence shapes into
 * claims ("X will be the Nth country to join Y"); a generic layer keys the
 * remaining values by their subject and the noun or event they count or
 * date.  Every claim keeps its evidence: document, sentence, offsets. */
#ifndef NC_CLAIMS_H
#define NC_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "newscheck/document.h"
#include "newscheck/mentions.h"
#include "newscheck/sentences.h"
#include "newscheck/status.h"

enum nc_value_kind {
  NC_VAL_NUMBER, /* counts, ordinals, years, amounts */
  NC_VAL_DATE,   /* a day, month or year */
  NC_VAL_TEXT,   /* a lower-case string, e.g. a title */
  NC_VAL_SET     /* sorted canonical names, e.g. members of a pact */
};

/* A normalized value.  Exact values have lo == hi (numbers) or a day with
 * no tolerance (dates); approximate ones carry the interval they allow. */
struct nc_value {
  enum nc_value_kind kind;
  enum nc_approx approx;
  double num;            /* NUMBER: the value as stated */
  double lo, hi;         /* NUMBER: interval allowed (may be +-HUGE_VAL) */
  char unit[8];          /* NUMBER: currency code, "%", or "" */
  struct nc_date date;   /* DATE: as stated (first day of a month/year) */
  enum nc_date_prec prec;
  long dlo, dhi;         /* DATE: allowed interval in days since 1970 */
  bool relative;         /* DATE: resolved from the publication day */
  char *text;            /* TEXT (owned) */
  char **set;            /* SET: sorted names (owned) */
  size_t nset;
  bool exhaustive;       /* SET: false after "such as", "including" */
};

/* One claim of one document.  Its quote, hedge, attribution and rule are
 * shared with the other claims of its sentence and owned by the set
 * (nc_claims_keep); its other strings are its own. */
struct nc_claim {
  char *key;         /* e.g. "rank|kazakhstan|country|join|abraham accord|" */
  char *label;       /* human wording of the key */
  struct nc_value value;
  size_t doc;        /* index of the document in the array given */
  size_t start, end; /* input byte offsets of the sentence (the quote) */
  size_t vstart, vend; /* input byte offsets of the value's text */
  char *quote;       /* the sentence, whitespace collapsed */
  bool quoted;       /* the value sits inside quoted speech */
  char *hedge;       /* "expected to", "reportedly", ... or NULL */
  char *attribution; /* "a U.S. official told Axios", or NULL */
  char *rule;        /* id of the rule, or "generic:<kind>" */
  char *note;        /* how the value was derived, or NULL */
};

struct nc_claims {
  struct nc_claim *items;
  size_t n, cap;
  char **warnings; /* limits met while extracting, one line each naming
                      the document (owned) */
  size_t nwarnings;
  char **kept;     /* strings its claims share (owned) */
  size_t nkept, keptcap;
};

/* The set takes s (may be NULL), to free it with itself; returns s, for
 * its claims to point to. */
char *nc_claims_keep(struct nc_claims *cs, char *s);

/* The claim rules of data/rules, compiled once (PCRE2 with JIT).  Opaque:
 * it holds the compiled patterns. */
struct nc_rules;

/* Load and compile every *.json file in `dir` (sorted by name).  Checks
 * each rule's fields and pattern; an error names the file and rule.
 * Caller frees with nc_rules_free. */
enum nc_status nc_rules_load(const char *dir, struct nc_rules **out,
                             struct nc_error *err);
void nc_rules_free(struct nc_rules *rules);

/* Everything extraction needs, loaded once. */
struct nc_extractor {
  const struct nc_rules *rules;
  const struct nc_lexicon *lex;
  const struct nc_abbrevs *abbrevs;
};

/* Extract the claims of every document in docs[0..ndocs), appending to
 * `out` in document order.  Cross-document context (people named in full
 * in one article and by surname in another) is shared across the set. */
void nc_claims_extract(const struct nc_extractor *ex,
                       struct nc_doc *const *docs, size_t ndocs,
                       struct nc_claims *out);

/* What claim extraction reads from one document: the sentences of its
 * headline, deck and body blocks (nc_sentences_split) and the mentions of
 * each (nc_mentions_find_sentence, offsets in block text), found once so
 * that a caller that also prints them (the extract command) does not find
 * them twice. */
struct nc_claim_input {
  const struct nc_doc *doc;
  struct nc_sentences sents;
  struct nc_mentions ms; /* sentence by sentence */
  size_t *first; /* sents.n + 1 entries: the mentions of sentence i are
                    ms.items[first[i] .. first[i + 1]) */
};

/* Split `doc` and find its mentions into *in (zero-initialise it first);
 * release with nc_claim_input_free.  The document must outlive *in. */
void nc_claim_input_build(const struct nc_extractor *ex,
                          const struct nc_doc *doc,
                          struct nc_claim_input *in);
void nc_claim_input_free(struct nc_claim_input *in);

/* nc_claims_extract on inputs already built; reads them, does not change
 * or free them.  The claims are the same as nc_claims_extract's on the
 * inputs' documents. */
void nc_claims_extract_inputs(const struct nc_extractor *ex,
                              const struct nc_claim_input *in, size_t n,
                              struct nc_claims *out);

/* Render a value as the JSON-ish text used for grouping and display:
 * "5", "2025-11-18", "president", "[Bahrain, Morocco]"; approximate
 * values are prefixed ("about 20000000", "at most 1995").  Caller frees. */
char *nc_value_str(const struct nc_value *v);

/* Deep copy / release of a value. */
void nc_value_copy(struct nc_value *dst, const struct nc_value *src);
void nc_value_clear(struct nc_value *v);

/* Free what the list owns (not the struct). */
void nc_claims_free(struct nc_claims *c);

/* Every rule's built-in examples: run each example sentence through the
 * extractor and compare with its expected claims, and check that the
 * rule's trigger loses none of its pattern's matches there.  Returns the
 * number of failures and appends a description of each to `log`.  Used by
 * the test suite (every rule carries examples). */
size_t nc_rules_check_examples(const struct nc_extractor *ex,
                               struct nc_buf *log, size_t *nexamples);

#endif
