/* zsm_relate.c - how the figures of a report relate to each other and to
 * the report.  Items are in input order; an item's id is its index.
 *
 *   scope     what a figure covers when it is less than the report: another
 *             period (去年同期, 1-4月 in a half-year report), one event (a
 *             signing ceremony, in a report that is not about it), a part
 *             of the region (XX镇, 高新区), one project's size
 *   part_of   a figure after 其中 / 分别 / a colon that follows a total of
 *             the same kind (and money category) is a part of it; the
 *             parts after one marker are one breakdown (part_list)
 *   rates     a completion rate's target is the figure inside its phrase
 *             (完成年度任务80亿元的95%); its actual the figure before it in
 *             its sentence (到位资金76亿元，完成…的95%), a project count
 *             rather than the total investment that describes it; its
 *             category the words of its phrase, else its actual's
 */
#define _GNU_SOURCE /* memmem */
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_lexicon_at.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How far the loops over neighbouring figures look: a list after 其中 or
 * the figures before a rate are a few; a 20 MB line of figures stays
 * linear. */
enum { NEIGHBOURS = 32 };

typedef struct rel {
    zsmp_pass *p;
    zsmp_lookup *lk;
    const char *s;
    zsmp_items *items;
    zsmp_periods periods;   /* the period phrases of one line, in order */
    size_t periods_line;    /* the start of that line; SIZE_MAX before any */
    size_t periods_upto;    /* where its scan stopped */
    unsigned char *in_rate; /* per item: inside a completion rate's phrase */
    int event_title;        /* the title names an event; -1 before it is read */
    size_t event_sentence;  /* the sentence event_in_sentence is of */
    int event_in_sentence;
    size_t areas_sentence; /* the sentence `areas` holds the parts of the region of */
    zsmp_span *areas;      /* its sub-area names (镇, 开发区 …), found in one scan */
    size_t area_count, area_cap;
    int nomem; /* out of memory reading the areas or a line's periods */
} rel;

static const zsmp_item_hit *hit_of(const rel *r, size_t i)
{
    return &r->items->items[i].hit;
}

static const zsmp_sentence *sentence_of(const rel *r, size_t i)
{
    return &r->p->tok->sentences[hit_of(r, i)->sentence];
}

static size_t value_start(const rel *r, size_t i)
{
    return hit_of(r, i)->g_start[ZSMP_G_VALUE];
}

/* The end of a figure in the normalized text: its unit, or its match. */
static size_t figure_end(const rel *r, size_t i)
{
    const zsmp_item_hit *h = hit_of(r, i);
    return h->g_end[ZSMP_G_UNIT] != ZSMP_UNSET ? h->g_end[ZSMP_G_UNIT] : h->end;
}

static int is_count(zsm_metric_kind k)
{
    return k == ZSM_SIGNED_PROJECTS || k == ZSM_PROJECT_COUNT;
}

/* ----------------------------------------------------------------- scope */

/* Where the period before figure i must end: its value, or for a
 * completion rate its phrase (完成全年80亿元目标任务的121.05%: the rate's
 * period is stated before it). */
static size_t period_bound(const rel *r, size_t i)
{
    return r->items->items[i].m.kind == ZSM_COMPLETION_RATE ? hit_of(r, i)->start
                                                            : value_start(r, i);
}

/* The period phrases of figure i's line into r->periods, read up to the
 * last figure of the line that may ask (from i on): only the lines with
 * a figure asked about are read, and no further.  No phrase (nor a period
 * word) spans a line end, and a phrase is found from the places before it
 * alone, so these are the whole text's phrases starting there.  0 when
 * out of memory. */
static int line_periods(rel *r, size_t i)
{
    size_t line = sentence_of(r, i)->line_start;
    if (r->periods_line == line && r->periods_upto >= period_bound(r, i))
        return 1;
    size_t upto = 0;
    for (size_t j = i; j < r->items->count && sentence_of(r, j)->line_start == line; j++)
        if (period_bound(r, j) > upto)
            upto = period_bound(r, j);
    zsmp_periods_free(&r->periods);
    r->periods_line = SIZE_MAX;
    if (zsmp_periods_scan(r->lk, r->p->t->s, line, upto, &r->periods))
        return 0;
    r->periods_line = line;
    r->periods_upto = upto;
    return 1;
}

