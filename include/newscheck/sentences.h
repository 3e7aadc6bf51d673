/* sentences.h: the claim-feeding blocks of a document cut into sentences,
 * abbreviation-aware, with the spans of quoted speech marked. */
#ifndef NC_SENTENCES_H
#define NC_SENTENCES_H

#include <stdbool.h>
#include <stddef.h>

#include "newscheck/document.h"

/* A byte range inside a block's text, end exclusive. */
struct nc_span {
  size_t start, end;
};

/* One sentence: a byte range of one block's text. */
struct nc_sentence {
  size_t block;           /* index into doc->blocks */
  size_t start, end;      /* offsets in that block's text, end exclusive */
  struct nc_span *quotes; /* quoted spans (offsets in block text), owned */
  size_t nquotes;
};

/* All sentences of a document, in order. */
struct nc_sentences {
  struct nc_sentence *items;
  size_t n, cap;
  size_t cut; /* runs cut at the length limit (4 KiB, at a space) */
};

/* Abbreviations that do not end a sentence ("U.S.", "Nov.", "Mr.",
 * "No."), loaded from data/lexicon/abbreviations.json.  Opaque. */
struct nc_abbrevs;

/* Load `dir`/abbreviations.json.  Caller frees with nc_abbrevs_free.
 * Fails with NC_RULE naming the file and field when it is malformed. */
enum nc_status nc_abbrevs_load(const char *dir, struct nc_abbrevs **out,
                               struct nc_error *err);
void nc_abbrevs_free(struct nc_abbrevs *ab);

/* Split every block of `doc` whose kind feeds claims (headline, deck,
 * body) into sentences, appending to `out` (zero-initialised by the
 * caller).  Handles abbreviations (U.S., D.C., Nov., Mr., initials,
 * "No. 5"), decimals, ellipses and closing quotes/brackets after the
 * full stop. */
void nc_sentences_split(const struct nc_abbrevs *ab, const struct nc_doc *doc,
                        struct nc_sentences *out);

/* Split `len` bytes of `text` into sentences of block `block`, appending. */
void nc_sentences_split_text(const struct nc_abbrevs *ab, const char *text,
                             size_t len, size_t block,
                             struct nc_sentences *out);

/* True when block offset `off` lies inside quoted speech of sentence s. */
bool nc_sentence_quoted(const struct nc_sentence *s, size_t off);

/* Free what `s` owns (not the struct). */
void nc_sentences_free(struct nc_sentences *s);

#endif
