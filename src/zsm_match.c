/* zsm_match.c - run the compiled rules over one document's sentences.
 *
 * A rule runs over each sentence that holds the kind of figure its metric
 * is made of (the tokenizer records them: 38个, 64.1亿元, 95%), so a match
 * never crosses a sentence end and text with no figure costs nothing.  A
 * rule whose match starts at the figure is tried at the figures only; the
 * others scan the sentence up to a little after its last figure (and a
 * rule whose value stands within a known reach of where its match begins,
 * only at places with a figure in reach).  Sentences are matched in
 * batches of ZSMP_MATCH_BATCH, each rule over the whole batch before the
 * next rule (its JIT-compiled code stays in the instruction cache); the
 * batch's hits are then resolved a sentence at a time, in the order one
 * sentence at a time would give them, before the next batch (a document's
 * hits are never all held at once).  One match-data block
 * serves the whole document; the compiled rules stay
 * read-only and can be shared between threads.  A rule whose match hits the
 * match or depth limit is left out for the rest of the document (each such
 * stop costs milliseconds) and named in a warning: not fatal.
 */
#define _GNU_SOURCE /* memmem */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "zsm_first_next.h"
#include "zsm_grow.h"
#include "zsm_internal.h"
#include "zsm_regex.h"

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
    h->start = (zsmp_off)ov[0];
    h->end = (zsmp_off)ov[1];
    h->sentence = (uint32_t)sentence;
    for (int g = 0; g < ZSMP_G_COUNT; g++) {
        int n = rule->group[g];
        int set = n && ov[2 * n] != PCRE2_UNSET;
        h->g_start[g] = set ? (zsmp_off)ov[2 * n] : ZSMP_UNSET;
        h->g_end[g] = set ? (zsmp_off)ov[2 * n + 1] : ZSMP_UNSET;
    }
    return ZSM_OK;
}

/* How far after a sentence's last figure a match may still need to look
 * (units, 以上…项目 after the figure); the scan for a match ends there. */
enum { FIGURE_TAIL = 32 * 3 };

/* One rule over one sentence: what every match attempt needs. */
typedef struct matcher {
    const zsm_rules *rules;
    uint32_t index; /* of the rule */
    const zsmp_rule *rule;
    const zsmp_text *t;
    const zsmp_sentence *sen;
    size_t sentence;
    unsigned need;             /* the ZSMP_FIG_* kind of figure the rule's metric is made of */
    const zsmp_starts *starts; /* where the rule's matches can begin */
    pcre2_match_data *md;
    zsmp_hits *out;
    unsigned char *stopped; /* per rule (zsmp_matcher) */
    zsmp_matcher *mr;       /* its shared scans */
} matcher;

#ifdef ZSM_RULE_COST
/* A profiling build (cmake -DZSM_RULE_COST=ON, bench/rules.sh): each
 * rule's PCRE2 calls and its needs filter, timed, counted and printed at
 * exit as tab-separated lines.  Per process, not per thread: run -j1. */
#include <stdio.h>
#include <time.h>
enum { COST_RULES = 256 };
static struct {
    char id[48];
    unsigned long long calls, matches, ns, needs_calls, needs_passed, needs_ns;
} cost[COST_RULES];

static unsigned long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

__attribute__((destructor)) static void print_cost(void)
{
    fprintf(stderr, "rule\tcalls\tmatches\tms\tneeds_calls\tneeds_passed\tneeds_ms\n");
    for (int r = 0; r < COST_RULES; r++)
        if (cost[r].calls || cost[r].needs_calls)
            fprintf(stderr, "%s\t%llu\t%llu\t%.1f\t%llu\t%llu\t%.1f\n", cost[r].id, cost[r].calls,
                    cost[r].matches, (double)cost[r].ns / 1e6, cost[r].needs_calls,
                    cost[r].needs_passed, (double)cost[r].needs_ns / 1e6);
}

static void cost_name(const matcher *m)
{
    if (m->index < COST_RULES && !cost[m->index].id[0])
        snprintf(cost[m->index].id, sizeof cost[m->index].id, "%s", m->rule->id);
}

#define COST_BEGIN() unsigned long long cost_t0 = now_ns()
#define COST_MATCH(rc)                                                                             \
    (m->index < COST_RULES                                                                         \
         ? (cost_name(m), cost[m->index].calls++, cost[m->index].matches += (rc) > 0,              \
            cost[m->index].ns += now_ns() - cost_t0)                                               \
         : 0)
