/* output.c - one record in the chosen format: a JSON line (or an indented
 * record with --pretty), CSV/TSV rows with the header written once, or with
 * --summary one row (one JSON object) per document; for --format html the
 * page's head (rows and reports are rendered where the input is at hand, in
 * main.c).  The strings are the library's, freed with zsm_free(). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static unsigned tsv_flag(const options *opt)
{
    return opt->format == FORMAT_TSV ? ZSM_TSV : 0;
}

char *render_record(const options *opt, const zsm_doc *doc, char **buf, size_t *cap)
{
    unsigned pretty = opt->pretty ? ZSM_PRETTY : 0;
    if (opt->summary)
        return opt->format == FORMAT_JSONL ? zsm_doc_summary_json(doc, pretty)
                                           : zsm_doc_summary_csv(doc, tsv_flag(opt));
    if (opt->format == FORMAT_JSONL)
        return zsm_doc_to_json_into(doc, ZSM_NEWLINE | pretty, buf, cap) == (size_t)-1 ? NULL
                                                                                       : *buf;
    return zsm_doc_to_csv(doc, tsv_flag(opt));
}

char *render_header(const options *opt)
{
    if (opt->format == FORMAT_JSONL)
        return NULL;
    if (opt->format == FORMAT_HTML)
        return strdup(zsm_html_head());
    if (opt->summary)
        return zsm_doc_summary_csv(NULL, ZSM_HEADER | tsv_flag(opt));
    return zsm_doc_to_csv(NULL, ZSM_HEADER | tsv_flag(opt));
}
