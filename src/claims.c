/* claims.c: from sentences and their mentions to keyed claims.  First a
 * pass over all documents gathers context (each document's main entity and
 * topic, the people named across the set); then the rules of data/rules
 * turn sentence shapes into claims, and a generic layer keys the values no
 * rule used by their subject and the noun or event they count or date. */
#include "newscheck/claims.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "simd.h"

#define NONE ((size_t)-1)

/* ---- small text helpers ------------------------------------------------ */

static bool is_upper(int c)
{
  return c >= 'A' && c <= 'Z';
}

/* Classes of bytes, for the loops that read words a byte at a time (the
 * topic's search reads every capitalised word of a document, the generic
 * layer the words around each number): a lookup takes fewer steps than
 * the tests.  ASCII letters and digits, and the '-' that joins the words
 * of a name. */
enum { B_ALNUM = 1, B_HYPHEN = 2 };
#define AN B_ALNUM
/* clang-format off */
static const unsigned char byte_class[256] = {
    ['-'] = B_HYPHEN,
    ['0'] = AN, AN, AN, AN, AN, AN, AN, AN, AN, AN,
    ['A'] = AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN,
    AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN,
    ['a'] = AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN,
    AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN, AN,
};
/* clang-format on */
#undef AN

static bool is_alnum_byte(char c)
{
  return byte_class[(unsigned char)c] & B_ALNUM;
}

/* True when byte_class holds exactly the classes it should. */
static bool byte_classes_listed(void)
{
  int c;
  for (c = 0; c < 256; c++)
    if ((byte_class[c] & B_ALNUM) != nc_is_alnum(c) ||
        !(byte_class[c] & B_HYPHEN) != (c != '-'))
      return false;
  return true;
}

/* Lower-case copy of s[0..n) with runs of whitespace folded to one space,
 * curly apostrophes made straight, and ends trimmed.  Eight ASCII bytes
 * with no control byte and no space after a space are lowered at once;
 * past the trimmed start a run of whitespace becomes one space as soon as
 * it starts (one always ends before the trimmed end). */
static char *fold(const char *s, size_t n)
{
  const uint64_t high = 0x8080808080808080u;
  char *q = xmalloc(n + 1), *o = q; /* the copy is never longer */
  size_t i = 0;

  while (i < n && nc_is_space((unsigned char)s[i]))
    i++;
  while (n > i && nc_is_space((unsigned char)s[n - 1]))
    n--;
  while (i < n) {
    unsigned char c;
    if (n - i >= 8) {
      uint64_t w = nc_load8(s + i, 8), sp = nc_bytes_eq(w, ' ');
      uint64_t odd = nc_ctl8(w) | (w & high);
      uint64_t after = (sp << 8) | (o > q && o[-1] == ' ' ? 0x80 : 0);
      if (!odd && !(sp & after)) {
        nc_store8(o, nc_lower8(w));
        o += 8;
        i += 8;
        continue;
      }
    }
    c = (unsigned char)s[i];
    if (nc_is_space(c)) {
      if (o[-1] != ' ')
        *o++ = ' ';
      i++;
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
               (unsigned char)s[i + 2] == 0x99) {
      *o++ = '\'';
      i += 3;
    } else {
      *o++ = (char)nc_ascii_lower(c);
      i++;
    }
  }
  *o = '\0';
  return q;
}

/* The sentence as a quote: runs of whitespace folded to one space and
 * dropped at the ends, case kept.  Sentences are mostly single spaces
 * between words, so eight bytes are copied at once when none of them is
 * a control byte and no space among them follows a space: such a block is
 * its own quote.  Most sentences are such blocks up to their last few
 * bytes: the blocks are only read until the first that is not, and copied
 * in one go.  A run of whitespace elsewhere becomes one space as soon as
 * it starts (the output then ends in a space exactly when the input read
 * so far does), and a space left at the end is dropped. */
static char *quote_text(const char *s, size_t n)
{
  char *q = xmalloc(n + 1), *o = q;
  size_t i = 0, j;
  uint64_t last = 0; /* 0x80 when the output so far ends in a space */

  while (i < n && nc_is_space((unsigned char)s[i]))
    i++;
  for (j = i; n - j >= 8; j += 8) {
    uint64_t w = nc_load8(s + j, 8), sp = nc_bytes_eq(w, ' ');
    if (nc_ctl8(w) || (sp & ((sp << 8) | last)))
      break;
    last = sp >> 56;
  }
  memcpy(o, s + i, j - i);
  o += j - i;
  i = j;
  while (i < n) {
    unsigned char c;
    if (n - i >= 8) {
      uint64_t w = nc_load8(s + i, 8), sp = nc_bytes_eq(w, ' ');
      if (!nc_ctl8(w) && !(sp & ((sp << 8) | last))) {
        memcpy(o, s + i, 8);
        o += 8;
        i += 8;
        last = sp >> 56; /* the block's last byte is the output's */
        continue;
      }
    }
    c = (unsigned char)s[i++];
    if (!nc_is_space(c))
      *o++ = (char)c;
    else if (o[-1] != ' ')
      *o++ = ' ';
    last = o[-1] == ' ' ? 0x80 : 0;
  }
  if (o > q && o[-1] == ' ')
    o--;
  *o = '\0';
  return q;
}

/* Normalize a noun phrase for a key: lower case, no leading article or
 * possessive, last word singular ("Central Asian countries" -> "central
 * asian country"). */
static char *norm_phrase(const char *s, size_t n)
{
  char *f = fold(s, n);
  char *p = f;
  size_t l;

  while (strncmp(p, "the ", 4) == 0 || strncmp(p, "a ", 2) == 0 ||
         strncmp(p, "an ", 3) == 0)
    p += (*p == 't') ? 4 : (p[1] == ' ' ? 2 : 3);
  l = strlen(p);
  while (l && (p[l - 1] == ',' || p[l - 1] == '.' || p[l - 1] == ';' ||
               p[l - 1] == ':'))
    l--;
  if (l > 2 && p[l - 2] == '\'' && p[l - 1] == 's')
    l -= 2;
  if (l > 4 && strncmp(p + l - 3, "ies", 3) == 0) {
    p[l - 3] = 'y';
    l -= 2;
  } else if (l > 3 && p[l - 1] == 's' && p[l - 2] != 's' &&
             p[l - 2] != 'u' && p[l - 2] != 'i') {
    l--;
  }
  memmove(f, p, l);
  f[l] = '\0';
  return f;
}

/* True when w[0..n) is one of the (lower-case) words of list. */
static bool word_in(const char *w, size_t n, const char *const *list)
{
  size_t i;
  int c;
  if (n == 0)
    return false;
  c = nc_ascii_lower((unsigned char)w[0]);
  for (i = 0; list[i]; i++)
    if (list[i][0] == c && nc_ascii_eq(w, n, list[i]))
      return true;
  return false;
}

/* Words that end a noun phrase (sorted, for in_sorted). */
static const char *const stop_words[] = {
    "about", "across", "after", "amid", "and", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "could", "during", "each", "earlier",
    "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in",
    "into", "is", "it", "its", "last", "later", "may", "meant", "next", "no",
    "not", "of", "on", "or", "over", "per", "said", "says", "she", "should",
    "since", "so", "than", "that", "their", "they", "this", "to", "under",
    "upon", "was", "we", "were", "when", "which", "while", "who", "will",
    "with", "would", "you",
};

/* Function words that never are a counted noun (sorted). */
static const char *const function_words[] = {
    "a", "all", "an", "and", "are", "as", "at", "be", "by", "for", "from",
    "her", "his", "in", "is", "it", "its", "more", "of", "on", "or", "other",
    "some", "such", "than", "that", "the", "their", "these", "this", "those",
    "to", "was", "were", "which", "who", "with",
};

/* Words before a number that make it a label, not a count ("magnitude
 * 6.8", "Flight 370"; sorted, for in_sorted: each number is looked up). */
static const char *const number_labels[] = {
    "article", "category", "chapter", "episode", "flight", "grade",
    "level", "magnitude", "model", "no", "number", "page", "phase", "room",
    "round", "route", "season", "section", "size", "stage", "version",
};

#define NWORDS(list) (sizeof list / sizeof *list)

/* For each letter a..z, bit n - 1 set when a word of n bytes beginning
 * with it is in the list: most words looked up are in no list, and most
 * of those are told so by this, without a search.  Made from the lists
 * once (word_lengths_once), before the first extraction. */
static uint16_t stop_word_lengths[26], function_word_lengths[26],
    number_label_lengths[26];
static pthread_once_t word_lengths_once = PTHREAD_ONCE_INIT;

/* False when no word of the list whose lengths are `lengths` can be
 * w[0..n) (in any case). */
static bool may_be_in(const uint16_t *lengths, const char *w, size_t n)
{
  unsigned c = ((unsigned char)w[0] | 0x20) - 'a'; /* 26 or more: no letter */
  return n >= 1 && n <= 16 && c < 26 && ((lengths[c] >> (n - 1)) & 1);
}

/* Set `lengths` to what may_be_in needs for list[0..count), words of 1
 * to 16 lower-case letters. */
static void first_lengths(const char *const *list, size_t count,
                          uint16_t *lengths)
{
  size_t i, n;
  for (i = 0; i < count; i++) {
    n = strlen(list[i]);
    assert(n >= 1 && n <= 16 && list[i][0] >= 'a' && list[i][0] <= 'z');
    lengths[list[i][0] - 'a'] |= (uint16_t)(1u << (n - 1));
  }
}

static void word_lengths_init(void)
{
  first_lengths(stop_words, NWORDS(stop_words), stop_word_lengths);
  first_lengths(function_words, NWORDS(function_words), function_word_lengths);
  first_lengths(number_labels, NWORDS(number_labels), number_label_lengths);
}

/* w[0..n) in any case against the lower-case word e, as strcmp. */
static int word_cmp(const char *w, size_t n, const char *e)
{
  size_t i;
  for (i = 0; i < n && e[i]; i++) {
    int c = nc_ascii_lower((unsigned char)w[i]);
    if (c != (unsigned char)e[i])
      return c - (unsigned char)e[i];
  }
  return i < n ? 1 : e[i] ? -1 : 0;
}

/* True when w[0..n) is one of the words of the sorted list[0..count). */
static bool in_sorted(const char *w, size_t n, const char *const *list,
                      size_t count)
{
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = word_cmp(w, n, list[mid]);
    if (c == 0)
      return true;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return false;
}

/* True when list[0..count) is in strictly increasing order. */
static bool sorted(const char *const *list, size_t count)
{
  size_t i;
  for (i = 1; i < count; i++)
    if (strcmp(list[i - 1], list[i]) >= 0)
      return false;
  return true;
}

/* True when no word of list[0..count) is longer than max bytes. */
static bool shorter(const char *const *list, size_t count, size_t max)
{
  size_t i;
  for (i = 0; i < count; i++)
    if (strlen(list[i]) > max)
      return false;
  return true;
}

/* Longer words (most nouns) are in neither list: no search for them. */
#define STOP_WORD_MAX 7
#define FUNCTION_WORD_MAX 5

#define IS_STOP_WORD(w, n)                                                    \
  ((n) <= STOP_WORD_MAX && may_be_in(stop_word_lengths, w, n) &&              \
   in_sorted(w, n, stop_words, NWORDS(stop_words)))
#define IS_FUNCTION_WORD(w, n)                                                \
  ((n) <= FUNCTION_WORD_MAX && may_be_in(function_word_lengths, w, n) &&      \
   in_sorted(w, n, function_words, NWORDS(function_words)))

/* The strings up to PUT_END (none of them may be NULL, at most
 * JOIN_MAX) one after another, in a block of their size: keys and labels
 * are made many times, and printf, or a buffer grown as they are
 * appended, costs more. */
#define PUT_END ((const char *)NULL)
#define JOIN_MAX 8
static char *join(const char *first, ...)
{
  va_list ap;
  const char *part[JOIN_MAX];
  size_t len[JOIN_MAX], n = 0, total = 0, i;
  const char *s;
  char *out, *o;

  va_start(ap, first);
  for (s = first; s != NULL; s = va_arg(ap, const char *)) {
    assert(n < JOIN_MAX);
    part[n] = s;
    len[n] = strlen(s);
    total += len[n++];
  }
  va_end(ap);
  o = out = xmalloc(total + 1);
  for (i = 0; i < n; i++) {
    memcpy(o, part[i], len[i]);
    o += len[i];
  }
  *o = '\0';
  return out;
}

/* ---- documents and their context -------------------------------------- */

/* A sentence as the claims stage sees it, made when it is worked on (a
 * document's sentences are not all held: an array of them would write
 * fresh pages for little).  Only s, m0 and m1 are set by sent_at; the
 * rest is set for the sentence whose claims are being made. */
struct sent {
  const struct nc_sentence *s;
  size_t m0, m1; /* mentions of this sentence: doc mentions [m0, m1) */
  size_t countries; /* its country mentions written as names */
  unsigned mtypes;  /* bit 1 << type for each type of mention it has */
  bool valid;    /* the sentence is valid UTF-8 (for PCRE2; checked once,
                    when a rule is first tried on it) */
  bool checked;  /* valid was set */
};

/* Whether a document names a country as the other side of relations. */
struct counterpart {
  const char *country; /* a mention's name */
  bool is;
};

