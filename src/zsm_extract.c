/* zsm_extract.c - one document through the whole pipeline, and the
 * accessors of the record it yields.
 *   decode -> normalize -> tokenize -> match -> resolve
 * Each stage's output is freed as soon as the next has what it needs. */
#include "zsm_internal.h"

#include <stdlib.h>
#include <string.h>

static zsm_doc *doc_new(const char *source, size_t bytes)
{
    zsm_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->source = strdup(source ? source : "-");
    if (!doc->source) {
        free(doc);
        return NULL;
    }
    doc->bytes = bytes;
    doc->encoding = "utf-8";
    return doc;
}

/* decode .. resolve over one input, filling doc. */
static zsm_status run_pipeline(const zsm_rules *rules, const char *buf, size_t len, zsm_doc *doc)
{
    zsmp_decoded d;
    zsmp_lines lines = {0};
    zsmp_text t = {0};
    zsmp_tokens tok = {0};
    zsmp_hits hits = {0};
    zsm_status st = zsmp_decode(buf, len, &d, &doc->warnings);
    if (st == ZSM_OK) {
        doc->encoding = d.encoding;
        st = zsmp_lines_index(buf, len, &lines);
    }
    if (st == ZSM_OK)
        st = zsmp_normalize(&d, &t);
    if (st == ZSM_OK)
        st = zsmp_tokenize(&t, &tok);
    if (st == ZSM_OK)
        st = zsmp_match(rules, &t, &tok, &hits);
    if (st == ZSM_OK)
        st = zsmp_resolve(rules, &d, &lines, &t, &tok, &hits, doc);
    zsmp_hits_free(&hits);
    zsmp_tokens_free(&tok);
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
    zsm_doc *doc = doc_new(source, len);
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

size_t zsm_doc_metric_count(const zsm_doc *doc)
{
    return doc->count;
}

const zsm_metric *zsm_doc_metric(const zsm_doc *doc, size_t i)
{
    return i < doc->count ? &doc->metrics[i] : NULL;
}

const char *zsm_doc_encoding(const zsm_doc *doc)
{
    return doc->encoding;
}
const char *zsm_doc_title(const zsm_doc *doc)
{
    return doc->title;
}
size_t zsm_doc_warning_count(const zsm_doc *doc)
{
    return doc->warnings.count;
}

const char *zsm_doc_warning(const zsm_doc *doc, size_t i)
{
    return i < doc->warnings.count ? doc->warnings.items[i] : NULL;
}

zsm_status zsm_doc_add_warning(zsm_doc *doc, const char *message)
{
    return zsmp_strlist_push(&doc->warnings, message);
}

void zsm_doc_filter(zsm_doc *doc, unsigned kind_mask, unsigned modality_mask)
{
    size_t kept = 0;
    for (size_t i = 0; i < doc->count; i++) {
        const zsm_metric *m = &doc->metrics[i];
        if ((kind_mask >> m->kind & 1u) && (modality_mask >> m->modality & 1u))
            doc->metrics[kept++] = *m;
    }
    doc->count = kept;
}

void zsm_doc_free(zsm_doc *doc)
{
    if (!doc)
        return;
    free(doc->source);
    free(doc->title);
    free(doc->metrics);
    zsmp_strlist_free(&doc->warnings);
    zsmp_strlist_free(&doc->strings);
    free(doc);
}
