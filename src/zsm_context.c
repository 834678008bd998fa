/* zsm_context.c - what the words around a figure say about it.
 *
 * First the document: its title, and whether the title names a plan
 * (2025年招商引资工作要点: its figures are targets).  Then, for each item
 * in figure order, from the nearest evidence outward:
 *   approx    约 近 超 … before the figure, 余 多 inside its unit, 以上
 *             左右 … after it (lexicon approx.*)
 *   category  amounts: 的…基金 right after the figure; else the category
 *             word nearest before it in its clause (lexicon category.*);
 *             else the category of the amount before it in the paragraph
 *             ("…到位资金XX亿元,占目标任务(XX亿元)" is a target for the same
 *             funds); else the paragraph's topic; else "other"
 *   modality  forecast when 预计 … precedes it in the sentence or heads the
 *             section; target when a goal word precedes it in its clause,
 *             "…的全年任务" follows it, or the section or title is a plan
 * Rules may fix a category or modality; then that is kept.
 */
#include "zsm_internal.h"
#include "zsm_lexicon_at.h"

#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    zsmp_pass *p;
    zsmp_lookup *lk;
    zsm_modality plan; /* ZSM_TARGET when the title names a plan (工作要点) */
    long plan_year;    /* the year in that title (2025年…工作要点), 0 if none */
    /* What the last heading asked about says (section_modality): the
     * items of a section ask about its heading one after another. */
    uint32_t asked_heading;
    zsm_modality heading_says;
} ctx;

/* ---------------------------------------------------------------- title */

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

/* The title: among the first lines, the first short one that names a
 * report (lexicon title.words) and is no section heading. */
static zsm_status find_title(ctx *c)
{
    enum { MAX_LINES = 12, MAX_TITLE_BYTES = 60 * 3 };
    const zsmp_text *t = c->p->t;
    const zsmp_tokens *tok = c->p->tok;
    size_t seen = 0;
    for (size_t i = 0; i < tok->line_count && seen < MAX_LINES; i++) {
        size_t a = tok->lines[i].start, b = tok->lines[i].end;
        while (a < b && t->s[a] == ' ')
            a++;
        while (b > a && t->s[b - 1] == ' ')
            b--;
        if (a == b)
            continue;
        seen++;
        if (b - a > MAX_TITLE_BYTES || tok->lines[i].heading ||
            !zsmp_lex_any(c->lk, ZSMP_LEX_TITLE_WORDS, a, b) ||
            zsmp_lex_any(c->lk, ZSMP_LEX_TITLE_NOT, a, b))
            continue;
        c->p->doc->title = strndup(t->s + a, b - a);
        if (!c->p->doc->title)
            return ZSM_ERR_NOMEM;
        c->p->title_start = a;
        c->p->title_end = b;
        if (zsmp_lex_any(c->lk, ZSMP_LEX_TITLE_TARGET, a, b) &&
            !zsmp_lex_any(c->lk, ZSMP_LEX_TITLE_NOT_TARGET, a, b))
            c->plan = ZSM_TARGET;
        for (size_t k = a; k + 7 <= b && !c->plan_year; k++)
            c->plan_year = year_at(t->s, k, b);
        return ZSM_OK;
    }
    return ZSM_OK;
}

/* ---------------------------------------------------------------- approx */

static int group_set(const zsmp_item_hit *h, int g)
{
    return h->g_start[g] != ZSMP_UNSET;
}

/* Where the figure's unit ends (or the figure, without a unit): what comes
 * after a figure (以上, 的全年任务, 的…基金) is read from here. */
static size_t figure_tail(const zsmp_item_hit *h)
{
    if (group_set(h, ZSMP_G_UNIT))
        return h->g_end[ZSMP_G_UNIT];
    return group_set(h, ZSMP_G_VALUE_MAX) ? h->g_end[ZSMP_G_VALUE_MAX] : h->g_end[ZSMP_G_VALUE];
}

/* 约 近 超 … before the figure; 余 多 between figure and unit; 以上 左右 …
 * after the unit. */
