/* values_int.h: private contract between numbers.c (word lists, tokens,
 * numbers, percents, money, durations) and dates.c (dates), the two
 * halves of the value recognizer. */
#ifndef NC_VALUES_INT_H
#define NC_VALUES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mentions_int.h"

/* Roles a lexicon key can have; one key may have several ("second" is an
 * ordinal and a time unit, "may" a month and a modal verb). */
enum {
  W_UNIT = 1u << 0,       /* zero .. nineteen: num */
  W_TEN = 1u << 1,        /* twenty .. ninety: num */
  W_SCALE = 1u << 2,      /* hundred, thousand, million: num */
  W_SUFFIX = 1u << 3,     /* scale written after digits ("bn"): num */
  W_ORD = 1u << 4,        /* ordinal word: ord */
  W_FRAC = 1u << 5,       /* fraction denominator: denom */
  W_MULT = 1u << 6,       /* dozen: num */
  W_NEG = 1u << 7,        /* minus */
  W_VAGUE = 1u << 8,      /* several, many */
  W_MONTH = 1u << 9,      /* month: month */
  W_AMBIG = 1u << 10,     /* month/weekday that is also a common word */
  W_WDAY = 1u << 11,      /* weekday: wday */
  W_DAYPART = 1u << 12,   /* night, morning */
  W_TUNIT = 1u << 13,     /* time unit: tunit, tmult */
  W_RELDAY = 1u << 14,    /* today, yesterday: reldays */
  W_YEARCTX = 1u << 15,   /* word that may precede a bare year */
  W_PAST = 1u << 16,      /* past-tense marker */
  W_FUTURE = 1u << 17,    /* future marker */
  W_EDX = 1u << 18,       /* "-ed" word that is no past-tense verb */
  W_CURNAME = 1u << 19,   /* currency name after the amount: cur */
  W_CURSYM = 1u << 20,    /* currency symbol before the amount: cur */
  W_CURPFX = 1u << 21,    /* letters before "$" ("US", "C"): cur */
  W_CODE = 1u << 22,      /* ISO 4217 code: cur */
  W_APPROX = 1u << 23,    /* approximation words: approx */
  W_PERCENT = 1u << 24,   /* percent, per cent, % */
  W_ORDSFX = 1u << 25,    /* st, nd, rd, th */
  W_MONTHCTX = 1u << 26,  /* word that may precede a month alone */
  W_WHEN = 1u << 27,      /* when, once: clause of a future event */
  W_PHRASE = 1u << 28,    /* first word of a longer key */
  W_ABBR = 1u << 29,      /* weekday abbreviation that is no common
                             word ("tues"): a date after "on" */
  W_START = 1u << 30      /* other word that may begin a value ("the") */
};

/* Computed at load, past the range of an enum: the word may begin a
 * value (see mark_begins in numbers.c); scanning skips other words. */
#define W_BEGIN (1u << 31)

/* Words the recognizers name in their rules, marked at load so that a
 * test of a token's entry tells whether the rule can apply at all. */
