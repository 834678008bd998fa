/* zsm_lexicon.c - the typed lexicon: the word lists the stages after
 * matching read (approx, category, modality, sections, titles), one entry
 * per zsm_lexicon.def line, each compiled into one PCRE2 alternation.
 *
 * Entries are looked up by id, never by name at run time: a rules file
 * naming an entry the library does not read (modality.targt) is refused
 * when it loads, with the nearest known name as a hint. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_first_next.h"
#include "zsm_internal.h"
#include "zsm_regex.h"

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

static void entry_free(zsmp_lexicon_entry *e)
{
    free(e->source);
    zsmp_literals_free(&e->lit);
    free(e->lit_last);
    zsmp_literals_free(&e->last_lit);
    zsmp_literals_free(&e->lead);
    zsmp_gate_free(&e->gate);
    zsmp_regex_free(e->code);
    zsmp_regex_free(e->anchored_code);
    memset(e, 0, sizeof *e);
}

zsm_status zsmp_lexicon_set(zsmp_lexicon *lex, zsmp_lex_id id, const zsmp_fragments *frag,
                            const char *file, const char *source, int lazy, zsm_error *err)
{
    char what[160];
    snprintf(what, sizeof what, "lexicon %s", lex_names[id]);
    zsmp_lexicon_entry e;
    memset(&e, 0, sizeof e);
    e.source = strdup(source);
    if (!e.source)
        return zsmp_fail(err, ZSM_ERR_NOMEM, file, what, -1, "out of memory");
    zsm_status st =
        zsmp_pattern_compile_first(frag, file, what, source, lazy, &e.code, &e.first, &e.last, err);
    size_t n;
    char *expanded = st == ZSM_OK ? zsmp_pattern_expand(frag, source, &n) : NULL;
    int strings = expanded && zsmp_literals_read(&e.lit, expanded, n);
    /* A set of strings is matched at a place by its trie: its anchored
     * code is for the tests alone, and needs no JIT. */
    if (st == ZSM_OK)
        st = zsmp_pattern_compile(frag, file, what, source,
                                  (strings ? 1 | ZSMP_PATTERN_NO_JIT : 1) | lazy, &e.anchored_code,
                                  err);
    if (st == ZSM_OK && strings) {
        e.lit_last = calloc(ZSMP_FIRST_BITS / 8, 1);
        if (e.lit_last)
            zsmp_literals_last_chars(&e.lit, e.lit_last);
        else
            st = zsmp_fail(err, ZSM_ERR_NOMEM, file, what, -1, "out of memory");
    }
    if (st) {
        free(expanded);
        entry_free(&e);
        return st;
    }
    if (expanded && !strings) {
        /* Where the last item can begin: for a pattern of alternatives,
         * the union of theirs (zsmp_first_read knows one last item). */
        zsmp_first where;
        if (zsmp_literals_read_last(&e.last_lit, &where, expanded, n) && !e.last.known)
            e.last = where;
        zsmp_literals_read_lead(&e.lead, expanded, n);
        zsmp_gate_read(&e.gate, expanded, n);
    }
    free(expanded);
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

/* A search over more than LONG_RANGE bytes for an entry whose words begin
 * with MANY_FIRST code points or more (a long alternation: all the
 * currency words) tries its candidate places one by one. */
enum { LONG_RANGE = 2048, MANY_FIRST = 16 };
/* Below SHORT_RANGE bytes (a clause, a label) the bounds of the last item
 * cost more than the places they would save: the search covers it all. */
enum { SHORT_RANGE = 256 };

/* One match of entry e starting at `at` exactly: 1 (its end in *end), 0
 * for none, -1 at the match or depth limit. */
static int match_at(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t at, size_t b,
                    size_t *end)
{
    if (e->lit.count)
        return zsmp_literals_match(&e->lit, lk->s, at, b, end);
    if (e->lead.count && !zsmp_literals_any(&e->lead, lk->s, at, b))
        return 0; /* none of the strings its matches begin with stands here */
    if (!zsmp_gate_pass(&e->gate, &lk->gate_memo[e - lk->lex->entry], lk->s, at, b))
        return 0; /* none of the strings its matches hold follows in reach */
    int rc = zsmp_regex_match(e->anchored_code, lk->s, b, at, lk->md, lk->mctx, lk->jit_now);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return -1;
    *end = pcre2_get_ovector_pointer(lk->md)[1];
    return 1;
}

/* The first match of e starting at or after `at`: 1 (its span in ov), 0
 * for none, -1 at the match or depth limit. */
static int match_from(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t at, size_t b)
{
    int rc = zsmp_regex_match(e->code, lk->s, b, at, lk->md, lk->mctx, lk->jit_now);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    return rc < 0 ? -1 : 1;
}

