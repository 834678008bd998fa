/* zsm_resolve.c - raw rule hits to metrics.
 *
 * For every figure only the best hit survives (highest rule priority, then
 * the longest match).  Then each metric gets:
 *   value     the numeral scaled by its unit: amounts in 亿 of their
 *             currency, so 8000万元 is 0.8 and 18万美元 is 0.0018 USD
 *   approx    约 近 超 余 以上 以下 … around the figure (lexicon approx.*)
 *   label     what is measured: the rule's label group, else the clause
 *             text before the figure
 *   category  amounts: the category word nearest before the figure in its
 *             clause (lexicon category.*); with none, the category of the
 *             amount before it in the sentence - "…到位资金XX亿元,占目标任务
 *             (XX亿元)" is a target for the same funds - else "other"
 *   modality  forecast when 预计 … precedes it in the sentence or heads the
 *             section; target when a goal word precedes it in its clause,
 *             "…的全年任务" follows it, or the section is a plan (下半年工作打算)
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_internal.h"

#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------- enum names */

static const char *const kind_names[] = {"signed_projects", "amount", "completion_rate",
                                         "project_count", "rate"};
static const char *const modality_names[] = {"actual", "target", "forecast"};
static const char *const approx_names[] = {NULL,       "about",   "more_than",
                                           "at_least", "at_most", "range"};

const char *zsmp_kind_name(zsm_metric_kind kind)
{
    return kind_names[kind];
}
const char *zsmp_modality_name(zsm_modality m)
{
    return modality_names[m];
}
const char *zsmp_approx_name(zsm_approx a)
{
    return approx_names[a];
}

int zsmp_kind_parse(const char *name)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

int zsmp_modality_parse(const char *name)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(name, modality_names[i]) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------ currencies */

typedef struct currency {
    const char *word; /* as written after the multiplier */
    const char *iso;
    const char *unit; /* the output unit: 亿 + the currency's name */
} currency;

/* Longest words first: 新加坡元 before 元. */
static const currency currencies[] = {
    {"新加坡元", "SGD", "亿新加坡元"},
    {"瑞士法郎", "CHF", "亿瑞士法郎"},
    {"人民币", "CNY", "亿元"},
    {"美元", "USD", "亿美元"},
    {"美金", "USD", "亿美元"},
    {"欧元", "EUR", "亿欧元"},
    {"港元", "HKD", "亿港元"},
    {"港币", "HKD", "亿港元"},
    {"日元", "JPY", "亿日元"},
    {"英镑", "GBP", "亿英镑"},
    {"韩元", "KRW", "亿韩元"},
    {"澳元", "AUD", "亿澳元"},
    {"加元", "CAD", "亿加元"},
    {"卢布", "RUB", "亿卢布"},
    {"新台币", "TWD", "亿新台币"},
    {"台币", "TWD", "亿新台币"},
    {"元", "CNY", "亿元"},
};

static int word_at(const char *u, size_t n, size_t i, const char *word)
{
    size_t len = strlen(word);
    return n - i >= len && memcmp(u + i, word, len) == 0;
}

/* The currency named by the word at the start of u, or NULL. */
static const currency *currency_at(const char *u, size_t n)
{
    for (size_t k = 0; k < sizeof currencies / sizeof currencies[0]; k++)
        if (word_at(u, n, 0, currencies[k].word))
            return &currencies[k];
    return NULL;
}

/* Reads the multiplier prefix of a money unit (千万 in 千万元) as a power
 * of ten, then the currency.  Spoken forms pass: 个 before 亿 (5个亿) and
 * 余 多 来 among the multipliers (5亿多元, 八个多亿; find_approx() reads
 * them).  A bare 万 or 亿 (投资8000万) is yuan. */
static const currency *parse_money_unit(const char *u, size_t n, int *exp10)
{
    static const struct {
        const char *word;
        int exp;
    } mult[] = {{"十", 1}, {"百", 2}, {"千", 3}, {"万", 4}, {"亿", 8},
                {"个", 0}, {"余", 0}, {"多", 0}, {"来", 0}, {" ", 0}};
    *exp10 = 0;
    size_t i = 0;
    for (int more = 1; more && i < n;) {
        more = 0;
        for (size_t k = 0; k < sizeof mult / sizeof mult[0]; k++) {
            if (word_at(u, n, i, mult[k].word)) {
                *exp10 += mult[k].exp;
                i += strlen(mult[k].word);
                more = 1;
                break;
            }
        }
    }
    const currency *cur = currency_at(u + i, n - i);
    return cur ? cur : &currencies[sizeof currencies / sizeof currencies[0] - 1];
}

