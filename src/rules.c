/* rules.c: loads the JSON rule files of data/rules, checks every field,
 * expands the {MACRO} shorthands in patterns and compiles each pattern
 * once with PCRE2 (UTF, JIT, match and depth limits).  The only file that
 * includes PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "simd.h"

/* Bounds on the work one match may do, so that a catastrophic pattern in
 * a user's rule file cannot hang the tool. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000

struct compiled {
  pcre2_code *code;
  pcre2_code *trigger; /* cheap pre-check, or NULL */
  pcre2_code *trigger_at; /* the trigger compiled anchored, when it has
                             anchors (JIT code cannot anchor a pattern at
                             match time) */
  /* A trigger with anchors is compiled anchored when loaded (which checks
   * it) and as it is written only when first searched without the sketch:
   * on most texts never, and compiling it took a tenth of the loading.
   * Its text and options are kept for that. */
  char *trigger_text;
  uint32_t trigger_opts;
  bool trigger_tried;
  /* Each of the three is JIT-compiled when first matched: a text often
   * leaves most patterns unused, and compiling all of them took more
   * time than reading a short article. */
  bool jit_code, jit_trigger, jit_trigger_at;
  uint32_t gnum[NC_G_COUNT]; /* group numbers, 0 when absent */
  /* the prefilter: bits of the anchors of the pattern or the trigger,
   * and the trigger's own anchors (lower case) with their bits */
  bool anchored;
  uint64_t mask[4];
  char **tanchor;
  unsigned *tbit;
  size_t ntanchor;
  /* the pattern's own anchors, when the prefilter comes from them: the
   * search for the pattern starts at the first word that begins with one
   * (and is not made when no such word follows) */
  char **panchor;
  unsigned *pbit;
  size_t npanchor;
  bool has_g; /* the pattern may hold \G, which matches at the start
                 offset: its search is not moved */
};

struct event_word {
  char *word;  /* lower case */
  size_t cls;  /* index into classes */
};

struct event_class {
  char *name;
  char *content; /* speech events: the class of what they announce */
  bool by_country, by_person;
};

struct nc_rules {
  struct event_word *words;
  size_t nwords, wcap;
  uint64_t word_bits[64]; /* word_bit of every event word: most words of
                             a text are none, and one bit tells so */
  struct event_class *classes;
  size_t nclasses, clcap;
  struct nc_rule *items;
  struct compiled *code;
  size_t n, cap, ccap;
  pcre2_match_context *mctx;
  pcre2_match_data *md; /* sized for the rule with the most groups */
  size_t *limit_hits;   /* per rule: matches stopped at a limit */
  bool jit;             /* JIT-compile the patterns (see use_jit) */
  struct nc_rule_filter every; /* the sketch's filter for every rule */
  uint32_t maxgroups;
  char **macro_names, **macro_values;
  size_t nmacros, mcap, mvcap;
};

static const char *group_names[NC_G_COUNT] = {
    "value", "value2", "subject", "partner", "party", "object",
    "what",  "event",  "scope",   "other",   "exh"};

const char *nc_group_name(enum nc_group g)
{
  return group_names[g];
}

static const char *value_names[] = {"ordinal", "number",  "year",
                                    "date",    "since",   "countries"};
static const char *subject_names[] = {"group", "before", "person", "main",
                                      "none"};

size_t nc_rules_count(const struct nc_rules *rules)
{
  return rules ? rules->n : 0;
}

const struct nc_rule *nc_rules_get(const struct nc_rules *rules, size_t i)
{
  return &rules->items[i];
}

const char *nc_rule_map(const struct nc_rule *r, enum nc_group group,
                        const char *word)
{
  size_t i, j;
  for (i = 0; i < r->nmaps; i++) {
    if (r->maps[i].group != group)
      continue;
    for (j = 0; j < r->maps[i].n; j++)
      if (strcmp(r->maps[i].from[j], word) == 0)
        return r->maps[i].to[j];
  }
  return NULL;
}

/* Replace each {NAME} by its macro text (macros may use earlier macros,
 * expanded when defined).  Unknown names are an error. */
static enum nc_status expand(const struct nc_rules *rs, const char *pat,
                             char **out, const char *file, const char *id,
                             struct nc_error *err)
{
  struct nc_buf b = {0};
  const char *p = pat;

  while (*p) {
    const char *close;
    size_t k, n;
    if (p[0] == '{' && nc_is_alpha((unsigned char)p[1]) &&
        p[1] >= 'A' && p[1] <= 'Z' && (close = strchr(p, '}')) != NULL) {
      n = (size_t)(close - p - 1);
      for (k = 0; k < rs->nmacros; k++)
        if (strlen(rs->macro_names[k]) == n &&
            memcmp(rs->macro_names[k], p + 1, n) == 0)
          break;
      if (k == rs->nmacros) {
        nc_buf_free(&b);
        return nc_error_set(err, NC_RULE, file, 0,
                            "rule \"%s\": unknown macro {%.*s}", id, (int)n,
                            p + 1);
      }
      nc_buf_puts(&b, rs->macro_values[k]);
      p = close + 1;
      continue;
    }
    if (p[0] == '\\' && p[1]) {
      nc_buf_append(&b, p, 2);
      p += 2;
      continue;
    }
    nc_buf_putc(&b, *p++);
  }
  *out = nc_buf_take(&b);
  return NC_OK;
}

static enum nc_status load_macros(struct nc_rules *rs, const cJSON *m,
                                  const char *file, struct nc_error *err)
{
  const cJSON *it;

  if (!m)
    return NC_OK;
  if (!cJSON_IsObject(m))
    return nc_error_set(err, NC_RULE, file, 0,
                        "\"macros\": expected an object");
  cJSON_ArrayForEach(it, m)
  {
    char *val;
    enum nc_status st;
    if (!cJSON_IsString(it))
      return nc_error_set(err, NC_RULE, file, 0,
                          "macros.%s: expected a string", it->string);
    st = expand(rs, it->valuestring, &val, file, it->string, err);
    if (st != NC_OK)
      return st;
    nc_grow(&rs->macro_names, &rs->mcap, rs->nmacros + 1, sizeof(char *));
    nc_grow(&rs->macro_values, &rs->mvcap, rs->nmacros + 1, sizeof(char *));
    rs->macro_names[rs->nmacros] = xstrdup(it->string);
    rs->macro_values[rs->nmacros] = val;
    rs->nmacros++;
  }
  return NC_OK;
}