/* search_last() where a word may begin anywhere: one unanchored search
 * from each occurrence's start on finds the next (fewer calls than trying
 * every place). */
static int search_last_unfiltered(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t a,
                                  size_t b, size_t *ms, size_t *me)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lk->md);
    int found = 0, r;
    for (size_t at = a; at < b && (r = match_from(lk, e, at, b)) != 0;
         at = zsmp_next_char(lk->s, ov[0], b)) {
        if (r < 0)
            return -1;
        if (!found || ov[1] > *me) {
            *ms = ov[0];
            *me = ov[1];
        }
        found = 1;
    }
    return found;
}

/* The occurrence ending last (the first of those): every place where a
 * word can begin is tried, since overlapping occurrences count too - in
 * 完成实物量投资 the word 实物量投资 must be found although 完成实物量
 * starts earlier. */
static int search_last(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t a, size_t b,
                       size_t *ms, size_t *me)
{
    if (!e->first.known && !e->lit.count)
        return search_last_unfiltered(lk, e, a, b, ms, me);
    int found = 0;
    for (size_t at = zsmp_first_next(&lk->starts, &e->first, a, b); at < b;
         at = zsmp_first_next(&lk->starts, &e->first, zsmp_next_char(lk->s, at, b), b)) {
        size_t end;
        int r = match_at(lk, e, at, b, &end);
        if (r < 0)
            return -1;
        if (r && (!found || end > *me)) {
            *ms = at;
            *me = end;
            found = 1;
        }
    }
    return found;
}

/* The first occurrence, trying only the places where a word can begin,
 * anchored.  For a long alternation over a long range (currency.document
 * over a whole document) this is cheaper than one unanchored search, which
 * walks every place after the first candidate and tries a hundred currency
 * words at each; for a few frequent first characters (period words) it is
 * not. */
static int search_first(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t a, size_t b,
                        size_t *ms, size_t *me)
{
    for (size_t at = zsmp_first_next(&lk->starts, &e->first, a, b); at < b;
         at = zsmp_first_next(&lk->starts, &e->first, zsmp_next_char(lk->s, at, b), b)) {
        int r = match_at(lk, e, at, b, me);
        if (r) {
            *ms = at;
            return r;
        }
    }
    return 0;
}

/* search_first() for an entry whose last item is a finite set of strings
 * and whose matches are at most first.max_len bytes: a match begins no
 * more than that before a place where one of the strings stands, so only
 * those windows are tried, in order (2-4 Han characters before 县, 区 …
 * instead of every Han character of a report's opening). */
static int search_first_by_last(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t a,
                                size_t b, size_t *ms, size_t *me)
{
    size_t next = a, end; /* places before `next` are tried or cannot begin a match */
    for (size_t q = zsmp_first_next(&lk->starts, &e->last, a, b), after; q < b;
         q = zsmp_first_next(&lk->starts, &e->last, after, b)) {
        after = zsmp_next_char(lk->s, q, b); /* a window ends with q */
        if (!zsmp_literals_match(&e->last_lit, lk->s, q, b, &end))
            continue;
        size_t from = q - a > e->first.max_len ? zsmp_char_start(lk->s, q - e->first.max_len) : a;
        for (size_t at = zsmp_first_next(&lk->starts, &e->first, from > next ? from : next, after);
             at < after;
             at = zsmp_first_next(&lk->starts, &e->first, zsmp_next_char(lk->s, at, b), after)) {
            int r = match_at(lk, e, at, b, me);
            if (r) {
                *ms = at;
                return r;
            }
        }
        next = after;
    }
    return 0;
}

/* Narrows [a, b) for an entry whose last item is a finite set of strings
 * (scope.sub_area ends with 镇, 开发区, 工业园区 ...): a match ends with one
 * of them, so it starts no more than the longest match before the first
 * place one occurs and reads no further than the item's reach past the
 * last.  Its first characters (开, 工, 产 ...) are common; the strings are
 * not.  0 when none occurs: no match. */
