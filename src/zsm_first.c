/* zsm_first.c - the code points a pattern's match can begin with.
 *
 * A prefilter for the match and lexicon stages: where the character at a
 * place cannot begin a match, PCRE2 is not called there (a call costs a few
 * hundred instructions even when it fails at once).  The set is read off
 * the pattern with its fragments expanded, by a small reader of the regex
 * syntax rules use: literals, classes, groups, alternatives, quantifiers,
 * lookarounds (they consume nothing).  Whatever it does not read - `.`, a
 * negated class, \S, a backreference, an option, a verb, \G - makes the
 * set unknown, and a pattern that can match the empty string has none.  So
 * a known set always holds every true first code point (it may hold more:
 * code points are hashed into a bitmap), and skipping the places it rules
 * out never changes a result.  The same reader gives a pattern's longest
 * match and the set of its last item (where a search can stop).
 *
 * All the sets of a rules object become one table of classes, and each
 * document is indexed once, a class byte a place (zsmp_starts): a search
 * then reads one byte a character.  unit.first (tests/unit/test_core.c)
 * checks every claim against PCRE2 itself, for every pattern of the
 * default rules, over the samples.
 */
#include "zsm_internal.h"

#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ZSMP_SHUFFLE 1 /* SSSE3's byte shuffle, asked of the CPU at run time */
#endif

/* The pattern being read, and whether the reader gave up. */
typedef struct reader {
    const char *p, *end;
    int failed; /* syntax we do not read: the set is unknown */
    int any;    /* a first place may hold any character */
    /* For the last item (zsmp_first_read with last): */
    int depth;             /* of groups around r->p */
    int top_alternatives;  /* a | outside every group */
    int end_assertion;     /* $ \z \Z \b \B: what follows a match's end matters */
    size_t lookahead;      /* the longest a lookahead reads; INF: unbounded */
    const char *last_item; /* where the last item outside every group starts */
} reader;

/* The hash of code point cp: that of its UTF-8 bytes (zsmp_first_key). */
static unsigned cp_hash(uint32_t cp)
{
    unsigned char bytes[4] = {0, 0, 0, 0};
    zsmp_utf8_put(cp, (char *)bytes);
    size_t k;
    return zsmp_first_hash(zsmp_first_key(bytes, &k));
}

int zsmp_first_has(const zsmp_first *f, uint32_t cp)
{
    unsigned h = cp_hash(cp);
    return f->bits[h >> 3] & (1u << (h & 7));
}

void zsmp_first_union(zsmp_first *a, const zsmp_first *b)
{
    a->count = 0;
    for (size_t i = 0; i < sizeof a->bits; i++) {
        a->bits[i] |= b->bits[i];
        for (unsigned v = a->bits[i]; v; v &= v - 1)
            a->count++;
    }
    a->max_len = a->max_len > b->max_len ? a->max_len : b->max_len;
}

static void add_cp(zsmp_first *f, uint32_t cp, int collect)
{
    if (!collect)
        return;
    unsigned h = cp_hash(cp);
    f->count += !(f->bits[h >> 3] & (1u << (h & 7)));
    f->bits[h >> 3] |= (unsigned char)(1u << (h & 7));
}

/* A range of code points; a wide one (a script block) is as good as any. */
static void add_range(reader *r, zsmp_first *f, uint32_t lo, uint32_t hi, int collect)
{
    enum { MAX_RANGE = 1024 };
    if (!collect || hi < lo)
        return;
    if (hi - lo >= MAX_RANGE) {
        r->any = 1;
        return;
    }
    for (uint32_t cp = lo; cp <= hi; cp++)
        add_cp(f, cp, 1);
}

/* \s \d \w without PCRE2_UCP: ASCII only. */
static int add_class_escape(reader *r, zsmp_first *f, char c, int collect)
{
    switch (c) {
    case 's':
        add_range(r, f, 9, 13, collect);
        add_cp(f, ' ', collect);
        return 1;
    case 'd': add_range(r, f, '0', '9', collect); return 1;
    case 'w':
        add_range(r, f, '0', '9', collect);
        add_range(r, f, 'A', 'Z', collect);
        add_range(r, f, 'a', 'z', collect);
        add_cp(f, '_', collect);
        return 1;
    case 'S':
    case 'D':
    case 'W':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
    case 'R':
    case 'N':
    case 'X':
        if (collect)
            r->any = 1;
        return 1;
    default: return 0;
    }
}

/* \p{…} \P{…}: any (the reader does not know Unicode properties). */
static int skip_property(reader *r, int collect)
{
    if (r->p < r->end && *r->p == '{') {
        const char *close = memchr(r->p, '}', (size_t)(r->end - r->p));
        if (!close)
            return 0;
        r->p = close + 1;
    } else if (r->p < r->end) {
        r->p++;
    }
    if (collect)
        r->any = 1;
    return 1;
}

/* A literal code point: UTF-8 at r->p, or an escape already past its '\'
 * (\x{…}, \xHH, \t \n \r \f \e \a, or an escaped punctuation mark).
 * Returns 0 (and sets r->failed) for anything else. */
