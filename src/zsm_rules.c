/* zsm_rules.c - load rules from JSON, checked whole before any input is read.
 *
 * A rules file (rules/README.md has the full format):
 *   { "fragments": { "NUM": "…", … },          shared pattern pieces, {{NUM}}
 *     "currencies": { "USD": { "name": "美元", "words": ["美元", "$"] }, … },
 *     "lexicon":   { "category.contract": ["合同额", …], … },  word lists
 *     "rules":     [ { "id", "metric", "pattern", … }, … ] }
 * The currencies define two fragments the patterns use: {{CURRENCY}} (the
 * words written after a number: 万美元) and {{CURRENCY_FIRST}} (before one:
 * 新台币12亿元, $20万), unless the file defines them itself.
 * Patterns are written over normalized text and name their groups value,
 * value_max, unit and label (zsm_pattern.c compiles them); lexicon entries
 * fill the typed lexicon of zsm_lexicon.c.  An error names the file, the
 * rule id or lexicon entry, and the offset in the pattern.  Refused: unknown
 * fields, unknown lexicon names, a replacing file without every lexicon
 * entry, duplicate rule ids.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_numchar.h"
#include "zsm_regex.h"

#include <cJSON.h>
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MATCH_LIMIT = 2000000, /* a backtracking pattern stops here, with a warning */
    DEPTH_LIMIT = 5000,
    MAX_RULES_FILE = 16 << 20
};

static const char *const group_names[ZSMP_G_COUNT] = {"value",    "value_max", "unit",
                                                      "unit_min", "label",     "currency"};

typedef struct loader {
    zsm_rules *r;
    const zsm_rules *base; /* the set an added file extends, NULL when replacing */
    const char *file;
    zsm_error *err;
    int lazy; /* the built-in rules: patterns compiled at their first use (zsm_regex.h) */
} loader;

/* The flag that makes a pattern compiled at its first use, for the
 * built-in rules. */
static int lazy_flag(const loader *L)
{
    return L->lazy ? ZSMP_PATTERN_LAZY : 0;
}

/* ------------------------------------------------------------- strings */

/* Appends s[0, n) to the malloc'd NUL-terminated *buf of length *len. */
static int append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (zsmp_grow((void **)buf, cap, *len + n + 1, 1))
        return -1;
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

/* A pattern may be a string or an array of strings, joined with `sep`:
 * long patterns read better one alternative a line.  NULL when item is
 * neither (or out of memory). */
static char *join_strings(const cJSON *item, const char *sep)
{
    if (cJSON_IsString(item))
        return strdup(item->valuestring);
    if (!cJSON_IsArray(item))
        return NULL;
    char *s = NULL;
    size_t len = 0, cap = 0;
    if (append(&s, &len, &cap, "", 0))
        return NULL;
    const cJSON *part;
    cJSON_ArrayForEach (part, item) {
        if (!cJSON_IsString(part) ||
            (part != item->child && append(&s, &len, &cap, sep, strlen(sep))) ||
            append(&s, &len, &cap, part->valuestring, strlen(part->valuestring))) {
            free(s);
            return NULL;
        }
    }
    return s;
}

