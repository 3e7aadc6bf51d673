/* compare.c: the comparator.  Groups claims by key, merges equal values,
 * decides whether approximate values are consistent with exact ones, and
 * gives each finding its status: conflict, partial (a list omits members
 * others name), agree, or single (one source). */
#include "newscheck/compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char nc_compare_tolerance[] =
    "\"about\" allows 10% either way; \"more than\"/\"at least\" and \"less "
    "than\"/\"at most\" allow any value on their side; relative days allow "
    "the slack of their unit (\"in two weeks\": 3 days); a month or a year "
    "covers every day in it";

const char *nc_finding_status_str(enum nc_finding_status st)
{
  switch (st) {
  case NC_CONFLICT: return "conflict";
  case NC_PARTIAL: return "partial";
  case NC_AGREE: return "agree";
  case NC_SINGLE: return "single";
  }
  return "unknown";
}

static bool is_exact(const struct nc_value *v)
{
  if (v->kind == NC_VAL_NUMBER)
    return v->approx == NC_APPROX_NONE;
  if (v->kind == NC_VAL_DATE)
    return v->prec == NC_PREC_DAY && v->dlo == v->dhi;
  return true;
}

/* Does approximate value a allow exact value b? */
static bool allows(const struct nc_value *a, const struct nc_value *b)
{
  if (a->kind == NC_VAL_NUMBER && b->kind == NC_VAL_NUMBER) {
    double eps = 1e-9 * (fabs(b->num) + 1);
    if (a->approx == NC_APPROX_MORE_THAN)
      return b->num > a->lo + eps;
    if (a->approx == NC_APPROX_LESS_THAN)
      return b->num < a->hi - eps;
    return b->num >= a->lo - eps && b->num <= a->hi + eps;
  }
  if (a->kind == NC_VAL_DATE && b->kind == NC_VAL_DATE)
    return b->dlo >= a->dlo && b->dhi <= a->dhi;
  return false;
}

/* Do two approximate values overlap? */
static bool overlap(const struct nc_value *a, const struct nc_value *b)
{
  if (a->kind == NC_VAL_NUMBER && b->kind == NC_VAL_NUMBER)
    return a->lo <= b->hi && b->lo <= a->hi;
  if (a->kind == NC_VAL_DATE && b->kind == NC_VAL_DATE)
    return a->dlo <= b->dhi && b->dlo <= a->dhi;
  return false;
}

size_t nc_finding_value_docs(const struct nc_finding_value *fv,
                             const struct nc_claims *claims, size_t *docs,
                             size_t max)
{
  size_t i, j, n = 0;
  for (i = 0; i < fv->nclaims; i++) {
    size_t d = claims->items[fv->claims[i]].doc;
    for (j = 0; j < n; j++)
      if (docs[j] == d)
        break;
    if (j == n && n < max)
      docs[n++] = d;
  }
  return n;
}

static size_t ndocs_of(const struct nc_finding_value *fv,
                       const struct nc_claims *claims)
{
  size_t buf[256];
  return nc_finding_value_docs(fv, claims, buf, 256);
}

static bool set_has(const struct nc_value *v, const char *s)
{
  size_t i;
  for (i = 0; i < v->nset; i++)
    if (strcmp(v->set[i], s) == 0)
      return true;
  return false;
}