static zsm_approx find_approx(ctx *c, const zsmp_item_hit *h)
{
    static const struct {
        zsmp_lex_id before, after;
        zsm_approx approx;
    } kinds[] = {
        {ZSMP_LEX_APPROX_ABOUT_BEFORE, ZSMP_LEX_APPROX_ABOUT_AFTER, ZSM_ABOUT},
        {ZSMP_LEX_APPROX_MORE_THAN_BEFORE, ZSMP_LEX_APPROX_MORE_THAN_AFTER, ZSM_MORE_THAN},
        {ZSMP_LEX_APPROX_AT_LEAST_BEFORE, ZSMP_LEX_APPROX_AT_LEAST_AFTER, ZSM_AT_LEAST},
        {ZSMP_LEX_APPROX_AT_MOST_BEFORE, ZSMP_LEX_APPROX_AT_MOST_AFTER, ZSM_AT_MOST},
    };
    enum { N = sizeof kinds / sizeof kinds[0], WINDOW = 4 * 3 };
    const zsmp_text *t = c->p->t;
    const zsmp_sentence *s = &c->p->tok->sentences[h->sentence];
    size_t vs = h->g_start[ZSMP_G_VALUE], ve = h->g_end[ZSMP_G_VALUE];
    size_t from = zsmp_reach_back(t, s->start, vs, WINDOW);
    size_t tail = figure_tail(h);
    size_t to = tail + WINDOW < s->end ? zsmp_char_start(t->s, tail + WINDOW) : s->end;
    /* A word ending right at the figure: the occurrence of its entry ending
     * last ends there (the four entries in one walk). */
    zsmp_lex_id before[N];
    size_t ms[N], me[N];
    for (size_t i = 0; i < N; i++)
        before[i] = kinds[i].before;
    unsigned found = zsmp_lex_last_each(c->lk, before, N, from, vs, ms, me);
    for (size_t i = 0; i < N; i++)
        if (((found >> i) & 1) && me[i] == vs)
            return kinds[i].approx;
    for (size_t i = 0; i < N; i++)
        if (zsmp_lex_at(c->lk, kinds[i].after, ve, to, NULL) ||
            zsmp_lex_at(c->lk, kinds[i].after, tail, to, NULL))
            return kinds[i].approx;
    /* 5亿多元, 八个多亿, 三千来万: inside the unit. */
    if (group_set(h, ZSMP_G_UNIT)) {
        size_t ua = h->g_start[ZSMP_G_UNIT], ub = h->g_end[ZSMP_G_UNIT];
        if (zsmp_lex_any(c->lk, ZSMP_LEX_APPROX_MORE_THAN_AFTER, ua, ub))
            return ZSM_MORE_THAN;
        if (zsmp_lex_any(c->lk, ZSMP_LEX_APPROX_ABOUT_AFTER, ua, ub))
            return ZSM_ABOUT;
    }
    return ZSM_EXACT;
}

/* -------------------------------------------------------------- category */

const char *zsmp_category_in(zsmp_lookup *lk, size_t a, size_t at)
{
    size_t ms, me;
    return zsmp_category_word(lk, a, at, &ms, &me);
}

const char *zsmp_category_word(zsmp_lookup *lk, size_t a, size_t at, size_t *word_start,
                               size_t *word_end)
{
    static const zsmp_lex_id words[] = {
        ZSMP_LEX_CATEGORY_OTHER,
        ZSMP_LEX_CATEGORY_CONTRACT,
        ZSMP_LEX_CATEGORY_FUNDS_IN_PLACE,
        ZSMP_LEX_CATEGORY_INVESTMENT_COMPLETED,
        ZSMP_LEX_CATEGORY_TOTAL_INVESTMENT,
    };
    static const zsmp_category category[] = {
        ZSMP_CAT_OTHER,
        ZSMP_CAT_CONTRACT,
        ZSMP_CAT_FUNDS_IN_PLACE,
        ZSMP_CAT_INVESTMENT_COMPLETED,
        ZSMP_CAT_TOTAL_INVESTMENT,
    };
    enum { N = sizeof words / sizeof words[0] };
    size_t ms[N], me[N];
    unsigned found = zsmp_lex_last_each(lk, words, N, a, at, ms, me);
    const char *best = NULL;
    size_t best_end = 0, best_len = 0;
    for (size_t i = 0; i < N; i++) {
        if (!(found & (1u << i)))
            continue;
        if (!best || me[i] > best_end || (me[i] == best_end && me[i] - ms[i] > best_len)) {
            best = zsmp_category_name(category[i]);
            best_end = me[i];
            best_len = me[i] - ms[i];
        }
    }
    *word_start = best_end - best_len;
    *word_end = best_end;
    return best;
}

