/* fuzz_text.c: libFuzzer entry point for the plain-text path: the input,
 * cut into up to four documents at lines "---", is checked like
 * nc_doc_load does (NUL bytes, UTF-8), classified into blocks, split into
 * sentences, searched for mentions and claims, compared and reported. */
#include "fuzz_common.h"

#include "newscheck/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXDOCS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char *ids[MAXDOCS] = {"a", "b", "c", "d"};
  static const char *dates[MAXDOCS] = {"2025-11-06", "2025-11-07", NULL,
                                       "2024-02-29"};
  struct nc_doc *docs[MAXDOCS];
  size_t ndocs = 0, pos = 0, bad;
  const char *text = (const char *)data;

  fuzz_kit();
  if (memchr(data, '\0', size) || !nc_utf8_valid(text, size, &bad))
    return 0;
  while (pos <= size && ndocs < MAXDOCS) {
    const char *sep = NULL;
    size_t end = size, k;
    struct nc_source src;
    struct nc_error err;
    char *copy;

    if (ndocs + 1 < MAXDOCS)
      for (k = pos; k + 5 <= size; k++)
        if (memcmp(text + k, "\n---\n", 5) == 0) {
          sep = text + k;
          break;
        }
    if (sep)
      end = (size_t)(sep - text) + 1;
    copy = xmalloc(end - pos + 1);
    memcpy(copy, text + pos, end - pos);
    copy[end - pos] = '\0';
    memset(&src, 0, sizeof src);
    src.id = (char *)ids[ndocs];
    src.path = (char *)ids[ndocs];
    src.published = (char *)dates[ndocs];
    nc_error_clear(&err);
    if (nc_doc_from_text(&src, copy, end - pos, &docs[ndocs], &err) ==
        NC_OK)
      ndocs++;
    if (!sep)
      break;
    pos = end + 4;
  }
  fuzz_pipeline(docs, ndocs);
  while (ndocs)
    nc_doc_free(docs[--ndocs]);
  return 0;
}
