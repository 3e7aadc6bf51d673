/* entities.c: the name recognizer of the mentions stage.  It takes the
 * UTF-8 text of a sentence or block and appends country mentions (names,
 * aliases, demonyms) and person mentions (a title with its modifiers and
 * country qualifier, then a name; or a known short form) with byte
 * offsets.  The word lists come from data/lexicon and are loaded once. */
#include "mentions_int.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "simd.h"

/* What a phrase of the lexicon stands for. */
enum pkind {
  PK_NAME,      /* a country's name */
  PK_ALIAS,     /* another name or a description of a country */
  PK_DEMONYM,   /* an adjective or noun for a country's people */
  PK_BLOCK,     /* a phrase that names no country ("Latin America") */
  PK_PERSON,    /* a known short form of a person's name */
  PK_TITLE,     /* a title before a name */
  PK_MODIFIER,  /* a word before a title that belongs to it */
  PK_HONORIFIC, /* Mr., Dr.: a person without a title */
  PK_PARTICLE,  /* a lower-case word inside a name ("bin", "al-") */
  PK_SUFFIX,    /* Jr., III */
  PK_STOP       /* a capitalised word that ends a name */
};

/* How one byte of a pattern compares with the text. */
enum { CM_ANY, CM_EXACT, CM_UPPER };

struct phrase {
  char *text;          /* pattern, words separated by one space */
  unsigned char *mode; /* CM_* for each byte of text */
  size_t off;          /* of text in the table's pool, until table_build
                        * sets text and mode */
  size_t len;
  enum pkind kind;
  size_t ref;          /* index into the list its kind refers to */
  int min_name;        /* titles: name words needed when capitalised */
  size_t klen;         /* bytes of the first word (0: punctuation) */
  int key_case;        /* how the first word's case is tested (KC_*) */
};

/* The modes of a phrase's first word, which the data give in three
 * forms: every byte in any case, a capital first and the rest in any
 * case, or each byte as written (an acronym).  The last and any other
 * form take the test byte by byte. */
enum { KC_ANY, KC_FIRST, KC_BYTES };

/* struct entry's `only` for a phrase of more than its first word (or of
 * punctuation first), which entry_only never takes */
#define KC_MORE 3

/* A phrase of a bucket, with what rules it out before phrase_at, and
 * what entry_only asks of it: small (16 bytes), so that a probe reads no
 * more than a line or two of them, and most hits ("Israel", "President")
 * no phrase at all. */
struct entry {
  uint32_t idx;  /* into ph */
  uint16_t kind; /* 1 << its pkind */
  short next;    /* lower-case first byte of its second word, or -1 */
  short next2;   /* the second byte of that word when an ASCII letter or
                  * digit (in lower case), or -1 */
  /* A phrase of no next with more after its first word ("president-elect",
   * "U.S."): the byte after the word, then the one after that, in lower
   * case, when phrase_rest compares each with one byte of the text (no
   * space nor apostrophe), else -1.  A text without them there needs no
   * phrase_rest ("President Biden"). */
  short after, after2;
  /* the phrase's key_case when it is its first word alone, else KC_MORE;
   * and its first byte, which KC_FIRST compares */
  unsigned char only, first;
};
_Static_assert(PK_STOP < 16, "struct entry's kind holds 1 << pkind in 16 bits");

struct bucket {
  char *key;      /* lower-case first word of the phrases */
  size_t klen;    /* its length */
  uint64_t key8;  /* its first eight bytes as nc_load8 has them (zeros
                   * past a shorter key), to compare in one go */
  uint32_t hash;  /* hash_key of it */
  unsigned kinds; /* 1 << pkind of each of its phrases */
  struct entry *e; /* phrases, longest first */
  size_t n;
  struct entry *g; /* the same by next, then longest first */
  size_t nany;     /* how many of them have no next (-1, the first) */
  /* PAIR_BIT of next and next2 of each phrase with a next, or all ones
   * when one of them has no next2: a text whose next two bytes hit no
   * bit here needs no search of g[nany..n) ("the" is followed by many
   * words, few of them a country's) */
  uint64_t pairs[4];
};

/* A slot of a table's hash index: small, so that the index, which has
 * room to spare, takes little memory to clear. */
struct slot {
  uint32_t hash; /* of the key: hash_key (seen_hash in a seenset) */
  uint32_t b;    /* 1 + the index of the bucket (or seen_ent); 0: empty */
};

/* The bit of pairs[] for a next and next2 (-1 or a byte). */
#define PAIR_BIT(next, next2) ((unsigned)((next) * 31 + (next2) + 1) & 255u)

/* The filter of first words, a Bloom filter of two bits per key: most
 * words of a text are in no table, and two bits tell so without a probe
 * (one bit let common words such as "a" through).  The second bit comes
 * from the hash mixed by a multiplication, so the two are independent. */
#define FILTER_BITS 16384u
#define FILTER_A(h) (((h) >> 13) & (FILTER_BITS - 1))
#define FILTER_B(h) (((uint32_t)(h) * 0x9E3779B1u) >> 18)

/* Phrases indexed by their first word, so a scan looks up each word of
 * the text once and tries only the phrases that can start there. */
struct table {
  struct phrase *ph;
  size_t n, cap;
  /* the text of each phrase, then its modes, each NUL-ended: one block
   * for all phrases rather than two allocations each */
  char *pool;
  size_t pool_len, pool_cap;
  struct slot *slots; /* open addressing, a power of two of them */
  size_t nslots;
  struct bucket *buckets; /* one a key */
  size_t nbuckets;
  /* the buckets' keys, each NUL-ended, and their e, then their g */
  char *keys;
  struct entry *ents;
  uint64_t filter[FILTER_BITS / 64]; /* FILTER_A and _B of each key */
};

/* Strings kept in one block: by offset while they are added, then by
 * pointer (v) once strs_done has run. */
struct strs {
  const char **v;
  size_t *off;
  size_t n, cap;
  char *pool;
  size_t pool_len, pool_cap;
};

/* For the keys of a table without FIRST_SOLO (or _TSOLO: "the",
 * "trade"): the first two bytes of the second word of each of their
 * phrases (next << 8 | next2), and the first bytes (next) of those with
 * no next2, each in every case its mode lets the text have it ("the
 * Emirates" wants a capital E: "the emergency" is ruled out here).  A
 * word whose next word starts with neither starts none, as table_match_h
 * would find, so the scan need not ask it. */
struct pairset {
  uint64_t pairs[65536 / 64];
  uint64_t any[256 / 64];
};

struct nc_entlex {
  struct table ents;    /* countries, blocked phrases, people */
  struct table titles;  /* titles, modifiers, honorifics */
  struct table words;   /* particles, suffixes, stop words */
  struct strs countries;
  unsigned char *ambiguous; /* per country */
  struct strs people;
  struct strs title_as; /* the reported form of each title */
  /* The modifiers among titles.ph that may end before a byte c of the
   * text (in lower case): mods[mod_at[c]..mod_at[c + 1]), those whose
   * last byte is c and those that end in an apostrophe (maybe curly),
   * each list in the order of titles.ph, longest first. */
  size_t *mods;
  size_t mod_at[257];
  /* The filters of ents and titles in one, for the scan, a Bloom
   * filter like table.filter with a bit per question (FIRST_*) at
   * FILTER_A and FILTER_B of each key: two loads rule most words out of
   * both tables and tell what to test of the others (first_add). */
  unsigned char first[FILTER_BITS];
  /* For scan_block, before it hashes a word: bit n of pre[PRE_AT(c0,
   * c1)] is set for each key of ents and titles that first[] marks, and
   * each plural, of n bytes (n < 32) that start c0, c1 (a key of one
   * byte under every c1), c0 in each case a phrase of the key may start
   * with in the text: a capital always, a small letter only when one of
   * the phrases does not want a capital there.  A word it does not mark
   * is no key nor plural, or one whose phrases all want the capital it
   * lacks ("that" and "Thai"), which scan_word would find nothing for:
   * most words of a text are ruled out so, at less cost than a hash. */
  uint32_t pre[31 * 256 + 64];
  struct pairset ent_pairs, title_pairs;
  /* The first two bytes of the keys of particles in words, as
   * PARTICLE_AT has them (a key of one byte under every second
   * byte): a lower-case word after a name ("said", "and", "the") that
   * starts with none is no particle, as table_match would find after a
   * hash of it. */
  uint32_t particle_pairs[32];
};

/* The bit of particle_pairs for a word that starts with the bytes c0, c1:
 * the low five bits of each, the same for a letter in either case.  Other
 * bytes share bits with letters, which only lets more words through. */
#define PARTICLE_AT(v, c0, c1) ((v)[(c0) & 31u] >> ((c1) & 31u) & 1u)

/* The entry of pre[] for a word that starts with the bytes c0, c1: the
 * low six bits of c0, which tell a capital from a small letter, and the
 * low five of c1, the same for a letter in either case.  Other bytes
 * share entries with letters, which only lets more words through.  The
 * bits of c1 go above those of c0, eight places up, so that the scan
 * takes both from one load of two bytes (PRE_AT2) and a mask: of the
 * 32 entries of pre[] for each c1, a block of 256, only the first 64
 * are ever used. */
#define PRE_AT(c0, c1) (((c1) & 31u) << 8 | ((c0) & 63u))
/* PRE_AT of the bytes c0 | c1 << 8 */
#define PRE_AT2(x) ((unsigned)(x) & 0x1F3Fu)

#define FIRST_ENT 1u    /* a key of ents */
#define FIRST_TITLE 2u  /* a key of a title or honorific */
#define FIRST_PLURAL 4u /* a key of ents with a demonym, an 's' added */
#define FIRST_SOLO 8u   /* a key of ents with a phrase of no next */
#define FIRST_TSOLO 16u /* the same of titles */
#define FIRST_ANY 32u   /* a key with a phrase that needs no capital */

#define BIT_SET(v, k) ((v)[(k) / 64] |= (uint64_t)1 << ((k) % 64))
#define BIT_TEST(v, k) ((int)((v)[(k) / 64] >> ((k) % 64) & 1))

/* A country found in the text, kept to find qualifiers of titles. */
struct cmatch {
  size_t start, end;
  size_t country;
};

/* Short texts keep their matches on the stack. */
#define NC_LOCAL_MATCHES 64

struct cmatches {
  struct cmatch *v;
  size_t n, cap;
  struct cmatch local[NC_LOCAL_MATCHES];
};

/* A title or honorific found in the first pass: phrase k at
 * [start, end), for the second pass to look for its person. */
struct tmatch {
  size_t start, end;
  size_t k;
};

struct tmatches {
  struct tmatch *v;
  size_t n, cap;
  struct tmatch local[NC_LOCAL_MATCHES];
};

/* ---- characters ---- */

/* The first pass takes text a block at a time where SSE2 is there
 * (simd.h); elsewhere a character at a time. */

/* The scan's helpers go inline even where the compiler would not (HOT),
 * and its rare work out of line (COLD), so that its loop keeps its few
 * variables in registers. */
#if defined(__GNUC__)
#define NC_HOT inline __attribute__((always_inline))
#define NC_COLD __attribute__((noinline))
#else
#define NC_HOT inline
#define NC_COLD
#endif

/* Each ASCII byte that makes words (a letter or digit) in lower case;
 * 0 for the others and for every byte past ASCII (the rest of the 256
 * are zero), so a scan tests one table for the common case. */
static const char ascii_word[256] =
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "0123456789"
    "\0\0\0\0\0\0\0"
    "abcdefghijklmnopqrstuvwxyz"
    "\0\0\0\0\0\0"
    "abcdefghijklmnopqrstuvwxyz"
    "\0\0\0\0\0";

/* Where the scan for words stops: an ASCII letter or digit, or any byte
 * past ASCII (decoded then).  Spaces and punctuation cost one look-up. */
#define ONE16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define NUL16 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
static const unsigned char scan_stop[256] = {
    NUL16, NUL16, NUL16,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0-9 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* A-O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* P-Z */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* a-o */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* p-z */
    ONE16, ONE16, ONE16, ONE16, ONE16, ONE16, ONE16, ONE16};
#undef ONE16
#undef NUL16

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
  uint32_t cp;
  if (i < len && (unsigned char)s[i] < 0x80) {
    *n = 1;
    return (unsigned char)s[i];
  }
  *n = nc_utf8_decode(s + i, len - i, &cp);
  return cp;
}

/* Letters and digits make words; outside ASCII, anything but the
 * punctuation, symbol and space blocks counts as a letter. */
static inline int is_word_cp(uint32_t cp)
{
  if (cp < 0x80)
    return nc_is_alnum((int)cp);
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
    return 0;
  if (cp >= 0x2000 && cp <= 0x2BFF)
    return 0;
  if (cp >= 0x3000 && cp <= 0x303F)
    return 0;
  return cp != 0xFEFF && cp != 0xFFFD;
}

static int is_letter_cp(uint32_t cp)
{
  return cp < 0x80 ? nc_is_alpha((int)cp) : is_word_cp(cp);
}

/* Is there a two-byte letter at u[i] (Latin, Greek, Cyrillic): a valid
 * sequence led by 0xC3 to 0xDF, but U+00D7 and U+00F7 (0xC3 0x97, 0xC3
 * 0xB7)?  The word characters of char_at that most often follow ASCII;
 * those led by 0xC2 are none. */
static inline int letter2_at(const unsigned char *u, size_t len, size_t i)
{
  return i + 1 < len && (unsigned)(u[i] - 0xC3) <= 0xDF - 0xC3 &&
         (u[i + 1] & 0xC0) == 0x80 &&
         !(u[i] == 0xC3 && (u[i + 1] == 0x97 || u[i + 1] == 0xB7));
}

/* Is there a three-byte letter at u[i], one of U+4000 to U+CFFF (most
 * of CJK and Hangul), where is_word_cp makes no exception: a lead byte
 * 0xE4 to 0xEC, then two continuation bytes? */
