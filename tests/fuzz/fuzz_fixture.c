/* fuzz_fixture.c: libFuzzer entry point for --expect fixtures
 * (fixture.c): the input is written as a fixture and compared with the
 * report of two small fixed articles, built once. */
#include "fuzz_common.h"
#include "fuzz_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *article[2] = {
    "Harbour strike enters third day\n\n"
    "About 1,200 dock workers walked out on Monday, the union said.\n"
    "The port of Lisbon handled 14 ships last week, President Ana Costa "
    "said.\n",
    "Dock strike: third day\n\n"
    "Some 1,500 dock workers walked out on Tuesday, union leaders said.\n"
    "Portugal, Spain and France have joined the talks.\n"};

/* The report the fixtures are compared with; its parts live for the whole
 * run. */
static const struct nc_report *fixed_report(void)
{
  static struct nc_report rep;
  static struct nc_doc *docs[2];
  static struct nc_claims claims;
  static struct nc_findings findings;
  static int ready;
  size_t i;

  if (ready)
    return &rep;
  for (i = 0; i < 2; i++) {
    struct nc_source src;
    struct nc_error err;
    memset(&src, 0, sizeof src);
    src.id = i ? "b" : "a";
    src.path = src.id;
    src.published = "2025-11-06";
    nc_error_clear(&err);
    if (nc_doc_from_text(&src, xstrdup(article[i]), strlen(article[i]),
                         &docs[i], &err) != NC_OK)
      abort();
  }
  nc_claims_extract(&fuzz_kit()->ex, docs, 2, &claims);
  nc_compare(&claims, &findings);
  rep.docs = docs;
  rep.ndocs = 2;
  rep.claims = &claims;
  rep.findings = &findings;
  ready = 1;
  return &rep;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const struct nc_report *rep = fixed_report();
  struct nc_error err;
  bool drift = false;
  char *path = fuzz_put("fixture.json", data, size);

  nc_error_clear(&err);
  if (nc_fixture_check(path, rep, fuzz_null(), &drift, &err) != NC_OK &&
      (err.msg[0] == '\0' || err.file[0] == '\0'))
    abort(); /* every failure must say what and where */
  free(path);
  return 0;
}
