/* zsm_literal.c - a lexicon pattern that is a finite set of plain strings
 * (上半年度|上半年|1至6月, 合同(?:总)?(?:额|金额)), matched without PCRE2.
 *
 * Most lexicon entries are word lists, and a lookup asks hundreds of times
 * a sentence whether one of them begins at a place: PCRE2 spends ~200
 * instructions a call on that, a comparison of the words starting with the
 * place's character a tenth.  The strings are listed in the order PCRE2's
 * backtracking tries them (alternatives left to right, X? with X first, X??
 * without), so the first that matches at a place is the match PCRE2 finds
 * there; a trie of their characters finds it in one walk from the place.  Any other syntax (classes
 * of ranges, \d, repeats, lookarounds, anchors) or more than ZSMP_LIT_MAX strings leaves the entry
 * to PCRE2. unit.literal checks every entry of the default rules against PCRE2 at every place of
 * the samples.
 *
 * The same reader gives a rule its lead: the strings every match begins
 * with (合同额|投资|到位资金… for a bare 万/亿 after a money word), so that
 * a place where the rule's first characters stand but none of its words
 * (资 of 资源) is passed without calling PCRE2.
 */
#include "zsm_grow.h"
#include "zsm_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A list of strings while a pattern is read: each a span of `buf`. */
typedef struct strings {
    char *buf;
    size_t len, cap;
    uint32_t *off; /* count + 1 offsets into buf */
    size_t count, off_cap;
} strings;

static void strings_free(strings *l)
{
    free(l->buf);
    free(l->off);
    memset(l, 0, sizeof *l);
}

/* Appends the concatenation of a and b (either may be NULL: empty). */
static int strings_push(strings *l, const char *a, size_t an, const char *b, size_t bn)
{
    if (l->count >= ZSMP_LIT_MAX || zsmp_grow((void **)&l->buf, &l->cap, l->len + an + bn + 1, 1) ||
        zsmp_grow((void **)&l->off, &l->off_cap, l->count + 2, sizeof *l->off))
        return -1;
    if (l->count == 0)
        l->off[0] = 0;
    if (an)
        memcpy(l->buf + l->len, a, an);
    if (bn)
        memcpy(l->buf + l->len + an, b, bn);
    l->len += an + bn;
    l->off[++l->count] = (uint32_t)l->len;
    return 0;
}

static const char *str_at(const strings *l, size_t i, size_t *n)
{
    *n = l->off[i + 1] - l->off[i];
    return l->buf + l->off[i];
}

/* Every string of a followed by every string of b, a's order first. */
static int strings_cross(const strings *a, const strings *b, strings *out)
{
    memset(out, 0, sizeof *out);
    if (b->count && a->count > ZSMP_LIT_MAX / b->count)
        return -1; /* too many: known before building them */
    for (size_t i = 0; i < a->count; i++)
        for (size_t j = 0; j < b->count; j++) {
            size_t an, bn;
            const char *as = str_at(a, i, &an), *bs = str_at(b, j, &bn);
            if (strings_push(out, as, an, bs, bn))
                return -1;
        }
    return 0;
}

static int strings_append(strings *to, const strings *from)
{
    for (size_t i = 0; i < from->count; i++) {
        size_t n;
        const char *s = str_at(from, i, &n);
        if (strings_push(to, s, n, NULL, 0))
            return -1;
    }
    return 0;
}

typedef struct reader {
    const char *p, *end;
    /* \s and \d read as their characters: for a whole entry's strings
     * alone (a lead or a gate read so grows to hundreds of strings, built at
     * every start-up for no fewer PCRE2 calls). */
    int class_escapes;
} reader;

/* Moves past the opening of a group whose content is matched as it stands
 * - (, (?: or a named (?<name> (?P<name> - and returns 1; 0 at anything
 * else (lookarounds, options, atomic and branch-reset groups, verbs). */
static int open_group(reader *r)
{
    const char *p = r->p + 1;
    if (p < r->end && *p != '?' && *p != '*') { /* (*VERB) is none */
        r->p = p;
        return 1;
    }
    if (p + 1 < r->end && p[1] == ':') {
        r->p = p + 2;
        return 1;
    }
    p++;
    if (p < r->end && *p == 'P')
        p++;
    if (p + 1 >= r->end || *p != '<' || !(isalpha((unsigned char)p[1]) || p[1] == '_'))
        return 0;
    for (p++; p < r->end && (isalnum((unsigned char)*p) || *p == '_');)
        p++;
    if (p >= r->end || *p != '>')
        return 0;
    r->p = p + 1;
    return 1;
}

static int read_alternation(reader *r, strings *out, int depth);

