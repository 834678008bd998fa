/* zsm_emit_csv.c - a document's metrics as CSV (RFC 4180) or TSV rows,
 * one row a metric, columns as spec/OUTPUT.md lists them.  Numbers are
 * printed as in the JSON: the shortest text that reads back exactly. */
#include "zsm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char header[] =
    "source,metric,value,unit,currency,category,approx,placeholder,modality,label,line,start,"
    "end,rule,text";

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

static void put_size(out *o, size_t v)
{
    put_number(o, (double)v);
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
    put_str(o, o->tsv ? "\n" : "\r\n");
}

char *zsm_doc_to_csv(const zsm_doc *doc, unsigned flags)
{
    out o = {0};
    o.tsv = (flags & ZSM_TSV) != 0;
    put(&o, "", 0);
    if (flags & ZSM_HEADER) {
        for (const char *p = header; *p; p++)
            put(&o, *p == ',' && o.tsv ? "\t" : p, 1);
        put_str(&o, o.tsv ? "\n" : "\r\n");
    }
    for (size_t i = 0; doc && i < doc->count; i++)
        put_row(&o, doc, &doc->metrics[i]);
    if (o.failed) {
        free(o.s);
        return NULL;
    }
    return o.s;
}