/* mantissa * 10^exp10 as the nearest double, through the decimal string. */
static double decimal_value(uint64_t mantissa, int exp10)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)mantissa, exp10);
    return strtod(buf, NULL);
}

/* --------------------------------------------------------------- context */

/* The lexicon entries the resolver reads, looked up by name once a document. */
typedef enum lex_id {
    LEX_APPROX_ABOUT_BEFORE,
    LEX_APPROX_MORE_THAN_BEFORE,
    LEX_APPROX_AT_LEAST_BEFORE,
    LEX_APPROX_AT_MOST_BEFORE,
    LEX_APPROX_ABOUT_AFTER,
    LEX_APPROX_MORE_THAN_AFTER,
    LEX_APPROX_AT_LEAST_AFTER,
    LEX_APPROX_AT_MOST_AFTER,
    LEX_CATEGORY_OTHER,
    LEX_CATEGORY_CONTRACT,
    LEX_CATEGORY_FUNDS_IN_PLACE,
    LEX_CATEGORY_INVESTMENT_COMPLETED,
    LEX_CATEGORY_TOTAL_INVESTMENT,
    LEX_CATEGORY_OTHER_AFTER,
    LEX_LABEL_TRIM_END,
    LEX_LABEL_TRIM_START,
    LEX_MODALITY_FORECAST,
    LEX_MODALITY_PLAN,
    LEX_MODALITY_PROJECT_SIZE_AFTER,
    LEX_MODALITY_TARGET,
    LEX_MODALITY_TARGET_AFTER,
    LEX_SECTION_FORECAST,
    LEX_SECTION_NOT_TARGET,
    LEX_SECTION_TARGET,
    LEX_TITLE_NOT,
    LEX_TITLE_NOT_TARGET,
    LEX_TITLE_TARGET,
    LEX_TITLE_WORDS,
    LEX_COUNT
} lex_id;

static const char *const lex_names[LEX_COUNT] = {
    "approx.about.before",
    "approx.more_than.before",
    "approx.at_least.before",
    "approx.at_most.before",
    "approx.about.after",
    "approx.more_than.after",
    "approx.at_least.after",
    "approx.at_most.after",
    "category.other",
    "category.contract",
    "category.funds_in_place",
    "category.investment_completed",
    "category.total_investment",
    "category.other_after",
    "label.trim_end",
    "label.trim_start",
    "modality.forecast",
    "modality.plan",
    "modality.project_size_after",
    "modality.target",
    "modality.target_after",
    "section.forecast",
    "section.not_target",
    "section.target",
    "title.not",
    "title.not_target",
    "title.target",
    "title.words",
};

typedef struct ctx {
    const zsm_rules *rules;
    const zsmp_decoded *d;
    const zsmp_lines *lines;
    const zsmp_text *t;
    const zsmp_tokens *tok;
    zsm_doc *doc;
    void *md; /* pcre2_match_data_8 * for the lexicon searches */
    const zsmp_lexicon_entry *lex[LEX_COUNT];
    zsm_modality plan; /* ZSM_TARGET when the title names a plan (工作要点) */
    long plan_year;    /* the year in that title (2025年…工作要点), 0 if none */
} ctx;

static int lex_search(const ctx *c, lex_id id, size_t a, size_t b, zsmp_lex_mode mode, size_t *ms,
                      size_t *me)
{
    return zsmp_lexicon_search(c->lex[id], c->md, c->t->s, a, b, mode, ms, me);
}

static int lex_last(const ctx *c, lex_id name, size_t a, size_t b, size_t *ms, size_t *me)
{
    return lex_search(c, name, a, b, ZSMP_LEX_LAST, ms, me);
}