static int lookup(const char *const *names, size_t n, const char *s)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (strcmp(names[i], s) == 0)
      return (int)i;
  return -1;
}

/* Render an expected example value in the form nc_value_str produces. */
static char *example_value(const cJSON *v)
{
  struct nc_buf b = {0};
  if (cJSON_IsNumber(v)) {
    nc_buf_printf(&b, "%.15g", v->valuedouble);
  } else if (cJSON_IsString(v)) {
    nc_buf_puts(&b, v->valuestring);
  } else if (cJSON_IsArray(v)) {
    const cJSON *e;
    bool first = true;
    nc_buf_putc(&b, '[');
    cJSON_ArrayForEach(e, v)
    {
      if (!first)
        nc_buf_puts(&b, ", ");
      first = false;
      if (cJSON_IsString(e))
        nc_buf_puts(&b, e->valuestring);
    }
    nc_buf_putc(&b, ']');
  } else {
    return NULL;
  }
  return nc_buf_take(&b);
}

static enum nc_status load_examples(struct nc_rule *r, const cJSON *ex,
                                    const char *file, struct nc_error *err)
{
  const cJSON *e;
  size_t i = 0;

  if (!cJSON_IsArray(ex) || cJSON_GetArraySize(ex) == 0)
    return nc_error_set(err, NC_RULE, file, 0,
                        "rule \"%s\": \"examples\" must be a non-empty array"
                        " (every rule carries examples)",
                        r->id);
  r->nexamples = (size_t)cJSON_GetArraySize(ex);
  r->examples = xcalloc(r->nexamples, sizeof *r->examples);
  cJSON_ArrayForEach(e, ex)
  {
    struct nc_rule_example *x = &r->examples[i];
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(e, "text");
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(e, "published");
    const cJSON *claims = cJSON_GetObjectItemCaseSensitive(e, "claims");
    const cJSON *c;
    size_t k = 0;
    struct nc_date dt;

    if (!cJSON_IsString(text) || !cJSON_IsArray(claims))
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": examples[%zu] needs \"text\" and "
                          "\"claims\"",
                          r->id, i);
    if (pub && !(cJSON_IsString(pub) && nc_date_parse(pub->valuestring, &dt)))
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": examples[%zu].published: expected "
                          "YYYY-MM-DD",
                          r->id, i);
    x->text = xstrdup(text->valuestring);
    x->published = pub ? xstrdup(pub->valuestring) : NULL;
    x->n = (size_t)cJSON_GetArraySize(claims);
    x->keys = xcalloc(x->n + 1, sizeof(char *));
    x->values = xcalloc(x->n + 1, sizeof(char *));
    cJSON_ArrayForEach(c, claims)
    {
      const cJSON *key = cJSON_GetObjectItemCaseSensitive(c, "key");
      const cJSON *val = cJSON_GetObjectItemCaseSensitive(c, "value");
      char *vs = val ? example_value(val) : NULL;
      if (!cJSON_IsString(key) || !vs) {
        free(vs);
        return nc_error_set(err, NC_RULE, file, 0,
                            "rule \"%s\": examples[%zu].claims[%zu] needs "
                            "\"key\" (string) and \"value\"",
                            r->id, i, k);
      }
      x->keys[k] = xstrdup(key->valuestring);
      x->values[k] = vs;
      k++;
    }
    i++;
  }
  return NC_OK;
}

static enum nc_status load_maps(struct nc_rule *r, const cJSON *maps,
                                const char *file, struct nc_error *err)
{
  const cJSON *g;

  if (!maps)
    return NC_OK;
  if (!cJSON_IsObject(maps))
    return nc_error_set(err, NC_RULE, file, 0,
                        "rule \"%s\": \"map\" must be an object", r->id);
  r->nmaps = (size_t)cJSON_GetArraySize(maps);
  r->maps = xcalloc(r->nmaps, sizeof *r->maps);
  r->nmaps = 0;
  cJSON_ArrayForEach(g, maps)
  {
    struct nc_rule_map *m = &r->maps[r->nmaps];
    int gi = lookup(group_names, NC_G_COUNT, g->string);
    const cJSON *w;
    size_t k = 0;
    if (gi < 0 || !cJSON_IsObject(g))
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": map.%s: not a group name with an "
                          "object of words",
                          r->id, g->string);
    r->nmaps++;
    m->group = (enum nc_group)gi;
    m->n = (size_t)cJSON_GetArraySize(g);
    m->from = xcalloc(m->n + 1, sizeof(char *));
    m->to = xcalloc(m->n + 1, sizeof(char *));
    cJSON_ArrayForEach(w, g)
    {
      if (!cJSON_IsString(w))
        return nc_error_set(err, NC_RULE, file, 0,
                            "rule \"%s\": map.%s.%s: expected a string",
                            r->id, g->string, w->string);
      m->from[k] = xstrdup(w->string);
      m->to[k] = xstrdup(w->valuestring);
      k++;
    }
  }
  return NC_OK;
}

static const char *const rule_keys[] = {
    "id",    "description", "pattern", "trigger", "caseless", "value",
    "key",   "label",       "subject", "map",     "examples"};

/* JIT compilation, unless NC_NO_JIT is set (to anything but "" or "0"):
 * valgrind cannot follow JIT code and reports false errors inside it, so
 * `make check-valgrind` sets it; the interpreter gives the same matches
 * under the same limits. */
static bool use_jit(void)
{
  const char *e = getenv("NC_NO_JIT");
  return !e || !e[0] || strcmp(e, "0") == 0;
}

/* ---- the prefilter ------------------------------------------------------ */

/* The sketch bit of three lower-case letters. */
static unsigned tri_bit(int a, int b, int c)
{
  uint32_t k = (uint32_t)((a - 'a') * 26 * 26 + (b - 'a') * 26 + (c - 'a'));
  return (k * 0x9E3779B1u) >> 24;
}

static bool has_bit(const uint64_t *set, unsigned bit)
{
  return (set[bit >> 6] >> (bit & 63)) & 1;
}

static bool sk_letter(unsigned char c)
{
  return (unsigned)((c | 0x20) - 'a') < 26u;
}


