/* report_text.c: the cross-check for people.  Conflicts first, each value
 * with its sources and the quoted sentence it came from; then partial
 * lists, agreements, single-source claims, and a one-line summary.  Colour
 * only when the caller says the output is a terminal. */
#include "newscheck/report.h"

#include <stdlib.h>
#include <string.h>

#define QUOTE_WIDTH 160

struct style {
  const char *bold, *red, *yellow, *green, *dim, *off;
};

/* Print the quote, cut to a window around the value when it is long.
 * Cuts fall on UTF-8 character boundaries. */
static void print_quote(FILE *out, const struct nc_report *r,
                        const struct nc_claim *c, const struct style *st)
{
  const struct nc_doc *d = r->docs[c->doc];
  const char *q = c->quote;
  size_t n = strlen(q), a = 0, b = n;

  if (n > QUOTE_WIDTH) {
    /* locate the value in the quote by its text */
    size_t vl = c->vend > c->vstart ? c->vend - c->vstart : 0;
    const char *vt = d->input + c->vstart;
    const char *hit = NULL;
    size_t i;
    for (i = 0; vl && vl <= n && i + vl <= n; i++)
      if (memcmp(q + i, vt, vl) == 0) {
        hit = q + i;
        break;
      }
    if (hit) {
      size_t mid = (size_t)(hit - q) + vl / 2;
      a = mid > QUOTE_WIDTH / 2 ? mid - QUOTE_WIDTH / 2 : 0;
    }
    b = a + QUOTE_WIDTH < n ? a + QUOTE_WIDTH : n;
    if (b == n && n > QUOTE_WIDTH)
      a = n - QUOTE_WIDTH;
    while (a > 0 && ((unsigned char)q[a] & 0xC0) == 0x80)
      a--;
    while (b < n && ((unsigned char)q[b] & 0xC0) == 0x80)
      b++;
  }
  fprintf(out, "%s\"%s%.*s%s\"%s", st->dim, a ? "…" : "", (int)(b - a),
          q + a, b < n ? "…" : "", st->off);
}

static void print_value_line(FILE *out, const struct nc_report *r,
                             const struct nc_finding_value *fv,
                             const struct style *st)
{
  size_t i, dd[256], nd = nc_finding_value_docs(fv, r->claims, dd, 256);

  fprintf(out, "  %s%s%s", st->bold, fv->text, st->off);
  if (fv->consistent)
    fprintf(out, " (consistent)");
  if (fv->nmissing) {
    fprintf(out, " %s(omits ", st->yellow);
    for (i = 0; i < fv->nmissing; i++)
      fprintf(out, "%s%s", i ? ", " : "", fv->missing[i]);
    fprintf(out, ")%s", st->off);
  }
  if (fv->value.kind == NC_VAL_SET && !fv->value.exhaustive)
    fprintf(out, " (not exhaustive)");
  fprintf(out, ": ");
  for (i = 0; i < nd; i++)
    fprintf(out, "%s%s", i ? ", " : "", r->docs[dd[i]]->id);
  fputc('\n', out);
  for (i = 0; i < fv->nclaims; i++) {
    const struct nc_claim *c = &r->claims->items[fv->claims[i]];
    fprintf(out, "      %s: ", r->docs[c->doc]->id);
    print_quote(out, r, c, st);
    if (c->quoted)
      fprintf(out, " [quoted speech]");
    if (c->note)
      fprintf(out, " [%s]", c->note);
    fputc('\n', out);
  }
}

char *nc_report_summary(const struct nc_report *r)
{
  size_t counts[4] = {0, 0, 0, 0}, i;
  struct nc_buf b = {0};

  for (i = 0; i < r->findings->n; i++)
    counts[r->findings->items[i].status]++;
  nc_buf_printf(&b,
                "%zu document%s, %zu claim%s, %zu finding%s: %zu conflict%s, "
                "%zu partial, %zu agree, %zu single-source; %zu error%s",
                r->ndocs, r->ndocs == 1 ? "" : "s", r->claims->n,
                r->claims->n == 1 ? "" : "s", r->findings->n,
                r->findings->n == 1 ? "" : "s", counts[NC_CONFLICT],
                counts[NC_CONFLICT] == 1 ? "" : "s", counts[NC_PARTIAL],
                counts[NC_AGREE], counts[NC_SINGLE], r->nerrors,
                r->nerrors == 1 ? "" : "s");
  return nc_buf_take(&b);
}

void nc_report_text(FILE *out, const struct nc_report *r, bool colour)
{
  static const struct style plain = {"", "", "", "", "", ""};
  static const struct style ansi = {"\033[1m",  "\033[31m", "\033[33m",
                                    "\033[32m", "\033[2m",  "\033[0m"};
  const struct style *st = colour ? &ansi : &plain;
  static const char *const heads[4] = {"CONFLICTS", "PARTIAL LISTS",
                                       "AGREEMENTS", "SINGLE-SOURCE CLAIMS"};
  const char *colours[4];
  size_t i, j;
  int last = -1;
  char *sum;

  colours[NC_CONFLICT] = st->red;
  colours[NC_PARTIAL] = st->yellow;
  colours[NC_AGREE] = st->green;
  colours[NC_SINGLE] = "";
  for (i = 0; i < r->ndocs; i++) {
    const struct nc_doc *d = r->docs[i];
    char day[16] = "?";
    if (d->has_published)
      nc_date_format(d->published, day, sizeof day);
    fprintf(out, "%s[%s]%s %s%s%s (%s)\n", st->bold, d->id, st->off,
            d->outlet ? d->outlet : "", d->outlet ? ", " : "", day,
            d->path ? d->path : "");
    if (d->note)
      fprintf(out, "    note: %s\n", d->note);
  }
  for (i = 0; i < r->findings->n; i++) {
    const struct nc_finding *f = &r->findings->items[i];
    if ((int)f->status != last) {
      size_t n = 0;
      for (j = i; j < r->findings->n && r->findings->items[j].status ==
                                            f->status;
           j++)
        n++;
      fprintf(out, "\n%s%s%s (%zu)%s\n", st->bold, colours[f->status],
              heads[f->status], n, st->off);
      last = (int)f->status;
    }
    if (f->status == NC_SINGLE) {
      const struct nc_finding_value *fv = &f->values[0];
      const struct nc_claim *c = &r->claims->items[fv->claims[0]];
      fprintf(out, "- %s = %s%s%s", f->label, st->bold, fv->text, st->off);
      for (j = 1; j < f->nvalues; j++)
        fprintf(out, " / %s", f->values[j].text);
      fprintf(out, " (%s) ", r->docs[c->doc]->id);
      print_quote(out, r, c, st);
      fputc('\n', out);
      continue;
    }
    fprintf(out, "\n%s%s%s%s\n", st->bold, colours[f->status], f->label,
            st->off);
    for (j = 0; j < f->nvalues; j++)
      print_value_line(out, r, &f->values[j], st);
    if (f->note)
      fprintf(out, "  %s(%s)%s\n", st->dim, f->note, st->off);
  }
  if (r->nerrors) {
    fprintf(out, "\n%s%sERRORS (%zu)%s\n", st->bold, st->red, r->nerrors,
            st->off);
    for (i = 0; i < r->nerrors; i++)
      fprintf(out, "- %s\n", r->errors[i].message);
  }
  sum = nc_report_summary(r);
  fprintf(out, "\n%s\n", sum);
  free(sum);
}
