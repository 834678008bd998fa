/* test_core.c - unit tests of the library's shared definitions.
 *
 *   test_core numchars RULES.json   the numeral characters of the tokenizer
 *                                   and the numeral parser (one definition)
 *                                   are exactly the characters the rules'
 *                                   {{NUM}} fragment accepts, over every
 *                                   normalized code point of the BMP; none
 *                                   lies beyond it, and the rules' set of
 *                                   them (and the period scan's and the
 *                                   tokenizer's sets) hold them all
 *   test_core periods RULES FILE [TEXT...]
 *                                   zsmp_period_find and zsmp_date_find: each
 *                                   line "TEXT<TAB>EXPECTED" where EXPECTED
 *                                   is "PHRASE YEAR OFFSET FROM TO" for a
 *                                   period (YEAR 0 when the phrase has none,
 *                                   OFFSET - when not relative), "date
 *                                   YYYY-MM-DD" (day 00 when not given; "date
 *                                   -" for none), or "-" when the text
 *                                   states no period; then, over each TEXT,
 *                                   zsmp_periods_scan finds the phrases a
 *                                   plain scan finds (a phrase may open at a
 *                                   numeral run and at each occurrence an
 *                                   unanchored search for a period word finds),
 *                                   and line by line (and up to the middle of
 *                                   each line) the same phrases
 *   test_core first RULES TEXT...   zsmp_first_read: concrete patterns with
 *                                   what their set must and must not hold;
 *                                   then, for every rule and lexicon entry of
 *                                   RULES, every place of the TEXT files where
 *                                   PCRE2 finds a match starting there begins
 *                                   with a code point of the pattern's set
 *                                   (the prefilter never hides a match), no
 *                                   match is longer than its longest, and a
 *                                   search stopped (or begun) where the last
 *                                   item says finds what the whole line's
 *                                   search finds; the index's block summaries
 *                                   and classes read off the characters (a
 *                                   text above 4 MiB) change no answer; the
 *                                   value of every match of a rule with a
 *                                   value reach stands within it, in a
 *                                   figure of the rule's kind; no rule is
 *                                   JIT-compiled before its first match
 *   test_core literal RULES TEXT... zsmp_literals_read: concrete patterns and
 *                                   the strings they are read as, in the
 *                                   order PCRE2 tries them (or none); then,
 *                                   for every lexicon entry of RULES read as
 *                                   strings, at every place of the TEXT files
 *                                   and with the subject ending there and a
 *                                   few characters on, zsmp_literals_match
 *                                   finds the match PCRE2 finds anchored
 *   test_core lexicon RULES TEXT... zsmp_lexicon_search, all its shortcuts
 *                                   (prefilters, bounds, strings, JIT entry)
 *                                   against PCRE2 alone: for every lexicon
 *                                   entry and every clause, sentence and line
 *                                   of the TEXT files, the first occurrence
 *                                   is PCRE2's unanchored match, the one
 *                                   ending last is the latest-ending of
 *                                   PCRE2's anchored matches at every place,
 *                                   and one at the range's start is PCRE2's
 *                                   anchored match there, and the last of
 *                                   many entries in one walk (zsmp_lex_last_
 *                                   each) is each one's last (with stored
 *                                   classes and again with classes read off)
 *   test_core currency RULES TEXT.. {{CURRENCY}} and {{CURRENCY_FIRST}}, grouped
 *                                   by first character, match what the plain
 *                                   alternation of their words (longest first)
 *                                   matches: at each word, all the words run
 *                                   together, and every place of the TEXTs
 *   test_core clauses TEXT...       zsmp_clause_start: concrete clauses, then
 *                                   its byte scan against a walk over the
 *                                   characters at every place of the TEXTs
 *   test_core numbers FILE          zsmp_format_number: each case line
 *                                   "VALUE<TAB>TEXT" (VALUE read by strtod,
 *                                   TEXT the expected output), then 10^6
 *                                   random values: the text reads back as the
 *                                   value, in no more significant digits than
 *                                   the shortest %.*e form that reads back;
 *                                   and zsmp_decimal_to_double equals strtod
 *                                   for 10^6 random mantissas and exponents;
 *                                   zsm_numeral_parse's shortcut for plain
 *                                   figures equals the general parser on
 *                                   3 x 10^5 random plain figures and near
 *                                   misses
 *
 * Ends with "N passed, N failed".
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "unit.h"
#include "zsm_first_next.h"
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_numchar.h"
#include "zsm_regex.h"

#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- numchars */

/* Does the whole of s match `code`? */
static int full_match(const void *code, pcre2_match_data *md, const char *s)
{
    return pcre2_match(zsmp_regex_code(code), (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) >= 0;
}

/* The rules file at path, or NULL (with a message). */
static zsm_rules *load_rules(const char *path)
{
    size_t len = 0;
    char *json = read_file(path, &len);
    zsm_error err;
    zsm_rules *rules = json ? zsm_rules_parse(json, len, path, &err) : NULL;
    free(json);
    if (!rules)
        printf("cannot load %s\n", path);
    return rules;
}

/* The normalized text of the file at path (malloc'd), or NULL (with a message). */
static char *normalized_file(const char *path)
{
    size_t len = 0;
    char *raw = read_file(path, &len);
    char *text = raw ? zsmp_normalize_string(raw) : NULL;
    free(raw);
    if (!text)
        printf("cannot read %s\n", path);
    return text;
}

static int numchars(const char *rules_path)
{
    zsm_error err;
    zsm_rules *rules = load_rules(rules_path);
    if (!rules)
        return 2;
    void *code = NULL;
    if (zsmp_pattern_compile(&rules->fragments, rules_path, "test", "\\A(?:{{NUM}})\\z", 0, &code,
                             &err)) {
        printf("{{NUM}} does not compile: %s\n", err.message);
        return 2;
    }
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    /* The rules' set of numeral characters (the base of the period scan's
     * and the tokenizer's prefilters) is built from the BMP: no numeral
     * character lies beyond it.  Both prefilters hold every one, and the
     * tokenizer's the vague words too. */
    int beyond = 0;
    for (uint32_t cp = 0x10000; cp <= 0x10FFFF; cp++)
        beyond += zsmp_numeral_char_classify(cp);
    check(beyond == 0, "%d numeral characters beyond the BMP", beyond);
    /* The bitmap is built from the candidates: it must hold what the
     * classifier accepts, everywhere. */
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        check(zsmp_is_numeral_char(cp) == zsmp_numeral_char_classify(cp),
              "U+%04X: the numeral bitmap and the classifier disagree", (unsigned)cp);
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        check(!zsmp_is_numeral_char(cp) || (zsmp_first_has(&rules->numerals, cp) &&
                                            zsmp_first_has(&rules->period_openings.chars, cp) &&
                                            zsmp_first_has(&rules->figure_openers, cp)),
              "U+%04X: a numeral character not in the rules' sets", (unsigned)cp);
    for (int k = 0; k < ZSMP_VAGUE_WORDS; k++)
        check(zsmp_first_has(&rules->figure_openers, zsmp_vague_words[k]),
              "U+%04X: a vague word not among the figure openers", (unsigned)zsmp_vague_words[k]);
    for (uint32_t cp = 0x20; cp < 0x10000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char c[8] = {0}, one[16] = "一", digit[16] = "1";
        c[zsmp_utf8_put(cp, c)] = '\0';
        char *norm = zsmp_normalize_string(c);
        int stable = norm && strcmp(norm, c) == 0;
        free(norm);
        if (!stable)
            continue; /* rules only ever see normalized text */
        strcat(one, c);
        strcat(digit, c);
        /* A multiplier needs a digit before it (一百, 1万 is NUM_AR's own). */
        int in_num =
            full_match(code, md, c) || full_match(code, md, one) || full_match(code, md, digit);
        int numeral = zsmp_is_numeral_char(cp);
        char hex[16];
        snprintf(hex, sizeof hex, "U+%04X", (unsigned)cp);
        check(in_num == numeral,
              numeral ? "%s %s: a numeral character that {{NUM}} does not accept"
                      : "%s %s: {{NUM}} accepts a character that is not a numeral character",
              hex, c);
    }
    pcre2_match_data_free(md);
    zsmp_regex_free(code);
    zsm_rules_free(rules);
    return 0;
}

/* -------------------------------------------------------------- numbers */

/* Significant digits of a decimal text (1.500 -> 2, 0.00003 -> 1, 230 -> 2). */
static int significant(const char *s)
{
    char digits[64];
    size_t n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && n < sizeof digits)
            digits[n++] = *s;
    size_t a = 0;
    while (a < n && digits[a] == '0')
        a++;
    while (n > a && digits[n - 1] == '0')
        n--;
    return n > a ? (int)(n - a) : 1;
}

static int shortest_digits(double v)
{
    char buf[40];
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, v);
        if (strtod(buf, NULL) == v)
            return prec + 1;
    }
    return 17;
}

static void check_number(double v)
{
    char text[ZSMP_NUMBER_MAX], want[64];
    zsmp_format_number(v, text);
    snprintf(want, sizeof want, "%.17g", v);
    check(strtod(text, NULL) == v || (v != v), "%s does not read back as %s", text, want);
    check(v == 0 || significant(text) <= shortest_digits(v), "%s is not the shortest text of %s",
          text, want);
    check(strchr(text, 'e') == NULL || fabs(v) < 1e-15 || fabs(v) >= 1e21,
          "%s is in exponent form (%s)", text, want);
}

/* Values as reports give them (k / 10^d, k * 10^d), integers, and doubles
 * of random bit patterns. */
static double random_value(void)
{
    uint64_t r = next_random();
    switch (r % 4) {
    case 0: return (double)(next_random() % 100000000) / pow(10, (double)(next_random() % 12));
    case 1: return (double)(next_random() % 1000) * pow(10, (double)(next_random() % 20));
    case 2: return (double)(next_random() % 10000000000ull);
    default: {
        uint64_t bits = next_random();
        double v;
        memcpy(&v, &bits, sizeof v);
        return isfinite(v) ? v : 1.5;
    }
    }
}

/* zsm_numeral_parse's shortcut for plain figures (38, 64.10, 0008000万,
 * 5.8万亿) gives exactly what the general parser gives, field by field -
 * and so does every near miss it must leave to the parser (1,000, 64., .5,
 * 3千万, 5亿元, 19 digits). */
static void same_numeral(const char *s)
{
    zsm_numeral a, b;
    size_t la = zsm_numeral_parse(s, strlen(s), &a),
           lb = zsmp_numeral_parse_general(s, strlen(s), &b);
    check(la == lb && a.len == b.len && a.placeholder == b.placeholder &&
              a.mantissa == b.mantissa && a.exp10 == b.exp10 &&
              memcmp(&a.value, &b.value, sizeof a.value) == 0 && a.place == b.place,
          "«%s»: %zu %llu e%d place %d, the parser %zu %llu e%d place %d", s, la,
          (unsigned long long)a.mantissa, a.exp10, a.place, lb, (unsigned long long)b.mantissa,
          b.exp10, b.place);
}

static void plain_numerals(void)
{
    static const char *const tails[] = {"",  "万",   "亿", "万亿", "千万", "元",  "万元",
                                        "%", ",000", ".",  "亿万", " 万",  "万5", "个"};
    static const char *const fixed[] = {"0",
                                        "00",
                                        "0.0",
                                        "0.5",
                                        ".5",
                                        "5.",
                                        "1,000",
                                        "１２",
                                        "999999999999999999",
                                        "9999999999999999999",
                                        "1.5.2"};
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
        same_numeral(fixed[k]);
    for (int i = 0; i < 300000; i++) {
        char s[64];
        size_t n = 0, whole = 1 + next_random() % 20,
               frac = next_random() % 3 ? 0 : next_random() % 8;
        for (size_t d = 0; d < whole; d++) /* leading and trailing zeros often */
            s[n++] = (char)('0' + (next_random() % 3 ? next_random() % 10 : 0));
        if (frac || next_random() % 10 == 0)
            s[n++] = '.';
        for (size_t d = 0; d < frac; d++)
            s[n++] = (char)('0' + (next_random() % 3 ? next_random() % 10 : 0));
        s[n] = '\0';
        strcat(s, tails[next_random() % (sizeof tails / sizeof tails[0])]);
        same_numeral(s);
    }
}

