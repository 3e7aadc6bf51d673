/* cli_check.c: the default command, the cross-check.  Reads the sources,
 * extracts claims, compares them, and prints the human or JSON report, or
 * checks the findings against a saved fixture for CI. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "newscheck/report.h"
#include "rules.h"

enum {
  OPT_JSON,
  OPT_DATE,
  OPT_EXPECT,
  OPT_UPDATE,
  OPT_FAIL_CONFLICT,
  OPT_COLOR,
  OPT_NO_COLOR,
  OPT_DATA,
  OPT_FETCH,
  OPT_CACHE,
  OPT_CONNECT_TO
};

#define MAX_CONNECT_TO 64

static const struct nc_option options[] = {
    {"json", 'j', NC_ARG_NONE, OPT_JSON, NULL,
     "print the JSON report (schema newscheck/1)"},
    {"date", 'd', NC_ARG_DATE, OPT_DATE, "YYYY-MM-DD",
     "publication day of inputs that have none"},
    {"expect", 'e', NC_ARG_STRING, OPT_EXPECT, "FIXTURE",
     "compare the findings with a saved JSON report; exit 1 on drift"},
    {"update", 'u', NC_ARG_NONE, OPT_UPDATE, NULL,
     "with --expect: rewrite FIXTURE (atomically) instead"},
    {"fail-on-conflict", 0, NC_ARG_NONE, OPT_FAIL_CONFLICT, NULL,
     "exit 1 when any finding is a conflict"},
    {"color", 0, NC_ARG_NONE, OPT_COLOR, NULL,
     "colour the report even when not on a terminal"},
    {"no-color", 0, NC_ARG_NONE, OPT_NO_COLOR, NULL,
     "never colour the report"},
    {"fetch", 'f', NC_ARG_STRING, OPT_FETCH, "MANIFEST",
     "download the pages MANIFEST lists (newscheck fetch), then "
     "cross-check them"},
    {"cache", 0, NC_ARG_STRING, OPT_CACHE, "DIR",
     "with --fetch: folder for the pages (default newscheck-pages)"},
    {"connect-to", 0, NC_ARG_STRING, OPT_CONNECT_TO, "H1:P1:H2:P2",
     "with --fetch: connect to H2:P2 for H1:P1 (repeatable, as curl)"},
    {"data", 0, NC_ARG_STRING, OPT_DATA, "DIR",
     "read rules/ and lexicon/ from DIR (default: $NEWSCHECK_DATA or the "
     "built-in data)"},
    {NULL, 0, NC_ARG_NONE, 0, NULL, NULL}};

struct opts {
  bool json, update, fail_conflict;
  int colour; /* -1 auto, 0 never, 1 always */
  const char *date, *expect, *data, *fetch, *cache;
  const char *connect_to[MAX_CONNECT_TO];
  size_t nconnect_to;
};

static int on_option(void *ctx, const struct nc_option *opt,
                     const char *arg)
{
  struct opts *o = ctx;
  switch (opt->id) {
  case OPT_JSON: o->json = true; break;
  case OPT_DATE: o->date = arg; break;
  case OPT_EXPECT: o->expect = arg; break;
  case OPT_UPDATE: o->update = true; break;
  case OPT_FAIL_CONFLICT: o->fail_conflict = true; break;
  case OPT_COLOR: o->colour = 1; break;
  case OPT_NO_COLOR: o->colour = 0; break;
  case OPT_DATA: o->data = arg; break;
  case OPT_FETCH: o->fetch = arg; break;
  case OPT_CACHE: o->cache = arg; break;
  case OPT_CONNECT_TO:
    if (o->nconnect_to == MAX_CONNECT_TO) {
      nc_msg_usage(NULL, "--connect-to: at most %d", MAX_CONNECT_TO);
      return NC_EXIT_ERROR;
    }
    o->connect_to[o->nconnect_to++] = arg;
    break;
  }
  return 0;
}

/* --fetch: run newscheck-fetch into the cache folder, then add that
 * folder to the sources.  Entries of the manifest that came through
 * neither fetched nor from a local file are reported as errors (the fetch
 * has already said why on stderr). */