/* Record the word at t[i] (a letter after a byte that is none) when its
 * first two letters begin an anchor of the filter's rules and its first
 * three letters hash to a bit their anchors use.  A word the first test drops
 * begins with no anchor: no trigger or pattern with anchors can match at
 * it, and only the hash could have put it in the sketch. */
static void sketch_word(const struct nc_rule_filter *f, const unsigned char *t,
                        size_t len, size_t i, struct nc_rule_sketch *s)
{
  uint32_t second = f->second[(t[i] | 0x20) - 'a']; /* t[i] is a letter */
  unsigned bit;
  if (!second || i + 2 >= len || !sk_letter(t[i + 1]) ||
      !(second >> ((t[i + 1] | 0x20) - 'a') & 1) || !sk_letter(t[i + 2]))
    return;
  bit = tri_bit(t[i] | 0x20, t[i + 1] | 0x20, t[i + 2] | 0x20);
  if (!has_bit(f->bits, bit))
    return;
  s->bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
  s->words[s->n].at = i;
  s->words[s->n++].bit = bit;
}

/* Every word start is a letter after a byte that is no letter (a superset
 * of the starts PCRE2's \b allows before a letter: a digit or '_' before
 * it only adds a start the trigger then rejects).  The letters are found
 * eight bytes at a time. */
void nc_rule_sketch_text(const struct nc_rules *rs, const char *text,
                         size_t len, struct nc_rule_sketch *s)
{
  nc_rule_sketch_for(&rs->every, text, len, s);
}

void nc_rule_sketch_for(const struct nc_rule_filter *f, const char *text,
                        size_t len, struct nc_rule_sketch *s)
{
  const unsigned char *t = (const unsigned char *)text;
  uint64_t prev = 0; /* 0x80 when the byte before the block is a letter */
  size_t i, k;

  memset(s->bits, 0, sizeof s->bits);
  s->all = false;
  s->n = 0;
  /* a word and the byte after it: at most len / 2 + 1 words */
  nc_grow(&s->words, &s->cap, len / 2 + 1, sizeof *s->words);
  for (i = 0; i < len; i += 8) {
    size_t n = len - i < 8 ? len - i : 8;
    uint64_t x = nc_load8(text + i, n), l, starts;
    l = nc_letters8(x); /* the zeros past n are no letters */
    starts = l & ~((l << 8) | prev);
    prev = l >> 56;
    for (; starts; starts &= starts - 1)
      sketch_word(f, t, len, i + nc_low_byte(starts), s);
    /* Caseless PCRE2 matches 's' with U+017F (C5 BF) and 'k' with the
     * Kelvin sign U+212A (E2 84 AA), which no ASCII sketch sees. */
    if (x & 0x8080808080808080u) {
      /* only where a C5 or E2 byte is (the zeros past n are neither) */
      uint64_t lead = nc_bytes_eq(x, 0xC5) | nc_bytes_eq(x, 0xE2);
      for (; lead; lead &= lead - 1) {
        k = i + nc_low_byte(lead);
        if ((t[k] == 0xC5 && k + 1 < len && t[k + 1] == 0xBF) ||
            (t[k] == 0xE2 && k + 2 < len && t[k + 1] == 0x84 &&
             t[k + 2] == 0xAA)) {
          memset(s->bits, 0xFF, sizeof s->bits);
          s->all = true;
          return;
        }
      }
    }
  }
}

void nc_rule_sketch_free(struct nc_rule_sketch *s)
{
  free(s->words);
  memset(s, 0, sizeof *s);
}

bool nc_rule_may_match(const struct nc_rules *rs, size_t i,
                       const struct nc_rule_sketch *s)
{
  const struct compiled *c = &rs->code[i];
  const uint64_t *a = c->mask;
  if (!c->anchored)
    return true;
  return ((a[0] & s->bits[0]) | (a[1] & s->bits[1]) | (a[2] & s->bits[2]) |
          (a[3] & s->bits[3])) != 0;
}

/* The letters at p a match must hold in full: a run of ASCII letters,
 * less a last letter that a quantifier may leave out ("leaders?"). */
static size_t literal_run(const char *p)
{
  size_t n = 0;
  while (nc_is_alpha((unsigned char)p[n]))
    n++;
  if (n && (p[n] == '?' || p[n] == '*' || p[n] == '{'))
    n--;
  return n;
}

/* From p, inside a group or at the top level, the next '|' or ')' at the
 * same depth (or the end of the pattern); NULL on a construct this
 * scanner does not follow, which makes the caller give up. */
static const char *skip_alternative(const char *p)
{
  int depth = 0;
  for (; *p; p++) {
    if (*p == '\\') {
      if (p[1] == 'Q' || p[1] == '\0')
        return NULL;
      p++;
    } else if (*p == '[') {
      p++;
      if (*p == '^')
        p++;
      if (*p == ']')
        p++;
      for (; *p && *p != ']'; p++) {
        if (*p == '\\' && p[1])
          p++;
        else if (*p == '[' && p[1] == ':')
          return NULL;
      }
      if (!*p)
        return NULL;
    } else if (*p == '(') {
      if (p[1] == '*' || (p[1] == '?' && (p[2] == '#' || p[2] == 'x')))
        return NULL;
      depth++;
    } else if (*p == ')') {
      if (depth == 0)
        return p;
      depth--;
    } else if (*p == '|' && depth == 0) {
      return p;
    }
  }
  return p;
}

static void put_anchor(struct nc_buf *b, const char *p, size_t n)
{
  size_t k;
  if (b->len)
    nc_buf_putc(b, '|');
  for (k = 0; k < n; k++)
    nc_buf_putc(b, (char)nc_ascii_lower((unsigned char)p[k]));
}

bool nc_pattern_anchors(const char *pattern, struct nc_buf *out)
{
  struct nc_buf b = {0};
  const char *p = pattern, *q;
  size_t n;

  /* no top-level alternative: every match starts at the beginning */
  for (q = pattern; (q = skip_alternative(q)) != NULL && *q; q++)
    if (*q == '|')
      break;
  if (!q || *q)
    return false;
  if (strncmp(p, "\\b", 2) != 0)
    return false;
  p += 2;
  if (*p == '(') {
    if (p[1] == '?') {
      if (p[2] != ':')
        return false;
      p += 3;
    } else {
      p++;
    }
    for (;;) {
      n = literal_run(p);
      if (n < 3)
        goto none;
      put_anchor(&b, p, n);
      p = skip_alternative(p);
      if (!p || !*p)
        goto none;
      if (*p++ == ')')
        break;
    }
    /* the group itself may not be optional */
    if (*p == '?' || *p == '*' || *p == '{')
      goto none;
  } else {
    n = literal_run(p);
    if (n < 3)
      return false;
    put_anchor(&b, p, n);
  }
  if (out->len)
    nc_buf_putc(out, '|');
  nc_buf_append(out, b.data, b.len);
  nc_buf_free(&b);
  return true;
none:
  nc_buf_free(&b);
  return false;
}