/* zsmp_sort_stable: the order of a reference sort that breaks ties by
 * the original position, on arrays nearly in order (the hits and items it
 * sorts), reversed (past its budget of moves: the fallback) and random,
 * all with many equal keys. */
typedef struct sort_elem {
    unsigned key, pos;
} sort_elem;

static int by_key(const void *a, const void *b)
{
    unsigned x = ((const sort_elem *)a)->key, y = ((const sort_elem *)b)->key;
    return x < y ? -1 : x > y;
}

static int by_key_then_pos(const void *a, const void *b)
{
    int c = by_key(a, b);
    unsigned x = ((const sort_elem *)a)->pos, y = ((const sort_elem *)b)->pos;
    return c ? c : x < y ? -1 : x > y;
}

static void sort_cases(void)
{
    enum { N = 3000 };
    static sort_elem got[N], want[N];
    for (int shape = 0; shape < 3; shape++) {
        for (int round = 0; round < 20; round++) {
            size_t n = (size_t)(next_random() % N) + 1;
            for (size_t i = 0; i < n; i++) {
                unsigned k = shape == 0   ? (unsigned)(i / 4 * 4 + next_random() % 8) /* nearly */
                             : shape == 1 ? (unsigned)(n - i) / 2                     /* reversed */
                                          : (unsigned)(next_random() % 50);           /* random */
                got[i] = want[i] = (sort_elem){k, (unsigned)i};
            }
            zsmp_sort_stable(got, n, sizeof *got, by_key);
            qsort(want, n, sizeof *want, by_key_then_pos);
            check(memcmp(got, want, n * sizeof *got) == 0, "sort: shape %d, %zu elements", shape,
                  n);
        }
    }
}

static int numbers(const char *path)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        perror(path);
        return 2;
    }
    char line[256];
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char text[ZSMP_NUMBER_MAX];
        zsmp_format_number(strtod(line, NULL), text);
        check(strcmp(text, tab + 1) == 0, "expected %s, got %s", tab + 1, text);
    }
    fclose(in);
    for (int i = 0; i < 1000000; i++)
        check_number(random_value());
    /* The numeral parser's decimal -> double equals strtod of the decimal
     * text, on the fast path (short mantissas) and off it. */
    for (int i = 0; i < 1000000; i++) {
        uint64_t r = next_random();
        uint64_t m = r % 3 == 0   ? next_random() % 100000000
                     : r % 3 == 1 ? next_random() % 10000000000000000ull
                                  : next_random();
        int e = (int)(next_random() % 61) - 30;
        char text[48];
        snprintf(text, sizeof text, "%llue%d", (unsigned long long)m, e);
        double want = strtod(text, NULL), got = zsmp_decimal_to_double(m, e);
        check(memcmp(&want, &got, sizeof want) == 0, "%s: %.17g, strtod %.17g", text, got, want);
    }
    /* 10^k equals strtod of "1e<k>" (correctly rounded), in range and out. */
    for (int k = -30; k <= 30; k++) {
        char text[16];
        snprintf(text, sizeof text, "1e%d", k);
        double want = strtod(text, NULL), got = zsmp_pow10(k);
        check(memcmp(&want, &got, sizeof want) == 0, "10^%d: %.17g, strtod %.17g", k, got, want);
    }
    plain_numerals();
    sort_cases();
    return 0;
}

/* -------------------------------------------------------------- periods */

static void period_case(zsm_rules *rules, const char *text, const char *want, int ln)
{
    char *norm = zsmp_normalize_string(text);
    zsmp_lookup lk;
    char got[256] = "-", where[32];
    snprintf(where, sizeof where, "line %d", ln);
    if (!norm || zsmp_lookup_init(&lk, rules, norm, strlen(norm))) {
        check(0, "%s: %s", where, "out of memory");
        free(norm);
        return;
    }
    size_t n = strlen(norm);
    zsmp_period p;
    zsmp_date d;
    if (strncmp(want, "date ", 5) == 0) {
        strcpy(got, "date -");
        int found = zsmp_date_find(norm, 0, n, &d);
        if (found)
            snprintf(got, sizeof got, "date %04d-%02d-%02d", d.year, d.month, d.day);
        zsmp_date e;
        int ending = zsmp_date_find_ending(norm, 0, n, &e);
        check(ending == (found && d.end == n) && (!ending || e.start == d.start),
              "%s «%s»: zsmp_date_find_ending says %d", where, text, ending);
    } else if (zsmp_period_find(&lk, norm, 0, n, &p)) {
        char offset[8] = "-";
        if (p.year_offset != ZSMP_NO_OFFSET)
            snprintf(offset, sizeof offset, "%d", p.year_offset);
        snprintf(got, sizeof got, "%.*s %d %s %d %d", (int)(p.end - p.start), norm + p.start,
                 p.year, offset, p.from, p.to);
    }
    check(strcmp(got, want) == 0, "%s «%s»: expected «%s», got «%s»", where, text, want, got);
    zsmp_lookup_free(&lk);
    free(norm);
}

/* The period scan the plain way: a phrase may open at the first numeral
 * of every run of them, and at every occurrence of a period word that an
 * unanchored search for that word, begun where its last occurrence ends,
 * finds; the places in order, each tried with zsmp_period_at unless the
 * last phrase covers it. */
static const zsmp_lex_id period_words[] = {
    ZSMP_LEX_PERIOD_FIRST_HALF, ZSMP_LEX_PERIOD_SECOND_HALF, ZSMP_LEX_PERIOD_THREE_QUARTERS,
    ZSMP_LEX_PERIOD_Q1,         ZSMP_LEX_PERIOD_Q2,          ZSMP_LEX_PERIOD_Q3,
    ZSMP_LEX_PERIOD_Q4,         ZSMP_LEX_PERIOD_WHOLE_YEAR,  ZSMP_LEX_PERIOD_THIS_YEAR,
    ZSMP_LEX_PERIOD_LAST_YEAR,  ZSMP_LEX_PERIOD_NEXT_YEAR,   ZSMP_LEX_PERIOD_UNTIL};

static int is_numeral_at(const char *s, size_t i)
{
    uint32_t cp;
    zsmp_text_get(s, i, &cp);
    return zsmp_is_numeral_char(cp);
}

static size_t scan_by_words(zsmp_lookup *lk, const char *s, size_t n, zsmp_period *out, size_t max)
{
    unsigned char *opens = calloc(n + 1, 1);
    for (size_t i = 0; i < n; i = zsmp_next_char(s, i, n))
        opens[i] = is_numeral_at(s, i) && !(i > 0 && is_numeral_at(s, zsmp_char_start(s, i - 1)));
    for (size_t w = 0; w < sizeof period_words / sizeof period_words[0]; w++) {
        size_t ms, me;
        for (size_t at = 0; at < n && zsmp_lexicon_search(lk, period_words[w], at, n,
                                                          ZSMP_LEX_FIRST, &ms, &me) > 0;
             at = me)
            opens[ms] = 1;
    }
    size_t count = 0, done = 0;
    for (size_t i = 0; i < n && count < max; i++) {
        zsmp_period p;
        if (!opens[i] || i < done ||
            (i > 1 && (s[i - 1] == '-' || s[i - 1] == '~') && s[i - 2] >= '0' && s[i - 2] <= '9'))
            continue;
        if (zsmp_period_at(lk, s, i, n, &p)) {
            out[count++] = p;
            done = p.end;
        }
    }
    free(opens);
    return count;
}

/* zsmp_periods_scan against scan_by_words over a text. */
static void periods_sound(zsm_rules *rules, const char *file)
{
    char *text = normalized_file(file);
    zsmp_lookup lk;
    if (!text || zsmp_lookup_init(&lk, rules, text, strlen(text))) {
        check(0, "%s: cannot read or index", file);
        free(text);
        return;
    }
    size_t n = strlen(text), max = n / 3 + 1;
    zsmp_period *want = calloc(max, sizeof *want);
    size_t count = scan_by_words(&lk, text, n, want, max);
    zsmp_periods got;
    check(zsmp_periods_scan(&lk, text, 0, n, &got) == ZSM_OK, "%s: scan failed", file);
    check(got.count == count, "%s: %zu periods, the plain scan finds %zu", file, got.count, count);
    for (size_t k = 0; k < got.count && k < count; k++)
        check(got.items[k].start == want[k].start && got.items[k].end == want[k].end,
              "%s: period %zu at %zu-%zu, the plain scan's at %zu-%zu", file, k,
              (size_t)got.items[k].start, (size_t)got.items[k].end, (size_t)want[k].start,
              (size_t)want[k].end);
    /* A line at a time (as relate reads them): the whole scan's phrases
     * starting in that line. */
    size_t k = 0;
    for (size_t line = 0; line < n;) {
        const char *nl = memchr(text + line, '\n', n - line);
        size_t end = nl ? (size_t)(nl - text) : n;
        zsmp_periods one, half;
        check(zsmp_periods_scan(&lk, text, line, end, &one) == ZSM_OK, "%s: scan failed", file);
        for (size_t j = 0; j < one.count; j++, k++)
            check(k < got.count && one.items[j].start == got.items[k].start &&
                      one.items[j].end == got.items[k].end,
                  "%s: line at %zu, period %zu at %zu-%zu: not the whole scan's", file, line, j,
                  (size_t)one.items[j].start, (size_t)one.items[j].end);
        /* Up to the middle of the line (as relate stops at its last
         * figure): the line's phrases starting before it. */
        size_t mid = zsmp_char_start(text, line + (end - line) / 2), before = 0;
        check(zsmp_periods_scan(&lk, text, line, mid, &half) == ZSM_OK, "%s: scan failed", file);
        while (before < one.count && one.items[before].start < mid)
            before++;
        check(half.count == before, "%s: line at %zu up to %zu: %zu periods, not %zu", file, line,
              mid, half.count, before);
        for (size_t j = 0; j < half.count && j < before; j++)
            check(half.items[j].start == one.items[j].start &&
                      half.items[j].end == one.items[j].end,
                  "%s: line at %zu up to %zu: period %zu differs", file, line, mid, j);
        zsmp_periods_free(&half);
        zsmp_periods_free(&one);
        line = end + 1;
    }
    check(k == got.count, "%s: %zu periods line by line, %zu in one scan", file, k, got.count);
    printf("%s: %zu periods\n", file, got.count);
    zsmp_periods_free(&got);
    free(want);
    zsmp_lookup_free(&lk);
    free(text);
}

static int periods(const char *rules_path, const char *path, int nfiles, char **files)
{
    size_t len = 0;
    char *json = read_file(rules_path, &len);
    zsm_error err;
    zsm_rules *rules = json ? zsm_rules_parse(json, len, rules_path, &err) : NULL;
    free(json);
    FILE *in = fopen(path, "r");
    if (!rules || !in) {
        printf("cannot read %s or %s\n", rules_path, path);
        zsm_rules_free(rules);
        if (in)
            fclose(in);
        return 2;
    }
    char line[1024];
    int ln = 0;
    while (fgets(line, sizeof line, in)) {
        ln++;
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!line[0] || line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        period_case(rules, line, tab + 1, ln);
    }
    fclose(in);
    for (int fi = 0; fi < nfiles; fi++)
        periods_sound(rules, files[fi]);
    zsm_rules_free(rules);
    return 0;
}

/* ---------------------------------------------------------------- first */

/* A pattern, whether its first set is known, code points it must hold and
 * code points it must not (space-separated UTF-8 characters), and its
 * longest match in bytes (INF: unbounded or unknown). */
