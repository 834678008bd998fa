/* zsm_report.c - the report as a whole: whose it is, which period it
 * covers, when it was published, and whether it is a blank template.
 *
 *   region     the area the report covers.  Its level (县, 区, 市 …) is how
 *              it names itself: 全县, 我区 (lexicon region.self).  Its name
 *              comes from the title, the issuer and header lines, else the
 *              body: a gazetteer name of that level (武义县), a stem of one
 *              with the level (黔江 + 区), or a placeholder (XX区).  Written
 *              with the city or province the text puts before it (漯河市
 *              西城区, 重庆黔江 -> 重庆市黔江区).
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

#include <pthread.h>
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

/* ---------------------------------------------------------- the gazetteer */

/* The gazetteer by stem (黔江 of 黔江区): indices into zsmp_places sorted by
 * their stems' bytes, built once. */
static size_t *by_stem;
static pthread_once_t by_stem_once = PTHREAD_ONCE_INIT;

static size_t stem_bytes(const zsmp_place *pl)
{
    return (size_t)pl->stem * 3; /* CJK characters: three bytes each */
}

static int cmp_stem(const void *pa, const void *pb)
{
    const zsmp_place *a = &zsmp_places[*(const size_t *)pa];
    const zsmp_place *b = &zsmp_places[*(const size_t *)pb];
    size_t la = stem_bytes(a), lb = stem_bytes(b);
    int c = memcmp(a->name, b->name, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

static void build_by_stem(void)
{
    by_stem = malloc(zsmp_place_count * sizeof *by_stem);
    if (!by_stem)
        return;
    for (size_t i = 0; i < zsmp_place_count; i++)
        by_stem[i] = i;
    qsort(by_stem, zsmp_place_count, sizeof *by_stem, cmp_stem);
}

/* The longest gazetteer name (full name, or a stem of two characters or
 * more when `stems`) written at s[i] within end; -1 if none.  *len is its
 * length in the text; *full is 0 for a stem. */
static long place_at(const char *s, size_t i, size_t end, int stems, size_t *len, int *full)
{
    long best = -1;
    size_t best_len = 0;
    /* Full names: the run of names whose first three bytes match. */
    size_t lo = 0, hi = zsmp_place_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (memcmp(zsmp_places[mid].name, s + i, end - i < 3 ? end - i : 3) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo;
         k < zsmp_place_count && end - i >= 3 && memcmp(zsmp_places[k].name, s + i, 3) == 0; k++) {
        size_t n = strlen(zsmp_places[k].name);
        if (n > best_len && n <= end - i && memcmp(zsmp_places[k].name, s + i, n) == 0) {
            best = (long)k;
            best_len = n;
            *full = 1;
        }
    }
    if (stems && by_stem && end - i >= 6) {
        lo = 0, hi = zsmp_place_count;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (memcmp(zsmp_places[by_stem[mid]].name, s + i, 3) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < zsmp_place_count; k++) {
            const zsmp_place *pl = &zsmp_places[by_stem[k]];
            if (memcmp(pl->name, s + i, 3) != 0)
                break;
            size_t n = stem_bytes(pl);
            if (pl->stem >= 2 && n > best_len && n <= end - i && memcmp(pl->name, s + i, n) == 0) {
                best = (long)by_stem[k];
                best_len = n;
                *full = 0;
            }
        }
    }
    *len = best_len;
    return best;
}

/* ---------------------------------------------------------------- region */

/* The level characters a region name ends with. */
static int level_index(const char *s, size_t n)
{
    static const char *const levels[] = {"省", "市", "州", "盟", "区", "县", "旗", "镇", "乡"};
    for (int k = 0; k < (int)(sizeof levels / sizeof levels[0]); k++)
        if (n >= 3 && memcmp(s + n - 3, levels[k], 3) == 0)
            return k;
    return -1;
}

enum { LEVELS = 9 };

/* How the report names itself: the level character in most of its 全县,
 * 我区 …; -1 when it never does. */
static int self_level(reader *r)
{
    int count[LEVELS] = {0};
    size_t ms, me;
    for (size_t at = 0; at < r->p->t->len;) {
        if (!zsmp_lex_last(r->lk, ZSMP_LEX_REGION_SELF, at, r->p->t->len, &ms, &me))
            break;
        /* The first match from `at` on: lex_last found the one ending last;
         * take matches one at a time instead. */
        size_t fs = 0, fe = 0;
        int found = zsmp_lexicon_search(r->lk->lex, ZSMP_LEX_REGION_SELF, r->lk->md, r->lk->mctx,
                                        r->s, at, r->p->t->len, ZSMP_LEX_FIRST, &fs, &fe) > 0;
        if (!found)
            break;
        for (size_t k = fs; k + 3 <= fe; k += 3) {
            int lv = level_index(r->s + k, 3);
            if (lv >= 0) {
                count[lv]++;
                break;
            }
        }
        at = fe > at ? fe : at + 1;
    }
    int best = -1;
    for (int k = 0; k < LEVELS; k++)
        if (count[k] && (best < 0 || count[k] > count[best]))
            best = k;
    return best;
}

typedef struct candidate {
    size_t a, b;     /* where it is written */
    long place;      /* gazetteer index, -1 for a name written out (XX区, …开发区) */
    int level;       /* level character index, -1 if none */
    size_t count;    /* occurrences (body) */
    int specificity; /* 0 province … 2 county, 3 zone, town or placeholder */
} candidate;

static int is_placeholder_char(const char *s)
{
    return *s == 'X' || *s == 'x' || *s == '*' || memcmp(s, "\xc3\x97", 2) == 0;
}

/* Region names written out in s[a, b) (lexicon region.name: zones, towns,
 * placeholders), placeholders only when `placeholders_only`. */
static int written_name(reader *r, size_t a, size_t b, int placeholders_only, candidate *c)
{
    size_t ms, me;
    for (size_t at = a; at < b;) {
        int found = zsmp_lexicon_search(r->lk->lex, ZSMP_LEX_REGION_NAME, r->lk->md, r->lk->mctx,
                                        r->s, at, b, ZSMP_LEX_FIRST, &ms, &me) > 0;
        if (!found)
            return 0;
        if (!placeholders_only || is_placeholder_char(r->s + ms)) {
            *c = (candidate){ms, me, -1, level_index(r->s + ms, me - ms), 1, 3};
            return 1;
        }
        at = me > at ? me : at + 1;
    }
    return 0;
}

/* The most specific region named in s[a, b) (a title, a header line), the
 * one of level `level` first.  0 if none. */
static int region_in_line(reader *r, size_t a, size_t b, int level, candidate *out)
{
    int have = 0;
    candidate c;
    if (written_name(r, a, b, 0, &c)) {
        *out = c;
        have = 1;
    }
    for (size_t i = a; i < b;) {
        size_t len;
        int full;
        long k = place_at(r->s, i, b, 0, &len, &full);
        if (k < 0 || zsmp_places[k].stem < 2) { /* 义县: too short to trust alone */
            i += ((unsigned char)r->s[i] & 0x80) ? 3 : 1;
            continue;
        }
        c = (candidate){
            i, i + len, k, level_index(zsmp_places[k].name, len), 1, zsmp_places[k].level};
        int better = !have || (c.level == level && out->level != level) ||
                             (c.level == level) == (out->level == level)
                         ? c.specificity > out->specificity
                         : 0;
        if (better) {
            *out = c;
            have = 1;
        }
        i += len;
    }
    return have;
}

/* Does the text name the province or city holding place k (its full name
 * or its stem)? */
static int parent_named(const zsmp_text *t, long k)
{
    for (int p = k >= 0 ? zsmp_places[k].parent : -1; p >= 0; p = zsmp_places[p].parent) {
        const zsmp_place *pl = &zsmp_places[p];
        size_t n = pl->stem >= 2 ? stem_bytes(pl) : strlen(pl->name);
        if (memmem(t->s, t->len, pl->name, n))
            return 1;
    }
    return 0;
}

/* The region the body names most often at `level`: full names, stems with
 * the level (黔江 in a 区 report: 黔江区), placeholders (XX区). */
static int region_in_body(reader *r, int level, candidate *out)
{
    enum { MAX = 64 };
    candidate cands[MAX];
    size_t n = 0;
    const zsmp_text *t = r->p->t;
    for (size_t i = 0; i < t->len;) {
        size_t len = 0;
        int full = 0;
        candidate c;
        long k = ((unsigned char)t->s[i] & 0x80) ? place_at(t->s, i, t->len, 1, &len, &full) : -1;
        if (k >= 0 && level_index(zsmp_places[k].name, strlen(zsmp_places[k].name)) == level &&
            (full ? zsmp_places[k].stem >= 2 : 1)) {
            c = (candidate){i, i + len, k, level, 1, zsmp_places[k].level};
        } else if (k < 0 && is_placeholder_char(t->s + i) &&
                   written_name(r, i, t->len < i + 24 ? t->len : i + 24, 1, &c) && c.a == i &&
                   c.level == level) {
            len = c.b - c.a;
        } else {
            i += len ? len : 1;
            continue;
        }
        size_t j = 0;
        for (; j < n; j++)
            if (cands[j].place == c.place &&
                (c.place >= 0 || (cands[j].b - cands[j].a == c.b - c.a &&
                                  memcmp(t->s + cands[j].a, t->s + c.a, c.b - c.a) == 0)))
                break;
        if (j < n)
            cands[j].count++;
        else if (n < MAX)
            cands[n++] = c;
        i += len;
    }
    /* A name whose city or province the text also names wins ties and
     * near ties: 黔江 with 重庆 over 武陵 (of 武陵山) alone. */
    size_t best = n, best_score = 0;
    for (size_t j = 0; j < n; j++) {
        size_t score = cands[j].count * 2 + (parent_named(t, cands[j].place) ? 3 : 0);
        if (best == n || score > best_score) {
            best = j;
            best_score = score;
        }
    }
    if (best == n)
        return 0;
    *out = cands[best];
    return 1;
}

/* The gazetteer name (full or stem) of a province or city that ends right
 * at `at`, above `level`; its index, -1 if none. */
static long parent_before(const char *s, size_t from, size_t at, int level, size_t *start)
{
    for (size_t back = 6; back <= 30 && back <= at - from; back += 3) {
        size_t len;
        int full;
        long k = place_at(s, at - back, at, 1, &len, &full);
        if (k >= 0 && len == back && zsmp_places[k].level < level) {
            *start = at - back;
            return k;
        }
    }
    return -1;
}

/* The region's name, with the provinces and cities written before it. */
static zsm_status set_region(reader *r, const candidate *c)
{
    const char *s = r->s;
    char buf[256];
    size_t n = 0;
    if (c->place >= 0 && c->b - c->a != strlen(zsmp_places[c->place].name)) {
        n = (size_t)snprintf(buf, sizeof buf, "%s", zsmp_places[c->place].name); /* a stem */
    } else {
        n = (size_t)snprintf(buf, sizeof buf, "%.*s", (int)(c->b - c->a), s + c->a);
    }
    int level = c->place >= 0 ? zsmp_places[c->place].level : 3;
    size_t at = c->a, start;
    long k;
    while (n < sizeof buf - 40 && (k = parent_before(s, 0, at, level, &start)) >= 0) {
        const char *name = zsmp_places[k].name;
        size_t len = strlen(name);
        memmove(buf + len, buf, n + 1);
        memcpy(buf, name, len);
        n += len;
        level = zsmp_places[k].level;
        at = start;
    }
    r->p->doc->report.region = zsmp_doc_keep(r->p->doc, buf, n);
    return r->p->doc->report.region ? ZSM_OK : ZSM_ERR_NOMEM;
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
    if (!zsmp_lexicon_search(r->lk->lex, ZSMP_LEX_ISSUER_LABEL, r->lk->md, r->lk->mctx, r->s,
                             line.a, line.b, ZSMP_LEX_FIRST, &ms, &me))
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
    if (!zsmp_lexicon_search(r->lk->lex, label, r->lk->md, r->lk->mctx, r->s, a, b, ZSMP_LEX_FIRST,
                             &ms, &me))
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

/* The report's own date: a date line at its end (2024年7月26日, the
 * signature before it allowed), or a 日期: line. */
static int own_date(reader *r, zsmp_date *d)
{
    span lines[4];
    size_t n = last_lines(r, lines, 4);
    for (size_t i = 0; i < n; i++) {
        if (zsmp_date_find(r->s, lines[i].a, lines[i].b, d) && d->end == lines[i].b &&
            (d->start == lines[i].a ||
             is_org(r, lines[i].a, trim(r->s, (span){lines[i].a, d->start}).b)))
            return 1;
    }
    const zsmp_tokens *tok = r->p->tok;
    for (size_t i = 0; i < tok->line_count; i++) {
        const zsmp_line *l = &tok->lines[i];
        if (!is_page_line(r, i) && labelled_date(r, ZSMP_LEX_DATE_OWN, l->start, l->end, d))
            return 1;
    }
    return 0;
}

static int page_date(reader *r, zsmp_date *d)
{
    const zsmp_tokens *tok = r->p->tok;
    for (size_t i = 0; i < tok->line_count; i++)
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
    size_t last_sentence = SIZE_MAX;
    for (size_t i = 0; i < items->count; i++) {
        const zsmp_hit *h = &items->items[i].hit;
        if (h->sentence == last_sentence)
            continue;
        last_sentence = h->sentence;
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

static zsm_status find_region(reader *r)
{
    int level = self_level(r);
    candidate c;
    zsmp_pass *p = r->p;
    int found =
        p->title_end > p->title_start && region_in_line(r, p->title_start, p->title_end, level, &c);
    const zsmp_tokens *tok = p->tok;
    for (size_t i = 0; !found && i < tok->line_count && i < 12; i++) {
        span org;
        if (labelled_org(r, (span){tok->lines[i].start, tok->lines[i].end}, &org))
            found = region_in_line(r, org.a, org.b, level, &c);
    }
    if (!found && p->doc->report.issuer) {
        span lines[6];
        size_t n = last_lines(r, lines, 6);
        for (size_t i = 0; !found && i < n; i++)
            found = is_org(r, lines[i].a, lines[i].b) &&
                    region_in_line(r, lines[i].a, lines[i].b, level, &c);
    }
    if (!found && level >= 0)
        found = region_in_body(r, level, &c);
    return found ? set_region(r, &c) : ZSM_OK;
}

static int is_core(zsm_metric_kind kind)
{
    return kind == ZSM_SIGNED_PROJECTS || kind == ZSM_AMOUNT || kind == ZSM_COMPLETION_RATE;
}

zsm_status zsmp_report(zsmp_pass *p, const zsmp_items *items)
{
    pthread_once(&by_stem_once, build_by_stem);
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
