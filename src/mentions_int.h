/* mentions_int.h: private contract between mentions.c (which merges) and
 * the recognizers: numbers.c and dates.c (values), entities.c (names). */
#ifndef NC_MENTIONS_INT_H
#define NC_MENTIONS_INT_H

#include "newscheck/mentions.h"

/* Word lists for values (number words, scales, currencies, months,
 * weekdays, approximation words), from data/lexicon.  numbers.c. */
struct nc_numlex;
enum nc_status nc_numlex_load(const char *dir, struct nc_numlex **out,
                              struct nc_error *err);
void nc_numlex_free(struct nc_numlex *lx);

/* Append every value mention (number, ordinal, percent, money, date,
 * duration, vague quantity) in text[0..len).  Mentions may overlap; the
 * caller keeps the longest.  numbers.c / dates.c. */
void nc_values_find(const struct nc_numlex *lx, const char *text,
                    size_t len, const struct nc_mention_ctx *ctx,
                    struct nc_mentions *out);

/* Countries (names, aliases, demonyms), titles and known people, from
 * data/lexicon.  entities.c. */
struct nc_entlex;
enum nc_status nc_entlex_load(const char *dir, struct nc_entlex **out,
                              struct nc_error *err);
void nc_entlex_free(struct nc_entlex *lx);

/* Append every country and person mention in text[0..len). */
void nc_entities_find(const struct nc_entlex *lx, const char *text,
                      size_t len, struct nc_mentions *out);

/* Canonical country for a name, alias or demonym, or NULL. */
const char *nc_entlex_country(const struct nc_entlex *lx, const char *w,
                              size_t n);

/* Append a zeroed mention of `type` at [start, end) and return it. */
struct nc_mention *nc_mentions_push(struct nc_mentions *out,
                                    enum nc_mention_type type, size_t start,
                                    size_t end);

#endif
