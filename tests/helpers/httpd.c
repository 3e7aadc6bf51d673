/* httpd.c: a loopback HTTP server for the fetch tests and benchmark.
 * Serves files from the folders given on the command line under /page/NAME
 * (with ETag and 304), and fault endpoints that misbehave on purpose.
 * Binds 127.0.0.1 only, on the port given with -p (default: any free one),
 * prints the port on stdout, and runs until SIGTERM or SIGINT.
 *
 *   /page/NAME      a file from the first root that has it
 *   /status/CODE    that status with a short body
 *   /flaky/NAME     500 on odd requests, /page/NAME on even ones
 *   /busy/NAME      429 with Retry-After: 1, then /page/NAME, alternately
 *   /stall          headers, then no body until the client gives up
 *   /cut            Content-Length 100000, 1000 bytes, then a closed socket
 *   /loop           302 to itself
 *   /to-file        302 to file:///etc/passwd
 *   /redirect/NAME  301 to /page/NAME
 *   /big            11 MiB, chunked (no length announced)
 *   /bomb           a gzip body of a few KiB that inflates to 64 MiB
 *   /latin1         text/html; charset=ISO-8859-1
 *   /empty          200 with an empty body
 *   /delay/MS/X     a small page after MS milliseconds
 */
#include <microhttpd.h>
#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#include "newscheck/util.h"

#define BIG_SIZE ((uint64_t)11 * 1024 * 1024)
#define BOMB_SIZE ((size_t)64 * 1024 * 1024)
#define STALL_MAX_MS 30000

static atomic_int stopping;
static atomic_uint flaky_count, busy_count;
static char **roots;
static int nroots;
static unsigned char *bomb;
static size_t bomb_len;
static int verbose;

static void sleep_ms(long ms)
{
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

/* A gzip stream of BOMB_SIZE zero bytes, made once at start. */
static void make_bomb(void)
{
  z_stream z;
  static unsigned char zeros[1 << 20];
  size_t fed = 0, cap = 1 << 20;

  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    abort();
  bomb = xmalloc(cap);
  z.next_out = bomb;
  z.avail_out = (uInt)cap;
  while (fed < BOMB_SIZE) {
    z.next_in = zeros;
    z.avail_in = sizeof zeros;
    fed += sizeof zeros;
    while (z.avail_in)
      if (deflate(&z, Z_NO_FLUSH) != Z_OK)
        abort();
  }
  while (deflate(&z, Z_FINISH) != Z_STREAM_END)
    if (z.avail_out == 0)
      abort();
  bomb_len = cap - z.avail_out;
  deflateEnd(&z);
}

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned code,
                                const char *ctype, const void *data,
                                size_t len, const char *etag)
{
  struct MHD_Response *r;
  enum MHD_Result ok;

  r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data,
                                      MHD_RESPMEM_MUST_COPY);
  if (ctype)
    MHD_add_response_header(r, "Content-Type", ctype);
  if (etag) {
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Last-Modified",
                            "Thu, 06 Nov 2025 12:00:00 GMT");
  }
  ok = MHD_queue_response(c, code, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned code,
                                 const char *text)
{
  return send_buf(c, code, "text/html; charset=utf-8", text, strlen(text),
                  NULL);
}

