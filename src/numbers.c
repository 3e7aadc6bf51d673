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

#include "values_int.h"

/* ---- the lexicon: one hash table of lower-case keys ---- */

static uint32_t hash_lower(const char *s, size_t n)
{
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (uint32_t)nc_ascii_lower((unsigned char)s[i]);
    h *= 16777619u;
  }
  return h;
}

static bool key_eq(const char *key, const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++) {
    if (key[i] == '\0' ||
        key[i] != (char)nc_ascii_lower((unsigned char)s[i]))
      return false;
  }
  return key[n] == '\0';
}

const struct nc_lexent *nc_numlex_get(const struct nc_numlex *lx,
                                      const char *s, size_t n)
{
  size_t mask, k;
  if (!lx || lx->nslots == 0)
    return NULL;
  mask = lx->nslots - 1;
  for (k = hash_lower(s, n) & mask; lx->slots[k]; k = (k + 1) & mask) {
    const struct nc_lexent *e = &lx->ents[lx->slots[k] - 1];
    if (key_eq(e->key, s, n))
      return e;
  }
  return NULL;
}

static void rehash(struct nc_numlex *lx, size_t nslots)
{
  size_t i, mask = nslots - 1;
  free(lx->slots);
  lx->slots = xcalloc(nslots, sizeof *lx->slots);
  lx->nslots = nslots;
  for (i = 0; i < lx->n; i++) {
    const struct nc_lexent *e = &lx->ents[i];
    size_t k = hash_lower(e->key, strlen(e->key)) & mask;
    while (lx->slots[k])
      k = (k + 1) & mask;
    lx->slots[k] = (uint32_t)(i + 1);
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
  nc_grow(&lx->ents, &lx->cap, lx->n + 1, sizeof *lx->ents);
  e = &lx->ents[lx->n++];
  memset(e, 0, sizeof *e);
  e->key = nc_ascii_lowerdup(key, n);
  e->curmult = 1;
  e->tmult = 1;
  if (lx->n * 2 > lx->nslots)
    rehash(lx, lx->nslots ? lx->nslots * 2 : 256);
  else {
    size_t mask = lx->nslots - 1;
    size_t k = hash_lower(e->key, n) & mask;
    while (lx->slots[k])
      k = (k + 1) & mask;
    lx->slots[k] = (uint32_t)lx->n;
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
  size_t n = 0, i, ntok = 0, first = 0;
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
    i += key_tok(buf, n, i);
    ntok++;
  }
  if (ntok > 1) {
    e = lex_entry(lx, buf, first);
    e->flags |= W_PHRASE;
    if (e->ntok < (int)ntok)
      e->ntok = (int)ntok;
  }
  e = lex_entry(lx, buf, n);
  e->flags |= role;
  return e;
}

void nc_numlex_free(struct nc_numlex *lx)
{
  size_t i;
  if (!lx)
    return;
  for (i = 0; i < lx->n; i++)
    free(lx->ents[i].key);
  free(lx->ents);
  free(lx->slots);
  free(lx);
}

/* What a JSON field's values fill in an entry. */
enum field { F_NONE, F_NUM, F_ORD, F_DENOM, F_MONTH, F_WDAY, F_RELDAYS };

struct loader {
  struct nc_numlex *lx;
  const char *file;
  struct nc_error *err;
};

static enum nc_status bad(struct loader *ld, const char *field,
                          const char *what)
{
  return nc_error_set(ld->err, NC_RULE, ld->file, 0, "\"%s\": %s", field,
                      what);
}

/* {"word": number, ...} */
static enum nc_status load_numobj(struct loader *ld, const cJSON *root,
                                  const char *field, unsigned role,
                                  enum field f)
{
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    struct nc_lexent *e;
    if (!cJSON_IsNumber(it))
      return bad(ld, field, "expected numbers");
    e = lex_add(ld->lx, it->string, role);
    switch (f) {
    case F_NUM: e->num = it->valuedouble; break;
    case F_ORD: e->ord = it->valuedouble; break;
    case F_DENOM: e->denom = it->valuedouble; break;
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
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, field), *it;
  if (!cJSON_IsArray(arr))
    return bad(ld, field, "expected an array");
  cJSON_ArrayForEach(it, arr)
  {
    if (!cJSON_IsString(it))
      return bad(ld, field, "expected strings");
    lex_add(ld->lx, it->valuestring, role);
  }
  return NC_OK;
}

/* {"name": "CODE" or ["CODE", multiplier]} */
static enum nc_status load_curobj(struct loader *ld, const cJSON *root,
                                  const char *field, unsigned role)
{
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    const cJSON *code = it, *mult = NULL;
    struct nc_lexent *e;
    if (cJSON_IsArray(it)) {
      code = cJSON_GetArrayItem(it, 0);
      mult = cJSON_GetArrayItem(it, 1);
    }
    if (!cJSON_IsString(code) || strlen(code->valuestring) != 3 ||
        (mult && !cJSON_IsNumber(mult)))
      return bad(ld, field, "expected \"CODE\" or [\"CODE\", number]");
    e = lex_add(ld->lx, it->string, role);
    memcpy(e->cur, code->valuestring, 4);
    e->curmult = mult ? mult->valuedouble : 1;
  }
  return NC_OK;
}