#define INF SIZE_MAX
static const struct first_case {
    const char *pattern;
    int known;
    const char *has, *lacks;
    size_t max_len;
} first_cases[] = {
    {"约|大约|近", 1, "约 大 近", "多 余", 6},
    {"\\s?以上", 1, "以", "上", 7},
    {"(?:下降|减少)了?", 1, "下 减", "了", 9},
    {"[^a]b", 0, "", "", 5},
    {".b", 0, "", "", 5},
    {"a?", 0, "", "", 1},
    {"a|", 0, "", "", 1},
    {"(?<=x)ab", 1, "a", "x b", 2},
    {"(?!x)ab", 1, "a", "x b", 2},
    {"(?=x)", 0, "", "", 0},
    {"(?:ab)*c", 1, "a c", "b", INF},
    {"a{0,3}b", 1, "a b", "c", 4},
    {"a{2}b", 1, "a", "b", 3},
    {"a{,2}b", 1, "a", "b", 6}, /* not a quantifier in PCRE2 10.42: "a{,2}b" literally */
    {"[\\x{3400}-\\x{9FFF}]{2}镇", 0, "", "", 9},
    {"[0-9０-９]+亿", 1, "0 5 9 ０ ９", "亿 a", INF},
    {"\\d+%", 1, "0 9", "%", INF},
    {"\\Gab", 0, "", "", INF},
    /* \K: an attempt still begins at the separator; only the match reported starts later */
    {"[、,]\\Kab", 1, "、 ,", "a b", 5},
    {"\\Kab", 1, "a", "b", 2},
    {"(?i)ab", 0, "", "", INF},
    {"(*UTF)ab", 0, "", "", INF},
    {"(a)\\1", 0, "", "", INF},
    {"(?<name>ab)c", 1, "a", "c", 3},
    {"(?P<n>x)", 1, "x", "", 1},
    {"\\x{4E07}元", 1, "万", "元", 6},
    {"\\(含\\)", 1, "(", "含", 5},
    {"[]a]", 1, "] a", "b", 1},
    {"[a\\-z]", 1, "a - z", "b", 1},
    {"[\\d.]", 1, "0 .", "a", 1},
    {"\\bfoo", 1, "f", "o", 3},
    {"^\\s*(?:第|其中)", 1, "第 其", "中", INF},
    {"\\S", 0, "", "", 4},
    {"\\p{Han}", 0, "", "", 4},
    {"(?:(?!总|签约)[^,;]){1,6}?投资", 0, "", "", 30},
    {"(?:(?:全|我|本)(?:省|市))", 1, "全 我 本", "省", 6},
    {"[$￥]\\s?\\d", 1, "$ ￥", "0", 5},
    {"US\\$|\\$", 1, "U $", "S", 3},
    {"(?>ab|c)d", 1, "a c", "d", 3},
    {"a)b", 0, "", "", INF},
    {"(ab", 0, "", "", INF},
    {"[ab", 0, "", "", INF},
};

static uint32_t first_cp(const char **p)
{
    while (**p == ' ')
        (*p)++;
    uint32_t cp = 0;
    size_t n = **p ? zsmp_utf8_get((const unsigned char *)*p, strlen(*p), &cp) : 0;
    *p += n;
    return n ? cp : UINT32_MAX;
}

static void first_concrete(void)
{
    for (size_t i = 0; i < sizeof first_cases / sizeof first_cases[0]; i++) {
        const struct first_case *c = &first_cases[i];
        zsmp_first f;
        zsmp_first_read(&f, NULL, c->pattern, strlen(c->pattern));
        check(f.known == c->known, "first %s: known %d, expected %d", c->pattern, f.known,
              c->known);
        check(f.max_len == c->max_len, "first %s: longest match %zu, expected %zu", c->pattern,
              f.max_len, c->max_len);
        uint32_t cp;
        for (const char *p = c->has; (cp = first_cp(&p)) != UINT32_MAX;)
            check(f.known && zsmp_first_has(&f, cp), "first %s: lacks U+%04X", c->pattern,
                  (unsigned)cp);
        for (const char *p = c->lacks; (cp = first_cp(&p)) != UINT32_MAX;)
            check(!zsmp_first_has(&f, cp), "first %s: holds U+%04X", c->pattern, (unsigned)cp);
    }
}

/* Every place of text where `source` (compiled anchored) matches begins
 * with a code point of its first set, and no match is longer than the
 * longest the pattern was read to allow. */
static void first_sound(const zsm_rules *rules, const char *what, const char *source,
                        const char *text, size_t len, pcre2_match_data *md, int *known)
{
    void *code = NULL;
    zsmp_first f;
    zsm_error err;
    if (zsmp_pattern_compile_first(&rules->fragments, "rules", what, source, 1, &code, &f, NULL,
                                   &err)) {
        check(0, "%s does not compile: %s", what, err.message);
        return;
    }
    *known += f.known;
    for (size_t i = 0; (f.known || f.max_len != SIZE_MAX) && i < len;) {
        uint32_t cp;
        size_t k = zsmp_utf8_get((const unsigned char *)text + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        int rc = pcre2_match(zsmp_regex_code(code), (PCRE2_SPTR)text, len, i, PCRE2_NO_UTF_CHECK,
                             md, rules->match_context);
        if (f.known && !zsmp_first_has(&f, cp))
            check(rc == PCRE2_ERROR_NOMATCH, "%s matches at byte %zu, U+%04X not in its set", what,
                  i, (unsigned)cp);
        if (rc > 0) {
            size_t n = pcre2_get_ovector_pointer(md)[1] - i;
            check(n <= f.max_len, "%s matches %zu bytes at byte %zu, longer than %zu", what, n, i,
                  f.max_len);
        }
        i += k;
    }
    zsmp_regex_free(code);
}

/* A search of each line of text for `source` finds the same match when the
 * subject ends where zsmp_first_end says no match reads past, and when it
 * also begins where zsmp_first_begin says no match starts before. */
static void last_sound(const zsm_rules *rules, const char *what, const char *source,
                       const char *text, size_t len, pcre2_match_data *md, int *known)
{
    void *code = NULL;
    zsmp_first f, last;
    zsm_error err;
    if (zsmp_pattern_compile_first(&rules->fragments, "rules", what, source, 0, &code, &f, &last,
                                   &err)) {
        check(0, "%s does not compile: %s", what, err.message);
        return;
    }
    *known += last.known;
    zsmp_starts st = {&rules->first_classes, text, len, NULL, NULL, 0, NULL};
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    for (size_t a = 0; last.known && a < len;) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        size_t end = zsmp_first_end(&st, &last, a, b);
        int full = pcre2_match(zsmp_regex_code(code), (PCRE2_SPTR)text, b, a, PCRE2_NO_UTF_CHECK,
                               md, NULL) > 0;
        size_t s0 = ov[0], e0 = ov[1];
        int cut = end > a && pcre2_match(zsmp_regex_code(code), (PCRE2_SPTR)text, end, a,
                                         PCRE2_NO_UTF_CHECK, md, NULL) > 0;
        check(full == cut && (!full || (ov[0] == s0 && ov[1] == e0)),
              "%s: bytes %zu-%zu, search stopped at %zu finds %s", what, a, b, end,
              full == cut ? "another match"
              : cut       ? "a match"
                          : "no match");
        size_t begin = end > a ? zsmp_first_begin(&st, &f, &last, a, end) : a;
        int late = end > a && pcre2_match(zsmp_regex_code(code), (PCRE2_SPTR)text, end, begin,
                                          PCRE2_NO_UTF_CHECK, md, NULL) > 0;
        check(full == late && (!full || (ov[0] == s0 && ov[1] == e0)),
              "%s: bytes %zu-%zu, search begun at %zu finds %s", what, a, b, begin,
              full == late ? "another match"
              : late       ? "a match"
                           : "no match");
        a = b + 1;
    }
    zsmp_regex_free(code);
}

/* The document index's shortcuts change no answer: zsmp_first_next and
 * zsmp_first_end with block summaries and stored classes equal the same
 * searches with classes read off the characters (a text above
 * ZSMP_STARTS_CLASSES_MAX), and without summaries either, and stored
 * classes tested one at a time equal them tested sixteen at once, for every set of
 * the rules with a slot, from every 5th character over 1-3000 bytes. */
static void blocks_sound(const zsm_rules *rules, const char *text, size_t len)
{
    zsmp_starts st, unstored;
    if (zsmp_starts_index(&st, &rules->first_classes, text, len, 1) ||
        zsmp_starts_index(&unstored, &rules->first_classes, text, len, 0)) {
        check(0, "cannot index the text");
        return;
    }
    zsmp_starts plain = unstored, narrow = st;
    plain.blocks = NULL;
    narrow.wide = 0; /* scalar; st is the wide scan where the CPU has one */
    const zsmp_starts *modes[] = {&unstored, &plain, &narrow};
    const zsmp_first *sets[ZSMP_LEX_COUNT * 2 + 64];
    size_t n = 0;
    for (int e = 0; e < ZSMP_LEX_COUNT; e++) {
        sets[n++] = &rules->lexicon.entry[e].first;
        sets[n++] = &rules->lexicon.entry[e].last;
    }
    for (size_t r = 0; r < rules->count && n < sizeof sets / sizeof sets[0]; r++)
        sets[n++] = &rules->rules[r].first;
    for (size_t i = 0; i <= len; i++)
        check(st.cls[i] == zsmp_starts_class(&unstored, i),
              "the class at %zu differs when read off", i);
    size_t step = 0;
    for (size_t a = 0; a < len; a = zsmp_next_char(text, a, len)) {
        if (step++ % 5)
            continue;
        size_t b = a + 1 + (step * 7919) % 3000;
        b = b < len ? zsmp_char_start(text, b) : len;
        for (size_t k = 0; k < n; k++) {
            if (!sets[k]->known || sets[k]->slot < 0)
                continue;
            size_t next = zsmp_first_next(&st, sets[k], a, b);
            size_t end = zsmp_first_end(&st, sets[k], a, b);
            for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
                check(zsmp_first_next(modes[m], sets[k], a, b) == next,
                      "set %zu, mode %zu: the next place from %zu to %zu differs", k, m, a, b);
                check(zsmp_first_end(modes[m], sets[k], a, b) == end,
                      "set %zu, mode %zu: the end from %zu to %zu differs", k, m, a, b);
            }
        }
    }
    zsmp_starts_free(&st);
    zsmp_starts_free(&unstored);
}

/* A rule's "needs" holds wherever the rule matches: in each line and
 * sentence (up to 。) of the text, any place the rule matches at (tried at
 * every character) comes with a match of its needs pattern in the same
 * span.  Counts the rule's matches and the spans the filter passes by. */
static void needs_sound(const zsm_rules *rules, const char *text, size_t len, pcre2_match_data *md,
                        int *matched, int *passed_by)
{
    for (size_t a = 0; a < len;) {
        size_t b = a;
        while (b < len && text[b] != '\n' && strncmp(text + b, "。", 3) != 0)
            b++;
        for (size_t r = 0; r < rules->count; r++) {
            const zsmp_rule *rule = &rules->rules[r];
            if (!rule->needs_code)
                continue;
            int needed = 0, found = 0;
            for (size_t at = a; at < b && !needed; at = zsmp_next_char(text, at, b))
                needed = zsmp_regex_match(rule->needs_code, text, b, at, md, NULL, 1) > 0;
            for (size_t at = a; at < b; at = zsmp_next_char(text, at, b))
                if (zsmp_regex_match(rule->code, text, b, at, md, NULL, 1) > 0) {
                    found = 1;
                    check(needed, "%s matches at byte %zu, its needs nowhere in bytes %zu-%zu",
                          rule->id, at, a, b);
                }
            *matched += found;
            *passed_by += !needed;
        }
        a = b < len ? b + (text[b] == '\n' ? 1 : 3) : len;
    }
}

/* A pattern, the item whose reach is asked (its text, found in the
 * pattern) and how far past a match's start it can begin (INF: unknown). */
static const struct reach_case {
    const char *pattern, *item;
    size_t reach;
} reach_cases[] = {
    {"ab(?<value>c)", "(?<value>", 2},
    {"[、,]\\K\\s?(?<value>\\d+)", "(?<value>", 4}, /* \K: from where the attempt begins */
    {"(?=xyz)a{1,3}(?<value>\\d)", "(?<value>", 3}, /* a lookahead reads, consumes nothing */
    {"[^,]{0,2}(?<value>\\d)", "(?<value>", 8},     /* a negated class: any character, 4 bytes */
    {"签约(?:项目|合同)?(?<value>\\d)", "(?<value>", 12},
    {"\\((?<value>\\d)", "(?<value>", 1},
    {"(?<value>\\d)个", "(?<value>", 0},
    {"a|b(?<value>c)", "(?<value>", INF},       /* | outside every group */
    {"a*(?<value>c)", "(?<value>", INF},        /* unbounded */
    {"(?:x|yy)(?<value>c)?", "(?<value>", INF}, /* may be absent */
    {"(?:x|yy)(?<value>c)*", "(?<value>", INF},
    {"(a(?<value>b))", "(?<value>", INF},      /* inside a group */
    {"[(?<value>]", "(?<value>", INF},         /* inside a class */
    {"(?<=(?<value>\\d))a", "(?<value>", INF}, /* inside a lookbehind */
};

