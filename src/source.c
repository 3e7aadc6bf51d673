/* source.c: from command-line paths to an ordered list of sources.  Reads
 * sources.json manifests (cJSON), walks folders in sorted order, and keeps
 * going past a bad path, recording it in the list's errors. */
#include "newscheck/source.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MANIFEST_NAME "sources.json"

/* Most documents one list may hold: a cross-check of more is almost
 * certainly a mistake (a home folder given by accident), and keeping the
 * number bounded keeps memory and the id checks bounded. */
#define MAX_SOURCES 10000

static bool has_ext(const char *name, const char *ext)
{
  size_t n = strlen(name), e = strlen(ext);
  size_t i;

  if (n <= e)
    return false;
  for (i = 0; i < e; i++)
    if (nc_ascii_lower((unsigned char)name[n - e + i]) != ext[i])
      return false;
  return true;
}

static bool is_article_name(const char *name)
{
  return has_ext(name, ".txt") || has_ext(name, ".html") ||
         has_ext(name, ".htm");
}

/* File name without folder and extension: the default document id. */
static char *id_from_path(const char *path)
{
  const char *base = strrchr(path, '/');
  const char *dot;

  base = base ? base + 1 : path;
  dot = strrchr(base, '.');
  if (!dot || dot == base)
    return xstrdup(base);
  return xstrndup(base, (size_t)(dot - base));
}

static char *dir_of(const char *path)
{
  const char *slash = strrchr(path, '/');
  if (!slash)
    return xstrdup(".");
  if (slash == path)
    return xstrdup("/");
  return xstrndup(path, (size_t)(slash - path));
}

static char *join_path(const char *dir, const char *name)
{
  struct nc_buf b = {0};
  if (name[0] == '/' || strcmp(dir, ".") == 0) {
    nc_buf_puts(&b, name);
  } else {
    nc_buf_puts(&b, dir);
    if (b.len && b.data[b.len - 1] != '/')
      nc_buf_putc(&b, '/');
    nc_buf_puts(&b, name);
  }
  return nc_buf_take(&b);
}

void nc_sources_add_error(struct nc_source_list *list, const char *source,
                          enum nc_status st, const char *message)
{
  struct nc_source_error *e;

  nc_grow(&list->errors, &list->errcap, list->nerrors + 1, sizeof *e);
  e = &list->errors[list->nerrors++];
  e->source = xstrdup(source ? source : "");
  e->message = xstrdup(message);
  e->status = st;
}

/* "FILE:LINE: message" for a manifest that could not be read. */
static void error_text(struct nc_buf *b, const struct nc_error *err)
{
  if (err->line > 0)
    nc_buf_printf(b, "%s:%ld: %s", err->file, err->line, err->msg);
  else
    nc_buf_printf(b, "%s: %s", err->file, err->msg);
}

static bool id_taken(const struct nc_source_list *list, const char *id)
{
  size_t i;
  for (i = 0; i < list->n; i++)
    if (strcmp(list->items[i].id, id) == 0)
      return true;
  return false;
}

/* Append a source; takes ownership of `id`.  Duplicate ids get "-2",
 * "-3", ... so every document stays addressable. */
static struct nc_source *push(struct nc_source_list *list, char *id)
{
  struct nc_source *s;

  if (id_taken(list, id)) {
    struct nc_buf b = {0};
    int k;
    for (k = 2;; k++) {
      b.len = 0;
      nc_buf_printf(&b, "%s-%d", id, k);
      if (!id_taken(list, b.data))
        break;
    }
    free(id);
    id = nc_buf_take(&b);
  }
  nc_grow(&list->items, &list->cap, list->n + 1, sizeof *s);
  s = &list->items[list->n++];
  memset(s, 0, sizeof *s);
  s->id = id;
  return s;
}

/* True when `more` sources still fit in the list; otherwise records an
 * error naming `where` and returns false. */