static enum nc_status load_units(struct loader *ld, const cJSON *root)
{
  const char *field = "time_units";
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    const cJSON *u = cJSON_GetArrayItem(it, 0);
    const cJSON *m = cJSON_GetArrayItem(it, 1);
    struct nc_lexent *e;
    if (!cJSON_IsString(u) || strlen(u->valuestring) != 1 ||
        !strchr("YMWDhms", u->valuestring[0]) || !cJSON_IsNumber(m))
      return bad(ld, field, "expected [\"Y|M|W|D|h|m|s\", number]");
    e = lex_add(ld->lx, it->string, W_TUNIT);
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
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, field), *it;
  if (!cJSON_IsObject(obj))
    return bad(ld, field, "expected an object");
  cJSON_ArrayForEach(it, obj)
  {
    int a;
    if (!cJSON_IsString(it))
      return bad(ld, field, "expected strings");
    for (a = 1; a < 7 && strcmp(names[a], it->valuestring) != 0; a++)
      ;
    if (a == 7)
      return bad(ld, field, "unknown approximation");
    lex_add(ld->lx, it->string, W_APPROX)->approx = (enum nc_approx)a;
  }
  return NC_OK;
}

static enum nc_status load_numbers(struct loader *ld, const cJSON *r)
{
  enum nc_status st;
  const cJSON *it, *neg;
  if ((st = load_numobj(ld, r, "units", W_UNIT, F_NUM)) ||
      (st = load_numobj(ld, r, "tens", W_TEN, F_NUM)) ||
      (st = load_numobj(ld, r, "scales", W_SCALE, F_NUM)) ||
      (st = load_numobj(ld, r, "scale_suffixes", W_SUFFIX, F_NUM)) ||
      (st = load_numobj(ld, r, "ordinals", W_ORD, F_ORD)) ||
      (st = load_numobj(ld, r, "fractions", W_FRAC, F_DENOM)) ||
      (st = load_list(ld, r, "ordinal_suffixes", W_ORDSFX)) ||
      (st = load_list(ld, r, "vague", W_VAGUE)) ||
      (st = load_list(ld, r, "percent", W_PERCENT)))
    return st;
  /* Multipliers share `num` with scales: a key may not be both. */
  if ((st = load_numobj(ld, r, "multipliers", W_MULT, F_NUM)))
    return st;
  neg = cJSON_GetObjectItemCaseSensitive(r, "negative");
  cJSON_ArrayForEach(it, neg)
  {
    if (cJSON_IsString(it))
      lex_add(ld->lx, it->valuestring, W_NEG);
  }
  return NC_OK;
}

