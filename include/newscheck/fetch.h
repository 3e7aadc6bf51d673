/* fetch.h: download the pages a sources.json manifest lists into a cache
 * folder, in parallel, with limits, retries and conditional requests, and
 * write a sources.json there that the cross-check can read. */
#ifndef NC_FETCH_H
#define NC_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "newscheck/status.h"

/* Defaults of struct nc_fetch_opts (nc_fetch_opts_init sets them). */
#define NC_FETCH_DEFAULT_OUT "newscheck-pages"
#define NC_FETCH_DEFAULT_PARALLEL 8
#define NC_FETCH_DEFAULT_PER_HOST 4
#define NC_FETCH_DEFAULT_TIMEOUT 30         /* seconds, whole transfer */
#define NC_FETCH_DEFAULT_CONNECT_TIMEOUT 10 /* seconds */
#define NC_FETCH_DEFAULT_LOW_SPEED_LIMIT 64 /* bytes per second ... */
#define NC_FETCH_DEFAULT_LOW_SPEED_TIME 15  /* ... for this many seconds */
#define NC_FETCH_DEFAULT_MAX_REDIRECTS 5
#define NC_FETCH_DEFAULT_MAX_SIZE ((size_t)10 * 1024 * 1024)
#define NC_FETCH_DEFAULT_RETRIES 2          /* so 3 attempts in all */
#define NC_FETCH_DEFAULT_RETRY_AFTER_CAP 30 /* seconds */
#define NC_FETCH_DEFAULT_BACKOFF_MS 500     /* first retry waits ~this */

/* Where a fetch stands, handed to the progress callback. */
struct nc_fetch_progress {
  size_t done;              /* sources finished (fetched, kept or failed) */
  size_t total;             /* sources in the manifest */
  size_t failed;            /* sources whose fetch failed */
  unsigned long long bytes; /* body bytes received so far */
};

/* Called from inside nc_fetch_manifest after each finished source and at
 * most about ten times a second while bytes arrive.  It must not call
 * back into the fetch. */
typedef void (*nc_fetch_progress_fn)(void *ctx,
                                     const struct nc_fetch_progress *p);

/* Settings of one fetch.  Fill with nc_fetch_opts_init, then change
 * fields.  Strings and arrays are borrowed for the call. */
struct nc_fetch_opts {
  const char *out_dir;      /* cache folder, created when missing */
  long parallel;            /* transfers in flight at once, >= 1 */
  long per_host;            /* at most this many at once per host, >= 1 */
  long timeout;             /* seconds for one whole attempt */
  long connect_timeout;     /* seconds to connect */
  long low_speed_limit;     /* abort below this many bytes per second */
  long low_speed_time;      /* ... sustained for this many seconds */
  long max_redirects;       /* redirects followed per attempt */
  size_t max_size;          /* largest decoded body accepted, in bytes */
  long retries;             /* extra attempts after a retryable failure */
  long retry_after_cap;     /* longest Retry-After honoured, in seconds */
  long backoff_ms;          /* base of the exponential backoff */
  const char *user_agent;   /* User-Agent header; NULL for the default */
  const char *const *connect_to; /* "HOST1:PORT1:HOST2:PORT2" entries, as
                                    curl's --connect-to */
  size_t nconnect_to;       /* entries in connect_to */
  nc_fetch_progress_fn progress; /* NULL for none */
  void *progress_ctx;       /* first argument of progress */
};

/* The outcome for one manifest entry.  All strings are owned by the
 * report; NULL when not applicable. */
struct nc_fetch_result {
  char *id;           /* the entry's id */
  char *url;          /* the url asked for (NULL: entry had none) */
  char *final_url;    /* the url the page came from, after redirects */
  long http_status;   /* status of the last response, 0 when none */
  char *file;         /* the page used: a path inside the out folder, or
                         the entry's local file on fallback; NULL when
                         none could be used */
  unsigned long long bytes; /* size of that page */
  char *charset;      /* charset the response declared */
  char *error;        /* why the fetch failed; NULL on success */
  char *note;         /* remark, e.g. that the local file was used */
  bool cached;        /* the server answered 304: the cached copy kept */
  int attempts;       /* requests made (0 when there was no url) */
};

