/* zsm_rules.c - load rules from JSON and compile them with PCRE2 once.
 *
 * A rules file (rules/README.md has the full format):
 *   { "fragments": { "NUM": "…", … },          shared pattern pieces, {{NUM}}
 *     "lexicon":   { "category.contract": ["合同额", …], … },  word lists
 *     "rules":     [ { "id", "metric", "pattern", … }, … ] }
 * Patterns are written over normalized text and name their groups value,
 * value_max, unit and label.  Everything is checked before any input is
 * read: an error names the file, the rule id and the offset in the pattern.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_internal.h"

#include <cJSON.h>
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MATCH_LIMIT = 2000000, /* a backtracking pattern stops here, with a warning */
    DEPTH_LIMIT = 5000,
    MAX_FRAGMENT_DEPTH = 8,
    MAX_RULES_FILE = 16 << 20
};

static const char *const group_names[ZSMP_G_COUNT] = {"value",    "value_max", "unit",
                                                      "unit_min", "label",     "currency"};

/* ------------------------------------------------------------- strings */

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

static int sb_add(strbuf *b, const char *s, size_t n)
{
    if (zsmp_grow((void **)&b->s, &b->cap, b->len + n + 1, 1))
        return -1;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

/* A pattern may be a string or an array of strings, joined: long patterns
 * read better one alternative a line. */
static char *join_pattern(const cJSON *item)
{
    if (cJSON_IsString(item))
        return strdup(item->valuestring);
    if (!cJSON_IsArray(item))
        return NULL;
    strbuf b = {0};
    if (sb_add(&b, "", 0))
        return NULL;
    const cJSON *part;
    cJSON_ArrayForEach (part, item) {
        if (!cJSON_IsString(part) || sb_add(&b, part->valuestring, strlen(part->valuestring))) {
            free(b.s);
            return NULL;
        }
    }
    return b.s;
}

/* ----------------------------------------------------------- fragments */

/* The value of a fragment; a later definition shadows an earlier one. */
static const char *fragment_get(const zsm_rules *r, const char *name, size_t n)
{
    for (size_t i = r->frag_count; i-- > 0;)
        if (strlen(r->fragments[i].name) == n && memcmp(r->fragments[i].name, name, n) == 0)
            return r->fragments[i].value;
    return NULL;
}

/* Adds a fragment, copying name and value. */
static zsm_status fragment_add(zsm_rules *r, const char *name, const char *value)
{
    if (zsmp_grow((void **)&r->fragments, &r->frag_cap, r->frag_count + 1, sizeof *r->fragments))
        return ZSM_ERR_NOMEM;
    zsmp_fragment f = {strdup(name), strdup(value)};
    if (!f.name || !f.value) {
        free(f.name);
        free(f.value);
        return ZSM_ERR_NOMEM;
    }
    r->fragments[r->frag_count++] = f;
    return ZSM_OK;
}

/* Expands {{NAME}} references into (?:value), recursively.  On an unknown
 * name returns -1 and sets *bad_offset to the reference's offset in `src`. */
static int expand(const zsm_rules *r, const char *src, strbuf *out, int depth, long *bad_offset)
{
    if (depth > MAX_FRAGMENT_DEPTH) {
        *bad_offset = 0;
        return -1;
    }
    for (const char *p = src; *p;) {
        const char *open = strstr(p, "{{");
        if (!open)
            return sb_add(out, p, strlen(p));
        if (sb_add(out, p, (size_t)(open - p)))
            return -2;
        const char *close = strstr(open + 2, "}}");
        const char *value = close ? fragment_get(r, open + 2, (size_t)(close - open - 2)) : NULL;
        if (!value) {
            *bad_offset = open - src;
            return -1;
        }
        long inner = 0;
        if (sb_add(out, "(?:", 3) || expand(r, value, out, depth + 1, &inner) ||
            sb_add(out, ")", 1)) {
            *bad_offset = open - src;
            return -1;
        }
        p = close + 2;
    }
    return 0;
}

/* Compiles a pattern after expanding its fragments.  With `anchored` the
 * pattern is wrapped in \G(?:…): it then matches only at the start offset,
 * which the JIT supports (PCRE2_ANCHORED at match time would bypass it). */
static zsm_status compile_pattern(const zsm_rules *r, const char *file, const char *id,
                                  const char *source, int anchored, void **code_out, zsm_error *err)
{
    strbuf ex = {0};
    long bad = 0;
    if (sb_add(&ex, anchored ? "\\G(?:" : "", anchored ? 5 : 0))
        return zsmp_fail(err, ZSM_ERR_NOMEM, file, id, -1, "out of memory");
    if (expand(r, source, &ex, 0, &bad) || (anchored && sb_add(&ex, ")", 1))) {
        free(ex.s);
        return zsmp_fail(err, ZSM_ERR_RULES_FRAGMENT, file, id, bad,
                         "unknown fragment (or fragments nested too deep) at offset %ld", bad);
    }
    int errcode;
    PCRE2_SIZE erroff;
    /* The pattern's UTF-8 is checked here: a rules file is user input. */
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)ex.s, ex.len, PCRE2_UTF, &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        int same = strcmp(ex.s, source) == 0;
        if (anchored && erroff >= 5)
            erroff -= 5; /* report the offset in the pattern as written */
        zsmp_fail(err, ZSM_ERR_RULES_PATTERN, file, id, (long)erroff, "offset %zu%s: %s",
                  (size_t)erroff, same ? "" : " of the pattern with fragments expanded",
                  (char *)msg);
        free(ex.s);
        return ZSM_ERR_RULES_PATTERN;
    }
    free(ex.s);
    /* JIT is an optimisation: without it (no JIT on this CPU) matching
     * still works through the interpreter. */
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    *code_out = code;
    return ZSM_OK;
}

