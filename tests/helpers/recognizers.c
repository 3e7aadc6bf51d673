/* recognizers.c: scores the value recognizer on the JSON Lines cases of
 * a recognizer suite (numbers, ordinals, percents, money, dates).  Usage:
 * recognizers [-x OUT_OF_SCOPE] [-v] FILE.jsonl...  Prints, per file,
 * "RATE <name> <passed> <total> <percent>" and the failing cases. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "newscheck/mentions.h"

/* Reference day for cases that give none (their values are not checked,
 * but days without a year need one to be reported). */
#define DEFAULT_REF "2016-11-07"

static char **skip_ids;
static size_t nskip;

static void load_skips(const char *path)
{
  char line[1024];
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  while (fgets(line, sizeof line, f)) {
    size_t n = strcspn(line, " \t\r\n");
    if (n == 0 || line[0] == '#')
      continue;
    skip_ids = realloc(skip_ids, (nskip + 1) * sizeof *skip_ids);
    skip_ids[nskip++] = strndup(line, n);
  }
  fclose(f);
}

static int skipped(const char *id)
{
  size_t i;
  for (i = 0; i < nskip; i++) {
    if (strcmp(skip_ids[i], id) == 0)
      return 1;
  }
  return 0;
}

/* The suite's type name for our mention type, or NULL. */
static const char *suite_type(enum nc_mention_type t)
{
  switch (t) {
  case NC_M_NUMBER: return "number";
  case NC_M_ORDINAL: return "ordinal";
  case NC_M_PERCENT: return "percentage";
  case NC_M_MONEY: return "currency";
  case NC_M_DATE: return "date";
  default: return NULL;
  }
}

static int same_number(double got, const char *want)
{
  double w = strtod(want, NULL);
  return fabs(got - w) <= 1e-9 * fabs(w) + 1e-12;
}

static const char *str_field(const cJSON *o, const char *k)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Does our mention m match the expected object e? */
static int match(const char *in, const struct nc_mention *m, const cJSON *e)
{
  const char *text = str_field(e, "text"), *type = str_field(e, "type");
  const char *val = str_field(e, "value"), *t = suite_type(m->type);
  size_t n = m->end - m->start;
  char buf[16];

  if (!text || !type || !t || strcmp(t, type) != 0)
    return 0;
  /* our spans include the approximation words ("about $5"); theirs not */
  if (strlen(text) != n || strncasecmp(text, in + m->start, n) != 0) {
    size_t l = strlen(text);
    if (m->approx == NC_APPROX_NONE || m->approx == NC_APPROX_RANGE ||
        l >= n || strncasecmp(text, in + m->end - l, l) != 0)
      return 0;
  }
  if (!val)
    return 1;
  switch (m->type) {
  case NC_M_NUMBER:
  case NC_M_ORDINAL:
  case NC_M_PERCENT:
    return same_number(m->value, val);
  case NC_M_MONEY: {
    const char *iso = str_field(e, "iso_currency");
    const char *unit = str_field(e, "unit");
    double v = m->value;
    /* they count minor units in themselves: "34 cents" is 34 Cent */
    if (unit && (!strcmp(unit, "Cent") || !strcmp(unit, "Pence") ||
                 !strcmp(unit, "Penny")))
      v *= 100;
    if (unit && !strcmp(unit, "Satoshi"))
      v *= 1e8;
    return same_number(v, val) && (!iso || !strcmp(iso, m->currency));
  }
  case NC_M_DATE: {
    const cJSON *fu = cJSON_GetObjectItemCaseSensitive(e, "future");
    const cJSON *pa = cJSON_GetObjectItemCaseSensitive(e, "past");
    const char *fd = str_field(fu, "date"), *pd = str_field(pa, "date");
    nc_mention_date_str(m, buf, sizeof buf);
    return (fd && !strcmp(fd, buf)) || (pd && !strcmp(pd, buf)) ||
           (!strchr(val, 'X') && !strcmp(val, buf));
  }
  default:
    return 0;
  }
}