static enum nc_status load_calendar(struct loader *ld, const cJSON *r)
{
  enum nc_status st;
  if ((st = load_numobj(ld, r, "months", W_MONTH, F_MONTH)) ||
      (st = load_list(ld, r, "ambiguous_months", W_AMBIG)) ||
      (st = load_numobj(ld, r, "weekdays", W_WDAY, F_WDAY)) ||
      (st = load_list(ld, r, "ambiguous_weekdays", W_AMBIG)) ||
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
  const cJSON *codes = cJSON_GetObjectItemCaseSensitive(r, field), *it;
  if ((st = load_curobj(ld, r, "symbols", W_CURSYM)) ||
      (st = load_curobj(ld, r, "symbol_prefixes", W_CURPFX)) ||
      (st = load_curobj(ld, r, "names", W_CURNAME)))
    return st;
  if (!cJSON_IsArray(codes))
    return bad(ld, field, "expected an array");
  cJSON_ArrayForEach(it, codes)
  {
    if (!cJSON_IsString(it) || strlen(it->valuestring) != 3)
      return bad(ld, field, "expected three-letter codes");
    memcpy(lex_add(ld->lx, it->valuestring, W_CODE)->cur, it->valuestring,
           4);
  }
  return NC_OK;
}

static enum nc_status load_file(struct loader *ld, const char *dir,
                                const char *name,
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
  st = fill(ld, root);
  ld->file = NULL;
  cJSON_Delete(root);
  return st;
}

enum nc_status nc_numlex_load(const char *dir, struct nc_numlex **out,
                              struct nc_error *err)
{
  struct loader ld;
  enum nc_status st;

