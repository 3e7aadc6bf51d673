/* numbers.c: the value recognizer.  Takes one sentence (bytes) and the
 * value word lists of data/lexicon; produces number, ordinal, percent,
 * money, duration and vague-quantity mentions (dates come from dates.c)
 * in one left-to-right pass over tokens, with approximation words kept. */
#include "mentions_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "simd.h"
#include "values_int.h"

/* ---- the lexicon: one hash table of lower-case keys ---- */

/* The lexicon's hash reads the lower-cased bytes of a key eight at a
 * time, as little-endian words (the last padded with zeros), so that the
 * tokenizer hashes a word of ASCII letters with one step per eight; a key
 * of eight bytes at most, as most words are, takes one multiplication.
 * A table slot comes from the top bits of the hash, on which every byte
 * of a short key acts. */
#define LEX_SEED 0x243F6A8885A308D3ull
#define LEX_MUL 0x9E3779B97F4A7C15ull
#define HIGH 0x8080808080808080ull

static inline uint64_t lex_mix(uint64_t h, uint64_t chunk)
{
  return (h ^ chunk) * LEX_MUL;
}

/* The hash of a key of more than eight bytes once its chunks are mixed
 * into h. */
static inline uint32_t lex_end(uint64_t h, size_t n)
{
  h ^= h >> 29;
  return (uint32_t)(((h ^ n) * LEX_MUL) >> 32);
}

/* The hash of a key of eight bytes at most, `chunk` its lower case. */
static inline uint32_t lex_short(uint64_t chunk)
{
  return (uint32_t)((chunk * LEX_MUL) >> 32);
}

/* The first slot to probe for hash h in a table of nslots. */
static inline size_t lex_slot(uint32_t h, size_t nslots)
{
  return (size_t)(((uint64_t)h * nslots) >> 32);
}

static uint32_t hash_lower(const char *s, size_t n)
{
  uint64_t h = LEX_SEED;
  size_t i;
  if (n <= 8)
    return lex_short(nc_lower8(nc_load8(s, n)));
  for (i = 0; i < n; i += 8)
    h = lex_mix(h, nc_lower8(nc_load8(s + i, n - i)));
  return lex_end(h, n);
}

/* True when the key of e is s[0..n) in lower case. */
static inline bool key_eq(const struct nc_lexent *e, const char *s,
                          size_t n)
{
  size_t i;
  if (e->len != n)
    return false;
  for (i = 0; i < n; i++) {
    if (e->key[i] != (char)nc_ascii_lower((unsigned char)s[i]))
      return false;
  }
  return true;
}

/* The tag of hash h kept in its slot: its low byte, which the slot
 * (from the top bits) does not use, with bit 0 set.  A byte a slot keeps
 * the tags of a table an eighth full in 8 KiB, read for every word (a
 * larger array missed the first-level cache often); the slots themselves
 * are read only when a tag matches, and a tag that matches another key's
 * (one in 128) costs only a key comparison. */
static inline uint8_t lex_tag(uint32_t h)
{
  return (uint8_t)(h | 1u);
}

/* Key lookup with h, the hash_lower of the key, already known, in a
 * table that is not empty (as after loading): the key is s[0..n), or,
 * when s is NULL, an ASCII word of n <= 8 letters whose lower case as a
 * word is `head` (compared as one 64-bit word). */
static inline const struct nc_lexent *numlex_probe(const struct nc_numlex *lx,
                                                   uint32_t h, const char *s,
                                                   size_t n, uint64_t head)
{
  size_t mask = lx->nslots - 1, k;
  /* a tag of 0 is an empty slot; most probes end at one, or at a tag
   * that differs, without comparing keys */
  for (k = lex_slot(h, lx->nslots); lx->tags[k]; k = (k + 1) & mask) {
    const struct nc_lexent *e;
    if (lx->tags[k] != lex_tag(h))
      continue;
    e = &lx->ents[lx->slots[k] - 1];
    if (s ? key_eq(e, s, n) : e->len == n && e->head == head)
      return e;
  }
  return NULL;
}

static inline const struct nc_lexent *
numlex_find_short(const struct nc_numlex *lx, uint64_t head, size_t n,
                  uint32_t h)
{
  return numlex_probe(lx, h, NULL, n, head);
}

static inline const struct nc_lexent *numlex_find(const struct nc_numlex *lx,
                                                  const char *s, size_t n,
                                                  uint32_t h)
{
  return numlex_probe(lx, h, s, n, 0);
}

const struct nc_lexent *nc_numlex_get(const struct nc_numlex *lx,
                                      const char *s, size_t n)
{
  if (!lx || lx->nslots == 0)
    return NULL;
  return numlex_find(lx, s, n, hash_lower(s, n));
}

/* Keys a new table has room for, more than the lists hold: loading them
 * copies no entries and rehashes no slots (a longer list still doubles
 * both).  Its slots are an eighth full with that many. */
#define LEX_KEYS0 1024
#define LEX_SLOTS0 (LEX_KEYS0 * 8)

/* Bytes of key text allocated at a time: the keys are a few KiB in all,
 * and a malloc and a free for each of them were a sixth of the work of
 * loading the lists. */
#define KEY_BLOCK 4096

/* A copy of key[0..n) in lower case, NUL-terminated, in the lexicon's
 * arena of key text. */
static char *key_copy(struct nc_numlex *lx, const char *key, size_t n)
{
  char *p;
  size_t k;
  p = nc_arena_alloc(&lx->keys, n + 1);
  for (k = 0; k < n; k++)
    p[k] = (char)nc_ascii_lower((unsigned char)key[k]);
  p[n] = '\0';
  return p;
}

static void rehash(struct nc_numlex *lx, size_t nslots)
{
  size_t i, mask = nslots - 1;
  free(lx->slots);
  free(lx->tags);
  lx->slots = xcalloc(nslots, sizeof *lx->slots);
  lx->tags = xcalloc(nslots, sizeof *lx->tags);
  lx->nslots = nslots;
  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    uint32_t h = hash_lower(e->key, e->len);
    size_t k = lex_slot(h, nslots);
    while (lx->slots[k])
      k = (k + 1) & mask;
    lx->slots[k] = (uint32_t)(i + 1);
    lx->tags[k] = lex_tag(h);
  }
}

/* The entry for `key` (lower-cased, blanks collapsed), created empty. */
static struct nc_lexent *lex_entry(struct nc_numlex *lx, const char *key,
                                   size_t n)
{
  const struct nc_lexent *found = nc_numlex_get(lx, key, n);
  struct nc_lexent *e;
  if (found)
    return (struct nc_lexent *)found;
  nc_grow(&lx->ents, &lx->cap, lx->cap ? lx->n + 1 : LEX_KEYS0,
          sizeof *lx->ents);
  e = &lx->ents[lx->n++];
  memset(e, 0, sizeof *e);
  e->key = key_copy(lx, key, n);
  e->len = n;
  e->head = nc_load8(e->key, n);
  e->curmult = 1;
  e->tmult = 1;
  /* an eighth full at most: most probes of a word that is no key end at
   * the first, empty, slot, and few of a key pass another's */
  if (lx->n * 8 > lx->nslots)
    rehash(lx, lx->nslots ? lx->nslots * 2 : LEX_SLOTS0);
  else {
    size_t mask = lx->nslots - 1;
    uint32_t h = hash_lower(e->key, n);
    size_t k = lex_slot(h, lx->nslots);
    while (lx->slots[k])
      k = (k + 1) & mask;
    lx->slots[k] = (uint32_t)lx->n;
    lx->tags[k] = lex_tag(h);
  }
  return e;
}

/* Byte length of the token that starts key[i] (a letter run, a digit run
 * or one character), the same cut the text tokenizer makes. */
static size_t key_tok(const char *key, size_t n, size_t i)
{
  size_t j = i;
  unsigned char c = (unsigned char)key[i];
  if (nc_is_alpha(c)) {
    while (j < n && nc_is_alpha((unsigned char)key[j]))
      j++;
  } else if (nc_is_digit(c)) {
    while (j < n && nc_is_digit((unsigned char)key[j]))
      j++;
  } else {
    j++;
    while (j < n && ((unsigned char)key[j] & 0xC0) == 0x80)
      j++;
  }
  return j - i;
}

/* Add `role` to the key `word` (a word or a phrase); a phrase also marks
 * its first token, so that scanning only tries phrases where one may
 * begin.  Returns the entry to fill. */
static struct nc_lexent *lex_add(struct nc_numlex *lx, const char *word,
                                 unsigned role)
{
  char buf[128];
  size_t n = 0, i, ntok = 0, first = 0, second = 0, second_len = 0;
  struct nc_lexent *e;
  bool blank = false;

  for (i = 0; word[i] && n + 1 < sizeof buf; i++) {
    if (nc_is_space((unsigned char)word[i])) {
      blank = n > 0;
      continue;
    }
    if (blank)
      buf[n++] = ' ';
    blank = false;
    buf[n++] = (char)nc_ascii_lower((unsigned char)word[i]);
  }
  for (i = 0; i < n;) {
    if (buf[i] == ' ') {
      i++;
      continue;
    }
    if (ntok == 0)
      first = key_tok(buf, n, i);
    if (ntok == 1) {
      second = i;
      second_len = key_tok(buf, n, i);
    }
    i += key_tok(buf, n, i);
    ntok++;
    if (ntok >= 2 && i < n) {
      /* a beginning of the key of two tokens or more, for the filter
       * that stops nc_vphrase_long at a text that begins no key */
      uint32_t h = hash_lower(buf, i);
      lx->begins[(h >> 6) & 63] |= 1ull << (h & 63);
    }
  }
  if (ntok > 1) {
    e = lex_entry(lx, buf, first);
    e->flags |= W_PHRASE;
    e->lead |= role;
    if (nc_is_alpha((unsigned char)buf[second]))
      e->next |= 1ull << (hash_lower(buf + second, second_len) & 63);
    else
      e->next = ~0ull;
    if (e->ntok < (int)ntok)
      e->ntok = (int)ntok;
  }
  e = lex_entry(lx, buf, n);
  e->flags |= role;
  return e;
}

void nc_numlex_free(struct nc_numlex *lx)
{
  if (!lx)
    return;
  nc_arena_free(&lx->keys);
  free(lx->ents);
  free(lx->slots);
  free(lx->tags);
  free(lx);
}

/* What a JSON field's values fill in an entry. */
enum field { F_NONE, F_NUM, F_ORD, F_DENOM, F_MONTH, F_WDAY, F_RELDAYS };

/* Roles whose words share the `num` slot of an entry. */
#define NUM_ROLES (W_UNIT | W_TEN | W_SCALE | W_SUFFIX | W_MULT)

struct loader {
  struct nc_numlex *lx;
  const char *file;
  struct nc_error *err;
  unsigned *stamp; /* per entry: serial of the last field that named it */
  size_t nstamp;   /* entries stamp has room for */
  unsigned field;  /* serial of the field being read, from 1 */
};

static enum nc_status bad(struct loader *ld, const char *field,
                          const char *what)
{
  return nc_error_set(ld->err, NC_RULE, ld->file, 0, "\"%s\": %s", field,
                      what);
}

/* An error about the entry `key` of the object `field`. */
static enum nc_status bad_key(struct loader *ld, const char *field,
                              const char *key, const char *what)
{
  return nc_error_set(ld->err, NC_RULE, ld->file, 0, "\"%s\"[\"%s\"]: %s",
                      field, key, what);
}

/* An error about item `idx` of the array `field`. */
static enum nc_status bad_item(struct loader *ld, const char *field,
                               size_t idx, const char *what)
{
  return nc_error_set(ld->err, NC_RULE, ld->file, 0, "\"%s\"[%zu]: %s",
                      field, idx, what);
}

/* Check the top-level fields of a file: each one of `fields` (NULL
 * ended, at most 31) or "comment" (a string), and none twice. */
static enum nc_status check_fields(struct loader *ld, const cJSON *root,
                                   const char *const *fields)
{
  bool seen[32] = {false};
  const cJSON *it;

  cJSON_ArrayForEach(it, root)
  {
    size_t k;
    if (strcmp(it->string, "comment") == 0) {
      if (!cJSON_IsString(it))
        return bad(ld, it->string, "expected a string");
      k = 31;
    } else {
      for (k = 0; fields[k] && k < 31; k++) {
        if (strcmp(fields[k], it->string) == 0)
          break;
      }
      if (!fields[k] || k == 31)
        return nc_error_set(ld->err, NC_RULE, ld->file, 0,
                            "unknown top-level field \"%s\"", it->string);
    }
    if (seen[k])
      return nc_error_set(ld->err, NC_RULE, ld->file, 0,
                          "duplicate top-level field \"%s\"", it->string);
    seen[k] = true;
  }
  return NC_OK;
}

/* The field `name` of root; starts a new field for duplicate checks. */
static const cJSON *field_get(struct loader *ld, const cJSON *root,
                              const char *name)
{
  ld->field++;
  return cJSON_GetObjectItemCaseSensitive(root, name);
}

/* True when w holds nothing but white space. */
static bool blank_word(const char *w)
{
  for (; *w; w++) {
    if (!nc_is_space((unsigned char)*w))
      return false;
  }
  return true;
}