struct docctx {
  const struct nc_doc *doc;
  size_t index;
  const struct nc_sentences *sents;
  const size_t *first; /* the mentions of sentence i begin at first[i] */
  const struct nc_mentions *ms; /* offsets in block text */
  bool *used;              /* per mention: a rule took it */
  char *main_key, *main_label; /* main entity, or NULL */
  char *topic_key, *topic_label;
  bool main_found, topic_found; /* they were looked for (need_main_entity,
                                   need_topic) */
  /* is_counterpart's answers so far: each takes a pass over the
   * document, and list rules ask again for every match */
  struct counterpart *cps;
  size_t ncps, cpscap;
};

/* Sentence i of document d, with its mentions. */
static inline struct sent sent_at(const struct docctx *d, size_t i)
{
  struct sent sv = {0};
  sv.s = &d->sents->items[i];
  sv.m0 = d->first[i];
  sv.m1 = d->first[i + 1];
  return sv;
}

/* People named across all documents: each surface name maps to one
 * canonical full name. */
struct person {
  char *name;  /* as written, folded spaces */
  char *canon; /* points to another person's name, or own */
  size_t ntok;
  /* once linked: the name the person is keyed by (people_canon's answer)
   * and its key, made once rather than for every mention */
  const char *final;
  char *key;
};

struct people {
  struct person *v;
  size_t n, cap;
  struct nc_strmap byname; /* name -> index in v */
};

/* For each letter a hedge begins with, the letters that can follow it in
 * a hedge (bit 1 << (letter - 'a')): most words begin with no such pair,
 * so one test passes over them. */
struct hedge_pairs {
  uint32_t second[26];
  uint32_t first[26]; /* for each first letter, the hedges beginning with
                         it (bit 1 << index in the list) */
};

/* The rules whose value is of one of a set of types, in rule order, and
 * the filter that makes a sketch for them alone. */
struct rule_list {
  size_t *ri, n;
  struct nc_rule_filter filter;
  bool made;
};

/* (NC_RV_COUNTRIES is the last value type; rules_of checks it) */
#define NTYPE_SETS (1u << (NC_RV_COUNTRIES + 1))

/* A rule id at an address, and the set's copy of it (for kept_rule). */
struct rule_at {
  const char *id;
  char *kept;
};

#define NRULE_AT 64

struct run {
  const struct nc_extractor *ex;
  struct docctx *docs;
  size_t ndocs;
  struct people people;
  struct nc_claims *out;
  struct nc_rule_sketch sketch; /* of the sentence the rules are on */
  struct nc_strmap rule_ids;    /* rule id -> index in out->kept */
  struct rule_at rule_at[NRULE_AT];
  struct hedge_pairs hedge_pairs;
  /* for each set of value types a sentence can give (bits 1 << enum
   * nc_rule_value), the rules it tries, made when first needed: a pass
   * over all rules per sentence costs more than the rules it skips */
  struct rule_list bytypes[NTYPE_SETS];
  /* The quote, hedge and attribution of the sentence that made the last
   * claim, kept by the claims set.  A sentence's claims are all made
   * while it is worked on, so one sentence's are enough to hold (rather
   * than three pointers in every sentence's entry, most never set). */
  const struct nc_sentence *looked;
  char *quote, *hedge, *attribution;
  /* each rule's key and label templates (2 ri and 2 ri + 1), parsed when
   * the rule first makes a claim */
  struct tpl *tpls;
  /* mentions a claim can take its value from (a list of countries makes
   * one claim of several): about as many claims are made, and the claims
   * array is reserved for them once rather than copied as it grows */
  size_t values;
};

static size_t ntokens(const char *s)
{
  size_t n = 0;
  bool in = false;
  for (; *s; s++) {
    if (*s == ' ')
      in = false;
    else if (!in) {
      in = true;
      n++;
    }
  }
  return n;
}

static void people_add(struct people *pp, const char *name)
{
  char *own;

  if (nc_strmap_get(&pp->byname, name, strlen(name)))
    return;
  own = xstrdup(name);
  nc_grow(&pp->v, &pp->cap, pp->n + 1, sizeof *pp->v);
  pp->v[pp->n].name = own;
  pp->v[pp->n].canon = own;
  pp->v[pp->n].ntok = ntokens(name);
  pp->v[pp->n].final = own;
  pp->v[pp->n].key = NULL;
  nc_strmap_put(&pp->byname, own, strlen(own), pp->n, NULL);
  pp->n++;
}

/* The index of the person named name[0..len), or NONE. */
static size_t people_find(const struct people *pp, const char *name,
                          size_t len)
{
  const size_t *i = nc_strmap_get(&pp->byname, name, len);
  return i ? *i : NONE;
}

/* Auxiliaries found glued to a surname. */
static const char *const glue_aux[] = {"is", "was", "has", "had", NULL};

/* True when `a` is `b` plus a glued auxiliary ("Salmanis" for "Salman
 * is"). */
static bool glued(const char *a, const char *b)
{
  const char *const *aux = glue_aux;
  size_t la = strlen(a), lb = strlen(b), i;
  if (la <= lb || strncmp(a, b, lb) != 0)
    return false;
  for (i = 0; aux[i]; i++)
    if (strcmp(a + lb, aux[i]) == 0)
      return true;
  return false;
}

static const char *last_token(const char *s)
{
  const char *sp = strrchr(s, ' ');
  return sp ? sp + 1 : s;
}

static int cmp_size(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Link names that denote one person.  A surname alone ("President Trump")
 * is the one full name ending in it, when there is exactly one.  A name
 * whose first tokens are another full name ("Mohammed bin Salman al Saud"
 * / "Mohammed bin Salman"), or that is another plus a glued auxiliary
 * ("Salmanis" for "Salman is": a missing space is a common typo in
 * scraped text), takes the shorter one's canonical name.  Each step looks
 * names up by hash, so linking is linear in the number of names. */
static void people_link(struct people *pp)
{
  const char *const *aux = glue_aux;
  struct nc_strmap bylast = {0}; /* last token -> index in last */
  struct surname {
    size_t hits, best; /* full names ending in it; the shortest, first */
  } *last = NULL;
  size_t nlast = 0, lcap = 0, i, k;

  for (i = 0; i < pp->n; i++) {
    const char *t;
    bool added;
    size_t *slot;
    if (pp->v[i].ntok < 2)
      continue;
    t = last_token(pp->v[i].name);
    slot = nc_strmap_put(&bylast, t, strlen(t), nlast, &added);
    if (added) {
      nc_grow(&last, &lcap, nlast + 1, sizeof *last);
      last[nlast].hits = 0;
      last[nlast].best = i;
      nlast++;
    }
    k = *slot;
    last[k].hits++;
    if (strlen(pp->v[i].name) < strlen(pp->v[last[k].best].name))
      last[k].best = i;
  }
  for (i = 0; i < pp->n; i++) {
    const size_t *k2;
    if (pp->v[i].ntok != 1)
      continue;
    k2 = nc_strmap_get(&bylast, pp->v[i].name, strlen(pp->v[i].name));
    if (k2 && last[*k2].hits == 1)
      pp->v[i].canon = pp->v[last[*k2].best].name;
  }
  nc_strmap_free(&bylast);
  free(last);

  for (i = 0; i < pp->n; i++) {
    struct person *a = &pp->v[i];
    size_t *cand = NULL, nc = 0, ccap = 0, la = strlen(a->name), p;
    /* the names a begins with, up to a space */
    for (p = 0; p < la; p++)
      if (a->name[p] == ' ' && (k = people_find(pp, a->name, p)) != NONE) {
        nc_grow(&cand, &ccap, nc + 1, sizeof *cand);
        cand[nc++] = k;
      }
    /* a itself but for a glued auxiliary */
    for (k = 0; aux[k]; k++) {
      size_t l = strlen(aux[k]), j;
      if (la > l && strcmp(a->name + la - l, aux[k]) == 0 &&
          (j = people_find(pp, a->name, la - l)) != NONE) {
        nc_grow(&cand, &ccap, nc + 1, sizeof *cand);
        cand[nc++] = j;
      }
    }
    /* in index order, as a scan over all names would meet them */
    if (nc > 1)
      qsort(cand, nc, sizeof *cand, cmp_size);
    for (k = 0; k < nc; k++) {
      struct person *b = &pp->v[cand[k]];
      size_t lb = strlen(b->name);
      if ((k > 0 && cand[k] == cand[k - 1]) || cand[k] == i ||
          b->ntok < 2 || b->ntok > a->ntok)
        continue;
      if (b->ntok < a->ntok && strncmp(a->name, b->name, lb) == 0 &&
          a->name[lb] == ' ') {
        if (strlen(b->canon) <= strlen(a->canon))
          a->canon = b->canon;
      } else if (b->ntok == a->ntok && glued(a->name, b->name)) {
        a->canon = b->canon;
      }
    }
    free(cand);
  }
}

static const char *people_canon(const struct people *pp, const char *name)
{
  size_t i = people_find(pp, name, strlen(name)), k;

  if (i == NONE)
    return name;
  /* follow one more link so chains settle */
  k = people_find(pp, pp->v[i].canon, strlen(pp->v[i].canon));
  return k != NONE ? pp->v[k].canon : pp->v[i].canon;
}

/* Set each person's final name and key, after people_link. */
static void people_settle(struct people *pp)
{
  size_t i;
  for (i = 0; i < pp->n; i++) {
    pp->v[i].final = people_canon(pp, pp->v[i].name);
    pp->v[i].key = fold(pp->v[i].final, strlen(pp->v[i].final));
  }
}

/* The main entity: the first country named in the headline, else the
 * first named in the opening sentence that names one (news puts the
 * actor in the headline and the lede); else the most mentioned.  Countries
 * after "with", "between" or "against" are the other side of a relation
 * and are passed over. */
static bool other_side(const char *t, size_t start)
{
  static const struct {
    const char *w;
    size_t n;
  } preps[] = {{"with ", 5}, {"between ", 8}, {"against ", 8}, {"and ", 4}};
  size_t k;
  if (start < 2 || t[start - 1] != ' ')
    return false; /* each ends in a space */
  for (k = 0; k < sizeof preps / sizeof *preps; k++) {
    size_t l = preps[k].n;
    if (start >= l && t[start - 2] == preps[k].w[l - 2] &&
        memcmp(t + start - l, preps[k].w, l) == 0)
      return true;
  }
  return false;
}

/* A name and its index in find_main_entity's list. */
struct name_at {
  const char *name;
  size_t j;
};

#define NNAME_AT 64

static void find_main_entity(struct docctx *d)
{
  const char **names = NULL;
  double *score = NULL;
  size_t n = 0, cap = 0, scap = 0, i, best = NONE;
  bool lede_seen = false, added;
  struct nc_strmap seen = {0}; /* name -> index in names */
  /* A country's name is the lexicon's own string, so each mention of one
   * country brings the same address: a small table by address answers
   * before the map by text (a person's country is a copy of its own, and
   * goes to the map). */
  struct name_at at[NNAME_AT];

  memset(at, 0, sizeof at);

  for (i = 0; i < d->sents->n; i++) {
    const struct sent cur = sent_at(d, i), *sv = &cur;
    const struct nc_block *b = &d->doc->blocks[sv->s->block];
    bool first_in_sentence = true;
    size_t k;
    for (k = sv->m0; k < sv->m1; k++) {
      const struct nc_mention *m = &d->ms->items[k];
      const char *name = NULL;
      double w = 1.0;
      size_t j;
      struct name_at *slot;
      if (m->type == NC_M_COUNTRY)
        name = m->name;
      else if (m->type == NC_M_PERSON && m->country)
        name = m->country;
      if (!name)
        continue;
      if (first_in_sentence && !other_side(b->text, m->start)) {
        if (b->kind == NC_BLOCK_HEADLINE)
          w += 100.0;
        else if (!lede_seen)
          w += 50.0;
        first_in_sentence = false;
        lede_seen = true;
      }
      slot = &at[((uintptr_t)name / sizeof(void *)) % NNAME_AT];
      if (slot->name == name) {
        score[slot->j] += w;
        continue;
      }
      j = *nc_strmap_put(&seen, name, strlen(name), n, &added);
      if (added) {
        nc_grow(&names, &cap, n + 1, sizeof *names);
        nc_grow(&score, &scap, n + 1, sizeof *score);
        names[n] = name;
        score[n] = 0;
        n++;
      }
      slot->name = name;
      slot->j = j;
      score[j] += w;
    }
  }
  for (i = 0; i < n; i++)
    if (best == NONE || score[i] > score[best])
      best = i;
  if (best != NONE) {
    d->main_key = fold(names[best], strlen(names[best]));
    d->main_label = xstrdup(names[best]);
  }
  free(names);
  free(score);
  nc_strmap_free(&seen);
}

static bool inside_mention(const struct docctx *d, const struct sent *sv,
                           size_t a, size_t b)
{
  size_t k;
  for (k = sv->m0; k < sv->m1; k++) {
    const struct nc_mention *m = &d->ms->items[k];
    if ((m->type == NC_M_COUNTRY || m->type == NC_M_PERSON ||
         m->type == NC_M_DATE) &&
        a < m->end && b > m->start)
      return true;
  }
  return false;
}

/* The topic: the proper name of two or more capitalised words (not a
 * country, person or date) named most often, e.g. a treaty or an event;
 * on a tie, the first named. */
/* True when one of the eight bytes of w is an ASCII capital letter (the
 * "has a byte between m and n" test of the bit-twiddling folklore, exact
 * for "any"). */
static bool has_capital(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101ull, low7 = ones * 0x7F;
  uint64_t x = w & low7;
  return ((ones * (127 + 'Z' + 1) - x) & ~w & (x + ones * (127 - ('A' - 1))) &
          (ones * 0x80)) != 0;
}

/* p, or past it up to the first ASCII capital letter in t[p..e) (a block
 * at the end may be left to look at): sixteen bytes at a time with SSE2,
 * else eight. */
static size_t skip_to_capital(const char *t, size_t p, size_t e)
{
  uint64_t w8;
#if NC_SSE2
  const __m128i a = _mm_set1_epi8('A'), span = _mm_set1_epi8('Z' - 'A');
  while (p + 16 <= e) {
    /* byte - 'A' is at most 25 only for a capital */
    __m128i v = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(t + p)), a);
    int m = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, span), v));
    if (m)
      return p + nc_ctz32((uint32_t)m);
    p += 16;
  }
