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
 * Sentences holding no numeral are flagged so the matcher can skip them.
 */
#include "zsm_internal.h"

#include <stdlib.h>
#include <string.h>

int zsmp_is_clause_break(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == 0x3002 || cp == '\n' || cp == '!' || cp == '?';
}

int zsmp_is_numeral_char(uint32_t cp)
{
    static const char *const cn = "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";
    if ((cp >= '0' && cp <= '9') || cp == 'X' || cp == 'x' || cp == '*' || cp == 0xD7)
        return 1;
    if (cp < 0x3000)
        return 0;
    char buf[5] = {0};
    buf[zsmp_utf8_put(cp, buf)] = '\0';
    return strstr(cn, buf) != NULL;
}

static int ends_sentence(uint32_t cp)
{
    return cp == 0x3002 || cp == '!' || cp == '?' || cp == ';' || cp == '\n';
}

static uint32_t get_cp(const zsmp_text *t, size_t i, size_t *len)
{
    uint32_t cp = 0xFFFD;
    *len = zsmp_utf8_get((const unsigned char *)t->s + i, t->len - i, &cp);
    if (*len == 0)
        *len = 1;
    return cp;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
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

static zsm_status push_sentence(zsmp_tokens *out, const zsmp_text *t, size_t start, size_t end,
                                size_t heading)
{
    start = skip_spaces(t, start, end);
    if (start >= end)
        return ZSM_OK;
    if (zsmp_grow((void **)&out->sentences, &out->cap, out->count + 1, sizeof *out->sentences))
        return ZSM_ERR_NOMEM;
    zsmp_sentence *s = &out->sentences[out->count++];
    s->start = start;
    s->end = end;
    s->heading = heading;
    s->continues_previous = starts_with(t->s + start, end - start, "其中");
    s->has_trigger = 0;
    for (size_t i = start, k; i < end; i += k) {
        if (zsmp_is_numeral_char(get_cp(t, i, &k))) {
            s->has_trigger = 1;
            break;
        }
    }
    return ZSM_OK;
}

static zsm_status push_heading(zsmp_tokens *out, size_t start, size_t end)
{
    if (zsmp_grow((void **)&out->headings, &out->heading_cap, out->heading_count + 1,
                  sizeof *out->headings))
        return ZSM_ERR_NOMEM;
    out->headings[out->heading_count].start = start;
    out->headings[out->heading_count].end = end;
    out->heading_count++;
    return ZSM_OK;
}

/* Splits one line [start, end) into sentences. */
static zsm_status tokenize_line(const zsmp_text *t, size_t start, size_t end, size_t heading,
                                zsmp_tokens *out)
{
    size_t from = start, k;
    for (size_t i = start; i < end; i += k) {
        uint32_t cp = get_cp(t, i, &k);
        if (!ends_sentence(cp))
            continue;
        zsm_status st = push_sentence(out, t, from, i + k, heading);
        if (st)
            return st;
        from = i + k;
    }
    return push_sentence(out, t, from, end, heading);
}

zsm_status zsmp_tokenize(const zsmp_text *t, zsmp_tokens *out)
{
    memset(out, 0, sizeof *out);
    size_t heading = SIZE_MAX;
    for (size_t start = 0; start <= t->len;) {
        const char *nl = memchr(t->s + start, '\n', t->len - start);
        size_t end = nl ? (size_t)(nl - t->s) : t->len;
        zsm_status st = ZSM_OK;
        if (is_heading(t, start, end)) {
            st = push_heading(out, start, end);
            heading = out->heading_count - 1;
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
    free(tok->sentences);
    free(tok->headings);
    memset(tok, 0, sizeof *tok);
}
