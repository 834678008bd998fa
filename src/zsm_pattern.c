/* zsm_pattern.c - rule and lexicon patterns: fragments expanded, compiled
 * once with PCRE2 (UTF, JIT).
 *
 * A pattern names shared pieces as {{NAME}}; each becomes (?:value),
 * recursively.  Expansion is bounded in depth and in size, so a rules file
 * whose fragments double at every level fails in microseconds instead of
 * growing to gigabytes.  \C (one code unit, half a character) is refused:
 * a group holding half a character would put invalid UTF-8 in the output.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_regex.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_FRAGMENT_DEPTH = 8,
    MAX_EXPANDED = 1 << 20 /* bytes of one pattern with its fragments expanded */
};

zsm_status zsmp_fragment_add(zsmp_fragments *f, const char *name, const char *value)
{
    if (zsmp_grow((void **)&f->items, &f->cap, f->count + 1, sizeof *f->items))
        return ZSM_ERR_NOMEM;
    zsmp_fragment frag = {strdup(name), strdup(value)};
    if (!frag.name || !frag.value) {
        free(frag.name);
        free(frag.value);
        return ZSM_ERR_NOMEM;
    }
    f->items[f->count++] = frag;
    return ZSM_OK;
}

void zsmp_fragments_free(zsmp_fragments *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].name);
        free(f->items[i].value);
    }
    free(f->items);
    memset(f, 0, sizeof *f);
}

/* The value of a fragment; a later definition shadows an earlier one. */
static const char *fragment_get(const zsmp_fragments *f, const char *name, size_t n)
{
    for (size_t i = f->count; i-- > 0;)
        if (strlen(f->items[i].name) == n && memcmp(f->items[i].name, name, n) == 0)
            return f->items[i].value;
    return NULL;
}

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

static int sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->len + n > MAX_EXPANDED || zsmp_grow((void **)&b->s, &b->cap, b->len + n + 1, 1))
        return -1;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

typedef enum { EXPAND_OK, EXPAND_UNKNOWN, EXPAND_DEEP, EXPAND_LARGE } expand_status;

/* Expands {{NAME}} references of src into out.  On an unknown name, too
 * deep a nesting or too large a result, *bad_offset is the offset in src
 * of the reference where it happened. */
static expand_status expand(const zsmp_fragments *f, const char *src, strbuf *out, int depth,
                            long *bad_offset)
{
    if (depth > MAX_FRAGMENT_DEPTH) {
        *bad_offset = 0;
        return EXPAND_DEEP;
    }
    for (const char *p = src; *p;) {
        const char *open = strstr(p, "{{");
        if (!open)
            return sb_add(out, p, strlen(p)) ? EXPAND_LARGE : EXPAND_OK;
        if (sb_add(out, p, (size_t)(open - p)))
            return EXPAND_LARGE;
        *bad_offset = open - src;
        const char *close = strstr(open + 2, "}}");
        const char *value = close ? fragment_get(f, open + 2, (size_t)(close - open - 2)) : NULL;
        if (!value)
            return EXPAND_UNKNOWN;
        long inner = 0;
        if (sb_add(out, "(?:", 3))
            return EXPAND_LARGE;
        expand_status st = expand(f, value, out, depth + 1, &inner);
        if (st != EXPAND_OK)
            return st;
        if (sb_add(out, ")", 1))
            return EXPAND_LARGE;
        p = close + 2;
    }
    return EXPAND_OK;
}

static zsm_status expand_error(zsm_error *err, const char *file, const char *what, expand_status st,
                               long bad)
{
    switch (st) {
    case EXPAND_DEEP:
        return zsmp_fail(err, ZSM_ERR_RULES_FRAGMENT, file, what, bad,
                         "fragments nested more than %d deep (at offset %ld)", MAX_FRAGMENT_DEPTH,
                         bad);
    case EXPAND_LARGE:
        return zsmp_fail(err, ZSM_ERR_RULES_FRAGMENT, file, what, bad,
                         "the pattern grows past %d bytes with its fragments expanded (at offset "
                         "%ld)",
                         MAX_EXPANDED, bad);
    case EXPAND_UNKNOWN:
    case EXPAND_OK: break;
    }
    return zsmp_fail(err, ZSM_ERR_RULES_FRAGMENT, file, what, bad, "unknown fragment at offset %ld",
                     bad);
}

