/* fuzz_doc.h - the invariants of a document record, checked by the
 * harnesses that call zsm_extract().
 *
 *   - every metric: start <= end <= input size, 1 <= line <= lines of the
 *     input, a rule id, and a value that is a number when it has one;
 *   - zsm_doc_to_json(): one line of valid UTF-8 that cJSON parses back to
 *     an object with as many metrics and warnings as the record holds;
 *   - zsm_doc_to_csv(): a header and one row a metric, 15 fields each, in
 *     CSV (RFC 4180, CRLF) and in TSV;
 *   - zsm_doc_filter() keeps a subset.
 */
#ifndef ZSM_FUZZ_DOC_H
#define ZSM_FUZZ_DOC_H

#include "fuzz_common.h"

#include <cJSON.h>
#include <math.h>

enum { FUZZ_CSV_FIELDS = 20 }; /* the columns of zsm_csv_header() */

/* The 1-based line of byte `off`, as zsmp_lines_index() counts them: CRLF,
 * LF and a lone CR each end a line, and a line starts after its end. */
static inline size_t fuzz_line_of(const uint8_t *data, size_t size, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < size; i++) {
        if (data[i] != '\n' && data[i] != '\r')
            continue;
        if (data[i] == '\r' && i + 1 < size && data[i + 1] == '\n')
            i++;
        if (i + 1 > off)
            break;
        line++;
    }
    return line;
}

static inline void fuzz_check_metrics(const zsm_doc *doc, const uint8_t *data, size_t size)
{
    size_t n = zsm_doc_metric_count(doc);
    size_t max_line = fuzz_max_line(data, size);
    for (size_t i = 0; i < n; i++) {
        const zsm_metric *m = zsm_doc_metric(doc, i);
        FUZZ_CHECK(m != NULL, "metric %zu of %zu is NULL", i, n);
        FUZZ_CHECK(m->start <= m->end && m->end <= size,
                   "metric %zu: span [%zu, %zu) outside the input of %zu bytes", i, m->start,
                   m->end, size);
        FUZZ_CHECK(m->line >= 1 && m->line <= max_line,
                   "metric %zu: line %zu, the input has at most %zu lines", i, m->line, max_line);
        FUZZ_CHECK(m->rule != NULL, "metric %zu has no rule id", i);
        FUZZ_CHECK(!m->has_value || !isnan(m->value), "metric %zu: value is NaN", i);
        /* `line` is the figure's line: inside the span's lines. */
        size_t first = fuzz_line_of(data, size, m->start);
        size_t last = fuzz_line_of(data, size, m->end > m->start ? m->end - 1 : m->start);
        FUZZ_CHECK(m->line >= first && m->line <= last,
                   "metric %zu: line %zu outside lines %zu..%zu of its span [%zu, %zu)", i, m->line,
                   first, last, m->start, m->end);
        /* `text` is the input as written: for UTF-8 input, the span's own
         * bytes when they are valid UTF-8 (with no NUL a C string drops). */
        const char *span = (const char *)data + m->start;
        size_t span_len = m->end - m->start;
        if (strcmp(zsm_doc_encoding(doc), "utf-8") == 0 && fuzz_utf8_valid(span, span_len) &&
            !memchr(span, '\0', span_len))
            FUZZ_CHECK(m->text && strlen(m->text) == span_len &&
                           memcmp(m->text, span, span_len) == 0,
                       "metric %zu: text \"%s\" is not the input's bytes [%zu, %zu)", i,
                       m->text ? m->text : "(null)", m->start, m->end);
    }
    FUZZ_CHECK(zsm_doc_metric(doc, n) == NULL, "zsm_doc_metric(doc, count) is not NULL");
    size_t w = zsm_doc_warning_count(doc);
    for (size_t i = 0; i < w; i++)
        FUZZ_CHECK(zsm_doc_warning(doc, i) != NULL, "warning %zu of %zu is NULL", i, w);
    const char *enc = zsm_doc_encoding(doc);
    FUZZ_CHECK(enc && (strcmp(enc, "utf-8") == 0 || strcmp(enc, "gb18030") == 0), "encoding is %s",
               enc ? enc : "NULL");
    const char *title = zsm_doc_title(doc);
    FUZZ_CHECK(!title || fuzz_utf8_valid(title, strlen(title)), "the title is not UTF-8");
}

