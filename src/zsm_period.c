/* zsm_period.c - periods and dates as reports write them.
 *
 * A period is a span of months in one year:
 *   2023年上半年   上半年   2014年度   2023年   全年      (named parts: lexicon period.*)
 *   1-10月份   1—10月   一至十月   1月至10月   6月份      (month numbers)
 *   前三季度   第三季度   截至6月底   今年1-6月   去年
 * The year is written (2023, 二〇二三) or relative (今年, 去年: year_offset);
 * a phrase without one leaves the year to the caller (zsm_report.c takes it
 * from the title, the report's date …).  Months must make sense: 13月 or
 * 10-3月 is no period at all.
 *
 * A date is 2024-07-26, 2024年7月26日, 2024/7/26, 2024.07.26 or
 * 二〇二四年七月二十六日; the day may be missing (2024年7月).
 */
#include "zsm_first_next.h"
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_lexicon_at.h"
#include "zsm_numchar.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ numbers */

static int starts(const char *s, size_t i, size_t end, const char *word)
{
    size_t n = strlen(word);
    return end - i >= n && memcmp(s + i, word, n) == 0;
}

/* Can a year begin at s[i] (< b): a digit or another numeral character?
 * The scans for dates ask at every place: most are passed by the bitmap,
 * without the numeral parser. */
static int may_open_year(const char *s, size_t i, size_t b)
{
    uint32_t cp;
    return (s[i] >= '0' && s[i] <= '9') ||
           (zsmp_utf8_get((const unsigned char *)s + i, b - i, &cp) && zsmp_is_numeral_char(cp));
}

/* A year at s[i]: four ASCII digits, or four Chinese digits (二〇二三).
 * Returns its length, 0 if none; the year is 1900..2199. */
static size_t read_year(const char *s, size_t i, size_t end, int *year)
{
    if (i >= end || !may_open_year(s, i, end))
        return 0;
    if (end - i >= 4 && s[i] >= '0' && s[i] <= '9') {
        int y = 0;
        for (size_t k = i; k < i + 4; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            y = y * 10 + (s[k] - '0');
        }
        if (end - i > 4 && s[i + 4] >= '0' && s[i + 4] <= '9')
            return 0; /* five digits: no year */
        *year = y;
        return y >= 1900 && y <= 2199 ? 4 : 0;
    }
    /* Chinese digits one by one: the numeral parser reads them positionally. */
    zsm_numeral n;
    size_t len = zsm_numeral_parse(s + i, end - i, &n);
    if (len != 12 || n.placeholder || n.exp10 != 0 || n.mantissa < 1900 || n.mantissa > 2199)
        return 0;
    *year = (int)n.mantissa;
    return len;
}

/* A month or day number at s[i] (1-31): one or two ASCII digits (07 in
 * 2024.07.26), or a Chinese numeral (十, 二十六).  Returns its length, 0 if
 * none. */
static size_t read_small(const char *s, size_t i, size_t end, int *v)
{
    if (i < end && s[i] >= '0' && s[i] <= '9') {
        size_t k = i;
        int x = 0;
        while (k < end && k < i + 3 && s[k] >= '0' && s[k] <= '9')
            x = x * 10 + (s[k++] - '0');
        if (k - i > 2 || x < 1 || x > 31)
            return 0;
        *v = x;
        return k - i;
    }
    zsm_numeral n;
    size_t len = zsm_numeral_parse(s + i, end - i, &n);
    if (!len || n.placeholder || n.exp10 < 0 || n.mantissa == 0)
        return 0;
    uint64_t x = n.mantissa;
    for (int e = 0; e < n.exp10 && x <= 31; e++)
        x *= 10;
    if (x > 31)
        return 0;
    *v = (int)x;
    return len;
}

/* A dash or word joining the two ends of a range: - – — ～ ~ 至 到, and
 * "月至" when the first end carries its own 月 (1月至10月). */