#define COST_NEEDS(held)                                                                           \
    (m->index < COST_RULES ? (cost_name(m), cost[m->index].needs_calls++,                          \
                              cost[m->index].needs_passed += (held) != 0,                          \
                              cost[m->index].needs_ns += now_ns() - cost_t0)                       \
                           : 0)
#else
#define COST_BEGIN() (void)0
#define COST_MATCH(rc) (void)0
#define COST_NEEDS(held) (void)0
#endif

/* One match starting at or after `at` (only at `at` for a rule compiled
 * \G-anchored: at figures, or with a known first set) within subject length `len`, recorded as a
 * hit.  Returns 1 for a match, 0 for none; a match or depth limit is counted and taken as none. *st
 * is set when recording fails. */
static int try_match(const matcher *m, size_t len, size_t at, zsm_status *st)
{
    COST_BEGIN();
    int rc = zsmp_regex_match(m->rule->code, m->t->s, len, at, m->md, m->rules->match_context,
                              m->mr->jit_now);
    COST_MATCH(rc);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        /* The match or depth limit (or a pattern error at run time): the
         * rule is left out for the rest of the document. */
        m->stopped[m->index] = 1;
        return 0;
    }
    *st = push_hit(m->out, m->rule, m->index, pcre2_get_ovector_pointer(m->md), m->sentence);
    return *st == ZSM_OK;
}

/* Does the sentence up to len hold a match of the rule's "needs" pattern?
 * A match or depth limit counts as a match: the rule then runs. */
static int holds_needs(const matcher *m, size_t len)
{
    const zsmp_rule *r = m->rule;
    const char *s = m->t->s;
    size_t at = m->sen->start;
    if (!r->needs_first.known)
        return zsmp_regex_match(r->needs_code, s, len, at, m->md, m->rules->match_context,
                                m->mr->jit_now) != PCRE2_ERROR_NOMATCH;
    for (; (at = zsmp_first_next(m->starts, &r->needs_first, at, len)) < len;
         at = zsmp_next_char(s, at, len))
        if (zsmp_regex_match(r->needs_code, s, len, at, m->md, m->rules->match_context,
                             m->mr->jit_now) != PCRE2_ERROR_NOMATCH)
            return 1;
    return 0;
}

/* holds_needs() for a rule with needs (timed in a ZSM_RULE_COST build); 1
 * for one without. */
static int needs_held(const matcher *m, size_t len)
{
    if (!m->rule->needs_code)
        return 1;
    COST_BEGIN();
    int held = holds_needs(m, len);
    COST_NEEDS(held);
    return held;
}

/* May the rule match at `at` (subject end len), by its gate? */
static int gate_open(const matcher *m, size_t at, size_t len)
{
    return zsmp_gate_pass(&m->rule->gate, &m->mr->gate_memo[m->index], m->t->s, at, len);
}

/* A rule that starts at a figure ("anchor": "figure") is tried only there. */
static zsm_status match_at_figures(const matcher *m, const zsmp_tokens *tok)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    zsm_status st = ZSM_OK;
    size_t done = m->sen->start;
    if (!needs_held(m, m->sen->end))
        return ZSM_OK;
    for (size_t f = m->sen->first_figure; f < m->sen->first_figure + m->sen->figure_count; f++) {
        const zsmp_figure *fig = &tok->figures[f];
        if (!(fig->kind & m->need) || fig->start < done || !gate_open(m, fig->start, m->sen->end))
            continue;
        if (try_match(m, m->sen->end, fig->start, &st))
            done = ov[1];
        if (st)
            return st;
    }
    return ZSM_OK;
}

/* The first place in [at, len) where a match of a rule whose matches begin
 * with known code points can begin: one of them stands there and one of
 * its lead strings, if it has them, begins there; len if none. */
static size_t next_candidate(const matcher *m, size_t at, size_t len)
{
    const char *s = m->t->s;
    const zsmp_literals *lead = m->rule->lead.count ? &m->rule->lead : NULL;
    while ((at = zsmp_first_next(m->starts, &m->rule->first, at, len)) < len && lead &&
           !zsmp_literals_any(lead, s, at, len))
        at = zsmp_next_char(s, at, len);
    return at;
}

/* Can a match beginning at `at` take its value from a figure of the
 * rule's kind: one ending after `at` and beginning within the rule's value
 * reach?  (Its value stands in such a figure, as the sentence's kinds say
 * of every rule.)  *f: the sentence's first figure not ended by `at`, kept
 * from place to place (they come in order). */