static void reach_concrete(void)
{
    for (size_t i = 0; i < sizeof reach_cases / sizeof reach_cases[0]; i++) {
        const struct reach_case *c = &reach_cases[i];
        size_t at = (size_t)(strstr(c->pattern, c->item) - c->pattern);
        size_t got = zsmp_first_reach(c->pattern, strlen(c->pattern), at);
        check(got == c->reach, "reach %s: %zu, expected %zu", c->pattern, got, c->reach);
    }
}

/* A rule tried only where a figure of its kind stands within its value's
 * reach (zsm_match.c) misses no match: wherever the rule matches in a
 * sentence of the text (tried at every character), its value begins no
 * further than value_reach past the place, inside a figure of the rule's
 * kind that the tokenizer found.  Counts the matches checked. */
static void reach_sound(const zsm_rules *rules, char *text, size_t len, pcre2_match_data *md,
                        int *checked)
{
    zsmp_text t = {0};
    t.s = text;
    t.len = len;
    zsmp_starts st;
    zsmp_tokens tok;
    if (zsmp_starts_index(&st, &rules->first_classes, text, len, 1)) {
        check(0, "cannot index the text");
        return;
    }
    if (zsmp_tokenize(rules, &t, &st, &tok)) {
        check(0, "cannot tokenize the text");
        zsmp_starts_free(&st);
        return;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    for (size_t s = 0; s < tok.count; s++) {
        const zsmp_sentence *sen = &tok.sentences[s];
        for (size_t r = 0; r < rules->count; r++) {
            const zsmp_rule *rule = &rules->rules[r];
            int g = rule->group[ZSMP_G_VALUE];
            if (rule->value_reach == SIZE_MAX || !g)
                continue;
            unsigned need = zsmp_figure_needed(rule->kind);
            for (size_t at = sen->start; at < sen->end; at = zsmp_next_char(text, at, sen->end)) {
                if (zsmp_regex_match(rule->code, text, sen->end, at, md, NULL, 1) <= 0 ||
                    ov[2 * g] == PCRE2_UNSET)
                    continue;
                size_t vs = ov[2 * g];
                check(vs >= at && vs - at <= rule->value_reach,
                      "%s: the value at byte %zu is beyond its reach %zu from %zu", rule->id, vs,
                      rule->value_reach, at);
                int in_figure = 0;
                for (size_t f = sen->first_figure; f < sen->first_figure + sen->figure_count; f++)
                    in_figure |= (tok.figures[f].kind & need) && tok.figures[f].start <= vs &&
                                 vs < tok.figures[f].end;
                check(in_figure, "%s: the value at byte %zu stands in no figure of its kind",
                      rule->id, vs);
                (*checked)++;
            }
        }
    }
    zsmp_tokens_free(&tok);
    zsmp_starts_free(&st);
}

/* The hits of the first `count` sentences matched in batches of `step`
 * (the last shorter), into all, and their counts per sentence into counts. */
static int match_in_batches(zsmp_matcher *m, size_t count, size_t step, zsmp_hits *all,
                            size_t *counts)
{
    zsmp_hits hits = {0};
    all->count = 0;
    for (size_t s0 = 0, s1; s0 < count; s0 = s1) {
        s1 = count - s0 > step ? s0 + step : count;
        if (zsmp_match_sentences(m, s0, s1, &hits, counts + s0) ||
            zsmp_grow((void **)&all->items, &all->cap, all->count + hits.count + 1,
                      sizeof *all->items)) {
            zsmp_hits_free(&hits);
            return -1;
        }
        memcpy(all->items + all->count, hits.items, hits.count * sizeof *hits.items);
        all->count += hits.count;
    }
    zsmp_hits_free(&hits);
    return 0;
}

/* Rules run over a batch of sentences one rule after another
 * (zsmp_match_sentences) find the hits, in the same order, that they find
 * over each sentence alone: batches of every size up to the largest give
 * the same hits as batches of one. */
static void batches_sound(const zsm_rules *rules, char *text, size_t len, int *compared)
{
    zsmp_text t = {0};
    t.s = text;
    t.len = len;
    zsmp_starts st;
    zsmp_tokens tok;
    zsmp_matcher m;
    if (zsmp_starts_index(&st, &rules->first_classes, text, len, 1)) {
        check(0, "cannot index the text");
        return;
    }
    if (zsmp_tokenize(rules, &t, &st, &tok) || zsmp_matcher_init(&m, rules, &t, &st, &tok)) {
        check(0, "cannot tokenize the text");
        zsmp_starts_free(&st);
        return;
    }
    zsmp_hits one = {0}, many = {0};
    size_t *one_counts = calloc(tok.count + 1, sizeof *one_counts);
    size_t *many_counts = calloc(tok.count + 1, sizeof *many_counts);
    const size_t steps[] = {7, ZSMP_MATCH_BATCH};
    check(one_counts && many_counts && match_in_batches(&m, tok.count, 1, &one, one_counts) == 0,
          "cannot match the text a sentence at a time");
    for (size_t k = 0; one_counts && many_counts && k < sizeof steps / sizeof steps[0]; k++) {
        if (match_in_batches(&m, tok.count, steps[k], &many, many_counts)) {
            check(0, "cannot match the text in batches of %zu", steps[k]);
            break;
        }
        check(many.count == one.count, "batches of %zu: %zu hits, %zu a sentence at a time",
              steps[k], many.count, one.count);
        for (size_t s = 0; s < tok.count; s++)
            check(many_counts[s] == one_counts[s], "batches of %zu: sentence %zu has %zu hits, %zu",
                  steps[k], s, many_counts[s], one_counts[s]);
        for (size_t i = 0; i < many.count && i < one.count; i++)
            check(memcmp(&many.items[i], &one.items[i], sizeof one.items[i]) == 0,
                  "batches of %zu: hit %zu (rule %u at %u) differs from a sentence at a time",
                  steps[k], i, (unsigned)many.items[i].rule, (unsigned)many.items[i].start);
        *compared += (int)one.count;
    }
    free(one_counts);
    free(many_counts);
    zsmp_hits_free(&one);
    zsmp_hits_free(&many);
    zsmp_matcher_free(&m);
    zsmp_tokens_free(&tok);
    zsmp_starts_free(&st);
}

/* The size of a pattern's JIT-compiled copy, 0 while it has none. */
static size_t jit_size(const void *re)
{
    size_t size = 0;
    const pcre2_code *jit = zsmp_regex_jitted(re);
    if (jit)
        pcre2_pattern_info(jit, PCRE2_INFO_JITSIZE, &size);
    return size;
}

/* No pattern is JIT-compiled when the rules load; in a short document a
 * pattern goes through the interpreter for its first ZSMP_JIT_AFTER
 * matches (fewer over long subjects) and is compiled at the next, in a
 * long one at its first. */
static void jit_when_paid(const zsm_rules *rules, pcre2_match_data *md)
{
    size_t jitted = 0, size = 0;
    for (size_t r = 0; r < rules->count; r++)
        jitted += jit_size(rules->rules[r].code) > 0;
    check(jitted == 0, "%zu rules JIT-compiled before any match", jitted);
    uint32_t have_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    check(!zsmp_regex_jit_now(ZSMP_JIT_DOC - 1) && zsmp_regex_jit_now(ZSMP_JIT_DOC),
          "a document of %d bytes is where compiles start to be done at once", ZSMP_JIT_DOC);
    const zsmp_rule *now = &rules->rules[0], *later = &rules->rules[1];
    zsmp_regex_match(now->code, "x", 1, 0, md, NULL, 1);
    size = jit_size(now->code);
    check(!have_jit || size > 0, "rule %s not JIT-compiled after its first match in a long text",
          now->id);
    for (int k = 0; k < ZSMP_JIT_AFTER; k++)
        zsmp_regex_match(later->code, "x", 1, 0, md, NULL, 0); /* a unit each */
    size = jit_size(later->code);
    check(size == 0, "rule %s JIT-compiled within its first %d matches in a short text", later->id,
          (int)ZSMP_JIT_AFTER);
    zsmp_regex_match(later->code, "x", 1, 0, md, NULL, 0);
    size = jit_size(later->code);
    check(!have_jit || size > 0, "rule %s not JIT-compiled after %d matches in a short text",
          later->id, (int)ZSMP_JIT_AFTER + 1);
    /* A match over a subject of ZSMP_JIT_AFTER units counts as that many. */
    const zsmp_rule *walk = &rules->rules[2];
    size_t n = (size_t)ZSMP_JIT_AFTER * ZSMP_JIT_UNIT;
    char *subject = malloc(n);
    if (!subject) {
        check(0, "out of memory");
        return;
    }
    memset(subject, 'x', n);
    zsmp_regex_match(walk->code, subject, n - ZSMP_JIT_UNIT, 0, md, NULL, 0);
    size = jit_size(walk->code);
    check(size == 0, "rule %s JIT-compiled after one match over %zu bytes", walk->id,
          n - ZSMP_JIT_UNIT);
    zsmp_regex_match(walk->code, subject, n, 0, md, NULL, 0);
    size = jit_size(walk->code);
    check(!have_jit || size > 0, "rule %s not JIT-compiled after matches over %zu bytes", walk->id,
          2 * n - ZSMP_JIT_UNIT);
    free(subject);
}

/* The built-in rules, whose patterns are compiled at their first use,
 * read the same as the rules file compiled at once: each rule's group
 * numbers (read off the text, not compiled), the match data's size, and
 * every pattern compiles. */
static void lazy_as_eager(const zsm_rules *eager)
{
    zsm_error err;
    zsm_rules *lazy = zsm_rules_default(&err);
    if (!lazy) {
        check(0, "the built-in rules do not load");
        return;
    }
    check(lazy->count == eager->count, "%zu built-in rules, %zu in the file", lazy->count,
          eager->count);
    check(lazy->max_groups == eager->max_groups, "match data for %u groups, PCRE2 counts %u",
          (unsigned)lazy->max_groups, (unsigned)eager->max_groups);
    for (size_t r = 0; r < lazy->count && r < eager->count; r++) {
        const zsmp_rule *a = &lazy->rules[r], *b = &eager->rules[r];
        size_t len;
        const char *source = zsmp_regex_source(a->code, &len);
        check(source != NULL, "rule %s compiled as it loaded", a->id);
        uint32_t read = 0, counted = 0; /* (the numbers are a->group, compared below) */
        if (source)
            check(zsmp_first_groups(source, len, NULL, 0, NULL, &read) == 0,
                  "rule %s: its groups are not read", a->id);
        pcre2_pattern_info(zsmp_regex_code(b->code), PCRE2_INFO_CAPTURECOUNT, &counted);
        check(read == counted, "rule %s: %u groups read, PCRE2 counts %u", a->id, (unsigned)read,
              (unsigned)counted);
        for (int g = 0; g < ZSMP_G_COUNT; g++)
            check(a->group[g] == b->group[g], "rule %s: group %d read as %d, PCRE2 numbers it %d",
                  a->id, g, a->group[g], b->group[g]);
        check(zsmp_regex_code(a->code) != NULL, "rule %s does not compile", a->id);
        check(!a->needs_code || zsmp_regex_code(a->needs_code) != NULL,
              "the needs of rule %s do not compile", a->id);
    }
    for (int e = 0; e < ZSMP_LEX_COUNT; e++) {
        const zsmp_lexicon_entry *le = &lazy->lexicon.entry[e];
        check(le->code && zsmp_regex_code(le->code) && zsmp_regex_code(le->anchored_code),
              "lexicon %s does not compile", zsmp_lexicon_name((zsmp_lex_id)e));
    }
    zsm_rules_free(lazy);
}

/* The interpreter and the JIT find the same match (return code and every
 * group) for pattern re at every place of each line of the text: which of
 * them a match goes through (zsm_regex.h) never changes a result.  Counts
 * the matches compared. */
static void interpreter_agrees(const char *id, void *re, const char *text, size_t len,
                               pcre2_match_data *md, pcre2_match_data *md2, int *compared)
{
    if (!re)
        return;
    pcre2_code *jit = zsmp_regex_jit(re), *code = zsmp_regex_code(re);
    if (!jit)
        return; /* compiled without the JIT (or no JIT here): the interpreter alone */
    uint32_t groups = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md), *ov2 = pcre2_get_ovector_pointer(md2);
    for (size_t a = 0; a < len;) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        for (size_t at = a; at < b; at = zsmp_next_char(text, at, b)) {
            int rc = pcre2_jit_match(jit, (PCRE2_SPTR)text, b, at, 0, md, NULL);
            int rc2 = pcre2_match(code, (PCRE2_SPTR)text, b, at, PCRE2_NO_UTF_CHECK, md2, NULL);
            int same = rc == rc2;
            for (uint32_t g = 0; same && rc > 0 && g <= groups; g++)
                same = ov[2 * g] == ov2[2 * g] && ov[2 * g + 1] == ov2[2 * g + 1];
            check(same, "%s at byte %zu: the JIT returns %d, the interpreter %d (or other groups)",
                  id, at, rc, rc2);
            *compared += rc > 0;
        }
        a = b + 1;
    }
}

