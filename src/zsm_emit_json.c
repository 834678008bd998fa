/* zsm_emit_json.c - a document record as JSON (schema zsmetrics/1).
 * Field order follows spec/OUTPUT.md and spec/REPORT.md.  The record is
 * written whole into one buffer, then returned, so a caller never writes
 * half a record. */
#include "zsm_internal.h"
#include "zsm_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void metric(zsmp_json *w, const zsm_metric *m)
{
    zsmp_json_object(w);
    zsmp_json_key(w, "metric");
    zsmp_json_string(w, zsm_metric_name(m->kind));
    zsmp_json_key(w, "value");
    if (m->has_value)
        zsmp_json_number(w, m->value);
    else
        zsmp_json_null(w);
    if (m->approx == ZSM_RANGE) {
        zsmp_json_key(w, "value_max");
        zsmp_json_number(w, m->value_max);
    }
    zsmp_json_key(w, "unit");
    zsmp_json_string(w, m->unit);
    zsmp_json_key(w, "currency");
    zsmp_json_string(w, m->currency);
    zsmp_json_key(w, "category");
    zsmp_json_string(w, m->category);
    zsmp_json_key(w, "approx");
    zsmp_json_string(w, zsm_approx_name(m->approx));
    zsmp_json_key(w, "placeholder");
    zsmp_json_bool(w, m->placeholder);
    zsmp_json_key(w, "modality");
    zsmp_json_string(w, zsm_modality_name(m->modality));
    zsmp_json_key(w, "label");
    zsmp_json_string(w, m->label);
    zsmp_json_key(w, "text");
    zsmp_json_string(w, m->text);
    zsmp_json_key(w, "line");
    zsmp_json_size(w, m->line);
    zsmp_json_key(w, "start");
    zsmp_json_size(w, m->start);
    zsmp_json_key(w, "end");
    zsmp_json_size(w, m->end);
    zsmp_json_key(w, "rule");
    zsmp_json_string(w, m->rule);
    zsmp_json_key(w, "id");
    zsmp_json_id(w, m->id);
    zsmp_json_key(w, "part_of");
    zsmp_json_id(w, m->part_of);
    if (m->kind == ZSM_COMPLETION_RATE) {
        zsmp_json_key(w, "target");
        zsmp_json_id(w, m->target);
        zsmp_json_key(w, "actual");
        zsmp_json_id(w, m->actual);
    }
    zsmp_json_end_object(w);
}

/* ------------------------------------------------- a metric, compact */

/* Metrics are most of a record's bytes (1 MB of a report writes ~3 MB of
 * them), so the compact form of one is written in place in one pass: its
 * keys and punctuation constants, each string's length read once.  The
 * same text as metric() writes, which pretty output and a string needing
 * an escape still go through. */
enum {
    METRIC_STRINGS = 9,
    METRIC_FIXED = 512 /* its keys, punctuation, numbers, sizes and ids */
};

#define PUT_LITERAL(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

/* n plain bytes of s as a JSON string, or null. */
static char *put_string(char *o, const char *s, size_t n)
{
    if (!s)
        return PUT_LITERAL(o, "null");
    *o++ = '"';
    memcpy(o, s, n);
    o += n;
    *o++ = '"';
    return o;
}

static char *put_id(char *o, size_t id)
{
    return id == ZSM_NONE ? PUT_LITERAL(o, "null") : zsmp_json_put_size(o, id);
}

static char *put_number(char *o, double v)
{
    return o + zsmp_format_number(v, o);
}

/* The strings of the metric written last and their lengths: most are the
 * library's or the rules' own (names, units, rule ids) and come again in
 * the next metric, read once. */
typedef struct seen_strings {
    const char *str[METRIC_STRINGS];
    size_t len[METRIC_STRINGS];
} seen_strings;

/* 1 when written (or the writer failed for memory), 0 when a string
 * needs an escape: nothing is written then. */
