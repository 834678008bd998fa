/* test_text.c - unit tests of decoding, normalization, offsets and lines.
 *
 *   test_text decode    decode.test     INPUT  ENCODING  DECODED  WARNINGS
 *   test_text normalize normalize.test  INPUT  NORMALIZED
 *   test_text offsets   offsets.test    INPUT  NEEDLE  ORIGINAL
 *   test_text lines     lines.test      INPUT  OFFSET  LINE
 *
 * Fields are TAB-separated; \xHH, \t, \n, \r and \\ escape bytes; lines
 * starting with # are comments.  For every normalize case the offset map is
 * also checked: each normalized byte maps to a span inside the input, and
 * the spans never go backwards.  Ends with "N passed, N failed".
 */
#include "unit.h"
#include "zsm_internal.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Unescapes in place; returns the new length. */
static size_t unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '\\' || !s[i + 1]) {
            s[o++] = s[i];
            continue;
        }
        char c = s[++i];
        if (c == 'x' && s[i + 1] && s[i + 2]) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            s[o++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == '0' ? '\0' : c;
        }
    }
    s[o] = '\0';
    return o;
}

typedef struct field {
    char *s;
    size_t len;
} field;

static int split(char *line, field *f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        f[n].s = p;
        f[n].len = unescape(p);
        n++;
        if (!tab)
            break;
        p = tab + 1;
    }
    return n;
}

static void report(const char *file, int line, int ok, const char *fmt, const char *a,
                   const char *b) __attribute__((format(printf, 4, 0)));

static void report(const char *file, int line, int ok, const char *fmt, const char *a,
                   const char *b)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("%s:%d: ", file, line);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    printf(fmt, a, b);
#pragma GCC diagnostic pop
    printf("\n");
}

typedef struct pipeline {
    zsmp_decoded d;
    zsmp_text t;
    zsmp_strlist warnings;
} pipeline;

static int run(const field *in, pipeline *p)
{
    memset(p, 0, sizeof *p);
    if (zsmp_decode(in->s, in->len, &p->d, &p->warnings) != ZSM_OK)
        return -1;
    return zsmp_normalize(&p->d, &p->t) == ZSM_OK ? 0 : -1;
}

static void done(pipeline *p)
{
    zsmp_text_free(&p->t);
    zsmp_decoded_free(&p->d);
    zsmp_strlist_free(&p->warnings);
}

static char *decoded_utf8(const zsmp_decoded *d)
{
    size_t end = zsmp_dec_end(d), n = 0;
    char *s = malloc(end * 4 + 1);
    for (size_t i = 0, next; i < end; i = next)
        n += zsmp_utf8_put(zsmp_dec_cp(d, i, &next), s + n);
    s[n] = '\0';
    return s;
}

static int offsets_sane(const pipeline *p, size_t input_len)
{
    size_t last = 0;
    for (size_t i = 0; i < p->t.len; i++) {
        size_t a, b;
        zsmp_text_span(&p->t, &p->d, i, i + 1, &a, &b);
        if (a > b || b > input_len || a < last)
            return 0;
        last = a;
    }
    return 1;
}

static void case_decode(const char *file, int ln, field *f, int n)
{
    pipeline p;
    if (n < 4 || run(&f[0], &p)) {
        report(file, ln, 0, "%s%s", "bad case or pipeline failure", "");
        return;
    }
    char *got = decoded_utf8(&p.d);
    char warn[16];
    snprintf(warn, sizeof warn, "%zu", p.warnings.count);
    report(file, ln, strcmp(p.d.encoding, f[1].s) == 0, "encoding: expected %s, got %s", f[1].s,
           p.d.encoding);
    report(file, ln, strcmp(got, f[2].s) == 0, "decoded: expected «%s», got «%s»", f[2].s, got);
    report(file, ln, strcmp(warn, f[3].s) == 0, "warnings: expected %s, got %s", f[3].s, warn);
    free(got);
    done(&p);
}

static void case_normalize(const char *file, int ln, field *f, int n)
{
    pipeline p;
    if (n < 2 || run(&f[0], &p)) {
        report(file, ln, 0, "%s%s", "bad case or pipeline failure", "");
        return;
    }
    report(file, ln, strcmp(p.t.s, f[1].s) == 0, "expected «%s», got «%s»", f[1].s, p.t.s);
    report(file, ln, offsets_sane(&p, f[0].len), "%s%s", "offset map goes backwards or out", "");
    done(&p);
}