  ld.lx = xcalloc(1, sizeof *ld.lx);
  ld.err = err;
  ld.file = NULL;
  if ((st = load_file(&ld, dir, "numbers.json", load_numbers)) ||
      (st = load_file(&ld, dir, "calendar.json", load_calendar)) ||
      (st = load_file(&ld, dir, "currencies.json", load_currencies)) ||
      (st = load_file(&ld, dir, "approx.json", load_approx))) {
    nc_numlex_free(ld.lx);
    return st;
  }
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

static struct nc_vtok *tok_new(struct nc_vscan *sc, enum nc_tok_kind k,
                               size_t start, size_t end, bool space)
{
  struct nc_vtok *t;
  nc_grow(&sc->t, &sc->cap, sc->n + 1, sizeof *sc->t);
  t = &sc->t[sc->n++];
  memset(t, 0, sizeof *t);
  t->kind = k;
  t->start = start;
  t->end = end;
  t->space = space;
  return t;
}

static double digits_value(const char *s, size_t n)
{
  char buf[64];
  size_t i, k = 0;
  for (i = 0; i < n && k + 1 < sizeof buf; i++) {
    if (s[i] != ',')
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
        t->ndig = (int)(q - p);
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
  t = tok_new(sc, NC_T_NUM, i, j, space);
  t->num = digits_value(s + i, j - i);
  t->ndig = ndig;
  t->comma = comma;
  t->dec = dec;
  return j;
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
    struct nc_vtok *t;

    if (c >= 0x80)
      clen = nc_utf8_decode(s + i, len - i, &cp);
    if (nc_is_space(c) || (c >= 0x80 && space_cp(cp))) {
      space = true;
      i += clen;
      continue;
    }
    if (nc_is_alpha(c) || (c >= 0x80 && letter_cp(cp))) {
      size_t j = i;
      bool upper = true, ascii = true;
      while (j < len) {
        unsigned char d = (unsigned char)s[j];
        if (nc_is_alpha(d)) {
          if (d >= 'a')
            upper = false;
          j++;
        } else if (d >= 0x80) {
          size_t l = nc_utf8_decode(s + j, len - j, &cp);
          if (!letter_cp(cp))
            break;
          ascii = false;
          j += l;
        } else {
          break;
        }
      }
      t = tok_new(sc, NC_T_WORD, i, j, space);
      t->cap = c >= 'A' && c <= 'Z';
      t->upper = upper;
      if (ascii && j - i < 32)
        t->w = nc_numlex_get(sc->lx, s + i, j - i);
      i = j;
    } else if (nc_is_digit(c) ||
               (c == '.' && i + 1 < len &&
                nc_is_digit((unsigned char)s[i + 1]) &&
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
    } else {
      t = tok_new(sc, NC_T_PUNCT, i, i + clen, space);
      t->w = nc_numlex_get(sc->lx, s + i, clen);
      i += clen;
    }
    space = false;
  }
}

/* ---- token helpers shared with dates.c ---- */

bool nc_vis(const struct nc_vscan *sc, size_t i, unsigned flags)
{
  return i < sc->n && sc->t[i].w && (sc->t[i].w->flags & flags);
}

bool nc_vpunct(const struct nc_vscan *sc, size_t i, char c)
{
  return i < sc->n && sc->t[i].kind == NC_T_PUNCT &&
         sc->t[i].end - sc->t[i].start == 1 && sc->s[sc->t[i].start] == c;
}

static bool is_dash_tok(const struct nc_vscan *sc, size_t i)
{
  const struct nc_vtok *t;
  uint32_t cp;
  if (i >= sc->n || sc->t[i].kind != NC_T_PUNCT)
    return false;
  t = &sc->t[i];
  nc_utf8_decode(sc->s + t->start, t->end - t->start, &cp);
  return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 ||
         cp == 0x2013 || cp == 0x2014 || cp == 0x2212;
}

bool nc_vdash(const struct nc_vscan *sc, size_t i, bool spaced)
{
  if (!is_dash_tok(sc, i) || i + 1 >= sc->n || i == 0)
    return false;
  if (spaced)
    return true;
  return !sc->t[i].space && !sc->t[i + 1].space;
}

const struct nc_lexent *nc_vphrase(const struct nc_vscan *sc, size_t i,
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
  if (!(first->flags & W_PHRASE))
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
    if (k > i && (e = nc_numlex_get(sc->lx, buf, n)) && (e->flags & flags)) {
      best = e;
      *next = k + 1;
    }
  }
  return best;
}

/* ---- quantities: digits or words, with scales ---- */

static bool word_is(const struct nc_vscan *sc, size_t i, const char *w)
{
  return i < sc->n && sc->t[i].kind == NC_T_WORD &&
         nc_ascii_eq(sc->s + sc->t[i].start, sc->t[i].end - sc->t[i].start,
                     w);
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

/* A minus sign: '-' or U+2212, not an em or en dash. */
static bool minus_tok(const struct nc_vscan *sc, size_t i)
{
  const struct nc_vtok *t = &sc->t[i];
  if (t->kind != NC_T_PUNCT)
    return false;
  if (t->end - t->start == 1)
    return sc->s[t->start] == '-';
  return t->end - t->start == 3 &&
         memcmp(sc->s + t->start, "\xe2\x88\x92", 3) == 0;
}

struct qty {
  double v;     /* the value */
  size_t end;   /* token after it */
  bool ord;     /* an ordinal ("21st", "fifth") */
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
  }
  q->ord = false;
  q->scale = 1;
  if (j < sc->n && glued(sc, j) && sc->t[j].kind == NC_T_WORD) {
    const struct nc_lexent *e = sc->t[j].w;
    if (e && (e->flags & W_ORDSFX) && !t->dec && !t->comma && !neg) {
      q->ord = true;
      q->v = v;
      q->end = j + 1;
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
               sc->t[j].end - sc->t[j].start >= 2))) {
    v *= sc->t[j].w->num;
    q->scale = sc->t[j].w->num;
    j++;
  }
  q->v = neg ? -v : v;
  q->end = j;
  return true;
}

enum last { L_NONE, L_A, L_UNIT, L_TEN, L_HUNDRED, L_SCALE, L_AND };

/* Number words: "twenty-one", "one hundred and five", "a dozen", "half a
 * million", "two thirds", "one hundred twenty-fifth".  The usual
 * total/current accumulator: units and tens add to the current group,
 * "hundred" multiplies it, a larger scale closes it into the total. */
static bool qty_words(const struct nc_vscan *sc, size_t i, struct qty *q)
{
  double total = 0, cur = 0, lastadd = 0, lastscale = 1e300;
  enum last last = L_NONE;
  size_t j = i;
  const struct nc_lexent *e;

  q->ord = false;
  q->scale = 1;
  /* "half a million", "half a dozen" */
  if (word_is(sc, i, "half") && word_is(sc, i + 1, "a") &&
      nc_vis(sc, i + 2, W_SCALE | W_MULT)) {
    q->v = 0.5 * sc->t[i + 2].w->num;
    q->scale = sc->t[i + 2].w->num;
    q->end = i + 3;
    return true;
  }
  if ((word_is(sc, j, "a") || word_is(sc, j, "an")) &&
      nc_vis(sc, j + 1, W_SCALE | W_MULT | W_FRAC)) {
    last = L_A;
    j++;
  }
  while (j < sc->n && sc->t[j].kind == NC_T_WORD && (e = sc->t[j].w)) {
    unsigned f = e->flags;
    bool hy = j > i && is_dash_tok(sc, j - 1) && glued(sc, j);
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
    } else if ((f & W_MULT) && !hy &&
               (last == L_UNIT || last == L_TEN || last == L_A)) {
      /* "three dozen": the dozen multiplies the last number said */
      if (last == L_A)
        cur += 12;
      else
        cur += lastadd * (e->num - 1);
      j++;
      last = L_UNIT;
      break;
    } else if ((f & W_FRAC) && e->denom >= 2 &&
               ((last == L_UNIT && cur == lastadd && total == 0) ||
                last == L_A)) {
      /* "two thirds", "a quarter" (but "twenty first" is an ordinal) */
      q->v = (last == L_A ? 1 : cur) / e->denom;
      q->end = j + 1;
      return true;
    } else if ((f & W_ORD) && e->ord < 100 &&
               (last == L_NONE || last == L_HUNDRED || last == L_SCALE ||
                last == L_AND || (last == L_TEN && e->ord < 10))) {
      q->ord = true;
      q->v = total + cur + e->ord;
      q->end = j + 1;
      return true;
    } else if ((f & W_ORD) && e->ord >= 100 && !hy &&
               (last == L_NONE || last == L_UNIT || last == L_TEN ||
                last == L_HUNDRED)) {
      q->ord = true;
      q->v = (total + cur > 0 ? total + cur : 1) * e->ord;
      q->end = j + 1;
      return true;
    } else if (nc_ascii_eq(sc->s + sc->t[j].start,
                           sc->t[j].end - sc->t[j].start, "and") &&
               (last == L_HUNDRED || last == L_SCALE) &&
               nc_vis(sc, j + 1, W_UNIT | W_TEN) &&
               sc->t[j + 1].w->num > 0) {
      last = L_AND;
    } else {
      break;
    }
    j++;
    /* "twenty-one": a hyphen joins a ten to a unit or ordinal */
    if (last == L_TEN && is_dash_tok(sc, j) && glued(sc, j) &&
        glued(sc, j + 1) && nc_vis(sc, j + 1, W_UNIT | W_ORD))
      j++;
    else if (last == L_UNIT && is_dash_tok(sc, j) && glued(sc, j) &&
             glued(sc, j + 1) && nc_vis(sc, j + 1, W_FRAC))
      j++; /* "two-thirds" */
  }
  if (last == L_AND)
    j--;
  if (last == L_NONE || last == L_A)
    return false;
  q->v = total + cur;
  /* "two and a half" */
  if (word_is(sc, j, "and") && word_is(sc, j + 1, "a") &&
      word_is(sc, j + 2, "half")) {
    q->v += 0.5;
    j += 3;
  }
  q->end = j;
  return true;
}