static size_t read_dash(const char *s, size_t i, size_t end)
{
    static const char *const dashes[] = {
        "-",  "~", "\xe2\x80\x93", "\xe2\x80\x94\xe2\x80\x94", "\xe2\x80\x94", "\xef\xbd\x9e", "至",
        "到", "—"};
    for (size_t k = 0; k < sizeof dashes / sizeof dashes[0]; k++)
        if (starts(s, i, end, dashes[k]))
            return strlen(dashes[k]);
    return 0;
}

/* -------------------------------------------------------------- periods */

/* Months: "1-10月(份)(底|末)", "1月至10月", "6月份", "截至6月底"; 0 if none. */
static size_t read_months(const char *s, size_t i, size_t end, int *from, int *to)
{
    size_t at = i, k;
    int a, b;
    if (!(k = read_small(s, at, end, &a)))
        return 0;
    at += k;
    int month_after_a = starts(s, at, end, "月");
    if (month_after_a)
        at += strlen("月");
    size_t d = read_dash(s, at, end);
    if (d && (k = read_small(s, at + d, end, &b)) && starts(s, at + d + k, end, "月")) {
        at += d + k + strlen("月");
    } else if (month_after_a) {
        b = a; /* one month: 6月份 */
    } else {
        return 0;
    }
    if (month_after_a && !d)
        a = b;
    if (starts(s, at, end, "份"))
        at += strlen("份");
    int day;
    if (read_small(s, at, end, &day))
        return 0; /* 10月26日: a date, not a period */
    if (starts(s, at, end, "底") || starts(s, at, end, "末"))
        at += strlen("底");
    if (a < 1 || b > 12 || a > b)
        return 0;
    *from = a;
    *to = b;
    return at - i;
}

/* A named part of a year at i (lexicon period.*): its months; 0 if none. */
static size_t read_named(zsmp_lookup *lk, size_t i, size_t end, int *from, int *to)
{
    static const struct {
        zsmp_lex_id id;
        int from, to;
    } named[] = {
        {ZSMP_LEX_PERIOD_THREE_QUARTERS, 1, 9},
        {ZSMP_LEX_PERIOD_FIRST_HALF, 1, 6},
        {ZSMP_LEX_PERIOD_SECOND_HALF, 7, 12},
        {ZSMP_LEX_PERIOD_Q1, 1, 3},
        {ZSMP_LEX_PERIOD_Q2, 4, 6},
        {ZSMP_LEX_PERIOD_Q3, 7, 9},
        {ZSMP_LEX_PERIOD_Q4, 10, 12},
        {ZSMP_LEX_PERIOD_WHOLE_YEAR, 1, 12},
    };
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t me;
        if (zsmp_lex_at(lk, named[k].id, i, end, &me)) {
            *from = named[k].from;
            *to = named[k].to;
            return me - i;
        }
    }
    return 0;
}

/* The year part of a phrase: 2023年(度), 二〇二三年, 今年, 去年; 0 if none. */
static size_t read_year_part(zsmp_lookup *lk, const char *s, size_t i, size_t end, zsmp_period *p)
{
    static const struct {
        zsmp_lex_id id;
        int offset;
    } relative[] = {{ZSMP_LEX_PERIOD_THIS_YEAR, 0},
                    {ZSMP_LEX_PERIOD_LAST_YEAR, -1},
                    {ZSMP_LEX_PERIOD_NEXT_YEAR, 1}};
    int year;
    size_t k = read_year(s, i, end, &year);
    if (k && starts(s, i + k, end, "年") && !read_dash(s, i + k + strlen("年"), end)) {
        p->year = year;
        k += strlen("年");
        return k + (starts(s, i + k, end, "度") ? strlen("度") : 0); /* 2014年度 */
    }
    for (size_t r = 0; r < sizeof relative / sizeof relative[0]; r++) {
        size_t me;
        if (zsmp_lex_at(lk, relative[r].id, i, end, &me)) {
            p->year_offset = relative[r].offset;
            return me - i;
        }
    }
    return 0;
}

