/* test_writer.c - the streaming JSON writer against cJSON, the oracle.
 *
 *   test_writer FILE...   each file through zsm_extract(); its record as
 *                         JSON, compact and pretty, parsed back by cJSON,
 *                         must hold every field of the record as the
 *                         accessors give it (numbers bit for bit, strings
 *                         byte for byte, null where the record has none),
 *                         in the order of spec/OUTPUT.md, and nothing else.
 *                         Then records of made-up text with every byte
 *                         that JSON escapes.  Each record also written
 *                         into one buffer kept from record to record
 *                         (zsm_doc_to_json_into), byte for byte the same.
 *
 * Ends with "N passed, N failed".
 */
#include "zsmetrics.h"

#include "unit.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The members of obj in order are exactly keys[0, n). */
static void check_keys(const cJSON *obj, const char *const *keys, size_t n, const char *what)
{
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach (item, obj) {
        check(i < n && strcmp(item->string, keys[i]) == 0, "%s: member %zu is \"%s\", expected %s",
              what, i, item->string, i < n ? keys[i] : "none");
        i++;
    }
    check(i == n, "%s: %zu members, expected %zu", what, i, n);
}

static void check_string(const cJSON *obj, const char *key, const char *want, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!want) {
        check(cJSON_IsNull(v), "%s.%s: expected null", what, key);
        return;
    }
    check(cJSON_IsString(v) && strcmp(v->valuestring, want) == 0, "%s.%s: \"%s\", expected \"%s\"",
          what, key, cJSON_IsString(v) ? v->valuestring : "(not a string)", want);
}

static void check_number(const cJSON *obj, const char *key, double want, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    check(cJSON_IsNumber(v) && memcmp(&v->valuedouble, &want, sizeof want) == 0,
          "%s.%s: %.17g, expected %.17g", what, key, cJSON_IsNumber(v) ? v->valuedouble : -1.0,
          want);
}

/* A size_t field (ZSM_NONE: null). */
static void check_id(const cJSON *obj, const char *key, size_t want, const char *what)
{
    if (want == ZSM_NONE) {
        check(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(obj, key)), "%s.%s: expected null",
              what, key);
        return;
    }
    check_number(obj, key, (double)want, what);
}

static void check_bool(const cJSON *obj, const char *key, int want, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    check(cJSON_IsBool(v) && cJSON_IsTrue(v) == !!want, "%s.%s: expected %s", what, key,
          want ? "true" : "false");
}

static void check_metric(const cJSON *o, const zsm_metric *m, size_t i)
{
    char what[48];
    snprintf(what, sizeof what, "metrics[%zu]", i);
    const char *keys[24];
    size_t n = 0;
    keys[n++] = "metric";
    keys[n++] = "value";
    if (m->approx == ZSM_RANGE)
        keys[n++] = "value_max";
    static const char *const rest[] = {"unit",     "currency", "category", "approx", "placeholder",
                                       "modality", "label",    "text",     "line",   "start",
                                       "end",      "rule",     "id",       "part_of"};
    for (size_t k = 0; k < sizeof rest / sizeof rest[0]; k++)
        keys[n++] = rest[k];
    if (m->kind == ZSM_COMPLETION_RATE) {
        keys[n++] = "target";
        keys[n++] = "actual";
    }
    check_keys(o, keys, n, what);
    check_string(o, "metric", zsm_metric_name(m->kind), what);
    if (m->has_value)
        check_number(o, "value", m->value, what);
    else
        check(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "value")), "%s.value: not null",
              what);
    if (m->approx == ZSM_RANGE)
        check_number(o, "value_max", m->value_max, what);
    check_string(o, "unit", m->unit, what);
    check_string(o, "currency", m->currency, what);
    check_string(o, "category", m->category, what);
    check_string(o, "approx", zsm_approx_name(m->approx), what);
    check_bool(o, "placeholder", m->placeholder, what);
    check_string(o, "modality", zsm_modality_name(m->modality), what);
    check_string(o, "label", m->label, what);
    check_string(o, "text", m->text, what);
    check_number(o, "line", (double)m->line, what);
    check_number(o, "start", (double)m->start, what);
    check_number(o, "end", (double)m->end, what);
    check_string(o, "rule", m->rule, what);
    check_id(o, "id", m->id, what);
    check_id(o, "part_of", m->part_of, what);
    if (m->kind == ZSM_COMPLETION_RATE) {
        check_id(o, "target", m->target, what);
        check_id(o, "actual", m->actual, what);
    }
}