/* cJSON does not check UTF-8; ids and categories are copied into output. */
static int valid_utf8(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = zsmp_utf8_get((const unsigned char *)s + i, len - i, &cp);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

static zsm_status schema_error(loader *L, const char *id, const char *fmt, const char *what)
    __attribute__((format(printf, 3, 0)));

/* A schema error: fmt holds one %s, filled with `what`. */
static zsm_status schema_error(loader *L, const char *id, const char *fmt, const char *what)
{
    char msg[400];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(msg, sizeof msg, fmt, what);
#pragma GCC diagnostic pop
    return zsmp_fail(L->err, ZSM_ERR_RULES_SCHEMA, L->file, id, -1, "%s", msg);
}

static zsm_status out_of_memory(loader *L, const char *id)
{
    return zsmp_fail(L->err, ZSM_ERR_NOMEM, L->file, id, -1, "out of memory");
}

/* ------------------------------------------------------------ currencies */

static void currency_free(zsmp_currency *c)
{
    free(c->word);
    free(c->iso);
    free(c->unit);
}

static zsm_status add_currency(zsm_rules *r, const char *word, const char *iso, const char *name,
                               int traditional_home)
{
    if (zsmp_grow((void **)&r->currencies, &r->currency_cap, r->currency_count + 1,
                  sizeof *r->currencies))
        return ZSM_ERR_NOMEM;
    zsmp_currency c = {strdup(word),
                       strdup(iso),
                       malloc(strlen(name) + 4),
                       traditional_home,
                       strlen(word),
                       0,
                       0 /* set by index_currencies */};
    if (!c.word || !c.iso || !c.unit) {
        currency_free(&c);
        return ZSM_ERR_NOMEM;
    }
    strcpy(c.unit, "亿");
    strcat(c.unit, name);
    /* Longest word first (新加坡元 before 元, 澳门元 before 澳元); a word
     * given again, as by --rules-add, goes before the one it shadows. */
    size_t at = r->currency_count;
    while (at > 0 && strlen(r->currencies[at - 1].word) <= strlen(word)) {
        r->currencies[at] = r->currencies[at - 1];
        at--;
    }
    r->currencies[at] = c;
    r->currency_count++;
    return ZSM_OK;
}

/* A home place of currency `iso` (香港 of HKD), read from "places". */
static zsm_status add_place(zsm_rules *r, const char *word, const char *iso)
{
    if (zsmp_grow((void **)&r->places, &r->place_cap, r->place_count + 1, sizeof *r->places))
        return ZSM_ERR_NOMEM;
    zsmp_currency c = {strdup(word), strdup(iso), NULL, 1, strlen(word), 0, 0};
    if (!c.word || !c.iso) {
        currency_free(&c);
        return ZSM_ERR_NOMEM;
    }
    r->places[r->place_count++] = c;
    return ZSM_OK;
}

static int bit(const unsigned char *set, unsigned char b)
{
    return set[b >> 3] & (1u << (b & 7));
}

/* The chain of a word starting with code point cp. */
static unsigned bucket_of(uint32_t cp)
{
    return (cp * 2654435761u) >> 26; /* 0..63 */
}

const zsmp_currency *zsmp_currency_at(const zsm_rules *rules, const char *s, size_t n)
{
    uint32_t cp;
    if (n == 0 || !zsmp_currency_may_begin(rules, (unsigned char)s[0]) ||
        !zsmp_utf8_get((const unsigned char *)s, n, &cp))
        return NULL;
    return zsmp_currency_at_cp(rules, s, n, cp);
}

const zsmp_currency *zsmp_currency_at_cp(const zsm_rules *rules, const char *s, size_t n,
                                         uint32_t cp)
{
    if (!rules->currency_next)
        return NULL;
    for (unsigned k = rules->currency_bucket[bucket_of(cp)]; k; k = rules->currency_next[k - 1]) {
        const zsmp_currency *c = &rules->currencies[k - 1];
        if (c->first == cp && n >= c->len && memcmp(s, c->word, c->len) == 0)
            return c;
    }
    return NULL;
}

int zsmp_currency_ends_at(const zsm_rules *rules, const char *s, size_t from, size_t i)
{
    if (i == from || !bit(rules->currency_last, (unsigned char)s[i - 1]) ||
        !rules->currency_last_next)
        return 0;
    size_t j = zsmp_char_start(s, i - 1);
    uint32_t cp = 0;
    if (!zsmp_utf8_get((const unsigned char *)s + j, i - j, &cp))
        return 0;
    for (unsigned k = rules->currency_last_bucket[bucket_of(cp)]; k;
         k = rules->currency_last_next[k - 1]) {
        const zsmp_currency *c = &rules->currencies[k - 1];
        if (c->len <= i - from && !c->bare && memcmp(s + i - c->len, c->word, c->len) == 0)
            return 1;
    }
    return 0;
}

/* Does the word hold a Han character (美元, not $ or USD)? */
static int has_han(const char *w)
{
    for (const unsigned char *p = (const unsigned char *)w; *p; p++)
        if (*p >= 0xE3 && *p <= 0xE9)
            return 1;
    return 0;
}

const zsmp_currency *zsmp_currency_default(const zsm_rules *rules)
{
    static const zsmp_currency yuan = {"元", "CNY", "亿元", 0, 3, 1, 0x5143};
    return rules->default_currency ? rules->default_currency : &yuan;
}

/* Appends currency k to chain b of a bucket index. */
static void chain(uint16_t *bucket, uint16_t *next, uint16_t *tail, unsigned b, size_t k)
{
    if (tail[b])
        next[tail[b] - 1] = (uint16_t)(k + 1);
    else
        bucket[b] = (uint16_t)(k + 1);
    tail[b] = (uint16_t)(k + 1);
}

/* After the table changes: the bytes words begin and end with, the
 * default currency (the one 元 names) and which words are bare. */
static zsm_status index_currencies(zsm_rules *r)
{
    free(r->currency_next);
    free(r->currency_last_next);
    r->currency_next = calloc(r->currency_count + 1, sizeof *r->currency_next);
    r->currency_last_next = calloc(r->currency_count + 1, sizeof *r->currency_last_next);
    if (!r->currency_next || !r->currency_last_next || r->currency_count >= UINT16_MAX)
        return ZSM_ERR_NOMEM;
    memset(r->currency_bucket, 0, sizeof r->currency_bucket);
    memset(r->currency_last_bucket, 0, sizeof r->currency_last_bucket);
    uint16_t tail[64] = {0}, last_tail[64] = {0};
    for (size_t k = 0; k < r->currency_count; k++) { /* longest first, as the table is */
        zsmp_currency *c = &r->currencies[k];
        uint32_t cp = 0, lcp = 0;
        zsmp_utf8_get((const unsigned char *)c->word, c->len, &cp);
        c->first = cp;
        size_t l = zsmp_char_start(c->word, c->len - 1);
        zsmp_utf8_get((const unsigned char *)c->word + l, c->len - l, &lcp);
        chain(r->currency_bucket, r->currency_next, tail, bucket_of(cp), k);
        chain(r->currency_last_bucket, r->currency_last_next, last_tail, bucket_of(lcp), k);
    }
    memset(r->currency_first, 0, sizeof r->currency_first);
    memset(r->currency_last, 0, sizeof r->currency_last);
    r->default_currency = NULL;
    for (size_t k = 0; k < r->currency_count; k++) {
        zsmp_currency *c = &r->currencies[k];
        unsigned char first = (unsigned char)c->word[0], last = (unsigned char)c->word[c->len - 1];
        r->currency_first[first >> 3] |= (unsigned char)(1u << (first & 7));
        r->currency_last[last >> 3] |= (unsigned char)(1u << (last & 7));
        if (!r->default_currency && strcmp(c->word, "元") == 0)
            r->default_currency = c;
    }
    const char *iso = zsmp_currency_default(r)->iso;
    for (size_t k = 0; k < r->currency_count; k++) {
        zsmp_currency *c = &r->currencies[k];
        c->bare = c->len == 3 && has_han(c->word) && strcmp(c->iso, iso) == 0;
    }
    return ZSM_OK;
}

/* Appends s[0, n), its regex metacharacters escaped ($ ¥). */
static int append_escaped(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    for (const char *p = s; p < s + n; p++) {
        if (strchr("\\^$.|?*+()[]{}", *p) && append(buf, len, cap, "\\", 1))
            return -1;
        if (append(buf, len, cap, p, 1))
            return -1;
    }
    return 0;
}

/* Is currency word c in the alternation `which`: {{CURRENCY}} (1) takes the
 * words with Han characters, {{CURRENCY_FIRST}} (0) every word but a single
 * Han character (元)? */
static int in_fragment(const zsmp_currency *c, int which)
{
    return which ? has_han(c->word) : !(has_han(c->word) && c->len == 3);
}

/* Appends the words of group g (group[k] == g: those sharing word g's first
 * character, hl bytes) as one alternative - 美(?:元|金|圆) - in the table's
 * order (longest first). */
static int append_group(const zsm_rules *r, const size_t *group, size_t g, size_t hl, char **buf,
                        size_t *len, size_t *cap)
{
    size_t n = 0;
    for (size_t k = g; k < r->currency_count; k++)
        n += group[k] == g;
    const char *head = r->currencies[g].word;
    if (append_escaped(buf, len, cap, head, hl) || (n > 1 && append(buf, len, cap, "(?:", 3)))
        return -1;
    for (size_t k = g, sep = 0; k < r->currency_count; k++) {
        const zsmp_currency *c = &r->currencies[k];
        if (group[k] != g)
            continue;
        if ((sep++ && append(buf, len, cap, "|", 1)) ||
            append_escaped(buf, len, cap, c->word + hl, c->len - hl))
            return -1;
    }
    return n > 1 && append(buf, len, cap, ")", 1) ? -1 : 0;
}

/* A fragment's words as an alternation grouped by first character: at a
 * place only the words beginning with its character can match, so the
 * groups keep the order PCRE2 tries them in (longest first) while a place
 * costs a comparison a group, not a word.  The groups holding a word of the
 * default currency (元 人民币) come first, as reports mostly write those. */
static char *currency_alternation(const zsm_rules *r, int which)
{
    size_t n = r->currency_count, len = 0, cap = 1;
    size_t *group = malloc((n + 1) * sizeof *group); /* the group's first word; n: not in it */
    unsigned char *of_default = calloc(n + 1, 1);    /* by group */
    char *buf = group && of_default ? strdup("") : NULL;
    const char *iso = zsmp_currency_default(r)->iso;
    for (size_t k = 0; buf && k < n; k++) {
        const zsmp_currency *c = &r->currencies[k];
        size_t hl = zsmp_utf8_step((unsigned char)c->word[0]), g = 0;
        if (!in_fragment(c, which)) {
            group[k] = n;
            continue;
        }
        while (g < k && (group[g] != g || strncmp(r->currencies[g].word, c->word, hl) != 0))
            g++;
        group[k] = g;
        of_default[g] |= strcmp(c->iso, iso) == 0;
    }
    for (int pass = 0; buf && pass < 2; pass++)
        for (size_t g = 0; buf && g < n; g++) {
            if (group[g] != g || of_default[g] != (pass == 0))
                continue;
            size_t hl = zsmp_utf8_step((unsigned char)r->currencies[g].word[0]);
            if ((len && append(&buf, &len, &cap, "|", 1)) ||
                append_group(r, group, g, hl, &buf, &len, &cap)) {
                free(buf);
                buf = NULL;
            }
        }
    free(group);
    free(of_default);
    return buf;
}

/* {{CURRENCY}}: the words with Han characters, which follow a number;
 * {{CURRENCY_FIRST}}: every word but a single Han character (元), which
 * may come first. */
static zsm_status define_currency_fragments(loader *L)
{
    zsm_rules *r = L->r;
    char *after = currency_alternation(r, 1), *first = currency_alternation(r, 0);
    zsm_status st = after && first ? ZSM_OK : ZSM_ERR_NOMEM;
    if (st == ZSM_OK && *after)
        st = zsmp_fragment_add(&r->fragments, "CURRENCY", after);
    if (st == ZSM_OK && *first)
        st = zsmp_fragment_add(&r->fragments, "CURRENCY_FIRST", first);
    free(after);
    free(first);
    return st ? out_of_memory(L, NULL) : ZSM_OK;
}

static zsm_status load_currencies(loader *L, const cJSON *obj)
{
    if (!obj)
        return ZSM_OK;
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be an object", "\"currencies\"");
    const cJSON *cur;
    cJSON_ArrayForEach (cur, obj) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(cur, "name");
        const cJSON *words = cJSON_GetObjectItemCaseSensitive(cur, "words");
        const cJSON *home = cJSON_GetObjectItemCaseSensitive(cur, "traditional_home");
        if (!cJSON_IsString(name) || !cJSON_IsArray(words) || !valid_utf8(name->valuestring) ||
            !valid_utf8(cur->string))
            return schema_error(L, NULL, "currency %s needs a \"name\" and an array of \"words\"",
                                cur->string);
        if (home && !cJSON_IsBool(home))
            return schema_error(
                L, NULL, "\"traditional_home\" of currency %s must be true or false", cur->string);
        const cJSON *places = cJSON_GetObjectItemCaseSensitive(cur, "places"), *pl;
        if (places && !cJSON_IsArray(places))
            return schema_error(L, NULL, "the places of currency %s must be an array of strings",
                                cur->string);
        cJSON_ArrayForEach (pl, places) {
            if (!cJSON_IsString(pl) || !pl->valuestring[0] || !valid_utf8(pl->valuestring))
                return schema_error(L, NULL, "the places of currency %s must be strings",
                                    cur->string);
            char *norm = zsmp_normalize_string(pl->valuestring);
            zsm_status st = norm ? add_place(L->r, norm, cur->string) : ZSM_ERR_NOMEM;
            free(norm);
            if (st)
                return out_of_memory(L, NULL);
        }
        const cJSON *w;
        cJSON_ArrayForEach (w, words) {
            if (!cJSON_IsString(w) || !w->valuestring[0] || !valid_utf8(w->valuestring))
                return schema_error(L, NULL, "the words of currency %s must be strings",
                                    cur->string);
            char *norm = zsmp_normalize_string(w->valuestring);
            zsm_status st =
                norm ? add_currency(L->r, norm, cur->string, name->valuestring, cJSON_IsTrue(home))
                     : ZSM_ERR_NOMEM;
            free(norm);
            if (st)
                return out_of_memory(L, NULL);
        }
    }
    return ZSM_OK;
}