enum {
  KW_DATE = 1u << 0,      /* begins a date with no date role: "the", "last",
                             "past", "next", "coming", "this", "earlier",
                             "later", "mid", "early", "late"; the date
                             rules that name these words by their text
                             are tried only at a word with the bit (and
                             "the" before one, see the_date) */
  KW_QTY = 1u << 1,       /* begins a number with no number role: "half",
                             "a", "an" */
  KW_LEAD = 1u << 2,      /* begins a value only as an approximation
                             ("about") or the first word of a longer key
                             ("in" of "in excess of"): an approximation or
                             a vague quantity */
  KW_DATEONLY = 1u << 3,  /* KW_DATE with no other role that begins a
                             value ("the", "last"): a date, or what
                             KW_LEAD words begin */
  KW_QTYONLY = 1u << 4,   /* KW_QTY with no other role that begins a
                             value but W_CURPFX ("a", "A$"): a number or
                             money needs a number or a listed word after
                             it */
  KW_MONEYONLY = 1u << 5, /* no KW_* bit, no W_CURNAME, no longer key
                             that begins a value and no role that begins
                             one but W_CURPFX and W_CODE ("s" of "S$",
                             "all" of "ALL"): money needs a currency
                             symbol after it or a code in upper case */
  KW_DATEWORD = 1u << 6,  /* no other KW_* bit and no role that begins a
                             value, its own or a longer key's, but
                             W_MONTH, W_WDAY and W_RELDAY ("Thursday",
                             "today"): a date or nothing begins there */
  KW_NEXTLISTED = 1u << 7 /* KW_DATEONLY, KW_QTYONLY, KW_LEAD with no
                             W_APPROX and KW_MONEYONLY with no W_CODE
                             ("the", "a", "in", "s"): no value begins
                             there before a word that has no key and
                             goes on no longer key (nc_vnext) */
};

/* Roles of a word that may begin a value.  W_PHRASE counts only through
 * the roles of the longer keys the word begins (W_BEGIN). */
#define W_STARTS                                                         \
  (W_UNIT | W_TEN | W_SCALE | W_ORD | W_FRAC | W_MULT | W_NEG | W_VAGUE |  \
   W_MONTH | W_WDAY | W_RELDAY | W_CURSYM | W_CURPFX | W_CODE | W_APPROX | \
   W_PERCENT | W_PHRASE | W_START)

/* One key of the lexicon with every role it has. */
struct nc_lexent {
  char *key;             /* lower case; words of a phrase joined by ' ' */
  size_t len;            /* bytes of key */
  uint64_t head;         /* the first 8 bytes of key, little-endian, 0
                            past its end: one test compares a short key */
  unsigned flags;        /* W_* */
  double num;            /* W_UNIT, W_TEN, W_SCALE, W_SUFFIX, W_MULT */
  double ord;            /* W_ORD */
  double denom;          /* W_FRAC */
  int month;             /* W_MONTH: 1-12 */
  int wday;              /* W_WDAY: 0 = Monday */
  char tunit;            /* W_TUNIT: Y M W D h m s */
  double tmult;          /* W_TUNIT: decade = 10 years */
  char cur[4];           /* W_CURNAME, W_CURSYM, W_CURPFX, W_CODE */
  double curmult;        /* W_CURNAME/W_CURSYM: cents = 0.01 */
  enum nc_approx approx; /* W_APPROX */
  int reldays;           /* W_RELDAY */
  int ntok;              /* W_PHRASE: most tokens in a key it begins */
  unsigned lead;         /* W_PHRASE: roles of the keys it begins */
  uint64_t next;         /* W_PHRASE: bit (hash & 63) of the second word
                            of each key it begins, or every bit when one
                            of them is no run of ASCII letters */
  unsigned kw;           /* KW_* */
};

/* The value word lists: one open-addressing hash table of keys. */
struct nc_numlex {
  struct nc_lexent *ents;
  size_t n, cap;
  uint32_t *slots; /* index + 1 into ents */
  uint8_t *tags;   /* lex_tag of the hash of each slot's key, compared
                      first; 0 = empty */
  size_t nslots;   /* power of two */
  const struct nc_lexent *ascii[128]; /* the key of each one-byte ASCII
                                         text, or NULL: punctuation is
                                         looked up here, not hashed */
  bool high_first[256];  /* the first byte of each key with a byte of 0x80
                            or more: a word with letters outside ASCII is
                            looked up only when it begins with one */
  uint64_t high_one[16]; /* bit (cp & 1023) of each key that is one
                            character outside ASCII ("€"): a character
                            whose bit is clear is looked up no more */
  uint64_t begins[64];   /* bit (hash & 4095) of each beginning of a key,
                            of two tokens or more and short of the key
                            ("a number" of "a number of"): a text whose
                            bit is clear begins no key */
  struct nc_arena keys;  /* the text of the keys */
};

