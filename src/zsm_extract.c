/* zsm_extract.c - one document through the whole pipeline:
 *   decode -> normalize -> tokenize -> currency -> match -> resolve -> context -> table
 *   -> report -> relate -> summarize, check
 * then the items, in input order, become the record's metrics.  Each
 * stage's output is freed as soon as the record has what it needs. */
#include "zsm_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int cmp_item(const void *pa, const void *pb)
{
    const zsm_metric *a = &((const zsmp_item *)pa)->m, *b = &((const zsmp_item *)pb)->m;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/* The items in order of their span in the input, each with its id (its
 * position). */
static void number_items(zsmp_items *items)
{
    if (items->count > 1)
        zsmp_sort_stable(items->items, items->count, sizeof *items->items, cmp_item);
    for (size_t i = 0; i < items->count; i++)
        items->items[i].m.id = i;
}

/* The items as the record's metrics, in the items' own memory: each
 * item's metric (its first member) moves down over what is no longer
 * needed, and the block shrinks to the metrics - no second array of a
 * document's figures at any time. */
static void take_metrics(zsmp_items *items, zsm_doc *doc)
{
    _Static_assert(offsetof(zsmp_item, m) == 0, "a metric moves down from its item");
    zsm_metric *metrics = (zsm_metric *)(void *)items->items;
    for (size_t i = 0; i < items->count; i++)
        memmove(&metrics[i], &items->items[i].m, sizeof *metrics);
    if (items->count) {
        zsm_metric *shrunk = realloc(metrics, items->count * sizeof *metrics);
        doc->metrics = shrunk ? shrunk : metrics;
    } else {
        free(metrics);
    }
    doc->count = doc->cap = items->count;
    items->items = NULL;
    items->count = items->cap = 0;
}

/* A warning for each rule and lexicon entry that stopped at the match
 * limit and was left out for the rest of the document. */
static zsm_status warn_stopped(const zsmp_pass *p, const unsigned char *stopped)
{
    static const char why[] = "stopped at the match limit (its pattern backtracks too much) "
                              "and was not used for the rest of this document";
    zsm_status st = ZSM_OK;
    for (size_t r = 0; st == ZSM_OK && r < p->rules->count; r++)
        if (stopped && stopped[r])
            st = zsmp_strlist_pushf(&p->doc->warnings, "rule %s %s", p->rules->rules[r].id, why);
    for (int id = 0; st == ZSM_OK && id < ZSMP_LEX_COUNT; id++)
        if (p->lk.stopped[id])
            st = zsmp_strlist_pushf(&p->doc->warnings, "lexicon entry %s %s",
                                    zsmp_lexicon_name((zsmp_lex_id)id), why);
    return st;
}

/* match -> resolve, a batch of sentences at a time: each sentence's hits
 * become items in turn before the next batch is matched. */
static zsm_status match_and_resolve(zsmp_pass *p, zsmp_matcher *m, zsmp_items *items)
{
    zsmp_hits hits = {0};
    size_t counts[ZSMP_MATCH_BATCH];
    zsm_status st = ZSM_OK;
    for (size_t s0 = 0, s1; st == ZSM_OK && s0 < p->tok->count; s0 = s1) {
        s1 = p->tok->count - s0 > ZSMP_MATCH_BATCH ? s0 + ZSMP_MATCH_BATCH : p->tok->count;
        st = zsmp_match_sentences(m, s0, s1, &hits, counts);
        for (size_t k = 0, at = 0; st == ZSM_OK && k < s1 - s0; at += counts[k++]) {
            zsmp_hits one = {hits.items + at, counts[k], counts[k]};
            if (one.count)
                st = zsmp_resolve(p, &one, items);
        }
    }
    zsmp_hits_free(&hits);
    return st;
}

/* tokenize .. check over normalized text, filling doc.  `text` is p->t,
 * whose offset map is freed once the stages reading the input are done. */
static zsm_status run_stages(zsmp_pass *p, zsmp_text *text)
{
    zsmp_tokens tok = {0};
    zsmp_matcher m = {0};
    zsmp_items items = {0};
    zsm_status st = zsmp_tokenize(p->rules, p->t, &p->lk.starts, &tok);
    p->tok = &tok;
    p->currency = zsmp_report_currency(p);
    if (st == ZSM_OK)
        st = zsmp_matcher_init(&m, p->rules, p->t, &p->lk.starts, &tok);
    if (st == ZSM_OK)
        st = match_and_resolve(p, &m, &items);
    if (st == ZSM_OK)
        st = zsmp_context(p, &items);
    if (st == ZSM_OK)
        st = zsmp_table(p, &items);
    zsmp_text_drop_map(text); /* resolve and table were the last to read the input */
    number_items(&items);
    /* The report as a whole, after its figures: the stage of links. */
    if (st == ZSM_OK)
        st = zsmp_report(p, &items);
    if (st == ZSM_OK)
        st = zsmp_relate(p, &items);
    if (st == ZSM_OK)
        st = zsmp_summarize(p, &items);
    if (st == ZSM_OK)
        st = zsmp_check(p, &items);
    zsmp_tokens_free(&tok);
    if (st == ZSM_OK)
        take_metrics(&items, p->doc);
    if (st == ZSM_OK)
        st = warn_stopped(p, m.stopped);
    zsmp_matcher_free(&m);
    zsmp_items_free(&items);
    zsmp_tokens_free(&tok);
    return st;
}

/* decode .. context over one input, filling doc. */
static zsm_status run_pipeline(const zsm_rules *rules, const char *buf, size_t len, zsm_doc *doc)
{
    zsmp_decoded d;
    zsmp_lines lines = {0};
    zsmp_text t = {0};
    zsm_status st = zsmp_decode(buf, len, &d, &doc->warnings);
    if (st == ZSM_OK) {
        doc->encoding = d.encoding;
        st = zsmp_lines_index(buf, len, &lines);
    }
    if (st == ZSM_OK)
        st = zsmp_normalize(&d, &t);
    if (st == ZSM_OK) {
        zsmp_pass p = {rules, &d, &lines, &t, NULL, doc, {0}, 0, 0, NULL, 0};
        st = zsmp_lookup_init(&p.lk, rules, t.s, t.len);
        if (st == ZSM_OK)
            st = run_stages(&p, &t);
        zsmp_lookup_free(&p.lk);
    }
    zsmp_text_free(&t);
    zsmp_lines_free(&lines);
    zsmp_decoded_free(&d);
    return st;
}

zsm_status zsm_extract(const zsm_rules *rules, const char *buf, size_t len, const char *source,
                       zsm_doc **out)
{
    *out = NULL;
    if (!rules || (!buf && len))
        return ZSM_ERR_INVALID;
    zsm_doc *doc = zsmp_doc_new(source, len);
    if (!doc)
        return ZSM_ERR_NOMEM;
    zsm_status st = run_pipeline(rules, buf ? buf : "", len, doc);
    if (st) {
        zsm_doc_free(doc);
        return st;
    }
    *out = doc;
    return ZSM_OK;
}