static void fetch_sources(const struct opts *o, struct nc_source_list *list)
{
  const char *out = o->cache ? o->cache : "newscheck-pages";
  char *argv[8 + 2 * MAX_CONNECT_TO];
  struct nc_source_list want = {0};
  struct nc_error err;
  size_t n = 0, i, j, before = list->n;
  int rc;

  argv[n++] = (char *)"fetch";
  argv[n++] = (char *)"--quiet";
  argv[n++] = (char *)"--out";
  argv[n++] = (char *)out;
  for (i = 0; i < o->nconnect_to; i++) {
    argv[n++] = (char *)"--connect-to";
    argv[n++] = (char *)o->connect_to[i];
  }
  argv[n++] = (char *)o->fetch;
  argv[n] = NULL;
  rc = nc_cli_spawn_fetch(argv);
  nc_error_clear(&err);
  if (nc_sources_add_manifest(&want, o->fetch, o->date, &err) != NC_OK) {
    struct nc_buf b = {0};
    nc_buf_printf(&b, "%s: %s", err.file, err.msg);
    nc_sources_add_error(list, o->fetch, err.status, b.data);
    nc_buf_free(&b);
    nc_sources_free(&want);
    return;
  }
  if (rc == NC_EXIT_OK || rc == NC_EXIT_ERROR)
    nc_sources_add_path(list, out, o->date);
  for (i = 0; i < want.n; i++) {
    bool found = false;
    for (j = before; j < list->n && !found; j++)
      found = strcmp(list->items[j].id, want.items[i].id) == 0;
    if (!found) {
      struct nc_buf b = {0};
      nc_buf_printf(&b, "%s: could not be fetched and has no local file",
                    want.items[i].id);
      nc_sources_add_error(list, want.items[i].id, NC_FETCH, b.data);
      nc_buf_free(&b);
    }
  }
  nc_sources_free(&want);
}

/* A rule whose pattern hit PCRE2's match or depth limit skipped those
 * sentences: say which rule, so a catastrophic pattern is found. */
static void warn_rule_limits(const struct nc_rules *rules)
{
  size_t i;
  for (i = 0; i < nc_rules_count(rules); i++) {
    size_t hits = nc_rules_limit_hits(rules, i);
    const struct nc_rule *r = nc_rules_get(rules, i);
    if (hits)
      nc_msg_warn("rule \"%s\" (%s): hit the PCRE2 match limit on %zu "
                  "sentence%s; skipped there",
                  r->id, r->file, hits, hits == 1 ? "" : "s");
  }
}