static inline int letter3_at(const unsigned char *u, size_t len, size_t i)
{
  return len - i >= 3 && (unsigned)(u[i] - 0xE4) <= 0xEC - 0xE4 &&
         (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80;
}

/* Is there a character of U+2000 to U+2BFF at u[i], punctuation and
 * symbols (quotes, dashes) that is_word_cp counts as no word?  Three
 * bytes: 0xE2, 0x80 to 0xAF, then any continuation byte. */
static inline int punct3_at(const unsigned char *u, size_t len, size_t i)
{
  return u[i] == 0xE2 && len - i >= 3 &&
         (unsigned)(u[i + 1] - 0x80) <= 0x2F && (u[i + 2] & 0xC0) == 0x80;
}

/* Is the character at s[i] (i < len) a word character (is_word_cp)?  Its
 * bytes go to *n (1 for a byte that is not valid UTF-8 there).  The same
 * answer as is_word_cp(cp_at()), but ASCII and the two- and three-byte
 * forms are decoded here, with nc_utf8_decode's checks (overlong forms,
 * surrogates): the scan asks this for every character of the text. */
static inline int char_at(const char *str, size_t len, size_t i, size_t *n)
{
  const unsigned char *s = (const unsigned char *)str + i;
  size_t left = len - i;
  uint32_t cp;

  if (s[0] < 0x80) {
    *n = 1;
    return ascii_word[s[0]] != 0;
  }
  if (s[0] >= 0xC2 && s[0] <= 0xDF && left >= 2 && (s[1] & 0xC0) == 0x80) {
    cp = (uint32_t)(s[0] & 0x1F) << 6 | (uint32_t)(s[1] & 0x3F);
    *n = 2;
    return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
  }
  if ((s[0] & 0xF0) == 0xE0 && left >= 3 && (s[1] & 0xC0) == 0x80 &&
      (s[2] & 0xC0) == 0x80) {
    cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
         (uint32_t)(s[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *n = 3;
      return is_word_cp(cp);
    }
  }
  return is_word_cp(cp_at(str, len, i, n));
}

/* Upper-case letters of the Latin, Greek and Cyrillic blocks, enough for
 * names in English text without a locale. */
static int is_upper_cp(uint32_t cp)
{
  if (cp < 0x80)
    return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE)
    return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) {
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
      return cp & 1;
    return !(cp & 1);
  }
  if (cp >= 0x386 && cp <= 0x3AB)
    return 1;
  return cp >= 0x400 && cp <= 0x42F;
}

/* Horizontal space between words: ASCII blanks, a single line break and
 * the no-break space.  Returns the bytes of one such character or 0. */
static inline size_t space_at(const char *s, size_t len, size_t i)
{
  if (i >= len)
    return 0;
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
    return 1;
  if ((unsigned char)s[i] == 0xC2 && i + 1 < len &&
      (unsigned char)s[i + 1] == 0xA0)
    return 2;
  return 0;
}

/* Skip the space between two words of one paragraph; returns i unchanged
 * when there is none, or when it holds a blank line. */
static inline size_t skip_space(const char *s, size_t len, size_t i)
{
  size_t j = i, n, lines = 0;

  /* most often one blank and a word */
  if (i + 1 < len && s[i] == ' ' && space_at(s, len, i + 1) == 0)
    return i + 1;
  while ((n = space_at(s, len, j)) > 0) {
    if (s[j] == '\n' && ++lines > 1)
      return i;
    j += n;
  }
  return j;
}

/* Start of the space run that ends at i (i itself when none). */
static size_t skip_space_back(const char *s, size_t i)
{
  while (i > 0) {
    if (s[i - 1] == ' ' || s[i - 1] == '\t')
      i--;
    else if (i >= 2 && (unsigned char)s[i - 2] == 0xC2 &&
             (unsigned char)s[i - 1] == 0xA0)
      i -= 2;
    else
      break;
  }
  return i;
}

/* An apostrophe, straight or curly: its length, or 0. */
static size_t apos_at(const char *s, size_t len, size_t i)
{
  if (i < len && s[i] == '\'')
    return 1;
  if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
      (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99)
    return 3;
  return 0;
}

/* nc_word_start with the common case (an ASCII byte before) inline. */
static int word_start_at(const char *s, size_t i)
{
  if (i == 0)
    return 1;
  if ((unsigned char)s[i - 1] < 0x80)
    return !ascii_word[(unsigned char)s[i - 1]];
  return nc_word_start(s, i);
}

/* End of the run of word characters at i: ASCII letters and digits from
 * ascii_word, without a call of char_at each (table_build asks this for
 * each phrase of the lexicon at start-up). */
static size_t word_end(const char *s, size_t len, size_t i)
{
  size_t n;
  while (i < len) {
    if ((unsigned char)s[i] < 0x80) {
      if (!ascii_word[(unsigned char)s[i]])
        break;
      i++;
    } else if (char_at(s, len, i, &n)) {
      i += n;
    } else {
      break;
    }
  }
  return i;
}

/* ---- phrase tables ---- */

/* The hash of a word: its bytes, ASCII in lower case and the others as
 * they are, packed eight to a 64-bit chunk (the first byte lowest), each
 * chunk mixed in by a multiplication; the last chunk, empty or not, is
 * always mixed in.  The chunks tell the length, as no word or key holds
 * a NUL (and a collision costs only a probe).  The scan hashes most words from
 * one or two 8-byte loads (scan_block) rather than a byte at a time.  The high
 * half of the last product is the hash: it depends on every bit of the word.
 */
#define HASH_SEED UINT64_C(0x243F6A8885A308D3)
#define HASH_MUL UINT64_C(0x9E3779B97F4A7C15)

static inline uint64_t hash_mix(uint64_t acc, uint64_t chunk)
{
  return (acc ^ chunk) * HASH_MUL;
}

static inline uint32_t hash_end(uint64_t acc)
{
  return (uint32_t)(acc >> 32);
}

#define HIGH8 UINT64_C(0x8080808080808080)

static uint32_t hash_key(const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *)s;
  uint64_t acc = HASH_SEED, x = 0;
  size_t k = 0, j;

  for (; n - k >= 8; k += 8)
    acc = hash_mix(acc, nc_lower8(nc_load8(p + k, 8)));
  for (j = 0; k + j < n; j++)
    x |= (uint64_t)nc_ascii_lower(p[k + j]) << 8 * j;
  return hash_end(hash_mix(acc, x));
}

/* hash_key of the key s[0..n) with an 's' added: its plural. */
static uint32_t hash_plural(const char *s, size_t n)
{
  char buf[64];
  char *w = n < sizeof buf ? buf : xmalloc(n + 1);
  uint32_t h;

  memcpy(w, s, n);
  w[n] = 's';
  h = hash_key(w, n + 1);
  if (w != buf)
    free(w);
  return h;
}

/* The first n bytes of x (n < 8), the others cleared. */
static inline uint64_t cut_bytes(uint64_t x, size_t n)
{
  /* clang-format off */
  static const uint64_t cut[8] = {
      0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, UINT64_C(0xFFFFFFFFFF),
      UINT64_C(0xFFFFFFFFFFFF), UINT64_C(0xFFFFFFFFFFFFFF)};
  /* clang-format on */
  return x & cut[n];
}

/* hash_key of the word p[0..n), whose ASCII bytes are letters and
 * digits: those are put in lower case by setting 0x20, eight at a time
 * (the bytes past ASCII have their top bit set and stay).  p[0..avail)
 * may be read: the last chunk takes one load when eight bytes are
 * there. */
static uint32_t hash_word(const unsigned char *p, size_t n, size_t avail)
{
  uint64_t acc = HASH_SEED, x = 0;
  size_t k = 0, j;

  for (; n - k >= 8; k += 8) {
    x = nc_load8(p + k, 8);
    acc = hash_mix(acc, x | (~x & HIGH8) >> 2);
  }
  if (avail - k >= 8) {
    x = nc_load8(p + k, 8);
    return hash_end(hash_mix(acc, cut_bytes(x | (~x & HIGH8) >> 2, n - k)));
  }
  x = 0;
  for (j = 0; k + j < n; j++)
    x |= (uint64_t)(p[k + j] < 0x80 ? p[k + j] | 0x20 : p[k + j]) << 8 * j;
  return hash_end(hash_mix(acc, x));
}

/* hash_key of the word p[0..n), n < 32, of ASCII letters and digits and
 * two-byte letters, with p[0..n / 8 * 8 + 8) readable: its chunks of
 * eight bytes, the ASCII ones put in lower case by setting 0x20, the last
 * one cut to the word. */
static inline uint32_t block_hash(const unsigned char *p, size_t n)
{
  uint64_t acc = HASH_SEED, x = nc_load8(p, 8);
  size_t k = 0;

  /* most words are shorter than a chunk */
  if (n < 8)
    return hash_end(hash_mix(acc, cut_bytes(x | (~x & HIGH8) >> 2, n)));
  for (; n - k >= 8; k += 8) {
    x = nc_load8(p + k, 8);
    acc = hash_mix(acc, x | (~x & HIGH8) >> 2);
  }
  x = nc_load8(p + k, 8);
  x = cut_bytes(x | (~x & HIGH8) >> 2, n - k);
  return hash_end(hash_mix(acc, x));
}

#if NC_SSE2
/* A bit for each ASCII letter or digit among the 16 bytes v: 'a'..'z'
 * once 0x20 is set, and '0'..'9', moved to the bottom of the signed
 * range, where one comparison tells them. */
static inline unsigned alnum_bits(__m128i v)
{
  __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
  __m128i let = _mm_cmplt_epi8(_mm_add_epi8(low, _mm_set1_epi8(0x80 - 'a')),
                               _mm_set1_epi8(-128 + 26));
  __m128i dig = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x80 - '0')),
                               _mm_set1_epi8(-128 + 10));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(let, dig));
}
#endif

/* A word of the text at word start i: its end (as word_end), and its
 * hash (as hash_key) in *h.  *next is where a scan for the next word
 * goes on: past the byte that ended the word when that is ASCII (a
 * space or punctuation mark, which starts no word), else at the end.
 * ASCII letters and digits take the inner loop, then runs of two-byte
 * letters; other characters are decoded (char_at).  The word is hashed
 * once its end is known. */
static size_t word_hash(const char *s, size_t len, size_t i, uint32_t *h,
                        size_t *next)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t start = i, n;

#if NC_SSE2
  /* a word of ASCII letters and digits ended by an ASCII byte, from one
   * load of 16 bytes */
  if (len - i >= 16) {
    unsigned w =
        alnum_bits(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
    unsigned e = (unsigned)__builtin_ctz(~w);
    if (e < 16 && u[i + e] < 0x80) {
      *next = i + e + 1;
      *h = block_hash(u + i, e);
      return i + e;
    }
  }
#endif
  for (;;) {
    while (i < len && ascii_word[u[i]])
      i++;
    if (i >= len) {
      *next = i;
      break;
    }
    if (u[i] < 0x80) {
      *next = i + 1;
      break;
    }
    /* runs of two- and three-byte letters */
    for (;;) {
      if (letter2_at(u, len, i))
        i += 2;
      else if (letter3_at(u, len, i))
        i += 3;
      else
        break;
    }
    if (i >= len || u[i] < 0x80)
      continue;
    /* any other character, or a two-byte one that ends the word */
    if (!char_at(s, len, i, &n)) {
      *next = i;
      break;
    }
    i += n;
  }
  *h = hash_word(u + start, i - start, len - start);
  return i;
}

/* Case-insensitive (ASCII) equality of s[0..n) and the key. */
static int key_eq(const char *s, size_t n, const char *key)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (key[i] == '\0' ||
        nc_ascii_lower((unsigned char)s[i]) != (unsigned char)key[i])
      return 0;
  return key[n] == '\0';
}

/* Can a phrase of t start with a word whose hash_key is h? */
static inline int table_may_have(const struct table *t, uint32_t h)
{
  uint32_t a = FILTER_A(h), b = FILTER_B(h);
  uint64_t x = t->filter[a / 64] >> (a % 64);
  uint64_t y = t->filter[b / 64] >> (b % 64);
  return (int)(x & y & 1);
}

/* The bucket of the word s[0..n) whose hash_key is h, or NULL.  The
 * caller asks the filter first where that saves probes. */
static NC_HOT struct bucket *table_find_h(const struct table *t,
                                          const char *s, size_t n,
                                          uint32_t h)
{
  size_t mask, i, k;
  if (n == 0 || t->nslots == 0)
    return NULL;
  mask = t->nslots - 1;
  for (i = h & mask;; i = (i + 1) & mask) {
    const struct slot *sl = &t->slots[i];
    struct bucket *b;
    if (!sl->b)
      return NULL;
    if (sl->hash != h)
      continue;
    b = &t->buckets[sl->b - 1];
    if (b->klen != n)
      continue;
    /* the key is n bytes long and in lower case: the first eight bytes
     * (most keys have no more) are compared at once, as nc_load8 puts
     * zeros past the word as key8 has them */
    if (nc_lower8(nc_load8(s, n)) != b->key8)
      continue;
    for (k = 8; k < n; k++)
      if (nc_ascii_lower((unsigned char)s[k]) != (unsigned char)b->key[k])
        break;
    if (k >= n)
      return b;
  }
}

static struct bucket *table_find(const struct table *t, const char *s,
                                 size_t n)
{
  uint32_t h = hash_key(s, n);
  return table_may_have(t, h) ? table_find_h(t, s, n, h) : NULL;
}

/* Add one pattern.  The case of each word in the data decides how it
 * matches: an acronym (two or more capitals, no small letters) exactly,
 * a capitalised word with a capital first letter, a lower-case word in
 * any case.  The phrase's text and mode go to the pool; table_build
 * points at them once the pool has stopped growing. */
static struct phrase *table_add(struct table *t, const char *pat,
                                enum pkind kind, size_t ref)
{
  struct phrase *p;
  size_t n = strlen(pat), i, w;
  char *text;
  unsigned char *mode;
  size_t len = 0;

  if (t->pool_len + 2 * (n + 1) > t->pool_cap)
    nc_grow(&t->pool, &t->pool_cap, t->pool_len + 2 * (n + 1), 1);
  text = t->pool + t->pool_len;
  /* collapse runs of spaces */
  for (i = 0; i < n; i++) {
    if (pat[i] == ' ' && (len == 0 || text[len - 1] == ' '))
      continue;
    text[len++] = pat[i];
  }
  while (len > 0 && text[len - 1] == ' ')
    len--;
  if (len == 0)
    return NULL;
  text[len] = '\0';
  mode = (unsigned char *)text + len + 1;
  memset(mode, CM_ANY, len + 1);
  if (t->n == t->cap)
    nc_grow(&t->ph, &t->cap, t->n + 1, sizeof *t->ph);
  p = &t->ph[t->n++];
  memset(p, 0, sizeof *p);
  p->off = t->pool_len;
  p->len = len;
  p->kind = kind;
  p->ref = ref;
  t->pool_len += 2 * (len + 1);
  for (w = 0; w < len;) {
    size_t e = w, up = 0, low = 0;
    while (e < len && text[e] != ' ') {
      if (text[e] >= 'A' && text[e] <= 'Z')
        up++;
      else if (text[e] >= 'a' && text[e] <= 'z')
        low++;
      e++;
    }
    if (up >= 2 && low == 0)
      memset(mode + w, CM_EXACT, e - w);
    else if (text[w] >= 'A' && text[w] <= 'Z')
      mode[w] = CM_UPPER;
    w = e + 1;
  }
  return p;
}