/* Every pattern of the rules (rules, their needs, lexicon entries whole
 * and anchored) through the interpreter and the JIT over the texts. */
static int regex(const char *rules_path, int nfiles, char **files)
{
    zsm_rules *rules = load_rules(rules_path);
    if (!rules)
        return 2;
    pcre2_match_data *md = pcre2_match_data_create(rules->max_groups + 1, NULL);
    pcre2_match_data *md2 = pcre2_match_data_create(rules->max_groups + 1, NULL);
    int compared = 0;
    for (int fi = 0; fi < nfiles; fi++) {
        char *text = normalized_file(files[fi]);
        if (!text)
            return 2;
        size_t len = strlen(text);
        for (size_t r = 0; r < rules->count; r++) {
            const zsmp_rule *rule = &rules->rules[r];
            interpreter_agrees(rule->id, rule->code, text, len, md, md2, &compared);
            interpreter_agrees(rule->id, rule->needs_code, text, len, md, md2, &compared);
        }
        for (int e = 0; e < ZSMP_LEX_COUNT; e++) {
            const char *name = zsmp_lexicon_name((zsmp_lex_id)e);
            interpreter_agrees(name, rules->lexicon.entry[e].code, text, len, md, md2, &compared);
            interpreter_agrees(name, rules->lexicon.entry[e].anchored_code, text, len, md, md2,
                               &compared);
        }
        free(text);
    }
    uint32_t have_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    check(!have_jit || compared > 0, "no match to compare between the interpreter and the JIT");
    printf("matches the same through the interpreter and the JIT: %d\n", compared);
    pcre2_match_data_free(md2);
    pcre2_match_data_free(md);
    zsm_rules_free(rules);
    return 0;
}

static int first(const char *rules_path, int nfiles, char **files)
{
    first_concrete();
    reach_concrete();
    zsm_rules *rules = load_rules(rules_path);
    if (!rules)
        return 2;
    pcre2_match_data *md = pcre2_match_data_create(rules->max_groups + 1, NULL);
    jit_when_paid(rules, md);
    lazy_as_eager(rules);
    int known_rules = 0, known_lex = 0, known_last = 0, needs_matched = 0, needs_passed_by = 0,
        reach_checked = 0, batch_compared = 0;
    for (int fi = 0; fi < nfiles; fi++) {
        char *text = normalized_file(files[fi]);
        if (!text)
            return 2;
        known_rules = known_lex = 0;
        int known_needs = 0;
        for (size_t r = 0; r < rules->count; r++) {
            first_sound(rules, rules->rules[r].id, rules->rules[r].source, text, strlen(text), md,
                        &known_rules);
            if (rules->rules[r].needs_source)
                first_sound(rules, rules->rules[r].id, rules->rules[r].needs_source, text,
                            strlen(text), md, &known_needs);
        }
        known_last = 0;
        for (int e = 0; e < ZSMP_LEX_COUNT; e++) {
            first_sound(rules, zsmp_lexicon_name((zsmp_lex_id)e), rules->lexicon.entry[e].source,
                        text, strlen(text), md, &known_lex);
            last_sound(rules, zsmp_lexicon_name((zsmp_lex_id)e), rules->lexicon.entry[e].source,
                       text, strlen(text), md, &known_last);
        }
        blocks_sound(rules, text, strlen(text));
        needs_sound(rules, text, strlen(text), md, &needs_matched, &needs_passed_by);
        reach_sound(rules, text, strlen(text), md, &reach_checked);
        batches_sound(rules, text, strlen(text), &batch_compared);
        free(text);
    }
    check(needs_matched > 0 && needs_passed_by > 0,
          "the rules with needs matched in %d spans and were passed by in %d: both should be some",
          needs_matched, needs_passed_by);
    printf("rules with needs: matched in %d spans, passed by in %d\n", needs_matched,
           needs_passed_by);
    check(reach_checked > 0, "no match of a rule with a value reach to check");
    printf("matches of rules with a value reach: %d, each value in reach and in a figure\n",
           reach_checked);
    check(batch_compared > 0, "no hit to compare between batches and single sentences");
    printf("hits the same matched in batches of 7 and %d as a sentence at a time: %d\n",
           (int)ZSMP_MATCH_BATCH, batch_compared);
    printf("first sets known: %d of %zu rules, %d of %d lexicon entries (%d with a last item)\n",
           known_rules, rules->count, known_lex, (int)ZSMP_LEX_COUNT, known_last);
    pcre2_match_data_free(md);
    zsm_rules_free(rules);
    return 0;
}

/* Patterns and the strings they are read as, "|"-separated in the order
 * PCRE2 tries them; NULL: not read as strings. */
static const struct literal_case {
    const char *pattern, *strings;
} literal_cases[] = {
    {"上半年度|上半年", "上半年度|上半年"},
    {"合同(?:总)?(?:额|金额)", "合同总额|合同总金额|合同额|合同金额"},
    {"a(?:b)??c", "ac|abc"},
    {"投资额?", "投资额|投资"},
    {"[一二]季度", "一季度|二季度"},
    {"(?:第)?(一|1)季度", "第一季度|第1季度|一季度|1季度"},
    {"\\(含\\)以上", "(含)以上"},
    {"同比|", NULL},        /* matches empty */
    {"(?:a)?", NULL},       /* matches empty */
    {"预期(?!目标)", NULL}, /* lookahead */
    {"(?<!奋)力争", NULL},  /* lookbehind */
    {"[^,;]{0,2}的", NULL}, /* negated class, repeat */
    {"[0-9]月", NULL},      /* range */
    /* \s and \d (ASCII: no PCRE2_UCP) are their characters. */
    {"\\s?以上", "\t以上|\n以上|\v以上|\f以上|\r以上| 以上|以上"},
    {"第\\d季度",
     "第0季度|第1季度|第2季度|第3季度|第4季度|第5季度|第6季度|第7季度|第8季度|第9季度"},
    {"\\w以上", NULL}, /* \w */
    {"\\S以上", NULL}, /* \S */
    {"\\d+", NULL},    /* + */
    {"a*", NULL},      /* * */
    {"a?+b", NULL},    /* possessive */
    {"^年", NULL},     /* anchor */
    {"(?i)ab", NULL},  /* option */
    {"年.", NULL},     /* any character */
    {"(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)(?:k|l)(?:m|n)(?:o|p)(?:q|r)(?:s|t)(?:u|v)",
     NULL}, /* 2048 */
};

/* l holds exactly the '|'-separated strings: as many, and each, alone,
 * matched whole (the first string tried at a place is the match there). */
static void check_strings(const zsmp_literals *l, const char *what, const char *pattern,
                          const char *strings)
{
    size_t expected = 1;
    for (const char *p = strings; *p; p++)
        expected += *p == '|';
    check(l->count == expected, "%s %s: %zu strings, expected %zu", what, pattern, l->count,
          expected);
    for (const char *p = strings; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p), end = 0;
        int m = zsmp_literals_match(l, p, 0, n, &end);
        check(m && end == n, "%s %s: %.*s matches %zu bytes", what, pattern, (int)n, p,
              m ? end : 0);
        p += n + (bar != NULL);
    }
}

/* The strings of l in the order they are tried, "|"-separated: every
 * string is found by walking the trie with it, and the order is recovered
 * from the trie's terms (each string's index). */
static void literal_concrete(void)
{
    for (size_t i = 0; i < sizeof literal_cases / sizeof literal_cases[0]; i++) {
        const struct literal_case *c = &literal_cases[i];
        zsmp_literals l;
        int ok = zsmp_literals_read(&l, c->pattern, strlen(c->pattern));
        check(ok == (c->strings != NULL), "literal %s: read %d, expected %d", c->pattern, ok,
              c->strings != NULL);
        if (!ok || !c->strings) {
            zsmp_literals_free(&l);
            continue;
        }
        /* Each expected string, alone, is matched whole and is the
         * expected one in the order: the count of strings agrees, and a
         * string's match is itself unless an earlier string is its prefix. */
        check_strings(&l, "literal", c->pattern, c->strings);
        zsmp_literals_free(&l);
    }
    /* Order: the first string tried wins where several match. */
    zsmp_literals l;
    zsmp_literals_read(&l, "a(?:b)?\?(?:bc)?", strlen("a(?:b)?\?(?:bc)?"));
    size_t end = 0;
    check(zsmp_literals_match(&l, "abc", 0, 3, &end) && end == 3, "a(?:b)?\?(?:bc)?: abc is %zu",
          end);
    zsmp_literals_free(&l);
    zsmp_literals_read(&l, "ab|abc", 6);
    check(zsmp_literals_match(&l, "abcd", 0, 4, &end) && end == 2, "ab|abc: abcd is %zu", end);
    check(zsmp_literals_match(&l, "xabcd", 1, 5, &end) && end == 3, "ab|abc at 1: %zu", end);
    check(!zsmp_literals_match(&l, "abcd", 0, 1, &end), "ab|abc: a alone matches");
    zsmp_literals_free(&l);
    zsmp_literals_read(&l, "abc|ab", 6);
    check(zsmp_literals_match(&l, "abcd", 0, 4, &end) && end == 3, "abc|ab: abcd is %zu", end);
    check(zsmp_literals_match(&l, "abcd", 0, 2, &end) && end == 2, "abc|ab cut: %zu", end);
    zsmp_literals_free(&l);
}

static int is_numeral(uint32_t cp)
{
    return zsmp_is_numeral_char(cp);
}

/* zsmp_literals_after_run with the numerals as the run (what the period
 * scan reads off its words): a pattern, the characters after the run, in
 * any order (NULL: unknown). */
static const struct {
    const char *pattern, *after;
} after_run_cases[] = {
    {"上半年|1至6月|一至六月", "至"},
    {"第一季度|一季度|第1季度|1季度|首季度", "季"},
    {"1-3季度|一至三季度|前三季度", "-至"},
    {"今年|本年度", ""}, /* no string begins with a numeral */
    {"2023年|二〇二三年|10月", "年月"},
    {"1|1季度", NULL},                             /* a string of numerals alone */
    {"12|123季度", NULL},                          /* one ending within another's run */
    {"1甲|2乙|3丙|4丁|5戊|6己|7庚|8辛|9壬", NULL}, /* more than the eight kept */
};

static void after_run_concrete(void)
{
    for (size_t i = 0; i < sizeof after_run_cases / sizeof after_run_cases[0]; i++) {
        const char *pattern = after_run_cases[i].pattern, *want = after_run_cases[i].after;
        zsmp_literals l;
        uint32_t out[ZSMP_AFTER_NUMERALS_MAX];
        size_t n = 0;
        check(zsmp_literals_read(&l, pattern, strlen(pattern)), "after run: %s not read", pattern);
        int known = zsmp_literals_after_run(&l, is_numeral, out, ZSMP_AFTER_NUMERALS_MAX, &n);
        check(known == (want != NULL), "after run of %s: known %d", pattern, known);
        if (known && want) {
            size_t k = 0;
            for (const char *p = want; *p; k++) {
                uint32_t cp = 0;
                p += zsmp_utf8_get((const unsigned char *)p, strlen(p), &cp);
                size_t j = 0;
                while (j < n && out[j] != cp)
                    j++;
                check(j < n, "after run of %s: U+%04X missing", pattern, (unsigned)cp);
            }
            check(k == n, "after run of %s: %zu characters, expected %zu", pattern, n, k);
        }
        zsmp_literals_free(&l);
    }
}

