/* zsm_emit_html.c - the review page: a batch of records as one
 * self-contained HTML page (zsmetrics --format html).
 *
 *   head     the page up to the summary table's body: inline CSS, no fonts
 *            or scripts fetched
 *   row      one <tr data-source> per report: region, period, headlines,
 *            metrics, failed checks; its first cell links to the report
 *   middle   closes the table
 *   report   one <section> per report: its text as written (line numbers in
 *            the margin), every metric a <mark data-id data-metric
 *            data-value data-modality data-category> around the exact input
 *            bytes of its text, the failed checks beside it
 *   tail     the little JavaScript (sorting and filtering only: the page
 *            reads and marks without it) and the end of the page
 * Everything from the input is escaped: a report holding <script> shows it.
 */
#include "zsm_internal.h"
#include "zsm_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char head[] =
    "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width\">\n"
    "<title>zsmetrics review</title>\n<style>\n"
    "body{font:15px/1.6 system-ui,sans-serif;margin:0 1.5em;color:#222}\n"
    "h1{font-size:1.3em}h2{font-size:1.1em;margin:2em 0 .3em}\n"
    "table{border-collapse:collapse;font-size:13px}"
    "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left}\n"
    "th{background:#f0f0f0;cursor:pointer;white-space:nowrap}"
    "th[aria-sort=ascending]::after{content:' \\25B2'}"
    "th[aria-sort=descending]::after{content:' \\25BC'}\n"
    "td.n{text-align:right}tr.failed td:last-child{color:#b00;font-weight:bold}\n"
    /* A long batch: the browser lays out only the reports near the view. */
    "section.report{content-visibility:auto;contain-intrinsic-size:auto 900px}\n"
    ".meta{color:#666;font-size:13px;margin:0}"
    ".checks{color:#b00;font-size:13px}.warnings{color:#a60;font-size:13px}\n"
    "pre.text{white-space:pre-wrap;font:14px/1.7 monospace;background:#fafafa;"
    "border:1px solid #ddd;padding:.5em}\n"
    ".ln{display:inline-block;width:3.5em;color:#aaa;user-select:none}"
    ".ln::before{content:attr(data-line)}\n"
    "mark{position:relative;border-radius:2px;padding:0 1px}"
    "mark.signed_projects{background:#c6dbff}mark.amount{background:#ffe0a6}"
    "mark.completion_rate{background:#c8f0c0}\n"
    "mark.target{outline:2px dashed #c0392b}mark.forecast{outline:2px dotted #2c6fbb}"
    "mark.placeholder{background:#e4e4e4}mark.failed{box-shadow:0 0 0 2px #e00}\n"
    "mark.extra{background:#f3f3f3;border-bottom:1px solid #bbb}"
    "#extras:not(:checked)~main mark.extra{background:none;border:0;outline:0}\n"
    "mark:hover::after,mark:focus::after{content:attr(data-tip);position:absolute;left:0;"
    "top:1.6em;z-index:9;background:#333;color:#fff;font:12px/1.4 system-ui,sans-serif;"
    "padding:4px 6px;white-space:pre;border-radius:3px}\n"
    "</style>\n</head>\n<body>\n<h1>zsmetrics review</h1>\n"
    "<p><input id=\"filter\" type=\"search\" placeholder=\"filter the reports\" "
    "aria-label=\"filter the reports\"> Click a column head to sort. Marks: "
    "<mark class=\"signed_projects\">signed projects</mark> <mark class=\"amount\">amount</mark> "
    "<mark class=\"completion_rate\">completion rate</mark> "
    "<mark class=\"amount target\">target</mark> <mark class=\"amount forecast\">forecast</mark> "
    "<mark class=\"amount failed\">in a failed check</mark> "
    "<mark class=\"extra\">other count or rate</mark></p>\n"
    "<input type=\"checkbox\" id=\"extras\" checked> <label for=\"extras\">mark the other "
    "project counts and rates</label>\n<main>\n"
    "<table id=\"summary\">\n<thead><tr><th data-key=\"report\">report</th>"
    "<th data-key=\"region\">region</th><th data-key=\"period\">period</th>"
    "<th data-key=\"signed_projects\">signed projects</th><th data-key=\"contract\">contract</th>"
    "<th data-key=\"funds_in_place\">funds in place</th>"
    "<th data-key=\"total_investment\">total investment</th>"
    "<th data-key=\"investment_completed\">investment completed</th>"
    "<th data-key=\"completion_rate\">completion rate</th><th data-key=\"metrics\">metrics</th>"
    "<th data-key=\"failed\">failed checks</th></tr></thead>\n<tbody>\n";