static int run(const struct nc_command *cmd, int argc, char **argv)
{
  struct opts o;
  struct nc_source_list sources = {0};
  struct nc_doc **docs = NULL;
  size_t ndocs = 0, i;
  struct nc_kit kit;
  struct nc_claims claims = {0};
  struct nc_findings findings = {0};
  struct nc_report rep;
  int rc = NC_EXIT_OK, first;

  memset(&o, 0, sizeof o);
  o.colour = -1;
  first = nc_cli_parse(cmd, argc, argv, on_option, &o, &rc);
  if (first < 0)
    return rc;
  if (first >= argc && !o.fetch) {
    nc_msg_usage(NULL, "no input: give article files or folders (or - for "
                       "standard input)");
    return NC_EXIT_ERROR;
  }
  if (o.update && !o.expect) {
    nc_msg_usage(NULL, "--update needs --expect FIXTURE");
    return NC_EXIT_ERROR;
  }
  if (!nc_kit_load(&kit, o.data ? o.data : nc_cli_datadir()))
    return NC_EXIT_ERROR;

  if (o.fetch)
    fetch_sources(&o, &sources);
  for (i = (size_t)first; i < (size_t)argc; i++)
    nc_sources_add_path(&sources, argv[i], o.date);
  docs = xcalloc(sources.n + 1, sizeof *docs);
  for (i = 0; i < sources.n; i++) {
    struct nc_error err;
    struct nc_doc *d = NULL;
    const struct nc_source *s = &sources.items[i];
    nc_error_clear(&err);
    if (!s->path) {
      struct nc_buf b = {0};
      nc_buf_printf(&b, "%s: no local file (fetch it with 'newscheck fetch')",
                    s->id);
      nc_sources_add_error(&sources, s->id, NC_IO, b.data);
      nc_buf_free(&b);
      continue;
    }
    if (nc_doc_load(s, &d, &err) != NC_OK) {
      struct nc_buf b = {0};
      if (err.line > 0)
        nc_buf_printf(&b, "%s:%ld: %s", err.file[0] ? err.file : s->path,
                      err.line, err.msg);
      else
        nc_buf_printf(&b, "%s: %s", err.file[0] ? err.file : s->path,
                      err.msg);
      nc_sources_add_error(&sources, s->id, err.status, b.data);
      nc_buf_free(&b);
      continue;
    }
    if (d->warning)
      nc_msg_warn("%s: %s", s->path, d->warning);
    docs[ndocs++] = d;
  }
  for (i = 0; i < sources.nerrors; i++)
    nc_msg_error("%s", sources.errors[i].message);

  nc_claims_extract(&kit.ex, docs, ndocs, &claims);
  for (i = 0; i < claims.nwarnings; i++)
    nc_msg_warn("%s", claims.warnings[i]);
  warn_rule_limits(kit.rules);
  nc_compare(&claims, &findings);
  rep.docs = docs;
  rep.ndocs = ndocs;
  rep.claims = &claims;
  rep.findings = &findings;
  rep.errors = sources.errors;
  rep.nerrors = sources.nerrors;

  if (o.expect && o.update) {
    struct nc_error err;
    nc_error_clear(&err);
    if (sources.nerrors) {
      nc_msg_error("not updating %s: %zu input%s failed", o.expect,
                   sources.nerrors, sources.nerrors == 1 ? "" : "s");
      rc = NC_EXIT_ERROR;
    } else if (nc_fixture_write(o.expect, &rep, &err) != NC_OK) {
      nc_msg_nc_error(&err);
      rc = NC_EXIT_ERROR;
    } else {
      printf("updated %s (%zu findings)\n", o.expect, findings.n);
    }
  } else if (o.expect) {
    struct nc_error err;
    bool drift = false;
    nc_error_clear(&err);
    if (nc_fixture_check(o.expect, &rep, stdout, &drift, &err) != NC_OK) {
      nc_msg_nc_error(&err);
      rc = NC_EXIT_ERROR;
    } else if (drift) {
      rc = NC_EXIT_DRIFT;
    } else {
      printf("%s: the %zu findings match\n", o.expect, findings.n);
    }
    if (rc == NC_EXIT_OK && sources.nerrors)
      rc = NC_EXIT_ERROR;
  } else {
    if (o.json) {
      char *s = nc_report_json(&rep);
      fputs(s, stdout);
      free(s);
    } else {
      bool colour = o.colour < 0 ? nc_cli_colour(stdout) : o.colour == 1;
      nc_report_text(stdout, &rep, colour);
    }
    if (sources.nerrors)
      rc = NC_EXIT_ERROR;
    else if (o.fail_conflict)
      for (i = 0; i < findings.n; i++)
        if (findings.items[i].status == NC_CONFLICT)
          rc = NC_EXIT_DRIFT;
  }

  nc_findings_free(&findings);
  nc_claims_free(&claims);
  for (i = 0; i < ndocs; i++)
    nc_doc_free(docs[i]);
  free(docs);
  nc_sources_free(&sources);
  nc_kit_free(&kit);
  return rc;
}

const struct nc_command nc_cmd_check = {
    NULL,
    "newscheck [OPTIONS] PATH...\n"
    "       newscheck --fetch MANIFEST [OPTIONS] [PATH...]\n"
    "       newscheck --expect FIXTURE [--update] PATH...\n"
    "       newscheck COMMAND [OPTIONS] ...",
    "Cross-check the claims of news articles (files, folders with a\n"
    "sources.json manifest, or - for standard input): where the sources\n"
    "agree, where they conflict, each value traced to its sentence",
    options, run};