static bool room(struct nc_source_list *list, size_t more, const char *where)
{
  struct nc_buf b = {0};

  if (list->n + more <= MAX_SOURCES)
    return true;
  nc_buf_printf(&b, "%s: too many documents (%zu more after %zu; the limit "
                "is %d)", where, more, list->n, MAX_SOURCES);
  nc_sources_add_error(list, where, NC_LIMIT, b.data);
  nc_buf_free(&b);
  return false;
}

static void add_file(struct nc_source_list *list, const char *path,
                     const char *default_date)
{
  struct nc_source *s;

  if (!room(list, 1, path))
    return;
  s = push(list, id_from_path(path));
  s->path = xstrdup(path);
  if (default_date)
    s->published = xstrdup(default_date);
}

struct pathvec {
  char **items;
  size_t n, cap;
};

/* Collect article files below `dir`, skipping hidden entries.  Depth is
 * bounded so a symlink loop cannot recurse forever. */
static void walk(struct nc_source_list *list, const char *dir,
                 struct pathvec *out, int depth)
{
  DIR *d;
  struct dirent *de;

  if (depth > 32) {
    nc_sources_add_error(list, dir, NC_LIMIT, "folders nested too deeply");
    return;
  }
  d = opendir(dir);
  if (!d) {
    struct nc_buf b = {0};
    nc_buf_printf(&b, "%s: %s", dir, strerror(errno));
    nc_sources_add_error(list, dir, NC_IO, b.data);
    nc_buf_free(&b);
    return;
  }
  while ((de = readdir(d)) != NULL) {
    char *p;
    struct stat st;
    if (de->d_name[0] == '.')
      continue;
    p = join_path(dir, de->d_name);
    if (stat(p, &st) != 0) {
      free(p);
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      walk(list, p, out, depth + 1);
      free(p);
    } else if (S_ISREG(st.st_mode) && is_article_name(de->d_name)) {
      nc_grow(&out->items, &out->cap, out->n + 1, sizeof *out->items);
      out->items[out->n++] = p;
    } else {
      free(p);
    }
  }
  closedir(d);
}

static void add_dir(struct nc_source_list *list, const char *dir,
                    const char *default_date)
{
  char *manifest = join_path(dir, MANIFEST_NAME);
  struct stat st;
  struct pathvec files = {0};
  size_t i;

  if (stat(manifest, &st) == 0 && S_ISREG(st.st_mode)) {
    struct nc_error err;
    nc_error_clear(&err);
    if (nc_sources_add_manifest(list, manifest, default_date, &err) !=
        NC_OK) {
      struct nc_buf b = {0};
      error_text(&b, &err);
      nc_sources_add_error(list, manifest, err.status, b.data);
      nc_buf_free(&b);
    }
    free(manifest);
    return;
  }
  free(manifest);
  walk(list, dir, &files, 0);
  if (files.n > 1)
    qsort(files.items, files.n, sizeof *files.items, nc_strptr_cmp);
  if (!room(list, files.n, dir))
    for (i = 0; i < files.n; i++)
      free(files.items[i]);
  else
    for (i = 0; i < files.n; i++) {
      add_file(list, files.items[i], default_date);
      free(files.items[i]);
    }
  free(files.items);
  if (files.n == 0) {
    struct nc_buf b = {0};
    nc_buf_printf(&b, "%s: no .txt, .html or .htm files in folder", dir);
    nc_sources_add_error(list, dir, NC_IO, b.data);
    nc_buf_free(&b);
  }
}

