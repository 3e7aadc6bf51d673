/* cli_text.c: the `text` command.  Prints the article text extracted from
 * each file (HTML through the extractor, plain text through the block
 * classifier), as plain paragraphs or one JSON object per file. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "report_doc.h"

enum { OPT_JSON, OPT_CHARSET };

static const struct nc_option options[] = {
    {"json", 'j', NC_ARG_NONE, OPT_JSON, NULL,
     "one JSON object per line and file: metadata and blocks with offsets"},
    {"charset", 0, NC_ARG_STRING, OPT_CHARSET, "NAME",
     "charset of HTML input that does not declare one"},
    {NULL, 0, NC_ARG_NONE, 0, NULL, NULL}};

struct opts {
  bool json;
  const char *charset;
};

static int on_option(void *ctx, const struct nc_option *opt,
                     const char *arg)
{
  struct opts *o = ctx;
  if (opt->id == OPT_JSON)
    o->json = true;
  else if (opt->id == OPT_CHARSET)
    o->charset = arg;
  return 0;
}

static int run(const struct nc_command *cmd, int argc, char **argv)
{
  struct opts o = {false, NULL};
  int rc = NC_EXIT_OK, first, i;

  first = nc_cli_parse(cmd, argc, argv, on_option, &o, &rc);
  if (first < 0)
    return rc;
  if (first >= argc) {
    nc_msg_usage(cmd->name, "no input file (use - for standard input)");
    return NC_EXIT_ERROR;
  }
  for (i = first; i < argc; i++) {
    struct nc_source src;
    struct nc_doc *doc = NULL;
    struct nc_error err;
    char *id = NULL;
    const char *base = strrchr(argv[i], '/');

    memset(&src, 0, sizeof src);
    nc_error_clear(&err);
    base = base ? base + 1 : argv[i];
    id = xstrdup(base);
    src.id = id;
    src.path = argv[i];
    src.charset = (char *)o.charset;
    if (nc_doc_load(&src, &doc, &err) != NC_OK) {
      nc_msg_nc_error(&err);
      rc = NC_EXIT_ERROR;
      free(id);
      continue;
    }
    if (o.json) {
      nc_report_doc_json(stdout, doc);
    } else {
      if (i > first)
        fputs("\n", stdout);
      nc_report_doc_text(stdout, doc);
    }
    nc_doc_free(doc);
    free(id);
  }
  return rc;
}

const struct nc_command nc_cmd_text = {
    "text", "newscheck text [OPTIONS] FILE...",
    "print the article text (and with --json its metadata and blocks) of "
    "each file",
    options, run};