static void check_report(const cJSON *o, const zsm_report *r)
{
    static const char *const keys[] = {"region", "issuer", "period", "published", "template"};
    check_keys(o, keys, 5, "report");
    check_string(o, "region", r->region, "report");
    check_string(o, "issuer", r->issuer, "report");
    check_string(o, "published", r->published, "report");
    check_bool(o, "template", r->is_template, "report");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "period");
    if (!r->period_text) {
        check(cJSON_IsNull(p), "report.period: expected null");
        return;
    }
    check_string(p, "text", r->period_text, "report.period");
    check_string(p, "from", r->period_from, "report.period");
    check_string(p, "to", r->period_to, "report.period");
}

static void check_summary(const cJSON *o, const zsm_doc *doc)
{
    const char *keys[ZSM_KEY_COUNT];
    for (int k = 0; k < ZSM_KEY_COUNT; k++)
        keys[k] = zsm_key_name((zsm_key)k);
    check_keys(o, keys, ZSM_KEY_COUNT, "summary");
    for (int k = 0; k < ZSM_KEY_COUNT; k++) {
        const zsm_headline *h = zsm_doc_headline(doc, (zsm_key)k);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, keys[k]);
        if (h->id == ZSM_NONE) {
            check(cJSON_IsNull(v), "summary.%s: expected null", keys[k]);
            continue;
        }
        if (h->has_value)
            check_number(v, "value", h->value, keys[k]);
        else
            check(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(v, "value")),
                  "summary.%s.value: not null", keys[k]);
        if (h->currency)
            check_string(v, "currency", h->currency, keys[k]);
        check_id(v, "id", h->id, keys[k]);
        check_string(v, "modality", zsm_modality_name(h->modality), keys[k]);
    }
}

static void check_checks(const cJSON *arr, const zsm_doc *doc)
{
    check(cJSON_GetArraySize(arr) == (int)zsm_doc_check_count(doc), "checks: %d, expected %zu",
          cJSON_GetArraySize(arr), zsm_doc_check_count(doc));
    for (size_t i = 0; i < zsm_doc_check_count(doc); i++) {
        const zsm_check *c = zsm_doc_check(doc, i);
        const cJSON *o = cJSON_GetArrayItem(arr, (int)i);
        check_string(o, "check", c->check, "checks");
        check_bool(o, "ok", c->ok, "checks");
        const cJSON *ms = cJSON_GetObjectItemCaseSensitive(o, "metrics");
        check(cJSON_GetArraySize(ms) == (int)c->metric_count, "checks[%zu].metrics: count", i);
        for (size_t k = 0; k < c->metric_count; k++) {
            const cJSON *id = cJSON_GetArrayItem(ms, (int)k);
            check(cJSON_IsNumber(id) && id->valuedouble == (double)c->metrics[k],
                  "checks[%zu].metrics[%zu]", i, k);
        }
        if (strcmp(c->check, "completion") == 0) {
            check_number(o, "stated", c->stated, "checks");
            check_number(o, "computed", c->computed, "checks");
        } else {
            check_number(o, "total", c->total, "checks");
            check_number(o, "sum", c->sum, "checks");
            check_string(o, "unit", c->unit, "checks");
        }
        if (c->message)
            check_string(o, "message", c->message, "checks");
        else
            check(!cJSON_GetObjectItemCaseSensitive(o, "message"), "checks[%zu]: a message", i);
    }
}

