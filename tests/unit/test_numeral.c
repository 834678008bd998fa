/* test_numeral.c - runs the zsm_numeral_parse() cases of a .test file.
 *
 *   test_numeral FILE
 *
 * Each line of FILE is INPUT<TAB>EXPECTED<TAB>CONSUMED; '#' lines and blank
 * lines are skipped.  EXPECTED is a decimal number (relative tolerance
 * 1e-12; inf is allowed), `null` for a placeholder, or `-` for "no numeral
 * here" (CONSUMED then empty or absent).  INPUT and CONSUMED may use the
 * escapes \xHH, \t and \\ for bytes a line cannot hold.
 *
 * Every result is also checked for the invariants of the API: len within
 * the input, mantissa * 10^exp10 parsed with strtod equal to value, a
 * normalized mantissa, and the same answer for the consumed text alone.
 * Every prefix of every input is parsed from an exact-size heap copy, so
 * that AddressSanitizer or valgrind sees any read past len.  A few hostile
 * inputs (millions of digits, 亿亿亿…) are built here rather than in FILE.
 */
#include "zsmetrics.h"

#include "unit.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MANT_MAX UINT64_C(9999999999999999999)
#define SHOW_MAX 60 /* bytes of a long input shown in a message */
#ifndef FUZZ_ROUNDS
#define FUZZ_ROUNDS 200000u
#endif

/* ----------------------------------------------------------------- utils */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "test_numeral: out of memory\n");
        exit(2);
    }
    return p;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Undoes \xHH, \t and \\ in place; returns the new length. */
static size_t unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 >= n) {
            s[o++] = s[i];
            continue;
        }
        char c = s[i + 1];
        if (c == 'x' && i + 3 < n && hexval(s[i + 2]) >= 0 && hexval(s[i + 3]) >= 0) {
            s[o++] = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
            i += 3;
        } else if (c == 't') {
            s[o++] = '\t';
            i++;
        } else if (c == '\\') {
            s[o++] = '\\';
            i++;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

/* Prints bytes readably: control bytes escaped, long text cut. */
static void show(FILE *f, const char *s, size_t n)
{
    size_t lim = n > SHOW_MAX ? SHOW_MAX : n;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || c == '\\')
            fprintf(f, "\\x%02X", c);
        else
            fputc(c, f);
    }
    if (lim < n)
        fprintf(f, "…(%zu bytes)", n);
}

static double decimal_value(uint64_t mantissa, int exp10)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%" PRIu64 "e%d", mantissa, exp10);
    return strtod(buf, NULL);
}

static int same_double(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

static int close_enough(double got, double want)
{
    if (got == want)
        return 1;
    if (isinf(got) || isinf(want) || isnan(got) || isnan(want))
        return 0;
    return fabs(got - want) <= 1e-12 * fabs(want);
}

/* Parses from an exact-size heap copy, so that a read past len is caught. */
static size_t parse_copy(const char *s, size_t n, zsm_numeral *out)
{
    char *copy = xmalloc(n);
    if (n)
        memcpy(copy, s, n);
    size_t r = zsm_numeral_parse(copy, n, out);
    free(copy);
    return r;
}

/* ------------------------------------------------------------ invariants */

/* The first broken invariant of r as the result for s[0..n), or NULL. */
static const char *broken_invariant(const char *s, size_t n, const zsm_numeral *r)
{
    if (r->len > n)
        return "len past the input";
    if (r->len == 0) {
        if (r->placeholder || r->mantissa || r->exp10 || r->value != 0)
            return "len 0 with fields set";
        return NULL;
    }
    if (r->placeholder) {
        if (r->mantissa || r->exp10 || r->value != 0)
            return "placeholder with a value";
        return NULL;
    }
    if (r->mantissa > MANT_MAX)
        return "mantissa over 19 digits";
    if (r->mantissa % 10 == 0 && !(r->mantissa == 0 && r->exp10 == 0))
        return "mantissa not normalized";
    if (!same_double(decimal_value(r->mantissa, r->exp10), r->value))
        return "value is not the double nearest mantissa*10^exp10";
    zsm_numeral again;
    size_t len2 = parse_copy(s, r->len, &again);
    if (len2 != r->len || again.mantissa != r->mantissa || again.exp10 != r->exp10 ||
        again.placeholder != r->placeholder)
        return "the consumed text alone parses differently";
    return NULL;
}

static void report(const char *where, const char *in, size_t n, const char *expected,
                   const char *got_note, const zsm_numeral *r)
{
    printf("%s: input «", where);
    show(stdout, in, n);
    printf("»: expected %s got ", expected);
    if (got_note) {
        printf("%s (", got_note);
    }
    if (r->len == 0) {
        printf("no numeral");
    } else if (r->placeholder) {
        printf("placeholder «");
        show(stdout, in, r->len);
        printf("»");
    } else {
        printf("%.17g = %" PRIu64 "e%d «", r->value, r->mantissa, r->exp10);
        show(stdout, in, r->len);
        printf("»");
    }
    printf(got_note ? ")\n" : "\n");
}

static void tally(int ok)
{
    if (ok)
        passed++;
    else
        failed++;
}

/* Every prefix: no crash, no read past it, invariants hold. */
static int check_prefixes(const char *where, const char *in, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        zsm_numeral r;
        parse_copy(in, k, &r);
        const char *why = broken_invariant(in, k, &r);
        if (why) {
            char w[600];
            snprintf(w, sizeof w, "%s (prefix of %zu bytes)", where, k);
            report(w, in, k, "the invariants", why, &r);
            return 0;
        }
    }
    return 1;
}

