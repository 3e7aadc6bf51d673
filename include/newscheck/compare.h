/* compare.h: claims grouped by key across documents into findings, each
 * with a status (agree, conflict, partial, single), its distinct values,
 * the documents behind each value and the quoted evidence. */
#ifndef NC_COMPARE_H
#define NC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "newscheck/claims.h"

enum nc_finding_status {
  NC_CONFLICT, /* sources state values that cannot all be true */
  NC_PARTIAL,  /* a list omits members other sources name */
  NC_AGREE,    /* every source states the same value (or a consistent
                  approximation of it) */
  NC_SINGLE    /* only one source states it */
};

/* One distinct value of a finding and the claims that state it. */
struct nc_finding_value {
  struct nc_value value;   /* owned copy */
  char *text;              /* nc_value_str of value (owned) */
  size_t *claims;          /* indices into the claims array (owned) */
  size_t nclaims;
  bool consistent;         /* approximate, and consistent with the exact
                              value(s) of the finding */
  char **missing;          /* SET values: names others list that this
                              exhaustive list omits (owned) */
  size_t nmissing;
};

struct nc_finding {
  char *key, *label;
  enum nc_finding_status status;
  struct nc_finding_value *values;
  size_t nvalues;
  char *note; /* why the status, in a sentence (owned) */
};

struct nc_findings {
  struct nc_finding *items;
  size_t n, cap;
};

/* The tolerance the comparator applies, in words, for reports. */
extern const char nc_compare_tolerance[];

/* Group `claims` by key into findings, appended to `out` in report order:
 * conflicts, then partial, agree and single; by key within each.  Values
 * within a finding are ordered by the number of documents stating them,
 * then by text; documents within a value by their order in the input. */
void nc_compare(const struct nc_claims *claims, struct nc_findings *out);

/* Lower-case name of a status: "conflict", "partial", "agree", "single". */
const char *nc_finding_status_str(enum nc_finding_status st);

/* Number of distinct documents among a value's claims. */
size_t nc_finding_value_docs(const struct nc_finding_value *fv,
                             const struct nc_claims *claims, size_t *docs,
                             size_t max);

void nc_findings_free(struct nc_findings *f);

#endif