/* The record's JSON (with `flags`) read back by cJSON holds the record. */
static void check_record(const zsm_doc *doc, unsigned flags)
{
    char *json = zsm_doc_to_json(doc, flags);
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    check(root != NULL, "cJSON cannot parse the record (flags %u)", flags);
    if (root) {
        static const char *const keys[] = {"schema",  "source", "encoding", "bytes",  "title",
                                           "metrics", "report", "summary",  "checks", "warnings"};
        check_keys(root, keys, sizeof keys / sizeof keys[0], "record");
        check_string(root, "schema", "zsmetrics/1", "record");
        check_string(root, "source", zsm_doc_source(doc), "record");
        check_string(root, "encoding", zsm_doc_encoding(doc), "record");
        check_string(root, "title", zsm_doc_title(doc), "record");
        const cJSON *metrics = cJSON_GetObjectItemCaseSensitive(root, "metrics");
        check(cJSON_GetArraySize(metrics) == (int)zsm_doc_metric_count(doc),
              "metrics: %d, expected %zu", cJSON_GetArraySize(metrics), zsm_doc_metric_count(doc));
        for (size_t i = 0; i < zsm_doc_metric_count(doc); i++)
            check_metric(cJSON_GetArrayItem(metrics, (int)i), zsm_doc_metric(doc, i), i);
        check_report(cJSON_GetObjectItemCaseSensitive(root, "report"), zsm_doc_report(doc));
        check_summary(cJSON_GetObjectItemCaseSensitive(root, "summary"), doc);
        check_checks(cJSON_GetObjectItemCaseSensitive(root, "checks"), doc);
        const cJSON *warnings = cJSON_GetObjectItemCaseSensitive(root, "warnings");
        check(cJSON_GetArraySize(warnings) == (int)zsm_doc_warning_count(doc), "warnings: count");
        for (size_t i = 0; i < zsm_doc_warning_count(doc); i++) {
            const cJSON *w = cJSON_GetArrayItem(warnings, (int)i);
            check(cJSON_IsString(w) && strcmp(w->valuestring, zsm_doc_warning(doc, i)) == 0,
                  "warnings[%zu]", i);
        }
    }
    cJSON_Delete(root);
    zsm_free(json);
}

/* One buffer kept from record to record, as a batch keeps it: begun as a
 * small one holding other text, grown by larger records, reused by smaller. */
static char *kept;
static size_t kept_cap;

/* zsm_doc_to_json_into() writes what zsm_doc_to_json() returns, byte for
 * byte, into the kept buffer, and returns its length. */
static void check_into(const zsm_doc *doc, unsigned flags)
{
    char *json = zsm_doc_to_json(doc, flags);
    size_t n = zsm_doc_to_json_into(doc, flags, &kept, &kept_cap);
    check(json && n != (size_t)-1 && n == strlen(json) && strlen(kept) == n && n < kept_cap &&
              memcmp(kept, json, n) == 0,
          "the record written into a kept buffer (%zu bytes of %zu) differs (flags %u)", n,
          kept_cap, flags);
    zsm_free(json);
}

static void check_text(const zsm_rules *rules, const char *text, size_t len, const char *source)
{
    zsm_doc *doc = NULL;
    check_where = source;
    if (zsm_extract(rules, text, len, source, &doc) != ZSM_OK) {
        check(0, "zsm_extract failed");
        return;
    }
    check_record(doc, 0);
    check_record(doc, ZSM_PRETTY | ZSM_NEWLINE);
    check_into(doc, ZSM_PRETTY | ZSM_NEWLINE);
    check_into(doc, ZSM_NEWLINE);
    zsm_doc_free(doc);
}

int main(int argc, char **argv)
{
    zsm_error err;
    zsm_rules *rules = zsm_rules_default(&err);
    if (!rules) {
        printf("no rules: %s\n", err.message);
        return 2;
    }
    kept_cap = 8;
    kept = malloc(kept_cap);
    if (!kept)
        return 2;
    memcpy(kept, "garbage", 8);
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        char *text = read_file(argv[i], &len);
        if (!text) {
            printf("cannot read %s\n", argv[i]);
            return 2;
        }
        check_text(rules, text, len, argv[i]);
        free(text);
    }
    /* Labels, texts, titles and sources with every byte JSON escapes. */
    static const char made_up[] =
        "\"引号\"\\反斜杠\t制表\b\f\x01\x1f项目报告\n"
        "全县\"签约\\项目\"12个,\t协议\x7f引资\x02 30亿元,完成年度任务的75%。\r\n";
    check_text(rules, made_up, sizeof made_up - 1, "a \"quoted\"\\name\t\x01.txt");
    zsm_free(kept);
    zsm_rules_free(rules);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
