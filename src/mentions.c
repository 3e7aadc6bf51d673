/* mentions.c: runs the recognizers (values in numbers.c/dates.c, names in
 * entities.c) over a sentence and merges their output into one sorted
 * list without overlaps, the longest mention winning. */
#include "newscheck/mentions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "mentions_int.h"

struct nc_mention *nc_mentions_push(struct nc_mentions *out,
                                    enum nc_mention_type type, size_t start,
                                    size_t end)
{
  static const struct nc_mention zero;
  struct nc_mention *m;

  if (out->n == out->cap)
    nc_grow(&out->items, &out->cap, out->n + 1, sizeof *m);
  m = &out->items[out->n++];
  /* copied from a zero mention: compilers copy it with a few wide moves,
   * where a memset became a string instruction that takes a step per
   * eight bytes */
  *m = zero;
  m->type = type;
  m->start = start;
  m->end = end;
  return m;
}

static void mention_release(struct nc_mention *m)
{
  if (m->type != NC_M_COUNTRY && m->type != NC_M_PERSON)
    return; /* the names share their memory with other types' values */
  if (!m->name_kept)
    free(m->name);
  free(m->title);
  free(m->country);
  m->name = m->title = m->country = NULL;
}

/* Sort by start, longer first at the same start; ties keep recognizer
 * order (entities after values), so the sort must be stable: merge sort
 * on indices would do, but an insertion sort is linear on the nearly
 * sorted output of the scanners. */
static int before(const struct nc_mention *a, const struct nc_mention *b)
{
  if (a->start != b->start)
    return a->start < b->start;
  return (a->end - a->start) > (b->end - b->start);
}

static void sort_mentions(struct nc_mention *v, size_t lo, size_t n)
{
  size_t i;
  for (i = lo + 1; i < n; i++) {
    struct nc_mention x;
    size_t j = i;
    if (!before(&v[i], &v[i - 1]))
      continue; /* in order already: most are */
    x = v[i];
    while (j > lo && before(&x, &v[j - 1])) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
}

void nc_mentions_find(const struct nc_lexicon *lex, const char *text,
                      size_t len, const struct nc_mention_ctx *ctx,
                      struct nc_mentions *out)
{
  size_t first = out->n, i, kept;
  size_t last_end = 0;

  nc_values_find(lex->num, text, len, ctx, out);
  nc_entities_find(lex->ent, text, len, out);
  sort_mentions(out->items, first, out->n);
  /* Drop mentions that overlap one already kept.  A person span (title +
   * name) may contain a country qualifier ("U.S. President X"): the person
   * wins, as it starts first and is longer. */
  kept = first;
  for (i = first; i < out->n; i++) {
    struct nc_mention *m = &out->items[i];
    if (kept > first && m->start < last_end) {
      mention_release(m);
      continue;
    }
    last_end = m->end;
    if (kept != i)
      out->items[kept] = *m;
    kept++;
  }
  out->n = kept;
}

/* Bytes of text per mention the list of a document is first given room
 * for: news has one per 80 to 160 bytes (values and names, overlaps
 * dropped; the built-in articles and 88 news pages).  Not more room: with
 * nc_grow's doubling, one per 32 bytes made the list of 8.4 MB of text
 * 32 MiB, glibc's mmap threshold (heap.c), and a block that large gets a
 * mapping of its own, without huge pages, faulted in 4 KiB at a time
 * (about 1,300 page faults more for 10 MB of text). */
#define MENTION_BYTES 64

void nc_mentions_find_sentence(const struct nc_lexicon *lex,
                               const struct nc_doc *doc,
                               const struct nc_sentence *s,
                               struct nc_mentions *out)
{
  const struct nc_block *b = &doc->blocks[s->block];
  struct nc_mention_ctx ctx;
  size_t first = out->n, i;

  if (out->cap == 0) {
    /* The first sentence into an empty list, which then gathers those of
     * the whole document (nc_claim_input_build): room for a mention per
     * MENTION_BYTES bytes of its text at once, past what news holds, so
     * that the list is not copied at each doubling (near half the work
     * of nc_mentions_push).  Pages of the room never written are never
     * touched; a denser text grows the list by doubling from there. */
    size_t bytes = 0, k;
    for (k = 0; k < doc->nblocks; k++)
      bytes += doc->blocks[k].len;
    nc_grow(&out->items, &out->cap, bytes / MENTION_BYTES + 1,
            sizeof *out->items);
  }
  ctx.ref = doc->published;
  ctx.has_ref = doc->has_published;
  nc_mentions_find(lex, b->text + s->start, s->end - s->start, &ctx, out);
  for (i = first; i < out->n; i++) {
    out->items[i].start += s->start;
    out->items[i].end += s->start;
  }
}

const char *nc_mention_type_str(enum nc_mention_type t)
{
  switch (t) {
  case NC_M_NUMBER: return "number";
  case NC_M_ORDINAL: return "ordinal";
  case NC_M_PERCENT: return "percent";
  case NC_M_MONEY: return "money";
  case NC_M_DATE: return "date";
  case NC_M_DURATION: return "duration";
  case NC_M_COUNTRY: return "country";
  case NC_M_PERSON: return "person";
  case NC_M_VAGUE: return "vague";
  }
  return "unknown";
}

const char *nc_approx_str(enum nc_approx a)
{
  switch (a) {
  case NC_APPROX_NONE: return NULL;
  case NC_APPROX_ABOUT: return "about";
  case NC_APPROX_MORE_THAN: return "more_than";
  case NC_APPROX_LESS_THAN: return "less_than";
  case NC_APPROX_AT_LEAST: return "at_least";
  case NC_APPROX_AT_MOST: return "at_most";
  case NC_APPROX_RANGE: return "range";
  }
  return NULL;
}

void nc_mention_date_str(const struct nc_mention *m, char *buf, size_t size)
{
  switch (m->prec) {
  case NC_PREC_DAY:
    nc_date_format(m->date, buf, size);
    break;
  case NC_PREC_MONTH:
    snprintf(buf, size, "%04d-%02d", m->date.y, m->date.m);
    break;
  case NC_PREC_YEAR:
  case NC_PREC_DECADE:
    snprintf(buf, size, "%04d", m->date.y);
    break;
  }
}

const char *nc_lexicon_country(const struct nc_lexicon *lex,
                               const char *word, size_t len)
{
  return nc_entlex_country(lex->ent, word, len);
}

void nc_mentions_clear(struct nc_mentions *m)
{
  size_t i;
  for (i = 0; i < m->n; i++)
    mention_release(&m->items[i]);
  m->n = 0;
}

void nc_mentions_free(struct nc_mentions *m)
{
  nc_mentions_clear(m);
  free(m->items);
  m->items = NULL;
  m->cap = 0;
}