static int figure_in_reach(const matcher *m, size_t *f, size_t at)
{
    size_t reach = m->rule->value_reach;
    if (reach == SIZE_MAX)
        return 1;
    const zsmp_figure *fig = m->mr->tok->figures;
    size_t end = m->sen->first_figure + m->sen->figure_count;
    while (*f < end && fig[*f].end <= at)
        (*f)++;
    for (size_t k = *f; k < end && fig[k].start <= at + reach; k++)
        if (fig[k].kind & m->need)
            return 1;
    return 0;
}

/* match_scan() for a rule whose matches begin with known code points: the
 * rule is tried anchored at its candidate places (what an unanchored
 * search would find, without its walk over every other place). */
static zsm_status match_candidates(const matcher *m, size_t len)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    const char *s = m->t->s;
    zsm_status st = ZSM_OK;
    size_t f = m->sen->first_figure;
    for (size_t at = m->sen->start; (at = next_candidate(m, at, len)) < len;) {
        if (!figure_in_reach(m, &f, at) || !gate_open(m, at, len))
            at = zsmp_next_char(s, at, len);
        else if (try_match(m, len, at, &st))
            at = ov[1] > ov[0] ? ov[1] : zsmp_next_char(s, ov[1], len);
        else if (st || m->stopped[m->index])
            return st;
        else
            at = zsmp_next_char(s, at, len);
    }
    return st;
}

/* The candidate places of a shared scan (those match_candidates() would
 * try, every one) in the sentence up to len, found for the first rule of
 * the sentence asking and kept for the others sharing it. */
static const zsmp_shared_scan *shared_places(const matcher *m, size_t len, zsm_status *st)
{
    zsmp_shared_scan *pl = &m->mr->scans[m->sentence % ZSMP_MATCH_BATCH];
    if (pl->rule == m->rule->shared_scan && pl->sentence == m->sentence && pl->len == len)
        return pl;
    pl->count = 0;
    pl->rule = UINT32_MAX;
    for (size_t at = next_candidate(m, m->sen->start, len); at < len;
         at = next_candidate(m, zsmp_next_char(m->t->s, at, len), len)) {
        if (zsmp_grow((void **)&pl->at, &pl->cap, pl->count + 1, sizeof *pl->at)) {
            *st = ZSM_ERR_NOMEM;
            return pl;
        }
        pl->at[pl->count++] = at;
    }
    pl->rule = m->rule->shared_scan;
    pl->sentence = m->sentence;
    pl->len = len;
    return pl;
}

/* match_candidates() over a shared scan's places. */
static zsm_status match_shared(const matcher *m, size_t len)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    zsm_status st = ZSM_OK;
    const zsmp_shared_scan *pl = shared_places(m, len, &st);
    size_t at = m->sen->start, f = m->sen->first_figure;
    for (size_t k = 0; st == ZSM_OK && k < pl->count; k++) {
        size_t p = pl->at[k];
        if (p < at || !figure_in_reach(m, &f, p) || !gate_open(m, p, len))
            continue; /* inside the last match, no value within reach, or shut */
        if (try_match(m, len, p, &st))
            at = ov[1] > ov[0] ? ov[1] : zsmp_next_char(m->t->s, ov[1], len);
        else if (m->stopped[m->index])
            break;
    }
    return st;
}

/* All non-overlapping matches of a rule in a sentence, scanning from its
 * start to a little after its last figure of the rule's kind. */
static zsm_status match_scan(const matcher *m, const zsmp_tokens *tok)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    zsm_status st = ZSM_OK;
    size_t last = m->sen->start;
    for (size_t f = m->sen->first_figure; f < m->sen->first_figure + m->sen->figure_count; f++)
        if (tok->figures[f].kind & m->need)
            last = tok->figures[f].end;
    size_t len = last + FIGURE_TAIL < m->sen->end ? zsmp_char_start(m->t->s, last + FIGURE_TAIL)
                                                  : m->sen->end;
    if (!needs_held(m, len))
        return ZSM_OK;
    if (m->rule->first.known)
        return m->rule->shared_scan != UINT32_MAX ? match_shared(m, len) : match_candidates(m, len);
    size_t at = m->sen->start;
    while (at < len && try_match(m, len, at, &st))
        /* An empty match must still move forward, to the next character. */
        at = ov[1] > ov[0] ? ov[1] : zsmp_next_char(m->t->s, ov[1], len);
    return st;
}

/* Which required words a sentence holds, found in one pass when a rule
 * first asks (rules share words: six rules require 签). */
typedef struct word_cache {
    const zsm_rules *rules;
    const zsmp_starts *starts;
    const char *s;
    size_t a, b;
    int found;              /* this sentence's words have been looked for */
    unsigned char *present; /* per word */
} word_cache;

