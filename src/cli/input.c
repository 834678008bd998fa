/* input.c - the documents of a run, in input order.
 *
 * Operands are files (any kind: a FIFO is read to its end), folders (walked
 * recursively in name order, hidden entries skipped, only names matching
 * --glob, symlinked folders followed once: a loop ends there) or "-" for
 * standard input.  --files-from streams paths from a list; --input jsonl
 * streams {"id", "text"} objects.  Files are named here and read by the
 * workers, so reading overlaps with extraction.
 */

#include "cli.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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
    FILE *jsonl;   /* current --input jsonl stream */
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
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (fd != STDIN_FILENO)
            close(fd);
        errno = EISDIR;
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
    DIR *d = opendir(dir);
    if (!d) {
        errorf("%s: %s", dir, strerror(errno));
        (*errors)++;
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
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

enum { MAX_DEPTH = 64 };

/* Walks one folder, appending matching files to in->pending.  A folder
 * already walked (through a symlink loop or a second link) is skipped. */
static void walk(input_list *in, const char *dir, size_t depth, size_t *errors)
{
    size_t n = 0;
    char **names = list_dir(dir, &n, errors);
    const char *glob = in->opt->glob ? in->opt->glob : "*.txt";
    for (size_t i = 0; i < n; i++) {
        char *path = join_path(dir, names[i]);
        struct stat st;
        if (!path || stat(path, &st) != 0) {
            if (path)
                errorf("%s: %s", path, strerror(errno));
            (*errors)++;
            free(path);
        } else if (S_ISDIR(st.st_mode)) {
            if (depth < MAX_DEPTH && first_visit(in, &st) == 1)
                walk(in, path, depth + 1, errors);
            free(path);
        } else if (S_ISREG(st.st_mode) && fnmatch(glob, names[i], 0) == 0) {
            push_pending(in, path);
        } else {
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* ----------------------------------------------------------- iteration */

input_list *input_open(const options *opt)
{
    input_list *in = calloc(1, sizeof *in);
    if (in)
        in->opt = opt;
    return in;
}

/* The next line of a stream, without its terminator (sep); NULL at EOF. */
static char *read_record(FILE *f, int sep, size_t *len)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&line, &cap, sep, f);
    if (n < 0) {
        free(line);
        return NULL;
    }
    if (n > 0 && line[n - 1] == sep)
        line[--n] = '\0';
    if (sep == '\n' && n > 0 && line[n - 1] == '\r')
        line[--n] = '\0';
    *len = (size_t)n;
    return line;
}

static char *string_of_id(const cJSON *id, size_t line)
{
    char buf[64];
    if (cJSON_IsString(id))
        return strdup(id->valuestring);
    if (cJSON_IsNumber(id)) {
        /* As written where possible: 7, 0.1, 100000000000000000. */
        double v = id->valuedouble;
        if (v == (double)(long long)v && v > -9e15 && v < 9e17) {
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

/* A \u0000 in a JSON string would end it for cJSON and lose the rest of the
 * text; decoding reads a NUL as a space anyway, so it becomes \u0020 (the
 * same length in bytes of the decoded text). */
static void blank_nul_escapes(char *line, size_t len)
{
    for (size_t i = 0; i + 6 <= len; i++) {
        if (line[i] != '\\')
            continue;
        if (memcmp(line + i, "\\u0000", 6) == 0)
            memcpy(line + i, "\\u0020", 6);
        i++; /* skip the escaped character: \\u0000 is no escape */
    }
}

/* The next {"id", "text"} document of the current JSON Lines stream. */
static int next_jsonl(input_list *in, input_doc *doc, size_t *errors)
{
    size_t len;
    char *line;
    while ((line = read_record(in->jsonl, '\n', &len)) != NULL) {
        in->jsonl_line++;
        if (len == 0 || strspn(line, " \t") == len) {
            free(line);
            continue;
        }
        blank_nul_escapes(line, len);
        cJSON *o = cJSON_ParseWithLength(line, len);
        free(line);
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
        if (!cJSON_IsString(text)) {
            errorf("%s:%zu: not a JSON object with a string \"text\"", in->jsonl_name,
                   in->jsonl_line);
            (*errors)++;
            cJSON_Delete(o);
            continue;
        }
        doc->source = string_of_id(cJSON_GetObjectItemCaseSensitive(o, "id"), in->jsonl_line);
        doc->len = strlen(text->valuestring);
        doc->text = strdup(text->valuestring);
        cJSON_Delete(o);
        return 1;
    }
    if (in->jsonl != stdin)
        fclose(in->jsonl);
    in->jsonl = NULL;
    free(in->jsonl_name);
    in->jsonl_name = NULL;
    return 0;
}

static int open_jsonl(input_list *in, const char *path, size_t *errors)
{
    in->jsonl = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!in->jsonl) {
        errorf("%s: %s", path, strerror(errno));
        (*errors)++;
        return 0;
    }
    in->jsonl_name = strdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
    in->jsonl_line = 0;
    return 1;
}

/* Takes an operand: a folder is walked now, anything else is one input. */
static int take_operand(input_list *in, const char *path, input_doc *doc, size_t *errors)
{
    if (in->opt->input == INPUT_JSONL)
        return open_jsonl(in, path, errors) ? 0 : -1;
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        in->pending_count = in->pending_pos = 0;
        if (first_visit(in, &st) == 1)
            walk(in, path, 1, errors);
        return 0;
    }
    doc->source = strdup(path);
    doc->text = NULL;
    doc->len = 0;
    return 1;
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
            if (!in->list) {
                in->list =
                    strcmp(in->opt->files_from, "-") == 0 ? stdin : fopen(in->opt->files_from, "r");
                if (!in->list) {
                    errorf("%s: %s", in->opt->files_from, strerror(errno));
                    (*errors)++;
                    in->list_done = 1;
                    continue;
                }
            }
            size_t len;
            char *p = read_record(in->list, in->opt->null_separated ? '\0' : '\n', &len);
            if (!p) {
                in->list_done = 1; /* then the operands, if any */
                continue;
            }
            if (len == 0) {
                free(p);
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