enum nc_tok_kind { NC_T_WORD, NC_T_NUM, NC_T_PUNCT };

/* A token of the scanned text.  What only a few rules ask of a word
 * (nc_vcap, its case) is worked out when they ask, not for every word;
 * the hash of a word of ASCII letters comes with its lookup.  32 bytes,
 * written for every word: offsets of 32 bits (a text is far shorter, see
 * nc_values_find), a digit count that stops at 255 and four flags of a
 * bit. */
struct nc_vtok {
  uint32_t start, end;        /* bytes, end exclusive */
  const struct nc_lexent *w;  /* word/punct: its lexicon key or NULL */
  double num;                 /* number: its value */
  uint32_t hash;              /* a word of ASCII letters: the lexicon
                                 hash of its text, or 0 as for other
                                 tokens (not known) */
  unsigned char ndig;         /* number: digits before any '.', 255 for
                                 255 or more (see nc_vndig) */
  unsigned char kind;         /* enum nc_tok_kind */
  bool begin;                 /* a number, a sign or a W_BEGIN word:
                                 scanning tries a value here */
  bool space : 1;             /* whitespace between it and the token
                                 before */
  bool url : 1;               /* word: a web address, no word of the
                                 lexicon */
  bool dec : 1;               /* number: has a decimal part */
  bool comma : 1;             /* number: has thousands separators */
};

/* The ndig of a number of n digits: the rules compare it with a few
 * digits at most, which a count that stops at 255 keeps. */
static inline unsigned char nc_vndig(size_t n)
{
  return n < 255 ? (unsigned char)n : 255;
}

/* Tokens kept on the stack before the array moves to the heap. */
#define NC_VTOK_LOCAL 256

/* The state of one nc_values_find call. */
struct nc_vscan {
  const struct nc_numlex *lx;
  const char *s;
  size_t len;
  const struct nc_mention_ctx *ctx;
  struct nc_vtok *t;     /* the tokens: `local` or on the heap */
  size_t n, cap;
  struct nc_vtok *local; /* the caller's buffer of NC_VTOK_LOCAL */
  struct nc_mentions *out;
};

/* True when token t is a word that begins with an upper-case ASCII
 * letter, a web address aside. */
static inline bool nc_vcap(const struct nc_vscan *sc, const struct nc_vtok *t)
{
  unsigned char c = (unsigned char)sc->s[t->start];
  return t->kind == NC_T_WORD && !t->url && c >= 'A' && c <= 'Z';
}

/* Key lookup: s[0..n) compared without case; NULL when absent. */
const struct nc_lexent *nc_numlex_get(const struct nc_numlex *lx,
                                      const char *s, size_t n);

/* True when token i is the word w (lower-case ASCII) in any case.  Inline
 * so that the length of a literal w is a constant and most calls end at
 * the length test. */
static inline bool nc_vword(const struct nc_vscan *sc, size_t i,
                            const char *w)
{
  const struct nc_vtok *t;
  size_t n = strlen(w), k;
  if (i >= sc->n)
    return false;
  t = &sc->t[i];
  if (t->kind != NC_T_WORD || t->end - t->start != n)
    return false;
  for (k = 0; k < n; k++) {
    if (nc_ascii_lower((unsigned char)sc->s[t->start + k]) != w[k])
      return false;
  }
  return true;
}

/* True when token t may go on a longer key that `first` begins, as the
 * filter `next` tells: a word of ASCII letters by the bit of its hash; a
 * number or a mark only when one of those keys goes on with no run of
 * letters (every bit set); any other word, whose hash is not known. */
static inline bool nc_vnext(const struct nc_lexent *first,
                            const struct nc_vtok *t)
{
  if (t->hash)
    return first->next >> (t->hash & 63) & 1;
  return t->kind == NC_T_WORD || first->next == ~0ull;
}