/* The anchors of `pattern` as a NULL-terminated list, or NULL. */
static char **anchor_list(const char *pattern, size_t *n)
{
  struct nc_buf b = {0};
  char **v = NULL, *p, *e;
  size_t cap = 0;

  *n = 0;
  if (!nc_pattern_anchors(pattern, &b))
    return NULL;
  nc_buf_putc(&b, '\0');
  for (p = b.data; *p; p = e + (*e != '\0')) {
    e = p + strcspn(p, "|");
    nc_grow(&v, &cap, *n + 2, sizeof *v);
    v[(*n)++] = xstrndup(p, (size_t)(e - p));
  }
  v[*n] = NULL;
  nc_buf_free(&b);
  return v;
}

/* Set rule c's prefilter from its pattern and trigger (NULL when it has
 * none): the set of bits comes from the trigger when it has anchors (it
 * is tried first), else from the pattern. */
static void set_anchors(struct compiled *c, const char *pattern,
                        const char *trigger)
{
  size_t n, k;
  char **v = trigger ? anchor_list(trigger, &n) : NULL;

  if (v) {
    c->tanchor = v;
    c->ntanchor = n;
    c->tbit = xcalloc(n + 1, sizeof *c->tbit);
  } else if ((v = anchor_list(pattern, &n)) != NULL) {
    const char *p;
    c->panchor = v;
    c->npanchor = n;
    c->pbit = xcalloc(n + 1, sizeof *c->pbit);
    /* any "\G" (even one in \Q..\E or a comment) */
    for (p = pattern; *p; p++)
      if (p[0] == '\\' && p[1] != '\0')
        c->has_g |= *++p == 'G';
  }
  if (!v)
    return;
  c->anchored = true;
  for (k = 0; k < n; k++) {
    unsigned bit = tri_bit(v[k][0], v[k][1], v[k][2]);
    c->mask[bit >> 6] |= (uint64_t)1 << (bit & 63);
    (v == c->tanchor ? c->tbit : c->pbit)[k] = bit;
  }
}

/* Add rule c's anchors (lower-case ASCII letters, at least three) to
 * filter f: their two first letters and their bits. */
static void filter_add(struct nc_rule_filter *f, const struct compiled *c)
{
  char *const *v = c->tanchor ? c->tanchor : c->panchor;
  size_t n = c->tanchor ? c->ntanchor : c->npanchor, k;
  for (k = 0; k < n; k++)
    f->second[v[k][0] - 'a'] |= (uint32_t)1 << (v[k][1] - 'a');
  for (k = 0; k < 4; k++)
    f->bits[k] |= c->mask[k];
}

void nc_rule_filter_of(const struct nc_rules *rs, const size_t *ri, size_t n,
                       struct nc_rule_filter *f)
{
  size_t k;
  memset(f, 0, sizeof *f);
  for (k = 0; k < n; k++)
    filter_add(f, &rs->code[ri[k]]);
}

static enum nc_status load_rule(struct nc_rules *rs, const cJSON *j,
                                const char *file, size_t idx,
                                struct nc_error *err)
{
  const cJSON *f;
  struct nc_rule *r;
  struct compiled *c;
  const char *id;
  char *pat = NULL;
  int ecode, vi, si, g;
  PCRE2_SIZE eoff;
  uint32_t opts = PCRE2_UTF | PCRE2_UCP, ncap = 0;
  enum nc_status st;

  if (!cJSON_IsObject(j))
    return nc_error_set(err, NC_RULE, file, 0,
                        "rules[%zu]: expected an object", idx);
  f = cJSON_GetObjectItemCaseSensitive(j, "id");
  if (!cJSON_IsString(f) || !f->valuestring[0])
    return nc_error_set(err, NC_RULE, file, 0,
                        "rules[%zu].id: expected a non-empty string", idx);
  id = f->valuestring;
  for (g = 0; g < (int)rs->n; g++)
    if (strcmp(rs->items[g].id, id) == 0)
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": duplicate id (also in %s)", id,
                          rs->items[g].file);
  cJSON_ArrayForEach(f, j)
  {
    if (lookup(rule_keys, sizeof rule_keys / sizeof *rule_keys, f->string) <
        0)
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": unknown field \"%s\"", id, f->string);
  }
  nc_grow(&rs->items, &rs->cap, rs->n + 1, sizeof *rs->items);
  nc_grow(&rs->code, &rs->ccap, rs->n + 1, sizeof *rs->code);
  r = &rs->items[rs->n];
  c = &rs->code[rs->n];
  memset(r, 0, sizeof *r);
  memset(c, 0, sizeof *c);
  rs->n++;
  r->id = xstrdup(id);
  r->file = xstrdup(file);

#define STRFIELD(name, dst, required)                                        \
  do {                                                                       \
    f = cJSON_GetObjectItemCaseSensitive(j, name);                           \
    if (f && !cJSON_IsString(f))                                             \
      return nc_error_set(err, NC_RULE, file, 0,                             \
                          "rule \"%s\": \"%s\" must be a string", id, name); \
    if (!f && required)                                                      \
      return nc_error_set(err, NC_RULE, file, 0,                             \
                          "rule \"%s\": \"%s\" is required", id, name);      \
    dst = f ? f->valuestring : NULL;                                         \
  } while (0)

  {
    const char *desc, *pattern, *key, *label, *val, *subj;
    STRFIELD("description", desc, false);
    STRFIELD("pattern", pattern, true);
    STRFIELD("key", key, true);
    STRFIELD("label", label, true);
    STRFIELD("value", val, true);
    STRFIELD("subject", subj, false);
    r->description = xstrdup(desc ? desc : "");
    r->key = xstrdup(key);
    r->label = xstrdup(label);
    vi = lookup(value_names, sizeof value_names / sizeof *value_names, val);
    if (vi < 0)
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": unknown value type \"%s\"", id, val);
    r->value = (enum nc_rule_value)vi;
    si = subj ? lookup(subject_names,
                       sizeof subject_names / sizeof *subject_names, subj)
              : (int)NC_RS_BEFORE;
    if (si < 0)
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": unknown subject mode \"%s\"", id,
                          subj);
    r->subject = (enum nc_rule_subject)si;
    f = cJSON_GetObjectItemCaseSensitive(j, "caseless");
    if (f && !cJSON_IsBool(f))
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": \"caseless\" must be true or false",
                          id);
    if (f && cJSON_IsTrue(f))
      opts |= PCRE2_CASELESS;
    st = expand(rs, pattern, &pat, file, id, err);
    if (st != NC_OK)
      return st;
  }