#endif
  while (p + 8 <= e && (memcpy(&w8, t + p, 8), !has_capital(w8)))
    p += 8;
  return p;
}

/* Where a name is first written, for its label. */
struct written_at {
  const char *at;
  size_t len;
};

static void find_topic(struct docctx *d)
{
  char **keys = NULL;
  /* the label is made for the topic alone, from where it was first
   * written (the document's text outlives this) */
  struct written_at *labels = NULL;
  size_t *count = NULL, n = 0, cap = 0, lcap = 0, ccap = 0, i, best = NONE;
  struct nc_strmap seen = {0}; /* key -> index in keys */
  /* A name is mostly written the same way each time: its text as written
   * maps to the index of its key, so that it is normalized only the first
   * time (the keys are borrowed from the document's text). */
  struct nc_strmap written = {0};

  for (i = 0; i < d->sents->n; i++) {
    const struct sent cur = sent_at(d, i), *sv = &cur;
    const struct nc_block *b = &d->doc->blocks[sv->s->block];
    const char *t = b->text;
    size_t p = sv->s->start, e = sv->s->end;
    while (p < e) {
      size_t q, words = 0, rs, last;
      p = skip_to_capital(t, p, e);
      if (p >= e)
        break;
      if (!is_upper((unsigned char)t[p]) || !nc_word_start(t, p)) {
        p++;
        continue;
      }
      rs = last = p;
      q = p;
      while (q < e && is_upper((unsigned char)t[q])) {
        size_t w = q;
        while (w < e && byte_class[(unsigned char)t[w]])
          w++;
        words++;
        last = w;
        if (w < e && t[w] == ' ' && w + 1 < e &&
            is_upper((unsigned char)t[w + 1]))
          q = w + 1;
        else
          break;
      }
      /* a leading "The" is not part of the name */
      if (words >= 2 && last - rs > 4 && memcmp(t + rs, "The ", 4) == 0) {
        rs += 4;
        words--;
      }
      if (words >= 2 && !inside_mention(d, sv, rs, last)) {
        bool fresh;
        size_t *slot = nc_strmap_put(&written, t + rs, last - rs, 0, &fresh);
        if (!fresh) {
          count[*slot]++;
        } else {
          char *k = norm_phrase(t + rs, last - rs);
          bool added;
          size_t j = *nc_strmap_put(&seen, k, strlen(k), n, &added);
          *slot = j; /* (an insertion into the other map keeps it valid) */
          if (added) {
            nc_grow(&keys, &cap, n + 1, sizeof *keys);
            nc_grow(&labels, &lcap, n + 1, sizeof *labels);
            nc_grow(&count, &ccap, n + 1, sizeof *count);
            keys[n] = k;
            labels[n].at = t + rs;
            labels[n].len = last - rs;
            count[n] = 0;
            n++;
          } else {
            free(k);
          }
          count[j]++;
        }
      }
      p = last > p ? last : p + 1;
    }
  }
  nc_strmap_free(&seen);
  nc_strmap_free(&written);
  /* the most named; on a tie the first named */
  for (i = 0; i < n; i++)
    if (best == NONE || count[i] > count[best])
      best = i;
  if (best != NONE) {
    d->topic_key = keys[best];
    d->topic_label = quote_text(labels[best].at, labels[best].len);
    keys[best] = NULL;
  }
  for (i = 0; i < n; i++)
    free(keys[i]);
  free(keys);
  free(labels);
  free(count);
}

static const struct {
  const char *w;
  size_t n;
} hedges[] = {
#define HEDGE(w) {w, sizeof w - 1}
    HEDGE("is expected to"), HEDGE("are expected to"), HEDGE("expected to"),
    HEDGE("is set to"),      HEDGE("are set to"),      HEDGE("reportedly"),
    HEDGE("is likely to"),   HEDGE("could"),           HEDGE("may"),
    HEDGE("might"),          HEDGE("would"),           HEDGE("potentially"),
    HEDGE("plans to"),       HEDGE("hopes to"),        HEDGE("is due to"),
#undef HEDGE
};

#define NHEDGES (sizeof hedges / sizeof *hedges)

static void hedge_pairs_init(struct hedge_pairs *hp)
{
  size_t k;
  static_assert(NHEDGES <= 32, "a hedge set is a 32-bit mask");
  memset(hp, 0, sizeof *hp);
  for (k = 0; k < NHEDGES; k++) {
    const char *h = hedges[k].w;
    assert(h[0] >= 'a' && h[0] <= 'z' && h[1] >= 'a' && h[1] <= 'z');
    hp->second[h[0] - 'a'] |= 1u << (h[1] - 'a');
    hp->first[h[0] - 'a'] |= 1u << k;
  }
}

/* The first hedge word in the sentence, or NULL.  Only the ASCII letters
 * that begin a word are looked at (found eight bytes at a time), and a
 * word is compared in full only with the hedges that begin with its first
 * letter (when some begins with its first two), in the order of the list.
 * The blocks give the letters after a byte that is no letter: the few
 * after a digit are left to nc_word_start, asked of the words that begin
 * as a hedge does, which is cheaper than finding the digits of every
 * block. */
static char *find_hedge(const struct hedge_pairs *hp, const char *t,
                        size_t n)
{
  uint64_t prev = 0; /* 0x80 when the byte before the block is a letter */
  size_t i;
  uint32_t ks;

  for (i = 0; i < n; i += 8) {
    uint64_t w = nc_load8(t + i, n - i), let = nc_letters8(w);
    uint64_t starts = let & ~((let << 8) | prev);
    prev = let >> 56;
    for (; starts; starts &= starts - 1) {
      size_t at = i + nc_low_byte(starts);
      /* the first byte is a letter; the second one a letter exactly when
       * this is below 26 */
      unsigned c1 = ((unsigned char)t[at] | 0x20) - 'a', c2;
      if (at + 1 >= n)
        break;
      c2 = ((unsigned char)t[at + 1] | 0x20) - 'a';
      if (c2 >= 26 || !((hp->second[c1] >> c2) & 1) ||
          !nc_word_start(t, at))
        continue;
      for (ks = hp->first[c1]; ks; ks &= ks - 1) {
        unsigned k = nc_ctz32(ks);
        const char *h = hedges[k].w;
        size_t l = hedges[k].n;
        /* the last letter first: "is" begins four hedges, and most
         * words differ from each there */
        if (at + l <= n && ((unsigned char)t[at + l - 1] | 0x20) == h[l - 1] &&
            nc_word_end(t, n, at + l) && nc_ascii_eq(t + at, l, h))
          return xstrdup(h);
      }
    }
  }
  return NULL;
}

/* Where the speaker before marker p begins: back to the previous comma,
 * semicolon, quote mark or the sentence start, past spaces; NULL when
 * that leaves no words or more than 60 bytes. */
static const char *speaker(const char *t, const char *p)
{
  const char *s = p;
  while (s > t && s[-1] != ',' && s[-1] != ';' && s[-1] != '"' &&
         !(s - t >= 3 && (unsigned char)s[-1] == 0x9D))
    s--;
  while (s < p && nc_is_space((unsigned char)*s))
    s++;
  return p - s > 60 || p == s ? NULL : s;
}

/* Who the sentence attributes its content to: "according to X", else "X
 * told Y", else "X confirmed to Y", else "X said" (the first of each that
 * has a speaker).  One pass reads the text eight bytes at a time, with
 * the bytes that follow them, for the places where "ac" (any case) or a
 * space and then 't', 'c' or 's' begins: only there can a phrase or a
 * marker begin. */
static char *find_attribution(const char *t, size_t n)
{
  static const struct {
    const char *w;
    size_t n;
  } markers[] = {{" told ", 6}, {" confirmed to ", 14}, {" said", 5}};
  const size_t nm = sizeof markers / sizeof *markers;
  const uint64_t lower = 0x2020202020202020u;
  const char *best = NULL, *bs = NULL, *e;
  size_t bestk = nm, i, k;

  for (i = 0; i < n; i += 8) {
    uint64_t w = nc_load8(t + i, n - i);
    uint64_t w2 = nc_load8(t + i + 1, n - i - 1) | lower; /* next bytes */
    uint64_t c2 = nc_bytes_eq(w2, 'c');
    uint64_t a = nc_bytes_eq(w | lower, 'a') & c2, sp;
    for (; a; a &= a - 1) {
      const char *p = t + i + nc_low_byte(a);
      if (p + 13 <= t + n && nc_ascii_eq(p, 13, "according to ")) {
        e = p + 13;
        while (e < t + n && *e != ',' && *e != '.' && *e != ';')
          e++;
        return quote_text(p, (size_t)(e - p));
      }
    }
    if (bestk == 0)
      continue; /* only "according to" can change the answer */
    /* the first place of each marker that has a speaker; at most one
     * marker begins at a place: the one whose letter after the space is
     * the text's */
    sp = nc_bytes_eq(w, ' ') &
         (c2 | nc_bytes_eq(w2, 't') | nc_bytes_eq(w2, 's'));
    for (; sp && bestk > 0; sp &= sp - 1) {
      const char *p = t + i + nc_low_byte(sp), *s;
      k = p[1] == 't' ? 0 : p[1] == 'c' ? 1 : 2;
      /* most such places begin other words (" to", " the", " some"),
       * whose fourth byte already differs */
      if (k < bestk && p[1] == markers[k].w[1] &&
          (size_t)(t + n - p) >= markers[k].n && p[3] == markers[k].w[3] &&
          memcmp(p, markers[k].w, markers[k].n) == 0 &&
          (s = speaker(t, p)) != NULL) {
        best = p;
        bs = s;
        bestk = k;
      }
    }
  }
  if (!best)
    return NULL;
  e = best + markers[bestk].n;
  while (e < t + n && *e != ',' && *e != '.' && *e != ';' && *e != ' ')
    e++;
  if (bestk < 2) /* include the addressee: "told Axios" */
    while (e < t + n && *e != ',' && *e != '.' && *e != ';')
      e++;
  return quote_text(bs, (size_t)(e - bs));
}

void nc_claim_input_build(const struct nc_extractor *ex,
                          const struct nc_doc *doc, struct nc_claim_input *in)
{
  size_t i;

  in->doc = doc;
  nc_sentences_split(ex->abbrevs, doc, &in->sents);
  in->first = xcalloc(in->sents.n + 1, sizeof *in->first);
  for (i = 0; i < in->sents.n; i++) {
    in->first[i] = in->ms.n;
    nc_mentions_find_sentence(ex->lex, doc, &in->sents.items[i], &in->ms);
  }
  in->first[in->sents.n] = in->ms.n;
}

void nc_claim_input_free(struct nc_claim_input *in)
{
  nc_sentences_free(&in->sents);
  nc_mentions_free(&in->ms);
  free(in->first);
  in->first = NULL;
}

static void prepare_doc(struct run *r, struct docctx *d,
                        const struct nc_claim_input *in)
{
  size_t k;

  d->sents = &in->sents;
  d->ms = &in->ms;
  if (d->sents->cut) {
    struct nc_buf w = {0};
    nc_buf_printf(&w, "%s: %zu run%s of text with no sentence end were cut "
                      "into pieces of about 4 KiB",
                  d->doc->path ? d->doc->path : d->doc->id, d->sents->cut,
                  d->sents->cut == 1 ? "" : "s");
    r->out->warnings = xrealloc(r->out->warnings,
                                (r->out->nwarnings + 1) * sizeof(char *));
    r->out->warnings[r->out->nwarnings++] = nc_buf_take(&w);
  }
  d->first = in->first;
  d->used = xcalloc(d->ms->n + 1, sizeof *d->used);
  for (k = 0; k < d->ms->n; k++) {
    const struct nc_mention *m = &d->ms->items[k];
    if (m->type == NC_M_PERSON && m->name)
      people_add(&r->people, m->name);
    if (m->type != NC_M_COUNTRY && m->type != NC_M_VAGUE)
      r->values++;
  }
}

/* The main entity and the topic are looked for when a claim first needs
 * them, over the whole document: only rules and dated events use them,
 * and most news makes no such claim (the topic's search reads every
 * capital letter of the document). */