/* Add `word` with `role` for the field being read; NULL when that field
 * already named it (keys compare in lower case, blanks collapsed). */
static struct nc_lexent *add_word(struct loader *ld, const char *word,
                                  unsigned role)
{
  struct nc_lexent *e = lex_add(ld->lx, word, role);
  size_t i = (size_t)(e - ld->lx->ents);

  if (ld->nstamp < ld->lx->n) {
    size_t old = ld->nstamp;
    nc_grow(&ld->stamp, &ld->nstamp, ld->lx->n, sizeof *ld->stamp);
    memset(ld->stamp + old, 0, (ld->nstamp - old) * sizeof *ld->stamp);
  }
  if (ld->stamp[i] == ld->field)
    return NULL;
  ld->stamp[i] = ld->field;
  return e;
}

/* Why v cannot be a value of kind f, or NULL when it can. */
static const char *value_error(enum field f, double v)
{
  bool whole = isfinite(v) && v == floor(v);

  if (!isfinite(v))
    return "expected a finite number";
  switch (f) {
  case F_NUM: return v >= 0 ? NULL : "expected a number >= 0";
  case F_ORD:
  case F_DENOM: return v >= 1 ? NULL : "expected a number >= 1";
  case F_MONTH:
    return whole && v >= 1 && v <= 12 ? NULL : "expected a month, 1 to 12";
  case F_WDAY:
    return whole && v >= 0 && v <= 6
               ? NULL
               : "expected a weekday, 0 (Monday) to 6";
  case F_RELDAYS:
    return whole && fabs(v) <= 366 ? NULL
                                   : "expected a whole number of days";
  case F_NONE: break;
  }
  return NULL;
}

/* {"word": number, ...} */
static enum nc_status load_numobj(struct loader *ld, const cJSON *root,
                                  const char *field, unsigned role,
                                  enum field f)
{
  const cJSON *obj = field_get(ld, root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    struct nc_lexent *e;
    const char *why;
    double v = it->valuedouble;
    if (blank_word(it->string))
      return bad_key(ld, field, it->string, "empty word");
    if (!cJSON_IsNumber(it))
      return bad_key(ld, field, it->string, "expected a number");
    if ((why = value_error(f, v)) != NULL)
      return bad_key(ld, field, it->string, why);
    e = add_word(ld, it->string, role);
    if (!e)
      return bad_key(ld, field, it->string, "listed twice");
    switch (f) {
    case F_NUM:
      /* number words, scales and multipliers share `num` */
      if ((e->flags & NUM_ROLES & ~role) && e->num != v)
        return bad_key(ld, field, it->string,
                       "another field gives it another value");
      e->num = v;
      break;
    case F_ORD: e->ord = v; break;
    case F_DENOM: e->denom = v; break;
    case F_MONTH: e->month = it->valueint; break;
    case F_WDAY: e->wday = it->valueint; break;
    case F_RELDAYS: e->reldays = it->valueint; break;
    case F_NONE: break;
    }
  }
  return NC_OK;
}

/* ["word", ...] */
static enum nc_status load_list(struct loader *ld, const cJSON *root,
                                const char *field, unsigned role)
{
  const cJSON *arr = field_get(ld, root, field), *it;
  size_t idx = 0;
  if (!cJSON_IsArray(arr))
    return bad(ld, field, "expected an array");
  cJSON_ArrayForEach(it, arr)
  {
    if (!cJSON_IsString(it) || blank_word(it->valuestring))
      return bad_item(ld, field, idx, "expected a word");
    if (!add_word(ld, it->valuestring, role))
      return nc_error_set(ld->err, NC_RULE, ld->file, 0,
                          "\"%s\"[%zu]: \"%s\" listed twice", field, idx,
                          it->valuestring);
    idx++;
  }
  return NC_OK;
}

/* Is j a string of three capital letters (an ISO 4217 code)? */
static bool is_code(const cJSON *j)
{
  const char *s = cJSON_IsString(j) ? j->valuestring : NULL;
  size_t i;
  if (!s || strlen(s) != 3)
    return false;
  for (i = 0; i < 3; i++) {
    if (s[i] < 'A' || s[i] > 'Z')
      return false;
  }
  return true;
}

/* {"name": "CODE" or ["CODE", multiplier]} */
static enum nc_status load_curobj(struct loader *ld, const cJSON *root,
                                  const char *field, unsigned role)
{
  const cJSON *obj = field_get(ld, root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    const cJSON *code = it, *mult = NULL;
    struct nc_lexent *e;
    double m = 1;
    if (blank_word(it->string))
      return bad_key(ld, field, it->string, "empty word");
    if (cJSON_IsArray(it)) {
      code = cJSON_GetArraySize(it) == 2 ? cJSON_GetArrayItem(it, 0) : NULL;
      mult = code ? cJSON_GetArrayItem(it, 1) : NULL;
      if (!cJSON_IsNumber(mult) || !isfinite(mult->valuedouble) ||
          mult->valuedouble <= 0)
        code = NULL;
      else
        m = mult->valuedouble;
    }
    if (!is_code(code))
      return bad_key(ld, field, it->string,
                     "expected \"CODE\" or [\"CODE\", number > 0]");
    e = add_word(ld, it->string, role);
    if (!e)
      return bad_key(ld, field, it->string, "listed twice");
    if (e->cur[0] &&
        (memcmp(e->cur, code->valuestring, 3) != 0 || e->curmult != m))
      return bad_key(ld, field, it->string,
                     "another field gives it another currency");
    memcpy(e->cur, code->valuestring, 4);
    e->curmult = m;
  }
  return NC_OK;
}

/* {"word": ["Y|M|W|D|h|m|s", multiplier]} */
static enum nc_status load_units(struct loader *ld, const cJSON *root)
{
  const char *field = "time_units";
  const cJSON *obj = field_get(ld, root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    const cJSON *u = cJSON_GetArrayItem(it, 0);
    const cJSON *m = cJSON_GetArrayItem(it, 1);
    struct nc_lexent *e;
    if (blank_word(it->string))
      return bad_key(ld, field, it->string, "empty word");
    if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2 ||
        !cJSON_IsString(u) || strlen(u->valuestring) != 1 ||
        !strchr("YMWDhms", u->valuestring[0]) || !cJSON_IsNumber(m) ||
        !isfinite(m->valuedouble) || m->valuedouble <= 0)
      return bad_key(ld, field, it->string,
                     "expected [\"Y|M|W|D|h|m|s\", number > 0]");
    e = add_word(ld, it->string, W_TUNIT);
    if (!e)
      return bad_key(ld, field, it->string, "listed twice");
    e->tunit = u->valuestring[0];
    e->tmult = m->valuedouble;
  }
  return NC_OK;
}

static enum nc_status load_approx(struct loader *ld, const cJSON *root)
{
  static const char *const names[] = {"",         "about",
                                      "more_than", "less_than",
                                      "at_least",  "at_most",
                                      "range"};
  const char *field = "approx";
  const cJSON *obj = field_get(ld, root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    struct nc_lexent *e;
    int a;
    if (blank_word(it->string))
      return bad_key(ld, field, it->string, "empty word");
    if (!cJSON_IsString(it))
      return bad_key(ld, field, it->string, "expected a string");
    for (a = 1; a < 7 && strcmp(names[a], it->valuestring) != 0; a++)
      ;
    if (a == 7)
      return bad_key(ld, field, it->string,
                     "unknown approximation (about, more_than, less_than, "
                     "at_least, at_most, range)");
    e = add_word(ld, it->string, W_APPROX);
    if (!e)
      return bad_key(ld, field, it->string, "listed twice");
    e->approx = (enum nc_approx)a;
  }
  return NC_OK;
}

/* The top-level fields of each file besides "comment". */
static const char *const numbers_fields[] = {
    "units",     "tens",     "scales",  "scale_suffixes",
    "ordinals",  "fractions", "ordinal_suffixes", "vague",
    "percent",   "multipliers", "negative", NULL};
static const char *const calendar_fields[] = {
    "months",         "ambiguous_months",      "weekdays",
    "ambiguous_weekdays", "weekday_abbreviations", "day_parts",
    "time_units",     "relative_days",         "year_context",
    "month_context",  "past_words",            "future_words",
    "ed_exceptions",  "when_words",            NULL};
static const char *const currencies_fields[] = {
    "symbols", "symbol_prefixes", "names", "code_names", "codes", NULL};
static const char *const approx_fields[] = {"approx", NULL};

static enum nc_status load_numbers(struct loader *ld, const cJSON *r)
{
  enum nc_status st;
  if ((st = load_numobj(ld, r, "units", W_UNIT, F_NUM)) ||
      (st = load_numobj(ld, r, "tens", W_TEN, F_NUM)) ||
      (st = load_numobj(ld, r, "scales", W_SCALE, F_NUM)) ||
      (st = load_numobj(ld, r, "scale_suffixes", W_SUFFIX, F_NUM)) ||
      (st = load_numobj(ld, r, "ordinals", W_ORD, F_ORD)) ||
      (st = load_numobj(ld, r, "fractions", W_FRAC, F_DENOM)) ||
      (st = load_list(ld, r, "ordinal_suffixes", W_ORDSFX)) ||
      (st = load_list(ld, r, "vague", W_VAGUE)) ||
      (st = load_list(ld, r, "percent", W_PERCENT)) ||
      (st = load_numobj(ld, r, "multipliers", W_MULT, F_NUM)) ||
      (st = load_list(ld, r, "negative", W_NEG)))
    return st;
  return NC_OK;
}

static enum nc_status load_calendar(struct loader *ld, const cJSON *r)
{
  enum nc_status st;
  if ((st = load_numobj(ld, r, "months", W_MONTH, F_MONTH)) ||
      (st = load_list(ld, r, "ambiguous_months", W_AMBIG)) ||
      (st = load_numobj(ld, r, "weekdays", W_WDAY, F_WDAY)) ||
      (st = load_list(ld, r, "ambiguous_weekdays", W_AMBIG)) ||
      (st = load_list(ld, r, "weekday_abbreviations", W_ABBR)) ||
      (st = load_list(ld, r, "day_parts", W_DAYPART)) ||
      (st = load_units(ld, r)) ||
      (st = load_numobj(ld, r, "relative_days", W_RELDAY, F_RELDAYS)) ||
      (st = load_list(ld, r, "year_context", W_YEARCTX)) ||
      (st = load_list(ld, r, "month_context", W_MONTHCTX)) ||
      (st = load_list(ld, r, "past_words", W_PAST)) ||
      (st = load_list(ld, r, "future_words", W_FUTURE)) ||
      (st = load_list(ld, r, "ed_exceptions", W_EDX)) ||
      (st = load_list(ld, r, "when_words", W_WHEN)))
    return st;
  return NC_OK;
}

static enum nc_status load_currencies(struct loader *ld, const cJSON *r)
{
  enum nc_status st;
  const char *field = "codes";
  const cJSON *codes, *it;
  size_t idx = 0;
  if ((st = load_curobj(ld, r, "symbols", W_CURSYM)) ||
      (st = load_curobj(ld, r, "symbol_prefixes", W_CURPFX)) ||
      (st = load_curobj(ld, r, "names", W_CURNAME)) ||
      (st = load_curobj(ld, r, "code_names", W_CURNAME | W_CODE)))
    return st;
  codes = field_get(ld, r, field);
  if (!cJSON_IsArray(codes))
    return bad(ld, field, "expected an array");
  cJSON_ArrayForEach(it, codes)
  {
    struct nc_lexent *e;
    if (!is_code(it))
      return bad_item(ld, field, idx, "expected a three-letter code");
    e = add_word(ld, it->valuestring, W_CODE);
    if (!e)
      return nc_error_set(ld->err, NC_RULE, ld->file, 0,
                          "\"%s\"[%zu]: \"%s\" listed twice", field, idx,
                          it->valuestring);
    if (e->cur[0] && memcmp(e->cur, it->valuestring, 3) != 0)
      return bad_item(ld, field, idx,
                      "another field gives it another currency");
    memcpy(e->cur, it->valuestring, 4);
    idx++;
  }
  return NC_OK;
}

static enum nc_status load_file(struct loader *ld, const char *dir,
                                const char *name,
                                const char *const *fields,
                                enum nc_status (*fill)(struct loader *,
                                                       const cJSON *))
{
  char path[1024];
  char *data = NULL;
  size_t len = 0;
  cJSON *root;
  enum nc_status st;

  snprintf(path, sizeof path, "%s/%s", dir, name);
  st = nc_read_file(path, NC_MAX_INPUT_BYTES, &data, &len, ld->err);
  if (st != NC_OK)
    return st;
  root = cJSON_ParseWithLength(data, len);
  free(data);
  if (!root || !cJSON_IsObject(root)) {
    cJSON_Delete(root);
    return nc_error_set(ld->err, NC_RULE, path, 0, "not a JSON object");
  }
  ld->file = path;
  st = check_fields(ld, root, fields);
  if (st == NC_OK)
    st = fill(ld, root);
  ld->file = NULL;
  cJSON_Delete(root);
  return st;
}