#undef STRFIELD

  c->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts,
                          &ecode, &eoff, NULL);
  if (!c->code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(ecode, msg, sizeof msg);
    free(pat);
    return nc_error_set(err, NC_RULE, file, 0,
                        "rule \"%s\": pattern error at offset %zu: %s", id,
                        (size_t)eoff, (const char *)msg);
  }
  /* The trigger: a quick pattern (usually a few words) that must occur in
   * a sentence before the full pattern is tried. */
  f = cJSON_GetObjectItemCaseSensitive(j, "trigger");
  if (f && !cJSON_IsString(f)) {
    free(pat);
    return nc_error_set(err, NC_RULE, file, 0,
                        "rule \"%s\": \"trigger\" must be a string", id);
  }
  set_anchors(c, pat, f ? f->valuestring : NULL);
  filter_add(&rs->every, c);
  free(pat);
  if (f) {
    /* PCRE2_ANCHORED changes no compile error */
    pcre2_code *t = pcre2_compile(
        (PCRE2_SPTR)f->valuestring, PCRE2_ZERO_TERMINATED,
        opts | (c->tanchor ? PCRE2_ANCHORED : 0), &ecode, &eoff, NULL);
    if (!t) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(ecode, msg, sizeof msg);
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": trigger error at offset %zu: %s",
                          id, (size_t)eoff, (const char *)msg);
    }
    if (c->tanchor) {
      c->trigger_at = t;
      c->trigger_text = xstrdup(f->valuestring);
      c->trigger_opts = opts;
    } else {
      c->trigger = t;
    }
  }
  /* Every named group must be one we know, and the value group is
   * required. */
  {
    uint32_t count, esize, k;
    PCRE2_SPTR table;
    pcre2_pattern_info(c->code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(c->code, PCRE2_INFO_NAMEENTRYSIZE, &esize);
    pcre2_pattern_info(c->code, PCRE2_INFO_NAMETABLE, &table);
    pcre2_pattern_info(c->code, PCRE2_INFO_CAPTURECOUNT, &ncap);
    for (k = 0; k < count; k++) {
      PCRE2_SPTR e = table + k * esize;
      uint32_t num = ((uint32_t)e[0] << 8) | e[1];
      int gi = lookup(group_names, NC_G_COUNT, (const char *)(e + 2));
      if (gi < 0)
        return nc_error_set(err, NC_RULE, file, 0,
                            "rule \"%s\": unknown group name \"%s\"", id,
                            (const char *)(e + 2));
      c->gnum[gi] = num;
    }
    if (!c->gnum[NC_G_VALUE])
      return nc_error_set(err, NC_RULE, file, 0,
                          "rule \"%s\": the pattern needs a (?<value>...) "
                          "group",
                          id);
  }
  if (ncap + 1 > rs->maxgroups)
    rs->maxgroups = ncap + 1;
  st = load_maps(r, cJSON_GetObjectItemCaseSensitive(j, "map"), file, err);
  if (st != NC_OK)
    return st;
  return load_examples(r, cJSON_GetObjectItemCaseSensitive(j, "examples"),
                       file, err);
}

static enum nc_status load_events(struct nc_rules *rs, const cJSON *ev,
                                  const char *file, struct nc_error *err)
{
  const cJSON *c;

  if (!ev)
    return NC_OK;
  if (!cJSON_IsObject(ev))
    return nc_error_set(err, NC_RULE, file, 0,
                        "\"events\": expected an object of event classes");
  cJSON_ArrayForEach(c, ev)
  {
    const cJSON *words = cJSON_GetObjectItemCaseSensitive(c, "words");
    const cJSON *content = cJSON_GetObjectItemCaseSensitive(c, "content");
    const cJSON *actor = cJSON_GetObjectItemCaseSensitive(c, "actor");
    const cJSON *w, *f;
    struct event_class *cl;
    size_t i;

    if (!cJSON_IsObject(c) || !cJSON_IsArray(words))
      return nc_error_set(err, NC_RULE, file, 0,
                          "events.%s: expected {\"words\": [...]}",
                          c->string);
    cJSON_ArrayForEach(f, c)
    {
      if (strcmp(f->string, "words") && strcmp(f->string, "content") &&
          strcmp(f->string, "actor"))
        return nc_error_set(err, NC_RULE, file, 0,
                            "events.%s: unknown field \"%s\"", c->string,
                            f->string);
    }
    if ((content && !cJSON_IsString(content)) ||
        (actor && !(cJSON_IsString(actor) &&
                    (strcmp(actor->valuestring, "country") == 0 ||
                     strcmp(actor->valuestring, "person") == 0))))
      return nc_error_set(err, NC_RULE, file, 0,
                          "events.%s: \"content\" must be a class name and "
                          "\"actor\" \"country\" or \"person\"",
                          c->string);
    for (i = 0; i < rs->nclasses; i++)
      if (strcmp(rs->classes[i].name, c->string) == 0)
        return nc_error_set(err, NC_RULE, file, 0,
                            "events.%s: defined twice", c->string);
    nc_grow(&rs->classes, &rs->clcap, rs->nclasses + 1, sizeof *cl);
    cl = &rs->classes[rs->nclasses];
    cl->name = xstrdup(c->string);
    cl->content = content ? xstrdup(content->valuestring) : NULL;
    cl->by_country = actor && strcmp(actor->valuestring, "country") == 0;
    cl->by_person = actor && strcmp(actor->valuestring, "person") == 0;
    cJSON_ArrayForEach(w, words)
    {
      if (!cJSON_IsString(w))
        return nc_error_set(err, NC_RULE, file, 0,
                            "events.%s.words: expected strings", c->string);
      nc_grow(&rs->words, &rs->wcap, rs->nwords + 1, sizeof *rs->words);
      rs->words[rs->nwords].word =
          nc_ascii_lowerdup(w->valuestring, strlen(w->valuestring));
      rs->words[rs->nwords].cls = rs->nclasses;
      rs->nwords++;
    }
    rs->nclasses++;
  }
  return NC_OK;
}