/* A class of plain characters ([零〇一二], no range, negation or escape). */
static int read_class(reader *r, strings *out)
{
    memset(out, 0, sizeof *out);
    if (r->p < r->end && (*r->p == '^' || *r->p == ']'))
        return -1;
    while (r->p < r->end && *r->p != ']') {
        uint32_t cp;
        size_t k = zsmp_utf8_get((const unsigned char *)r->p, (size_t)(r->end - r->p), &cp);
        if (k == 0 || cp == '\\' || cp == '[' || (cp == '-' && r->p[1] != ']') ||
            strings_push(out, r->p, k, NULL, 0))
            return -1;
        r->p += k;
    }
    if (r->p == r->end)
        return -1;
    r->p++;
    return 0;
}

/* One item: a character, an escaped punctuation mark, a class or a group. */
static int read_item(reader *r, strings *out, int depth)
{
    memset(out, 0, sizeof *out);
    char c = *r->p;
    if (c == '(') {
        if (!open_group(r))
            return -1; /* lookarounds, options, atomic groups */
        if (read_alternation(r, out, depth + 1) || r->p == r->end || *r->p != ')')
            return -1;
        r->p++;
        return 0;
    }
    if (c == '[') {
        r->p++;
        return read_class(r, out);
    }
    if (c == '\\') {
        /* \s \d (ASCII without PCRE2_UCP): their few characters, in any
         * order (one character: at most one of them matches a place). */
        static const char *const class_escapes[] = {"s\t\n\v\f\r ", "d0123456789"};
        for (size_t k = 0; r->class_escapes && r->end - r->p >= 2 && k < 2; k++)
            if (r->p[1] == class_escapes[k][0]) {
                r->p += 2;
                for (const char *m = class_escapes[k] + 1; *m; m++)
                    if (strings_push(out, m, 1, NULL, 0))
                        return -1;
                return 0;
            }
        /* \( \. …: the character itself; \x{…} \p{…}: a class. */
        if (r->end - r->p < 2 || !strchr("()[]{}.?*+|\\^$/-:", r->p[1]) || r->p[1] == '\0')
            return -1;
        r->p += 2;
        return strings_push(out, r->p - 1, 1, NULL, 0);
    }
    if (strchr(".^$*+?{)|", c))
        return -1;
    uint32_t cp;
    size_t k = zsmp_utf8_get((const unsigned char *)r->p, (size_t)(r->end - r->p), &cp);
    if (k == 0)
        return -1;
    r->p += k;
    return strings_push(out, r->p - k, k, NULL, 0);
}

/* An item and its quantifier: ? tries the item first, ?? last.  Like
 * every reader here, it leaves `out` valid (the caller frees it) even when
 * it fails. */
static int read_quantified(reader *r, strings *out, int depth)
{
    if (read_item(r, out, depth))
        return -1;
    if (r->p == r->end || *r->p != '?')
        return 0;
    r->p++;
    int lazy = r->p < r->end && *r->p == '?';
    if (lazy)
        r->p++;
    else if (r->p < r->end && *r->p == '+')
        return -1; /* possessive */
    strings item = *out;
    memset(out, 0, sizeof *out);
    int bad = (lazy && strings_push(out, NULL, 0, NULL, 0)) || strings_append(out, &item) ||
              (!lazy && strings_push(out, NULL, 0, NULL, 0));
    strings_free(&item);
    return bad ? -1 : 0;
}

/* A sequence up to | or ) or the end: the product of its items. */
static int read_sequence(reader *r, strings *out, int depth)
{
    memset(out, 0, sizeof *out);
    if (strings_push(out, NULL, 0, NULL, 0))
        return -1;
    while (r->p < r->end && *r->p != '|' && *r->p != ')') {
        strings item, product;
        memset(&product, 0, sizeof product);
        int bad = read_quantified(r, &item, depth) || strings_cross(out, &item, &product);
        strings_free(&item);
        if (bad) {
            strings_free(&product);
            return -1;
        }
        strings_free(out);
        *out = product;
    }
    return 0;
}

/* The alternatives at r, each read by `sequence`, one after another in out. */
static int alternation_of(reader *r, strings *out, int depth,
                          int (*sequence)(reader *, strings *, int))
{
    enum { MAX_DEPTH = 16 };
    memset(out, 0, sizeof *out);
    if (depth > MAX_DEPTH)
        return -1;
    for (;;) {
        strings seq;
        int bad = sequence(r, &seq, depth) || strings_append(out, &seq);
        strings_free(&seq);
        if (bad)
            return -1;
        if (r->p == r->end || *r->p != '|')
            return 0;
        r->p++;
    }
}

static int read_alternation(reader *r, strings *out, int depth)
{
    return alternation_of(r, out, depth, read_sequence);
}

/* The strings as a trie of characters: a node's edges are contiguous
 * (their characters in one array, scanned; their targets in another), and
 * a node where strings end knows the first of them in the order they are
 * tried.  A character is read as one word (zsmp_first_key's): a walk of a
 * byte at a time cost three steps a Han character. */
typedef struct builder {
    uint32_t *first_child, *next_sibling; /* per node, while building */
    uint32_t *key;                        /* per node: the character of the edge into it */
    uint16_t *term;
    size_t count, cap;
} builder;

