/* output.c - one record in the chosen format: a JSON line (or an indented
 * record with --pretty), or CSV/TSV rows with the header written once.
 * The strings are the library's, freed with zsm_free(). */
#include "cli.h"

char *render_record(const options *opt, const zsm_doc *doc)
{
    if (opt->format == FORMAT_JSONL)
        return zsm_doc_to_json(doc, ZSM_NEWLINE | (opt->pretty ? ZSM_PRETTY : 0));
    return zsm_doc_to_csv(doc, opt->format == FORMAT_TSV ? ZSM_TSV : 0);
}

char *render_header(const options *opt)
{
    if (opt->format == FORMAT_JSONL)
        return NULL;
    zsm_doc *empty = NULL;
    return zsm_doc_to_csv(empty, ZSM_HEADER | (opt->format == FORMAT_TSV ? ZSM_TSV : 0));
}