/* ------------------------------------------------------------- parsing */

typedef struct loader {
    zsm_rules *r;
    const char *file;
    zsm_error *err;
} loader;

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

static zsm_status load_fragments(loader *L, const cJSON *obj)
{
    if (!obj)
        return ZSM_OK;
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be an object", "\"fragments\"");
    const cJSON *f;
    cJSON_ArrayForEach (f, obj) {
        char *value = join_pattern(f);
        if (!value)
            return schema_error(L, NULL, "fragment %s must be a string or array of strings",
                                f->string);
        zsm_status st = fragment_add(L->r, f->string, value);
        free(value);
        if (st)
            return zsmp_fail(L->err, st, L->file, NULL, -1, "out of memory");
    }
    return ZSM_OK;
}

static void lexicon_entry_free(zsmp_lexicon_entry *e)
{
    free(e->name);
    free(e->source);
    pcre2_code_free(e->code);
    pcre2_code_free(e->anchored_code);
}

static zsm_status load_lexicon_entry(loader *L, const cJSON *words)
{
    if (!cJSON_IsArray(words))
        return schema_error(L, NULL, "lexicon entry %s must be an array of strings", words->string);
    strbuf b = {0};
    const cJSON *w;
    int first = 1;
    sb_add(&b, "", 0);
    cJSON_ArrayForEach (w, words) {
        if (!cJSON_IsString(w)) {
            free(b.s);
            return schema_error(L, NULL, "lexicon entry %s must be an array of strings",
                                words->string);
        }
        if ((!first && sb_add(&b, "|", 1)) || sb_add(&b, w->valuestring, strlen(w->valuestring)))
            break;
        first = 0;
    }
    zsmp_lexicon_entry e = {strdup(words->string), b.s, NULL, NULL};
    char id[160];
    snprintf(id, sizeof id, "lexicon %s", words->string);
    zsm_status st = compile_pattern(L->r, L->file, id, e.source, 0, &e.code, L->err);
    if (st == ZSM_OK)
        st = compile_pattern(L->r, L->file, id, e.source, 1, &e.anchored_code, L->err);
    zsm_rules *r = L->r;
    if (st == ZSM_OK &&
        zsmp_grow((void **)&r->lexicon, &r->lex_cap, r->lex_count + 1, sizeof *r->lexicon))
        st = zsmp_fail(L->err, ZSM_ERR_NOMEM, L->file, NULL, -1, "out of memory");
    if (st) {
        lexicon_entry_free(&e);
        return st;
    }
    r->lexicon[r->lex_count++] = e;
    return ZSM_OK;
}

static zsm_status load_lexicon(loader *L, const cJSON *obj)
{
    if (!obj)
        return ZSM_OK;
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be an object", "\"lexicon\"");
    const cJSON *words;
    cJSON_ArrayForEach (words, obj) {
        zsm_status st = load_lexicon_entry(L, words);
        if (st)
            return st;
    }
    return ZSM_OK;
}

static const char *const rule_fields[] = {"id",          "metric",   "pattern",         "priority",
                                          "category",    "modality", "anchor",          "requires",
                                          "description", "examples", "counter_examples"};

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
    free(rule->id);
    free(rule->category);
    free(rule->source);
    pcre2_code_free(rule->code);
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
        return zsmp_fail(L->err, ZSM_ERR_NOMEM, L->file, rule->id, -1, "out of memory");
    const cJSON *w;
    cJSON_ArrayForEach (w, req) {
        if (!cJSON_IsString(w) || !w->valuestring[0])
            return schema_error(L, rule->id, "%s must be a non-empty array of strings", "requires");
        char *norm = zsmp_normalize_string(w->valuestring);
        if (!norm)
            return zsmp_fail(L->err, ZSM_ERR_NOMEM, L->file, rule->id, -1, "out of memory");
        rule->requires[rule->require_count++] = norm;
    }
    return ZSM_OK;
}

