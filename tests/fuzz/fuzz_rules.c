/* fuzz_rules.c - libFuzzer harness for zsm_rules_parse() and zsm_rules_add().
 *
 * The input is a rules file.  Any bytes must give either a rule set or an
 * error record (a status, a NUL-terminated message) - never a crash.  A
 * file that is complete but for the lexicon (most are: a replacing file
 * must give every lexicon entry) is added to the built-in rules instead,
 * as --rules-add does.  A rule set that loads is listed (zsm_rules_to_json)
 * and run over a short fixed report sentence, whose record must keep the
 * invariants of fuzz_doc.h: a fuzzed pattern may match anything, anywhere.
 */
#include "fuzz_doc.h"

static const char sentence[] =
    "青岚县2023年共签约招商项目56个，总投资218.6亿元，其中合同金额186.3亿元，"
    "完成年度任务的103.5%；到位资金約四亿五千万元，XX个项目在谈。\r\n第二行：簽約項目12個。";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_error(const zsm_error *err)
{
    FUZZ_CHECK(err->status != ZSM_OK, "zsm_rules_parse failed with status ZSM_OK");
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL,
               "the error message is not NUL-terminated");
    FUZZ_CHECK(err->message[0] != '\0', "the error (status %d) has no message", (int)err->status);
    FUZZ_CHECK(memchr(err->file, '\0', sizeof err->file) != NULL &&
                   memchr(err->rule, '\0', sizeof err->rule) != NULL,
               "the error's file or rule is not NUL-terminated");
    FUZZ_CHECK(zsm_strerror(err->status) != NULL, "zsm_strerror(%d) is NULL", (int)err->status);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zsm_error err;
    memset(&err, 0, sizeof err);
    zsm_rules *rules = zsm_rules_parse((const char *)data, size, "fuzz.json", &err);
    if (!rules) {
        check_error(&err);
        if (err.status != ZSM_ERR_RULES_SCHEMA || !strstr(err.message, "is missing"))
            return 0;
        rules = zsm_rules_default(&err);
        FUZZ_CHECK(rules != NULL, "the built-in rules do not load: %s", err.message);
        if (zsm_rules_add(rules, (const char *)data, size, "fuzz.json", &err) != ZSM_OK) {
            check_error(&err);
            zsm_rules_free(rules);
            return 0;
        }
    }
    char *list = zsm_rules_to_json(rules);
    FUZZ_CHECK(list != NULL, "zsm_rules_to_json returned NULL");
    FUZZ_CHECK(fuzz_utf8_valid(list, strlen(list)) || !fuzz_utf8_valid((const char *)data, size),
               "the rule list is not UTF-8 although the rules file is");
    cJSON *parsed = cJSON_Parse(list);
    FUZZ_CHECK(cJSON_IsArray(parsed) &&
                   (size_t)cJSON_GetArraySize(parsed) == zsm_rules_count(rules),
               "zsm_rules_to_json does not list the %zu rules", zsm_rules_count(rules));
    cJSON_Delete(parsed);
    zsm_free(list);

    zsm_doc *doc = NULL;
    size_t n = sizeof sentence - 1;
    zsm_status st = zsm_extract(rules, sentence, n, "sentence.txt", &doc);
    FUZZ_CHECK(st == ZSM_OK || st == ZSM_ERR_NOMEM, "zsm_extract: status %d (%s)", (int)st,
               zsm_strerror(st));
    if (doc)
        fuzz_check_doc(doc, (const uint8_t *)sentence, n);
    zsm_doc_free(doc);
    zsm_rules_free(rules);
    return 0;
}