/* zsmp_literals_read_lead: the strings every match begins with; `hit`
 * must be matched at its start, `miss` not; NULL strings: no lead. */
/* A pattern, the strings read off it ('|'-separated; NULL: none), a text
 * matched at its start and one not. */
struct set_case {
    const char *pattern, *strings, *hit, *miss;
};

static const struct set_case lead_cases[] = {
    {"(?<label>甲|乙)丙", "甲丙|乙丙", "乙丙丁", "乙丁"},
    {"(?:甲|乙)*丙\\d", "甲|乙|丙", "丙1", "丁"},
    {"(?:甲|)乙", "甲乙|乙", "乙", "甲丙"},
    {"甲+乙", "甲", "甲甲乙", "乙"},
    {"甲{0,2}乙", "甲|乙", "乙", "丙"},
    {"甲{2}乙", "甲", "甲甲乙", "乙"},
    {"(?P<x>(?:新|正式)*(?:签约|签订))[^,]{0,9}项目", "新|正式|签约|签订", "签订了", "签署"},
    /* \s and \d are read as characters for a whole entry alone. */
    {"(?:约|近)?\\s?(?:投资)", NULL, NULL, NULL},
    /* A lookaround reads nothing: the strings after it begin the match. */
    {"(?<=,)甲", "甲", "甲", "乙"},
    {"(?<!奋)力争|确保", "力争|确保", "确保", "奋力"},
    {"甲(?!乙|丙)丁", "甲丁", "甲丁", "甲乙"},
    {"(?=甲)?乙", NULL, NULL, NULL}, /* a repeated one: left unknown */
    {"(?<=,", NULL, NULL, NULL},     /* not closed */
    {"(?<=[,", NULL, NULL, NULL},    /* nor its class */
    {"(?i)甲", NULL, NULL, NULL},
    {"[^甲]乙", NULL, NULL, NULL},
    {"甲|\\d", NULL, NULL, NULL},
    {"(?<v>\\d+)个", NULL, NULL, NULL},
    {"(?:甲)?", NULL, NULL, NULL},
};

/* zsmp_literals_read_last: the union of every alternative's last item,
 * and where they begin. */
static const struct set_case last_cases[] = {
    {"(?:甲|乙){2,4}?(?:自治县|县|区)", "自治县|县|区", "自治县", "州"},
    {"[Xx]{1,4}(?:省|市)|(?:甲|乙){2,4}?(?:县|区)", "省|市|县|区", "市", "州"},
    {"甲县|乙区", "县|区", "区", "甲"},
    {"甲(?:县|区)|乙\\d", NULL, NULL, NULL},
    {"甲(?:县|区)(?=,)", NULL, NULL, NULL},
};

static void last_concrete(void)
{
    for (size_t i = 0; i < sizeof last_cases / sizeof last_cases[0]; i++) {
        const struct set_case *c = &last_cases[i];
        zsmp_literals l;
        zsmp_first where;
        memset(&where, 0, sizeof where);
        int ok = zsmp_literals_read_last(&l, &where, c->pattern, strlen(c->pattern));
        check(ok == (c->strings != NULL), "last of %s: read %d, expected %d", c->pattern, ok,
              c->strings != NULL);
        if (ok && c->strings) {
            size_t expected = 1, end;
            uint32_t cp;
            for (const char *p = c->strings; *p; p++)
                expected += *p == '|';
            check(l.count == expected, "last of %s: %zu strings, expected %zu", c->pattern, l.count,
                  expected);
            check(zsmp_literals_match(&l, c->hit, 0, strlen(c->hit), &end) && where.known &&
                      zsmp_utf8_get((const unsigned char *)c->hit, strlen(c->hit), &cp) &&
                      zsmp_first_has(&where, cp),
                  "last of %s: %s not matched, or its first character not in the set", c->pattern,
                  c->hit);
            check(!zsmp_literals_match(&l, c->miss, 0, strlen(c->miss), &end),
                  "last of %s: %s matched", c->pattern, c->miss);
        }
        zsmp_literals_free(&l);
    }
}

static void lead_concrete(void)
{
    for (size_t i = 0; i < sizeof lead_cases / sizeof lead_cases[0]; i++) {
        const struct set_case *c = &lead_cases[i];
        zsmp_literals l;
        int ok = zsmp_literals_read_lead(&l, c->pattern, strlen(c->pattern));
        check(ok == (c->strings != NULL), "lead of %s: read %d, expected %d", c->pattern, ok,
              c->strings != NULL);
        if (ok && c->strings) {
            size_t expected = 1, end;
            for (const char *p = c->strings; *p; p++)
                expected += *p == '|';
            check(l.count == expected, "lead of %s: %zu strings, expected %zu", c->pattern, l.count,
                  expected);
            check(zsmp_literals_match(&l, c->hit, 0, strlen(c->hit), &end) &&
                      zsmp_literals_any(&l, c->hit, 0, strlen(c->hit)),
                  "lead of %s: %s not matched", c->pattern, c->hit);
            check(!zsmp_literals_match(&l, c->miss, 0, strlen(c->miss), &end) &&
                      !zsmp_literals_any(&l, c->miss, 0, strlen(c->miss)),
                  "lead of %s: %s matched", c->pattern, c->miss);
        }
        zsmp_literals_free(&l);
    }
}

/* Every rule with a lead: wherever PCRE2 matches the rule anchored (the
 * subject ending at the line's end), its lead matches there too - the
 * lead never hides a match. */
static size_t matched_leads;
static void leads_sound(const zsm_rules *rules, const char *text, const char *file,
                        pcre2_match_data *md)
{
    size_t n = strlen(text), line_end = 0;
    for (size_t at = 0; at < n; at = zsmp_next_char(text, at, n)) {
        if (at >= line_end) {
            const char *nl = memchr(text + at, '\n', n - at);
            line_end = nl ? (size_t)(nl - text) : n;
        }
        for (size_t r = 0; r < rules->count; r++) {
            const zsmp_rule *rule = &rules->rules[r];
            size_t end;
            if (!rule->lead.count || pcre2_match(zsmp_regex_code(rule->code), (PCRE2_SPTR)text,
                                                 line_end, at, PCRE2_NO_UTF_CHECK, md, NULL) <= 0)
                continue;
            matched_leads++;
            check(zsmp_literals_match(&rule->lead, text, at, line_end, &end) &&
                      zsmp_literals_any(&rule->lead, text, at, line_end),
                  "rule %s matches at byte %zu of %s, its lead does not", rule->id, at, file);
        }
    }
}

/* zsmp_gate_read: the strings one of which every match consumes
 * ('|'-separated; NULL: no gate) and the barriers as the characters of
 * zsmp_barrier_chars it keeps (",;。:、!?" order). */
static const struct gate_case {
    const char *pattern, *strings, *barriers;
} gate_cases[] = {
    {"签约项目(?<value>\\d+)个", "签约项目", ",;。:、!?"}, /* the longer run */
    {"(?:甲|乙)[^,;。]{0,9}?丙丁", "丙丁", ",;。"},        /* a negated class */
    {"[^,;。:]{0,30}?的(?:全年|年度)?任务|\\s?(?:目标|指标)", "任务|目标|指标", ",;。:"},
    {"甲(?=,)乙", "乙", ",;。:、!?"}, /* a lookahead consumes nothing */
    {"(?<!,)甲乙", "甲乙", ",;。:、!?"},
    {"甲.乙", "乙", ""}, /* . consumes them all */
    {"[、:,]\\K\\s?乙", "乙", ";。!?"},
    {"[\\x{3000}-\\x{3010}]甲", "甲", ",;:!?"}, /* a range holding 、 and 。 */
    {"[!-?]甲", "甲", "。、"},                  /* one holding , ; : ! ? */
    {"[^\\S]甲", "甲", ",;。:、!?"},            /* [^\S] is \s */
    {"(?:甲乙){1,3}丙", "甲乙", ",;。:、!?"},   /* equal: the later wins, 甲乙 is longer */
    {"甲{2}乙", "乙", ",;。:、!?"},
    {"甲{2,}乙{1,3}", "乙", ",;。:、!?"}, /* a quantifier's comma is none */
    {"甲{1,2,3}乙", "乙", ""},            /* literal text: its commas are read */
    {"甲{,5}乙", NULL, NULL},             /* literal before PCRE2 10.43, a quantifier after */
    {"(?:签约|签订)(?:项目)?", "签约|签订", ",;。:、!?"},
    {"甲?乙*", NULL, NULL},
    {"甲|.", NULL, NULL},   /* an alternative holding no string */
    {"(?i)甲", NULL, NULL}, /* an option */
    {"甲(*SKIP)乙", NULL, NULL},
};

static void gate_concrete(void)
{
    for (size_t i = 0; i < sizeof gate_cases / sizeof gate_cases[0]; i++) {
        const struct gate_case *c = &gate_cases[i];
        zsmp_gate g;
        int ok = zsmp_gate_read(&g, c->pattern, strlen(c->pattern));
        check(ok == (c->strings != NULL), "gate of %s: read %d, expected %d", c->pattern, ok,
              c->strings != NULL);
        if (!ok || !c->strings) {
            zsmp_gate_free(&g);
            continue;
        }
        check_strings(&g.required, "gate of", c->pattern, c->strings);
        unsigned barriers = 0;
        for (int k = 0; k < ZSMP_BARRIERS; k++) {
            char w[5] = {0};
            zsmp_utf8_put(zsmp_barrier_chars[k], w);
            barriers |= strstr(c->barriers, w) ? 1u << k : 0;
        }
        check(g.barriers == barriers, "gate of %s: barriers %#x, expected %#x", c->pattern,
              g.barriers, barriers);
        zsmp_gate_free(&g);
    }
    /* The walk: a string before the first barrier opens, one after it not;
     * the memo answers the places up to where the walk stopped. */
    zsmp_gate g;
    const char *pat = "[^,;。]{0,20}?(?:签约|签订)";
    zsmp_gate_read(&g, pat, strlen(pat));
    const char *s = "共有5个项目签约,3个项目开工。"; /* 签约 at 16, the comma at 22 */
    size_t n = strlen(s);
    zsmp_gate_memo memo;
    memset(&memo, 0, sizeof memo);
    check(zsmp_gate_pass(&g, &memo, s, 0, n) && memo.stop == 16, "gate: 签约 not found from 0");
    check(zsmp_gate_pass(&g, &memo, s, 7, n) && memo.from == 0, "gate: 签约 not kept from 7");
    check(zsmp_gate_pass(&g, &memo, s, 16, n), "gate: 签约 not found at 16");
    check(!zsmp_gate_pass(&g, &memo, s, 23, n) && memo.stop == n - 3, "gate: open past the comma");
    check(zsmp_gate_pass(&g, &memo, s, 0, n), "gate: a place before the kept walk not walked");
    check(!zsmp_gate_pass(&g, &memo, s, 0, 18), "gate: 签约 cut by the subject's end");
    check(!zsmp_gate_pass(&g, &memo, s, 19, n) && memo.stop == 22, "gate: open inside 签约");
    /* Left off after a trial of 64 that shut fewer than one in eight. */
    memset(&memo, 0, sizeof memo);
    for (int k = 0; k < 64; k++)
        zsmp_gate_pass(&g, &memo, s, k < 60 ? 0 : 22, n);
    check(memo.off && zsmp_gate_pass(&g, &memo, s, 22, n), "gate: not left off");
    zsmp_gate_free(&g);
}

/* Gates of random patterns against PCRE2: patterns grown from pieces the
 * readers must get right (runs, plain and negated classes with marks in
 * them, ranges, groups with alternatives, every quantifier, lookarounds,
 * \s \d . \K), texts over the same characters; wherever PCRE2 matches a
 * pattern anchored at a place of a text, its gate is open there. */
