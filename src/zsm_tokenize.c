/* zsm_tokenize.c - the structure of a normalized report, for the rules.
 *
 * Sentences end at 。 ! ? ; and line ends.  A sentence is where a rule
 * matches (a match never crosses one) and where 预计 (forecast) scopes.
 * A sentence opening with 其中 ("of which") continues the one before it:
 * in "…预计到位资金XX亿元。其中:工业项目到位资金XX亿元" the second figure is
 * a forecast too.
 *
 * Top-level headings (一、… 二、… 第三部分…) are recorded: the section a
 * figure falls under says whether it is a plan (下半年工作打算).
 * Each sentence records the kinds of figure it holds, so the matcher runs a
 * rule only where its metric can be.
 */
#include "zsm_first_next.h"
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_numchar.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

int zsmp_is_clause_break(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == 0x3002 || cp == '\n' || cp == '!' || cp == '?';
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* 个 项 份 宗 件 家: the count words a figure can end with. */
static int is_count_unit(uint32_t cp)
{
    switch (cp) {
    case 0x4E2A:
    case 0x9879:
    case 0x4EFD:
    case 0x5B97:
    case 0x4EF6:
    case 0x5BB6: return 1;
    default: return 0;
    }
}

/* What may stand inside a figure, between its numbers and its unit: space
 * - ~ – — 余 多 来 至 到 几 (and . , 点 inside a number: inside_number). */
static int figure_filler(uint32_t cp)
{
    switch (cp) {
    case ' ':
    case '-':
    case '~':
    case 0x2013:
    case 0x2014:
    case 0x4F59:
    case 0x591A:
    case 0x6765:
    case 0x81F3:
    case 0x5230:
    case 0x51E0: return 1;
    default: return 0;
    }
}

unsigned zsmp_figure_needed(zsm_metric_kind kind)
{
    switch (kind) {
    case ZSM_SIGNED_PROJECTS:
    case ZSM_PROJECT_COUNT: return ZSMP_FIG_COUNT;
    case ZSM_AMOUNT: return ZSMP_FIG_MONEY;
    case ZSM_COMPLETION_RATE:
    case ZSM_RATE: return ZSMP_FIG_PERCENT;
    }
    return 0;
}

/* After 个: 亿, 多亿, 余亿, 来亿 - spoken money (八个多亿). */
static int spoken_yi(const char *s, size_t n)
{
    if (n >= 3 && (starts_with(s, n, "多") || starts_with(s, n, "余") || starts_with(s, n, "来"))) {
        s += 3;
        n -= 3;
    }
    return starts_with(s, n, "亿");
}

/* Is cp (just read, s[after] next) a point or separator inside a number:
 * . or 点 before a digit, a comma before three digits (1,200; the
 * normalized ， of a list is a comma too)? */
static int inside_number(const zsmp_text *t, uint32_t cp, size_t after, size_t end)
{
    const char *s = t->s + after;
    size_t n = end - after;
    if (cp == ',')
        return n >= 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
               s[2] <= '9';
    if (cp != '.' && cp != 0x70B9) /* 点 */
        return 0;
    uint32_t next = 0;
    return zsmp_utf8_get((const unsigned char *)s, n, &next) && zsmp_is_numeral_char(next);
}

/* Do the spaces at s[i] stand between two numbers (a digit before them and
 * one after), which are then two figures?  7.2 亿元 and 3 - 5 are one. */
static int spaces_apart(const zsmp_text *t, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && t->s[j] == ' ')
        j++;
    return i > 0 && j < end && t->s[i - 1] >= '0' && t->s[i - 1] <= '9' && t->s[j] >= '0' &&
           t->s[j] <= '9';
}

/* The kind of figure the numeral at i makes with what follows it: 38个
 * (count), 64.1亿元, 8000万, 18万美元 (money), 95% (percent); 0 if none.
 * Between numeral and unit may stand spaces, 余/多, multipliers and a second
 * numeral of a range (3至5个).  *stop is where the scan ended: after the
 * unit, or at the first character that is none of these.  The scan is
 * deliberately generous: it only decides where rules are worth trying. */
