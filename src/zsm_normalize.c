/* zsm_normalize.c - code points to the normalized UTF-8 the rules match.
 *
 * Each code point goes through one fold, looked up in a table built once:
 *   NFKC (utf8proc)      ６４．１％ -> 64.1%, ﹪ -> %, ， -> ,, U+3000 -> space
 *   Traditional->Simple  簽約項目 -> 签约项目, 億 -> 亿 (src/tables/zsm_t2s.c)
 *   numeral folds        ○ -> 〇 (used as zero in 二○二三)
 *   controls             NUL and other C0/C1 controls -> space; ZWSP, BOM,
 *                        soft hyphen dropped; CRLF, CR, LS, PS -> LF
 *   HTML entities        &nbsp; &amp; &#12290; … left by web scraping
 * and every output byte remembers the code point it came from, so a match
 * in normalized text maps back to the exact bytes of the input.
 *
 * Line breaks that a PDF copy put inside a sentence ("到位资金6.\n1亿元")
 * are dropped: see is_soft_break().
 */
#include "zsm_grow.h"
#include "zsm_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_MULTI 0xFFFFFFFEu /* folds to several code points: slow path */
#define FOLD_DROP 0xFFFFFFFFu  /* folds to nothing */
#define FOLD_MAX 18            /* utf8proc's longest NFKC expansion */

#define FOLD_UNSET 0xFFFFFFFDu /* not yet met: fold_bmp is filled as characters come */

/* The fold of each BMP character, filled the first time the character is
 * met rather than all 65,536 at the first text (16 M instructions, half
 * the work of a one-report process).  Threads may fill an entry at once:
 * they write the same value, through relaxed atomics (plain loads and
 * stores on common CPUs). */
static _Atomic uint32_t fold_bmp[0x10000];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* Folds one code point, writing up to FOLD_MAX code points; returns the count. */
static size_t fold_slow(uint32_t cp, uint32_t *out)
{
    if (cp == '\t' || cp == 0x7F || (cp < 0x20 && cp != '\n') || (cp >= 0x80 && cp <= 0x9F)) {
        out[0] = ' ';
        return 1;
    }
    if (cp == 0xFEFF || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060)
        return 0;
    if (cp == 0x2028 || cp == 0x2029) {
        out[0] = '\n';
        return 1;
    }
    if (cp == 0x2212) { /* − (minus sign), which NFKC leaves alone */
        out[0] = '-';
        return 1;
    }
    if (cp == 0x25CB || cp == 0x25EF) { /* ○ ◯ written for 〇 */
        out[0] = 0x3007;
        return 1;
    }
    /* Most characters (all CJK ideographs) have no decomposition: NFKC
     * leaves them alone, and only the Trad->Simp table applies. */
    if (utf8proc_get_property((utf8proc_int32_t)cp)->decomp_seqindex == UINT16_MAX) {
        out[0] = zsmp_t2s(cp);
        return 1;
    }
    utf8proc_int32_t buf[FOLD_MAX];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, FOLD_MAX,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &boundclass);
    if (n <= 0 || n > FOLD_MAX) {
        out[0] = cp;
        return 1;
    }
    n = utf8proc_reencode(buf, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n <= 0) {
        out[0] = cp;
        return 1;
    }
    /* utf8proc_reencode left UTF-8 in buf; decode it back to code points. */
    const unsigned char *u = (const unsigned char *)buf;
    size_t count = 0;
    for (size_t i = 0; i < (size_t)n && count < FOLD_MAX;) {
        uint32_t c;
        size_t k = zsmp_utf8_get(u + i, (size_t)n - i, &c);
        if (k == 0)
            break;
        out[count++] = zsmp_t2s(c);
        i += k;
    }
    return count;
}

static void clear_fold_table(void)
{
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        atomic_store_explicit(&fold_bmp[cp], FOLD_UNSET, memory_order_relaxed);
}

/* fold_bmp_of() the first time cp is met: computed and kept.  Out of line,
 * so that the lookup itself is inlined where it is asked for every
 * character. */
