/* mentions.h: typed values and names found in a sentence, normalized:
 * numbers (digits and words, scales), ordinals, percents, money, dates
 * (absolute, and relative ones resolved against the publication day),
 * durations, with approximation kept; and entity mentions (countries with
 * aliases and demonyms, people with their titles) from data/lexicon. */
#ifndef NC_MENTIONS_H
#define NC_MENTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "newscheck/sentences.h"
#include "newscheck/status.h"
#include "newscheck/util.h"

enum nc_mention_type {
  NC_M_NUMBER,   /* value */
  NC_M_ORDINAL,  /* value (an integer) */
  NC_M_PERCENT,  /* value: 25 for "25 percent" */
  NC_M_MONEY,    /* value (amount), currency */
  NC_M_DATE,     /* date, prec (a bare year is a date of NC_PREC_YEAR) */
  NC_M_DURATION, /* value, unit */
  NC_M_COUNTRY,  /* name: canonical country name */
  NC_M_PERSON,   /* name: the name as written; title when one precedes */
  NC_M_VAGUE     /* a vague quantity word ("several", "many"): no value */
};

enum nc_approx {
  NC_APPROX_NONE,
  NC_APPROX_ABOUT,     /* about, roughly, nearly, some */
  NC_APPROX_MORE_THAN, /* more than, over */
  NC_APPROX_LESS_THAN, /* less than, under */
  NC_APPROX_AT_LEAST,
  NC_APPROX_AT_MOST,   /* up to, at most */
  NC_APPROX_RANGE      /* value .. value2 */
};

enum nc_date_prec {
  NC_PREC_DAY,
  NC_PREC_MONTH,
  NC_PREC_YEAR,
  NC_PREC_DECADE
};

/* One mention.  Offsets are bytes in the text that was searched (for a
 * sentence: the block's text, see nc_mentions_find_sentence).
 *
 * A mention has the fields of its type only: the three groups share their
 * memory (a long text holds many mentions, and this halves their size),
 * so a field of another type's group must be neither read nor written.
 * nc_mentions_push zeroes the whole mention first. */
struct nc_mention {
  enum nc_mention_type type;
  enum nc_approx approx;
  size_t start, end; /* end exclusive */
  union {
    struct { /* NUMBER, ORDINAL, PERCENT, MONEY, DURATION (VAGUE: none) */
      double value, value2; /* value2: upper end of a range */
      char currency[8];     /* MONEY: ISO 4217 code, or "" */
      char unit;            /* DURATION: Y M W D h m s */
    };
    struct { /* DATE */
      struct nc_date date;  /* the resolved day (or first day) */
      struct nc_date date2; /* range end, when approx is RANGE */
      enum nc_date_prec prec;
      int tolerance_days; /* relative dates: how far off it may be */
      bool relative;      /* resolved from the publication day */
    };
    struct {       /* COUNTRY, PERSON */
      char *name;  /* country: canonical name; person: the name as
                      written (owned unless name_kept) */
      char *title; /* person: lower-case title, e.g. "former
                      president" (owned), or NULL */
      char *country; /* person: country qualifier of the title
                        ("United States" for "U.S. President") (owned) */
      bool demonym;  /* country: written as an adjective ("Kazakh",
                        "Israeli"), not as the name */
      bool alias;    /* country: written as a description or alias
                        ("the Jewish state") */
      bool name_kept; /* name is the lexicon's own string, not the
                         mention's: the lexicon must outlive it */
    };
  };
};

struct nc_mentions {
  struct nc_mention *items;
  size_t n, cap;
};

/* The word lists of data/lexicon, loaded once.  Opaque. */
struct nc_lexicon;

/* Load every lexicon file in `dir`.  Caller frees with nc_lexicon_free.
 * Fails with NC_RULE naming the file and field when a file is malformed. */
enum nc_status nc_lexicon_load(const char *dir, struct nc_lexicon **out,
                               struct nc_error *err);
void nc_lexicon_free(struct nc_lexicon *lex);

/* Context for resolving relative dates. */
struct nc_mention_ctx {
  struct nc_date ref; /* publication day */
  bool has_ref;       /* false: relative dates are not resolved */
};

/* Find every mention in text[0..len) and append it to `out`, sorted by
 * start offset, without overlaps (the longest match wins).  `text` need
 * not be NUL-terminated. */
void nc_mentions_find(const struct nc_lexicon *lex, const char *text,
                      size_t len, const struct nc_mention_ctx *ctx,
                      struct nc_mentions *out);

/* Find the mentions of one sentence of `doc`; offsets are in the block's
 * text. */
void nc_mentions_find_sentence(const struct nc_lexicon *lex,
                               const struct nc_doc *doc,
                               const struct nc_sentence *s,
                               struct nc_mentions *out);

/* Lower-case type name ("number", "ordinal", "percent", "money", "date",
 * "duration", "country", "person", "vague"). */
const char *nc_mention_type_str(enum nc_mention_type t);
/* "about", "more_than", ... or NULL for NC_APPROX_NONE. */
const char *nc_approx_str(enum nc_approx a);

/* Format a date mention's value as "YYYY-MM-DD", "YYYY-MM" or "YYYY" by its
 * precision (a decade prints its first year).  buf needs 11 bytes. */
void nc_mention_date_str(const struct nc_mention *m, char *buf, size_t size);

/* Canonical country for `word` (a name, alias or demonym such as "Kazakh",
 * "UAE", "the Jewish state"), or NULL. */
const char *nc_lexicon_country(const struct nc_lexicon *lex,
                               const char *word, size_t len);

/* Free what `m` owns and empty it (keeps the array for reuse). */
void nc_mentions_clear(struct nc_mentions *m);
void nc_mentions_free(struct nc_mentions *m);

#endif