/* Make room in t for n more phrases at once, from the sizes of the lists
 * of a lexicon file: the array grown by doubling from a few would be
 * copied several times over at start-up. */
static void table_reserve(struct table *t, size_t n)
{
  nc_grow(&t->ph, &t->cap, t->n + n, sizeof *t->ph);
}

/* The order of phrases in a table, for qsort of pointers to them:
 * longest first, then by text, then in the order added (as a stable sort
 * by length and text would have them).  Pointers, being small, sort
 * faster than the phrases themselves. */
static int cmp_phrase(const void *a, const void *b)
{
  const struct phrase *x = *(const struct phrase *const *)a;
  const struct phrase *y = *(const struct phrase *const *)b;
  int c;
  if (x->len != y->len)
    return x->len < y->len ? 1 : -1;
  if ((c = strcmp(x->text, y->text)) != 0)
    return c;
  return x < y ? -1 : x > y;
}

/* Put the phrases of t in the order of cmp_phrase: grouped by length
 * first, in one pass, so that qsort has only the phrases of one length
 * to order at a time (there are a few dozen lengths). */
static void sort_phrases(struct table *t)
{
  const struct phrase **o = xmalloc(t->n * sizeof *o);
  struct phrase *ph = xmalloc(t->n * sizeof *ph);
  size_t i, maxlen = 0, *at;

  for (i = 0; i < t->n; i++)
    if (t->ph[i].len > maxlen)
      maxlen = t->ph[i].len;
  /* at[len]: where the phrases of len go, the longest at 0 */
  at = xcalloc(maxlen + 2, sizeof *at);
  for (i = 0; i < t->n; i++)
    at[maxlen - t->ph[i].len + 1]++;
  for (i = 1; i <= maxlen + 1; i++)
    at[i] += at[i - 1];
  for (i = 0; i < t->n; i++)
    o[at[maxlen - t->ph[i].len]++] = &t->ph[i];
  /* at[k] is now the end of group k, the start of group k + 1 */
  for (i = 0; i <= maxlen; i++) {
    size_t start = i > 0 ? at[i - 1] : 0;
    if (at[i] - start > 1)
      qsort(o + start, at[i] - start, sizeof *o, cmp_phrase);
  }
  for (i = 0; i < t->n; i++)
    ph[i] = *o[i];
  free(at);
  free(t->ph);
  free(o);
  t->ph = ph;
  t->cap = t->n;
}

static int cmp_next(const void *a, const void *b)
{
  const struct entry *x = a, *y = b;
  if (x->next != y->next)
    return x->next < y->next ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sort phrases longest first and index them by first word.  The buckets
 * are counted first, so that their keys and entries take one block
 * each. */
static void table_build(struct table *t)
{
  size_t i, mask, nkeys = 0, at;
  size_t *bucket_of;
  struct entry *tmp;

  if (t->n == 0)
    return;
  for (i = 0; i < t->n; i++) {
    t->ph[i].text = t->pool + t->ph[i].off;
    t->ph[i].mode = (unsigned char *)t->ph[i].text + t->ph[i].len + 1;
  }
  sort_phrases(t);
  t->nslots = 16;
  while (t->nslots < t->n * 2)
    t->nslots *= 2;
  t->slots = xcalloc(t->nslots, sizeof *t->slots);
  t->buckets = xmalloc(t->n * sizeof *t->buckets);
  /* no key is longer than its phrase: the texts' bytes are enough */
  t->keys = xmalloc(t->pool_len / 2 + 1);
  bucket_of = xmalloc(t->n * sizeof *bucket_of);
  tmp = xmalloc(t->n * sizeof *tmp);
  mask = t->nslots - 1;
  for (i = 0; i < t->n; i++) {
    struct phrase *p = &t->ph[i];
    const char *s = p->text;
    size_t kn = word_end(s, p->len, 0), j;
    uint32_t h;
    struct bucket *b;
    int next = -1, next2 = -1, after = -1, after2 = -1;
    p->klen = kn;
    p->key_case = KC_ANY;
    for (j = 0; j < kn; j++)
      if (p->mode[j] != CM_ANY)
        p->key_case = j == 0 && p->mode[j] == CM_UPPER ? KC_FIRST : KC_BYTES;
    if (kn == 0)
      kn = 1; /* a phrase that starts with punctuation */
    else if (kn + 1 < p->len && s[kn] == ' ' && s[kn + 1] != '\'') {
      next = nc_ascii_lower((unsigned char)s[kn + 1]);
      if (kn + 2 < p->len && nc_is_alnum((unsigned char)s[kn + 2]))
        next2 = nc_ascii_lower((unsigned char)s[kn + 2]);
    } else if (kn < p->len && s[kn] != ' ' && s[kn] != '\'') {
      after = nc_ascii_lower((unsigned char)s[kn]);
      if (kn + 1 < p->len && s[kn + 1] != ' ' && s[kn + 1] != '\'')
        after2 = nc_ascii_lower((unsigned char)s[kn + 1]);
    }
    h = hash_key(s, kn);
    for (j = h & mask;; j = (j + 1) & mask) {
      if (!t->slots[j].b || (t->slots[j].hash == h &&
                             key_eq(s, kn, t->buckets[t->slots[j].b - 1].key)))
        break;
    }
    if (!t->slots[j].b) {
      size_t k;
      t->slots[j].hash = h;
      t->slots[j].b = (uint32_t)++t->nbuckets;
      b = &t->buckets[t->nbuckets - 1];
      memset(b, 0, sizeof *b);
      b->key = t->keys + nkeys;
      for (k = 0; k < kn; k++)
        b->key[k] = (char)nc_ascii_lower((unsigned char)s[k]);
      b->key[kn] = '\0';
      nkeys += kn + 1;
      b->klen = kn;
      b->key8 = nc_load8(b->key, kn);
      b->hash = h;
      t->filter[FILTER_A(h) / 64] |= (uint64_t)1 << (FILTER_A(h) % 64);
      t->filter[FILTER_B(h) / 64] |= (uint64_t)1 << (FILTER_B(h) % 64);
    } else {
      b = &t->buckets[t->slots[j].b - 1];
    }
    b->kinds |= 1u << p->kind;
    if (next >= 0 && next2 < 0)
      memset(b->pairs, 0xFF, sizeof b->pairs);
    else if (next >= 0)
      b->pairs[PAIR_BIT(next, next2) / 64] |=
          (uint64_t)1 << (PAIR_BIT(next, next2) % 64);
    b->n++;
    bucket_of[i] = t->slots[j].b - 1;
    tmp[i].idx = (uint32_t)i;
    tmp[i].kind = (uint16_t)(1u << p->kind);
    tmp[i].next = (short)next;
    tmp[i].next2 = (short)next2;
    tmp[i].after = (short)after;
    tmp[i].after2 = (short)after2;
    tmp[i].only = (unsigned char)(p->klen != 0 && p->klen == p->len
                                      ? p->key_case
                                      : KC_MORE);
    tmp[i].first = (unsigned char)s[0];
  }
  /* each bucket's e and g in the one block */
  t->ents = xmalloc(2 * t->n * sizeof *t->ents);
  for (i = 0, at = 0; i < t->nbuckets; i++) {
    struct bucket *b = &t->buckets[i];
    b->e = t->ents + at;
    b->g = t->ents + t->n + at;
    at += b->n;
    b->n = 0;
  }
  for (i = 0; i < t->n; i++) {
    struct bucket *b = &t->buckets[bucket_of[i]];
    b->e[b->n++] = tmp[i];
  }
  free(tmp);
  free(bucket_of);
  for (i = 0; i < t->nbuckets; i++) {
    struct bucket *b = &t->buckets[i];
    memcpy(b->g, b->e, b->n * sizeof *b->g);
    if (b->n > 1)
      qsort(b->g, b->n, sizeof *b->g, cmp_next);
    while (b->nany < b->n && b->g[b->nany].next < 0)
      b->nany++;
  }
}

static void table_free(struct table *t)
{
  free(t->ph);
  free(t->pool);
  free(t->slots);
  free(t->buckets);
  free(t->keys);
  free(t->ents);
  memset(t, 0, sizeof *t);
}

/* What first[] says of the word whose hash_key is h. */
static inline unsigned first_of(const struct nc_entlex *lx, uint32_t h)
{
  return lx->first[FILTER_A(h)] & lx->first[FILTER_B(h)];
}

static void first_set(struct nc_entlex *lx, uint32_t h, unsigned bit)
{
  lx->first[FILTER_A(h)] |= (unsigned char)bit;
  lx->first[FILTER_B(h)] |= (unsigned char)bit;
}

/* Mark the key k[0..n) (in lower case) in pre[], with an 's' added
 * when `plural`: under its first letter as a capital, and as a small
 * letter too when `small` (a phrase of the key may start with one). */
static void pre_add(struct nc_entlex *lx, const char *k, size_t n,
                    int plural, int small)
{
  unsigned c0 = (unsigned char)k[0], j, f, forms[2], nf = 0;

  if (plural)
    n++;
  if (n >= 32)
    return;
  if (c0 >= 'a' && c0 <= 'z') {
    forms[nf++] = c0 ^ 0x20u;
    if (small)
      forms[nf++] = c0;
  } else {
    forms[nf++] = c0;
  }
  for (f = 0; f < nf; f++) {
    if (n >= 2) {
      unsigned c1 = n == 2 && plural ? 's' : (unsigned char)k[1];
      lx->pre[PRE_AT(forms[f], c1)] |= (uint32_t)1 << n;
      continue;
    }
    for (j = 0; j < 32; j++)
      lx->pre[PRE_AT(forms[f], j)] |= (uint32_t)1 << n;
  }
}

/* The bytes of the text that match byte k of phrase p, as phrase_rest
 * compares them (not loose): a letter of mode CM_ANY in either case,
 * any other byte as it is.  Returns how many (1 or 2) are in c. */
static size_t case_forms(const struct phrase *p, size_t k, unsigned char *c)
{
  unsigned char pc = (unsigned char)p->text[k];

  c[0] = pc;
  if (p->mode[k] != CM_ANY || !nc_is_alpha(pc))
    return 1;
  c[1] = (unsigned char)(pc ^ 0x20);
  return 2;
}

/* Set `bit` in first[] for each key of t with a phrase of a kind in
 * `kinds`, FIRST_PLURAL for the plural of each key with a demonym (the
 * hash_key of the key with an 's' added), and FIRST_ANY for each key with
 * a phrase that may start with a small letter (the others start with a
 * capital that must be there).  Set `solo` for the keys with a phrase
 * that has no next (nany > 0: one word, or a mark after the key), and
 * fill ps from the phrases of the others (struct pairset). */
static void first_add(struct nc_entlex *lx, const struct table *t,
                      unsigned kinds, unsigned bit, unsigned solo,
                      struct pairset *ps)
{
  size_t i, k;
  int small;

  for (i = 0; i < t->nbuckets; i++) {
    const struct bucket *b = &t->buckets[i];
    if (!(b->kinds & kinds))
      continue;
    first_set(lx, b->hash, bit);
    for (k = 0, small = 0; k < b->n; k++) {
      const struct phrase *p = &t->ph[b->e[k].idx];
      if (p->klen == 0 || p->mode[0] == CM_ANY || p->text[0] < 'A' ||
          p->text[0] > 'Z')
        small = 1;
    }
    if (small)
      first_set(lx, b->hash, FIRST_ANY);
    /* a plural is matched by the demonyms of the key, which are among
     * the phrases that told `small` */
    pre_add(lx, b->key, b->klen, 0, small);
    if (b->kinds & (1u << PK_DEMONYM)) {
      first_set(lx, hash_plural(b->key, b->klen), FIRST_PLURAL);
      pre_add(lx, b->key, b->klen, 1, small);
    }
    if (b->nany > 0) {
      first_set(lx, b->hash, solo);
      continue;
    }
    for (k = 0; k < b->n; k++) {
      const struct phrase *p = &t->ph[b->g[k].idx];
      unsigned char c1[2], c2[2];
      size_t n1 = case_forms(p, p->klen + 1, c1), n2, x, y;
      if (b->g[k].next2 < 0) {
        for (x = 0; x < n1; x++)
          BIT_SET(ps->any, c1[x]);
        continue;
      }
      n2 = case_forms(p, p->klen + 2, c2);
      for (x = 0; x < n1; x++)
        for (y = 0; y < n2; y++)
          BIT_SET(ps->pairs, (unsigned)c1[x] << 8 | c2[y]);
    }
  }
}

/* Can a phrase whose key lacks FIRST_SOLO (or _TSOLO) start with the
 * word that ends at wn?  Only when the next word, after spaces, starts
 * with a pair (or a next) of ps, as table_match_h tests them. */
static inline int pair_may(const struct pairset *ps, const char *s,
                           size_t len, size_t wn)
{
  size_t j = skip_space(s, len, wn);
  unsigned next, next2;

  if (j == wn || j >= len)
    return 0;
  next = (unsigned char)s[j];
  if (BIT_TEST(ps->any, next))
    return 1;
  if (j + 1 >= len)
    return 0;
  next2 = (unsigned char)s[j + 1];
  return BIT_TEST(ps->pairs, next << 8 | next2);
}

/* Match the rest of phrase p, from its byte k, at s[t..len); on success
 * *end is where it stops.  A space in the pattern matches any run of
 * spaces, an apostrophe either kind; a pattern that ends in a letter
 * must end a word.  `loose` compares every letter without regard to
 * case. */
static int phrase_rest(const struct phrase *p, const char *s, size_t len,
                       size_t k, size_t t, int loose, size_t *end)
{
  size_t n;

  for (; k < p->len; k++) {
    char pc = p->text[k];
    if (pc == ' ') {
      if (space_at(s, len, t) == 0)
        return 0;
      t = skip_space(s, len, t);
      if (space_at(s, len, t) > 0)
        return 0; /* a blank line between the words */
      continue;
    }
    if (pc == '\'') {
      if ((n = apos_at(s, len, t)) == 0)
        return 0;
      t += n;
      continue;
    }
    if (t >= len)
      return 0;
    /* the same byte matches in every mode; another only in a letter
     * compared without regard to case (CM_EXACT and CM_UPPER want the
     * byte itself) */
    if (s[t] != pc &&
        (!(loose || p->mode[k] == CM_ANY) ||
         nc_ascii_lower((unsigned char)s[t]) !=
             nc_ascii_lower((unsigned char)pc)))
      return 0;
    t++;
  }
  if (is_word_cp((unsigned char)p->text[p->len - 1]) ||
      (unsigned char)p->text[p->len - 1] >= 0x80) {
    if (p->kind == PK_DEMONYM && t < len && s[t] == 's' &&
        nc_word_end(s, len, t + 1))
      t++; /* plural: "Israelis" */
    else if (!nc_word_end(s, len, t))
      return 0;
  }
  *end = t;
  return 1;
}

/* Match phrase p at s[i..len) (see phrase_rest). */
static int phrase_at(const struct phrase *p, const char *s, size_t len,
                     size_t i, int loose, size_t *end)
{
  return phrase_rest(p, s, len, 0, i, loose, end);
}

/* Are the bytes of the first word of p at s[i] (known to equal it in
 * letters without regard to case) in the case its modes want? */
static inline int key_case_ok(const struct phrase *p, const char *s,
                              size_t i)
{
  size_t k;

  if (p->key_case == KC_ANY)
    return 1;
  if (p->key_case == KC_FIRST)
    return s[i] == p->text[0];
  for (k = 0; k < p->klen; k++)
    if (p->mode[k] != CM_ANY && s[i + k] != p->text[k])
      return 0;
  return 1;
}

/* Match phrase p at s[i..len) when its first word is known to equal
 * s[i..i + p->klen) in letters without regard to case. */
static int phrase_after_key(const struct phrase *p, const char *s,
                            size_t len, size_t i, size_t *end)
{
  if (p->klen == 0)
    return phrase_at(p, s, len, i, 0, end);
  if (!key_case_ok(p, s, i))
    return 0;
  return phrase_rest(p, s, len, p->klen, i + p->klen, 0, end);
}

/* Does the phrase of entry e of table t, one word that equals s[i..wn)
 * in letters without regard to case, match there, ending at wn?  Most
 * phrases the scan meets are one word ("Israel", "President"): then only
 * the capitals the pattern asks for and the end of the word need a look,
 * which phrase_rest would give the same answer for (a word ended at wn
 * is no plural: no 's' follows).  The entry tells which (`only`), and
 * the first byte that KC_FIRST wants: the phrase itself is read for an
 * acronym only.  When this says no, phrase_after_key decides. */
static inline int entry_only(const struct table *t, const struct entry *e,
                             const char *s, size_t len, size_t i, size_t wn)
{
  if (e->only == KC_MORE || !nc_word_end(s, len, wn))
    return 0;
  if (e->only == KC_ANY)
    return 1;
  if (e->only == KC_FIRST)
    return (unsigned char)s[i] == e->first;
  return key_case_ok(&t->ph[e->idx], s, i);
}

/* Can the phrase of e, whose first word ends at wn in the text, go on
 * there?  Only when the text has its bytes `after` (struct entry) in any
 * case, which phrase_rest would want (in their case). */
static inline int after_may(const struct entry *e, const char *s, size_t len,
                            size_t wn)
{
  if (e->after < 0)
    return 1;
  if (wn >= len || nc_ascii_lower((unsigned char)s[wn]) != e->after)
    return 0;
  return e->after2 < 0 ||
         (wn + 1 < len &&
          nc_ascii_lower((unsigned char)s[wn + 1]) == e->after2);
}

/* The longest phrase of `t` (of a kind accepted by `want`, a bit set of
 * kinds) that starts at i, whose first word s[i..wn) has hash_key h.
 * Returns its index or -1. */
static long table_match_h(const struct table *t, const char *s, size_t len,
                          size_t i, size_t wn, uint32_t h, unsigned want,
                          size_t *end)
{
  size_t k;
  struct bucket *b;

  b = table_find_h(t, s + i, wn - i, h);
  if (b && (b->kinds & want)) {
    /* the phrases with no second word to test (g[0..nany)), and those
     * whose second word starts with the next byte of the text
     * (g[x..y)), merged longest first */
    size_t a = 0, x = b->nany, y = b->nany;
    int next2 = -1;
    if (b->nany < b->n) {
      size_t j = skip_space(s, len, wn), lo = b->nany, hi = b->n;
      int next = j > wn && j < len ? nc_ascii_lower((unsigned char)s[j])
                                   : -1;
      unsigned pb;
      /* the byte after it rules out most of those left */
      if (next >= 0 && j + 1 < len)
        next2 = nc_ascii_lower((unsigned char)s[j + 1]);
      pb = PAIR_BIT(next, next2);
      if (next >= 0 && (b->pairs[pb / 64] >> (pb % 64) & 1)) {
        while (lo < hi) {
          size_t mid = lo + (hi - lo) / 2;
          if (b->g[mid].next < next)
            lo = mid + 1;
          else
            hi = mid;
        }
        x = y = lo;
        while (y < b->n && b->g[y].next == next)
          y++;
      }
    }
    while (a < b->nany || x < y) {
      const struct entry *e;
      if (x == y || (a < b->nany && b->g[a].idx < b->g[x].idx))
        e = &b->g[a++];
      else
        e = &b->g[x++];
      if (!(want & e->kind) || (e->next2 >= 0 && e->next2 != next2) ||
          !after_may(e, s, len, wn))
        continue;
      if (entry_only(t, e, s, len, i, wn)) {
        *end = wn;
        return (long)e->idx;
      }
      if (phrase_after_key(&t->ph[e->idx], s, len, i, end))
        return (long)e->idx;
    }
  }
  /* a plural demonym is filed under its singular: "Israelis" */
  if (!(want & (1u << PK_DEMONYM)) || wn - i < 3 || s[wn - 1] != 's')
    return -1;
  h = hash_key(s + i, wn - i - 1);
  b = table_may_have(t, h) ? table_find_h(t, s + i, wn - i - 1, h) : NULL;
  for (k = 0; b && k < b->n; k++) {
    const struct phrase *p = &t->ph[b->e[k].idx];
    if (p->kind == PK_DEMONYM && phrase_at(p, s, len, i, 0, end))
      return (long)b->e[k].idx;
  }
  return -1;
}

/* The first word at s[i] as the tables file it: its end in *wn and its
 * hash_key in *h, a character that makes no word standing for one.
 * Hashed once, a word can be looked up in several tables
 * (table_match_w). */
static void word_at(const char *s, size_t len, size_t i, size_t *wn,
                    uint32_t *h)
{
  size_t next;

  *wn = word_hash(s, len, i, h, &next);
  if (*wn == i) {
    size_t n;
    cp_at(s, len, i, &n);
    *wn = i + n;
    *h = hash_key(s + i, n);
  }
}

/* The longest phrase of `t` (of a kind accepted by `want`, a bit set of
 * kinds) that starts at i, whose first word s[i..wn) has hash_key h
 * (word_at).  Returns its index or -1. */
static long table_match_w(const struct table *t, const char *s, size_t len,
                          size_t i, size_t wn, uint32_t h, unsigned want,
                          size_t *end)
{
  /* no key has hash h (the filter tells most words): only a plural
   * demonym, filed under its singular, may still start here */
  if (!(want & (1u << PK_DEMONYM)) && !table_may_have(t, h))
    return -1;
  return table_match_h(t, s, len, i, wn, h, want, end);
}

/* table_match_w for the word at i. */
static long table_match(const struct table *t, const char *s, size_t len,
                        size_t i, unsigned want, size_t *end)
{
  size_t wn;
  uint32_t h;

  word_at(s, len, i, &wn, &h);
  return table_match_w(t, s, len, i, wn, h, want, end);
}

#define K(x) (1u << (x))
#define K_COUNTRY (K(PK_NAME) | K(PK_ALIAS) | K(PK_DEMONYM))
/* What the first pass looks up in ents and in titles. */
#define K_ENT_SCAN (K_COUNTRY | K(PK_BLOCK) | K(PK_PERSON))
#define K_TITLE_SCAN (K(PK_TITLE) | K(PK_HONORIFIC))

/* ---- loading ---- */

static char *path_join(const char *dir, const char *name)
{
  struct nc_buf b = {0};
  nc_buf_printf(&b, "%s/%s", dir, name);
  return nc_buf_take(&b);
}

/* Parse one JSON file of the lexicon; *path gets its path (the caller
 * frees it).  A missing optional file gives *root = NULL and NC_OK. */
static enum nc_status load_json(const char *dir, const char *name,
                                int required, cJSON **root, char **path,
                                struct nc_error *err)
{
  char *data = NULL;
  size_t len = 0;
  struct stat sb;
  enum nc_status st = NC_OK;

  *root = NULL;
  *path = path_join(dir, name);
  if (!required && stat(*path, &sb) != 0)
    goto cleanup;
  st = nc_read_file(*path, NC_MAX_INPUT_BYTES, &data, &len, err);
  if (st != NC_OK)
    goto cleanup;
  *root = cJSON_ParseWithLength(data, len);
  if (!*root)
    st = nc_error_set(err, NC_RULE, *path, 0, "not valid JSON");
  else if (!cJSON_IsObject(*root)) {
    st = nc_error_set(err, NC_RULE, *path, 0, "expected a JSON object");
    cJSON_Delete(*root);
    *root = NULL;
  }
cleanup:
  free(data);
  return st;
}

/* Where an entry of a lexicon file is, for messages: the top level of
 * the file (list NULL) or item idx of list ("countries[3].").  Formatted
 * only for an error. */
struct at {
  const char *list;
  size_t idx;
};

static const struct at top_level = {NULL, 0};

/* The prefix of a message about a field of the entry at `at`: "" or
 * "countries[3].". */
static const char *at_str(const struct at *at, char *buf, size_t size)
{
  if (!at->list)
    return "";
  snprintf(buf, size, "%s[%zu].", at->list, at->idx);
  return buf;
}

/* Check the fields of the object o: each one of `fields` (NULL ended, at
 * most 16) and none twice.  At the top level of a file "comment" must be
 * a string. */
static enum nc_status check_fields(const cJSON *o, const char *const *fields,
                                   const char *file, const struct at *at,
                                   struct nc_error *err)
{
  int seen[16] = {0};
  const cJSON *it;
  char cb[64];

  cJSON_ArrayForEach(it, o)
  {
    size_t k;
    for (k = 0; k < 16 && fields[k]; k++) {
      if (strcmp(fields[k], it->string) == 0)
        break;
    }
    if (k == 16 || !fields[k]) {
      if (!at->list)
        return nc_error_set(err, NC_RULE, file, 0,
                            "unknown top-level field \"%s\"", it->string);
      return nc_error_set(err, NC_RULE, file, 0, "%s%s: unknown field",
                          at_str(at, cb, sizeof cb), it->string);
    }
    if (seen[k] && !at->list)
      return nc_error_set(err, NC_RULE, file, 0,
                          "duplicate top-level field \"%s\"", it->string);
    if (seen[k])
      return nc_error_set(err, NC_RULE, file, 0, "%s%s: field given twice",
                          at_str(at, cb, sizeof cb), it->string);
    seen[k] = 1;
    if (!at->list && strcmp(it->string, "comment") == 0 && !cJSON_IsString(it))
      return nc_error_set(err, NC_RULE, file, 0,
                          "comment: expected a string");
  }
  return NC_OK;
}

/* A true/false field of an entry: 0 when absent; -1 (error set) when it
 * is not a boolean. */
static int get_flag(const cJSON *o, const char *field, const char *file,
                    const struct at *at, struct nc_error *err)
{
  const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, field);
  char cb[64];

  if (!b)
    return 0;
  if (!cJSON_IsBool(b)) {
    nc_error_set(err, NC_RULE, file, 0, "%s%s: expected true or false",
                 at_str(at, cb, sizeof cb), field);
    return -1;
  }
  return cJSON_IsTrue(b);
}