/* The topic a paragraph opens with, when its first clause is short and names
 * a category: "到位资金这块,县里下的任务是一亿五千万元", "(四)实际利用外资。省定
 * 任务3500万美元". */
static const char *paragraph_topic(ctx *c, const zsmp_sentence *s, size_t at)
{
    enum { MAX_TOPIC = 24 * 3 };
    const zsmp_text *t = c->p->t;
    size_t i = s->line_start, k;
    for (; i < at && i - s->line_start <= MAX_TOPIC; i += k) {
        uint32_t cp;
        k = zsmp_text_get(t->s, i, &cp);
        if (zsmp_is_clause_break(cp) || cp == ':')
            return zsmp_category_in(c->lk, s->line_start, i);
    }
    return NULL;
}

/* An amount's category, from the nearest evidence outward (see the top).
 * `since`: where the amount before it in its sentence ends (else the
 * sentence's start): a category word after that, in an earlier clause,
 * still speaks of this amount (另为中小企业提供免息贷款,每家上限为50万元). */
static const char *amount_category(ctx *c, const zsmp_item_hit *h, const char *inherited,
                                   size_t since)
{
    const zsmp_sentence *s = &c->p->tok->sentences[h->sentence];
    size_t vs = h->g_start[ZSMP_G_VALUE];
    if (zsmp_lex_at(c->lk, ZSMP_LEX_CATEGORY_OTHER_AFTER, figure_tail(h), s->end, NULL))
        return zsmp_category_name(ZSMP_CAT_OTHER);
    size_t clause = h->clause;
    const char *cat = zsmp_category_in(c->lk, clause, vs);
    if (cat)
        return cat;
    if (since < s->start)
        since = s->start;
    if (since < clause && (cat = zsmp_category_in(c->lk, since, clause)) != NULL)
        return cat;
    /* 带来412亿港元的投资, 超过800亿元的直接投资: what the money is follows it. */
    if (zsmp_lex_at(c->lk, ZSMP_LEX_CATEGORY_TOTAL_INVESTMENT_AFTER, figure_tail(h), s->end, NULL))
        return zsmp_category_name(ZSMP_CAT_TOTAL_INVESTMENT);
    if (inherited)
        return inherited;
    cat = paragraph_topic(c, s, vs);
    return cat ? cat : zsmp_category_name(ZSMP_CAT_OTHER);
}

/* -------------------------------------------------------------- modality */

static zsm_modality heading_modality(ctx *c, const zsmp_line *hd)
{
    if (zsmp_lex_any(c->lk, ZSMP_LEX_SECTION_FORECAST, hd->start, hd->end))
        return ZSM_FORECAST;
    if (zsmp_lex_any(c->lk, ZSMP_LEX_SECTION_TARGET, hd->start, hd->end) &&
        !zsmp_lex_any(c->lk, ZSMP_LEX_SECTION_NOT_TARGET, hd->start, hd->end))
        return ZSM_TARGET;
    return ZSM_ACTUAL;
}

static zsm_modality section_modality(ctx *c, const zsmp_sentence *s)
{
    if (s->heading == ZSMP_UNSET)
        return ZSM_ACTUAL;
    if (s->heading != c->asked_heading) {
        c->heading_says = heading_modality(c, &c->p->tok->headings[s->heading]);
        c->asked_heading = s->heading;
    }
    return c->heading_says;
}

