/* cli.c: the command table, option parsing built from each command's
 * option rows (getopt_long), --help generated from the same rows, and the
 * loading of the data every extracting command needs. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "msg.h"

/* `newscheck fetch` runs the newscheck-fetch program beside this one (as
 * git runs git-<command>): only it links libcurl, whose start-up (TLS and
 * PKCS#11 set-up in its dependencies) would otherwise cost every
 * cross-check several milliseconds. */
bool nc_cli_fetch_path(char *buf, size_t size)
{
  ssize_t n = readlink("/proc/self/exe", buf, size - 1);
  char *slash;
  const char *name = "/newscheck-fetch";

  if (n <= 0 || (size_t)n >= size - 1)
    return false;
  buf[n] = '\0';
  slash = strrchr(buf, '/');
  if (!slash || (size_t)(slash - buf) + strlen(name) + 1 > size)
    return false;
  memcpy(slash, name, strlen(name) + 1);
  return access(buf, X_OK) == 0;
}

static int run_fetch(const struct nc_command *cmd, int argc, char **argv)
{
  char path[4096];
  (void)argc;
  if (!nc_cli_fetch_path(path, sizeof path)) {
    nc_msg_error("%s: cannot find the newscheck-fetch program beside "
                 "newscheck",
                 cmd->name);
    return NC_EXIT_ERROR;
  }
  fflush(stdout);
  execv(path, argv);
  nc_msg_error("cannot run %s: %s", path, strerror(errno));
  return NC_EXIT_ERROR;
}

int nc_cli_spawn_fetch(char *const *argv)
{
  char path[4096];
  pid_t pid;
  int status;

  if (!nc_cli_fetch_path(path, sizeof path)) {
    nc_msg_error("cannot find the newscheck-fetch program beside newscheck");
    return NC_EXIT_ERROR;
  }
  fflush(stdout);
  pid = fork();
  if (pid < 0) {
    nc_msg_error("cannot start %s: %s", path, strerror(errno));
    return NC_EXIT_ERROR;
  }
  if (pid == 0) {
    execv(path, argv);
    _exit(127);
  }
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return NC_EXIT_ERROR;
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
    return NC_EXIT_ERROR;
  return WEXITSTATUS(status);
}

static const struct nc_option no_options[] = {
    {NULL, 0, NC_ARG_NONE, 0, NULL, NULL}};

static const struct nc_command fetch_command = {
    "fetch", "newscheck fetch [OPTIONS] MANIFEST",
    "download the pages a manifest lists (newscheck fetch --help)",
    no_options, run_fetch};

static const struct nc_command *const commands[] = {
    &fetch_command, &nc_cmd_text, &nc_cmd_extract, NULL};

bool nc_cli_colour(FILE *f)
{
  const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
  if (nc && nc[0])
    return false;
  if (term && strcmp(term, "dumb") == 0)
    return false;
  return isatty(fileno(f)) != 0;
}

const char *nc_cli_datadir(void)
{
  const char *d = getenv("NEWSCHECK_DATA");
  return d && d[0] ? d : NC_DATADIR;
}

void nc_cli_help(const struct nc_command *cmd, FILE *out)
{
  const struct nc_option *o;
  size_t i;

  fprintf(out, "Usage: %s\n%s.\n", cmd->usage, cmd->summary);
  if (!cmd->name) {
    fprintf(out, "\nCommands:\n");
    for (i = 0; commands[i]; i++)
      fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
  }
  fprintf(out, "\nOptions:\n");
  for (o = cmd->options; o->name; o++) {
    char left[64], flag[8] = "    ";
    if (o->letter)
      snprintf(flag, sizeof flag, "-%c, ", o->letter);
    if (o->arg == NC_ARG_NONE)
      snprintf(left, sizeof left, "%s--%s", flag, o->name);
    else
      snprintf(left, sizeof left, "%s--%s %s", flag, o->name,
               o->metavar ? o->metavar : "ARG");
    fprintf(out, "  %-28s %s\n", left, o->help);
  }
  fprintf(out, "  %-28s %s\n", "-h, --help", "show this help and exit");
  if (!cmd->name)
    fprintf(out, "  %-28s %s\n", "    --version",
            "show the version and exit");
  if (!cmd->name)
    fprintf(out, "\nExit status: 0 success; 1 fixture drift (or conflicts "
                 "with --fail-on-conflict);\n2 usage error or an input that "
                 "could not be read.  See newscheck(1).\n");
  else
    fprintf(out, "\nExit status: 0 success; 2 usage error, or a file or "
                 "source that failed.\n");
}

bool nc_cli_long(const struct nc_command *cmd, const char *opt,
                 const char *arg, long min, long max, long *out)
{
  char *end;
  long v;

  if (!arg || !*arg)
    goto bad;
  v = strtol(arg, &end, 10);
  if (*end != '\0' || end == arg)
    goto bad;
  if (v < min || v > max) {
    nc_msg_usage(cmd->name, "--%s: %s is out of range (%ld to %ld)", opt,
                 arg, min, max);
    return false;
  }
  *out = v;
  return true;
bad:
  nc_msg_usage(cmd->name, "--%s: '%s' is not a whole number", opt,
               arg ? arg : "");
  return false;
}