/* Reads kind, priority, category and modality of a rule. */
static zsm_status read_rule_meta(loader *L, const cJSON *obj, zsmp_rule *rule)
{
    const cJSON *metric = cJSON_GetObjectItemCaseSensitive(obj, "metric");
    int kind = cJSON_IsString(metric) ? zsmp_kind_parse(metric->valuestring) : -1;
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
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(obj, "category");
    if (cJSON_IsString(cat) && !(rule->category = strdup(cat->valuestring)))
        return zsmp_fail(L->err, ZSM_ERR_NOMEM, L->file, rule->id, -1, "out of memory");
    const cJSON *mod = cJSON_GetObjectItemCaseSensitive(obj, "modality");
    rule->modality = -1;
    if (mod && !cJSON_IsNull(mod)) {
        rule->modality = cJSON_IsString(mod) ? zsmp_modality_parse(mod->valuestring) : -1;
        if (rule->modality < 0)
            return schema_error(L, rule->id, "%s must be actual, target, forecast or null",
                                "modality");
    }
    return ZSM_OK;
}

static zsm_status find_groups(loader *L, zsmp_rule *rule)
{
    for (int g = 0; g < ZSMP_G_COUNT; g++) {
        int n = pcre2_substring_number_from_name(rule->code, (PCRE2_SPTR)group_names[g]);
        rule->group[g] = n > 0 ? n : 0;
    }
    if (!rule->group[ZSMP_G_VALUE])
        return zsmp_fail(L->err, ZSM_ERR_RULES_PATTERN, L->file, rule->id, -1,
                         "the pattern has no group named \"value\" (?<value>…)");
    uint32_t groups = 0;
    pcre2_pattern_info(rule->code, PCRE2_INFO_CAPTURECOUNT, &groups);
    if (groups + 1 > L->r->max_groups)
        L->r->max_groups = groups + 1;
    return ZSM_OK;
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

static zsm_status load_rule(loader *L, const cJSON *obj)
{
    if (!cJSON_IsObject(obj))
        return schema_error(L, NULL, "%s must be objects", "rules");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (!cJSON_IsString(id) || !id->valuestring[0] || !valid_utf8(id->valuestring))
        return schema_error(L, NULL, "every rule needs a %s: a non-empty UTF-8 string", "\"id\"");
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(obj, "category");
    if (cJSON_IsString(cat) && !valid_utf8(cat->valuestring))
        return schema_error(L, id->valuestring, "%s is not valid UTF-8", "category");
    zsmp_rule rule = {0};
    rule.id = strdup(id->valuestring);
    zsm_status st = rule.id ? check_rule_fields(L, obj, rule.id) : ZSM_ERR_NOMEM;
    if (st == ZSM_OK)
        st = read_rule_meta(L, obj, &rule);
    if (st == ZSM_OK)
        st = read_requires(L, obj, &rule);
    if (st == ZSM_OK) {
        rule.source = join_pattern(cJSON_GetObjectItemCaseSensitive(obj, "pattern"));
        if (!rule.source)
            st = schema_error(L, rule.id, "%s must be a string or an array of strings",
                              "\"pattern\"");
    }
    if (st == ZSM_OK)
        st = compile_pattern(L->r, L->file, rule.id, rule.source, rule.at_figure, &rule.code,
                             L->err);
    if (st == ZSM_OK)
        st = find_groups(L, &rule);
    zsm_rules *r = L->r;
    if (st == ZSM_OK && zsmp_grow((void **)&r->rules, &r->cap, r->count + 1, sizeof *r->rules))
        st = zsmp_fail(L->err, ZSM_ERR_NOMEM, L->file, rule.id, -1, "out of memory");
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
            strcmp(f->string, "rules") && strcmp(f->string, "description") &&
            strcmp(f->string, "version"))
            return schema_error(L, NULL, "unknown top-level field \"%s\"", f->string);
    }
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
    if (!cJSON_IsArray(rules))
        return schema_error(L, NULL, "%s must be an array", "\"rules\"");
    return ZSM_OK;
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
    cJSON_Delete(root);
    return st;
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

zsm_rules *zsm_rules_parse(const char *json, size_t len, const char *name, zsm_error *err)
{
    zsm_rules *r = rules_new();
    if (!r) {
        zsmp_fail(err, ZSM_ERR_NOMEM, name, NULL, -1, "out of memory");
        return NULL;
    }
    loader L = {r, name, err};
    if (load_json(&L, json, len) != ZSM_OK) {
        zsm_rules_free(r);
        return NULL;
    }
    return r;
}