enum nc_status nc_sources_add_path(struct nc_source_list *list,
                                   const char *path,
                                   const char *default_date)
{
  struct stat st;

  if (strcmp(path, "-") == 0) {
    struct nc_source *s;
    if (!room(list, 1, path))
      return NC_OK;
    s = push(list, xstrdup("stdin"));
    s->path = xstrdup("-");
    if (default_date)
      s->published = xstrdup(default_date);
    return NC_OK;
  }
  if (stat(path, &st) != 0) {
    struct nc_buf b = {0};
    nc_buf_printf(&b, "%s: %s", path, strerror(errno));
    nc_sources_add_error(list, path, NC_IO, b.data);
    nc_buf_free(&b);
    return NC_OK;
  }
  if (S_ISDIR(st.st_mode)) {
    add_dir(list, path, default_date);
  } else if (has_ext(path, ".json")) {
    struct nc_error err;
    nc_error_clear(&err);
    if (nc_sources_add_manifest(list, path, default_date, &err) != NC_OK) {
      struct nc_buf b = {0};
      error_text(&b, &err);
      nc_sources_add_error(list, path, err.status, b.data);
      nc_buf_free(&b);
    }
  } else {
    add_file(list, path, default_date);
  }
  return NC_OK;
}

/* A string field, or NULL when absent or null; *bad is set when present
 * with another type. */
static const char *str_field(const cJSON *o, const char *name, bool *bad)
{
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, name);
  if (!f || cJSON_IsNull(f))
    return NULL;
  if (!cJSON_IsString(f)) {
    *bad = true;
    return NULL;
  }
  return f->valuestring;
}

/* True when a manifest's `file` stays inside the manifest's folder: a
 * relative path whose ".." components never climb above it.  Absolute
 * paths are refused, so a manifest can only name files it ships with
 * (symbolic links inside the folder are followed as usual). */
static bool path_inside(const char *file)
{
  const char *p = file;
  long depth = 0;

  if (file[0] == '/' || file[0] == '\0')
    return false;
  while (*p) {
    size_t n = strcspn(p, "/");
    if (n == 2 && p[0] == '.' && p[1] == '.') {
      if (--depth < 0)
        return false;
    } else if (n > 0 && !(n == 1 && p[0] == '.')) {
      depth++;
    }
    p += n;
    if (*p == '/')
      p++;
  }
  return true;
}

/* Index (within this manifest) of an earlier entry of `list` from `first`
 * on with the same id, or -1. */
static long dup_id(const struct nc_source_list *list, size_t first,
                   const char *id)
{
  size_t i;

  for (i = first; i < list->n; i++)
    if (strcmp(list->items[i].id, id) == 0)
      return (long)(i - first);
  return -1;
}

enum nc_status nc_sources_add_manifest(struct nc_source_list *list,
                                       const char *manifest_path,
                                       const char *default_date,
                                       struct nc_error *err)
{
  static const char *fields[] = {"id", "outlet", "url", "file",
                                 "published", "charset", "note"};
  char *data = NULL;
  size_t len = 0;
  cJSON *root = NULL, *arr, *it;
  char *dir = NULL;
  enum nc_status st;
  size_t idx = 0, first = list->n;