static void builder_free(builder *t)
{
    free(t->first_child);
    free(t->next_sibling);
    free(t->key);
    free(t->term);
}

/* The character at s (k bytes, all within the string) as an edge key: its
 * bytes, the first in the low byte, as zsmp_first_key reads them. */
static uint32_t key_of(const unsigned char *s, size_t k)
{
    unsigned char b[4] = {0, 0, 0, 0};
    memcpy(b, s, k);
    return zsmp_load_le32(b);
}

static int new_node(builder *t, uint32_t key, uint32_t *id)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        uint32_t *fc = realloc(t->first_child, cap * sizeof *fc);
        if (fc)
            t->first_child = fc;
        uint32_t *ns = realloc(t->next_sibling, cap * sizeof *ns);
        if (ns)
            t->next_sibling = ns;
        uint32_t *ke = realloc(t->key, cap * sizeof *ke);
        if (ke)
            t->key = ke;
        uint16_t *te = realloc(t->term, cap * sizeof *te);
        if (te)
            t->term = te;
        if (!fc || !ns || !ke || !te)
            return -1;
        t->cap = cap;
    }
    *id = (uint32_t)t->count++;
    t->first_child[*id] = t->next_sibling[*id] = UINT32_MAX;
    t->key[*id] = key;
    t->term[*id] = ZSMP_LIT_NONE;
    return 0;
}

static int insert(builder *t, const char *s, size_t n, uint16_t index)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t node = 0;
    for (size_t i = 0, k; i < n; i += k) {
        k = zsmp_utf8_step(u[i]);
        k = i + k <= n ? k : n - i;
        uint32_t key = key_of(u + i, k), c = t->first_child[node];
        while (c != UINT32_MAX && t->key[c] != key)
            c = t->next_sibling[c];
        if (c == UINT32_MAX) {
            if (new_node(t, key, &c))
                return -1;
            t->next_sibling[c] = t->first_child[node];
            t->first_child[node] = c;
        }
        node = c;
    }
    if (t->term[node] == ZSMP_LIT_NONE) /* an earlier string wins */
        t->term[node] = index;
    return 0;
}

static size_t root_slot(const zsmp_literals *l, uint32_t key)
{
    size_t i = (key * 2654435761u >> 7) & l->root_mask;
    while (l->root_key[i] && l->root_key[i] != key)
        i = (i + 1) & l->root_mask;
    return i;
}

/* A root of more than one edge is looked up by a hash of the character
 * rather than scanned: most walks end at the root, where a scan compares
 * every edge (a root of 2-8 edges scanned cost 0.2% more instructions over
 * a report, and a branch a comparison). */
static int index_root(zsmp_literals *l)
{
    enum { FEW = 1 };
    uint32_t n = l->edge_start[1] - l->edge_start[0];
    if (n <= FEW)
        return 0;
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    l->root_key = calloc(size, sizeof *l->root_key);
    l->root_node = malloc(size * sizeof *l->root_node);
    if (!l->root_key || !l->root_node)
        return -1;
    l->root_mask = size - 1;
    for (uint32_t e = l->edge_start[0]; e < l->edge_start[1]; e++) {
        size_t i = root_slot(l, l->edge_key[e]);
        l->root_key[i] = l->edge_key[e];
        l->root_node[i] = l->edge_to[e];
    }
    return 0;
}

/* The built trie in the layout zsmp_literals_match() reads. */
static int flatten(const builder *t, zsmp_literals *l)
{
    l->node_count = t->count;
    l->edge_start = malloc((t->count + 1) * sizeof *l->edge_start);
    l->edge_key = malloc(t->count * sizeof *l->edge_key);
    l->edge_to = malloc(t->count * sizeof *l->edge_to);
    l->term = malloc(t->count * sizeof *l->term);
    if (!l->edge_start || !l->edge_key || !l->edge_to || !l->term)
        return -1;
    size_t e = 0;
    for (size_t node = 0; node < t->count; node++) {
        l->edge_start[node] = (uint32_t)e;
        l->term[node] = t->term[node];
        for (uint32_t c = t->first_child[node]; c != UINT32_MAX; c = t->next_sibling[c]) {
            l->edge_key[e] = t->key[c];
            l->edge_to[e++] = c;
        }
    }
    l->edge_start[t->count] = (uint32_t)e;
    return index_root(l);
}

static int build_trie(const strings *all, zsmp_literals *l)
{
    builder t = {0};
    uint32_t root;
    int bad = new_node(&t, 0, &root);
    for (size_t i = 0; !bad && i < all->count; i++) {
        size_t n;
        const char *s = str_at(all, i, &n);
        bad = insert(&t, s, n, (uint16_t)i);
    }
    bad = bad || flatten(&t, l);
    builder_free(&t);
    return bad ? -1 : 0;
}