/* The sentences of a batch holding a figure of each kind a rule may need
 * (ZSMP_FIG_* bits), listed when a rule first asks: a rule visits only
 * those, not every sentence of the batch. */
enum { FIG_SETS = 8 }; /* every set of the three ZSMP_FIG_* bits */
typedef struct holding {
    size_t at[FIG_SETS][ZSMP_MATCH_BATCH], count[FIG_SETS];
    unsigned listed; /* bit `need`: at[need] is listed */
} holding;

/* What a batch is matched with: each sentence's word cache, the lists. */
struct zsmp_batch {
    word_cache wc[ZSMP_MATCH_BATCH];
    holding h;
};

/* Marks every required word that occurs in s[a, b): each place where one
 * can begin is compared with the words beginning with its code point. */
static void find_words(word_cache *wc)
{
    const zsm_rules *r = wc->rules;
    memset(wc->present, 0, r->word_count);
    for (size_t w = 0; r->words_unseen && w < r->word_count; w++) /* words the pass cannot see */
        if (r->word_cp[w] == UINT32_MAX)
            wc->present[w] =
                memmem(wc->s + wc->a, wc->b - wc->a, r->words[w], r->word_len[w]) != NULL;
    for (size_t i = zsmp_first_next(wc->starts, &r->words_first, wc->a, wc->b); i < wc->b;
         i = zsmp_first_next(wc->starts, &r->words_first, i + 1, wc->b)) {
        uint32_t cp;
        if (zsmp_utf8_get((const unsigned char *)wc->s + i, wc->b - i, &cp))
            zsmp_required_words_at(r, wc->s + i, wc->b - i, cp, wc->present);
    }
    wc->found = 1;
}

/* Does the sentence hold one of the words the rule requires (if any)? */
static int holds_required(word_cache *wc, const zsmp_rule *rule)
{
    if (!rule->require_count)
        return 1;
    if (!wc->found)
        find_words(wc);
    for (size_t i = 0; i < rule->require_count; i++)
        if (wc->present[rule->require_word[i]])
            return 1;
    return 0;
}

zsm_status zsmp_matcher_init(zsmp_matcher *m, const zsm_rules *rules, const zsmp_text *t,
                             const zsmp_starts *starts, const zsmp_tokens *tok)
{
    memset(m, 0, sizeof *m);
    m->rules = rules;
    m->t = t;
    m->starts = starts;
    m->tok = tok;
    m->md = pcre2_match_data_create(rules->max_groups, NULL);
    m->jit_now = zsmp_regex_jit_now(t->len);
    for (int i = 0; i < ZSMP_MATCH_BATCH; i++)
        m->scans[i].rule = UINT32_MAX;
    m->stopped = calloc(rules->count + 1, 1);
    m->gate_memo = calloc(rules->count + 1, sizeof *m->gate_memo);
    m->present = malloc((rules->word_count + 1) * ZSMP_MATCH_BATCH);
    m->batch = malloc(sizeof *m->batch);
    if (!m->md || !m->stopped || !m->gate_memo || !m->present || !m->batch) {
        zsmp_matcher_free(m);
        return ZSM_ERR_NOMEM;
    }
    return ZSM_OK;
}

/* Rule r over the sentence, if the sentence holds its kind of figure and
 * its required words. */
static zsm_status run_rule(zsmp_matcher *mr, word_cache *wc, uint32_t r, size_t s, zsmp_hits *out)
{
    const zsm_rules *rules = mr->rules;
    const zsmp_rule *rule = &rules->rules[r];
    const zsmp_sentence *sen = &mr->tok->sentences[s];
    unsigned need = zsmp_figure_needed(rule->kind);
    if (!(sen->figures & need) || mr->stopped[r] || !holds_required(wc, rule))
        return ZSM_OK;
    matcher m = {rules, r, rule, mr->t, sen, s, need, mr->starts, mr->md, out, mr->stopped, mr};
    return rule->at_figure ? match_at_figures(&m, mr->tok) : match_scan(&m, mr->tok);
}

/* Puts hits in rule order, keeping each rule's in the order found (as if
 * the rules had run one after another). */
static void order_by_rule(zsmp_hit *h, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        zsmp_hit x = h[i];
        size_t j = i;
        for (; j > 0 && h[j - 1].rule > x.rule; j--)
            h[j] = h[j - 1];
        h[j] = x;
    }
}

/* The batch's hits, found rule after rule, put sentence after sentence
 * (each sentence's in the order found), and each sentence's in rule order. */
