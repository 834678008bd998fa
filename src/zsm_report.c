/* zsm_report.c - the report as a whole: whose it is, which period it
 * covers, when it was published, and whether it is a blank template.
 *
 *   region     the area the report covers (zsm_region.c), named in the
 *              title, the issuer's lines or the body
 *   issuer     a signature line at the end, a 发布机构:/来源: line, or the
 *              title's first words (县商务局关于…)
 *   period     the title's period phrase, else the first one opening a
 *              sentence with a figure; its year from the phrase, else the
 *              title, the report's own date, the first year of the body
 *              (page header lines left out), the publication date
 *   published  the report's own date (a date line at its end, 日期:), else
 *              the page's (发布日期, 时间: …)
 *   template   every core metric is a placeholder (签约项目XX个)
 */
#define _GNU_SOURCE /* memmem */
#include "zsm_internal.h"
#include "zsm_lexicon_at.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct span {
    size_t a, b;
} span;

typedef struct reader {
    zsmp_pass *p;
    const char *s;
    zsmp_lookup *lk;
} reader;

static span trim(const char *s, span x)
{
    while (x.a < x.b && s[x.a] == ' ')
        x.a++;
    while (x.b > x.a && s[x.b - 1] == ' ')
        x.b--;
    return x;
}

static const char *keep(reader *r, size_t a, size_t b)
{
    return zsmp_doc_keep(r->p->doc, r->s + a, b - a);
}

/* The non-empty lines, last first: up to `max` of them into out. */
static size_t last_lines(const reader *r, span *out, size_t max)
{
    const zsmp_tokens *tok = r->p->tok;
    size_t n = 0;
    for (size_t i = tok->line_count; i-- > 0 && n < max;) {
        span l = trim(r->s, (span){tok->lines[i].start, tok->lines[i].end});
        if (l.b > l.a)
            out[n++] = l;
    }
    return n;
}

/* ---------------------------------------------------------------- issuer */

/* Is s[a, b) a body's name as a whole (lexicon issuer.org)? */
static int is_org(reader *r, size_t a, size_t b)
{
    size_t me;
    return b > a && b - a <= 40 * 3 && zsmp_lex_at(r->lk, ZSMP_LEX_ISSUER_ORG, a, b, &me) &&
           me == b;
}

/* The issuer's name after a label (发布机构: X): up to a separator. */
static int labelled_org(reader *r, span line, span *out)
{
    size_t ms, me;
    if (!zsmp_lexicon_search(r->lk, ZSMP_LEX_ISSUER_LABEL, line.a, line.b, ZSMP_LEX_FIRST, &ms,
                             &me))
        return 0;
    size_t a = me;
    while (a < line.b && (r->s[a] == ':' || r->s[a] == ' ' || r->s[a] == '|'))
        a++;
    size_t b = a;
    while (b < line.b && r->s[b] != ' ' && r->s[b] != '|' && r->s[b] != '[' &&
           memcmp(r->s + b, "【", 3) != 0)
        b++;
    *out = (span){a, b};
    return b > a && is_org(r, a, b);
}

static zsm_status find_issuer(reader *r)
{
    span lines[6], org;
    size_t n = last_lines(r, lines, 6);
    for (size_t i = 0; i < n; i++) {
        /* A signature: the body's name alone on a line, or before the date. */
        zsmp_date d;
        span l = lines[i];
        if (zsmp_date_find(r->s, l.a, l.b, &d) && d.start > l.a)
            l = trim(r->s, (span){l.a, d.start});
        if (is_org(r, l.a, l.b)) {
            r->p->doc->report.issuer = keep(r, l.a, l.b);
            return r->p->doc->report.issuer ? ZSM_OK : ZSM_ERR_NOMEM;
        }
    }
    const zsmp_tokens *tok = r->p->tok;
    for (size_t i = 0; i < tok->line_count && i < 40; i++) {
        if (labelled_org(r, (span){tok->lines[i].start, tok->lines[i].end}, &org)) {
            r->p->doc->report.issuer = keep(r, org.a, org.b);
            return r->p->doc->report.issuer ? ZSM_OK : ZSM_ERR_NOMEM;
        }
    }
    /* The title's first words: 县商务局关于2023年招商引资工作情况的报告. */
    const char *about =
        r->p->title_end > r->p->title_start
            ? memmem(r->s + r->p->title_start, r->p->title_end - r->p->title_start, "关于", 6)
            : NULL;
    if (about && is_org(r, r->p->title_start, (size_t)(about - r->s))) {
        r->p->doc->report.issuer = keep(r, r->p->title_start, (size_t)(about - r->s));
        return r->p->doc->report.issuer ? ZSM_OK : ZSM_ERR_NOMEM;
    }
    return ZSM_OK;
}

