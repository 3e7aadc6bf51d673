/* cli_fetch.c: the `fetch` command.  Takes its options and a manifest,
 * runs nc_fetch_manifest, and produces the report on stdout (JSON with
 * --json, a short summary otherwise), progress on stderr when it is a
 * terminal, and exit status 2 when any source failed. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "newscheck/fetch.h"
#include "newscheck/util.h"

enum {
  OPT_OUT = 1,
  OPT_PARALLEL,
  OPT_PER_HOST,
  OPT_TIMEOUT,
  OPT_CONNECT_TIMEOUT,
  OPT_LOW_SPEED_LIMIT,
  OPT_LOW_SPEED_TIME,
  OPT_MAX_SIZE,
  OPT_MAX_REDIRS,
  OPT_RETRIES,
  OPT_CONNECT_TO,
  OPT_JSON,
  OPT_QUIET
};

static const struct nc_option options[] = {
    {"out", 'o', NC_ARG_STRING, OPT_OUT, "DIR",
     "folder for the pages, their .json sidecars and sources.json "
     "(default " NC_FETCH_DEFAULT_OUT ")"},
    {"parallel", 0, NC_ARG_INT, OPT_PARALLEL, "N",
     "transfers at once (default 8)"},
    {"per-host", 0, NC_ARG_INT, OPT_PER_HOST, "N",
     "transfers at once to one host (default 4, whatever --parallel says; "
     "raise it to fetch many pages of one site faster)"},
    {"timeout", 0, NC_ARG_INT, OPT_TIMEOUT, "SECONDS",
     "limit on one whole attempt, redirects included (default 30)"},
    {"connect-timeout", 0, NC_ARG_INT, OPT_CONNECT_TIMEOUT, "SECONDS",
     "limit on connecting (default 10)"},
    {"low-speed-limit", 0, NC_ARG_INT, OPT_LOW_SPEED_LIMIT, "BYTES",
     "give up below this many bytes per second (default 64; 0: never)"},
    {"low-speed-time", 0, NC_ARG_INT, OPT_LOW_SPEED_TIME, "SECONDS",
     "... when that lasts this long (default 15)"},
    {"max-size", 0, NC_ARG_INT, OPT_MAX_SIZE, "BYTES",
     "largest page accepted, after decompression (default 10485760)"},
    {"max-redirs", 0, NC_ARG_INT, OPT_MAX_REDIRS, "N",
     "redirects followed, http and https only (default 5)"},
    {"retries", 0, NC_ARG_INT, OPT_RETRIES, "N",
     "retries after 429, 5xx, timeouts and dropped connections, with "
     "backoff and Retry-After (default 2)"},
    {"connect-to", 0, NC_ARG_STRING, OPT_CONNECT_TO, "H1:P1:H2:P2",
     "connect to H2:P2 for requests to H1:P1, as curl's --connect-to "
     "(repeatable)"},
    {"json", 0, NC_ARG_NONE, OPT_JSON, NULL,
     "print the report as JSON"},
    {"quiet", 'q', NC_ARG_NONE, OPT_QUIET, NULL,
     "no progress line on stderr"},
    {NULL, 0, NC_ARG_NONE, 0, NULL, NULL}};

static int run(const struct nc_command *cmd, int argc, char **argv);

const struct nc_command nc_cmd_fetch = {
    "fetch", "newscheck fetch [OPTIONS] MANIFEST",
    "download the pages a manifest lists", options, run};

struct fetch_args {
  const struct nc_command *cmd;
  struct nc_fetch_opts opts;
  const char **connect_to;
  size_t nconnect_to, cap;
  bool json;
  bool quiet;
};

static bool num(struct fetch_args *a, const char *name, const char *arg,
                long min, long max, long *out)
{
  return nc_cli_long(a->cmd, name, arg, min, max, out);
}

static int on_option(void *ctx, const struct nc_option *opt,
                     const char *arg)
{
  struct fetch_args *a = ctx;
  struct nc_fetch_opts *o = &a->opts;
  long v;
  char opt_name[40];

  snprintf(opt_name, sizeof opt_name, "--%s", opt->name);
  switch (opt->id) {
  case OPT_OUT:
    if (!arg[0]) {
      nc_msg_usage(a->cmd->name, "--out: empty folder name");
      return NC_EXIT_ERROR;
    }
    o->out_dir = arg;
    return 0;
  case OPT_PARALLEL:
    return num(a, opt_name, arg, 1, 1000, &o->parallel) ? 0 : NC_EXIT_ERROR;
  case OPT_PER_HOST:
    return num(a, opt_name, arg, 1, 1000, &o->per_host) ? 0 : NC_EXIT_ERROR;
  case OPT_TIMEOUT:
    return num(a, opt_name, arg, 1, 86400, &o->timeout) ? 0 : NC_EXIT_ERROR;
  case OPT_CONNECT_TIMEOUT:
    return num(a, opt_name, arg, 1, 3600, &o->connect_timeout)
               ? 0
               : NC_EXIT_ERROR;
  case OPT_LOW_SPEED_LIMIT:
    return num(a, opt_name, arg, 0, 1L << 30, &o->low_speed_limit)
               ? 0
               : NC_EXIT_ERROR;
  case OPT_LOW_SPEED_TIME:
    return num(a, opt_name, arg, 0, 3600, &o->low_speed_time)
               ? 0
               : NC_EXIT_ERROR;
  case OPT_MAX_SIZE:
    if (!num(a, opt_name, arg, 1, 1L << 30, &v))
      return NC_EXIT_ERROR;
    o->max_size = (size_t)v;
    return 0;
  case OPT_MAX_REDIRS:
    return num(a, opt_name, arg, 0, 50, &o->max_redirects) ? 0
                                                          : NC_EXIT_ERROR;
  case OPT_RETRIES:
    return num(a, opt_name, arg, 0, 10, &o->retries) ? 0 : NC_EXIT_ERROR;
  case OPT_CONNECT_TO:
    if (!nc_fetch_connect_to_valid(arg)) {
      nc_msg_usage(a->cmd->name,
                   "--connect-to: expected HOST1:PORT1:HOST2:PORT2, got "
                   "'%s'",
                   arg);
      return NC_EXIT_ERROR;
    }
    nc_grow(&a->connect_to, &a->cap, a->nconnect_to + 1,
            sizeof *a->connect_to);
    a->connect_to[a->nconnect_to++] = arg;
    return 0;
  case OPT_JSON:
    a->json = true;
    return 0;
  case OPT_QUIET:
    a->quiet = true;
    return 0;
  default:
    return 0;
  }
}

static void human_bytes(unsigned long long n, char *buf, size_t size)
{
  if (n >= 10ULL * 1024 * 1024)
    snprintf(buf, size, "%llu MiB", n / (1024 * 1024));
  else if (n >= 10ULL * 1024)
    snprintf(buf, size, "%llu KiB", n / 1024);
  else
    snprintf(buf, size, "%llu bytes", n);
}

static void progress(void *ctx, const struct nc_fetch_progress *p)
{
  char b[32];
  (void)ctx;
  human_bytes(p->bytes, b, sizeof b);
  nc_msg_progress("fetch: %zu of %zu sources done, %s, %zu failed", p->done,
                  p->total, b, p->failed);
}

static void summary(const struct nc_fetch_report *r, FILE *out)
{
  size_t i, fetched = 0, kept = 0, local = 0;

  for (i = 0; i < r->n; i++) {
    const struct nc_fetch_result *s = &r->items[i];
    const char *what;
    if (s->error && s->file)
      what = "fallback";
    else if (s->error)
      what = "FAILED";
    else if (!s->url)
      what = "local";
    else if (s->cached)
      what = "unchanged";
    else
      what = "fetched";
    fprintf(out, "%-9s %s", what, s->id);
    if (s->error)
      fprintf(out, ": %s", s->error);
    if (s->file)
      fprintf(out, "%s%s (%llu bytes)", s->error ? "; used " : ": ",
              s->file, s->bytes);
    fputc('\n', out);
    if (!s->error) {
      if (!s->url)
        local++;
      else if (s->cached)
        kept++;
      else
        fetched++;
    }
  }
  fprintf(out,
          "%zu sources: %zu fetched, %zu unchanged, %zu local, %zu failed "
          "(%zu of them replaced by their local file)\n",
          r->n, fetched, kept, local, r->failed, r->fallbacks);
  if (r->manifest)
    fprintf(out, "manifest: %s\n", r->manifest);
}

static int run(const struct nc_command *cmd, int argc, char **argv)
{
  struct fetch_args a;
  struct nc_fetch_report rep = {0};
  struct nc_error err;
  int code = NC_EXIT_OK, first;

  memset(&a, 0, sizeof a);
  a.cmd = cmd;
  nc_fetch_opts_init(&a.opts);
  first = nc_cli_parse(cmd, argc, argv, on_option, &a, &code);
  if (first < 0)
    goto cleanup;
  if (argc - first != 1) {
    nc_msg_usage(cmd->name, argc - first < 1 ? "missing MANIFEST"
                                             : "only one MANIFEST, please");
    code = NC_EXIT_ERROR;
    goto cleanup;
  }
  a.opts.connect_to = a.connect_to;
  a.opts.nconnect_to = a.nconnect_to;
  if (!a.quiet && isatty(fileno(stderr))) {
    a.opts.progress = progress;
    a.opts.progress_ctx = &a;
  }
  if (nc_fetch_global_init() != NC_OK) {
    nc_msg_error("libcurl failed to start");
    code = NC_EXIT_ERROR;
    goto cleanup;
  }
  nc_error_clear(&err);
  if (nc_fetch_manifest(argv[first], &a.opts, &rep, &err) != NC_OK) {
    nc_msg_progress_end();
    nc_msg_nc_error(&err);
    code = NC_EXIT_ERROR;
  } else {
    nc_msg_progress_end();
    if (a.json) {
      char *j = nc_fetch_report_json(&rep);
      fputs(j, stdout);
      fputc('\n', stdout);
      free(j);
    } else {
      summary(&rep, stdout);
    }
    code = rep.failed ? NC_EXIT_ERROR : NC_EXIT_OK;
  }
  nc_fetch_global_cleanup();
  nc_fetch_report_free(&rep);
cleanup:
  free(a.connect_to);
  return code;
}
