/* source.h: what to read.  Turns command-line paths (files, folders, "-")
 * and sources.json manifests into an ordered list of sources. */
#ifndef NC_SOURCE_H
#define NC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "newscheck/status.h"
#include "newscheck/util.h"

/* One article to read.  All strings are owned by the list; NULL when
 * unknown. */
struct nc_source {
  char *id;        /* document id: manifest id, or file name sans ext. */
  char *outlet;    /* publication name from the manifest */
  char *url;       /* address of the page */
  char *path;      /* file to read ("-" for stdin); NULL if none */
  char *published; /* "YYYY-MM-DD" */
  char *charset;   /* declared charset (fetch sidecar), or NULL */
  char *note;      /* a remark for the report (e.g. fetch fell back) */
};

/* A failure tied to one source; the rest of the run carries on. */
struct nc_source_error {
  char *source;  /* id or path of the source */
  char *message; /* human-readable; names the file */
  enum nc_status status;
};

/* Ordered sources plus the failures met while listing them. */
struct nc_source_list {
  struct nc_source *items;
  size_t n, cap;
  struct nc_source_error *errors;
  size_t nerrors, errcap;
};

/* Append to `list` the sources named by `path`:
 * - "-": standard input, id "stdin";
 * - a file: one source (.txt, .html, .htm, or anything given explicitly);
 * - a folder: its sources.json manifest when present, else every .txt,
 *   .html and .htm file below it (recursively, hidden entries skipped,
 *   sorted by name so the order is stable);
 * - a .json file shaped like sources.json: that manifest.
 * `default_date` ("YYYY-MM-DD" or NULL) is the published day of sources
 * that have none.  Problems with one path (missing, unreadable, bad
 * manifest) are added to list->errors and NC_OK is still returned;
 * duplicate ids get a numeric suffix. */
enum nc_status nc_sources_add_path(struct nc_source_list *list,
                                   const char *path,
                                   const char *default_date);

/* Read a manifest file into `list` (see nc_sources_add_path).  Relative
 * `file` fields are resolved against the manifest's folder. */
enum nc_status nc_sources_add_manifest(struct nc_source_list *list,
                                       const char *manifest_path,
                                       const char *default_date,
                                       struct nc_error *err);

/* Record a failure for `source` (copied). */
void nc_sources_add_error(struct nc_source_list *list, const char *source,
                          enum nc_status st, const char *message);

/* Free everything the list owns (not the struct itself). */
void nc_sources_free(struct nc_source_list *list);

#endif