static unsigned figure_at(const zsm_rules *rules, const zsmp_text *t, size_t i, size_t end,
                          size_t *stop)
{
    unsigned kind = 0;
    size_t k;
    for (; i < end; i += k) {
        uint32_t cp;
        k = zsmp_text_get(t->s, i, &cp);
        *stop = i + k;
        if (cp >= '0' && cp <= '9' && !zsmp_currency_may_begin(rules, (unsigned char)cp))
            continue; /* most characters of a figure: a digit is no unit */
        if (cp == 0x4E07 || cp == 0x4EBF || cp == 0x5146) /* 万 亿 兆 */
            kind = ZSMP_FIG_MONEY;
        else if (cp == '%')
            return ZSMP_FIG_PERCENT;
        else if (cp == 0x4E2A && spoken_yi(t->s + i + k, end - i - k))
            return ZSMP_FIG_COUNT | ZSMP_FIG_MONEY; /* 5个亿 (spoken money), 5个亿元以上项目 */
        else if (is_count_unit(cp))
            return ZSMP_FIG_COUNT;
        else if (zsmp_currency_at_cp(rules, t->s + i, end - i, cp))
            return ZSMP_FIG_MONEY;
        else if (cp == ' ' && spaces_apart(t, i, end))
            break; /* 47.26  81.5%: two cells of a table row, two figures */
        else if (!zsmp_is_numeral_char(cp) && !figure_filler(cp) &&
                 !inside_number(t, cp, i + k, end))
            break;
    }
    *stop = i;
    return kind;
}

/* ------------------------------------------------------------ clauses */

size_t zsmp_reach_back(const zsmp_text *t, size_t from, size_t at, size_t reach)
{
    return at - from > reach ? zsmp_char_start(t->s, at - reach) : from;
}

/* What a byte can end, for zsmp_clause_start: a break (, ; \n ! ?), a
 * tight break (( ) :), the last byte of 。 or of 、 (E3 80 82, E3 80 81). */
enum { END_BREAK = 1, END_TIGHT = 2, END_STOP = 4, END_COMMA = 8 };

static const unsigned char clause_end[256] = {
    ['\n'] = END_BREAK, [','] = END_BREAK, [';'] = END_BREAK, ['!'] = END_BREAK, ['?'] = END_BREAK,
    ['('] = END_TIGHT,  [')'] = END_TIGHT, [':'] = END_TIGHT, [0x82] = END_STOP, [0x81] = END_COMMA,
};

/* A byte at a time, backwards, through a table: the ASCII breaks never
 * occur inside a character, and 。 、 are told by their last byte and the
 * two before - cheaper than decoding every character on the way. */
size_t zsmp_clause_start(const zsmp_text *t, const zsmp_sentence *s, size_t at, int tight)
{
    const unsigned char *b = (const unsigned char *)t->s;
    unsigned want = tight ? END_BREAK | END_TIGHT | END_STOP | END_COMMA : END_BREAK | END_STOP;
    size_t stop = zsmp_reach_back(t, s->start, at, ZSMP_CLAUSE_REACH);
    for (size_t i = at; i > stop; i--) {
        /* Four bytes a step while none of them can end a clause. */
        while (i >= stop + 4 && !((clause_end[b[i - 1]] | clause_end[b[i - 2]] |
                                   clause_end[b[i - 3]] | clause_end[b[i - 4]]) &
                                  want))
            i -= 4;
        if (i == stop)
            break;
        unsigned e = clause_end[b[i - 1]] & want;
        if (e & (END_BREAK | END_TIGHT))
            return i;
        if (e && i >= stop + 3 && b[i - 3] == 0xE3 && b[i - 2] == 0x80)
            return i; /* 。 or 、 */
    }
    return stop;
}

/* ------------------------------------------------------------ figures */

static uint32_t get_cp(const zsmp_text *t, size_t i, size_t *len)
{
    uint32_t cp;
    *len = zsmp_text_get(t->s, i, &cp);
    return cp;
}

static zsm_status push_figure(zsmp_tokens *out, size_t start, size_t end, unsigned kind)
{
    if (zsmp_grow((void **)&out->figures, &out->figure_cap, out->figure_count + 1,
                  sizeof *out->figures))
        return ZSM_ERR_NOMEM;
    zsmp_figure f = {(zsmp_off)start, (zsmp_off)end, kind};
    out->figures[out->figure_count++] = f;
    return ZSM_OK;
}

/* 数 几 上 before a multiplier start a vague figure: 数十亿, 几百万, 上亿. */
static int vague_prefix(const zsmp_text *t, uint32_t cp, size_t after, size_t end)
{
    uint32_t next = 0;
    if (!zsmp_is_vague_word(cp))
        return 0;
    zsmp_utf8_get((const unsigned char *)t->s + after, end - after, &next);
    /* 十 百 千 万 亿 兆 */
    return next == 0x5341 || next == 0x767E || next == 0x5343 || next == 0x4E07 || next == 0x4EBF ||
           next == 0x5146;
}

