/* heap.h: how the process asks the C library for its memory. */
#ifndef NC_HEAP_H
#define NC_HEAP_H

#include <stdbool.h>
#include <stddef.h>

/* Set the C library's heap up for a run that may use `bytes` or more:
 * large blocks come from the heap and stay there when freed, the heap
 * grows by `bytes` at a time, and that part of it asks the kernel for
 * transparent huge pages.  Call it once, at the start of main, before
 * the work allocates much.  Returns whether the huge-page hint was given:
 * only with the GNU C library's own malloc (not under a sanitizer or
 * valgrind, which bring their own) and a kernel that knows the hint;
 * otherwise it changes nothing or only the C library's thresholds. */
bool nc_heap_reserve(size_t bytes);

#endif
