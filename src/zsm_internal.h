/* zsm_internal.h - types and helpers shared between the library's stages.
 * Never installed.  Cross-file helpers are named zsmp_.
 *
 * The pipeline, one file a stage, each a function from one struct to the next:
 *   zsm_decode.c     bytes             -> zsmp_decoded  (UTF-8 read in place; GB18030 code points)
 *   zsm_normalize.c  zsmp_decoded      -> zsmp_text     (NFKC, Trad->Simp, UTF-8 + offset map)
 *   zsm_first.c      rules + text      -> zsmp_starts   (where each pattern can begin)
 *   zsm_tokenize.c   zsmp_text         -> zsmp_tokens   (sentences, sections, figures)
 *   zsm_match.c      rules + sentence  -> zsmp_hits     (raw regex matches, one sentence)
 *   zsm_resolve.c    hits              -> zsmp_items    (best hit a figure: value, unit, label)
 *   zsm_context.c    items + text      -> zsmp_items    (title; approx, category, modality)
 *   zsm_emit_*.c     zsm_doc           -> JSON / CSV text
 * zsm_extract.c runs them in order (the later stages - currency, table,
 * report, relate, summary, checks - are listed in zsm_extract.c).  Rules come
 * from zsm_rules.c, which compiles patterns with zsm_pattern.c (reading each
 * one's first code points with zsm_first.c) and fills the typed lexicon of
 * zsm_lexicon.c (an entry that is a set of strings is matched by
 * zsm_literal.c, which also reads each rule's lead); names of enum values
 * live in zsm_names.c.
 */
#ifndef ZSM_INTERNAL_H
#define ZSM_INTERNAL_H

#include "zsmetrics.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

/* A growable list of owned strings (warnings, a record's strings). */
typedef struct zsmp_strlist {
    char **items;
    size_t count, cap;
} zsmp_strlist;