/* The strings read (when `ok`) as l's trie, if none is empty (an empty one
 * would match at every place: no set of strings); frees them.  1 or 0. */
static int finish(zsmp_literals *l, strings *all, int ok)
{
    ok = ok && all->count > 0;
    for (size_t i = 0; ok && i < all->count; i++)
        ok = all->off[i + 1] > all->off[i];
    if (ok && build_trie(all, l)) {
        zsmp_literals_free(l);
        ok = 0;
    }
    if (ok)
        l->count = all->count;
    strings_free(all);
    return ok;
}

int zsmp_literals_read(zsmp_literals *l, const char *pattern, size_t len)
{
    memset(l, 0, sizeof *l);
    reader r = {pattern, pattern + len, 1};
    strings all;
    int ok = read_alternation(&r, &all, 0) == 0 && r.p == r.end;
    return finish(l, &all, ok);
}

/* ---------------------------------------------------------------- leads */

/* Moves past the rest of a sequence: to the | or ) that ends it, or the
 * end (escapes, classes and nested groups skipped whole). */
static void skip_sequence(reader *r)
{
    for (int depth = 0; r->p < r->end; r->p++) {
        char c = *r->p;
        if (c == '\\' && r->p + 1 < r->end) {
            r->p++;
        } else if (c == '[') {
            r->p++;
            if (r->p < r->end && *r->p == '^')
                r->p++;
            if (r->p < r->end && *r->p == ']')
                r->p++;
            while (r->p < r->end && *r->p != ']')
                r->p += *r->p == '\\' && r->p + 1 < r->end ? 2 : 1;
            if (r->p >= r->end)
                return; /* an unclosed class: the end, not past it */
        } else if (c == '(') {
            depth++;
        } else if (c == ')' || c == '|') {
            if (depth == 0)
                return;
            depth -= c == ')';
        }
    }
}

/* Reads a quantifier, if any: 1 when the item must occur at least once. */
static int read_mandatory(reader *r)
{
    int mandatory = 1;
    if (r->p < r->end && (*r->p == '?' || *r->p == '*')) {
        mandatory = 0;
        r->p++;
    } else if (r->p < r->end && *r->p == '+') {
        r->p++;
    } else if (r->p < r->end && *r->p == '{' && r->p + 1 < r->end &&
               isdigit((unsigned char)r->p[1])) {
        unsigned long least = 0;
        for (r->p++; r->p < r->end && isdigit((unsigned char)*r->p); r->p++)
            least = least < 1000 ? least * 10 + (unsigned long)(*r->p - '0') : least;
        mandatory = least > 0;
        while (r->p < r->end && *r->p != '}')
            r->p++;
        r->p += r->p < r->end;
    } else {
        return 1;
    }
    if (r->p < r->end && (*r->p == '?' || *r->p == '+'))
        r->p++; /* lazy or possessive: the same items */
    return mandatory;
}

static int lead_of_alternation(reader *r, strings *out, int depth);
static int lead_of_sequence(reader *r, strings *out, int depth);

/* No knowledge: a match may begin with anything (the set holding ""). */
static int lead_unknown(reader *r, strings *out)
{
    skip_sequence(r);
    strings_free(out);
    return strings_push(out, NULL, 0, NULL, 0);
}

/* Is the reader at a quantifier that read_quantified() leaves (* + {n})? */
static int at_repeat(const reader *r)
{
    return r->p < r->end && (*r->p == '*' || *r->p == '+' || *r->p == '{');
}

/* Does the set hold the empty string (its item may be absent)? */
static int has_empty(const strings *l)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->off[i + 1] == l->off[i])
            return 1;
    return 0;
}

/* A finite item's strings followed by those of the rest of the sequence;
 * past ZSMP_LIT_MAX strings, the item's own when it cannot be absent. */
static int lead_after_finite(reader *r, strings *item, strings *out, int depth)
{
    strings rest;
    int bad = lead_of_sequence(r, &rest, depth) || strings_cross(item, &rest, out);
    strings_free(&rest);
    if (!bad)
        return 0;
    strings_free(out);
    return has_empty(item) ? lead_unknown(r, out) : strings_append(out, item);
}

/* Is the reader at a lookaround - (?= (?! (?<= (?<! -, which matches no
 * text of its own? */
static int at_lookaround(const reader *r)
{
    const char *p = r->p;
    if (r->end - p < 4 || p[0] != '(' || p[1] != '?')
        return 0;
    return p[2] == '=' || p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!'));
}

static int skip_group(reader *r);

/* Is the group at r followed by a quantifier (a repeated lookaround,
 * left to the other readers)? */
static int at_repeat_after_group(const reader *r)
{
    reader past = *r;
    int closed = skip_group(&past);
    return closed && past.p < past.end &&
           (*past.p == '*' || *past.p == '+' || *past.p == '?' || *past.p == '{');
}

