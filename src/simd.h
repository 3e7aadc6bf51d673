/* simd.h: helpers for scanning bytes many at a time.
 *
 * Whether the byte scans use SSE2: every x86-64 processor has it, and the
 * scans of util.c, document.c, sentences.c, entities.c, report_json.c and
 * claims.c then take 16 bytes at a time (with the GCC builtins that count zero bits).
 * Elsewhere, or built with -DNC_NO_SSE2 (as `make check` builds their
 * tests a second time), they take portable paths that give the same
 * results.
 *
 * And, in plain C for any machine, eight bytes in a 64-bit word: a mask
 * with 0x80 in each byte that passes a test, walked from its lowest
 * byte. */
#ifndef NC_SIMD_H
#define NC_SIMD_H

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NC_NO_SSE2)
#define NC_SSE2 1
#include <emmintrin.h>
#else
#define NC_SSE2 0
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* s[0..n) as a little-endian 64-bit word (the byte s[0] lowest), zeros
 * past n (n may exceed 8).  On little-endian machines one load, or two
 * overlapping ones for a short tail. */
static inline uint64_t nc_load8(const void *s, size_t n)
{
  const unsigned char *u = s;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t x;
  uint32_t lo, hi;
  if (n >= 8) {
    memcpy(&x, u, 8);
    return x;
  }
  if (n >= 4) {
    /* the first four bytes and the last four, which overlap */
    memcpy(&lo, u, 4);
    memcpy(&hi, u + n - 4, 4);
    return lo | (uint64_t)hi << 8 * (n - 4);
  }
  if (n == 0)
    return 0;
  return u[0] | (uint64_t)u[n / 2] << 8 * (n / 2) |
         (uint64_t)u[n - 1] << 8 * (n - 1);
#else
  uint64_t x = 0;
  size_t k;
  for (k = n < 8 ? n : 8; k-- > 0;)
    x = x << 8 | u[k];
  return x;
#endif
}

/* Store w at p as nc_load8 loads it: the lowest byte first, whatever the
 * machine's byte order (eight bytes, one move on little-endian ones). */
static inline void nc_store8(void *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  memcpy(p, &w, 8);
#else
  unsigned char *o = p;
  size_t k;
  for (k = 0; k < 8; k++)
    o[k] = (unsigned char)(w >> 8 * k);
#endif
}

/* w with its bytes 'A' to 'Z' in lower case (the bytes are taken below
 * 0x80 so that no sum carries into the next). */
static inline uint64_t nc_lower8(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
  uint64_t t = w & ~high;
  uint64_t up = (t + ones * (0x80 - 'A')) & ~(t + ones * (0x80 - 'Z' - 1)) &
                ~w & high;
  return w | up >> 2;
}

/* 0x80 in each byte of w that equals c. */
static inline uint64_t nc_bytes_eq(uint64_t w, unsigned char c)
{
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7Fu;
  uint64_t x = w ^ (0x0101010101010101u * c);
  return ~(((x & low7) + low7) | x | low7);
}

/* 0x80 in each byte of w below 0x20 (a control byte). */
static inline uint64_t nc_ctl8(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F;
  return ~(((w & low7) + ones * (0x80 - 0x20)) | w) & ones * 0x80;
}

/* 0x80 in each byte of w that is an ASCII letter. */
static inline uint64_t nc_letters8(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
  uint64_t t = (w | ones * 0x20) & ~high; /* lower case, no carries */
  return (t + ones * (0x80 - 'a')) & ~(t + ones * (0x80 - 'z' - 1)) & ~w &
         high;
}

/* 0x80 in each byte of w that is an ASCII letter or digit. */
static inline uint64_t nc_alnums8(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
  uint64_t t = w & ~high;
  uint64_t digit = (t + ones * (0x80 - '0')) & ~(t + ones * (0x80 - '9' - 1));
  return (nc_letters8(w) | digit) & ~w & high;
}

/* The index of the lowest bit set in x (x not 0). */
static inline unsigned nc_ctz64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
  return (unsigned)__builtin_ctzll(x);
#else
  unsigned k = 0;
  while (!(x >> k & 1))
    k++;
  return k;
#endif
}

static inline unsigned nc_ctz32(uint32_t x)
{
  return nc_ctz64(x);
}

/* The index of the lowest byte of m with its high bit set (m holds only
 * high bits, one at least). */
static inline size_t nc_low_byte(uint64_t m)
{
  return nc_ctz64(m) / 8;
}

#endif