int nc_cli_parse(const struct nc_command *cmd, int argc, char **argv,
                 nc_option_fn fn, void *ctx, int *exit_code)
{
  struct option lo[64];
  char shortopts[160];
  size_t n = 0, sp = 0;
  const struct nc_option *o;
  int c, idx;

  shortopts[sp++] = ':'; /* report a missing argument as ':' */
  for (o = cmd->options; o->name && n < 60; o++, n++) {
    lo[n].name = o->name;
    lo[n].has_arg = o->arg == NC_ARG_NONE ? no_argument : required_argument;
    lo[n].flag = NULL;
    lo[n].val = 256 + (int)n;
    if (o->letter && sp + 3 < sizeof shortopts) {
      shortopts[sp++] = (char)o->letter;
      if (o->arg != NC_ARG_NONE)
        shortopts[sp++] = ':';
    }
  }
  lo[n].name = "help";
  lo[n].has_arg = no_argument;
  lo[n].flag = NULL;
  lo[n].val = 'h';
  n++;
  memset(&lo[n], 0, sizeof lo[n]);
  shortopts[sp++] = 'h';
  shortopts[sp] = '\0';

  optind = 0; /* full reinitialisation in glibc */
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, lo, &idx)) != -1) {
    const struct nc_option *opt = NULL;
    int rc;
    if (c == 'h') {
      nc_cli_help(cmd, stdout);
      *exit_code = NC_EXIT_OK;
      return -1;
    }
    if (c == '?' || c == ':') {
      const char *bad = argv[optind - 1];
      if (c == ':')
        nc_msg_usage(cmd->name, "option '%s' needs an argument", bad);
      else if (optopt)
        nc_msg_usage(cmd->name, "unknown option '-%c'", optopt);
      else
        nc_msg_usage(cmd->name, "unknown option '%s'", bad);
      *exit_code = NC_EXIT_ERROR;
      return -1;
    }
    if (c >= 256) {
      opt = &cmd->options[c - 256];
    } else {
      for (o = cmd->options; o->name; o++)
        if (o->letter == c)
          opt = o;
    }
    if (!opt)
      continue;
    if (opt->arg == NC_ARG_DATE) {
      struct nc_date dt;
      if (!nc_date_parse(optarg, &dt)) {
        nc_msg_usage(cmd->name, "--%s: '%s' is not a date (YYYY-MM-DD)",
                     opt->name, optarg);
        *exit_code = NC_EXIT_ERROR;
        return -1;
      }
    } else if (opt->arg == NC_ARG_INT) {
      long v;
      if (!nc_cli_long(cmd, opt->name, optarg, LONG_MIN, LONG_MAX, &v)) {
        *exit_code = NC_EXIT_ERROR;
        return -1;
      }
    }
    rc = fn(ctx, opt, optarg);
    if (rc != 0) {
      *exit_code = rc;
      return -1;
    }
  }
  return optind;
}

/* The JSON trees of the data files, while the kit loads, come from one
 * arena freed at once: each file is parsed, read into the kit's own
 * structures and deleted, and the thousands of small nodes cost more to
 * allocate and free one by one (cJSON_Delete alone was a fifth of the
 * load) than to parse.  cJSON's hooks are global: they are set for the
 * load only (then back to malloc and free, as cJSON cannot tell what they
 * were), and no tree outlives it. */
static struct nc_arena json_arena = {NULL, NULL, 0, (size_t)128 << 10};

static void *arena_alloc(size_t n)
{
  return nc_arena_alloc(&json_arena, n);
}

static void arena_keep(void *p)
{
  (void)p; /* freed with the arena */
}

static void arena_begin(void)
{
  cJSON_Hooks hooks = {arena_alloc, arena_keep};
  cJSON_InitHooks(&hooks);
}

static void arena_end(void)
{
  cJSON_InitHooks(NULL);
  nc_arena_free(&json_arena);
}

bool nc_kit_load(struct nc_kit *kit, const char *datadir)
{
  struct nc_buf lexdir = {0}, ruledir = {0};
  struct nc_error err;
  bool ok = false;

  memset(kit, 0, sizeof *kit);
  nc_error_clear(&err);
  arena_begin();
  nc_buf_printf(&lexdir, "%s/lexicon", datadir);
  nc_buf_printf(&ruledir, "%s/rules", datadir);
  if (nc_lexicon_load(lexdir.data, &kit->lex, &err) != NC_OK ||
      nc_abbrevs_load(lexdir.data, &kit->abbrevs, &err) != NC_OK ||
      nc_rules_load(ruledir.data, &kit->rules, &err) != NC_OK) {
    arena_end();
    nc_msg_nc_error(&err);
    nc_kit_free(kit);
    goto cleanup;
  }
  arena_end();
  kit->ex.lex = kit->lex;
  kit->ex.abbrevs = kit->abbrevs;
  kit->ex.rules = kit->rules;
  ok = true;
cleanup:
  nc_buf_free(&lexdir);
  nc_buf_free(&ruledir);
  return ok;
}

void nc_kit_free(struct nc_kit *kit)
{
  nc_rules_free(kit->rules);
  nc_abbrevs_free(kit->abbrevs);
  nc_lexicon_free(kit->lex);
  memset(kit, 0, sizeof *kit);
}

int nc_cli_main(int argc, char **argv)
{
  size_t i;

  if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
    printf("newscheck %s\n", NC_VERSION);
    return NC_EXIT_OK;
  }
  if (argc >= 2)
    for (i = 0; commands[i]; i++)
      if (strcmp(argv[1], commands[i]->name) == 0)
        return commands[i]->run(commands[i], argc - 1, argv + 1);
  return nc_cmd_check.run(&nc_cmd_check, argc, argv);
}