/* ----------------------------------------------------------------- cases */

static char *split_tab(char *s, char *end)
{
    char *t = memchr(s, '\t', (size_t)(end - s));
    if (!t)
        return NULL;
    *t = '\0';
    return t + 1;
}

static void run_case(const char *where, char *in, size_t n, const char *want, const char *cons,
                     size_t cons_n, const char *place)
{
    zsm_numeral r;
    parse_copy(in, n, &r);
    const char *why = broken_invariant(in, n, &r);
    if (why) {
        report(where, in, n, want, why, &r);
        tally(0);
        return;
    }
    int ok;
    if (strcmp(want, "-") == 0) {
        ok = r.len == 0;
    } else if (strcmp(want, "null") == 0) {
        ok = r.placeholder && r.len == cons_n && memcmp(in, cons, cons_n) == 0;
    } else {
        char *e;
        double v = strtod(want, &e);
        if (*e != '\0' || e == want) {
            printf("%s: bad expected value «%s»\n", where, want);
            tally(0);
            return;
        }
        ok = !r.placeholder && r.len == cons_n && memcmp(in, cons, cons_n) == 0 &&
             close_enough(r.value, v);
    }
    if (ok && place && atoi(place) != r.place) {
        char exp[512];
        snprintf(exp, sizeof exp, "%s «%.*s» with its last digit at 10^%s (got 10^%d)", want,
                 (int)cons_n, cons, place, r.place);
        report(where, in, n, exp, NULL, &r);
        tally(0);
        return;
    }
    if (!ok) {
        char exp[512];
        snprintf(exp, sizeof exp, "%s «%.*s»", want, (int)cons_n, cons);
        report(where, in, n, exp, NULL, &r);
        tally(0);
        return;
    }
    tally(check_prefixes(where, in, n));
}

static void run_line(const char *file, int lineno, char *line, size_t n)
{
    char where[512];
    snprintf(where, sizeof where, "%s:%d", file, lineno);
    char *end = line + n;
    char *want = split_tab(line, end);
    if (!want) {
        printf("%s: malformed line (needs INPUT<TAB>EXPECTED<TAB>CONSUMED)\n", where);
        tally(0);
        return;
    }
    char *cons = split_tab(want, end);
    char *place = cons ? split_tab(cons, end) : NULL;
    if (!cons && strcmp(want, "-") != 0) {
        printf("%s: malformed line (no consumed text)\n", where);
        tally(0);
        return;
    }
    size_t in_n = unescape(line, strlen(line));
    size_t cons_n = cons ? unescape(cons, strlen(cons)) : 0;
    run_case(where, line, in_n, want, cons ? cons : "", cons_n, place);
}

