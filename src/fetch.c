/* fetch.c: from a sources.json manifest to a cache folder of pages.  Takes
 * the manifest's entries, downloads their urls in parallel with the libcurl
 * multi interface (limits, manual redirects restricted to http and https,
 * retries with backoff, conditional requests), and produces the pages, a
 * JSON sidecar per page, OUT/sources.json and a per-source report. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "newscheck/fetch.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newscheck/source.h"
#include "newscheck/util.h"

#define SIDECAR_MAX ((size_t)64 * 1024)
#define PROGRESS_TICK_MS 100
#define IDLE_POLL_MS 1000
#define WRITE_BACKLOG ((size_t)64 * 1024 * 1024)

/* ---- pure helpers (also unit-tested) ---------------------------------- */

static bool safe_byte(int c)
{
  return nc_is_alnum(c) || c == '.' || c == '_' || c == '-';
}

char *nc_fetch_safe_name(const char *id, const char *url)
{
  const char *s = (id && id[0]) ? id : url;
  struct nc_buf b = {0};

  if (!s)
    s = "";
  /* A url contributes its host and path, not its scheme. */
  if (s == url) {
    const char *p = strstr(s, "://");
    if (p)
      s = p + 3;
  }
  for (; *s && b.len < NC_FETCH_NAME_MAX; s++) {
    int c = (unsigned char)*s;
    if (b.len == 0 && c == '.')
      c = '_';
    nc_buf_putc(&b, safe_byte(c) ? (char)c : '_');
  }
  if (b.len == 0)
    nc_buf_puts(&b, "page");
  return nc_buf_take(&b);
}

bool nc_fetch_retry_after(const char *value, time_t now, long cap,
                          long *seconds)
{
  const char *p = value;
  long v;

  if (!value)
    return false;
  while (*p == ' ' || *p == '\t')
    p++;
  if (nc_is_digit((unsigned char)*p)) {
    char *end;
    errno = 0;
    v = strtol(p, &end, 10);
    while (*end == ' ' || *end == '\t')
      end++;
    if (*end || errno == ERANGE)
      v = LONG_MAX;
    if (*end)
      return false;
  } else {
    time_t t = curl_getdate(p, NULL);
    if (t == (time_t)-1)
      return false;
    v = t > now ? (long)(t - now) : 0;
  }
  if (v < 0)
    v = 0;
  if (v > cap)
    v = cap;
  *seconds = v;
  return true;
}

long nc_fetch_backoff_ms(int retry, long base_ms, long cap_ms, uint32_t rnd)
{
  long d = base_ms > 0 ? base_ms : 1;
  long half;
  int i;

  for (i = 1; i < retry && d < cap_ms; i++)
    d *= 2;
  if (d > cap_ms)
    d = cap_ms;
  /* "equal jitter": never less than half the step, so retries spread out
   * without collapsing to zero */
  half = d / 2;
  return half + (long)(rnd % (uint32_t)(d - half + 1));
}

/* One host field of --connect-to: empty, a name, or [IPv6].  Advances *s
 * past it. */
static bool ct_host(const char **s)
{
  const char *p = *s;
  if (*p == '[') {
    p++;
    while (*p && *p != ']') {
      if (!(nc_is_alnum((unsigned char)*p) || *p == ':' || *p == '.' ||
            *p == '%'))
        return false;
      p++;
    }
    if (*p != ']')
      return false;
    p++;
  } else {
    while (*p && *p != ':') {
      if (!(nc_is_alnum((unsigned char)*p) || *p == '.' || *p == '-' ||
            *p == '_'))
        return false;
      p++;
    }
  }
  *s = p;
  return true;
}

static bool ct_port(const char **s)
{
  const char *p = *s;
  long v = 0;
  int n = 0;
  while (nc_is_digit((unsigned char)*p)) {
    v = v * 10 + (*p - '0');
    if (++n > 5)
      return false;
    p++;
  }
  if (n && (v < 1 || v > 65535))
    return false;
  *s = p;
  return true;
}

bool nc_fetch_connect_to_valid(const char *spec)
{
  const char *p = spec;

  if (!p)
    return false;
  if (!ct_host(&p) || *p++ != ':' || !ct_port(&p) || *p++ != ':' ||
      !ct_host(&p) || *p++ != ':' || !ct_port(&p))
    return false;
  return *p == '\0';
}

/* ---- small containers ------------------------------------------------- */

/* An open-addressed set of strings mapping to a size_t, case-insensitive
 * so names stay unique on case-insensitive file systems too. */
struct strmap {
  char **keys;
  size_t *vals;
  size_t cap, n;
};

static uint64_t hash_ci(const char *s)
{
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) {
    h ^= (uint64_t)nc_ascii_lower((unsigned char)*s);
    h *= 1099511628211ULL;
  }
  return h;
}

static bool eq_ci(const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
    if (nc_ascii_lower((unsigned char)*a) != nc_ascii_lower((unsigned char)*b))
      return false;
  return *a == *b;
}

