/* test_rules.c - runs the examples written beside each rule in a rules file.
 *
 *   test_rules rules/default.json [ADDED.json...]
 *
 * With added files, the first file is the base set, the others are added to
 * it (as --rules-add does) and only the added files' rules are tested.
 * Every rule's "examples" are sentences it must match: the metric of the
 * rule's kind found in the sentence must carry the expected value (and
 * unit, currency, category, modality, approx, value_max, label when the
 * example gives them), produced by that very rule.  Every
 * "counter_examples" sentence is a near miss: no metric of the rule's kind
 * may come out of it, from any rule.  Ends with "N passed, N failed".
 */
#include "zsmetrics.h"

#include "unit.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An example's "approx" is a name, or "exact" for an exact figure. */
static const char *approx_name(zsm_approx a)
{
    return a == ZSM_EXACT ? "exact" : zsm_approx_name(a);
}

static int same_number(double a, double b)
{
    return a == b || fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

static void fail(const char *rule, const char *text, const char *what)
{
    printf("FAIL %s: «%s»: %s\n", rule, text, what);
    failed++;
}

/* Compares one optional string field of an example with the metric. */
static int check_string(const cJSON *ex, const char *key, const char *got, char *why, size_t n)
{
    const cJSON *want = cJSON_GetObjectItemCaseSensitive(ex, key);
    if (!cJSON_IsString(want))
        return 1;
    if (got && strcmp(want->valuestring, got) == 0)
        return 1;
    snprintf(why, n, "%s: expected %s, got %s", key, want->valuestring, got ? got : "null");
    return 0;
}

static int check_metric(const cJSON *ex, const zsm_metric *m, char *why, size_t n)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(ex, "value");
    if (cJSON_IsNull(value) && m->has_value) {
        snprintf(why, n, "value: expected null, got %.17g", m->value);
        return 0;
    }
    if (cJSON_IsNumber(value) && (!m->has_value || !same_number(m->value, value->valuedouble))) {
        snprintf(why, n, "value: expected %.17g, got %s%.17g", value->valuedouble,
                 m->has_value ? "" : "null ", m->value);
        return 0;
    }
    const cJSON *vmax = cJSON_GetObjectItemCaseSensitive(ex, "value_max");
    if (cJSON_IsNumber(vmax) &&
        (m->approx != ZSM_RANGE || !same_number(m->value_max, vmax->valuedouble))) {
        snprintf(why, n, "value_max: expected %.17g", vmax->valuedouble);
        return 0;
    }
    return check_string(ex, "unit", m->unit, why, n) &&
           check_string(ex, "currency", m->currency, why, n) &&
           check_string(ex, "category", m->category, why, n) &&
           check_string(ex, "label", m->label, why, n) &&
           check_string(ex, "modality", zsm_modality_name(m->modality), why, n) &&
           check_string(ex, "approx", approx_name(m->approx), why, n);
}

static void run_example(const zsm_rules *rules, const char *id, zsm_metric_kind kind,
                        const cJSON *ex)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(ex, "text");
    if (!cJSON_IsString(text)) {
        fail(id, "?", "example without text");
        return;
    }
    zsm_doc *doc = NULL;
    if (zsm_extract(rules, text->valuestring, strlen(text->valuestring), "example", &doc)) {
        fail(id, text->valuestring, "zsm_extract failed");
        return;
    }
    char why[512] = "no metric of this kind";
    int ok = 0;
    for (size_t i = 0; !ok && i < zsm_doc_metric_count(doc); i++) {
        const zsm_metric *m = zsm_doc_metric(doc, i);
        if (m->kind != kind)
            continue;
        if (strcmp(m->rule, id) != 0) {
            snprintf(why, sizeof why, "found by rule %s instead", m->rule);
            continue;
        }
        ok = check_metric(ex, m, why, sizeof why);
    }
    if (ok)
        passed++;
    else
        fail(id, text->valuestring, why);
    zsm_doc_free(doc);
}

static void run_counter_example(const zsm_rules *rules, const char *id, zsm_metric_kind kind,
                                const char *text)
{
    zsm_doc *doc = NULL;
    if (zsm_extract(rules, text, strlen(text), "counter-example", &doc)) {
        fail(id, text, "zsm_extract failed");
        return;
    }
    for (size_t i = 0; i < zsm_doc_metric_count(doc); i++) {
        const zsm_metric *m = zsm_doc_metric(doc, i);
        if (m->kind == kind) {
            char why[256];
            snprintf(why, sizeof why, "near miss matched as %s by %s", zsm_metric_name(kind),
                     m->rule);
            fail(id, text, why);
            zsm_doc_free(doc);
            return;
        }
    }
    passed++;
    zsm_doc_free(doc);
}

static int kind_of(const char *name)
{
    return zsm_metric_parse(name);
}

/* Runs the examples of every rule in one rules document. */
static int test_file(const zsm_rules *rules, const cJSON *root)
{
    const cJSON *rule;
    int rules_without_examples = 0;
    cJSON_ArrayForEach (rule, cJSON_GetObjectItemCaseSensitive(root, "rules")) {
        const char *id = cJSON_GetObjectItemCaseSensitive(rule, "id")->valuestring;
        int kind = kind_of(cJSON_GetObjectItemCaseSensitive(rule, "metric")->valuestring);
        const cJSON *examples = cJSON_GetObjectItemCaseSensitive(rule, "examples");
        const cJSON *ex;
        rules_without_examples += cJSON_GetArraySize(examples) == 0;
        cJSON_ArrayForEach (ex, examples)
            run_example(rules, id, (zsm_metric_kind)kind, ex);
        cJSON_ArrayForEach (ex, cJSON_GetObjectItemCaseSensitive(rule, "counter_examples"))
            run_counter_example(rules, id, (zsm_metric_kind)kind, ex->valuestring);
    }
    return rules_without_examples;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_rules RULES.json [ADDED.json...]\n");
        return 2;
    }
    zsm_error err;
    zsm_rules *rules = zsm_rules_load(argv[1], &err);
    for (int i = 2; rules && i < argc; i++) {
        if (zsm_rules_add_file(rules, argv[i], &err) != ZSM_OK) {
            zsm_rules_free(rules);
            rules = NULL;
        }
    }
    if (!rules) {
        fprintf(stderr, "test_rules: %s: rule %s: %s\n", err.file, err.rule, err.message);
        return 2;
    }
    int without = 0;
    for (int i = argc > 2 ? 2 : 1; i < argc; i++) {
        size_t len;
        char *json = read_file(argv[i], &len);
        cJSON *root = json ? cJSON_Parse(json) : NULL;
        if (!root) {
            fprintf(stderr, "test_rules: %s: cannot read\n", argv[i]);
            return 2;
        }
        without += test_file(rules, root);
        cJSON_Delete(root);
        free(json);
    }
    if (without) {
        printf("FAIL %d rules have no examples\n", without);
        failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    zsm_rules_free(rules);
    return failed ? 1 : 0;
}