static void print_got(const char *in, const struct nc_mentions *ms,
                      const char *type)
{
  size_t i;
  char buf[16];
  printf("    got:");
  for (i = 0; i < ms->n; i++) {
    const struct nc_mention *m = &ms->items[i];
    const char *t = suite_type(m->type);
    if (!t || strcmp(t, type) != 0)
      continue;
    buf[0] = '\0';
    if (m->type == NC_M_DATE)
      nc_mention_date_str(m, buf, sizeof buf);
    printf(" [%.*s]=%g%s%s", (int)(m->end - m->start), in + m->start,
           m->value, m->currency, buf);
  }
  printf("\n");
}

static void run_file(const struct nc_lexicon *lex, const char *path,
                     int verbose)
{
  FILE *f = fopen(path, "r");
  char *line = NULL;
  size_t cap = 0, total = 0, pass = 0, skip = 0;
  const char *base = strrchr(path, '/');
  char name[128];
  struct nc_mentions ms = {0};

  base = base ? base + 1 : path;
  snprintf(name, sizeof name, "%.*s", (int)strcspn(base, "."), base);
  if (!f) {
    printf("RATE %s 0 0 0\n", name);
    return;
  }
  while (getline(&line, &cap, f) > 0) {
    cJSON *c = cJSON_Parse(line);
    const char *id = str_field(c, "id"), *in = str_field(c, "input");
    const char *ref = str_field(c, "reference_date");
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(c, "expected"), *e;
    const char *type = strncmp(name, "date", 4) == 0 ? "date"
                       : !strcmp(name, "percent")   ? "percentage"
                       : !strcmp(name, "currency")  ? "currency"
                                                    : name;
    struct nc_mention_ctx ctx;
    size_t i, nours = 0, nexp = 0, ok = 0;

    if (!id || !in || !cJSON_IsArray(exp)) {
      cJSON_Delete(c);
      continue;
    }
    if (skipped(id)) {
      skip++;
      cJSON_Delete(c);
      continue;
    }
    total++;
    ctx.has_ref = nc_date_parse(ref ? ref : DEFAULT_REF, &ctx.ref);
    nc_mentions_clear(&ms);
    nc_mentions_find(lex, in, strlen(in), &ctx, &ms);
    for (i = 0; i < ms.n; i++) {
      const char *t = suite_type(ms.items[i].type);
      if (t && !strcmp(t, type))
        nours++;
    }
    cJSON_ArrayForEach(e, exp)
    {
      nexp++;
      for (i = 0; i < ms.n; i++) {
        if (match(in, &ms.items[i], e)) {
          ok++;
          break;
        }
      }
    }
    if (ok == nexp && nours == nexp) {
      pass++;
    } else if (verbose) {
      char *want = cJSON_PrintUnformatted(exp);
      printf("  FAIL %s: %s\n    want: %s\n", id, in, want);
      print_got(in, &ms, type);
      free(want);
    }
    cJSON_Delete(c);
  }
  printf("RATE %s %zu %zu %.1f (out of scope: %zu)\n", name, pass, total,
         total ? 100.0 * (double)pass / (double)total : 100.0, skip);
  free(line);
  fclose(f);
  nc_mentions_free(&ms);
}

int main(int argc, char **argv)
{
  struct nc_lexicon *lex;
  struct nc_error err;
  int a = 1, verbose = 0;
  size_t i;

  for (; a < argc && argv[a][0] == '-'; a++) {
    if (!strcmp(argv[a], "-v"))
      verbose = 1;
    else if (!strcmp(argv[a], "-x") && a + 1 < argc)
      load_skips(argv[++a]);
  }
  if (nc_lexicon_load(NC_DATADIR "/lexicon", &lex, &err) != NC_OK) {
    fprintf(stderr, "recognizers: %s: %s\n", err.file, err.msg);
    return 2;
  }
  for (; a < argc; a++)
    run_file(lex, argv[a], verbose);
  nc_lexicon_free(lex);
  for (i = 0; i < nskip; i++)
    free(skip_ids[i]);
  free(skip_ids);
  return 0;
}
