/* msg.c: the only writer to stderr.  Errors, warnings, usage hints and the
 * fetch progress line all come through these functions. */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
  fputs(prefix, stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void nc_msg_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vmsg("newscheck: error: ", fmt, ap);
  va_end(ap);
}

void nc_msg_warn(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vmsg("newscheck: warning: ", fmt, ap);
  va_end(ap);
}

void nc_msg_usage(const char *command, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vmsg("newscheck: error: ", fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try 'newscheck %s%s--help' for more information.\n",
          command ? command : "", command ? " " : "");
}

void nc_msg_nc_error(const struct nc_error *err)
{
  if (err->file[0] && err->line > 0)
    nc_msg_error("%s:%ld: %s", err->file, err->line, err->msg);
  else if (err->file[0])
    nc_msg_error("%s: %s", err->file, err->msg);
  else
    nc_msg_error("%s", err->msg);
}

static int progress_shown;

void nc_msg_progress(const char *fmt, ...)
{
  va_list ap;
  fputs("\r\033[K", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fflush(stderr);
  progress_shown = 1;
}

void nc_msg_progress_end(void)
{
  if (progress_shown)
    fputc('\n', stderr);
  progress_shown = 0;
}
