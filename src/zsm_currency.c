/* zsm_currency.c - the report's own currency: what a bare 元 (亿元, 万元,
 * 億元) stands for.  The default (yuan) unless the report says otherwise:
 *   stated   （新台币，下同）, 金额单位：新台币, 单位：亿港元, 以澳门元计
 *            (the lexicon's currency.document; the first statement holds
 *            for the whole text, figures before it too)
 *   implied  a Traditional-script text that names exactly one home
 *            currency (新台币, 港元, 澳门元: "traditional_home") other than
 *            as a figure's unit (新臺幣12億元, not 1.6億港元), and never
 *            names the default by a word of its own (人民币, RMB); or,
 *            failing that, one whose currency and home places ("places":
 *            香港, 澳门) it names most, at least twice and more than twice
 *            as often as 人民币, when it never speaks of itself as a
 *            mainland area (全市, 本县: region.self), as a mainland
 *            office's report from Hong Kong does
 * Runs after matching; resolve reads it for every amount. */
#include "zsm_first_next.h"
#include "zsm_internal.h"
#include "zsm_numchar.h"

#include <stdlib.h>
#include <string.h>

/* The first currency other than the default named in s[a, b). */
static const zsmp_currency *named_in(const zsmp_pass *p, size_t a, size_t b)
{
    const zsmp_currency *deflt = zsmp_currency_default(p->rules);
    for (size_t i = a; i < b; i++) {
        const zsmp_currency *c = zsmp_currency_at(p->rules, p->t->s + i, b - i);
        if (c && strcmp(c->iso, deflt->iso) != 0)
            return c;
    }
    return NULL;
}

/* The first statement naming a currency other than the default (单位：万元
 * states the default and is passed over). */
static const zsmp_currency *stated_currency(zsmp_pass *p)
{
    size_t ms, me;
    for (size_t at = 0; zsmp_lex_first(&p->lk, ZSMP_LEX_CURRENCY_DOCUMENT, at, p->t->len, &ms, &me);
         at = me) {
        const zsmp_currency *c = named_in(p, ms, me);
        if (c)
            return c;
        if (me <= at)
            break;
    }
    return NULL;
}