/* nc_vphrase where token i begins a longer key with a role in `flags`. */
const struct nc_lexent *nc_vphrase_long(const struct nc_vscan *sc, size_t i,
                                        unsigned flags, size_t *next);

/* Longest key with any role in `flags` made of the tokens from `i` on;
 * sets *next to the token after it.  NULL when none.  A longer key
 * begins with the text of token i, so it is among those whose roles
 * the entry's `lead` gathers: most calls end here. */
static inline const struct nc_lexent *nc_vphrase(const struct nc_vscan *sc,
                                                 size_t i, unsigned flags,
                                                 size_t *next)
{
  const struct nc_lexent *first;
  if (i >= sc->n || !(first = sc->t[i].w))
    return NULL;
  /* unless a token follows that goes on none of them (nc_vnext) */
  if ((first->flags & W_PHRASE) && (first->lead & flags) &&
      (i + 1 >= sc->n || nc_vnext(first, &sc->t[i + 1])))
    return nc_vphrase_long(sc, i, flags, next);
  if (!(first->flags & flags))
    return NULL;
  *next = i + 1;
  return first;
}

/* True when token i is a word with any role in `flags`. */
static inline bool nc_vis(const struct nc_vscan *sc, size_t i,
                          unsigned flags)
{
  return i < sc->n && sc->t[i].w && (sc->t[i].w->flags & flags);
}

/* True when token i is the punctuation character `c` (ASCII). */
static inline bool nc_vpunct(const struct nc_vscan *sc, size_t i, char c)
{
  return i < sc->n && sc->t[i].kind == NC_T_PUNCT &&
         sc->t[i].end - sc->t[i].start == 1 && sc->s[sc->t[i].start] == c;
}

/* True when token i is a hyphen or dash joined to both neighbours, or
 * (with `spaced`) any dash between them. */
bool nc_vdash(const struct nc_vscan *sc, size_t i, bool spaced);

/* Tense around token i: +1 future, -1 past, 0 unknown (see dates.c). */
int nc_vtense(const struct nc_vscan *sc, size_t i);

/* Try a date starting at token i (after approximation words, if any);
 * push it and return the token after it, or return i when none. */
size_t nc_dates_at(struct nc_vscan *sc, size_t i);

/* "N units ago" and "in N units": the quantity n of time unit `u` (a
 * W_TUNIT key) spanning tokens [i, j) was followed by "ago" (dir -1) or
 * preceded by "in" (dir +1): push the date it names.  False without a
 * reference day. */
bool nc_dates_offset(struct nc_vscan *sc, size_t start, size_t end,
                     double n, const struct nc_lexent *u, int dir);

/* The day y years, m months and d days after (dir +1) or before (dir
 * -1) the day `base` days from the reference day: "2 years 1 month 21
 * days ago", "three weeks from tomorrow".  Pushes it over tokens [start,
 * end); false without a reference day. */
bool nc_dates_shift(struct nc_vscan *sc, size_t start, size_t end, long y,
                    long m, long d, int dir, int base);

/* "two Sundays from now", "three Mondays ago", "two monday later": the
 * n-th weekday after (or before) the reference day, the count spanning
 * tokens [start, k) and the weekday token k.  "later" counts from the
 * reference day only outside the past tense ("Two Mondays later, he
 * resigned" counts from the story's event).  Pushes the day and returns
 * the token after the phrase, or k when there is none. */
size_t nc_dates_weekdays(struct nc_vscan *sc, size_t start, size_t k,
                         double n);

/* "in two business days", "three working days ago", "five business days
 * from now": n days from Monday to Friday after (or before) the
 * reference day, the count spanning tokens [start, k) and "business" or
 * "working" token k.  "in" counts outside the past tense only.  Pushes
 * the day and returns the token after the phrase, or k when none. */
size_t nc_dates_business(struct nc_vscan *sc, size_t start, size_t k,
                         double n);

#endif
