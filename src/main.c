/* main.c: set up the heap and the libraries once, dispatch to the
 * command, clean up, and turn a failed write to stdout into an error. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "heap.h"
#include "msg.h"

int main(int argc, char **argv)
{
  int rc;

  /* 64 MiB of address space, about what an extract of 10 MB of text
   * uses (see heap.c) */
  nc_heap_reserve((size_t)64 << 20);
  rc = nc_cli_main(argc, argv);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    nc_msg_error("write error on standard output");
    rc = NC_EXIT_ERROR;
  }
  return rc;
}