/* ------------------------------------------------- fragments and lexicon */

static zsm_status load_fragments(loader *L, const cJSON *obj)
{
    if (!obj)
        return ZSM_OK;
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be an object", "\"fragments\"");
    const cJSON *f;
    cJSON_ArrayForEach (f, obj) {
        char *value = join_strings(f, "");
        if (!value)
            return schema_error(L, NULL, "fragment %s must be a string or array of strings",
                                f->string);
        zsm_status st = zsmp_fragment_add(&L->r->fragments, f->string, value);
        free(value);
        if (st)
            return out_of_memory(L, NULL);
    }
    return ZSM_OK;
}

static zsm_status unknown_lexicon_name(loader *L, const char *name)
{
    const char *hint = zsmp_lexicon_suggest(name);
    char msg[400];
    snprintf(msg, sizeof msg, "unknown lexicon entry \"%s\"%s%s%s", name,
             hint ? " (did you mean \"" : "", hint ? hint : "", hint ? "\"?)" : "");
    return zsmp_fail(L->err, ZSM_ERR_RULES_SCHEMA, L->file, NULL, -1, "%s", msg);
}

static zsm_status load_lexicon(loader *L, const cJSON *obj)
{
    if (!obj)
        return ZSM_OK;
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be an object", "\"lexicon\"");
    int seen[ZSMP_LEX_COUNT] = {0};
    const cJSON *words;
    cJSON_ArrayForEach (words, obj) {
        int id = zsmp_lexicon_id(words->string);
        if (id < 0)
            return unknown_lexicon_name(L, words->string);
        if (seen[id]++)
            return schema_error(L, NULL, "lexicon entry \"%s\" is given twice", words->string);
        char *source = cJSON_IsArray(words) ? join_strings(words, "|") : NULL;
        if (!source)
            return schema_error(L, NULL, "lexicon entry %s must be an array of strings",
                                words->string);
        zsm_status st = zsmp_lexicon_set(&L->r->lexicon, (zsmp_lex_id)id, &L->r->fragments, L->file,
                                         source, lazy_flag(L), L->err);
        free(source);
        if (st)
            return st;
    }
    return ZSM_OK;
}