static void random_piece(char *out, size_t cap, int depth)
{
    static const char *const atoms[] = {"甲",        "乙",
                                        "丙",        "甲乙",
                                        ",",         ";",
                                        "。",        ":",
                                        "、",        "!",
                                        "?",         "[甲乙]",
                                        "[、:,]",    "[^,;。]",
                                        "[^,;。、]", "[^甲]",
                                        "\\s",       "\\d",
                                        ".",         "\\K",
                                        "[!-?]",     "[\\x{3000}-\\x{3010}]",
                                        "(?=,)",     "(?!甲)",
                                        "(?<=乙)",   "(?<!;)",
                                        "[^\\S]",    "\\,"};
    static const char *const quantifiers[] = {"",  "",    "",      "?",      "*",
                                              "+", "{2}", "{0,3}", "{1,2}?", "??"};
    size_t n = strlen(out);
    if (depth < 2 && next_random() % 4 == 0) {
        char inner[256] = "";
        int alts = 1 + (int)(next_random() % 3);
        for (int a = 0; a < alts; a++) {
            if (a)
                snprintf(inner + strlen(inner), sizeof inner - strlen(inner), "|");
            for (int k = 1 + (int)(next_random() % 3); k > 0; k--)
                random_piece(inner, sizeof inner, depth + 1);
        }
        snprintf(out + n, cap - n, "(?:%s)%s", inner, quantifiers[next_random() % 10]);
        return;
    }
    const char *atom = atoms[next_random() % (sizeof atoms / sizeof atoms[0])];
    const char *q = atom[0] == '(' || !strcmp(atom, "\\K") ? "" : quantifiers[next_random() % 10];
    snprintf(out + n, cap - n, "%s%s", atom, q);
}

static void gates_random(void)
{
    static const char *const chars[] = {"甲", "乙", "丙", ",", ";", "。",
                                        ":",  "、", "!",  "?", "1", " "};
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    /* Nested repeats backtrack without end on a text they fail on: a limit,
     * and a place it stops at says nothing. */
    pcre2_match_context *limits = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(limits, 20000);
    size_t gated = 0, matched = 0;
    for (int i = 0; i < 3000; i++) {
        char pattern[1024] = "";
        for (int k = 1 + (int)(next_random() % 5); k > 0; k--)
            random_piece(pattern, sizeof pattern, 0);
        int code_err;
        PCRE2_SIZE at_err;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, strlen(pattern), PCRE2_UTF, &code_err,
                                         &at_err, NULL);
        zsmp_gate g;
        if (!code || !zsmp_gate_read(&g, pattern, strlen(pattern))) {
            pcre2_code_free(code);
            continue;
        }
        gated++;
        for (int t = 0; t < 20; t++) {
            char text[256] = "";
            for (int k = (int)(next_random() % 16); k > 0; k--)
                snprintf(text + strlen(text), sizeof text - strlen(text), "%s",
                         chars[next_random() % (sizeof chars / sizeof chars[0])]);
            size_t n = strlen(text);
            for (size_t at = 0; at <= n; at = at < n ? zsmp_next_char(text, at, n) : n + 1) {
                if (pcre2_match(code, (PCRE2_SPTR)text, n, at, PCRE2_ANCHORED, md, limits) <= 0)
                    continue;
                matched++;
                zsmp_gate_memo memo;
                memset(&memo, 0, sizeof memo);
                check(zsmp_gate_pass(&g, &memo, text, at, n),
                      "random gate of %s: shut at byte %zu of \"%s\", where PCRE2 matches", pattern,
                      at, text);
            }
        }
        zsmp_gate_free(&g);
        pcre2_code_free(code);
    }
    printf("random patterns with a gate: %zu, their anchored matches checked: %zu\n", gated,
           matched);
    pcre2_match_context_free(limits);
    pcre2_match_data_free(md);
}

/* Every rule and lexicon entry with a gate: wherever PCRE2 matches it
 * anchored (rules: the subject ending at the line's end; entries: at the
 * text's end and 1..8 characters on), the gate is open there - with a memo
 * kept from place to place (never left off) and with a fresh one. */
static size_t matched_gates;
static void gate_check(const zsmp_gate *g, zsmp_gate_memo *kept, const void *code, const char *text,
                       size_t at, size_t b, pcre2_match_data *md, const char *what,
                       const char *file)
{
    if (!g->required.count ||
        pcre2_match(code, (PCRE2_SPTR)text, b, at, PCRE2_NO_UTF_CHECK, md, NULL) <= 0)
        return;
    matched_gates++;
    zsmp_gate_memo fresh;
    memset(&fresh, 0, sizeof fresh);
    kept->tries = 0; /* never left off */
    check(zsmp_gate_pass(g, &fresh, text, at, b) && zsmp_gate_pass(g, kept, text, at, b),
          "%s matches at byte %zu of %s (subject end %zu), its gate is shut", what, at, file, b);
}

static void gates_sound(const zsm_rules *rules, const char *text, const char *file,
                        pcre2_match_data *md)
{
    size_t n = strlen(text), line_end = 0;
    zsmp_gate_memo *rule_memo = calloc(rules->count + 1, sizeof *rule_memo);
    zsmp_gate_memo entry_memo[ZSMP_LEX_COUNT][9];
    memset(entry_memo, 0, sizeof entry_memo);
    for (size_t at = 0; rule_memo && at < n; at = zsmp_next_char(text, at, n)) {
        if (at >= line_end) {
            const char *nl = memchr(text + at, '\n', n - at);
            line_end = nl ? (size_t)(nl - text) : n;
        }
        for (size_t r = 0; r < rules->count; r++) {
            const zsmp_rule *rule = &rules->rules[r];
            gate_check(&rule->gate, &rule_memo[r], zsmp_regex_code(rule->code), text, at, line_end,
                       md, rule->id, file);
        }
        for (int e = 0; e < ZSMP_LEX_COUNT; e++) {
            const zsmp_lexicon_entry *en = &rules->lexicon.entry[e];
            size_t b = n;
            for (int cut = 0; en->gate.required.count && cut <= 8; cut++) {
                gate_check(&en->gate, &entry_memo[e][cut], zsmp_regex_code(en->anchored_code), text,
                           at, b, md, zsmp_lexicon_name((zsmp_lex_id)e), file);
                b = at;
                for (int k = 0; k <= cut && b < n; k++)
                    b = zsmp_next_char(text, b, n);
            }
        }
    }
    free(rule_memo);
}

/* Every lexicon entry read as strings matches as PCRE2 does, anchored at
 * every place of the text, with the subject ending at the text's end and
 * 1..8 characters after the place. */
static int literal(const char *rules_path, int nfiles, char **files)
{
    literal_concrete();
    after_run_concrete();
    lead_concrete();
    last_concrete();
    gate_concrete();
    gates_random();
    zsm_rules *rules = load_rules(rules_path);
    if (!rules)
        return 2;
    pcre2_match_data *md = pcre2_match_data_create(rules->max_groups + 1, NULL);
    int read = 0;
    for (int e = 0; e < ZSMP_LEX_COUNT; e++)
        read += rules->lexicon.entry[e].lit.count > 0;
    for (int fi = 0; fi < nfiles; fi++) {
        char *text = normalized_file(files[fi]);
        if (!text)
            return 2;
        leads_sound(rules, text, files[fi], md);
        gates_sound(rules, text, files[fi], md);
        size_t n = strlen(text);
        for (int e = 0; e < ZSMP_LEX_COUNT; e++) {
            const zsmp_lexicon_entry *en = &rules->lexicon.entry[e];
            if (!en->lit.count)
                continue;
            for (size_t at = 0; at < n; at = zsmp_next_char(text, at, n)) {
                size_t b = n;
                for (int cut = 0; cut <= 8; cut++) {
                    size_t end = 0;
                    int mine = zsmp_literals_match(&en->lit, text, at, b, &end);
                    int rc = pcre2_match(zsmp_regex_code(en->anchored_code), (PCRE2_SPTR)text, b,
                                         at, PCRE2_NO_UTF_CHECK, md, NULL);
                    size_t pe = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
                    check(mine == (rc > 0) && (!mine || end == pe),
                          "%s at byte %zu of %s (subject end %zu): %d/%zu, PCRE2 %d/%zu",
                          zsmp_lexicon_name((zsmp_lex_id)e), at, files[fi], b, mine, end, rc > 0,
                          pe);
                    b = at;
                    for (int k = 0; k <= cut && b < n; k++)
                        b = zsmp_next_char(text, b, n);
                }
            }
        }
        free(text);
    }
    printf("lexicon entries read as strings: %d of %d\n", read, (int)ZSMP_LEX_COUNT);
    int leads = 0;
    for (size_t r = 0; r < rules->count; r++)
        leads += rules->rules[r].lead.count > 0;
    printf("rules with a lead: %d of %zu, their matches: %zu\n", leads, rules->count,
           matched_leads);
    int gated = 0, gated_entries = 0;
    for (size_t r = 0; r < rules->count; r++)
        gated += rules->rules[r].gate.required.count > 0;
    for (int e = 0; e < ZSMP_LEX_COUNT; e++)
        gated_entries += rules->lexicon.entry[e].gate.required.count > 0;
    printf("gates: %d of %zu rules, %d of %d lexicon entries; matches checked: %zu\n", gated,
           rules->count, gated_entries, (int)ZSMP_LEX_COUNT, matched_gates);
    pcre2_match_data_free(md);
    zsm_rules_free(rules);
    return 0;
}

/* PCRE2 alone: the first match of e in s[a, b) (unanchored), or 0. */
static int oracle_first(const zsmp_lexicon_entry *e, const char *s, size_t a, size_t b,
                        pcre2_match_data *md, size_t *ms, size_t *me)
{
    if (pcre2_match(zsmp_regex_code(e->code), (PCRE2_SPTR)s, b, a, PCRE2_NO_UTF_CHECK, md, NULL) <=
        0)
        return 0;
    *ms = pcre2_get_ovector_pointer(md)[0];
    *me = pcre2_get_ovector_pointer(md)[1];
    return 1;
}

/* PCRE2 alone: the anchored match of e at every place of s[a, b), keeping
 * the one ending last (the first of those), or 0. */
static int oracle_last(const zsmp_lexicon_entry *e, const char *s, size_t a, size_t b,
                       pcre2_match_data *md, size_t *ms, size_t *me)
{
    int found = 0;
    for (size_t at = a; at < b; at = zsmp_next_char(s, at, b))
        if (pcre2_match(zsmp_regex_code(e->anchored_code), (PCRE2_SPTR)s, b, at, PCRE2_NO_UTF_CHECK,
                        md, NULL) > 0 &&
            (!found || pcre2_get_ovector_pointer(md)[1] > *me)) {
            *ms = at;
            *me = pcre2_get_ovector_pointer(md)[1];
            found = 1;
        }
    return found;
}

/* The earliest start in [a, b) of an anchored match ending exactly at b
 * (zsmp_lex_ending_at). */
static int oracle_ending_at(const zsmp_lexicon_entry *e, const char *s, size_t a, size_t b,
                            pcre2_match_data *md, size_t *ms)
{
    if (!e->code)
        return 0;
    for (size_t at = a; at < b; at = zsmp_next_char(s, at, b))
        if (pcre2_match(zsmp_regex_code(e->anchored_code), (PCRE2_SPTR)s, b, at, PCRE2_NO_UTF_CHECK,
                        md, NULL) > 0 &&
            pcre2_get_ovector_pointer(md)[1] == b) {
            *ms = at;
            return 1;
        }
    return 0;
}

