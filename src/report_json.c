/* report_json.c: the cross-check as JSON (schema newscheck/1): documents,
 * claims, findings with values, sources and evidence, and errors.  Keys
 * come in the documented order; nothing depends on time or addresses, so
 * equal inputs give byte-identical output. */
#include "report_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void add_str(cJSON *o, const char *k, const char *v)
{
  if (v)
    cJSON_AddStringToObject(o, k, v);
  else
    cJSON_AddNullToObject(o, k);
}

static cJSON *number(double x)
{
  /* integral values print without a fraction */
  return cJSON_CreateNumber(x);
}

/* The normalized value: integers for counts, ordinals and years,
 * "YYYY-MM-DD" (or "YYYY-MM", "YYYY") for dates, lower-case text, sorted
 * arrays for sets, [low, high] for ranges. */
static cJSON *value_json(const struct nc_value *v)
{
  switch (v->kind) {
  case NC_VAL_NUMBER:
    if (v->approx == NC_APPROX_RANGE) {
      cJSON *a = cJSON_CreateArray();
      cJSON_AddItemToArray(a, number(v->lo));
      cJSON_AddItemToArray(a, number(v->hi));
      return a;
    }
    return number(v->num);
  case NC_VAL_DATE: {
    char *s = nc_value_str(v);
    const char *p = s;
    cJSON *j;
    if (v->approx != NC_APPROX_NONE && v->approx != NC_APPROX_RANGE) {
      p = strchr(s, ' ');
      p = p ? p + 1 : s;
      while (*p && !nc_is_digit((unsigned char)*p))
        p++;
    }
    j = cJSON_CreateString(p);
    free(s);
    return j;
  }
  case NC_VAL_TEXT:
    return cJSON_CreateString(v->text ? v->text : "");
  case NC_VAL_SET: {
    cJSON *a = cJSON_CreateArray();
    size_t i;
    for (i = 0; i < v->nset; i++)
      cJSON_AddItemToArray(a, cJSON_CreateString(v->set[i]));
    return a;
  }
  }
  return cJSON_CreateNull();
}

static void add_value_fields(cJSON *o, const struct nc_value *v)
{
  const char *ap = nc_approx_str(v->approx);
  cJSON_AddItemToObject(o, "value", value_json(v));
  add_str(o, "approx", ap);
  if (v->kind == NC_VAL_NUMBER && v->unit[0])
    cJSON_AddStringToObject(o, "unit", v->unit);
  if (v->kind == NC_VAL_DATE && v->relative)
    cJSON_AddBoolToObject(o, "relative", 1);
  if (v->kind == NC_VAL_SET)
    cJSON_AddBoolToObject(o, "exhaustive", v->exhaustive);
}

static cJSON *evidence_json(const struct nc_report *r, size_t ci)
{
  const struct nc_claim *c = &r->claims->items[ci];
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "document", r->docs[c->doc]->id);
  cJSON_AddStringToObject(e, "quote", c->quote);
  cJSON_AddNumberToObject(e, "start", (double)c->start);
  cJSON_AddNumberToObject(e, "end", (double)c->end);
  cJSON_AddNumberToObject(e, "value_start", (double)c->vstart);
  cJSON_AddNumberToObject(e, "value_end", (double)c->vend);
  cJSON_AddBoolToObject(e, "quoted", c->quoted);
  add_str(e, "hedge", c->hedge);
  add_str(e, "attribution", c->attribution);
  return e;
}