/* ----------------------------------------------------------------- rules */

static const char *const rule_fields[] = {
    "id",       "metric",      "pattern",  "priority",         "category",  "modality", "anchor",
    "requires", "description", "examples", "counter_examples", "continues", "needs"};

static int known_rule_field(const char *name)
{
    for (size_t i = 0; i < sizeof rule_fields / sizeof rule_fields[0]; i++)
        if (strcmp(name, rule_fields[i]) == 0)
            return 1;
    return 0;
}

static void rule_free(zsmp_rule *rule)
{
    for (size_t i = 0; i < rule->require_count; i++)
        free(rule->requires[i]);
    free(rule->requires);
    free(rule->require_word);
    free(rule->id);
    free(rule->category);
    free(rule->source);
    zsmp_literals_free(&rule->lead);
    zsmp_gate_free(&rule->gate);
    zsmp_regex_free(rule->code);
    free(rule->needs_source);
    zsmp_regex_free(rule->needs_code);
}

static zsm_status check_rule_fields(loader *L, const cJSON *obj, const char *id)
{
    const cJSON *f;
    cJSON_ArrayForEach (f, obj) {
        if (!known_rule_field(f->string))
            return schema_error(L, id, "unknown field \"%s\"", f->string);
    }
    const cJSON *prio = cJSON_GetObjectItemCaseSensitive(obj, "priority");
    if (prio && (!cJSON_IsNumber(prio) || prio->valuedouble < -1e6 || prio->valuedouble > 1e6))
        return schema_error(L, id, "%s must be a number from -1000000 to 1000000", "priority");
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(obj, "category");
    if (cat && !cJSON_IsString(cat) && !cJSON_IsNull(cat))
        return schema_error(L, id, "%s must be a string or null", "category");
    if (cJSON_IsString(cat) && !valid_utf8(cat->valuestring))
        return schema_error(L, id, "%s is not valid UTF-8", "category");
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(obj, "examples");
    if (ex && !cJSON_IsArray(ex))
        return schema_error(L, id, "%s must be an array", "examples");
    const cJSON *cex = cJSON_GetObjectItemCaseSensitive(obj, "counter_examples");
    if (cex && !cJSON_IsArray(cex))
        return schema_error(L, id, "%s must be an array", "counter_examples");
    return ZSM_OK;
}

/* "requires": words one of which a sentence must hold for the rule to run
 * there (签 for the signing rules): a cheap filter before the regex. */
static zsm_status read_requires(loader *L, const cJSON *obj, zsmp_rule *rule)
{
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(obj, "requires");
    if (!req)
        return ZSM_OK;
    int n = cJSON_GetArraySize(req);
    if (!cJSON_IsArray(req) || n == 0)
        return schema_error(L, rule->id, "%s must be a non-empty array of strings", "requires");
    rule->requires = calloc((size_t)n, sizeof *rule->requires);
    if (!rule->requires)
        return out_of_memory(L, rule->id);
    const cJSON *w;
    cJSON_ArrayForEach (w, req) {
        if (!cJSON_IsString(w) || !w->valuestring[0])
            return schema_error(L, rule->id, "%s must be a non-empty array of strings", "requires");
        char *norm = zsmp_normalize_string(w->valuestring);
        if (!norm)
            return out_of_memory(L, rule->id);
        rule->requires[rule->require_count++] = norm;
    }
    return ZSM_OK;
}

/* "needs": a pattern (a string or an array of strings joined) a sentence
 * must match somewhere for the rule to run there, compiled like a rule's
 * pattern - anchored and tried where its first code points stand, when
 * they are known. */
static zsm_status read_needs(loader *L, const cJSON *obj, zsmp_rule *rule)
{
    const cJSON *needs = cJSON_GetObjectItemCaseSensitive(obj, "needs");
    if (!needs)
        return ZSM_OK;
    rule->needs_source = join_strings(needs, "");
    if (!rule->needs_source || !rule->needs_source[0])
        return schema_error(L, rule->id, "%s must be a non-empty string or array of strings",
                            "\"needs\"");
    return zsmp_pattern_compile_first(&L->r->fragments, L->file, rule->id, rule->needs_source,
                                      ZSMP_ANCHOR_IF_FIRST_KNOWN | lazy_flag(L), &rule->needs_code,
                                      &rule->needs_first, NULL, L->err);
}