  st = nc_read_file(manifest_path, 16 * 1024 * 1024, &data, &len, err);
  if (st != NC_OK)
    return st;
  root = cJSON_ParseWithLength(data, len);
  if (!root) {
    const char *at = cJSON_GetErrorPtr();
    long off = at ? (long)(at - data) : 0;
    long line = 1, i;
    for (i = 0; i < off && i < (long)len; i++)
      if (data[i] == '\n')
        line++;
    st = nc_error_set(err, NC_PARSE, manifest_path, line,
                      "not valid JSON (near byte %ld)", off);
    goto cleanup;
  }
  arr = cJSON_IsArray(root) ? root
                            : cJSON_GetObjectItemCaseSensitive(root,
                                                               "sources");
  if (!cJSON_IsArray(arr)) {
    st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                      "expected an object with a \"sources\" array");
    goto cleanup;
  }
  if (list->n + (size_t)cJSON_GetArraySize(arr) > MAX_SOURCES) {
    st = nc_error_set(err, NC_LIMIT, manifest_path, 0,
                      "too many documents (%d entries after %zu; the limit "
                      "is %d)",
                      cJSON_GetArraySize(arr), list->n, MAX_SOURCES);
    goto cleanup;
  }
  dir = dir_of(manifest_path);
  cJSON_ArrayForEach(it, arr)
  {
    const char *v[7];
    bool bad = false;
    size_t k;
    long other;
    struct nc_source *s;
    struct nc_date dt;
    const cJSON *fld;

    if (!cJSON_IsObject(it)) {
      st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                        "sources[%zu]: expected an object", idx);
      goto cleanup;
    }
    cJSON_ArrayForEach(fld, it)
    {
      for (k = 0; k < 7; k++)
        if (fld->string && strcmp(fld->string, fields[k]) == 0)
          break;
      if (k == 7) {
        st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                          "sources[%zu]: unknown field \"%s\" (known: id, "
                          "outlet, url, file, published, charset, note)",
                          idx, fld->string ? fld->string : "");
        goto cleanup;
      }
    }
    for (k = 0; k < 7; k++) {
      v[k] = str_field(it, fields[k], &bad);
      if (bad) {
        st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                          "sources[%zu].%s: expected a string", idx,
                          fields[k]);
        goto cleanup;
      }
    }
    if (!v[0] && !v[3]) {
      st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                        "sources[%zu]: needs an \"id\" or a \"file\"", idx);
      goto cleanup;
    }
    if (v[3] && !path_inside(v[3])) {
      st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                        "sources[%zu].file: \"%s\" is outside the "
                        "manifest's folder (give a path relative to it, "
                        "without \"..\" climbing out)",
                        idx, v[3]);
      goto cleanup;
    }
    if (v[0] && (other = dup_id(list, first, v[0])) >= 0) {
      st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                        "sources[%zu].id: duplicate id \"%s\" (also "
                        "sources[%ld])",
                        idx, v[0], other);
      goto cleanup;
    }
    if (v[4] && !nc_date_parse(v[4], &dt)) {
      st = nc_error_set(err, NC_PARSE, manifest_path, 0,
                        "sources[%zu].published: expected YYYY-MM-DD, got "
                        "\"%s\"",
                        idx, v[4]);
      goto cleanup;
    }
    s = push(list, xstrdup(v[0] ? v[0] : ""));
    idx++;
    if (!v[0]) {
      free(s->id);
      s->id = id_from_path(v[3]);
    }
    s->outlet = v[1] ? xstrdup(v[1]) : NULL;
    s->url = v[2] ? xstrdup(v[2]) : NULL;
    s->path = v[3] ? join_path(dir, v[3]) : NULL;
    s->published = v[4] ? xstrdup(v[4])
                        : (default_date ? xstrdup(default_date) : NULL);
    s->charset = v[5] ? xstrdup(v[5]) : NULL;
    s->note = v[6] ? xstrdup(v[6]) : NULL;
  }
  st = NC_OK;
cleanup:
  if (st != NC_OK) {
    /* all or nothing: drop what this manifest added */
    while (list->n > first) {
      struct nc_source *s = &list->items[--list->n];
      free(s->id);
      free(s->outlet);
      free(s->url);
      free(s->path);
      free(s->published);
      free(s->charset);
      free(s->note);
    }
  }
  free(dir);
  cJSON_Delete(root);
  free(data);
  return st;
}

void nc_sources_free(struct nc_source_list *list)
{
  size_t i;

  for (i = 0; i < list->n; i++) {
    struct nc_source *s = &list->items[i];
    free(s->id);
    free(s->outlet);
    free(s->url);
    free(s->path);
    free(s->published);
    free(s->charset);
    free(s->note);
  }
  for (i = 0; i < list->nerrors; i++) {
    free(list->errors[i].source);
    free(list->errors[i].message);
  }
  free(list->items);
  free(list->errors);
  memset(list, 0, sizeof *list);
}
