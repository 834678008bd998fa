/* zsm_regex.h - one PCRE2 match of a compiled rule or lexicon pattern over
 * normalized text, for the stages that call PCRE2 (match, lexicon).
 *
 * The JIT's own entry point is called directly: pcre2_match() would check
 * its arguments and dispatch to the same code, some hundred instructions a
 * call, and these calls number hundreds of thousands a megabyte.  The text
 * is valid UTF-8 (zsmp_normalize writes it), which pcre2_jit_match()
 * requires; the match context's match limit still applies.  A pattern the
 * JIT could not compile (no JIT on this CPU) is matched by the interpreter. */
#ifndef ZSM_REGEX_H
#define ZSM_REGEX_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

static inline int zsmp_regex_match(const void *code, const char *s, size_t len, size_t at, void *md,
                                   const void *mctx)
{
    pcre2_match_context *c = (pcre2_match_context *)(uintptr_t)mctx;
    int rc = pcre2_jit_match(code, (PCRE2_SPTR)s, len, at, 0, md, c);
    if (rc == PCRE2_ERROR_JIT_BADOPTION)
        rc = pcre2_match(code, (PCRE2_SPTR)s, len, at, PCRE2_NO_UTF_CHECK, md, c);
    return rc;
}

#endif