/* Reads kind, priority, category and modality of a rule. */
static zsm_status read_rule_meta(loader *L, const cJSON *obj, zsmp_rule *rule)
{
    const cJSON *metric = cJSON_GetObjectItemCaseSensitive(obj, "metric");
    int kind = cJSON_IsString(metric) ? zsm_metric_parse(metric->valuestring) : -1;
    if (kind < 0)
        return schema_error(L, rule->id,
                            "%s must be one of signed_projects, amount, "
                            "completion_rate, project_count, rate",
                            "metric");
    rule->kind = (zsm_metric_kind)kind;
    const cJSON *prio = cJSON_GetObjectItemCaseSensitive(obj, "priority");
    rule->priority = prio ? (int)prio->valuedouble : 0;
    const cJSON *anchor = cJSON_GetObjectItemCaseSensitive(obj, "anchor");
    if (anchor && !(cJSON_IsString(anchor) && strcmp(anchor->valuestring, "figure") == 0))
        return schema_error(L, rule->id, "%s may only be \"figure\"", "anchor");
    rule->at_figure = anchor != NULL;
    const cJSON *continues = cJSON_GetObjectItemCaseSensitive(obj, "continues");
    if (continues && !cJSON_IsBool(continues))
        return schema_error(L, rule->id, "%s must be true or false", "continues");
    rule->continues = cJSON_IsTrue(continues);
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(obj, "category");
    if (cJSON_IsString(cat) && !(rule->category = strdup(cat->valuestring)))
        return out_of_memory(L, rule->id);
    const cJSON *mod = cJSON_GetObjectItemCaseSensitive(obj, "modality");
    rule->modality = -1;
    if (mod && !cJSON_IsNull(mod)) {
        rule->modality = cJSON_IsString(mod) ? zsm_modality_parse(mod->valuestring) : -1;
        if (rule->modality < 0)
            return schema_error(L, rule->id, "%s must be actual, target, forecast or null",
                                "modality");
    }
    return ZSM_OK;
}

static zsm_status find_groups(loader *L, zsmp_rule *rule)
{
    uint32_t groups = 0;
    size_t len;
    const char *source = zsmp_regex_source(rule->code, &len); /* not compiled yet */
    if (!source ||
        zsmp_first_groups(source, len, group_names, ZSMP_G_COUNT, rule->group, &groups)) {
        const pcre2_code *code = zsmp_regex_code(rule->code); /* PCRE2 numbers them */
        if (!code)
            return zsmp_fail(L->err, ZSM_ERR_RULES_PATTERN, L->file, rule->id, -1,
                             "the pattern does not compile");
        for (int g = 0; g < ZSMP_G_COUNT; g++) {
            int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)group_names[g]);
            rule->group[g] = n > 0 ? n : 0;
        }
        pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
    }
    if (!rule->group[ZSMP_G_VALUE])
        return zsmp_fail(L->err, ZSM_ERR_RULES_PATTERN, L->file, rule->id, -1,
                         "the pattern has no group named \"value\" (?<value>…)");
    if (groups + 1 > L->r->max_groups)
        L->r->max_groups = groups + 1;
    return ZSM_OK;
}

static int has_rule(const zsm_rules *r, const char *id)
{
    for (size_t i = 0; r && i < r->count; i++)
        if (strcmp(r->rules[i].id, id) == 0)
            return 1;
    return 0;
}

/* The strings a rule tried at candidate places must begin with, how far
 * past such a place its value can begin, and its gate (at figures too): a
 * place where none does, with no figure of the rule's kind in reach, or
 * that the gate shuts, is passed without calling PCRE2 (zsm_match.c).  A
 * rule searched for through a sentence has none of them. */
static zsm_status read_lead(loader *L, zsmp_rule *rule)
{
    if (!rule->at_figure && !rule->first.known)
        return ZSM_OK;
    size_t n;
    char *expanded = zsmp_pattern_expand(&L->r->fragments, rule->source, &n);
    if (!expanded)
        return out_of_memory(L, rule->id);
    if (!rule->at_figure) {
        zsmp_literals_read_lead(&rule->lead, expanded, n);
        const char *value = strstr(expanded, "(?<value>");
        if (value)
            rule->value_reach = zsmp_first_reach(expanded, n, (size_t)(value - expanded));
    }
    zsmp_gate_read(&rule->gate, expanded, n);
    free(expanded);
    return ZSM_OK;
}

static zsm_status load_rule(loader *L, const cJSON *obj)
{
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be objects", "rules");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (!cJSON_IsString(id) || !id->valuestring[0] || !valid_utf8(id->valuestring))
        return schema_error(L, NULL, "every rule needs a %s: a non-empty UTF-8 string", "\"id\"");
    if (has_rule(L->r, id->valuestring) || has_rule(L->base, id->valuestring))
        return schema_error(L, id->valuestring, "duplicate rule id \"%s\"", id->valuestring);
    zsmp_rule rule = {0};
    rule.value_reach = SIZE_MAX;
    rule.id = strdup(id->valuestring);
    zsm_status st = rule.id ? check_rule_fields(L, obj, rule.id) : out_of_memory(L, NULL);
    if (st == ZSM_OK)
        st = read_rule_meta(L, obj, &rule);
    if (st == ZSM_OK)
        st = read_requires(L, obj, &rule);
    if (st == ZSM_OK) {
        rule.source = join_strings(cJSON_GetObjectItemCaseSensitive(obj, "pattern"), "");
        if (!rule.source)
            st = schema_error(L, rule.id, "%s must be a string or an array of strings",
                              "\"pattern\"");
    }
    /* A rule anchored at figures, or whose matches begin with known code
     * points (then tried at those places only), is compiled anchored. */
    if (st == ZSM_OK)
        st = zsmp_pattern_compile_first(&L->r->fragments, L->file, rule.id, rule.source,
                                        (rule.at_figure ? 1 : ZSMP_ANCHOR_IF_FIRST_KNOWN) |
                                            lazy_flag(L),
                                        &rule.code, &rule.first, NULL, L->err);
    if (st == ZSM_OK)
        st = find_groups(L, &rule);
    if (st == ZSM_OK)
        st = read_lead(L, &rule);
    if (st == ZSM_OK)
        st = read_needs(L, obj, &rule);
    zsm_rules *r = L->r;
    if (st == ZSM_OK && zsmp_grow((void **)&r->rules, &r->cap, r->count + 1, sizeof *r->rules))
        st = out_of_memory(L, rule.id);
    if (st) {
        rule_free(&rule);
        return st;
    }
    r->rules[r->count++] = rule;
    return ZSM_OK;
}