static void need_main_entity(struct docctx *d)
{
  if (!d->main_found) {
    find_main_entity(d);
    d->main_found = true;
  }
}

static void need_topic(struct docctx *d)
{
  if (!d->topic_found) {
    find_topic(d);
    d->topic_found = true;
  }
}

/* ---- values ------------------------------------------------------------ */

void nc_value_clear(struct nc_value *v)
{
  size_t i;
  free(v->text);
  for (i = 0; i < v->nset; i++)
    free(v->set[i]);
  free(v->set);
  memset(v, 0, sizeof *v);
}

void nc_value_copy(struct nc_value *dst, const struct nc_value *src)
{
  size_t i;
  *dst = *src;
  dst->text = src->text ? xstrdup(src->text) : NULL;
  if (src->nset) {
    dst->set = xcalloc(src->nset, sizeof *dst->set);
    for (i = 0; i < src->nset; i++)
      dst->set[i] = xstrdup(src->set[i]);
  }
}

/* x as "%.0f" writes it: a whole number (most are) without printf. */
static void put_rounded(struct nc_buf *b, double x)
{
  if (fabs(x) < 1e15 && x == floor(x))
    nc_buf_put_whole(b, x);
  else
    nc_buf_printf(b, "%.0f", x);
}

static void put_number(struct nc_buf *b, double x)
{
  if (fabs(x) < 1e15 && x == floor(x))
    nc_buf_put_whole(b, x);
  else
    nc_buf_printf(b, "%.15g", x);
}

char *nc_value_str(const struct nc_value *v)
{
  struct nc_buf b = {0};
  const char *ap = nc_approx_str(v->approx);
  size_t i;

  if (ap && v->approx != NC_APPROX_RANGE) {
    nc_buf_puts(&b, ap);
    nc_buf_putc(&b, ' ');
    for (i = 0; i < b.len; i++)
      if (b.data[i] == '_')
        b.data[i] = ' ';
  }
  switch (v->kind) {
  case NC_VAL_NUMBER:
    if (v->approx == NC_APPROX_RANGE) {
      put_number(&b, v->lo);
      nc_buf_puts(&b, "..");
      put_number(&b, v->hi);
    } else {
      put_number(&b, v->num);
    }
    if (v->unit[0]) {
      nc_buf_putc(&b, ' ');
      nc_buf_puts(&b, v->unit);
    }
    break;
  case NC_VAL_DATE: {
    char d[16];
    if (v->prec == NC_PREC_DAY)
      nc_date_format(v->date, d, sizeof d);
    else if (v->prec == NC_PREC_MONTH)
      snprintf(d, sizeof d, "%04d-%02d", v->date.y, v->date.m);
    else if (v->prec == NC_PREC_DECADE)
      snprintf(d, sizeof d, "%04ds", v->date.y);
    else
      snprintf(d, sizeof d, "%04d", v->date.y);
    nc_buf_puts(&b, d);
    break;
  }
  case NC_VAL_TEXT:
    nc_buf_puts(&b, v->text ? v->text : "");
    break;
  case NC_VAL_SET:
    nc_buf_putc(&b, '[');
    for (i = 0; i < v->nset; i++) {
      if (i)
        nc_buf_puts(&b, ", ");
      nc_buf_puts(&b, v->set[i]);
    }
    nc_buf_putc(&b, ']');
    break;
  }
  return nc_buf_take(&b);
}

/* The interval a stated number allows.  "about" allows 10% either way:
 * the tolerance the report states. */
#define ABOUT_TOLERANCE 0.10

static void number_value(struct nc_value *v, const struct nc_mention *m)
{
  memset(v, 0, sizeof *v);
  v->kind = NC_VAL_NUMBER;
  v->approx = m->approx;
  v->num = m->value;
  v->lo = v->hi = m->value;
  switch (m->approx) {
  case NC_APPROX_NONE:
    break;
  case NC_APPROX_ABOUT:
    v->lo = m->value * (1 - ABOUT_TOLERANCE);
    v->hi = m->value * (1 + ABOUT_TOLERANCE);
    break;
  case NC_APPROX_MORE_THAN:
  case NC_APPROX_AT_LEAST:
    v->hi = HUGE_VAL;
    break;
  case NC_APPROX_LESS_THAN:
  case NC_APPROX_AT_MOST:
    v->lo = -HUGE_VAL;
    break;
  case NC_APPROX_RANGE:
    v->hi = m->value2;
    break;
  }
  if (m->type == NC_M_PERCENT)
    snprintf(v->unit, sizeof v->unit, "%%");
  else if (m->type == NC_M_MONEY)
    snprintf(v->unit, sizeof v->unit, "%s", m->currency);
}

static void date_value(struct nc_value *v, const struct nc_mention *m)
{
  long d0 = nc_days_from_civil(m->date), d1 = d0;
  struct nc_date e = m->date;

  memset(v, 0, sizeof *v);
  v->kind = NC_VAL_DATE;
  v->approx = m->approx;
  v->date = m->date;
  v->prec = m->prec;
  v->relative = m->relative;
  switch (m->prec) {
  case NC_PREC_DAY:
    break;
  case NC_PREC_MONTH:
    e.d = nc_month_days(e.y, e.m);
    d1 = nc_days_from_civil(e);
    break;
  case NC_PREC_YEAR:
    e.m = 12;
    e.d = 31;
    d1 = nc_days_from_civil(e);
    break;
  case NC_PREC_DECADE:
    e.y += 9;
    e.m = 12;
    e.d = 31;
    d1 = nc_days_from_civil(e);
    break;
  }
  if (m->approx == NC_APPROX_RANGE)
    d1 = nc_days_from_civil(m->date2);
  d0 -= m->tolerance_days;
  d1 += m->tolerance_days;
  v->dlo = d0;
  v->dhi = d1;
}

/* ---- claims ------------------------------------------------------------ */

char *nc_claims_keep(struct nc_claims *cs, char *s)
{
  if (s) {
    nc_grow(&cs->kept, &cs->keptcap, cs->nkept + 1, sizeof *cs->kept);
    cs->kept[cs->nkept++] = s;
  }
  return s;
}

/* The set's copy of a rule id, made once per run.  An id comes from its
 * rule or from a string literal, so mostly from the same address each
 * time: a small table by address answers before the map by text. */
static char *kept_rule(struct run *r, const char *rule)
{
  struct rule_at *at =
      &r->rule_at[((uintptr_t)rule / sizeof(void *)) % NRULE_AT];
  size_t len;
  const size_t *k;
  char *s;

  if (at->id == rule)
    return at->kept;
  len = strlen(rule);
  k = nc_strmap_get(&r->rule_ids, rule, len);
  if (k) {
    s = r->out->kept[*k];
  } else {
    s = nc_claims_keep(r->out, xstrdup(rule));
    nc_strmap_put(&r->rule_ids, s, len, r->out->nkept - 1, NULL);
  }
  at->id = rule;
  at->kept = s;
  return s;
}

/* Append a claim for sentence sv of document d.  The claim takes key,
 * label, note and what v holds (v is left empty): they were made for it,
 * and a copy would be thrown away. */
static struct nc_claim *add_claim(struct run *r, struct docctx *d,
                                  const struct sent *sv, char *key,
                                  char *label, struct nc_value *v, size_t vs,
                                  size_t ve, const char *rule, char *note)
{
  const struct nc_block *b = &d->doc->blocks[sv->s->block];
  struct nc_claims *out = r->out;
  struct nc_claim *c;
  char *vstr = NULL; /* v as text, made when a claim has the same key */
  size_t i;

  /* One claim per sentence, key and value: a second rule matching the
   * same words adds nothing.  Claims come in sentence order, so only this
   * sentence's tail is searched. */
  for (i = out->n; i-- > 0 && out->items[i].doc == d->index &&
                   out->items[i].start == nc_block_offset(b, sv->s->start);) {
    struct nc_claim *o = &out->items[i];
    if (strcmp(o->key, key) == 0) {
      char *os = nc_value_str(&o->value);
      bool same;
      if (!vstr)
        vstr = nc_value_str(v);
      same = strcmp(os, vstr) == 0;
      free(os);
      if (same) {
        free(vstr);
        free(key);
        free(label);
        free(note);
        nc_value_clear(v);
        return NULL;
      }
    }
  }
  free(vstr);
  nc_grow(&out->items, &out->cap, out->n + 1, sizeof *c);
  c = &out->items[out->n++];
  memset(c, 0, sizeof *c);
  c->key = key;
  c->label = label;
  c->value = *v;
  memset(v, 0, sizeof *v);
  c->doc = d->index;
  c->start = nc_block_offset(b, sv->s->start);
  c->end = nc_block_offset(b, sv->s->end);
  c->vstart = nc_block_offset(b, vs);
  c->vend = nc_block_offset(b, ve);
  c->quoted = nc_sentence_quoted(sv->s, vs);
  /* quote, hedge and attribution are made only for sentences that make
   * a claim, which are few, and once for each: the set keeps them for all
   * the sentence's claims */
  if (r->looked != sv->s) {
    const char *t = b->text + sv->s->start;
    size_t n = sv->s->end - sv->s->start;
    r->quote = nc_claims_keep(out, quote_text(t, n));
    r->hedge = nc_claims_keep(out, find_hedge(&r->hedge_pairs, t, n));
    r->attribution = nc_claims_keep(out, find_attribution(t, n));
    r->looked = sv->s;
  }
  c->quote = r->quote;
  c->hedge = r->hedge;
  c->attribution = r->attribution;
  c->rule = kept_rule(r, rule);
  c->note = note;
  return c;
}

/* Free what one claim owns (not what the set keeps for it). */
static void claim_release(struct nc_claim *x)
{
  free(x->key);
  free(x->label);
  nc_value_clear(&x->value);
  free(x->note);
}

void nc_claims_free(struct nc_claims *c)
{
  size_t i;
  for (i = 0; i < c->n; i++)
    claim_release(&c->items[i]);
  for (i = 0; i < c->nwarnings; i++)
    free(c->warnings[i]);
  free(c->warnings);
  for (i = 0; i < c->nkept; i++)
    free(c->kept[i]);
  free(c->kept);
  free(c->items);
  memset(c, 0, sizeof *c);
}

/* ---- resolving subjects, objects and scopes ---------------------------- */

/* The person a mention names, or NULL (not a person, or not listed). */
static const struct person *person_of(const struct run *r,
                                      const struct nc_mention *m)
{
  size_t i;
  if (m->type != NC_M_PERSON || !m->name)
    return NULL;
  i = people_find(&r->people, m->name, strlen(m->name));
  return i != NONE ? &r->people.v[i] : NULL;
}

/* A string a rule's key and label are made from: lent by what outlives
 * the claim's making (the topic, the main entity, a person's name and
 * key, a map's word; own is NULL), or made for it (own is s, freed after
 * use).  Most are lent, and a copy of each would be thrown away. */
struct part {
  const char *s;
  char *own;
};

static void part_lent(struct part *p, const char *s)
{
  p->s = s;
  p->own = NULL;
}

static void part_made(struct part *p, char *s)
{
  p->s = p->own = s;
}

/* mention_key's key and label, as parts. */
static void mention_parts(const struct run *r, const struct nc_mention *m,
                          struct part *key, struct part *label)
{
  const char *name = m->name ? m->name : "";
  const struct person *p = person_of(r, m);
  if (p) {
    part_lent(label, p->final);
    part_lent(key, p->key);
  } else {
    part_lent(label, name);
    part_made(key, fold(name, strlen(name)));
  }
}

static char *mention_key(const struct run *r, const struct nc_mention *m,
                         char **label)
{
  const char *name = m->name ? m->name : "";
  const struct person *p = person_of(r, m);
  if (p) {
    if (label)
      *label = xstrdup(p->final);
    return xstrdup(p->key);
  }
  if (label)
    *label = xstrdup(name);
  return fold(name, strlen(name));
}

static void main_entity(struct docctx *d, char **key, char **label)
{
  need_main_entity(d);
  *key = xstrdup(d->main_key ? d->main_key : "");
  *label = xstrdup(d->main_label ? d->main_label : "");
}

/* Nearest mention of `type` ending at or before block offset `pos` within
 * the sentence, skipping names equal to `exclude`; NONE if there is none.
 * Demonyms are qualifiers, not actors, and are skipped. */
static size_t nearest_before(const struct run *r, const struct docctx *d,
                             const struct sent *sv, size_t pos,
                             enum nc_mention_type type, const char *exclude)
{
  size_t k, best = NONE;
  for (k = sv->m0; k < sv->m1; k++) {
    const struct nc_mention *m = &d->ms->items[k];
    if (m->type != type || m->end > pos || !m->name)
      continue;
    if (type == NC_M_COUNTRY && m->demonym)
      continue;
    if (exclude) {
      char *kk = mention_key(r, m, NULL);
      bool same = strcmp(kk, exclude) == 0;
      free(kk);
      if (same)
        continue;
    }
    best = k;
  }
  return best;
}

/* First country or person mention inside [a, b), or NONE. */
static size_t entity_in(const struct docctx *d, const struct sent *sv,
                        size_t a, size_t b)
{
  size_t k;
  for (k = sv->m0; k < sv->m1; k++) {
    const struct nc_mention *m = &d->ms->items[k];
    if ((m->type == NC_M_COUNTRY || m->type == NC_M_PERSON) && m->name &&
        m->start >= a && m->end <= b)
      return k;
  }
  return NONE;
}