static int read_literal(reader *r, uint32_t *cp, int escaped)
{
    if (r->p >= r->end)
        return r->failed = 1, 0;
    unsigned char c = (unsigned char)*r->p;
    if (escaped && c == 'x') {
        r->p++;
        uint32_t v = 0;
        int digits = 0;
        int braced = r->p < r->end && *r->p == '{';
        if (braced)
            r->p++;
        while (r->p < r->end && digits < (braced ? 8 : 2)) {
            char h = *r->p;
            int d = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
            if (d < 0)
                break;
            v = v * 16 + (uint32_t)d;
            digits++;
            r->p++;
        }
        if (braced) {
            if (r->p >= r->end || *r->p != '}')
                return r->failed = 1, 0;
            r->p++;
        }
        *cp = v;
        return 1;
    }
    if (escaped && c < 0x80 &&
        ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        static const char from[] = "tnrfea", to[] = "\t\n\r\f\x1b\a";
        const char *k = strchr(from, c);
        if (!k)
            return r->failed = 1, 0; /* \k, \g, \1, \Q, \c, \o … */
        *cp = (unsigned char)to[k - from];
        r->p++;
        return 1;
    }
    size_t n = zsmp_utf8_get((const unsigned char *)r->p, (size_t)(r->end - r->p), cp);
    if (!n)
        return r->failed = 1, 0;
    r->p += n;
    return 1;
}

void zsmp_first_add(zsmp_first *f, uint32_t cp)
{
    f->known = 1;
    add_cp(f, cp, 1);
}

/* Lengths in bytes of what an item can match: INF when unbounded. */
#define INF SIZE_MAX

static size_t len_add(size_t a, size_t b)
{
    return a == INF || b == INF || a + b < a ? INF : a + b;
}

static size_t len_times(size_t a, long n)
{
    return a == INF || n < 0 ? INF : a == 0 ? 0 : (size_t)n > INF / a ? INF : a * (size_t)n;
}

static size_t utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* [...] at r->p; a negated class may begin with anything.  *max: the
 * longest character it matches, in bytes. */
static void read_class(reader *r, zsmp_first *f, int collect, size_t *max)
{
    r->p++; /* [ */
    int negated = r->p < r->end && *r->p == '^';
    if (negated) {
        r->p++;
        if (collect)
            r->any = 1;
    }
    *max = negated ? 4 : 1;
    int col = collect && !negated;
    int first = 1;
    while (!r->failed) {
        if (r->p >= r->end)
            return (void)(r->failed = 1);
        char c = *r->p;
        if (c == ']' && !first) {
            r->p++;
            return;
        }
        first = 0;
        if (c == '[' && r->p + 1 < r->end && r->p[1] == ':')
            return (void)(r->failed = 1); /* a POSIX class */
        uint32_t lo;
        if (c == '\\') {
            r->p++;
            if (r->p < r->end && add_class_escape(r, f, *r->p, col)) {
                if (*r->p >= 'A' && *r->p <= 'Z')
                    *max = 4; /* \S \D \W … */
                r->p++;
                continue;
            }
            if (r->p < r->end && (*r->p == 'p' || *r->p == 'P')) {
                r->p++;
                *max = 4;
                if (!skip_property(r, col))
                    return (void)(r->failed = 1);
                continue;
            }
            if (!read_literal(r, &lo, 1))
                return;
        } else if (!read_literal(r, &lo, 0)) {
            return;
        }
        uint32_t hi = lo;
        if (r->p + 1 < r->end && r->p[0] == '-' && r->p[1] != ']') {
            r->p++;
            int esc = *r->p == '\\';
            if (esc)
                r->p++;
            if (!read_literal(r, &hi, esc))
                return;
        }
        add_range(r, f, lo, hi, col);
        if (!negated && utf8_len(hi) > *max)
            *max = utf8_len(hi);
    }
}

static int read_alternatives(reader *r, zsmp_first *f, int collect, size_t *max);

/* The opening of the group at r->p ('('): where its content begins in
 * *content, and 1 for a lookaround, 0 for a group whose content is matched
 * as it stands; -1 for a verb, an option, a comment, a condition or a
 * recursion (not read).  *name (when name is not NULL): a named group's
 * name, which ends right before *content; NULL for any other group. */
static int group_opening(const reader *r, const char **content, const char **name)
{
    const char *p = r->p + 1;
    int lookaround = 0;
    if (name)
        *name = NULL;
    if (p < r->end && *p == '*')
        return -1; /* a verb */
    if (p < r->end && *p == '?') {
        p++;
        if (p < r->end && (*p == ':' || *p == '>' || *p == '|')) {
            p++;
        } else if (p < r->end && (*p == '=' || *p == '!')) {
            p++, lookaround = 1;
        } else if (p + 1 < r->end && *p == '<' && (p[1] == '=' || p[1] == '!')) {
            p += 2, lookaround = 1;
        } else if (p < r->end &&
                   (*p == '<' || *p == '\'' || (*p == 'P' && p + 1 < r->end && p[1] == '<'))) {
            char close = *p == '\'' ? '\'' : '>';
            const char *q = memchr(p, close, (size_t)(r->end - p));
            if (!q)
                return -1;
            if (name)
                *name = p + (*p == 'P' ? 2 : 1);
            p = q + 1; /* a named group */
        } else {
            return -1; /* options, comments, conditions, recursion */
        }
    }
    *content = p;
    return lookaround;
}

/* (...) at r->p: a group, or a lookaround (zero width: nothing consumed,
 * so nothing added; it only narrows what follows).  Returns whether it can
 * match the empty string. */