static int lex_any(const ctx *c, lex_id name, size_t a, size_t b)
{
    size_t ms, me;
    return lex_search(c, name, a, b, ZSMP_LEX_FIRST, &ms, &me);
}

/* Does a word of lexicon `name` start exactly at a (within [a, b))?  Its
 * end goes to *end when end is not NULL. */
static int lex_at_end(const ctx *c, lex_id name, size_t a, size_t b, size_t *end)
{
    size_t ms, me;
    if (!lex_search(c, name, a, b, ZSMP_LEX_ANCHORED, &ms, &me))
        return 0;
    if (end)
        *end = me;
    return 1;
}

static int lex_at(const ctx *c, lex_id name, size_t a, size_t b)
{
    return lex_at_end(c, name, a, b, NULL);
}

/* Does a word of lexicon `name` end exactly at b (searching [a, b))? */
static int lex_ends_at(const ctx *c, lex_id name, size_t a, size_t b)
{
    size_t ms, me;
    return lex_last(c, name, a, b, &ms, &me) && me == b;
}

static uint32_t cp_before(const zsmp_text *t, size_t *i)
{
    size_t j = *i;
    do
        j--;
    while (j > 0 && ((unsigned char)t->s[j] & 0xC0) == 0x80);
    uint32_t cp = 0xFFFD;
    zsmp_utf8_get((const unsigned char *)t->s + j, t->len - j, &cp);
    *i = j;
    return cp;
}

/* How far back from a figure the resolver reads: a clause, and a sentence
 * for forecast words.  Real clauses and sentences are far shorter; the caps
 * keep a 20 MB line without punctuation linear. */
enum { CLAUSE_REACH = 100 * 3, SENTENCE_REACH = 300 * 3 };

static size_t reach_back(const ctx *c, size_t from, size_t at, size_t reach)
{
    return at - from > reach ? zsmp_char_start(c->t->s, at - reach) : from;
}

/* Start of the clause holding position `at`: after the last , ; 。 in the
 * sentence (at most CLAUSE_REACH back).  `tight` adds 、 ( ) : as
 * boundaries, for labels. */
static size_t clause_start(const ctx *c, const zsmp_sentence *s, size_t at, int tight)
{
    size_t i = at, stop = reach_back(c, s->start, at, CLAUSE_REACH);
    while (i > stop) {
        size_t j = i;
        uint32_t cp = cp_before(c->t, &j);
        if (zsmp_is_clause_break(cp))
            return i;
        if (tight && (cp == 0x3001 || cp == '(' || cp == ')' || cp == ':'))
            return i;
        i = j;
    }
    return i;
}

/* A copy of s[0, n) owned by the document; NULL when out of memory. */
static const char *keep_string(zsm_doc *doc, const char *s, size_t n)
{
    if (zsmp_strlist_pushn(&doc->strings, s, n) != ZSM_OK)
        return NULL;
    return doc->strings.items[doc->strings.count - 1];
}

/* ------------------------------------------------------------ best hits */

static int hit_better(const zsm_rules *rules, const zsmp_hit *a, const zsmp_hit *b)
{
    int pa = rules->rules[a->rule].priority, pb = rules->rules[b->rule].priority;
    if (pa != pb)
        return pa > pb;
    if (a->end - a->start != b->end - b->start)
        return a->end - a->start > b->end - b->start;
    return a->rule < b->rule;
}

static int cmp_value_start(const void *pa, const void *pb)
{
    const zsmp_hit *a = pa, *b = pb;
    size_t x = a->g_start[ZSMP_G_VALUE], y = b->g_start[ZSMP_G_VALUE];
    return x < y ? -1 : x > y;
}

/* The figure of a hit: its value, through value_max for a range. */
static size_t figure_end(const zsmp_hit *h)
{
    return h->g_end[ZSMP_G_VALUE_MAX] != SIZE_MAX ? h->g_end[ZSMP_G_VALUE_MAX]
                                                  : h->g_end[ZSMP_G_VALUE];
}

/* Where the figure's unit ends (or the figure, without a unit): what comes
 * after a figure (以上, 的全年任务, 的…基金) is read from here. */
