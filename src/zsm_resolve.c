/* zsm_resolve.c - raw rule hits to items: one per figure, with its value.
 *
 * For every figure only the best hit survives (highest rule priority, then
 * the longest match).  It becomes an item with:
 *   value     the numeral scaled by its unit: amounts in 亿 of their
 *             currency, so 8000万元 is 0.8 and 18万美元 is 0.0018 USD;
 *             a range's high end in value_max
 *   unit      the measure word, 亿 + the currency's name, or %
 *   label     what is measured: the rule's label group, else the clause
 *             text before the figure, trimmed of linking words
 *   span      text, start, end and line in the original input
 * What the words around a figure say of it (approx, category, modality) is
 * zsm_context.c's job.
 */
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_lexicon_at.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    return h->g_end[ZSMP_G_VALUE_MAX] != ZSMP_UNSET ? h->g_end[ZSMP_G_VALUE_MAX]
                                                    : h->g_end[ZSMP_G_VALUE];
}

/* The end of the group of hits starting at hits[i] whose figures overlap
 * (hits sorted by value start). */
static size_t group_end(const zsmp_hit *hits, size_t i, size_t n)
{
    size_t end = figure_end(&hits[i]), j = i + 1;
    for (; j < n && hits[j].g_start[ZSMP_G_VALUE] < end; j++)
        if (figure_end(&hits[j]) > end)
            end = figure_end(&hits[j]);
    return j;
}

/* Can hit h stand after the items made so far?  A rule that continues a
 * list (、102.3% after 完成年度目标的105%) needs an item of its metric
 * right before it in its sentence. */
static int hit_fits(const zsm_rules *rules, const zsmp_hit *h, const zsmp_items *made)
{
    const zsmp_rule *rule = &rules->rules[h->rule];
    if (!rule->continues)
        return 1;
    if (made->count == 0)
        return 0;
    const zsmp_item *prev = &made->items[made->count - 1];
    return prev->m.kind == rule->kind && prev->hit.sentence == h->sentence;
}

/* ---------------------------------------------------------------- value */

static size_t group_len(const zsmp_hit *h, int g)
{
    return h->g_end[g] - h->g_start[g];
}

static int group_set(const zsmp_hit *h, int g)
{
    return h->g_start[g] != ZSMP_UNSET;
}

/* The digit 0-9 the character at s writes (5 五 伍), -1 if none. */
static int digit_at(const char *s, size_t n, size_t *len)
{
    uint32_t cp = 0;
    *len = zsmp_utf8_get((const unsigned char *)s, n, &cp);
    return *len ? zsmp_digit_value(cp) : -1;
}

/* The 角 分 厘 after a yuan (三千三百八十元五角八分, 壹元零贰分, 五元三毛),
 * in thousandths of the yuan; reads s[0, n).  *place: the power of ten of
 * the last one written (-1 for 角), 0 if none. */
static int read_cents(const char *s, size_t n, int *place)
{
    static const struct {
        const char *word;
        int thousandths, place;
    } units[] = {{"角", 100, -1}, {"毛", 100, -1}, {"分", 10, -2}, {"厘", 1, -3}};
    *place = 0;
    int total = 0;
    size_t i = 0, k;
    while (i < n) {
        int d = digit_at(s + i, n - i, &k);
        if (d < 0)
            break;
        size_t u = i + k, j = 0;
        while (u < n && s[u] == ' ')
            u++;
        for (; j < sizeof units / sizeof *units; j++)
            if (n - u >= 3 && memcmp(s + u, units[j].word, 3) == 0)
                break;
        if (j == sizeof units / sizeof *units) {
            if (d == 0) { /* 壹元零贰分: 零 marks the gap */
                i += k;
                continue;
            }
            break;
        }
        total += d * units[j].thousandths;
        *place = units[j].place;
        i = u + 3;
    }
    return total;
}

/* v + thousandths / 1000, exactly (the value is in yuan); `place` is the
 * power of ten of the last digit the cents wrote. */
