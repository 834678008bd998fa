/* zsm_lexicon.c - the typed lexicon: the word lists the stages after
 * matching read (approx, category, modality, sections, titles), one entry
 * per zsm_lexicon.def line, each compiled into one PCRE2 alternation.
 *
 * Entries are looked up by id, never by name at run time: a rules file
 * naming an entry the library does not read (modality.targt) is refused
 * when it loads, with the nearest known name as a hint. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_internal.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const lex_names[ZSMP_LEX_COUNT] = {
#define ZSMP_LEX(id, name, doc) [ZSMP_LEX_##id] = name,
#include "zsm_lexicon.def"
#undef ZSMP_LEX
};

int zsmp_lexicon_id(const char *name)
{
    for (int i = 0; i < ZSMP_LEX_COUNT; i++)
        if (strcmp(lex_names[i], name) == 0)
            return i;
    return -1;
}

const char *zsmp_lexicon_name(zsmp_lex_id id)
{
    return lex_names[id];
}

/* Edit distance of a and b (bytes), stopping early past `limit`. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    enum { MAX = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAX || lb >= MAX)
        return limit + 1;
    size_t row[MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = diag + (a[i - 1] != b[j - 1]);
            size_t v = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = cost < v ? cost : v;
            diag = up;
            if (row[j] < best)
                best = row[j];
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb];
}

const char *zsmp_lexicon_suggest(const char *name)
{
    enum { MAX_TYPO = 3 };
    const char *best = NULL;
    size_t best_d = MAX_TYPO + 1;
    for (int i = 0; i < ZSMP_LEX_COUNT; i++) {
        size_t d = edit_distance(name, lex_names[i], MAX_TYPO);
        if (d < best_d) {
            best_d = d;
            best = lex_names[i];
        }
    }
    return best;
}

/* ------------------------------------------------- first code points */

static unsigned first_hash(uint32_t cp)
{
    return (cp * 2654435761u) >> (32 - 12); /* 0 .. ZSMP_FIRST_BITS - 1 */
}

static void first_add(zsmp_lexicon_entry *e, uint32_t cp)
{
    unsigned h = first_hash(cp);
    e->first[h >> 3] |= (unsigned char)(1u << (h & 7));
}

static int first_has(const zsmp_lexicon_entry *e, uint32_t cp)
{
    unsigned h = first_hash(cp);
    return e->first[h >> 3] & (1u << (h & 7));
}

/* Is s[i] a quantifier that may repeat the atom before it zero times? */
static int optional_after(const char *s)
{
    return *s == '?' || *s == '*' || (s[0] == '{' && s[1] == '0');
}

/* Skips a group or class starting at s (at '(' or '['); NULL if unbalanced. */
static const char *skip_group(const char *s)
{
    int depth = 0, in_class = 0;
    for (; *s; s++) {
        if (*s == '\\') {
            if (!*++s)
                return NULL;
            continue;
        }
        if (in_class) {
            in_class = *s != ']';
            continue;
        }
        if (*s == '[')
            in_class = 1;
        else if (*s == '(')
            depth++;
        else if (*s == ')' && --depth == 0)
            return s + 1;
    }
    return NULL;
}

static int alternatives_first(zsmp_lexicon_entry *e, const char *s, const char *end);

/* Adds the code points the alternative at s can begin with; 0 when it can
 * begin with anything we do not read (a class, \s, a fragment, or an
 * optional first atom). */