/* The code point ending right before s[at] (spaces skipped); 0 at the start. */
static uint32_t cp_before(const char *s, size_t at)
{
    while (at > 0 && s[at - 1] == ' ')
        at--;
    size_t lead = at;
    while (lead > 0 && at - lead < 4 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    uint32_t cp;
    if (lead == 0 || !zsmp_utf8_get((const unsigned char *)s + lead - 1, at - lead + 1, &cp))
        return 0;
    return cp;
}

/* ------------------------------------------------------------ word tally */

/* The words a Traditional text's currency is judged by - the currencies'
 * words (a bare 元 aside) and their home places - found in one walk over
 * the text, instead of a memmem a word over the whole text (some forty for
 * a report with no stated currency).  Of each word: how often it stands,
 * one occurrence after another without overlap as memmem finds them, and
 * whether one of those stands other than after a numeral (新臺幣12億元,
 * 以港元計, not 1.6億港元: a figure's unit says only that one figure is in
 * that currency).  A word begins with a character's first byte, so it
 * stands only at a character start. */
typedef struct tally {
    const char *word;
    size_t len;
    size_t count;
    size_t after; /* where the last occurrence counted ends */
    int freely;
    int next; /* the next word of its bucket, -1 none */
} tally;

typedef struct tallies {
    tally *of;         /* the currencies' words, then the places' */
    size_t currencies; /* of[0, currencies) are rules->currencies */
    size_t count;
} tallies;

/* Words are bucketed by their first byte when it is ASCII or begins a
 * two-byte character, else by a hash of their first three bytes (a
 * character of three bytes or the start of one of four). */
enum { BYTE_BUCKETS = 256, BUCKETS = BYTE_BUCKETS + 1024 };

static unsigned bucket_of(const unsigned char *s)
{
    if (s[0] < 0xE0)
        return s[0];
    uint32_t k = (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
    return BYTE_BUCKETS + ((k * 0x9E3779B1u) >> 22);
}

static void count_at(const zsmp_text *t, tally *w, size_t i)
{
    if (i < w->after || w->len > t->len - i || t->s[i + w->len - 1] != w->word[w->len - 1] ||
        memcmp(t->s + i, w->word, w->len) != 0)
        return;
    w->count++;
    w->after = i + w->len;
    if (!zsmp_is_numeral_char(cp_before(t->s, i)))
        w->freely = 1;
}

/* Into out->of: `room` tallies at hand, else allocated (the caller frees
 * what is not `room`).  0 when out of memory. */
static int tally_words(const zsmp_pass *p, tallies *out, tally *room, size_t room_count)
{
    const zsm_rules *r = p->rules;
    out->currencies = r->currency_count;
    out->count = r->currency_count + r->place_count;
    out->of = out->count <= room_count ? room : calloc(out->count, sizeof *out->of);
    if (!out->of)
        return 0;
    memset(out->of, 0, out->count * sizeof *out->of);
    int head[BUCKETS];
    for (size_t b = 0; b < BUCKETS; b++)
        head[b] = -1;
    for (size_t k = out->count; k-- > 0;) {
        const zsmp_currency *c =
            k < out->currencies ? &r->currencies[k] : &r->places[k - out->currencies];
        tally *w = &out->of[k];
        w->word = c->word;
        w->len = strlen(c->word);
        w->next = -1;
        if (w->len == 0 || (c->bare && k < out->currencies) ||
            ((unsigned char)c->word[0] >= 0xE0 && w->len < 3))
            continue; /* never asked (a bare 元), or no word */
        unsigned b = bucket_of((const unsigned char *)c->word);
        w->next = head[b];
        head[b] = (int)k;
    }
    const unsigned char *u = (const unsigned char *)p->t->s;
    size_t len = p->t->len;
    const zsmp_first *first = &r->currency_words_first; /* the places the class index names */
    for (size_t i = zsmp_first_next(&p->lk.starts, first, 0, len); i < len;
         i = zsmp_first_next(&p->lk.starts, first, i + zsmp_utf8_step(u[i]), len)) {
        if (u[i] >= 0xE0 && len - i < 3)
            break; /* (valid UTF-8 never ends so) */
        for (int k = head[bucket_of(u + i)]; k >= 0; k = out->of[k].next)
            count_at(p->t, &out->of[k], i);
    }
    return 1;
}

/* The one home currency a Traditional text names freely, unless it also
 * names the default by a word of its own or names two home currencies. */
static const zsmp_currency *implied_currency(const zsmp_pass *p, const tallies *w)
{
    const zsm_rules *r = p->rules;
    const zsmp_currency *deflt = zsmp_currency_default(r), *home = NULL;
    for (size_t k = 0; k < r->currency_count; k++) {
        const zsmp_currency *c = &r->currencies[k];
        int is_default = strcmp(c->iso, deflt->iso) == 0;
        if (is_default && !c->bare && w->of[k].count)
            return NULL;
        if (!c->traditional_home || !w->of[k].freely)
            continue;
        if (home && strcmp(home->iso, c->iso) != 0)
            return NULL;
        home = c;
    }
    return home;
}

/* Mentions of currency `iso`: its words (a bare 元 aside) and its places. */
static size_t mentions(const zsmp_pass *p, const tallies *w, const char *iso)
{
    const zsm_rules *r = p->rules;
    size_t count = 0;
    for (size_t k = 0; k < r->currency_count; k++)
        if (strcmp(r->currencies[k].iso, iso) == 0 && !r->currencies[k].bare)
            count += w->of[k].count;
    for (size_t k = 0; k < r->place_count; k++)
        if (strcmp(r->places[k].iso, iso) == 0)
            count += w->of[w->currencies + k].count;
    return count;
}

/* Does the text speak of itself as a mainland area (全市 … twice)? */
static int mainland_self(zsmp_pass *p)
{
    size_t ms, me, at = 0;
    int seen = 0;
    while (seen < 2 && zsmp_lex_first(&p->lk, ZSMP_LEX_REGION_SELF, at, p->t->len, &ms, &me)) {
        seen++;
        at = me > at ? me : at + 1;
    }
    return seen >= 2;
}

/* The home currency whose words and places a Traditional text names most. */
static const zsmp_currency *place_currency(zsmp_pass *p, const tallies *w)
{
    const zsm_rules *r = p->rules;
    if (mainland_self(p))
        return NULL;
    const zsmp_currency *best = NULL;
    size_t best_n = 0, second = 0;
    for (size_t k = 0; k < r->currency_count; k++) {
        const zsmp_currency *c = &r->currencies[k];
        if (!c->traditional_home || (best && strcmp(best->iso, c->iso) == 0))
            continue;
        size_t n = mentions(p, w, c->iso);
        if (n > best_n) {
            second = best_n;
            best = c;
            best_n = n;
        } else if (n > second) {
            second = n;
        }
    }
    size_t yuan = mentions(p, w, zsmp_currency_default(r)->iso);
    return best && best_n >= 2 && best_n > second && best_n > 2 * yuan ? best : NULL;
}

const zsmp_currency *zsmp_report_currency(zsmp_pass *p)
{
    const zsmp_currency *c = stated_currency(p);
    tally room[128];
    tallies w = {NULL, 0, 0};
    /* (Out of memory, with more words than room: the default, as for a
     * text that names none.) */
    if (!c && zsmp_text_is_traditional(p->t) &&
        tally_words(p, &w, room, sizeof room / sizeof room[0])) {
        c = implied_currency(p, &w);
        if (!c)
            c = place_currency(p, &w);
    }
    if (w.of != room)
        free(w.of);
    return c ? c : zsmp_currency_default(p->rules);
}