/* A phrase already read, for duplicate checks. */
struct seen_ent {
  size_t key;        /* offset of the phrase (blanks collapsed, maybe
                        folded to lower case) in the set's pool */
  struct at at;      /* where it was given: at, field, idx (SIZE_MAX: */
  const char *field; /* none), as "countries[3].aliases[1]" */
  size_t idx;
  size_t owner; /* the country or entry that gave it */
  int kind;     /* what it is to its owner */
};

/* How many items the arrays root[fields[0]], root[fields[1]] ... (NULL
 * ended) hold together, for seen_reserve. */
static size_t list_sizes(const cJSON *root, const char *const *fields)
{
  size_t n = 0;
  for (; *fields; fields++) {
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, *fields);
    if (cJSON_IsArray(a))
      n += (size_t)cJSON_GetArraySize(a);
  }
  return n;
}

/* The phrases of one lexicon file, by text. */
struct seenset {
  struct slot *slots; /* open addressing, power-of-two size; b indexes */
  size_t cap;         /* ents */
  struct seen_ent *ents;
  size_t n, ents_cap;
  char *pool; /* the phrases, each NUL-ended */
  size_t pool_len, pool_cap;
};

/* Make room in an empty set for n phrases, so that it need not grow
 * while they are added. */
static void seen_reserve(struct seenset *set, size_t n)
{
  set->cap = 64;
  while (set->cap < (n + 1) * 2)
    set->cap *= 2;
  set->slots = xcalloc(set->cap, sizeof *set->slots);
  nc_grow(&set->ents, &set->ents_cap, n, sizeof *set->ents);
}

static void seen_free(struct seenset *set)
{
  free(set->slots);
  free(set->ents);
  free(set->pool);
  memset(set, 0, sizeof *set);
}

