/* zsm_checks.c - does the report agree with itself?  (spec/REPORT.md)
 *
 *   completion  a completion rate with its target and actual linked: some
 *               actual and target within half a unit of their last written
 *               digit give a rate within 10^-d of the stated one (d: the
 *               decimals the rate prints)
 *   parts       two or more parts of one breakdown of a total: their sum is
 *               at most the total plus the rounding of the parts
 * Figures of different currencies or kinds are never compared. */
#include "zsm_grow.h"
#include "zsm_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value rounded to `decimals` places, for output without binary noise. */
static double rounded(double v, int decimals)
{
    double scale = zsmp_pow10(decimals);
    return round(v * scale) / scale;
}

static const char *number(double v, char *buf)
{
    zsmp_format_number(v, buf);
    return buf;
}

static zsm_status add_check(zsm_doc *doc, zsm_check *c, const size_t *ids, size_t n,
                            const char *message)
{
    if (zsmp_grow((void **)&doc->checks, &doc->check_cap, doc->check_count + 1,
                  sizeof *doc->checks))
        return ZSM_ERR_NOMEM;
    c->metrics = zsmp_doc_keep_ids(doc, ids, n);
    c->metric_count = n;
    c->message = message ? zsmp_doc_keep(doc, message, strlen(message)) : NULL;
    if (!c->metrics || (message && !c->message))
        return ZSM_ERR_NOMEM;
    doc->checks[doc->check_count++] = *c;
    return ZSM_OK;
}

/* ------------------------------------------------------------ completion */

/* Figures a check may compare: amounts of one currency and one category,
 * or counts.  Never money against projects, dollars against yuan, or funds
 * that arrived against money agreed. */
static int comparable(const zsm_metric *a, const zsm_metric *b)
{
    if (a->kind == ZSM_AMOUNT || b->kind == ZSM_AMOUNT)
        return a->kind == b->kind && a->currency && b->currency &&
               !strcmp(a->currency, b->currency) &&
               (!a->category || !b->category || !strcmp(a->category, b->category));
    return a->kind != ZSM_COMPLETION_RATE && a->kind != ZSM_RATE && b->kind != ZSM_RATE &&
           b->kind != ZSM_COMPLETION_RATE;
}

static zsm_status check_completion(zsmp_pass *p, const zsmp_items *items, size_t i)
{
    const zsmp_item *rate = &items->items[i];
    const zsm_metric *m = &rate->m;
    if (m->target == ZSM_NONE || m->actual == ZSM_NONE || !m->has_value)
        return ZSM_OK;
    const zsmp_item *a = &items->items[m->actual], *t = &items->items[m->target];
    if (!a->m.has_value || !t->m.has_value || !comparable(&a->m, &t->m) ||
        t->m.value - t->half_unit <= 0)
        return ZSM_OK;
    double lo, hi;
    zsmp_rate_range(rate, a, t, &lo, &hi);
    zsm_check c;
    memset(&c, 0, sizeof c);
    c.check = "completion";
    c.stated = m->value;
    c.computed = rounded(100 * a->m.value / t->m.value, rate->decimals + 2);
    c.ok = m->value >= lo && m->value <= hi;
    size_t ids[3] = {m->actual, m->target, i};
    char msg[256], b1[ZSMP_NUMBER_MAX], b2[ZSMP_NUMBER_MAX], b3[ZSMP_NUMBER_MAX],
        b4[ZSMP_NUMBER_MAX];
    if (!c.ok)
        snprintf(msg, sizeof msg, "stated %s%% but %s%s / %s%s = %s%%", number(c.stated, b1),
                 number(a->m.value, b2), a->m.unit ? a->m.unit : "", number(t->m.value, b3),
                 t->m.unit ? t->m.unit : "", number(c.computed, b4));
    return add_check(p->doc, &c, ids, 3, c.ok ? NULL : msg);
}

/* ----------------------------------------------------------------- parts */

/* A part of a breakdown, for finding the others of its breakdown: the
 * parts after their total, sorted by breakdown (total, list) and in
 * document order within one. */
typedef struct part_ref {
    size_t total, list, item;
} part_ref;

