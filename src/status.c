/* status.c: names of statuses and the filling of struct nc_error. */
#include "newscheck/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *nc_status_str(enum nc_status st)
{
  switch (st) {
  case NC_OK: return "success";
  case NC_USAGE: return "usage error";
  case NC_IO: return "I/O error";
  case NC_FETCH: return "fetch error";
  case NC_PARSE: return "parse error";
  case NC_RULE: return "rule error";
  case NC_LIMIT: return "limit exceeded";
  case NC_INTERNAL: return "internal error";
  }
  return "unknown error";
}

enum nc_status nc_error_set(struct nc_error *err, enum nc_status st,
                            const char *file, long line, const char *fmt, ...)
{
  va_list ap;

  if (!err)
    return st;
  err->status = st;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  err->line = line;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return st;
}

void nc_error_clear(struct nc_error *err)
{
  if (err)
    memset(err, 0, sizeof *err);
}
