/* test_heap.c: nc_heap_reserve, the heap set up main does first.  A test
 * binary of its own, as the setting lasts for the whole process. */
#include "testutil.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "heap.h"

/* What /proc/self/smaps says of the mapping that holds address a: its
 * name (empty for none) and whether its VmFlags include "hg", the mark
 * of madvise(MADV_HUGEPAGE).  False when the file cannot be read. */
static bool mapping_of(const void *a, char *name, size_t size, bool *hg)
{
  FILE *f = fopen("/proc/self/smaps", "r");
  char line[512];
  bool in = false, found = false;

  if (!f)
    return false;
  while (fgets(line, sizeof line, f)) {
    uintmax_t lo, hi;
    int off = 0;
    if (sscanf(line, "%jx-%jx %*s %*s %*s %*s %n", &lo, &hi, &off) == 2 &&
        off > 0) {
      if (found)
        break;
      in = (uintptr_t)a >= lo && (uintptr_t)a < hi;
      if (in) {
        found = true;
        snprintf(name, size, "%s", line + off);
        name[strcspn(name, "\n")] = '\0';
        *hg = false;
      }
    } else if (in && strncmp(line, "VmFlags:", 8) == 0) {
      *hg = strstr(line, " hg") != NULL;
    }
  }
  fclose(f);
  return found;
}

/* True when malloc is not the C library's own: under AddressSanitizer
 * (built in) or valgrind (preloaded). */
static bool other_malloc(void)
{
  const char *pre = getenv("LD_PRELOAD");
#if defined(__SANITIZE_ADDRESS__)
  return true;
#endif
  return pre && strstr(pre, "vgpreload");
}

static void test_reserve_advises_the_heap(void **state)
{
  bool advised, hg = false;
  char name[256];
  size_t i, n = (size_t)4 << 20;
  unsigned char *p;

  (void)state;
#ifndef __GLIBC__
  skip(); /* the hint is given with the GNU C library's malloc only */
#endif
  advised = nc_heap_reserve((size_t)16 << 20);
  p = malloc(n);
  assert_non_null(p);
  for (i = 0; i < n; i += 4096)
    p[i] = (unsigned char)i;
  /* its middle: the step begins at the first page boundary in the block
   * that made the heap grow, the start of this one */
  if (!mapping_of(p + n / 2, name, sizeof name, &hg)) {
    free(p);
    skip(); /* no /proc: not Linux */
  }
  if (advised) {
    /* a block of 4 MiB, below the threshold set, comes from the heap's
     * step, marked for huge pages */
    assert_string_equal(name, "[heap]");
    assert_true(hg);
  } else {
    /* no hint only with another malloc or a kernel without huge pages */
    assert_true(other_malloc() ||
                access("/sys/kernel/mm/transparent_hugepage", F_OK) != 0);
  }
  for (i = 0; i < n; i += 4096)
    assert_int_equal(p[i], (unsigned char)i);
  free(p);
  /* memory still comes and goes as before */
  for (i = 1; i <= 64; i *= 2) {
    char *q = malloc(i << 20);
    assert_non_null(q);
    memset(q, 'x', i << 20);
    assert_int_equal(q[(i << 20) - 1], 'x');
    free(q);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reserve_advises_the_heap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
