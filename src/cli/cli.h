/* cli.h - the zsmetrics command line: options, inputs, output, messages.
 * The library (zsmetrics.h) never prints or exits; this layer does both. */
#ifndef ZSM_CLI_H
#define ZSM_CLI_H

#include "zsmetrics.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Exit statuses, as grep and ripgrep use them.  A run stopped by a signal
 * exits as that signal (128 + its number in the shell). */
enum { EXIT_FOUND = 0, EXIT_NONE = 1, EXIT_ERROR = 2 };

/* Folders are searched for these names (matched in any case). */
#define DEFAULT_GLOB "*.txt"

/* --max-bytes: the default, and the ceiling (a document is held in memory
 * with its offset maps: about 20 bytes per input byte). */
#define MAX_BYTES_DEFAULT (32u << 20)
#define MAX_BYTES_CEILING (256u << 20)

/* A path in a --files-from list is at most this long. */
enum { LIST_PATH_MAX = 65536 };

typedef enum { FORMAT_JSONL, FORMAT_CSV, FORMAT_TSV, FORMAT_HTML } output_format;
typedef enum { INPUT_TEXT, INPUT_JSONL } input_mode;

typedef struct options {
    const char *rules_file; /* --rules: replaces the defaults */
    const char **rules_add; /* --rules-add, in order */
    size_t rules_add_count;
    int list_rules;
    int pretty;
    int summary; /* --summary: one row per document */
    output_format format;
    const char *output;     /* -o FILE, NULL for stdout */
    int jobs;               /* -j N */
    const char *glob;       /* --glob PATTERN for folders */
    const char *files_from; /* --files-from FILE ("-" for stdin) */
    int null_separated;     /* -0 */
    input_mode input;
    unsigned kind_mask, modality_mask;
    int quiet;
    size_t max_bytes;   /* larger documents are truncated, with a warning */
    const char **paths; /* operands */
    size_t path_count;
    /* The output file (-o) as opened: never read as an input. */
    int output_known;
    dev_t output_dev;
    ino_t output_ino;
} options;

/* The longest JSON Lines record read: a document of --max-bytes with every
 * character escaped (\uXXXX is 6 bytes for 3 of UTF-8), and some room. */
static inline size_t jsonl_line_max(const options *opt)
{
    return opt->max_bytes * 2 + (1u << 20);
}

/* Parses argv; returns -1 to continue, else an exit status (after --help,
 * --version or a usage error, which it has reported). */
int options_parse(int argc, char **argv, options *opt);
void options_free(options *opt);
void usage(FILE *out);

/* messages.c: one line each, prefixed "zsmetrics: ". */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void helpf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* input.c: the documents of a run, in input order. */
typedef struct input_doc {
    char *source; /* the name in the record */
    char *text;   /* the document (malloc'd), or NULL when it is read from `source` */
    size_t len;
    char warning[160]; /* a warning for the record about how it was read, "" if none */
} input_doc;

typedef struct input_list input_list;

/* Starts enumerating the inputs named by opt (paths, folders, --files-from,
 * stdin).  Errors met on the way are reported and counted in *errors. */
input_list *input_open(const options *opt);

/* The next document; 0 at the end.  *doc is owned by the caller. */
int input_next(input_list *in, input_doc *doc, size_t *errors);
void input_close(input_list *in);
size_t input_total_hint(const input_list *in); /* documents known so far */

/* Reads a whole file (or FIFO) up to max bytes; sets *truncated.  Returns
 * NULL with errno set on failure. */
char *read_whole(const char *path, size_t max, size_t *len, int *truncated);

/* output.c: renders one record in the chosen format (malloc'd). */
/* A record as opt says: a new string, or (JSON records) written into *buf,
 * grown as needed (*cap its size), and *buf returned; NULL when out of
 * memory. */
char *render_record(const options *opt, const zsm_doc *doc, char **buf, size_t *cap);
char *render_header(const options *opt); /* CSV/TSV header, or NULL */

#endif
