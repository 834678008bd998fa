/* zsm_emit_json.c - a document record as JSON (schema zsmetrics/1).
 * Field order follows spec/OUTPUT.md.  The record is built whole, then
 * printed, so a caller never writes half a record. */
#include "zsm_internal.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records are built from strings the document owns and constant keys, so
 * items refer to them instead of copying (cJSON_CreateStringReference,
 * cJSON_AddItemToObjectCS): a record costs a few allocations, not dozens. */
static cJSON *add_item(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return NULL;
    if (!cJSON_AddItemToObjectCS(obj, key, item)) {
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}

static cJSON *add_string(cJSON *obj, const char *key, const char *s)
{
    return add_item(obj, key, cJSON_CreateStringReference(s));
}

static cJSON *add_string_or_null(cJSON *obj, const char *key, const char *s)
{
    return add_item(obj, key, s ? cJSON_CreateStringReference(s) : cJSON_CreateNull());
}

/* Numbers go in as raw JSON text: cJSON prints every number with sprintf
 * and reads it back with sscanf, the costliest part of a record.  Counts
 * and offsets are integers; other values are written by zsmp_format_number,
 * as in every other format. */
static cJSON *add_size(cJSON *obj, const char *key, size_t v)
{
    char buf[24];
    size_t n = sizeof buf - 1;
    buf[n] = '\0';
    do {
        buf[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return add_item(obj, key, cJSON_CreateRaw(buf + n));
}

static cJSON *add_number(cJSON *obj, const char *key, double v)
{
    char buf[ZSMP_NUMBER_MAX];
    zsmp_format_number(v, buf);
    return add_item(obj, key, cJSON_CreateRaw(buf));
}

static cJSON *metric_to_json(const zsm_metric *m)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int ok = add_string(o, "metric", zsm_metric_name(m->kind)) != NULL;
    if (m->has_value)
        ok &= add_number(o, "value", m->value) != NULL;
    else
        ok &= add_item(o, "value", cJSON_CreateNull()) != NULL;
    if (m->approx == ZSM_RANGE)
        ok &= add_number(o, "value_max", m->value_max) != NULL;
    ok &= add_string_or_null(o, "unit", m->unit) != NULL;
    ok &= add_string_or_null(o, "currency", m->currency) != NULL;
    ok &= add_string_or_null(o, "category", m->category) != NULL;
    ok &= add_string_or_null(o, "approx", zsm_approx_name(m->approx)) != NULL;
    ok &= add_item(o, "placeholder", cJSON_CreateBool(m->placeholder)) != NULL;
    ok &= add_string(o, "modality", zsm_modality_name(m->modality)) != NULL;
    ok &= add_string_or_null(o, "label", m->label) != NULL;
    ok &= add_string_or_null(o, "text", m->text) != NULL;
    ok &= add_size(o, "line", m->line) != NULL;
    ok &= add_size(o, "start", m->start) != NULL;
    ok &= add_size(o, "end", m->end) != NULL;
    ok &= add_string(o, "rule", m->rule) != NULL;
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
    int ok = add_string(o, "schema", ZSM_SCHEMA) != NULL;
    ok &= add_string(o, "source", doc->source) != NULL;
    ok &= add_string(o, "encoding", doc->encoding) != NULL;
    ok &= add_size(o, "bytes", doc->bytes) != NULL;
    ok &= add_string_or_null(o, "title", doc->title) != NULL;
    cJSON *metrics = add_item(o, "metrics", cJSON_CreateArray());
    ok &= metrics != NULL;
    for (size_t i = 0; ok && i < doc->count; i++) {
        cJSON *m = metric_to_json(&doc->metrics[i]);
        ok &= m != NULL;
        if (m)
            cJSON_AddItemToArray(metrics, m);
    }
    cJSON *warnings = add_item(o, "warnings", cJSON_CreateArray());
    ok &= warnings != NULL;
    for (size_t i = 0; ok && i < doc->warnings.count; i++) {
        cJSON *w = cJSON_CreateStringReference(doc->warnings.items[i]);
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

/* Re-indents compact JSON with two spaces a level, as jq prints it
 * (cJSON_Print indents with tabs and pads after colons).  Returns a new
 * string, or NULL when out of memory. */
static char *indent_json(const char *compact)
{
    size_t depth = 0, n = 0, cap = strlen(compact) * 2 + 64;
    char *out = malloc(cap);
    int in_string = 0;
    for (const char *p = compact; out && *p; p++) {
        if (n + 2 * depth + 8 > cap) {
            char *bigger = realloc(out, cap * 2 + 2 * depth);
            if (!bigger) {
                free(out);
                return NULL;
            }
            out = bigger;
            cap = cap * 2 + 2 * depth;
        }
        char c = *p;
        if (in_string) {
            out[n++] = c;
            if (c == '\\' && p[1])
                out[n++] = *++p;
            else if (c == '"')
                in_string = 0;
            continue;
        }
        int empty = (c == '[' || c == '{') && (p[1] == ']' || p[1] == '}');
        if (empty) {
            out[n++] = c;
            out[n++] = *++p;
            continue;
        }
        if (c == '}' || c == ']') {
            depth--;
            out[n++] = '\n';
            for (size_t i = 0; i < 2 * depth; i++)
                out[n++] = ' ';
        }
        out[n++] = c;
        if (c == '"')
            in_string = 1;
        else if (c == ':')
            out[n++] = ' ';
        if (c == '{' || c == '[' || c == ',') {
            depth += c != ',';
            out[n++] = '\n';
            for (size_t i = 0; i < 2 * depth; i++)
                out[n++] = ' ';
        }
    }
    if (out)
        out[n] = '\0';
    return out;
}

char *zsm_doc_to_json(const zsm_doc *doc, unsigned flags)
{
    cJSON *o = doc_to_cjson(doc);
    if (!o)
        return NULL;
    char *compact = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!compact)
        return NULL;
    char *s = flags & ZSM_PRETTY ? indent_json(compact) : strdup(compact);
    cJSON_free(compact);
    if (s && (flags & ZSM_NEWLINE)) {
        size_t n = strlen(s);
        char *line = realloc(s, n + 2);
        if (!line) {
            free(s);
            return NULL;
        }
        line[n] = '\n';
        line[n + 1] = '\0';
        s = line;
    }
    return s;
}