static int alternative_first(zsmp_lexicon_entry *e, const char *s, const char *end)
{
    while (s < end) {
        if (*s == '(' && s[1] == '?' && (s[2] == '=' || s[2] == '!' || s[2] == '<')) {
            if (s[2] == '<' && s[3] != '=' && s[3] != '!')
                return 0; /* a named group */
            const char *after = skip_group(s);
            if (!after || after > end)
                return 0;
            s = after; /* an assertion consumes nothing */
            continue;
        }
        if (*s == '(') {
            const char *after = skip_group(s);
            if (!after || after > end || optional_after(after))
                return 0;
            const char *body = s[1] == '?' && s[2] == ':' ? s + 3 : s + 1;
            if (body[0] == '?')
                return 0;
            return alternatives_first(e, body, after - 1);
        }
        if (*s == '\\') {
            if (!s[1] || strchr("sSdDwWbBpPxXuU0123456789QEkKgGhHvVRNA", s[1]))
                return 0;
            if (optional_after(s + 2))
                return 0;
            first_add(e, (unsigned char)s[1]);
            return 1;
        }
        if (strchr("[.^$|?*+)]{", *s))
            return 0;
        uint32_t cp;
        size_t k = zsmp_utf8_get((const unsigned char *)s, (size_t)(end - s), &cp);
        if (!k || optional_after(s + k))
            return 0;
        first_add(e, cp);
        return 1;
    }
    return 0; /* an empty alternative matches anywhere */
}

/* The alternatives of s[.. end), split at the | of its top level. */
static int alternatives_first(zsmp_lexicon_entry *e, const char *s, const char *end)
{
    const char *alt = s;
    for (const char *p = s; p <= end; p++) {
        if (p < end && (*p == '(' || *p == '[')) {
            const char *after = skip_group(p);
            if (!after || after > end)
                return 0;
            p = after - 1;
            continue;
        }
        if (p < end && *p == '\\') {
            p++;
            continue;
        }
        if (p == end || *p == '|') {
            if (!alternative_first(e, alt, p))
                return 0;
            alt = p + 1;
        }
    }
    return 1;
}

static void entry_free(zsmp_lexicon_entry *e)
{
    free(e->source);
    pcre2_code_free(e->code);
    pcre2_code_free(e->anchored_code);
    memset(e, 0, sizeof *e);
}

zsm_status zsmp_lexicon_set(zsmp_lexicon *lex, zsmp_lex_id id, const zsmp_fragments *frag,
                            const char *file, const char *source, zsm_error *err)
{
    char what[160];
    snprintf(what, sizeof what, "lexicon %s", lex_names[id]);
    zsmp_lexicon_entry e;
    memset(&e, 0, sizeof e);
    e.source = strdup(source);
    if (!e.source)
        return zsmp_fail(err, ZSM_ERR_NOMEM, file, what, -1, "out of memory");
    e.has_first =
        strstr(source, "{{") == NULL && alternatives_first(&e, source, source + strlen(source));
    zsm_status st = zsmp_pattern_compile(frag, file, what, source, 0, &e.code, err);
    if (st == ZSM_OK)
        st = zsmp_pattern_compile(frag, file, what, source, 1, &e.anchored_code, err);
    if (st) {
        entry_free(&e);
        return st;
    }
    entry_free(&lex->entry[id]);
    lex->entry[id] = e;
    return ZSM_OK;
}

zsmp_lex_id zsmp_lexicon_first_missing(const zsmp_lexicon *lex)
{
    for (int i = 0; i < ZSMP_LEX_COUNT; i++)
        if (!lex->entry[i].code)
            return (zsmp_lex_id)i;
    return ZSMP_LEX_COUNT;
}

void zsmp_lexicon_merge(zsmp_lexicon *to, zsmp_lexicon *from)
{
    for (int i = 0; i < ZSMP_LEX_COUNT; i++) {
        if (!from->entry[i].code)
            continue;
        entry_free(&to->entry[i]);
        to->entry[i] = from->entry[i];
        memset(&from->entry[i], 0, sizeof from->entry[i]);
    }
}

void zsmp_lexicon_free(zsmp_lexicon *lex)
{
    for (int i = 0; i < ZSMP_LEX_COUNT; i++)
        entry_free(&lex->entry[i]);
}