/* ----------------------------------------------------- dates and periods */

/* A date labelled on line [a, b) by lexicon entry `label` (日期: …). */
static int labelled_date(reader *r, zsmp_lex_id label, size_t a, size_t b, zsmp_date *d)
{
    size_t ms, me;
    if (!zsmp_lexicon_search(r->lk, label, a, b, ZSMP_LEX_FIRST, &ms, &me))
        return 0;
    return zsmp_date_find(r->s, me, b < me + 24 ? b : me + 24, d);
}

/* Is line i a page header line, a date the page gives (发布日期: …)? */
static int is_page_line(reader *r, size_t i)
{
    zsmp_date d;
    const zsmp_line *l = &r->p->tok->lines[i];
    return labelled_date(r, ZSMP_LEX_DATE_PAGE, l->start, l->end, &d);
}

/* The first line from line i on that may hold the label: the line of its
 * next occurrence in the whole text (one search instead of one a line -
 * a match inside a line is found by the search from before it too). */
static size_t next_line_with(reader *r, zsmp_lex_id label, size_t i)
{
    const zsmp_tokens *tok = r->p->tok;
    size_t ms, me;
    if (i >= tok->line_count || !zsmp_lexicon_search(r->lk, label, tok->lines[i].start,
                                                     r->p->t->len, ZSMP_LEX_FIRST, &ms, &me))
        return tok->line_count;
    while (i < tok->line_count && tok->lines[i].end <= ms)
        i++;
    return i;
}

/* The report's own date: a date line at its end (2024年7月26日, the
 * signature before it allowed), or a 日期: line. */
static int own_date(reader *r, zsmp_date *d)
{
    span lines[15]; /* a page may add its links and footer after the date */
    size_t n = last_lines(r, lines, 15);
    for (size_t i = 0; i < n; i++) {
        if (zsmp_date_find_ending(r->s, lines[i].a, lines[i].b, d) &&
            (d->start == lines[i].a ||
             is_org(r, lines[i].a, trim(r->s, (span){lines[i].a, d->start}).b)))
            return 1;
    }
    const zsmp_tokens *tok = r->p->tok;
    for (size_t i = next_line_with(r, ZSMP_LEX_DATE_OWN, 0); i < tok->line_count;
         i = next_line_with(r, ZSMP_LEX_DATE_OWN, i + 1)) {
        const zsmp_line *l = &tok->lines[i];
        if (!is_page_line(r, i) && labelled_date(r, ZSMP_LEX_DATE_OWN, l->start, l->end, d))
            return 1;
    }
    return 0;
}

static int page_date(reader *r, zsmp_date *d)
{
    const zsmp_tokens *tok = r->p->tok;
    for (size_t i = next_line_with(r, ZSMP_LEX_DATE_PAGE, 0); i < tok->line_count;
         i = next_line_with(r, ZSMP_LEX_DATE_PAGE, i + 1))
        if (labelled_date(r, ZSMP_LEX_DATE_PAGE, tok->lines[i].start, tok->lines[i].end, d))
            return 1;
    return 0;
}

static zsm_status set_published(reader *r, const zsmp_date *d)
{
    char buf[16];
    if (d->day)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    else
        snprintf(buf, sizeof buf, "%04d-%02d", d->year, d->month);
    r->p->doc->report.published = zsmp_doc_keep(r->p->doc, buf, strlen(buf));
    return r->p->doc->report.published ? ZSM_OK : ZSM_ERR_NOMEM;
}

/* The first year written in the body, page header lines left out. */
static int body_year(reader *r, int *year)
{
    const zsmp_tokens *tok = r->p->tok;
    for (size_t i = 0; i < tok->line_count; i++) {
        const zsmp_line *l = &tok->lines[i];
        if (!is_page_line(r, i) && zsmp_year_find(r->s, l->start, l->end, year))
            return 1;
    }
    return 0;
}

/* The period phrase the report states: the title's, else the first one
 * before the first figure of a sentence that holds one. */