static zsm_status check_top_fields(loader *L, const cJSON *root)
{
    const cJSON *f;
    cJSON_ArrayForEach (f, root) {
        if (strcmp(f->string, "fragments") && strcmp(f->string, "lexicon") &&
            strcmp(f->string, "currencies") && strcmp(f->string, "rules") &&
            strcmp(f->string, "description") && strcmp(f->string, "version"))
            return schema_error(L, NULL, "unknown top-level field \"%s\"", f->string);
    }
    /* A file that adds may bring only currencies, fragments or lexicon. */
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
    if (!(cJSON_IsArray(rules) || (!rules && L->base)))
        return schema_error(L, NULL, "%s must be an array", "\"rules\"");
    return ZSM_OK;
}

/* A rules file that replaces the built-in one gives the whole lexicon: a
 * missing entry would silently change every figure's modality or category. */
static zsm_status check_lexicon_complete(loader *L)
{
    zsmp_lex_id missing = zsmp_lexicon_first_missing(&L->r->lexicon);
    if (missing == ZSMP_LEX_COUNT)
        return ZSM_OK;
    return schema_error(L, NULL,
                        "lexicon entry \"%s\" is missing (a rules file that replaces the "
                        "built-in rules must give every lexicon entry; use --rules-add to "
                        "extend them)",
                        zsmp_lexicon_name(missing));
}

/* Parses a rules document into L->r, adding to what it holds. */
static zsm_status load_json(loader *L, const char *json, size_t len)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (!root || !cJSON_IsObject(root)) {
        long off = end ? (long)(end - json) : -1;
        cJSON_Delete(root);
        return zsmp_fail(L->err, ZSM_ERR_RULES_JSON, L->file, NULL, off,
                         "not valid JSON (or not an object) near byte %ld", off);
    }
    zsm_status st = check_top_fields(L, root);
    const cJSON *currencies = cJSON_GetObjectItemCaseSensitive(root, "currencies");
    if (st == ZSM_OK)
        st = load_currencies(L, currencies);
    if (st == ZSM_OK && index_currencies(L->r))
        st = out_of_memory(L, NULL);
    /* Checked before the rules, whose {CURRENCY} would fail less clearly. */
    if (st == ZSM_OK && !L->base && !L->r->currency_count)
        st = schema_error(L, NULL,
                          "%s is missing (a rules file that replaces the built-in "
                          "rules must give its currencies)",
                          "\"currencies\"");
    /* The file's own CURRENCY fragments, if any, come after and shadow these. */
    if (st == ZSM_OK && currencies)
        st = define_currency_fragments(L);
    if (st == ZSM_OK)
        st = load_fragments(L, cJSON_GetObjectItemCaseSensitive(root, "fragments"));
    if (st == ZSM_OK)
        st = load_lexicon(L, cJSON_GetObjectItemCaseSensitive(root, "lexicon"));
    const cJSON *rule;
    cJSON_ArrayForEach (rule, cJSON_GetObjectItemCaseSensitive(root, "rules")) {
        if (st)
            break;
        st = load_rule(L, rule);
    }
    if (st == ZSM_OK && !L->base)
        st = check_lexicon_complete(L);
    cJSON_Delete(root);
    return st;
}

/* Numbers the distinct "requires" words of all rules (rules->words). */
static zsm_status index_required_words(zsm_rules *r)
{
    size_t total = 0;
    for (size_t i = 0; i < r->count; i++)
        total += r->rules[i].require_count;
    free(r->words);
    free(r->word_cp);
    free(r->word_len);
    free(r->word_next);
    r->words = malloc((total + 1) * sizeof *r->words);
    r->word_cp = malloc((total + 1) * sizeof *r->word_cp);
    r->word_len = malloc((total + 1) * sizeof *r->word_len);
    r->word_next = calloc(total + 1, sizeof *r->word_next);
    r->word_count = r->words_unseen = 0;
    memset(r->word_bucket, 0, sizeof r->word_bucket);
    memset(&r->words_first, 0, sizeof r->words_first);
    r->words_first.slot = -1;
    if (!r->words || !r->word_cp || !r->word_len || !r->word_next || total >= UINT16_MAX)
        return ZSM_ERR_NOMEM;
    uint16_t tail[64] = {0};
    for (size_t i = 0; i < r->count; i++) {
        zsmp_rule *rule = &r->rules[i];
        free(rule->require_word);
        rule->require_word = malloc((rule->require_count + 1) * sizeof *rule->require_word);
        if (!rule->require_word)
            return ZSM_ERR_NOMEM;
        for (size_t k = 0; k < rule->require_count; k++) {
            const char *word = rule->requires[k];
            size_t w = 0;
            while (w < r->word_count && strcmp(r->words[w], word) != 0)
                w++;
            if (w == r->word_count) {
                uint32_t cp = 0;
                if (!*word || !zsmp_utf8_get((const unsigned char *)word, strlen(word), &cp))
                    cp = UINT32_MAX; /* empty or not UTF-8: matched by memcmp alone */
                r->words[w] = word;
                r->word_cp[w] = cp;
                r->word_len[w] = strlen(word);
                r->word_count++;
                if (cp != UINT32_MAX) {
                    zsmp_first_add(&r->words_first, cp);
                    chain(r->word_bucket, r->word_next, tail, bucket_of(cp), w);
                } else {
                    r->words_unseen++;
                }
            }
            rule->require_word[k] = (uint32_t)w;
        }
    }
    return ZSM_OK;
}