static const char middle[] = "</tbody>\n</table>\n";

static const char tail[] =
    "</main>\n<script>\n"
    "(function(){var t=document.getElementById('summary');if(!t)return;"
    "var b=t.tBodies[0],hs=t.tHead.rows[0].cells,f=document.getElementById('filter');\n"
    "function v(r,i){var c=r.cells[i],s=c.getAttribute('data-sort');"
    "if(s===null)s=c.textContent;var n=parseFloat(s);return isNaN(n)||s===''?s:n}\n"
    "function sort(i,d){var rs=[].slice.call(b.rows);rs.sort(function(x,y){var p=v(x,i),"
    "q=v(y,i),r=typeof p==typeof q?(p<q?-1:p>q?1:0):(typeof p=='number'?-1:1);"
    "return d?-r:r});rs.forEach(function(r){b.appendChild(r)});"
    "[].forEach.call(hs,function(h){h.removeAttribute('aria-sort')});"
    "hs[i].setAttribute('aria-sort',d?'descending':'ascending')}\n"
    "[].forEach.call(hs,function(h,i){h.addEventListener('click',function(){"
    "sort(i,h.getAttribute('aria-sort')==='ascending')})});\n"
    "function filter(q){q=q.toLowerCase();[].forEach.call(b.rows,function(r){"
    "r.hidden=!!q&&r.textContent.toLowerCase().indexOf(q)<0})}\n"
    "f.addEventListener('input',function(){filter(f.value)});\n"
    "/* #sort=KEY or #sort=-KEY, &filter=TEXT: a link that opens the page sorted and "
    "filtered */\n"
    "location.hash.slice(1).split('&').forEach(function(kv){var p=kv.split('='),"
    "w=decodeURIComponent(p[1]||'');if(p[0]==='sort'){var d=w.charAt(0)==='-';"
    "if(d)w=w.slice(1);[].forEach.call(hs,function(h,i){if(h.getAttribute('data-key')===w)"
    "sort(i,d)})}if(p[0]==='filter'){f.value=w;filter(w)}})})();\n"
    "</script>\n</body>\n</html>\n";

const char *zsm_html_head(void)
{
    return head;
}

const char *zsm_html_middle(void)
{
    return middle;
}

const char *zsm_html_tail(void)
{
    return tail;
}

/* ---------------------------------------------------------------- text */

/* Appends s[0, n) escaped for HTML text and attribute values; control
 * characters other than tab and line end become U+FFFD. */
static void put_escaped(zsmp_json *w, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c == '&'                                            ? "&amp;"
                          : c == '<'                                          ? "&lt;"
                          : c == '>'                                          ? "&gt;"
                          : c == '"'                                          ? "&quot;"
                          : (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ? "\xEF\xBF\xBD"
                                                                              : NULL;
        if (!esc)
            continue;
        zsmp_json_rawn(w, s + run, i - run);
        zsmp_json_raw(w, esc);
        run = i + 1;
    }
    zsmp_json_rawn(w, s + run, n - run);
}

static void put_text(zsmp_json *w, const char *s)
{
    if (s)
        put_escaped(w, s, strlen(s));
}

static void put_number(zsmp_json *w, double v)
{
    char buf[ZSMP_NUMBER_MAX];
    zsmp_format_number(v, buf);
    zsmp_json_raw(w, buf);
}

/* An attribute name="value", the value escaped; nothing when value is NULL. */
static void put_attr(zsmp_json *w, const char *name, const char *value)
{
    if (!value)
        return;
    zsmp_json_raw(w, " ");
    zsmp_json_raw(w, name);
    zsmp_json_raw(w, "=\"");
    put_text(w, value);
    zsmp_json_raw(w, "\"");
}

/* ----------------------------------------------------------------- row */