static int read_group(reader *r, zsmp_first *f, int collect, size_t *max)
{
    const char *p;
    int lookaround = group_opening(r, &p, NULL);
    if (lookaround < 0)
        return r->failed = 1, 0;
    r->p = p;
    r->depth++;
    int nullable = read_alternatives(r, f, collect && !lookaround, max);
    r->depth--;
    if (r->failed || r->p >= r->end || *r->p != ')')
        return r->failed = 1, 0;
    r->p++;
    if (lookaround && p[-1] != '=' && p[-1] != '!')
        lookaround = 2; /* a lookbehind reads what is before */
    if (lookaround == 1 && *max > r->lookahead)
        r->lookahead = *max;
    if (lookaround)
        *max = 0;
    return lookaround ? 1 : nullable;
}

/* One atom; returns whether it can match the empty string. */
static int read_atom(reader *r, zsmp_first *f, int collect, size_t *max)
{
    char c = *r->p;
    uint32_t cp;
    *max = 0;
    switch (c) {
    case '(': return read_group(r, f, collect, max);
    case '[': read_class(r, f, collect, max); return 0;
    case '.':
        r->p++;
        *max = 4;
        if (collect)
            r->any = 1;
        return 0;
    case '^': r->p++; return 1;
    case '$':
        r->p++;
        r->end_assertion = 1;
        return 1;
    case '*':
    case '+':
    case '?': return r->failed = 1, 0;
    case '\\':
        r->p++;
        if (r->p >= r->end)
            return r->failed = 1, 0;
        c = *r->p;
        if (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z') {
            r->end_assertion |= c != 'A';
            r->p++;
            return 1; /* zero width */
        }
        if (c == 'K') {
            r->p++;
            return 1; /* zero width: the set stays that of where an attempt begins */
        }
        if (c == 'G')
            return r->failed = 1, 0; /* its meaning depends on the start offset */
        if (add_class_escape(r, f, c, collect)) {
            *max = c == 'X' || c == 'R' ? INF : c >= 'A' && c <= 'Z' ? 4 : 1;
            r->p++;
            return 0;
        }
        if (c == 'p' || c == 'P') {
            r->p++;
            *max = 4;
            if (!skip_property(r, collect))
                r->failed = 1;
            return 0;
        }
        if (read_literal(r, &cp, 1)) {
            add_cp(f, cp, collect);
            *max = utf8_len(cp);
        }
        return 0;
    default:
        if (read_literal(r, &cp, 0)) {
            add_cp(f, cp, collect);
            *max = utf8_len(cp);
        }
        return 0;
    }
}

/* A {n}, {n,} or {n,m} quantifier at r->p: its minimum, and its maximum
 * in *most (-1 for none); -1 when the brace is a literal there. */
static long read_braces(reader *r, long *most)
{
    const char *p = r->p + 1;
    long min = 0;
    int digits = 0;
    while (p < r->end && *p >= '0' && *p <= '9' && digits < 6)
        min = min * 10 + (*p++ - '0'), digits++;
    if (!digits)
        return -1;
    *most = min;
    if (p < r->end && *p == ',') {
        long m = 0;
        int n = 0;
        for (p++; p < r->end && *p >= '0' && *p <= '9'; p++, n++)
            if (n < 6)
                m = m * 10 + (*p - '0');
        *most = n == 0 || n > 6 ? -1 : m; /* {n,}: no maximum */
    }
    if (p >= r->end || *p != '}')
        return -1;
    r->p = p + 1;
    return min;
}

/* An atom and its quantifier, if any. */
static int read_quantified(reader *r, zsmp_first *f, int collect, size_t *max)
{
    int nullable = read_atom(r, f, collect, max);
    if (r->failed || r->p >= r->end)
        return nullable;
    char q = *r->p;
    if (q == '?') {
        r->p++;
        nullable = 1;
    } else if (q == '*' || q == '+') {
        r->p++;
        nullable |= q == '*';
        *max = len_times(*max, -1);
    } else if (q == '{') {
        long most = -1, min = read_braces(r, &most);
        if (min < 0)
            return nullable;
        if (min == 0)
            nullable = 1;
        *max = len_times(*max, most);
    } else {
        return nullable;
    }
    if (r->p < r->end && (*r->p == '?' || *r->p == '+'))
        r->p++; /* lazy or possessive */
    return nullable;
}

/* Items up to |, ) or the end: the first code points of the first item,
 * and of each further one while all before it can be empty. */
static int read_sequence(reader *r, zsmp_first *f, int collect, size_t *max)
{
    int nullable = 1;
    *max = 0;
    while (!r->failed && r->p < r->end && *r->p != '|' && *r->p != ')') {
        size_t item;
        if (r->depth == 0)
            r->last_item = r->p;
        nullable &= read_quantified(r, f, collect && nullable, &item);
        *max = len_add(*max, item);
    }
    return nullable;
}

static int read_alternatives(reader *r, zsmp_first *f, int collect, size_t *max)
{
    int nullable = read_sequence(r, f, collect, max);
    while (!r->failed && r->p < r->end && *r->p == '|') {
        r->top_alternatives |= r->depth == 0;
        r->p++;
        size_t alt;
        nullable |= read_sequence(r, f, collect, &alt);
        if (alt > *max)
            *max = alt;
    }
    return nullable;
}

/* Reads the first set of pattern into f; returns the reader's state (for
 * the last item). */
