/* fuzz_decode.c - libFuzzer harness for decoding and normalization.
 *
 * A rule set with no rules (the built-in one, its rules removed) makes
 * zsm_extract() run decode (UTF-8 / GB18030
 * detection, U+FFFD for bad bytes), the line index, normalize (NFKC,
 * Traditional to Simplified, soft line breaks) and tokenize, and nothing
 * after: the record must hold no metric, and still emit valid JSON.
 */
#include "fuzz_doc.h"

static zsm_rules *no_rules;

/* The built-in rules with their "rules" emptied: the currencies and the
 * lexicon stay (a replacing rules file must give them), no rule runs. */
extern const char *const zsmp_default_rules;
extern const size_t zsmp_default_rules_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    cJSON *root = cJSON_ParseWithLength(zsmp_default_rules, zsmp_default_rules_len);
    if (!root || !cJSON_ReplaceItemInObjectCaseSensitive(root, "rules", cJSON_CreateArray())) {
        fprintf(stderr, "fuzz_decode: the built-in rules do not parse\n");
        abort();
    }
    char *json = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    zsm_error err;
    memset(&err, 0, sizeof err);
    no_rules = json ? zsm_rules_parse(json, strlen(json), "(no rules)", &err) : NULL;
    cJSON_free(json);
    if (!no_rules) {
        fprintf(stderr, "fuzz_decode: the built-in rules without rules do not load: %s\n",
                err.message);
        abort();
    }
    if (zsm_rules_count(no_rules) != 0) {
        fprintf(stderr, "fuzz_decode: the empty rule set holds %zu rules\n",
                zsm_rules_count(no_rules));
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zsm_doc *doc = NULL;
    zsm_status st = zsm_extract(no_rules, (const char *)data, size, "fuzz.txt", &doc);
    if (st == ZSM_ERR_NOMEM || st == ZSM_ERR_TOO_LARGE) {
        FUZZ_CHECK(doc == NULL, "a failed zsm_extract left a record");
        return 0;
    }
    FUZZ_CHECK(st == ZSM_OK, "zsm_extract: status %d (%s)", (int)st, zsm_strerror(st));
    FUZZ_CHECK(doc != NULL, "zsm_extract returned ZSM_OK and no record");
    FUZZ_CHECK(zsm_doc_metric_count(doc) == 0, "%zu metrics from a rule set with no rules",
               zsm_doc_metric_count(doc));
    fuzz_check_metrics(doc, data, size);
    fuzz_check_json(doc);
    zsm_doc_free(doc);
    return 0;
}
