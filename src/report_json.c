/* report_json.c: the cross-check as JSON (schema newscheck/1): documents,
 * claims, findings with values, sources and evidence, and errors.  Keys
 * come in the documented order; nothing depends on time or addresses, so
 * equal inputs give byte-identical output. */
#include "report_json.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keys are string literals, added without a copy. */
static void add_str(cJSON *o, const char *k, const char *v)
{
  cJSON_AddItemToObjectCS(o, k, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

/* ISO 8601 duration as a JSON string: "P33Y", "P6M", "P2W", "P3D",
 * "PT5H"; the number as "%.15g" writes it (whole numbers without
 * printf). */
static void put_duration(struct nc_buf *b, double v, char unit)
{
  bool time = unit == 'h' || unit == 'm' || unit == 's';
  char u = unit == 'h' ? 'H' : unit == 'm' ? 'M' : unit == 's' ? 'S' : unit;
  nc_buf_puts(b, time ? "\"PT" : "\"P");
  if (v == floor(v) && fabs(v) < 1e15) {
    nc_buf_put_whole(b, v);
  } else {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    nc_buf_puts(b, tmp);
  }
  nc_buf_putc(b, u);
  nc_buf_putc(b, '"');
}

/* JSON Lines are written by hand rather than through cJSON trees: extract
 * prints one line per mention, and building and freeing a tree for each
 * cost more than finding the mentions.  Strings are escaped as cJSON
 * escapes them, so both writers agree. */
static const bool needs_escape[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
    [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
    [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
    [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
    [0x1E] = 1, [0x1F] = 1, ['"'] = 1,  ['\\'] = 1};

/* True when one of the eight bytes of w is below 0x20, '"' or '\\'
 * (the classic "has a zero byte" test, exact for "any"). */
static bool word_needs_escape(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
  uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
  return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
          ((bs - ones) & ~bs)) &
         high;
}

static void put_json_str(struct nc_buf *b, const char *s, size_t n)
{
  size_t i = 0, run = 0;

  nc_buf_putc(b, '"');
  for (; i < n; i++) {
    unsigned char c;
    const char *esc;
    char u[8];
    uint64_t w;
    /* skip eight plain bytes at a time */
    while (i + 8 <= n && (memcpy(&w, s + i, 8), !word_needs_escape(w)))
      i += 8;
    if (i >= n)
      break;
    c = (unsigned char)s[i];
    if (!needs_escape[c])
      continue;
    nc_buf_append(b, s + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '\b': esc = "\\b"; break;
    case '\f': esc = "\\f"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    case '\t': esc = "\\t"; break;
    default:
      snprintf(u, sizeof u, "\\u%04x", c);
      esc = u;
    }
    nc_buf_puts(b, esc);
  }
  nc_buf_append(b, s + run, n - run);
  nc_buf_putc(b, '"');
}

static void put_json_cstr(struct nc_buf *b, const char *s)
{
  if (s)
    put_json_str(b, s, strlen(s));
  else
    nc_buf_puts(b, "null");
}

/* A number: "null" for NaN and infinities, else 15 significant digits
 * when they read back as the same number, else 17.  Mention lines ask
 * for the number itself back (`exact`); the compact writer follows
 * cJSON, which accepts 15 digits that read back within a relative
 * DBL_EPSILON, so that its output is cJSON's.  Whole numbers below 10^15,
 * the common case, come out the same either way without printf. */
static void put_number(struct nc_buf *b, double x, bool exact)
{
  char tmp[32];
  double back;

  if (isnan(x) || isinf(x)) {
    nc_buf_puts(b, "null");
    return;
  }
  if (x == floor(x) && fabs(x) < 1e15) {
    nc_buf_put_whole(b, x);
    return;
  }
  snprintf(tmp, sizeof tmp, "%1.15g", x);
  back = strtod(tmp, NULL);
  if (exact ? back != x
            : fabs(back - x) > fmax(fabs(back), fabs(x)) * DBL_EPSILON)
    snprintf(tmp, sizeof tmp, "%1.17g", x);
  nc_buf_puts(b, tmp);
}

static void put_json_num(struct nc_buf *b, double x)
{
  put_number(b, x, true);
}

/* A byte offset, as put_json_num writes it, without going through a
 * double while it is below 10^15. */
static void put_offset(struct nc_buf *b, size_t x)
{
  char tmp[24];
  size_t i = sizeof tmp;

  if (x >= (size_t)1000000000000000u) {
    put_json_num(b, (double)x);
    return;
  }
  do {
    tmp[--i] = (char)('0' + x % 10);
    x /= 10;
  } while (x);
  nc_buf_append(b, tmp + i, sizeof tmp - i);
}

/* The normalized value: integers for counts, ordinals and years,
 * "YYYY-MM-DD" (or "YYYY-MM", "YYYY") for dates, lower-case text, sorted
 * arrays for sets, [low, high] for ranges.  Numbers follow cJSON's rule,
 * as they did when these fields were built as cJSON trees. */
static void put_value(struct nc_buf *b, const struct nc_value *v)
{
  size_t i;

  switch (v->kind) {
  case NC_VAL_NUMBER:
    if (v->approx == NC_APPROX_RANGE) {
      nc_buf_putc(b, '[');
      put_number(b, v->lo, false);
      nc_buf_putc(b, ',');
      put_number(b, v->hi, false);
      nc_buf_putc(b, ']');
    } else {
      put_number(b, v->num, false);
    }
    return;
  case NC_VAL_DATE: {
    char *str = nc_value_str(v);
    const char *p = str;
    if (v->approx != NC_APPROX_NONE && v->approx != NC_APPROX_RANGE) {
      p = strchr(str, ' ');
      p = p ? p + 1 : str;
      while (*p && !nc_is_digit((unsigned char)*p))
        p++;
    }
    put_json_cstr(b, p);
    free(str);
    return;
  }
  case NC_VAL_TEXT:
    put_json_cstr(b, v->text ? v->text : "");
    return;
  case NC_VAL_SET:
    nc_buf_putc(b, '[');
    for (i = 0; i < v->nset; i++) {
      if (i)
        nc_buf_putc(b, ',');
      put_json_cstr(b, v->set[i]);
    }
    nc_buf_putc(b, ']');
    return;
  }
  nc_buf_puts(b, "null");
}

/* "value", "approx" and the fields that depend on the kind. */
static void put_value_fields(struct nc_buf *b, const struct nc_value *v)
{
  nc_buf_puts(b, "\"value\":");
  put_value(b, v);
  nc_buf_puts(b, ",\"approx\":");
  put_json_cstr(b, nc_approx_str(v->approx));
  if (v->kind == NC_VAL_NUMBER && v->unit[0]) {
    nc_buf_puts(b, ",\"unit\":");
    put_json_cstr(b, v->unit);
  }
  if (v->kind == NC_VAL_DATE && v->relative)
    nc_buf_puts(b, ",\"relative\":true");
  if (v->kind == NC_VAL_SET)
    nc_buf_puts(b, v->exhaustive ? ",\"exhaustive\":true"
                                 : ",\"exhaustive\":false");
}

/* A claim's fields from "document" on, in schema order.  The one
 * definition of a claim in JSON: extract prints it as it is, and the
 * report's claims array reads it back into its tree (claim_json). */
static void put_claim_fields(struct nc_buf *b, const char *doc_id,
                             const struct nc_claim *c)
{
  nc_buf_puts(b, "\"document\":");
  put_json_cstr(b, doc_id);
  nc_buf_puts(b, ",\"key\":");
  put_json_cstr(b, c->key);
  nc_buf_puts(b, ",\"label\":");
  put_json_cstr(b, c->label);
  nc_buf_putc(b, ',');
  put_value_fields(b, &c->value);
  nc_buf_puts(b, ",\"quote\":");
  put_json_cstr(b, c->quote);
  nc_buf_puts(b, ",\"start\":");
  put_offset(b, c->start);
  nc_buf_puts(b, ",\"end\":");
  put_offset(b, c->end);
  nc_buf_puts(b, ",\"value_start\":");
  put_offset(b, c->vstart);
  nc_buf_puts(b, ",\"value_end\":");
  put_offset(b, c->vend);
  nc_buf_puts(b, c->quoted ? ",\"quoted\":true" : ",\"quoted\":false");
  nc_buf_puts(b, ",\"hedge\":");
  put_json_cstr(b, c->hedge);
  nc_buf_puts(b, ",\"attribution\":");
  put_json_cstr(b, c->attribution);
  nc_buf_puts(b, ",\"rule\":");
  put_json_cstr(b, c->rule);
  nc_buf_puts(b, ",\"note\":");
  put_json_cstr(b, c->note);
}

/* Read back an object the writers above made (always valid JSON). */
static cJSON *parse_written(struct nc_buf *b)
{
  cJSON *o = cJSON_Parse(b->data);
  if (!o) {
    fprintf(stderr, "newscheck: error: out of memory\n");
    abort();
  }
  nc_buf_free(b);
  return o;
}

/* The report's object for claim i: its id, then the claim's fields. */
static cJSON *claim_json(const struct nc_report *r, size_t i)
{
  const struct nc_claim *c = &r->claims->items[i];
  struct nc_buf b = {0};

  nc_buf_puts(&b, "{\"id\":\"c");
  nc_buf_put_whole(&b, (double)(i + 1));
  nc_buf_puts(&b, "\",");
  put_claim_fields(&b, r->docs[c->doc]->id, c);
  nc_buf_putc(&b, '}');
  return parse_written(&b);
}

/* A finding value's object, begun with the value's own fields. */
static cJSON *value_object(const struct nc_value *v)
{
  struct nc_buf b = {0};

  nc_buf_putc(&b, '{');
  put_value_fields(&b, v);
  nc_buf_putc(&b, '}');
  return parse_written(&b);
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
  for (i = 0; i < r->claims->n; i++)
    cJSON_AddItemToArray(claims, claim_json(r, i));
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
      cJSON *v = value_object(&fv->value), *src, *ev;
      size_t dd[256], nd = nc_finding_value_docs(fv, r->claims, dd, 256);
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

void nc_report_mention_line(struct nc_buf *out, const struct nc_doc *doc,
                            const struct nc_block *b,
                            const struct nc_mention *m)
{
  size_t s = nc_block_offset(b, m->start), e = nc_block_offset(b, m->end);
  char buf[64], b2[64];
  bool range = m->approx == NC_APPROX_RANGE;

  (void)doc;
  nc_buf_puts(out, "{\"kind\":\"mention\",\"type\":");
  put_json_cstr(out, nc_mention_type_str(m->type));
  nc_buf_puts(out, ",\"text\":");
  put_json_str(out, b->text + m->start, m->end - m->start);
  nc_buf_puts(out, ",\"start\":");
  put_offset(out, s);
  nc_buf_puts(out, ",\"end\":");
  put_offset(out, e);
  nc_buf_puts(out, ",\"value\":");
  switch (m->type) {
  case NC_M_NUMBER:
  case NC_M_ORDINAL:
  case NC_M_PERCENT:
    if (range) {
      nc_buf_putc(out, '[');
      put_json_num(out, m->value);
      nc_buf_putc(out, ',');
      put_json_num(out, m->value2);
      nc_buf_putc(out, ']');
    } else {
      put_json_num(out, m->value);
    }
    break;
  case NC_M_MONEY:
    nc_buf_puts(out, "{\"amount\":");
    if (range) {
      nc_buf_putc(out, '[');
      put_json_num(out, m->value);
      nc_buf_putc(out, ',');
      put_json_num(out, m->value2);
      nc_buf_putc(out, ']');
    } else {
      put_json_num(out, m->value);
    }
    nc_buf_puts(out, ",\"currency\":");
    put_json_cstr(out, m->currency[0] ? m->currency : NULL);
    nc_buf_putc(out, '}');
    break;
  case NC_M_DATE:
    nc_mention_date_str(m, buf, sizeof buf);
    if (range) {
      struct nc_mention m2 = *m;
      m2.date = m->date2;
      nc_mention_date_str(&m2, b2, sizeof b2);
      nc_buf_printf(out, "[\"%s\",\"%s\"]", buf, b2);
    } else {
      nc_buf_printf(out, "\"%s\"", buf);
    }
    if (m->relative)
      nc_buf_puts(out, ",\"relative\":true");
    break;
  case NC_M_DURATION:
    if (range) {
      nc_buf_putc(out, '[');
      put_duration(out, m->value, m->unit);
      nc_buf_putc(out, ',');
      put_duration(out, m->value2, m->unit);
      nc_buf_putc(out, ']');
    } else {
      put_duration(out, m->value, m->unit);
    }
    break;
  case NC_M_COUNTRY:
  case NC_M_PERSON:
    put_json_cstr(out, m->name);
    break;
  case NC_M_VAGUE:
    nc_buf_puts(out, "null");
    break;
  }
  nc_buf_puts(out, ",\"approx\":");
  put_json_cstr(out, nc_approx_str(m->approx));
  if (m->type == NC_M_PERSON) {
    nc_buf_puts(out, ",\"title\":");
    put_json_cstr(out, m->title);
    nc_buf_puts(out, ",\"country\":");
    put_json_cstr(out, m->country);
  }
  if (m->type == NC_M_COUNTRY && m->demonym)
    nc_buf_puts(out, ",\"demonym\":true");
  nc_buf_append(out, "}\n", 2);
}

void nc_report_claim_line(struct nc_buf *out, const struct nc_doc *doc,
                          const struct nc_claim *c)
{
  nc_buf_puts(out, "{\"kind\":\"claim\",");
  put_claim_fields(out, doc->id, c);
  nc_buf_append(out, "}\n", 2);
}
