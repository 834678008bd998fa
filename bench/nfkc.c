/* nfkc.c - the reference of bench/ratio.sh: a bare utf8proc NFKC pass over
 * files, the least any tool that normalizes Chinese text must spend.
 *
 *   nfkc FILE...      reads each file whole, maps it to NFKC
 *                     (utf8proc_map: STABLE | COMPOSE | COMPAT) and frees
 *                     the result; prints the bytes read and written.
 *   nfkc -0           the same for a NUL-separated list of files on stdin.
 *
 * Build: cc -O2 bench/nfkc.c -o nfkc $(pkg-config --cflags --libs libutf8proc)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static unsigned long long bytes_in, bytes_out;

static int normalize_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 1 << 16, len = 0, r;
    unsigned char *buf = malloc(cap);
    while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) {
            unsigned char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", path);
        return 1;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map(buf, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    free(buf);
    if (n < 0) { /* invalid UTF-8 (a GB18030 file): counted as read only */
        bytes_in += len;
        return 0;
    }
    bytes_in += len;
    bytes_out += (unsigned long long)n;
    free(out);
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0;
    if (argc == 2 && strcmp(argv[1], "-0") == 0) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getdelim(&line, &cap, '\0', stdin)) > 0)
            failed |= normalize_file(line);
        free(line);
    } else {
        for (int i = 1; i < argc; i++)
            failed |= normalize_file(argv[i]);
    }
    printf("%llu bytes read, %llu bytes of NFKC written\n", bytes_in, bytes_out);
    return failed;
}
