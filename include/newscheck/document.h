/* document.h: one input article as typed blocks of text (headline, deck,
 * body, caption, quote, boilerplate), each traceable to byte offsets in the
 * input.  Plain text is read by document.c, HTML by html.c. */
#ifndef NC_DOCUMENT_H
#define NC_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "newscheck/source.h"
#include "newscheck/status.h"
#include "newscheck/util.h"

enum nc_block_kind {
  NC_BLOCK_HEADLINE,
  NC_BLOCK_DECK,   /* standfirst / sub-headline */
  NC_BLOCK_BODY,   /* a paragraph of the story */
  NC_BLOCK_CAPTION,
  NC_BLOCK_QUOTE,  /* a block quote inside the article */
  NC_BLOCK_BOILERPLATE
};

/* A run of text.  For plain text `text` points into the document's input
 * and map is NULL, so input offset = start + i.  For HTML `text` is the
 * decoded text and map[i] is the input offset of text byte i. */
struct nc_block {
  enum nc_block_kind kind;
  const char *text;  /* len bytes, not NUL-terminated for plain text */
  size_t len;
  size_t start, end; /* byte range in the input, end exclusive */
  size_t *map;       /* NULL, or len+1 input offsets (owned by the doc) */
  char *owned;       /* text storage when not in the input (owned) */
};

/* A parsed article.  Owns everything it points to. */
struct nc_doc {
  char *id, *outlet, *url, *path, *title; /* title may be NULL */
  struct nc_date published;
  bool has_published;
  char *note;         /* remark carried to the report, or NULL */
  char *warning;      /* a limit met while reading it (for stderr), or
                         NULL */
  /* Page metadata found in HTML (NULL when absent or plain text). */
  char *byline;       /* author(s) */
  char *date_meta;    /* publication date/time as found in the page */
  char *canonical;    /* canonical url */
  char *site_name;    /* og:site_name or similar */
  char *lang;         /* language code from <html lang> or meta */
  char *input;        /* the raw input bytes (NUL-terminated) */
  size_t input_len;
  bool input_mapped;  /* input is the file mapped read-only
                         (nc_map_file), not a buffer to free */
  struct nc_block *blocks;
  size_t nblocks, cap;
};

/* Short lower-case name of a block kind ("headline", "body", ...). */
const char *nc_block_kind_str(enum nc_block_kind k);

/* True for the kinds that feed claims: headline, deck and body. */
bool nc_block_feeds_claims(enum nc_block_kind k);

/* Input byte offset of byte `i` of block `b`'s text (inline: the report
 * writers call it for every offset they print). */
static inline size_t nc_block_offset(const struct nc_block *b, size_t i)
{
  if (i > b->len)
    i = b->len;
  if (b->map)
    return b->map[i];
  return b->start + i;
}

/* Read the file of `src` and build a document: checks that it is not
 * empty, not binary (NUL bytes) and valid UTF-8 (after charset
 * conversion for HTML), then dispatches on the content (HTML when the file
 * name ends in .html/.htm or the text starts with markup).  The caller
 * frees *out with nc_doc_free.  On failure *out is untouched and err names
 * the file. */
enum nc_status nc_doc_load(const struct nc_source *src, struct nc_doc **out,
                           struct nc_error *err);

/* Build a document from plain text.  Takes ownership of `data` (len bytes,
 * NUL-terminated, allocated with malloc) even on failure. */
enum nc_status nc_doc_from_text(const struct nc_source *src, char *data,
                                size_t len, struct nc_doc **out,
                                struct nc_error *err);

/* Build a document from HTML (html.c).  Takes ownership of `data` even on
 * failure.  `charset` may be NULL (then <meta charset>, a BOM, or UTF-8). */
enum nc_status nc_doc_from_html(const struct nc_source *src, char *data,
                                size_t len, const char *charset,
                                struct nc_doc **out, struct nc_error *err);

/* Create an empty document for `src` around `input` (ownership moves). */
struct nc_doc *nc_doc_new(const struct nc_source *src, char *input,
                          size_t len);

/* Append a block; returns it so the caller can set map/owned. */
struct nc_block *nc_doc_add_block(struct nc_doc *doc,
                                  enum nc_block_kind kind, const char *text,
                                  size_t len, size_t start, size_t end);

/* Free a document and all it owns.  NULL does nothing. */
void nc_doc_free(struct nc_doc *doc);

#endif