void zsmp_required_words_at(const zsm_rules *rules, const char *s, size_t n, uint32_t cp,
                            unsigned char *present)
{
    for (unsigned k = rules->word_bucket[bucket_of(cp)]; k; k = rules->word_next[k - 1]) {
        size_t w = k - 1;
        if (rules->word_cp[w] == cp && rules->word_len[w] <= n &&
            memcmp(s, rules->words[w], rules->word_len[w]) == 0)
            present[w] = 1;
    }
}

/* Rules tried at the same places share a scan (zsmp_rule.shared_scan). */
static void find_shared_scans(zsm_rules *r)
{
    for (size_t i = 0; i < r->count; i++)
        r->rules[i].shared_scan = UINT32_MAX;
    for (size_t i = 0; i < r->count; i++) {
        zsmp_rule *a = &r->rules[i];
        if (a->at_figure || !a->first.known || a->shared_scan != UINT32_MAX)
            continue;
        for (size_t j = i + 1; j < r->count; j++) {
            zsmp_rule *b = &r->rules[j];
            if (!b->at_figure && b->first.known &&
                memcmp(a->first.bits, b->first.bits, sizeof a->first.bits) == 0 &&
                zsmp_literals_same(&a->lead, &b->lead))
                a->shared_scan = b->shared_scan = (uint32_t)i;
        }
    }
}

/* The first code points of the currency words (a bare 元 aside) and of the
 * currencies' places: unknown (every place visited) when a word has none. */
static void currency_words_first(zsm_rules *r)
{
    zsmp_first *f = &r->currency_words_first;
    memset(f, 0, sizeof *f);
    f->slot = -1;
    int every = 0;
    for (size_t k = 0; k < r->currency_count + r->place_count; k++) {
        const zsmp_currency *c =
            k < r->currency_count ? &r->currencies[k] : &r->places[k - r->currency_count];
        uint32_t cp;
        if (k < r->currency_count && c->bare)
            continue;
        if (zsmp_utf8_get((const unsigned char *)c->word, strlen(c->word), &cp))
            zsmp_first_add(f, cp);
        else
            every = 1;
    }
    if (every) {
        memset(f, 0, sizeof *f);
        f->slot = -1;
    }
}

/* The first sets of every rule and lexicon entry as one table of classes
 * (zsm_first.c), and the rules' required words, built again whenever rules
 * are added. */
static zsm_status index_rules(zsm_rules *r)
{
    if (index_required_words(r))
        return ZSM_ERR_NOMEM;
    find_shared_scans(r);
    zsmp_first **sets = malloc((2 * r->count + 2 * ZSMP_LEX_COUNT + 4) * sizeof *sets);
    if (!sets)
        return ZSM_ERR_NOMEM;
    size_t n = 0;
    if (!r->numerals.known)
        for (uint32_t cp = 0; cp < 0x10000; cp++)
            if (zsmp_is_numeral_char(cp))
                zsmp_first_add(&r->numerals, cp);
    /* First, so that they always get a slot: the period scan's set and the
     * tokenizer's, both walked over every text. */
    zsmp_period_openings_read(&r->period_openings, &r->lexicon, &r->numerals);
    sets[n++] = &r->period_openings.chars;
    r->figure_openers = r->numerals;
    for (int k = 0; k < ZSMP_VAGUE_WORDS; k++)
        zsmp_first_add(&r->figure_openers, zsmp_vague_words[k]);
    sets[n++] = &r->figure_openers;
    for (size_t i = 0; i < r->count; i++)
        sets[n++] = &r->rules[i].first;
    for (size_t i = 0; i < r->count; i++)
        if (r->rules[i].needs_code)
            sets[n++] = &r->rules[i].needs_first;
    for (int e = 0; e < ZSMP_LEX_COUNT; e++)
        sets[n++] = &r->lexicon.entry[e].first;
    for (int e = 0; e < ZSMP_LEX_COUNT; e++)
        sets[n++] = &r->lexicon.entry[e].last;
    sets[n++] = &r->words_first;
    currency_words_first(r);
    sets[n++] = &r->currency_words_first;
    zsmp_first_classes_build(&r->first_classes, sets, n);
    zsmp_period_openings_classes(&r->period_openings, &r->lexicon, &r->first_classes);
    free(sets);
    return ZSM_OK;
}

static zsm_rules *rules_new(void)
{
    zsm_rules *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    pcre2_match_context *ctx = pcre2_match_context_create(NULL);
    if (!ctx) {
        free(r);
        return NULL;
    }
    pcre2_set_match_limit(ctx, MATCH_LIMIT);
    pcre2_set_depth_limit(ctx, DEPTH_LIMIT);
    r->match_context = ctx;
    r->max_groups = 1;
    return r;
}

/* zsm_rules_parse(); lazy: patterns compiled at their first use. */
static zsm_rules *parse_rules(const char *json, size_t len, const char *name, int lazy,
                              zsm_error *err)
{
    zsm_rules *r = rules_new();
    if (!r) {
        zsmp_fail(err, ZSM_ERR_NOMEM, name, NULL, -1, "out of memory");
        return NULL;
    }
    loader L = {r, NULL, name, err, lazy};
    if (load_json(&L, json, len) != ZSM_OK) {
        zsm_rules_free(r);
        return NULL;
    }
    if (index_rules(r)) {
        zsmp_fail(err, ZSM_ERR_NOMEM, name, NULL, -1, "out of memory");
        zsm_rules_free(r);
        return NULL;
    }
    return r;
}

zsm_rules *zsm_rules_parse(const char *json, size_t len, const char *name, zsm_error *err)
{
    return parse_rules(json, len, name, 0, err);
}

zsm_rules *zsm_rules_default(zsm_error *err)
{
    return parse_rules(zsmp_default_rules, zsmp_default_rules_len, "(built-in rules)", 1, err);
}

