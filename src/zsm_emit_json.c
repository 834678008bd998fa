/* zsm_emit_json.c - a document record as JSON (schema zsmetrics/1).
 * Field order follows spec/OUTPUT.md.  The record is built whole, then
 * printed, so a caller never writes half a record. */
#include "zsm_internal.h"

#include <cJSON.h>
#include <stdlib.h>

static cJSON *add_string_or_null(cJSON *obj, const char *key, const char *s)
{
    return s ? cJSON_AddStringToObject(obj, key, s) : cJSON_AddNullToObject(obj, key);
}

static cJSON *metric_to_json(const zsm_metric *m)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int ok = cJSON_AddStringToObject(o, "metric", zsmp_kind_name(m->kind)) != NULL;
    if (m->has_value)
        ok &= cJSON_AddNumberToObject(o, "value", m->value) != NULL;
    else
        ok &= cJSON_AddNullToObject(o, "value") != NULL;
    if (m->approx == ZSM_RANGE)
        ok &= cJSON_AddNumberToObject(o, "value_max", m->value_max) != NULL;
    ok &= add_string_or_null(o, "unit", m->unit) != NULL;
    ok &= add_string_or_null(o, "currency", m->currency) != NULL;
    ok &= add_string_or_null(o, "category", m->category) != NULL;
    ok &= add_string_or_null(o, "approx", zsmp_approx_name(m->approx)) != NULL;
    ok &= cJSON_AddBoolToObject(o, "placeholder", m->placeholder) != NULL;
    ok &= cJSON_AddStringToObject(o, "modality", zsmp_modality_name(m->modality)) != NULL;
    ok &= add_string_or_null(o, "label", m->label) != NULL;
    ok &= add_string_or_null(o, "text", m->text) != NULL;
    ok &= cJSON_AddNumberToObject(o, "line", (double)m->line) != NULL;
    ok &= cJSON_AddNumberToObject(o, "start", (double)m->start) != NULL;
    ok &= cJSON_AddNumberToObject(o, "end", (double)m->end) != NULL;
    ok &= cJSON_AddStringToObject(o, "rule", m->rule) != NULL;
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *doc_to_cjson(const zsm_doc *doc)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int ok = cJSON_AddStringToObject(o, "schema", ZSM_SCHEMA) != NULL;
    ok &= cJSON_AddStringToObject(o, "source", doc->source) != NULL;
    ok &= cJSON_AddStringToObject(o, "encoding", doc->encoding) != NULL;
    ok &= cJSON_AddNumberToObject(o, "bytes", (double)doc->bytes) != NULL;
    ok &= add_string_or_null(o, "title", doc->title) != NULL;
    cJSON *metrics = cJSON_AddArrayToObject(o, "metrics");
    ok &= metrics != NULL;
    for (size_t i = 0; ok && i < doc->count; i++) {
        cJSON *m = metric_to_json(&doc->metrics[i]);
        ok &= m != NULL;
        if (m)
            cJSON_AddItemToArray(metrics, m);
    }
    cJSON *warnings = cJSON_AddArrayToObject(o, "warnings");
    ok &= warnings != NULL;
    for (size_t i = 0; ok && i < doc->warnings.count; i++) {
        cJSON *w = cJSON_CreateString(doc->warnings.items[i]);
        ok &= w != NULL;
        if (w)
            cJSON_AddItemToArray(warnings, w);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

char *zsm_doc_to_json(const zsm_doc *doc, unsigned flags)
{
    cJSON *o = doc_to_cjson(doc);
    if (!o)
        return NULL;
    char *s = (flags & ZSM_PRETTY) ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}