static size_t figure_tail(const zsmp_hit *h)
{
    return h->g_end[ZSMP_G_UNIT] != SIZE_MAX ? h->g_end[ZSMP_G_UNIT] : figure_end(h);
}

/* Keeps, of each group of hits whose figures overlap, the best one.
 * Returns the number kept, compacted to the front of `hits`. */
static size_t keep_best(const zsm_rules *rules, zsmp_hit *hits, size_t n)
{
    if (n > 1)
        qsort(hits, n, sizeof *hits, cmp_value_start);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept > 0) {
            zsmp_hit *prev = &hits[kept - 1];
            if (hits[i].g_start[ZSMP_G_VALUE] < figure_end(prev)) {
                if (hit_better(rules, &hits[i], prev))
                    *prev = hits[i];
                continue;
            }
        }
        hits[kept++] = hits[i];
    }
    return kept;
}

/* ---------------------------------------------------------------- fields */

static size_t group_len(const zsmp_hit *h, int g)
{
    return h->g_end[g] - h->g_start[g];
}
static int group_set(const zsmp_hit *h, int g)
{
    return h->g_start[g] != SIZE_MAX;
}

/* Parses the value group (and value_max); 0 if it is not a numeral. */
static int read_value(const ctx *c, const zsmp_hit *h, zsm_numeral *v, zsm_numeral *vmax)
{
    const char *s = c->t->s + h->g_start[ZSMP_G_VALUE];
    if (!zsm_numeral_parse(s, group_len(h, ZSMP_G_VALUE), v))
        return 0;
    memset(vmax, 0, sizeof *vmax);
    if (group_set(h, ZSMP_G_VALUE_MAX))
        zsm_numeral_parse(c->t->s + h->g_start[ZSMP_G_VALUE_MAX], group_len(h, ZSMP_G_VALUE_MAX),
                          vmax);
    return 1;
}

/* The power of ten and currency of an amount's unit group `g`. */
static const currency *money_unit(const ctx *c, const zsmp_hit *h, int g, int *exp10)
{
    if (!group_set(h, g))
        return parse_money_unit("", 0, exp10);
    return parse_money_unit(c->t->s + h->g_start[g], group_len(h, g), exp10);
}

/* Sets value, unit and currency.  Returns 0 when the figure is unusable
 * (an overflowing exponent from 亿亿亿…). */
static int set_value(ctx *c, const zsmp_hit *h, zsm_metric *m)
{
    zsm_numeral v, vmax;
    if (!read_value(c, h, &v, &vmax))
        return 0;
    int unit_exp = 0, min_exp = 0;
    const char *unit = NULL;
    m->currency = NULL;
    if (m->kind == ZSM_AMOUNT) {
        const currency *cur = money_unit(c, h, ZSMP_G_UNIT, &unit_exp);
        /* 新台币12亿元: a currency named before the figure wins. */
        const currency *first =
            group_set(h, ZSMP_G_CURRENCY)
                ? currency_at(c->t->s + h->g_start[ZSMP_G_CURRENCY], group_len(h, ZSMP_G_CURRENCY))
                : NULL;
        if (first)
            cur = first;
        unit_exp -= 8; /* in 亿 (10^8) of the currency */
        min_exp = unit_exp;
        /* 8000元至5万元: the low end has a unit of its own. */
        if (group_set(h, ZSMP_G_UNIT_MIN)) {
            money_unit(c, h, ZSMP_G_UNIT_MIN, &min_exp);
            min_exp -= 8;
        }
        unit = cur->unit;
        m->currency = cur->iso;
    } else if (m->kind == ZSM_COMPLETION_RATE || m->kind == ZSM_RATE) {
        unit = "%";
    } else if (group_set(h, ZSMP_G_UNIT)) {
        unit = keep_string(c->doc, c->t->s + h->g_start[ZSMP_G_UNIT], group_len(h, ZSMP_G_UNIT));
    }
    m->unit = unit;
    m->placeholder = v.placeholder;
    m->has_value = !v.placeholder;
    m->value = v.placeholder ? 0 : decimal_value(v.mantissa, v.exp10 + min_exp);
    m->approx = ZSM_EXACT;
    if (vmax.len && !vmax.placeholder && !v.placeholder) {
        m->approx = ZSM_RANGE;
        m->value_max = decimal_value(vmax.mantissa, vmax.exp10 + unit_exp);
    }
    return !m->has_value ||
           (isfinite(m->value) && (m->approx != ZSM_RANGE || isfinite(m->value_max)));
}

