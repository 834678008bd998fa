/* fuzz_extract.c - libFuzzer harness: the whole pipeline with the default
 * rules over arbitrary bytes, then the JSON and CSV/TSV emitters.
 *
 * The input is one document as read from a file.  The invariants checked
 * are in fuzz_doc.h: spans inside the input, lines >= 1, a JSON record that
 * parses back, well-formed CSV.  Build: tests/fuzz/fuzz.cmake (ZSM_FUZZ=ON
 * with clang); run: scripts/fuzz.sh.
 */
#include "fuzz_doc.h"

static zsm_rules *rules; /* loaded once, read-only: as the CLI shares it */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    zsm_error err;
    memset(&err, 0, sizeof err);
    rules = zsm_rules_default(&err);
    if (!rules) {
        fprintf(stderr, "fuzz_extract: the default rules do not load: %s\n", err.message);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zsm_doc *doc = NULL;
    zsm_status st = zsm_extract(rules, (const char *)data, size, "fuzz.txt", &doc);
    if (st == ZSM_ERR_NOMEM || st == ZSM_ERR_TOO_LARGE) {
        FUZZ_CHECK(doc == NULL, "a failed zsm_extract left a record");
        return 0;
    }
    FUZZ_CHECK(st == ZSM_OK, "zsm_extract: status %d (%s)", (int)st, zsm_strerror(st));
    FUZZ_CHECK(doc != NULL, "zsm_extract returned ZSM_OK and no record");
    fuzz_check_doc(doc, data, size);
    zsm_doc_free(doc);
    return 0;
}