/* Give the key `word` (one of the starters, so always present) the
 * keyword bit `kw`. */
static void mark_kw(struct nc_numlex *lx, const char *word, unsigned kw)
{
  struct nc_lexent *e =
      (struct nc_lexent *)nc_numlex_get(lx, word, strlen(word));
  if (e)
    e->kw |= kw;
}

/* The roles of a word that begins a date by itself. */
#define W_DATES (W_MONTH | W_WDAY | W_RELDAY)

/* Once the lists are read: mark with W_BEGIN the keys at which a value
 * may begin, give the words the rules name their KW_* bits, and fill the
 * table of one-byte keys and the filters of keys outside ASCII
 * (high_first, high_one).  A word that only begins longer keys
 * (W_PHRASE) begins a value only when one of those has a role that
 * begins one: "is" of "is expected to" does not.  An upper-case word of
 * four letters, "M" and a currency code, is money in millions ("MUSD
 * 5"), so such a key is kept too.  The KW_*ONLY, KW_LEAD and
 * KW_DATEWORD bits let scan_at skip the parts of value_at that cannot
 * apply: each rests on the words value_at tests, so they change with
 * it. */
static void mark_begins(struct nc_numlex *lx)
{
  static const char *const date_words[] = {
      "the", "last", "past", "next", "coming", "this", "earlier", "later",
      "mid", "early", "late", NULL};
  static const char *const qty_words[] = {"half", "a", "an", NULL};
  size_t i;
  for (i = 0; date_words[i]; i++)
    mark_kw(lx, date_words[i], KW_DATE);
  for (i = 0; qty_words[i]; i++)
    mark_kw(lx, qty_words[i], KW_QTY);
  for (i = 0; i < lx->n; i++) {
    struct nc_lexent *e = &lx->ents[i];
    const struct nc_lexent *c;
    if (e->len == 4 && e->key[0] == 'm' &&
        (c = nc_numlex_get(lx, e->key + 1, 3)) && (c->flags & W_CODE))
      e->flags |= W_BEGIN;
    else if (e->flags & W_STARTS & ~W_PHRASE) {
      e->flags |= W_BEGIN;
      if (e->kw == KW_DATE &&
          !(e->flags & W_STARTS & ~(W_PHRASE | W_START)))
        e->kw |= KW_DATEONLY;
      if (e->kw == KW_QTY &&
          !(e->flags & W_STARTS & ~(W_PHRASE | W_START | W_CURPFX)))
        e->kw |= KW_QTYONLY;
      if (!e->kw && !(e->flags & W_STARTS & ~(W_PHRASE | W_APPROX)))
        e->kw |= KW_LEAD;
      if (!e->kw && !(e->flags & W_CURNAME) && !(e->lead & W_STARTS) &&
          !(e->flags & W_STARTS & ~(W_PHRASE | W_CURPFX | W_CODE)))
        e->kw |= KW_MONEYONLY;
      if (!e->kw && !(e->lead & W_STARTS & ~W_DATES) &&
          !(e->flags & W_STARTS & ~(W_PHRASE | W_DATES)))
        e->kw |= KW_DATEWORD;
    } else if (e->lead & W_STARTS) {
      e->flags |= W_BEGIN;
      if (!e->kw)
        e->kw |= KW_LEAD;
    }
    /* what scan_at then tries of these needs the token after the word to
     * be a number, a mark, a listed word or the next word of a longer
     * key: a date, a quantity, an approximation's phrase or a vague one
     * ("the 27th", "a dozen", "in excess of") */
    if ((e->kw & (KW_DATEONLY | KW_QTYONLY)) ||
        ((e->kw & KW_LEAD) && !(e->flags & W_APPROX)) ||
        ((e->kw & KW_MONEYONLY) && !(e->flags & W_CODE)))
      e->kw |= KW_NEXTLISTED;
  }
  for (i = 0; i < 128; i++) {
    char c = (char)i;
    lx->ascii[i] = nc_numlex_get(lx, &c, 1);
  }
  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    size_t k;
    uint32_t cp;
    for (k = 0; k < e->len && (unsigned char)e->key[k] < 0x80; k++)
      ;
    if (k < e->len)
      lx->high_first[(unsigned char)e->key[0]] = true;
    /* a text character has the cp and length its key decodes to */
    if (k == 0 && nc_utf8_decode(e->key, e->len, &cp) == e->len)
      lx->high_one[(cp >> 6) & 15] |= 1ull << (cp & 63);
  }
}

enum nc_status nc_numlex_load(const char *dir, struct nc_numlex **out,
                              struct nc_error *err)
{
  /* words that begin a value without a role of their own in the lists:
   * "the 27th", "mid-2024", "last week", "a third", "per cent of 10" */
  static const char *const starters[] = {
      "the", "mid", "early", "late", "last", "past", "next", "coming",
      "this", "earlier", "later", "a", "an", "half", "per", "percent",
      NULL};
  struct loader ld;
  enum nc_status st;
  size_t i;

  memset(&ld, 0, sizeof ld);
  ld.lx = xcalloc(1, sizeof *ld.lx);
  ld.lx->keys.block = KEY_BLOCK;
  ld.err = err;
  if ((st = load_file(&ld, dir, "numbers.json", numbers_fields,
                      load_numbers)) ||
      (st = load_file(&ld, dir, "calendar.json", calendar_fields,
                      load_calendar)) ||
      (st = load_file(&ld, dir, "currencies.json", currencies_fields,
                      load_currencies)) ||
      (st = load_file(&ld, dir, "approx.json", approx_fields,
                      load_approx))) {
    free(ld.stamp);
    nc_numlex_free(ld.lx);
    return st;
  }
  free(ld.stamp);
  for (i = 0; starters[i]; i++)
    lex_add(ld.lx, starters[i], W_START);
  mark_begins(ld.lx);
  *out = ld.lx;
  return NC_OK;
}

/* ---- tokens ---- */

static bool space_cp(uint32_t cp)
{
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* Letters outside ASCII (accented names) continue a word; punctuation
 * and symbols do not. */
static bool letter_cp(uint32_t cp)
{
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
    return false;
  if (cp >= 0x2000 && cp <= 0x2BFF)
    return false;
  if (cp >= 0x3000 && cp <= 0x303F)
    return false;
  return cp != 0xFEFF && cp != 0xFFFD;
}

/* How many tokens tok_words makes room for at a time. */
#define TOK_AHEAD 512

/* Room for `more` tokens. */
static void tok_reserve(struct nc_vscan *sc, size_t more)
{
  if (sc->t == sc->local) {
    /* past the buffer on the stack: move to the heap */
    struct nc_vtok *h = NULL;
    size_t cap = 0;
    nc_grow(&h, &cap, sc->n + more, sizeof *h);
    memcpy(h, sc->t, sc->n * sizeof *h);
    sc->t = h;
    sc->cap = cap;
  }
  nc_grow(&sc->t, &sc->cap, sc->n + more, sizeof *sc->t);
}

/* Room for one more token. */
static void tok_grow(struct nc_vscan *sc)
{
  tok_reserve(sc, 1);
}

/* The next token, to be filled by the caller. */
static inline struct nc_vtok *tok_slot(struct nc_vscan *sc)
{
  if (sc->n == sc->cap)
    tok_grow(sc);
  return &sc->t[sc->n++];
}

static inline struct nc_vtok *tok_new(struct nc_vscan *sc,
                                      enum nc_tok_kind k, size_t start,
                                      size_t end, bool space)
{
  struct nc_vtok *t = tok_slot(sc);
  *t = (struct nc_vtok){.start = start,
                        .end = end,
                        .kind = k,
                        .space = space,
                        .begin = k == NC_T_NUM};
  return t;
}

static double digits_value(const char *s, size_t n)
{
  static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  char buf[64];
  size_t i, k = 0;
  uint64_t v = 0;
  int ndig = 0, frac = -1;
  bool plain = true;
  for (i = 0; i < n; i++) {
    if (nc_is_digit((unsigned char)s[i])) {
      v = v * 10 + (uint64_t)(s[i] - '0');
      ndig++;
      frac += frac >= 0;
    } else if (s[i] == '.' && frac < 0) {
      frac = 0;
    } else if (s[i] != ',' && s[i] != ' ') {
      plain = false;
    }
  }
  /* up to 15 digits and a decimal point: the digits as an integer and
   * the power of ten are exact in a double, so one division rounds as
   * strtod does */
  if (plain && ndig <= 15)
    return frac > 0 ? (double)v / pow10[frac] : (double)v;
  for (i = 0; i < n && k + 1 < sizeof buf; i++) {
    if (s[i] != ',' && s[i] != ' ')
      buf[k++] = s[i];
  }
  buf[k] = '\0';
  return strtod(buf, NULL);
}

static size_t skip_digits(const char *s, size_t len, size_t i)
{
  while (i < len && nc_is_digit((unsigned char)s[i]))
    i++;
  return i;
}

/* Digits at s[i..j): a plain digit group followed by a character that
 * ends the number (not a letter or digit). */
static bool num_ends(const char *s, size_t len, size_t j)
{
  return j >= len || !(nc_is_alnum((unsigned char)s[j]) ||
                       (unsigned char)s[j] >= 0x80);
}

/* " 234 567" after the first group at s[j]: at least two groups of three
 * digits, each after one space; returns the end, or j when none. */
static size_t space_groups(const char *s, size_t len, size_t j)
{
  size_t k = j, n = 0;
  while (k + 4 <= len && s[k] == ' ' &&
         nc_is_digit((unsigned char)s[k + 1]) &&
         nc_is_digit((unsigned char)s[k + 2]) &&
         nc_is_digit((unsigned char)s[k + 3]) && num_ends(s, len, k + 4)) {
    k += 4;
    n++;
  }
  if (n < 2 || (k < len && (s[k] == ',' || s[k] == '.') && k + 1 < len &&
                nc_is_digit((unsigned char)s[k + 1])))
    return j;
  return k;
}

/* ",34,567" after one or two digits: Indian grouping, pairs of digits
 * and a last group of three.  Sets *end. */
static bool indian_groups(const char *s, size_t len, size_t j, size_t *end)
{
  size_t k = j;
  int pairs = 0;
  while (k + 3 <= len && s[k] == ',' && nc_is_digit((unsigned char)s[k + 1])
         && nc_is_digit((unsigned char)s[k + 2]) && k + 3 < len &&
         s[k + 3] == ',') {
    k += 3;
    pairs++;
  }
  if (pairs == 0 || k + 4 > len || s[k] != ',' ||
      !nc_is_digit((unsigned char)s[k + 1]) ||
      !nc_is_digit((unsigned char)s[k + 2]) ||
      !nc_is_digit((unsigned char)s[k + 3]) ||
      (k + 4 < len && nc_is_digit((unsigned char)s[k + 4])))
    return false;
  *end = k + 4;
  return true;
}

/* "e6", "E-12", or a power "^6", "^-1" after a number ending at s[j];
 * returns the end, or j. */
static size_t exponent(const char *s, size_t len, size_t j)
{
  size_t k = j + 1;
  if (j >= len || (s[j] != 'e' && s[j] != 'E' && s[j] != '^'))
    return j;
  if (k < len && (s[k] == '+' || s[k] == '-'))
    k++;
  if (k >= len || !nc_is_digit((unsigned char)s[k]))
    return j;
  k = skip_digits(s, len, k);
  return num_ends(s, len, k) && k - j <= 4 ? k : j;
}

/* The exponent s[a..k) that exponent() found: a sign and up to three
 * digits, read within the token (strtod would read on past k). */
static double exponent_value(const char *s, size_t a, size_t k)
{
  bool neg = false;
  double v = 0;
  if (s[a] == '+' || s[a] == '-')
    neg = s[a++] == '-';
  for (; a < k; a++)
    v = v * 10 + (s[a] - '0');
  return neg ? -v : v;
}

/* A number token at s[i]: digits with thousands separators and one
 * decimal part.  A run like "192.168.1.2" is no decimal: it becomes
 * numbers and dots. */
static size_t tok_number(struct nc_vscan *sc, size_t i, bool space)
{
  const char *s = sc->s;
  size_t len = sc->len, j = skip_digits(s, len, i), k;
  struct nc_vtok *t;
  bool comma = false, dec = false;
  int ndig = (int)(j - i);

  if (ndig <= 2 && indian_groups(s, len, j, &k)) {
    j = k; /* "12,34,567" */
    comma = true;
  } else if (ndig <= 3 && (k = space_groups(s, len, j)) > j) {
    /* "1 234 567": thousands separated by spaces */
    t = tok_new(sc, NC_T_NUM, i, k, space);
    t->num = digits_value(s + i, k - i);
    t->ndig = nc_vndig(k - i);
    t->comma = true;
    return k;
  }
  if (ndig <= 3) {
    while (j + 3 < len && s[j] == ',' &&
           nc_is_digit((unsigned char)s[j + 1]) &&
           nc_is_digit((unsigned char)s[j + 2]) &&
           nc_is_digit((unsigned char)s[j + 3]) &&
           (j + 4 >= len || !nc_is_digit((unsigned char)s[j + 4]))) {
      j += 4;
      comma = true;
    }
  }
  if (!comma && ndig <= 3 && j + 2 < len && s[j] == ',' &&
      nc_is_digit((unsigned char)s[j + 1]) &&
      nc_is_digit((unsigned char)s[j + 2]) && num_ends(s, len, j + 3) &&
      !(j + 4 < len && (s[j + 3] == ',' || s[j + 3] == '.') &&
        nc_is_digit((unsigned char)s[j + 4]))) {
    /* "5,00", "3,50 euros": a comma before two digits is no thousands
     * separator (those take three), so it is a decimal comma */
    t = tok_new(sc, NC_T_NUM, i, j + 3, space);
    t->num = digits_value(s + i, j - i) + digits_value(s + j + 1, 2) / 100;
    t->ndig = nc_vndig((size_t)ndig);
    t->dec = true;
    return j + 3;
  }
  if (j + 1 < len && s[j] == '.' && nc_is_digit((unsigned char)s[j + 1])) {
    k = skip_digits(s, len, j + 1);
    if (k + 1 < len && s[k] == '.' && nc_is_digit((unsigned char)s[k + 1])) {
      /* dotted run: every group is its own number */
      size_t p = i;
      bool sp = space;
      for (;;) {
        size_t q = skip_digits(s, len, p);
        t = tok_new(sc, NC_T_NUM, p, q, sp);
        t->num = digits_value(s + p, q - p);
        t->ndig = nc_vndig(q - p);
        if (!(q + 1 < len && s[q] == '.' &&
              nc_is_digit((unsigned char)s[q + 1])))
          return q;
        tok_new(sc, NC_T_PUNCT, q, q + 1, false);
        p = q + 1;
        sp = false;
      }
    }
    j = k;
    dec = true;
  }
  k = exponent(s, len, j);
  t = tok_new(sc, NC_T_NUM, i, k, space);
  t->num = digits_value(s + i, j - i);
  if (k > j && s[j] == '^') {
    /* "10^6", "2.5^-1" */
    t->num = pow(t->num, exponent_value(s, j + 1, k));
    dec = true;
  } else if (k > j) {
    /* "1.3e6" */
    t->num *= pow(10, exponent_value(s, j + 1, k));
    dec = true;
  }
  t->ndig = nc_vndig((size_t)ndig);
  t->comma = comma;
  t->dec = dec;
  return k;
}

/* The value of a vulgar fraction character ("½", "⅔"), or 0. */
static double vulgar(uint32_t cp)
{
  static const double v[] = {1.0 / 7,  1.0 / 9, 1.0 / 10, 1.0 / 3,
                             2.0 / 3,  1.0 / 5, 2.0 / 5,  3.0 / 5,
                             4.0 / 5,  1.0 / 6, 5.0 / 6,  1.0 / 8,
                             3.0 / 8,  5.0 / 8, 7.0 / 8};
  if (cp == 0xBC)
    return 0.25;
  if (cp == 0xBD)
    return 0.5;
  if (cp == 0xBE)
    return 0.75;
  if (cp >= 0x2150 && cp <= 0x215E)
    return v[cp - 0x2150];
  return 0;
}

/* The lower case of each ASCII letter; 0 for every other byte. */
static const unsigned char letter_low[256] = {
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
    ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
    ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
    ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
    ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
    ['e'] = 'e', ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i',
    ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's',
    ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
    ['y'] = 'y', ['z'] = 'z'};

/* True when s[0..n) begins a web address ("http://", "www."). */
static inline bool url_len(const char *s, size_t n)
{
  /* most words stop at the second letter */
  if (n < 5 || (letter_low[(unsigned char)s[1]] != 't' &&
                letter_low[(unsigned char)s[1]] != 'w'))
    return false;
  return (n > 7 && nc_ascii_eq(s, 7, "http://")) ||
         (n > 8 && nc_ascii_eq(s, 8, "https://")) ||
         (n > 4 && nc_ascii_eq(s, 4, "www."));
}

/* The character at s[i], a byte of 0x80 or more: the well-formed two- and
 * three-byte forms (accented letters, dashes, quotes, spaces) decoded
 * here, anything else by nc_utf8_decode, whose results these match. */
static inline size_t decode_high(const char *s, size_t len, size_t i,
                                 uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *)s + i;
  if (u[0] >= 0xC2 && u[0] <= 0xDF && len - i >= 2 &&
      (u[1] & 0xC0) == 0x80) {
    *cp = (uint32_t)(u[0] & 0x1F) << 6 | (uint32_t)(u[1] & 0x3F);
    return 2;
  }
  /* E0 and ED lead overlong forms and surrogates: left to the check */
  if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && len - i >= 3 &&
      (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    *cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
          (uint32_t)(u[2] & 0x3F);
    return 3;
  }
  return nc_utf8_decode(s + i, len - i, cp);
}

