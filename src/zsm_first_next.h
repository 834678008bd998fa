/* zsm_first_next.h - the next place a set's match can begin, inline.
 * Asked 370 thousand times a MB, mostly over a few dozen bytes and mostly
 * in the block of the place last found for the same set: the answer is
 * read off that block's bits, kept for the set, and the scan is called only
 * past it.  Apart from zsm_internal.h so that the header every stage
 * includes does not call into zsm_first.c (which uses
 * zsmp_first_next_other itself). */
#ifndef ZSM_FIRST_NEXT_H
#define ZSM_FIRST_NEXT_H

#include "zsm_internal.h"

/* The first place in s[a, b) whose character may begin a match of f (a
 * when the set is unknown); b when there is none. */
static inline size_t zsmp_first_next(const zsmp_starts *st, const zsmp_first *f, size_t a, size_t b)
{
    if (!f->known)
        return a;
    if (!st->wide || f->slot < 0)
        return zsmp_first_next_other(st, f, a, b);
    if (a >= b)
        return b;
    /* The block holding a, from the bits kept for the slot if they are of
     * it; the blocks after it scanned. */
    size_t k = a / ZSMP_STARTS_BLOCK;
    const zsmp_block_bits *near = &st->near[f->slot];
    uint64_t bits = near->block == k ? near->bits : zsmp_first_block_bits(st, f->slot, k);
    bits &= ~(uint64_t)0 << (a % ZSMP_STARTS_BLOCK);
    if (bits) {
        size_t at = k * ZSMP_STARTS_BLOCK + (size_t)__builtin_ctzll(bits);
        return at < b ? at : b;
    }
    size_t next = (k + 1) * ZSMP_STARTS_BLOCK;
    return next < b ? zsmp_first_next_wide(st, f->slot, next, b) : b;
}

#endif