static int cmp_index(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

static bool same_set(const struct nc_value *a, const struct nc_value *b)
{
  size_t i;
  if (a->nset != b->nset)
    return false;
  for (i = 0; i < a->nset; i++)
    if (strcmp(a->set[i], b->set[i]) != 0)
      return false;
  return true;
}

/* A list marked not exhaustive ("which include ...") that names every
 * member of a complete exhaustive list says the same thing: its claims
 * join that value. */
static void merge_full_lists(struct nc_finding *f)
{
  size_t i, j;
  for (i = 0; i < f->nvalues; i++) {
    struct nc_finding_value *full = &f->values[i];
    if (!full->value.exhaustive || full->nmissing)
      continue;
    for (j = 0; j < f->nvalues; j++) {
      struct nc_finding_value *ne = &f->values[j];
      if (j == i || ne->value.exhaustive || !same_set(&full->value,
                                                      &ne->value))
        continue;
      full->claims = xrealloc(full->claims, (full->nclaims + ne->nclaims) *
                                                sizeof *full->claims);
      memcpy(full->claims + full->nclaims, ne->claims,
             ne->nclaims * sizeof *ne->claims);
      full->nclaims += ne->nclaims;
      /* claims are numbered in document order: keep them so */
      qsort(full->claims, full->nclaims, sizeof *full->claims, cmp_index);
      nc_value_clear(&ne->value);
      free(ne->text);
      free(ne->claims);
      memmove(ne, ne + 1, (f->nvalues - j - 1) * sizeof *ne);
      f->nvalues--;
      if (j < i)
        i--;
      j--;
      full = &f->values[i];
    }
  }
}

/* Sets: the union of all lists is what the sources name together.  A
 * list marked not exhaustive never omits anything.  When some exhaustive
 * list names the whole union, the shorter exhaustive lists are partial;
 * when none does, the sources disagree on membership. */
static void judge_sets(struct nc_finding *f, const struct nc_claims *claims)
{
  char **uni = NULL;
  size_t nu = 0, cap = 0, i, j;
  bool full = false, short_list = false;
  struct nc_buf note = {0};

  for (i = 0; i < f->nvalues; i++) {
    const struct nc_value *v = &f->values[i].value;
    for (j = 0; j < v->nset; j++) {
      size_t k;
      for (k = 0; k < nu; k++)
        if (strcmp(uni[k], v->set[j]) == 0)
          break;
      if (k == nu) {
        nc_grow(&uni, &cap, nu + 1, sizeof *uni);
        uni[nu++] = v->set[j];
      }
    }
  }
  if (nu > 1)
    qsort(uni, nu, sizeof *uni, nc_strptr_cmp);
  for (i = 0; i < f->nvalues; i++) {
    struct nc_finding_value *fv = &f->values[i];
    if (!fv->value.exhaustive)
      continue;
    for (j = 0; j < nu; j++) {
      if (set_has(&fv->value, uni[j]))
        continue;
      fv->missing = xrealloc(fv->missing,
                             (fv->nmissing + 1) * sizeof *fv->missing);
      fv->missing[fv->nmissing++] = xstrdup(uni[j]);
    }
    if (fv->nmissing == 0)
      full = true;
    else
      short_list = true;
  }
  merge_full_lists(f);
  if (!short_list) {
    f->status = NC_AGREE;
    nc_buf_puts(&note, "all lists name the same members");
  } else if (full) {
    f->status = NC_PARTIAL;
    nc_buf_puts(&note, "some lists omit members that others name");
  } else {
    f->status = NC_CONFLICT;
    nc_buf_puts(&note, "no exhaustive list names every member the others "
                       "name");
  }
  for (i = 0; i < f->nvalues; i++)
    if (!f->values[i].value.exhaustive) {
      nc_buf_puts(&note, "; lists after \"such as\" or \"including\" are "
                         "not exhaustive and omit nothing");
      break;
    }
  (void)claims;
  f->note = nc_buf_take(&note);
  free(uni);
}

static void judge(struct nc_finding *f, const struct nc_claims *claims)
{
  size_t i, j, nexact = 0, docs[256], nd = 0;
  struct nc_buf note = {0};

  for (i = 0; i < f->nvalues; i++) {
    size_t k, b[256], n = nc_finding_value_docs(&f->values[i], claims, b,
                                                256);
    for (k = 0; k < n; k++) {
      for (j = 0; j < nd; j++)
        if (docs[j] == b[k])
          break;
      if (j == nd && nd < 256)
        docs[nd++] = b[k];
    }
  }
  if (nd <= 1) {
    /* One source: nothing to cross-check, even when it states two values
     * (the note says so, for a reader to look at). */
    f->status = NC_SINGLE;
    f->note = xstrdup(f->nvalues > 1 ? "only one source, and it states more "
                                       "than one value"
                                     : "only one source states this");
    return;
  }
  if (f->values[0].value.kind == NC_VAL_SET) {
    judge_sets(f, claims);
    return;
  }
  for (i = 0; i < f->nvalues; i++)
    if (is_exact(&f->values[i].value))
      nexact++;
  if (nexact > 1) {
    f->status = NC_CONFLICT;
    nc_buf_puts(&note, "sources state different values");
  } else if (nexact == 1) {
    const struct nc_value *ex = NULL;
    bool ok = true;
    for (i = 0; i < f->nvalues; i++)
      if (is_exact(&f->values[i].value))
        ex = &f->values[i].value;
    for (i = 0; i < f->nvalues; i++) {
      struct nc_finding_value *fv = &f->values[i];
      if (&fv->value == ex)
        continue;
      fv->consistent = allows(&fv->value, ex);
      if (!fv->consistent)
        ok = false;
    }
    f->status = ok ? NC_AGREE : NC_CONFLICT;
    if (f->nvalues == 1)
      nc_buf_puts(&note, "all sources state the same value");
    else if (ok)
      nc_buf_puts(&note, "approximate values are consistent with the exact "
                         "one");
    else
      nc_buf_puts(&note, "an approximate value is inconsistent with the "
                         "exact one");
  } else {
    bool ok = true;
    for (i = 0; i < f->nvalues; i++)
      for (j = i + 1; j < f->nvalues; j++)
        if (!overlap(&f->values[i].value, &f->values[j].value))
          ok = false;
    for (i = 0; i < f->nvalues && ok && f->nvalues > 1; i++)
      f->values[i].consistent = true;
    f->status = ok ? NC_AGREE : NC_CONFLICT;
    nc_buf_puts(&note, ok ? (f->nvalues == 1
                                 ? "all sources state the same value"
                                 : "approximate values overlap")
                          : "approximate values do not overlap");
  }
  f->note = nc_buf_take(&note);
}

struct keyed {
  const char *key;
  size_t index;
};

static int cmp_keyed(const void *a, const void *b)
{
  const struct keyed *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c)
    return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

static const struct nc_claims *sort_claims;

static int cmp_values(const void *a, const void *b)
{
  const struct nc_finding_value *x = a, *y = b;
  size_t nx = ndocs_of(x, sort_claims), ny = ndocs_of(y, sort_claims);
  if (nx != ny)
    return nx > ny ? -1 : 1;
  if (is_exact(&x->value) != is_exact(&y->value))
    return is_exact(&x->value) ? -1 : 1;
  return strcmp(x->text, y->text);
}

static int cmp_findings(const void *a, const void *b)
{
  const struct nc_finding *x = a, *y = b;
  if (x->status != y->status)
    return x->status < y->status ? -1 : 1;
  return strcmp(x->key, y->key);
}

void nc_compare(const struct nc_claims *claims, struct nc_findings *out)
{
  struct keyed *ks = xcalloc(claims->n + 1, sizeof *ks);
  size_t i = 0, first = out->n;

  for (i = 0; i < claims->n; i++) {
    ks[i].key = claims->items[i].key;
    ks[i].index = i;
  }
  qsort(ks, claims->n, sizeof *ks, cmp_keyed);
  for (i = 0; i < claims->n;) {
    size_t j = i, k;
    struct nc_finding *f;
    while (j < claims->n && strcmp(ks[j].key, ks[i].key) == 0)
      j++;
    nc_grow(&out->items, &out->cap, out->n + 1, sizeof *f);
    f = &out->items[out->n++];
    memset(f, 0, sizeof *f);
    f->key = xstrdup(ks[i].key);
    f->label = xstrdup(claims->items[ks[i].index].label);
    for (k = i; k < j; k++) {
      const struct nc_claim *c = &claims->items[ks[k].index];
      char *text = nc_value_str(&c->value);
      size_t v;
      for (v = 0; v < f->nvalues; v++)
        if (strcmp(f->values[v].text, text) == 0 &&
            f->values[v].value.exhaustive == c->value.exhaustive)
          break;
      if (v == f->nvalues) {
        struct nc_finding_value *fv;
        f->values = xrealloc(f->values, (f->nvalues + 1) * sizeof *fv);
        fv = &f->values[f->nvalues++];
        memset(fv, 0, sizeof *fv);
        nc_value_copy(&fv->value, &c->value);
        fv->text = text;
      } else {
        free(text);
      }
      f->values[v].claims =
          xrealloc(f->values[v].claims,
                   (f->values[v].nclaims + 1) * sizeof(size_t));
      f->values[v].claims[f->values[v].nclaims++] = ks[k].index;
    }
    sort_claims = claims;
    qsort(f->values, f->nvalues, sizeof *f->values, cmp_values);
    judge(f, claims);
    i = j;
  }
  if (out->n > first + 1)
    qsort(out->items + first, out->n - first, sizeof *out->items,
          cmp_findings);
  free(ks);
}

void nc_findings_free(struct nc_findings *fs)
{
  size_t i, j, k;
  for (i = 0; i < fs->n; i++) {
    struct nc_finding *f = &fs->items[i];
    for (j = 0; j < f->nvalues; j++) {
      struct nc_finding_value *fv = &f->values[j];
      nc_value_clear(&fv->value);
      free(fv->text);
      free(fv->claims);
      for (k = 0; k < fv->nmissing; k++)
        free(fv->missing[k]);
      free(fv->missing);
    }
    free(f->values);
    free(f->key);
    free(f->label);
    free(f->note);
  }
  free(fs->items);
  memset(fs, 0, sizeof *fs);
}