static enum nc_status load_file(struct nc_rules *rs, const char *path,
                                struct nc_error *err)
{
  char *data = NULL;
  size_t len, idx = 0;
  cJSON *root, *rules, *f;
  enum nc_status st;

  st = nc_read_file(path, 4 * 1024 * 1024, &data, &len, err);
  if (st != NC_OK)
    return st;
  root = cJSON_ParseWithLength(data, len);
  if (!root) {
    const char *at = cJSON_GetErrorPtr();
    long line = 1;
    const char *p;
    for (p = data; at && p < at && p < data + len; p++)
      if (*p == '\n')
        line++;
    free(data);
    return nc_error_set(err, NC_RULE, path, line, "not valid JSON");
  }
  free(data);
  if (!cJSON_IsObject(root)) {
    cJSON_Delete(root);
    return nc_error_set(err, NC_RULE, path, 0, "expected a JSON object");
  }
  cJSON_ArrayForEach(f, root)
  {
    if (strcmp(f->string, "description") != 0 &&
        strcmp(f->string, "macros") != 0 && strcmp(f->string, "rules") != 0 &&
        strcmp(f->string, "events") != 0) {
      st = nc_error_set(err, NC_RULE, path, 0, "unknown field \"%s\"",
                        f->string);
      cJSON_Delete(root);
      return st;
    }
  }
  st = load_macros(rs, cJSON_GetObjectItemCaseSensitive(root, "macros"),
                   path, err);
  if (st == NC_OK)
    st = load_events(rs, cJSON_GetObjectItemCaseSensitive(root, "events"),
                     path, err);
  rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
  if (st == NC_OK && rules && !cJSON_IsArray(rules))
    st = nc_error_set(err, NC_RULE, path, 0, "\"rules\": expected an array");
  if (st == NC_OK && rules) {
    cJSON_ArrayForEach(f, rules)
    {
      st = load_rule(rs, f, path, idx++, err);
      if (st != NC_OK)
        break;
    }
  }
  cJSON_Delete(root);
  return st;
}

/* A bit for a word w[0..n) from its length, first two and last bytes
 * in lower case: words with different bits differ. */
static unsigned word_bit(const char *w, size_t n)
{
  uint32_t k = (uint32_t)n << 24;
  if (n)
    k |= (uint32_t)nc_ascii_lower((unsigned char)w[0]) << 16 |
         (uint32_t)nc_ascii_lower((unsigned char)w[n > 1]) << 8 |
         (uint32_t)nc_ascii_lower((unsigned char)w[n - 1]);
  return (k * 0x9E3779B1u) >> 20;
}

static int cmp_event_word(const void *a, const void *b)
{
  return strcmp(((const struct event_word *)a)->word,
                ((const struct event_word *)b)->word);
}