static void run_file(const char *path, char *buf, size_t n)
{
    int lineno = 0;
    for (size_t i = 0; i < n;) {
        char *line = buf + i;
        char *nl = memchr(line, '\n', n - i);
        size_t len = nl ? (size_t)(nl - line) : n - i;
        i += len + 1;
        lineno++;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        line[len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        run_line(path, lineno, line, len);
    }
}

/* -------------------------------------------------------------- hostile */

static char *repeat(const char *unit, size_t times, const char *head, const char *tail, size_t *n)
{
    size_t u = strlen(unit), h = strlen(head), t = strlen(tail);
    *n = h + u * times + t;
    char *s = xmalloc(*n);
    memcpy(s, head, h);
    for (size_t i = 0; i < times; i++)
        memcpy(s + h + i * u, unit, u);
    memcpy(s + h + u * times, tail, t);
    return s;
}

/* A long input: consumed length, value class and invariants. */
static void hostile(const char *name, const char *head, const char *unit, size_t times,
                    const char *tail, size_t want_len_tail_cut, double want)
{
    size_t n;
    char *s = repeat(unit, times, head, tail, &n);
    zsm_numeral r;
    parse_copy(s, n, &r);
    size_t want_len = n - want_len_tail_cut;
    char where[128];
    snprintf(where, sizeof where, "builtin:%s", name);
    const char *why = broken_invariant(s, n, &r);
    int ok = !why && r.len == want_len && !r.placeholder && close_enough(r.value, want) &&
             r.exp10 <= 9999 && r.exp10 >= -9999;
    if (!ok) {
        char exp[128];
        snprintf(exp, sizeof exp, "%.17g over %zu bytes", want, want_len);
        report(where, s, n, exp, why, &r);
    }
    tally(ok);
    free(s);
}

static uint32_t xorshift(uint32_t x)
{
    uint64_t v = x; /* 64 bits so that no shift drops bits (-fsanitize=integer) */
    v ^= (v << 13) & 0xFFFFFFFFu;
    v ^= v >> 17;
    v ^= (v << 5) & 0xFFFFFFFFu;
    return (uint32_t)v;
}

/* Deterministic random strings over numeral fragments. */
static void fuzz(unsigned rounds)
{
    static const char *const frag[] = {
        "0",  "1",        "5",    "9",    ",",    ".",  " ",  "零", "〇", "一", "二", "两",
        "五", "九",       "十",   "百",   "千",   "万", "亿", "壹", "拾", "佰", "仟", "萬",
        "億", "陆",       "點",   "点",   "X",    "x",  "*",  "×",  "Ｘ", "元", "克", "分之",
        "%",  "\xE4\xBA", "\xFF", "\x80", "\xC3", "１", "．", "個", "a"};
    const size_t nfrag = sizeof frag / sizeof frag[0];
    uint32_t seed = 12345u; /* xorshift32: no wrapping multiply to upset -fsanitize=integer */
    char buf[256];
    int bad = 0;
    for (unsigned round = 0; round < rounds && !bad; round++) {
        size_t n = 0;
        seed = xorshift(seed);
        unsigned parts = 1 + seed % 12;
        for (unsigned k = 0; k < parts; k++) {
            seed = xorshift(seed);
            const char *f = frag[seed % nfrag];
            size_t fl = strlen(f);
            if (n + fl > sizeof buf)
                break;
            memcpy(buf + n, f, fl);
            n += fl;
        }
        zsm_numeral r;
        parse_copy(buf, n, &r);
        const char *why = broken_invariant(buf, n, &r);
        if (why) {
            report("builtin:fuzz", buf, n, "the invariants", why, &r);
            bad = 1;
        }
    }
    tally(!bad);
}

static void null_args(void)
{
    zsm_numeral r;
    memset(&r, 0x55, sizeof r);
    int ok = zsm_numeral_parse(NULL, 5, &r) == 0 && r.len == 0;
    ok = ok && zsm_numeral_parse("38", 0, &r) == 0 && r.len == 0;
    ok = ok && zsm_numeral_parse("38", 2, NULL) == 2;
    if (!ok)
        printf("builtin:null: NULL input, zero length or NULL out mishandled\n");
    tally(ok);
}

static void run_builtin(void)
{
    null_args();
    hostile("million-digits", "", "9", 2000000, "元", 3, HUGE_VAL);
    hostile("million-frac-zeros", "0.", "0", 1000000, "1个", 3, 0.0);
    hostile("million-digits-then-yi", "1", "0", 1000000, "亿元", 3, HUGE_VAL);
    hostile("yi-repeated", "1", "亿", 300000, "元", 3, HUGE_VAL);
    hostile("cn-yi-repeated", "一", "亿", 300000, "", 0, HUGE_VAL);
    hostile("cn-positional", "", "一", 1000000, "年", 3, HUGE_VAL);
    hostile("thousands-groups", "1", ",000", 200000, ".5", 0, HUGE_VAL);
    hostile("zero-gaps", "一百", "零", 300000, "五", 0, 105.0);
    hostile("twenty-digits", "", "12345678901234567895", 1, "", 0, 12345678901234567895.0);
    fuzz(FUZZ_ROUNDS);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_numeral FILE\n");
        return 2;
    }
    size_t n;
    char *buf = read_file(argv[1], &n);
    if (!buf) {
        fprintf(stderr, "test_numeral: cannot read %s\n", argv[1]);
        return 2;
    }
    run_file(argv[1], buf, n);
    free(buf);
    run_builtin();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
