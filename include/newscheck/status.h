/* status.h: the one error vocabulary every stage of newscheck shares. */
#ifndef NC_STATUS_H
#define NC_STATUS_H

#include <stddef.h>

/* Result of any function that can fail.  Numbers never change. */
enum nc_status {
  NC_OK = 0,
  NC_USAGE,    /* bad command line or option value */
  NC_IO,       /* a file could not be read or written */
  NC_FETCH,    /* a download failed */
  NC_PARSE,    /* input that is not what it claims to be */
  NC_RULE,     /* a rule or lexicon file is wrong */
  NC_LIMIT,    /* input over a configured limit */
  NC_INTERNAL  /* a bug */
};

/* Details of a failure, filled by the function that failed.  `file` names
 * the input (empty when none), `line` is 0 when it does not apply. */
struct nc_error {
  enum nc_status status;
  char file[512];
  long line;
  char msg[512];
};

/* Short English name of a status ("I/O error"); never NULL. */
const char *nc_status_str(enum nc_status st);

/* Fill `err` (which may be NULL) and return `st`.  `file` may be NULL. */
enum nc_status nc_error_set(struct nc_error *err, enum nc_status st,
                            const char *file, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Reset `err` to "no error". */
void nc_error_clear(struct nc_error *err);

#endif