static zsm_status by_sentence(zsmp_matcher *mr, size_t s0, size_t n, zsmp_hits *out, size_t *counts)
{
    if (zsmp_grow((void **)&mr->sorted, &mr->sorted_cap, out->count + 1, sizeof *mr->sorted))
        return ZSM_ERR_NOMEM;
    size_t next[ZSMP_MATCH_BATCH];
    memset(counts, 0, n * sizeof *counts);
    for (size_t i = 0; i < out->count; i++)
        counts[out->items[i].sentence - s0]++;
    for (size_t k = 0, at = 0; k < n; at += counts[k++])
        next[k] = at;
    for (size_t i = 0; i < out->count; i++)
        mr->sorted[next[out->items[i].sentence - s0]++] = out->items[i];
    zsmp_hit *swap = out->items;
    size_t cap = out->cap;
    out->items = mr->sorted;
    out->cap = mr->sorted_cap;
    mr->sorted = swap;
    mr->sorted_cap = cap;
    for (size_t k = 0, at = 0; k < n; at += counts[k++])
        order_by_rule(out->items + at, counts[k]);
    return ZSM_OK;
}

/* The batch's sentences (their indexes from s0) holding a figure of a
 * kind in need, listed the first time a rule asks for that kind. */
static const size_t *sentences_holding(holding *h, const zsmp_matcher *mr, size_t s0, size_t n,
                                       unsigned need, size_t *count)
{
    need &= FIG_SETS - 1;
    if (!(h->listed & (1u << need))) {
        h->count[need] = 0;
        for (size_t k = 0; k < n; k++)
            if (mr->tok->sentences[s0 + k].figures & need)
                h->at[need][h->count[need]++] = k;
        h->listed |= 1u << need;
    }
    *count = h->count[need];
    return h->at[need];
}

/* A rule that continues a list (、102.3% after 完成年度目标的105%) runs
 * last, and only where another rule found a figure of its metric: its hit
 * can only follow an item of its metric in the sentence, and the first of
 * such a chain comes from a rule that does not continue. */
zsm_status zsmp_match_sentences(zsmp_matcher *mr, size_t s0, size_t s1, zsmp_hits *out,
                                size_t *counts)
{
    const zsm_rules *rules = mr->rules;
    size_t n = s1 - s0;
    word_cache *wc = mr->batch->wc;
    holding *h = &mr->batch->h;
    /* The metrics (a bit each) that rules not continuing found, a sentence. */
    unsigned found[ZSMP_MATCH_BATCH] = {0};
    h->listed = 0;
    out->count = 0;
    for (size_t k = 0; k < n; k++) {
        const zsmp_sentence *sen = &mr->tok->sentences[s0 + k];
        wc[k] = (word_cache){rules,
                             mr->starts,
                             mr->t->s,
                             sen->start,
                             sen->end,
                             0,
                             mr->present + k * (rules->word_count + 1)};
    }
    zsm_status st = ZSM_OK;
    int later = 0;
    for (uint32_t r = 0; st == ZSM_OK && r < rules->count; r++) {
        if (rules->rules[r].continues) {
            later = 1;
            continue;
        }
        size_t m;
        const size_t *with =
            sentences_holding(h, mr, s0, n, zsmp_figure_needed(rules->rules[r].kind), &m);
        for (size_t i = 0; st == ZSM_OK && i < m; i++) {
            size_t k = with[i], before = out->count;
            st = run_rule(mr, &wc[k], r, s0 + k, out);
            if (out->count > before)
                found[k] |= 1u << rules->rules[r].kind;
        }
    }
    for (uint32_t r = 0; later && st == ZSM_OK && r < rules->count; r++) {
        if (!rules->rules[r].continues)
            continue;
        size_t m;
        const size_t *with =
            sentences_holding(h, mr, s0, n, zsmp_figure_needed(rules->rules[r].kind), &m);
        for (size_t i = 0; st == ZSM_OK && i < m; i++)
            if (found[with[i]] & (1u << rules->rules[r].kind))
                st = run_rule(mr, &wc[with[i]], r, s0 + with[i], out);
    }
    return st == ZSM_OK ? by_sentence(mr, s0, n, out, counts) : st;
}

void zsmp_matcher_free(zsmp_matcher *m)
{
    pcre2_match_data_free(m->md);
    free(m->stopped);
    free(m->gate_memo);
    free(m->present);
    for (int i = 0; i < ZSMP_MATCH_BATCH; i++)
        free(m->scans[i].at);
    free(m->sorted);
    free(m->batch);
    memset(m, 0, sizeof *m);
}

void zsmp_hits_free(zsmp_hits *h)
{
    free(h->items);
    memset(h, 0, sizeof *h);
}
