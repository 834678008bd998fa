/* zsm_regex.c - a compiled pattern's life (zsm_regex.h): made around
 * PCRE2's code, JIT-compiled once matched often enough, freed. */
#include "zsm_regex.h"

#include <pthread.h>
#include <stdlib.h>

zsmp_regex *zsmp_regex_new(pcre2_code *code, int jit)
{
    zsmp_regex *re = malloc(sizeof *re);
    if (!re)
        return NULL;
    re->code = code;
    atomic_init(&re->jit_done, !jit); /* the JIT compile when matched often enough */
    atomic_init(&re->spent, 0);
    return re;
}

/* One lock for all patterns: a run compiles a few dozen.  JIT is an
 * optimisation: where it fails (no JIT on this CPU) the interpreter
 * matches. */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

void zsmp_regex_jit(zsmp_regex *re)
{
    pthread_mutex_lock(&jit_lock);
    if (!atomic_load_explicit(&re->jit_done, memory_order_relaxed)) {
        pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
        atomic_store_explicit(&re->jit_done, 1, memory_order_release);
    }
    pthread_mutex_unlock(&jit_lock);
}

void zsmp_regex_free(void *pattern)
{
    zsmp_regex *re = pattern;
    if (!re)
        return;
    pcre2_code_free(re->code);
    free(re);
}