/* What a noun phrase such as "the pact" or "the Trump administration's
 * historic Abraham Accords" names: the last run of capitalised words
 * before the phrase ends, or, for a common noun, the document's topic. */
static bool next_word_any(const char *t, size_t n, size_t i, size_t *ws,
                          size_t *we);

/* True when the sentence is set in title case ("Kazakhstan To Sign
 * Historic Pact"): no word but function words starts in lower case, so
 * capitals say nothing about names. */
static bool title_case(const char *t, size_t a, size_t b)
{
  size_t p = a, ws, we, words = 0;
  while (next_word_any(t, b, p, &ws, &we)) {
    if (!is_upper((unsigned char)t[ws]) && !nc_is_digit((unsigned char)t[ws])
        && !IS_FUNCTION_WORD(t + ws, we - ws))
      return false;
    words++;
    p = we;
  }
  return words >= 4;
}

static void resolve_object(struct docctx *d, const struct sent *sv,
                           const char *t, size_t a, size_t b, struct part *key,
                           struct part *label)
{
  size_t p = a, rs = NONE, re = NONE, words = 0;
  bool first = true;

  need_topic(d);
  while (p < b) {
    size_t w = p, e;
    while (w < b && nc_is_space((unsigned char)t[w]))
      w++;
    if (w >= b)
      break;
    e = w;
    while (e < b && !nc_is_space((unsigned char)t[e]) && t[e] != ',' &&
           t[e] != ';' && t[e] != '.')
      e++;
    if (e == w)
      break;
    if (!first && IS_STOP_WORD(t + w, e - w))
      break;
    first = false;
    if (is_upper((unsigned char)t[w])) {
      if (rs == NONE || re != w - 1 || words == 0)
        rs = w;
      re = e;
      words = 1;
    } else {
      words = 0;
    }
    if (e < b && t[e] != ' ')
      break;
    p = e;
    if (++words > 12)
      break;
  }
  /* In a sentence set in title case no name can be told from the
   * capitals: the object is the topic.  Asked last, as only a phrase with
   * a capitalised word (rs set) would be anything else. */
  if (rs != NONE && !(re - rs == 3 && strncmp(t + rs, "The", 3) == 0) &&
      !title_case(t, sv->s->start, sv->s->end)) {
    char *k = norm_phrase(t + rs, re - rs);
    /* "Abraham Accord" (adjective use) is the topic "Abraham Accords" */
    if (d->topic_key && strncmp(d->topic_key, k, strlen(k)) == 0) {
      free(k);
    } else {
      char *l = quote_text(t + rs, re - rs);
      size_t ll = strlen(l);
      if (ll > 2 && (strcmp(l + ll - 2, "'s") == 0))
        l[ll - 2] = '\0';
      if (ll > 4 && strcmp(l + ll - 4, "\xE2\x80\x99s") == 0)
        l[ll - 4] = '\0';
      if (strncmp(l, "The ", 4) == 0)
        memmove(l, l + 4, strlen(l + 4) + 1);
      part_made(key, k);
      part_made(label, l);
      return;
    }
  }
  part_lent(key, d->topic_key ? d->topic_key : "");
  part_lent(label, d->topic_label ? d->topic_label : "");
}

/* A scope such as "in his second term" becomes "term 2"; the last word
 * goes through the rule's scope map ("administration" -> "term"). */
static char *resolve_scope(const struct nc_rule *rule, const struct docctx *d,
                           const struct sent *sv, size_t a, size_t b)
{
  const char *t = d->doc->blocks[sv->s->block].text;
  char *f = fold(t + a, b - a), *last, *ls;
  const char *mapped;
  struct nc_buf out = {0};
  size_t k;
  double ord = 0;

  for (k = sv->m0; k < sv->m1; k++) {
    const struct nc_mention *m = &d->ms->items[k];
    if (m->type == NC_M_ORDINAL && m->start >= a && m->end <= b)
      ord = m->value;
  }
  ls = strrchr(f, ' ');
  last = norm_phrase(ls ? ls + 1 : f, strlen(ls ? ls + 1 : f));
  mapped = nc_rule_map(rule, NC_G_SCOPE, last);
  if (ord > 0) {
    nc_buf_puts(&out, mapped ? mapped : last);
    nc_buf_putc(&out, ' ');
    put_rounded(&out, ord);
  } else {
    nc_buf_puts(&out, mapped ? mapped : f);
  }
  free(last);
  free(f);
  return nc_buf_take(&out);
}

/* Text of a group, normalized and mapped (a word of the map is lent). */
static void group_word(const struct nc_rule *rule, enum nc_group g,
                       const char *t, size_t a, size_t b, struct part *out)
{
  char *w = norm_phrase(t + a, b - a);
  const char *m = nc_rule_map(rule, g, w);
  char *first;
  if (m) {
    free(w);
    part_lent(out, m);
    return;
  }
  /* the last word alone: "central asian nation" -> "... country" */
  first = strrchr(w, ' ');
  if (first && (m = nc_rule_map(rule, g, first + 1)) != NULL) {
    struct nc_buf nb = {0};
    nc_buf_append(&nb, w, (size_t)(first - w) + 1);
    nc_buf_puts(&nb, m);
    free(w);
    part_made(out, nc_buf_take(&nb));
    return;
  }
  /* the first word alone: "sign onto" -> map of "sign" */
  first = strchr(w, ' ');
  if (first) {
    char *w1 = xstrndup(w, (size_t)(first - w));
    m = nc_rule_map(rule, g, w1);
    free(w1);
    if (m) {
      free(w);
      part_lent(out, m);
      return;
    }
  }
  part_made(out, w);
}

/* The fields of a key or label template: {subject} (a key), {Subject}
 * (its label), {object}, {Object}, {what}, {event} and {scope}. */
enum fill_field {
  FILL_SUBJECT,
  FILL_SUBJECT_LABEL,
  FILL_OBJECT,
  FILL_OBJECT_LABEL,
  FILL_WHAT,
  FILL_EVENT,
  FILL_SCOPE,
  NFILL
};

static const char *const fill_names[NFILL] = {
    "subject", "Subject", "object", "Object", "what", "event", "scope"};

/* The values of the fields ("" for none) and their lengths. */
struct fill {
  const char *v[NFILL];
  size_t len[NFILL];
};

/* Set field k of f to s (NULL for none). */
static void fill_set(struct fill *f, enum fill_field k, const char *s)
{
  f->v[k] = s ? s : "";
  f->len[k] = strlen(f->v[k]);
}

/* A template parsed into its pieces, once per run: each rule's key and
 * label are filled for every match, and a piece is copied rather than
 * the template read again. */
struct piece {
  const char *at; /* text of the template, or NULL for field `field` */
  size_t len;
  enum fill_field field;
};

struct tpl {
  struct piece *p;
  size_t n, cap;
  bool made;
};

static void tpl_add(struct tpl *t, const char *at, size_t len,
                    enum fill_field field)
{
  if (at && len == 0)
    return;
  nc_grow(&t->p, &t->cap, t->n + 1, sizeof *t->p);
  t->p[t->n].at = at;
  t->p[t->n].len = len;
  t->p[t->n].field = field;
  t->n++;
}

/* Split tpl into pieces: {subject}, {Subject}, {object}, {Object},
 * {what}, {event} and {scope} are fields, everything else (an unknown
 * name in braces too) is text as it is. */
static void tpl_parse(struct tpl *t, const char *tpl)
{
  const char *p = tpl;
  while (*p) {
    /* the text up to the next brace as it is */
    const char *brace = strchr(p, '{'), *close;
    int k;
    if (!brace) {
      tpl_add(t, p, strlen(p), NFILL);
      break;
    }
    tpl_add(t, p, (size_t)(brace - p), NFILL);
    p = brace;
    close = strchr(p, '}');
    for (k = 0; close && k < NFILL; k++)
      if ((size_t)(close - p - 1) == strlen(fill_names[k]) &&
          memcmp(p + 1, fill_names[k], (size_t)(close - p - 1)) == 0)
        break;
    if (close && k < NFILL) {
      tpl_add(t, NULL, 0, (enum fill_field)k);
      p = close + 1;
    } else {
      tpl_add(t, p++, 1, NFILL); /* the brace itself */
    }
  }
  t->made = true;
}

/* Fill a parsed key or label template.  Empty fields in a label leave no
 * doubled spaces. */
static char *fill_template(const struct tpl *t, const struct fill *f)
{
  size_t len = 0, i;
  char *s, *o;

  for (i = 0; i < t->n; i++)
    len += t->p[i].at ? t->p[i].len : f->len[t->p[i].field];
  o = s = xmalloc(len + 1);
  for (i = 0; i < t->n; i++) {
    const struct piece *pc = &t->p[i];
    if (pc->at) {
      memcpy(o, pc->at, pc->len);
      o += pc->len;
    } else {
      memcpy(o, f->v[pc->field], f->len[pc->field]);
      o += f->len[pc->field];
    }
  }
  *o = '\0';
  /* tidy a label: collapse double spaces, trim, drop empty "()" */
  {
    char *w = s, *q;
    /* Most need no more than a space dropped at the end: with no space
     * first, no "  " and no "()", no byte is dropped, and so no space
     * comes to follow another (and strstr scans faster than this loop) */
    if (s[0] != ' ' && !strstr(s, "  ") && !strstr(s, "()"))
      w = s + len;
    else
      for (q = s; *q; q++) {
        if (*q == ' ' && (w == s || w[-1] == ' '))
          continue;
        if (q[0] == '(' && q[1] == ')') {
          q++;
          continue;
        }
        *w++ = *q;
      }
    while (w > s && w[-1] == ' ')
      w--;
    *w = '\0';
    return s;
  }
}

#define GSET(m, grp) ((m)->g[grp][0] != NONE)

/* ---- rules ------------------------------------------------------------- */

/* True when the document names `country` as the other side of the
 * relations its story is about ("normalize relations between X and ...",
 * "ties with X"): in "a pact between X, A, B and C" such an X is the
 * counterparty, not a member. */
static bool scan_counterpart(const struct docctx *d, const char *country)
{
  size_t i, k;
  for (i = 0; i < d->sents->n; i++) {
    const struct sent cur = sent_at(d, i), *sv = &cur;
    const char *t = d->doc->blocks[sv->s->block].text;
    size_t a = sv->s->start, b = sv->s->end, p;
    bool relations = false;
    for (p = a; p + 4 <= b && !relations; p++)
      relations = nc_ascii_eq(t + p, 4, "ties") ||
                  (p + 9 <= b && nc_ascii_eq(t + p, 9, "relations")) ||
                  (p + 8 <= b && nc_ascii_eq(t + p, 8, "normaliz"));
    if (!relations)
      continue;
    for (k = sv->m0; k < sv->m1; k++) {
      const struct nc_mention *m = &d->ms->items[k];
      if (m->type != NC_M_COUNTRY || !m->name ||
          strcmp(m->name, country) != 0)
        continue;
      if ((m->start >= a + 5 && strncmp(t + m->start - 5, "with ", 5) == 0) ||
          (m->start >= a + 8 &&
           strncmp(t + m->start - 8, "between ", 8) == 0))
        return true;
    }
  }
  return false;
}

/* scan_counterpart, asked once per document and country. */
static bool is_counterpart(struct docctx *d, const char *country)
{
  size_t i;
  for (i = 0; i < d->ncps; i++)
    if (strcmp(d->cps[i].country, country) == 0)
      return d->cps[i].is;
  nc_grow(&d->cps, &d->cpscap, d->ncps + 1, sizeof *d->cps);
  d->cps[d->ncps].country = country;
  d->cps[d->ncps].is = scan_counterpart(d, country);
  return d->cps[d->ncps++].is;
}

/* Build the value of a rule match; false when the value group holds no
 * mention of the needed type. */
