/* fuzz_common.h: shared set-up of the libFuzzer entry points in
 * tests/fuzz: the lexicon, abbreviations and rules are loaded once from
 * NC_DATADIR (or $NC_FUZZ_DATADIR), and fuzz_pipeline() runs a set of
 * documents through sentences, mentions, claims, findings and reports,
 * freeing everything it made. */
#ifndef NC_FUZZ_COMMON_H
#define NC_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "newscheck/compare.h"
#include "newscheck/report.h"

#ifndef NC_DATADIR
#define NC_DATADIR "data"
#endif

/* The extraction kit, loaded on the first call; aborts when the data
 * folder cannot be loaded (the fuzz run would be meaningless). */
static inline const struct nc_kit *fuzz_kit(void)
{
  static struct nc_kit kit;
  static int loaded;

  if (!loaded) {
    const char *dir = getenv("NC_FUZZ_DATADIR");
    if (!nc_kit_load(&kit, dir ? dir : NC_DATADIR))
      abort();
    loaded = 1;
  }
  return &kit;
}

/* A writable sink for the text report, opened once. */
static inline FILE *fuzz_null(void)
{
  static FILE *f;

  if (!f)
    f = fopen("/dev/null", "w");
  if (!f)
    abort();
  return f;
}

/* Sentences (and mentions) of every document, then claims, findings, the
 * JSON and text reports and the summary.  The documents' text is UTF-8
 * (the readers make it so), and so must every report be: a claim's key
 * once ended in half a letter.  Aborts when it is not. */
static inline void fuzz_pipeline(struct nc_doc *const *docs, size_t ndocs)
{
  const struct nc_kit *kit = fuzz_kit();
  struct nc_claims claims = {0};
  struct nc_findings findings = {0};
  struct nc_report rep;
  char *s;
  size_t i;

  for (i = 0; i < ndocs; i++) {
    struct nc_sentences ss = {0};
    struct nc_mentions ms = {0};
    size_t k;
    nc_sentences_split(kit->abbrevs, docs[i], &ss);
    for (k = 0; k < ss.n; k++)
      nc_mentions_find_sentence(kit->lex, docs[i], &ss.items[k], &ms);
    nc_mentions_free(&ms);
    nc_sentences_free(&ss);
  }
  nc_claims_extract(&kit->ex, docs, ndocs, &claims);
  nc_compare(&claims, &findings);
  memset(&rep, 0, sizeof rep);
  rep.docs = docs;
  rep.ndocs = ndocs;
  rep.claims = &claims;
  rep.findings = &findings;
  s = nc_report_json(&rep);
  if (!nc_utf8_valid(s, strlen(s), NULL))
    abort();
  free(s);
  for (i = 0; i < claims.n; i++) {
    struct nc_buf line = {0};
    nc_report_claim_line(&line, docs[claims.items[i].doc], &claims.items[i]);
    if (!nc_utf8_valid(line.data, line.len, NULL))
      abort();
    nc_buf_free(&line);
  }
  s = nc_report_summary(&rep);
  free(s);
  nc_report_text(fuzz_null(), &rep, true);
  nc_findings_free(&findings);
  nc_claims_free(&claims);
}

#endif