/* The pattern made (NULL: out of memory) into *code_out. */
static zsm_status finish_regex(zsmp_regex *re, const char *file, const char *what, void **code_out,
                               zsm_error *err)
{
    if (!re)
        return zsmp_fail(err, ZSM_ERR_NOMEM, file, what, -1, "out of memory");
#ifdef ZSM_RULE_COST
    zsmp_regex_jit(re); /* a build timing each match (bench/rules.sh): not the compile */
#endif
    *code_out = re;
    return ZSM_OK;
}

zsm_status zsmp_pattern_compile_first(const zsmp_fragments *f, const char *file, const char *what,
                                      const char *source, int anchored, void **code_out,
                                      zsmp_first *first, zsmp_first *last, zsm_error *err)
{
    /* \G(?:…) matches only at the start offset, which the JIT supports
     * (PCRE2_ANCHORED at match time would bypass it). */
    static const char prefix[] = "\\G(?:";
    strbuf ex = {0};
    long bad = 0;
    if (sb_add(&ex, prefix, sizeof prefix - 1))
        return zsmp_fail(err, ZSM_ERR_NOMEM, file, what, -1, "out of memory");
    expand_status es = expand(f, source, &ex, 0, &bad);
    if (es != EXPAND_OK) {
        free(ex.s);
        return expand_error(err, file, what, es, bad);
    }
    int jit = !(anchored & ZSMP_PATTERN_NO_JIT), lazy = anchored & ZSMP_PATTERN_LAZY;
    anchored &= ~(ZSMP_PATTERN_NO_JIT | ZSMP_PATTERN_LAZY);
    zsmp_first own;
    if (!first)
        first = &own;
    zsmp_first_read(first, last, ex.s + sizeof prefix - 1, ex.len - (sizeof prefix - 1));
    if (anchored == ZSMP_ANCHOR_IF_FIRST_KNOWN)
        anchored = first->known;
    const size_t plen = anchored ? sizeof prefix - 1 : 0;
    if (anchored && sb_add(&ex, ")", 1)) {
        free(ex.s);
        return expand_error(err, file, what, EXPAND_LARGE, 0);
    }
    if (!anchored) { /* the prefix is dropped again */
        memmove(ex.s, ex.s + sizeof prefix - 1, ex.len - (sizeof prefix - 1) + 1);
        ex.len -= sizeof prefix - 1;
    }
    if (lazy)
        return finish_regex(zsmp_regex_new_lazy(ex.s, ex.len, jit), file, what, code_out, err);
    int errcode;
    PCRE2_SIZE erroff;
    /* The pattern's UTF-8 is checked here: a rules file is user input. */
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)ex.s, ex.len, ZSMP_REGEX_OPTIONS, &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        int same = strstr(source, "{{") == NULL; /* no fragment moved the offsets */
        if (erroff >= plen)
            erroff -= plen; /* the offset in the pattern as written */
        zsmp_fail(err, ZSM_ERR_RULES_PATTERN, file, what, (long)erroff, "offset %zu%s: %s",
                  (size_t)erroff, same ? "" : " of the pattern with fragments expanded",
                  (char *)msg);
        free(ex.s);
        return ZSM_ERR_RULES_PATTERN;
    }
    free(ex.s);
    zsmp_regex *re = zsmp_regex_new(code, jit);
    if (!re)
        pcre2_code_free(code);
    return finish_regex(re, file, what, code_out, err);
}

char *zsmp_pattern_expand(const zsmp_fragments *f, const char *source, size_t *len)
{
    strbuf ex = {0};
    long bad = 0;
    if (expand(f, source, &ex, 0, &bad) != EXPAND_OK || (!ex.s && sb_add(&ex, "", 0))) {
        free(ex.s);
        return NULL;
    }
    *len = ex.len;
    return ex.s;
}

zsm_status zsmp_pattern_compile(const zsmp_fragments *f, const char *file, const char *what,
                                const char *source, int anchored, void **code_out, zsm_error *err)
{
    return zsmp_pattern_compile_first(f, file, what, source, anchored, code_out, NULL, NULL, err);
}