static void case_offsets(const char *file, int ln, field *f, int n)
{
    pipeline p;
    if (n < 3 || run(&f[0], &p)) {
        report(file, ln, 0, "%s%s", "bad case or pipeline failure", "");
        return;
    }
    const char *hit = strstr(p.t.s, f[1].s);
    if (!hit) {
        report(file, ln, 0, "needle «%s» not in «%s»", f[1].s, p.t.s);
        done(&p);
        return;
    }
    size_t a = (size_t)(hit - p.t.s), start, end;
    zsmp_text_span(&p.t, &p.d, a, a + f[1].len, &start, &end);
    char *orig = malloc(end - start + 1);
    memcpy(orig, f[0].s + start, end - start);
    orig[end - start] = '\0';
    report(file, ln, end - start == f[2].len && memcmp(orig, f[2].s, f[2].len) == 0,
           "original: expected «%s», got «%s»", f[2].s, orig);
    free(orig);
    /* The text of a metric: the same bytes, where the input is UTF-8 (a
     * GB18030 input's is re-encoded). */
    if (strcmp(p.d.encoding, "utf-8") == 0) {
        char small[8];
        char *text = zsmp_text_original(&p.t, &p.d, a, a + f[1].len, small, sizeof small);
        report(file, ln, text && strlen(text) == f[2].len && memcmp(text, f[2].s, f[2].len) == 0,
               "original text: expected «%s», got «%s»", f[2].s, text ? text : "(null)");
        if (text != small)
            free(text);
    }
    done(&p);
}

static void case_lines(const char *file, int ln, field *f, int n)
{
    zsmp_lines lines;
    if (n < 3 || zsmp_lines_index(f[0].s, f[0].len, &lines)) {
        report(file, ln, 0, "%s%s", "bad case", "");
        return;
    }
    char got[32];
    size_t offset = (size_t)atol(f[1].s), line = zsmp_lines_find(&lines, offset);
    snprintf(got, sizeof got, "%zu", line);
    report(file, ln, strcmp(got, f[2].s) == 0, "line: expected %s, got %s", f[2].s, got);
    /* The search from a hint finds the same line from every hint. */
    for (size_t hint = 0; hint <= lines.count + 1; hint++) {
        size_t h = hint, near = zsmp_lines_find_near(&lines, offset, &h);
        char want[48], from[48];
        snprintf(want, sizeof want, "%zu (hint %zu)", line, line - 1);
        snprintf(from, sizeof from, "%zu (hint %zu, from %zu)", near, h, hint);
        report(file, ln, near == line && h == line - 1, "line from a hint: expected %s, got %s",
               want, from);
    }
    zsmp_lines_free(&lines);
}

/* zsmp_utf8_count against a byte-by-byte reader written here from the
 * UTF-8 definition (RFC 3629), over random texts built of ASCII, CJK
 * ideographs (the sixteen-bytes-at-once path), two- and four-byte
 * characters, E0/ED characters, stray continuation bytes, bytes never in
 * UTF-8, and characters cut short - at every offset and length, so that
 * blocks start and end inside characters of every kind. */
static size_t utf8_valid_at(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t need = c < 0x80                 ? 1
                  : c >= 0xC2 && c <= 0xDF ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
    if (need == 0 || need > len)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    unsigned char c1 = s[1];
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
        return 0; /* overlong, surrogate, past U+10FFFF */
    return need;
}

static size_t random_piece(unsigned char *o)
{
    static const char *const pieces[] = {
        "a",    "7",    ",",    "\n",           "签",           "约",
        "项",   "目",   "亿",   "。",           "、",           "（",
        "“",    "é",    "𠀀",   "\xE0\xA4\x80", "\xED\x9F\xBF", "\x80",
        "\xBF", "\xC0", "\xFF", "\xE4\xB8",     "\xF0\x9F\x98", "\xED\xA0\x80"};
    unsigned k = (unsigned)(next_random() % 24);
    unsigned cjk = (unsigned)(next_random() % 3); /* mostly CJK, as reports are */
    const char *p = cjk ? pieces[4 + next_random() % 6] : pieces[k];
    size_t n = 0;
    for (; p[n]; n++)
        o[n] = (unsigned char)p[n];
    return n;
}