/* Is there a forecast word before `at` in the sentence, or in the sentence
 * this one continues (其中…, or after a ; : "预计全年实现生产总值…；固定
 * 资产投资395亿元")?  A word of the present in the figure's clause
 * (目前已投资达20亿元) says it is no forecast. */
static int forecast_before(ctx *c, size_t sentence, size_t at)
{
    int joined = 0; /* looking back over a ; */
    for (size_t i = sentence;; i--) {
        const zsmp_sentence *s = &c->p->tok->sentences[i];
        size_t end = at < s->end ? at : s->end;
        /* Over a ; only a 预计 that heads its sentence, before any figure,
         * leads the list ("…,预计6月份可完成…;截止5月,…已完成…" does not). */
        if (joined && s->figure_count)
            end = c->p->tok->figures[s->first_figure].start;
        size_t from = zsmp_reach_back(c->p->t, s->start, end, ZSMP_SENTENCE_REACH);
        if (zsmp_lex_any(c->lk, ZSMP_LEX_MODALITY_FORECAST, from, end))
            return 1;
        if (!(s->continues_previous || s->after_semicolon) || i == 0)
            return 0;
        joined = s->after_semicolon && !s->continues_previous;
    }
}

/* Modality, from the nearest evidence outward:
 *   预计… before the figure in its sentence          forecast
 *   a goal word before it in its clause, or …的全年任务
 *   right after it                                 target
 *   the section heading (…(预计数), 下半年工作打算)   forecast / target
 *   a title naming a plan (2024年招商引资工作要点)    target
 * In a plans section a project's own size (总投资18亿元的…项目) stays a fact. */
static zsm_modality find_modality(ctx *c, const zsmp_item_hit *h, zsm_metric_kind kind)
{
    const zsmp_sentence *s = &c->p->tok->sentences[h->sentence];
    size_t vs = h->g_start[ZSMP_G_VALUE];
    size_t clause = h->clause;
    /* A completion rate always names its target: only a plan word (力争,
     * 确保) makes the rate itself a goal. */
    zsmp_lex_id goal =
        kind == ZSM_COMPLETION_RATE ? ZSMP_LEX_MODALITY_PLAN : ZSMP_LEX_MODALITY_TARGET;
    size_t after = figure_tail(h);
    int goal_in_clause = zsmp_lex_any(c->lk, goal, clause, vs) ||
                         (kind != ZSM_COMPLETION_RATE &&
                          zsmp_lex_at(c->lk, ZSMP_LEX_MODALITY_TARGET_AFTER, after, s->end, NULL));
    /* 预计…7.2亿元,占目标任务6.5亿元的110.8%: the goal in the figure's own
     * clause is nearer than the forecast word before it. */
    if (forecast_before(c, h->sentence, vs) &&
        !zsmp_lex_any(c->lk, ZSMP_LEX_MODALITY_PRESENT, clause, vs) &&
        (!goal_in_clause || zsmp_lex_any(c->lk, ZSMP_LEX_MODALITY_FORECAST, clause, vs)))
        return ZSM_FORECAST;
    if (goal_in_clause)
        return ZSM_TARGET;
    /* 力争全年签约项目400个以上,签约金额突破2000亿元: a plan word leads
     * the whole sentence. */
    size_t sentence = zsmp_reach_back(c->p->t, s->start, vs, ZSMP_SENTENCE_REACH), ms, me;
    /* …计划签约项目80个,…,截至目前已签约17个: the present ends the plan. */
    if (zsmp_lex_last(c->lk, ZSMP_LEX_MODALITY_PRESENT, sentence, vs, &ms, &me))
        sentence = me;
    if (kind != ZSM_COMPLETION_RATE &&
        zsmp_lex_any(c->lk, ZSMP_LEX_MODALITY_PLAN_SENTENCE, sentence, vs))
        return ZSM_TARGET;
    zsm_modality section = section_modality(c, s);
    if (section == ZSM_ACTUAL)
        section = c->plan;
    if (section != ZSM_TARGET)
        return section;
    if (kind == ZSM_AMOUNT &&
        zsmp_lex_at(c->lk, ZSMP_LEX_MODALITY_PROJECT_SIZE_AFTER, after, s->end, NULL))
        return ZSM_ACTUAL;
    /* "2024年,全市签约…" in a 2025 plan reports last year. */
    long year = year_at(c->p->t->s, s->start, s->end);
    return year && c->plan_year && year < c->plan_year ? ZSM_ACTUAL : ZSM_TARGET;
}

