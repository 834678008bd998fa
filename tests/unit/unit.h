/* unit.h - what the unit-test runners share: counting checks, reading a
 * whole file, a reproducible random sequence.  Each runner ends with
 * "N passed, N failed". */
#ifndef ZSM_UNIT_H
#define ZSM_UNIT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int passed, failed;
static const char *check_where; /* printed before a failure's message when set */

static inline void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Counts a check; prints the first 50 failures. */
static inline void check(int ok, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 50) {
        va_list ap;
        va_start(ap, fmt);
        if (check_where)
            printf("%s: ", check_where);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
    }
}

/* The whole file, NUL-terminated (*len without the NUL); NULL when it
 * cannot be read. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0)
        if ((n += r) == cap - 1) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    int bad = ferror(f);
    fclose(f);
    if (buf && bad) {
        free(buf);
        buf = NULL;
    }
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* xorshift64: the same sequence at every run, for random cases. */
static uint64_t rng = 88172645463325252ull;

static inline uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

#endif