zsm_rules *zsm_rules_default(zsm_error *err)
{
    return zsm_rules_parse(zsmp_default_rules, zsmp_default_rules_len, "(built-in rules)", err);
}

/* Reads a whole rules file; NULL with *err filled on failure. */
static char *read_file(const char *path, size_t *len, zsm_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        zsmp_fail(err, ZSM_ERR_IO, path, NULL, -1, "%s", strerror(errno));
        return NULL;
    }
    strbuf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > MAX_RULES_FILE || sb_add(&b, chunk, n)) {
            zsmp_fail(err, ZSM_ERR_IO, path, NULL, -1, "file too large or out of memory");
            free(b.s);
            fclose(f);
            return NULL;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        zsmp_fail(err, ZSM_ERR_IO, path, NULL, -1, "read error");
        free(b.s);
        return NULL;
    }
    *len = b.len;
    return b.s ? b.s : strdup("");
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
    for (size_t i = inherited; i < add->frag_count; i++)
        if (fragment_add(base, add->fragments[i].name, add->fragments[i].value))
            return ZSM_ERR_NOMEM;
    for (size_t i = 0; i < add->lex_count; i++) {
        zsmp_lexicon_entry *old =
            (zsmp_lexicon_entry *)zsmp_lexicon_find(base, add->lexicon[i].name);
        if (old) {
            lexicon_entry_free(old);
            *old = add->lexicon[i];
        } else {
            if (zsmp_grow((void **)&base->lexicon, &base->lex_cap, base->lex_count + 1,
                          sizeof *base->lexicon))
                return ZSM_ERR_NOMEM;
            base->lexicon[base->lex_count++] = add->lexicon[i];
        }
        memset(&add->lexicon[i], 0, sizeof add->lexicon[i]);
    }
    if (zsmp_grow((void **)&base->rules, &base->cap, base->count + add->count, sizeof *base->rules))
        return ZSM_ERR_NOMEM;
    memcpy(base->rules + base->count, add->rules, add->count * sizeof *add->rules);
    base->count += add->count;
    add->count = 0;
    if (add->max_groups > base->max_groups)
        base->max_groups = add->max_groups;
    return ZSM_OK;
}

zsm_status zsm_rules_add_file(zsm_rules *rules, const char *path, zsm_error *err)
{
    size_t len = 0;
    char *json = read_file(path, &len, err);
    if (!json)
        return ZSM_ERR_IO;
    zsm_rules *add = rules_new();
    zsm_status st = add ? ZSM_OK : ZSM_ERR_NOMEM;
    /* The added file may use the fragments the base set defines. */
    for (size_t i = 0; st == ZSM_OK && i < rules->frag_count; i++)
        st = fragment_add(add, rules->fragments[i].name, rules->fragments[i].value);
    size_t inherited = add ? add->frag_count : 0;
    if (st == ZSM_OK) {
        loader L = {add, path, err};
        st = load_json(&L, json, len);
    }
    if (st == ZSM_OK)
        st = merge_into(rules, add, inherited);
    if (st == ZSM_ERR_NOMEM)
        zsmp_fail(err, st, path, NULL, -1, "out of memory");
    zsm_rules_free(add);
    free(json);
    return st;
}

const zsmp_lexicon_entry *zsmp_lexicon_find(const zsm_rules *rules, const char *name)
{
    for (size_t i = 0; i < rules->lex_count; i++)
        if (rules->lexicon[i].name && strcmp(rules->lexicon[i].name, name) == 0)
            return &rules->lexicon[i];
    return NULL;
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
        cJSON_AddStringToObject(o, "metric", zsmp_kind_name(r->kind));
        cJSON_AddNumberToObject(o, "priority", r->priority);
        if (r->category)
            cJSON_AddStringToObject(o, "category", r->category);
        else
            cJSON_AddNullToObject(o, "category");
        if (r->at_figure)
            cJSON_AddStringToObject(o, "anchor", "figure");
        if (r->modality >= 0)
            cJSON_AddStringToObject(o, "modality", zsmp_modality_name((zsm_modality)r->modality));
        else
            cJSON_AddNullToObject(o, "modality");
        cJSON_AddStringToObject(o, "pattern", r->source);
    }
    char *s = arr ? cJSON_PrintUnformatted(arr) : NULL;
    cJSON_Delete(arr);
    return s;
}

void zsm_rules_free(zsm_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->count; i++)
        rule_free(&rules->rules[i]);
    free(rules->rules);
    for (size_t i = 0; i < rules->lex_count; i++)
        lexicon_entry_free(&rules->lexicon[i]);
    free(rules->lexicon);
    for (size_t i = 0; i < rules->frag_count; i++) {
        free(rules->fragments[i].name);
        free(rules->fragments[i].value);
    }
    free(rules->fragments);
    pcre2_match_context_free(rules->match_context);
    free(rules);
}
