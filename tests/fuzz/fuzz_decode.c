/* fuzz_decode.c - libFuzzer harness for decoding and normalization.
 *
 * A rule set with no rules makes zsm_extract() run decode (UTF-8 / GB18030
 * detection, U+FFFD for bad bytes), the line index, normalize (NFKC,
 * Traditional to Simplified, soft line breaks) and tokenize, and nothing
 * after: the record must hold no metric, and still emit valid JSON.
 */
#include "fuzz_doc.h"

static zsm_rules *no_rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const char json[] = "{\"rules\":[]}";
    zsm_error err;
    memset(&err, 0, sizeof err);
    no_rules = zsm_rules_parse(json, sizeof json - 1, "(empty rules)", &err);
    if (!no_rules) {
        fprintf(stderr, "fuzz_decode: %s does not load: %s\n", json, err.message);
        abort();
    }
    if (zsm_rules_count(no_rules) != 0) {
        fprintf(stderr, "fuzz_decode: %s holds %zu rules\n", json, zsm_rules_count(no_rules));
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
