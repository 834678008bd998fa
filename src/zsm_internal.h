/* zsm_internal.h - types and helpers shared between the library's stages.
 * Never installed.  Cross-file helpers are named zsmp_.
 *
 * The pipeline, one file a stage, each a function from one struct to the next:
 *   zsm_decode.c     bytes           -> zsmp_decoded   (code points + byte offsets)
 *   zsm_normalize.c  zsmp_decoded    -> zsmp_text      (NFKC, Trad->Simp, UTF-8 + offset map)
 *   zsm_tokenize.c   zsmp_text       -> zsmp_tokens    (sentences, sections, triggers)
 *   zsm_match.c      rules + text    -> zsmp_hits      (raw regex matches)
 *   zsm_resolve.c    hits            -> zsm_metric[]   (values, units, modality ...)
 *   zsm_emit_*.c     zsm_doc         -> JSON / CSV text
 */
#ifndef ZSM_INTERNAL_H
#define ZSM_INTERNAL_H

#include "zsmetrics.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------- helpers */

/* A growable list of owned strings (warnings). */
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
 * least `need` items.  Returns 0 on success, -1 when out of memory. */
int zsmp_grow(void **ptr, size_t *cap, size_t need, size_t elem);

/* Fills an error record; returns its status for `return zsmp_fail(...)`. */
zsm_status zsmp_fail(zsm_error *err, zsm_status status, const char *file, const char *rule,
                     long offset, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Encodes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t zsmp_utf8_put(uint32_t cp, char *out);

/* Decodes one UTF-8 code point from s (len > 0).  Returns the bytes used,
 * 0 for an invalid sequence (overlong, surrogate, truncated, > U+10FFFF).
 * Inline: every stage calls it once a character. */
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

/* The start of the UTF-8 character holding byte i of valid UTF-8 s: offsets
 * computed by arithmetic must be moved onto a character boundary before
 * PCRE2 sees them (it is called with PCRE2_NO_UTF_CHECK). */
static inline size_t zsmp_char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* ---------------------------------------------------------------- decode */

/* The input as code points.  Code point i came from the original bytes
 * [off[i], off[i + 1]); off[n] is the input length.  Invalid bytes are
 * U+FFFD code points of their own, so the offsets always tile the input. */
typedef struct zsmp_decoded {
    uint32_t *cp;
    uint32_t *off;
    size_t n;
    const char *encoding; /* "utf-8" or "gb18030", static */
} zsmp_decoded;

zsm_status zsmp_decode(const char *buf, size_t len, zsmp_decoded *out, zsmp_strlist *warnings);
void zsmp_decoded_free(zsmp_decoded *d);

/* Line starts of the original input: CRLF, LF and lone CR each end a line. */
typedef struct zsmp_lines {
    uint32_t *start; /* byte offset where each line starts */
    size_t count;
} zsmp_lines;

zsm_status zsmp_lines_index(const char *buf, size_t len, zsmp_lines *out);
size_t zsmp_lines_find(const zsmp_lines *lines, size_t offset); /* 1-based line */
void zsmp_lines_free(zsmp_lines *lines);

/* ------------------------------------------------------------- normalize */

/* Normalized text: NUL-terminated UTF-8 with one '\n' per hard line break.
 * Byte i of s came from decoded code point src[i]; src[len] == decoded n. */
typedef struct zsmp_text {
    char *s;
    size_t len;
    uint32_t *src;
} zsmp_text;

zsm_status zsmp_normalize(const zsmp_decoded *d, zsmp_text *out);
void zsmp_text_free(zsmp_text *t);

/* Maps a normalized byte span [a, b) to original byte offsets. */
void zsmp_text_span(const zsmp_text *t, const zsmp_decoded *d, size_t a, size_t b, size_t *start,
                    size_t *end);

/* Normalizes a NUL-terminated UTF-8 string on its own (labels, rules tests).
 * Returns a malloc'd string or NULL when out of memory. */
char *zsmp_normalize_string(const char *s);

/* src/tables/zsm_t2s.c (generated): the Simplified form of a Traditional
 * character, or cp itself when it has none. */
uint32_t zsmp_t2s(uint32_t cp);
extern const char zsmp_t2s_unicode_version[];

/* -------------------------------------------------------------- tokenize */

/* Kinds of figure a sentence holds: a numeral followed by a count word, a
 * money unit (or a bare 万/亿), or a percent sign.  A rule runs only on
 * sentences holding the kind of figure its metric needs. */
enum { ZSMP_FIG_COUNT = 1u << 0, ZSMP_FIG_MONEY = 1u << 1, ZSMP_FIG_PERCENT = 1u << 2 };

/* A sentence of the normalized text: split at 。!? and line ends.  Rules
 * match inside one sentence; modality words scope over it. */
typedef struct zsmp_sentence {
    size_t start, end;                 /* normalized byte span */
    size_t line_start;                 /* where its line (paragraph) starts */
    unsigned figures;                  /* ZSMP_FIG_* bits: the kinds of figure it holds */
    size_t first_figure, figure_count; /* its figures in zsmp_tokens.figures */
    size_t heading;         /* index of the section heading it falls under, or SIZE_MAX */
    int continues_previous; /* opens with 其中 (of which): part of the sentence before */
} zsmp_sentence;

/* A numeral with the unit after it (38个, 64.1亿元, 95%): where rules that
 * start at a figure are tried. */
typedef struct zsmp_figure {
    size_t start, end; /* normalized bytes, the unit included */
    unsigned kind;     /* ZSMP_FIG_* */
} zsmp_figure;

/* A line of normalized text, [start, end) without its LF. */
typedef struct zsmp_line {
    size_t start, end;
} zsmp_line;

typedef struct zsmp_tokens {
    zsmp_sentence *sentences;
    size_t count, cap;
    zsmp_line *headings; /* top-level section headings (一、… 第一部分 …) */
    size_t heading_count, heading_cap;
    zsmp_figure *figures;
    size_t figure_count, figure_cap;
} zsmp_tokens;

zsm_status zsmp_tokenize(const zsmp_text *t, zsmp_tokens *out);
void zsmp_tokens_free(zsmp_tokens *tok);

/* Clause boundaries inside a sentence: , ; : 、 and brackets are not, the
 * comma and semicolon are. */
int zsmp_is_clause_break(uint32_t cp);

/* Numeral characters: ASCII digits, 〇一二两三…十百千万亿, financial forms. */
int zsmp_is_numeral_char(uint32_t cp);

/* The ZSMP_FIG_* kind of figure a metric of this kind is made from. */
unsigned zsmp_figure_needed(zsm_metric_kind kind);

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
    char **requires; /* "requires": one of these must be in the sentence */
    size_t require_count;
    char *category;          /* fixed category, or NULL to derive it (amounts) */
    int modality;            /* fixed modality, or -1 to derive it from context */
    char *source;            /* the pattern as written, fragments unexpanded */
    void *code;              /* pcre2_code_8 *; \G-anchored when at_figure */
    int group[ZSMP_G_COUNT]; /* capture numbers of the named groups, 0 if absent */
} zsmp_rule;