static reader read_set(zsmp_first *f, const char *pattern, size_t len)
{
    memset(f, 0, sizeof *f);
    f->slot = -1;
    reader r = {pattern, pattern + len, 0, 0, 0, 0, 0, 0, NULL};
    size_t max = INF;
    int nullable = read_alternatives(&r, f, 1, &max);
    f->known = !r.failed && !r.any && !nullable && r.p == r.end;
    f->max_len = r.failed || r.p != r.end ? INF : max;
    if (!f->known) {
        memset(f->bits, 0, sizeof f->bits);
        f->count = 0;
    }
    return r;
}

/* The set of the last item of the pattern `r` has read, when every match
 * ends with it; unknown otherwise. */
static void read_last(zsmp_first *last, const reader *r)
{
    int usable = !r->failed && r->p == r->end && !r->top_alternatives && !r->end_assertion &&
                 r->lookahead != INF && r->last_item;
    if (usable)
        read_set(last, r->last_item, (size_t)(r->end - r->last_item));
    if (!usable || !last->known || last->max_len == INF) {
        memset(last, 0, sizeof *last);
        last->slot = -1;
        last->max_len = INF;
        return;
    }
    last->max_len = len_add(last->max_len, r->lookahead);
}

void zsmp_first_read(zsmp_first *f, zsmp_first *last, const char *pattern, size_t len)
{
    reader r = read_set(f, pattern, len);
    if (last)
        read_last(last, &r);
}

size_t zsmp_first_last_item(const char *pattern, size_t len)
{
    zsmp_first f, last;
    reader r = read_set(&f, pattern, len);
    read_last(&last, &r);
    return last.known ? (size_t)(r.last_item - pattern) : len;
}

/* Reads pattern[0, len) for its longest match only (no set collected): the
 * reader's state, the length in *max. */
static reader read_length(const char *pattern, size_t len, size_t *max)
{
    zsmp_first unused;
    reader r = {pattern, pattern + len, 0, 0, 0, 0, 0, 0, NULL};
    read_alternatives(&r, &unused, 0, max);
    return r;
}

size_t zsmp_first_reach(const char *pattern, size_t len, size_t at)
{
    /* The items before `at` read whole (not a cut inside a group or a
     * class), of bounded length; the item at `at` never absent; no | outside
     * every group after it (a short prefix is read first: most patterns
     * stop there). */
    size_t reach, item;
    reader before = read_length(pattern, at, &reach);
    if (at >= len || before.failed || before.p != before.end || before.top_alternatives ||
        reach == INF)
        return INF;
    zsmp_first unused;
    reader r = {pattern + at, pattern + len, 0, 0, 0, 0, 0, 0, NULL};
    if (read_quantified(&r, &unused, 0, &item) || r.failed)
        return INF;
    reader rest = read_length(r.p, (size_t)(pattern + len - r.p), &item);
    return rest.failed || rest.p != rest.end || rest.top_alternatives ? INF : reach;
}

/* ------------------------------------------------------------ barriers */

const uint32_t zsmp_barrier_chars[ZSMP_BARRIERS] = {',', ';', 0x3002 /* 。 */, ':', 0x3001 /* 、 */,
                                                    '!', '?'};
enum { ALL_BARRIERS = (1u << ZSMP_BARRIERS) - 1 };

/* The barrier characters in [lo, hi], as bits. */
static unsigned barriers_in(uint32_t lo, uint32_t hi)
{
    unsigned bits = 0;
    for (int i = 0; i < ZSMP_BARRIERS; i++)
        if (zsmp_barrier_chars[i] >= lo && zsmp_barrier_chars[i] <= hi)
            bits |= 1u << i;
    return bits;
}

/* The barrier characters an escape at r->p (past its '\\') may match, r
 * moved past it; -1 when not read.  \s \d \w \h \v match none of them
 * (ASCII without PCRE2_UCP; \h \v are spaces); \S \D \W \N \p … may match
 * any. */
static int escape_barriers(reader *r)
{
    if (r->p >= r->end)
        return -1;
    char c = *r->p;
    if (c && strchr("sdwhvbBAzZGKE", c))
        return r->p++, 0;
    if (c && strchr("SDWHVNRX", c))
        return r->p++, ALL_BARRIERS;
    if (c == 'p' || c == 'P') {
        r->p++;
        return skip_property(r, 0) ? ALL_BARRIERS : -1;
    }
    uint32_t cp;
    return read_literal(r, &cp, 1) ? (int)barriers_in(cp, cp) : -1;
}

/* The barrier characters the class at r->p (past its '[') may match, r
 * moved past its ']'; -1 when not read. */
static int class_barriers(reader *r)
{
    int negated = r->p < r->end && *r->p == '^';
    r->p += negated;
    unsigned member = 0;
    for (int first = 1;; first = 0) {
        if (r->p >= r->end || (*r->p == '[' && r->p + 1 < r->end && r->p[1] == ':'))
            return -1; /* unclosed, or a POSIX class */
        if (*r->p == ']' && !first) {
            r->p++;
            break;
        }
        uint32_t lo, hi;
        if (*r->p == '\\') {
            r->p++;
            if (r->p < r->end && *r->p && strchr("sdwhvSDWHVNRXpP", *r->p)) {
                int bits = escape_barriers(r); /* a class escape: no range */
                if (bits < 0)
                    return -1;
                member |= (unsigned)bits;
                continue;
            }
            if (!read_literal(r, &lo, 1))
                return -1;
        } else if (!read_literal(r, &lo, 0)) {
            return -1;
        }
        hi = lo;
        if (r->p + 1 < r->end && *r->p == '-' && r->p[1] != ']') {
            r->p++;
            int escaped = *r->p == '\\';
            r->p += escaped;
            if (!read_literal(r, &hi, escaped) || hi < lo)
                return -1;
        }
        member |= barriers_in(lo, hi);
    }
    return (int)(negated ? ALL_BARRIERS & ~member : member);
}