static __attribute__((noinline)) uint32_t fold_bmp_fill(uint32_t cp)
{
    uint32_t f, out[FOLD_MAX];
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        f = 0xFFFD; /* a lone surrogate's place */
    } else {
        size_t n = fold_slow(cp, out);
        f = n == 0 ? FOLD_DROP : n == 1 ? out[0] : FOLD_MULTI;
    }
    atomic_store_explicit(&fold_bmp[cp], f, memory_order_relaxed);
    return f;
}

/* The fold of BMP character cp: one code point, FOLD_DROP or FOLD_MULTI. */
static inline uint32_t fold_bmp_of(uint32_t cp)
{
    uint32_t f = atomic_load_explicit(&fold_bmp[cp], memory_order_relaxed);
    return f != FOLD_UNSET ? f : fold_bmp_fill(cp);
}

static size_t fold(uint32_t cp, uint32_t *out)
{
    if (cp < 0x10000) {
        uint32_t f = fold_bmp_of(cp);
        if (f == FOLD_DROP)
            return 0;
        if (f != FOLD_MULTI) {
            out[0] = f;
            return 1;
        }
    }
    return fold_slow(cp, out);
}

/* ------------------------------------------------------ soft line breaks */

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* 一 to 十, as list markers use them. */
static int is_cn_digit(uint32_t cp)
{
    static const uint32_t digits[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                      0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
        if (cp == digits[i])
            return 1;
    return 0;
}

static int is_ascii_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Does the line starting at position i open with a list marker (一、 (一)
 * 1、 1. 第一 ①)?  Such a line starts a new item, never a continuation of
 * the line before. */
static int starts_list_item(const zsmp_decoded *d, size_t i)
{
    size_t end = zsmp_dec_end(d), j = i, next;
    uint32_t c = zsmp_dec_cp(d, i, &next);
    if (c == '(' || c == 0xFF08 || c == 0x7B2C || (c >= 0x2460 && c <= 0x24FF))
        return 1;
    int (*digit)(uint32_t) = is_cn_digit(c)      ? is_cn_digit
                             : is_ascii_digit(c) ? is_ascii_digit
                                                 : NULL;
    if (!digit)
        return 0;
    for (int k = 0; j < end && k < 3 && digit(zsmp_dec_cp(d, j, &next)); k++)
        j = next; /* up to three digits */
    if (j >= end)
        return 0;
    c = zsmp_dec_cp(d, j, &next);
    /* 1. opens an item, 42.3 is a number. */
    if ((c == '.' || c == 0xFF0E) && next < end && is_ascii_digit(zsmp_dec_cp(d, next, &next)))
        return 0;
    return c == 0x3001 || c == '.' || c == 0xFF0E || c == ')' || c == 0xFF09;
}

static int ends_sentence(uint32_t cp)
{
    static const uint32_t stops[] = {0x3002, '!', '?', ';',    ':',    0x201D, 0x300D, 0x300F,
                                     ')',    '|', '>', 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        if (cp == stops[i])
            return 1;
    return 0;
}

/* A line break is soft - a PDF wrapped the text there - when the line
 * before ends inside a sentence (a CJK character, a digit or a decimal
 * point, no closing punctuation), is long or itself continues a wrapped
 * line, and the next line neither is indented nor opens a list item.  Short
 * lines on their own are titles and headings. */
static int is_soft_break(const zsmp_decoded *d, size_t next, size_t line_cps, int continued,
                         uint32_t last)
{
    enum { MIN_WRAPPED_LINE = 16 };
    if ((line_cps < MIN_WRAPPED_LINE && !continued) || next >= zsmp_dec_end(d))
        return 0;
    if (ends_sentence(last))
        return 0;
    int inside = (last >= 0x4E00 && last <= 0x9FFF) || (last >= '0' && last <= '9') ||
                 last == '.' || last == ',' || last == 0x3001;
    if (!inside)
        return 0;
    size_t after;
    uint32_t c = zsmp_dec_cp(d, next, &after);
    if (c == '\n' || c == '\r' || is_space(c))
        return 0;
    return !starts_list_item(d, next);
}

/* --------------------------------------------------------- HTML debris */

/* Text scraped from web pages keeps entities: 签约总额达&nbsp;96.5亿元.  The
 * entity whose name starts at position i, right after its '&' (if any),
 * becomes one character; returns the position after its ';', 0 when there
 * is none. */
static size_t html_entity(const zsmp_decoded *d, size_t i, uint32_t *cp)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {{"nbsp", ' '}, {"ensp", ' '}, {"emsp", ' '}, {"amp", '&'},
                 {"lt", '<'},   {"gt", '>'},   {"quot", '"'}, {"apos", '\''}};
    enum { MAX_ENTITY = 10 };
    char name[MAX_ENTITY + 1];
    size_t n = 0, end = zsmp_dec_end(d), next;
    uint32_t c = 0;
    while (i < end && (c = zsmp_dec_cp(d, i, &next)) < 0x80 && c != ';' && n < MAX_ENTITY) {
        name[n++] = (char)c;
        i = next;
    }
    if (n == 0 || i >= end || c != ';')
        return 0;
    name[n] = '\0';
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        if (strcmp(name, named[k].name) == 0) {
            *cp = named[k].cp;
            return next;
        }
    }
    if (name[0] != '#')
        return 0;
    char *stop;
    unsigned long v = name[1] == 'x' || name[1] == 'X' ? strtoul(name + 2, &stop, 16)
                                                       : strtoul(name + 1, &stop, 10);
    if (*stop || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = (uint32_t)v;
    return next;
}

/* ------------------------------------------------------------- the pass */

typedef struct builder {
    zsmp_text *t;
    size_t cap;
    size_t delta; /* the current run's input offset minus its text offset (mod 2^64) */
} builder;

/* Room for `cap` bytes of text. */
static int text_reserve(zsmp_text *t, size_t cap)
{
    char *s = realloc(t->s, cap);
    if (!s)
        return -1;
    t->s = s;
    return 0;
}

/* Records that the character at normalized byte `at` came from the input
 * character at `src`: a new run unless the current one already says so. */
static int map_at(zsmp_text *t, size_t at, size_t src)
{
    if (t->run_count > 0) {
        const zsmp_src_run *r = &t->runs[t->run_count - 1];
        if (r->off + (at - r->at) == src)
            return 0;
    }
    if (zsmp_grow((void **)&t->runs, &t->run_cap, t->run_count + 1, sizeof *t->runs))
        return -1;
    t->runs[t->run_count++] = (zsmp_src_run){(uint32_t)at, (uint32_t)src};
    return 0;
}

/* Records the k bytes just written at t->len as coming from input offset
 * src, and moves past them: most characters continue the current run. */
static inline int map_char(builder *b, size_t k, size_t src)
{
    zsmp_text *t = b->t;
    if (src != t->len + b->delta || t->run_count == 0) {
        if (map_at(t, t->len, src))
            return -1;
        b->delta = src - t->len;
    }
    t->len += k;
    return 0;
}

/* The index of runs by block (zsmp_text_src), once the text is whole. */
static int index_runs(zsmp_text *t)
{
    size_t blocks = t->len / ZSMP_SRC_BLOCK + 1;
    t->block = malloc(blocks * sizeof *t->block);
    if (!t->block)
        return -1;
    for (size_t b = 0, r = 0; b < blocks; b++) {
        while (r + 1 < t->run_count && t->runs[r + 1].at <= b * ZSMP_SRC_BLOCK)
            r++;
        t->block[b] = (uint32_t)r;
    }
    return 0;
}

/* Room for one more character (up to 4 bytes) and the terminating NUL. */
static int room(builder *b)
{
    zsmp_text *t = b->t;
    if (t->len + 5 > b->cap) {
        size_t cap = b->cap * 2 + 16;
        if (text_reserve(t, cap))
            return -1;
        b->cap = cap;
    }
    return 0;
}

/* Appends cp, which came from the input character at offset src. */
static int emit(builder *b, uint32_t cp, size_t src)
{
    if (room(b))
        return -1;
    return map_char(b, zsmp_utf8_put(cp, b->t->s + b->t->len), src);
}

/* Appends the input's own bytes of characters that are their own folds:
 * k bytes from input offset src on, the offset map's run going on
 * through them. */
static int emit_run(builder *b, const char *bytes, size_t k, size_t src)
{
    zsmp_text *t = b->t;
    if (t->len + k + 1 > b->cap) {
        size_t cap = (t->len + k + 1) * 2 + 16;
        if (text_reserve(t, cap))
            return -1;
        b->cap = cap;
    }
    memcpy(t->s + t->len, bytes, k);
    return map_char(b, k, src);
}

/* Tracks whether the current line is a table row: one with a tab, two
 * bars (| a | b |), or two runs of two spaces or more (cells aligned by
 * spaces).  A PDF wrap never ends a row. */
typedef struct row_shape {
    int tab, gaps, bars;
    size_t spaces; /* spaces in a row just read */
} row_shape;

static void row_shape_add(row_shape *r, uint32_t cp)
{
    if (cp == '\t')
        r->tab = 1;
    if (cp == '|' || cp == 0xFF5C)
        r->bars++;
    if (cp == ' ' || cp == 0x3000) {
        r->spaces++;
        return;
    }
    if (r->spaces >= 2)
        r->gaps++;
    r->spaces = 0;
}

static int row_shape_is_row(const row_shape *r)
{
    return r->tab || r->gaps >= 2 || r->bars >= 2;
}

/* Is the line starting at position i a table row? */
static int next_line_is_row(const zsmp_decoded *d, size_t i)
{
    row_shape r = {0, 0, 0, 0};
    size_t end = zsmp_dec_end(d), next;
    for (uint32_t c; i < end && (c = zsmp_dec_cp(d, i, &next)) != '\n' && c != '\r'; i = next)
        row_shape_add(&r, c);
    return row_shape_is_row(&r);
}

/* Is the UTF-8 character cp at input bytes [i, next) written to the text
 * as it stands: a three-byte one, or printable ASCII other than a bar and
 * '&' (which may open an HTML entity), that folds to itself?  (Spaces,
 * bars and line ends of three bytes fold to ASCII.) */
static inline int copies_as_is(size_t i, size_t next, uint32_t cp)
{
    if (next - i == 3)
        return fold_bmp_of(cp) == cp;
    return next - i == 1 && cp > ' ' && cp < 0x7F && cp != '|' && cp != '&' &&
           fold_bmp_of(cp) == cp;
}

/* What a run of characters copied as they stand tells the rest of the
 * line: how many characters, Han among them, and the last. */
typedef struct run_facts {
    size_t chars, han;
    uint32_t last;
} run_facts;

/* The end of the run of characters copies_as_is() passes from the one
 * just read (cp, ending at input byte next) on, what it tells counted into
 * *f.  Input without an invalid byte is read as it stands; other input
 * through its decoding. */
static inline __attribute__((always_inline)) size_t
run_end(const zsmp_decoded *d, size_t next, uint32_t cp, size_t end, run_facts *f, const int valid)
{
    /* Counted in locals: a store through f may alias d, and d's fields
     * would be read again at every character. */
    size_t run = next, after, chars = f->chars, han = f->han;
    for (uint32_t c = cp;;) {
        han += c - 0x3400 < 0x9FFF - 0x3400 + 1;
        chars++;
        f->last = c;
        if (run >= end)
            break;
        if (valid)
            after = run + zsmp_text_get((const char *)d->in, run, &c);
        else
            c = zsmp_dec_cp(d, run, &after);
        if (!copies_as_is(run, after, c))
            break;
        run = after;
    }
    f->chars = chars;
    f->han = han;
    return run;
}

static size_t copy_run_end(const zsmp_decoded *d, size_t next, uint32_t cp, size_t end,
                           run_facts *f)
{
    /* One loop each, the test of the input's validity out of them. */
    return d->valid_utf8 ? run_end(d, next, cp, end, f, 1) : run_end(d, next, cp, end, f, 0);
}

static zsm_status normalize_into(const zsmp_decoded *d, builder *b)
{
    row_shape row = {0, 0, 0, 0};
    size_t line_cps = 0;
    int continued = 0; /* the current line continues a wrapped one */
    int seen_text = 0; /* a non-empty line has ended: the title is behind us */
    uint32_t last = 0;
    uint32_t out[FOLD_MAX];
    size_t end = zsmp_dec_end(d), next, after;
    for (size_t i = 0; i < end; i = next) {
        uint32_t cp = zsmp_dec_cp(d, i, &next);
        size_t src = zsmp_dec_off(d, i);
        if (!d->cp && copies_as_is(i, next, cp)) {
            /* UTF-8 input, a run of characters the folds leave alone (most
             * of a Chinese text, its figures and their units): their bytes
             * are copied at once.  None is a space, bar, tab or line end,
             * so for the row shape the run only ends a run of spaces; a
             * Han one counts as Simplified. */
            row.gaps += row.spaces >= 2;
            row.spaces = 0;
            run_facts f = {line_cps, b->t->han, last};
            size_t run = copy_run_end(d, next, cp, end, &f);
            line_cps = f.chars;
            b->t->han = f.han;
            last = f.last;
            if (emit_run(b, (const char *)d->in + i, run - i, src))
                return ZSM_ERR_NOMEM;
            next = run;
            continue;
        }
        if (cp == '\r' && next < end && zsmp_dec_cp(d, next, &after) == '\n')
            continue; /* CRLF: the LF stands for both */
        if (cp == '\r')
            cp = '\n';
        size_t entity = cp == '&' ? html_entity(d, next, &cp) : 0;
        if (entity)
            next = entity; /* the character maps to the entity's '&' */
        size_t n = fold(cp, out);
        if (cp != '\n')
            row_shape_add(&row, cp);
        if (cp >= 0x3400 && cp <= 0x9FFF) {
            b->t->han++;
            b->t->traditional += n == 1 && out[0] != cp;
        }
        for (size_t k = 0; k < n; k++) {
            if (out[k] == '\n') {
                /* The first line with text is the title: never wrapped. */
                int soft = seen_text && !row_shape_is_row(&row) &&
                           is_soft_break(d, next, line_cps, continued, last) &&
                           !next_line_is_row(d, next);
                memset(&row, 0, sizeof row);
                seen_text |= line_cps > 0;
                line_cps = 0;
                last = 0;
                continued = soft;
                if (soft)
                    continue;
            } else {
                line_cps++;
                if (out[k] != ' ')
                    last = out[k];
            }
            if (emit(b, out[k], src))
                return ZSM_ERR_NOMEM;
        }
    }
    return ZSM_OK;
}

zsm_status zsmp_normalize(const zsmp_decoded *d, zsmp_text *out)
{
    pthread_once(&fold_once, clear_fold_table);
    memset(out, 0, sizeof *out);
    /* Normalized text is about as long as the input (CJK stays 3 bytes,
     * full-width forms shrink); NFKC expansions such as ㈠ -> (一) grow it
     * in emit(). */
    builder b = {out, d->in_len + 16, 0};
    if (text_reserve(out, b.cap) || normalize_into(d, &b) != ZSM_OK) {
        zsmp_text_free(out);
        return ZSM_ERR_NOMEM;
    }
    if (out->len >= ZSMP_UNSET || d->in_len >= ZSMP_UNSET) { /* offsets are 32 bits */
        zsmp_text_free(out);
        return ZSM_ERR_TOO_LARGE;
    }
    if (map_at(out, out->len, d->in_len) || index_runs(out)) {
        zsmp_text_free(out);
        return ZSM_ERR_NOMEM;
    }
    /* PCRE2's JIT reads a little past the subject's end with wide loads:
     * the bytes there are allocated and zeroed (no uninitialised reads). */
    enum { JIT_SLACK = 64 };
    if (b.cap < out->len + JIT_SLACK) {
        char *bigger = realloc(out->s, out->len + JIT_SLACK);
        if (!bigger) {
            zsmp_text_free(out);
            return ZSM_ERR_NOMEM;
        }
        out->s = bigger;
    }
    memset(out->s + out->len, 0, JIT_SLACK);
    return ZSM_OK;
}

/* Traditional text has a Simplified form for about a quarter of its Han
 * characters; Simplified text quoting a Traditional name has a handful. */
int zsmp_text_is_traditional(const zsmp_text *t)
{
    return t->traditional >= 8 && t->traditional * 20 >= t->han;
}

void zsmp_text_drop_map(zsmp_text *t)
{
    free(t->runs);
    free(t->block);
    t->runs = NULL;
    t->block = NULL;
    t->run_count = t->run_cap = 0;
}

void zsmp_text_free(zsmp_text *t)
{
    free(t->s);
    free(t->runs);
    free(t->block);
    memset(t, 0, sizeof *t);
}

/* The input offsets of the characters at normalized bytes a and b - 1
 * (a < b): the second found from the first's run, a few runs on. */
static void src_pair(const zsmp_text *t, size_t a, size_t b, size_t *first, size_t *last)
{
    size_t r = zsmp_text_run(t, a), c = zsmp_char_start(t->s, b - 1);
    *first = t->runs[r].off + (a - t->runs[r].at);
    while (r + 1 < t->run_count && t->runs[r + 1].at <= c)
        r++;
    *last = t->runs[r].off + (c - t->runs[r].at);
}

void zsmp_text_span(const zsmp_text *t, const zsmp_decoded *d, size_t a, size_t b, size_t *start,
                    size_t *end)
{
    uint32_t cp;
    if (b > a) {
        size_t last;
        src_pair(t, zsmp_char_start(t->s, a), b, start, &last);
        *end = last + zsmp_decoded_char(d, last, &cp);
    } else {
        *start = *end = zsmp_text_src(t, a);
    }
}

char *zsmp_normalize_string(const char *s)
{
    zsmp_strlist warnings = {0};
    zsmp_decoded d;
    zsmp_text t;
    char *result = NULL;
    if (zsmp_decode(s, strlen(s), &d, &warnings) == ZSM_OK && zsmp_normalize(&d, &t) == ZSM_OK) {
        result = t.s;
        t.s = NULL;
        zsmp_text_free(&t);
    }
    zsmp_decoded_free(&d);
    zsmp_strlist_free(&warnings);
    return result;
}

char *zsmp_text_original(const zsmp_text *t, const zsmp_decoded *d, size_t a, size_t b, char *small,
                         size_t cap)
{
    size_t first, last;
    if (b > a)
        src_pair(t, zsmp_char_start(t->s, a), b, &first, &last);
    else
        first = last = zsmp_text_src(t, a);
    size_t need = (last - first + 1) * 4 + 5;
    char *buf = need <= cap ? small : malloc(need);
    if (!buf)
        return NULL;
    size_t n = 0;
    uint32_t cp;
    if (d->valid_utf8 && first < d->in_len) {
        /* Every character valid: the span's bytes, to the end of the last. */
        size_t end = last < d->in_len ? last + zsmp_utf8_step(d->in[last]) : d->in_len;
        if (end > d->in_len)
            end = d->in_len; /* (no character is cut short in valid UTF-8) */
        n = end - first;
        memcpy(buf, d->in + first, n);
    } else if (!d->off) {
        /* UTF-8 input is copied as it was, each valid character whole
         * (what zsmp_decoded_char reads and zsmp_utf8_put would write). */
        for (size_t i = first, k; i <= last && i < d->in_len; i += k) {
            if ((k = zsmp_utf8_get(d->in + i, d->in_len - i, &cp)) > 0) {
                memcpy(buf + n, d->in + i, k);
                n += k;
            } else {
                n += zsmp_utf8_put(0xFFFD, buf + n);
                k = 1;
            }
        }
    } else {
        /* GB18030 input is re-encoded from its decoded characters. */
        for (size_t i = first, k; i <= last && (k = zsmp_decoded_char(d, i, &cp)) > 0; i += k)
            n += zsmp_utf8_put(cp, buf + n);
    }
    buf[n] = '\0';
    return buf;
}
