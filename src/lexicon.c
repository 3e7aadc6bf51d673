/* lexicon.c: loads the word lists of data/lexicon once, for the value
 * recognizers (numbers.c, dates.c) and the name recognizer (entities.c). */
#include "newscheck/mentions.h"

#include <stdlib.h>

#include "lexicon.h"

enum nc_status nc_lexicon_load(const char *dir, struct nc_lexicon **out,
                               struct nc_error *err)
{
  struct nc_lexicon *lex = xcalloc(1, sizeof *lex);
  enum nc_status st;

  st = nc_numlex_load(dir, &lex->num, err);
  if (st == NC_OK)
    st = nc_entlex_load(dir, &lex->ent, err);
  if (st != NC_OK) {
    nc_lexicon_free(lex);
    return st;
  }
  *out = lex;
  return NC_OK;
}

void nc_lexicon_free(struct nc_lexicon *lex)
{
  if (!lex)
    return;
  nc_numlex_free(lex->num);
  nc_entlex_free(lex->ent);
  free(lex);
}
