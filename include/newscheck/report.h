/* report.h: the cross-check as a human report (report_text.c) or a JSON
 * document (report_json.c, schema newscheck/1), and the fixture check
 * that compares a run's findings with a saved report (fixture.c). */
#ifndef NC_REPORT_H
#define NC_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "newscheck/compare.h"
#include "newscheck/document.h"
#include "newscheck/source.h"

/* Everything a report shows; all borrowed. */
struct nc_report {
  struct nc_doc *const *docs;
  size_t ndocs;
  const struct nc_claims *claims;
  const struct nc_findings *findings;
  const struct nc_source_error *errors; /* sources that failed */
  size_t nerrors;
};

/* The JSON schema name written in every report. */
#define NC_SCHEMA "newscheck/1"

/* Write the human report: conflicts first with each value's sources and
 * quoted evidence, then partial lists, agreements, single-source claims,
 * and a one-line summary.  ANSI colour only when `colour`. */
void nc_report_text(FILE *out, const struct nc_report *r, bool colour);

/* The one-line summary ("5 documents, 80 claims, 40 findings: 2
 * conflicts, ..."); caller frees. */
char *nc_report_summary(const struct nc_report *r);

/* The JSON report as a string (pretty-printed, keys in schema order,
 * ending in a newline); caller frees. */
char *nc_report_json(const struct nc_report *r);

/* One JSON Lines record for the extract command, appended to `out` with
 * its newline: a mention of block `b` of `doc` ({"kind":"mention","type",
 * "text","start","end","value","approx",...}, offsets in the input), or
 * a claim.  Appending lets the caller write many records at once. */
void nc_report_mention_line(struct nc_buf *out, const struct nc_doc *doc,
                            const struct nc_block *b,
                            const struct nc_mention *m);
void nc_report_claim_line(struct nc_buf *out, const struct nc_doc *doc,
                          const struct nc_claim *c);
/* The claim lines of c[0..n) in order, each as nc_report_claim_line
 * writes it, until out holds `until` bytes or more (so that the caller
 * can write them out); returns how many were appended, at least one when
 * n is not 0.  Faster than one at a time: the document's name, and a
 * quote its sentence's claims share, are escaped once for the run. */
size_t nc_report_claim_lines(struct nc_buf *out, const struct nc_doc *doc,
                             const struct nc_claim *c, size_t n, size_t until);

/* Compare the findings of `r` with the fixture at `path` (a JSON report
 * written by --json or --update).  Findings are matched by key; a finding
 * added or removed, a status changed, a value added or removed, or a value
 * whose sources changed is drift.  Writes a readable diff to `diff` and
 * sets *drift.  Fails with NC_IO/NC_PARSE when the fixture cannot be read
 * (err names the file). */
enum nc_status nc_fixture_check(const char *path, const struct nc_report *r,
                                FILE *diff, bool *drift,
                                struct nc_error *err);

/* Write the JSON report of `r` to `path` atomically (temporary file, then
 * rename). */
enum nc_status nc_fixture_write(const char *path, const struct nc_report *r,
                                struct nc_error *err);

#endif