/* Where in s[a, b) a word of e can begin first: the first character that
 * begins one (at a only, when anchored); b when there is none.  The search
 * starts there, so the bytes before it are read once, here. */
static size_t first_begin(const zsmp_lexicon_entry *e, const char *s, size_t a, size_t b,
                          zsmp_lex_mode mode)
{
    for (size_t i = a; i < b;) {
        uint32_t cp;
        size_t k = zsmp_utf8_get((const unsigned char *)s + i, b - i, &cp);
        if (k == 0 || first_has(e, cp))
            return i; /* invalid bytes: let PCRE2 decide */
        if (mode == ZSMP_LEX_ANCHORED)
            return b;
        i += k;
    }
    return b;
}

int zsmp_lexicon_search(const zsmp_lexicon *lex, zsmp_lex_id id, void *match_data, const void *mctx,
                        const char *s, size_t a, size_t b, zsmp_lex_mode mode, size_t *ms,
                        size_t *me)
{
    const zsmp_lexicon_entry *e = &lex->entry[id];
    if (!e->code || a >= b)
        return 0;
    if (e->has_first && (a = first_begin(e, s, a, b, mode)) >= b)
        return 0;
    pcre2_match_data *md = match_data;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    const pcre2_code *code = mode == ZSMP_LEX_ANCHORED ? e->anchored_code : e->code;
    int found = 0;
    size_t at = a;
    /* For the last occurrence, overlapping ones count too: in 完成实物量投资
     * the word 实物量投资 must be found although 完成实物量 starts earlier. */
    while (at < b) {
        int rc = pcre2_match(code, (PCRE2_SPTR)s, b, at, PCRE2_NO_UTF_CHECK, md,
                             (pcre2_match_context *)(uintptr_t)mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0)
            return -1; /* the match or depth limit */
        if (!found || ov[1] > *me) {
            *ms = ov[0];
            *me = ov[1];
        }
        found = 1;
        if (mode != ZSMP_LEX_LAST)
            break;
        at = ov[0] + 1;
        while (at < b && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
    }
    return found;
}

/* ------------------------------------------------------------- lookups */

zsm_status zsmp_lookup_init(zsmp_lookup *lk, const zsm_rules *rules, const char *s)
{
    memset(lk, 0, sizeof *lk);
    lk->lex = &rules->lexicon;
    lk->mctx = rules->match_context;
    lk->s = s;
    lk->md = pcre2_match_data_create(1, NULL);
    return lk->md ? ZSM_OK : ZSM_ERR_NOMEM;
}

void zsmp_lookup_free(zsmp_lookup *lk)
{
    pcre2_match_data_free(lk->md);
    lk->md = NULL;
}

static int lookup(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, zsmp_lex_mode mode,
                  size_t *ms, size_t *me)
{
    if (lk->stopped[id])
        return 0;
    int r = zsmp_lexicon_search(lk->lex, id, lk->md, lk->mctx, lk->s, a, b, mode, ms, me);
    if (r < 0)
        lk->stopped[id] = 1;
    return r > 0;
}

int zsmp_lex_first(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *ms, size_t *me)
{
    return lookup(lk, id, a, b, ZSMP_LEX_FIRST, ms, me);
}

int zsmp_lex_any(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b)
{
    size_t ms, me;
    return lookup(lk, id, a, b, ZSMP_LEX_FIRST, &ms, &me);
}

int zsmp_lex_last(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *ms, size_t *me)
{
    return lookup(lk, id, a, b, ZSMP_LEX_LAST, ms, me);
}

int zsmp_lex_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *end)
{
    size_t ms, me;
    if (!lookup(lk, id, a, b, ZSMP_LEX_ANCHORED, &ms, &me))
        return 0;
    if (end)
        *end = me;
    return 1;
}

int zsmp_lex_ends_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b)
{
    size_t ms, me;
    return zsmp_lex_last(lk, id, a, b, &ms, &me) && me == b;
}