static int cmp_part(const void *pa, const void *pb)
{
    const part_ref *a = pa, *b = pb;
    if (a->total != b->total)
        return a->total < b->total ? -1 : 1;
    if (a->list != b->list)
        return a->list < b->list ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

/* The parts after their total, in breakdowns; NULL (and *n 0) when none or
 * out of memory (*nomem then set). */
static part_ref *index_parts(const zsmp_items *items, size_t *n, int *nomem)
{
    size_t count = 0;
    for (size_t i = 0; i < items->count; i++)
        count += items->items[i].m.part_of != ZSM_NONE && items->items[i].m.part_of < i;
    *n = 0;
    if (!count)
        return NULL;
    part_ref *refs = malloc(count * sizeof *refs);
    if (!refs) {
        *nomem = 1;
        return NULL;
    }
    for (size_t i = 0; i < items->count; i++) {
        const zsmp_item *it = &items->items[i];
        if (it->m.part_of != ZSM_NONE && it->m.part_of < i)
            refs[(*n)++] = (part_ref){it->m.part_of, it->part_list, i};
    }
    qsort(refs, *n, sizeof *refs, cmp_part);
    return refs;
}

/* The first ref of breakdown (total, list), or n. */
static size_t first_ref(const part_ref *refs, size_t n, size_t total, size_t list)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].total < total || (refs[mid].total == total && refs[mid].list < list))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The parts of one breakdown (those after the total), into ids after the
 * total; their count. */
static size_t breakdown(const part_ref *refs, size_t n, size_t total, size_t list, size_t *ids,
                        size_t max)
{
    size_t k = 0;
    ids[k++] = total;
    for (size_t r = first_ref(refs, n, total, list);
         r < n && refs[r].total == total && refs[r].list == list && k < max; r++)
        ids[k++] = refs[r].item;
    return k;
}

static zsm_status check_parts(zsmp_pass *p, const zsmp_items *items, const part_ref *refs,
                              size_t nrefs, size_t first)
{
    enum { MAX_PARTS = 64 };
    const zsmp_item *f = &items->items[first];
    size_t total = f->m.part_of;
    size_t ids[MAX_PARTS + 1];
    size_t n = breakdown(refs, nrefs, total, f->part_list, ids, MAX_PARTS + 1);
    /* Each breakdown once: from its first part. */
    if (first > total && n > 1 && ids[1] != first)
        return ZSM_OK;
    if (n < 3)
        return ZSM_OK; /* one part says nothing */
    const zsmp_item *t = &items->items[total];
    if (t->m.modality == ZSM_TARGET)
        return ZSM_OK; /* goals of overlapping parts (省外, 产业项目) need not add up */
    double sum = 0, half = t->half_unit;
    int decimals = t->decimals;
    for (size_t k = 1; k < n; k++) {
        const zsmp_item *part = &items->items[ids[k]];
        if (!part->m.has_value || !t->m.has_value || part->m.kind != t->m.kind ||
            (t->m.currency && (!part->m.currency || strcmp(part->m.currency, t->m.currency))))
            return ZSM_OK;
        sum += part->m.value;
        half = part->half_unit > half ? part->half_unit : half;
        decimals = part->decimals > decimals ? part->decimals : decimals;
    }
    zsm_check c;
    memset(&c, 0, sizeof c);
    c.check = "parts";
    c.total = t->m.value;
    c.sum = rounded(sum, decimals);
    c.unit = t->m.unit;
    c.ok = sum <= t->m.value + half * (double)(n - 1);
    char msg[256], b1[ZSMP_NUMBER_MAX], b2[ZSMP_NUMBER_MAX];
    const char *unit = c.unit ? c.unit : "";
    if (!c.ok)
        snprintf(msg, sizeof msg, "parts sum to %s%s, more than the total %s%s", number(c.sum, b1),
                 unit, number(c.total, b2), unit);
    return add_check(p->doc, &c, ids, n, c.ok ? NULL : msg);
}

zsm_status zsmp_check(zsmp_pass *p, const zsmp_items *items)
{
    size_t nrefs = 0;
    int nomem = 0;
    part_ref *refs = index_parts(items, &nrefs, &nomem);
    zsm_status st = nomem ? ZSM_ERR_NOMEM : ZSM_OK;
    for (size_t i = 0; st == ZSM_OK && i < items->count; i++) {
        if (items->items[i].m.kind == ZSM_COMPLETION_RATE)
            st = check_completion(p, items, i);
        else if (items->items[i].m.part_of != ZSM_NONE)
            st = check_parts(p, items, refs, nrefs, i);
    }
    free(refs);
    return st;
}