/* Does a currency word other than a lone Han character (US$ $ ¥ 美元 港币,
 * not 元) end right before s[i], one space allowed: $300, 美元 500万? */
static int currency_before(const zsm_rules *rules, const zsmp_text *t, size_t from, size_t i)
{
    if (i > from && t->s[i - 1] == ' ')
        i--;
    return zsmp_currency_ends_at(rules, t->s, from, i);
}

/* Records the figures of sentence s, and the kinds it holds: the places
 * holding a numeral or a vague word come from the class index. */
static zsm_status find_figures(const zsmp_text *t, zsmp_sentence *s, zsmp_tokens *out)
{
    const zsmp_first *openers = &out->rules->figure_openers;
    s->figures = 0;
    s->first_figure = (uint32_t)out->figure_count;
    size_t k;
    for (size_t i = zsmp_first_next(out->starts, openers, s->start, s->end); i < s->end;
         i = zsmp_first_next(out->starts, openers, i + k, s->end)) {
        uint32_t cp = get_cp(t, i, &k);
        int numeral = zsmp_is_numeral_char(cp); /* 百 of 百分之 is one */
        if (!numeral && !zsmp_is_vague_word(cp))
            continue; /* most characters */
        unsigned kind = 0;
        size_t stop = i + k;
        if (cp == 0x767E && starts_with(t->s + i, s->end - i, "百分之"))
            kind = ZSMP_FIG_PERCENT; /* 百分之八十八 */
        else if (vague_prefix(t, cp, i + k, s->end))
            kind = figure_at(out->rules, t, i + k, s->end, &stop) & ZSMP_FIG_MONEY;
        else if (numeral) {
            kind = figure_at(out->rules, t, i, s->end, &stop);
            if (!(kind & ZSMP_FIG_MONEY) && currency_before(out->rules, t, s->start, i))
                kind |= ZSMP_FIG_MONEY;
        }
        if (kind && push_figure(out, i, stop, kind))
            return ZSM_ERR_NOMEM;
        s->figures |= (uint8_t)kind;
        if (kind || numeral)
            k = stop > i ? stop - i : k;
    }
    s->figure_count = (uint32_t)(out->figure_count - s->first_figure);
    return ZSM_OK;
}

static size_t skip_spaces(const zsmp_text *t, size_t i, size_t end)
{
    while (i < end && (t->s[i] == ' '))
        i++;
    return i;
}

/* 一、 二、 … 十二、 or 第一部分 / 第二章 at the start of a line: a
 * top-level heading.  (一) and 1. are sub-levels and do not open a section. */
static int is_heading(const zsmp_text *t, size_t start, size_t end)
{
    enum { MAX_HEADING_BYTES = 40 * 3 };
    size_t i = skip_spaces(t, start, end);
    if (end - i > MAX_HEADING_BYTES)
        return 0;
    int ordinal = starts_with(t->s + i, end - i, "第");
    if (ordinal)
        i += 3;
    size_t digits = 0, k;
    while (i < end) {
        uint32_t cp = get_cp(t, i, &k);
        if (!zsmp_is_numeral_char(cp) || cp < 0x3000)
            break;
        digits++;
        i += k;
    }
    if (digits == 0 || digits > 3 || i >= end)
        return 0;
    if (ordinal)
        return starts_with(t->s + i, end - i, "部分") || starts_with(t->s + i, end - i, "章");
    return starts_with(t->s + i, end - i, "、") || t->s[i] == '.';
}

static zsm_status push_sentence(zsmp_tokens *out, const zsmp_text *t, size_t line_start,
                                size_t start, size_t end, uint32_t heading)
{
    start = skip_spaces(t, start, end);
    if (start >= end)
        return ZSM_OK;
    if (zsmp_grow((void **)&out->sentences, &out->cap, out->count + 1, sizeof *out->sentences))
        return ZSM_ERR_NOMEM;
    zsmp_sentence *s = &out->sentences[out->count++];
    s->start = (zsmp_off)start;
    s->end = (zsmp_off)end;
    s->line_start = (zsmp_off)line_start;
    s->heading = heading;
    s->continues_previous = (uint8_t)starts_with(t->s + start, end - start, "其中");
    s->after_semicolon = 0;
    return find_figures(t, s, out);
}