int zsmp_period_at(zsmp_lookup *lk, const char *s, size_t i, size_t end, zsmp_period *p)
{
    memset(p, 0, sizeof *p);
    p->year_offset = ZSMP_NO_OFFSET;
    size_t at = i, k;
    size_t year_len = read_year_part(lk, s, at, end, p);
    at += year_len;
    size_t me;
    if (zsmp_lex_at(lk, ZSMP_LEX_PERIOD_UNTIL, at, end, &me) &&
        (k = read_months(s, me, end, &p->from, &p->to))) {
        p->from = 1; /* 截至6月底: the year so far */
        at = me + k;
    } else if ((k = read_named(lk, at, end, &p->from, &p->to)) ||
               (k = read_months(s, at, end, &p->from, &p->to))) {
        at += k;
    } else if (year_len && (p->year || (p->year_offset != ZSMP_NO_OFFSET && p->year_offset))) {
        p->from = 1; /* a year alone: 2023年工作总结, 去年; 今年 alone is the year so far */
        p->to = 12;
    } else {
        return 0;
    }
    p->start = i;
    p->end = at;
    return 1;
}

int zsmp_period_find(zsmp_lookup *lk, const char *s, size_t a, size_t b, zsmp_period *p)
{
    for (size_t i = a; i < b; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        /* A month number inside a longer number (12月 in 112月) or after a
         * range's dash (3月 of 10-3月, 2023年 of 2022-2023年) is no start. */
        if (i > a && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        if (i > a + 1 && (s[i - 1] == '-' || s[i - 1] == '~') && s[i - 2] >= '0' && s[i - 2] <= '9')
            continue;
        if (zsmp_period_at(lk, s, i, b, p))
            return 1;
    }
    return 0;
}

/* --------------------------------------------------------------- dates */

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

int zsmp_date_at(const char *s, size_t i, size_t end, zsmp_date *d)
{
    static const char *const seps[] = {"-", "/", ".", "年"};
    int year;
    size_t at = i, k = read_year(s, at, end, &year);
    if (!k)
        return 0;
    memset(d, 0, sizeof *d);
    d->year = year;
    at += k;
    const char *sep = NULL;
    for (size_t n = 0; n < sizeof seps / sizeof seps[0] && !sep; n++)
        if (starts(s, at, end, seps[n]))
            sep = seps[n];
    if (!sep || !(k = read_small(s, at + strlen(sep), end, &d->month)))
        return 0;
    at += strlen(sep) + k;
    int chinese = strcmp(sep, "年") == 0;
    if (chinese) {
        if (!starts(s, at, end, "月"))
            return 0;
        at += strlen("月");
    }
    size_t day_at = at;
    if (!chinese && starts(s, at, end, sep))
        day_at += strlen(sep);
    if ((chinese || day_at > at) && (k = read_small(s, day_at, end, &d->day))) {
        at = day_at + k;
        if (chinese && (starts(s, at, end, "日") || starts(s, at, end, "号")))
            at += strlen("日");
    }
    if (d->month < 1 || d->month > 12 || d->day > days_in_month(d->year, d->month))
        return 0;
    d->start = i;
    d->end = at;
    return 1;
}

int zsmp_date_find(const char *s, size_t a, size_t b, zsmp_date *d)
{
    for (size_t i = a; i < b; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (i > a && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        if (zsmp_date_at(s, i, b, d))
            return 1;
    }
    return 0;
}

int zsmp_date_find_ending(const char *s, size_t a, size_t b, zsmp_date *d)
{
    if (b <= a)
        return 0;
    /* zsmp_date_at ends a date with 月, 日, 号 or the digits of its month
     * or day: a line ending otherwise holds no date ending it. */
    uint32_t cp;
    size_t last = zsmp_char_start(s, b - 1);
    if (!zsmp_utf8_get((const unsigned char *)s + last, b - last, &cp) ||
        !(cp == 0x6708 || cp == 0x65E5 || cp == 0x53F7 || zsmp_is_numeral_char(cp)))
        return 0;
    return zsmp_date_find(s, a, b, d) && d->end == b;
}

int zsmp_year_find(const char *s, size_t a, size_t b, int *year)
{
    for (size_t i = a; i < b; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80 || (i > a && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        size_t k = read_year(s, i, b, year);
        if (k && (starts(s, i + k, b, "年") || starts(s, i + k, b, "-") ||
                  starts(s, i + k, b, "/") || starts(s, i + k, b, ".")))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ all periods */

/* Period words (lexicon) that may open a phrase without a number. */
static const zsmp_lex_id opening_words[] = {
    ZSMP_LEX_PERIOD_FIRST_HALF, ZSMP_LEX_PERIOD_SECOND_HALF, ZSMP_LEX_PERIOD_THREE_QUARTERS,
    ZSMP_LEX_PERIOD_Q1,         ZSMP_LEX_PERIOD_Q2,          ZSMP_LEX_PERIOD_Q3,
    ZSMP_LEX_PERIOD_Q4,         ZSMP_LEX_PERIOD_WHOLE_YEAR,  ZSMP_LEX_PERIOD_THIS_YEAR,
    ZSMP_LEX_PERIOD_LAST_YEAR,  ZSMP_LEX_PERIOD_NEXT_YEAR,   ZSMP_LEX_PERIOD_UNTIL};

/* The character after the run of numerals beginning at s[i]; NO_CHAR when
 * the run reads to b. */
enum { NO_CHAR = 0xFFFFFFFFu };
static uint32_t after_numerals(const char *s, size_t i, size_t b)
{
    uint32_t cp;
    size_t k;
    while (i < b && (k = zsmp_text_get(s, i, &cp)) && zsmp_is_numeral_char(cp))
        i += k;
    if (i >= b)
        return NO_CHAR;
    zsmp_text_get(s, i, &cp);
    return cp;
}

/* Can a number followed by `next` (after_numerals()) open a period phrase
 * by zsmp_period_at()'s own reading, without a lexicon word: a year is
 * followed by 年 (read_year_part), a month by 月 or a range's dash or word
 * (read_months, read_dash).  Most numbers of a report (38个, 64.1亿元) are
 * not, and are passed over before any lookup; a number that begins a period
 * word (一季度, 1至6月) is the word lookups' to find (opens_phrase). */
static int number_opens_period(uint32_t next)
{
    /* 年 月, and read_dash()'s: - ~ – — 至 到 (～ is ~ once normalized) */
    static const uint32_t opening[] = {0x5E74, 0x6708, '-', '~', 0x2013, 0x2014, 0x81F3, 0x5230};
    for (size_t w = 0; w < sizeof opening / sizeof opening[0]; w++)
        if (next == opening[w])
            return 1;
    return 0;
}

enum { OPENING_WORDS = sizeof opening_words / sizeof opening_words[0] };
_Static_assert((int)OPENING_WORDS <= (int)ZSMP_OPENING_WORDS_MAX,
               "a bit of a uint16_t mask per word");

static int is_numeral(uint32_t cp)
{
    return zsmp_is_numeral_char(cp);
}

/* What follows the numerals a word's strings begin with (its strings, or
 * the strings its matches begin with): unknown (no filter) when it has
 * neither, a string ends among its numerals or there are many. */
static void read_after_numerals(zsmp_period_openings *o, size_t w, const zsmp_lexicon_entry *e)
{
    const zsmp_literals *l = e->lit.count ? &e->lit : &e->lead;
    size_t n = 0;
    o->after_numerals[w].known = (unsigned char)zsmp_literals_after_run(
        l, is_numeral, o->after_numerals[w].cp, ZSMP_AFTER_NUMERALS_MAX, &n);
    o->after_numerals[w].count = (unsigned char)n;
}

/* May word w begin at a numeral followed, after the run of numerals, by
 * `next`?  Only where one of its strings goes on with it (a string can
 * begin there only with the same run, since its next character is none). */
static int may_begin_at_numeral(const zsmp_period_openings *o, size_t w, uint32_t next)
{
    if (!o->after_numerals[w].known)
        return 1;
    for (size_t k = 0; k < o->after_numerals[w].count; k++)
        if (o->after_numerals[w].cp[k] == next)
            return 1;
    return 0;
}

void zsmp_period_openings_read(zsmp_period_openings *o, const zsmp_lexicon *lex,
                               const zsmp_first *numerals)
{
    memset(o, 0, sizeof *o);
    o->chars.known = numerals->known;
    zsmp_first_union(&o->chars, numerals);
    for (size_t w = 0; w < OPENING_WORDS; w++) {
        const zsmp_lexicon_entry *e = &lex->entry[opening_words[w]];
        if (!e->code)
            continue; /* not given: never searched */
        o->chars.known &= e->first.known;
        zsmp_first_union(&o->chars, &e->first);
        read_after_numerals(o, w, e);
    }
}

void zsmp_period_openings_classes(zsmp_period_openings *o, const zsmp_lexicon *lex,
                                  const zsmp_first_classes *fc)
{
    for (unsigned c = 0; c < 256; c++) {
        o->words_of_class[c] = 0;
        for (size_t w = 0; w < OPENING_WORDS; w++) {
            if (zsmp_class_may(fc, &lex->entry[opening_words[w]].first, c))
                o->words_of_class[c] |= (uint16_t)(1u << w);
        }
    }
}

/* Does a phrase open at s[i] (a place of the period-openings set)?  The
 * first character of a run of numerals that number_opens_period() passes,
 * or a period word: of each word, the occurrences a search from the end of
 * the last would find, one after another from a. */
static int opens_phrase(zsmp_lookup *lk, const char *s, size_t a, size_t i, size_t b, size_t *next)
{
    const zsmp_period_openings *o = lk->period_openings;
    int opens = 0;
    uint32_t cp, before, after = NO_CHAR;
    zsmp_text_get(s, i, &cp);
    int numeral = zsmp_is_numeral_char(cp);
    if (numeral) {
        after = after_numerals(s, i, b);
        opens = number_opens_period(after) &&
                !(i > a && (zsmp_text_get(s, zsmp_char_start(s, i - 1), &before),
                            zsmp_is_numeral_char(before)));
    }
    for (unsigned m = o->words_of_class[zsmp_starts_class(&lk->starts, i)]; m; m &= m - 1) {
        size_t w = (size_t)__builtin_ctz(m), ms, me;
        if (i < next[w] || (numeral && !may_begin_at_numeral(o, w, after)))
            continue;
        int r = zsmp_lexicon_search(lk, opening_words[w], i, b, ZSMP_LEX_ANCHORED, &ms, &me);
        if (r < 0)
            next[w] = b; /* stopped at a match limit: no more of this word */
        else if (r > 0) {
            opens = 1;
            next[w] = me > ms ? me : zsmp_char_start(s, ms + 4 <= b ? ms + 4 : b);
        }
    }
    return opens;
}

zsm_status zsmp_periods_scan(zsmp_lookup *lk, const char *s, size_t a, size_t b, zsmp_periods *out)
{
    memset(out, 0, sizeof *out);
    /* Where a phrase can start: the first digit of a number, and the words
     * of the period lexicon - one walk over the places holding a numeral
     * or a period word's first character, from the class index.  Trying
     * every byte would cost a dozen lexicon lookups a byte; a search for
     * each word, a walk over the text each. */
    size_t next[OPENING_WORDS]; /* for each word, where its next occurrence may begin */
    for (size_t w = 0; w < OPENING_WORDS; w++)
        next[w] = a;
    size_t done = a, end = lk->starts.len; /* a phrase may read on to the text's end */
    for (size_t i = zsmp_first_next(&lk->starts, &lk->period_openings->chars, a, b); i < b;
         i = zsmp_first_next(&lk->starts, &lk->period_openings->chars, zsmp_next_char(s, i, b),
                             b)) {
        if (!opens_phrase(lk, s, a, i, end, next) || i < done)
            continue;
        if (i > a + 1 && (s[i - 1] == '-' || s[i - 1] == '~') && s[i - 2] >= '0' && s[i - 2] <= '9')
            continue; /* 3月 of 10-3月 */
        zsmp_period p;
        if (!zsmp_period_at(lk, s, i, end, &p))
            continue;
        if (zsmp_grow((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items)) {
            zsmp_periods_free(out);
            return ZSM_ERR_NOMEM;
        }
        out->items[out->count++] = p;
        done = p.end;
    }
    return ZSM_OK;
}

void zsmp_periods_free(zsmp_periods *p)
{
    free(p->items);
    memset(p, 0, sizeof *p);
}