/* A word list from the rules file's lexicon, compiled into one pattern. */
typedef struct zsmp_lexicon_entry {
    char *name;          /* e.g. "category.contract", "modality.target" */
    char *source;        /* the alternation as written */
    void *code;          /* pcre2_code_8 * */
    void *anchored_code; /* the same, matching only at the start offset */
} zsmp_lexicon_entry;

typedef struct zsmp_fragment {
    char *name;
    char *value;
} zsmp_fragment;

struct zsm_rules {
    zsmp_rule *rules;
    size_t count, cap;
    zsmp_lexicon_entry *lexicon;
    size_t lex_count, lex_cap;
    zsmp_fragment *fragments;
    size_t frag_count, frag_cap;
    void *match_context; /* pcre2_match_context_8 *: match and depth limits */
    uint32_t max_groups;
};

/* The lexicon pattern of the given name, or NULL. */
const zsmp_lexicon_entry *zsmp_lexicon_find(const zsm_rules *rules, const char *name);

extern const char *const zsmp_default_rules;
extern const size_t zsmp_default_rules_len;

/* ----------------------------------------------------------------- match */

typedef struct zsmp_hit {
    uint32_t rule;                /* index into rules->rules */
    size_t start, end;            /* whole match, normalized bytes */
    size_t g_start[ZSMP_G_COUNT]; /* group spans; g_start == g_end == SIZE_MAX if unset */
    size_t g_end[ZSMP_G_COUNT];
    size_t sentence; /* index into tokens */
} zsmp_hit;

typedef struct zsmp_hits {
    zsmp_hit *items;
    size_t count, cap;
    size_t limit_hits; /* matches stopped by the match or depth limit */
} zsmp_hits;

zsm_status zsmp_match(const zsm_rules *rules, const zsmp_text *t, const zsmp_tokens *tok,
                      zsmp_hits *out);
void zsmp_hits_free(zsmp_hits *h);

/* How zsmp_lexicon_search looks: the first occurrence, the one ending last
 * (overlapping occurrences included), or only one starting exactly at a. */
typedef enum { ZSMP_LEX_FIRST, ZSMP_LEX_LAST, ZSMP_LEX_ANCHORED } zsmp_lex_mode;

/* Runs a compiled lexicon pattern over s[a, b) with match data md (a
 * pcre2_match_data_8 * of the caller's, reused across calls).  Returns 1
 * and the occurrence's span in *ms, *me, or 0 if none. */
int zsmp_lexicon_search(const zsmp_lexicon_entry *lex, void *md, const char *s, size_t a, size_t b,
                        zsmp_lex_mode mode, size_t *ms, size_t *me);

/* --------------------------------------------------------------- resolve */

struct zsm_doc {
    char *source;
    const char *encoding;
    size_t bytes;
    char *title;
    zsm_metric *metrics;
    size_t count, cap;
    zsmp_strlist warnings;
    zsmp_strlist strings; /* owned storage for the metrics' strings */
};

zsm_status zsmp_resolve(const zsm_rules *rules, const zsmp_decoded *d, const zsmp_lines *lines,
                        const zsmp_text *t, const zsmp_tokens *tok, const zsmp_hits *hits,
                        zsm_doc *doc);

/* Strings for the enums, as written in the output. */
const char *zsmp_kind_name(zsm_metric_kind kind);
const char *zsmp_modality_name(zsm_modality m);
const char *zsmp_approx_name(zsm_approx a); /* NULL for ZSM_EXACT */
int zsmp_kind_parse(const char *name);      /* -1 if unknown */
int zsmp_modality_parse(const char *name);  /* -1 if unknown */

#endif
