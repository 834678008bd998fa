/* output.c - one record in the chosen format: a JSON line (or an indented
 * record with --pretty), or CSV/TSV rows with the header written once. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

char *render_record(const options *opt, const zsm_doc *doc)
{
    if (opt->format == FORMAT_JSONL) {
        char *json = zsm_doc_to_json(doc, opt->pretty ? ZSM_PRETTY : 0);
        if (!json)
            return NULL;
        size_t n = strlen(json);
        char *line = realloc(json, n + 2);
        if (!line) {
            zsm_free(json);
            return NULL;
        }
        line[n] = '\n';
        line[n + 1] = '\0';
        return line;
    }
    return zsm_doc_to_csv(doc, opt->format == FORMAT_TSV ? ZSM_TSV : 0);
}

char *render_header(const options *opt)
{
    if (opt->format == FORMAT_JSONL)
        return NULL;
    zsm_doc *empty = NULL;
    return zsm_doc_to_csv(empty, ZSM_HEADER | (opt->format == FORMAT_TSV ? ZSM_TSV : 0));
}