static bool qty_at(const struct nc_vscan *sc, size_t i, struct qty *q)
{
  if (i >= sc->n)
    return false;
  if (nc_vis(sc, i, W_NEG) && sc->t[i].kind == NC_T_WORD &&
      qty_at(sc, i + 1, q) && !q->ord) {
    q->v = -q->v;
    return true;
  }
  if (sc->t[i].kind == NC_T_NUM || minus_tok(sc, i))
    return qty_digits(sc, i, q);
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
static size_t money_prefix(const struct nc_vscan *sc, size_t i,
                           const struct nc_lexent **cur)
{
  *cur = NULL;
  /* "US$", "C$"; spaced or lower case ("hk $") only when the letters
   * are no common word ("a $5 bill") */
  if (nc_vis(sc, i, W_CURPFX) && sc->t[i].kind == NC_T_WORD &&
      nc_vis(sc, i + 1, W_CURSYM) && sc->t[i + 1].kind == NC_T_PUNCT &&
      ((sc->t[i].upper && glued(sc, i + 1)) ||
       !(word_is(sc, i, "a") || word_is(sc, i, "s") ||
         word_is(sc, i, "r")))) {
    *cur = sc->t[i].w;
    return i + 2;
  }
  if (nc_vis(sc, i, W_CURSYM) && sc->t[i].kind == NC_T_PUNCT) {
    *cur = sc->t[i].w;
    return i + 1;
  }
  if (nc_vis(sc, i, W_CODE) && sc->t[i].upper &&
      sc->t[i].end - sc->t[i].start == 3 && is_num(sc, i + 1)) {
    *cur = sc->t[i].w;
    return i + 1;
  }
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

  if (a->ord) {
    if (second_is_time(sc, i))
      return i + 1;
    push(sc, NC_M_ORDINAL, st, k, ap)->value = a->v;
    return k;
  }
  if (cur) {
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
  if ((e = nc_vphrase(sc, k, W_CURNAME, &k2)) ||
      (nc_vis(sc, k, W_CODE) && sc->t[k].upper &&
       sc->t[k].kind == NC_T_WORD && (e = sc->t[k].w) && (k2 = k + 1))) {
    m = push(sc, NC_M_MONEY, st, k2, ap);
    m->value = a->v * e->curmult;
    m->value2 = v2 * e->curmult;
    memcpy(m->currency, e->cur, 4);
    return k2;
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
  m = push(sc, NC_M_NUMBER, st, k, ap);
  m->value = a->v;
  m->value2 = v2;
  return k;
}

/* A value at token i, qualified by the approximation words from st. */
static size_t value_at(struct nc_vscan *sc, size_t st, size_t i,
                       enum nc_approx ap)
{
  const struct nc_lexent *cur, *e;
  struct qty a, b;
  size_t j, k, c;
  double v2 = 0;

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
  j = money_prefix(sc, i, &cur);
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
    if (ap == NC_APPROX_NONE && (e = nc_vphrase(sc, i, W_VAGUE, &k))) {
      if (word_is(sc, k, "of"))
        k++;
      push(sc, NC_M_VAGUE, i, k, NC_APPROX_NONE);
      return k;
    }
    return i;
  }
  k = a.end;
  if (!a.ord) {
    bool conn;
    c = k;
    if (ap == NC_APPROX_RANGE)
      conn = word_is(sc, c, "and");
    else
      conn = word_is(sc, c, "to") ||
             (is_dash_tok(sc, c) && (glued(sc, c) == glued(sc, c + 1)) &&
              !word_is(sc, c - 1, "s"));
    if (conn) {
      const struct nc_lexent *cur2;
      size_t k2 = money_prefix(sc, c + 1, &cur2);
      if ((!cur2 || (cur && !strcmp(cur->cur, cur2->cur))) &&
          qty_at(sc, k2, &b) && !b.ord) {
        double av = a.v;
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

static size_t scan_at(struct nc_vscan *sc, size_t i)
{
  const struct nc_lexent *a;
  size_t k;
  if ((a = nc_vphrase(sc, i, W_APPROX, &k))) {
    size_t r = value_at(sc, i, k, a->approx);
    if (r > k)
      return r;
  }
  return value_at(sc, i, i, NC_APPROX_NONE);
}

void nc_values_find(const struct nc_numlex *lx, const char *text,
                    size_t len, const struct nc_mention_ctx *ctx,
                    struct nc_mentions *out)
{
  struct nc_vscan sc;
  size_t i;

  memset(&sc, 0, sizeof sc);
  sc.lx = lx;
  sc.s = text;
  sc.len = len;
  sc.ctx = ctx;
  sc.out = out;
  tokenize(&sc);
  for (i = 0; i < sc.n;) {
    size_t k = scan_at(&sc, i);
    i = k > i ? k : i + 1;
  }
  free(sc.t);
}