const char *nc_rules_event(const struct nc_rules *rs, const char *w,
                           size_t n)
{
  char buf[64];
  size_t i, lo = 0, hi;
  unsigned bit;

  if (!rs || n == 0 || n >= sizeof buf)
    return NULL;
  /* up to a NUL byte, where the string comparisons stop */
  for (i = 0; i < n && w[i]; i++)
    ;
  n = i;
  /* most words are no event, and their bit tells so before the word is
   * copied in lower case for the comparisons */
  bit = word_bit(w, n);
  if (!((rs->word_bits[bit >> 6] >> (bit & 63)) & 1))
    return NULL;
  for (i = 0; i < n; i++)
    buf[i] = (char)nc_ascii_lower((unsigned char)w[i]);
  buf[i] = '\0';
  hi = rs->nwords;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(rs->words[mid].word, buf);
    if (c == 0)
      return rs->classes[rs->words[mid].cls].name;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static const struct event_class *find_class(const struct nc_rules *rs,
                                            const char *cls)
{
  size_t i;
  for (i = 0; i < rs->nclasses; i++)
    if (strcmp(rs->classes[i].name, cls) == 0)
      return &rs->classes[i];
  return NULL;
}

const char *nc_rules_event_content(const struct nc_rules *rs,
                                   const char *cls)
{
  const struct event_class *c = find_class(rs, cls);
  return c ? c->content : NULL;
}

bool nc_rules_event_by_country(const struct nc_rules *rs, const char *cls)
{
  const struct event_class *c = find_class(rs, cls);
  return c && c->by_country;
}

bool nc_rules_event_by_person(const struct nc_rules *rs, const char *cls)
{
  const struct event_class *c = find_class(rs, cls);
  return c && c->by_person;
}

enum nc_status nc_rules_load(const char *dir, struct nc_rules **out,
                             struct nc_error *err)
{
  struct nc_rules *rs = xcalloc(1, sizeof *rs);
  DIR *d = opendir(dir);
  struct dirent *de;
  char **names = NULL;
  size_t n = 0, cap = 0, i;
  enum nc_status st = NC_OK;

  if (!d) {
    free(rs);
    return nc_error_set(err, NC_RULE, dir, 0, "cannot open rules folder");
  }
  while ((de = readdir(d)) != NULL) {
    size_t l = strlen(de->d_name);
    if (de->d_name[0] == '.' || l < 6 ||
        strcmp(de->d_name + l - 5, ".json") != 0)
      continue;
    nc_grow(&names, &cap, n + 1, sizeof *names);
    names[n++] = xstrdup(de->d_name);
  }
  closedir(d);
  if (n > 1)
    qsort(names, n, sizeof *names, nc_strptr_cmp);
  for (i = 0; i < n && st == NC_OK; i++) {
    struct nc_buf p = {0};
    nc_buf_printf(&p, "%s/%s", dir, names[i]);
    st = load_file(rs, p.data, err);
    nc_buf_free(&p);
  }
  for (i = 0; i < n; i++)
    free(names[i]);
  free(names);
  if (st != NC_OK) {
    nc_rules_free(rs);
    return st;
  }
  if (rs->nwords > 1)
    qsort(rs->words, rs->nwords, sizeof *rs->words, cmp_event_word);
  for (i = 0; i < rs->nwords; i++) {
    unsigned bit = word_bit(rs->words[i].word, strlen(rs->words[i].word));
    rs->word_bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
  }
  for (i = 0; i < rs->nclasses; i++)
    if (rs->classes[i].content && !find_class(rs, rs->classes[i].content)) {
      nc_error_set(err, NC_RULE, dir, 0,
                   "event class \"%s\": content class \"%s\" is not defined",
                   rs->classes[i].name, rs->classes[i].content);
      nc_rules_free(rs);
      return NC_RULE;
    }
  rs->jit = use_jit();
  rs->mctx = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(rs->mctx, MATCH_LIMIT);
  pcre2_set_depth_limit(rs->mctx, DEPTH_LIMIT);
  rs->md = pcre2_match_data_create(rs->maxgroups ? rs->maxgroups : 1, NULL);
  rs->limit_hits = xcalloc(rs->n + 1, sizeof *rs->limit_hits);
  *out = rs;
  return NC_OK;
}

/* True (and counted against rule i) when a match stopped at a limit. */
static bool limit_hit(const struct nc_rules *rs, size_t i, int rc)
{
  if (rc != PCRE2_ERROR_MATCHLIMIT && rc != PCRE2_ERROR_DEPTHLIMIT &&
      rc != PCRE2_ERROR_HEAPLIMIT && rc != PCRE2_ERROR_JIT_STACKLIMIT)
    return false;
  rs->limit_hits[i]++;
  return true;
}

size_t nc_rules_limit_hits(const struct nc_rules *rs, size_t i)
{
  return rs && i < rs->n ? rs->limit_hits[i] : 0;
}

/* JIT-compile `code` on its first match, unless JIT is off (*done tells
 * it was tried; without JIT support PCRE2 keeps the interpreter).  The
 * rules are otherwise read-only while matching; like the limit counts,
 * this makes them unfit to share between threads. */
static void jit_once(const struct nc_rules *rs, pcre2_code *code, bool *done)
{
  if (!*done) {
    *done = true;
    if (rs->jit)
      pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  }
}

/* pcre2_match of code on text[0..len) from `from`.  On text whose UTF-8
 * was checked, by PCRE2's JIT fast path: pcre2_match checks its
 * arguments and then makes that very call when the code is JIT-compiled
 * (and falls back to the interpreter on PCRE2_ERROR_JIT_BADOPTION, as
 * this does); its checks cost an eighth of a trigger's search. */
static int search(const struct nc_rules *rs, const pcre2_code *code,
                  const char *text, size_t len, size_t from, uint32_t opts)
{
  if (rs->jit && (opts & PCRE2_NO_UTF_CHECK)) {
    int rc = pcre2_jit_match(code, (PCRE2_SPTR)text, len, from, opts, rs->md,
                             rs->mctx);
    if (rc != PCRE2_ERROR_JIT_BADOPTION)
      return rc;
  }
  return pcre2_match(code, (PCRE2_SPTR)text, len, from, opts, rs->md,
                     rs->mctx);
}

/* The trigger of c as written, compiled when first needed; NULL when c
 * has none (or, short of memory, it does not compile: the trigger only
 * spares searches, so the pattern is then searched alone). */
static pcre2_code *plain_trigger(struct compiled *c)
{
  int ecode;
  PCRE2_SIZE eoff;
  if (!c->trigger && c->trigger_text && !c->trigger_tried) {
    c->trigger_tried = true;
    c->trigger =
        pcre2_compile((PCRE2_SPTR)c->trigger_text, PCRE2_ZERO_TERMINATED,
                      c->trigger_opts, &ecode, &eoff, NULL);
  }
  return c->trigger;
}

/* True when s[0..n) begins with the lower-case word w, in any case. */
static bool starts_with_word(const char *s, size_t n, const char *w)
{
  size_t k;
  for (k = 0; w[k]; k++)
    if (k >= n || nc_ascii_lower((unsigned char)s[k]) != w[k])
      return false;
  return true;
}

/* The index of the first word of sk from word w on that begins with one
 * of the n anchors word[] (with their bits bit[]), or sk->n. */
static inline size_t anchor_word(const struct compiled *c, char *const *word,
                                 const unsigned *bit, size_t n,
                                 const char *text, size_t len,
                                 const struct nc_rule_sketch *sk, size_t w)
{
  size_t k;
  for (; w < sk->n; w++) {
    const struct nc_rule_word *wd = &sk->words[w];
    if (!has_bit(c->mask, wd->bit))
      continue;
    for (k = 0; k < n; k++)
      if (bit[k] == wd->bit &&
          starts_with_word(text + wd->at, len - wd->at, word[k]))
        return w;
  }
  return sk->n;
}

/* The index of the first word of sk at or after offset `from`. */
static size_t word_from(const struct nc_rule_sketch *sk, size_t from)
{
  size_t w = 0;
  while (w < sk->n && sk->words[w].at < from)
    w++;
  return w;
}

/* The trigger of c searched from `from`, tried only where it can begin:
 * at the words of the sketch that start with one of its anchors.  The
 * first match there is a match of the whole search, and no match there
 * means none at all. */
static int trigger_at_anchors(const struct nc_rules *rs,
                              struct compiled *c, const char *text,
                              size_t len, uint32_t opts,
                              const struct nc_rule_sketch *sk, size_t from)
{
  size_t w;
  int rc = PCRE2_ERROR_NOMATCH;

  for (w = word_from(sk, from);
       (w = anchor_word(c, c->tanchor, c->tbit, c->ntanchor, text, len, sk,
                        w)) < sk->n;
       w++) {
    jit_once(rs, c->trigger_at, &c->jit_trigger_at);
    rc = search(rs, c->trigger_at, text, len, sk->words[w].at, opts);
    if (rc != PCRE2_ERROR_NOMATCH)
      return rc;
  }
  return rc;
}

/* nc_rule_next, and with `trigger` false the pattern alone. */
static bool next_match(const struct nc_rules *rs, size_t i, const char *text,
                       size_t len, bool valid, bool trigger,
                       const struct nc_rule_sketch *sk, size_t *pos,
                       struct nc_rule_match *m)
{
  struct compiled *c = &rs->code[i];
  uint32_t opts = valid ? PCRE2_NO_UTF_CHECK : 0;
  PCRE2_SIZE *ov;
  size_t from, w;
  int rc, g;

  while (*pos <= len) {
    /* A match of a pattern with anchors begins at a word that begins
     * with one: with none left, there is no match, and else the search
     * starts at the first.  An attempt at a start before it fails on the
     * anchor's first letters, and PCRE2 counts its limits afresh at each
     * start, so no limit hit is lost or gained.  Only on checked UTF-8
     * (PCRE2's own check covers the text from the start offset on) and
     * without \G (which matches at the start offset).  Told before the
     * trigger is searched, as it costs no search: a text left without
     * such a word is then spared the trigger's search too, as a text the
     * sketch rules out is. */
    from = *pos;
    if (trigger && sk && c->panchor && !sk->all) {
      w = anchor_word(c, c->panchor, c->pbit, c->npanchor, text, len, sk,
                      word_from(sk, *pos));
      if (w == sk->n)
        return false;
      if (valid && !c->has_g)
        from = sk->words[w].at;
    }
    /* A trigger matches within every match of its pattern: with none in
     * the rest of the text, no search there can succeed.  Checked before
     * each search, not only the first, as the most costly search is the
     * one after the last match, which tries every start position left. */
    if (trigger && (c->trigger || c->trigger_at)) {
      if (sk && c->trigger_at && !sk->all) {
        rc = trigger_at_anchors(rs, c, text, len, opts, sk, *pos);
      } else if (plain_trigger(c)) {
        jit_once(rs, c->trigger, &c->jit_trigger);
        rc = search(rs, c->trigger, text, len, *pos, opts);
      } else {
        rc = 0;
      }
      if (rc < 0) {
        limit_hit(rs, i, rc);
        return false;
      }
    }
    jit_once(rs, c->code, &c->jit_code);
    rc = search(rs, c->code, text, len, from, opts);
    if (rc < 0) {
      limit_hit(rs, i, rc); /* counted, so the caller can warn */
      return false;
    }
    ov = pcre2_get_ovector_pointer(rs->md);
    m->start = ov[0];
    m->end = ov[1];
    for (g = 0; g < NC_G_COUNT; g++) {
      uint32_t k = c->gnum[g];
      if (k && (int)k < rc && ov[2 * k] != PCRE2_UNSET) {
        m->g[g][0] = ov[2 * k];
        m->g[g][1] = ov[2 * k + 1];
      } else {
        m->g[g][0] = m->g[g][1] = (size_t)-1;
      }
    }
    *pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    if (m->g[NC_G_VALUE][0] == (size_t)-1)
      continue;
    return true;
  }
  return false;
}

bool nc_rule_next(const struct nc_rules *rs, size_t i, const char *text,
                  size_t len, bool valid, const struct nc_rule_sketch *sk,
                  size_t *pos, struct nc_rule_match *m)
{
  return next_match(rs, i, text, len, valid, true, sk, pos, m);
}

bool nc_rule_next_plain(const struct nc_rules *rs, size_t i,
                        const char *text, size_t len, size_t *pos,
                        struct nc_rule_match *m)
{
  return next_match(rs, i, text, len, false, false, NULL, pos, m);
}

size_t nc_rule_check_trigger(const struct nc_rules *rs, size_t i,
                             const char *text, size_t len, struct nc_buf *log)
{
  struct nc_rule_match a, b;
  size_t pa = 0, pb = 0;
  bool ma, mb;

  do {
    ma = nc_rule_next(rs, i, text, len, false, NULL, &pa, &a);
    mb = nc_rule_next_plain(rs, i, text, len, &pb, &b);
  } while (ma && mb && a.start == b.start && a.end == b.end);
  if (!ma && !mb)
    return 0;
  nc_buf_printf(log,
                "%s: its trigger does not match within every match of its "
                "pattern, as a trigger must: a match at bytes %zu-%zu of "
                "\"%s\" is lost\n",
                rs->items[i].id, mb ? b.start : a.start, mb ? b.end : a.end,
                text);
  return 1;
}

static void free_rule(struct nc_rule *r)
{
  size_t i, k;
  free(r->id);
  free(r->file);
  free(r->description);
  free(r->key);
  free(r->label);
  for (i = 0; i < r->nmaps; i++) {
    for (k = 0; k < r->maps[i].n; k++) {
      free(r->maps[i].from[k]);
      free(r->maps[i].to[k]);
    }
    free(r->maps[i].from);
    free(r->maps[i].to);
  }
  free(r->maps);
  for (i = 0; i < r->nexamples; i++) {
    struct nc_rule_example *x = &r->examples[i];
    for (k = 0; k < x->n; k++) {
      free(x->keys[k]);
      free(x->values[k]);
    }
    free(x->keys);
    free(x->values);
    free(x->text);
    free(x->published);
  }
  free(r->examples);
}

void nc_rules_free(struct nc_rules *rs)
{
  size_t i, k;
  if (!rs)
    return;
  for (i = 0; i < rs->n; i++) {
    free_rule(&rs->items[i]);
    pcre2_code_free(rs->code[i].code);
    pcre2_code_free(rs->code[i].trigger);
    pcre2_code_free(rs->code[i].trigger_at);
    free(rs->code[i].trigger_text);
    for (k = 0; k < rs->code[i].ntanchor; k++)
      free(rs->code[i].tanchor[k]);
    free(rs->code[i].tanchor);
    free(rs->code[i].tbit);
    for (k = 0; k < rs->code[i].npanchor; k++)
      free(rs->code[i].panchor[k]);
    free(rs->code[i].panchor);
    free(rs->code[i].pbit);
  }
  for (i = 0; i < rs->nmacros; i++) {
    free(rs->macro_names[i]);
    free(rs->macro_values[i]);
  }
  free(rs->macro_names);
  free(rs->macro_values);
  for (i = 0; i < rs->nwords; i++)
    free(rs->words[i].word);
  for (i = 0; i < rs->nclasses; i++) {
    free(rs->classes[i].name);
    free(rs->classes[i].content);
  }
  free(rs->words);
  free(rs->classes);
  free(rs->items);
  free(rs->code);
  pcre2_match_data_free(rs->md);
  pcre2_match_context_free(rs->mctx);
  free(rs->limit_hits);
  free(rs);
}