/* One range: each mode against its oracle. */
static void lexicon_range(zsmp_lookup *lk, const zsm_rules *rules, const char *s, size_t a,
                          size_t b, pcre2_match_data *md, const char *file)
{
    for (int id = 0; id < ZSMP_LEX_COUNT; id++) {
        const zsmp_lexicon_entry *e = &rules->lexicon.entry[id];
        const char *name = zsmp_lexicon_name((zsmp_lex_id)id);
        size_t ms = 0, me = 0, os = 0, oe = 0;
        int got = zsmp_lexicon_search(lk, (zsmp_lex_id)id, a, b, ZSMP_LEX_FIRST, &ms, &me) > 0;
        int want = oracle_first(e, s, a, b, md, &os, &oe);
        check(got == want && (!got || (ms == os && me == oe)),
              "%s first in %s %zu-%zu: %d %zu-%zu, PCRE2 %d %zu-%zu", name, file, a, b, got, ms, me,
              want, os, oe);
        got = zsmp_lexicon_search(lk, (zsmp_lex_id)id, a, b, ZSMP_LEX_LAST, &ms, &me) > 0;
        want = oracle_last(e, s, a, b, md, &os, &oe);
        check(got == want && (!got || (ms == os && me == oe)),
              "%s last in %s %zu-%zu: %d %zu-%zu, PCRE2 %d %zu-%zu", name, file, a, b, got, ms, me,
              want, os, oe);
        got = zsmp_lexicon_search(lk, (zsmp_lex_id)id, a, b, ZSMP_LEX_ANCHORED, &ms, &me) > 0;
        want = pcre2_match(zsmp_regex_code(e->anchored_code), (PCRE2_SPTR)s, b, a,
                           PCRE2_NO_UTF_CHECK, md, NULL) > 0;
        oe = want ? pcre2_get_ovector_pointer(md)[1] : 0;
        check(got == want && (!got || me == oe), "%s at %s %zu (to %zu): %d %zu, PCRE2 %d %zu",
              name, file, a, b, got, me, want, oe);
        got = zsmp_lex_ending_at(lk, (zsmp_lex_id)id, a, b, &ms);
        want = oracle_ending_at(e, s, a, b, md, &os);
        check(got == want && (!got || ms == os),
              "%s ending at %s %zu (from %zu): %d %zu, PCRE2 %d %zu", name, file, b, a, got,
              got ? ms : 0, want, want ? os : 0);
    }
    /* The last occurrence of many entries in one walk, 32 at a time. */
    for (int from = 0; from < ZSMP_LEX_COUNT; from += 32) {
        zsmp_lex_id ids[32];
        size_t n = 0, ms[32], me[32];
        for (int id = from; id < ZSMP_LEX_COUNT && n < 32; id++)
            ids[n++] = (zsmp_lex_id)id;
        unsigned found = zsmp_lex_last_each(lk, ids, n, a, b, ms, me);
        for (size_t k = 0; k < n; k++) {
            size_t os = 0, oe = 0;
            int want = oracle_last(&rules->lexicon.entry[ids[k]], s, a, b, md, &os, &oe);
            int got = (found >> k) & 1;
            check(got == want && (!got || (ms[k] == os && me[k] == oe)),
                  "%s last (of many) in %s %zu-%zu: %d %zu-%zu, PCRE2 %d %zu-%zu",
                  zsmp_lexicon_name(ids[k]), file, a, b, got, got ? ms[k] : 0, got ? me[k] : 0,
                  want, os, oe);
        }
    }
}

/* Ranges of a text: its lines, their sentences (。!?;) and their clauses
 * (,) - the spans the stages search. */
static void lexicon_text(zsmp_lookup *lk, const zsm_rules *rules, const char *s, size_t n,
                         pcre2_match_data *md, const char *file)
{
    size_t line = 0, sentence = 0, clause = 0;
    for (size_t i = 0; i <= n; i = i < n ? zsmp_next_char(s, i, n) : n + 1) {
        char c = i < n ? s[i] : '\n';
        int ends_line = c == '\n';
        int ends_sentence = ends_line || c == ';' || c == '!' || c == '?' ||
                            (i + 3 <= n && memcmp(s + i, "。", 3) == 0);
        int ends_clause = ends_sentence || c == ',';
        if (ends_clause && i > clause)
            lexicon_range(lk, rules, s, clause, i, md, file);
        if (ends_sentence && i > sentence && sentence != clause)
            lexicon_range(lk, rules, s, sentence, i, md, file);
        if (ends_line && i > line && line != sentence)
            lexicon_range(lk, rules, s, line, i, md, file);
        size_t next = i < n ? zsmp_next_char(s, i, n) : n;
        if (ends_clause)
            clause = next;
        if (ends_sentence)
            sentence = next;
        if (ends_line)
            line = next;
    }
}

static int lexicon(const char *rules_path, int nfiles, char **files)
{
    zsm_rules *rules = load_rules(rules_path);
    if (!rules)
        return 2;
    pcre2_match_data *md = pcre2_match_data_create(rules->max_groups + 1, NULL);
    int last_strings = 0;
    for (int e = 0; e < ZSMP_LEX_COUNT; e++)
        last_strings += rules->lexicon.entry[e].last_lit.count > 0;
    for (int fi = 0; fi < nfiles; fi++) {
        char *text = normalized_file(files[fi]);
        zsmp_lookup lk;
        if (!text || zsmp_lookup_init(&lk, rules, text, strlen(text)))
            return 2;
        lexicon_text(&lk, rules, text, strlen(text), md, files[fi]);
        /* Again with the classes read off the characters, as for a text
         * above ZSMP_STARTS_CLASSES_MAX. */
        free(lk.starts.cls);
        lk.starts.cls = NULL;
        lk.starts.wide = 0; /* nothing stored to test sixteen at a time */
        lexicon_text(&lk, rules, text, strlen(text), md, files[fi]);
        zsmp_lookup_free(&lk);
        free(text);
    }
    printf("lexicon entries whose last item is read as strings: %d\n", last_strings);
    pcre2_match_data_free(md);
    zsm_rules_free(rules);
    return 0;
}

/* ------------------------------------------------------------ currency */

/* The rule of zsm_rules.c's currency fragments, restated: {{CURRENCY}}
 * takes the words holding a Han character, {{CURRENCY_FIRST}} every word but
 * a single Han character. */
static int in_currency_fragment(const zsmp_currency *c, int after)
{
    int han = 0;
    for (const unsigned char *p = (const unsigned char *)c->word; *p; p++)
        han |= *p >= 0xE3 && *p <= 0xE9;
    return after ? han : !(han && c->len == 3);
}

/* The plain alternation's match at s[i]: the first word of the table
 * (longest first) in the fragment that stands there; its end, or 0. */
static size_t plain_currency_end(const zsm_rules *r, int after, const char *s, size_t i, size_t n)
{
    for (size_t k = 0; k < r->currency_count; k++) {
        const zsmp_currency *c = &r->currencies[k];
        if (in_currency_fragment(c, after) && c->len <= n - i &&
            memcmp(s + i, c->word, c->len) == 0)
            return i + c->len;
    }
    return 0;
}

static void currency_text(const zsm_rules *r, int after, const void *code, pcre2_match_data *md,
                          const char *s, const char *what)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i = zsmp_next_char(s, i, n)) {
        int rc =
            pcre2_match(zsmp_regex_code(code), (PCRE2_SPTR)s, n, i, PCRE2_NO_UTF_CHECK, md, NULL);
        size_t got = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
        size_t want = plain_currency_end(r, after, s, i, n);
        check(got == want, "%s byte %zu: {{%s}} ends at %zu, the plain alternation at %zu", what, i,
              after ? "CURRENCY" : "CURRENCY_FIRST", got, want);
    }
}

/* {{CURRENCY}} and {{CURRENCY_FIRST}} (grouped by first character) against
 * the plain alternation of their words, longest first: each word alone,
 * all the words run together, and every place of the TEXTs. */
static int currency(const char *rules_path, int nfiles, char **files)
{
    zsm_rules *rules = load_rules(rules_path);
    if (!rules)
        return 2;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    size_t all_len = 1;
    for (size_t k = 0; k < rules->currency_count; k++)
        all_len += rules->currencies[k].len + 1;
    char *all = calloc(all_len, 1);
    for (size_t k = 0; k < rules->currency_count; k++) /* 元美元 … and 元 美元 … */
        strcat(strcat(all, rules->currencies[k].word), k % 2 ? " " : "");
    for (int after = 0; after <= 1; after++) {
        zsm_error err;
        void *code = NULL;
        const char *src = after ? "(?:{{CURRENCY}})" : "(?:{{CURRENCY_FIRST}})";
        if (zsmp_pattern_compile(&rules->fragments, rules_path, "test", src, 1, &code, &err)) {
            printf("%s does not compile: %s\n", src, err.message);
            return 2;
        }
        for (size_t k = 0; k < rules->currency_count; k++)
            currency_text(rules, after, code, md, rules->currencies[k].word,
                          rules->currencies[k].word);
        currency_text(rules, after, code, md, all, "all the words");
        for (int fi = 0; fi < nfiles; fi++) {
            char *text = normalized_file(files[fi]);
            if (!text)
                return 2;
            currency_text(rules, after, code, md, text, files[fi]);
            free(text);
        }
        zsmp_regex_free(code);
    }
    free(all);
    pcre2_match_data_free(md);
    zsm_rules_free(rules);
    return 0;
}

/* ------------------------------------------------------------- clauses */

/* zsmp_clause_start the plain way: a character at a time, backwards. */
static size_t clause_start_by_chars(const char *s, size_t from, size_t at, int tight)
{
    size_t i = at,
           stop = at - from > ZSMP_CLAUSE_REACH ? zsmp_char_start(s, at - ZSMP_CLAUSE_REACH) : from;
    while (i > stop) {
        size_t j = zsmp_char_start(s, i - 1);
        uint32_t cp;
        zsmp_text_get(s, j, &cp);
        if (zsmp_is_clause_break(cp) ||
            (tight && (cp == 0x3001 || cp == '(' || cp == ')' || cp == ':')))
            return i;
        i = j;
    }
    return i;
}

static size_t clause_start_in(const char *s, size_t from, size_t at, int tight)
{
    zsmp_text t = {0};
    t.s = (char *)s;
    t.len = strlen(s);
    zsmp_sentence sen = {0};
    sen.start = (zsmp_off)from;
    return zsmp_clause_start(&t, &sen, at, tight);
}

/* Concrete clauses, then the byte scan against the character walk at every
 * character of the samples, a sentence being its line. */
static int clauses(int nfiles, char **files)
{
    static const struct {
        const char *text, *before; /* the clause starts right after `before` */
        int tight;
    } cases[] = {
        {"签约项目38个,总投资64.1亿元", "签约项目38个,", 0},
        {"签约项目38个。总投资64.1亿元", "签约项目38个。", 0},
        {"签约项目38个;总投资64.1亿元", "签约项目38个;", 0},
        {"签约项目38个、总投资64.1亿元", "", 0},
        {"签约项目38个、总投资64.1亿元", "签约项目38个、", 1},
        {"项目(含续建)总投资64.1亿元", "", 0},
        {"项目(含续建)总投资64.1亿元", "项目(含续建)", 1},
        {"一是:总投资64.1亿元", "一是:", 1},
        {"上半年!总投资64.1亿元", "上半年!", 0},
        {"总投资64.1亿元", "", 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t at = strlen(cases[k].text);
        size_t got = clause_start_in(cases[k].text, 0, at, cases[k].tight);
        check(got == strlen(cases[k].before), "«%s» (tight %d): clause starts at %zu, not %zu",
              cases[k].text, cases[k].tight, got, strlen(cases[k].before));
    }
    for (int fi = 0; fi < nfiles; fi++) {
        char *text = normalized_file(files[fi]);
        if (!text)
            return 2;
        size_t n = strlen(text), line = 0;
        for (size_t at = 0; at <= n; at = at < n ? zsmp_next_char(text, at, n) : n + 1) {
            for (int tight = 0; tight <= 1; tight++) {
                size_t want = clause_start_by_chars(text, line, at, tight);
                size_t got = clause_start_in(text, line, at, tight);
                check(got == want, "%s byte %zu (tight %d): clause starts at %zu, not %zu",
                      files[fi], at, tight, got, want);
            }
            if (at < n && text[at] == '\n')
                line = at + 1;
        }
        free(text);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_core numchars RULES.json | numbers FILE | periods RULES "
                        "FILE | first|regex|literal|lexicon RULES TEXT... | clauses TEXT...\n");
        return 2;
    }
    int st = strcmp(argv[1], "numchars") == 0  ? numchars(argv[2])
             : strcmp(argv[1], "first") == 0   ? first(argv[2], argc - 3, argv + 3)
             : strcmp(argv[1], "regex") == 0   ? regex(argv[2], argc - 3, argv + 3)
             : strcmp(argv[1], "literal") == 0 ? literal(argv[2], argc - 3, argv + 3)
             : strcmp(argv[1], "lexicon") == 0 ? lexicon(argv[2], argc - 3, argv + 3)
             : strcmp(argv[1], "periods") == 0
                 ? (argc > 3 ? periods(argv[2], argv[3], argc - 4, argv + 4) : 2)
             : strcmp(argv[1], "clauses") == 0  ? clauses(argc - 2, argv + 2)
             : strcmp(argv[1], "currency") == 0 ? currency(argv[2], argc - 3, argv + 3)
                                                : numbers(argv[2]);
    if (st)
        return st;
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