/* 约 近 超 … before the figure; 余 多 between figure and unit; 以上 左右 …
 * after the unit. */
static zsm_approx find_approx(const ctx *c, const zsmp_sentence *s, const zsmp_hit *h)
{
    static const struct {
        lex_id lexicon;
        zsm_approx approx;
    } before[] = {{LEX_APPROX_ABOUT_BEFORE, ZSM_ABOUT},
                  {LEX_APPROX_MORE_THAN_BEFORE, ZSM_MORE_THAN},
                  {LEX_APPROX_AT_LEAST_BEFORE, ZSM_AT_LEAST},
                  {LEX_APPROX_AT_MOST_BEFORE, ZSM_AT_MOST}},
      after[] = {{LEX_APPROX_ABOUT_AFTER, ZSM_ABOUT},
                 {LEX_APPROX_MORE_THAN_AFTER, ZSM_MORE_THAN},
                 {LEX_APPROX_AT_LEAST_AFTER, ZSM_AT_LEAST},
                 {LEX_APPROX_AT_MOST_AFTER, ZSM_AT_MOST}};
    enum { WINDOW = 4 * 3 };
    size_t vs = h->g_start[ZSMP_G_VALUE], ve = h->g_end[ZSMP_G_VALUE];
    size_t from = reach_back(c, s->start, vs, WINDOW);
    size_t tail = figure_tail(h);
    size_t to = tail + WINDOW < s->end ? zsmp_char_start(c->t->s, tail + WINDOW) : s->end;
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
        if (lex_ends_at(c, before[i].lexicon, from, vs))
            return before[i].approx;
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
        if (lex_at(c, after[i].lexicon, ve, to) || lex_at(c, after[i].lexicon, tail, to))
            return after[i].approx;
    /* 5亿多元, 八个多亿, 三千来万: inside the unit. */
    if (group_set(h, ZSMP_G_UNIT)) {
        size_t ms, me, ua = h->g_start[ZSMP_G_UNIT], ub = h->g_end[ZSMP_G_UNIT];
        if (lex_search(c, LEX_APPROX_MORE_THAN_AFTER, ua, ub, ZSMP_LEX_FIRST, &ms, &me))
            return ZSM_MORE_THAN;
        if (lex_search(c, LEX_APPROX_ABOUT_AFTER, ua, ub, ZSMP_LEX_FIRST, &ms, &me))
            return ZSM_ABOUT;
    }
    return ZSM_EXACT;
}

/* The label: the rule's label group, else the clause text before the
 * figure, without the approximation and linking words next to it. */
static const char *find_label(ctx *c, const zsmp_sentence *s, const zsmp_hit *h)
{
    size_t a, b;
    if (group_set(h, ZSMP_G_LABEL)) {
        a = h->g_start[ZSMP_G_LABEL];
        b = h->g_end[ZSMP_G_LABEL];
    } else {
        b = h->g_start[ZSMP_G_VALUE];
        a = clause_start(c, s, b, 1);
    }
    size_t ms, me;
    while (b > a && lex_last(c, LEX_LABEL_TRIM_END, a, b, &ms, &me) && me == b && ms < b)
        b = ms;
    while (a < b && lex_at_end(c, LEX_LABEL_TRIM_START, a, b, &me) && me > a)
        a = me;
    while (a < b && c->t->s[a] == ' ')
        a++;
    while (b > a && c->t->s[b - 1] == ' ')
        b--;
    return b > a ? keep_string(c->doc, c->t->s + a, b - a) : NULL;
}

/* The category word nearest before the figure in its clause. */
/* The category word ending nearest before `at` in [a, at), the longer on a
 * tie (完成实物量投资 over 投资); NULL if none. */