cJSON *nc_report_tree(const struct nc_report *r)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *docs, *claims, *findings, *errors, *sum;
  size_t i, j, k;
  size_t counts[4] = {0, 0, 0, 0};

  cJSON_AddStringToObject(root, "schema", NC_SCHEMA);
  docs = cJSON_AddArrayToObject(root, "documents");
  for (i = 0; i < r->ndocs; i++) {
    const struct nc_doc *d = r->docs[i];
    cJSON *o = cJSON_CreateObject();
    char day[16];
    cJSON_AddStringToObject(o, "id", d->id);
    add_str(o, "outlet", d->outlet);
    add_str(o, "url", d->url);
    add_str(o, "file", d->path);
    if (d->has_published) {
      nc_date_format(d->published, day, sizeof day);
      cJSON_AddStringToObject(o, "published", day);
    } else {
      cJSON_AddNullToObject(o, "published");
    }
    add_str(o, "title", d->title);
    if (d->note)
      cJSON_AddStringToObject(o, "note", d->note);
    cJSON_AddItemToArray(docs, o);
  }
  claims = cJSON_AddArrayToObject(root, "claims");
  for (i = 0; i < r->claims->n; i++) {
    const struct nc_claim *c = &r->claims->items[i];
    cJSON *o = cJSON_CreateObject();
    char id[32];
    snprintf(id, sizeof id, "c%zu", i + 1);
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "document", r->docs[c->doc]->id);
    cJSON_AddStringToObject(o, "key", c->key);
    cJSON_AddStringToObject(o, "label", c->label);
    add_value_fields(o, &c->value);
    cJSON_AddStringToObject(o, "quote", c->quote);
    cJSON_AddNumberToObject(o, "start", (double)c->start);
    cJSON_AddNumberToObject(o, "end", (double)c->end);
    cJSON_AddNumberToObject(o, "value_start", (double)c->vstart);
    cJSON_AddNumberToObject(o, "value_end", (double)c->vend);
    cJSON_AddBoolToObject(o, "quoted", c->quoted);
    add_str(o, "hedge", c->hedge);
    add_str(o, "attribution", c->attribution);
    cJSON_AddStringToObject(o, "rule", c->rule);
    add_str(o, "note", c->note);
    cJSON_AddItemToArray(claims, o);
  }
  findings = cJSON_AddArrayToObject(root, "findings");
  for (i = 0; i < r->findings->n; i++) {
    const struct nc_finding *f = &r->findings->items[i];
    cJSON *o = cJSON_CreateObject(), *vals;
    counts[f->status]++;
    cJSON_AddStringToObject(o, "key", f->key);
    cJSON_AddStringToObject(o, "label", f->label);
    cJSON_AddStringToObject(o, "status", nc_finding_status_str(f->status));
    vals = cJSON_AddArrayToObject(o, "values");
    for (j = 0; j < f->nvalues; j++) {
      const struct nc_finding_value *fv = &f->values[j];
      cJSON *v = cJSON_CreateObject(), *src, *ev;
      size_t dd[256], nd = nc_finding_value_docs(fv, r->claims, dd, 256);
      add_value_fields(v, &fv->value);
      if (fv->consistent)
        cJSON_AddBoolToObject(v, "consistent", 1);
      if (fv->nmissing) {
        cJSON *m = cJSON_AddArrayToObject(v, "missing");
        for (k = 0; k < fv->nmissing; k++)
          cJSON_AddItemToArray(m, cJSON_CreateString(fv->missing[k]));
      }
      src = cJSON_AddArrayToObject(v, "sources");
      for (k = 0; k < nd; k++)
        cJSON_AddItemToArray(src, cJSON_CreateString(r->docs[dd[k]]->id));
      ev = cJSON_AddArrayToObject(v, "evidence");
      for (k = 0; k < fv->nclaims; k++)
        cJSON_AddItemToArray(ev, evidence_json(r, fv->claims[k]));
      cJSON_AddItemToArray(vals, v);
    }
    add_str(o, "note", f->note);
    cJSON_AddItemToArray(findings, o);
  }
  errors = cJSON_AddArrayToObject(root, "errors");
  for (i = 0; i < r->nerrors; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "source", r->errors[i].source);
    cJSON_AddStringToObject(o, "message", r->errors[i].message);
    cJSON_AddItemToArray(errors, o);
  }
  sum = cJSON_AddObjectToObject(root, "summary");
  cJSON_AddNumberToObject(sum, "documents", (double)r->ndocs);
  cJSON_AddNumberToObject(sum, "claims", (double)r->claims->n);
  cJSON_AddNumberToObject(sum, "findings", (double)r->findings->n);
  cJSON_AddNumberToObject(sum, "conflict", (double)counts[NC_CONFLICT]);
  cJSON_AddNumberToObject(sum, "partial", (double)counts[NC_PARTIAL]);
  cJSON_AddNumberToObject(sum, "agree", (double)counts[NC_AGREE]);
  cJSON_AddNumberToObject(sum, "single", (double)counts[NC_SINGLE]);
  cJSON_AddNumberToObject(sum, "errors", (double)r->nerrors);
  cJSON_AddStringToObject(root, "tolerance", nc_compare_tolerance);
  return root;
}

char *nc_report_json(const struct nc_report *r)
{
  cJSON *root = nc_report_tree(r);
  char *s = cJSON_Print(root);
  struct nc_buf b = {0};
  cJSON_Delete(root);
  if (!s) {
    fprintf(stderr, "newscheck: error: out of memory\n");
    abort();
  }
  nc_buf_puts(&b, s);
  nc_buf_putc(&b, '\n');
  free(s);
  return nc_buf_take(&b);
}

/* ISO 8601 duration: "P33Y", "P6M", "P2W", "P3D", "PT5H". */
static void iso_duration(char *buf, size_t size, double v, char unit)
{
  bool time = unit == 'h' || unit == 'm' || unit == 's';
  char u = unit == 'h' ? 'H' : unit == 'm' ? 'M' : unit == 's' ? 'S' : unit;
  snprintf(buf, size, "P%s%.15g%c", time ? "T" : "", v, u);
}

