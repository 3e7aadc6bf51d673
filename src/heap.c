/* heap.c: the process's heap set up for large inputs.
 *
 * On the virtual machines newscheck is measured on, a page fault costs
 * about 3.5 us, and an `extract` of 4 MB of news touches some 3,300 fresh
 * 4 KiB pages: a tenth of its run.  Transparent huge pages cut that to a
 * few hundred faults, but most kernels give them only to memory that asks
 * (`madvise` mode), and the GNU C library asks only when told to by an
 * environment variable (glibc.malloc.hugetlb), read before main.  So main
 * does here what that setting does, once: it grows the heap by a large
 * step and marks that step for huge pages.  Memory is still only used
 * where it is touched; the step is address space, not memory. */
#define _DEFAULT_SOURCE /* sbrk, MADV_HUGEPAGE */

#include "heap.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
#include <malloc.h>

/* The largest mmap threshold mallopt accepts on a 64-bit system. */
#define MMAP_THRESHOLD_MAX ((size_t)32 << 20)

bool nc_heap_reserve(size_t bytes)
{
  long page = sysconf(_SC_PAGESIZE);
  size_t first = (size_t)1 << 20, threshold;
  uintptr_t lo, hi;
  char *p;
  bool advised = false;

  if (page <= 0 || bytes > (size_t)INT32_MAX)
    return false;
  /* blocks of up to 32 MiB from the heap rather than each from its own
   * mapping: a mapping is returned to the kernel when freed and faulted
   * in again, page by page, when the next block of that size comes */
  threshold = bytes < MMAP_THRESHOLD_MAX ? bytes : MMAP_THRESHOLD_MAX;
  if (!mallopt(M_MMAP_THRESHOLD, (int)threshold) ||
      !mallopt(M_TRIM_THRESHOLD, (int)bytes) ||
      !mallopt(M_TOP_PAD, (int)bytes))
    return false;
  /* a block larger than what the heap has left makes it grow, by the
   * block and the pad, in one step */
  p = malloc(first);
  if (!p)
    return false;
  lo = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
  hi = (uintptr_t)sbrk(0) & ~((uintptr_t)page - 1);
  /* only when the block is in that step: a malloc of its own (a
   * sanitizer's, valgrind's) places blocks elsewhere */
  if (lo < hi && hi - lo <= bytes + 2 * first)
    advised = madvise((void *)lo, hi - lo, MADV_HUGEPAGE) == 0;
  free(p);
  return advised;
}

#else

bool nc_heap_reserve(size_t bytes)
{
  (void)bytes;
  return false;
}

#endif