static int metric_compact(zsmp_json *w, const zsm_metric *m, seen_strings *seen)
{
    const char *str[METRIC_STRINGS] = {/* in the order written */
                                       zsm_metric_name(m->kind),
                                       m->unit,
                                       m->currency,
                                       m->category,
                                       zsm_approx_name(m->approx),
                                       zsm_modality_name(m->modality),
                                       m->label,
                                       m->text,
                                       m->rule};
    size_t len[METRIC_STRINGS], max = METRIC_FIXED;
    for (size_t i = 0; i < METRIC_STRINGS; i++) {
        if (str[i] != seen->str[i]) {
            size_t n = str[i] ? zsmp_json_plain_len(str[i]) : 0;
            if (str[i] && str[i][n])
                return 0;
            seen->str[i] = str[i];
            seen->len[i] = n;
        }
        len[i] = seen->len[i];
        max += len[i] + 4; /* its quotes, or null */
    }
    char *o = zsmp_json_value_begin(w, max);
    if (!o)
        return 1;
    o = put_string(PUT_LITERAL(o, "{\"metric\":"), str[0], len[0]);
    o = PUT_LITERAL(o, ",\"value\":");
    o = m->has_value ? put_number(o, m->value) : PUT_LITERAL(o, "null");
    if (m->approx == ZSM_RANGE)
        o = put_number(PUT_LITERAL(o, ",\"value_max\":"), m->value_max);
    o = put_string(PUT_LITERAL(o, ",\"unit\":"), str[1], len[1]);
    o = put_string(PUT_LITERAL(o, ",\"currency\":"), str[2], len[2]);
    o = put_string(PUT_LITERAL(o, ",\"category\":"), str[3], len[3]);
    o = put_string(PUT_LITERAL(o, ",\"approx\":"), str[4], len[4]);
    o = PUT_LITERAL(o, ",\"placeholder\":");
    o = m->placeholder ? PUT_LITERAL(o, "true") : PUT_LITERAL(o, "false");
    o = put_string(PUT_LITERAL(o, ",\"modality\":"), str[5], len[5]);
    o = put_string(PUT_LITERAL(o, ",\"label\":"), str[6], len[6]);
    o = put_string(PUT_LITERAL(o, ",\"text\":"), str[7], len[7]);
    o = zsmp_json_put_size(PUT_LITERAL(o, ",\"line\":"), m->line);
    o = zsmp_json_put_size(PUT_LITERAL(o, ",\"start\":"), m->start);
    o = zsmp_json_put_size(PUT_LITERAL(o, ",\"end\":"), m->end);
    o = put_string(PUT_LITERAL(o, ",\"rule\":"), str[8], len[8]);
    o = put_id(PUT_LITERAL(o, ",\"id\":"), m->id);
    o = put_id(PUT_LITERAL(o, ",\"part_of\":"), m->part_of);
    if (m->kind == ZSM_COMPLETION_RATE) {
        o = put_id(PUT_LITERAL(o, ",\"target\":"), m->target);
        o = put_id(PUT_LITERAL(o, ",\"actual\":"), m->actual);
    }
    *o++ = '}';
    zsmp_json_value_end(w, o);
    return 1;
}

static void report(zsmp_json *w, const zsm_report *r)
{
    zsmp_json_object(w);
    zsmp_json_key(w, "region");
    zsmp_json_string(w, r->region);
    zsmp_json_key(w, "issuer");
    zsmp_json_string(w, r->issuer);
    zsmp_json_key(w, "period");
    if (r->period_text) {
        zsmp_json_object(w);
        zsmp_json_key(w, "text");
        zsmp_json_string(w, r->period_text);
        zsmp_json_key(w, "from");
        zsmp_json_string(w, r->period_from);
        zsmp_json_key(w, "to");
        zsmp_json_string(w, r->period_to);
        zsmp_json_end_object(w);
    } else {
        zsmp_json_null(w);
    }
    zsmp_json_key(w, "published");
    zsmp_json_string(w, r->published);
    zsmp_json_key(w, "template");
    zsmp_json_bool(w, r->is_template);
    zsmp_json_end_object(w);
}

static void summary(zsmp_json *w, const zsm_doc *doc)
{
    zsmp_json_object(w);
    for (int k = 0; k < ZSM_KEY_COUNT; k++) {
        const zsm_headline *h = &doc->summary[k];
        zsmp_json_key(w, zsm_key_name((zsm_key)k));
        if (h->id == ZSM_NONE) {
            zsmp_json_null(w);
            continue;
        }
        zsmp_json_object(w);
        zsmp_json_key(w, "value");
        if (h->has_value)
            zsmp_json_number(w, h->value);
        else
            zsmp_json_null(w);
        if (h->currency) {
            zsmp_json_key(w, "currency");
            zsmp_json_string(w, h->currency);
        }
        zsmp_json_key(w, "id");
        zsmp_json_size(w, h->id);
        zsmp_json_key(w, "modality");
        zsmp_json_string(w, zsm_modality_name(h->modality));
        zsmp_json_end_object(w);
    }
    zsmp_json_end_object(w);
}

static void check(zsmp_json *w, const zsm_check *c)
{
    zsmp_json_object(w);
    zsmp_json_key(w, "check");
    zsmp_json_string(w, c->check);
    zsmp_json_key(w, "ok");
    zsmp_json_bool(w, c->ok);
    zsmp_json_key(w, "metrics");
    zsmp_json_array(w);
    for (size_t i = 0; i < c->metric_count; i++)
        zsmp_json_size(w, c->metrics[i]);
    zsmp_json_end_array(w);
    if (strcmp(c->check, "completion") == 0) {
        zsmp_json_key(w, "stated");
        zsmp_json_number(w, c->stated);
        zsmp_json_key(w, "computed");
        zsmp_json_number(w, c->computed);
    } else {
        zsmp_json_key(w, "total");
        zsmp_json_number(w, c->total);
        zsmp_json_key(w, "sum");
        zsmp_json_number(w, c->sum);
        zsmp_json_key(w, "unit");
        zsmp_json_string(w, c->unit);
    }
    if (c->message) {
        zsmp_json_key(w, "message");
        zsmp_json_string(w, c->message);
    }
    zsmp_json_end_object(w);
}