/* Moves past the group at r (at its '('); 0 when it is not closed. */
static int skip_group(reader *r)
{
    for (r->p++; r->p < r->end; r->p++) { /* r->p++: past a '|' */
        skip_sequence(r);
        if (r->p >= r->end)
            break;
        if (*r->p == ')') {
            r->p++;
            return 1;
        }
    }
    return 0;
}

/* The strings a match of the sequence at r begins with, r moved to its
 * end.  A finite item (its strings read whole, at most optional) is
 * followed by the strings of the rest; any other group or a repeated item
 * gives the strings it begins with, and the rest's too when it may be
 * absent.  "" in the set: the match may begin with anything (an item of
 * any other kind, or an empty rest).  -1 only when out of memory. */
static int lead_of_sequence(reader *r, strings *out, int depth)
{
    memset(out, 0, sizeof *out);
    if (r->p == r->end || *r->p == '|' || *r->p == ')')
        return strings_push(out, NULL, 0, NULL, 0);
    /* A lookaround reads no text: the match begins with what follows it
     * ((?<!奋)力争 with 力争). */
    if (at_lookaround(r) && !at_repeat_after_group(r))
        return skip_group(r) ? lead_of_sequence(r, out, depth) : lead_unknown(r, out);
    const char *at = r->p;
    strings item;
    if (read_quantified(r, &item, depth) == 0 && !at_repeat(r)) {
        int bad = lead_after_finite(r, &item, out, depth);
        strings_free(&item);
        return bad;
    }
    strings_free(&item);
    r->p = at;
    int known;
    if (*r->p == '(') {
        known = open_group(r) && lead_of_alternation(r, &item, depth + 1) == 0 && r->p < r->end &&
                *r->p == ')';
        r->p += known;
    } else {
        known = read_item(r, &item, depth) == 0;
    }
    if (!known) {
        strings_free(&item);
        return lead_unknown(r, out);
    }
    int bad;
    if (read_mandatory(r)) {
        skip_sequence(r);
        bad = strings_append(out, &item);
    } else {
        strings rest;
        bad = lead_of_sequence(r, &rest, depth) || strings_append(out, &item) ||
              strings_append(out, &rest);
        strings_free(&rest);
    }
    strings_free(&item);
    return bad;
}

static int lead_of_alternation(reader *r, strings *out, int depth)
{
    return alternation_of(r, out, depth, lead_of_sequence); /* too deep: no lead */
}

int zsmp_literals_read_lead(zsmp_literals *l, const char *pattern, size_t len)
{
    memset(l, 0, sizeof *l);
    reader r = {pattern, pattern + len, 0};
    strings all;
    int ok = lead_of_alternation(&r, &all, 0) == 0 && r.p == r.end;
    return finish(l, &all, ok); /* "" in the set: anything may begin a match */
}

/* ------------------------------------------------------------- required */

/* Moves past one item of any kind (a character, an escape, a class, a
 * group) and its quantifier; 0 when the syntax is not read. */
static int skip_item(reader *r)
{
    char c = *r->p;
    if (c == '(') {
        if (!skip_group(r))
            return 0;
    } else if (c == '[') {
        const char *end = r->p + 1;
        end += end < r->end && *end == '^';
        end += end < r->end && *end == ']';
        while (end < r->end && *end != ']')
            end += *end == '\\' && end + 1 < r->end ? 2 : 1;
        if (end >= r->end)
            return 0;
        r->p = end + 1;
    } else if (c == '\\') {
        if (r->end - r->p < 2 || r->p[1] == 'Q')
            return 0;
        r->p += 2;
        if (r->p < r->end && *r->p == '{' && strchr("pPxgk", r->p[-1])) {
            const char *close = memchr(r->p, '}', (size_t)(r->end - r->p));
            if (!close)
                return 0;
            r->p = close + 1;
        }
    } else {
        size_t k = zsmp_utf8_step((unsigned char)c);
        if (k > (size_t)(r->end - r->p))
            return 0;
        r->p += k;
    }
    read_mandatory(r);
    return 1;
}

/* The shortest of the strings, in bytes. */
static size_t shortest(const strings *l)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < l->count; i++)
        if (l->off[i + 1] - l->off[i] < best)
            best = l->off[i + 1] - l->off[i];
    return best;
}

/* Keeps `item` in *best when it is the better witness: its shortest string
 * longer (rarer in text), or as long and later (nearer the match's end). */
static void keep_better(strings *best, strings *item)
{
    if (item->count && !has_empty(item) && (!best->count || shortest(item) >= shortest(best))) {
        strings_free(best);
        *best = *item;
    } else {
        strings_free(item);
    }
    memset(item, 0, sizeof *item);
}

static int required_of_alternation(reader *r, strings *out, int depth);

/* A run of literal characters read so far (every match consumes it whole):
 * offered to keep_better() when it ends. */
typedef struct run {
    char buf[256];
    size_t len;
} run;

