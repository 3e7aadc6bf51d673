/* lexicon.h: the parts of struct nc_lexicon, private to the mentions
 * stage (lexicon.c loads, mentions.c uses). */
#ifndef NC_LEXICON_H
#define NC_LEXICON_H

#include "mentions_int.h"

struct nc_lexicon {
  struct nc_numlex *num; /* value words: numbers.c */
  struct nc_entlex *ent; /* names: entities.c */
};

#endif