static int stated_period(reader *r, const zsmp_items *items, zsmp_period *per)
{
    zsmp_pass *p = r->p;
    if (p->title_end > p->title_start &&
        zsmp_period_find(r->lk, r->s, p->title_start, p->title_end, per))
        return 1;
    /* A report states its period early: the first sentences with a figure. */
    enum { OPENING_SENTENCES = 30 };
    size_t last_sentence = SIZE_MAX, seen = 0;
    for (size_t i = 0; i < items->count && seen < OPENING_SENTENCES; i++) {
        const zsmp_item_hit *h = &items->items[i].hit;
        if (h->sentence == last_sentence)
            continue;
        last_sentence = h->sentence;
        seen++;
        const zsmp_sentence *s = &p->tok->sentences[h->sentence];
        if (zsmp_period_find(r->lk, r->s, s->start, h->g_start[ZSMP_G_VALUE], per) &&
            !zsmp_lex_any(r->lk, ZSMP_LEX_SCOPE_OTHER_PERIOD, s->start, h->g_start[ZSMP_G_VALUE]))
            return 1;
    }
    return 0;
}

static zsm_status find_period(reader *r, const zsmp_items *items, int published_year)
{
    zsmp_period per;
    zsm_doc *doc = r->p->doc;
    if (!stated_period(r, items, &per))
        return ZSM_OK;
    int year = per.year;
    if (!year) {
        zsmp_date d;
        int base = 0;
        if (r->p->title_end > r->p->title_start &&
            zsmp_year_find(r->s, r->p->title_start, r->p->title_end, &base))
            ;
        else if (own_date(r, &d))
            base = d.year;
        else if (!body_year(r, &base))
            base = published_year;
        year = base && per.year_offset != ZSMP_NO_OFFSET ? base + per.year_offset : base;
    }
    doc->report.period_text = keep(r, per.start, per.end);
    if (!doc->report.period_text)
        return ZSM_ERR_NOMEM;
    doc->report_from = per.from;
    doc->report_to = per.to;
    if (!year)
        return ZSM_OK;
    doc->report_period_year = year;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-%02d", year, per.from);
    snprintf(to, sizeof to, "%04d-%02d", year, per.to);
    doc->report.period_from = zsmp_doc_keep(doc, from, strlen(from));
    doc->report.period_to = zsmp_doc_keep(doc, to, strlen(to));
    return doc->report.period_from && doc->report.period_to ? ZSM_OK : ZSM_ERR_NOMEM;
}

/* ------------------------------------------------------------------ pass */

/* The region, from the title, then the issuer's name in header lines and
 * in the signature, else the body (zsm_region.c). */
static zsm_status find_region(reader *r)
{
    enum { MAX = 16 };
    zsmp_span lines[MAX];
    size_t n = 0;
    zsmp_pass *p = r->p;
    if (p->title_end > p->title_start)
        lines[n++] = (zsmp_span){p->title_start, p->title_end};
    const zsmp_tokens *tok = p->tok;
    for (size_t i = 0; i < tok->line_count && i < 12 && n < MAX; i++) {
        span org;
        if (labelled_org(r, (span){tok->lines[i].start, tok->lines[i].end}, &org))
            lines[n++] = (zsmp_span){org.a, org.b};
    }
    span last[6];
    size_t k = last_lines(r, last, 6);
    for (size_t i = 0; i < k && n < MAX; i++)
        if (is_org(r, last[i].a, last[i].b))
            lines[n++] = (zsmp_span){last[i].a, last[i].b};
    return zsmp_find_region(p, lines, n);
}

static int is_core(zsm_metric_kind kind)
{
    return kind == ZSM_SIGNED_PROJECTS || kind == ZSM_AMOUNT || kind == ZSM_COMPLETION_RATE;
}

zsm_status zsmp_report(zsmp_pass *p, const zsmp_items *items)
{
    reader r = {p, p->t->s, &p->lk};
    zsm_report *rep = &p->doc->report;
    zsm_status st = find_issuer(&r);
    if (st == ZSM_OK)
        st = find_region(&r);
    zsmp_date d;
    int published_year = 0;
    if (st == ZSM_OK && (own_date(&r, &d) || page_date(&r, &d))) {
        published_year = d.year;
        st = set_published(&r, &d);
    }
    if (st == ZSM_OK)
        st = find_period(&r, items, published_year);
    size_t core = 0, blank = 0;
    for (size_t i = 0; i < items->count; i++) {
        const zsm_metric *m = &items->items[i].m;
        core += is_core(m->kind) ? 1u : 0u;
        blank += is_core(m->kind) && m->placeholder ? 1u : 0u;
    }
    rep->is_template = core > 0 && blank == core;
    return st;
}