static inline void fuzz_check_json(const zsm_doc *doc)
{
    char *json = zsm_doc_to_json(doc, 0);
    FUZZ_CHECK(json != NULL, "zsm_doc_to_json returned NULL");
    size_t len = strlen(json);
    FUZZ_CHECK(memchr(json, '\n', len) == NULL, "a JSON Lines record holds a newline");
    FUZZ_CHECK(fuzz_utf8_valid(json, len), "the JSON record is not valid UTF-8: %.200s", json);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len + 1, &end, 1); /* + its NUL */
    FUZZ_CHECK(root != NULL, "the JSON record does not parse near byte %ld: %.200s",
               end ? (long)(end - json) : -1L, json);
    FUZZ_CHECK(cJSON_IsObject(root), "the JSON record is not an object");
    const cJSON *metrics = cJSON_GetObjectItemCaseSensitive(root, "metrics");
    const cJSON *warnings = cJSON_GetObjectItemCaseSensitive(root, "warnings");
    FUZZ_CHECK(cJSON_IsArray(metrics) &&
                   (size_t)cJSON_GetArraySize(metrics) == zsm_doc_metric_count(doc),
               "\"metrics\" does not hold the record's %zu metrics", zsm_doc_metric_count(doc));
    FUZZ_CHECK(cJSON_IsArray(warnings) &&
                   (size_t)cJSON_GetArraySize(warnings) == zsm_doc_warning_count(doc),
               "\"warnings\" does not hold the record's %zu warnings", zsm_doc_warning_count(doc));
    cJSON_Delete(root);
    zsm_free(json);
}

/* Counts the rows of CSV (quoted fields may hold line ends) or TSV text,
 * checking that every row has FUZZ_CSV_FIELDS fields and ends in its
 * line end. */
static inline size_t fuzz_csv_rows(const char *s, int tsv)
{
    size_t rows = 0, seps = 0;
    int quoted = 0, at_row_start = 1;
    for (const char *p = s; *p; p++) {
        at_row_start = 0;
        if (!tsv && *p == '"') {
            quoted = !quoted;
        } else if (!quoted && *p == (tsv ? '\t' : ',')) {
            seps++;
        } else if (!quoted && (*p == '\n' || *p == '\r')) {
            if (!tsv) {
                FUZZ_CHECK(p[0] == '\r' && p[1] == '\n', "a CSV row does not end in CRLF");
                p++;
            }
            FUZZ_CHECK(seps == FUZZ_CSV_FIELDS - 1, "row %zu has %zu fields, not %d", rows,
                       seps + 1, FUZZ_CSV_FIELDS);
            rows++;
            seps = 0;
            at_row_start = 1;
        }
    }
    FUZZ_CHECK(!quoted, "a quoted CSV field is not closed");
    FUZZ_CHECK(at_row_start, "the last row has no line end");
    return rows;
}

static inline void fuzz_check_csv(const zsm_doc *doc)
{
    size_t n = zsm_doc_metric_count(doc);
    char *csv = zsm_doc_to_csv(doc, ZSM_HEADER);
    FUZZ_CHECK(csv != NULL, "zsm_doc_to_csv(ZSM_HEADER) returned NULL");
    FUZZ_CHECK(strncmp(csv, zsm_csv_header(), strlen(zsm_csv_header())) == 0,
               "the CSV text does not start with the header");
    size_t rows = fuzz_csv_rows(csv, 0);
    FUZZ_CHECK(rows == n + 1, "CSV: %zu rows for %zu metrics and a header", rows, n);
    zsm_free(csv);

    char *tsv = zsm_doc_to_csv(doc, ZSM_TSV);
    FUZZ_CHECK(tsv != NULL, "zsm_doc_to_csv(ZSM_TSV) returned NULL");
    rows = fuzz_csv_rows(tsv, 1);
    FUZZ_CHECK(rows == n, "TSV: %zu rows for %zu metrics", rows, n);
    zsm_free(tsv);
}

/* All the checks, then a filter by masks taken from the input. */
static inline void fuzz_check_doc(zsm_doc *doc, const uint8_t *data, size_t size)
{
    fuzz_check_metrics(doc, data, size);
    fuzz_check_json(doc);
    fuzz_check_csv(doc);
    size_t before = zsm_doc_metric_count(doc);
    unsigned kinds = size ? data[0] : 0x1Fu, modalities = size > 1 ? data[1] : 0x7u;
    zsm_doc_filter(doc, kinds, modalities);
    size_t after = zsm_doc_metric_count(doc);
    FUZZ_CHECK(after <= before, "zsm_doc_filter grew the record from %zu to %zu", before, after);
    for (size_t i = 0; i < after; i++) {
        const zsm_metric *m = zsm_doc_metric(doc, i);
        FUZZ_CHECK((kinds >> m->kind & 1u) && (modalities >> m->modality & 1u),
                   "zsm_doc_filter kept a metric outside its masks");
    }
}

#endif /* ZSM_FUZZ_DOC_H */
