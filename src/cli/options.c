/* options.c - command-line options of zsmetrics (getopt_long). */

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void usage(FILE *out)
{
    fputs("Usage: zsmetrics [OPTION]... [FILE|FOLDER|-]...\n"
          "Extract signed-project counts, money amounts (in 亿) and completion rates\n"
          "from Chinese investment-promotion reports, as JSON Lines (schema zsmetrics/1).\n"
          "With no FILE, or when FILE is -, read standard input.  Folders are walked\n"
          "recursively for *.txt files, in any case (hidden files skipped).  Standard\n"
          "input is read once: '-' may be named once.\n"
          "\n"
          "Input:\n"
          "      --glob PATTERN      file names to take from folders (default *.txt)\n"
          "      --files-from FILE   read the paths to process from FILE (- for stdin),\n"
          "                          one a line\n"
          "  -0, --null              --files-from paths are NUL-separated (find -print0)\n"
          "      --input jsonl       each input line is {\"id\": …, \"text\": …}; id becomes\n"
          "                          the record's source\n"
          "      --max-bytes N       read at most N bytes of a document (default 32M, at\n"
          "                          most 256M; suffixes K, M, G); a longer one is\n"
          "                          truncated, with a warning in its record\n"
          "\n"
          "Output:\n"
          "  -o, --output FILE       write to FILE instead of standard output\n"
          "      --format FMT        jsonl (default), csv or tsv (one row a metric), or html\n"
          "                          (one review page for the batch: a summary table and\n"
          "                          each report's text with its figures marked)\n"
          "      --pretty            indented JSON records (JSON output only)\n"
          "      --summary           one row per document instead of one per metric:\n"
          "                          region, period, headline figures, failed checks\n"
          "                          (also for documents with no metric)\n"
          "      --metric LIST       keep only these metrics, comma-separated:\n"
          "                          signed_projects,amount,completion_rate,\n"
          "                          project_count,rate\n"
          "      --modality LIST     keep only these modalities: actual,target,forecast\n"
          "\n"
          "Rules:\n"
          "      --rules FILE        use the rules in FILE instead of the built-in ones\n"
          "      --rules-add FILE    add the rules in FILE to the active ones (repeatable)\n"
          "      --list-rules        print the active rules as JSON and exit\n"
          "\n"
          "Running:\n"
          "  -j, --jobs N            worker threads (default: the number of cores);\n"
          "                          output stays in input order\n"
          "  -q, --quiet             no progress display on a terminal\n"
          "  -h, --help              print this help and exit\n"
          "  -V, --version           print the version and exit\n"
          "\n"
          "Exit status: 0 if some metric was found, 1 if none was, 2 if an error\n"
          "occurred (an unreadable input, bad rules, bad arguments, a write failure).\n"
          "The other documents of a batch are processed and written all the same.\n"
          "On SIGINT or SIGTERM the record being written is finished, the others are\n"
          "dropped, and zsmetrics ends by that signal.\n",
          out);
}

enum {
    OPT_GLOB = 256,
    OPT_FILES_FROM,
    OPT_INPUT,
    OPT_MAX_BYTES,
    OPT_FORMAT,
    OPT_PRETTY,
    OPT_SUMMARY,
    OPT_METRIC,
    OPT_MODALITY,
    OPT_RULES,
    OPT_RULES_ADD,
    OPT_LIST_RULES
};

static const struct option long_options[] = {
    {"glob", required_argument, NULL, OPT_GLOB},
    {"files-from", required_argument, NULL, OPT_FILES_FROM},
    {"null", no_argument, NULL, '0'},
    {"input", required_argument, NULL, OPT_INPUT},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"pretty", no_argument, NULL, OPT_PRETTY},
    {"summary", no_argument, NULL, OPT_SUMMARY},
    {"metric", required_argument, NULL, OPT_METRIC},
    {"modality", required_argument, NULL, OPT_MODALITY},
    {"rules", required_argument, NULL, OPT_RULES},
    {"rules-add", required_argument, NULL, OPT_RULES_ADD},
    {"list-rules", no_argument, NULL, OPT_LIST_RULES},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* Parses a comma-separated list of names (spaces around them allowed)
 * into a bit mask of their enum values, as `parse` gives them.  On an
 * unknown or empty item reports it, naming it and the known names (from
 * `name` over 0..count-1), and returns 0. */
static unsigned parse_list(const char *option, const char *arg, int (*parse)(const char *),
                           const char *(*name)(int), int count)
{
    unsigned mask = 0;
    for (const char *p = arg;;) {
        size_t len = strcspn(p, ",");
        const char *a = p, *b = p + len;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        char item[64];
        snprintf(item, sizeof item, "%.*s", (int)(b - a), a);
        int v = (size_t)(b - a) < sizeof item ? parse(item) : -1;
        if (v < 0) {
            char known[256] = "";
            for (int i = 0; i < count; i++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "",
                         name(i));
            helpf("%s: unknown name '%.*s' (known: %s)", option, (int)(b - a), a, known);
            return 0;
        }
        mask |= 1u << v;
        if (!p[len])
            return mask;
        p += len + 1;
    }
}

static const char *metric_name(int i)
{
    return zsm_metric_name((zsm_metric_kind)i);
}

static const char *modality_name(int i)
{
    return zsm_modality_name((zsm_modality)i);
}

static int parse_size(const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || end == arg)
        return -1;
    unsigned long long mult = 1;
    if (*end == 'K' || *end == 'k')
        mult = 1ull << 10;
    else if (*end == 'M' || *end == 'm')
        mult = 1ull << 20;
    else if (*end == 'G' || *end == 'g')
        mult = 1ull << 30;
    else if (*end)
        return -1;
    if (*end && end[1])
        return -1;
    if (v == 0 || v > MAX_BYTES_CEILING / mult)
        return -1;
    *out = (size_t)(v * mult);
    return 0;
}