static size_t *strmap_find(struct strmap *m, const char *key)
{
  size_t i;
  if (!m->cap)
    return NULL;
  for (i = hash_ci(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
    if (eq_ci(m->keys[i], key))
      return &m->vals[i];
  return NULL;
}

static void strmap_put(struct strmap *m, const char *key, size_t val)
{
  size_t i;
  if ((m->n + 1) * 2 > m->cap) {
    struct strmap old = *m;
    size_t k;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = xcalloc(m->cap, sizeof *m->keys);
    m->vals = xcalloc(m->cap, sizeof *m->vals);
    m->n = 0;
    for (k = 0; k < old.cap; k++)
      if (old.keys[k]) {
        for (i = hash_ci(old.keys[k]) & (m->cap - 1); m->keys[i];
             i = (i + 1) & (m->cap - 1))
          ;
        m->keys[i] = old.keys[k];
        m->vals[i] = old.vals[k];
        m->n++;
      }
    free(old.keys);
    free(old.vals);
  }
  for (i = hash_ci(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
    ;
  m->keys[i] = xstrdup(key);
  m->vals[i] = val;
  m->n++;
}

static void strmap_free(struct strmap *m)
{
  size_t i;
  for (i = 0; i < m->cap; i++)
    free(m->keys[i]);
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

/* ---- the transfer state ----------------------------------------------- */

enum xstate { X_IDLE, X_QUEUED, X_WAITING, X_RUNNING, X_DONE };

struct fetcher;

/* One manifest entry with a url on its way through the multi loop. */
struct xfer {
  struct fetcher *f;
  size_t idx;        /* index in the report */
  const struct nc_source *src;
  enum xstate state;
  CURL *easy;
  struct curl_slist *headers; /* conditional request headers */
  char errbuf[CURL_ERROR_SIZE];
  char *stem;        /* safe file name stem */
  size_t host;       /* index in fetcher.hosts */
  size_t next;       /* next in its host's queue, or SIZE_MAX */
  char *cur_url;     /* url of the current hop */
  long redirects;
  int attempts;
  long long deadline; /* end of the current attempt, monotonic ms */
  long long due;      /* start of the next attempt when X_WAITING */
  struct nc_buf body;
  bool too_large;
  char *last_error;   /* last retryable failure */
  /* the cached copy found in the out folder, if any */
  char *c_file, *c_charset, *c_final_url;
  char *page;         /* page name inside OUT once fetched or kept */
};

struct host {
  long running;
  size_t head, tail; /* FIFO of queued transfers, SIZE_MAX when empty */
};

/* One file to write: the writer thread puts `data` into a temporary file,
 * and commit() renames it to `final`. */
struct staged {
  struct xfer *x; /* transfer it belongs to */
  char *name;     /* file name inside the out folder */
  char *data;     /* owned until written */
  size_t len;
  char *tmp;      /* the temporary file, once written */
  char *why;      /* or why it could not be written */
};

struct fetcher {
  const struct nc_fetch_opts *o;
  CURLM *multi;
  struct curl_slist *connect_to;
  char *out;          /* out folder */
  struct xfer *x;
  size_t nx;
  struct host *hosts;
  size_t nhosts, hostcap;
  size_t rr;          /* round-robin cursor over hosts */
  size_t running;
  size_t *wl;         /* transfers in X_WAITING */
  size_t nwl, wlcap;
  size_t queued;
  struct nc_fetch_report *rep;
  struct nc_fetch_progress prog;
  long long last_tick;
  uint32_t rnd;
  /* files to write, in order; the writer thread takes them from wnext */
  struct staged **stage;
  size_t nstage, stagecap, wnext;
  size_t wbytes;         /* bytes queued and not yet written */
  bool threaded, wquit, mu_ready;
  pthread_t writer;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  unsigned long tmpseq;  /* temporary file names (writer only) */
  struct strmap present; /* names in the out folder at the start */
};

static long long now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t next_rand(struct fetcher *f)
{
  uint32_t x = f->rnd;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  f->rnd = x ? x : 0x9e3779b9u;
  return f->rnd;
}

static char *join(const char *dir, const char *name)
{
  struct nc_buf b = {0};
  nc_buf_puts(&b, dir);
  if (b.len && b.data[b.len - 1] != '/')
    nc_buf_putc(&b, '/');
  nc_buf_puts(&b, name);
  return nc_buf_take(&b);
}

static char *fmt(const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static char *fmt(const char *f, ...)
{
  va_list ap;
  int n;
  char small[256], *big;

  va_start(ap, f);
  n = vsnprintf(small, sizeof small, f, ap);
  va_end(ap);
  if (n < 0)
    return xstrdup("");
  if ((size_t)n < sizeof small)
    return xstrdup(small);
  big = xmalloc((size_t)n + 1);
  va_start(ap, f);
  vsnprintf(big, (size_t)n + 1, f, ap);
  va_end(ap);
  return big;
}

static bool is_http_url(const char *u)
{
  return u && (nc_ascii_eq(u, 7, "http://") || nc_ascii_eq(u, 8, "https://"))
         && strlen(u) > 7;
}

/* Host part of an http(s) url, lower-cased, for per-host limits. */
static char *url_host(const char *u)
{
  const char *p = strstr(u, "://");
  const char *e;
  p = p ? p + 3 : u;
  e = p;
  while (*e && *e != '/' && *e != '?' && *e != '#')
    e++;
  /* drop credentials */
  {
    const char *at = memchr(p, '@', (size_t)(e - p));
    if (at)
      p = at + 1;
  }
  return nc_ascii_lowerdup(p, (size_t)(e - p));
}

/* The charset parameter of a Content-Type value, or NULL. */
static char *charset_of(const char *ct)
{
  const char *p;
  size_t n = 0;

  if (!ct)
    return NULL;
  for (p = ct; *p; p++)
    if (nc_ascii_eq(p, 8, "charset=") && (p == ct || p[-1] == ';' ||
                                         p[-1] == ' ' || p[-1] == '\t'))
      break;
  if (!*p)
    return NULL;
  p += 8;
  if (*p == '"')
    p++;
  while (p[n] && n < 40 && (nc_is_alnum((unsigned char)p[n]) ||
                            strchr("-_.:", p[n])))
    n++;
  return n ? xstrndup(p, n) : NULL;
}

/* ---- result bookkeeping ----------------------------------------------- */

static struct nc_fetch_result *res(struct fetcher *f, const struct xfer *x)
{
  return &f->rep->items[x->idx];
}

static void tick(struct fetcher *f, bool force)
{
  long long t;
  if (!f->o->progress)
    return;
  t = now_ms();
  if (!force && t - f->last_tick < PROGRESS_TICK_MS)
    return;
  f->last_tick = t;
  f->o->progress(f->o->progress_ctx, &f->prog);
}

static void finish(struct fetcher *f, struct xfer *x)
{
  x->state = X_DONE;
  f->prog.done++;
  if (res(f, x)->error)
    f->prog.failed++;
  nc_buf_free(&x->body);
  tick(f, true);
}

static void fail(struct fetcher *f, struct xfer *x, char *msg)
{
  struct nc_fetch_result *r = res(f, x);
  free(r->error);
  if (x->attempts > 1) {
    r->error = fmt("%s (after %d attempts)", msg, x->attempts);
    free(msg);
  } else {
    r->error = msg;
  }
  r->attempts = x->attempts;
  finish(f, x);
}

/* ---- staging writes for the commit phase ------------------------------ */

/* Write a job to a hidden temporary file in the out folder; commit()
 * renames it over OUT/name, so a reader sees the old page or the new one,
 * never half of one.  The folder is a cache, so pages are not fsynced one
 * by one (that costs about a millisecond each and would dominate a large
 * fetch); sources.json, the index the cross-check reads, is written last
 * with nc_write_atomic, which does sync.  Runs on the writer thread. */
static void write_job(struct fetcher *f, struct staged *s)
{
  char *tmp = NULL;
  int fd = -1;
  size_t off = 0;

  /* O_EXCL on a name unique to this process: never follows or clobbers
   * anything; mode 0666 lets the umask decide, as for any new file */
  while (fd < 0) {
    free(tmp);
    tmp = fmt("%s/.%s.%ld.%lu.tmp", f->out, s->name, (long)getpid(),
              f->tmpseq++);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0) {
    s->why = fmt("cannot create a file in %s: %s", f->out, strerror(errno));
    free(tmp);
    tmp = NULL;
  }
  while (fd >= 0 && off < s->len) {
    ssize_t w = write(fd, s->data + off, s->len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0) {
      s->why = fmt("cannot write %s: %s", tmp, strerror(errno));
      break;
    }
    off += (size_t)w;
  }
  if (fd >= 0 && close(fd) != 0 && !s->why)
    s->why = fmt("cannot write %s: %s", tmp, strerror(errno));
  if (s->why && tmp) {
    unlink(tmp);
    free(tmp);
    tmp = NULL;
  }
  s->tmp = tmp;
  free(s->data);
  s->data = NULL;
}

static void *writer_main(void *arg)
{
  struct fetcher *f = arg;

  pthread_mutex_lock(&f->mu);
  for (;;) {
    struct staged *s;
    while (f->wnext == f->nstage && !f->wquit)
      pthread_cond_wait(&f->cv, &f->mu);
    if (f->wnext == f->nstage)
      break;
    s = f->stage[f->wnext];
    pthread_mutex_unlock(&f->mu);
    write_job(f, s);
    pthread_mutex_lock(&f->mu);
    f->wnext++;
    f->wbytes -= s->len;
    pthread_cond_broadcast(&f->cv);
  }
  pthread_mutex_unlock(&f->mu);
  return NULL;
}

/* Files are created on a writer thread while the transfer loop waits on
 * the network: creating a file costs a fraction of a millisecond, which
 * over thousands of pages would otherwise add up in the loop. */
static void writer_start(struct fetcher *f)
{
  pthread_mutex_init(&f->mu, NULL);
  pthread_cond_init(&f->cv, NULL);
  f->mu_ready = true;
  f->threaded = pthread_create(&f->writer, NULL, writer_main, f) == 0;
}

/* Wait until every queued file is written and stop the writer. */
static void writer_stop(struct fetcher *f)
{
  if (f->threaded) {
    pthread_mutex_lock(&f->mu);
    f->wquit = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    pthread_join(f->writer, NULL);
    f->threaded = false;
  }
  while (f->wnext < f->nstage)
    write_job(f, f->stage[f->wnext++]);
}

/* Queue OUT/name with `data` (taken over).  Waits while more than
 * WRITE_BACKLOG bytes are queued, so memory stays bounded. */
static void stage_write(struct fetcher *f, struct xfer *x, const char *name,
                        char *data, size_t len)
{
  struct staged *s = xcalloc(1, sizeof *s);

  s->x = x;
  s->name = xstrdup(name);
  s->data = data;
  s->len = len;
  if (!f->threaded) {
    write_job(f, s);
    nc_grow(&f->stage, &f->stagecap, f->nstage + 1, sizeof *f->stage);
    f->stage[f->nstage++] = s;
    f->wnext = f->nstage;
    return;
  }
  pthread_mutex_lock(&f->mu);
  nc_grow(&f->stage, &f->stagecap, f->nstage + 1, sizeof *f->stage);
  f->stage[f->nstage++] = s;
  f->wbytes += len;
  pthread_cond_broadcast(&f->cv);
  while (f->wbytes > WRITE_BACKLOG)
    pthread_cond_wait(&f->cv, &f->mu);
  pthread_mutex_unlock(&f->mu);
}

/* Rename every written file into place; a file that could not be
 * written turns its source into a failure. */
static void commit(struct fetcher *f)
{
  size_t i;
  int dfd;

  writer_stop(f);
  dfd = open(f->out, O_RDONLY);
  for (i = 0; i < f->nstage; i++) {
    struct staged *s = f->stage[i];
    char *final = join(f->out, s->name);
    if (!s->why && rename(s->tmp, final) != 0) {
      s->why = fmt("cannot write %s: %s", final, strerror(errno));
      unlink(s->tmp);
    }
    if (s->why) {
      struct nc_fetch_result *r = &f->rep->items[s->x->idx];
      if (!r->error) {
        r->error = xstrdup(s->why);
        f->prog.failed++;
        free(r->file);
        r->file = NULL;
        r->bytes = 0;
      }
      free(s->x->page);
      s->x->page = NULL;
    }
    free(final);
  }
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

static void stage_free(struct fetcher *f)
{
  size_t i;

  writer_stop(f);
  for (i = 0; i < f->nstage; i++) {
    struct staged *s = f->stage[i];
    free(s->name);
    free(s->data);
    free(s->tmp);
    free(s->why);
    free(s);
  }
  free(f->stage);
  f->stage = NULL;
  f->nstage = f->stagecap = f->wnext = 0;
}

/* ---- the cache: sidecars ---------------------------------------------- */

static const char *jstr(const cJSON *o, const char *k)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool header_safe(const char *v)
{
  return v && v[0] && !strpbrk(v, "\r\n") && strlen(v) < 1024;
}

/* Look for OUT/STEM.json from an earlier fetch of the same url whose page
 * still exists; when found, ask for it conditionally. */
static void load_cache(struct fetcher *f, struct xfer *x)
{
  char *name = fmt("%s.json", x->stem);
  char *path = join(f->out, name);
  char *data = NULL;
  size_t len;
  cJSON *j = NULL;
  const char *file, *url, *etag, *lm;
  struct nc_error e;

  if (!strmap_find(&f->present, name))
    goto cleanup;
  if (nc_read_file(path, SIDECAR_MAX, &data, &len, &e) != NC_OK)
    goto cleanup;
  j = cJSON_ParseWithLength(data, len);
  if (!cJSON_IsObject(j))
    goto cleanup;
  url = jstr(j, "url");
  file = jstr(j, "file");
  if (!url || strcmp(url, x->src->url) != 0 || !file)
    goto cleanup;
  {
    /* only a name this fetch itself would have chosen */
    char *h = fmt("%s.html", x->stem), *t = fmt("%s.txt", x->stem);
    bool ok = strcmp(file, h) == 0 || strcmp(file, t) == 0;
    free(h);
    free(t);
    if (!ok)
      goto cleanup;
  }
  {
    char *p = join(f->out, file);
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    if (!ok)
      goto cleanup;
  }
  etag = jstr(j, "etag");
  lm = jstr(j, "last_modified");
  if (header_safe(etag)) {
    char *h = fmt("If-None-Match: %s", etag);
    x->headers = curl_slist_append(x->headers, h);
    free(h);
  }
  if (header_safe(lm)) {
    char *h = fmt("If-Modified-Since: %s", lm);
    x->headers = curl_slist_append(x->headers, h);
    free(h);
  }
  x->c_file = xstrdup(file);
  x->c_charset = jstr(j, "charset") ? xstrdup(jstr(j, "charset")) : NULL;
  x->c_final_url = jstr(j, "final_url") ? xstrdup(jstr(j, "final_url"))
                                        : NULL;
cleanup:
  cJSON_Delete(j);
  free(data);
  free(path);
  free(name);
}

static const char *get_header(CURL *h, const char *name)
{
  struct curl_header *hd = NULL;
  if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
    return NULL;
  return hd->value;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
  if (v)
    cJSON_AddStringToObject(o, k, v);
  else
    cJSON_AddNullToObject(o, k);
}

/* ---- finishing one response ------------------------------------------- */

static void got_page(struct fetcher *f, struct xfer *x, long code)
{
  struct nc_fetch_result *r = res(f, x);
  char *ctype = NULL, *side = NULL, *sname;
  const char *ct = NULL, *etag, *lm;
  bool text;
  cJSON *j;
  char when[32];
  time_t t = time(NULL);
  struct tm tm;

  curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
  ctype = ct ? xstrdup(ct) : NULL;
  text = ctype && nc_ascii_eq(ctype, strlen(ctype) < 10 ? strlen(ctype) : 10,
                              "text/plain");
  x->page = fmt("%s.%s", x->stem, text ? "txt" : "html");
  r->charset = charset_of(ctype);
  r->http_status = code;
  r->final_url = xstrdup(x->cur_url);
  r->bytes = x->body.len;
  r->attempts = x->attempts;
  etag = get_header(x->easy, "ETag");
  lm = get_header(x->easy, "Last-Modified");
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);

  j = cJSON_CreateObject();
  add_str(j, "url", x->src->url);
  add_str(j, "final_url", x->cur_url);
  cJSON_AddNumberToObject(j, "http_status", (double)code);
  add_str(j, "content_type", ctype);
  add_str(j, "charset", r->charset);
  add_str(j, "etag", header_safe(etag) ? etag : NULL);
  add_str(j, "last_modified", header_safe(lm) ? lm : NULL);
  add_str(j, "fetched_at", when);
  cJSON_AddNumberToObject(j, "bytes", (double)x->body.len);
  add_str(j, "file", x->page);
  {
    char *printed = cJSON_Print(j);
    side = xstrdup(printed);
    cJSON_free(printed);
  }
  cJSON_Delete(j);
  sname = fmt("%s.json", x->stem);
  {
    size_t blen = x->body.len;
    stage_write(f, x, x->page, nc_buf_take(&x->body), blen);
  }
  stage_write(f, x, sname, side, strlen(side));
  r->file = join(f->out, x->page);
  finish(f, x);
  free(sname);
  free(ctype);
}

static void kept_cache(struct fetcher *f, struct xfer *x)
{
  struct nc_fetch_result *r = res(f, x);
  struct stat st;

  x->page = xstrdup(x->c_file);
  r->file = join(f->out, x->page);
  r->http_status = 304;
  r->cached = true;
  r->final_url = xstrdup(x->c_final_url ? x->c_final_url : x->cur_url);
  r->charset = x->c_charset ? xstrdup(x->c_charset) : NULL;
  r->bytes = stat(r->file, &st) == 0 ? (unsigned long long)st.st_size : 0;
  r->attempts = x->attempts;
  finish(f, x);
}

/* ---- the multi loop --------------------------------------------------- */

static size_t write_cb(char *ptr, size_t size, size_t nmemb, void *ud)
{
  struct xfer *x = ud;
  size_t n = size * nmemb;

  /* Checked on the decoded bytes as they arrive, so a compressed bomb
   * stops at the limit and nothing larger is ever kept. */
  if (n > x->f->o->max_size || x->body.len > x->f->o->max_size - n) {
    x->too_large = true;
    return 0;
  }
  nc_buf_append(&x->body, ptr, n);
  x->f->prog.bytes += n;
  return n;
}

static void enqueue(struct fetcher *f, struct xfer *x)
{
  struct host *h = &f->hosts[x->host];
  size_t i = (size_t)(x - f->x);

  x->state = X_QUEUED;
  x->next = SIZE_MAX;
  if (h->tail == SIZE_MAX)
    h->head = i;
  else
    f->x[h->tail].next = i;
  h->tail = i;
  f->queued++;
}

static void launch_hop(struct fetcher *f, struct xfer *x, long left_ms)
{
  nc_buf_free(&x->body);
  x->too_large = false;
  x->errbuf[0] = '\0';
  curl_easy_setopt(x->easy, CURLOPT_URL, x->cur_url);
  curl_easy_setopt(x->easy, CURLOPT_TIMEOUT_MS, left_ms);
  curl_multi_add_handle(f->multi, x->easy);
}

static void start_attempt(struct fetcher *f, struct xfer *x)
{
  long long t = now_ms();

  x->attempts++;
  x->redirects = 0;
  free(x->cur_url);
  x->cur_url = xstrdup(x->src->url);
  x->deadline = t + f->o->timeout * 1000;
  x->state = X_RUNNING;
  f->hosts[x->host].running++;
  f->running++;
  launch_hop(f, x, f->o->timeout * 1000);
}

/* Start queued transfers while there is room, round-robin over hosts so
 * one big site does not starve the others. */
static void start_more(struct fetcher *f)
{
  size_t scanned = 0;

  while (f->queued && f->running < (size_t)f->o->parallel &&
         scanned < f->nhosts) {
    struct host *h = &f->hosts[f->rr];
    if (h->head != SIZE_MAX && h->running < f->o->per_host) {
      struct xfer *x = &f->x[h->head];
      h->head = x->next;
      if (h->head == SIZE_MAX)
        h->tail = SIZE_MAX;
      f->queued--;
      start_attempt(f, x);
      scanned = 0;
    } else {
      scanned++;
    }
    f->rr = (f->rr + 1) % f->nhosts;
  }
}


static void release_slot(struct fetcher *f, struct xfer *x)
{
  curl_multi_remove_handle(f->multi, x->easy);
  f->hosts[x->host].running--;
  f->running--;
}

/* A failure that may pass: try again later, or give up after the last
 * attempt.  `retry_after` is the server's wish in seconds, or -1. */
static void retry_or_fail(struct fetcher *f, struct xfer *x, char *msg,
                          long retry_after)
{
  long delay;

  if (x->attempts > f->o->retries) {
    fail(f, x, msg);
    return;
  }
  free(x->last_error);
  x->last_error = msg;
  delay = nc_fetch_backoff_ms(x->attempts, f->o->backoff_ms,
                              f->o->backoff_ms * 16, next_rand(f));
  if (retry_after >= 0 && retry_after * 1000 > delay)
    delay = retry_after * 1000;
  x->due = now_ms() + delay;
  x->state = X_WAITING;
  nc_grow(&f->wl, &f->wlcap, f->nwl + 1, sizeof *f->wl);
  f->wl[f->nwl++] = (size_t)(x - f->x);
}

static char *curl_failure(struct xfer *x, CURLcode rc, bool *retryable)
{
  const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);

  *retryable = false;
  switch (rc) {
  case CURLE_OPERATION_TIMEDOUT:
    *retryable = true;
    return fmt("timeout: %s", detail);
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return fmt("name lookup failed: %s", detail);
  case CURLE_COULDNT_CONNECT:
    *retryable = true;
    return fmt("could not connect: %s", detail);
  case CURLE_PARTIAL_FILE:
    *retryable = true;
    return fmt("connection closed before the end of the body: %s", detail);
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
    *retryable = true;
    return fmt("connection reset: %s", detail);
  case CURLE_UNSUPPORTED_PROTOCOL:
    return fmt("refused url scheme (only http and https): %s", detail);
  case CURLE_BAD_CONTENT_ENCODING:
    return fmt("bad content encoding: %s", detail);
  default:
    return fmt("%s", detail);
  }
}

/* Redirects are followed here, one hop at a time, so that every target is
 * checked (scheme, count, time left) before a request is made.  Returns
 * true when the transfer went on to the next hop. */
static bool follow(struct fetcher *f, struct xfer *x, long code)
{
  const char *loc = NULL;
  long left;

  curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
  if (!loc) {
    fail(f, x, fmt("HTTP %ld without a usable Location", code));
    return false;
  }
  if (!is_http_url(loc)) {
    fail(f, x, fmt("refused redirect to %.200s (only http and https)", loc));
    return false;
  }
  if (x->redirects >= f->o->max_redirects) {
    fail(f, x, fmt("too many redirects (more than %ld)",
                   f->o->max_redirects));
    return false;
  }
  left = (long)(x->deadline - now_ms());
  if (left <= 0) {
    retry_or_fail(f, x, xstrdup("timeout: while following redirects"), -1);
    return false;
  }
  x->redirects++;
  free(x->cur_url);
  x->cur_url = xstrdup(loc);
  /* the same slot goes on with the next hop */
  curl_multi_remove_handle(f->multi, x->easy);
  launch_hop(f, x, left);
  return true;
}

/* One hop ended.  Headers are read before the handle leaves the multi. */
static void done(struct fetcher *f, struct xfer *x, CURLcode rc)
{
  long code = 0;
  bool retryable;

  curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
  res(f, x)->http_status = code;
  if (x->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    fail(f, x, fmt("too large: over %zu bytes (--max-size)",
                   f->o->max_size));
  } else if (rc != CURLE_OK) {
    char *msg = curl_failure(x, rc, &retryable);
    if (retryable)
      retry_or_fail(f, x, msg, -1);
    else
      fail(f, x, msg);
  } else if (code >= 300 && code < 400 && code != 304) {
    if (follow(f, x, code))
      return;
  } else if (code == 304 && x->c_file) {
    kept_cache(f, x);
  } else if (code >= 200 && code < 300) {
    if (x->body.len == 0)
      fail(f, x, fmt("empty body (HTTP %ld)", code));
    else
      got_page(f, x, code);
  } else if (code == 429 || (code >= 500 && code < 600)) {
    long ra = -1;
    const char *v = get_header(x->easy, "Retry-After");
    if (!v || !nc_fetch_retry_after(v, time(NULL), f->o->retry_after_cap,
                                    &ra))
      ra = -1;
    retry_or_fail(f, x, fmt("HTTP %ld", code), ra);
  } else {
    fail(f, x, fmt("HTTP %ld", code));
  }
  release_slot(f, x);
}

/* Move retries that are due back into their host queues; returns the
 * milliseconds until the next one (or IDLE_POLL_MS). */
static long wake_due(struct fetcher *f)
{
  long long t = now_ms(), next = t + IDLE_POLL_MS;
  size_t i, k = 0;

  for (i = 0; i < f->nwl; i++) {
    struct xfer *x = &f->x[f->wl[i]];
    if (x->due <= t) {
      enqueue(f, x);
    } else {
      if (x->due < next)
        next = x->due;
      f->wl[k++] = f->wl[i];
    }
  }
  f->nwl = k;
  return (long)(next - t);
}

static enum nc_status run_loop(struct fetcher *f, struct nc_error *err)
{
  size_t left = 0, i;

  for (i = 0; i < f->nx; i++)
    if (f->x[i].state != X_DONE)
      left++;
  while (left) {
    int still = 0, nmsg;
    long wait;
    CURLMsg *m;
    CURLMcode mc;

    wait = wake_due(f);
    start_more(f);
    mc = curl_multi_perform(f->multi, &still);
    if (mc != CURLM_OK)
      return nc_error_set(err, NC_FETCH, NULL, 0, "libcurl: %s",
                          curl_multi_strerror(mc));
    while ((m = curl_multi_info_read(f->multi, &nmsg)) != NULL) {
      struct xfer *x;
      char *priv = NULL;
      if (m->msg != CURLMSG_DONE)
        continue;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
      x = (struct xfer *)(void *)priv;
      done(f, x, m->data.result);
      if (x->state == X_DONE)
        left--;
    }
    if (!left)
      break;
    /* room freed by a finished transfer: fill it before sleeping (a new
     * handle makes curl_multi_poll return at once) */
    start_more(f);
    if (f->o->progress && wait > PROGRESS_TICK_MS)
      wait = PROGRESS_TICK_MS;
    mc = curl_multi_poll(f->multi, NULL, 0, (int)(wait > 0 ? wait : 0),
                         NULL);
    if (mc != CURLM_OK)
      return nc_error_set(err, NC_FETCH, NULL, 0, "libcurl: %s",
                          curl_multi_strerror(mc));
    tick(f, false);
  }
  return NC_OK;
}

/* ---- setting up ------------------------------------------------------- */

static void set_common(struct fetcher *f, struct xfer *x)
{
  const struct nc_fetch_opts *o = f->o;
  CURL *h = x->easy;

  curl_easy_setopt(h, CURLOPT_PRIVATE, (char *)x);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  /* redirects are followed by hand (done()) so each hop is checked; the
   * protocol lists are a second lock on the same door */
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS,
                   CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout * 1000);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
  curl_easy_setopt(h, CURLOPT_USERAGENT,
                   o->user_agent ? o->user_agent : "newscheck/" NC_VERSION);
  if (f->connect_to)
    curl_easy_setopt(h, CURLOPT_CONNECT_TO, f->connect_to);
  if (x->headers)
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
}

static enum nc_status check_opts(const struct nc_fetch_opts *o,
                                 struct nc_error *err)
{
  size_t i;

  if (!o->out_dir || !o->out_dir[0])
    return nc_error_set(err, NC_USAGE, NULL, 0, "no output folder");
  if (o->parallel < 1 || o->per_host < 1 || o->timeout < 1 ||
      o->connect_timeout < 1 || o->low_speed_limit < 0 ||
      o->low_speed_time < 0 || o->max_redirects < 0 || o->max_size < 1 ||
      o->retries < 0 || o->retry_after_cap < 0 || o->backoff_ms < 0)
    return nc_error_set(err, NC_USAGE, NULL, 0, "fetch option out of range");
  for (i = 0; i < o->nconnect_to; i++)
    if (!nc_fetch_connect_to_valid(o->connect_to[i]))
      return nc_error_set(err, NC_USAGE, NULL, 0,
                          "--connect-to: expected HOST1:PORT1:HOST2:PORT2, "
                          "got \"%s\"",
                          o->connect_to[i]);
  return NC_OK;
}

/* mkdir -p */
static enum nc_status make_dirs(const char *dir, struct nc_error *err)
{
  char *p = xstrdup(dir);
  size_t i, n = strlen(p);
  struct stat st;
  enum nc_status st_ = NC_OK;

  for (i = 1; i <= n; i++) {
    if (p[i] != '/' && p[i] != '\0')
      continue;
    p[i] = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      st_ = nc_error_set(err, NC_IO, p, 0, "cannot create folder: %s",
                         strerror(errno));
      break;
    }
    if (i < n)
      p[i] = '/';
  }
  if (st_ == NC_OK && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
    st_ = nc_error_set(err, NC_IO, dir, 0, "not a folder");
  free(p);
  return st_;
}

/* Note the names already in the out folder, so that sidecars of earlier
 * fetches are looked up in memory rather than with one open() each. */
static void list_dir(struct fetcher *f)
{
  DIR *d = opendir(f->out);
  struct dirent *de;

  if (!d)
    return;
  while ((de = readdir(d)) != NULL)
    if (de->d_name[0] != '.')
      strmap_put(&f->present, de->d_name, 0);
  closedir(d);
}

/* Give each transfer a unique stem, a host slot and its cached copy. */
static void prepare(struct fetcher *f, const struct nc_source_list *src)
{
  struct strmap names = {0}, hosts = {0};
  size_t i, k = 0;

  strmap_put(&names, "sources", 0);
  for (i = 0; i < src->n; i++) {
    const struct nc_source *s = &src->items[i];
    struct xfer *x;
    char *stem, *host;
    size_t *slot;

    if (!s->url)
      continue;
    x = &f->x[k++];
    x->f = f;
    x->idx = i;
    x->src = s;
    x->next = SIZE_MAX;
    stem = nc_fetch_safe_name(s->id, s->url);
    if (strmap_find(&names, stem)) {
      int n;
      for (n = 2;; n++) {
        char *alt = fmt("%.*s-%d", NC_FETCH_NAME_MAX, stem, n);
        if (!strmap_find(&names, alt)) {
          free(stem);
          stem = alt;
          break;
        }
        free(alt);
      }
    }
    strmap_put(&names, stem, i);
    x->stem = stem;
    if (!is_http_url(s->url)) {
      x->state = X_IDLE;
      continue;
    }
    host = url_host(s->url);
    slot = strmap_find(&hosts, host);
    if (!slot) {
      nc_grow(&f->hosts, &f->hostcap, f->nhosts + 1, sizeof *f->hosts);
      f->hosts[f->nhosts].running = 0;
      f->hosts[f->nhosts].head = f->hosts[f->nhosts].tail = SIZE_MAX;
      strmap_put(&hosts, host, f->nhosts);
      x->host = f->nhosts++;
    } else {
      x->host = *slot;
    }
    free(host);
    load_cache(f, x);
    x->easy = curl_easy_init();
    set_common(f, x);
    enqueue(f, x);
  }
  f->nx = k;
  strmap_free(&names);
  strmap_free(&hosts);
}

static char *abs_path(const char *p)
{
  char buf[PATH_MAX];
  if (realpath(p, buf))
    return xstrdup(buf);
  return NULL;
}

/* Entries that could not be fetched: use the local file when there is
 * one. */
static void fallback(struct fetcher *f, const struct nc_source *s,
                     struct nc_fetch_result *r, struct xfer *x)
{
  char *p;

  /* a copy from an earlier fetch of the same url beats the local file */
  if (r->error && x && x->c_file && !x->page) {
    struct stat st;
    x->page = xstrdup(x->c_file);
    r->file = join(f->out, x->page);
    r->note = fmt("fetch failed (%s); kept the copy from an earlier fetch",
                  r->error);
    if (stat(r->file, &st) == 0)
      r->bytes = (unsigned long long)st.st_size;
    free(r->charset);
    r->charset = x->c_charset ? xstrdup(x->c_charset) : NULL;
    f->rep->failed++;
    f->rep->fallbacks++;
    return;
  }
  p = s->path ? abs_path(s->path) : NULL;

  if (!s->url) {
    if (p) {
      struct stat st;
      r->file = p;
      r->note = s->note ? xstrdup(s->note) : NULL;
      if (stat(p, &st) == 0)
        r->bytes = (unsigned long long)st.st_size;
    } else {
      r->error = s->path ? fmt("no url, and the local file %s cannot be "
                               "read", s->path)
                         : xstrdup("no url and no local file");
      f->rep->failed++;
      f->rep->unusable++;
    }
    return;
  }
  if (!r->error) {
    free(p);
    return;
  }
  f->rep->failed++;
  if (p) {
    struct stat st;
    r->file = p;
    r->note = fmt("fetch failed (%s); used the local file", r->error);
    if (stat(p, &st) == 0)
      r->bytes = (unsigned long long)st.st_size;
    f->rep->fallbacks++;
  } else {
    f->rep->unusable++;
  }
}

/* A manifest may only name files inside its own folder (source.c), so a
 * local file used instead of a page (no url, or the fetch failed) is
 * copied into OUT as STEM.local.EXT, atomically.  Returns that name, or
 * NULL when the copy failed (the entry is then left out of sources.json,
 * and the report keeps the reason). */
static char *copy_local(struct fetcher *f, const struct nc_source *s,
                        struct nc_fetch_result *r)
{
  static const char *exts[] = {".html", ".htm", ".txt"};
  const char *ext = ".txt";
  char *stem, *name, *path, *data = NULL;
  size_t len = 0, n = strlen(r->file), k;
  struct nc_error err;

  for (k = 0; k < sizeof exts / sizeof *exts; k++) {
    size_t e = strlen(exts[k]);
    if (n > e && strcmp(r->file + n - e, exts[k]) == 0)
      ext = exts[k];
  }
  stem = nc_fetch_safe_name(s->id, s->url);
  name = fmt("%s.local%s", stem, ext);
  path = join(f->out, name);
  free(stem);
  nc_error_clear(&err);
  if (nc_read_file(r->file, NC_MAX_INPUT_BYTES, &data, &len, &err) !=
          NC_OK ||
      nc_write_atomic(path, data, len, &err) != NC_OK) {
    free(r->note);
    r->note = fmt("%s; and the local file could not be copied into %s: %s",
                  r->error ? r->error : "no url", f->out, err.msg);
    free(name);
    name = NULL;
  }
  free(data);
  free(path);
  return name;
}

static enum nc_status write_manifest(struct fetcher *f,
                                     const struct nc_source_list *src,
                                     struct nc_error *err)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(root, "sources");
  char *text, *path = join(f->out, "sources.json");
  size_t i, k = 0;
  enum nc_status st;

  for (i = 0; i < src->n; i++) {
    const struct nc_source *s = &src->items[i];
    struct nc_fetch_result *r = &f->rep->items[i];
    const char *page = NULL;
    char *local = NULL;
    cJSON *o;

    while (k < f->nx && f->x[k].idx < i)
      k++;
    if (k < f->nx && f->x[k].idx == i)
      page = f->x[k].page;
    if (!page && !r->file)
      continue;
    if (!page && !(local = copy_local(f, s, r)))
      continue;
    o = cJSON_CreateObject();
    add_str(o, "id", s->id);
    add_str(o, "outlet", s->outlet);
    add_str(o, "url", s->url);
    add_str(o, "file", page ? page : local);
    free(local);
    add_str(o, "published", s->published);
    add_str(o, "charset", page ? r->charset : s->charset);
    add_str(o, "note", r->note ? r->note : s->note);
    cJSON_AddItemToArray(arr, o);
  }
  text = cJSON_Print(root);
  cJSON_Delete(root);
  st = nc_write_atomic(path, text, strlen(text), err);
  cJSON_free(text);
  if (st == NC_OK)
    f->rep->manifest = path;
  else
    free(path);
  return st;
}

static void fetcher_free(struct fetcher *f)
{
  size_t i;

  for (i = 0; i < f->nx; i++) {
    struct xfer *x = &f->x[i];
    if (x->easy) {
      if (x->state == X_RUNNING)
        curl_multi_remove_handle(f->multi, x->easy);
      curl_easy_cleanup(x->easy);
    }
    curl_slist_free_all(x->headers);
    free(x->stem);
    free(x->cur_url);
    free(x->last_error);
    free(x->c_file);
    free(x->c_charset);
    free(x->c_final_url);
    free(x->page);
    nc_buf_free(&x->body);
  }
  writer_stop(f);
  for (i = 0; i < f->nstage; i++)
    if (f->stage[i]->tmp)
      unlink(f->stage[i]->tmp);
  stage_free(f);
  if (f->mu_ready) {
    pthread_cond_destroy(&f->cv);
    pthread_mutex_destroy(&f->mu);
  }
  free(f->x);
  free(f->wl);
  free(f->hosts);
  if (f->multi)
    curl_multi_cleanup(f->multi);
  curl_slist_free_all(f->connect_to);
  strmap_free(&f->present);
  free(f->out);
}

/* ---- public API ------------------------------------------------------- */

void nc_fetch_opts_init(struct nc_fetch_opts *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->out_dir = NC_FETCH_DEFAULT_OUT;
  opts->parallel = NC_FETCH_DEFAULT_PARALLEL;
  opts->per_host = NC_FETCH_DEFAULT_PER_HOST;
  opts->timeout = NC_FETCH_DEFAULT_TIMEOUT;
  opts->connect_timeout = NC_FETCH_DEFAULT_CONNECT_TIMEOUT;
  opts->low_speed_limit = NC_FETCH_DEFAULT_LOW_SPEED_LIMIT;
  opts->low_speed_time = NC_FETCH_DEFAULT_LOW_SPEED_TIME;
  opts->max_redirects = NC_FETCH_DEFAULT_MAX_REDIRECTS;
  opts->max_size = NC_FETCH_DEFAULT_MAX_SIZE;
  opts->retries = NC_FETCH_DEFAULT_RETRIES;
  opts->retry_after_cap = NC_FETCH_DEFAULT_RETRY_AFTER_CAP;
  opts->backoff_ms = NC_FETCH_DEFAULT_BACKOFF_MS;
}

enum nc_status nc_fetch_global_init(void)
{
  return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? NC_OK
                                                           : NC_FETCH;
}

void nc_fetch_global_cleanup(void)
{
  curl_global_cleanup();
}

enum nc_status nc_fetch_manifest(const char *manifest_path,
                                 const struct nc_fetch_opts *opts,
                                 struct nc_fetch_report *out,
                                 struct nc_error *err)
{
  struct nc_source_list src = {0};
  struct nc_fetch_report rep = {0};
  struct fetcher f;
  enum nc_status st;
  bool inited = false;
  size_t i;

  memset(&f, 0, sizeof f);
  f.o = opts;
  f.rep = &rep;
  st = check_opts(opts, err);
  if (st != NC_OK)
    return st;
  st = nc_sources_add_manifest(&src, manifest_path, NULL, err);
  if (st != NC_OK)
    goto cleanup;
  st = make_dirs(opts->out_dir, err);
  if (st != NC_OK)
    goto cleanup;
  if (nc_fetch_global_init() != NC_OK) {
    st = nc_error_set(err, NC_FETCH, NULL, 0, "libcurl failed to start");
    goto cleanup;
  }
  inited = true;
  f.out = xstrdup(opts->out_dir);
  list_dir(&f);
  writer_start(&f);
  f.rnd = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16) ^ 0x5bd1e995u;
  f.multi = curl_multi_init();
  if (!f.multi) {
    st = nc_error_set(err, NC_FETCH, NULL, 0, "libcurl failed to start");
    goto cleanup;
  }
  /* Connections stay open for reuse; per-host limits are applied by the
   * scheduler (start_more), not by curl's pending queue, whose waiting
   * time would count against each transfer's timeout. */
  curl_multi_setopt(f.multi, CURLMOPT_MAXCONNECTS, opts->parallel);
  for (i = 0; i < opts->nconnect_to; i++)
    f.connect_to = curl_slist_append(f.connect_to, opts->connect_to[i]);

  rep.n = src.n;
  rep.items = xcalloc(src.n ? src.n : 1, sizeof *rep.items);
  for (i = 0; i < src.n; i++) {
    rep.items[i].id = xstrdup(src.items[i].id);
    rep.items[i].url = src.items[i].url ? xstrdup(src.items[i].url) : NULL;
  }
  f.x = xcalloc(src.n ? src.n : 1, sizeof *f.x);
  f.prog.total = src.n;
  prepare(&f, &src);
  for (i = 0; i < f.nx; i++)
    if (f.x[i].state == X_IDLE) {
      rep.items[f.x[i].idx].error =
          xstrdup("refused url scheme (only http and https)");
      f.x[i].state = X_DONE;
    }
  f.prog.done = src.n - f.nx;
  tick(&f, true);

  st = run_loop(&f, err);
  if (st != NC_OK)
    goto cleanup;
  commit(&f);
  stage_free(&f);
  {
    size_t k = 0;
    for (i = 0; i < src.n; i++) {
      struct xfer *x = NULL;
      if (k < f.nx && f.x[k].idx == i)
        x = &f.x[k++];
      fallback(&f, &src.items[i], &rep.items[i], x);
    }
  }
  st = write_manifest(&f, &src, err);
  if (st != NC_OK)
    goto cleanup;
  tick(&f, true);
  *out = rep;
  memset(&rep, 0, sizeof rep);

cleanup:
  fetcher_free(&f);
  nc_fetch_report_free(&rep);
  nc_sources_free(&src);
  if (inited)
    nc_fetch_global_cleanup();
  return st;
}

void nc_fetch_report_free(struct nc_fetch_report *report)
{
  size_t i;

  if (!report)
    return;
  for (i = 0; i < report->n; i++) {
    struct nc_fetch_result *r = &report->items[i];
    free(r->id);
    free(r->url);
    free(r->final_url);
    free(r->file);
    free(r->charset);
    free(r->error);
    free(r->note);
  }
  free(report->items);
  free(report->manifest);
  memset(report, 0, sizeof *report);
}

char *nc_fetch_report_json(const struct nc_fetch_report *report)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = cJSON_AddArrayToObject(root, "sources");
  char *text, *copy;
  size_t i;

  for (i = 0; i < report->n; i++) {
    const struct nc_fetch_result *r = &report->items[i];
    cJSON *o = cJSON_CreateObject();
    add_str(o, "id", r->id);
    add_str(o, "url", r->url);
    add_str(o, "final_url", r->final_url);
    if (r->http_status)
      cJSON_AddNumberToObject(o, "http_status", (double)r->http_status);
    else
      cJSON_AddNullToObject(o, "http_status");
    add_str(o, "file", r->file);
    cJSON_AddNumberToObject(o, "bytes", (double)r->bytes);
    add_str(o, "error", r->error);
    add_str(o, "note", r->note);
    cJSON_AddItemToArray(arr, o);
  }
  text = cJSON_Print(root);
  cJSON_Delete(root);
  copy = xstrdup(text);
  cJSON_free(text);
  return copy;
}