/* Moves past a quantifier {n}, {n,}, {n,m} (its comma is no character);
 * 0 at anything else - {1,2,3} is literal text, its commas characters a
 * match consumes; {,5} too up to PCRE2 10.42, a quantifier after. */
static int skip_counted(reader *r)
{
    const char *p = r->p + 1;
    int digits = 0, comma = 0;
    for (; p < r->end && ((*p >= '0' && *p <= '9') || (*p == ',' && digits && !comma)); p++) {
        comma |= *p == ',';
        digits += *p != ',';
    }
    if (p >= r->end || *p != '}' || !digits || !(r->p[1] >= '0' && r->p[1] <= '9'))
        return 0;
    r->p = p + 1;
    return 1;
}

/* Capture numbers, as PCRE2 gives them: by opening parenthesis, named or
 * not, each alternative of a branch reset (?|…) from the same number. */
typedef struct group_numbers {
    const char *const *names; /* numbers[i] is that of names[i], 0 if none */
    size_t n;
    int *numbers;
    uint32_t count; /* of capturing groups */
} group_numbers;

/* One walk over pattern[0, len): the barrier characters a match may
 * consume into *read (none inside a lookaround), and with g the capture
 * numbers.  0 when it meets syntax it does not read. */
static int walk_pattern(const char *pattern, size_t len, unsigned *read, group_numbers *g)
{
    enum { MAX_DEPTH = 32 };
    reader r = {pattern, pattern + len, 0, 0, 0, 0, 0, 0, NULL};
    struct {
        unsigned char look;  /* a lookaround */
        unsigned char reset; /* a branch reset: its alternatives number from base + 1 */
        uint32_t base, most; /* most: the highest number an alternative reached */
    } open[MAX_DEPTH];
    int depth = 0, looking = 0; /* lookarounds open around r.p */
    uint32_t last = 0;          /* the number of the last capturing group opened */
    *read = 0;
    while (r.p < r.end) {
        char c = *r.p;
        int bits = 0;
        if (c == '(') {
            const char *at = r.p, *name;
            int is_look = group_opening(&r, &r.p, &name);
            if (depth == MAX_DEPTH || is_look < 0)
                return 0;
            open[depth].look = (unsigned char)is_look;
            open[depth].reset = at + 2 < r.end && at[1] == '?' && at[2] == '|';
            open[depth].base = open[depth].most = last;
            depth++;
            looking += is_look;
            if (g && (name || (at + 1 < r.end && at[1] != '?' && at[1] != '*'))) { /* captures */
                last++;
                g->count = last > g->count ? last : g->count;
                size_t nl = name ? (size_t)(r.p - 1 - name) : 0;
                for (size_t k = 0; name && k < g->n; k++)
                    if (!g->numbers[k] && strlen(g->names[k]) == nl &&
                        memcmp(g->names[k], name, nl) == 0)
                        g->numbers[k] = (int)last;
            }
            continue;
        }
        if (c == ')') {
            if (depth == 0)
                return 0;
            depth--;
            looking -= open[depth].look;
            if (open[depth].reset && open[depth].most > last)
                last = open[depth].most;
            r.p++;
            continue;
        }
        if (c == '{') { /* a literal brace, or {,n} (a quantifier from PCRE2 10.43 on): unknown */
            if (!skip_counted(&r))
                return 0;
            continue;
        }
        switch (c) {
        case '|':
            if (depth && open[depth - 1].reset) { /* the next alternative numbers alike */
                if (last > open[depth - 1].most)
                    open[depth - 1].most = last;
                last = open[depth - 1].base;
            }
            r.p++;
            continue;
        case '*':
        case '+':
        case '?':
        case '^':
        case '$': r.p++; continue;
        case '.':
            bits = ALL_BARRIERS;
            r.p++;
            break;
        case '[':
            r.p++;
            bits = class_barriers(&r);
            break;
        case '\\':
            r.p++;
            bits = r.p < r.end && *r.p >= '1' && *r.p <= '9' ? ALL_BARRIERS : escape_barriers(&r);
            break;
        default: { /* a literal character (most of a pattern: its words) */
            uint32_t cp;
            size_t k = zsmp_utf8_get((const unsigned char *)r.p, (size_t)(r.end - r.p), &cp);
            if (!k)
                return 0;
            r.p += k;
            bits = (int)barriers_in(cp, cp);
        }
        }
        if (bits < 0)
            return 0;
        if (!looking) /* a lookaround consumes nothing */
            *read |= (unsigned)bits;
    }
    return depth == 0;
}

unsigned zsmp_first_barriers(const char *pattern, size_t len)
{
    unsigned read;
    return walk_pattern(pattern, len, &read, NULL) ? ALL_BARRIERS & ~read : 0;
}

