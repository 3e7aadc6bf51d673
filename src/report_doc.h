/* report_doc.h: renders one extracted document for the `text` command:
 * the article body as plain text, or its metadata and blocks as one line
 * of JSON. */
#ifndef NC_REPORT_DOC_H
#define NC_REPORT_DOC_H

#include <stdio.h>

#include "newscheck/document.h"

/* Write the body and quote blocks of `doc` to `out` as plain text, one
 * paragraph per block, paragraphs separated by one blank line, ending in a
 * newline (nothing at all when the document has no such block).  Headline,
 * deck, captions and boilerplate are left out.  Write errors are left for
 * the caller to find with ferror(out). */
void nc_report_doc_text(FILE *out, const struct nc_doc *doc);

/* Write `doc` to `out` as one line of JSON followed by a newline:
 * {"file","id","title","byline","published","canonical","site_name",
 *  "language","blocks":[{"kind","text","start","end"}]}.  Absent values
 * are null; "published" is "YYYY-MM-DD" when known, else the date text
 * found in the page, else null.  Boilerplate blocks are left out; start
 * and end are byte offsets into the input, end exclusive. */
void nc_report_doc_json(FILE *out, const struct nc_doc *doc);

#endif
