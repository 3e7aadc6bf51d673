/* fuzz_html.c: libFuzzer entry point for the HTML reader (html.c): the
 * input is read as an HTML page, with no declared charset, into a
 * document whose blocks then go through the whole pipeline. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct nc_source src;
  struct nc_doc *doc = NULL;
  struct nc_error err;
  char *copy = malloc(size + 1);

  if (!copy)
    return 0;
  memcpy(copy, data, size);
  copy[size] = '\0';
  memset(&src, 0, sizeof src);
  src.id = "page";
  src.path = "page.html";
  src.published = "2025-11-06";
  nc_error_clear(&err);
  fuzz_kit();
  if (nc_doc_from_html(&src, copy, size, NULL, &doc, &err) == NC_OK) {
    fuzz_pipeline(&doc, 1);
    nc_doc_free(doc);
  }
  return 0;
}