/* A headline as a cell: the value, with its currency when not yuan. */
static void put_headline(zsmp_json *w, const zsm_doc *doc, zsm_key key)
{
    const zsm_headline *h = zsm_doc_headline(doc, key);
    int has = h->id != ZSM_NONE && h->has_value;
    zsmp_json_raw(w, "<td class=\"n\"");
    if (has) {
        zsmp_json_raw(w, " data-sort=\"");
        put_number(w, h->value);
        zsmp_json_raw(w, "\"");
    }
    zsmp_json_raw(w, ">");
    if (has) {
        put_number(w, h->value);
        if (h->currency && strcmp(h->currency, "CNY") != 0) {
            zsmp_json_raw(w, " ");
            put_text(w, h->currency);
        }
    } else if (h->id != ZSM_NONE) {
        zsmp_json_raw(w, "XX");
    }
    zsmp_json_raw(w, "</td>");
}

static size_t failed_checks(const zsm_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < zsm_doc_check_count(doc); i++)
        n += !zsm_doc_check(doc, i)->ok;
    return n;
}

char *zsm_doc_html_row(const zsm_doc *doc, size_t index)
{
    zsmp_json w;
    zsmp_json_init(&w, 0);
    const zsm_report *rep = zsm_doc_report(doc);
    char num[32];
    size_t failed = failed_checks(doc);
    zsmp_json_raw(&w, failed ? "<tr class=\"failed\"" : "<tr");
    put_attr(&w, "data-source", zsm_doc_source(doc));
    snprintf(num, sizeof num, "%zu", index);
    zsmp_json_raw(&w, "><td><a href=\"#r");
    zsmp_json_raw(&w, num);
    zsmp_json_raw(&w, "\">");
    put_text(&w, zsm_doc_source(doc));
    zsmp_json_raw(&w, "</a></td><td>");
    put_text(&w, rep->region);
    zsmp_json_raw(&w, "</td><td>");
    if (rep->period_from) {
        put_text(&w, rep->period_from);
        zsmp_json_raw(&w, " – ");
        put_text(&w, rep->period_to);
    }
    zsmp_json_raw(&w, "</td>");
    for (int k = 0; k < ZSM_KEY_COUNT; k++)
        put_headline(&w, doc, (zsm_key)k);
    snprintf(num, sizeof num, "%zu", zsm_doc_metric_count(doc));
    zsmp_json_raw(&w, "<td class=\"n\">");
    zsmp_json_raw(&w, num);
    snprintf(num, sizeof num, "%zu", failed);
    zsmp_json_raw(&w, "</td><td class=\"n\">");
    zsmp_json_raw(&w, num);
    zsmp_json_raw(&w, "</td></tr>\n");
    return zsmp_json_take(&w);
}

/* -------------------------------------------------------------- report */

/* Is metric id among the figures of a failed check? */
static int in_failed_check(const zsm_doc *doc, size_t id)
{
    for (size_t i = 0; i < zsm_doc_check_count(doc); i++) {
        const zsm_check *c = zsm_doc_check(doc, i);
        for (size_t k = 0; !c->ok && k < c->metric_count; k++)
            if (c->metrics[k] == id)
                return 1;
    }
    return 0;
}

/* What hovering or focusing a mark shows. */
static void put_tip(zsmp_json *w, const zsm_metric *m)
{
    zsmp_json_raw(w, " data-tip=\"");
    put_text(w, zsm_metric_name(m->kind));
    zsmp_json_raw(w, ": ");
    if (m->has_value)
        put_number(w, m->value);
    else
        zsmp_json_raw(w, "XX");
    if (m->approx == ZSM_RANGE) {
        zsmp_json_raw(w, "–");
        put_number(w, m->value_max);
    }
    zsmp_json_raw(w, " ");
    put_text(w, m->unit);
    if (m->currency) {
        zsmp_json_raw(w, " (");
        put_text(w, m->currency);
        zsmp_json_raw(w, ")");
    }
    zsmp_json_raw(w, "&#10;");
    put_text(w, zsm_modality_name(m->modality));
    if (m->category) {
        zsmp_json_raw(w, " · ");
        put_text(w, m->category);
    }
    if (m->approx != ZSM_EXACT) {
        zsmp_json_raw(w, " · ");
        put_text(w, zsm_approx_name(m->approx));
    }
    if (m->label) {
        zsmp_json_raw(w, "&#10;");
        put_text(w, m->label);
    }
    zsmp_json_raw(w, "&#10;rule ");
    put_text(w, m->rule);
    zsmp_json_raw(w, "\"");
}