static const char *category_word(const ctx *c, size_t a, size_t at)
{
    static const char *const cats[] = {"other", "contract", "funds_in_place",
                                       "investment_completed", "total_investment"};
    static const lex_id words[] = {LEX_CATEGORY_OTHER, LEX_CATEGORY_CONTRACT,
                                   LEX_CATEGORY_FUNDS_IN_PLACE, LEX_CATEGORY_INVESTMENT_COMPLETED,
                                   LEX_CATEGORY_TOTAL_INVESTMENT};
    const char *best = NULL;
    size_t best_end = 0, best_len = 0;
    for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++) {
        size_t ms, me;
        if (!lex_last(c, words[i], a, at, &ms, &me))
            continue;
        if (!best || me > best_end || (me == best_end && me - ms > best_len)) {
            best = cats[i];
            best_end = me;
            best_len = me - ms;
        }
    }
    return best;
}

/* The topic a paragraph opens with, when its first clause is short and names
 * a category: "到位资金这块,县里下的任务是一亿五千万元", "(四)实际利用外资。省定
 * 任务3500万美元". */
static const char *paragraph_topic(const ctx *c, const zsmp_sentence *s, size_t at)
{
    enum { MAX_TOPIC = 24 * 3 };
    size_t i = s->line_start, k;
    for (; i < at && i - s->line_start <= MAX_TOPIC; i += k) {
        uint32_t cp = 0xFFFD;
        k = zsmp_utf8_get((const unsigned char *)c->t->s + i, c->t->len - i, &cp);
        if (k == 0)
            k = 1;
        if (zsmp_is_clause_break(cp) || cp == ':')
            return category_word(c, s->line_start, i);
    }
    return NULL;
}

/* An amount's category, from the nearest evidence outward: 的…基金 right
 * after it (the money of a fund or a loan); a category word before it in its
 * clause; the category of the amount
 * before it in the paragraph (…到位资金XX亿元,占目标任务(XX亿元) is a target
 * for the same funds); the paragraph's topic; else "other". */
static const char *amount_category(const ctx *c, const zsmp_hit *h, const char *inherited)
{
    const zsmp_sentence *s = &c->tok->sentences[h->sentence];
    size_t vs = h->g_start[ZSMP_G_VALUE];
    size_t after = figure_tail(h);
    if (lex_at(c, LEX_CATEGORY_OTHER_AFTER, after, s->end))
        return "other";
    const char *cat = category_word(c, clause_start(c, s, vs, 0), vs);
    if (cat)
        return cat;
    if (inherited)
        return inherited;
    cat = paragraph_topic(c, s, vs);
    return cat ? cat : "other";
}

static zsm_modality section_modality(const ctx *c, const zsmp_sentence *s)
{
    if (s->heading == SIZE_MAX)
        return ZSM_ACTUAL;
    const zsmp_line *hd = &c->tok->headings[s->heading];
    if (lex_any(c, LEX_SECTION_FORECAST, hd->start, hd->end))
        return ZSM_FORECAST;
    if (lex_any(c, LEX_SECTION_TARGET, hd->start, hd->end) &&
        !lex_any(c, LEX_SECTION_NOT_TARGET, hd->start, hd->end))
        return ZSM_TARGET;
    return ZSM_ACTUAL;
}

/* The year a text span opens with (2024年…), 0 if none. */
static long year_at(const char *s, size_t a, size_t b)
{
    while (a < b && s[a] == ' ')
        a++;
    if (b - a < 7 || memcmp(s + a + 4, "年", 3) != 0)
        return 0;
    long year = 0;
    for (size_t i = a; i < a + 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        year = year * 10 + (s[i] - '0');
    }
    return year;
}

static long sentence_year(const ctx *c, const zsmp_sentence *s)
{
    return year_at(c->t->s, s->start, s->end);
}

/* Is there a forecast word before `at` in the sentence, or in the sentence
 * this one continues (其中…)? */
static int forecast_before(const ctx *c, size_t sentence, size_t at)
{
    for (size_t i = sentence;; i--) {
        const zsmp_sentence *s = &c->tok->sentences[i];
        size_t end = at < s->end ? at : s->end;
        if (lex_any(c, LEX_MODALITY_FORECAST, reach_back(c, s->start, end, SENTENCE_REACH), end))
            return 1;
        if (!s->continues_previous || i == 0)
            return 0;
    }
}

