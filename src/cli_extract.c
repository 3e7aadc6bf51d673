/* cli_extract.c: the `extract` command.  Prints, as JSON Lines, every
 * mention found in an article (numbers, ordinals, percents, money, dates,
 * durations, countries, people) and then the claims built from them. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "newscheck/report.h"

enum { OPT_DATE, OPT_DATA };

static const struct nc_option options[] = {
    {"date", 'd', NC_ARG_DATE, OPT_DATE, "YYYY-MM-DD",
     "publication day, for relative dates (\"Thursday\", \"in two weeks\")"},
    {"data", 0, NC_ARG_STRING, OPT_DATA, "DIR",
     "read rules/ and lexicon/ from DIR"},
    {NULL, 0, NC_ARG_NONE, 0, NULL, NULL}};

struct opts {
  const char *date, *data;
};

static int on_option(void *ctx, const struct nc_option *opt,
                     const char *arg)
{
  struct opts *o = ctx;
  if (opt->id == OPT_DATE)
    o->date = arg;
  else
    o->data = arg;
  return 0;
}

/* At the end of a run the document, the data it was read with (lexicon,
 * abbreviations, rules), the mentions, the claims and the output buffer
 * are left to the operating system, which takes the whole heap back at
 * exit in one piece: freeing the tens of thousands of mentions, claims
 * and strings of a long article one by one took 6% of the command's time
 * on 4 MB of text, and the document and the data another 0.3% of its
 * instructions.  They stay reachable from `left` (volatile, so that the
 * store is kept), and leak checkers (valgrind, LeakSanitizer) count them
 * as memory in use at exit, not as leaks.  The program runs one command
 * per process (main.c), so nothing piles up. */
static void leave_to_exit(const struct nc_claim_input *in,
                          const struct nc_claims *claims,
                          const struct nc_kit *kit, const struct nc_buf *out)
{
  static struct left {
    struct nc_claim_input in; /* and through it the document */
    struct nc_claims claims;
    struct nc_kit kit;
    struct nc_buf out;
  } *volatile left;
  struct left *l = xmalloc(sizeof *l);

  l->in = *in;
  l->claims = *claims;
  l->kit = *kit;
  l->out = *out;
  left = l;
  (void)left; /* only stored: that is its use */
}

/* Records are gathered in a buffer and written in large pieces: stdio
 * passes each piece on in two writes (the rest of its own buffer, then the
 * bulk), so pieces of FLUSH_AT bytes make a few dozen system calls for
 * the megabytes of a long article, and still stay in the cache. */
enum { FLUSH_AT = 1 << 18 };

static void flush_out(struct nc_buf *out, bool all)
{
  if (out->len && (all || out->len >= FLUSH_AT)) {
    fwrite(out->data, 1, out->len, stdout);
    out->len = 0;
  }
}

static int run(const struct nc_command *cmd, int argc, char **argv)
{
  struct opts o = {NULL, NULL};
  struct nc_kit kit;
  struct nc_source src;
  struct nc_doc *doc = NULL;
  struct nc_error err;
  struct nc_claims claims = {0};
  struct nc_mentions ms = {0};
  struct nc_mention_ctx mctx;
  struct nc_claim_input in = {0};
  struct nc_buf out = {0};
  int rc = NC_EXIT_OK, first;
  size_t b, i, next = 0;

  first = nc_cli_parse(cmd, argc, argv, on_option, &o, &rc);
  if (first < 0)
    return rc;
  if (argc - first > 1) {
    nc_msg_usage(cmd->name, "give one file, or - for standard input");
    return NC_EXIT_ERROR;
  }
  memset(&src, 0, sizeof src);
  src.path = (char *)(first < argc ? argv[first] : "-");
  src.id = (char *)(strcmp(src.path, "-") == 0 ? "stdin" : src.path);
  src.published = (char *)o.date;
  if (!nc_kit_load(&kit, o.data ? o.data : nc_cli_datadir()))
    return NC_EXIT_ERROR;
  nc_error_clear(&err);
  if (nc_doc_load(&src, &doc, &err) != NC_OK) {
    nc_msg_nc_error(&err);
    nc_kit_free(&kit);
    return NC_EXIT_ERROR;
  }
  /* the buffer at its working size from the start: grown there by
   * doubling, it would be copied on the way */
  nc_grow(&out.data, &out.cap, 2 * FLUSH_AT, 1);
  out.data[0] = '\0';
  mctx.ref = doc->published;
  mctx.has_ref = doc->has_published;
  /* The sentences and mentions of the blocks that feed claims are found
   * once and serve both the mention lines and claim extraction; captions
   * and block quotes are read here only for their mention lines. */
  nc_claim_input_build(&kit.ex, doc, &in);
  for (b = 0; b < doc->nblocks; b++) {
    const struct nc_block *blk = &doc->blocks[b];
    struct nc_sentences ss = {0};
    size_t s;
    flush_out(&out, false);
    if (blk->kind == NC_BLOCK_BOILERPLATE)
      continue;
    if (nc_block_feeds_claims(blk->kind)) {
      /* sentences are in block order: print this block's */
      for (; next < in.sents.n && in.sents.items[next].block == b; next++) {
        for (i = in.first[next]; i < in.first[next + 1]; i++)
          nc_report_mention_line(&out, doc, blk, &in.ms.items[i]);
        flush_out(&out, false); /* a block may be the whole text */
      }
      continue;
    }
    nc_sentences_split_text(kit.abbrevs, blk->text, blk->len, b, &ss);
    for (s = 0; s < ss.n; s++) {
      const struct nc_sentence *st = &ss.items[s];
      nc_mentions_clear(&ms);
      nc_mentions_find(kit.lex, blk->text + st->start, st->end - st->start,
                       &mctx, &ms);
      for (i = 0; i < ms.n; i++) {
        ms.items[i].start += st->start;
        ms.items[i].end += st->start;
        nc_report_mention_line(&out, doc, blk, &ms.items[i]);
      }
      flush_out(&out, false);
    }
    nc_sentences_free(&ss);
  }
  nc_claims_extract_inputs(&kit.ex, &in, 1, &claims);
  /* in runs that fill the buffer to FLUSH_AT (the lines of a run share
   * what they repeat, as their document's name) */
  for (i = 0; i < claims.n;) {
    i += nc_report_claim_lines(&out, doc, claims.items + i, claims.n - i,
                               FLUSH_AT);
    flush_out(&out, false);
  }
  flush_out(&out, true);
  leave_to_exit(&in, &claims, &kit, &out);
  nc_mentions_free(&ms);
  return rc;
}

const struct nc_command nc_cmd_extract = {
    "extract", "newscheck extract [OPTIONS] [FILE|-]",
    "print the values, names and claims found in one article, as JSON Lines",
    options, run};
