/* fuzz_replay.c: test helper that replays saved inputs through the
 * libFuzzer entry points of tests/fuzz without libFuzzer, so that seed
 * corpora and crash regressions run in `make check` (and under the
 * sanitizers in `make check-asan`).  Usage: fuzz_replay TARGET FILE...,
 * TARGET one of html, text, manifest, fixture, rules. */
#define LLVMFuzzerTestOneInput nc_fuzz_html
#include "../fuzz/fuzz_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput nc_fuzz_text
#include "../fuzz/fuzz_text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput nc_fuzz_manifest
#include "../fuzz/fuzz_manifest.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput nc_fuzz_fixture
#include "../fuzz/fuzz_fixture.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput nc_fuzz_rules
#include "../fuzz/fuzz_rules.c"
#undef LLVMFuzzerTestOneInput

struct target {
  const char *name;
  int (*run)(const uint8_t *data, size_t size);
};

static const struct target targets[] = {{"html", nc_fuzz_html},
                                        {"text", nc_fuzz_text},
                                        {"manifest", nc_fuzz_manifest},
                                        {"fixture", nc_fuzz_fixture},
                                        {"rules", nc_fuzz_rules}};

int main(int argc, char **argv)
{
  const struct target *t = NULL;
  struct nc_kit *kit;
  size_t i;
  int k, runs = 0;

  if (argc < 2) {
    fprintf(stderr, "usage: fuzz_replay TARGET FILE...\n");
    return 2;
  }
  for (i = 0; i < sizeof targets / sizeof *targets; i++)
    if (strcmp(argv[1], targets[i].name) == 0)
      t = &targets[i];
  if (!t) {
    fprintf(stderr, "fuzz_replay: unknown target %s\n", argv[1]);
    return 2;
  }
  for (k = 2; k < argc; k++) {
    struct nc_error err;
    char *data = NULL;
    size_t len = 0;
    nc_error_clear(&err);
    if (nc_read_file(argv[k], NC_MAX_INPUT_BYTES, &data, &len, &err) !=
        NC_OK) {
      fprintf(stderr, "fuzz_replay: %s: %s\n", argv[k], err.msg);
      return 2;
    }
    t->run((const uint8_t *)data, len);
    free(data);
    runs++;
  }
  kit = (struct nc_kit *)fuzz_kit();
  nc_kit_free(kit);
  printf("fuzz_replay %s: %d inputs\n", t->name, runs);
  return 0;
}