/* Results in manifest order, with the path of the written manifest. */
struct nc_fetch_report {
  struct nc_fetch_result *items; /* one per manifest entry */
  size_t n;                      /* entries */
  size_t failed;    /* entries with an error (fallback or not) */
  size_t fallbacks; /* failed entries that used their local file */
  size_t unusable;  /* failed entries with no file at all */
  char *manifest;   /* OUT/sources.json as written */
};

/* Set `opts` to the defaults above (out folder NC_FETCH_DEFAULT_OUT, no
 * --connect-to, no progress). */
void nc_fetch_opts_init(struct nc_fetch_opts *opts);

/* Initialise libcurl for the whole process (curl_global_init).  Call once
 * from main before any thread starts; each successful call is matched by
 * one nc_fetch_global_cleanup.  libcurl counts calls, so calling it again
 * (nc_fetch_manifest does, around its own work) is harmless.  Returns
 * NC_FETCH when libcurl cannot start. */
enum nc_status nc_fetch_global_init(void);

/* Undo one nc_fetch_global_init. */
void nc_fetch_global_cleanup(void);

/* Fetch every entry of the manifest at `manifest_path` into
 * opts->out_dir: pages and their NAME.json sidecars are written
 * atomically, then OUT/sources.json lists every usable entry (fetched,
 * kept from the cache, or a local fallback) in manifest order.  Entries
 * without a url use their local file.  One failing source never stops the
 * others: its error is in the report.  Fills *out (release with
 * nc_fetch_report_free) and returns NC_OK even when sources failed; fails
 * with NC_IO/NC_PARSE (bad manifest, out folder not writable), NC_USAGE
 * (bad option value) or NC_FETCH (libcurl could not start), leaving *out
 * untouched. */
enum nc_status nc_fetch_manifest(const char *manifest_path,
                                 const struct nc_fetch_opts *opts,
                                 struct nc_fetch_report *out,
                                 struct nc_error *err);

/* Free everything the report owns (not the struct); NULL is ignored. */
void nc_fetch_report_free(struct nc_fetch_report *report);

/* The report as JSON: {"sources": [{"id", "url", "final_url",
 * "http_status", "file", "bytes", "error", "note"}]} in manifest order,
 * absent values as null.  Caller frees. */
char *nc_fetch_report_json(const struct nc_fetch_report *report);

/* The file name stem for a source: `id` (or, when empty or NULL, `url`)
 * with every byte outside [A-Za-z0-9._-] turned into '_', no leading dot,
 * at most NC_FETCH_NAME_MAX bytes, "page" when nothing is left.  Never
 * derived from anything a server sends.  Caller frees. */
#define NC_FETCH_NAME_MAX 64
char *nc_fetch_safe_name(const char *id, const char *url);

/* Parse a Retry-After value (delta seconds or an HTTP date, relative to
 * `now`) into *seconds, clamped to [0, cap].  False when malformed. */
bool nc_fetch_retry_after(const char *value, time_t now, long cap,
                          long *seconds);

/* Milliseconds to wait before retry number `retry` (1 for the first):
 * base_ms * 2^(retry-1), capped at cap_ms, then jittered into [half,
 * full] of that using the random value `rnd`. */
long nc_fetch_backoff_ms(int retry, long base_ms, long cap_ms, uint32_t rnd);

/* True when `spec` has the shape of curl's --connect-to:
 * HOST1:PORT1:HOST2:PORT2, where hosts may be empty or [IPv6] and ports
 * empty or 1-65535. */
bool nc_fetch_connect_to_valid(const char *spec);

#endif