static int end_run(strings *best, run *u)
{
    if (u->len == 0)
        return 0;
    strings item;
    memset(&item, 0, sizeof item);
    int bad = strings_push(&item, u->buf, u->len, NULL, 0);
    u->len = 0;
    if (bad) {
        strings_free(&item);
        return -1;
    }
    keep_better(best, &item);
    return 0;
}

/* Appends a character's n bytes to the run (a full run ends first). */
static int run_add(strings *best, run *u, const char *c, size_t n)
{
    if (u->len + n > sizeof u->buf && end_run(best, u))
        return -1;
    memcpy(u->buf + u->len, c, n);
    u->len += n;
    return 0;
}

/* The length of the character at r when it is a plain one (no syntax, no
 * quantifier after it), a run's next; 0 otherwise. */
static size_t plain_char(const reader *r)
{
    unsigned char c = (unsigned char)*r->p;
    size_t k = zsmp_utf8_step(c);
    if ((c < 0x80 && (c == 0 || strchr("\\[](){}.?*+|^$", c))) || k > (size_t)(r->end - r->p))
        return 0;
    const char *after = r->p + k;
    return after < r->end && *after && strchr("?*+{", *after) ? 0 : k;
}

/* A set of strings one of which every match of the sequence at r consumes
 * (count 0: none known), r moved to its end: of the sequence's runs of
 * literal characters, its classes of plain characters and its groups whose
 * every alternative has such a set - those that must occur - the one
 * keep_better() prefers.  Lookarounds consume nothing and are passed.  One
 * walk over the pattern (no group's strings are multiplied out).  -1 for
 * syntax not read, or out of memory. */
static int required_of_sequence(reader *r, strings *best, int depth)
{
    memset(best, 0, sizeof *best);
    size_t n;
    run u;
    u.len = 0; /* the buffer is written before it is read */
    while (r->p < r->end && *r->p != '|' && *r->p != ')') {
        strings item;
        memset(&item, 0, sizeof item);
        const char *at = r->p;
        if (*r->p == '{')
            return -1; /* a brace no item's quantifier took: {,5} reads by PCRE2's version */
        if (at_lookaround(r)) {
            if (end_run(best, &u) || !skip_group(r))
                return -1;
            read_mandatory(r);
        } else if (*r->p == '(') {
            if (end_run(best, &u) || !open_group(r))
                return -1; /* options, atomic or conditional groups, verbs */
            if (required_of_alternation(r, &item, depth + 1) || r->p >= r->end || *r->p != ')') {
                strings_free(&item);
                return -1;
            }
            r->p++;
            if (read_mandatory(r))
                keep_better(best, &item);
        } else if ((n = plain_char(r)) != 0) { /* the common case, read here */
            if (run_add(best, &u, r->p, n))
                return -1;
            r->p += n;
        } else if (*r->p != '[' && read_item(r, &item, depth) == 0 && item.count == 1) {
            const char *c = str_at(&item, 0, &n);
            if (at_repeat(r) || (r->p < r->end && *r->p == '?')) { /* its own item */
                if (end_run(best, &u))
                    return strings_free(&item), -1;
                if (read_mandatory(r))
                    keep_better(best, &item);
            } else {
                if (run_add(best, &u, c, n))
                    return strings_free(&item), -1;
            }
        } else {
            strings_free(&item);
            r->p = at;
            if (end_run(best, &u))
                return -1;
            if (*r->p == '[') {
                r->p++;
                if (read_class(r, &item) == 0 && r->p <= r->end) {
                    if (read_mandatory(r))
                        keep_better(best, &item);
                } else {
                    r->p = at;
                    if (!skip_item(r))
                        return strings_free(&item), -1;
                }
            } else if (!skip_item(r)) {
                return -1;
            }
        }
        strings_free(&item);
    }
    return end_run(best, &u);
}

/* The union of the alternatives' sets at r; empty when one has none, or
 * past GATE_MAX strings (a long word list - currencies, place names - is
 * no gate worth its walk, and building it costs start-up time). */
static int required_of_alternation(reader *r, strings *out, int depth)
{
    enum { MAX_DEPTH = 16, GATE_MAX = 32 };
    memset(out, 0, sizeof *out);
    if (depth > MAX_DEPTH)
        return -1;
    int every = 1;
    for (;;) {
        strings seq;
        memset(&seq, 0, sizeof seq);
        if (!every) {
            skip_sequence(r); /* no set whatever it holds: passed unread */
        } else if (required_of_sequence(r, &seq, depth)) {
            strings_free(&seq);
            return -1;
        }
        every = every && seq.count && out->count + seq.count <= GATE_MAX &&
                strings_append(out, &seq) == 0;
        if (!every)
            strings_free(out);
        strings_free(&seq);
        if (r->p == r->end || *r->p != '|')
            break;
        r->p++;
    }
    return 0;
}