/* A minus sign: '-' or U+2212, not an em or en dash. */
static inline bool minus_tok(const struct nc_vscan *sc, size_t i)
{
  const struct nc_vtok *t = &sc->t[i];
  if (t->kind != NC_T_PUNCT)
    return false;
  if (t->end - t->start == 1)
    return sc->s[t->start] == '-';
  return t->end - t->start == 3 &&
         memcmp(sc->s + t->start, "\xe2\x88\x92", 3) == 0;
}

/* True when s[0..n) holds no lower-case ASCII letter. */
static bool no_lower(const char *s, size_t n)
{
  size_t k;
  for (k = 0; k < n; k++) {
    if (s[k] >= 'a' && s[k] <= 'z')
      return false;
  }
  return true;
}

/* True when token t is a word with no lower-case ASCII letter that is in
 * the lexicon (a code, "US" of "US$") or of four letters ("MUSD"), a web
 * address aside: the only words whose case a rule asks. */
static bool tok_upper(const struct nc_vscan *sc, const struct nc_vtok *t)
{
  return t->kind == NC_T_WORD && !t->url && (t->w || t->end - t->start == 4) &&
         no_lower(sc->s + t->start, t->end - t->start);
}

/* True when u[0..avail) begins with a two-byte form of U+00C0 to U+07FF
 * (Latin, Greek, Cyrillic ...): all letters to letter_cp but the signs
 * U+00D7 and U+00F7. */
static inline bool two_byte_letter(const unsigned char *u, size_t avail)
{
  return u[0] >= 0xC3 && u[0] <= 0xDF && avail >= 2 && (u[1] & 0xC0) == 0x80 &&
         !(u[0] == 0xC3 && (u[1] == 0x97 || u[1] == 0xB7));
}

/* 0x8000 in each 16-bit lane of a that is not 0. */
static inline uint64_t lanes_nonzero16(uint64_t a)
{
  const uint64_t low15 = 0x7FFF7FFF7FFF7FFFu;
  return (((a & low15) + low15) | a) & ~low15;
}

/* The bytes at the start of x, eight bytes of text as a little-endian
 * word, that are two_byte_letter forms with a lead byte of 0xC4 or more,
 * one after another: 0, 2, 4, 6 or 8.  Each 16-bit lane holds one form,
 * its lead byte lowest: a lead of 0xC4 to 0xDF and a continuation byte
 * (the signs U+00D7 and U+00F7 lead with 0xC3, left to two_byte_letter).
 * A run of Cyrillic or Greek letters takes one step per four. */
static inline size_t two_byte_letters8(uint64_t x)
{
  const uint64_t ones = 0x0001000100010001u, top = ones * 0x8000;
  uint64_t form = lanes_nonzero16((x & ones * 0xC0E0) ^ ones * 0x80C0);
  uint64_t lead4 = ((x & ones * 0x001F) + ones * 0x7FFC) & top;
  uint64_t bad = (form | ~lead4) & top;
  return bad ? (nc_ctz64(bad) >> 3) & ~(size_t)1 : 8;
}

/* The bytes of the letter at s[i], a byte of 0x80 or more, or 0 when
 * the character there is no letter. */
static size_t high_letter(const char *s, size_t len, size_t i)
{
  const unsigned char *u = (const unsigned char *)s + i;
  uint32_t cp;
  size_t l;
  if (two_byte_letter(u, len - i))
    return 2;
  /* E2 80 to E2 AF, U+2000 to U+2BFF (quotes, dashes, spaces), and any
   * malformed form of them: no letter to letter_cp */
  if (u[0] == 0xE2 && len - i >= 2 && u[1] >= 0x80 && u[1] <= 0xAF)
    return 0;
  l = decode_high(s, len, i, &cp);
  return letter_cp(cp) ? l : 0;
}

/* True when c is an ASCII mark, a token of one byte to tokenize (no
 * letter, digit or space; ".5" begins a number, so a '.' counts only
 * before a space). */
static inline bool lone_mark(unsigned char c)
{
  return c < 0x80 && !letter_low[c] && !nc_is_digit(c) && !nc_is_space(c);
}

/* A word token from s[i] whose letters go on at s[j], after one outside
 * ASCII, to the end of the letters of any kind: looked up only when its
 * first byte begins a key with a byte of 0x80 or more (high_first).
 * Then the words after it that one space and a two-byte letter begin
 * (Cyrillic, Greek), or one mark and one space (", "), as tokenize
 * would read them.  Returns the end of the last. */
static size_t tok_accented(struct nc_vscan *sc, size_t i, size_t j, bool space)
{
  const unsigned char *s = (const unsigned char *)sc->s;
  size_t len = sc->len, n, l;
  struct nc_vtok *t;

  for (;;) {
    while (j < len) {
      if (letter_low[s[j]])
        j++;
      else if (s[j] < 0x80) /* a space or a mark, as most words end */
        break;
      else if (s[j] >= 0xC4 && s[j] <= 0xDF && len - j >= 8 &&
               (l = two_byte_letters8(nc_load8(s + j, 8))) > 0)
        j += l;
      else if (two_byte_letter(s + j, len - j))
        j += 2;
      else if ((l = high_letter(sc->s, len, j)) > 0)
        j += l;
      else
        break;
    }
    n = j - i;
    t = tok_new(sc, NC_T_WORD, i, j, space);
    if (sc->lx->high_first[letter_low[s[i]] ? letter_low[s[i]] : s[i]]) {
      t->w = numlex_find(sc->lx, sc->s + i, n, hash_lower(sc->s + i, n));
      t->begin = t->w && (t->w->flags & W_BEGIN);
    }
    if (len - j >= 4 && s[j] != ' ' && lone_mark(s[j]) && s[j + 1] == ' ' &&
        two_byte_letter(s + j + 2, len - j - 2)) {
      /* a mark before the space (", "): the token tokenize makes of it,
       * then the word after it as below */
      t = tok_new(sc, NC_T_PUNCT, j, j + 1, false);
      t->w = sc->lx->ascii[s[j]];
      t->begin = (t->w && (t->w->flags & W_BEGIN)) || s[j] == '-';
      j++;
    }
    if (len - j < 3 || s[j] != ' ' || !two_byte_letter(s + j + 1, len - j - 1))
      return j;
    i = j + 1;
    j = i + 2;
    space = true;
  }
}

/* The rest of a word of ASCII letters whose first eight bytes at p are
 * letters: mixes its chunks into *h, returns its length and sets *next to
 * the byte after it (0 at the end of the text). */
static size_t long_word(const unsigned char *p, const unsigned char *end,
                        uint64_t *h, unsigned char *next)
{
  size_t n = 8;
  for (;;) {
    uint64_t x = nc_load8(p + n, (size_t)(end - p) - n), let = nc_letters8(x);
    uint64_t stops = ~let & HIGH;
    size_t k;
    if (!stops) {
      *h = lex_mix(*h, x | let >> 2);
      n += 8;
      continue;
    }
    k = (size_t)nc_ctz64(stops) >> 3;
    /* hash_lower mixes no empty chunk */
    if (k > 0)
      *h = lex_mix(*h, (x | let >> 2) & ((1ull << 8 * k) - 1));
    *next = (unsigned char)(x >> 8 * k);
    return n + k;
  }
}

/* The key of the mark s[0..n), the character cp of 0x80 or more: looked
 * up only when a key may be that one character (high_one). */
static inline const struct nc_lexent *
mark_key(const struct nc_numlex *lx, const char *s, size_t n, uint32_t cp)
{
  if (!(lx->high_one[(cp >> 6) & 15] >> (cp & 63) & 1))
    return NULL;
  return nc_numlex_get(lx, s, n);
}

/* True when s[i] begins U+200C to U+202E (E2 80 8C to E2 80 AE): quotes,
 * dashes, "…", all marks to tokenize (no space, letter or fraction). */
static inline bool wide_mark(const unsigned char *s, size_t len, size_t i)
{
  return len - i >= 3 && s[i] == 0xE2 && s[i + 1] == 0x80 &&
         s[i + 2] >= 0x8C && s[i + 2] <= 0xAE;
}

/* The words from s[i], an ASCII letter that begins no web address, on,
 * each but the last followed by one space, one ASCII mark (".", "'")
 * or both (", "), as most of a text is.  A word of ASCII letters is read,
 * hashed and looked up eight bytes at a time with the scanner's state in
 * locals; tok_accented reads one that goes on with other letters.  What
 * only a few rules ask of a word is left to them (see struct nc_vtok).
 * Stops before a web address and after a word or mark that neither an
 * ASCII letter nor a space and one follow; sets *space as tokenize keeps
 * it.  Returns where it stopped. */
