/* zsm_summary.c - the headline figures: for each key, the first figure of
 * its kind that is an achievement (or, when the report has none at its
 * scope, a forecast: …完成情况(预计数)) and stands for the whole report: not
 * a part of a total, not another period, one event, a sub-area or one
 * project (zsm_relate.c marks those).  Never a target. */
#include "zsm_internal.h"

#include <string.h>

/* Does metric m belong under key k? */
static int has_key(const zsm_metric *m, zsm_key k)
{
    static const char *const categories[ZSM_KEY_COUNT] = {
        NULL, "contract", "funds_in_place", "total_investment", "investment_completed", NULL};
    switch (k) {
    case ZSM_KEY_SIGNED_PROJECTS: return m->kind == ZSM_SIGNED_PROJECTS;
    case ZSM_KEY_COMPLETION_RATE: return m->kind == ZSM_COMPLETION_RATE;
    case ZSM_KEY_CONTRACT:
    case ZSM_KEY_FUNDS_IN_PLACE:
    case ZSM_KEY_TOTAL_INVESTMENT:
    case ZSM_KEY_INVESTMENT_COMPLETED:
        return m->kind == ZSM_AMOUNT && m->category && strcmp(m->category, categories[k]) == 0;
    case ZSM_KEY_COUNT: break;
    }
    return 0;
}

/* The first item of key k and modality `modality` at the report's scope. */
static size_t headline(const zsmp_items *items, zsm_key k, zsm_modality modality)
{
    for (size_t i = 0; i < items->count; i++) {
        const zsmp_item *it = &items->items[i];
        if (has_key(&it->m, k) && it->m.modality == modality && it->m.part_of == ZSM_NONE &&
            !it->scope)
            return i;
    }
    return ZSM_NONE;
}

zsm_status zsmp_summarize(zsmp_pass *p, const zsmp_items *items)
{
    for (int k = 0; k < ZSM_KEY_COUNT; k++) {
        zsm_headline *h = &p->doc->summary[k];
        memset(h, 0, sizeof *h);
        h->id = headline(items, (zsm_key)k, ZSM_ACTUAL);
        if (h->id == ZSM_NONE)
            h->id = headline(items, (zsm_key)k, ZSM_FORECAST);
        if (h->id == ZSM_NONE)
            continue;
        const zsm_metric *m = &items->items[h->id].m;
        h->has_value = m->has_value;
        h->value = m->value;
        h->currency = m->currency;
        h->modality = m->modality;
    }
    return ZSM_OK;
}