static int last_item_bounds(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t *a,
                            size_t *b)
{
    size_t end, first = SIZE_MAX;
    for (size_t q = zsmp_first_next(&lk->starts, &e->last, *a, *b); q < *b;
         q = zsmp_first_next(&lk->starts, &e->last, zsmp_next_char(lk->s, q, *b), *b))
        if (zsmp_literals_match(&e->last_lit, lk->s, q, *b, &end)) {
            first = q;
            break;
        }
    if (first == SIZE_MAX)
        return 0;
    /* Backwards to the last occurrence, `first` when none follows it. */
    size_t last = first;
    for (size_t q = zsmp_first_prev(&lk->starts, &e->last, first, *b); q != SIZE_MAX && q > first;
         q = zsmp_first_prev(&lk->starts, &e->last, first, q))
        if (zsmp_literals_match(&e->last_lit, lk->s, q, *b, &end)) {
            last = q;
            break;
        }
    if (e->first.max_len != SIZE_MAX && first - *a > e->first.max_len)
        *a = zsmp_char_start(lk->s, first - e->first.max_len);
    if (e->last.max_len != SIZE_MAX && last + e->last.max_len < *b)
        *b = zsmp_char_start(lk->s, last + e->last.max_len);
    return 1;
}

int zsmp_lexicon_search(const zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b,
                        zsmp_lex_mode mode, size_t *ms, size_t *me)
{
    const zsmp_lexicon_entry *e = &lk->lex->entry[id];
    if (!e->code || a >= b)
        return 0;
    if (mode == ZSMP_LEX_ANCHORED) {
        if (!zsmp_starts_may(&lk->starts, &e->first, a))
            return 0; /* (a set without a slot says yes: match_at decides) */
        int r = match_at(lk, e, a, b, me);
        if (r > 0)
            *ms = a;
        return r;
    }
    /* No match reads past the last place the pattern's last item can
     * begin, plus its reach, nor starts more than its longest match before
     * the first; where the item is a set of strings, the places where one
     * of them stands give the tighter bounds. */
    if (e->last_lit.count) {
        if (!last_item_bounds(lk, e, &a, &b))
            return 0;
    } else if (b - a > SHORT_RANGE) {
        if ((b = zsmp_first_end(&lk->starts, &e->last, a, b)) <= a)
            return 0;
        a = zsmp_first_begin(&lk->starts, &e->first, &e->last, a, b);
    }
    if (mode == ZSMP_LEX_LAST)
        return search_last(lk, e, a, b, ms, me);
    /* The first occurrence: in the windows before the last item's strings;
     * place by place where a lead or a long alternation makes each try
     * cheap; else one unanchored PCRE2 search from the first candidate. */
    if (e->last_lit.count && e->first.max_len != SIZE_MAX)
        return search_first_by_last(lk, e, a, b, ms, me);
    if (e->lead.count ||
        (b - a > LONG_RANGE ? e->first.known && e->first.count >= MANY_FIRST : e->lit.count > 0))
        return search_first(lk, e, a, b, ms, me);
    if ((a = zsmp_first_next(&lk->starts, &e->first, a, b)) >= b)
        return 0;
    int r = match_from(lk, e, a, b);
    if (r > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lk->md);
        *ms = ov[0];
        *me = ov[1];
    }
    return r;
}

/* ------------------------------------------------------------- lookups */

zsm_status zsmp_lookup_init(zsmp_lookup *lk, const zsm_rules *rules, const char *s, size_t len)
{
    memset(lk, 0, sizeof *lk);
    lk->lex = &rules->lexicon;
    lk->period_openings = &rules->period_openings;
    lk->mctx = rules->match_context;
    lk->s = s;
    lk->jit_now = zsmp_regex_jit_now(len);
    lk->md = pcre2_match_data_create(1, NULL);
    lk->gate_memo = calloc(ZSMP_LEX_COUNT, sizeof *lk->gate_memo);
    if (!lk->md || !lk->gate_memo ||
        zsmp_starts_index(&lk->starts, &rules->first_classes, s, len,
                          len <= ZSMP_STARTS_CLASSES_MAX)) {
        zsmp_lookup_free(lk);
        return ZSM_ERR_NOMEM;
    }
    return ZSM_OK;
}

void zsmp_lookup_free(zsmp_lookup *lk)
{
    pcre2_match_data_free(lk->md);
    lk->md = NULL;
    free(lk->gate_memo);
    lk->gate_memo = NULL;
    zsmp_starts_free(&lk->starts);
}