/* Does the clause of hit h open with a parts word (其中) right after a goal
 * figure `prev` of the same sentence? */
static int part_of_goal(ctx *c, const zsmp_item *prev, const zsmp_item_hit *h)
{
    if (prev->m.modality != ZSM_TARGET || prev->hit.sentence != h->sentence)
        return 0;
    size_t vs = h->g_start[ZSMP_G_VALUE];
    size_t from = h->clause;
    while (from < vs && c->p->t->s[from] == ' ')
        from++;
    return from > prev->hit.g_end[ZSMP_G_VALUE] &&
           zsmp_lex_at(c->lk, ZSMP_LEX_SCOPE_PARTS, from, vs, NULL);
}

/* Is an amount a size class of projects: more than, or at least, some sum
 * and then the projects (投资超50亿元的重大项目, 超1亿美元的大项目)? */
static int size_class(ctx *c, const zsm_metric *m, const zsmp_item_hit *h)
{
    if (m->kind != ZSM_AMOUNT ||
        !(m->approx == ZSM_MORE_THAN || m->approx == ZSM_AT_LEAST || m->approx == ZSM_AT_MOST))
        return 0;
    const zsmp_sentence *s = &c->p->tok->sentences[h->sentence];
    size_t tail = figure_tail(h);
    return tail < s->end && c->p->t->s[tail] != ' ' &&
           zsmp_lex_at(c->lk, ZSMP_LEX_MODALITY_PROJECT_SIZE_AFTER, tail, s->end, NULL);
}

/* ------------------------------------------------------------------ pass */

zsm_status zsmp_context(zsmp_pass *p, zsmp_items *items)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.lk = &p->lk;
    c.plan = ZSM_ACTUAL;
    c.asked_heading = ZSMP_UNSET;
    zsm_status st = find_title(&c);
    unsigned char *drop = items->count ? calloc(items->count, 1) : NULL;
    if (items->count && !drop)
        st = ZSM_ERR_NOMEM;
    /* Categories carry over within a paragraph (one line of the report). */
    const char *last_category = NULL;
    size_t last_line = SIZE_MAX, last_amount_end = 0;
    for (size_t i = 0; st == ZSM_OK && i < items->count; i++) {
        zsm_metric *m = &items->items[i].m;
        const zsmp_item_hit *h = &items->items[i].hit;
        const zsmp_rule *rule = &p->rules->rules[h->rule];
        if (m->approx == ZSM_EXACT)
            m->approx = find_approx(&c, h);
        if (size_class(&c, m, h)) {
            drop[i] = 1;
            continue;
        }
        size_t line_start = p->tok->sentences[h->sentence].line_start;
        if (line_start != last_line)
            last_category = NULL;
        last_line = line_start;
        if (m->kind == ZSM_AMOUNT && !m->category) {
            size_t since = last_category ? last_amount_end : 0;
            m->category = amount_category(&c, h, last_category, since);
            last_category = m->category;
        }
        if (m->kind == ZSM_AMOUNT)
            last_amount_end = figure_tail(h);
        m->modality =
            rule->modality >= 0 ? (zsm_modality)rule->modality : find_modality(&c, h, m->kind);
        /* 下达我镇的任务12000万元,其中省外到位资金8000万元: the parts of a goal
         * are goals. */
        if (rule->modality < 0 && i > 0 && m->modality == ZSM_ACTUAL &&
            part_of_goal(&c, &items->items[i - 1], h))
            m->modality = ZSM_TARGET;
    }
    if (st == ZSM_OK && drop)
        zsmp_items_drop(items, drop);
    free(drop);
    return st;
}