static void add_thousandths(zsm_numeral *v, int thousandths, int place)
{
    if (thousandths == 0 || v->placeholder)
        return;
    uint64_t m = v->mantissa;
    int e = v->exp10;
    for (; e > -3 && m <= UINT64_MAX / 100; e--)
        m *= 10;
    if (e != -3 || m > UINT64_MAX - (uint64_t)thousandths)
        return; /* too large for its cents to matter */
    m += (uint64_t)thousandths;
    for (; m % 10 == 0 && e < 0; e++)
        m /= 10;
    v->mantissa = m;
    v->exp10 = e;
    v->value = zsmp_decimal_to_double(m, e);
    if (place < v->place)
        v->place = place;
}

/* A money unit's multipliers (千万 in 千万元, 亿 in 5个亿, 万 in 三千来万),
 * copied into mult (room for n bytes), then the currency.  Spoken forms
 * pass: 个 before 亿 (5个亿) and 余 多 来 among the multipliers (5亿多元;
 * the context stage reads them as approx).  A bare 元 (or none: 投资8000万)
 * is the report's own currency; 元人民币 names yuan itself. */
static const zsmp_currency *parse_money_unit(const zsmp_pass *p, const char *u, size_t n,
                                             char *mult, size_t *mult_len, int *cents,
                                             int *cents_place)
{
    static const char *const multipliers[] = {"十", "百", "千", "万", "亿", "兆", "佰", "仟"};
    static const char *const spoken[] = {"个", "余", "多", "来", " "};
    *mult_len = 0;
    size_t i = 0;
    for (int more = 1; more && i < n;) {
        more = 0;
        for (size_t k = 0; !more && k < sizeof multipliers / sizeof *multipliers; k++)
            if (n - i >= 3 && memcmp(u + i, multipliers[k], 3) == 0) {
                memcpy(mult + *mult_len, u + i, 3);
                *mult_len += 3;
                i += 3;
                more = 1;
            }
        for (size_t k = 0; !more && k < sizeof spoken / sizeof *spoken; k++) {
            size_t len = strlen(spoken[k]);
            if (n - i >= len && memcmp(u + i, spoken[k], len) == 0) {
                i += len;
                more = 1;
            }
        }
    }
    const zsmp_currency *cur = zsmp_currency_at(p->rules, u + i, n - i);
    size_t after = cur ? i + strlen(cur->word) : n;
    *cents = *mult_len == 0 ? read_cents(u + after, n - after, cents_place) : 0;
    if (cur && cur->bare) {
        while (after < n && u[after] == ' ')
            after++;
        const zsmp_currency *named = zsmp_currency_at(p->rules, u + after, n - after);
        return named ? named : p->currency;
    }
    return cur ? cur : p->currency;
}

/* Is the character at c (3 bytes) one of the characters of `set`? */
static int char_in(const char *c, const char *set)
{
    for (; *set; set += 3)
        if (memcmp(c, set, 3) == 0)
            return 1;
    return 0;
}

/* The multipliers a range's high end shares with its low end: those that
 * end it after its first character (the 万 of 三万 in 两到三万港元, the 仟 of
 * 两到三仟澳元, the 百亿 of 八到九百亿; not the 十 that starts 十亿).  With
 * `big_only`, only the 万 亿 兆 among them. */
static size_t shared_multipliers(const char *s, size_t n, int big_only)
{
    size_t k = 0;
    while (n - k > 3 && (char_in(s + n - k - 3, "万亿兆") ||
                         (!big_only && char_in(s + n - k - 3, "十百千佰仟拾"))))
        k += 3;
    return k;
}

/* How an amount's numeral was written: exactly, or loosely (zsmp_loose). */
typedef struct loose_reading {
    zsmp_loose kind;
    zsm_numeral hi; /* the high end of 数十亿 or 八九亿 */
} loose_reading;

/* Reads group g as a numeral together with `shared` (a multiplier of the
 * range's high end) and the multipliers of unit group ug (-1 for none):
 * 1亿2000 + 万元 is 1亿2000万, 3千 + 万元 3千万, 两 + 万 (两到三万港元) 两万.
 * With `loose`, a loose numeral (数十 + 亿元) is read too.  Sets *cur to the
 * unit's currency when cur is given.  Returns 0 unless the whole of it is
 * one numeral, -1 when out of memory. */