/* Sets the bit of the hash of the character at w (a string's first). */
static void add_hash(unsigned char *bits, const char *w, size_t n)
{
    unsigned char key[4] = {0, 0, 0, 0};
    size_t first = zsmp_utf8_step((unsigned char)w[0]), k;
    memcpy(key, w, first < n ? first : n);
    unsigned h = zsmp_first_hash(zsmp_first_key(key, &k));
    bits[h >> 3] |= (unsigned char)(1u << (h & 7));
}

int zsmp_gate_read(zsmp_gate *g, const char *pattern, size_t len)
{
    memset(g, 0, sizeof *g);
    reader r = {pattern, pattern + len, 0};
    strings all;
    int ok = required_of_alternation(&r, &all, 0) == 0 && r.p == r.end && all.count;
    for (size_t i = 0; ok && i < all.count; i++) {
        size_t n;
        const char *w = str_at(&all, i, &n);
        add_hash(g->first, w, n);
    }
    if (!finish(&g->required, &all, ok)) {
        memset(g, 0, sizeof *g);
        return 0;
    }
    g->barriers = zsmp_first_barriers(pattern, len);
    memcpy(g->stops, g->first, sizeof g->stops);
    for (int i = 0; i < ZSMP_BARRIERS; i++)
        if ((g->barriers >> i) & 1) {
            unsigned char w[4] = {0, 0, 0, 0};
            size_t k;
            add_hash(g->stops, (const char *)w, zsmp_utf8_put(zsmp_barrier_chars[i], (char *)w));
            g->barrier_key[g->barrier_count++] = zsmp_first_key(w, &k);
        }
    return 1;
}

void zsmp_gate_free(zsmp_gate *g)
{
    zsmp_literals_free(&g->required);
    memset(g, 0, sizeof *g);
}

static int is_barrier(const zsmp_gate *g, uint32_t key)
{
    for (unsigned i = 0; i < g->barrier_count; i++)
        if (g->barrier_key[i] == key)
            return 1;
    return 0;
}

/* Walks from `at` to the first barrier or string of the gate (or b): its
 * place in *stop, and whether it is a string. */
static int gate_scan(const zsmp_gate *g, const char *s, size_t at, size_t b, size_t *stop)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = at, k;
    for (; i < b; i += k) {
        uint32_t key = zsmp_first_key(u + i, &k);
        unsigned h = zsmp_first_hash(key);
        if (!((g->stops[h >> 3] >> (h & 7)) & 1))
            continue;
        if (is_barrier(g, key))
            break;
        if ((g->first[h >> 3] >> (h & 7)) & 1 && zsmp_literals_any(&g->required, s, i, b)) {
            *stop = i;
            return 1;
        }
    }
    *stop = i < b ? i : b;
    return 0;
}

int zsmp_gate_pass(const zsmp_gate *g, zsmp_gate_memo *memo, const char *s, size_t at, size_t b)
{
    enum { TRIAL = 64 }; /* tries before a gate that rarely shuts is left off */
    if (!g->required.count || memo->off)
        return 1;
    if (!memo->kept || memo->b != b || at < memo->from || at > memo->stop) {
        size_t stop;
        memo->open = (unsigned char)gate_scan(g, s, at, b, &stop);
        memo->from = at;
        memo->stop = stop;
        memo->b = b;
        memo->kept = 1;
    }
    memo->tries++;
    memo->shut += !memo->open;
    if (memo->tries == TRIAL && memo->shut * 8 < memo->tries)
        memo->off = 1;
    return memo->open;
}

/* The node the edge reading character `key` leads to from `node`;
 * UINT32_MAX if none. */
static inline uint32_t child(const zsmp_literals *l, uint32_t node, uint32_t key)
{
    if (node == 0 && l->root_key) {
        size_t i = root_slot(l, key);
        return l->root_key[i] ? l->root_node[i] : UINT32_MAX;
    }
    uint32_t e = l->edge_start[node], stop = l->edge_start[node + 1];
    while (e < stop && l->edge_key[e] != key)
        e++;
    return e < stop ? l->edge_to[e] : UINT32_MAX;
}

/* The node after the character at u[*i] (moving *i past it), UINT32_MAX
 * when none or the character does not end by b. */
static inline uint32_t step(const zsmp_literals *l, uint32_t node, const unsigned char *u,
                            size_t *i, size_t b)
{
    size_t k = zsmp_utf8_step(u[*i]);
    if (k > b - *i)
        return UINT32_MAX;
    uint32_t key = b - *i >= 4 ? zsmp_first_key(u + *i, &k) : key_of(u + *i, k);
    *i += k;
    return child(l, node, key);
}

int zsmp_literals_match(const zsmp_literals *l, const char *s, size_t at, size_t b, size_t *end)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned best = ZSMP_LIT_NONE;
    for (size_t i = at, node = 0; node != UINT32_MAX;) {
        if (l->term[node] < best) {
            best = l->term[node];
            *end = i;
        }
        node = i < b ? step(l, (uint32_t)node, u, &i, b) : UINT32_MAX;
    }
    return best != ZSMP_LIT_NONE;
}

