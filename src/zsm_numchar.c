/* zsm_numchar.c - the numeral-character bitmap behind zsm_numchar.h: one
 * bit a BMP code point (8 KiB), built once from the numeral parser's own
 * classification (zsmp_numeral_char_classify), then read inline. */
#include "zsm_numchar.h"

#include "zsm_internal.h"

#include <pthread.h>

unsigned char zsmp_numeral_bmp[0x10000 / 8];
atomic_int zsmp_numeral_bmp_ready;
static pthread_once_t numeral_once = PTHREAD_ONCE_INIT;

static void build_numeral_bmp(void)
{
    uint32_t cand[ZSMP_NUMERAL_CANDIDATES];
    size_t n = zsmp_numeral_char_candidates(cand, ZSMP_NUMERAL_CANDIDATES);
    for (size_t i = 0; i < n; i++)
        if (cand[i] < 0x10000 && zsmp_numeral_char_classify(cand[i]))
            zsmp_numeral_bmp[cand[i] >> 3] |= (unsigned char)(1u << (cand[i] & 7));
    atomic_store_explicit(&zsmp_numeral_bmp_ready, 1, memory_order_release);
}

int zsmp_is_numeral_char_slow(uint32_t cp)
{
    if (cp >= 0x10000)
        return zsmp_numeral_char_classify(cp);
    pthread_once(&numeral_once, build_numeral_bmp);
    return (zsmp_numeral_bmp[cp >> 3] >> (cp & 7)) & 1;
}