static void record(zsmp_json *w, const zsm_doc *doc, unsigned flags)
{
    zsmp_json_object(w);
    zsmp_json_key(w, "schema");
    zsmp_json_string(w, ZSM_SCHEMA);
    zsmp_json_key(w, "source");
    zsmp_json_string(w, doc->source);
    zsmp_json_key(w, "encoding");
    zsmp_json_string(w, doc->encoding);
    zsmp_json_key(w, "bytes");
    zsmp_json_size(w, doc->bytes);
    zsmp_json_key(w, "title");
    zsmp_json_string(w, doc->title);
    zsmp_json_key(w, "metrics");
    zsmp_json_array(w);
    seen_strings seen = {{NULL}, {0}};
    for (size_t i = 0; i < doc->count; i++)
        if (w->pretty || !metric_compact(w, &doc->metrics[i], &seen))
            metric(w, &doc->metrics[i]);
    zsmp_json_end_array(w);
    zsmp_json_key(w, "report");
    report(w, &doc->report);
    zsmp_json_key(w, "summary");
    summary(w, doc);
    zsmp_json_key(w, "checks");
    zsmp_json_array(w);
    for (size_t i = 0; i < doc->check_count; i++)
        check(w, &doc->checks[i]);
    zsmp_json_end_array(w);
    zsmp_json_key(w, "warnings");
    zsmp_json_array(w);
    for (size_t i = 0; i < doc->warnings.count; i++)
        zsmp_json_string(w, doc->warnings.items[i]);
    zsmp_json_end_array(w);
    zsmp_json_end_object(w);
    if (flags & ZSM_NEWLINE)
        zsmp_json_raw(w, "\n");
}

char *zsm_doc_to_json(const zsm_doc *doc, unsigned flags)
{
    zsmp_json w;
    zsmp_json_init(&w, (flags & ZSM_PRETTY) != 0);
    record(&w, doc, flags);
    return zsmp_json_take(&w);
}

size_t zsm_doc_to_json_into(const zsm_doc *doc, unsigned flags, char **buf, size_t *cap)
{
    zsmp_json w;
    zsmp_json_init_into(&w, (flags & ZSM_PRETTY) != 0, *buf, *cap);
    record(&w, doc, flags);
    *buf = w.s;
    *cap = w.cap;
    return w.failed ? (size_t)-1 : w.len;
}

/* One summary object: the keys of the summary CSV row (REPORT.md). */
char *zsm_doc_summary_json(const zsm_doc *doc, unsigned flags)
{
    zsmp_json w;
    zsmp_json_init(&w, (flags & ZSM_PRETTY) != 0);
    const zsm_report *r = &doc->report;
    const struct {
        const char *key, *value;
    } strings[] = {{"source", doc->source},         {"title", doc->title},
                   {"region", r->region},           {"issuer", r->issuer},
                   {"period_from", r->period_from}, {"period_to", r->period_to},
                   {"published", r->published}};
    zsmp_json_object(&w);
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        zsmp_json_key(&w, strings[i].key);
        zsmp_json_string(&w, strings[i].value);
    }
    zsmp_json_key(&w, "template");
    zsmp_json_bool(&w, r->is_template);
    size_t failed = 0;
    for (size_t i = 0; i < doc->check_count; i++)
        failed += !doc->checks[i].ok;
    for (int k = 0; k < ZSM_KEY_COUNT; k++) {
        const zsm_headline *h = &doc->summary[k];
        zsmp_json_key(&w, zsm_key_name((zsm_key)k));
        if (h->id == ZSM_NONE || !h->has_value) {
            zsmp_json_null(&w);
        } else if (h->currency && strcmp(h->currency, "CNY") != 0) {
            char buf[ZSMP_NUMBER_MAX + 8];
            size_t n = zsmp_format_number(h->value, buf);
            snprintf(buf + n, sizeof buf - n, " %s", h->currency); /* as in the CSV: "6.13 USD" */
            zsmp_json_string(&w, buf);
        } else {
            zsmp_json_number(&w, h->value);
        }
    }
    zsmp_json_key(&w, "checks_failed");
    zsmp_json_size(&w, failed);
    zsmp_json_key(&w, "metrics");
    zsmp_json_size(&w, doc->count);
    zsmp_json_key(&w, "warnings");
    zsmp_json_size(&w, doc->warnings.count);
    zsmp_json_end_object(&w);
    zsmp_json_raw(&w, "\n");
    return zsmp_json_take(&w);
}