int zsmp_first_groups(const char *pattern, size_t len, const char *const *names, size_t n,
                      int *numbers, uint32_t *count)
{
    for (size_t i = 0; i < n; i++)
        numbers[i] = 0;
    group_numbers g = {names, n, numbers, 0};
    unsigned read;
    if (!walk_pattern(pattern, len, &read, &g))
        return -1;
    *count = g.count;
    return 0;
}

/* ------------------------------------------------------------- classes */

enum { ALL = 255 }; /* the class of a place that may begin anything */

static int same_class(const zsmp_first_classes *fc, int c, const uint64_t *v)
{
    for (int w = 0; w < ZSMP_FIRST_SLOTS / 64; w++)
        if (fc->mask[w][c] != v[w])
            return 0;
    return 1;
}

/* The class of the slot vector v: the one it was given, or the next free
 * one (ALL when none is left), through a small table by hash - the 4096
 * hashes used to search the classes one by one (6 M start-up instructions). */
static int class_of(zsmp_first_classes *fc, int *classes, int *table, const uint64_t *v)
{
    enum { TABLE = 512 }; /* > ALL: never full */
    uint64_t key = 0;
    for (int w = 0; w < ZSMP_FIRST_SLOTS / 64; w++)
        key = (key ^ v[w]) * 0x9E3779B97F4A7C15u;
    for (unsigned k = (unsigned)(key >> 55);; k = (k + 1) % TABLE) {
        int c = table[k];
        if (c < 0) { /* a vector not seen: a new class */
            if (*classes == ALL)
                return ALL; /* out of classes: may begin anything */
            c = (*classes)++;
            for (int w = 0; w < ZSMP_FIRST_SLOTS / 64; w++)
                fc->mask[w][c] = v[w];
            table[k] = c;
            return c;
        }
        if (same_class(fc, c, v))
            return c;
    }
}

void zsmp_first_classes_build(zsmp_first_classes *fc, zsmp_first *const *sets, size_t n)
{
    enum { WORDS = ZSMP_FIRST_SLOTS / 64 };
    memset(fc, 0, sizeof *fc);
    int slots = 0;
    for (size_t i = 0; i < n; i++)
        sets[i]->slot = sets[i]->known && slots < ZSMP_FIRST_SLOTS ? slots++ : -1;
    for (int w = 0; w < WORDS; w++)
        fc->mask[w][ALL] = ~(uint64_t)0;
    int classes = 1; /* class 0: begins nothing */
    int table[512];
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        table[k] = -1;
    /* Each hash's slots, read set by set a byte of its bits at a time, for
     * a chunk of hashes at once (in hash order: classes are numbered as
     * they first appear). */
    enum { CHUNK = 512 };
    for (unsigned h0 = 0; h0 < ZSMP_FIRST_BITS; h0 += CHUNK) {
        uint64_t by_hash[CHUNK][WORDS];
        memset(by_hash, 0, sizeof by_hash);
        for (size_t i = 0; i < n; i++) {
            if (sets[i]->slot < 0)
                continue;
            const uint64_t bit = (uint64_t)1 << (sets[i]->slot % 64);
            for (unsigned byte = h0 / 8; byte < (h0 + CHUNK) / 8; byte++)
                for (unsigned b = sets[i]->bits[byte]; b; b &= b - 1)
                    by_hash[byte * 8 + (unsigned)__builtin_ctz(b) - h0][sets[i]->slot / 64] |= bit;
        }
        for (unsigned h = h0; h < h0 + CHUNK; h++) {
            const uint64_t *v = by_hash[h - h0];
            int empty = 1;
            for (int w = 0; w < WORDS; w++)
                empty &= v[w] == 0;
            fc->of_hash[h] = (unsigned char)(empty ? 0 : class_of(fc, &classes, table, v));
        }
    }
    for (int slot = 0; slot < ZSMP_FIRST_SLOTS; slot++)
        for (int c = 0; c < 256; c++)
            if ((fc->mask[slot / 64][c] >> (slot % 64)) & 1) {
                unsigned char *half = c < 128 ? fc->member_low[slot] : fc->member_high[slot];
                half[c & 15] |= (unsigned char)(1u << ((c >> 4) & 7));
            }
}

enum { WORDS = ZSMP_FIRST_SLOTS / 64, B = ZSMP_STARTS_BLOCK };

zsm_status zsmp_starts_index(zsmp_starts *st, const zsmp_first_classes *fc, const char *s,
                             size_t len, int classes)
{
    st->fc = fc;
    st->s = s;
    st->len = len;
    /* Zeros after the classes to the end of the last block and 16 more:
     * a block is read whole, sixteen at a time. */
    st->cls = classes ? calloc((len / B + 1) * B + 16, 1) : NULL;
#ifdef ZSMP_SHUFFLE
    st->wide = classes && __builtin_cpu_supports("ssse3");
#else
    st->wide = 0;
#endif
    st->near = NULL;
    if (st->wide && (st->near = malloc(ZSMP_FIRST_SLOTS * sizeof *st->near)) != NULL)
        for (int slot = 0; slot < ZSMP_FIRST_SLOTS; slot++)
            st->near[slot].block = SIZE_MAX;
    st->blocks = calloc((len / ZSMP_STARTS_BLOCK + 1) * WORDS, sizeof *st->blocks);
    if ((classes && !st->cls) || !st->blocks || (st->wide && !st->near)) {
        zsmp_starts_free(st);
        return ZSM_ERR_NOMEM;
    }
    /* A block's summary gathered in registers and stored once (a
     * character may run past the block's end: it counts in its first). */
    for (size_t i = 0, k; i < len;) { /* normalized text: valid UTF-8 */
        size_t stop = (i / B + 1) * B;
        uint64_t acc[WORDS] = {0};
        for (; i < len && i < stop; i += k) {
            unsigned char c =
                fc->of_hash[zsmp_first_hash(zsmp_first_key((const unsigned char *)s + i, &k))];
            if (classes)
                st->cls[i] = c;
            for (int w = 0; w < WORDS; w++)
                acc[w] |= fc->mask[w][c];
        }
        uint64_t *block = st->blocks + (stop / B - 1) * WORDS;
        for (int w = 0; w < WORDS; w++)
            block[w] |= acc[w];
    }
    return ZSM_OK;
}