static size_t tok_words(struct nc_vscan *sc, size_t i, bool *space)
{
  const unsigned char *s = (const unsigned char *)sc->s;
  size_t len = sc->len;
  struct nc_vtok *t, *room;
  bool sp = *space, roomy;
  uint64_t x = nc_load8(s + i, len - i), let = nc_letters8(x);

  /* the end of the room for tokens, kept in a local: stores through t
   * might alias sc->cap, which the compiler would then load again for
   * every word */
  t = sc->t + sc->n;
  room = sc->t + sc->cap;
  /* every token takes a byte of the text at least: when the room holds
   * one for each byte left, as the buffer on the stack does for most
   * sentences, no word needs to look for room */
  roomy = (size_t)(room - t) >= len - i + 2;

  for (;;) {
    /* x and let are of the eight bytes at s[i], an ASCII letter */
    uint64_t stops = ~let & HIGH, low = x | let >> 2, h;
    size_t n = (size_t)nc_ctz64(stops | 1ull << 63) >> 3, l;
    uint32_t hash;
    const struct nc_lexent *w;
    /* the byte after the word; 0 past the end of the text */
    unsigned char next = (unsigned char)(x >> 8 * n);

    if (!roomy && room - t < 2) {
      /* a word and a mark at most are added below; room is made for a
       * few hundred at a time, not for every byte left */
      sc->n = (size_t)(t - sc->t);
      tok_reserve(sc, TOK_AHEAD + 2);
      t = sc->t + sc->n;
      room = sc->t + sc->cap;
    }
    if (stops) {
      low &= (1ull << 8 * n) - 1;
      hash = lex_short(low);
    } else {
      /* eight letters or more: the first eight are the short key */
      h = lex_mix(LEX_SEED, low);
      n = long_word(s + i, s + len, &h, &next);
      hash = n <= 8 ? lex_short(low) : lex_end(h, n);
    }
    if (next >= 0x80 && (l = high_letter(sc->s, len, i + n)) > 0) {
      /* a word that goes on with other letters */
      sc->n = (size_t)(t - sc->t);
      i = tok_accented(sc, i, i + n + l, sp);
      if (sc->cap - sc->n < 1) /* for the mark below */
        tok_reserve(sc, TOK_AHEAD + 2);
      t = sc->t + sc->n;
      room = sc->t + sc->cap;
      roomy = (size_t)(room - t) >= len - i + 2;
      next = i < len ? s[i] : 0;
    } else {
      w = n <= 8 ? numlex_find_short(sc->lx, low, n, hash)
                 : numlex_find(sc->lx, sc->s + i, n, hash);
      *t++ = (struct nc_vtok){.start = i,
                              .end = i + n,
                              .kind = NC_T_WORD,
                              .space = sp,
                              .w = w,
                              .begin = w && (w->flags & W_BEGIN),
                              .hash = hash};
      i += n;
    }
    if (next != ' ' && i < len && next < 0x80 && !nc_is_alnum(next) &&
        !nc_is_space(next)) {
      /* a mark glued to the word, as in ", " and ". ": the token
       * tokenize makes of it */
      const struct nc_lexent *m = sc->lx->ascii[next];
      if ((next == ':' || next == '.') && t[-1].space &&
          url_len(sc->s + t[-1].start, len - t[-1].start)) {
        /* the word after a space was "http", "https" or "www" of a web
         * address: taken back for tokenize to read.  Looked for here, as
         * such a word goes on with ':' or '.', not before every word. */
        t--;
        i = t->start;
        break;
      }
      *t++ = (struct nc_vtok){.start = i,
                              .end = i + 1,
                              .kind = NC_T_PUNCT,
                              .w = m,
                              .begin =
                                  (m && (m->flags & W_BEGIN)) || next == '-'};
      i++;
      next = i < len ? s[i] : 0;
      if (letter_low[next]) {
        /* a word glued to the mark ("U.S.", "don't"): no web address is
         * looked for there, as in tokenize */
        sp = false;
        x = nc_load8(s + i, len - i);
        let = nc_letters8(x);
        continue;
      }
    } else if (next == 0xE2 && wide_mark(s, len, i)) {
      /* a quote or a dash glued to the word ("Trump’s", "said.”"): the
       * token tokenize makes of it, as for an ASCII mark */
      const struct nc_lexent *m =
          mark_key(sc->lx, sc->s + i, 3, 0x2000 | (s[i + 2] & 0x3F));
      *t++ = (struct nc_vtok){.start = i,
                              .end = i + 3,
                              .kind = NC_T_PUNCT,
                              .w = m,
                              .begin = m && (m->flags & W_BEGIN)};
      i += 3;
      next = i < len ? s[i] : 0;
      if (letter_low[next]) {
        sp = false;
        x = nc_load8(s + i, len - i);
        let = nc_letters8(x);
        continue;
      }
    }
    sp = next == ' ';
    if (!sp)
      break;
    i++;
    x = nc_load8(s + i, len - i);
    let = nc_letters8(x);
    if (!(let & 0x80))
      break;
  }
  sc->n = (size_t)(t - sc->t);
  *space = sp;
  return i;
}

static void tokenize(struct nc_vscan *sc)
{
  const char *s = sc->s;
  size_t len = sc->len, i = 0;
  bool space = true;

  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp = c;
    size_t clen = 1;
    bool word;
    struct nc_vtok *t;

    if (c < 0x80) {
      unsigned l = letter_low[c];
      if (l && !(space && (l == 'h' || l == 'w') && url_len(s + i, len - i))) {
        /* a word of ASCII letters and the words after it */
        i = tok_words(sc, i, &space);
        continue;
      }
      if (l) {
        /* a web address: one opaque word ("%2D" in it is no percent) */
        size_t j = i;
        while (j < len && !nc_is_space((unsigned char)s[j]))
          j++;
        tok_new(sc, NC_T_WORD, i, j, space)->url = true;
        i = j;
        space = false;
        continue;
      }
      if (c == ' ' || nc_is_space(c)) {
        space = true;
        i++;
        continue;
      }
      word = false;
    } else {
      clen = decode_high(s, len, i, &cp);
      if (space_cp(cp)) {
        space = true;
        i += clen;
        continue;
      }
      word = letter_cp(cp);
    }
    if (word) {
      /* a word that begins with a letter outside ASCII */
      i = tok_accented(sc, i, i + clen, space);
      /* the one space after most words */
      space = i < len && s[i] == ' ';
      i += space;
      continue;
    } else if (nc_is_digit(c) ||
        (c == '.' && i + 1 < len && nc_is_digit((unsigned char)s[i + 1]) &&
         (i == 0 || !nc_is_alnum((unsigned char)s[i - 1])))) {
      if (c == '.') {
        /* ".5": a number with no integer part */
        size_t j = skip_digits(s, len, i + 1);
        t = tok_new(sc, NC_T_NUM, i, j, space);
        t->num = digits_value(s + i, j - i);
        t->dec = true;
        i = j;
      } else {
        i = tok_number(sc, i, space);
      }
    } else if (c >= 0x80 && vulgar(cp) > 0) {
      /* "½", and "2½" as one number */
      if (!space && sc->n > 0 && sc->t[sc->n - 1].kind == NC_T_NUM &&
          !sc->t[sc->n - 1].dec) {
        t = &sc->t[sc->n - 1];
        t->num += vulgar(cp);
        t->end = i + clen;
      } else {
        t = tok_new(sc, NC_T_NUM, i, i + clen, space);
        t->num = vulgar(cp);
        t->ndig = 1;
      }
      t->dec = true;
      i += clen;
    } else {
      t = tok_new(sc, NC_T_PUNCT, i, i + clen, space);
      if (c < 0x80)
        t->w = sc->lx->ascii[c];
      else
        t->w = mark_key(sc->lx, s + i, clen, cp);
      t->begin = (t->w && (t->w->flags & W_BEGIN)) ||
                 minus_tok(sc, sc->n - 1);
      i += clen;
    }
    space = false;
  }
}

/* ---- token helpers shared with dates.c ---- */

static bool is_dash_tok(const struct nc_vscan *sc, size_t i)
{
  const struct nc_vtok *t;
  const unsigned char *u;
  if (i >= sc->n || sc->t[i].kind != NC_T_PUNCT)
    return false;
  t = &sc->t[i];
  u = (const unsigned char *)sc->s + t->start;
  /* '-', or U+2010 to U+2014 (E2 80 90 to 94) or U+2212 (E2 88 92),
   * the well-formed forms nc_utf8_decode reads as them */
  if (u[0] == '-')
    return true;
  return t->end - t->start >= 3 && u[0] == 0xE2 &&
         ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x94) ||
          (u[1] == 0x88 && u[2] == 0x92));
}

bool nc_vdash(const struct nc_vscan *sc, size_t i, bool spaced)
{
  if (!is_dash_tok(sc, i) || i + 1 >= sc->n || i == 0)
    return false;
  if (spaced)
    return true;
  return !sc->t[i].space && !sc->t[i + 1].space;
}

const struct nc_lexent *nc_vphrase_long(const struct nc_vscan *sc, size_t i,
                                        unsigned flags, size_t *next)
{
  const struct nc_lexent *first, *best = NULL;
  char buf[128];
  size_t n = 0, k, lim;

  if (i >= sc->n || !(first = sc->t[i].w))
    return NULL;
  if (first->flags & flags) {
    best = first;
    *next = i + 1;
  }
  /* a longer key goes on with a token that nc_vnext lets through */
  if (i + 1 < sc->n && !nc_vnext(first, &sc->t[i + 1]))
    return best;
  lim = i + (size_t)first->ntok;
  for (k = i; k < lim && k < sc->n; k++) {
    const struct nc_vtok *t = &sc->t[k];
    size_t l = t->end - t->start;
    const struct nc_lexent *e;
    if (k > i && t->space)
      buf[n++] = ' ';
    if (n + l + 1 >= sizeof buf)
      break;
    memcpy(buf + n, sc->s + t->start, l);
    n += l;
    if (k > i) {
      uint32_t h = hash_lower(buf, n);
      if ((e = numlex_find(sc->lx, buf, n, h)) && (e->flags & flags)) {
        best = e;
        *next = k + 1;
      }
      /* no key goes on from text that is neither a key nor, as the
       * filter `begins` tells, the beginning of one ("a step" of "a
       * number of"): the tokens after it are not looked up.  A text
       * token ends where a token of a key does (key_tok), so the text
       * is a beginning as lex_add marks it. */
      if (!e && !(sc->lx->begins[(h >> 6) & 63] >> (h & 63) & 1))
        break;
    }
  }
  return best;
}

/* ---- quantities: digits or words, with scales ---- */

static inline bool word_is(const struct nc_vscan *sc, size_t i,
                           const char *w)
{
  return nc_vword(sc, i, w);
}

/* Token i touches the token before it. */
static bool glued(const struct nc_vscan *sc, size_t i)
{
  return i < sc->n && i > 0 && !sc->t[i].space;
}

static bool is_num(const struct nc_vscan *sc, size_t i)
{
  return i < sc->n && sc->t[i].kind == NC_T_NUM;
}


struct qty {
  double v;     /* the value */
  size_t end;   /* token after it */
  bool ord;     /* an ordinal ("21st", "fifth") */
  bool frac;    /* a fraction ("two thirds", "and a half") */
  double scale; /* the scale word applied, 1 when none */
};

/* "1,234.5", "3bn", "20 million", "-3", "21st", "1/2".  Fails on digits
 * glued to letters ("G7", "180ml", "COVID-19") and on clock times. */
