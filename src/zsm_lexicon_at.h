/* zsm_lexicon_at.h - does a lexicon word start exactly here?  Asked a
 * quarter of a million times a MB, at places that mostly begin no word of
 * the entry: one byte of the class index says so inline, without a call.
 * Apart from zsm_internal.h so that the header every stage includes does
 * not reach into the lexicon's file (zsmp_lex_try_at does the rest). */
#ifndef ZSM_LEXICON_AT_H
#define ZSM_LEXICON_AT_H

#include "zsm_internal.h"

/* Does a word of entry `id` start exactly at a (within [a, b))?  Its end
 * into *end (may be NULL). */
static inline int zsmp_lex_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *end)
{
    if (a < b && !zsmp_starts_may(&lk->starts, &lk->lex->entry[id].first, a))
        return 0;
    return zsmp_lex_try_at(lk, id, a, b, end);
}

#endif