static enum MHD_Result redirect(struct MHD_Connection *c, unsigned code,
                                const char *to)
{
  struct MHD_Response *r;
  enum MHD_Result ok;

  r = MHD_create_response_from_buffer(0, (void *)(uintptr_t)"",
                                      MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(r, "Location", to);
  ok = MHD_queue_response(c, code, r);
  MHD_destroy_response(r);
  return ok;
}

static bool safe_name(const char *n)
{
  const char *p;
  if (!n[0] || n[0] == '.')
    return false;
  for (p = n; *p; p++)
    if (!(nc_is_alnum((unsigned char)*p) || *p == '.' || *p == '-' ||
          *p == '_'))
      return false;
  return true;
}

static bool ends_with(const char *s, const char *suf)
{
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && strcmp(s + n - m, suf) == 0;
}

/* A file from the roots, with a content-based ETag and 304 support. */
static enum MHD_Result send_page(struct MHD_Connection *c, const char *name)
{
  int i;
  char *data = NULL;
  size_t len = 0;
  struct nc_error err;
  char etag[32];
  uint32_t h = 2166136261u;
  size_t k;
  const char *inm;
  enum MHD_Result ok;

  if (!safe_name(name))
    return send_text(c, 404, "<p>no such page</p>");
  for (i = 0; i < nroots && !data; i++) {
    struct nc_buf p = {0};
    nc_buf_printf(&p, "%s/%s", roots[i], name);
    if (nc_read_file(p.data, 16 * 1024 * 1024, &data, &len, &err) != NC_OK)
      data = NULL;
    nc_buf_free(&p);
  }
  if (!data)
    return send_text(c, 404, "<p>no such page</p>");
  for (k = 0; k < len; k++)
    h = (h ^ (unsigned char)data[k]) * 16777619u;
  snprintf(etag, sizeof etag, "\"%08x\"", (unsigned)h);
  inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
  if (inm && strcmp(inm, etag) == 0) {
    ok = send_buf(c, 304, NULL, "", 0, etag);
  } else {
    ok = send_buf(c, 200,
                  ends_with(name, ".txt") ? "text/plain; charset=utf-8"
                                          : "text/html; charset=utf-8",
                  data, len, etag);
  }
  free(data);
  return ok;
}

static ssize_t stall_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
  long waited = 0;
  (void)cls;
  (void)pos;
  (void)buf;
  (void)max;
  while (!atomic_load(&stopping) && waited < STALL_MAX_MS) {
    sleep_ms(20);
    waited += 20;
  }
  return MHD_CONTENT_READER_END_WITH_ERROR;
}

static ssize_t cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
  size_t n;
  (void)cls;
  if (pos >= 1000)
    return MHD_CONTENT_READER_END_WITH_ERROR;
  n = (size_t)(1000 - pos);
  if (n > max)
    n = max;
  memset(buf, 'x', n);
  return (ssize_t)n;
}

static ssize_t big_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
  size_t n, i;
  (void)cls;
  if (pos >= BIG_SIZE)
    return MHD_CONTENT_READER_END_OF_STREAM;
  n = max;
  if (n > BIG_SIZE - pos)
    n = (size_t)(BIG_SIZE - pos);
  for (i = 0; i < n; i++)
    buf[i] = ((pos + i) % 64 == 63) ? '\n' : 'a';
  return (ssize_t)n;
}