void zsmp_starts_free(zsmp_starts *st)
{
    free(st->cls);
    free(st->near);
    st->near = NULL;
    free(st->blocks);
    st->cls = NULL;
    st->blocks = NULL;
}

size_t zsmp_first_prev(const zsmp_starts *st, const zsmp_first *f, size_t a, size_t b)
{
    if (!f->known)
        return b > a ? zsmp_char_start(st->s, b - 1) : SIZE_MAX;
    size_t i = b;
    if (f->slot >= 0) {
        const uint64_t *mask = st->fc->mask[f->slot / 64];
        const uint64_t bit = (uint64_t)1 << (f->slot % 64);
        const uint64_t *blocks = st->blocks ? st->blocks + f->slot / 64 : NULL;
        while (i > a && !(mask[zsmp_starts_class(st, i - 1)] & bit)) {
            size_t k = (i - 1) / B;
            i = blocks && !(blocks[k * WORDS] & bit) ? (k * B > a ? k * B : a) : i - 1;
        }
    } else {
        while (i > a && (((unsigned char)st->s[i - 1] & 0xC0) == 0x80 ||
                         zsmp_first_next_other(st, f, i - 1, b) != i - 1))
            i--;
    }
    return i == a ? SIZE_MAX : i - 1;
}

size_t zsmp_first_end(const zsmp_starts *st, const zsmp_first *last, size_t a, size_t b)
{
    if (!last->known)
        return b;
    size_t q = zsmp_first_prev(st, last, a, b);
    if (q == SIZE_MAX)
        return a;                   /* the last item begins nowhere: no match */
    size_t end = q + last->max_len; /* a character boundary at or before */
    return end < b ? zsmp_char_start(st->s, end) : b;
}

size_t zsmp_first_begin(const zsmp_starts *st, const zsmp_first *first, const zsmp_first *last,
                        size_t a, size_t b)
{
    if (!last->known || first->max_len == SIZE_MAX)
        return a;
    size_t q = zsmp_first_next_other(st, last, a, b);
    return q - a > first->max_len ? zsmp_char_start(st->s, q - first->max_len) : a;
}

/* Where the scan from *i for a set (bit) goes on: the end of the block
 * holding *i (at most b) if the block may hold a start of the set; else *i
 * moves to the next block and the result is *i (nothing to scan). */
static inline size_t scan_stop(const uint64_t *blocks, uint64_t bit, size_t *i, size_t b)
{
    if (!blocks)
        return b;
    size_t k = *i / B;
    if (!(blocks[k * WORDS] & bit)) {
        *i = (k + 1) * B;
        return *i;
    }
    return (k + 1) * B < b ? (k + 1) * B : b;
}

/* zsmp_first_next with the classes stored: a byte at a time, four to a
 * step.  The bytes inside a character have class 0, which begins nothing,
 * so no step waits on reading a character's length and the four loads are
 * independent (a step a character was a chain through each lead byte). */
static size_t next_stored(const zsmp_starts *st, const uint64_t *mask, uint64_t bit,
                          const uint64_t *blocks, size_t a, size_t b)
{
    const unsigned char *cls = st->cls;
    for (size_t i = a; i < b;) {
        size_t stop = scan_stop(blocks, bit, &i, b);
        for (; i + 4 <= stop; i += 4)
            if ((mask[cls[i]] | mask[cls[i + 1]] | mask[cls[i + 2]] | mask[cls[i + 3]]) & bit)
                break;
        for (; i < stop; i++)
            if (mask[cls[i]] & bit)
                return i;
    }
    return b;
}

#ifdef ZSMP_SHUFFLE
/* The places of block k where a class of the slot stands, a bit a byte,
 * sixteen classes at a time: each class is looked up in the slot's two
 * member tables by its low four bits (the shuffle gives 0 for an index with
 * its top bit set, so a class reads one table or the other), and the bit
 * its next three bits name is kept.  A slot's tables hold exactly its
 * classes.  Kept in st->near for the next call. */