static bool qty_digits(const struct nc_vscan *sc, size_t i, struct qty *q)
{
  const struct nc_vtok *t;
  size_t j = i;
  bool neg = false;
  double v;

  if (i < sc->n && minus_tok(sc, i) && is_num(sc, i + 1) &&
      glued(sc, i + 1) &&
      (i == 0 || sc->t[i].space || nc_vpunct(sc, i - 1, '('))) {
    neg = true;
    j++;
  }
  if (!is_num(sc, j))
    return false;
  t = &sc->t[j];
  if (glued(sc, j)) {
    const struct nc_vtok *p = &sc->t[j - 1];
    if (p->kind == NC_T_WORD && !(p->w && (p->w->flags & W_CODE)))
      return false;
    if (!neg && nc_vpunct(sc, j - 1, '-') && j >= 2 && glued(sc, j - 1) &&
        sc->t[j - 2].kind == NC_T_WORD)
      return false;
    if (nc_vpunct(sc, j - 1, ':') && j >= 2 && is_num(sc, j - 2))
      return false;
  }
  if (nc_vpunct(sc, j + 1, ':') && glued(sc, j + 1) && is_num(sc, j + 2) &&
      glued(sc, j + 2))
    return false;
  v = t->num;
  j++;
  if (nc_vpunct(sc, j, '/') && glued(sc, j) && is_num(sc, j + 1) &&
      glued(sc, j + 1) && !t->dec && !sc->t[j + 1].dec &&
      sc->t[j + 1].num != 0 && !nc_vpunct(sc, j + 2, '/')) {
    /* a fraction */
    v /= sc->t[j + 1].num;
    j += 2;
  } else if (!t->dec && !t->comma && is_num(sc, j) && !glued(sc, j) &&
             !sc->t[j].dec && nc_vpunct(sc, j + 1, '/') &&
             glued(sc, j + 1) && is_num(sc, j + 2) && glued(sc, j + 2) &&
             !sc->t[j + 2].dec && sc->t[j].num < sc->t[j + 2].num &&
             !nc_vpunct(sc, j + 3, '/') &&
             !(j + 3 < sc->n && glued(sc, j + 3) &&
               sc->t[j + 3].kind != NC_T_PUNCT)) {
    /* a mixed number: "2 1/4" */
    v += sc->t[j].num / sc->t[j + 2].num;
    j += 3;
  }
  q->ord = false;
  q->frac = false;
  q->scale = 1;
  if (j < sc->n && glued(sc, j) && sc->t[j].kind == NC_T_WORD) {
    const struct nc_lexent *e = sc->t[j].w;
    if (e && (e->flags & W_ORDSFX) && !t->dec && !t->comma && !neg) {
      q->ord = true;
      q->v = v;
      q->end = j + 1;
      return true;
    }
    if (e &&
        (((e->flags & W_CODE) && tok_upper(sc, &sc->t[j])) ||
         (e->flags & W_CURSYM)) &&
        !neg) {
      q->v = v; /* "115.5USD", "100元" */
      q->end = j;
      return true;
    }
    if (!e || !(e->flags & (W_SUFFIX | W_SCALE)) || (e->flags & W_TUNIT))
      return false; /* a measure: "180ml", "29km" */
    v *= e->num;
    q->scale = e->num;
    j++;
  } else if (j < sc->n && sc->t[j].kind == NC_T_WORD && sc->t[j].w &&
             ((sc->t[j].w->flags & W_SCALE) ||
              ((sc->t[j].w->flags & W_SUFFIX) &&
               (sc->t[j].end - sc->t[j].start >= 2 ||
                ((t->dec || t->comma) &&
                 (j + 1 >= sc->n || sc->t[j + 1].kind == NC_T_PUNCT)))))) {
    /* "20 million", "3 bn", and a lone letter after a decimal at the
     * end of a phrase ("2.33 k") */
    v *= sc->t[j].w->num;
    q->scale = sc->t[j].w->num;
    j++;
  } else if (j < sc->n && sc->t[j].kind == NC_T_WORD && !t->dec &&
             nc_vis(sc, j, W_MULT) && !(sc->t[j].w->flags & W_VAGUE)) {
    v *= sc->t[j].w->num; /* "3 dozen" */
    j++;
  }
  q->v = neg ? -v : v;
  q->end = j;
  return true;
}

enum last { L_NONE, L_A, L_UNIT, L_TEN, L_HUNDRED, L_SCALE, L_AND };

/* How qty_words reads: a plain number, or the denominator of a fraction
 * (where "fifths" counts as the ordinal "fifth"). */
enum wmode { WM_NUM, WM_DEN };

static bool qty_words_m(const struct nc_vscan *sc, size_t i, struct qty *q,
                        enum wmode mode);

/* A plain integer of 1-3 digits standing alone, read as a number word
 * in "3 hundred and 21" or "4 thousand 3 hundred". */
static bool small_int(const struct nc_vscan *sc, size_t i)
{
  const struct nc_vtok *t;
  if (!is_num(sc, i))
    return false;
  t = &sc->t[i];
  return !t->dec && !t->comma && t->ndig <= 3 && t->space &&
         !(i + 1 < sc->n && glued(sc, i + 1) &&
           sc->t[i + 1].kind == NC_T_WORD);
}

/* The denominator of a fraction at token j over the numerator `num`:
 * "thirds", "a quarter", "one twenty-fifth", "one one hundred and fifth".
 * A singular one ("third") needs a numerator of one. */
static bool frac_tail(const struct nc_vscan *sc, size_t j, double num,
                      struct qty *q)
{
  struct qty d;
  const struct nc_lexent *e;
  if (!qty_words_m(sc, j, &d, WM_DEN) || !d.ord || d.v < 2)
    return false;
  e = sc->t[d.end - 1].w;
  if (!e || !(e->flags & W_FRAC))
    return false;
  if ((e->flags & W_ORD) && num != 1)
    return false;
  q->v = num / d.v;
  q->end = d.end;
  q->frac = true;
  return true;
}

/* "and a half", "and two thirds" after the whole number w (tokens up to
 * j, scale wscale): the sum, with the fraction of the scale when the
 * number ended on one ("one million and a half"), and a scale after the
 * fraction ("five and a half million"). */
static bool and_fraction(const struct nc_vscan *sc, size_t j, double w,
                         double wscale, bool scaled, struct qty *q)
{
  struct qty f;
  if (!word_is(sc, j, "and") ||
      !qty_words_m(sc, j + 1, &f, WM_NUM) || !f.frac ||
      f.v / f.scale >= 1)
    return false;
  if (f.scale > 1 && !scaled)
    q->v = (w + f.v / f.scale) * f.scale;
  else if (f.scale == 1 && scaled)
    q->v = w + f.v * wscale;
  else
    q->v = w + f.v;
  q->end = f.end;
  q->ord = false;
  q->frac = true;
  q->scale = f.scale > 1 ? f.scale : wscale;
  return true;
}

/* A scale word after a fraction: "three quarters billion". */
static void frac_scale(const struct nc_vscan *sc, struct qty *q)
{
  if (nc_vis(sc, q->end, W_SCALE) && sc->t[q->end].kind == NC_T_WORD &&
      sc->t[q->end].w->num > 100) {
    q->scale = sc->t[q->end].w->num;
    q->v *= q->scale;
    q->end++;
  }
}

/* A hyphen or dash joining two number words: "twenty-one", and the
 * spaced "fifty - two". */
static bool word_dash(const struct nc_vscan *sc, size_t j)
{
  if (!is_dash_tok(sc, j) || j + 1 >= sc->n)
    return false;
  if (glued(sc, j) && glued(sc, j + 1))
    return true;
  return nc_vpunct(sc, j, '-') && sc->t[j].space && sc->t[j + 1].space;
}

/* Number words: "twenty-one", "one hundred and five", "a dozen", "half a
 * million", "two thirds", "one hundred twenty-fifth", "five point two",
 * "3 hundred and 21".  The usual total/current accumulator: units and
 * tens add to the current group, "hundred" multiplies it, a larger scale
 * closes it into the total.  Fractions follow it ("two thirds", "one
 * million and a half"). */
static bool qty_words_m(const struct nc_vscan *sc, size_t i, struct qty *q,
                        enum wmode mode)
{
  double total = 0, cur = 0, lastadd = 0, lastscale = 1e300, ten = 0;
  enum last last = L_NONE;
  size_t j = i, tenat = SIZE_MAX;
  const struct nc_lexent *e;

  q->ord = false;
  q->frac = false;
  q->scale = 1;
  /* what may begin number words: digits, a number word, "half", "a" */
  if (!is_num(sc, i) &&
      !nc_vis(sc, i, W_UNIT | W_TEN | W_SCALE | W_MULT | W_ORD | W_FRAC) &&
      !(i < sc->n && sc->t[i].w && (sc->t[i].w->kw & KW_QTY)))
    return false;
  /* "half a million", "half a dozen" */
  if (word_is(sc, i, "half") && word_is(sc, i + 1, "a") &&
      nc_vis(sc, i + 2, W_SCALE | W_MULT)) {
    q->v = 0.5 * sc->t[i + 2].w->num;
    q->scale = sc->t[i + 2].w->num;
    q->end = i + 3;
    return true;
  }
  /* "half million", "quarter million" */
  if (mode == WM_NUM && nc_vis(sc, i, W_FRAC) &&
      sc->t[i].kind == NC_T_WORD && sc->t[i].w->denom <= 4 &&
      nc_vis(sc, i + 1, W_SCALE) && sc->t[i + 1].w->num > 100) {
    q->scale = sc->t[i + 1].w->num;
    q->v = q->scale / sc->t[i].w->denom;
    q->end = i + 2;
    q->frac = true;
    return true;
  }
  if ((word_is(sc, j, "a") || word_is(sc, j, "an")) &&
      nc_vis(sc, j + 1, W_SCALE | W_MULT | W_FRAC)) {
    last = L_A;
    j++;
  }
  while (j < sc->n) {
    unsigned f;
    bool hy = j > i && word_dash(sc, j - 1);
    if (is_num(sc, j) && mode == WM_NUM && small_int(sc, j) &&
        (((last == L_NONE || last == L_SCALE) &&
          nc_vis(sc, j + 1, W_SCALE) && sc->t[j + 1].kind == NC_T_WORD) ||
         (last == L_AND && sc->t[j].num > 0 && sc->t[j].num < 100))) {
      /* digits among number words */
      cur += sc->t[j].num;
      lastadd = sc->t[j].num;
      last = L_UNIT;
      j++;
      continue;
    }
    if (sc->t[j].kind != NC_T_WORD || !(e = sc->t[j].w))
      break;
    f = e->flags;
    if (hy && last != L_TEN && last != L_UNIT)
      break;
    if ((f & W_UNIT) && e->num == 0) {
      if (last != L_NONE)
        break;
      cur = 0;
      last = L_UNIT;
      j++;
      break;
    }
    if ((f & W_UNIT) &&
        (last == L_NONE || last == L_HUNDRED || last == L_SCALE ||
         last == L_AND || (last == L_TEN && e->num < 10))) {
      cur += e->num;
      lastadd = e->num;
      last = L_UNIT;
    } else if ((f & W_TEN) && (last == L_NONE || last == L_HUNDRED ||
                               last == L_SCALE || last == L_AND)) {
      cur += e->num;
      lastadd = e->num;
      ten = e->num;
      tenat = j;
      last = L_TEN;
    } else if ((f & W_SCALE) && e->num == 100 && !hy &&
               (last == L_UNIT || last == L_A ||
                (last == L_TEN && cur < 100)) &&
               fmod(cur, 100) == cur) {
      cur = (cur > 0 ? cur : 1) * 100;
      last = L_HUNDRED;
    } else if ((f & W_SCALE) && e->num > 100 && e->num < lastscale &&
               !hy &&
               (last == L_UNIT || last == L_TEN || last == L_HUNDRED ||
                last == L_A)) {
      total += (cur > 0 ? cur : 1) * e->num;
      cur = 0;
      lastscale = e->num;
      last = L_SCALE;
      q->scale = e->num;
    } else if ((f & W_MULT) && !hy && mode == WM_NUM &&
               (last == L_UNIT || last == L_TEN || last == L_A)) {
      /* "three dozen": the dozen multiplies the last number said */
      if (last == L_A)
        cur += 12;
      else
        cur += lastadd * (e->num - 1);
      j++;
      last = L_UNIT;
      break;
    } else if ((f & (W_ORD | W_FRAC)) &&
               (mode == WM_DEN || (f & W_ORD))) {
      /* an ordinal, or in a denominator a fraction word ("fifths") */
      double o = (f & W_ORD) ? e->ord : e->denom;
      if (o < 100 &&
          (last == L_NONE || last == L_HUNDRED || last == L_SCALE ||
           last == L_AND || (last == L_TEN && o < 10))) {
        q->ord = true;
        q->v = total + cur + o;
        q->end = j + 1;
        return true;
      }
      if (o >= 100 && !hy &&
          (last == L_NONE || last == L_UNIT || last == L_TEN ||
           last == L_HUNDRED)) {
        q->ord = true;
        q->v = (total + cur > 0 ? total + cur : 1) * o;
        q->end = j + 1;
        return true;
      }
      break;
    } else if (nc_ascii_eq(sc->s + sc->t[j].start,
                           sc->t[j].end - sc->t[j].start, "and") &&
               (last == L_HUNDRED || last == L_SCALE) &&
               (nc_vis(sc, j + 1, W_UNIT | W_TEN | W_ORD) ||
                (last == L_HUNDRED && mode == WM_NUM &&
                 small_int(sc, j + 1))) &&
               (!sc->t[j + 1].w || sc->t[j + 1].w->num > 0 ||
                (sc->t[j + 1].w->flags & W_ORD))) {
      struct qty fr;
      if (mode == WM_NUM && qty_words_m(sc, j + 1, &fr, WM_NUM) &&
          fr.frac && fr.v / fr.scale < 1)
        break; /* "one million and one half" */
      if (is_num(sc, j + 1) &&
          (sc->t[j + 1].num <= 0 || nc_vis(sc, j + 2, W_SCALE)))
        break; /* "3 hundred and 2 hundred" */
      last = L_AND;
    } else {
      break;
    }
    j++;
    /* "twenty-one": a hyphen joins a ten to a unit or ordinal */
    if (last == L_TEN && word_dash(sc, j) &&
        nc_vis(sc, j + 1, W_UNIT | W_ORD | (mode == WM_DEN ? W_FRAC : 0)))
      j++;
    else if (last == L_UNIT && is_dash_tok(sc, j) && glued(sc, j) &&
             glued(sc, j + 1) && nc_vis(sc, j + 1, W_FRAC))
      j++; /* "two-thirds" */
  }
  if (last == L_AND)
    j--;
  if (mode == WM_DEN || last == L_NONE)
    return false;
  if (last == L_A)
    return frac_tail(sc, j, 1, q) ? (frac_scale(sc, q), true) : false;
  q->v = total + cur;
  q->end = j;
  /* "one hundred thirty fifths" is a hundred thirty-fifths */
  if (last == L_TEN && tenat > i && nc_vis(sc, j, W_FRAC) &&
      !nc_vis(sc, j, W_ORD) && sc->t[j].w->denom < 10 &&
      sc->t[j].kind == NC_T_WORD) {
    q->v = (total + cur - ten) / (ten + sc->t[j].w->denom);
    q->end = j + 1;
    q->frac = true;
    frac_scale(sc, q);
    return true;
  }
  if (frac_tail(sc, j, total + cur, q)) {
    frac_scale(sc, q);
    return true;
  }
  /* "five point two" */
  if (word_is(sc, j, "point") && last != L_SCALE &&
      nc_vis(sc, j + 1, W_UNIT) && sc->t[j + 1].w->num < 10) {
    double scale = 0.1;
    size_t k = j + 1;
    while (nc_vis(sc, k, W_UNIT) && sc->t[k].kind == NC_T_WORD &&
           sc->t[k].w->num < 10) {
      q->v += sc->t[k].w->num * scale;
      scale /= 10;
      k++;
    }
    q->end = k;
    frac_scale(sc, q);
    return true;
  }
  and_fraction(sc, j, total + cur, q->scale, last == L_SCALE, q);
  return true;
}