static void open_mark(zsmp_json *w, const zsm_doc *doc, const zsm_metric *m)
{
    int extra = m->kind == ZSM_PROJECT_COUNT || m->kind == ZSM_RATE;
    zsmp_json_raw(w, "<mark tabindex=\"0\" class=\"");
    zsmp_json_raw(w, zsm_metric_name(m->kind));
    if (extra)
        zsmp_json_raw(w, " extra");
    if (m->modality != ZSM_ACTUAL) {
        zsmp_json_raw(w, " ");
        zsmp_json_raw(w, zsm_modality_name(m->modality));
    }
    if (m->placeholder)
        zsmp_json_raw(w, " placeholder");
    if (in_failed_check(doc, m->id))
        zsmp_json_raw(w, " failed");
    char num[32];
    snprintf(num, sizeof num, "%zu", m->id);
    zsmp_json_raw(w, "\" data-id=\"");
    zsmp_json_raw(w, num);
    zsmp_json_raw(w, "\"");
    put_attr(w, "data-metric", zsm_metric_name(m->kind));
    zsmp_json_raw(w, " data-value=\"");
    if (m->has_value)
        put_number(w, m->value);
    else
        zsmp_json_raw(w, "null");
    zsmp_json_raw(w, "\"");
    put_attr(w, "data-modality", zsm_modality_name(m->modality));
    put_attr(w, "data-category", m->category);
    put_tip(w, m);
    zsmp_json_raw(w, ">");
}

/* The metrics ordered for nesting: by start, the longer first. */
static int cmp_marks_doc(const zsm_doc *doc, size_t a, size_t b)
{
    const zsm_metric *x = zsm_doc_metric(doc, a), *y = zsm_doc_metric(doc, b);
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Insertion sort: the metrics are nearly in order already. */
static void order_marks(const zsm_doc *doc, size_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i], j = i;
        for (; j > 0 && cmp_marks_doc(doc, v, idx[j - 1]) < 0; j--)
            idx[j] = idx[j - 1];
        idx[j] = v;
    }
}

typedef struct painter {
    zsmp_json *w;
    const zsm_doc *doc;
    size_t *open;        /* metrics whose element is open, innermost last */
    unsigned char *cont; /* per open element: a continuation span, not the mark */
    size_t depth;
} painter;

/* Closes the elements of the metrics that end at or before pos.  Spans
 * nest as a rule (a rate's phrase holds its target); where two cross, the
 * inner one's mark closes with the outer and its rest is painted as a
 * <span class="cont">, so that each metric keeps exactly one mark. */
static void close_marks(painter *pt, size_t pos)
{
    for (;;) {
        size_t j = pt->depth;
        while (j > 0 && zsm_doc_metric(pt->doc, pt->open[j - 1])->end > pos)
            j--;
        if (j == 0)
            return;
        j--; /* open[j] has ended: close it and everything inside it */
        for (size_t i = pt->depth; i-- > j;)
            zsmp_json_raw(pt->w, pt->cont[i] ? "</span>" : "</mark>");
        for (size_t i = j + 1; i < pt->depth; i++) {
            pt->open[i - 1] = pt->open[i];
            pt->cont[i - 1] = 1;
            zsmp_json_raw(pt->w, "<span class=\"cont\">");
        }
        pt->depth--;
    }
}

static void put_line_number(zsmp_json *w, size_t line)
{
    char num[80];
    snprintf(num, sizeof num, "<span class=\"ln\" data-line=\"%zu\"></span>", line);
    zsmp_json_raw(w, num);
}

