/* zsm_regex.c - a pattern's life (zsm_regex.h): made around PCRE2's code
 * or its source, compiled at its first use when made lazily, JIT-compiled
 * once matched often enough, freed. */
#include "zsm_regex.h"

#include <stdlib.h>

static zsmp_regex *regex_new(pcre2_code *code, char *source, size_t len, int jit)
{
    zsmp_regex *re = malloc(sizeof *re);
    if (!re)
        return NULL;
    atomic_init(&re->code, code);
    atomic_init(&re->jit, NULL);
    re->source = source;
    re->source_len = len;
    atomic_init(&re->jit_claimed, !jit); /* the JIT compile when matched often enough */
    atomic_init(&re->spent, 0);
    return re;
}

zsmp_regex *zsmp_regex_new(pcre2_code *code, int jit)
{
    return regex_new(code, NULL, 0, jit);
}

zsmp_regex *zsmp_regex_new_lazy(char *source, size_t len, int jit)
{
    zsmp_regex *re = regex_new(NULL, source, len, jit);
    if (!re)
        free(source);
    return re;
}

pcre2_code *zsmp_regex_compile(zsmp_regex *re)
{
    pcre2_code *code = atomic_load_explicit(&re->code, memory_order_acquire);
    if (code || !re->source)
        return code;
    int errcode;
    PCRE2_SIZE erroff;
    code = pcre2_compile((PCRE2_SPTR)re->source, re->source_len, ZSMP_REGEX_OPTIONS, &errcode,
                         &erroff, NULL);
    pcre2_code *none = NULL;
    if (code && !atomic_compare_exchange_strong_explicit(
                    &re->code, &none, code, memory_order_acq_rel, memory_order_acquire)) {
        pcre2_code_free(code); /* another thread published its compile first */
        code = none;
    }
    return code;
}

/* JIT is an optimisation: where it fails (no JIT on this CPU) the
 * interpreter matches. */
pcre2_code *zsmp_regex_jit(zsmp_regex *re)
{
    pcre2_code *code = zsmp_regex_code(re);
    if (!code || atomic_exchange_explicit(&re->jit_claimed, 1, memory_order_relaxed))
        return atomic_load_explicit(&re->jit, memory_order_acquire);
    pcre2_code *copy = pcre2_code_copy(code);
    if (copy && pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(copy);
        copy = NULL;
    }
    atomic_store_explicit(&re->jit, copy, memory_order_release);
    return copy;
}

void zsmp_regex_free(void *pattern)
{
    zsmp_regex *re = pattern;
    if (!re)
        return;
    pcre2_code_free(atomic_load_explicit(&re->code, memory_order_relaxed));
    pcre2_code_free(atomic_load_explicit(&re->jit, memory_order_relaxed));
    free(re->source);
    free(re);
}
