/* report_doc.c: takes one document (from html.c or document.c) and
 * produces the `text` command's output: the article body as paragraphs
 * of plain text, or one JSON line with the page metadata and the typed
 * blocks with their byte offsets. */
#include "report_doc.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

/* Block kinds that make up the article body in the plain-text view. */
static int is_body_kind(enum nc_block_kind k)
{
  return k == NC_BLOCK_BODY || k == NC_BLOCK_QUOTE;
}

void nc_report_doc_text(FILE *out, const struct nc_doc *doc)
{
  size_t i;
  int first = 1;

  if (!doc)
    return;
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];

    if (!is_body_kind(b->kind) || b->len == 0)
      continue;
    if (!first)
      fputc('\n', out);
    fwrite(b->text, 1, b->len, out);
    fputc('\n', out);
    first = 0;
  }
}

/* Add `s` under `name`, or null when `s` is NULL. */
static void add_str(cJSON *obj, const char *name, const char *s)
{
  if (s)
    cJSON_AddStringToObject(obj, name, s);
  else
    cJSON_AddNullToObject(obj, name);
}

void nc_report_doc_json(FILE *out, const struct nc_doc *doc)
{
  cJSON *root, *blocks;
  char day[16];
  char *line;
  size_t i;

  if (!doc)
    return;
  root = cJSON_CreateObject();
  add_str(root, "file", doc->path);
  add_str(root, "id", doc->id);
  add_str(root, "title", doc->title);
  add_str(root, "byline", doc->byline);
  if (doc->has_published) {
    nc_date_format(doc->published, day, sizeof day);
    cJSON_AddStringToObject(root, "published", day);
  } else {
    add_str(root, "published", doc->date_meta);
  }
  add_str(root, "canonical", doc->canonical);
  add_str(root, "site_name", doc->site_name);
  add_str(root, "language", doc->lang);
  blocks = cJSON_AddArrayToObject(root, "blocks");
  for (i = 0; i < doc->nblocks; i++) {
    const struct nc_block *b = &doc->blocks[i];
    cJSON *o;
    char *text;

    if (b->kind == NC_BLOCK_BOILERPLATE)
      continue;
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", nc_block_kind_str(b->kind));
    /* plain-text blocks are not NUL-terminated: copy */
    text = xstrndup(b->text, b->len);
    cJSON_AddStringToObject(o, "text", text);
    free(text);
    cJSON_AddNumberToObject(o, "start", (double)b->start);
    cJSON_AddNumberToObject(o, "end", (double)b->end);
    cJSON_AddItemToArray(blocks, o);
  }
  line = cJSON_PrintUnformatted(root);
  if (line) {
    fputs(line, out);
    fputc('\n', out);
    cJSON_free(line);
  }
  cJSON_Delete(root);
}
