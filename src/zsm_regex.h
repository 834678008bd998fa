/* zsm_regex.h - a compiled rule or lexicon pattern (zsm_pattern.c) and one
 * PCRE2 match of it over normalized text, for the stages that call PCRE2
 * (match, lexicon).
 *
 * A pattern is JIT-compiled when it has been matched often enough to pay
 * for the compile, not when the rules load: a run over one report reaches
 * a few dozen patterns, a compile costs about a million instructions, and a report of a few
 * kilobytes matches most of them a few dozen times - the interpreter's extra ten thousand
 * instructions a match cost less there (one report in its own process: 86 M instructions in all, 45
 * M of them JIT compiles).  Until then, or in a document so long that the compiles pay at once, a
 * match goes through the interpreter. The rules are shared between threads, and no thread waits
 * for another's compile: the JIT compiles a copy of the pattern's code, made by the one thread that
 * claims it, while the others go on matching the original through the interpreter, and the copy is
 * published with a release store (a thread matches through the JIT only after an acquire load has
 * seen it).  A pattern's first compile is published the same way; two threads that reach it at
 * once both compile it and the one that publishes second frees its own (-j2: both workers begin
 * with the same patterns, which one lock for all had made them compile one after the other).
 *
 * The built-in rules' patterns are compiled at all only at their first
 * match (or first question about their code): a run over one report
 * matches some 35 of the 316 (rules, their needs, lexicon entries whole and
 * anchored), and pcre2_compile() spent 19 M instructions on them all at
 * every start.  A rules file's are compiled as it loads, so
 * that a bad pattern is reported there; the built-in ones are checked by
 * the tests.
 *
 * The JIT's own entry point is called directly: pcre2_match() would check
 * its arguments and dispatch to the same code, some hundred instructions a
 * call, and these calls number hundreds of thousands a megabyte.  The text
 * is valid UTF-8 (zsmp_normalize writes it), which pcre2_jit_match()
 * requires; the match context's match limit still applies.  A pattern the
 * JIT could not compile (no JIT on this CPU), or compiled without it, is
 * matched by the interpreter. */
#ifndef ZSM_REGEX_H
#define ZSM_REGEX_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* The options every pattern is compiled with. */
#define ZSMP_REGEX_OPTIONS (PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C)

typedef struct zsmp_regex {
    _Atomic(pcre2_code *) code; /* NULL until compiled (zsmp_regex_code); never JIT-compiled */
    _Atomic(pcre2_code *) jit;  /* a JIT-compiled copy of code, NULL until made */
    char *source; /* the pattern to compile (owned; kept, another thread may read it) */
    size_t source_len;
    atomic_int jit_claimed; /* a thread took on the JIT compile (or it is not wanted) */
    atomic_size_t spent;    /* the interpreter's work on it so far, in ZSMP_JIT_UNITs */
} zsmp_regex;

/* A pattern is JIT-compiled once the interpreter has matched it
 * ZSMP_JIT_AFTER times (short of where its extra cost reaches a compile's:
 * a batch of small reports, which compiles most patterns sooner or later,
 * pays the interpreter's matches before on top - 350 of them, 2.8% more
 * instructions at 32, 5.4% at 64), a match over a long subject counting as
 * many (an unanchored search walks it: one every ZSMP_JIT_UNIT bytes); and
 * at its first match in a document of ZSMP_JIT_DOC bytes or more. */
enum { ZSMP_JIT_AFTER = 32, ZSMP_JIT_UNIT = 512, ZSMP_JIT_DOC = 64 * 1024 };

/* Whether a document of doc_len bytes JIT-compiles a pattern at once. */
static inline int zsmp_regex_jit_now(size_t doc_len)
{
    return doc_len >= ZSMP_JIT_DOC;
}

/* Compiles a pattern made lazily: its code, NULL if PCRE2 refuses it or
 * memory runs out (zsm_regex.c). */
pcre2_code *zsmp_regex_compile(zsmp_regex *re);

/* PCRE2's code of a pattern, compiled now if it was not (NULL when it
 * cannot be). */
static inline pcre2_code *zsmp_regex_code(const void *pattern)
{
    zsmp_regex *re = (zsmp_regex *)(uintptr_t)pattern;
    pcre2_code *code = atomic_load_explicit(&re->code, memory_order_acquire);
    return code ? code : zsmp_regex_compile(re);
}

/* The source of a pattern made lazily and not compiled yet (its length
 * in *len); NULL once compiled.  Read only while the rules load, before
 * any thread matches. */
static inline const char *zsmp_regex_source(const void *pattern, size_t *len)
{
    zsmp_regex *re = (zsmp_regex *)(uintptr_t)pattern;
    *len = re->source_len;
    return atomic_load_explicit(&re->code, memory_order_relaxed) ? NULL : re->source;
}

/* The JIT-compiled copy of a pattern's code if it has been made, else
 * NULL (asks, compiles nothing). */
static inline pcre2_code *zsmp_regex_jitted(const void *pattern)
{
    zsmp_regex *re = (zsmp_regex *)(uintptr_t)pattern;
    return atomic_load_explicit(&re->jit, memory_order_acquire);
}

/* A pattern around PCRE2's code, to be JIT-compiled when matched often
 * enough unless !jit (zsm_regex.c); NULL when out of memory. */
zsmp_regex *zsmp_regex_new(pcre2_code *code, int jit);
/* The same for a pattern compiled at its first use: source[0, len) is
 * taken over (freed with the pattern: another thread may still be reading
 * it for its own compile).  NULL when out of memory (source freed). */
zsmp_regex *zsmp_regex_new_lazy(char *source, size_t len, int jit);
/* The JIT-compiled copy of a pattern's code: made now by the first thread
 * to ask (once); NULL while another thread makes it, or where the JIT
 * cannot compile it (no JIT on this CPU, out of memory). */
pcre2_code *zsmp_regex_jit(zsmp_regex *re);
void zsmp_regex_free(void *re);

/* One match at or after `at` in s[0, len) (jit_now: zsmp_regex_jit_now()
 * of the document). */
static inline int zsmp_regex_match(const void *pattern, const char *s, size_t len, size_t at,
                                   void *md, const void *mctx, int jit_now)
{
    zsmp_regex *re = (zsmp_regex *)(uintptr_t)pattern;
    pcre2_match_context *c = (pcre2_match_context *)(uintptr_t)mctx;
    pcre2_code *jit = atomic_load_explicit(&re->jit, memory_order_acquire);
    if (jit)
        return pcre2_jit_match(jit, (PCRE2_SPTR)s, len, at, 0, md, c);
    pcre2_code *code = zsmp_regex_code(re);
    if (!code)
        return PCRE2_ERROR_NOMEMORY; /* taken as a limit: the rule or entry is left out */
    if (!atomic_load_explicit(&re->jit_claimed, memory_order_relaxed)) {
        size_t units = 1 + (len - at) / ZSMP_JIT_UNIT;
        if ((jit_now || atomic_fetch_add_explicit(&re->spent, units, memory_order_relaxed) + units >
                            ZSMP_JIT_AFTER) &&
            (jit = zsmp_regex_jit(re)) != NULL)
            return pcre2_jit_match(jit, (PCRE2_SPTR)s, len, at, 0, md, c);
    }
    return pcre2_match(code, (PCRE2_SPTR)s, len, at, PCRE2_NO_UTF_CHECK, md, c);
}

#endif
