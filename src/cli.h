/* cli.h: the command table and the option machinery shared by every
 * command.  Each command lives in its own cli_<name>.c with one static
 * option table, its run function and its help; cli.c parses options with
 * getopt_long built from those tables and prints --help from the same
 * rows. */
#ifndef NC_CLI_H
#define NC_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "newscheck/claims.h"

/* Exit statuses (never renumbered; documented in docs/newscheck.1). */
enum nc_exit {
  NC_EXIT_OK = 0,
  NC_EXIT_DRIFT = 1, /* fixture drift, or conflicts with --fail-on-conflict;
                        for fetch: not used */
  NC_EXIT_ERROR = 2  /* usage error or an input/source failed */
};

enum nc_arg_kind {
  NC_ARG_NONE,   /* a flag */
  NC_ARG_STRING, /* any text */
  NC_ARG_INT,    /* a decimal integer, range-checked by the command */
  NC_ARG_DATE    /* YYYY-MM-DD */
};

/* One option row: long name, short letter (0 for none), argument kind, the
 * id the command's handler receives, the argument's name in help, and the
 * one-line help text. */
struct nc_option {
  const char *name;
  int letter;
  enum nc_arg_kind arg;
  int id;
  const char *metavar;
  const char *help;
};

/* One command: name (NULL for the default cross-check), usage line,
 * one-line summary, option rows (ended by a row with name NULL), and the
 * function that runs it with the arguments after the command name.  The
 * run function returns an enum nc_exit value. */
struct nc_command {
  const char *name;
  const char *usage;
  const char *summary;
  const struct nc_option *options;
  int (*run)(const struct nc_command *cmd, int argc, char **argv);
};

/* Called for each option parsed; returns 0 to go on or an exit status to
 * stop (after printing its own message through msg.h). */
typedef int (*nc_option_fn)(void *ctx, const struct nc_option *opt,
                            const char *arg);

/* Parse argv[0..argc) (argv[0] is the command word) with getopt_long built
 * from cmd->options plus --help.  Handles --help (prints help to stdout,
 * returns -1 with *exit_code = 0) and usage errors (message + hint,
 * *exit_code = 2, returns -1).  Checks NC_ARG_INT and NC_ARG_DATE values.
 * On success returns the index of the first operand. */
int nc_cli_parse(const struct nc_command *cmd, int argc, char **argv,
                 nc_option_fn fn, void *ctx, int *exit_code);

/* Print the help of `cmd` to `out`, generated from its option rows. */
void nc_cli_help(const struct nc_command *cmd, FILE *out);

/* Parse a whole decimal integer in [min, max]; prints a usage error naming
 * `opt` and returns false otherwise. */
bool nc_cli_long(const struct nc_command *cmd, const char *opt,
                 const char *arg, long min, long max, long *out);

/* True when colour may be used on `f`: a terminal, NO_COLOR unset, TERM
 * not "dumb". */
bool nc_cli_colour(FILE *f);

/* The folder of data files (rules, lexicon): $NEWSCHECK_DATA, or the one
 * fixed at build time. */
const char *nc_cli_datadir(void);

/* The data every extracting command loads once: lexicon, abbreviations
 * and rules from the data folder. */
struct nc_kit {
  struct nc_lexicon *lex;
  struct nc_abbrevs *abbrevs;
  struct nc_rules *rules;
  struct nc_extractor ex;
};

/* Load the kit from `datadir` (lexicon/ and rules/ below it); prints the
 * error and returns false on failure. */
bool nc_kit_load(struct nc_kit *kit, const char *datadir);
void nc_kit_free(struct nc_kit *kit);

/* The commands, each defined in its cli_<name>.c. */
extern const struct nc_command nc_cmd_check;   /* the default cross-check */
extern const struct nc_command nc_cmd_fetch;   /* in newscheck-fetch */
extern const struct nc_command nc_cmd_text;
extern const struct nc_command nc_cmd_extract;

/* The path of the newscheck-fetch program beside the running binary;
 * false when it is not there. */
bool nc_cli_fetch_path(char *buf, size_t size);

/* Run newscheck-fetch with argv (argv[0] "fetch", NULL-terminated), wait
 * for it and return its exit status (2 when it cannot be run). */
int nc_cli_spawn_fetch(char *const *argv);

/* Entry point used by main.c: dispatch on argv[1]. */
int nc_cli_main(int argc, char **argv);

#endif