static int read_with_unit(const zsmp_pass *p, const zsmp_hit *h, int g, const char *shared,
                          size_t shared_len, int ug, const zsmp_currency **cur, zsm_numeral *out,
                          loose_reading *loose)
{
    const char *v = p->t->s + h->g_start[g];
    size_t vn = group_len(h, g), un = ug >= 0 && group_set(h, ug) ? group_len(h, ug) : 0;
    size_t need = vn + shared_len + un + 1;
    char small[256], *buf = need <= sizeof small ? small : malloc(need);
    if (!buf)
        return -1;
    memcpy(buf, v, vn);
    memcpy(buf + vn, shared, shared_len);
    size_t mult_len = 0;
    int cents = 0, cents_place = 0;
    const zsmp_currency *c =
        parse_money_unit(p, un ? p->t->s + h->g_start[ug] : "", un, buf + vn + shared_len,
                         &mult_len, &cents, &cents_place);
    if (cur)
        *cur = c;
    size_t total = vn + shared_len + mult_len;
    int whole = zsm_numeral_parse(buf, total, out) == total;
    size_t k;
    int digit = total == vn ? digit_at(buf, vn, &k) : -1;
    if (!whole && digit >= 0 && k == vn) { /* 肆元伍角: 肆 alone is a digit before a unit */
        memset(out, 0, sizeof *out);
        out->len = vn;
        out->mantissa = (uint64_t)digit;
        out->value = digit;
        whole = 1;
    }
    if (!whole && loose) {
        loose->kind = zsmp_numeral_loose(buf, total, out, &loose->hi);
        whole = loose->kind != ZSMP_LOOSE_NONE;
    }
    if (buf != small)
        free(buf);
    if (whole && !(loose && loose->kind != ZSMP_LOOSE_NONE))
        add_thousandths(out, cents, cents_place);
    return whole && total > 0;
}

/* Reads the value group (and value_max) of a count or a rate. */
static int read_value(const zsmp_pass *p, const zsmp_hit *h, zsm_numeral *v, zsm_numeral *vmax)
{
    const char *s = p->t->s + h->g_start[ZSMP_G_VALUE];
    if (!zsm_numeral_parse(s, group_len(h, ZSMP_G_VALUE), v))
        return 0;
    memset(vmax, 0, sizeof *vmax);
    if (group_set(h, ZSMP_G_VALUE_MAX))
        zsm_numeral_parse(p->t->s + h->g_start[ZSMP_G_VALUE_MAX], group_len(h, ZSMP_G_VALUE_MAX),
                          vmax);
    return 1;
}

static int numeral_less(const zsm_numeral *a, const zsm_numeral *b)
{
    return !a->placeholder && !b->placeholder && a->value < b->value;
}

/* An amount's value and value_max in units of its currency, and the
 * currency.  A range's unit belongs to both ends (3至5亿元, 两到三万港元)
 * unless the low end has its own (5000万至1亿元) or the unit would lift it
 * above the high end (从8500到3万元: 8500元).  Returns as read_with_unit. */
static int read_amount(const zsmp_pass *p, const zsmp_hit *h, zsm_numeral *v, zsm_numeral *vmax,
                       const zsmp_currency **cur, zsmp_loose *loose)
{
    memset(vmax, 0, sizeof *vmax);
    *loose = ZSMP_LOOSE_NONE;
    if (!group_set(h, ZSMP_G_VALUE_MAX)) {
        loose_reading lr = {ZSMP_LOOSE_NONE, {0}};
        int ok = read_with_unit(p, h, ZSMP_G_VALUE, "", 0, ZSMP_G_UNIT, cur, v, &lr);
        *loose = lr.kind;
        if (lr.kind == ZSMP_LOOSE_RANGE)
            *vmax = lr.hi;
        return ok;
    }
    int ok = read_with_unit(p, h, ZSMP_G_VALUE_MAX, "", 0, ZSMP_G_UNIT, cur, vmax, NULL);
    if (ok <= 0)
        return ok;
    if (group_set(h, ZSMP_G_UNIT_MIN))
        return read_with_unit(p, h, ZSMP_G_VALUE, "", 0, ZSMP_G_UNIT_MIN, NULL, v, NULL);
    const char *high = p->t->s + h->g_start[ZSMP_G_VALUE_MAX];
    size_t high_len = group_len(h, ZSMP_G_VALUE_MAX);
    for (int big_only = 0; big_only <= 1; big_only++) {
        size_t shared = shared_multipliers(high, high_len, big_only);
        ok = read_with_unit(p, h, ZSMP_G_VALUE, high + high_len - shared, shared, ZSMP_G_UNIT, NULL,
                            v, NULL);
        if (ok < 0 || (ok > 0 && !numeral_less(vmax, v)))
            return ok;
    }
    return read_with_unit(p, h, ZSMP_G_VALUE, "", 0, -1, NULL, v, NULL);
}