static bool qty_words(const struct nc_vscan *sc, size_t i, struct qty *q)
{
  static const char *const det[] = {"this", "that", "which", "each",
                                    "every", "any", "another", "the",
                                    "no", NULL};
  size_t k;
  if (!qty_words_m(sc, i, q, WM_NUM))
    return false;
  /* "which one", "that one": a pronoun, not a count */
  if (q->end == i + 1 && word_is(sc, i, "one") && i > 0 &&
      !nc_vis(sc, i + 1, W_TUNIT | W_CURNAME | W_PERCENT)) {
    for (k = 0; det[k]; k++) {
      if (word_is(sc, i - 1, det[k]))
        return false;
    }
  }
  return true;
}

static bool qty_at(const struct nc_vscan *sc, size_t i, struct qty *q)
{
  const struct nc_lexent *e;
  if (i >= sc->n)
    return false;
  /* what may begin one: digits, a sign, "minus", a number word, "half",
   * "a" */
  e = sc->t[i].w;
  if (sc->t[i].kind != NC_T_NUM && !minus_tok(sc, i) &&
      !(e && ((e->flags & (W_NEG | W_UNIT | W_TEN | W_SCALE | W_MULT |
                           W_ORD | W_FRAC)) ||
              (e->kw & KW_QTY))))
    return false;
  if (nc_vis(sc, i, W_NEG) && sc->t[i].kind == NC_T_WORD &&
      qty_at(sc, i + 1, q) && !q->ord) {
    q->v = -q->v;
    return true;
  }
  if (sc->t[i].kind == NC_T_NUM || minus_tok(sc, i)) {
    struct qty w;
    if (!qty_digits(sc, i, q))
      return false;
    /* "3 hundred and 21", "3 million and a half" */
    if (q->scale > 1 && !q->ord && small_int(sc, i) &&
        qty_words(sc, i, &w) && w.end > q->end && !w.ord)
      *q = w;
    return true;
  }
  return sc->t[i].kind == NC_T_WORD && qty_words(sc, i, q);
}

/* ---- mentions ---- */

static struct nc_mention *push(struct nc_vscan *sc, enum nc_mention_type ty,
                               size_t t0, size_t t1, enum nc_approx ap)
{
  struct nc_mention *m = nc_mentions_push(sc->out, ty, sc->t[t0].start,
                                          sc->t[t1 - 1].end);
  m->approx = ap;
  return m;
}

/* "US$", "C$", "$", "€", "USD": the currency written before an amount;
 * returns the token after it (i when none). */
/* An ISO 4217 code written as a word: upper case ("USD"), lower case
 * when it is also listed as a name ("usd", "rmb"), or in millions with
 * an "M" before it ("MUSD").  Sets *mult to the scale; NULL when none. */
static const struct nc_lexent *code_word(const struct nc_vscan *sc,
                                         size_t k, double *mult)
{
  const struct nc_vtok *t;
  const struct nc_lexent *e;
  size_t n;
  *mult = 1;
  if (k >= sc->n || sc->t[k].kind != NC_T_WORD)
    return NULL;
  t = &sc->t[k];
  n = t->end - t->start;
  if (n == 3 && t->w && (t->w->flags & W_CODE) &&
      (tok_upper(sc, t) || (t->w->flags & W_CURNAME)))
    return t->w;
  if (n == 4 && tok_upper(sc, t) && sc->s[t->start] == 'M' &&
      (e = nc_numlex_get(sc->lx, sc->s + t->start + 1, 3)) &&
      (e->flags & W_CODE)) {
    *mult = 1e6;
    return e;
  }
  return NULL;
}

static size_t money_prefix(const struct nc_vscan *sc, size_t i,
                           const struct nc_lexent **cur, double *mult)
{
  const struct nc_lexent *e;
  *cur = NULL;
  *mult = 1;
  /* "USD$", "aud$ 15": a code glued to the dollar sign */
  e = code_word(sc, i, mult);
  if (e && *mult == 1 &&
      nc_vpunct(sc, i + 1, '$') && glued(sc, i + 1)) {
    *cur = e;
    return i + 2;
  }
  /* "US$", "C$"; spaced or lower case ("hk $") only when the letters
   * are no common word ("a $5 bill") */
  if (nc_vis(sc, i, W_CURPFX) && sc->t[i].kind == NC_T_WORD &&
      nc_vis(sc, i + 1, W_CURSYM) && sc->t[i + 1].kind == NC_T_PUNCT &&
      ((tok_upper(sc, &sc->t[i]) && glued(sc, i + 1)) ||
       !(word_is(sc, i, "a") || word_is(sc, i, "s") || word_is(sc, i, "r")))) {
    *cur = sc->t[i].w;
    return i + 2;
  }
  if (nc_vis(sc, i, W_CURSYM) && sc->t[i].kind == NC_T_PUNCT) {
    *cur = sc->t[i].w;
    return i + 1;
  }
  if (e && is_num(sc, i + 1)) {
    *cur = e;
    return i + 1;
  }
  *mult = 1;
  return i;
}

/* Words before "second" that make it a unit of time. */
static bool second_is_time(const struct nc_vscan *sc, size_t i)
{
  static const char *const before[] = {"a", "one", "per", "each",
                                       "every", "split", "that", NULL};
  size_t k;
  if (!word_is(sc, i, "second") || i == 0)
    return false;
  if (is_num(sc, i - 1))
    return true;
  for (k = 0; before[k]; k++) {
    if (word_is(sc, i - 1, before[k]))
      return true;
  }
  return word_is(sc, i + 1, "ago") || word_is(sc, i + 1, "later");
}

/* "15 dollars and 50", "one dollar and one cent": the minor unit after
 * a whole amount of currency e (tokens up to k, value *v), a number under
 * 100 that ends the phrase or is named as cents.  Returns the new end. */
static size_t minor_part(const struct nc_vscan *sc, size_t k,
                         const struct nc_lexent *e, double mult, double *v)
{
  struct qty c;
  const struct nc_lexent *u;
  size_t k2;
  if (!word_is(sc, k, "and") || e->curmult != 1 || mult != 1 ||
      !qty_at(sc, k + 1, &c) || c.ord || c.frac || c.v < 1 || c.v >= 100 ||
      c.v != floor(c.v))
    return k;
  if ((u = nc_vphrase(sc, c.end, W_CURNAME, &k2))) {
    if (u->curmult != 0.01 || strcmp(u->cur, e->cur) != 0)
      return k;
  } else if (c.end < sc->n && (sc->t[c.end].kind != NC_T_PUNCT ||
                               nc_vis(sc, c.end, W_CURSYM | W_PERCENT))) {
    return k;
  } else {
    k2 = c.end;
  }
  *v += c.v / 100;
  return k2;
}

/* Add n time units e to the years, months and days y, m, d. */
static void add_span(const struct nc_lexent *e, double n, double *y,
                     double *m, double *d)
{
  switch (e->tunit) {
  case 'Y': *y += n * e->tmult; break;
  case 'M': *m += n * e->tmult; break;
  case 'W': *d += 7 * n * e->tmult; break;
  case 'D': *d += n * e->tmult; break;
  default: break;
  }
}

/* "2 years 1 month 21 days ago", "1 month, 21 days ago", "three weeks
 * from now", "two days later" (not in the past tense), "four days from
 * yesterday", "two days before yesterday": the quantity v of time unit
 * e at token u, maybe more quantities and units, then the direction.
 * Pushes the day and returns the token after it, or u when there is
 * none (one unit "ago" is nc_dates_offset's). */
static size_t compound_offset(struct nc_vscan *sc, size_t st, size_t u,
                              double v, const struct nc_lexent *e)
{
  double y = 0, mo = 0, d = 0;
  size_t k = u + 1, end;
  int n = 1, dir, base = 0;
  struct qty b;

  add_span(e, v, &y, &mo, &d);
  for (;;) {
    size_t j = k;
    if (nc_vpunct(sc, j, ',') || word_is(sc, j, "and"))
      j++;
    if (!is_num(sc, j) && !nc_vis(sc, j, W_UNIT | W_TEN))
      break;
    if (!qty_at(sc, j, &b) || b.ord || b.frac ||
        !nc_vis(sc, b.end, W_TUNIT) || sc->t[b.end].kind != NC_T_WORD)
      break;
    add_span(sc->t[b.end].w, b.v, &y, &mo, &d);
    k = b.end + 1;
    n++;
  }
  if (word_is(sc, k, "ago")) {
    dir = -1;
    end = k + 1;
  } else if (word_is(sc, k, "from") && word_is(sc, k + 1, "now")) {
    dir = 1;
    end = k + 2;
  } else if (word_is(sc, k, "later") && nc_vtense(sc, st) >= 0) {
    /* "they will meet two days later": from now; told in the past
     * tense it counts from the story's event, no day we know */
    dir = 1;
    end = k + 1;
  } else if ((word_is(sc, k, "from") || word_is(sc, k, "after") ||
              word_is(sc, k, "before")) &&
             nc_vis(sc, k + 1, W_RELDAY) &&
             sc->t[k + 1].kind == NC_T_WORD) {
    dir = word_is(sc, k, "before") ? -1 : 1;
    base = sc->t[k + 1].w->reldays;
    end = k + 2;
  } else {
    return u;
  }
  if (n == 1 && dir < 0 && base == 0)
    return u;
  if (y != floor(y) || mo != floor(mo) || d != floor(d) ||
      !nc_dates_shift(sc, st, end, (long)y, (long)mo, (long)d, dir, base))
    return u;
  return end;
}

/* Decide what the quantity a (tokens from i to k, approximation words
 * from st) is by the words after it, and push it. */
