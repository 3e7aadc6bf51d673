/* msg.h: every line newscheck writes to stderr goes through here, with the
 * prefixes "newscheck: error:" and "newscheck: warning:". */
#ifndef NC_MSG_H
#define NC_MSG_H

#include "newscheck/status.h"

/* "newscheck: error: MESSAGE" */
void nc_msg_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* "newscheck: warning: MESSAGE" */
void nc_msg_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A usage error: the message, then a line pointing to --help for
 * `command` (NULL for the main command). */
void nc_msg_usage(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Report a struct nc_error: "newscheck: error: FILE:LINE: MESSAGE". */
void nc_msg_nc_error(const struct nc_error *err);

/* A progress line on stderr, overwritten in place (\r).  Only call when
 * stderr is a terminal; nc_msg_progress_end() finishes the line. */
void nc_msg_progress(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void nc_msg_progress_end(void);

#endif
