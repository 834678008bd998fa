/* zsm_match.c - run the compiled rules over one document's sentences.
 *
 * A rule runs over each sentence that holds the kind of figure its metric
 * is made of (the tokenizer records them: 38个, 64.1亿元, 95%), so a match
 * never crosses a sentence end and text with no figure costs nothing.  A
 * rule whose match starts at the figure is tried at the figures only; the
 * others scan the sentence up to a little after its last figure.  One match-data block serves the
 * whole document; the compiled rules stay read-only and can be shared between threads. A match that
 * hits the match or depth limit is counted, not fatal.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_internal.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

static zsm_status push_hit(zsmp_hits *out, const zsmp_rule *rule, uint32_t index,
                           const PCRE2_SIZE *ov, size_t sentence)
{
    if (zsmp_grow((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items))
        return ZSM_ERR_NOMEM;
    zsmp_hit *h = &out->items[out->count++];
    h->rule = index;
    h->start = ov[0];
    h->end = ov[1];
    h->sentence = sentence;
    for (int g = 0; g < ZSMP_G_COUNT; g++) {
        int n = rule->group[g];
        int set = n && ov[2 * n] != PCRE2_UNSET;
        h->g_start[g] = set ? ov[2 * n] : SIZE_MAX;
        h->g_end[g] = set ? ov[2 * n + 1] : SIZE_MAX;
    }
    return ZSM_OK;
}

/* How far after a sentence's last figure a match may still need to look
 * (units, 以上…项目 after the figure); the scan for a match ends there. */
enum { FIGURE_TAIL = 32 * 3 };

/* One match of a rule starting at or after `at` (only at `at` for a rule
 * compiled \G-anchored), within subject length `len`.  1 for a match, 0
 * for none; a match or depth limit is counted and taken as none. */
static int match_once(const zsm_rules *rules, const zsmp_rule *rule, const zsmp_text *t, size_t len,
                      size_t at, pcre2_match_data *md, zsmp_hits *out)
{
    int rc = pcre2_match(rule->code, (PCRE2_SPTR)t->s, len, at, PCRE2_NO_UTF_CHECK, md,
                         rules->match_context);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        out->limit_hits++; /* match/depth limit, or a pattern error at run time */
        return 0;
    }
    return 1;
}

/* A rule that starts at a figure ("anchor": "figure") is tried only there. */
static zsm_status match_at_figures(const zsm_rules *rules, uint32_t index, const zsmp_text *t,
                                   const zsmp_tokens *tok, size_t sentence, pcre2_match_data *md,
                                   zsmp_hits *out)
{
    const zsmp_rule *rule = &rules->rules[index];
    const zsmp_sentence *sen = &tok->sentences[sentence];
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    unsigned need = zsmp_figure_needed(rule->kind);
    size_t done = sen->start;
    for (size_t f = sen->first_figure; f < sen->first_figure + sen->figure_count; f++) {
        const zsmp_figure *fig = &tok->figures[f];
        if (!(fig->kind & need) || fig->start < done)
            continue;
        if (!match_once(rules, rule, t, sen->end, fig->start, md, out))
            continue;
        zsm_status st = push_hit(out, rule, index, ov, sentence);
        if (st)
            return st;
        done = ov[1];
    }
    return ZSM_OK;
}

/* All non-overlapping matches of a rule in a sentence, scanning from its
 * start to a little after its last figure of the rule's kind. */
static zsm_status match_scan(const zsm_rules *rules, uint32_t index, const zsmp_text *t,
                             const zsmp_tokens *tok, size_t sentence, pcre2_match_data *md,
                             zsmp_hits *out)
{
    const zsmp_rule *rule = &rules->rules[index];
    const zsmp_sentence *sen = &tok->sentences[sentence];
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    unsigned need = zsmp_figure_needed(rule->kind);
    size_t last = sen->start;
    for (size_t f = sen->first_figure; f < sen->first_figure + sen->figure_count; f++)
        if (tok->figures[f].kind & need)
            last = tok->figures[f].end;
    size_t len = last + FIGURE_TAIL < sen->end ? last + FIGURE_TAIL : sen->end;
    size_t at = sen->start;
    while (at < len && match_once(rules, rule, t, len, at, md, out)) {
        zsm_status st = push_hit(out, rule, index, ov, sentence);
        if (st)
            return st;
        /* An empty match must still move forward, to the next character. */
        at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
        while (at < len && ((unsigned char)t->s[at] & 0xC0) == 0x80)
            at++;
    }
    return ZSM_OK;
}

zsm_status zsmp_match(const zsm_rules *rules, const zsmp_text *t, const zsmp_tokens *tok,
                      zsmp_hits *out)
{
    memset(out, 0, sizeof *out);
    pcre2_match_data *md = pcre2_match_data_create(rules->max_groups, NULL);
    if (!md)
        return ZSM_ERR_NOMEM;
    zsm_status st = ZSM_OK;
    for (size_t s = 0; st == ZSM_OK && s < tok->count; s++) {
        unsigned figures = tok->sentences[s].figures;
        for (uint32_t r = 0; st == ZSM_OK && figures && r < rules->count; r++) {
            const zsmp_rule *rule = &rules->rules[r];
            if (!(figures & zsmp_figure_needed(rule->kind)))
                continue;
            st = rule->at_figure ? match_at_figures(rules, r, t, tok, s, md, out)
                                 : match_scan(rules, r, t, tok, s, md, out);
        }
    }
    pcre2_match_data_free(md);
    if (st)
        zsmp_hits_free(out);
    return st;
}

void zsmp_hits_free(zsmp_hits *h)
{
    free(h->items);
    memset(h, 0, sizeof *h);
}

int zsmp_lexicon_search(const zsmp_lexicon_entry *lex, void *match_data, const char *s, size_t a,
                        size_t b, zsmp_lex_mode mode, size_t *ms, size_t *me)
{
    if (!lex || a >= b)
        return 0;
    pcre2_match_data *md = match_data;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    const pcre2_code *code = mode == ZSMP_LEX_ANCHORED ? lex->anchored_code : lex->code;
    int found = 0;
    size_t at = a;
    /* For the last occurrence, overlapping ones count too: in 完成实物量投资
     * the word 实物量投资 must be found although 完成实物量 starts earlier. */
    while (at < b && pcre2_match(code, (PCRE2_SPTR)s, b, at, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
        if (!found || ov[1] > *me) {
            *ms = ov[0];
            *me = ov[1];
        }
        found = 1;
        if (mode != ZSMP_LEX_LAST)
            break;
        at = ov[0] + 1;
        while (at < b && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
    }
    return found;
}
