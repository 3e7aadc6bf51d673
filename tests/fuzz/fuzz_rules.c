/* fuzz_rules.c: libFuzzer entry point for rule files (rules.c): the input
 * is written as a rule file beside a copy of the project's macros, the
 * folder is loaded, and when it loads, every rule's examples run through
 * the extractor (PCRE2 matching, claims) with the project's lexicon. */
#include "fuzz_common.h"
#include "fuzz_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static int ready;
  const struct nc_kit *kit = fuzz_kit();
  struct nc_rules *rules = NULL;
  struct nc_error err;
  char *path;

  if (!ready) {
    struct nc_buf src = {0};
    char *macros = NULL;
    size_t len = 0;
    const char *dir = getenv("NC_FUZZ_DATADIR");
    nc_error_clear(&err);
    nc_buf_printf(&src, "%s/rules/00-macros.json", dir ? dir : NC_DATADIR);
    if (nc_read_file(src.data, NC_MAX_INPUT_BYTES, &macros, &len, &err) !=
        NC_OK)
      abort();
    free(fuzz_put("00-macros.json", (const uint8_t *)macros, len));
    free(macros);
    nc_buf_free(&src);
    ready = 1;
  }
  path = fuzz_put("50-fuzz.json", data, size);
  nc_error_clear(&err);
  if (nc_rules_load(fuzz_dir(), &rules, &err) == NC_OK) {
    struct nc_extractor ex = kit->ex;
    struct nc_buf log = {0};
    size_t n = 0;
    ex.rules = rules;
    nc_rules_check_examples(&ex, &log, &n);
    nc_buf_free(&log);
    nc_rules_free(rules);
  } else if (err.msg[0] == '\0' || err.file[0] == '\0') {
    abort(); /* every failure must say what and where */
  }
  free(path);
  return 0;
}