/* FNV-1a: the seen sets need no hash of the scan's kind. */
static uint32_t seen_hash(const char *s, size_t n)
{
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The slot of the phrase key (with seen_hash h) in set, an empty one when
 * it is absent. */
static struct slot *seen_slot(const struct seenset *set, const char *key,
                              uint32_t h)
{
  size_t mask = set->cap - 1;
  size_t i = h & mask;
  while (set->slots[i].b &&
         (set->slots[i].hash != h ||
          strcmp(set->pool + set->ents[set->slots[i].b - 1].key, key) != 0))
    i = (i + 1) & mask;
  return &set->slots[i];
}

/* "countries[3].aliases[1]": where a phrase was given. */
static const char *where_str(const struct at *at, const char *field,
                             size_t idx, char *buf, size_t size)
{
  char cb[64];
  const char *ctx = at_str(at, cb, sizeof cb);

  if (idx == SIZE_MAX)
    snprintf(buf, size, "%s%s", ctx, field);
  else
    snprintf(buf, size, "%s%s[%zu]", ctx, field, idx);
  return buf;
}

/* Add the phrase s (a leading "[the] " dropped, blanks collapsed, lower
 * case when fold) given at <at><field>[idx]; returns the earlier entry
 * when the phrase was already there, else NULL. */
static const struct seen_ent *seen_add(struct seenset *set, const char *s,
                                       int fold, const struct at *at,
                                       const char *field, size_t idx,
                                       size_t owner, int kind)
{
  size_t n, len = 0, i;
  char *key;
  uint32_t h;
  struct slot *slot;
  struct seen_ent *e;

  if (strncmp(s, "[the] ", 6) == 0)
    s += 6;
  n = strlen(s);
  /* the key goes at the end of the pool, kept there when it is new */
  if (set->pool_len + n + 1 > set->pool_cap)
    nc_grow(&set->pool, &set->pool_cap, set->pool_len + n + 1, 1);
  key = set->pool + set->pool_len;
  for (i = 0; i < n; i++) {
    if (s[i] == ' ' && (len == 0 || key[len - 1] == ' '))
      continue;
    key[len++] = fold ? (char)nc_ascii_lower((unsigned char)s[i]) : s[i];
  }
  while (len > 0 && key[len - 1] == ' ')
    len--;
  key[len] = '\0';
  h = seen_hash(key, len);
  if ((set->n + 1) * 2 > set->cap) {
    struct slot *old = set->slots;
    size_t cap = set->cap;
    set->cap = cap ? cap * 2 : 64;
    set->slots = xcalloc(set->cap, sizeof *set->slots);
    for (i = 0; i < cap; i++) {
      if (old[i].b)
        *seen_slot(set, set->pool + set->ents[old[i].b - 1].key, old[i].hash) =
            old[i];
    }
    free(old);
  }
  slot = seen_slot(set, key, h);
  if (slot->b)
    return &set->ents[slot->b - 1];
  if (set->n == set->ents_cap)
    nc_grow(&set->ents, &set->ents_cap, set->n + 1, sizeof *set->ents);
  e = &set->ents[set->n++];
  slot->hash = h;
  slot->b = (uint32_t)set->n;
  e->key = set->pool_len;
  e->at = *at;
  e->field = field;
  e->idx = idx;
  e->owner = owner;
  e->kind = kind;
  set->pool_len += len + 1;
  return NULL;
}

/* Record the phrase s given at <at><field>[idx] (no index when idx is
 * SIZE_MAX) by `owner` as `kind`.  It is an error when an earlier phrase
 * equal to it came from another owner, or from the same owner as the same
 * kind. */
static enum nc_status note(struct seenset *set, const char *s, int fold,
                           const struct at *at, const char *field, size_t idx,
                           size_t owner, int kind, const char *file,
                           struct nc_error *err)
{
  char here[128], there[128];
  const struct seen_ent *prev;

  prev = seen_add(set, s, fold, at, field, idx, owner, kind);
  if (prev && (prev->owner != owner || prev->kind == kind))
    return nc_error_set(
        err, NC_RULE, file, 0, "%s: \"%s\" listed twice (also at %s)",
        where_str(at, field, idx, here, sizeof here), s,
        where_str(&prev->at, prev->field, prev->idx, there, sizeof there));
  return NC_OK;
}

/* Append s, in lower case (ASCII) when lower is set. */
static void strs_push(struct strs *l, const char *s, int lower)
{
  size_t n = strlen(s), i;
  char *d;

  if (l->n == l->cap)
    nc_grow(&l->off, &l->cap, l->n + 1, sizeof *l->off);
  if (l->pool_len + n + 1 > l->pool_cap)
    nc_grow(&l->pool, &l->pool_cap, l->pool_len + n + 1, 1);
  d = l->pool + l->pool_len;
  if (lower) {
    for (i = 0; i < n; i++)
      d[i] = (char)nc_ascii_lower((unsigned char)s[i]);
  } else {
    memcpy(d, s, n);
  }
  d[n] = '\0';
  l->off[l->n++] = l->pool_len;
  l->pool_len += n + 1;
}

/* Point v at the strings, now that the pool no longer moves. */
static void strs_done(struct strs *l)
{
  size_t i;
  l->v = xmalloc((l->n + 1) * sizeof *l->v);
  for (i = 0; i < l->n; i++)
    l->v[i] = l->pool + l->off[i];
}

/* A malloc'd copy of string k, whose length the offsets tell. */
static char *strs_dup(const struct strs *l, size_t k)
{
  size_t end = k + 1 < l->n ? l->off[k + 1] : l->pool_len;
  size_t n = end - l->off[k] - 1;
  char *d = xmalloc(n + 1);

  memcpy(d, l->v[k], n + 1);
  return d;
}

static void strs_free(struct strs *l)
{
  free(l->v);
  free(l->off);
  free(l->pool);
  memset(l, 0, sizeof *l);
}

/* Add a name or alias; "[the] X" adds "the X" and "X". */
static void add_name(struct table *t, const char *s, enum pkind kind,
                     size_t ref, int the)
{
  struct nc_buf b = {0};
  if (strncmp(s, "[the] ", 6) == 0) {
    s += 6;
    the = 1;
  }
  table_add(t, s, kind, ref);
  if (the) {
    nc_buf_puts(&b, "the ");
    nc_buf_puts(&b, s);
    table_add(t, b.data, kind, ref);
    nc_buf_free(&b);
  }
}

/* True when s holds nothing but blanks. */
static int blank_str(const char *s)
{
  for (; *s; s++) {
    if (!nc_is_space((unsigned char)*s))
      return 0;
  }
  return 1;
}

/* What the items of an array field may be. */
enum { A_STRINGS, A_OBJECTS, A_EITHER };

/* The array obj[field] in *out (NULL when absent and not required); its
 * items are non-blank strings, objects or either, as `items` says. */
static enum nc_status get_array(const cJSON *obj, const char *field,
                                const char *file, const struct at *at,
                                struct nc_error *err, int required, int items,
                                const cJSON **out)
{
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, field), *e;
  size_t i = 0;
  char cb[64];
  const char *ctx;

  *out = NULL;
  if (!a) {
    if (required)
      return nc_error_set(err, NC_RULE, file, 0, "%s%s: missing",
                          at_str(at, cb, sizeof cb), field);
    return NC_OK;
  }
  if (!cJSON_IsArray(a))
    return nc_error_set(err, NC_RULE, file, 0, "%s%s: expected an array",
                        at_str(at, cb, sizeof cb), field);
  cJSON_ArrayForEach(e, a)
  {
    int str = cJSON_IsString(e) && !blank_str(e->valuestring);
    int is_obj = cJSON_IsObject(e);
    if (items == A_STRINGS   ? str
        : items == A_OBJECTS ? is_obj
                             : str || is_obj) {
      i++;
      continue; /* the common case, without a message to format */
    }
    ctx = at_str(at, cb, sizeof cb);
    if (items == A_STRINGS && !str)
      return nc_error_set(err, NC_RULE, file, 0,
                          "%s%s[%zu]: expected a non-empty string", ctx,
                          field, i);
    if (items == A_OBJECTS && !cJSON_IsObject(e))
      return nc_error_set(err, NC_RULE, file, 0,
                          "%s%s[%zu]: expected an object", ctx, field, i);
    if (items == A_EITHER && !str && !cJSON_IsObject(e))
      return nc_error_set(err, NC_RULE, file, 0,
                          "%s%s[%zu]: expected a non-empty string or an "
                          "object",
                          ctx, field, i);
    i++;
  }
  *out = a;
  return NC_OK;
}

/* The name of an entry: a non-blank string field, or NULL (error set). */
static const char *get_name(const cJSON *o, const char *field,
                            const char *file, const struct at *at,
                            struct nc_error *err)
{
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, field);
  char cb[64];

  if (!cJSON_IsString(s) || blank_str(s->valuestring)) {
    nc_error_set(err, NC_RULE, file, 0, "%s%s: expected a string",
                 at_str(at, cb, sizeof cb), field);
    return NULL;
  }
  return s->valuestring;
}

/* Kinds of a country's phrases for duplicate checks: one phrase may be
 * both a name and a demonym of a country ("Eswatini"), not twice one. */
enum { SEEN_NAME, SEEN_DEMONYM, SEEN_BLOCKED };

/* note() for a country's name or alias, and for the "the X" form that
 * add_name also adds for "[the] X" or when `the` is set. */
static enum nc_status note_name(struct seenset *set, const char *s, int the,
                                const struct at *at, const char *field,
                                size_t idx, size_t owner, const char *file,
                                struct nc_error *err)
{
  struct nc_buf b = {0};
  enum nc_status st =
      note(set, s, 1, at, field, idx, owner, SEEN_NAME, file, err);

  if (strncmp(s, "[the] ", 6) == 0) {
    s += 6;
    the = 1;
  }
  if (st != NC_OK || !the)
    return st;
  nc_buf_puts(&b, "the ");
  nc_buf_puts(&b, s);
  st = note(set, b.data, 1, at, field, idx, owner, SEEN_NAME, file, err);
  nc_buf_free(&b);
  return st;
}

static enum nc_status load_countries(struct nc_entlex *lx, const char *dir,
                                     struct nc_error *err)
{
  static const char *const top[] = {"comment", "countries", "blocked",
                                    NULL};
  static const char *const fields[] = {"name",     "the",       "aliases",
                                       "demonyms", "ambiguous", NULL};
  char *file = NULL;
  cJSON *root = NULL;
  const cJSON *list, *c, *e;
  struct seenset seen = {0};
  enum nc_status st = load_json(dir, "countries.json", 1, &root, &file,
                                err);
  size_t i = 0, k;

  if (st != NC_OK)
    goto cleanup;
  st = check_fields(root, top, file, &top_level, err);
  if (st == NC_OK)
    st = get_array(root, "countries", file, &top_level, err, 1, A_OBJECTS,
                   &list);
  if (st != NC_OK)
    goto cleanup;
  lx->ambiguous = xcalloc((size_t)cJSON_GetArraySize(list) + 1, 1);
  /* a name, maybe its "the" form, aliases, demonyms: about three
   * phrases a country */
  seen_reserve(&seen, 4 * (size_t)cJSON_GetArraySize(list));
  table_reserve(&lx->ents, 4 * (size_t)cJSON_GetArraySize(list));
  cJSON_ArrayForEach(c, list)
  {
    const char *name;
    const cJSON *arr;
    const struct at at = {"countries", i};
    int the, amb;

    st = check_fields(c, fields, file, &at, err);
    if (st != NC_OK)
      goto cleanup;
    name = get_name(c, "name", file, &at, err);
    the = get_flag(c, "the", file, &at, err);
    amb = get_flag(c, "ambiguous", file, &at, err);
    if (!name || the < 0 || amb < 0) {
      st = NC_RULE;
      goto cleanup;
    }
    st = note_name(&seen, name, the, &at, "name", SIZE_MAX, i, file, err);
    if (st != NC_OK)
      goto cleanup;
    strs_push(&lx->countries, name, 0);
    lx->ambiguous[i] = (unsigned char)amb;
    add_name(&lx->ents, name, PK_NAME, i, the);
    st = get_array(c, "aliases", file, &at, err, 0, A_STRINGS, &arr);
    if (st != NC_OK)
      goto cleanup;
    k = 0;
    cJSON_ArrayForEach(e, arr)
    {
      st = note_name(&seen, e->valuestring, 0, &at, "aliases", k++, i, file,
                     err);
      if (st != NC_OK)
        goto cleanup;
      add_name(&lx->ents, e->valuestring, PK_ALIAS, i, 0);
    }
    st = get_array(c, "demonyms", file, &at, err, 0, A_STRINGS, &arr);
    if (st != NC_OK)
      goto cleanup;
    k = 0;
    cJSON_ArrayForEach(e, arr)
    {
      st = note(&seen, e->valuestring, 1, &at, "demonyms", k++, i,
                SEEN_DEMONYM, file, err);
      if (st != NC_OK)
        goto cleanup;
      table_add(&lx->ents, e->valuestring, PK_DEMONYM, i);
    }
    i++;
  }
  st = get_array(root, "blocked", file, &top_level, err, 0, A_STRINGS, &list);
  if (st != NC_OK)
    goto cleanup;
  k = 0;
  cJSON_ArrayForEach(e, list)
  {
    st = note(&seen, e->valuestring, 1, &top_level, "blocked", k,
              SIZE_MAX - 1 - k, SEEN_BLOCKED, file, err);
    if (st != NC_OK)
      goto cleanup;
    table_add(&lx->ents, e->valuestring, PK_BLOCK, 0);
    k++;
  }
cleanup:
  seen_free(&seen);
  cJSON_Delete(root);
  free(file);
  return st;
}

static enum nc_status load_people(struct nc_entlex *lx, const char *dir,
                                  struct nc_error *err)
{
  static const char *const top[] = {"comment", "people", NULL};
  static const char *const fields[] = {"name", "variants", NULL};
  char *file = NULL;
  cJSON *root = NULL;
  const cJSON *list, *c, *e;
  struct seenset names = {0}, variants = {0};
  enum nc_status st = load_json(dir, "people.json", 0, &root, &file, err);
  size_t i = 0, k;

  if (st != NC_OK || !root)
    goto cleanup;
  st = check_fields(root, top, file, &top_level, err);
  if (st == NC_OK)
    st = get_array(root, "people", file, &top_level, err, 0, A_OBJECTS, &list);
  if (st != NC_OK)
    goto cleanup;
  cJSON_ArrayForEach(c, list)
  {
    const char *name;
    const cJSON *arr;
    const struct at at = {"people", i};

    st = check_fields(c, fields, file, &at, err);
    if (st != NC_OK)
      goto cleanup;
    name = get_name(c, "name", file, &at, err);
    if (!name) {
      st = NC_RULE;
      goto cleanup;
    }
    st = note(&names, name, 1, &at, "name", SIZE_MAX, i, 0, file, err);
    if (st != NC_OK)
      goto cleanup;
    strs_push(&lx->people, name, 0);
    st = get_array(c, "variants", file, &at, err, 1, A_STRINGS, &arr);
    if (st != NC_OK)
      goto cleanup;
    k = 0;
    cJSON_ArrayForEach(e, arr)
    {
      /* variants match case-sensitively: "MBZ" and "MbZ" differ */
      st = note(&variants, e->valuestring, 0, &at, "variants", k, i, 0, file,
                err);
      if (st != NC_OK)
        goto cleanup;
      table_add(&lx->ents, e->valuestring, PK_PERSON, lx->people.n - 1);
      k++;
    }
    i++;
  }
cleanup:
  seen_free(&variants);
  seen_free(&names);
  cJSON_Delete(root);
  free(file);
  return st;
}

/* Largest min_name of a title. */
#define MAX_MIN_NAME 9

static enum nc_status load_titles(struct nc_entlex *lx, const char *dir,
                                  struct nc_error *err)
{
  static const char *const top[] = {"comment", "titles", "modifiers",
                                    "honorifics", NULL};
  static const char *const fields[] = {"title", "as", "min_name", NULL};
  static const struct {
    const char *field;
    enum pkind kind;
  } lists[] = {{"modifiers", PK_MODIFIER}, {"honorifics", PK_HONORIFIC}};
  char *file = NULL;
  cJSON *root = NULL;
  const cJSON *list, *e;
  struct seenset seen = {0};
  size_t serial = 0; /* each phrase its own owner: any repeat is wrong */
  enum nc_status st = load_json(dir, "titles.json", 1, &root, &file, err);
  size_t i = 0, k;

