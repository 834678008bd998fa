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

/* 数 几 上: the words that open a vague figure (数十亿, 几百万, 上亿).  With
 * the numerals, the characters a figure can begin with (the tokenizer's
 * places, a set of the class index: zsm_rules.figure_openers). */
enum { ZSMP_VAGUE_WORDS = 3 };
static const uint32_t zsmp_vague_words[ZSMP_VAGUE_WORDS] = {0x6570, 0x51E0, 0x4E0A};

static inline int zsmp_is_vague_word(uint32_t cp)
{
    for (int k = 0; k < ZSMP_VAGUE_WORDS; k++)
        if (cp == zsmp_vague_words[k])
            return 1;
    return 0;
}

#endif