static zsm_status push_line(zsmp_line **lines, size_t *count, size_t *cap, size_t start, size_t end,
                            int heading)
{
    if (zsmp_grow((void **)lines, cap, *count + 1, sizeof **lines))
        return ZSM_ERR_NOMEM;
    zsmp_line l = {(zsmp_off)start, (zsmp_off)end, heading};
    (*lines)[(*count)++] = l;
    return ZSM_OK;
}

/* The bytes that may begin a sentence end: ! ? ; a line end, and the
 * first byte of 。 (E3 80 82).  The ASCII ends never occur inside a
 * character, nor does E3: the text is scanned a byte at a time. */
static const unsigned char may_end_sentence[256] = {
    ['!'] = 1, ['?'] = 1, [';'] = 1, ['\n'] = 1, [0xE3] = 1};

/* The first sentence end (。 ! ? ; or a line end) in s[i, end), its
 * length in *k; end if none.  Four bytes a step, their table lookups
 * independent of each other: most of a line holds no end. */
static size_t next_sentence_end(const unsigned char *s, size_t i, size_t end, size_t *k)
{
    const unsigned char *may = may_end_sentence;
    for (;; i++) {
#ifdef __SSE2__
        /* Sixteen bytes a step (SSE2: every x86-64), compared with each. */
        const __m128i bang = _mm_set1_epi8('!'), query = _mm_set1_epi8('?'),
                      semi = _mm_set1_epi8(';'), lf = _mm_set1_epi8('\n'),
                      e3 = _mm_set1_epi8((char)0xE3);
        for (; i + 16 <= end; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            __m128i hit = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, query)),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, semi), _mm_cmpeq_epi8(v, lf)),
                             _mm_cmpeq_epi8(v, e3)));
            if (_mm_movemask_epi8(hit))
                break;
        }
#endif
        for (; i + 4 <= end; i += 4)
            if (may[s[i]] | may[s[i + 1]] | may[s[i + 2]] | may[s[i + 3]])
                break;
        for (; i < end && !may[s[i]]; i++)
            ;
        if (i >= end)
            return end;
        if (s[i] != 0xE3) {
            *k = 1;
            return i;
        }
        if (i + 3 <= end && s[i + 1] == 0x80 && s[i + 2] == 0x82) {
            *k = 3;
            return i;
        }
    }
}

/* Splits one line [start, end) into sentences. */
static zsm_status tokenize_line(const zsmp_text *t, size_t start, size_t end, uint32_t heading,
                                zsmp_tokens *out)
{
    const unsigned char *u = (const unsigned char *)t->s;
    size_t from = start, k = 0;
    uint8_t semicolon = 0; /* the sentence before ended with ; */
    for (size_t i = next_sentence_end(u, start, end, &k); i < end;
         i = next_sentence_end(u, i + k, end, &k)) {
        size_t before = out->count;
        zsm_status st = push_sentence(out, t, start, from, i + k, heading);
        if (st)
            return st;
        if (out->count > before)
            out->sentences[before].after_semicolon = semicolon;
        semicolon = u[i] == ';';
        from = i + k;
    }
    size_t before = out->count;
    zsm_status st = push_sentence(out, t, start, from, end, heading);
    if (st == ZSM_OK && out->count > before)
        out->sentences[before].after_semicolon = semicolon;
    return st;
}

zsm_status zsmp_tokenize(const zsm_rules *rules, const zsmp_text *t, const zsmp_starts *starts,
                         zsmp_tokens *out)
{
    memset(out, 0, sizeof *out);
    out->rules = rules;
    out->starts = starts;
    uint32_t heading = ZSMP_UNSET;
    for (size_t start = 0; start <= t->len;) {
        const char *nl = memchr(t->s + start, '\n', t->len - start);
        size_t end = nl ? (size_t)(nl - t->s) : t->len;
        int is_head = is_heading(t, start, end);
        zsm_status st =
            push_line(&out->lines, &out->line_count, &out->line_cap, start, end, is_head);
        if (st == ZSM_OK && is_head) {
            st = push_line(&out->headings, &out->heading_count, &out->heading_cap, start, end, 1);
            heading = (uint32_t)(out->heading_count - 1);
        }
        if (st == ZSM_OK)
            st = tokenize_line(t, start, end, heading, out);
        if (st) {
            zsmp_tokens_free(out);
            return st;
        }
        start = end + 1;
    }
    return ZSM_OK;
}

void zsmp_tokens_free(zsmp_tokens *tok)
{
    free(tok->figures);
    free(tok->sentences);
    free(tok->headings);
    free(tok->lines);
    memset(tok, 0, sizeof *tok);
}
