/* doc_extract.c: test helper that loads each file named on the command
 * line as a document and prints it like `newscheck text` does: plain text
 * by default, one JSON line per file with --json.  Used by the extraction
 * benchmark (tests/bench/extract.sh) and to try pages by hand. */
#include <stdio.h>
#include <string.h>

#include "newscheck/document.h"
#include "report_doc.h"

int main(int argc, char **argv)
{
  int i, json = 0, status = 0;

  for (i = 1; i < argc; i++) {
    struct nc_source src;
    struct nc_doc *doc = NULL;
    struct nc_error err;

    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
      continue;
    }
    memset(&src, 0, sizeof src);
    src.path = argv[i];
    src.id = argv[i];
    nc_error_clear(&err);
    if (nc_doc_load(&src, &doc, &err) != NC_OK) {
      fprintf(stderr, "doc_extract: %s: %s\n", argv[i], err.msg);
      status = 2;
      continue;
    }
    if (json)
      nc_report_doc_json(stdout, doc);
    else
      nc_report_doc_text(stdout, doc);
    nc_doc_free(doc);
  }
  return status;
}