/* Sets value, value_max, unit and currency, and the rounding of the value
 * as written (*place: the power of ten of its last digit, in the value's
 * units).  Returns 1, or 0 when the match holds no numeral we read, 2 for
 * an overflowing exponent (亿亿亿…), -1 when out of memory. */
static int set_value(const zsmp_pass *p, const zsmp_hit *h, zsm_metric *m, int *place)
{
    zsm_numeral v, vmax;
    zsmp_loose loose = ZSMP_LOOSE_NONE;
    int scale = 0; /* amounts are in 亿 (10^8) of their currency */
    const char *unit = NULL;
    m->currency = NULL;
    if (m->kind == ZSM_AMOUNT) {
        const zsmp_currency *cur = NULL;
        int ok = read_amount(p, h, &v, &vmax, &cur, &loose);
        if (ok <= 0)
            return ok;
        /* 新台币12亿元: a currency named before the figure wins. */
        const zsmp_currency *first =
            group_set(h, ZSMP_G_CURRENCY)
                ? zsmp_currency_at(p->rules, p->t->s + h->g_start[ZSMP_G_CURRENCY],
                                   group_len(h, ZSMP_G_CURRENCY))
                : NULL;
        if (first)
            cur = first;
        scale = -8;
        unit = cur->unit;
        m->currency = cur->iso;
    } else {
        if (!read_value(p, h, &v, &vmax))
            return 0;
        if (m->kind == ZSM_COMPLETION_RATE || m->kind == ZSM_RATE) {
            unit = "%";
        } else if (group_set(h, ZSMP_G_UNIT)) {
            unit =
                zsmp_doc_keep(p->doc, p->t->s + h->g_start[ZSMP_G_UNIT], group_len(h, ZSMP_G_UNIT));
            if (!unit)
                return -1;
        }
    }
    m->unit = unit;
    *place = v.place + scale;
    m->placeholder = v.placeholder;
    m->has_value = !v.placeholder;
    m->value = v.placeholder ? 0 : zsmp_decimal_to_double(v.mantissa, v.exp10 + scale);
    m->approx = loose == ZSMP_LOOSE_ABOUT ? ZSM_ABOUT : ZSM_EXACT;
    if ((vmax.len || loose == ZSMP_LOOSE_RANGE) && !vmax.placeholder && !v.placeholder) {
        m->approx = ZSM_RANGE;
        m->value_max = zsmp_decimal_to_double(vmax.mantissa, vmax.exp10 + scale);
    }
    int finite =
        !m->has_value || (isfinite(m->value) && (m->approx != ZSM_RANGE || isfinite(m->value_max)));
    return finite ? 1 : 2;
}

/* ----------------------------------------------------------------- sign */

/* Does a minus sign stand right before the figure at vs?  A - or 负 after
 * which the figure follows directly: -5亿元, 增长-3.2%, 负5亿元 (normalized
 * text: － and − are -).  A dash after a digit joins a range (3-5亿元) or a
 * date (2023-5) instead.  Returns the minus sign's start, or vs. */
static size_t minus_sign(const zsmp_text *t, const zsmp_sentence *s, size_t vs)
{
    static const char fu[] = "负";
    const size_t fu_len = sizeof fu - 1;
    if (vs >= s->start + fu_len && memcmp(t->s + vs - fu_len, fu, fu_len) == 0)
        return vs - fu_len;
    if (vs == s->start || t->s[vs - 1] != '-')
        return vs;
    size_t before = vs - 1;
    if (before > s->start && t->s[before - 1] >= '0' && t->s[before - 1] <= '9')
        return vs;
    return before;
}

/* Amounts and rates that are changes carry a sign: a minus sign before the
 * figure (see minus_sign), flipped by a word of decrease ending right
 * before it (同比下降12.5%: lexicon sign.decrease).  A negative range keeps
 * its low end first.  Returns where the figure's text starts: at its minus
 * sign, if any. */
