/* main_fetch.c: the newscheck-fetch program, which `newscheck fetch` and
 * `newscheck --fetch` run.  Kept apart so only it links libcurl. */
#include <stdio.h>

#include "cli.h"
#include "msg.h"

int main(int argc, char **argv)
{
  int rc = nc_cmd_fetch.run(&nc_cmd_fetch, argc, argv);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    nc_msg_error("write error on standard output");
    rc = NC_EXIT_ERROR;
  }
  return rc;
}