static bool rule_value(struct run *r, struct docctx *d, const struct sent *sv,
                       const struct nc_rule *rule,
                       const struct nc_rule_match *m, size_t off,
                       struct nc_value *v, size_t *vs, size_t *ve,
                       char **note)
{
  size_t a = m->g[NC_G_VALUE][0] + off, b = m->g[NC_G_VALUE][1] + off;
  size_t k;
  enum nc_mention_type want = NC_M_NUMBER;

  memset(v, 0, sizeof *v);
  switch (rule->value) {
  case NC_RV_ORDINAL: want = NC_M_ORDINAL; break;
  case NC_RV_NUMBER: want = NC_M_NUMBER; break;
  case NC_RV_YEAR:
  case NC_RV_DATE: want = NC_M_DATE; break;
  case NC_RV_SINCE: want = NC_M_DURATION; break;
  case NC_RV_COUNTRIES: want = NC_M_COUNTRY; break;
  }
  if (rule->value == NC_RV_COUNTRIES) {
    size_t pa = NONE, pb = NONE, a2 = NONE, b2 = NONE;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    if (GSET(m, NC_G_PARTY)) {
      pa = m->g[NC_G_PARTY][0] + off;
      pb = m->g[NC_G_PARTY][1] + off;
    }
    if (GSET(m, NC_G_VALUE2)) {
      a2 = m->g[NC_G_VALUE2][0] + off;
      b2 = m->g[NC_G_VALUE2][1] + off;
    }
    *vs = b;
    *ve = a;
    for (k = sv->m0; k < sv->m1; k++) {
      const struct nc_mention *x = &d->ms->items[k];
      bool in1 = x->start < b && x->end > a;
      bool in2 = a2 != NONE && x->start < b2 && x->end > a2;
      bool party = pa != NONE && x->start < pb && x->end > pa;
      if (x->type != NC_M_COUNTRY || x->demonym || !x->name ||
          !(in1 || in2 || party))
        continue;
      if (party && is_counterpart(d, x->name))
        continue;
      for (i = 0; i < n; i++)
        if (strcmp(names[i], x->name) == 0)
          break;
      if (i == n) {
        nc_grow(&names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(x->name);
      }
      d->used[k] = true;
      if (x->start < *vs)
        *vs = x->start;
      if (x->end > *ve)
        *ve = x->end;
    }
    if (n < 2) {
      for (i = 0; i < n; i++)
        free(names[i]);
      free(names);
      return false;
    }
    qsort(names, n, sizeof *names, nc_strptr_cmp);
    v->kind = NC_VAL_SET;
    v->set = names;
    v->nset = n;
    v->exhaustive = !GSET(m, NC_G_EXH);
    if (!v->exhaustive)
      *note = xstrdup("list marked as not exhaustive");
    return true;
  }
  for (k = sv->m0; k < sv->m1; k++) {
    const struct nc_mention *x = &d->ms->items[k];
    if (x->type != want || x->start >= b || x->end <= a)
      continue;
    *vs = x->start;
    *ve = x->end;
    d->used[k] = true;
    switch (rule->value) {
    case NC_RV_ORDINAL:
    case NC_RV_NUMBER:
      number_value(v, x);
      if (GSET(m, NC_G_OTHER) && x->approx == NC_APPROX_NONE) {
        struct nc_buf nb = {0};
        put_rounded(&nb, x->value);
        nc_buf_puts(&nb, " other, plus the one named");
        v->num = v->lo = v->hi = x->value + 1;
        *note = nc_buf_take(&nb);
      }
      return true;
    case NC_RV_YEAR: {
      /* the year as a number (a new mention: a date's fields share
       * their memory with a number's) */
      struct nc_mention y;
      memset(&y, 0, sizeof y);
      y.type = NC_M_NUMBER;
      y.approx = x->approx;
      y.start = x->start;
      y.end = x->end;
      y.value = x->date.y;
      if (x->approx == NC_APPROX_RANGE) /* "since 1990-1994" */
        y.value2 = x->date2.y;
      number_value(v, &y);
      if (x->prec == NC_PREC_DECADE) {
        v->approx = NC_APPROX_RANGE;
        v->lo = x->date.y;
        v->hi = x->date.y + 9;
      }
      return true;
    }
    case NC_RV_DATE:
      date_value(v, x);
      return true;
    case NC_RV_SINCE: {
      /* "for over three decades", said on day P, puts the start before
       * P - 30 years. */
      double years = x->value;
      struct nc_buf nb = {0};
      if (!d->doc->has_published)
        return false;
      if (x->unit == 'M')
        years = x->value / 12.0;
      else if (x->unit != 'Y')
        return false;
      v->kind = NC_VAL_NUMBER;
      v->num = floor(d->doc->published.y - years);
      switch (x->approx) {
      case NC_APPROX_MORE_THAN:
      case NC_APPROX_AT_LEAST:
        v->approx = NC_APPROX_AT_MOST;
        v->lo = -HUGE_VAL;
        v->hi = v->num;
        break;
      case NC_APPROX_LESS_THAN:
      case NC_APPROX_AT_MOST:
        v->approx = NC_APPROX_AT_LEAST;
        v->lo = v->num;
        v->hi = HUGE_VAL;
        break;
      default:
        v->approx = NC_APPROX_ABOUT;
        v->lo = v->num - 1;
        v->hi = v->num + 1;
        break;
      }
      nc_buf_printf(&nb, "from a duration of %s%g years before %d",
                    x->approx == NC_APPROX_MORE_THAN ? "more than " : "",
                    years, d->doc->published.y);
      *note = nc_buf_take(&nb);
      return true;
    }
    case NC_RV_COUNTRIES:
      break;
    }
  }
  (void)r;
  return false;
}

/* A rule can only make a claim from a sentence that holds a mention of
 * the type its value needs (two countries for a list): checking that
 * first spares most pattern matching.  The value types a sentence can
 * give, as bits 1 << enum nc_rule_value. */
static unsigned value_types(const struct sent *sv)
{
  unsigned v = 0;
  if (sv->mtypes & (1u << NC_M_ORDINAL))
    v |= 1u << NC_RV_ORDINAL;
  if (sv->mtypes & (1u << NC_M_NUMBER))
    v |= 1u << NC_RV_NUMBER;
  if (sv->mtypes & (1u << NC_M_DATE))
    v |= 1u << NC_RV_YEAR | 1u << NC_RV_DATE;
  if (sv->mtypes & (1u << NC_M_DURATION))
    v |= 1u << NC_RV_SINCE;
  if (sv->countries >= 2)
    v |= 1u << NC_RV_COUNTRIES;
  return v;
}

/* The rules whose value type is in `types`, in rule order. */
static const struct rule_list *rules_of(struct run *r,
                                        const enum nc_rule_value *value,
                                        size_t nrules, unsigned types)
{
  struct rule_list *l;
  size_t ri;
  assert(types < NTYPE_SETS);
  l = &r->bytypes[types];
  if (!l->made) {
    l->ri = xcalloc(nrules + 1, sizeof *l->ri);
    for (ri = 0; ri < nrules; ri++)
      if (types & (1u << value[ri]))
        l->ri[l->n++] = ri;
    nc_rule_filter_of(r->ex->rules, l->ri, l->n, &l->filter);
    l->made = true;
  }
  return l;
}

/* Rule ri on sentence sv, which has a mention of the type of its value
 * and a sketch (in r->sketch) the rule may match. */
static void apply_rule(struct run *r, struct docctx *d, struct sent *sv,
                       size_t ri)
{
  const struct nc_rule *rule = nc_rules_get(r->ex->rules, ri);
  const struct nc_block *blk = &d->doc->blocks[sv->s->block];
  const char *t = blk->text;
  size_t off = sv->s->start, len = sv->s->end - sv->s->start, pos = 0;
  struct nc_rule_match m;

  if (!sv->checked) {
    sv->valid = nc_utf8_valid(t + off, len, NULL);
    sv->checked = true;
  }

  while (nc_rule_next(r->ex->rules, ri, t + off, len, sv->valid, &r->sketch,
                      &pos, &m)) {
    struct nc_value v;
    size_t vs = 0, ve = 0, k;
    char *note = NULL, *scope = NULL, *pkey = NULL;
    struct part skey = {0}, slabel = {0}, okey, olabel, what = {0},
                event = {0};
    struct fill f;

    if (!rule_value(r, d, sv, rule, &m, off, &v, &vs, &ve, &note))
      continue;
    if (GSET(&m, NC_G_PARTNER)) {
      k = entity_in(d, sv, m.g[NC_G_PARTNER][0] + off,
                    m.g[NC_G_PARTNER][1] + off);
      if (k != NONE)
        pkey = mention_key(r, &d->ms->items[k], NULL);
    }
    /* subject */
    k = NONE;
    if (rule->subject == NC_RS_GROUP && GSET(&m, NC_G_SUBJECT))
      k = entity_in(d, sv, m.g[NC_G_SUBJECT][0] + off,
                    m.g[NC_G_SUBJECT][1] + off);
    else if (rule->subject == NC_RS_BEFORE)
      k = nearest_before(r, d, sv, m.start + off, NC_M_COUNTRY, pkey);
    else if (rule->subject == NC_RS_PERSON)
      k = nearest_before(r, d, sv,
                         GSET(&m, NC_G_EVENT) ? m.g[NC_G_EVENT][0] + off
                                              : m.start + off,
                         NC_M_PERSON, NULL);
    if (k != NONE) {
      mention_parts(r, &d->ms->items[k], &skey, &slabel);
    } else if (rule->subject != NC_RS_NONE) {
      need_main_entity(d);
      part_lent(&skey, d->main_key ? d->main_key : "");
      part_lent(&slabel, d->main_label ? d->main_label : "");
    }
    /* a relation between two parties: key on the sorted pair */
    if (pkey && skey.s) {
      char *pair_key, *pair_label;
      int cmp = strcmp(skey.s, pkey);
      if (cmp == 0) {
        free(pkey);
        free(skey.own);
        free(slabel.own);
        free(note);
        nc_value_clear(&v);
        continue;
      }
      pair_key =
          join(cmp > 0 ? pkey : skey.s, "+", cmp > 0 ? skey.s : pkey, PUT_END);
      k = entity_in(d, sv, m.g[NC_G_PARTNER][0] + off,
                    m.g[NC_G_PARTNER][1] + off);
      pair_label = join(slabel.s, " and ", d->ms->items[k].name, PUT_END);
      free(skey.own);
      free(slabel.own);
      part_made(&skey, pair_key);
      part_made(&slabel, pair_label);
    }
    if (GSET(&m, NC_G_OBJECT))
      resolve_object(d, sv, t, m.g[NC_G_OBJECT][0] + off,
                     m.g[NC_G_OBJECT][1] + off, &okey, &olabel);
    else
      resolve_object(d, sv, t, 0, 0, &okey, &olabel);
    if (GSET(&m, NC_G_WHAT))
      group_word(rule, NC_G_WHAT, t, m.g[NC_G_WHAT][0] + off,
                 m.g[NC_G_WHAT][1] + off, &what);
    if (GSET(&m, NC_G_EVENT))
      group_word(rule, NC_G_EVENT, t, m.g[NC_G_EVENT][0] + off,
                 m.g[NC_G_EVENT][1] + off, &event);
    if (GSET(&m, NC_G_SCOPE))
      scope = resolve_scope(rule, d, sv, m.g[NC_G_SCOPE][0] + off,
                            m.g[NC_G_SCOPE][1] + off);
    fill_set(&f, FILL_SUBJECT, skey.s);
    fill_set(&f, FILL_SUBJECT_LABEL, slabel.s);
    fill_set(&f, FILL_OBJECT, okey.s);
    fill_set(&f, FILL_OBJECT_LABEL, olabel.s);
    fill_set(&f, FILL_WHAT, what.s);
    fill_set(&f, FILL_EVENT, event.s);
    fill_set(&f, FILL_SCOPE, scope);
    if (!r->tpls[2 * ri].made) {
      tpl_parse(&r->tpls[2 * ri], rule->key);
      tpl_parse(&r->tpls[2 * ri + 1], rule->label);
    }
    add_claim(r, d, sv, fill_template(&r->tpls[2 * ri], &f),
              fill_template(&r->tpls[2 * ri + 1], &f), &v, vs, ve, rule->id,
              note);
    free(skey.own);
    free(slabel.own);
    free(okey.own);
    free(olabel.own);
    free(what.own);
    free(event.own);
    free(scope);
    free(pkey);
  }
}

/* ---- the generic layer ------------------------------------------------- */

/* Bounds of the word starting at or after i (letters, digits, inner
 * hyphens, dots and apostrophes as in "U.S." or "Trump's"). */
static bool next_word(const char *t, size_t n, size_t i, size_t *ws,
                      size_t *we)
{
  while (i < n && nc_is_space((unsigned char)t[i]))
    i++;
  if (i >= n || nc_word_end(t, n, i))
    return false;
  *ws = i;
  while (i < n && is_alnum_byte(t[i])) /* most of a word, a lookup each */
    i++;
  while (i < n && (!nc_word_end(t, n, i) ||
                   ((t[i] == '-' || t[i] == '.' || t[i] == '\'') &&
                    i + 1 < n && !nc_word_end(t, n, i + 1))))
    i++;
  if (i < n && t[i] == '.' && i >= 2 && t[i - 2] == '.')
    i++; /* "U.S." keeps its final dot */
  *we = i;
  return true;
}

/* Start of the word ending just before i (skipping spaces only), or NONE
 * when something else stands between. */
static size_t prev_word(const char *t, size_t lo, size_t i, size_t *we)
{
  size_t e = i, s;
  while (e > lo && nc_is_space((unsigned char)t[e - 1]))
    e--;
  if (e == lo || nc_word_start(t, e))
    return NONE;
  s = e;
  while (s > lo && is_alnum_byte(t[s - 1])) /* most of a word */
    s--;
  while (s > lo && !nc_word_start(t, s))
    s--;
  *we = e;
  return s;
}

/* Like prev_word, but skipping punctuation too; stops (NONE) at a clause
 * break (";" or ":") or the start. */
static size_t prev_word_any(const char *t, size_t lo, size_t i, size_t *we)
{
  size_t e = i, s;
  while (e > lo && nc_word_start(t, e)) {
    e--;
    while (e > lo && ((unsigned char)t[e] & 0xC0) == 0x80)
      e--;
    if (t[e] == ';' || t[e] == ':')
      return NONE;
  }
  if (e == lo)
    return NONE;
  s = e;
  while (s > lo && is_alnum_byte(t[s - 1])) /* most of a word */
    s--;
  while (s > lo && !nc_word_start(t, s))
    s--;
  *we = e;
  return s;
}

/* The next word at or after i, skipping punctuation; false at the end. */
static bool next_word_any(const char *t, size_t n, size_t i, size_t *ws,
                          size_t *we)
{
  while (i < n && nc_word_end(t, n, i))
    i++;
  if (i >= n)
    return false;
  *ws = i;
  while (i < n && is_alnum_byte(t[i])) /* most of a word */
    i++;
  while (i < n && !nc_word_end(t, n, i))
    i++;
  *we = i;
  return true;
}

/* The noun a number counts: up to four words after it, stopping at
 * function words and punctuation ("Three U.S. officials"), as the span
 * t[*ns..*nend) of *nwords words, for norm_phrase to make "u.s.
 * official".  False when the number is bare, or partitive ("one of",
 * when *partitive is set).  The words are single words parted by
 * whitespace, none of them an article, so the noun holds a space exactly
 * when nwords > 1. */
static bool counted_noun(const struct run *r, const char *t, size_t hi,
                         size_t end, size_t *ns, size_t *nend, size_t *nwords,
                         bool *partitive)
{
  size_t p = end, ws, we, first = NONE, last = NONE, n = 0;

  *partitive = false;
  while (n < 4 && next_word(t, hi, p, &ws, &we)) {
    if (n == 0 && ws == end + 1 && nc_ascii_eq(t + ws, we - ws, "of")) {
      *partitive = true;
      return false;
    }
    if (ws > p && t[p] != ' ')
      break; /* punctuation between */
    if (IS_FUNCTION_WORD(t + ws, we - ws) ||
        IS_STOP_WORD(t + ws, we - ws) ||
        nc_is_digit((unsigned char)t[ws]))
      break;
    /* a verb after the noun ends it: "one official stated", "an
     * earthquake struck" (event words are verbs or their nouns) */
    if (n > 0 && ((we - ws > 4 && (nc_ascii_eq(t + we - 2, 2, "ed") ||
                                   nc_ascii_eq(t + we - 3, 3, "ing"))) ||
                  nc_rules_event(r->ex->rules, t + ws, we - ws)))
      break;
    if (first == NONE)
      first = ws;
    last = we;
    n++;
    p = we;
    if (p < hi && t[p] != ' ')
      break;
    /* a plural noun is the head: "fishing vessels operate" stops there */
    if (we - ws > 3 && t[we - 1] == 's' && t[we - 2] != 's')
      break;
  }
  if (first == NONE)
    return false;
  *ns = first;
  *nend = last;
  *nwords = n;
  return true;
}

/* The event a count is about: "N people were injured" (an event word
 * within three words after the noun, past auxiliaries) or "killing N
 * people" (just before the number).  NULL when there is none. */
static const char *count_event(const struct run *r, const char *t,
                               size_t lo, size_t hi, size_t ms, size_t nend)
{
  static const char *const aux[] = {"were", "was", "are", "is", "have",
                                    "has", "had", "been", "be", "also",
                                    "reportedly", "later", NULL};
  size_t p = nend, ws, we, n;
  const char *ev;

  for (n = 0; n < 3 && next_word(t, hi, p, &ws, &we); n++) {
    if ((ev = nc_rules_event(r->ex->rules, t + ws, we - ws)) != NULL)
      return ev;
    if (!word_in(t + ws, we - ws, aux))
      break;
    p = we;
  }
  ws = prev_word_any(t, lo, ms, &we);
  if (ws != NONE && (ev = nc_rules_event(r->ex->rules, t + ws, we - ws)))
    return ev;
  return NULL;
}

/* For "a population of 20 million": the noun before "of". */
static char *noun_of(const char *t, size_t lo, size_t start)
{
  size_t we, ws = prev_word(t, lo, start, &we), we2, ws2;
  if (ws == NONE || !nc_ascii_eq(t + ws, we - ws, "of"))
    return NULL;
  ws2 = prev_word(t, lo, ws, &we2);
  if (ws2 == NONE || IS_FUNCTION_WORD(t + ws2, we2 - ws2) ||
      IS_STOP_WORD(t + ws2, we2 - ws2))
    return NULL;
  return norm_phrase(t + ws2, we2 - ws2);
}

/* Find the event a date belongs to: the nearest event word before it in
 * the same clause (at most 12 words back), or one right after it ("his
 * Thursday visit"; then *after is set).  Sets *es to the event word's
 * start. */
static const char *find_event(const struct run *r, const char *t, size_t lo,
                              size_t hi, size_t ms, size_t me, size_t *es,
                              bool *after)
{
  size_t p = ms, words = 0, ws, we;
  const char *ev;

  while (words < 12) {
    ws = prev_word_any(t, lo, p, &we);
    if (ws == NONE)
      break;
    ev = nc_rules_event(r->ex->rules, t + ws, we - ws);
    if (ev) {
      *es = ws;
      return ev;
    }
    p = ws;
    words++;
  }
  if (next_word_any(t, hi, me, &ws, &we) &&
      (ev = nc_rules_event(r->ex->rules, t + ws, we - ws)) != NULL) {
    *es = ws;
    *after = true;
    return ev;
  }
  return NULL;
}

/* For "his Thursday visit" or "Hamas's Oct. 7 attack": whose event, from
 * the possessive before the date.  False when there is none. */
static bool possessor(struct run *r, struct docctx *d, const struct sent *sv,
                      size_t ms, char **key, char **label)
{
  const char *t = d->doc->blocks[sv->s->block].text;
  size_t we, ws = prev_word_any(t, sv->s->start, ms, &we), k;

  if (ws == NONE)
    return false;
  if (nc_ascii_eq(t + ws, we - ws, "his") ||
      nc_ascii_eq(t + ws, we - ws, "her")) {
    k = nearest_before(r, d, sv, ws, NC_M_PERSON, NULL);
    if (k == NONE)
      return false;
    *key = mention_key(r, &d->ms->items[k], label);
    return true;
  }
  if (nc_ascii_eq(t + ws, we - ws, "s") && ws >= 2) {
    /* "X's" / "X’s": the word before the apostrophe */
    size_t we2, ws2 = prev_word_any(t, sv->s->start, ws, &we2);
    if (ws2 == NONE || !is_upper((unsigned char)t[ws2]))
      return false;
    for (k = sv->m0; k < sv->m1; k++) {
      const struct nc_mention *m = &d->ms->items[k];
      if ((m->type == NC_M_COUNTRY || m->type == NC_M_PERSON) &&
          m->start <= ws2 && m->end >= we2) {
        *key = mention_key(r, m, label);
        return true;
      }
    }
    *key = nc_ascii_lowerdup(t + ws2, we2 - ws2);
    *label = xstrndup(t + ws2, we2 - ws2);
    return true;
  }
  return false;
}

/* First event of class `cls` in [a, b); its start in *es. */
static bool event_in(const struct run *r, const char *t, size_t a, size_t b,
                     const char *cls, size_t *es)
{
  size_t p = a, ws, we;
  while (next_word_any(t, b, p, &ws, &we)) {
    const char *ev = nc_rules_event(r->ex->rules, t + ws, we - ws);
    if (ev && strcmp(ev, cls) == 0) {
      *es = ws;
      return true;
    }
    p = we;
  }
  return false;
}

static bool anaphoric_start(const char *t, size_t a, size_t b)
{
  static const char *const starts[] = {"this action", "this move",
                                       "the move", "the decision",
                                       "this decision", "this step",
                                       "the announcement", "this", NULL};
  size_t i;
  for (i = 0; starts[i]; i++) {
    size_t l = strlen(starts[i]);
    if (a + l <= b && nc_ascii_eq(t + a, l, starts[i]) &&
        nc_word_end(t, b, a + l))
      return true;
  }
  return false;
}

/* Who did the event: joining is done by countries (the main entity when
 * none is named), visits and meetings by people; for other events the
 * nearest person or country.  Nobody named: no claim, rather than a
 * guess. */
static bool subject_of_event(struct run *r, struct docctx *d,
                             const struct sent *sv, const char *cls,
                             size_t es, char **key, char **label)
{
  size_t k = NONE;
  bool by_country = nc_rules_event_by_country(r->ex->rules, cls);
  bool by_person = nc_rules_event_by_person(r->ex->rules, cls);

  if (!by_country)
    k = nearest_before(r, d, sv, es, NC_M_PERSON, NULL);
  if (k == NONE && by_person)
    return false;
  if (k == NONE)
    k = nearest_before(r, d, sv, es, NC_M_COUNTRY, NULL);
  if (k != NONE)
    *key = mention_key(r, &d->ms->items[k], label);
  else if (by_country)
    main_entity(d, key, label); /* "his country will join": the story's */
  else
    return false; /* nobody named: no guess */
  return true;
}

static void generic_date(struct run *r, struct docctx *d,
                         const struct sent *sv, const struct sent *prev,
                         const struct nc_mention *m)
{
  const char *t = d->doc->blocks[sv->s->block].text;
  size_t lo = sv->s->start, hi = sv->s->end, es = 0;
  bool after = false;
  const char *ev = find_event(r, t, lo, hi, m->start, m->end, &es, &after);
  const char *content;
  char *skey = NULL, *slabel = NULL;
  struct nc_value v;

  if (!ev)
    return;
  if (after && !possessor(r, d, sv, m->start, &skey, &slabel))
    return;
  /* The day something was announced is the day of what was announced,
   * when the announcement is of a listed event: "announced Thursday that
   * X will join" dates X's joining. */
  content = nc_rules_event_content(r->ex->rules, ev);
  if (content && !skey) {
    size_t es2;
    if (event_in(r, t, lo, hi, content, &es2)) {
      ev = content;
      es = es2;
    } else if (prev && anaphoric_start(t, lo, hi)) {
      const char *pt = d->doc->blocks[prev->s->block].text;
      if (event_in(r, pt, prev->s->start, prev->s->end, content, &es2)) {
        ev = content;
        main_entity(d, &skey, &slabel);
      }
    }
  }
  if (!skey && !subject_of_event(r, d, sv, ev, es, &skey, &slabel))
    return;
  if (!skey[0]) {
    free(skey);
    free(slabel);
    return;
  }
  date_value(&v, m);
  add_claim(r, d, sv, join("when|", skey, "|", ev, PUT_END),
            join(slabel, ": date of ", ev, PUT_END), &v, m->start, m->end,
            "generic:date", NULL);
  free(skey);
  free(slabel);
}

static void generic_count(struct run *r, struct docctx *d,
                          const struct sent *sv, const struct nc_mention *m)
{
  const char *t = d->doc->blocks[sv->s->block].text;
  size_t lo = sv->s->start, hi = sv->s->end, ws, we, ns, nend = 0, nwords;
  const char *kind;
  char *noun = NULL, *skey = NULL, *slabel = NULL, *key, *label;
  struct nc_value v;
  bool partitive;

  /* counts, amounts of money and percentages are keyed apart */
  kind = m->type == NC_M_MONEY     ? "amount"
         : m->type == NC_M_PERCENT ? "percent"
                                   : "count";
  if (counted_noun(r, t, hi, m->end, &ns, &nend, &nwords, &partitive)) {
    const char *ev = count_event(r, t, lo, hi, m->start, nend);
    /* a bare count of one word ("25 miles", "4 times") says too little
     * to be matched across articles: it needs an event or a longer noun
     * (told before the noun is made, as most are such counts) */
    if (m->type == NC_M_NUMBER && !ev && nwords == 1)
      return;
    /* "magnitude 6.8", "Flight 370": a label, not a count (asked last,
     * as it rarely is one; below, the word before is "of", no label) */
    ws = prev_word(t, lo, m->start, &we);
    if (ws != NONE && may_be_in(number_label_lengths, t + ws, we - ws) &&
        in_sorted(t + ws, we - ws, number_labels, NWORDS(number_labels)))
      return;
    noun = norm_phrase(t + ns, nend - ns);
    if (ev) {
      key = join(kind, "|", noun, "|", ev, PUT_END);
      label = join(m->type == NC_M_NUMBER ? "number" : kind, " of ", noun,
                   " (", ev, ")", PUT_END);
    } else {
      key = join(kind, "|", noun, PUT_END);
      label = join(m->type == NC_M_NUMBER ? "number" : kind, " of ", noun,
                   PUT_END);
    }
  } else {
    size_t k;
    if (partitive)
      return; /* "one of five" */
    noun = noun_of(t, lo, m->start);
    if (!noun)
      return;
    /* "Kazakhstan has a population of 20 million": whose, when a country
     * is named before */
    k = nearest_before(r, d, sv, m->start, NC_M_COUNTRY, NULL);
    if (k != NONE) {
      skey = mention_key(r, &d->ms->items[k], &slabel);
      key = join(kind, "|", skey, "|", noun, PUT_END);
      label = join(slabel, ": ", noun, PUT_END);
    } else {
      key = join(kind, "|", noun, PUT_END);
      label = join(m->type == NC_M_NUMBER ? "number" : kind, " of ", noun,
                   PUT_END);
    }
  }
  number_value(&v, m);
  add_claim(r, d, sv, key, label, &v, m->start, m->end,
            m->type == NC_M_NUMBER    ? "generic:count"
            : m->type == NC_M_PERCENT ? "generic:percent"
                                      : "generic:money",
            NULL);
  free(noun);
  free(skey);
  free(slabel);
}

/* "two years of war": a duration keyed by what it measures. */
static void generic_duration(struct run *r, struct docctx *d,
                             const struct sent *sv,
                             const struct nc_mention *m)
{
  const char *t = d->doc->blocks[sv->s->block].text;
  size_t hi = sv->s->end, ws, we, ws2, we2;
  char *noun, u[2] = {m->unit, 0};
  struct nc_value v;

  if (!next_word(t, hi, m->end, &ws, &we) ||
      !nc_ascii_eq(t + ws, we - ws, "of") ||
      !next_word(t, hi, we, &ws2, &we2) ||
      IS_FUNCTION_WORD(t + ws2, we2 - ws2))
    return;
  noun = norm_phrase(t + ws2, we2 - ws2);
  memset(&v, 0, sizeof v);
  number_value(&v, m);
  snprintf(v.unit, sizeof v.unit, "%s", m->unit == 'Y'   ? "years"
                                        : m->unit == 'M' ? "months"
                                        : m->unit == 'W' ? "weeks"
                                        : m->unit == 'D' ? "days"
                                                         : u);
  add_claim(r, d, sv, join("duration|", noun, PUT_END),
            join("duration of ", noun, PUT_END), &v, m->start, m->end,
            "generic:duration", NULL);
  free(noun);
}

static void generic_title(struct run *r, struct docctx *d,
                          const struct sent *sv, const struct nc_mention *m)
{
  /* a listed person's key and label are read in place, not copied */
  const struct person *p = person_of(r, m);
  char *label = NULL, *key = p ? NULL : mention_key(r, m, &label);
  struct nc_value v;

  memset(&v, 0, sizeof v);
  v.kind = NC_VAL_TEXT;
  v.text = xstrdup(m->title);
  add_claim(r, d, sv, join("title|", p ? p->key : key, PUT_END),
            join(p ? p->final : label, ": title", PUT_END), &v, m->start,
            m->end, "generic:title", NULL);
  free(key);
  free(label);
}

static void generic_layer(struct run *r, struct docctx *d,
                          const struct sent *sv, const struct sent *prev)
{
  size_t k;
  for (k = sv->m0; k < sv->m1; k++) {
    const struct nc_mention *m = &d->ms->items[k];
    if (d->used[k])
      continue;
    switch (m->type) {
    case NC_M_PERSON:
      if (m->title && m->name)
        generic_title(r, d, sv, m);
      break;
    case NC_M_DATE:
      generic_date(r, d, sv, prev, m);
      break;
    case NC_M_NUMBER:
    case NC_M_PERCENT:
    case NC_M_MONEY:
      generic_count(r, d, sv, m);
      break;
    case NC_M_DURATION:
      generic_duration(r, d, sv, m);
      break;
    case NC_M_ORDINAL:
    case NC_M_COUNTRY:
    case NC_M_VAGUE:
      break;
    }
  }
}

/* ---- driver ------------------------------------------------------------ */

static bool generic_value_rule(const char *rule)
{
  return strcmp(rule, "generic:count") == 0 ||
         strcmp(rule, "generic:money") == 0 ||
         strcmp(rule, "generic:percent") == 0 ||
         strcmp(rule, "generic:duration") == 0;
}

/* True when a and b are numbers that nc_value_str writes the same way
 * because every field it writes is the same (the numbers compared bit
 * for bit: 0 and -0 are written apart).  False says nothing: the
 * strings then decide. */
static bool same_number(const struct nc_value *a, const struct nc_value *b)
{
  if (a->kind != NC_VAL_NUMBER || b->kind != NC_VAL_NUMBER ||
      a->approx != b->approx || strcmp(a->unit, b->unit) != 0)
    return false;
  if (a->approx == NC_APPROX_RANGE)
    return memcmp(&a->lo, &b->lo, sizeof a->lo) == 0 &&
           memcmp(&a->hi, &b->hi, sizeof a->hi) == 0;
  return memcmp(&a->num, &b->num, sizeof a->num) == 0;
}

/* A generic key that one document gives several different values ("300
 * miles", "90 miles") names several things in it, so it cannot be
 * matched across documents: those claims are dropped.  Rules' keys are
 * specific enough to keep (a document contradicting itself is shown). */
static void drop_ambiguous(struct nc_claims *out, size_t first)
{
  size_t n = out->n - first, i, j, doc = NONE;
  /* Claims of one document and key are found by a map (of the document
   * whose claims are being read: they come in document order), not by
   * sorting them all.  For each claim, the first of its document with its
   * key (its head, NONE when not generic); for each head, whether a
   * later claim's value differs, and its value as text (made when a
   * later claim needs it). */
  size_t *head = xcalloc(n + 1, sizeof *head);
  bool *differ = xcalloc(n + 1, sizeof *differ);
  char **head_value = xcalloc(n + 1, sizeof *head_value);
  struct nc_strmap bykey = {0}; /* key -> head */

  for (i = first; i < out->n; i++) {
    const struct nc_claim *c = &out->items[i];
    size_t h;
    bool added;
    char *vs;
    head[i - first] = NONE;
    if (!generic_value_rule(c->rule))
      continue;
    if (c->doc != doc) {
      nc_strmap_free(&bykey);
      doc = c->doc;
    }
    h = *nc_strmap_put(&bykey, c->key, strlen(c->key), i - first, &added);
    head[i - first] = h;
    if (added || differ[h] ||
        same_number(&c->value, &out->items[first + h].value))
      continue; /* no need to write them out */
    vs = nc_value_str(&c->value);
    if (!head_value[h])
      head_value[h] = nc_value_str(&out->items[first + h].value);
    if (strcmp(vs, head_value[h]) != 0)
      differ[h] = true;
    free(vs);
  }
  nc_strmap_free(&bykey);
  for (i = first, j = first; i < out->n; i++) {
    size_t h = head[i - first];
    if (h != NONE && differ[h]) {
      claim_release(&out->items[i]);
      continue;
    }
    if (j != i) /* most keep their place: no copy of a claim onto itself */
      out->items[j] = out->items[i];
    j++;
  }
  out->n = j;
  for (i = 0; i < n; i++)
    free(head_value[i]);
  free(head);
  free(differ);
  free(head_value);
}


void nc_claims_extract_inputs(const struct nc_extractor *ex,
                              const struct nc_claim_input *in, size_t n,
                              struct nc_claims *out)
{
  struct run r;
  size_t i, j, k, ri, nrules, first = out->n;
  enum nc_rule_value *value; /* of each rule */

  assert(byte_classes_listed());
  assert(sorted(stop_words, NWORDS(stop_words)) &&
         sorted(function_words, NWORDS(function_words)) &&
         sorted(number_labels, NWORDS(number_labels)));
  assert(shorter(stop_words, NWORDS(stop_words), STOP_WORD_MAX) &&
         shorter(function_words, NWORDS(function_words), FUNCTION_WORD_MAX));
  pthread_once(&word_lengths_once, word_lengths_init);
  memset(&r, 0, sizeof r);
  r.ex = ex;
  r.out = out;
  r.ndocs = n;
  hedge_pairs_init(&r.hedge_pairs);
  r.docs = xcalloc(n + 1, sizeof *r.docs);
  for (i = 0; i < n; i++) {
    r.docs[i].doc = in[i].doc;
    r.docs[i].index = i;
    prepare_doc(&r, &r.docs[i], &in[i]);
  }
  nc_grow(&out->items, &out->cap, out->n + r.values, sizeof *out->items);
  people_link(&r.people);
  people_settle(&r.people);
  nrules = nc_rules_count(ex->rules);
  value = xcalloc(nrules + 1, sizeof *value);
  r.tpls = xcalloc(2 * nrules + 1, sizeof *r.tpls);
  for (ri = 0; ri < nrules; ri++)
    value[ri] = nc_rules_get(ex->rules, ri)->value;
  for (i = 0; i < n; i++) {
    struct docctx *d = &r.docs[i];
    struct sent prev, cur;
    for (j = 0; j < d->sents->n; j++, prev = cur) {
      unsigned types;
      const struct rule_list *l;
      cur = sent_at(d, j);
      for (k = cur.m0; k < cur.m1; k++) {
        const struct nc_mention *m = &d->ms->items[k];
        cur.mtypes |= 1u << m->type;
        if (m->type == NC_M_COUNTRY && !m->demonym)
          cur.countries++;
      }
      types = value_types(&cur);
      l = types ? rules_of(&r, value, nrules, types) : NULL;
      /* the sketch of a sentence with rules to try tells most of them
       * that a search is not worth it: asked here, so that apply_rule is
       * called only for the few that are (made for those rules alone: the
       * words that begin no anchor of theirs are passed over sooner) */
      if (l && l->n) {
        const struct nc_block *b = &d->doc->blocks[cur.s->block];
        nc_rule_sketch_for(&l->filter, b->text + cur.s->start,
                           cur.s->end - cur.s->start, &r.sketch);
      }
      for (k = 0; l && k < l->n; k++)
        if (nc_rule_may_match(ex->rules, l->ri[k], &r.sketch))
          apply_rule(&r, d, &cur, l->ri[k]);
      generic_layer(&r, d, &cur, j ? &prev : NULL);
    }
  }
  drop_ambiguous(out, first);
  for (i = 0; i < n; i++) {
    struct docctx *d = &r.docs[i];
    free(d->used);
    free(d->main_key);
    free(d->main_label);
    free(d->topic_key);
    free(d->topic_label);
    free(d->cps);
  }
  for (i = 0; i < r.people.n; i++) {
    free(r.people.v[i].name);
    free(r.people.v[i].key);
  }
  free(r.people.v);
  nc_strmap_free(&r.people.byname);
  nc_rule_sketch_free(&r.sketch);
  nc_strmap_free(&r.rule_ids);
  for (i = 0; i < NTYPE_SETS; i++)
    free(r.bytypes[i].ri);
  free(value);
  for (i = 0; i < 2 * nrules; i++)
    free(r.tpls[i].p);
  free(r.tpls);
  free(r.docs);
}

void nc_claims_extract(const struct nc_extractor *ex,
                       struct nc_doc *const *docs, size_t ndocs,
                       struct nc_claims *out)
{
  struct nc_claim_input *in = xcalloc(ndocs + 1, sizeof *in);
  size_t i;

  for (i = 0; i < ndocs; i++)
    nc_claim_input_build(ex, docs[i], &in[i]);
  nc_claims_extract_inputs(ex, in, ndocs, out);
  for (i = 0; i < ndocs; i++)
    nc_claim_input_free(&in[i]);
  free(in);
}

size_t nc_rules_check_examples(const struct nc_extractor *ex,
                               struct nc_buf *log, size_t *nexamples)
{
  size_t ri, xi, k, fails = 0, count = 0;

  for (ri = 0; ri < nc_rules_count(ex->rules); ri++) {
    const struct nc_rule *rule = nc_rules_get(ex->rules, ri);
    for (xi = 0; xi < rule->nexamples; xi++) {
      const struct nc_rule_example *x = &rule->examples[xi];
      struct nc_source src;
      struct nc_doc *doc = NULL;
      struct nc_claims claims = {0};
      struct nc_error err;
      size_t c;

      count++;
      fails += nc_rule_check_trigger(ex->rules, ri, x->text,
                                     strlen(x->text), log);
      memset(&src, 0, sizeof src);
      src.id = (char *)"example";
      src.published = x->published;
      if (nc_doc_from_text(&src, xstrdup(x->text), strlen(x->text), &doc,
                           &err) != NC_OK) {
        nc_buf_printf(log, "%s: example %zu: %s\n", rule->id, xi, err.msg);
        fails++;
        continue;
      }
      nc_claims_extract(ex, &doc, 1, &claims);
      /* an example with no claims is a counter-example: the rule must
       * make none there (other rules may) */
      for (c = 0; x->n == 0 && c < claims.n; c++) {
        char *vs;
        if (strcmp(claims.items[c].rule, rule->id) != 0)
          continue;
        vs = nc_value_str(&claims.items[c].value);
        fails++;
        nc_buf_printf(log, "%s: example %zu: a counter-example, yet the rule "
                           "claims %s = %s in \"%s\"\n",
                      rule->id, xi, claims.items[c].key, vs, x->text);
        free(vs);
      }
      for (k = 0; k < x->n; k++) {
        bool found = false;
        for (c = 0; c < claims.n && !found; c++) {
          char *vs = nc_value_str(&claims.items[c].value);
          found = strcmp(claims.items[c].key, x->keys[k]) == 0 &&
                  strcmp(vs, x->values[k]) == 0;
          free(vs);
        }
        if (!found) {
          fails++;
          nc_buf_printf(log, "%s: example %zu: missing claim %s = %s in "
                             "\"%s\"; got:\n",
                        rule->id, xi, x->keys[k], x->values[k], x->text);
          for (c = 0; c < claims.n; c++) {
            char *vs = nc_value_str(&claims.items[c].value);
            nc_buf_printf(log, "    %s = %s (%s)\n", claims.items[c].key,
                          vs, claims.items[c].rule);
            free(vs);
          }
        }
      }
      nc_claims_free(&claims);
      nc_doc_free(doc);
    }
  }
  *nexamples = count;
  return fails;
}