/* The last period phrase in s[a, b) that states the period of what follows
 * it: a relative year alone (去年, of 去年同期的1.8倍) compares and counts only
 * from `clause` on.  0 if none. */
static int last_period(rel *r, size_t i, size_t a, size_t clause, size_t b, zsmp_period *out)
{
    if (!line_periods(r, i)) {
        r->nomem = 1;
        return 0;
    }
    const zsmp_periods *ps = &r->periods;
    size_t lo = 0, hi = ps->count;
    while (lo < hi) { /* the first phrase starting at a or later */
        size_t mid = (lo + hi) / 2;
        if (ps->items[mid].start < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    int found = 0;
    for (size_t k = lo; k < ps->count && ps->items[k].end <= b; k++) {
        const zsmp_period *per = &ps->items[k];
        int compares = per->year_offset != ZSMP_NO_OFFSET && per->from == 1 && per->to == 12 &&
                       per->start < clause;
        if (!compares) {
            *out = *per;
            found = 1;
        }
    }
    return found;
}

/* Is the figure of a year before (去年同期, 上年同期为…: lexicon
 * scope.other_period before it in its clause)? */
static int past_figure(rel *r, size_t i)
{
    const zsmp_sentence *s = sentence_of(r, i);
    size_t vs = value_start(r, i);
    if (zsmp_lex_any(r->lk, ZSMP_LEX_SCOPE_OTHER_PERIOD, hit_of(r, i)->clause, vs))
        return 1;
    /* 去年同期,我县…协议引资86.2亿元: said once at the head of the sentence. */
    size_t head = s->start;
    while (head < vs && r->s[head] == ' ')
        head++;
    size_t me;
    return zsmp_lex_at(r->lk, ZSMP_LEX_SCOPE_OTHER_PERIOD, head, vs, &me) && me < vs &&
           r->s[me] == ',';
}

/* Does the last period stated before the figure in its paragraph differ
 * from the report's?  (三季度 report: 前三季度…正式合同金额452.3亿元) */
static int other_period(rel *r, size_t i)
{
    const zsm_doc *doc = r->p->doc;
    const zsmp_sentence *s = sentence_of(r, i);
    size_t vs = period_bound(r, i);
    size_t from = zsmp_reach_back(r->p->t, s->line_start, vs, ZSMP_SENTENCE_REACH);
    size_t clause = r->items->items[i].m.kind == ZSM_COMPLETION_RATE
                        ? zsmp_clause_start(r->p->t, s, vs, 0)
                        : hit_of(r, i)->clause;
    zsmp_period per;
    if (!doc->report_from || !last_period(r, i, from, clause, vs, &per))
        return 0;
    if (per.year_offset != ZSMP_NO_OFFSET && per.year_offset != 0)
        return 1;
    if (per.year && doc->report_period_year && per.year != doc->report_period_year)
        return 1;
    /* A bare year (2023年) in a report of that year says nothing more. */
    if (per.from == 1 && per.to == 12 && (per.year || per.year_offset == 0))
        return 0;
    return per.from != doc->report_from || per.to != doc->report_to;
}

/* The names of parts of the region (镇, 开发区 …: scope.sub_area) in the
 * sentence of figure i, found once for all the figures of a sentence: the
 * pattern has no literal start, and searching again from each figure made
 * the scan quadratic in a sentence's figures. */
static void scan_areas(rel *r, size_t i)
{
    size_t sentence = hit_of(r, i)->sentence;
    if (r->areas_sentence == sentence)
        return;
    const zsmp_sentence *s = sentence_of(r, i);
    const char *region = r->p->doc->report.region;
    size_t rn = region ? strlen(region) : 0, ms, me;
    r->areas_sentence = sentence;
    r->area_count = 0;
    for (size_t from = s->start;
         from < s->end && zsmp_lexicon_search(r->lk, ZSMP_LEX_SCOPE_SUB_AREA, from, s->end,
                                              ZSMP_LEX_FIRST, &ms, &me) > 0;
         from = me > from ? me : from + 1) {
        size_t n = me - ms;
        /* The region itself (武义经济开发区 in its own report) is no part. */
        if (region && rn >= n && memcmp(region + rn - n, r->s + ms, n) == 0)
            continue;
        if (zsmp_grow((void **)&r->areas, &r->area_cap, r->area_count + 1, sizeof *r->areas)) {
            r->nomem = 1;
            return;
        }
        r->areas[r->area_count].a = ms;
        r->areas[r->area_count++].b = me;
    }
}

/* Is a part of the region named before the figure in its sentence (and it
 * is not the region itself)? */
static int sub_area(rel *r, size_t i)
{
    const zsmp_sentence *s = sentence_of(r, i);
    size_t vs = value_start(r, i);
    size_t from = zsmp_reach_back(r->p->t, s->start, vs, ZSMP_SENTENCE_REACH);
    scan_areas(r, i);
    for (size_t k = 0; k < r->area_count; k++)
        if (r->areas[k].a >= from && r->areas[k].b <= vs)
            return 1;
    return 0;
}

/* Does an event word (签约仪式 …) stand in the figure's sentence, in a
 * report whose title is not about an event? */
static int one_event(rel *r, size_t i)
{
    zsmp_pass *p = r->p;
    size_t sentence = hit_of(r, i)->sentence;
    if (r->event_title < 0)
        r->event_title = p->title_end > p->title_start &&
                         zsmp_lex_any(r->lk, ZSMP_LEX_SCOPE_EVENT, p->title_start, p->title_end);
    if (r->event_title)
        return 0;
    /* One search a sentence, not one a figure: a sentence may be long. */
    if (sentence != r->event_sentence) {
        const zsmp_sentence *s = sentence_of(r, i);
        r->event_sentence = sentence;
        r->event_in_sentence = zsmp_lex_any(r->lk, ZSMP_LEX_SCOPE_EVENT, s->start, s->end);
    }
    return r->event_in_sentence;
}

/* Does the sentence before figure i's, in its paragraph, name a project
 * as a heading (1.生态农业观光园项目。总投资1200万元)? */
static int after_project_heading(rel *r, size_t i)
{
    size_t k = hit_of(r, i)->sentence;
    const zsmp_sentence *s = sentence_of(r, i);
    if (k == 0 || r->p->tok->sentences[k - 1].line_start != s->line_start)
        return 0;
    const zsmp_sentence *prev = &r->p->tok->sentences[k - 1];
    size_t end = prev->end;
    while (end > prev->start && (r->s[end - 1] == ':' || r->s[end - 1] == ' '))
        end--;
    if (end - prev->start >= 3 && !memcmp(r->s + end - 3, "。", 3))
        end -= 3;
    return prev->figure_count == 0 &&
           zsmp_lex_ends_at(r->lk, ZSMP_LEX_SCOPE_PROJECT, prev->start, end);
}

/* Is there a count of projects among the items of figure i's sentence
 * from `from` on, before it? */
static int count_before(rel *r, size_t i, size_t from)
{
    for (size_t j = i; j-- > 0 && i - j <= NEIGHBOURS && value_start(r, j) >= from;)
        if (is_count(r->items->items[j].m.kind))
            return 1;
    return 0;
}

/* An amount of one project: 总投资18亿元的物流园项目, 投资12.8亿元建设…工程; a
 * clause naming a
 * project with no count of projects (信达…项目总投资3.2亿元); what follows
 * such a figure in its sentence (…,目前已完成投资1.1亿元); a figure right
 * after a project's heading. */
static int one_project(rel *r, size_t i)
{
    const zsm_metric *m = &r->items->items[i].m;
    if (m->kind != ZSM_AMOUNT)
        return 0;
    const zsmp_sentence *s = sentence_of(r, i);
    size_t vs = value_start(r, i);
    for (size_t j = i; j-- > 0 && i - j <= NEIGHBOURS && value_start(r, j) >= s->start;) {
        if (is_count(r->items->items[j].m.kind))
            break;
        if (r->items->items[j].scope & ZSMP_SCOPE_PROJECT)
            return 1;
    }
    if (after_project_heading(r, i) && !count_before(r, i, s->start))
        return 1;
    if (zsmp_lex_at(r->lk, ZSMP_LEX_SCOPE_PROJECT_AFTER, figure_end(r, i), s->end, NULL))
        return 1; /* 投资1200万元新建冯井便民超市项目 */
    if (!m->category || strcmp(m->category, "total_investment") != 0)
        return 0;
    if (zsmp_lex_at(r->lk, ZSMP_LEX_MODALITY_PROJECT_SIZE_AFTER, figure_end(r, i), s->end, NULL))
        return 1;
    /* 签约项目47个,…,签约项目总投资263.5亿元 is of all the projects counted. */
    size_t clause = hit_of(r, i)->clause;
    return zsmp_lex_any(r->lk, ZSMP_LEX_SCOPE_PROJECT, clause, vs) &&
           !count_before(r, i, zsmp_reach_back(r->p->t, s->start, vs, ZSMP_SENTENCE_REACH));
}

static void set_scope(rel *r, size_t i)
{
    zsmp_item *it = &r->items->items[i];
    it->scope |= past_figure(r, i) ? ZSMP_SCOPE_PAST : 0;
    it->scope |= other_period(r, i) ? ZSMP_SCOPE_OTHER_PERIOD : 0;
    it->scope |= one_event(r, i) ? ZSMP_SCOPE_EVENT : 0;
    it->scope |= sub_area(r, i) ? ZSMP_SCOPE_SUB_AREA : 0;
    it->scope |= one_project(r, i) ? ZSMP_SCOPE_PROJECT : 0;
}

/* ----------------------------------------------------------------- parts */

/* Can b be a part of total a: the same kind (and money category), an
 * achievement of an achievement or any part of a goal (县上下达的任务12000万元,
 * 其中省外到位资金8000万元)? */
static int same_kind(const zsm_metric *a, const zsm_metric *b)
{
    if (a->kind != b->kind || (a->modality != b->modality && a->modality != ZSM_TARGET))
        return 0;
    return a->kind != ZSM_AMOUNT ||
           (a->category && b->category && !strcmp(a->category, b->category));
}

/* Where the parts of a total begin before figure i: the last parts marker
 * (其中, 分别, a new breakdown 从区域看) in its sentence (or the sentence it
 * continues), SIZE_MAX if none.  *from is where the total may start;
 * *parts_word is set for a word of parts (其中), not of a breakdown. */
static size_t parts_marker(rel *r, size_t i, size_t *from, int *parts_word)
{
    const zsmp_sentence *s = sentence_of(r, i);
    size_t sentence = hit_of(r, i)->sentence;
    *from =
        s->continues_previous && sentence > 0 ? r->p->tok->sentences[sentence - 1].start : s->start;
    static const zsmp_lex_id words[] = {ZSMP_LEX_SCOPE_PARTS, ZSMP_LEX_SCOPE_BREAKDOWN};
    size_t vs = value_start(r, i), best = SIZE_MAX, ms[2], me[2];
    size_t a = zsmp_reach_back(r->p->t, *from, vs, ZSMP_SENTENCE_REACH);
    unsigned found = zsmp_lex_last_each(r->lk, words, 2, a, vs, ms, me);
    *parts_word = 0;
    if (found & 1) {
        best = ms[0];
        *parts_word = 1;
    }
    if ((found & 2) && (best == SIZE_MAX || ms[1] > best)) {
        best = ms[1];
        *parts_word = 0;
    }
    return best;
}

/* A list after a total and a colon: 签约项目20个:工业项目12个、服务业5个. */
static int after_colon(rel *r, size_t total, size_t i)
{
    for (size_t k = figure_end(r, total); k < value_start(r, i); k++) {
        char c = r->s[k];
        if (c == ',' || c == ';' || c == '\n' || c == '!' || c == '?')
            return 0;
        if (c == ':')
            return 1;
    }
    return 0;
}

/* Do figures a and b name their money by the same words (协议引资 …;
 * …协议引资), or by none?  After a ';' a figure named otherwise (…实际使用外资
 * 9850万美元;到账外资1.47亿美元) is another measure, not the next part. */
static int same_measure(rel *r, size_t a, size_t b)
{
    size_t as, ae, bs, be;
    size_t va = value_start(r, a), vb = value_start(r, b);
    const char *ca = zsmp_category_word(r->lk, hit_of(r, a)->clause, va, &as, &ae);
    const char *cb = zsmp_category_word(r->lk, hit_of(r, b)->clause, vb, &bs, &be);
    if (!ca || !cb)
        return 1;
    return ae - as == be - bs && memcmp(r->s + as, r->s + bs, ae - as) == 0;
}

/* The breakdown a figure continues in a later sentence of its paragraph
 * (其中,装备制造项目协议引资96.4亿元…;现代服务业项目协议引资87.68亿元): the
 * previous figure of its kind in the paragraph is a part, and only a ';'
 * stands between the sentences.  Its index, ZSM_NONE if none. */
static size_t continued_part(rel *r, size_t i)
{
    const zsmp_item *it = &r->items->items[i];
    size_t k = hit_of(r, i)->sentence;
    const zsmp_sentence *prev = k > 0 ? &r->p->tok->sentences[k - 1] : NULL;
    if (!prev || prev->end == 0 || r->s[prev->end - 1] != ';')
        return ZSM_NONE; /* a list goes on over ';', a '。' ends it */
    for (size_t j = i; j-- > 0 && hit_of(r, j)->sentence + 1 >= k;) {
        const zsmp_item *c = &r->items->items[j];
        if (same_kind(&c->m, &it->m))
            return c->m.part_of != ZSM_NONE && same_measure(r, j, i) ? j : ZSM_NONE;
    }
    return ZSM_NONE;
}

/* Marks the figures inside the phrase of a completion rate (the target of
 * 完成…任务64.2亿元的97.3%): such a figure is no total of what follows.  The
 * figures a rate's match holds are its few neighbours in input order. */
static void mark_in_rate(rel *r)
{
    for (size_t k = 0; k < r->items->count; k++) {
        if (r->items->items[k].m.kind != ZSM_COMPLETION_RATE)
            continue;
        size_t a = hit_of(r, k)->start, b = value_start(r, k);
        for (size_t j = k + 1; j < r->items->count && j - k <= NEIGHBOURS && value_start(r, j) < b;
             j++)
            r->in_rate[j] |= value_start(r, j) >= a;
        for (size_t j = k; j-- > 0 && k - j <= NEIGHBOURS && value_start(r, j) >= a;)
            r->in_rate[j] |= value_start(r, j) < b;
    }
}

static void link_part(rel *r, size_t i)
{
    zsmp_item *it = &r->items->items[i];
    if (!is_count(it->m.kind) && it->m.kind != ZSM_AMOUNT)
        return;
    int parts_word;
    size_t from, marker = parts_marker(r, i, &from, &parts_word);
    if (marker == SIZE_MAX) {
        size_t prev = continued_part(r, i);
        if (prev != ZSM_NONE && hit_of(r, prev)->sentence != hit_of(r, i)->sentence) {
            it->m.part_of = r->items->items[prev].m.part_of;
            it->part_list = r->items->items[prev].part_list;
            return;
        }
    }
    for (size_t j = i; j-- > 0 && i - j <= NEIGHBOURS && value_start(r, j) >= from;) {
        const zsmp_item *t = &r->items->items[j];
        if (!same_kind(&t->m, &it->m) || t->m.part_of != ZSM_NONE || (t->scope & ZSMP_SCOPE_PAST) ||
            r->in_rate[j])
            continue; /* a part, 较去年同期的9.35亿元, or a rate's target */
        if (marker != SIZE_MAX && figure_end(r, j) <= marker) {
            it->m.part_of = j;
            it->part_list = marker;
        } else if (marker == SIZE_MAX && after_colon(r, j, i)) {
            it->m.part_of = j;
            it->part_list = figure_end(r, j);
        }
        if (it->m.part_of != ZSM_NONE)
            it->m.modality = t->m.modality; /* a part of a goal is a goal */
        return;                             /* the nearest figure of its kind decides */
    }
    /* 22个项目中,制造业项目16个,总投资138.6亿元: after a parts word with no
     * total of its kind, the figure is still of a part. */
    if (marker != SIZE_MAX && parts_word)
        it->scope |= ZSMP_SCOPE_SUBSET;
}

/* --------------------------------------------------------- completion rates */

static const char *category_of(const zsm_metric *m)
{
    if (m->kind == ZSM_SIGNED_PROJECTS)
        return "signed_projects";
    if (m->kind == ZSM_PROJECT_COUNT)
        return "project_count";
    return m->kind == ZSM_AMOUNT ? m->category : NULL;
}

/* The category a rate's own words name (完成…正式合同额目标的53.4%), the one
 * ending last; NULL if none. */
static const char *named_category(rel *r, size_t a, size_t b)
{
    static const zsmp_lex_id words[] = {
        ZSMP_LEX_CATEGORY_CONTRACT,
        ZSMP_LEX_CATEGORY_FUNDS_IN_PLACE,
        ZSMP_LEX_CATEGORY_INVESTMENT_COMPLETED,
        ZSMP_LEX_CATEGORY_TOTAL_INVESTMENT,
        ZSMP_LEX_CATEGORY_SIGNED,
        ZSMP_LEX_CATEGORY_PROJECTS,
    };
    static const char *const category[] = {
        "contract",         "funds_in_place",  "investment_completed",
        "total_investment", "signed_projects", "project_count"};
    enum { N = sizeof words / sizeof words[0] };
    size_t ms[N], me[N];
    unsigned found = zsmp_lex_last_each(r->lk, words, N, a, b, ms, me);
    const char *best = NULL;
    size_t best_end = 0;
    for (size_t k = 0; k < N; k++)
        if (((found >> k) & 1) && (!best || me[k] > best_end)) {
            best = category[k];
            best_end = me[k];
        }
    return best;
}

/* Is there a quantity between two positions that no figure covers (of
 * another kind: 完工面积27200平方米,占年任务数的68%)?  Dates, ranges of
 * months and percentages are no quantity. */
static int unknown_quantity(const rel *r, size_t a, size_t b)
{
    static const char *const not_after[] = {"年", "月", "日", "号", "时", "季", "%",
                                            "-",  "~",  "至", "到", "—",  ".",  ","};
    for (size_t k = a; k < b; k++) {
        if (r->s[k] < '0' || r->s[k] > '9')
            continue;
        while (k < b && ((r->s[k] >= '0' && r->s[k] <= '9') || r->s[k] == '.'))
            k++;
        while (k < b && r->s[k] == ' ')
            k++;
        int quantity = k < b;
        for (size_t w = 0; quantity && w < sizeof not_after / sizeof not_after[0]; w++)
            if (b - k >= strlen(not_after[w]) &&
                !memcmp(r->s + k, not_after[w], strlen(not_after[w])))
                quantity = 0;
        if (quantity)
            return 1;
    }
    return 0;
}

/* Can figure m be the actual of a rate whose target is t: an amount in
 * the same currency, or a count, as the target is? */
static int matches_target(const zsm_metric *m, const zsm_metric *t)
{
    if (t->kind == ZSM_AMOUNT)
        return m->kind == ZSM_AMOUNT && m->currency && t->currency &&
               !strcmp(m->currency, t->currency);
    return is_count(m->kind);
}

/* The achieved figure before rate i in its sentence, the nearest that
 * matches the rate's target (ZSM_NONE: any); ZSM_NONE if none.  *unknown
 * is set when a quantity we do not extract stands closer. */
static size_t rate_actual(rel *r, size_t i, size_t target, int *unknown)
{
    const zsmp_item_hit *rh = hit_of(r, i);
    const zsmp_sentence *s = sentence_of(r, i);
    const zsm_metric *t = target != ZSM_NONE ? &r->items->items[target].m : NULL;
    size_t gap_end = rh->start;
    *unknown = 0;
    for (size_t j = i; j-- > 0 && i - j <= NEIGHBOURS && value_start(r, j) >= s->start;) {
        const zsmp_item *c = &r->items->items[j];
        if (value_start(r, j) >= rh->start)
            continue; /* inside the rate's phrase: its target */
        if (c->m.kind == ZSM_COMPLETION_RATE || c->m.kind == ZSM_RATE) {
            gap_end = hit_of(r, j)->start;
            continue;
        }
        if (c->m.modality == ZSM_TARGET || (c->scope & ZSMP_SCOPE_PAST))
            continue; /* a goal, or 上年同期为57.35亿元 */
        if (t && !matches_target(&c->m, t))
            continue; /* 项目40个,总投资100.2亿元,完成…任务100亿元的100.2% */
        if (!t && unknown_quantity(r, figure_end(r, j), gap_end)) {
            *unknown = 1;
            return ZSM_NONE;
        }
        /* 已落地3个,总投资30.6亿元,完成年度任务的75%: the count is measured,
         * the investment describes it. */
        if (!t && c->m.kind == ZSM_AMOUNT && c->m.category &&
            !strcmp(c->m.category, "total_investment") && j > 0 &&
            value_start(r, j - 1) >= s->start && is_count(r->items->items[j - 1].m.kind))
            return j - 1;
        return j;
    }
    *unknown = unknown_quantity(r, s->start, gap_end);
    return ZSM_NONE;
}

/* The target inside rate i's phrase (完成年度任务80亿元的95%): the figure
 * nearest before the rate's value within its match.  A rate's match starts
 * before its target, so the target may come after the rate in input order.
 * ZSM_NONE if none. */
static size_t rate_target(rel *r, size_t i)
{
    const zsmp_item_hit *rh = hit_of(r, i);
    size_t vs = value_start(r, i), best = ZSM_NONE, sentence = rh->sentence;
    size_t first = i > NEIGHBOURS ? i - NEIGHBOURS : 0;
    size_t last = i + NEIGHBOURS < r->items->count ? i + NEIGHBOURS : r->items->count - 1;
    for (size_t j = first; j <= last; j++) {
        const zsm_metric *m = &r->items->items[j].m;
        size_t v = value_start(r, j);
        if (hit_of(r, j)->sentence == sentence && (m->kind == ZSM_AMOUNT || is_count(m->kind)) &&
            v >= rh->start && v < vs && (best == ZSM_NONE || v > value_start(r, best)))
            best = j;
    }
    return best;
}

/* A target named after a rate that has none inside its phrase: 任务完成率
 * 107.52%,提前完成区定200亿元招商引资任务.  The first goal figure after the
 * rate in its sentence; ZSM_NONE if none. */
static size_t target_after(rel *r, size_t i)
{
    size_t sentence = hit_of(r, i)->sentence;
    for (size_t j = i + 1;
         j < r->items->count && j - i <= NEIGHBOURS && hit_of(r, j)->sentence == sentence; j++) {
        const zsm_metric *m = &r->items->items[j].m;
        if (m->kind == ZSM_COMPLETION_RATE)
            return ZSM_NONE;
        if ((m->kind == ZSM_AMOUNT || is_count(m->kind)) && m->modality == ZSM_TARGET)
            return j;
    }
    return ZSM_NONE;
}

/* A goal stated before the rate in its paragraph, when its phrase names
 * none (年度目标任务为合同引资150亿元,实际完成163.8亿元,目标完成率109.2%):
 * the nearest goal figure before the actual that can be compared with it.
 * ZSM_NONE if none. */
static size_t target_before(rel *r, size_t i, size_t actual)
{
    if (actual == ZSM_NONE)
        return ZSM_NONE;
    const zsm_metric *a = &r->items->items[actual].m;
    size_t line = sentence_of(r, i)->line_start;
    for (size_t j = actual;
         j-- > 0 && actual - j <= NEIGHBOURS && sentence_of(r, j)->line_start == line;) {
        const zsm_metric *m = &r->items->items[j].m;
        if (m->kind == ZSM_COMPLETION_RATE)
            return ZSM_NONE; /* another rate's goal */
        if (m->modality == ZSM_TARGET && !r->in_rate[j] && matches_target(a, m))
            return j;
    }
    return ZSM_NONE;
}

void zsmp_rate_range(const zsmp_item *rate, const zsmp_item *a, const zsmp_item *t, double *lo,
                     double *hi)
{
    double tol = zsmp_pow10(-rate->decimals);
    *lo = 100 * (a->m.value - a->half_unit) / (t->m.value + t->half_unit) - tol;
    *hi = 100 * (a->m.value + a->half_unit) / (t->m.value - t->half_unit) + tol;
}

/* Is figure j stated as a plan: a goal word, or 计划 (计划投资98.36亿元, which
 * the context stage leaves a fact since a project's 计划投资 is its size)? */
static int planned(rel *r, size_t j)
{
    size_t vs = value_start(r, j), clause = hit_of(r, j)->clause;
    return zsmp_lex_any(r->lk, ZSMP_LEX_MODALITY_TARGET, clause, vs) ||
           memmem(r->s + clause, vs - clause, "计划", strlen("计划")) != NULL;
}

/* A plan stated before the actual in the rate's sentence, named by no goal
 * word the context stage knows (计划投资98.36亿元,…完成投资91.27亿元,占年度
 * 计划的92.8%), that the actual is the stated share of: 91.27 / 98.36 is
 * 92.8%.  Agreeing to the rate's last printed digit (and the figures' own
 * rounding) is what makes it the target.  ZSM_NONE if none. */
static size_t target_by_ratio(rel *r, size_t i, size_t actual)
{
    if (actual == ZSM_NONE)
        return ZSM_NONE;
    const zsmp_item *rate = &r->items->items[i], *act = &r->items->items[actual];
    if (!rate->m.has_value || !act->m.has_value)
        return ZSM_NONE;
    size_t sentence = hit_of(r, actual)->sentence;
    for (size_t j = actual;
         j-- > 0 && actual - j <= NEIGHBOURS && hit_of(r, j)->sentence == sentence;) {
        const zsmp_item *t = &r->items->items[j];
        if (t->m.kind == ZSM_COMPLETION_RATE)
            return ZSM_NONE;
        if (r->in_rate[j] || !t->m.has_value || t->m.value <= t->half_unit ||
            !matches_target(&act->m, &t->m) || t->m.kind != act->m.kind || !planned(r, j))
            continue;
        double lo, hi;
        zsmp_rate_range(rate, act, t, &lo, &hi);
        if (rate->m.value >= lo && rate->m.value <= hi)
            return j;
    }
    return ZSM_NONE;
}

static void link_rate(rel *r, size_t i)
{
    zsm_metric *m = &r->items->items[i].m;
    if (m->kind != ZSM_COMPLETION_RATE)
        return;
    int unknown;
    m->target = rate_target(r, i);
    if (m->target == ZSM_NONE)
        m->target = target_after(r, i);
    m->actual = rate_actual(r, i, m->target, &unknown);
    if (m->target == ZSM_NONE)
        m->target = target_before(r, i, m->actual);
    if (m->target == ZSM_NONE) {
        m->target = target_by_ratio(r, i, m->actual);
        if (m->target != ZSM_NONE) /* what a rate is a share of is a goal */
            r->items->items[m->target].m.modality = ZSM_TARGET;
    }
    /* What the figures are says more than the words of the phrase
     * (完成本届签约目标55亿元的117%: money, not projects). */
    const zsmp_item_hit *rh = hit_of(r, i);
    const char *cat = NULL;
    if (m->actual != ZSM_NONE)
        cat = category_of(&r->items->items[m->actual].m);
    if (!cat && m->target != ZSM_NONE)
        cat = category_of(&r->items->items[m->target].m);
    if (!cat)
        cat = named_category(r, rh->start, value_start(r, i));
    if (!cat && unknown)
        cat = "other";
    m->category = cat;
}

zsm_status zsmp_relate(zsmp_pass *p, zsmp_items *items)
{
    rel r = {.p = p,
             .lk = &p->lk,
             .s = p->t->s,
             .items = items,
             .periods_line = SIZE_MAX,
             .event_title = -1,
             .event_sentence = SIZE_MAX,
             .areas_sentence = SIZE_MAX};
    r.in_rate = calloc(items->count + 1, 1);
    zsm_status st = r.in_rate ? ZSM_OK : ZSM_ERR_NOMEM;
    if (st == ZSM_OK) {
        mark_in_rate(&r);
        for (size_t i = 0; i < items->count; i++) {
            set_scope(&r, i);
            link_part(&r, i);
            link_rate(&r, i);
        }
    }
    zsmp_periods_free(&r.periods);
    free(r.in_rate);
    free(r.areas);
    if (st == ZSM_OK && r.nomem)
        st = ZSM_ERR_NOMEM;
    return st;
}