static int parse_jobs(const char *arg, int *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || end == arg || v < 1 || v > 256)
        return -1;
    *out = (int)v;
    return 0;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static int add_rules_file(options *opt, const char *path)
{
    const char **p = realloc(opt->rules_add, (opt->rules_add_count + 1) * sizeof *p);
    if (!p)
        return -1;
    opt->rules_add = p;
    opt->rules_add[opt->rules_add_count++] = path;
    return 0;
}

/* Handles one option; returns -1 to go on, else an exit status. */
static int take_option(int c, const char *arg, options *opt)
{
    switch (c) {
    case OPT_GLOB: opt->glob = arg; return -1;
    case OPT_FILES_FROM: opt->files_from = arg; return -1;
    case '0': opt->null_separated = 1; return -1;
    case 'o': opt->output = arg; return -1;
    case OPT_PRETTY: opt->pretty = 1; return -1;
    case OPT_SUMMARY: opt->summary = 1; return -1;
    case OPT_RULES: opt->rules_file = arg; return -1;
    case OPT_LIST_RULES: opt->list_rules = 1; return -1;
    case 'q': opt->quiet = 1; return -1;
    case 'h': usage(stdout); return EXIT_FOUND;
    case 'V':
        printf("zsmetrics %s (Unicode %s)\n", zsm_version(), zsm_unicode_version());
        return EXIT_FOUND;
    case OPT_RULES_ADD:
        if (add_rules_file(opt, arg) == 0)
            return -1;
        errorf("out of memory");
        return EXIT_ERROR;
    case OPT_INPUT:
        if (strcmp(arg, "jsonl") == 0 || strcmp(arg, "text") == 0) {
            opt->input = arg[0] == 'j' ? INPUT_JSONL : INPUT_TEXT;
            return -1;
        }
        helpf("--input: unknown mode '%s' (text or jsonl)", arg);
        return EXIT_ERROR;
    case OPT_FORMAT:
        if (strcmp(arg, "jsonl") == 0 || strcmp(arg, "json") == 0)
            opt->format = FORMAT_JSONL;
        else if (strcmp(arg, "csv") == 0)
            opt->format = FORMAT_CSV;
        else if (strcmp(arg, "tsv") == 0)
            opt->format = FORMAT_TSV;
        else if (strcmp(arg, "html") == 0)
            opt->format = FORMAT_HTML;
        else {
            helpf("--format: unknown format '%s' (jsonl, csv, tsv or html)", arg);
            return EXIT_ERROR;
        }
        return -1;
    case OPT_METRIC:
        opt->kind_mask = parse_list("--metric", arg, zsm_metric_parse, metric_name, ZSM_RATE + 1);
        return opt->kind_mask ? -1 : EXIT_ERROR;
    case OPT_MODALITY:
        opt->modality_mask =
            parse_list("--modality", arg, zsm_modality_parse, modality_name, ZSM_FORECAST + 1);
        return opt->modality_mask ? -1 : EXIT_ERROR;
    case OPT_MAX_BYTES:
        if (parse_size(arg, &opt->max_bytes) == 0)
            return -1;
        helpf("--max-bytes: not a size from 1 to %uM: '%s'", MAX_BYTES_CEILING >> 20, arg);
        return EXIT_ERROR;
    case 'j':
        if (parse_jobs(arg, &opt->jobs) == 0)
            return -1;
        helpf("-j: not a number of jobs from 1 to 256: '%s'", arg);
        return EXIT_ERROR;
    default: helpf("unknown or incomplete option"); return EXIT_ERROR;
    }
}

int options_parse(int argc, char **argv, options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->jobs = default_jobs();
    opt->kind_mask = ~0u;
    opt->modality_mask = ~0u;
    opt->max_bytes = MAX_BYTES_DEFAULT;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "0o:j:qhV", long_options, NULL)) != -1) {
        if (c == '?') {
            helpf("unknown option or missing argument: '%s'", argv[optind - 1]);
            return EXIT_ERROR;
        }
        int status = take_option(c, optarg, opt);
        if (status >= 0)
            return status;
    }
    opt->paths = (const char **)(argv + optind);
    opt->path_count = (size_t)(argc - optind);
    if (opt->null_separated && !opt->files_from) {
        helpf("-0 only applies to --files-from");
        return EXIT_ERROR;
    }
    static const char *const format_names[] = {"jsonl", "csv", "tsv", "html"};
    if (opt->pretty && opt->format != FORMAT_JSONL) {
        helpf("--pretty only applies to JSON output, not --format %s", format_names[opt->format]);
        return EXIT_ERROR;
    }
    if (opt->summary && opt->format == FORMAT_HTML) {
        helpf("--summary does not apply to --format html: the page opens with the summary");
        return EXIT_ERROR;
    }
    /* Standard input is read once, by one reader: a second "-" (or "-"
     * with --files-from -) would split it between records by chance. */
    size_t stdin_uses = opt->files_from && strcmp(opt->files_from, "-") == 0;
    for (size_t i = 0; i < opt->path_count; i++)
        stdin_uses += strcmp(opt->paths[i], "-") == 0;
    if (stdin_uses > 1) {
        helpf("standard input ('-') is named more than once: it can be read only once");
        return EXIT_ERROR;
    }
    return -1;
}

void options_free(options *opt)
{
    free(opt->rules_add);
}