  if (st != NC_OK)
    goto cleanup;
  st = check_fields(root, top, file, &top_level, err);
  if (st == NC_OK)
    st = get_array(root, "titles", file, &top_level, err, 1, A_EITHER, &list);
  if (st != NC_OK)
    goto cleanup;
  seen_reserve(&seen, list_sizes(root, top + 1));
  table_reserve(&lx->titles, list_sizes(root, top + 1));
  cJSON_ArrayForEach(e, list)
  {
    const char *text = e->valuestring, *as;
    int min_name = 1;
    struct phrase *p;
    const struct at at = {"titles", i};
    char cb[64];

    if (cJSON_IsObject(e)) {
      const cJSON *a = cJSON_GetObjectItemCaseSensitive(e, "as");
      const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "min_name");
      st = check_fields(e, fields, file, &at, err);
      if (st != NC_OK)
        goto cleanup;
      text = get_name(e, "title", file, &at, err);
      if (!text) {
        st = NC_RULE;
        goto cleanup;
      }
      if (a && (!cJSON_IsString(a) || blank_str(a->valuestring))) {
        st = nc_error_set(err, NC_RULE, file, 0, "%sas: expected a string",
                          at_str(&at, cb, sizeof cb));
        goto cleanup;
      }
      if (m && (!cJSON_IsNumber(m) || m->valuedouble < 0 ||
                m->valuedouble > MAX_MIN_NAME ||
                m->valuedouble != (double)m->valueint)) {
        st = nc_error_set(err, NC_RULE, file, 0,
                          "%smin_name: expected a whole number from 0 to "
                          "%d",
                          at_str(&at, cb, sizeof cb), MAX_MIN_NAME);
        goto cleanup;
      }
      if (m)
        min_name = m->valueint;
      as = a ? a->valuestring : text;
      st =
          note(&seen, text, 1, &at, "title", SIZE_MAX, serial++, 0, file, err);
    } else {
      as = text;
      st = note(&seen, text, 1, &top_level, "titles", i, serial++, 0, file,
                err);
    }
    if (st != NC_OK)
      goto cleanup;
    strs_push(&lx->title_as, as, 1);
    p = table_add(&lx->titles, text, PK_TITLE, lx->title_as.n - 1);
    if (p)
      p->min_name = min_name;
    i++;
  }
  for (k = 0; k < sizeof lists / sizeof lists[0]; k++) {
    st = get_array(root, lists[k].field, file, &top_level, err, 0, A_STRINGS,
                   &list);
    if (st != NC_OK)
      goto cleanup;
    i = 0;
    cJSON_ArrayForEach(e, list)
    {
      st = note(&seen, e->valuestring, 1, &top_level, lists[k].field, i++,
                serial++, 0, file, err);
      if (st != NC_OK)
        goto cleanup;
      table_add(&lx->titles, e->valuestring, lists[k].kind, 0);
    }
  }
cleanup:
  seen_free(&seen);
  cJSON_Delete(root);
  free(file);
  return st;
}

static enum nc_status load_names(struct nc_entlex *lx, const char *dir,
                                 struct nc_error *err)
{
  static const char *const top[] = {"comment", "particles", "suffixes",
                                    "stop", NULL};
  static const struct {
    const char *field;
    enum pkind kind;
  } lists[] = {{"particles", PK_PARTICLE},
               {"suffixes", PK_SUFFIX},
               {"stop", PK_STOP}};
  char *file = NULL;
  cJSON *root = NULL;
  const cJSON *list, *e;
  struct seenset seen = {0};
  size_t serial = 0; /* each word its own owner: any repeat is wrong */
  enum nc_status st = load_json(dir, "names.json", 0, &root, &file, err);
  size_t k, i;

  if (st != NC_OK || !root)
    goto cleanup;
  st = check_fields(root, top, file, &top_level, err);
  if (st == NC_OK) {
    seen_reserve(&seen, list_sizes(root, top + 1));
    table_reserve(&lx->words, list_sizes(root, top + 1));
  }
  for (k = 0; st == NC_OK && k < sizeof lists / sizeof lists[0]; k++) {
    st = get_array(root, lists[k].field, file, &top_level, err, 0, A_STRINGS,
                   &list);
    i = 0;
    cJSON_ArrayForEach(e, list)
    {
      if (st != NC_OK)
        break;
      st = note(&seen, e->valuestring, 1, &top_level, lists[k].field, i++,
                serial++, 0, file, err);
      if (st == NC_OK)
        table_add(&lx->words, e->valuestring, lists[k].kind, 0);
    }
  }
cleanup:
  seen_free(&seen);
  cJSON_Delete(root);
  free(file);
  return st;
}

/* Fill mods and mod_at: the modifiers by the byte they end in, one that
 * ends in an apostrophe under every byte. */
static void mods_index(struct nc_entlex *lx)
{
  size_t at[256] = {0}, i, napos = 0;
  unsigned c;

  for (i = 0; i < lx->titles.n; i++) {
    const struct phrase *p = &lx->titles.ph[i];
    if (p->kind != PK_MODIFIER)
      continue;
    if (p->text[p->len - 1] == '\'')
      napos++;
    else
      at[nc_ascii_lower((unsigned char)p->text[p->len - 1])]++;
  }
  lx->mod_at[0] = 0;
  for (c = 0; c < 256; c++)
    lx->mod_at[c + 1] = lx->mod_at[c] + at[c] + napos;
  lx->mods = xmalloc((lx->mod_at[256] + 1) * sizeof *lx->mods);
  /* then at[c] is where the next of byte c goes */
  for (c = 0; c < 256; c++)
    at[c] = lx->mod_at[c];
  for (i = 0; i < lx->titles.n; i++) {
    const struct phrase *p = &lx->titles.ph[i];
    if (p->kind != PK_MODIFIER)
      continue;
    if (p->text[p->len - 1] != '\'') {
      c = (unsigned)nc_ascii_lower((unsigned char)p->text[p->len - 1]);
      lx->mods[at[c]++] = i;
      continue;
    }
    for (c = 0; c < 256; c++)
      lx->mods[at[c]++] = i;
  }
}

enum nc_status nc_entlex_load(const char *dir, struct nc_entlex **out,
                              struct nc_error *err)
{
  struct nc_entlex *lx = xcalloc(1, sizeof *lx);
  enum nc_status st;
  size_t i;

  st = load_countries(lx, dir, err);
  if (st == NC_OK)
    st = load_people(lx, dir, err);
  if (st == NC_OK)
    st = load_titles(lx, dir, err);
  if (st == NC_OK)
    st = load_names(lx, dir, err);
  if (st != NC_OK) {
    nc_entlex_free(lx);
    return st;
  }
  table_build(&lx->ents);
  table_build(&lx->titles);
  table_build(&lx->words);
  for (i = 0; i < lx->words.nbuckets; i++) {
    const struct bucket *b = &lx->words.buckets[i];
    unsigned c0 = (unsigned char)b->key[0], c1 = (unsigned char)b->key[1];
    if (!(b->kinds & K(PK_PARTICLE)))
      continue;
    lx->particle_pairs[c0 & 31u] |=
        b->klen == 1 ? UINT32_MAX : (uint32_t)1 << (c1 & 31u);
  }
  first_add(lx, &lx->ents, K_ENT_SCAN, FIRST_ENT, FIRST_SOLO,
            &lx->ent_pairs);
  first_add(lx, &lx->titles, K_TITLE_SCAN, FIRST_TITLE, FIRST_TSOLO,
            &lx->title_pairs);
  strs_done(&lx->countries);
  strs_done(&lx->people);
  strs_done(&lx->title_as);
  mods_index(lx);
  *out = lx;
  return NC_OK;
}

void nc_entlex_free(struct nc_entlex *lx)
{
  if (!lx)
    return;
  table_free(&lx->ents);
  table_free(&lx->titles);
  table_free(&lx->words);
  strs_free(&lx->countries);
  strs_free(&lx->people);
  strs_free(&lx->title_as);
  free(lx->ambiguous);
  free(lx->mods);
  free(lx);
}

const char *nc_entlex_country(const struct nc_entlex *lx, const char *w,
                              size_t n)
{
  const struct bucket *b;
  size_t wn, k, end;

  long hit;

  if (!lx || !w || n == 0)
    return NULL;
  /* the written form first ("Israelis"), then any case ("kazakh") */
  hit = table_match(&lx->ents, w, n, 0, K_COUNTRY, &end);
  if (hit >= 0 && end == n)
    return lx->countries.v[lx->ents.ph[hit].ref];
  wn = word_end(w, n, 0);
  b = table_find(&lx->ents, w, wn > 0 ? wn : 1);
  for (k = 0; b && k < b->n; k++) {
    const struct phrase *p = &lx->ents.ph[b->e[k].idx];
    if (!(K_COUNTRY & K(p->kind)) || memchr(p->mode, CM_EXACT, p->len))
      continue; /* "us" is never the US */
    if (phrase_at(p, w, n, 0, 1, &end) && end == n)
      return lx->countries.v[p->ref];
  }
  return NULL;
}

/* ---- countries ---- */

/* Is a word of `kinds` at s[i]? */
static int word_is(const struct table *t, const char *s, size_t len,
                   size_t i, unsigned kinds)
{
  size_t end;
  return i < len && table_match(t, s, len, i, kinds, &end) >= 0;
}

static inline int is_capital_at(const char *s, size_t len, size_t i)
{
  size_t n;
  if (i < len && (unsigned char)s[i] < 0x80)
    return s[i] >= 'A' && s[i] <= 'Z';
  return i < len && is_upper_cp(cp_at(s, len, i, &n));
}

/* "Jordan", "Chad": a first name when a capitalised word that is not a
 * title, country or stop word follows, or one precedes it. */
static int used_as_name(const struct nc_entlex *lx, const char *s,
                        size_t len, size_t start, size_t end)
{
  size_t j = skip_space(s, len, end), b;
  unsigned not_name = K_COUNTRY | K(PK_STOP);

  if (j > end && is_capital_at(s, len, j) &&
      !word_is(&lx->words, s, len, j, K(PK_STOP)) &&
      !word_is(&lx->ents, s, len, j, not_name) &&
      !word_is(&lx->titles, s, len, j, K(PK_TITLE)))
    return 1;
  b = skip_space_back(s, start);
  if (b == start || b == 0)
    return 0;
  /* back to the start of the previous word */
  j = b;
  while (j > 0 && (nc_is_alpha((unsigned char)s[j - 1]) ||
                   (unsigned char)s[j - 1] >= 0x80))
    j--;
  if (j == b || !nc_word_start(s, j) || !is_capital_at(s, len, j))
    return 0;
  if (word_end(s, len, j) != b)
    return 0;
  return !word_is(&lx->words, s, len, j, K(PK_STOP)) &&
         !word_is(&lx->ents, s, len, j, K_COUNTRY) &&
         !word_is(&lx->titles, s, len, j,
                  K(PK_TITLE) | K(PK_MODIFIER) | K(PK_HONORIFIC));
}

/* Room for one more match in v (cap items of `size`, on the stack in
 * `local` until they outgrow it).  Returns the array to use. */
static void *grow_local(void *v, size_t *cap, const void *local,
                        size_t size)
{
  size_t c = *cap * 2;
  void *nv;

  if (v == local) {
    nv = xmalloc(c * size);
    memcpy(nv, v, *cap * size);
  } else {
    nv = xrealloc(v, c * size);
  }
  *cap = c;
  return nv;
}

/* What the first pass keeps from word to word. */
struct scan {
  const struct nc_entlex *lx;
  const char *s;
  size_t len;
  size_t skip; /* words before this are inside a country or person */
  struct cmatches *cm;
  struct tmatches *tm;
  struct nc_mentions *out;
#if NC_SSE2
  /* For the blocks of scan_block near the end of the text, which may not
   * read past it: its last bytes, then NULs (no word bytes), copied once
   * for all of them.  The end of the text is at tail_buf + 96 (NULL
   * until the first copy). */
  const unsigned char *tail_end;
  unsigned char tail_buf[2 * 96];
#endif
};

/* The word s[i..wn), with hash h, that first[] (f) lets through: look
 * it up as a title or honorific (kept in tm), and as a country or known
 * person (appended).  Out of line, so that the scan over the other words
 * keeps its few variables in registers. */
static NC_COLD void scan_word(struct scan *sc, size_t i, size_t wn,
                              uint32_t h, unsigned f)
{
  const struct nc_entlex *lx = sc->lx;
  const char *s = sc->s;
  size_t len = sc->len, end;
  struct cmatches *cm = sc->cm;
  struct tmatches *tm = sc->tm;
  const struct phrase *p;
  struct nc_mention *m;
  long k = -1;
  int plural;

  if ((f & FIRST_TITLE) &&
      ((f & FIRST_TSOLO) || pair_may(&lx->title_pairs, s, len, wn)))
    k = table_match_h(&lx->titles, s, len, i, wn, h, K_TITLE_SCAN, &end);
  if (k >= 0) {
    if (tm->n == tm->cap)
      tm->v = grow_local(tm->v, &tm->cap, tm->local, sizeof *tm->v);
    tm->v[tm->n].start = i;
    tm->v[tm->n].end = end;
    tm->v[tm->n].k = (size_t)k;
    tm->n++;
  }
  /* words inside a country or person found before are no countries;
   * most words start none (the filter), or, ending in 's', no plural
   * demonym */
  plural = (f & FIRST_PLURAL) && wn - i >= 3 && s[wn - 1] == 's';
  if (i < sc->skip || (!(f & FIRST_ENT) && !plural))
    return;
  /* a key whose phrases all start with a capital needs one ("New"); a
   * key with no phrase of one word ("the") needs the right next word */
  if (!plural && ((!(f & FIRST_ANY) && (s[i] < 'A' || s[i] > 'Z')) ||
                  (!(f & FIRST_SOLO) &&
                   !pair_may(&lx->ent_pairs, s, len, wn))))
    return;
  k = table_match_h(&lx->ents, s, len, i, wn, h, K_ENT_SCAN, &end);
  if (k < 0)
    return;
  p = &lx->ents.ph[k];
  if (p->kind == PK_PERSON) {
    m = nc_mentions_push(sc->out, NC_M_PERSON, i, end);
    m->name = (char *)lx->people.v[p->ref];
    m->name_kept = true;
    m->alias = true;
  } else if (p->kind != PK_BLOCK &&
             !(p->kind == PK_NAME && lx->ambiguous[p->ref] &&
               used_as_name(lx, s, len, i, end))) {
    m = nc_mentions_push(sc->out, NC_M_COUNTRY, i, end);
    m->name = (char *)lx->countries.v[p->ref];
    m->name_kept = true; /* a copy per mention would cost a malloc each */
    m->demonym = p->kind == PK_DEMONYM;
    m->alias = p->kind == PK_ALIAS;
    if (cm->n == cm->cap)
      cm->v = grow_local(cm->v, &cm->cap, cm->local, sizeof *cm->v);
    cm->v[cm->n].start = i;
    cm->v[cm->n].end = end;
    cm->v[cm->n].country = p->ref;
    cm->n++;
  }
  sc->skip = end;
}