static enum MHD_Result send_stream(struct MHD_Connection *c, uint64_t size,
                                   MHD_ContentReaderCallback fn)
{
  struct MHD_Response *r;
  enum MHD_Result ok;

  r = MHD_create_response_from_callback(size, 32 * 1024, fn, NULL, NULL);
  MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
  ok = MHD_queue_response(c, 200, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upload_size, void **req)
{
  static int marker;
  (void)cls;
  (void)version;
  (void)upload;
  /* Answer on the second call, once the request is complete: a response
   * queued on the first call makes MHD close the connection, and the
   * benchmark wants connections reused. */
  if (*req == NULL) {
    *req = &marker;
    return MHD_YES;
  }
  if (*upload_size) {
    *upload_size = 0;
    return MHD_YES;
  }
  if (verbose)
    fprintf(stderr, "httpd: %s %s\n", method, url);
  if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
    return send_text(c, 405, "<p>method not allowed</p>");
  if (strncmp(url, "/page/", 6) == 0)
    return send_page(c, url + 6);
  if (strncmp(url, "/status/", 8) == 0) {
    long code = strtol(url + 8, NULL, 10);
    if (code < 200 || code > 599)
      code = 400;
    return send_text(c, (unsigned)code, "<p>status page</p>");
  }
  if (strncmp(url, "/flaky/", 7) == 0) {
    if (atomic_fetch_add(&flaky_count, 1) % 2 == 0)
      return send_text(c, 500, "<p>internal error</p>");
    return send_page(c, url + 7);
  }
  if (strncmp(url, "/busy/", 6) == 0) {
    if (atomic_fetch_add(&busy_count, 1) % 2 == 0) {
      struct MHD_Response *r;
      enum MHD_Result ok;
      r = MHD_create_response_from_buffer(
          4, (void *)(uintptr_t) "busy", MHD_RESPMEM_PERSISTENT);
      MHD_add_response_header(r, "Retry-After", "1");
      ok = MHD_queue_response(c, 429, r);
      MHD_destroy_response(r);
      return ok;
    }
    return send_page(c, url + 6);
  }
  if (strncmp(url, "/redirect/", 10) == 0) {
    struct nc_buf to = {0};
    enum MHD_Result ok;
    nc_buf_printf(&to, "/page/%s", url + 10);
    ok = redirect(c, 301, to.data);
    nc_buf_free(&to);
    return ok;
  }
  if (strcmp(url, "/stall") == 0)
    return send_stream(c, MHD_SIZE_UNKNOWN, stall_reader);
  if (strcmp(url, "/cut") == 0)
    return send_stream(c, 100000, cut_reader);
  if (strcmp(url, "/loop") == 0)
    return redirect(c, 302, "/loop");
  if (strcmp(url, "/to-file") == 0)
    return redirect(c, 302, "file:///etc/passwd");
  if (strcmp(url, "/big") == 0)
    return send_stream(c, MHD_SIZE_UNKNOWN, big_reader);
  if (strcmp(url, "/bomb") == 0) {
    struct MHD_Response *r;
    enum MHD_Result ok;
    r = MHD_create_response_from_buffer(bomb_len, bomb,
                                        MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    MHD_add_response_header(r, "Content-Encoding", "gzip");
    ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
  }
  if (strcmp(url, "/latin1") == 0) {
    static const char page[] =
        "<html><head><title>Caf\xe9 news</title></head><body>"
        "<h1>Caf\xe9 owners meet</h1><p>Twelve caf\xe9s opened in 2024."
        "</p></body></html>\n";
    return send_buf(c, 200, "text/html; charset=ISO-8859-1", page,
                    sizeof page - 1, NULL);
  }
  if (strcmp(url, "/empty") == 0)
    return send_buf(c, 200, "text/html", "", 0, NULL);
  if (strncmp(url, "/delay/", 7) == 0) {
    long ms = strtol(url + 7, NULL, 10);
    if (ms > 0 && ms < 10000)
      sleep_ms(ms);
    return send_text(c, 200,
                     "<html><head><title>Delayed</title></head><body><p>"
                     "Three ministers met on Tuesday.</p></body></html>\n");
  }
  return send_text(c, 404, "<p>no such page</p>");
}

int main(int argc, char **argv)
{
  struct MHD_Daemon *d;
  struct sockaddr_in sin;
  const union MHD_DaemonInfo *info;
  sigset_t set;
  int sig, i;
  long port = 0;

  roots = xcalloc((size_t)argc, sizeof *roots);
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
      port = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "-v") == 0)
      verbose = 1;
    else
      roots[nroots++] = argv[i];
  }
  make_bomb();
  signal(SIGPIPE, SIG_IGN);
  /* block the stop signals in every thread; main waits for them */
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, NULL);

  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  sin.sin_port = htons((uint16_t)port);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
                           MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL,
                       0, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR,
                       (struct sockaddr *)&sin, MHD_OPTION_CONNECTION_LIMIT,
                       (unsigned)4000, MHD_OPTION_CONNECTION_TIMEOUT,
                       (unsigned)60, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "httpd: cannot start on 127.0.0.1:%ld\n", port);
    return 1;
  }
  info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  printf("%u\n", (unsigned)info->port);
  fflush(stdout);
  sigwait(&set, &sig);
  atomic_store(&stopping, 1);
  MHD_stop_daemon(d);
  free(bomb);
  free(roots);
  return 0;
}