zsm_status zsmp_strlist_push(zsmp_strlist *list, const char *s);
zsm_status zsmp_strlist_pushn(zsmp_strlist *list, const char *s, size_t n);
zsm_status zsmp_strlist_pushf(zsmp_strlist *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void zsmp_strlist_free(zsmp_strlist *list);

/* Grows *ptr (an array of elem-sized items with capacity *cap) to hold at
 * least `need` items.  Returns 0 on success, -1 when out of memory.  Most
 * callers use zsmp_grow (zsm_grow.h), which calls it only when there is
 * no room. */
int zsmp_grow_to(void **ptr, size_t *cap, size_t need, size_t elem);
/* Sorts like qsort, keeping equal elements in their order: cheap for an
 * array nearly in order already. */
void zsmp_sort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Fills an error record; returns its status for `return zsmp_fail(...)`. */
zsm_status zsmp_fail(zsm_error *err, zsm_status status, const char *file, const char *rule,
                     long offset, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ----------------------------------------------------------------- UTF-8 */

/* The one UTF-8 decoder of the library: decodes the code point at s
 * (len > 0).  Returns the bytes used, 0 for an invalid sequence (overlong,
 * surrogate, truncated, > U+10FFFF).  Inline: every stage calls it once a
 * character. */
static inline size_t zsmp_utf8_get(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (len < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return need;
}

/* The character at s[i] of normalized text, which is valid UTF-8 by
 * construction (zsmp_normalize writes it), so unchecked: its code point in
 * *cp, its length returned.  For the loops that read every character of a
 * text; i must be a character boundary before the text's end. */
static inline size_t zsmp_text_get(const char *text, size_t i, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text + i;
    uint32_t c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xE0) {
        *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (c < 0xF0) {
        *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    return 4;
}

/* The length of the character whose first byte is `lead`, in valid UTF-8
 * (1 for a continuation byte: a scan landing inside a character steps on
 * byte by byte).  For loops that step a character at a time without
 * decoding it. */
/* Four bytes at s as one word, the first in the low byte (whatever the
 * machine's byte order). */
static inline uint32_t zsmp_load_le32(const unsigned char *s)
{
    uint32_t w;
    memcpy(&w, s, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    return w;
}

static inline size_t zsmp_utf8_step(unsigned char lead)
{
    static const unsigned char step[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return step[lead >> 4];
}

/* Encodes cp as UTF-8 into out (4 bytes room); returns the byte count. */
static inline size_t zsmp_utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The start of the UTF-8 character holding byte i of valid UTF-8 s: offsets
 * computed by arithmetic must be moved onto a character boundary before
 * PCRE2 sees them (it is called with PCRE2_NO_UTF_CHECK). */
static inline size_t zsmp_char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The start of the character after the one at s[i], at most `end`. */
static inline size_t zsmp_next_char(const char *s, size_t i, size_t end)
{
    for (i++; i < end && ((unsigned char)s[i] & 0xC0) == 0x80;)
        i++;
    return i;
}

/* s[0, n) with every byte that is not part of valid UTF-8 replaced by
 * U+FFFD, NUL-terminated (malloc'd); *bad counts the replaced bytes.  NULL
 * when out of memory. */
char *zsmp_utf8_sanitize(const char *s, size_t n, size_t *bad);

/* ----------------------------------------------------------------- names */

/* Amount categories (zsm_names.def). */
typedef enum zsmp_category {
#define ZSMP_CATEGORY(e, name) e,
#include "zsm_names.def"
    ZSMP_CAT_COUNT
} zsmp_category;

const char *zsmp_category_name(zsmp_category c);

/* ------------------------------------------------------------- numbers */

enum { ZSMP_NUMBER_MAX = 40 };

/* Writes v as the shortest decimal text that reads back as v (30, 0.8,
 * 0.00003; exponent form only below 1e-15 or from 1e21), NUL-terminated,
 * into buf (ZSMP_NUMBER_MAX bytes).  Returns the length.  The one number
 * format of every output (JSON, CSV, TSV). */
size_t zsmp_format_number(double v, char *buf);
/* 10^k, correctly rounded for |k| <= 22 without libm (a call a figure). */
double zsmp_pow10(int k);

/* mantissa * 10^exp10 as the nearest double (what strtod gives for
 * "MANTISSAeEXP10"): exact IEEE arithmetic when both are exact doubles,
 * strtod only for the rare others. */
double zsmp_decimal_to_double(uint64_t mantissa, int exp10);

/* The streaming JSON writer is declared in zsm_json.h (its inline fast
 * paths read the writer's own table). */

/* ------------------------------------------------------------ patterns */

typedef struct zsmp_fragment {
    char *name;
    char *value;
} zsmp_fragment;

/* Fragments: named pattern pieces ({{NUM}}), a later definition shadowing
 * an earlier one. */
typedef struct zsmp_fragments {
    zsmp_fragment *items;
    size_t count, cap;
} zsmp_fragments;

zsm_status zsmp_fragment_add(zsmp_fragments *f, const char *name, const char *value);
void zsmp_fragments_free(zsmp_fragments *f);

/* ----------------------------------------------------- first code points */

/* The code points a pattern's match can begin with (zsm_first.c), hashed
 * into a bitmap: a prefilter that never rules out a true match.  Unknown
 * (known == 0) when the pattern can begin with anything or be empty. */
enum { ZSMP_FIRST_BITS = 4096, ZSMP_FIRST_SLOTS = 128 };

typedef struct zsmp_first {
    int known;
    int slot;       /* its bit in zsmp_first_classes.mask; -1 if none */
    size_t max_len; /* the longest match in bytes; SIZE_MAX if unbounded or unknown */
    size_t count;   /* code points in the set (hashed: collisions count once) */
    unsigned char bits[ZSMP_FIRST_BITS / 8];
} zsmp_first;

/* Reads the set off a pattern with its fragments expanded, and (if last)
 * in the same pass the set of the pattern's last item, when every match
 * ends with it (one sequence, no end assertion, lookaheads of bounded
 * reach); its max_len is then how far past the item's first place a match
 * can read.  Unknown otherwise.  scope.sub_area ends with (?:镇|乡|…开发区):
 * a match ends within 30 bytes of the last place one of them begins. */
void zsmp_first_read(zsmp_first *f, zsmp_first *last, const char *pattern, size_t len);
/* Adds the code points of b to a (its count recounted, the longer max_len
 * kept); the `known` and `slot` of a are the caller's. */
void zsmp_first_union(zsmp_first *a, const zsmp_first *b);
/* Adds a code point to a set (which is then known). */
void zsmp_first_add(zsmp_first *f, uint32_t cp);
int zsmp_first_has(const zsmp_first *f, uint32_t cp);

/* All the known sets of a rules object at once: a code point's hash has a
 * class (one byte), and a class the sets (by slot) it is in.  A document is
 * indexed once, a class a place; a search then reads one byte a place. */
typedef struct zsmp_first_classes {
    unsigned char of_hash[ZSMP_FIRST_BITS];
    uint64_t mask[ZSMP_FIRST_SLOTS / 64][256];
    /* The classes holding each slot as two tables of 16 bytes (classes
     * below 128 and from 128): class c is in if bit (c >> 4) & 7 of entry
     * c & 15 is set - sixteen classes tested at once (zsm_first.c). */
    unsigned char member_low[ZSMP_FIRST_SLOTS][16], member_high[ZSMP_FIRST_SLOTS][16];
} zsmp_first_classes;

/* Gives each known set of sets[0, n) a slot (while slots last) and builds
 * the classes. */
void zsmp_first_classes_build(zsmp_first_classes *fc, zsmp_first *const *sets, size_t n);

/* The key a character is hashed by in a zsmp_first's bits and of_hash:
 * its UTF-8 bytes in one word (the first in the low byte), read in one
 * load - cheaper than decoding the code point.  *k gets its length.  Reads
 * 4 bytes at s: normalized text has zeroed slack after its end. */
static inline uint32_t zsmp_first_key(const unsigned char *s, size_t *k)
{
    size_t n = zsmp_utf8_step(s[0]);
    *k = n;
    return zsmp_load_le32(s) & (0xFFFFFFFFu >> (32 - 8 * n));
}

static inline unsigned zsmp_first_hash(uint32_t key)
{
    return (key * 2654435761u) >> (32 - 12); /* 0 .. ZSMP_FIRST_BITS - 1 */
}

/* One document's index: for each block of ZSMP_STARTS_BLOCK bytes, the
 * sets (slots) any of its characters may begin - a search for a set skips a
 * block without it at once - and the class of the character beginning at
 * each byte (0 inside a character).  Above ZSMP_STARTS_CLASSES_MAX bytes of
 * text the classes are not stored but read off each character (a hash and
 * a table): an array of a class a byte costs as much memory as the text,
 * and reading them off costs ~6% more time. */
enum { ZSMP_STARTS_BLOCK = 64 };
#define ZSMP_STARTS_CLASSES_MAX ((size_t)4 << 20)

typedef struct zsmp_starts {
    const zsmp_first_classes *fc;
    const char *s; /* normalized text: valid UTF-8 */
    size_t len;
    unsigned char *cls; /* a class a byte, one for len and zeros to read 16 at a time;
                           NULL: read off the text */
    uint64_t *blocks;   /* ZSMP_FIRST_SLOTS / 64 words a block; NULL: not built */
    int wide;           /* the classes are stored and tested 16 at a time (SSSE3) */
    /* Per slot, when wide: the places of the block last scanned for it, a
     * bit a byte.  A walk over a sentence's candidates asks for the next
     * one again and again, mostly in the block of the last. */
    struct zsmp_block_bits *near;
} zsmp_starts;

/* The places of one block (of ZSMP_STARTS_BLOCK bytes) where a slot's set
 * may begin, a bit a byte; block SIZE_MAX: none kept. */
typedef struct zsmp_block_bits {
    size_t block;
    uint64_t bits;
} zsmp_block_bits;

/* The bits of block k for slot (wide only), kept in st->near. */
uint64_t zsmp_first_block_bits(const zsmp_starts *st, int slot, size_t k);

/* Indexes s[0, len): block summaries, and the classes too if `classes`. */
zsm_status zsmp_starts_index(zsmp_starts *st, const zsmp_first_classes *fc, const char *s,
                             size_t len, int classes);

/* The class of the character beginning at s[i]: 0 inside a character and
 * at the end. */
static inline unsigned zsmp_starts_class(const zsmp_starts *st, size_t i)
{
    if (st->cls)
        return st->cls[i];
    if (i >= st->len || ((unsigned char)st->s[i] & 0xC0) == 0x80)
        return 0;
    size_t k;
    return st->fc->of_hash[zsmp_first_hash(zsmp_first_key((const unsigned char *)st->s + i, &k))];
}

/* May a character of class c begin a match of f?  1 when f has no slot
 * (the caller asks the slow way). */
static inline int zsmp_class_may(const zsmp_first_classes *fc, const zsmp_first *f, unsigned c)
{
    return !f->known || f->slot < 0 || ((fc->mask[f->slot / 64][c] >> (f->slot % 64)) & 1);
}

/* Can the character at s[i] begin a match of f? */
static inline int zsmp_starts_may(const zsmp_starts *st, const zsmp_first *f, size_t i)
{
    if (!f->known || f->slot < 0)
        return 1;
    return zsmp_class_may(st->fc, f, zsmp_starts_class(st, i));
}
void zsmp_starts_free(zsmp_starts *st);

/* The first place in s[a, b) whose character may begin a match of f (a
 * when the set is unknown); b when there is none: zsmp_first_next(), inline
 * in zsm_first_next.h, reads the block kept for the slot and calls the
 * block-at-a-time scan (wide: classes stored, SSSE3) past it, and the other
 * for every case. */
size_t zsmp_first_next_wide(const zsmp_starts *st, int slot, size_t a, size_t b);
size_t zsmp_first_next_other(const zsmp_starts *st, const zsmp_first *f, size_t a, size_t b);
/* The first place in s[a, b) whose character may begin a match of any set
 * whose slot is among slots[ZSMP_FIRST_SLOTS / 64] (bits); b when none. */
size_t zsmp_first_next_any(const zsmp_starts *st, const uint64_t *slots, size_t a, size_t b);
/* Where a search of s[a, b) for a pattern whose last item is `last` can
 * stop (zsmp_first_read): no match reads past the last place that
 * item can begin plus its reach; a when it begins nowhere (no match). */
size_t zsmp_first_end(const zsmp_starts *st, const zsmp_first *last, size_t a, size_t b);
/* The last place in s[a, b) whose character may begin a match of f;
 * SIZE_MAX if none. */
size_t zsmp_first_prev(const zsmp_starts *st, const zsmp_first *f, size_t a, size_t b);
/* Where the last item of a pattern starts (its offset), when every match
 * ends with it (zsmp_first_read gives it a set); len otherwise. */
size_t zsmp_first_last_item(const char *pattern, size_t len);
/* How far (in bytes) past where a match begins the top-level item at
 * pattern[at] begins at most: the longest match of the items before it,
 * when the pattern is one sequence (no | outside every group), the items
 * before `at` are read and the item at `at` cannot be absent; SIZE_MAX
 * otherwise.  signed.list's value stands within 15 characters of the
 * separator its match begins at. */
size_t zsmp_first_reach(const char *pattern, size_t len, size_t at);
/* Where the same search can begin: no match starts more than the longest
 * match (first->max_len) before the first place the last item can begin.
 * The mirror of zsmp_first_end(); a when either bound is unknown. */
size_t zsmp_first_begin(const zsmp_starts *st, const zsmp_first *first, const zsmp_first *last,
                        size_t a, size_t b);

/* Compiles a pattern with PCRE2 (UTF) after expanding its fragments, into a
 * zsmp_regex (zsm_regex.h: JIT-compiled at its first match, freed with
 * zsmp_regex_free).  With `anchored` the pattern matches only at the start
 * offset (\G).
 * `what` names the pattern in errors (a rule id, "lexicon NAME").  On
 * failure *err names file, what and the offset in the pattern. */
zsm_status zsmp_pattern_compile(const zsmp_fragments *f, const char *file, const char *what,
                                const char *source, int anchored, void **code_out, zsm_error *err);
/* The same, also reading the first code points of the pattern (if first)
 * and of its last item (if last); `anchored` may be
 * ZSMP_ANCHOR_IF_FIRST_KNOWN: anchored when the first are known; with
 * ZSMP_PATTERN_NO_JIT added, the code is never JIT-compiled (a pattern
 * only the tests and a rare fallback run); with ZSMP_PATTERN_LAZY, PCRE2
 * compiles it at its first use (zsm_regex.h: the built-in rules, which the
 * tests check compile), so that errors past the fragments' are not seen
 * here. */
enum { ZSMP_ANCHOR_IF_FIRST_KNOWN = 2, ZSMP_PATTERN_NO_JIT = 4, ZSMP_PATTERN_LAZY = 8 };
zsm_status zsmp_pattern_compile_first(const zsmp_fragments *f, const char *file, const char *what,
                                      const char *source, int anchored, void **code_out,
                                      zsmp_first *first, zsmp_first *last, zsm_error *err);

/* The pattern with its fragments expanded, malloc'd; NULL when it names an
 * unknown fragment or grows too large (zsmp_pattern_compile says why). */
char *zsmp_pattern_expand(const zsmp_fragments *f, const char *source, size_t *len);

/* ------------------------------------------------------------- literals */

/* A pattern that is a finite set of plain strings (zsm_literal.c): a trie
 * of their characters, each node where strings end holding the first of them in
 * the order PCRE2 tries them. */
enum { ZSMP_LIT_MAX = 1024, ZSMP_LIT_NONE = 0xFFFF };

typedef struct zsmp_literals {
    uint32_t *edge_start; /* per node (and one more): its first edge */
    uint32_t *edge_key;   /* per edge: the character it reads (its bytes as one word) */
    uint32_t *edge_to;    /* per edge: the node it leads to */
    uint16_t *term;       /* per node: the first string ending there, or ZSMP_LIT_NONE */
    uint32_t *root_key;   /* the root's edges by a hash of their key (0: free), when many */
    uint32_t *root_node;  /* and where each leads */
    size_t root_mask;     /* the hash's size less one */
    size_t node_count;
    size_t count; /* strings; 0: not a finite set of strings */
} zsmp_literals;

/* Reads pattern[0, len) (fragments expanded) as its strings: 1, or 0 when it
 * is anything else or has more than ZSMP_LIT_MAX (l is then empty). */
int zsmp_literals_read(zsmp_literals *l, const char *pattern, size_t len);
/* Reads the strings every match of pattern[0, len) (fragments expanded)
 * begins with, when they are a finite set: those of its first items up to
 * the first that must occur (邀请|新)*签约… gives 邀请 新 签约), into groups
 * - plain, (?: or named - and across alternatives.  1, or 0 when an item on
 * the way is anything else (classes of ranges, \d, lookarounds) or every
 * item may be absent (l is then empty). */
int zsmp_literals_read_lead(zsmp_literals *l, const char *pattern, size_t len);
/* Reads the strings every match of pattern[0, len) ends with, when each
 * top-level alternative's last item (zsmp_first_last_item) is a finite
 * set of strings: their union, and in *where the set of code points they
 * begin with (the longest string as its max_len).  1, or 0 (l empty,
 * *where untouched). */
int zsmp_literals_read_last(zsmp_literals *l, zsmp_first *where, const char *pattern, size_t len);
/* The match PCRE2 would find anchored at s[at] with subject end b: 1 and
 * its end, or 0. */
int zsmp_literals_match(const zsmp_literals *l, const char *s, size_t at, size_t b, size_t *end);
/* Does any of the strings begin at s[at] and end by b?  (The walk stops
 * at the first string's end.) */
int zsmp_literals_any(const zsmp_literals *l, const char *s, size_t at, size_t b);
void zsmp_literals_free(zsmp_literals *l);
/* Do a and b hold the same strings, in the same order? */
int zsmp_literals_same(const zsmp_literals *a, const zsmp_literals *b);
/* Sets in bits (ZSMP_FIRST_BITS of them) the hash (zsmp_first_hash) of
 * each string's last character. */
void zsmp_literals_last_chars(const zsmp_literals *l, unsigned char *bits);
/* Of the strings beginning with characters in_run() accepts, the
 * characters they go on with after that run (一至六月, 1季度: 至 季 after
 * the numerals), into out[0, *n), at most max.  0 when such a string ends
 * within its run or there are more than max (out is then of no use). */
int zsmp_literals_after_run(const zsmp_literals *l, int (*in_run)(uint32_t), uint32_t *out,
                            size_t max, size_t *n);

/* ---------------------------------------------------------------- gates */

/* The clause marks a gate can stop at: , ; 。 : 、 ! ? (zsmp_gate.barriers
 * holds bit i for zsmp_barrier_chars[i]). */
enum { ZSMP_BARRIERS = 7 };
extern const uint32_t zsmp_barrier_chars[ZSMP_BARRIERS];

/* The barrier characters no match of pattern[0, len) (fragments expanded)
 * consumes - none of its items outside a lookaround can match them - as
 * bits; 0 when the reader meets syntax it does not know. */
unsigned zsmp_first_barriers(const char *pattern, size_t len);
/* The capture numbers PCRE2 gives the groups named names[0, n) in
 * pattern[0, len) (0 for a name absent) and its count of capturing groups,
 * read off the text by the walk zsmp_first_barriers() makes: by opening
 * parenthesis, named or not, each alternative of a branch reset (?|…) from
 * the same number.  For a pattern not compiled yet (ZSMP_PATTERN_LAZY);
 * unit.first checks the built-in rules against PCRE2.  0, or -1 for
 * syntax the walk does not read (then ask PCRE2). */
int zsmp_first_groups(const char *pattern, size_t len, const char *const *names, size_t n,
                      int *numbers, uint32_t *count);

/* What every match of a pattern tried at a place consumes, read off the
 * pattern: one of a finite set of strings (签约|签订 of a signing rule,
 * 任务|目标 of a target word after a figure), and none of its barrier
 * characters.  So one of the strings begins between the place and the
 * first barrier after it, or PCRE2 need not be called there. */
typedef struct zsmp_gate {
    zsmp_literals required; /* count 0: no gate */
    unsigned barriers;
    /* The barriers' keys (zsmp_first_key), barrier_count of them: a walk
     * compares a character with them when its hash is among `stops`. */
    uint32_t barrier_key[ZSMP_BARRIERS];
    unsigned barrier_count;
    /* Hashes (zsmp_first_hash) of the strings' first characters, and of
     * those and the barriers: a character outside `stops` is passed over
     * after one test. */
    unsigned char first[ZSMP_FIRST_BITS / 8], stops[ZSMP_FIRST_BITS / 8];
} zsmp_gate;

/* A gate's last answer for a document, kept per rule or lexicon entry:
 * from `from` on, neither a string nor a barrier began before `stop`, so
 * every place in [from, stop] has the answer `open` (the places a rule or a
 * lookup asks about come mostly in order).  A gate that shuts fewer than
 * one in eight of its first tries is left off for the document: then its
 * scans cost more than the PCRE2 calls they spare. */
typedef struct zsmp_gate_memo {
    size_t from, stop, b;
    unsigned tries, shut;
    unsigned char kept, open, off;
} zsmp_gate_memo;

/* Reads the gate of pattern[0, len) (fragments expanded): 1, or 0 when
 * no set of strings is known (g empty). */
int zsmp_gate_read(zsmp_gate *g, const char *pattern, size_t len);
/* Can a match beginning at s[at] (subject end b) exist, by the gate: does
 * one of its strings begin before the first barrier from `at` and end by b?
 * 1 as well for no gate, or one left off. */
int zsmp_gate_pass(const zsmp_gate *g, zsmp_gate_memo *memo, const char *s, size_t at, size_t b);
void zsmp_gate_free(zsmp_gate *g);

/* -------------------------------------------------------------- lexicon */

/* The lexicon entries the library reads (zsm_lexicon.def). */
typedef enum zsmp_lex_id {
#define ZSMP_LEX(id, name, doc) ZSMP_LEX_##id,
#include "zsm_lexicon.def"
#undef ZSMP_LEX
    ZSMP_LEX_COUNT
} zsmp_lex_id;

/* A word list from the rules file's lexicon, compiled into one pattern. */
typedef struct zsmp_lexicon_entry {
    char *source;            /* the alternation as written; NULL when not given */
    void *code;              /* pcre2_code_8 * */
    void *anchored_code;     /* the same, matching only at the start offset */
    zsmp_first first;        /* where a word can begin: a lookup skips the rest */
    zsmp_first last;         /* where its last item can begin: a lookup stops after */
    zsmp_literals lit;       /* its strings, when it is a finite set: matched without PCRE2 */
    unsigned char *lit_last; /* with lit: hashes of the strings' last characters (a bit each) */
    zsmp_literals last_lit;  /* its last item's strings, when they are a finite set */
    zsmp_literals lead;      /* not a finite set: the strings its matches begin with */
    zsmp_gate gate;          /* not a finite set: what its matches hold (zsmp_gate) */
} zsmp_lexicon_entry;

/* Every entry, indexed by zsmp_lex_id. */
typedef struct zsmp_lexicon {
    zsmp_lexicon_entry entry[ZSMP_LEX_COUNT];
} zsmp_lexicon;

/* The id of a lexicon name, -1 if the library reads no such entry. */
int zsmp_lexicon_id(const char *name);
const char *zsmp_lexicon_name(zsmp_lex_id id);

/* The known name closest to an unknown one (a typo's fix), or NULL. */
const char *zsmp_lexicon_suggest(const char *name);

/* Compiles the words of entry `id` (joined with |) into lex, replacing what
 * it held (lazy: ZSMP_PATTERN_LAZY, or 0).  On failure lex is unchanged. */
zsm_status zsmp_lexicon_set(zsmp_lexicon *lex, zsmp_lex_id id, const zsmp_fragments *frag,
                            const char *file, const char *source, int lazy, zsm_error *err);

/* The first entry of lex that is not given, or ZSMP_LEX_COUNT when all are. */
zsmp_lex_id zsmp_lexicon_first_missing(const zsmp_lexicon *lex);

/* Moves the entries given in `from` into `to`, replacing those there. */
void zsmp_lexicon_merge(zsmp_lexicon *to, zsmp_lexicon *from);
void zsmp_lexicon_free(zsmp_lexicon *lex);

/* How zsmp_lexicon_search looks: the first occurrence, the one ending last
 * (overlapping occurrences included), or only one starting exactly at a. */
typedef enum { ZSMP_LEX_FIRST, ZSMP_LEX_LAST, ZSMP_LEX_ANCHORED } zsmp_lex_mode;

/* Lexicon lookups over one document's normalized text: the entries, a
 * match-data block reused by every search, and the match limits.  An entry
 * whose search stops at a limit (a pattern that backtracks too much) is
 * left out for the rest of the document: one stop costs ~10 ms, and a
 * document makes thousands of searches. */
typedef struct zsmp_lookup {
    const zsmp_lexicon *lex;
    void *md; /* pcre2_match_data_8 * */
    const void *mctx;
    const char *s;
    int jit_now;        /* the text is long: patterns JIT-compiled at once (zsm_regex.h) */
    zsmp_starts starts; /* where each entry's (and rule's) matches can begin */
    const struct zsmp_period_openings *period_openings; /* the rules' */
    unsigned char stopped[ZSMP_LEX_COUNT];              /* hit the limit in this document */
    zsmp_gate_memo *gate_memo; /* per entry; a lookup's own (const lookups write it) */
} zsmp_lookup;

/* Prepares lookups over text s[0, len) with the rules' lexicon (indexing
 * the text's places); ZSM_ERR_NOMEM on failure. */
zsm_status zsmp_lookup_init(zsmp_lookup *lk, const zsm_rules *rules, const char *s, size_t len);
void zsmp_lookup_free(zsmp_lookup *lk);

/* Runs entry `id` over s[a, b) with the lookup's match data and limits.
 * Returns 1 and the occurrence's span in *ms, *me, 0 if none (or the entry
 * is not given), -1 when the search stopped at a match limit (which, unlike
 * the zsmp_lex_* calls below, does not leave the entry out). */
int zsmp_lexicon_search(const zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b,
                        zsmp_lex_mode mode, size_t *ms, size_t *me);

/* The first occurrence in s[a, b), into *ms, *me; 0 if none. */
int zsmp_lex_first(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *ms, size_t *me);
/* Is a word of entry `id` in s[a, b)? */
int zsmp_lex_any(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b);
/* The occurrence in s[a, b) ending last, into *ms, *me; 0 if none. */
int zsmp_lex_last(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *ms, size_t *me);
/* zsmp_lex_last for each of ids[0, n) (n <= 32) in one walk over s[a, b):
 * bit k of the result set when entry ids[k] occurs, its span in ms[k], me[k]. */
unsigned zsmp_lex_last_each(zsmp_lookup *lk, const zsmp_lex_id *ids, size_t n, size_t a, size_t b,
                            size_t *ms, size_t *me);
/* zsmp_lex_at() (zsm_lexicon_at.h) past its first check. */
int zsmp_lex_try_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *end);
/* Does a word end exactly at b (searching [a, b))? */
int zsmp_lex_ends_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b);
/* The earliest start of a word ending exactly at b, into *ms (what
 * zsmp_lex_last gives when its occurrence ends at b); 0 if none. */
int zsmp_lex_ending_at(zsmp_lookup *lk, zsmp_lex_id id, size_t a, size_t b, size_t *ms);

/* Where a period phrase can open (zsm_period.c), read off the rules once:
 * the numerals and the first characters of the lexicon's period words (of
 * those given; unknown when a word can begin with anything), and for each
 * class of the index the period words (a bit each) that may begin at a
 * place of that class. */
enum { ZSMP_OPENING_WORDS_MAX = 16, ZSMP_AFTER_NUMERALS_MAX = 8 };
typedef struct zsmp_period_openings {
    zsmp_first chars;
    uint16_t words_of_class[256];
    /* For each word whose strings (or, for a pattern, the strings its
     * matches begin with) are known: the characters that follow a string's
     * first run of numerals.  At a numeral, a word can begin only where
     * the run of numerals there is followed by one of them. */
    struct {
        unsigned char known;
        unsigned char count;
        uint32_t cp[ZSMP_AFTER_NUMERALS_MAX];
    } after_numerals[ZSMP_OPENING_WORDS_MAX];
} zsmp_period_openings;

/* The set, before the rules' classes are built (it needs a slot)... */
void zsmp_period_openings_read(zsmp_period_openings *o, const zsmp_lexicon *lex,
                               const zsmp_first *numerals);
/* ... and the words of each class, after. */
void zsmp_period_openings_classes(zsmp_period_openings *o, const zsmp_lexicon *lex,
                                  const zsmp_first_classes *fc);

/* ----------------------------------------------------------------- rules */

enum {
    ZSMP_G_VALUE,
    ZSMP_G_VALUE_MAX,
    ZSMP_G_UNIT,
    ZSMP_G_UNIT_MIN,
    ZSMP_G_LABEL,
    ZSMP_G_CURRENCY,
    ZSMP_G_COUNT
};

typedef struct zsmp_rule {
    char *id;
    zsm_metric_kind kind;
    int priority;
    int at_figure;   /* "anchor": "figure": the match starts at a figure */
    int continues;   /* "continues": holds only right after a figure of its metric (a list) */
    char **requires; /* "requires": one of these must be in the sentence */
    size_t require_count;
    uint32_t *require_word; /* each one's index in zsm_rules.words */
    char *category;         /* fixed category, or NULL to derive it (amounts) */
    int modality;           /* fixed modality, or -1 to derive it from context */
    char *source;           /* the pattern as written, fragments unexpanded */
    void *code;             /* pcre2_code_8 *; \G-anchored when at_figure or first.known */
    zsmp_first first;       /* the code points its matches begin with */
    zsmp_literals lead;     /* the strings its matches begin with, when a finite set */
    /* "needs": a pattern every sentence a match stands in holds (up to
     * where the rule reads); the rule runs only where it matches. */
    char *needs_source;
    void *needs_code; /* pcre2_code_8 *; \G-anchored when needs_first.known */
    zsmp_first needs_first;
    int group[ZSMP_G_COUNT]; /* capture numbers of the named groups, 0 if absent */
    /* Rules tried at the same candidate places (same first set and leads:
     * signed.verb_*) share one scan of a sentence up to the same end: the
     * first such rule's index, when another shares it; UINT32_MAX if none. */
    uint32_t shared_scan;
    /* How far past a candidate place its value can begin (bytes; SIZE_MAX
     * unknown): a place with no figure of the rule's kind within that
     * reach is passed without calling PCRE2 (zsm_match.c). */
    size_t value_reach;
    /* Tried at a place (candidate or figure): one of these strings must
     * begin before the next clause mark it cannot read (zsmp_gate). */
    zsmp_gate gate;
} zsmp_rule;

/* A currency as the rules file names it ("currencies": ISO code -> its
 * name and the words that write it): a word, its ISO 4217 code, and the
 * output unit (亿 + the currency's name: 亿美元; 亿元 for yuan). */
typedef struct zsmp_currency {
    char *word, *iso, *unit;
    /* A Traditional-script text naming it (and not 人民币) means it by a
     * bare 元: 新台币, 港元, 澳门元 ("traditional_home" in the rules). */
    int traditional_home;
    size_t len;     /* strlen(word) */
    int bare;       /* a lone Han character of the default currency (元 圆) */
    uint32_t first; /* its first character (the index's chains are by a hash of it) */
} zsmp_currency;

/* The currency named by the word at the start of s[0, n), the longest
 * word first; NULL if none (zsm_rules.c). */
const zsmp_currency *zsmp_currency_at(const zsm_rules *rules, const char *s, size_t n);
/* The same for s[0, n) beginning with the character cp (decoded). */
const zsmp_currency *zsmp_currency_at_cp(const zsm_rules *rules, const char *s, size_t n,
                                         uint32_t cp);
/* Marks in present[] the required words (rules->words) that begin at
 * s[0, n), whose first code point is cp. */
void zsmp_required_words_at(const zsm_rules *rules, const char *s, size_t n, uint32_t cp,
                            unsigned char *present);
/* Yuan: the currency of a bare 元, 万 or 亿 unless the report says otherwise. */
const zsmp_currency *zsmp_currency_default(const zsm_rules *rules);
/* Does a currency word other than a bare one (元) end right at s[i],
 * starting at `from` or later: the $ of $300, the 美元 of 美元500万? */
int zsmp_currency_ends_at(const zsm_rules *rules, const char *s, size_t from, size_t i);

struct zsm_rules {
    zsmp_rule *rules;
    size_t count, cap;
    zsmp_currency *currencies; /* longest word first */
    size_t currency_count, currency_cap;
    zsmp_currency *places; /* home places of currencies (香港: HKD); unit unused */
    size_t place_count, place_cap;
    /* Bytes that begin and end a currency word: most places in a text
     * begin none, and are passed over at once. */
    unsigned char currency_first[32], currency_last[32];
    /* The currencies by their first code point (a hash of 64 chains, longest
     * word first in each): a place of text is compared with a few words. */
    uint16_t currency_bucket[64];      /* first index + 1 of each chain, 0 if empty */
    uint16_t *currency_next;           /* the next index + 1 in the chain, 0 at its end */
    uint16_t currency_last_bucket[64]; /* the same by their last code point */
    uint16_t *currency_last_next;
    const zsmp_currency *default_currency; /* NULL: the built-in yuan */
    zsmp_lexicon lexicon;
    zsmp_fragments fragments;
    zsmp_first_classes first_classes; /* of every rule's and entry's first set */
    /* The distinct "requires" words of all rules, found in a sentence in
     * one pass over the places where one can begin (words_first): six
     * rules require 签, each sentence is read once for all of them. */
    const char **words;
    uint32_t *word_cp;        /* each word's first code point (UINT32_MAX: none) */
    size_t *word_len;         /* strlen of each */
    uint16_t word_bucket[64]; /* by first code point: first index + 1 of a chain */
    uint16_t *word_next;      /* the next index + 1 in the chain, 0 at its end */
    size_t words_unseen;      /* words without a first code point (memmem finds them) */
    size_t word_count;
    zsmp_first words_first;
    /* Where a currency word (a bare 元 aside) or a currency's place can
     * begin: what a Traditional text's one walk for them visits
     * (zsm_currency.c). */
    zsmp_first currency_words_first;
    /* The numeral characters (zsm_numchar.h, all in the BMP) as a set: what
     * the period scan's and the tokenizer's sets of the class index hold. */
    zsmp_first numerals;
    zsmp_period_openings period_openings; /* what the period scan walks */
    /* The characters a figure can begin with: the numerals and the vague
     * words (zsm_numchar.h); the tokenizer visits only the places holding one. */
    zsmp_first figure_openers;
    void *match_context; /* pcre2_match_context_8 *: match and depth limits */
    uint32_t max_groups;
};

/* May a currency word begin with byte b (its bitmap, inline: the tokenizer
 * asks at every character of a figure)? */
static inline int zsmp_currency_may_begin(const zsm_rules *rules, unsigned char b)
{
    return (rules->currency_first[b >> 3] >> (b & 7)) & 1;
}

extern const char *const zsmp_default_rules;
extern const size_t zsmp_default_rules_len;

/* ---------------------------------------------------------------- decode */

/* The input as code points.  UTF-8 input is read straight from its bytes
 * (the caller keeps them): no arrays.  GB18030 input is converted once
 * into arrays: code point i came from the original bytes [off[i],
 * off[i + 1]); off[n] is the input length.  Either way an invalid byte is
 * a U+FFFD of its own, so the characters always tile the input.  Read it
 * with zsmp_dec_cp() from position 0 to zsmp_dec_end(): a position is a
 * byte offset (UTF-8) or an index of the arrays (GB18030). */
typedef struct zsmp_decoded {
    uint32_t *cp;
    uint32_t *off;
    size_t n;
    const char *encoding;    /* "utf-8" or "gb18030", static */
    const unsigned char *in; /* the input, not owned */
    size_t in_len;
    int valid_utf8; /* UTF-8 without an invalid byte: its spans copy as they are */
} zsmp_decoded;

zsm_status zsmp_decode(const char *buf, size_t len, zsmp_decoded *out, zsmp_strlist *warnings);
/* The bytes of s[0, len) invalid in UTF-8 (*bad) and those of its valid
 * multi-byte characters (*good_multi): whether the input is UTF-8 at all. */
void zsmp_utf8_count(const unsigned char *s, size_t len, size_t *bad, size_t *good_multi);
void zsmp_decoded_free(zsmp_decoded *d);

/* The end position of the input. */
static inline size_t zsmp_dec_end(const zsmp_decoded *d)
{
    return d->cp ? d->n : d->in_len;
}

/* The code point at position p (< zsmp_dec_end), and the position after it. */
static inline uint32_t zsmp_dec_cp(const zsmp_decoded *d, size_t p, size_t *next)
{
    if (d->cp) {
        *next = p + 1;
        return d->cp[p];
    }
    uint32_t cp = d->in[p];
    size_t k = cp < 0x80 ? 1 : zsmp_utf8_get(d->in + p, d->in_len - p, &cp);
    if (k == 0) {
        cp = 0xFFFD;
        k = 1;
    }
    *next = p + k;
    return cp;
}

/* The input offset of position p (<= zsmp_dec_end). */
static inline size_t zsmp_dec_off(const zsmp_decoded *d, size_t p)
{
    return d->cp ? d->off[p] : p;
}
/* The input character starting at byte `off` as zsmp_decode read it: its
 * code point in *cp, its length in bytes returned (0 at the input's end). */
size_t zsmp_decoded_char(const zsmp_decoded *d, size_t off, uint32_t *cp);

/* Line starts of the original input: CRLF, LF and lone CR each end a line. */
typedef struct zsmp_lines {
    uint32_t *start; /* byte offset where each line starts */
    size_t count;
} zsmp_lines;

zsm_status zsmp_lines_index(const char *buf, size_t len, zsmp_lines *out);
size_t zsmp_lines_find(const zsmp_lines *lines, size_t offset); /* 1-based line */
/* The same, looking first at the lines from *hint (0-based) on, which it
 * sets to the line found: the figures of a document come in order, most
 * on the line of the last or the next. */
size_t zsmp_lines_find_near(const zsmp_lines *lines, size_t offset, size_t *hint);
void zsmp_lines_free(zsmp_lines *lines);

/* ------------------------------------------------------------- normalize */

/* Normalized text: NUL-terminated UTF-8 with one '\n' per hard line break.
 * Byte i of s came from the input character starting at byte
 * zsmp_text_src(t, i); zsmp_text_src(t, len) is the input's length.  The
 * map is a list of runs: from normalized byte `at` on, each character came
 * from `off` plus its distance from `at`, until the next run.  A character
 * folded to another length (，-> ,), a dropped one (CR of CRLF, a joined
 * PDF wrap) or an expansion (㈠ -> (一)) starts a run; most Chinese text is
 * copied, so a run covers a clause or more (~8 bytes of map per run instead
 * of one a byte).  `block[b]` is the last run starting at or before byte
 * b * ZSMP_SRC_BLOCK, so that a lookup searches a few runs. */
enum { ZSMP_SRC_BLOCK = 256 };

typedef struct zsmp_src_run {
    uint32_t at, off; /* normalized byte (a character start), its input offset */
} zsmp_src_run;

typedef struct zsmp_text {
    char *s;
    size_t len;
    zsmp_src_run *runs; /* ascending `at`; runs[0].at == 0 */
    size_t run_count, run_cap;
    uint32_t *block;         /* len / ZSMP_SRC_BLOCK + 1 entries */
    size_t han, traditional; /* Han characters in the input; those written Traditional */
} zsmp_text;

/* The run of the character starting at normalized byte c (c <= t->len). */
static inline size_t zsmp_text_run(const zsmp_text *t, size_t c)
{
    size_t b = c / ZSMP_SRC_BLOCK, lo = t->block[b];
    size_t hi = b < t->len / ZSMP_SRC_BLOCK ? t->block[b + 1] + 1 : t->run_count;
    while (hi - lo > 1) { /* the last run starting at or before c */
        size_t mid = lo + (hi - lo) / 2;
        if (t->runs[mid].at <= c)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Where normalized byte i's input character starts (i <= t->len). */
static inline size_t zsmp_text_src(const zsmp_text *t, size_t i)
{
    size_t c = zsmp_char_start(t->s, i);
    const zsmp_src_run *r = &t->runs[zsmp_text_run(t, c)];
    return r->off + (c - r->at);
}

/* Is the text written in Traditional script (a fair share of its Han
 * characters had a Simplified form)? */
int zsmp_text_is_traditional(const zsmp_text *t);

zsm_status zsmp_normalize(const zsmp_decoded *d, zsmp_text *out);
void zsmp_text_free(zsmp_text *t);
/* Frees the offset map (zsmp_text_src() may no longer be called), keeping
 * the text: the stages after the last one reading the input need only it. */
void zsmp_text_drop_map(zsmp_text *t);

/* Maps a normalized byte span [a, b) to original byte offsets (t->src
 * holds, for each normalized byte, where its input character starts). */
void zsmp_text_span(const zsmp_text *t, const zsmp_decoded *d, size_t a, size_t b, size_t *start,
                    size_t *end);

/* The input behind normalized bytes [a, b) as UTF-8 (the input's own
 * characters, its script and digits; U+FFFD where a byte was invalid), a
 * NUL-terminated string: into small[0, cap) when it fits there, else
 * malloc'd (the caller frees what is not `small`); NULL when out of memory. */
char *zsmp_text_original(const zsmp_text *t, const zsmp_decoded *d, size_t a, size_t b, char *small,
                         size_t cap);

/* Normalizes a NUL-terminated UTF-8 string on its own (labels, rules tests).
 * Returns a malloc'd string or NULL when out of memory. */
char *zsmp_normalize_string(const char *s);

/* src/tables/zsm_t2s.c (generated): the Simplified form of a Traditional
 * character, or cp itself when it has none. */
uint32_t zsmp_t2s(uint32_t cp);
extern const char zsmp_t2s_unicode_version[];

/* -------------------------------------------------------------- numerals */

/* The one definition of a numeral character, shared by the tokenizer and
 * the numeral parser (the rules' NUM fragment is tested against it):
 * digits (0-9, full-width), Chinese and financial digits and multipliers
 * (Simplified and Traditional, 〇 ○), and placeholder characters (X x * ×).
 * zsmp_is_numeral_char() is inline, in zsm_numchar.h: the tokenizer and
 * the period scan ask for every character.  This is the classification it
 * is built from (the numeral parser's own). */
int zsmp_numeral_char_classify(uint32_t cp);
/* Every character zsmp_numeral_char_classify() may accept, into out (room
 * for ZSMP_NUMERAL_CANDIDATES); the count.  The bitmap of numeral
 * characters is built from these, not from all 65,536 (unit.numchars
 * compares the two over the whole BMP). */
enum { ZSMP_NUMERAL_CANDIDATES = 128 };
size_t zsmp_numeral_char_candidates(uint32_t *out, size_t cap);
/* zsm_numeral_parse() by the general parser alone, without its shortcut
 * for plain figures (unit.numbers compares the two). */
size_t zsmp_numeral_parse_general(const char *s, size_t len, zsm_numeral *out);
/* The digit 0-9 a character writes (Arabic, full-width, Chinese, financial:
 * 5 ５ 五 伍), -1 for any other. */
int zsmp_digit_value(uint32_t cp);

/* A loose numeral filling s[0, len): a vague 数十亿 (10 to 100亿) or 几百万,
 * adjacent digits 八九亿 (8 to 9亿) or 三四十万, 上亿 (about 1亿) and a round
 * 百亿 or 千万 (超百亿元: 100亿).  Fills *lo, and *hi for a range. */
typedef enum { ZSMP_LOOSE_NONE, ZSMP_LOOSE_ROUND, ZSMP_LOOSE_ABOUT, ZSMP_LOOSE_RANGE } zsmp_loose;
zsmp_loose zsmp_numeral_loose(const char *s, size_t len, zsm_numeral *lo, zsm_numeral *hi);

/* -------------------------------------------------------------- tokenize */

/* A byte offset into one document's normalized text.  32 bits are enough
 * (zsmp_normalize refuses a longer text) and halve what hits and tokens
 * hold. */
typedef uint32_t zsmp_off;
#define ZSMP_UNSET UINT32_MAX /* no offset: a group that took no part in a match */

/* Kinds of figure a sentence holds: a numeral followed by a count word, a
 * money unit (or a bare 万/亿), or a percent sign.  A rule runs only on
 * sentences holding the kind of figure its metric needs. */
enum { ZSMP_FIG_COUNT = 1u << 0, ZSMP_FIG_MONEY = 1u << 1, ZSMP_FIG_PERCENT = 1u << 2 };

/* A sentence of the normalized text: split at 。!? and line ends.  Rules
 * match inside one sentence; modality words scope over it. */
typedef struct zsmp_sentence {
    zsmp_off start, end;                 /* normalized byte span */
    zsmp_off line_start;                 /* where its line (paragraph) starts */
    uint32_t first_figure, figure_count; /* its figures in zsmp_tokens.figures */
    uint32_t heading;           /* index of the section heading it falls under, or ZSMP_UNSET */
    uint8_t figures;            /* ZSMP_FIG_* bits: the kinds of figure it holds */
    uint8_t continues_previous; /* opens with 其中 (of which): part of the sentence before */
    uint8_t after_semicolon;    /* the sentence before it on its line ended with ; */
} zsmp_sentence;

/* A numeral with the unit after it (38个, 64.1亿元, 95%): where rules that
 * start at a figure are tried. */
typedef struct zsmp_figure {
    zsmp_off start, end; /* normalized bytes, the unit included */
    unsigned kind;       /* ZSMP_FIG_* */
} zsmp_figure;

/* A line of normalized text, [start, end) without its LF. */
typedef struct zsmp_line {
    zsmp_off start, end;
    int heading; /* a top-level section heading (一、… 第一部分 …) */
} zsmp_line;

typedef struct zsmp_tokens {
    zsmp_sentence *sentences;
    size_t count, cap;
    zsmp_line *lines; /* every line */
    size_t line_count, line_cap;
    zsmp_line *headings; /* the top-level section headings among them */
    size_t heading_count, heading_cap;
    zsmp_figure *figures;
    size_t figure_count, figure_cap;
    const zsm_rules *rules;    /* whose currency words end a money figure */
    const zsmp_starts *starts; /* the text's class index: where figures can begin */
} zsmp_tokens;

zsm_status zsmp_tokenize(const zsm_rules *rules, const zsmp_text *t, const zsmp_starts *starts,
                         zsmp_tokens *out);

void zsmp_tokens_free(zsmp_tokens *tok);

/* Clause boundaries inside a sentence: , ; : 、 and brackets are not, the
 * comma and semicolon are. */
int zsmp_is_clause_break(uint32_t cp);

/* How far back from a figure the later stages read: a clause, and a
 * sentence for forecast words.  Real clauses and sentences are far shorter;
 * the caps keep a 20 MB line without punctuation linear. */
enum { ZSMP_CLAUSE_REACH = 100 * 3, ZSMP_SENTENCE_REACH = 300 * 3 };

/* `from`, or the character boundary `reach` bytes before `at` when that is later. */
size_t zsmp_reach_back(const zsmp_text *t, size_t from, size_t at, size_t reach);

/* Start of the clause holding position `at` of sentence s: after the last
 * , ; 。 before it (at most ZSMP_CLAUSE_REACH back).  `tight` adds 、 ( ) :
 * as boundaries, for labels. */
size_t zsmp_clause_start(const zsmp_text *t, const zsmp_sentence *s, size_t at, int tight);

/* The ZSMP_FIG_* kind of figure a metric of this kind is made from. */
unsigned zsmp_figure_needed(zsm_metric_kind kind);

/* ----------------------------------------------------------------- match */

typedef struct zsmp_hit {
    uint32_t rule;                  /* index into rules->rules */
    zsmp_off start, end;            /* whole match, normalized bytes */
    zsmp_off g_start[ZSMP_G_COUNT]; /* group spans; g_start == g_end == ZSMP_UNSET if unset */
    zsmp_off g_end[ZSMP_G_COUNT];
    uint32_t sentence; /* index into tokens */
} zsmp_hit;

/* What the stages after resolve read of an item's hit: its rule, span and
 * sentence, and the spans of the first ZSMP_G_KEPT groups (value, its
 * upper end, unit) - the other groups only resolve reads. */
enum { ZSMP_G_KEPT = ZSMP_G_UNIT + 1 };

typedef struct zsmp_item_hit {
    uint32_t rule;
    zsmp_off start, end;
    zsmp_off g_start[ZSMP_G_KEPT], g_end[ZSMP_G_KEPT];
    uint32_t sentence;
    /* Where the clause holding the value begins (zsmp_clause_start, not
     * tight): the later stages look for words there, several times an item. */
    zsmp_off clause;
} zsmp_item_hit;

typedef struct zsmp_hits {
    zsmp_hit *items;
    size_t count, cap;
} zsmp_hits;

/* Sentences matched together: each rule runs over all of them before the
 * next rule, so that its JIT-compiled code stays in the instruction cache
 * (a sentence at a time, every rule's code was fetched again for each:
 * 4.1 M first-level instruction cache misses a MB in callgrind's model;
 * batches of 32: 1.2 M; 128: 0.6 M; 512: 0.4 M, with more data misses).
 * Their hits are then handed on a sentence at a time. */
enum { ZSMP_MATCH_BATCH = 128 };

/* The candidate places of a shared scan (zsmp_rule.shared_scan) in a
 * sentence, up to len: kept for the rules sharing it. */
typedef struct zsmp_shared_scan {
    size_t *at, count, cap;
    uint32_t rule;
    size_t sentence, len;
} zsmp_shared_scan;

/* The rules over one document, a batch of sentences at a time. */
typedef struct zsmp_matcher {
    const zsm_rules *rules;
    const zsmp_text *t;
    const zsmp_starts *starts; /* where each rule's matches can begin */
    const zsmp_tokens *tok;
    void *md;                  /* pcre2_match_data, one for the document */
    int jit_now;               /* the text is long: rules JIT-compiled at once (zsm_regex.h) */
    unsigned char *present;    /* per sentence of the batch, per required word: in it */
    unsigned char *stopped;    /* per rule: hit the match or depth limit, then left out */
    zsmp_gate_memo *gate_memo; /* per rule */
    zsmp_shared_scan scans[ZSMP_MATCH_BATCH]; /* a sentence's in slot sentence % batch */
    zsmp_hit *sorted;                         /* the batch's hits put in sentence order */
    size_t sorted_cap;
    struct zsmp_batch *batch; /* a batch's word caches and lists (zsm_match.c): ~16 KB,
                                 kept off the caller's stack */
} zsmp_matcher;

zsm_status zsmp_matcher_init(zsmp_matcher *m, const zsm_rules *rules, const zsmp_text *t,
                             const zsmp_starts *starts, const zsmp_tokens *tok);
/* The matches of every rule in sentences [s0, s1) (at most
 * ZSMP_MATCH_BATCH), replacing those in out: by sentence, each sentence's
 * in rule order, each rule's in the order found; per sentence, their count
 * into counts[s - s0]. */
zsm_status zsmp_match_sentences(zsmp_matcher *m, size_t s0, size_t s1, zsmp_hits *out,
                                size_t *counts);
void zsmp_matcher_free(zsmp_matcher *m);
void zsmp_hits_free(zsmp_hits *h);

/* --------------------------------------------------------------- periods */

enum { ZSMP_NO_OFFSET = -100 };

/* A span of months in one year, as a phrase of the text states it. */
typedef struct zsmp_period {
    int year;          /* 2023; 0 when the phrase names none */
    int year_offset;   /* 今年 0, 去年 -1, 明年 1; ZSMP_NO_OFFSET when not relative */
    int from, to;      /* months 1..12, from <= to */
    size_t start, end; /* the phrase in the normalized text */
} zsmp_period;

/* The period phrase starting at s[i] (zsm_period.c); 0 if none. */
int zsmp_period_at(zsmp_lookup *lk, const char *s, size_t i, size_t end, zsmp_period *p);
/* The first period phrase in s[a, b); 0 if none. */
int zsmp_period_find(zsmp_lookup *lk, const char *s, size_t a, size_t b, zsmp_period *p);

/* Every period phrase of a text, in order (zsmp_periods_scan). */
typedef struct zsmp_periods {
    zsmp_period *items;
    size_t count, cap;
} zsmp_periods;

/* Finds every period phrase starting in s[a, b) in one pass, a phrase (and
 * the words of the lexicon) read on to the text's end as from any place;
 * [a, b) a line or the whole text.  ZSM_ERR_NOMEM on failure. */
zsm_status zsmp_periods_scan(zsmp_lookup *lk, const char *s, size_t a, size_t b, zsmp_periods *out);
void zsmp_periods_free(zsmp_periods *p);

/* A calendar date; day 0 when the text gives only year and month. */
typedef struct zsmp_date {
    int year, month, day;
    size_t start, end;
} zsmp_date;

/* The date starting at s[i]; the first date in s[a, b); the first year
 * written as a year (2009年, 2024-) in s[a, b).  0 if none. */
int zsmp_date_at(const char *s, size_t i, size_t end, zsmp_date *d);
int zsmp_date_find(const char *s, size_t a, size_t b, zsmp_date *d);
/* The first date in s[a, b) when it ends at b (a date line), else 0. */
int zsmp_date_find_ending(const char *s, size_t a, size_t b, zsmp_date *d);
int zsmp_year_find(const char *s, size_t a, size_t b, int *year);

/* ------------------------------------------------------------- gazetteer */

/* A Chinese administrative area (src/tables/zsm_places.c, generated by
 * scripts/gen_places.py): sorted by name, bytewise. */
typedef struct zsmp_place {
    const char *name;    /* 黔江区 */
    unsigned char stem;  /* characters of the name without its suffix: 黔江 */
    unsigned char level; /* 0 province, 1 city, 2 county-level */
    int parent;          /* index of the city or province holding it, -1 */
} zsmp_place;

extern const zsmp_place zsmp_places[];
extern const size_t zsmp_place_count;

/* ------------------------------------------------------ resolve, context */

/* A metric while the pipeline runs: its fields, and the hit it came from
 * (where its figure stands in the normalized text), which the stages after
 * resolve read. */
/* What a figure covers, besides the report's whole region and period:
 * such a figure is never a headline (zsm_relate.c sets them). */
enum {
    ZSMP_SCOPE_OTHER_PERIOD = 1u << 0, /* 1-4月 in a half-year report */
    ZSMP_SCOPE_PAST = 1u << 4,         /* 去年同期: never an actual of this period */
    ZSMP_SCOPE_SUBSET = 1u << 5,       /* after 其中 with no total of its kind: of a part */
    ZSMP_SCOPE_EVENT = 1u << 1,        /* one signing ceremony or fair */
    ZSMP_SCOPE_SUB_AREA = 1u << 2,     /* a town or zone inside the region */
    ZSMP_SCOPE_PROJECT = 1u << 3       /* one named project's size */
};

typedef struct zsmp_item {
    zsm_metric m;
    zsmp_item_hit hit;
    double half_unit; /* half a unit of the last digit written, in value's units */
    int decimals;     /* digits written after the point */
    unsigned scope;   /* ZSMP_SCOPE_* bits */
    size_t part_list; /* the breakdown it is a part in (part_of is its total) */
} zsmp_item;

typedef struct zsmp_items {
    zsmp_item *items;
    size_t count, cap;
} zsmp_items;

/* Removes the items whose drop[i] is set, keeping the order of the rest
 * (size classes in context, table cells by their header). */
void zsmp_items_drop(zsmp_items *items, const unsigned char *drop);
void zsmp_items_free(zsmp_items *items);

/* What the stages of one document share: its text at every stage, and the
 * record being built. */
typedef struct zsmp_pass {
    const zsm_rules *rules;
    const zsmp_decoded *d;
    const zsmp_lines *lines;
    const zsmp_text *t;
    const zsmp_tokens *tok;
    zsm_doc *doc;
    zsmp_lookup lk;                /* the lexicon over t->s, for every stage after matching */
    size_t title_start, title_end; /* the title in t->s (the context stage); empty if none */
    const zsmp_currency *currency; /* what a bare 元 stands for (zsmp_report_currency) */
    size_t line_hint;              /* the line (0-based) of the last metric placed */
} zsmp_pass;

/* The report's own currency: one its text states (（新台币，下同）, 单位：港元)
 * or, in a Traditional-script text, the one home currency it names when it
 * never names the default; else the default (zsm_currency.c). */
const zsmp_currency *zsmp_report_currency(zsmp_pass *p);

/* Keeps the best hit of each figure and makes it an item: value in 亿 of
 * its currency, unit, range, label, span and text, line, rule.  The hits
 * are one sentence's; their items are appended to out, in the order of
 * their figures.  Reorders hits. */
zsm_status zsmp_resolve(zsmp_pass *p, zsmp_hits *hits, zsmp_items *out);

/* The document's title, then each item's approx, category and modality
 * from the words around it, its section and the title (in figure order). */
zsm_status zsmp_context(zsmp_pass *p, zsmp_items *items);

/* The category word ending nearest before `at` in [a, at), the longer on a
 * tie (完成实物量投资 over 投资): its category name, NULL if none. */
const char *zsmp_category_in(zsmp_lookup *lk, size_t a, size_t at);
/* The same, and the word's span in *word_start, *word_end (实际使用外资). */
const char *zsmp_category_word(zsmp_lookup *lk, size_t a, size_t at, size_t *word_start,
                               size_t *word_end);

/* Tables flattened to text (zsm_table.c): a figure in a cell is read by its
 * column's header (完成率, 规模分类, 总投资, 全年目标).  Drops size classes. */
zsm_status zsmp_table(zsmp_pass *p, zsmp_items *items);

/* The rates an actual and a target, each within half a unit of its last
 * printed digit, give, widened by the rate's last printed digit: the
 * completion check of REPORT.md (zsm_relate.c). */
void zsmp_rate_range(const zsmp_item *rate, const zsmp_item *a, const zsmp_item *t, double *lo,
                     double *hi);

/* The report as a whole: region, issuer, period, published, template
 * (zsm_report.c).  Items are in input order with their ids. */
zsm_status zsmp_report(zsmp_pass *p, const zsmp_items *items);

/* A span of the normalized text. */
typedef struct zsmp_span {
    size_t a, b;
} zsmp_span;

/* The region (zsm_region.c): named in one of `lines` (the title, then the
 * issuer's lines), else in the body; sets doc->report.region. */
zsm_status zsmp_find_region(zsmp_pass *p, const zsmp_span *lines, size_t n);

/* How figures relate: parts of a total (part_of), the target and actual of
 * each completion rate and its category, and what each figure covers
 * (zsm_relate.c).  Needs the report's period. */
zsm_status zsmp_relate(zsmp_pass *p, zsmp_items *items);

/* The headline figure of each key (zsm_summary.c) and the checks of the
 * report against itself (zsm_checks.c). */
zsm_status zsmp_summarize(zsmp_pass *p, const zsmp_items *items);
zsm_status zsmp_check(zsmp_pass *p, const zsmp_items *items);

/* ------------------------------------------------------------ the record */

/* Strings packed end to end in blocks (a record holds two a figure: one
 * malloc each cost 16-24 bytes of overhead and a pointer more). */
typedef struct zsmp_arena_block {
    struct zsmp_arena_block *next;
    size_t used, cap;
    char data[];
} zsmp_arena_block;

struct zsm_doc {
    char *source;
    const char *encoding;
    size_t bytes;
    char *title;
    zsm_metric *metrics;
    size_t count, cap;
    zsm_report report;
    int report_period_year;     /* the period's year, 0 when unknown */
    int report_from, report_to; /* the period's months, 0 when none */
    zsm_headline summary[ZSM_KEY_COUNT];
    zsm_check *checks;
    size_t check_count, check_cap;
    zsmp_strlist warnings;
    zsmp_arena_block *strings; /* owned storage for the record's strings, newest first */
};

/* A new empty record (zsm_doc.c); NULL when out of memory. */
zsm_doc *zsmp_doc_new(const char *source, size_t bytes);

/* A copy of s[0, n) owned by the document; NULL when out of memory. */
const char *zsmp_doc_keep(zsm_doc *doc, const char *s, size_t n);
/* The same for an array of n ids. */
const size_t *zsmp_doc_keep_ids(zsm_doc *doc, const size_t *ids, size_t n);

#endif
