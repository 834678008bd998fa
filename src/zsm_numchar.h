/* zsm_numchar.h - is a code point a numeral character?  The one definition
 * (zsm_numeral.c builds it), read inline: the tokenizer and the period scan
 * ask for every character of a text.  Apart from zsm_internal.h so that the
 * header's inline code does not reach into a stage's file. */
#ifndef ZSM_NUMCHAR_H
#define ZSM_NUMCHAR_H

#include <stdatomic.h>
#include <stdint.h>

/* One bit a BMP code point, valid once zsmp_numeral_bmp_ready is set. */
extern unsigned char zsmp_numeral_bmp[0x10000 / 8];
extern atomic_int zsmp_numeral_bmp_ready;
/* The same answer the slow way (the first call builds the bitmap). */
int zsmp_is_numeral_char_slow(uint32_t cp);

static inline int zsmp_is_numeral_char(uint32_t cp)
{
    if (cp < 0x10000 && atomic_load_explicit(&zsmp_numeral_bmp_ready, memory_order_acquire))
        return (zsmp_numeral_bmp[cp >> 3] >> (cp & 7)) & 1;
    return zsmp_is_numeral_char_slow(cp);
}

#endif