#if NC_SSE2
/* The bytes scan_block takes at a time, and how many from the start of
 * them it may read: the hash of a word that starts in the block reads
 * 32 bytes. */
#define BLOCK 64
#define BLOCK_READ (BLOCK + 32)

/* Set sc->tail_end: the last BLOCK_READ bytes of the text (all of a
 * shorter one) end there, and BLOCK_READ NULs follow.  A block that
 * starts at i, len - BLOCK_READ <= i < len, reads from tail_end -
 * (len - i) no more than BLOCK_READ bytes: all within tail_buf, and
 * none before the copy.  Most texts (sentences) are longer than
 * BLOCK_READ, and then both copies have a constant size, which takes a
 * few moves rather than a call. */
static void tail_copy(struct scan *sc)
{
  unsigned char *end = sc->tail_buf + BLOCK_READ;

  _Static_assert(sizeof sc->tail_buf == 2 * BLOCK_READ, "tail_buf");
  memset(end, 0, BLOCK_READ);
  if (sc->len >= BLOCK_READ)
    memcpy(end - BLOCK_READ, sc->s + sc->len - BLOCK_READ, BLOCK_READ);
  else
    memcpy(end - sc->len, sc->s, sc->len);
  sc->tail_end = end;
}

/* The two-byte letters of the BLOCK bytes at b, as letter2_at has them:
 * a bit for each byte of each.  A lead byte 0xC3 to 0xDF, then a
 * continuation byte, but U+00D7 and U+00F7 (0xC3 0x97, 0xC3 0xB7).  The
 * bytes past ASCII of English text are mostly quotes and dashes, with
 * no lead byte: then the rest is not worked out. */
static inline uint64_t letter2_bits(const unsigned char *b)
{
  uint64_t lead = 0, cont = 0, c3 = 0, sign = 0, pair;
  unsigned k;

  /* both loops unrolled, as scan_block's */
#pragma GCC unroll 4
  for (k = 0; k < BLOCK; k += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + k));
    __m128i l = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x80 - 0xC3)),
                               _mm_set1_epi8(-128 + 0xDF - 0xC3 + 1));
    lead |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << k;
  }
  if (!lead)
    return 0;
#pragma GCC unroll 4
  for (k = 0; k < BLOCK; k += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + k));
    __m128i c = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(-64)),
                               _mm_set1_epi8(-128));
    __m128i x = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(-0x69)),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8(-0x49)));
    cont |= (uint64_t)(unsigned)_mm_movemask_epi8(c) << k;
    c3 |= (uint64_t)(unsigned)_mm_movemask_epi8(
              _mm_cmpeq_epi8(v, _mm_set1_epi8(-0x3D)))
          << k;
    sign |= (uint64_t)(unsigned)_mm_movemask_epi8(x) << k;
  }
  pair = lead & cont >> 1 & ~(c3 & sign >> 1);
  return pair | pair << 1;
}

/* The bytes of the character past ASCII at b[0] when it is one that
 * makes no word (char_at) and that a scan meets often between words: a
 * no-break space or another character of U+0080 to U+00BF (two bytes
 * led by 0xC2), or a quote, dash or other mark of U+2000 to U+2BFF
 * (three, as punct3_at has them).  0 for any other.  b[0..3) may be
 * read. */
static inline unsigned mark_at(const unsigned char *b)
{
  if (b[0] == 0xC2 && (b[1] & 0xC0) == 0x80)
    return 2;
  if (b[0] == 0xE2 && (unsigned)(b[1] - 0x80) <= 0x2F &&
      (b[2] & 0xC0) == 0x80)
    return 3;
  return 0;
}

/* pair_may for the word that ends at p[0] in a block, when one blank and
 * a letter or digit follow (p[0..3) may be read, the bytes past the text
 * NULs, which no pair has second); else 1, for scan_word to ask
 * pair_may. */
static inline int block_pair_may(const struct pairset *ps,
                                 const unsigned char *p)
{
  if (p[0] != ' ' || !ascii_word[p[1]])
    return 1;
  return BIT_TEST(ps->any, p[1]) || BIT_TEST(ps->pairs, p[1] << 8 | p[2]);
}

/* Would scan_word look the word that first[] marks f, and that ends at
 * p[0] in a block, up at all?  Not when it is a key of ents only, with
 * no phrase of one word (no FIRST_SOLO), and a next word that starts none
 * of the phrases follows.  Most words that first[] lets through are
 * "the", whose phrases all go on to a country's name ("the United
 * States"): most of them are ruled out here, without a call.  Keys of
 * titles are left to scan_word: fewer, they cost more to test here than
 * the test saves. */
static inline int block_wants(const struct nc_entlex *lx, unsigned f,
                              const unsigned char *p)
{
  if (f & (FIRST_TITLE | FIRST_PLURAL | FIRST_SOLO))
    return 1;
  return block_pair_may(&lx->ent_pairs, p);
}

/* The words of the BLOCK bytes at s[i] for the first pass, up to the
 * first byte past ASCII that is neither in a two-byte letter nor in a
 * mark that ends words (mark_at), as spaces do: each one that
 * ends there is looked up as find_words would, from bit masks of the
 * word bytes and of the others past ASCII.  The character before i is
 * no letter or digit.  Returns how far the scan may go on: to the start
 * of a word that runs past the bytes taken or is long (which the caller
 * passes to the next block, or to word_hash when it starts at i), or to
 * that first other byte (*other set). */
static NC_HOT size_t scan_block(struct scan *sc, size_t i, int *other)
{
  const unsigned char *b = (const unsigned char *)sc->s + i;
  const uint32_t *pre = sc->lx->pre;
  uint64_t w = 0, hi = 0, starts, ends;
  unsigned lim = BLOCK, stop = BLOCK, k;

  /* near the end of the text, a copy padded with NULs (no word bytes)
   * stands in: one for all the blocks there, which are often several
   * (each mark past ASCII that is no letter, such as a CJK letter, ends
   * one) */
  if (sc->len - i < BLOCK_READ) {
    if (!sc->tail_end)
      tail_copy(sc);
    b = sc->tail_end - (sc->len - i);
  }
  /* unrolled, the shifts take constants and alnum_bits's constants stay
   * in registers: a third fewer instructions a block */
#pragma GCC unroll 4
  for (k = 0; k < BLOCK; k += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + k));
    w |= (uint64_t)alnum_bits(v) << k;
    hi |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << k;
  }
  if (hi) {
    uint64_t w2 = letter2_bits(b), others = hi & ~w2;
    w |= w2;
    /* the block goes on past the marks (curly quotes and apostrophes,
     * dashes, no-break spaces) that lie within it, rather than leave
     * the bytes after each to another block */
    while (others) {
      unsigned p = (unsigned)__builtin_ctzll(others), n = mark_at(b + p);
      if (n == 0 || p + n > BLOCK) {
        lim = p;
        break;
      }
      others &= ~(((UINT64_C(1) << n) - 1) << p);
    }
  }
  *other = lim < BLOCK;
  /* the first byte of each word, and the byte after its last (its end),
   * which pair up in order: the n-th end is that of the word of the n-th
   * start.  The end of a word that runs to the block's end is lost off
   * the top, but that word is one the loop below stops before. */
  starts = w & ~(w << 1);
  ends = (w & ~(w >> 1)) << 1;
  if (lim < BLOCK)
    starts &= (UINT64_C(1) << lim) - 1;
  /* The words before lim end by lim, as the byte there is none of w.
   * The one that ends at lim when that is the block's end, or a
   * character past ASCII that may be a letter, runs on: it is
   * word_hash's, and so is a long one, of 32 bytes or more (where 32
   * bits of w in a row are set: w and its shifts by 1, 2, 4, 8 and 16
   * places in turn).  One that ends in a mark (mark_at)
   * that the block ends in is done.  The scan stops at the first such
   * word, found here once for the block rather than tested per word. */
  if (starts) {
    uint64_t run = 0, nw = ~w;
    /* 32 bits in a row take in a whole aligned group of 16, a 16-bit
     * lane of w with all its bits set: most blocks have none, which one
     * test tells (a lane of ~w that is zero borrows into its top bit),
     * and need no shifts */
    if ((nw - UINT64_C(0x0001000100010001)) & ~nw &
        UINT64_C(0x8000800080008000)) {
      run = w & w >> 1;
      run &= run >> 2;
      run &= run >> 4;
      run &= run >> 8;
      run &= run >> 16;
      run &= starts;
    }
    if (w >> (lim - 1) & 1 && (lim == BLOCK || !mark_at(b + lim)))
      stop = 63u - (unsigned)__builtin_clzll(starts);
    if (run && (unsigned)__builtin_ctzll(run) < stop)
      stop = (unsigned)__builtin_ctzll(run);
    if (stop < BLOCK)
      starts &= (UINT64_C(1) << stop) - 1;
  }
  while (starts) {
    size_t a = (size_t)__builtin_ctzll(starts);
    size_t e = (size_t)__builtin_ctzll(ends);
    uint32_t h;
    unsigned f;

    /* most words are no key (pre[]): they need no hash */
    if (!(pre[PRE_AT2(nc_load8(b + a, 2))] >> (e - a) & 1)) {
      starts &= starts - 1;
      ends &= ends - 1;
      continue;
    }
    h = block_hash(b + a, e - a);
    f = first_of(sc->lx, h);
    if (f != 0 && block_wants(sc->lx, f, b + e))
      scan_word(sc, i + a, i + e, h, f);
    starts &= starts - 1;
    ends &= ends - 1;
  }
  if (stop < BLOCK) {
    *other = 0;
    return stop;
  }
  return lim;
}
#endif

/* The first pass over the text, one look-up per word: every country and
 * known person (appended), and every title or honorific (kept in tm for
 * the second pass, which looks for their names).  Most words are in no
 * table, which first[] tells from their hash. */
static void find_words(const struct nc_entlex *lx, const char *s,
                       size_t len, struct cmatches *cm, struct tmatches *tm,
                       struct nc_mentions *out)
{
  struct scan sc;
  size_t i = 0, n, wn, next;

  sc.lx = lx;
  sc.s = s;
  sc.len = len;
  sc.skip = 0;
  sc.cm = cm;
  sc.tm = tm;
  sc.out = out;
#if NC_SSE2
  sc.tail_end = NULL;
#endif
  while (i < len) {
    uint32_t h;
    unsigned f;

#if NC_SSE2
    /* ASCII text a block at a time; a byte past ASCII goes on below.
     * The block takes a letter or digit at i to start a word: so it does
     * unless a character past ASCII before it is a letter.  A block
     * that starts with a byte past ASCII outside a two-byte letter (a
     * quote, a dash, a letter of CJK or Hangul) would take nothing. */
    if ((i == 0 || (unsigned char)s[i - 1] < 0x80 ||
         !ascii_word[(unsigned char)s[i]] || nc_word_start(s, i)) &&
        ((unsigned char)s[i] < 0x80 ||
         letter2_at((const unsigned char *)s, len, i))) {
      int other;
      size_t adv = scan_block(&sc, i, &other);
      if (adv > 0) {
        i += adv;
        if (i >= len)
          break;
        if (!other)
          continue;
      }
    }
#endif
    /* to the next letter or digit, or byte past ASCII: one that starts
     * no word (a quote, a dash) is passed over */
    while (i < len && !scan_stop[(unsigned char)s[i]])
      i++;
    if (i >= len)
      break;
    if ((unsigned char)s[i] >= 0x80 &&
        !letter2_at((const unsigned char *)s, len, i)) {
      if (punct3_at((const unsigned char *)s, len, i)) {
        i += 3;
        continue;
      }
      if (!char_at(s, len, i, &n)) {
        i += n;
        continue;
      }
    }
    /* A byte before i below 0x80 is a space or punctuation mark (the
     * scan stops on no other), so only one past ASCII can join s[i] to a
     * word before it; then the characters after it are tested in turn,
     * as word_start_at would have them. */
    if (i > 0 && (unsigned char)s[i - 1] >= 0x80 && !nc_word_start(s, i)) {
      do {
        char_at(s, len, i, &n);
        i += n;
      } while (i < len && char_at(s, len, i, &n) && !word_start_at(s, i));
      continue;
    }
    wn = word_hash(s, len, i, &h, &next);
    f = first_of(lx, h);
    if (f != 0)
      scan_word(&sc, i, wn, h, f);
    i = next;
  }
}

/* The country match that starts at `pos` (key 0) or ends at `pos` (key
 * 1), or NULL.  The matches are sorted and do not overlap. */