static size_t classify(struct nc_vscan *sc, size_t st, size_t i, size_t k,
                       const struct qty *a, double v2, enum nc_approx ap,
                       const struct nc_lexent *cur)
{
  const struct nc_lexent *e;
  struct nc_mention *m;
  size_t k2, u;
  bool hy = false;
  double mult = 1;

  if (a->ord) {
    if (second_is_time(sc, i))
      return i + 1;
    push(sc, NC_M_ORDINAL, st, k, ap)->value = a->v;
    return k;
  }
  if (cur) {
    /* "$ 10 dollars": the name repeats the symbol */
    if ((e = nc_vphrase(sc, k, W_CURNAME, &k2)) && e->curmult == 1 &&
        !strcmp(e->cur, cur->cur))
      k = k2;
    m = push(sc, NC_M_MONEY, st, k, ap);
    m->value = a->v * cur->curmult;
    m->value2 = v2 * cur->curmult;
    memcpy(m->currency, cur->cur, 4);
    return k;
  }
  if (nc_vphrase(sc, k, W_PERCENT, &k2) &&
      (sc->t[k].kind == NC_T_WORD || !sc->t[k].space ||
       nc_vpunct(sc, k, '%'))) {
    m = push(sc, NC_M_PERCENT, st, k2, ap);
    m->value = a->v;
    m->value2 = v2;
    return k2;
  }
  u = k;
  if (is_dash_tok(sc, u) && glued(sc, u) && glued(sc, u + 1) &&
      nc_vis(sc, u + 1, W_CURNAME))
    u++; /* "a 12-cent dividend" */
  if ((e = code_word(sc, u, &mult)))
    k2 = u + 1;
  else
    e = nc_vphrase(sc, u, W_CURNAME, &k2);
  if (e) {
    double v = a->v * mult;
    /* "75 USD million" */
    if (nc_vis(sc, k2, W_SCALE) && sc->t[k2].kind == NC_T_WORD &&
        sc->t[k2].w->num > 100 && a->scale == 1) {
      mult *= sc->t[k2].w->num;
      v *= sc->t[k2].w->num;
      k2++;
    }
    k2 = minor_part(sc, k2, e, mult, &v);
    m = push(sc, NC_M_MONEY, st, k2, ap);
    m->value = v * e->curmult;
    m->value2 = v2 * mult * e->curmult;
    memcpy(m->currency, e->cur, 4);
    return k2;
  }
  /* "100 元", "100 ₡": a symbol after the amount */
  if (nc_vis(sc, k, W_CURSYM) &&
      !(k + 1 < sc->n && sc->t[k + 1].kind == NC_T_NUM) &&
      !nc_vis(sc, k + 1, W_CURSYM | W_CURNAME)) {
    e = sc->t[k].w;
    m = push(sc, NC_M_MONEY, st, k + 1, ap);
    m->value = a->v * e->curmult;
    m->value2 = v2 * e->curmult;
    memcpy(m->currency, e->cur, 4);
    return k + 1;
  }
  u = k;
  if (is_dash_tok(sc, u) && glued(sc, u) && glued(sc, u + 1) &&
      nc_vis(sc, u + 1, W_TUNIT)) {
    u++;
    hy = true;
  }
  if (nc_vis(sc, u, W_TUNIT) && sc->t[u].kind == NC_T_WORD) {
    e = sc->t[u].w;
    /* ages: "30-year-old", "30 years old" */
    if (hy && is_dash_tok(sc, u + 1) && word_is(sc, u + 2, "old"))
      return u + 3;
    if (!hy && word_is(sc, u + 1, "old"))
      return u + 2;
    if (!hy && ap != NC_APPROX_RANGE &&
        (k2 = compound_offset(sc, st, u, a->v, e)) > u)
      return k2;
    if (!hy && word_is(sc, u + 1, "ago")) {
      if (ap != NC_APPROX_RANGE)
        nc_dates_offset(sc, st, u + 2, a->v, e, -1);
      return u + 2;
    }
    if (!hy && ap == NC_APPROX_NONE && st > 0 && word_is(sc, st - 1, "in") &&
        nc_vtense(sc, st) > 0 &&
        nc_dates_offset(sc, st - 1, u + 1, a->v, e, 1))
      return u + 1;
    m = push(sc, NC_M_DURATION, st, u + 1, ap);
    m->value = a->v * e->tmult;
    m->value2 = v2 * e->tmult;
    m->unit = e->tunit;
    return u + 1;
  }
  /* "two Sundays from now", "in three business days": a weekday or a
   * word of seven letters or more ("Sundays", "business") */
  if (ap == NC_APPROX_NONE && !a->frac && k < sc->n &&
      sc->t[k].kind == NC_T_WORD &&
      ((sc->t[k].w && (sc->t[k].w->flags & W_WDAY)) ||
       sc->t[k].end - sc->t[k].start >= 7) &&
      ((k2 = nc_dates_weekdays(sc, st, k, a->v)) > k ||
       (k2 = nc_dates_business(sc, st, k, a->v)) > k))
    return k2;
  m = push(sc, NC_M_NUMBER, st, k, ap);
  m->value = a->v;
  m->value2 = v2;
  return k;
}

/* Push the vague quantity "several", "dozens of" whose key spans tokens
 * [i, k) and return the token after it. */
static size_t vague_push(struct nc_vscan *sc, size_t i, size_t k)
{
  if (word_is(sc, k, "of"))
    k++;
  push(sc, NC_M_VAGUE, i, k, NC_APPROX_NONE);
  return k;
}

/* A vague quantity at token i: push it and return the token after, or
 * return i.  Inline, as most words tried here begin none. */
static inline size_t vague_at(struct nc_vscan *sc, size_t i)
{
  size_t k;
  if (!nc_vphrase(sc, i, W_VAGUE, &k))
    return i;
  return vague_push(sc, i, k);
}

/* A value at token i, qualified by the approximation words from st. */
static size_t value_at(struct nc_vscan *sc, size_t st, size_t i,
                       enum nc_approx ap)
{
  const struct nc_lexent *cur;
  struct qty a, b;
  size_t j, k, c;
  double v2 = 0, pmult;

  if (ap != NC_APPROX_RANGE) {
    size_t before = sc->out->n;
    k = nc_dates_at(sc, i);
    if (k > i) {
      if (ap != NC_APPROX_NONE && sc->out->n > before) {
        struct nc_mention *m = &sc->out->items[sc->out->n - 1];
        m->start = sc->t[st].start;
        m->approx = ap;
      }
      return k;
    }
  }
  /* a number is no currency */
  if (i < sc->n && sc->t[i].kind == NC_T_NUM) {
    cur = NULL;
    pmult = 1;
    j = i;
  } else {
    j = money_prefix(sc, i, &cur, &pmult);
  }
  if (!qty_at(sc, j, &a)) {
    /* "a year ago", "over a decade" */
    if ((word_is(sc, i, "a") || word_is(sc, i, "an")) &&
        nc_vis(sc, i + 1, W_TUNIT) && !word_is(sc, i + 1, "second") &&
        (ap != NC_APPROX_NONE || word_is(sc, i + 2, "ago") ||
         (i > 0 && word_is(sc, i - 1, "for")))) {
      a.v = 1;
      a.ord = false;
      a.scale = 1;
      return classify(sc, st, i, i + 1, &a, 0, ap, NULL);
    }
    /* "percent of 10", "per cent of twenty-two" */
    if ((word_is(sc, i, "percent") || word_is(sc, i, "per")) &&
        nc_vphrase(sc, i, W_PERCENT, &k) && word_is(sc, k, "of") &&
        qty_at(sc, k + 1, &a) && !a.ord && !a.frac &&
        !(a.end < sc->n && sc->t[a.end].kind == NC_T_WORD &&
          sc->t[a.end].w && (sc->t[a.end].w->flags &
                             (W_SCALE | W_CURNAME | W_TUNIT)))) {
      struct nc_mention *m = push(sc, NC_M_PERCENT, st, a.end, ap);
      m->value = a.v;
      return a.end;
    }
    if (ap == NC_APPROX_NONE)
      return vague_at(sc, i);
    return i;
  }
  k = a.end;
  a.v *= pmult;
  if (!a.ord) {
    bool conn;
    c = k;
    if (ap == NC_APPROX_RANGE)
      conn = word_is(sc, c, "and");
    else
      conn = word_is(sc, c, "to") ||
             (is_dash_tok(sc, c) && (glued(sc, c) == glued(sc, c + 1)) &&
              !word_is(sc, c - 1, "s") &&
              sc->t[j].kind != NC_T_WORD);
    if (conn) {
      const struct nc_lexent *cur2;
      double mult2;
      size_t k2 = money_prefix(sc, c + 1, &cur2, &mult2);
      if ((!cur2 || (cur && !strcmp(cur->cur, cur2->cur))) &&
          qty_at(sc, k2, &b) && !b.ord && mult2 == pmult) {
        double av = a.v;
        b.v *= mult2;
        if (b.scale > 1 && a.scale == 1 && av * b.scale <= b.v)
          av *= b.scale;
        if (av < b.v) {
          a.v = av;
          v2 = b.v;
          k = b.end;
          ap = NC_APPROX_RANGE;
        }
      }
    }
    if (ap == NC_APPROX_RANGE && k == a.end)
      return value_at(sc, i, i, NC_APPROX_NONE); /* "between" alone */
  }
  return classify(sc, st, j, k, &a, v2, ap, cur);
}

/* A value at token i, whose `begin` is set (so a word there has an
 * entry): push it and return the token after it, or return i. */
static size_t scan_at(struct nc_vscan *sc, size_t i)
{
  const struct nc_lexent *a;
  size_t k;
  /* a value after an approximation begins where one may begin alone
   * (`begin`), or at "MUSD", a word of four letters read by its text
   * (code_word): "about them", "over there" go on to the rest */
  if ((a = nc_vphrase(sc, i, W_APPROX, &k)) && k < sc->n &&
      (sc->t[k].begin ||
       (sc->t[k].kind == NC_T_WORD && sc->t[k].end - sc->t[k].start == 4))) {
    size_t r = value_at(sc, i, k, a->approx);
    if (r > k)
      return r;
  }
  /* "in" of "in excess of" and "about" begin no other value than a
   * vague one, and "the" no other than a date or a vague one (see
   * mark_begins): the rest of value_at finds nothing there */
  if (sc->t[i].kind == NC_T_WORD && (sc->t[i].w->kw & KW_LEAD))
    return vague_at(sc, i);
  if (sc->t[i].kind == NC_T_WORD && (sc->t[i].w->kw & KW_DATEONLY)) {
    size_t r = i;
    /* each date these words begin goes on with a number, punctuation
     * ("mid-2024") or a listed word ("the 27th", "last week") */
    if (i + 1 < sc->n && (sc->t[i + 1].kind != NC_T_WORD || sc->t[i + 1].w))
      r = nc_dates_at(sc, i);
    return r > i ? r : vague_at(sc, i);
  }
  /* a month, a weekday or "today" begins a date or nothing: money, a
   * number or a vague quantity needs a word with another role */
  if (sc->t[i].kind == NC_T_WORD && (sc->t[i].w->kw & KW_DATEWORD))
    return nc_dates_at(sc, i);
  /* "s" of "S$" and "all" of "ALL" begin money only before a currency
   * symbol or, as a code, in upper case; no other value */
  if (sc->t[i].kind == NC_T_WORD && (sc->t[i].w->kw & KW_MONEYONLY) &&
      !((sc->t[i].w->flags & W_CURPFX) && nc_vis(sc, i + 1, W_CURSYM) &&
        sc->t[i + 1].kind == NC_T_PUNCT) &&
      !((sc->t[i].w->flags & W_CODE) && tok_upper(sc, &sc->t[i])))
    return i;
  /* "a" begins a number ("a dozen", "a third"), a span ("a year ago")
   * or money ("A$ 5") only before a number or a word with a role these
   * read: a scale, a multiple, a fraction, a time unit, a currency
   * symbol, or "a" of "half a million" (KW_QTY); "a new", "a U.S." begin
   * none of them */
  if (sc->t[i].kind == NC_T_WORD && (sc->t[i].w->kw & KW_QTYONLY) &&
      !(i + 1 < sc->n &&
        (sc->t[i + 1].kind == NC_T_NUM ||
         (sc->t[i + 1].w &&
          ((sc->t[i + 1].w->flags &
            (W_SCALE | W_MULT | W_FRAC | W_TUNIT | W_CURSYM)) ||
           (sc->t[i + 1].w->kw & KW_QTY))))))
    return vague_at(sc, i);
  return value_at(sc, i, i, NC_APPROX_NONE);
}

void nc_values_find(const struct nc_numlex *lx, const char *text,
                    size_t len, const struct nc_mention_ctx *ctx,
                    struct nc_mentions *out)
{
  struct nc_vtok local[NC_VTOK_LOCAL];
  struct nc_vscan sc;
  const struct nc_vtok *t, *end;

  /* tokens keep offsets of 32 bits: a text is at most
   * NC_MAX_INPUT_BYTES, and a longer one is read to 4 GiB */
  if (len > UINT32_MAX)
    len = UINT32_MAX;
  memset(&sc, 0, sizeof sc);
  sc.lx = lx;
  sc.s = text;
  sc.len = len;
  sc.ctx = ctx;
  sc.out = out;
  sc.local = local;
  sc.t = local;
  sc.cap = NC_VTOK_LOCAL;
  tokenize(&sc);
  /* a stop past the last token for the loop below, never read as a
   * token */
  if (sc.n == sc.cap)
    tok_grow(&sc);
  sc.t[sc.n].begin = true;
  /* the tokens stay where they are from here on: a pointer walks them,
   * turned into an index only where scan_at is called */
  t = sc.t;
  end = sc.t + sc.n;
  while (t < end) {
    size_t i, k;
    /* a value begins at a number, a sign or a word that may start one,
     * a few tokens of a sentence: a tight loop passes the others */
    while (!t->begin)
      t++;
    if (t == end)
      break;
    if (t->kind == NC_T_WORD && (t->w->kw & KW_NEXTLISTED) && t + 1 < end &&
        t[1].kind == NC_T_WORD && !t[1].w && !nc_vnext(t->w, &t[1])) {
      /* "the", "a", "in" before a word with no key, most of them: the
       * cheapest test first, as scan_at would find nothing there */
      t++;
      continue;
    }
    i = (size_t)(t - sc.t);
    if (t->kind == NC_T_PUNCT && !(t->w && (t->w->flags & W_BEGIN)) &&
        !(is_num(&sc, i + 1) && glued(&sc, i + 1))) {
      /* (a sign begins a value only before digits, "-3") */
      t++;
      continue;
    }
    k = scan_at(&sc, i);
    t = sc.t + (k > i ? k : i + 1);
  }
  if (sc.t != local)
    free(sc.t);
}
