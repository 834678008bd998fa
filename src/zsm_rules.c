/* zsm_rules.c - load rules from JSON, checked whole before any input is read.
 *
 * A rules file (rules/README.md has the full format):
 *   { "fragments": { "NUM": "…", … },          shared pattern pieces, {{NUM}}
 *     "lexicon":   { "category.contract": ["合同额", …], … },  word lists
 *     "rules":     [ { "id", "metric", "pattern", … }, … ] }
 * Patterns are written over normalized text and name their groups value,
 * value_max, unit and label (zsm_pattern.c compiles them); lexicon entries
 * fill the typed lexicon of zsm_lexicon.c.  An error names the file, the
 * rule id or lexicon entry, and the offset in the pattern.  Refused: unknown
 * fields, unknown lexicon names, a replacing file without every lexicon
 * entry, duplicate rule ids.
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
    MAX_RULES_FILE = 16 << 20
};

static const char *const group_names[ZSMP_G_COUNT] = {"value",    "value_max", "unit",
                                                      "unit_min", "label",     "currency"};

typedef struct loader {
    zsm_rules *r;
    const zsm_rules *base; /* the set an added file extends, NULL when replacing */
    const char *file;
    zsm_error *err;
} loader;

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
                                         source, L->err);
        free(source);
        if (st)
            return st;
    }
    return ZSM_OK;
}

/* ----------------------------------------------------------------- rules */

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

static int has_rule(const zsm_rules *r, const char *id)
{
    for (size_t i = 0; r && i < r->count; i++)
        if (strcmp(r->rules[i].id, id) == 0)
            return 1;
    return 0;
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
    if (st == ZSM_OK)
        st = zsmp_pattern_compile(&L->r->fragments, L->file, rule.id, rule.source, rule.at_figure,
                                  &rule.code, L->err);
    if (st == ZSM_OK)
        st = find_groups(L, &rule);
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
            strcmp(f->string, "rules") && strcmp(f->string, "description") &&
            strcmp(f->string, "version"))
            return schema_error(L, NULL, "unknown top-level field \"%s\"", f->string);
    }
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
    if (!cJSON_IsArray(rules))
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
    loader L = {r, NULL, name, err};
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
    if (add->count)
        memcpy(base->rules + base->count, add->rules, add->count * sizeof *add->rules);
    base->count += add->count;
    add->count = 0;
    if (add->max_groups > base->max_groups)
        base->max_groups = add->max_groups;
    return ZSM_OK;
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
        loader L = {add, rules, name, err};
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
        if (r->modality >= 0)
            cJSON_AddStringToObject(o, "modality", zsm_modality_name((zsm_modality)r->modality));
        else
            cJSON_AddNullToObject(o, "modality");
        cJSON_AddStringToObject(o, "pattern", r->source);
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
    zsmp_fragments_free(&rules->fragments);
    pcre2_match_context_free(rules->match_context);
    free(rules);
}
