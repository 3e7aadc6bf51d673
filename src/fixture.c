/* fixture.c: the CI check.  Compares the findings of a run with a saved
 * JSON report (the fixture) finding by finding, and writes a readable diff:
 * findings added or removed, statuses changed, values added or removed,
 * sources changed.  Evidence offsets and wording are not compared. */
#include "newscheck/report.h"

#include <stdlib.h>
#include <string.h>

#include "report_json.h"

/* A value's identity: its JSON text, approximation and exhaustiveness. */
static char *value_id(const cJSON *v)
{
  const cJSON *val = cJSON_GetObjectItemCaseSensitive(v, "value");
  const cJSON *ap = cJSON_GetObjectItemCaseSensitive(v, "approx");
  const cJSON *ex = cJSON_GetObjectItemCaseSensitive(v, "exhaustive");
  char *vs = val ? cJSON_PrintUnformatted(val) : NULL;
  struct nc_buf b = {0};
  if (cJSON_IsString(ap))
    nc_buf_printf(&b, "%s ", ap->valuestring);
  nc_buf_puts(&b, vs ? vs : "null");
  if (cJSON_IsFalse(ex))
    nc_buf_puts(&b, " (not exhaustive)");
  free(vs);
  return nc_buf_take(&b);
}

/* A value's sources as a sorted list: which documents state it matters,
 * not the order the inputs were given in. */
static char *sources_str(const cJSON *v)
{
  const cJSON *src = cJSON_GetObjectItemCaseSensitive(v, "sources"), *s;
  const char **names = NULL;
  size_t n = 0, cap = 0, i;
  struct nc_buf b = {0};
  cJSON_ArrayForEach(s, src)
  {
    if (!cJSON_IsString(s))
      continue;
    nc_grow(&names, &cap, n + 1, sizeof *names);
    names[n++] = s->valuestring;
  }
  if (n)
    qsort(names, n, sizeof *names, nc_strptr_cmp);
  for (i = 0; i < n; i++) {
    if (i)
      nc_buf_puts(&b, ", ");
    nc_buf_puts(&b, names[i]);
  }
  free(names);
  return nc_buf_take(&b);
}

static const cJSON *find_by_key(const cJSON *arr, const char *key)
{
  const cJSON *f;
  cJSON_ArrayForEach(f, arr)
  {
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(f, "key");
    if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0)
      return f;
  }
  return NULL;
}

static const char *str_of(const cJSON *o, const char *name)
{
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, name);
  return cJSON_IsString(s) ? s->valuestring : "";
}

static const cJSON *find_value(const cJSON *vals, const char *id)
{
  const cJSON *v;
  cJSON_ArrayForEach(v, vals)
  {
    char *x = value_id(v);
    bool same = strcmp(x, id) == 0;
    free(x);
    if (same)
      return v;
  }
  return NULL;
}

/* Values of one finding, both ways. */
static size_t diff_values(FILE *out, const char *key, const cJSON *oldf,
                          const cJSON *newf)
{
  const cJSON *ov = cJSON_GetObjectItemCaseSensitive(oldf, "values");
  const cJSON *nv = cJSON_GetObjectItemCaseSensitive(newf, "values");
  const cJSON *v;
  size_t n = 0;

  cJSON_ArrayForEach(v, ov)
  {
    char *id = value_id(v), *s = sources_str(v);
    const cJSON *match = find_value(nv, id);
    if (!match) {
      fprintf(out, "~ %s: value %s removed (was stated by %s)\n", key, id,
              s);
      n++;
    } else {
      char *s2 = sources_str(match);
      if (strcmp(s, s2) != 0) {
        fprintf(out, "~ %s: value %s: sources %s -> %s\n", key, id, s, s2);
        n++;
      }
      free(s2);
    }
    free(id);
    free(s);
  }
  cJSON_ArrayForEach(v, nv)
  {
    char *id = value_id(v);
    if (!find_value(ov, id)) {
      char *s = sources_str(v);
      fprintf(out, "~ %s: value %s added (stated by %s)\n", key, id, s);
      free(s);
      n++;
    }
    free(id);
  }
  return n;
}

enum nc_status nc_fixture_check(const char *path, const struct nc_report *r,
                                FILE *out, bool *drift, struct nc_error *err)
{
  char *data = NULL;
  size_t len = 0, ndiff = 0;
  cJSON *fix, *cur;
  const cJSON *of, *nf, *f;
  enum nc_status st;

  st = nc_read_file(path, 256 * 1024 * 1024, &data, &len, err);
  if (st != NC_OK)
    return st;
  fix = cJSON_ParseWithLength(data, len);
  free(data);
  if (!fix)
    return nc_error_set(err, NC_PARSE, path, 0,
                        "fixture is not valid JSON");
  of = cJSON_GetObjectItemCaseSensitive(fix, "findings");
  if (!cJSON_IsArray(of)) {
    cJSON_Delete(fix);
    return nc_error_set(err, NC_PARSE, path, 0,
                        "fixture has no \"findings\" array (write one with "
                        "--update)");
  }
  cur = nc_report_tree(r);
  nf = cJSON_GetObjectItemCaseSensitive(cur, "findings");
  cJSON_ArrayForEach(f, of)
  {
    const char *key = str_of(f, "key");
    const cJSON *g = find_by_key(nf, key);
    if (!g) {
      fprintf(out, "- finding removed: %s (%s) [%s]\n", key,
              str_of(f, "label"), str_of(f, "status"));
      ndiff++;
      continue;
    }
    if (strcmp(str_of(f, "status"), str_of(g, "status")) != 0) {
      fprintf(out, "~ %s: status %s -> %s\n", key, str_of(f, "status"),
              str_of(g, "status"));
      ndiff++;
    }
    ndiff += diff_values(out, key, f, g);
  }
  cJSON_ArrayForEach(f, nf)
  {
    const char *key = str_of(f, "key");
    if (!find_by_key(of, key)) {
      const cJSON *v;
      fprintf(out, "+ finding added: %s (%s) [%s]\n", key,
              str_of(f, "label"), str_of(f, "status"));
      cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(f, "values"))
      {
        char *id = value_id(v), *s = sources_str(v);
        fprintf(out, "+     %s: %s\n", id, s);
        free(id);
        free(s);
      }
      ndiff++;
    }
  }
  if (ndiff)
    fprintf(out, "%zu difference%s from %s\n", ndiff, ndiff == 1 ? "" : "s",
            path);
  *drift = ndiff > 0;
  cJSON_Delete(cur);
  cJSON_Delete(fix);
  return NC_OK;
}

enum nc_status nc_fixture_write(const char *path, const struct nc_report *r,
                                struct nc_error *err)
{
  char *s = nc_report_json(r);
  enum nc_status st = nc_write_atomic(path, s, strlen(s), err);
  free(s);
  return st;
}