static const struct cmatch *cm_at(const struct cmatches *cm, size_t pos,
                                  int by_end)
{
  size_t lo = 0, hi = cm->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    size_t v = by_end ? cm->v[mid].end : cm->v[mid].start;
    if (v == pos)
      return &cm->v[mid];
    if (v < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* ---- people ---- */

struct name {
  size_t start, end; /* the name's bytes */
  int words;         /* capitalised words */
  /* word_at of the word at start, once parse_name has hashed it (key_end
   * > start), for known_person */
  size_t key_end;
  uint32_t key_h;
};

/* One capitalised word of a name at s[i]: letters, inner hyphens and
 * apostrophes ("Kassym-Jomart", "O'Brien").  Stops before a possessive
 * and sets *poss.  Returns the end, or i when there is no such word. */
static size_t name_word(const char *s, size_t len, size_t i, int *poss)
{
  size_t t = i, n, a;

  *poss = 0;
  if (!is_capital_at(s, len, i))
    return i;
  while (t < len) {
    uint32_t cp;
    /* ASCII letters, most of a name, without decoding (is_letter_cp) */
    while (t < len && nc_is_alpha((unsigned char)s[t]))
      t++;
    if (t >= len)
      break;
    cp = cp_at(s, len, t, &n);
    if (is_letter_cp(cp)) {
      t += n;
      continue;
    }
    if (cp == '-' && is_capital_at(s, len, t + 1)) {
      t++;
      continue;
    }
    if ((a = apos_at(s, len, t)) > 0) {
      if (t + a < len && (s[t + a] == 's' || s[t + a] == 'S') &&
          nc_word_end(s, len, t + a + 1)) {
        *poss = 1;
        break;
      }
      if (t + a < len && is_letter_cp(cp_at(s, len, t + a, &n))) {
        t += a;
        continue;
      }
      *poss = 1; /* "Jesus'" */
    }
    break;
  }
  /* initials: "J." and "J.D." */
  if (t - i == 1 && t < len && s[t] == '.') {
    t++;
    while (t + 1 < len && s[t] >= 'A' && s[t] <= 'Z' && s[t + 1] == '.')
      t += 2;
  }
  return t;
}

/* The name that starts at s[i]: 1-5 capitalised words, with particles
 * inside ("bin", "al-", "da") and a suffix ("Jr.") at the end.  It stops
 * at punctuation, a lower-case word, a stop word, a possessive, or a
 * country after the first word.  Returns 0 when there is none. */
static int parse_name(const struct nc_entlex *lx, const struct cmatches *cm,
                      const char *s, size_t len, size_t i, struct name *nm)
{
  size_t t = i, end;
  int poss = 0;

  nm->start = i;
  nm->end = i;
  nm->words = 0;
  nm->key_end = i;
  while (t < len && nm->words < 5) {
    size_t w = t, we, wn;
    uint32_t h;
    long k;

    if (is_capital_at(s, len, t)) {
      /* one hash of the word for each table asked */
      word_at(s, len, t, &wn, &h);
      if (t == i) {
        nm->key_end = wn;
        nm->key_h = h;
      }
      /* a title is no name: "President Prime Minister ..." */
      if (nm->words == 0 &&
          table_match_w(&lx->titles, s, len, t, wn, h,
                        K(PK_TITLE) | K(PK_HONORIFIC), &end) >= 0)
        return 0;
      k = table_match_w(&lx->words, s, len, t, wn, h,
                        K(PK_STOP) | K(PK_SUFFIX), &end);
      if (k >= 0 && lx->words.ph[k].kind == PK_STOP)
        break;
      if (k >= 0) {
        /* a suffix ends the name and cannot begin it */
        if (nm->words == 0)
          return 0;
        nm->end = end;
        break;
      }
      if (nm->words > 0 && cm_at(cm, t, 0))
        break;
      we = name_word(s, len, t, &poss);
    } else {
      /* most words here start no particle, which their first two bytes
       * tell (table_find_h compares them, in lower case, with a key's):
       * a word of one byte leaves a key of one byte, which passes under
       * any second byte */
      if (t + 1 < len && !PARTICLE_AT(lx->particle_pairs, (unsigned char)s[t],
                                      (unsigned char)s[t + 1]))
        break;
      k = table_match(&lx->words, s, len, t, K(PK_PARTICLE), &end);
      if (k < 0)
        break;
      if (end > t && !is_word_cp((unsigned char)s[end - 1]) &&
          is_capital_at(s, len, end)) {
        /* a prefix joined to the word: "al-Sharaa", "d'Estaing" */
        we = name_word(s, len, end, &poss);
      } else {
        /* a separate particle counts only when a word follows */
        size_t j = skip_space(s, len, end);
        if (j == end)
          break;
        t = j;
        continue;
      }
    }
    if (we == w)
      break;
    nm->words++;
    nm->end = we;
    if (poss)
      break;
    t = skip_space(s, len, we);
    if (t == we)
      break;
  }
  return nm->words > 0;
}

/* Copy s[a..b) with each run of spaces made one space.  The copy is no
 * longer than s[a..b), so one allocation of that size holds it. */
static char *squeeze(const char *s, size_t a, size_t b)
{
  char *out = xmalloc(b - a + 1);
  size_t i = a, o = 0, n;

  while (i < b) {
    if ((n = space_at(s, b, i)) > 0) {
      while ((n = space_at(s, b, i)) > 0)
        i += n;
      out[o++] = ' ';
      continue;
    }
    out[o++] = s[i];
    i++;
  }
  out[o] = '\0';
  return out;
}

/* The canonical person for a name written as a known short form. */
static const char *known_person(const struct nc_entlex *lx, const char *s,
                                size_t len, const struct name *nm)
{
  size_t end, wn = nm->key_end;
  uint32_t h = nm->key_h;
  long k;

  if (wn == nm->start)
    word_at(s, len, nm->start, &wn, &h);
  k = table_match_w(&lx->ents, s, len, nm->start, wn, h, K(PK_PERSON),
                    &end);
  if (k >= 0 && end == nm->end)
    return lx->people.v[lx->ents.ph[k].ref];
  return NULL;
}

/* A modifier that ends at `pos`: its phrase, with *start set. */
static const struct phrase *modifier_before(const struct nc_entlex *lx,
                                            const char *s, size_t len,
                                            size_t pos, size_t *start)
{
  size_t k, last;

  /* the byte before pos is the modifier's last (or no modifier ends
   * there), unless an apostrophe ends it, which may be curly */
  if (pos == 0)
    return NULL;
  last = (size_t)nc_ascii_lower((unsigned char)s[pos - 1]);
  for (k = lx->mod_at[last]; k < lx->mod_at[last + 1]; k++) {
    const struct phrase *p = &lx->titles.ph[lx->mods[k]];
    size_t end;
    if (p->len > pos)
      continue;
    /* the first byte rules out most (an apostrophe may be curly) */
    if (p->text[0] != '\'' &&
        nc_ascii_lower((unsigned char)s[pos - p->len]) !=
            nc_ascii_lower((unsigned char)p->text[0]))
      continue;
    if (nc_word_start(s, pos - p->len) &&
        phrase_at(p, s, len, pos - p->len, 0, &end) && end == pos) {
      *start = pos - p->len;
      return p;
    }
  }
  return NULL;
}

/* After a title and its name: "of Kazakhstan" names the country. */
static const struct cmatch *of_country(const struct cmatches *cm,
                                       const char *s, size_t len, size_t i)
{
  size_t j = skip_space(s, len, i);
  if (j == i || j + 2 >= len || s[j] != 'o' || s[j + 1] != 'f')
    return NULL;
  i = skip_space(s, len, j + 2);
  if (i == j + 2)
    return NULL;
  if (i + 4 < len && nc_ascii_eq(s + i, 3, "the") && s[i + 3] == ' ' &&
      !cm_at(cm, i, 0))
    i += 4;
  return cm_at(cm, i, 0);
}

/* What stands before a title and belongs to it: modifiers ("former",
 * "then-") and one country qualifier ("U.S.", "Kazakh", "Kazakhstan's"),
 * in any order. */
struct before {
  const struct phrase *mods[4]; /* nearest first */
  size_t nmods;
  const struct cmatch *qual;
  size_t start; /* where the earliest of them starts */
};

static void look_back(const struct nc_entlex *lx, const struct cmatches *cm,
                      const char *s, size_t len, size_t ts, int qualify,
                      struct before *bf)
{
  bf->nmods = 0;
  bf->qual = NULL;
  bf->start = ts;
  while (bf->nmods < 4) {
    const struct phrase *mod;
    size_t start = bf->start, b = skip_space_back(s, start), ms;
    const struct cmatch *c = NULL;

    /* "then-President" has no space; only a '-' modifier fits there */
    if (b == start && (start == 0 || s[start - 1] != '-'))
      break;
    mod = modifier_before(lx, s, len, b, &ms);
    if (mod && (b != start || mod->text[mod->len - 1] == '-')) {
      bf->mods[bf->nmods++] = mod;
      bf->start = ms;
      continue;
    }
    if (!qualify || bf->qual || b == start)
      break;
    c = cm_at(cm, b, 1);
    if (!c && b >= 2 && s[b - 1] == 's' && s[b - 2] == '\'')
      c = cm_at(cm, b - 2, 1);
    if (!c && b >= 4 && s[b - 1] == 's' && apos_at(s, len, b - 4) == 3)
      c = cm_at(cm, b - 4, 1);
    if (!c)
      break;
    bf->qual = c;
    bf->start = c->start;
  }
}

/* Append the person: the title is the modifiers in text order, then the
 * title's reported form. */
static void push_person(const struct nc_entlex *lx, const char *s,
                        size_t len, size_t start, size_t end,
                        const struct name *nm, const struct phrase *p,
                        const struct before *bf, const struct cmatch *qual,
                        struct nc_mentions *out)
{
  struct nc_mention *m = nc_mentions_push(out, NC_M_PERSON, start, end);
  const char *known = known_person(lx, s, len, nm);
  const char *as;
  size_t k, n, at, aslen;
  char *title;

  m->name = known ? xstrdup(known) : squeeze(s, nm->start, nm->end);
  if (p->kind == PK_HONORIFIC)
    return;
  /* the modifiers in lower case, each but a '-' one with a space after
   * it, then the reported form: measured first, for one allocation */
  as = lx->title_as.v[p->ref];
  aslen = strlen(as);
  n = aslen + 1;
  for (k = 0; k < bf->nmods; k++)
    n += bf->mods[k]->len + 1;
  title = xmalloc(n);
  at = 0;
  for (k = bf->nmods; k > 0; k--) {
    const struct phrase *mod = bf->mods[k - 1];
    size_t j;
    for (j = 0; j < mod->len; j++)
      title[at++] = (char)nc_ascii_lower((unsigned char)mod->text[j]);
    if (mod->text[mod->len - 1] != '-')
      title[at++] = ' ';
  }
  memcpy(title + at, as, aslen + 1);
  m->title = title;
  if (qual)
    m->country = strs_dup(&lx->countries, qual->country);
}

/* "Kassym-Jomart Tokayev, the president of Kazakhstan": a title with no
 * name after it, an "of" country, and a name before a comma.  A name of
 * one word must open the text ("In Astana, the president of ..." is no
 * person).  The span runs from the name to the end of the title. */
static size_t appositive(const struct nc_entlex *lx,
                         const struct cmatches *cm, const char *s,
                         size_t len, size_t min_start, size_t ts, size_t te,
                         const struct phrase *p, struct nc_mentions *out)
{
  const struct cmatch *of = of_country(cm, s, len, te);
  struct before bf;
  struct name nm;
  size_t b, c, w, starts[8], n = 0;

  if (!of || p->kind != PK_TITLE)
    return te;
  look_back(lx, cm, s, len, ts, 0, &bf);
  b = skip_space_back(s, bf.start);
  if (b == bf.start)
    return te;
  /* an article between the comma and the title */
  for (w = b; w > 0 && nc_is_alpha((unsigned char)s[w - 1]); w--)
    ;
  if (w < b &&
      (nc_ascii_eq(s + w, b - w, "the") || nc_ascii_eq(s + w, b - w, "a"))) {
    b = skip_space_back(s, w);
    if (b == w)
      return te;
  }
  if (b == 0 || s[b - 1] != ',')
    return te;
  c = b - 1;
  /* the word starts before the comma, nearest first */
  w = c;
  while (n < 8 && w > 0) {
    while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '\n' &&
           s[w - 1] != ',' && s[w - 1] != ';' && s[w - 1] != '(' &&
           s[w - 1] != '"')
      w--;
    starts[n++] = w;
    if (w == 0 || s[w - 1] != ' ')
      break;
    w--;
  }
  /* the longest name that ends at the comma */
  while (n > 0) {
    w = starts[--n];
    if (w < min_start || cm_at(cm, w, 0) ||
        word_is(&lx->titles, s, len, w,
                K(PK_TITLE) | K(PK_MODIFIER) | K(PK_HONORIFIC)))
      continue;
    if (parse_name(lx, cm, s, len, w, &nm) && nm.end == c) {
      size_t o = w;
      while (o > 0 && space_at(s, len, o - 1))
        o--;
      if (nm.words < 2 && o > 0 && s[o - 1] != '"' &&
          !(o >= 3 && (unsigned char)s[o - 3] == 0xE2 &&
            (unsigned char)s[o - 2] == 0x80 &&
            (unsigned char)s[o - 1] == 0x9C))
        return te;
      push_person(lx, s, len, w, te, &nm, p, &bf, of, out);
      return te;
    }
  }
  return te;
}

/* The title at s[ts..te) (phrase p): look back for modifiers and a
 * country qualifier, forward for the name, and append the person. */
static size_t title_person(const struct nc_entlex *lx,
                           const struct cmatches *cm, const char *s,
                           size_t len, size_t min_start, size_t ts, size_t te,
                           const struct phrase *p, struct nc_mentions *out)
{
  const struct cmatch *qual = NULL, *of = NULL;
  struct before bf;
  struct name nm;
  size_t j, k;

  j = skip_space(s, len, te);
  if (j == te)
    return appositive(lx, cm, s, len, min_start, ts, te, p, out);
  /* "President of Kazakhstan, Kassym-Jomart Tokayev" */
  if ((of = of_country(cm, s, len, te)) != NULL) {
    size_t a = of->end;
    if (a < len && s[a] == ',')
      a++;
    k = skip_space(s, len, a);
    if (!(k > a && !cm_at(cm, k, 0) && parse_name(lx, cm, s, len, k, &nm)))
      of = NULL;
  }
  if (!of && !parse_name(lx, cm, s, len, j, &nm))
    return appositive(lx, cm, s, len, min_start, ts, te, p, out);
  if (p->kind == PK_HONORIFIC) {
    memset(&bf, 0, sizeof bf);
    push_person(lx, s, len, ts, nm.end, &nm, p, &bf, NULL, out);
    return nm.end;
  }
  look_back(lx, cm, s, len, ts, 1, &bf);
  qual = bf.qual;
  /* "General Motors" is no general */
  if (nm.words < p->min_name && bf.nmods == 0 && !qual &&
      is_capital_at(s, len, ts))
    return te;
  if (!qual)
    qual = of ? of : of_country(cm, s, len, nm.end);
  push_person(lx, s, len, bf.start, nm.end, &nm, p, &bf, qual, out);
  return nm.end;
}

/* Second pass: every title or honorific followed by a name.  A person
 * found ends where the search for the next title resumes. */
static void find_people(const struct nc_entlex *lx,
                        const struct cmatches *cm, const struct tmatches *tm,
                        const char *s, size_t len, struct nc_mentions *out)
{
  size_t i = 0, j, min_start = 0, before = out->n;

  for (j = 0; j < tm->n; j++) {
    const struct tmatch *t = &tm->v[j];
    if (t->start < i)
      continue;
    i = title_person(lx, cm, s, len, min_start, t->start, t->end,
                     &lx->titles.ph[t->k], out);
    if (out->n > before)
      min_start = out->items[out->n - 1].end;
    before = out->n;
  }
}

void nc_entities_find(const struct nc_entlex *lx, const char *text,
                      size_t len, struct nc_mentions *out)
{
  struct cmatches cm;
  struct tmatches tm;

  if (!lx || !text || len == 0)
    return;
  cm.v = cm.local;
  cm.n = 0;
  cm.cap = NC_LOCAL_MATCHES;
  tm.v = tm.local;
  tm.n = 0;
  tm.cap = NC_LOCAL_MATCHES;
  find_words(lx, text, len, &cm, &tm, out);
  find_people(lx, &cm, &tm, text, len, out);
  if (cm.v != cm.local)
    free(cm.v);
  if (tm.v != tm.local)
    free(tm.v);
}