int zsmp_literals_read_last(zsmp_literals *l, zsmp_first *where, const char *pattern, size_t len)
{
    memset(l, 0, sizeof *l);
    strings all;
    memset(&all, 0, sizeof all);
    zsmp_first set;
    memset(&set, 0, sizeof set);
    int ok = 1;
    for (reader r = {pattern, pattern + len, 0}; ok;) { /* each top-level alternative */
        const char *alt = r.p;
        skip_sequence(&r);
        size_t n = (size_t)(r.p - alt), item = zsmp_first_last_item(alt, n);
        reader last = {alt + item, alt + n, 0};
        strings some;
        memset(&some, 0, sizeof some);
        ok = item < n && read_alternation(&last, &some, 1) == 0 && last.p == last.end &&
             strings_append(&all, &some) == 0;
        strings_free(&some);
        if (ok) { /* where this alternative's last item can begin */
            zsmp_first one;
            zsmp_first_read(&one, NULL, alt + item, n - item);
            ok = one.known && one.max_len != SIZE_MAX;
            if (ok)
                zsmp_first_union(&set, &one);
        }
        if (r.p == r.end)
            break;
        ok = ok && *r.p == '|';
        r.p++;
    }
    if (!finish(l, &all, ok))
        return 0;
    set.known = 1;
    set.slot = -1;
    *where = set;
    return 1;
}

int zsmp_literals_any(const zsmp_literals *l, const char *s, size_t at, size_t b)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t node = 0;
    for (size_t i = at; l->term[node] == ZSMP_LIT_NONE;)
        if (i >= b || (node = step(l, node, u, &i, b)) == UINT32_MAX)
            return 0;
    return 1;
}

/* zsmp_literals_after_run() from `node`, reached through characters of
 * the run (none yet at the root). */
static int after_run_from(const zsmp_literals *l, uint32_t node, int (*in_run)(uint32_t),
                          uint32_t *out, size_t max, size_t *n)
{
    if (node != 0 && l->term[node] != ZSMP_LIT_NONE)
        return 0; /* a string ends within its run */
    for (uint32_t e = l->edge_start[node]; e < l->edge_start[node + 1]; e++) {
        uint32_t k32 = l->edge_key[e], cp; /* the character's bytes, the first in the low byte */
        const unsigned char key[4] = {(unsigned char)k32, (unsigned char)(k32 >> 8),
                                      (unsigned char)(k32 >> 16), (unsigned char)(k32 >> 24)};
        if (!zsmp_utf8_get(key, sizeof key, &cp))
            return 0;
        if (in_run(cp)) {
            if (!after_run_from(l, l->edge_to[e], in_run, out, max, n))
                return 0;
            continue;
        }
        if (node == 0)
            continue; /* a string not beginning with the run */
        size_t k = 0;
        while (k < *n && out[k] != cp)
            k++;
        if (k == *n) {
            if (*n == max)
                return 0;
            out[(*n)++] = cp;
        }
    }
    return 1;
}

int zsmp_literals_after_run(const zsmp_literals *l, int (*in_run)(uint32_t), uint32_t *out,
                            size_t max, size_t *n)
{
    *n = 0;
    /* The empty string (a word that may match nothing) begins anywhere. */
    return l->count && l->term[0] == ZSMP_LIT_NONE && after_run_from(l, 0, in_run, out, max, n);
}

void zsmp_literals_last_chars(const zsmp_literals *l, unsigned char *bits)
{
    for (size_t node = 0; node < l->node_count; node++)
        for (uint32_t e = l->edge_start[node]; e < l->edge_start[node + 1]; e++)
            if (l->term[l->edge_to[e]] != ZSMP_LIT_NONE) { /* a string ends after it */
                unsigned h = zsmp_first_hash(l->edge_key[e]);
                bits[h >> 3] |= (unsigned char)(1u << (h & 7));
            }
}

int zsmp_literals_same(const zsmp_literals *a, const zsmp_literals *b)
{
    size_t n = a->node_count;
    if (a->count != b->count || n != b->node_count)
        return 0;
    if (n == 0)
        return 1;
    return memcmp(a->edge_start, b->edge_start, (n + 1) * sizeof *a->edge_start) == 0 &&
           memcmp(a->edge_key, b->edge_key, a->edge_start[n] * sizeof *a->edge_key) == 0 &&
           memcmp(a->edge_to, b->edge_to, a->edge_start[n] * sizeof *a->edge_to) == 0 &&
           memcmp(a->term, b->term, n * sizeof *a->term) == 0;
}

void zsmp_literals_free(zsmp_literals *l)
{
    free(l->edge_start);
    free(l->edge_key);
    free(l->root_key);
    free(l->root_node);
    free(l->edge_to);
    free(l->term);
    memset(l, 0, sizeof *l);
}