__attribute__((target("ssse3"))) static uint64_t block_bits(const zsmp_starts *st, int slot,
                                                            size_t k)
{
    const unsigned char *cls = st->cls + k * B;
    const __m128i low = _mm_loadu_si128((const __m128i *)st->fc->member_low[slot]);
    const __m128i high = _mm_loadu_si128((const __m128i *)st->fc->member_high[slot]);
    const __m128i nibble = _mm_set1_epi8(0x0F), top = _mm_set1_epi8((char)0x80);
    const __m128i bit_of =
        _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)0x80, 1, 2, 4, 8, 16, 32, 64, (char)0x80);
    uint64_t bits = 0;
    for (int q = 0; q < B / 16; q++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(cls + 16 * q));
        __m128i in =
            _mm_or_si128(_mm_shuffle_epi8(low, v), _mm_shuffle_epi8(high, _mm_xor_si128(v, top)));
        __m128i want = _mm_shuffle_epi8(bit_of, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
        __m128i none = _mm_cmpeq_epi8(_mm_and_si128(in, want), _mm_setzero_si128());
        bits |= (uint64_t)(~(unsigned)_mm_movemask_epi8(none) & 0xFFFFu) << (16 * q);
    }
    st->near[slot].block = k;
    st->near[slot].bits = bits;
    return bits;
}

/* Does block k's summary say a character of the slot's set may stand in it? */
static inline int block_may(const zsmp_starts *st, int slot, size_t k)
{
    return !st->blocks || ((st->blocks[k * WORDS + (size_t)slot / 64] >> (slot % 64)) & 1);
}

uint64_t zsmp_first_block_bits(const zsmp_starts *st, int slot, size_t k)
{
    return block_may(st, slot, k) ? block_bits(st, slot, k) : 0;
}

size_t zsmp_first_next_wide(const zsmp_starts *st, int slot, size_t a, size_t b)
{
    for (size_t k = a / B; k * B < b; k++) {
        if (!block_may(st, slot, k))
            continue;
        uint64_t bits = block_bits(st, slot, k) & (~(uint64_t)0 << (k * B < a ? a % B : 0));
        if (bits) {
            size_t at = k * B + (size_t)__builtin_ctzll(bits);
            return at < b ? at : b;
        }
    }
    return b;
}
#else
/* No byte shuffle on this CPU family: st->wide is never set, and the
 * scalar scan answers should it be asked. */
uint64_t zsmp_first_block_bits(const zsmp_starts *st, int slot, size_t k)
{
    (void)st;
    (void)slot;
    (void)k;
    return 0;
}

size_t zsmp_first_next_wide(const zsmp_starts *st, int slot, size_t a, size_t b)
{
    const uint64_t *blocks = st->blocks ? st->blocks + slot / 64 : NULL;
    return next_stored(st, st->fc->mask[slot / 64], (uint64_t)1 << (slot % 64), blocks, a, b);
}
#endif

/* The same with each class read off its character; the bytes of a
 * character landed inside are passed one by one. */
static size_t next_read(const zsmp_starts *st, const uint64_t *mask, uint64_t bit,
                        const uint64_t *blocks, size_t a, size_t b)
{
    const unsigned char *of_hash = st->fc->of_hash, *s = (const unsigned char *)st->s;
    for (size_t i = a; i < b;) {
        for (size_t stop = scan_stop(blocks, bit, &i, b), k; i < stop; i += k) {
            if ((s[i] & 0xC0) == 0x80)
                k = 1;
            else if (mask[of_hash[zsmp_first_hash(zsmp_first_key(s + i, &k))]] & bit)
                return i;
        }
    }
    return b;
}

/* Does the class c (or block summary v) hold one of the slots? */
static inline int holds_any(const uint64_t *v, const uint64_t *slots)
{
    uint64_t any = 0;
    for (int w = 0; w < WORDS; w++)
        any |= v[w] & slots[w];
    return any != 0;
}

size_t zsmp_first_next_any(const zsmp_starts *st, const uint64_t *slots, size_t a, size_t b)
{
    const unsigned char *s = (const unsigned char *)st->s;
    for (size_t i = a; i < b;) {
        size_t k = i / B, stop = (k + 1) * B < b ? (k + 1) * B : b;
        if (st->blocks && !holds_any(st->blocks + k * WORDS, slots)) {
            i = (k + 1) * B; /* no candidate in this block */
            continue;
        }
        /* A character at a time; landed inside one, its other bytes have
         * class 0 and a step of one (as in next_stored). */
        for (; i < stop; i += zsmp_utf8_step(s[i])) {
            unsigned c = zsmp_starts_class(st, i);
            uint64_t v[WORDS];
            for (int w = 0; w < WORDS; w++)
                v[w] = st->fc->mask[w][c];
            if (holds_any(v, slots))
                return i;
        }
    }
    return b;
}

size_t zsmp_first_next_other(const zsmp_starts *st, const zsmp_first *f, size_t a, size_t b)
{
    if (!f->known)
        return a;
    if (f->slot < 0) {
        for (size_t i = a; i < b;) {
            uint32_t cp;
            size_t k = zsmp_utf8_get((const unsigned char *)st->s + i, b - i, &cp);
            if (k == 0 || zsmp_first_has(f, cp))
                return i;
            i += k;
        }
        return b;
    }
    if (st->wide)
        return zsmp_first_next_wide(st, f->slot, a, b);
    const uint64_t *mask = st->fc->mask[f->slot / 64];
    const uint64_t bit = (uint64_t)1 << (f->slot % 64);
    const uint64_t *blocks = st->blocks ? st->blocks + f->slot / 64 : NULL;
    return st->cls ? next_stored(st, mask, bit, blocks, a, b)
                   : next_read(st, mask, bit, blocks, a, b);
}