/* The input, decoded as the pipeline decodes it, with the marks in place. */
static zsm_status paint_text(zsmp_json *w, const zsm_doc *doc, const char *input, size_t len)
{
    zsmp_strlist warnings = {0};
    zsmp_decoded d;
    zsm_status st = zsmp_decode(input, len, &d, &warnings);
    zsmp_strlist_free(&warnings);
    if (st)
        return st;
    size_t n = zsm_doc_metric_count(doc);
    size_t *idx = malloc((n + 1) * sizeof *idx), *open = malloc((n + 1) * sizeof *open);
    unsigned char *cont = calloc(n + 1, 1);
    if (!idx || !open || !cont) {
        free(idx);
        free(open);
        free(cont);
        zsmp_decoded_free(&d);
        return ZSM_ERR_NOMEM;
    }
    order_marks(doc, idx, n);
    painter pt = {w, doc, open, cont, 0};
    size_t next = 0, line = 1;
    put_line_number(w, line);
    size_t end = zsmp_dec_end(&d), after;
    for (size_t i = 0, k; i <= end; i = k) {
        size_t pos = zsmp_dec_off(&d, i);
        close_marks(&pt, pos);
        if (i == end)
            break;
        uint32_t cp = zsmp_dec_cp(&d, i, &k);
        while (next < n && zsm_doc_metric(doc, idx[next])->start < pos)
            next++; /* a span that starts inside a character: not painted */
        while (next < n && zsm_doc_metric(doc, idx[next])->start == pos) {
            const zsm_metric *m = zsm_doc_metric(doc, idx[next]);
            if (m->end > pos) {
                open_mark(w, doc, m);
                cont[pt.depth] = 0;
                open[pt.depth++] = idx[next];
            }
            next++;
        }
        if (cp == '\r' && k < end && zsmp_dec_cp(&d, k, &after) == '\n')
            continue; /* CRLF: the LF ends the line */
        if (cp == '\r' || cp == '\n') {
            zsmp_json_raw(w, "\n");
            put_line_number(w, ++line);
            continue;
        }
        char buf[4];
        put_escaped(w, buf, zsmp_utf8_put(cp, buf));
    }
    free(idx);
    free(open);
    free(cont);
    zsmp_decoded_free(&d);
    return ZSM_OK;
}

char *zsm_doc_html_report(const zsm_doc *doc, const char *input, size_t len, size_t index)
{
    zsmp_json w;
    zsmp_json_init(&w, 0);
    char num[64];
    snprintf(num, sizeof num, "<section class=\"report\" id=\"r%zu\"", index);
    zsmp_json_raw(&w, num);
    put_attr(&w, "data-source", zsm_doc_source(doc));
    zsmp_json_raw(&w, ">\n<h2>");
    put_text(&w, zsm_doc_title(doc) ? zsm_doc_title(doc) : zsm_doc_source(doc));
    zsmp_json_raw(&w, "</h2>\n<p class=\"meta\">");
    put_text(&w, zsm_doc_source(doc));
    zsmp_json_raw(&w, " · ");
    put_text(&w, zsm_doc_encoding(doc));
    const zsm_report *rep = zsm_doc_report(doc);
    if (rep->region) {
        zsmp_json_raw(&w, " · ");
        put_text(&w, rep->region);
    }
    if (rep->period_text) {
        zsmp_json_raw(&w, " · ");
        put_text(&w, rep->period_text);
    }
    snprintf(num, sizeof num, " · %zu metrics", zsm_doc_metric_count(doc));
    zsmp_json_raw(&w, num);
    zsmp_json_raw(&w, "</p>\n");
    if (failed_checks(doc)) {
        zsmp_json_raw(&w, "<ul class=\"checks\">");
        for (size_t i = 0; i < zsm_doc_check_count(doc); i++) {
            const zsm_check *c = zsm_doc_check(doc, i);
            if (c->ok)
                continue;
            zsmp_json_raw(&w, "<li>failed check: ");
            put_text(&w, c->message ? c->message : c->check);
            zsmp_json_raw(&w, "</li>");
        }
        zsmp_json_raw(&w, "</ul>\n");
    }
    if (zsm_doc_warning_count(doc)) {
        zsmp_json_raw(&w, "<ul class=\"warnings\">");
        for (size_t i = 0; i < zsm_doc_warning_count(doc); i++) {
            zsmp_json_raw(&w, "<li>");
            put_text(&w, zsm_doc_warning(doc, i));
            zsmp_json_raw(&w, "</li>");
        }
        zsmp_json_raw(&w, "</ul>\n");
    }
    zsmp_json_raw(&w, "<pre class=\"text\">");
    zsm_status st = paint_text(&w, doc, input ? input : "", input ? len : 0);
    zsmp_json_raw(&w, "</pre>\n</section>\n");
    char *html = zsmp_json_take(&w);
    if (st) {
        free(html);
        return NULL;
    }
    return html;
}