/* Modality, from the nearest evidence outward:
 *   预计… before the figure in its sentence          forecast
 *   a goal word before it in its clause, or …的全年任务
 *   right after it                                 target
 *   the section heading (…(预计数), 下半年工作打算)   forecast / target
 *   a title naming a plan (2024年招商引资工作要点)    target
 * In a plans section a project's own size (总投资18亿元的…项目) stays a fact. */
static zsm_modality find_modality(const ctx *c, const zsmp_hit *h, zsm_metric_kind kind)
{
    const zsmp_sentence *s = &c->tok->sentences[h->sentence];
    size_t vs = h->g_start[ZSMP_G_VALUE];
    if (forecast_before(c, h->sentence, vs))
        return ZSM_FORECAST;
    size_t clause = clause_start(c, s, vs, 0);
    /* A completion rate always names its target: only a plan word (力争,
     * 确保) makes the rate itself a goal. */
    lex_id goal = kind == ZSM_COMPLETION_RATE ? LEX_MODALITY_PLAN : LEX_MODALITY_TARGET;
    if (lex_any(c, goal, clause, vs))
        return ZSM_TARGET;
    size_t after = figure_tail(h);
    if (kind != ZSM_COMPLETION_RATE && lex_at(c, LEX_MODALITY_TARGET_AFTER, after, s->end))
        return ZSM_TARGET;
    zsm_modality section = section_modality(c, s);
    if (section == ZSM_ACTUAL)
        section = c->plan;
    if (section != ZSM_TARGET)
        return section;
    if (kind == ZSM_AMOUNT && lex_at(c, LEX_MODALITY_PROJECT_SIZE_AFTER, after, s->end))
        return ZSM_ACTUAL;
    /* "2024年,全市签约…" in a 2025 plan reports last year. */
    long year = sentence_year(c, s);
    return year && c->plan_year && year < c->plan_year ? ZSM_ACTUAL : ZSM_TARGET;
}

/* ------------------------------------------------------------- assembly */

/* The input behind normalized bytes [a, b), as UTF-8: the input's own bytes
 * for UTF-8 input, the decoded characters for GB18030 (and U+FFFD where a
 * byte was invalid), so JSON output stays valid UTF-8. */
static const char *original_text(ctx *c, size_t a, size_t b)
{
    size_t first = c->t->src[a], last = b > a ? c->t->src[b - 1] : first;
    size_t cap = (last - first + 1) * 4 + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (size_t i = first; i <= last && i < c->d->n; i++)
        n += zsmp_utf8_put(c->d->cp[i], buf + n);
    const char *kept = keep_string(c->doc, buf, n);
    free(buf);
    return kept;
}

static zsm_status push_metric(zsm_doc *doc, const zsm_metric *m)
{
    if (zsmp_grow((void **)&doc->metrics, &doc->cap, doc->count + 1, sizeof *doc->metrics))
        return ZSM_ERR_NOMEM;
    doc->metrics[doc->count++] = *m;
    return ZSM_OK;
}

static zsm_status resolve_hit(ctx *c, const zsmp_hit *h, const char **last_category,
                              size_t *last_line)
{
    const zsmp_rule *rule = &c->rules->rules[h->rule];
    const zsmp_sentence *s = &c->tok->sentences[h->sentence];
    zsm_metric m;
    memset(&m, 0, sizeof m);
    m.kind = rule->kind;
    if (!group_set(h, ZSMP_G_VALUE))
        return ZSM_OK; /* a user pattern can match without its value group */
    if (!set_value(c, h, &m))
        return zsmp_strlist_pushf(&c->doc->warnings, "a figure too large to represent was skipped");
    if (m.approx == ZSM_EXACT)
        m.approx = find_approx(c, s, h);
    m.label = find_label(c, s, h);
    m.category = rule->category;
    /* Categories carry over within a paragraph (one line of the report). */
    if (s->line_start != *last_line)
        *last_category = NULL;
    *last_line = s->line_start;
    if (m.kind == ZSM_AMOUNT && !m.category) {
        m.category = amount_category(c, h, *last_category);
        *last_category = m.category;
    }
    m.modality = rule->modality >= 0 ? (zsm_modality)rule->modality : find_modality(c, h, m.kind);
    /* The span covers the figure even when a user pattern moved the match
     * start past it (\K) or matched nothing around it. */
    size_t a = h->start < h->g_start[ZSMP_G_VALUE] ? h->start : h->g_start[ZSMP_G_VALUE];
    size_t b = h->end > figure_end(h) ? h->end : figure_end(h);
    zsmp_text_span(c->t, c->d, a, b, &m.start, &m.end);
    size_t fig_start, fig_end;
    zsmp_text_span(c->t, c->d, h->g_start[ZSMP_G_VALUE], h->g_end[ZSMP_G_VALUE], &fig_start,
                   &fig_end);
    m.line = zsmp_lines_find(c->lines, fig_start);
    m.text = original_text(c, a, b);
    m.rule = rule->id;
    return push_metric(c->doc, &m);
}