static size_t apply_sign(const zsmp_pass *p, zsmp_lookup *lk, const zsmp_hit *h, zsm_metric *m)
{
    size_t vs = h->g_start[ZSMP_G_VALUE];
    if (!m->has_value || (m->kind != ZSM_AMOUNT && m->kind != ZSM_RATE))
        return vs;
    const zsmp_sentence *s = &p->tok->sentences[h->sentence];
    size_t sign = minus_sign(p->t, s, vs);
    size_t from = zsmp_reach_back(p->t, s->start, sign, ZSMP_CLAUSE_REACH);
    int negative = (sign < vs) != zsmp_lex_ends_at(lk, ZSMP_LEX_SIGN_DECREASE, from, sign);
    if (negative) {
        double v = m->value;
        m->value = m->approx == ZSM_RANGE ? -m->value_max : -v;
        if (m->approx == ZSM_RANGE)
            m->value_max = -v;
    }
    return sign;
}

/* ---------------------------------------------------------------- label */

/* The label: the rule's label group, else the clause text before the
 * figure (before its sign), without the approximation and linking words
 * next to it.  NULL
 * when there is none; *nomem when out of memory. */
static const char *find_label(const zsmp_pass *p, zsmp_lookup *lk, const zsmp_hit *h, size_t figure,
                              int *nomem)
{
    const zsmp_sentence *s = &p->tok->sentences[h->sentence];
    size_t a, b;
    if (group_set(h, ZSMP_G_LABEL)) {
        a = h->g_start[ZSMP_G_LABEL];
        b = h->g_end[ZSMP_G_LABEL];
    } else {
        b = figure;
        a = zsmp_clause_start(p->t, s, b, 1);
    }
    size_t ms, me;
    while (b > a && zsmp_lex_ending_at(lk, ZSMP_LEX_LABEL_TRIM_END, a, b, &ms) && ms < b)
        b = ms;
    while (a < b && zsmp_lex_at(lk, ZSMP_LEX_LABEL_TRIM_START, a, b, &me) && me > a)
        a = me;
    while (a < b && p->t->s[a] == ' ')
        a++;
    while (b > a && p->t->s[b - 1] == ' ')
        b--;
    if (b == a)
        return NULL;
    const char *label = zsmp_doc_keep(p->doc, p->t->s + a, b - a);
    *nomem = label == NULL;
    return label;
}

/* ------------------------------------------------------------- assembly */

/* The span covers the figure (from `figure`, its minus sign included) even
 * when a user pattern moved the match start past it (\K) or matched
 * nothing around it. */
static zsm_status set_span(zsmp_pass *p, const zsmp_hit *h, size_t figure, zsm_metric *m)
{
    size_t a = h->start < figure ? h->start : figure;
    size_t b = h->end > figure_end(h) ? h->end : figure_end(h);
    zsmp_text_span(p->t, p->d, a, b, &m->start, &m->end);
    size_t fig_start, fig_end;
    zsmp_text_span(p->t, p->d, h->g_start[ZSMP_G_VALUE], h->g_end[ZSMP_G_VALUE], &fig_start,
                   &fig_end);
    m->line = zsmp_lines_find_near(p->lines, fig_start, &p->line_hint);
    const zsmp_decoded *d = p->d;
    if (d->valid_utf8 && b > a && m->start < m->end && m->end <= d->in_len &&
        !memchr(d->in + m->start, 0, m->end - m->start)) {
        /* Valid UTF-8 input: the text is the span's own bytes, what
         * zsmp_text_original() would copy, without mapping the span again. */
        m->text = zsmp_doc_keep(p->doc, (const char *)d->in + m->start, m->end - m->start);
        return m->text ? ZSM_OK : ZSM_ERR_NOMEM;
    }
    char small[512];
    char *text = zsmp_text_original(p->t, p->d, a, b, small, sizeof small);
    m->text = text ? zsmp_doc_keep(p->doc, text, strlen(text)) : NULL;
    if (text != small)
        free(text);
    return m->text ? ZSM_OK : ZSM_ERR_NOMEM;
}

