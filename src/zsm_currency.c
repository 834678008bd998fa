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
#define _GNU_SOURCE /* memmem */
#include "zsm_internal.h"
#include "zsm_numchar.h"

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

/* Does the text name the word other than as the unit of a figure (新臺幣
 * 12億元, 以港元計, not 1.6億港元)?  A figure's unit says only that one
 * figure is in that currency. */
static int names_freely(const zsmp_text *t, const char *word)
{
    size_t n = strlen(word);
    for (const char *at = t->s; (at = memmem(at, t->len - (size_t)(at - t->s), word, n)) != NULL;
         at += n) {
        uint32_t before = cp_before(t->s, (size_t)(at - t->s));
        if (!zsmp_is_numeral_char(before))
            return 1;
    }
    return 0;
}

/* The one home currency a Traditional text names freely, unless it also
 * names the default by a word of its own or names two home currencies. */
static const zsmp_currency *implied_currency(const zsmp_pass *p)
{
    const zsm_rules *r = p->rules;
    const zsmp_currency *deflt = zsmp_currency_default(r), *home = NULL;
    for (size_t k = 0; k < r->currency_count; k++) {
        const zsmp_currency *c = &r->currencies[k];
        int is_default = strcmp(c->iso, deflt->iso) == 0;
        if (is_default && !c->bare && memmem(p->t->s, p->t->len, c->word, strlen(c->word)))
            return NULL;
        if (!c->traditional_home || !names_freely(p->t, c->word))
            continue;
        if (home && strcmp(home->iso, c->iso) != 0)
            return NULL;
        home = c;
    }
    return home;
}

/* How often the text holds `word`. */
static size_t occurrences(const zsmp_text *t, const char *word)
{
    size_t n = strlen(word), count = 0;
    for (const char *at = t->s; (at = memmem(at, t->len - (size_t)(at - t->s), word, n)) != NULL;
         at += n)
        count++;
    return count;
}

/* Mentions of currency `iso`: its words (a bare 元 aside) and its places. */
static size_t mentions(const zsmp_pass *p, const char *iso)
{
    const zsm_rules *r = p->rules;
    size_t count = 0;
    for (size_t k = 0; k < r->currency_count; k++)
        if (strcmp(r->currencies[k].iso, iso) == 0 && !r->currencies[k].bare)
            count += occurrences(p->t, r->currencies[k].word);
    for (size_t k = 0; k < r->place_count; k++)
        if (strcmp(r->places[k].iso, iso) == 0)
            count += occurrences(p->t, r->places[k].word);
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
static const zsmp_currency *place_currency(zsmp_pass *p)
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
        size_t n = mentions(p, c->iso);
        if (n > best_n) {
            second = best_n;
            best = c;
            best_n = n;
        } else if (n > second) {
            second = n;
        }
    }
    size_t yuan = mentions(p, zsmp_currency_default(r)->iso);
    return best && best_n >= 2 && best_n > second && best_n > 2 * yuan ? best : NULL;
}

const zsmp_currency *zsmp_report_currency(zsmp_pass *p)
{
    const zsmp_currency *c = stated_currency(p);
    if (!c && zsmp_text_is_traditional(p->t))
        c = implied_currency(p);
    if (!c && zsmp_text_is_traditional(p->t))
        c = place_currency(p);
    return c ? c : zsmp_currency_default(p->rules);
}
