/* zsm_emit_csv.c - a document's metrics as CSV (RFC 4180) or TSV rows,
 * one row a metric, columns as spec/OUTPUT.md lists them.  Numbers are
 * printed as in the JSON: the shortest text that reads back exactly. */
#include "zsm_grow.h"
#include "zsm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char header[] =
    "source,metric,value,unit,currency,category,approx,placeholder,modality,label,line,start,"
    "end,rule,text,value_max,id,part_of,target,actual";

const char *zsm_csv_header(void)
{
    return header;
}

typedef struct out {
    char *s;
    size_t len, cap;
    int failed;
    int tsv;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->failed || zsmp_grow((void **)&o->s, &o->cap, o->len + n + 1, 1)) {
        o->failed = 1;
        return;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static void put_str(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* CSV quotes a field holding a comma, quote or line end, doubling quotes;
 * TSV escapes tab, newline, CR and backslash. */
static void put_field(out *o, const char *s)
{
    if (!s)
        return;
    if (o->tsv) {
        for (const char *p = s; *p; p++) {
            const char *esc = *p == '\t'   ? "\\t"
                              : *p == '\n' ? "\\n"
                              : *p == '\r' ? "\\r"
                              : *p == '\\' ? "\\\\"
                                           : NULL;
            if (esc)
                put_str(o, esc);
            else
                put(o, p, 1);
        }
        return;
    }
    if (!strpbrk(s, ",\"\r\n")) {
        put_str(o, s);
        return;
    }
    put(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            put(o, "\"\"", 2);
        else
            put(o, p, 1);
    }
    put(o, "\"", 1);
}

/* As in the JSON: 30, 0.8, never 3e+01. */
static void put_number(out *o, double v)
{
    char buf[ZSMP_NUMBER_MAX];
    put(o, buf, zsmp_format_number(v, buf));
}

static void put_header(out *o, const char *h);

static void put_size(out *o, size_t v)
{
    put_number(o, (double)v);
}

/* An id, or nothing for ZSM_NONE. */
static void put_id(out *o, size_t id)
{
    if (id != ZSM_NONE)
        put_size(o, id);
}

static void put_row(out *o, const zsm_doc *doc, const zsm_metric *m)
{
    const char sep = o->tsv ? '\t' : ',';
    put_field(o, doc->source);
    put(o, &sep, 1);
    put_field(o, zsm_metric_name(m->kind));
    put(o, &sep, 1);
    if (m->has_value)
        put_number(o, m->value);
    put(o, &sep, 1);
    const char *fields[] = {m->unit,
                            m->currency,
                            m->category,
                            zsm_approx_name(m->approx),
                            m->placeholder ? "true" : "false",
                            zsm_modality_name(m->modality),
                            m->label};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        put_field(o, fields[i]);
        put(o, &sep, 1);
    }
    put_size(o, m->line);
    put(o, &sep, 1);
    put_size(o, m->start);
    put(o, &sep, 1);
    put_size(o, m->end);
    put(o, &sep, 1);
    put_field(o, m->rule);
    put(o, &sep, 1);
    put_field(o, m->text);
    put(o, &sep, 1);
    if (m->approx == ZSM_RANGE)
        put_number(o, m->value_max);
    const size_t links[] = {m->id, m->part_of, m->target, m->actual};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        put(o, &sep, 1);
        put_id(o, links[i]);
    }
    put_str(o, o->tsv ? "\n" : "\r\n");
}

char *zsm_doc_to_csv(const zsm_doc *doc, unsigned flags)
{
    out o = {0};
    o.tsv = (flags & ZSM_TSV) != 0;
    put(&o, "", 0);
    if (flags & ZSM_HEADER)
        put_header(&o, header);
    for (size_t i = 0; doc && i < doc->count; i++)
        put_row(&o, doc, &doc->metrics[i]);
    if (o.failed) {
        free(o.s);
        return NULL;
    }
    return o.s;
}

/* ------------------------------------------------------------- summary */

static const char summary_header[] =
    "source,title,region,issuer,period_from,period_to,published,template,signed_projects,"
    "contract,funds_in_place,total_investment,investment_completed,completion_rate,"
    "checks_failed,metrics,warnings";

const char *zsm_summary_header(void)
{
    return summary_header;
}

static void put_header(out *o, const char *h)
{
    for (const char *p = h; *p; p++)
        put(o, *p == ',' && o->tsv ? "\t" : p, 1);
    put_str(o, o->tsv ? "\n" : "\r\n");
}

/* A headline: the number alone for CNY or a count, "6.13 USD" otherwise;
 * nothing for none or a placeholder. */
static void put_headline(out *o, const zsm_headline *h)
{
    if (h->id == ZSM_NONE || !h->has_value)
        return;
    char buf[ZSMP_NUMBER_MAX + 8];
    size_t n = zsmp_format_number(h->value, buf);
    if (h->currency && strcmp(h->currency, "CNY") != 0)
        snprintf(buf + n, sizeof buf - n, " %s", h->currency);
    put_field(o, buf);
}

static size_t checks_failed(const zsm_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->check_count; i++)
        n += !doc->checks[i].ok;
    return n;
}

static void put_summary_row(out *o, const zsm_doc *doc)
{
    const char sep = o->tsv ? '\t' : ',';
    const zsm_report *r = &doc->report;
    const char *fields[] = {
        doc->source,    doc->title,   r->region,    r->issuer,
        r->period_from, r->period_to, r->published, r->is_template ? "true" : "false"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        put_field(o, fields[i]);
        put(o, &sep, 1);
    }
    for (int k = 0; k < ZSM_KEY_COUNT; k++) {
        put_headline(o, &doc->summary[k]);
        put(o, &sep, 1);
    }
    put_size(o, checks_failed(doc));
    put(o, &sep, 1);
    put_size(o, doc->count);
    put(o, &sep, 1);
    put_size(o, doc->warnings.count);
    put_str(o, o->tsv ? "\n" : "\r\n");
}

char *zsm_doc_summary_csv(const zsm_doc *doc, unsigned flags)
{
    out o = {0};
    o.tsv = (flags & ZSM_TSV) != 0;
    put(&o, "", 0);
    if (flags & ZSM_HEADER)
        put_header(&o, summary_header);
    if (doc)
        put_summary_row(&o, doc);
    if (o.failed) {
        free(o.s);
        return NULL;
    }
    return o.s;
}
