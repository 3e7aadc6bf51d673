/* fuzz_manifest.c: libFuzzer entry point for sources.json manifests
 * (source.c): the input is written as a manifest in a private folder and
 * read with nc_sources_add_manifest; the sources it yields are freed. */
#include "fuzz_files.h"

#include "newscheck/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct nc_source_list list = {0};
  struct nc_error err;
  char *path = fuzz_put("sources.json", data, size);

  nc_error_clear(&err);
  if (nc_sources_add_manifest(&list, path, "2025-11-06", &err) != NC_OK &&
      (err.msg[0] == '\0' || err.file[0] == '\0'))
    abort(); /* every failure must say what and where */
  nc_sources_free(&list);
  free(path);
  return 0;
}