static zsm_status push_item(zsmp_items *out, const zsm_metric *m, const zsmp_hit *h, int place,
                            size_t clause)
{
    if (zsmp_grow((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items))
        return ZSM_ERR_NOMEM;
    zsmp_item *it = &out->items[out->count++];
    memset(it, 0, sizeof *it);
    it->m = *m;
    it->hit.rule = h->rule;
    it->hit.start = h->start;
    it->hit.end = h->end;
    memcpy(it->hit.g_start, h->g_start, sizeof it->hit.g_start);
    memcpy(it->hit.g_end, h->g_end, sizeof it->hit.g_end);
    it->hit.sentence = h->sentence;
    it->hit.clause = (zsmp_off)clause;
    it->half_unit = 0.5 * zsmp_pow10(place);
    it->decimals = place < 0 ? -place : 0;
    it->part_list = ZSM_NONE;
    return ZSM_OK;
}

static zsm_status resolve_hit(zsmp_pass *p, zsmp_lookup *lk, const zsmp_hit *h, zsmp_items *out)
{
    const zsmp_rule *rule = &p->rules->rules[h->rule];
    zsm_metric m;
    memset(&m, 0, sizeof m);
    m.kind = rule->kind;
    if (!group_set(h, ZSMP_G_VALUE))
        return ZSM_OK; /* a user pattern can match without its value group */
    int place = 0;
    int ok = set_value(p, h, &m, &place);
    if (ok < 0)
        return ZSM_ERR_NOMEM;
    if (ok == 0)
        return ZSM_OK;
    if (ok == 2)
        return zsmp_strlist_pushf(&p->doc->warnings, "a figure too large to represent was skipped");
    size_t figure = apply_sign(p, lk, h, &m);
    int nomem = 0;
    m.label = find_label(p, lk, h, figure, &nomem);
    if (nomem)
        return ZSM_ERR_NOMEM;
    m.category = rule->category;
    m.modality = ZSM_ACTUAL;
    m.rule = rule->id;
    m.id = m.part_of = m.target = m.actual = ZSM_NONE;
    zsm_status st = set_span(p, h, figure, &m);
    size_t clause =
        zsmp_clause_start(p->t, &p->tok->sentences[h->sentence], h->g_start[ZSMP_G_VALUE], 0);
    return st ? st : push_item(out, &m, h, place, clause);
}

/* Orders hits[a, b) best first (a group holds a few hits). */
static void sort_group(const zsm_rules *rules, zsmp_hit *hits, size_t a, size_t b)
{
    for (size_t i = a + 1; i < b; i++) {
        zsmp_hit h = hits[i];
        size_t j = i;
        for (; j > a && hit_better(rules, &h, &hits[j - 1]); j--)
            hits[j] = hits[j - 1];
        hits[j] = h;
    }
}

/* The item of a group: its best hit that fits after the items made so far
 * and reads as a figure (a rule's match may hold no numeral we can read). */
static zsm_status resolve_group(zsmp_pass *p, zsmp_hit *hits, size_t a, size_t b, zsmp_items *out)
{
    sort_group(p->rules, hits, a, b);
    for (size_t k = a; k < b; k++) {
        if (!hit_fits(p->rules, &hits[k], out))
            continue;
        size_t before = out->count;
        zsm_status st = resolve_hit(p, &p->lk, &hits[k], out);
        if (st || out->count > before)
            return st;
    }
    return ZSM_OK;
}

zsm_status zsmp_resolve(zsmp_pass *p, zsmp_hits *hits, zsmp_items *out)
{
    zsmp_hit *h = hits->items;
    size_t n = hits->count;
    if (n > 1)
        zsmp_sort_stable(h, n, sizeof *h, cmp_value_start);
    zsm_status st = ZSM_OK;
    for (size_t i = 0, j; st == ZSM_OK && i < n; i = j) {
        j = group_end(h, i, n);
        st = resolve_group(p, h, i, j, out);
    }
    return st;
}

void zsmp_items_drop(zsmp_items *items, const unsigned char *drop)
{
    size_t kept = 0;
    for (size_t i = 0; i < items->count; i++)
        if (!drop[i])
            items->items[kept++] = items->items[i];
    items->count = kept;
}

void zsmp_items_free(zsmp_items *items)
{
    free(items->items);
    memset(items, 0, sizeof *items);
}