char *nc_report_mention_line(const struct nc_doc *doc,
                             const struct nc_block *b,
                             const struct nc_mention *m)
{
  cJSON *o = cJSON_CreateObject();
  size_t s = nc_block_offset(b, m->start), e = nc_block_offset(b, m->end);
  char buf[64], *out;
  bool range = m->approx == NC_APPROX_RANGE;

  cJSON_AddStringToObject(o, "kind", "mention");
  cJSON_AddStringToObject(o, "type", nc_mention_type_str(m->type));
  {
    char *t = xstrndup(b->text + m->start, m->end - m->start);
    cJSON_AddStringToObject(o, "text", t);
    free(t);
  }
  cJSON_AddNumberToObject(o, "start", (double)s);
  cJSON_AddNumberToObject(o, "end", (double)e);
  switch (m->type) {
  case NC_M_NUMBER:
  case NC_M_ORDINAL:
  case NC_M_PERCENT:
    if (range) {
      cJSON *a = cJSON_AddArrayToObject(o, "value");
      cJSON_AddItemToArray(a, number(m->value));
      cJSON_AddItemToArray(a, number(m->value2));
    } else {
      cJSON_AddNumberToObject(o, "value", m->value);
    }
    break;
  case NC_M_MONEY: {
    cJSON *v = cJSON_AddObjectToObject(o, "value");
    if (range) {
      cJSON *a = cJSON_AddArrayToObject(v, "amount");
      cJSON_AddItemToArray(a, number(m->value));
      cJSON_AddItemToArray(a, number(m->value2));
    } else {
      cJSON_AddNumberToObject(v, "amount", m->value);
    }
    add_str(v, "currency", m->currency[0] ? m->currency : NULL);
    break;
  }
  case NC_M_DATE:
    nc_mention_date_str(m, buf, sizeof buf);
    if (range) {
      struct nc_mention m2 = *m;
      char b2[16];
      cJSON *a = cJSON_AddArrayToObject(o, "value");
      m2.date = m->date2;
      nc_mention_date_str(&m2, b2, sizeof b2);
      cJSON_AddItemToArray(a, cJSON_CreateString(buf));
      cJSON_AddItemToArray(a, cJSON_CreateString(b2));
    } else {
      cJSON_AddStringToObject(o, "value", buf);
    }
    if (m->relative)
      cJSON_AddBoolToObject(o, "relative", 1);
    break;
  case NC_M_DURATION:
    iso_duration(buf, sizeof buf, m->value, m->unit);
    if (range) {
      char b2[64];
      cJSON *a = cJSON_AddArrayToObject(o, "value");
      iso_duration(b2, sizeof b2, m->value2, m->unit);
      cJSON_AddItemToArray(a, cJSON_CreateString(buf));
      cJSON_AddItemToArray(a, cJSON_CreateString(b2));
    } else {
      cJSON_AddStringToObject(o, "value", buf);
    }
    break;
  case NC_M_COUNTRY:
  case NC_M_PERSON:
    add_str(o, "value", m->name);
    break;
  case NC_M_VAGUE:
    cJSON_AddNullToObject(o, "value");
    break;
  }
  add_str(o, "approx", nc_approx_str(m->approx));
  if (m->type == NC_M_PERSON) {
    add_str(o, "title", m->title);
    add_str(o, "country", m->country);
  }
  if (m->type == NC_M_COUNTRY && m->demonym)
    cJSON_AddBoolToObject(o, "demonym", 1);
  (void)doc;
  out = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  return out;
}

char *nc_report_claim_line(const struct nc_doc *doc,
                           const struct nc_claim *c)
{
  cJSON *o = cJSON_CreateObject();
  char *out;
  cJSON_AddStringToObject(o, "kind", "claim");
  cJSON_AddStringToObject(o, "document", doc->id);
  cJSON_AddStringToObject(o, "key", c->key);
  cJSON_AddStringToObject(o, "label", c->label);
  add_value_fields(o, &c->value);
  cJSON_AddStringToObject(o, "quote", c->quote);
  cJSON_AddNumberToObject(o, "start", (double)c->start);
  cJSON_AddNumberToObject(o, "end", (double)c->end);
  cJSON_AddNumberToObject(o, "value_start", (double)c->vstart);
  cJSON_AddNumberToObject(o, "value_end", (double)c->vend);
  cJSON_AddBoolToObject(o, "quoted", c->quoted);
  add_str(o, "hedge", c->hedge);
  add_str(o, "attribution", c->attribution);
  cJSON_AddStringToObject(o, "rule", c->rule);
  add_str(o, "note", c->note);
  out = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  return out;
}