static void utf8_count_random(void)
{
    enum { TEXT = 200 };
    unsigned char text[TEXT + 8];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        while (n < TEXT - 4)
            n += random_piece(text + n);
        for (size_t a = 0; a < 8 && a < n; a++) {
            size_t len = n - a - next_random() % 8, bad = 0, good = 0, got_bad, got_good;
            for (size_t i = a; i < a + len;) {
                size_t k = utf8_valid_at(text + i, a + len - i);
                if (k == 0) {
                    bad++;
                    i++;
                } else {
                    good += k > 1 ? k : 0;
                    i += k;
                }
            }
            zsmp_utf8_count(text + a, len, &got_bad, &got_good);
            check(got_bad == bad && got_good == good,
                  "utf8 count, round %d, from %zu, %zu bytes: bad %zu good %zu, expected %zu %zu",
                  round, a, len, got_bad, got_good, bad, good);
        }
    }
}

/* Every two-byte GB18030 code (lead 0x81-0xFE, trail 0x40-0x7E or
 * 0x80-0xFE) in one text, decoded: each character read as two bytes is the
 * code point iconv gives those bytes alone, and each read otherwise is a
 * code iconv refuses (the table of two-byte codes, built a row a call). */
static void gb18030_every_pair(void)
{
    enum { LEADS = 0xFE - 0x81 + 1 };
    unsigned char *buf = malloc((size_t)LEADS * 190 * 2);
    size_t len = 0;
    if (!buf) {
        check(0, "out of memory");
        return;
    }
    for (unsigned lead = 0x81; lead <= 0xFE; lead++)
        for (unsigned trail = 0x40; trail <= 0xFE; trail++)
            if (trail != 0x7F) {
                buf[len++] = (unsigned char)lead;
                buf[len++] = (unsigned char)trail;
            }
    zsmp_decoded d;
    zsmp_strlist warnings = {0};
    iconv_t cd = iconv_open("UTF-32LE", "GB18030");
    if (cd == (iconv_t)-1 || zsmp_decode((const char *)buf, len, &d, &warnings) != ZSM_OK) {
        check(0, "cannot decode, or no GB18030 in iconv");
        free(buf);
        return;
    }
    check(strcmp(d.encoding, "gb18030") == 0, "every pair read as %s, not gb18030", d.encoding);
    size_t pairs = 0, end = zsmp_dec_end(&d);
    for (size_t i = 0, next; i < end; i = next) {
        uint32_t cp = zsmp_dec_cp(&d, i, &next);
        size_t at = zsmp_dec_off(&d, i), n = zsmp_dec_off(&d, next) - at;
        unsigned char out[8];
        char *in = (char *)buf + at, *o = (char *)out;
        size_t il = 2, ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        int alone = iconv(cd, &in, &il, &o, &ol) != (size_t)-1 && il == 0 && ol == sizeof out - 4;
        uint32_t want = (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 |
                        (uint32_t)out[3] << 24;
        if (n == 2) {
            check(alone && cp == want, "%02X%02X read as U+%04X, iconv gives U+%04X", buf[at],
                  buf[at + 1], (unsigned)cp, alone ? (unsigned)want : 0xFFFDu);
            pairs++;
        } else {
            check(!alone, "%02X%02X not read as a pair, iconv reads it U+%04X", buf[at],
                  buf[at + 1], (unsigned)want);
        }
    }
    check(pairs > 20000, "only %zu of the %zu pairs read as pairs", pairs, len / 2);
    iconv_close(cd);
    zsmp_decoded_free(&d);
    zsmp_strlist_free(&warnings);
    free(buf);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_text decode|normalize|offsets|lines FILE\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "r");
    if (!in) {
        perror(argv[2]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ln = 0;
    while ((len = getline(&line, &cap, in)) >= 0) {
        ln++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        field f[4];
        int n = split(line, f, 4);
        if (strcmp(argv[1], "decode") == 0)
            case_decode(argv[2], ln, f, n);
        else if (strcmp(argv[1], "normalize") == 0)
            case_normalize(argv[2], ln, f, n);
        else if (strcmp(argv[1], "offsets") == 0)
            case_offsets(argv[2], ln, f, n);
        else
            case_lines(argv[2], ln, f, n);
    }
    free(line);
    fclose(in);
    if (strcmp(argv[1], "decode") == 0) {
        utf8_count_random();
        gb18030_every_pair();
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
