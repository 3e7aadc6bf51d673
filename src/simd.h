/* simd.h: whether the byte scans use SSE2.  Every x86-64 processor has
 * it, and the scans of util.c, document.c, sentences.c and entities.c
 * then take 16 bytes at a time (with the GCC builtins that count zero
 * bits).  Elsewhere, or built with -DNC_NO_SSE2 (as `make check` builds
 * their tests a second time), they take portable paths that give the same
 * results. */
#ifndef NC_SIMD_H
#define NC_SIMD_H

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NC_NO_SSE2)
#define NC_SSE2 1
#include <emmintrin.h>
#else
#define NC_SSE2 0
#endif

#endif