/* Reads a whole rules file; NULL with *err filled on failure. */
static char *read_file(const char *path, size_t *len, zsm_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        zsmp_fail(err, ZSM_ERR_IO, path, NULL, -1, "%s", strerror(errno));
        return NULL;
    }
    char chunk[65536];
    char *s = strdup("");
    size_t n, cap = 1;
    *len = 0;
    while (s && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (*len + n > MAX_RULES_FILE || append(&s, len, &cap, chunk, n)) {
            zsmp_fail(err, ZSM_ERR_IO, path, NULL, -1, "file larger than %d bytes or out of memory",
                      MAX_RULES_FILE);
            free(s);
            fclose(f);
            return NULL;
        }
    }
    int bad = ferror(f) || !s;
    fclose(f);
    if (bad) {
        zsmp_fail(err, ZSM_ERR_IO, path, NULL, -1, "read error");
        free(s);
        return NULL;
    }
    return s;
}

zsm_rules *zsm_rules_load(const char *path, zsm_error *err)
{
    size_t len = 0;
    char *json = read_file(path, &len, err);
    if (!json)
        return NULL;
    zsm_rules *r = zsm_rules_parse(json, len, path, err);
    free(json);
    return r;
}

/* Moves what `add` loaded beyond the `inherited` fragments into `base`. */
static zsm_status merge_into(zsm_rules *base, zsm_rules *add, size_t inherited)
{
    for (size_t i = inherited; i < add->fragments.count; i++)
        if (zsmp_fragment_add(&base->fragments, add->fragments.items[i].name,
                              add->fragments.items[i].value))
            return ZSM_ERR_NOMEM;
    if (add->count &&
        zsmp_grow((void **)&base->rules, &base->cap, base->count + add->count, sizeof *base->rules))
        return ZSM_ERR_NOMEM;
    zsmp_lexicon_merge(&base->lexicon, &add->lexicon);
    for (size_t i = 0; i < add->place_count; i++)
        if (add_place(base, add->places[i].word, add->places[i].iso))
            return ZSM_ERR_NOMEM;
    for (size_t i = 0; i < add->currency_count; i++) {
        const zsmp_currency *c = &add->currencies[i];
        /* The unit holds 亿 + the name: add_currency adds 亿 again. */
        if (add_currency(base, c->word, c->iso, c->unit + strlen("亿"), c->traditional_home))
            return ZSM_ERR_NOMEM;
    }
    if (add->count)
        memcpy(base->rules + base->count, add->rules, add->count * sizeof *add->rules);
    base->count += add->count;
    add->count = 0;
    if (add->max_groups > base->max_groups)
        base->max_groups = add->max_groups;
    if (index_rules(base))
        return ZSM_ERR_NOMEM;
    return index_currencies(base);
}

zsm_status zsm_rules_add(zsm_rules *rules, const char *json, size_t len, const char *name,
                         zsm_error *err)
{
    zsm_rules *add = rules_new();
    zsm_status st = add ? ZSM_OK : ZSM_ERR_NOMEM;
    /* The added file may use the fragments the base set defines. */
    for (size_t i = 0; st == ZSM_OK && i < rules->fragments.count; i++)
        st = zsmp_fragment_add(&add->fragments, rules->fragments.items[i].name,
                               rules->fragments.items[i].value);
    size_t inherited = add ? add->fragments.count : 0;
    if (st == ZSM_OK) {
        loader L = {add, rules, name, err, 0};
        st = load_json(&L, json, len);
    }
    if (st == ZSM_OK)
        st = merge_into(rules, add, inherited);
    if (st == ZSM_ERR_NOMEM)
        zsmp_fail(err, st, name, NULL, -1, "out of memory");
    zsm_rules_free(add);
    return st;
}

zsm_status zsm_rules_add_file(zsm_rules *rules, const char *path, zsm_error *err)
{
    size_t len = 0;
    char *json = read_file(path, &len, err);
    if (!json)
        return ZSM_ERR_IO;
    zsm_status st = zsm_rules_add(rules, json, len, path, err);
    free(json);
    return st;
}

size_t zsm_rules_count(const zsm_rules *rules)
{
    return rules ? rules->count : 0;
}

char *zsm_rules_to_json(const zsm_rules *rules)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < rules->count; i++) {
        const zsmp_rule *r = &rules->rules[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            cJSON_Delete(arr);
            return NULL;
        }
        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "id", r->id);
        cJSON_AddStringToObject(o, "metric", zsm_metric_name(r->kind));
        cJSON_AddNumberToObject(o, "priority", r->priority);
        if (r->category)
            cJSON_AddStringToObject(o, "category", r->category);
        else
            cJSON_AddNullToObject(o, "category");
        if (r->at_figure)
            cJSON_AddStringToObject(o, "anchor", "figure");
        if (r->continues)
            cJSON_AddTrueToObject(o, "continues");
        if (r->modality >= 0)
            cJSON_AddStringToObject(o, "modality", zsm_modality_name((zsm_modality)r->modality));
        else
            cJSON_AddNullToObject(o, "modality");
        cJSON_AddStringToObject(o, "pattern", r->source);
        if (r->needs_source)
            cJSON_AddStringToObject(o, "needs", r->needs_source);
    }
    char *printed = arr ? cJSON_PrintUnformatted(arr) : NULL;
    cJSON_Delete(arr);
    char *s = printed ? strdup(printed) : NULL; /* freed with zsm_free() */
    cJSON_free(printed);
    return s;
}

void zsm_rules_free(zsm_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->count; i++)
        rule_free(&rules->rules[i]);
    free(rules->rules);
    zsmp_lexicon_free(&rules->lexicon);
    for (size_t i = 0; i < rules->currency_count; i++)
        currency_free(&rules->currencies[i]);
    free(rules->currencies);
    for (size_t i = 0; i < rules->place_count; i++)
        currency_free(&rules->places[i]);
    free(rules->places);
    free(rules->currency_next);
    free(rules->currency_last_next);
    free(rules->words);
    free(rules->word_cp);
    free(rules->word_len);
    free(rules->word_next);
    zsmp_fragments_free(&rules->fragments);
    pcre2_match_context_free(rules->match_context);
    free(rules);
}
