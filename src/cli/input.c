/* input.c - the documents of a run, in input order.
 *
 * Operands are files (any kind: a FIFO is read to its end), folders (walked
 * recursively in name order, hidden entries skipped, only names matching
 * --glob, symlinked folders followed once: a loop ends there) or "-" for
 * standard input (read once: options.c refuses a second "-").
 * --files-from streams paths from a list; --input jsonl streams
 * {"id", "text"} objects.  Files are named here and read by the workers, so
 * reading overlaps with extraction.  Every read error is an error (message,
 * exit status 2), never the end of the input.
 */

#include "cli.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

struct input_list {
    const options *opt;
    dir_id *visited; /* every folder walked so far: each is walked once */
    size_t visited_count, visited_cap;
    size_t operand; /* next operand to open */
    char **pending; /* files found in the current folder operand */
    size_t pending_count, pending_pos, pending_cap;
    FILE *list;    /* --files-from stream */
    int list_done; /* the list has been read to its end */
    size_t list_line;
    FILE *jsonl; /* current --input jsonl stream */
    char *jsonl_name;
    size_t jsonl_line;
    int stdin_used;
    size_t produced;
};

/* ------------------------------------------------------------ reading */

char *read_whole(const char *path, size_t max, size_t *len, int *truncated)
{
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int bad = fstat(fd, &st) != 0; /* st is not to be read then */
    if (bad || S_ISDIR(st.st_mode)) {
        int e = bad ? errno : EISDIR;
        if (fd != STDIN_FILENO)
            close(fd);
        errno = e;
        return NULL;
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 && (size_t)st.st_size < max
                     ? (size_t)st.st_size + 1
                     : 65536;
    char *buf = malloc(cap);
    size_t n = 0;
    *truncated = 0;
    while (buf) {
        if (n == cap) {
            size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *p = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!p) {
                if (ncap <= cap)
                    break; /* at the cap */
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = p;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            buf = NULL;
            errno = e;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            n = max;
            *truncated = 1;
            break;
        }
    }
    if (fd != STDIN_FILENO)
        close(fd);
    *len = n;
    return buf;
}

/* The next record of a stream up to separator `sep` (not included),
 * NUL-terminated; NULL at the end of the stream or on a read error (then
 * ferror(f)).  A record longer than `max` bytes is read to its end but not
 * kept: *too_long is set and an empty string returned, so memory stays
 * bounded whatever the input. */
static char *read_record(FILE *f, int sep, size_t max, size_t *len, int *too_long)
{
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int c, any = 0;
    *too_long = 0;
    flockfile(f);
    while ((c = getc_unlocked(f)) != EOF) {
        any = 1;
        if (c == sep)
            break;
        if (n >= max) {
            *too_long = 1;
            continue;
        }
        if (n + 1 >= cap) {
            size_t ncap = cap ? cap * 2 : 256;
            char *p = realloc(buf, ncap);
            if (!p) {
                *too_long = 1;
                continue;
            }
            buf = p;
            cap = ncap;
        }
        buf[n++] = (char)c;
    }
    funlockfile(f);
    if (!any || ferror(f)) {
        free(buf);
        return NULL;
    }
    if (*too_long)
        n = 0;
    if (!buf && !(buf = malloc(1)))
        return NULL;
    buf[n] = '\0';
    if (sep == '\n' && n > 0 && buf[n - 1] == '\r')
        buf[--n] = '\0';
    *len = n;
    return buf;
}

/* Reports a read error of a stream (a list, JSON Lines) once.  A read cut
 * by SIGINT or SIGTERM is no error: the batch is ending (main.c). */
static void stream_error(const char *name, size_t *errors)
{
    if (errno == EINTR)
        return;
    errorf("%s: read error: %s", name, strerror(errno ? errno : EIO));
    (*errors)++;
}

/* ---------------------------------------------------------- folder walk */

static int push_pending(input_list *in, char *path)
{
    if (in->pending_count == in->pending_cap) {
        size_t cap = in->pending_cap ? in->pending_cap * 2 : 64;
        char **p = realloc(in->pending, cap * sizeof *p);
        if (!p) {
            free(path);
            return -1;
        }
        in->pending = p;
        in->pending_cap = cap;
    }
    in->pending[in->pending_count++] = path;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* Sorted names of a folder's visible entries; NULL on error (reported). */
static char **list_dir(const char *dir, size_t *count, size_t *errors)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d) {
        errorf("%s: %s", dir, strerror(errno));
        (*errors)++;
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* hidden, and . and .. */
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    if (errno) {
        errorf("%s: %s", dir, strerror(errno));
        (*errors)++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names;
}

/* Marks a folder as walked; 0 if it already was (a symlink loop, or two
 * links to one folder), -1 when out of memory. */
static int first_visit(input_list *in, const struct stat *st)
{
    for (size_t i = 0; i < in->visited_count; i++)
        if (in->visited[i].dev == st->st_dev && in->visited[i].ino == st->st_ino)
            return 0;
    if (in->visited_count == in->visited_cap) {
        size_t cap = in->visited_cap ? in->visited_cap * 2 : 64;
        dir_id *p = realloc(in->visited, cap * sizeof *p);
        if (!p)
            return -1;
        in->visited = p;
        in->visited_cap = cap;
    }
    in->visited[in->visited_count].dev = st->st_dev;
    in->visited[in->visited_count].ino = st->st_ino;
    in->visited_count++;
    return 1;
}

/* Folders nest at most this deep under an operand: deeper ones are an error
 * (named), never skipped in silence.  Far beyond real report archives, and
 * each level costs one stack frame. */
enum { MAX_DEPTH = 256 };

/* Does a file name match the glob?  The default *.txt also takes
 * REPORT.TXT; a pattern given with --glob is matched as written. */
static int takes_name(const options *opt, const char *name)
{
    if (opt->glob)
        return fnmatch(opt->glob, name, 0) == 0;
    size_t n = strlen(name); /* DEFAULT_GLOB, without case */
    return n > 4 && strcasecmp(name + n - 4, ".txt") == 0;
}

/* Is this file the output (-o)?  Reading it while writing it would read
 * what this run writes: refused. */
static int is_output(const options *opt, const struct stat *st)
{
    return opt->output_known && st->st_dev == opt->output_dev && st->st_ino == opt->output_ino;
}

static void refuse_output(const char *path, size_t *errors)
{
    errorf("%s: is the output file (-o): not read", path);
    (*errors)++;
}

/* Walks one folder, appending matching files to in->pending.  A folder
 * already walked (through a symlink loop or a second link) is skipped. */
static void walk(input_list *in, const char *dir, size_t depth, size_t *errors)
{
    size_t n = 0;
    char **names = list_dir(dir, &n, errors);
    for (size_t i = 0; i < n; i++) {
        char *path = join_path(dir, names[i]);
        struct stat st;
        if (!path) {
            errorf("out of memory");
            (*errors)++;
        } else if (stat(path, &st) != 0) {
            /* A dangling link the glob would not take is no input at all. */
            if (takes_name(in->opt, names[i])) {
                errorf("%s: %s", path, strerror(errno));
                (*errors)++;
            }
        } else if (S_ISDIR(st.st_mode)) {
            if (depth >= MAX_DEPTH) {
                errorf("%s: folders nested more than %d deep are not walked", path, MAX_DEPTH);
                (*errors)++;
            } else if (first_visit(in, &st) == 1) {
                walk(in, path, depth + 1, errors);
            }
        } else if (S_ISREG(st.st_mode) && takes_name(in->opt, names[i])) {
            if (is_output(in->opt, &st)) {
                refuse_output(path, errors);
            } else {
                push_pending(in, path);
                path = NULL;
            }
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

/* ------------------------------------------------------------ JSON Lines */

input_list *input_open(const options *opt)
{
    input_list *in = calloc(1, sizeof *in);
    if (in)
        in->opt = opt;
    return in;
}

/* The record's source from the object's "id": a string as it is, a number
 * as written where possible (7, 0.1, 100000000000000000); NULL when the id
 * is a number out of range (1e400). */
static char *string_of_id(const cJSON *id, size_t line)
{
    char buf[64];
    if (cJSON_IsString(id))
        return strdup(id->valuestring);
    if (cJSON_IsNumber(id)) {
        double v = id->valuedouble;
        if (!isfinite(v))
            return NULL;
        /* The range is checked before the cast: a cast of 1e400 is undefined. */
        if (v > -9e15 && v < 9e17 && v == (double)(long long)v) {
            snprintf(buf, sizeof buf, "%lld", (long long)v);
        } else {
            snprintf(buf, sizeof buf, "%.15g", v);
            if (strtod(buf, NULL) != v)
                snprintf(buf, sizeof buf, "%.17g", v);
        }
        return strdup(buf);
    }
    snprintf(buf, sizeof buf, "line %zu", line);
    return strdup(buf);
}

static int hex_at(const char *s, size_t len, size_t i, unsigned *v)
{
    if (i + 6 > len || s[i] != '\\' || s[i + 1] != 'u')
        return 0;
    unsigned x = 0;
    for (size_t k = i + 2; k < i + 6; k++) {
        char c = s[k];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16;
        if (d > 15)
            return 0;
        x = x * 16 + d;
    }
    *v = x;
    return 1;
}

/* Escapes cJSON would mishandle, rewritten in place to the same length:
 * \u0000 would end the string for cJSON and lose the rest of the text
 * (decoding reads a NUL as a space anyway: \u0020); a lone surrogate
 * (\ud800 without its pair) would reject the whole line: it becomes
 * \ufffd.  Returns the number of lone surrogates. */
static size_t repair_escapes(char *line, size_t len)
{
    size_t lone = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (line[i] != '\\')
            continue;
        unsigned v, w;
        if (!hex_at(line, len, i, &v)) {
            i++; /* the escaped character: \\u0000 is no escape */
            continue;
        }
        if (v == 0) {
            memcpy(line + i, "\\u0020", 6);
        } else if (v >= 0xD800 && v <= 0xDBFF && hex_at(line, len, i + 6, &w) && w >= 0xDC00 &&
                   w <= 0xDFFF) {
            i += 6; /* a proper pair */
        } else if (v >= 0xD800 && v <= 0xDFFF) {
            memcpy(line + i, "\\ufffd", 6);
            lone++;
        }
        i += 5;
    }
    return lone;
}

/* Parses one JSON Lines record into doc; 0 (reported) when it is not a
 * single object with a string "text". */
static int parse_jsonl(input_list *in, char *line, size_t len, input_doc *doc, size_t *errors)
{
    const char *where = in->jsonl_name;
    size_t ln = in->jsonl_line;
    if (memchr(line, '\0', len)) {
        errorf("%s:%zu: a NUL byte (not valid JSON; write it as \\u0000)", where, ln);
        (*errors)++;
        return 0;
    }
    size_t lone = repair_escapes(line, len);
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (o && end && strspn(end, " \t\r") != strlen(end)) {
        errorf("%s:%zu: text after the JSON object", where, ln);
        (*errors)++;
        cJSON_Delete(o);
        return 0;
    }
    cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
    if (!cJSON_IsObject(o) || !cJSON_IsString(text)) {
        errorf("%s:%zu: not a JSON object with a string \"text\"", where, ln);
        (*errors)++;
        cJSON_Delete(o);
        return 0;
    }
    char *source = string_of_id(cJSON_GetObjectItemCaseSensitive(o, "id"), ln);
    if (!source) {
        errorf("%s:%zu: \"id\" is a number out of range", where, ln);
        (*errors)++;
        cJSON_Delete(o);
        return 0;
    }
    doc->source = source;
    /* The text is taken from cJSON, not copied: one document in memory. */
    doc->text = text->valuestring;
    doc->len = strlen(text->valuestring);
    text->valuestring = NULL;
    cJSON_Delete(o);
    if (lone)
        snprintf(doc->warning, sizeof doc->warning,
                 "the text held %zu lone surrogate escape%s (\\ud800…), written as U+FFFD", lone,
                 lone == 1 ? "" : "s");
    return 1;
}

/* The next {"id", "text"} document of the current JSON Lines stream. */
static int next_jsonl(input_list *in, input_doc *doc, size_t *errors)
{
    size_t len;
    int too_long;
    char *line;
    while ((line = read_record(in->jsonl, '\n', jsonl_line_max(in->opt), &len, &too_long)) !=
           NULL) {
        in->jsonl_line++;
        if (too_long) {
            errorf("%s:%zu: line longer than %zu bytes (--max-bytes): skipped", in->jsonl_name,
                   in->jsonl_line, jsonl_line_max(in->opt));
            (*errors)++;
        } else if (len > 0 && strspn(line, " \t") != len &&
                   parse_jsonl(in, line, len, doc, errors)) {
            free(line);
            return 1;
        }
        free(line);
    }
    if (ferror(in->jsonl))
        stream_error(in->jsonl_name, errors);
    if (in->jsonl != stdin)
        fclose(in->jsonl);
    in->jsonl = NULL;
    free(in->jsonl_name);
    in->jsonl_name = NULL;
    return 0;
}

/* Opens a file of a stream (a list, JSON Lines) for reading: "-" is stdin.
 * NULL (reported) when it cannot be opened or is a folder. */
static FILE *open_stream(const char *path, size_t *errors)
{
    if (strcmp(path, "-") == 0) {
        struct stat st;
        if (fstat(STDIN_FILENO, &st) != 0) {
            errorf("standard input: %s", strerror(errno));
            (*errors)++;
            return NULL;
        }
        return stdin;
    }
    FILE *f = fopen(path, "r");
    struct stat st;
    if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        f = NULL;
        errno = EISDIR;
    }
    if (!f) {
        errorf("%s: %s", path, strerror(errno));
        (*errors)++;
    }
    return f;
}

static int open_jsonl(input_list *in, const char *path, size_t *errors)
{
    in->jsonl = open_stream(path, errors);
    if (!in->jsonl)
        return 0;
    in->jsonl_name = strdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
    in->jsonl_line = 0;
    return 1;
}

/* ----------------------------------------------------------- iteration */

/* Takes an operand: a folder is walked now, anything else is one input. */
static int take_operand(input_list *in, const char *path, input_doc *doc, size_t *errors)
{
    struct stat st;
    int is_stdin = strcmp(path, "-") == 0;
    int known = !is_stdin && stat(path, &st) == 0;
    if (known && S_ISREG(st.st_mode) && is_output(in->opt, &st)) {
        refuse_output(path, errors);
        return 0;
    }
    if (in->opt->input == INPUT_JSONL)
        return open_jsonl(in, path, errors) ? 0 : -1;
    if (known && S_ISDIR(st.st_mode)) {
        in->pending_count = in->pending_pos = 0;
        if (first_visit(in, &st) == 1)
            walk(in, path, 1, errors);
        if (in->pending_count == 0)
            errorf("%s: no input file found (names matching %s)", path,
                   in->opt->glob ? in->opt->glob : DEFAULT_GLOB " in any case");
        return 0;
    }
    doc->source = strdup(path);
    doc->text = NULL;
    doc->len = 0;
    return 1;
}

/* The next path of --files-from; NULL at its end (errors reported). */
static char *next_listed(input_list *in, size_t *errors)
{
    const options *opt = in->opt;
    if (!in->list) {
        in->list = open_stream(opt->files_from, errors);
        if (!in->list)
            return NULL;
    }
    const char *name = strcmp(opt->files_from, "-") == 0 ? "(stdin)" : opt->files_from;
    size_t len;
    int too_long;
    char *p;
    while ((p = read_record(in->list, opt->null_separated ? '\0' : '\n', LIST_PATH_MAX, &len,
                            &too_long)) != NULL) {
        in->list_line++;
        if (too_long) {
            errorf("%s:%zu: a path longer than %d bytes", name, in->list_line, LIST_PATH_MAX);
            (*errors)++;
        } else if (!opt->null_separated && strlen(p) != len) {
            /* find -print0 output read one line at a time: the NULs
             * would glue many paths into one. */
            errorf("%s:%zu: a NUL byte in a list of lines: use -0 for a NUL-separated list "
                   "(find -print0)",
                   name, in->list_line);
            (*errors)++;
            free(p);
            return NULL;
        } else if (len > 0) {
            return p;
        }
        free(p);
    }
    if (ferror(in->list))
        stream_error(name, errors);
    return NULL;
}

int input_next(input_list *in, input_doc *doc, size_t *errors)
{
    memset(doc, 0, sizeof *doc);
    for (;;) {
        if (in->pending_pos < in->pending_count) {
            doc->source = in->pending[in->pending_pos++];
            in->produced++;
            return 1;
        }
        if (in->jsonl) {
            if (next_jsonl(in, doc, errors)) {
                in->produced++;
                return 1;
            }
            continue;
        }
        const char *path = NULL;
        if (in->opt->files_from && !in->list_done) {
            char *p = next_listed(in, errors);
            if (!p) {
                in->list_done = 1; /* then the operands, if any */
                continue;
            }
            int r = take_operand(in, p, doc, errors);
            free(p);
            if (r > 0) {
                in->produced++;
                return 1;
            }
            continue;
        }
        if (in->opt->path_count == 0 && !in->opt->files_from && !in->stdin_used) {
            in->stdin_used = 1;
            path = "-";
        } else if (in->operand < in->opt->path_count) {
            path = in->opt->paths[in->operand++];
        } else {
            return 0;
        }
        if (take_operand(in, path, doc, errors) > 0) {
            in->produced++;
            return 1;
        }
    }
}

size_t input_total_hint(const input_list *in)
{
    return in->produced + (in->pending_count - in->pending_pos);
}

void input_close(input_list *in)
{
    if (!in)
        return;
    for (size_t i = in->pending_pos; i < in->pending_count; i++)
        free(in->pending[i]);
    free(in->pending);
    if (in->list && in->list != stdin)
        fclose(in->list);
    if (in->jsonl && in->jsonl != stdin)
        fclose(in->jsonl);
    free(in->jsonl_name);
    free(in->visited);
    free(in);
}
