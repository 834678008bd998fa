/* zsm_grow.h - the test of a growable array's room, inline: asked at every
 * item pushed, it was a call each time.  Apart from zsm_internal.h so that
 * the header every stage includes does not call into zsm_error.c (which
 * defines zsmp_grow_to and includes that header). */
#ifndef ZSM_GROW_H
#define ZSM_GROW_H

#include "zsm_internal.h"

/* zsmp_grow_to(), called only where *cap is short of `need`. */
static inline int zsmp_grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap ? 0 : zsmp_grow_to(ptr, cap, need, elem);
}

#endif