static int lookup(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, zsmp_lex_mode mode,
                  size_t *ms, size_t *me)
{
    if (lk->stopped[id])
        return 0;
    int r = zsmp_lexicon_search(lk, id, a, b, mode, ms, me);
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

/* Can entry e be searched place by place (search_last's walk)? */
static int walkable(const zsmp_lexicon_entry *e)
{
    return e->first.known || e->lit.count;
}

unsigned zsmp_lex_last_each(zsmp_lookup *lk, const zsmp_lex_id *ids, size_t n, size_t a, size_t b,
                            size_t *ms, size_t *me)
{
    enum { WORDS = ZSMP_FIRST_SLOTS / 64 };
    unsigned found = 0, walk = 0;
    uint64_t slots[WORDS] = {0}; /* the walked entries' slots */
    int every_place = 0;         /* one has no slot (or no known set): no place is passed */
    for (size_t k = 0; k < n; k++) {
        const zsmp_lexicon_entry *e = &lk->lex->entry[ids[k]];
        if (lk->stopped[ids[k]] || !e->code || a >= b)
            continue;
        if (!walkable(e)) {
            if (lookup(lk, ids[k], a, b, ZSMP_LEX_LAST, &ms[k], &me[k]))
                found |= 1u << k; /* can begin anywhere: its own unanchored searches */
            continue;
        }
        walk |= 1u << k;
        if (e->first.known && e->first.slot >= 0)
            slots[e->first.slot / 64] |= (uint64_t)1 << (e->first.slot % 64);
        else
            every_place = 1;
    }
    /* Every place once, each entry tried where its first set allows: what
     * search_last() does for each, without a walk (and bounds) apiece; the
     * places none of them may begin at are passed through the index. */
    const unsigned char *u = (const unsigned char *)lk->s;
    for (size_t i = every_place ? a : zsmp_first_next_any(&lk->starts, slots, a, b); walk && i < b;
         i = every_place ? i + zsmp_utf8_step(u[i])
                         : zsmp_first_next_any(&lk->starts, slots, i + zsmp_utf8_step(u[i]), b)) {
        unsigned cls = zsmp_starts_class(&lk->starts, i);
        for (unsigned m = walk; m; m &= m - 1) {
            size_t k = (size_t)__builtin_ctz(m), end;
            const zsmp_lexicon_entry *e = &lk->lex->entry[ids[k]];
            if (!zsmp_class_may(lk->starts.fc, &e->first, cls))
                continue; /* (a set without a slot: match_at decides) */
            int r = match_at(lk, e, i, b, &end);
            if (r < 0) { /* the match limit: left out, as lookup() does */
                lk->stopped[ids[k]] = 1;
                walk &= ~(1u << k);
                found &= ~(1u << k);
            } else if (r && (!(found & (1u << k)) || end > me[k])) {
                ms[k] = i;
                me[k] = end;
                found |= 1u << k;
            }
        }
    }
    return found;
}

int zsmp_lex_try_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *end)
{
    size_t ms, me;
    if (!lookup(lk, id, a, b, ZSMP_LEX_ANCHORED, &ms, &me))
        return 0;
    if (end)
        *end = me;
    return 1;
}

/* Can a string of entry e (a set of strings) end at s[b]: is the character
 * before b the last of one, by its hash?  (s is the lookup's normalized
 * text, which zsmp_first_key may read past a character of.) */
static int may_end_before(const zsmp_lexicon_entry *e, const char *s, size_t b)
{
    size_t k;
    unsigned h =
        zsmp_first_hash(zsmp_first_key((const unsigned char *)s + zsmp_char_start(s, b - 1), &k));
    return (e->lit_last[h >> 3] >> (h & 7)) & 1;
}

/* zsmp_lex_ending_at(): only a word starting within the entry's longest
 * match before b can end at b, so only those places are tried (a label of
 * 200 bytes asks about its last few). */
static int search_ending_at(const zsmp_lookup *lk, const zsmp_lexicon_entry *e, size_t a, size_t b,
                            size_t *ms)
{
    if (e->lit_last && !may_end_before(e, lk->s, b))
        return 0; /* a set of strings, none ending with the character before b */
    size_t from = b - a > e->first.max_len ? zsmp_char_start(lk->s, b - e->first.max_len) : a;
    for (size_t at = zsmp_first_next(&lk->starts, &e->first, from, b); at < b;
         at = zsmp_first_next(&lk->starts, &e->first, zsmp_next_char(lk->s, at, b), b)) {
        size_t end;
        int r = match_at(lk, e, at, b, &end);
        if (r < 0)
            return -1;
        if (r && end == b) {
            *ms = at;
            return 1;
        }
    }
    return 0;
}

int zsmp_lex_ending_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *ms)
{
    const zsmp_lexicon_entry *e = &lk->lex->entry[id];
    if (e->first.max_len == SIZE_MAX) {
        size_t me;
        return zsmp_lex_last(lk, id, a, b, ms, &me) && me == b;
    }
    if (lk->stopped[id] || !e->code || a >= b)
        return 0;
    int r = search_ending_at(lk, e, a, b, ms);
    if (r < 0)
        lk->stopped[id] = 1;
    return r > 0;
}

int zsmp_lex_ends_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b)
{
    size_t ms;
    return zsmp_lex_ending_at(lk, id, a, b, &ms);
}
