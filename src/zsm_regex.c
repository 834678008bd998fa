/* zsm_regex.c - a pattern's life (zsm_regex.h): made around PCRE2's code
 * or its source, compiled at its first use when made lazily, JIT-compiled
 * once matched often enough, freed. */
#include "zsm_regex.h"

#include <pthread.h>
#include <stdlib.h>

static zsmp_regex *regex_new(pcre2_code *code, char *source, size_t len, int jit)
{
    zsmp_regex *re = malloc(sizeof *re);
    if (!re)
        return NULL;
    atomic_init(&re->code, code);
    re->source = source;
    re->source_len = len;
    atomic_init(&re->jit_done, !jit); /* the JIT compile when matched often enough */
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

/* One lock for all patterns: a run compiles a few dozen.  JIT is an
 * optimisation: where it fails (no JIT on this CPU) the interpreter
 * matches. */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

pcre2_code *zsmp_regex_compile(zsmp_regex *re)
{
    pthread_mutex_lock(&compile_lock);
    pcre2_code *code = atomic_load_explicit(&re->code, memory_order_relaxed);
    if (!code && re->source) {
        int errcode;
        PCRE2_SIZE erroff;
        code = pcre2_compile((PCRE2_SPTR)re->source, re->source_len, ZSMP_REGEX_OPTIONS, &errcode,
                             &erroff, NULL);
        if (code) {
            free(re->source);
            re->source = NULL;
            atomic_store_explicit(&re->code, code, memory_order_release);
        }
    }
    pthread_mutex_unlock(&compile_lock);
    return code;
}

void zsmp_regex_jit(zsmp_regex *re)
{
    pcre2_code *code = zsmp_regex_code(re);
    if (!code)
        return;
    pthread_mutex_lock(&compile_lock);
    if (!atomic_load_explicit(&re->jit_done, memory_order_relaxed)) {
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        atomic_store_explicit(&re->jit_done, 1, memory_order_release);
    }
    pthread_mutex_unlock(&compile_lock);
}

void zsmp_regex_free(void *pattern)
{
    zsmp_regex *re = pattern;
    if (!re)
        return;
    pcre2_code_free(atomic_load_explicit(&re->code, memory_order_relaxed));
    free(re->source);
    free(re);
}