/* The title: among the first lines, the first short one that names a
 * report (lexicon title.words) and is no section heading. */
static zsm_status find_title(ctx *c)
{
    enum { MAX_LINES = 12, MAX_TITLE_BYTES = 60 * 3 };
    const zsmp_text *t = c->t;
    size_t seen = 0;
    for (size_t start = 0; start < t->len && seen < MAX_LINES;) {
        const char *nl = memchr(t->s + start, '\n', t->len - start);
        size_t end = nl ? (size_t)(nl - t->s) : t->len;
        size_t a = start, b = end;
        while (a < b && t->s[a] == ' ')
            a++;
        while (b > a && t->s[b - 1] == ' ')
            b--;
        start = end + 1;
        if (a == b)
            continue;
        seen++;
        int heading = 0;
        for (size_t i = 0; i < c->tok->heading_count; i++)
            heading |= c->tok->headings[i].start <= a && a < c->tok->headings[i].end + 1;
        if (b - a > MAX_TITLE_BYTES || heading || !lex_any(c, LEX_TITLE_WORDS, a, b) ||
            lex_any(c, LEX_TITLE_NOT, a, b))
            continue;
        c->doc->title = malloc(b - a + 1);
        if (!c->doc->title)
            return ZSM_ERR_NOMEM;
        memcpy(c->doc->title, t->s + a, b - a);
        c->doc->title[b - a] = '\0';
        if (lex_any(c, LEX_TITLE_TARGET, a, b) && !lex_any(c, LEX_TITLE_NOT_TARGET, a, b))
            c->plan = ZSM_TARGET;
        for (size_t i = a; i + 7 <= b && !c->plan_year; i++)
            c->plan_year = year_at(t->s, i, b);
        return ZSM_OK;
    }
    return ZSM_OK;
}

static int cmp_metric(const void *pa, const void *pb)
{
    const zsm_metric *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

zsm_status zsmp_resolve(const zsm_rules *rules, const zsmp_decoded *d, const zsmp_lines *lines,
                        const zsmp_text *t, const zsmp_tokens *tok, const zsmp_hits *hits,
                        zsm_doc *doc)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.rules = rules;
    c.d = d;
    c.lines = lines;
    c.t = t;
    c.tok = tok;
    c.doc = doc;
    c.plan = ZSM_ACTUAL;
    c.md = pcre2_match_data_create(1, NULL);
    if (!c.md)
        return ZSM_ERR_NOMEM;
    for (int i = 0; i < LEX_COUNT; i++)
        c.lex[i] = zsmp_lexicon_find(rules, lex_names[i]);
    zsm_status st = find_title(&c);
    size_t n = keep_best(rules, hits->items, hits->count);
    const char *last_category = NULL;
    size_t last_line = SIZE_MAX;
    for (size_t i = 0; st == ZSM_OK && i < n; i++)
        st = resolve_hit(&c, &hits->items[i], &last_category, &last_line);
    pcre2_match_data_free(c.md);
    if (st == ZSM_OK && hits->limit_hits)
        st = zsmp_strlist_pushf(&doc->warnings,
                                "%zu rule matches stopped at the match limit (a pattern "
                                "backtracks too much)",
                                hits->limit_hits);
    if (doc->count > 1)
        qsort(doc->metrics, doc->count, sizeof *doc->metrics, cmp_metric);
    return st;
}
