/* zsm_region.c - the area a report covers, as the report names it.
 *
 * Its level (县, 区, 市 …) is how the report names itself: the level most
 * of its 全县, 我区 … use (lexicon region.self).  Its name, from the
 * strongest evidence down:
 *   1. the title, then the issuer's name (发布机构:, 来源:, the signature):
 *      a name of that level written there - from the gazetteer (武义县), or
 *      written out (青溪县, 白鹭湾经济开发区, XX区: lexicon region.name)
 *   2. the body: the name of that level it uses most - a gazetteer name, a
 *      gazetteer stem with the level (黔江 in a 区 report: 黔江区), a
 *      placeholder (XX区), a written name used twice or at the head of a
 *      body's name (南屏区招商投资促进中心) - a name whose city or province
 *      the text also names first.
 * The name is written with the provinces and cities the text puts right
 * before it (漯河市西城区; 重庆黔江 -> 重庆市黔江区).  Words that end like a
 * name but are none (工业园区, 城市: lexicon region.not), and 区, 县 … that
 * begin the name of a body (完成区政府…: region.not_after) are left out.
 */
#define _GNU_SOURCE /* memmem */
#include "zsm_internal.h"
#include "zsm_lexicon_at.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- the gazetteer */

/* The gazetteer by stem (黔江 of 黔江区): indices into zsmp_places sorted by
 * their stems' bytes, built once. */
static size_t *by_stem;
static pthread_once_t by_stem_once = PTHREAD_ONCE_INIT;

static size_t stem_bytes(const zsmp_place *pl)
{
    return (size_t)pl->stem * 3; /* CJK characters: three bytes each */
}

static int cmp_stem(const void *pa, const void *pb)
{
    const zsmp_place *a = &zsmp_places[*(const size_t *)pa];
    const zsmp_place *b = &zsmp_places[*(const size_t *)pb];
    size_t la = stem_bytes(a), lb = stem_bytes(b);
    int c = memcmp(a->name, b->name, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

/* The run of names (and of stems) beginning with each character, by its
 * code point: every name begins with a three-byte character, and a place
 * is looked up at every character of a report's opening.  An entry is the
 * run's first index | its length << 16, UINT32_MAX where no name begins
 * with the character; both tables NULL when they cannot be built (then a
 * binary search finds the run). */
enum { RUN_INDEX_LIMIT = 0xFFFF }; /* a run's first index must fit 16 bits */
static uint32_t *name_run, *stem_run;

static int three_byte_lead(const char *s)
{
    return ((unsigned char)s[0] & 0xF0) == 0xE0;
}

/* The code point of the three-byte character at s, the tables' index. */
static uint32_t run_index(const char *s)
{
    uint32_t cp;
    zsmp_text_get(s, 0, &cp);
    return cp;
}

static void build_runs(void)
{
    name_run = malloc(0x10000 * sizeof *name_run);
    stem_run = malloc(0x10000 * sizeof *stem_run);
    int ok = name_run && stem_run && by_stem && zsmp_place_count < RUN_INDEX_LIMIT;
    for (size_t k = 0; ok && k < zsmp_place_count; k++)
        ok = three_byte_lead(zsmp_places[k].name);
    if (!ok) {
        free(name_run);
        free(stem_run);
        name_run = stem_run = NULL;
        return;
    }
    memset(name_run, 0xFF, 0x10000 * sizeof *name_run);
    memset(stem_run, 0xFF, 0x10000 * sizeof *stem_run);
    for (size_t k = zsmp_place_count; k-- > 0;) { /* the first of each run stays */
        uint32_t *n = &name_run[run_index(zsmp_places[k].name)];
        uint32_t *t = &stem_run[run_index(zsmp_places[by_stem[k]].name)];
        *n = (uint32_t)k | (*n == UINT32_MAX ? 1u : (*n >> 16) + 1) << 16;
        *t = (uint32_t)k | (*t == UINT32_MAX ? 1u : (*t >> 16) + 1) << 16;
    }
}

/* The first two characters of every name (and so of every stem of two
 * characters or more: a stem begins its name) hashed into a bitmap: most
 * places of a report begin none, and are passed after one read. */
enum { PAIR_BITS = 1 << 16 };
static uint64_t pair_bits[PAIR_BITS / 64];
static int pair_bits_built;

/* The hash of the six bytes at s (two three-byte characters). */
static unsigned pair_hash(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t v = 0;
    for (int k = 0; k < 6; k++)
        v = v << 8 | u[k];
    return (unsigned)((v * 0x9E3779B97F4A7C15u) >> 48); /* 0 .. PAIR_BITS - 1 */
}

static void build_pair_bits(void)
{
    for (size_t k = 0; k < zsmp_place_count; k++) {
        if (strlen(zsmp_places[k].name) < 6)
            return; /* (every name holds two characters or more) */
        unsigned h = pair_hash(zsmp_places[k].name);
        pair_bits[h / 64] |= (uint64_t)1 << (h % 64);
    }
    pair_bits_built = 1;
}

static void build_by_stem(void)
{
    build_pair_bits();
    by_stem = malloc(zsmp_place_count * sizeof *by_stem);
    if (by_stem) {
        for (size_t i = 0; i < zsmp_place_count; i++)
            by_stem[i] = i;
        qsort(by_stem, zsmp_place_count, sizeof *by_stem, cmp_stem);
    }
    build_runs();
}

/* The first character (three bytes) of s as one number, ordered as memcmp
 * orders the bytes: the gazetteer's runs are compared by it, without a
 * call to memcmp a step. */
static uint32_t first_key(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
}

/* The run [*lo, *hi) of names (`index` NULL) or stems (by_stem) beginning
 * with the character at s: from the table, or by a binary search. */
static void run_bounds(const char *s, const size_t *index, size_t *lo, size_t *hi)
{
    const uint32_t *runs = index ? stem_run : name_run;
    if (runs) {
        uint32_t r = three_byte_lead(s) ? runs[run_index(s)] : UINT32_MAX;
        *lo = r == UINT32_MAX ? 0 : (r & 0xFFFF);
        *hi = r == UINT32_MAX ? 0 : *lo + (r >> 16);
        return;
    }
    uint32_t key = first_key(s);
    size_t l = 0, h = zsmp_place_count;
    while (l < h) {
        size_t mid = (l + h) / 2;
        if (first_key(zsmp_places[index ? index[mid] : mid].name) < key)
            l = mid + 1;
        else
            h = mid;
    }
    for (*lo = *hi = l;
         *hi < zsmp_place_count && first_key(zsmp_places[index ? index[*hi] : *hi].name) == key;)
        (*hi)++;
}

/* The first place of run [lo, hi) whose second character is at least
 * `second` (as a number): names, and stems of two characters or more, are
 * sorted by their bytes within a run. */
static size_t second_from(const size_t *index, size_t lo, size_t hi, uint32_t second)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (first_key(zsmp_places[index ? index[mid] : mid].name + 3) < second)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The longest gazetteer name written at s[i] within end: a full name, or
 * with `stems` a stem of two characters or more.  Its index, -1 if none;
 * *len is its length in the text, *full 0 for a stem. */
static long place_at(const char *s, size_t i, size_t end, int stems, size_t *len, int *full)
{
    long best = -1;
    size_t best_len = 0;
    *len = 0;
    if (end - i < 6 || !((unsigned char)s[i] & 0x80))
        return -1;
    unsigned h = pair_hash(s + i);
    if (pair_bits_built && !((pair_bits[h / 64] >> (h % 64)) & 1))
        return -1; /* no name begins with these two characters */
    /* Every name holds two characters or more, and the text six bytes: the
     * names sharing the first two characters are found by the first in a
     * table and the second by bisection, then compared whole. */
    uint32_t second = first_key(s + i + 3);
    size_t lo, hi;
    run_bounds(s + i, NULL, &lo, &hi);
    for (size_t k = second_from(NULL, lo, hi, second);
         k < hi && first_key(zsmp_places[k].name + 3) == second; k++) {
        size_t n = strlen(zsmp_places[k].name);
        if (n > best_len && n <= end - i && memcmp(zsmp_places[k].name, s + i, n) == 0) {
            best = (long)k;
            best_len = n;
            *full = 1;
        }
    }
    if (!stems || !by_stem) {
        *len = best_len;
        return best;
    }
    /* Stems of one character sort first in their run; the others by bytes. */
    run_bounds(s + i, by_stem, &lo, &hi);
    while (lo < hi && zsmp_places[by_stem[lo]].stem < 2)
        lo++;
    for (size_t k = second_from(by_stem, lo, hi, second);
         k < hi && first_key(zsmp_places[by_stem[k]].name + 3) == second; k++) {
        const zsmp_place *pl = &zsmp_places[by_stem[k]];
        size_t n = stem_bytes(pl);
        if (n > best_len && n <= end - i && memcmp(pl->name, s + i, n) == 0) {
            best = (long)by_stem[k];
            best_len = n;
            *full = 0;
        }
    }
    *len = best_len;
    return best;
}

/* ----------------------------------------------------------- candidates */

enum { LEVELS = 9 };

/* The index of the level character a name ends with (省 市 州 盟 区 县 旗
 * 镇 乡), -1 if none. */
static int level_of(const char *s, size_t n)
{
    static const char *const levels[LEVELS] = {"省", "市", "州", "盟", "区",
                                               "县", "旗", "镇", "乡"};
    for (int k = 0; k < LEVELS; k++)
        if (n >= 3 && memcmp(s + n - 3, levels[k], 3) == 0)
            return k;
    return -1;
}

typedef enum { FROM_GAZETTEER, FROM_STEM, WRITTEN, PLACEHOLDER } origin;

typedef struct candidate {
    size_t a, b; /* where it is first written */
    long place;  /* gazetteer index, -1 for a written name */
    origin from;
    int level; /* level character index, -1 if none */
    int count; /* times written */
    int org;   /* written at the head of a body's name (…投资促进中心) */
} candidate;

/* A stem counted already: a report names its region hundreds of times,
 * and each name asks the counts of its stem and of the stems it may start
 * with (count 0: an empty slot). */
typedef struct stem_seen {
    uint32_t a, n; /* (texts are below 4 GiB) */
    int count;
} stem_seen;
enum { STEMS_KEPT = 512, STEMS_PROBED = 8 };

/* Whether the whole text names a gazetteer place (a province or city over
 * a candidate): found for all of them in one walk (find_parents). */
typedef struct place_seen {
    long place;
    int named;
} place_seen;
enum { PLACES_KEPT = 256 };

typedef struct finder {
    zsmp_pass *p;
    zsmp_lookup *lk;
    const char *s;
    size_t n;       /* candidates in c */
    int title;      /* reading the title or the issuer: 苗东县政府 there names its region */
    size_t end;     /* what is read of the text: its first REGION_REACH bytes */
    size_t counted; /* stems counted by memmem so far */
    uint32_t *lead_head;         /* by hash of six bytes: first place + 1, 0 none */
    uint32_t *lead_next;         /* per place: the next place + 1 with that hash */
    uint32_t *lead_at;           /* the places (character starts), in order */
    uint32_t lead_bits;          /* log2 of lead_head's slots; 0: no index */
    size_t place_count;          /* places in places */
    stem_seen stems[STEMS_KEPT]; /* stem counts asked already, by hash */
    /* Read only up to their counts: not cleared for each document. */
    place_seen places[PLACES_KEPT]; /* whether the text names a place, asked already */
    candidate c[64];
} finder;

/* A report names its region in its first pages; counting names over a whole
 * compendium of reports (tens of MB, thousands of names) would cost time
 * quadratic in its size and find no one region anyway. */
enum { REGION_REACH = 256 * 1024 };

static int is_placeholder_char(const char *s)
{
    return *s == 'X' || *s == 'x' || *s == '*' || memcmp(s, "\xc3\x97", 2) == 0;
}

/* Adds a sighting of a name: a new candidate or one more of the same.  The
 * tail of a name seen already (技术开发区 of 临川经济技术开发区) is none. */
static void sighting(finder *f, candidate c)
{
    for (size_t j = 0; j < f->n; j++)
        if (c.b == f->c[j].b && c.a > f->c[j].a)
            return;
    for (size_t j = 0; j < f->n; j++) {
        candidate *o = &f->c[j];
        int same = o->place >= 0 && c.place >= 0
                       ? o->place == c.place
                       : o->b - o->a == c.b - c.a && !memcmp(f->s + o->a, f->s + c.a, c.b - c.a);
        if (same) {
            o->count++;
            o->org |= c.org;
            return;
        }
    }
    if (f->n < sizeof f->c / sizeof f->c[0])
        f->c[f->n++] = c;
}

/* After this many stems counted by memmem (a walk over REGION_REACH bytes
 * each), the places of the text read are indexed by their first six bytes
 * (two Han characters): a report naming its region in the body asks the
 * counts of hundreds of stems.  Eight rather than 32: the seeds joined
 * into one 1 MB report ask 121, and read 224 -> 213 instructions a byte;
 * the held-out reports (small) are as before, +0.1%. */
enum { MEMMEM_STEMS = 8, LEAD_BYTES = 6 };

static uint32_t lead_hash(const char *s, uint32_t bits)
{
    uint64_t k = 0;
    memcpy(&k, s, LEAD_BYTES);
    return (uint32_t)((k * 0x9E3779B97F4A7C15u) >> (64 - bits));
}

static void free_leads(finder *f)
{
    free(f->lead_head);
    free(f->lead_next);
    free(f->lead_at);
    f->lead_head = f->lead_next = f->lead_at = NULL;
}

/* The index of every character start p of the text read with p + 6 bytes
 * in it, chained by the hash of those bytes in text order.  0 when out of
 * memory (memmem answers then). */
static int index_leads(finder *f)
{
    size_t places = 0;
    if (f->end < LEAD_BYTES)
        return 0;
    f->lead_at = malloc((f->end - LEAD_BYTES + 1) * sizeof *f->lead_at);
    if (!f->lead_at)
        return 0;
    for (size_t i = 0; i + LEAD_BYTES <= f->end; i += zsmp_utf8_step((unsigned char)f->s[i]))
        f->lead_at[places++] = (uint32_t)i;
    uint32_t bits = 4;
    while (((size_t)1 << bits) < 2 * places)
        bits++;
    f->lead_head = calloc((size_t)1 << bits, sizeof *f->lead_head);
    f->lead_next = malloc((places ? places : 1) * sizeof *f->lead_next);
    if (!f->lead_head || !f->lead_next) {
        free_leads(f);
        return 0;
    }
    for (size_t k = places; k-- > 0;) { /* backwards: each chain in text order */
        uint32_t h = lead_hash(f->s + f->lead_at[k], bits);
        f->lead_next[k] = f->lead_head[h];
        f->lead_head[h] = (uint32_t)k + 1;
    }
    f->lead_bits = bits;
    return 1;
}

/* How often s[a, a + n) stands in the text read, at least once: counted
 * as memmem finds them, one after another without overlap.  A string that
 * begins with a character's first byte stands only at a character start,
 * so the places with its first six bytes' hash are all it can stand at. */
static int occurrences(finder *f, size_t a, size_t n)
{
    int count = 0;
    int whole = n >= LEAD_BYTES && ((unsigned char)f->s[a] & 0xC0) != 0x80;
    if (whole && !f->lead_bits && ++f->counted > MEMMEM_STEMS && !index_leads(f))
        f->counted = 0; /* (no memory: memmem goes on) */
    if (whole && f->lead_bits) {
        size_t after = 0; /* the end of the last occurrence counted */
        for (uint32_t k = f->lead_head[lead_hash(f->s + a, f->lead_bits)]; k;
             k = f->lead_next[k - 1]) {
            size_t at = f->lead_at[k - 1];
            if (at >= after && at + n <= f->end && memcmp(f->s + at, f->s + a, n) == 0) {
                count++;
                after = at + n;
            }
        }
        return count ? count : 1;
    }
    for (const char *at = f->s;
         (at = memmem(at, f->end - (size_t)(at - f->s), f->s + a, n)) != NULL; at += n)
        count++;
    return count ? count : 1;
}

/* How often the stem of a written name (渠江 of 渠江县) stands in the text,
 * at least once; each stem counted once a document. */
static int stem_count(finder *f, size_t a, size_t b)
{
    size_t n = b - a - 3; /* the name without its level character */
    if (n < 6)
        return 1;
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)f->s[a + i]) * 16777619u;
    for (size_t probe = 0; probe < STEMS_PROBED; probe++) {
        stem_seen *e = &f->stems[(h + probe) % STEMS_KEPT];
        if (e->count == 0) {
            *e = (stem_seen){(uint32_t)a, (uint32_t)n, occurrences(f, a, n)};
            return e->count;
        }
        if (e->n == n && memcmp(f->s + e->a, f->s + a, n) == 0)
            return e->count;
    }
    return occurrences(f, a, n); /* the slots near its hash are taken */
}

/* Where a written name most likely starts: a match may take the words
 * before the name (完善渠江县); of its starts with a stem of two characters
 * or more, the one whose stem the text repeats most, the longest on a tie. */
static size_t likeliest_start(finder *f, size_t a, size_t b)
{
    size_t best = a;
    int best_count = stem_count(f, a, b);
    for (size_t at = a + 3; at + 3 * 3 <= b; at += 3) {
        int n = stem_count(f, at, b);
        if (n > best_count) {
            best = at;
            best_count = n;
        }
    }
    return best;
}

/* Names written out in [a, b) by lexicon entry `id`: administrative areas
 * (region.name: 青溪县, XX区; a match that took the words before the name
 * is moved to its likeliest start) or zones and towns (region.zone), none
 * that is a word like a name (region.not) or heads a body of the region
 * (region.not_after). */
static void written_names(finder *f, zsmp_lex_id id, size_t a, size_t b)
{
    size_t ms, me;
    for (size_t at = a; at < b;) {
        if (zsmp_lexicon_search(f->lk, id, at, b, ZSMP_LEX_FIRST, &ms, &me) <= 0)
            return;
        at = me > at ? me : at + 1;
        int placeholder = is_placeholder_char(f->s + ms);
        if (id == ZSMP_LEX_REGION_NAME && !placeholder)
            ms = likeliest_start(f, ms, me); /* 完善渠江县 -> 渠江县 */
        size_t not_end;
        /* A body after a name of two characters or more, in the title or
         * the issuer (苗东县政府…施政报告), is that region's own. */
        int body_of_name = f->title && me - ms >= 3 * 3;
        if ((zsmp_lex_at(f->lk, ZSMP_LEX_REGION_NOT, ms, me, &not_end) && not_end == me) ||
            (!body_of_name && zsmp_lex_at(f->lk, ZSMP_LEX_REGION_NOT_AFTER, me, b, NULL)))
            continue; /* 工业园区; 完成区政府 */
        size_t len;
        int full;
        long k = place_at(f->s, ms, me, 0, &len, &full);
        candidate c = {
            ms, me, -1, placeholder ? PLACEHOLDER : WRITTEN, level_of(f->s + ms, me - ms), 1, 0};
        if (!placeholder && id == ZSMP_LEX_REGION_NAME)
            c.count = stem_count(f, ms, me); /* 渠江县 once, 渠江 often */
        if (k >= 0 && len == me - ms) {
            c.place = k;
            c.from = FROM_GAZETTEER;
        }
        c.org = zsmp_lex_at(f->lk, ZSMP_LEX_ISSUER_ORG, ms, b, NULL);
        sighting(f, c);
    }
}

/* Is s[0, n) also the stem of a place above `level` (a province or city)? */
static int stem_of_higher(const char *s, size_t n, int level)
{
    if (!by_stem)
        return 0;
    size_t lo, hi;
    run_bounds(s, by_stem, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        const zsmp_place *pl = &zsmp_places[by_stem[k]];
        if (stem_bytes(pl) == n && memcmp(pl->name, s, n) == 0 && pl->level < level)
            return 1;
    }
    return 0;
}

/* Gazetteer names in [a, b): full names (of two characters' stem or more,
 * 义县 is too short to trust), and with `stems` the stems of names of
 * `level` (黔江 -> 黔江区). */
static void gazetteer_names(finder *f, size_t a, size_t b, int stems, int level)
{
    for (size_t i = a; i < b;) {
        size_t len;
        int full;
        long k = place_at(f->s, i, b, stems, &len, &full);
        if (k < 0) {
            i += ((unsigned char)f->s[i] & 0x80) ? 3 : 1;
            continue;
        }
        const zsmp_place *pl = &zsmp_places[k];
        int lv = level_of(pl->name, strlen(pl->name));
        /* 长沙 alone is the city (长沙市), not the county (长沙县). */
        if (!full && stem_of_higher(f->s + i, len, pl->level)) {
            i += len;
            continue;
        }
        if (pl->stem >= 2 && (full || lv == level))
            sighting(f, (candidate){i, i + len, k, full ? FROM_GAZETTEER : FROM_STEM, lv, 1, 0});
        i += len;
    }
}

/* The bytes that name a place in the text: its stem (黔江) when of two
 * characters or more, else its name. */
static size_t place_bytes(const zsmp_place *pl)
{
    return pl->stem >= 2 ? stem_bytes(pl) : strlen(pl->name);
}

static int named_by_search(const finder *f, long p)
{
    return memmem(f->p->t->s, f->p->t->len, zsmp_places[p].name, place_bytes(&zsmp_places[p])) !=
           NULL;
}

/* Does the text name place p (its full name or its stem)? */
static int place_named(const finder *f, long p)
{
    for (size_t i = 0; i < f->place_count; i++)
        if (f->places[i].place == p)
            return f->places[i].named;
    return named_by_search(f, p); /* (more places than kept) */
}

enum { PLACE_FILTER_BITS = 12 };

/* Whether the whole text names each province or city over a candidate,
 * into f->places, in one walk over the text: each character start's first
 * six bytes are checked against a filter of the names' (a memmem a place
 * read the whole text each where it stood nowhere: fifty of them on a
 * 1 MB report).  A name begins with a character's first byte, so it
 * stands only at a character start. */
static void find_parents(finder *f)
{
    uint64_t filter[(1u << PLACE_FILTER_BITS) / 64] = {0};
    size_t unnamed = 0;
    f->place_count = 0;
    for (size_t j = 0; j < f->n; j++)
        for (long p = f->c[j].place >= 0 ? zsmp_places[f->c[j].place].parent : -1; p >= 0;
             p = zsmp_places[p].parent) {
            size_t k = 0;
            while (k < f->place_count && f->places[k].place != p)
                k++;
            if (k < f->place_count || f->place_count == PLACES_KEPT)
                continue;
            const zsmp_place *pl = &zsmp_places[p];
            int walked =
                place_bytes(pl) >= LEAD_BYTES && ((unsigned char)pl->name[0] & 0xC0) != 0x80;
            f->places[f->place_count++] = (place_seen){p, walked ? 0 : named_by_search(f, p)};
            if (walked) {
                uint32_t h = lead_hash(pl->name, PLACE_FILTER_BITS);
                filter[h / 64] |= (uint64_t)1 << (h % 64);
                unnamed++;
            }
        }
    const char *s = f->p->t->s;
    size_t len = f->p->t->len;
    for (size_t i = 0; unnamed && i + LEAD_BYTES <= len; i += zsmp_utf8_step((unsigned char)s[i])) {
        uint32_t h = lead_hash(s + i, PLACE_FILTER_BITS);
        if (!(filter[h / 64] >> (h % 64) & 1))
            continue;
        for (size_t k = 0; k < f->place_count; k++) {
            const zsmp_place *pl = &zsmp_places[f->places[k].place];
            size_t n = place_bytes(pl);
            if (!f->places[k].named && n >= LEAD_BYTES && i + n <= len &&
                memcmp(s + i, pl->name, n) == 0) {
                f->places[k].named = 1;
                unnamed--;
            }
        }
    }
}

/* Does the text name the province or city holding place k? */
static int parent_named(const finder *f, long k)
{
    for (int p = k >= 0 ? zsmp_places[k].parent : -1; p >= 0; p = zsmp_places[p].parent)
        if (place_named(f, p))
            return 1;
    return 0;
}

/* How much a candidate looks like the report's region. */
static int score(const finder *f, const candidate *c, int level, int body)
{
    int s = c->level == level ? 100 : 0;
    if (body) {
        /* A name written out only once, not heading a body's name, could
         * be any word ending in 区 or 县: the last choice. */
        if (c->from == WRITTEN && c->count < 2 && !c->org)
            s -= 10;
        s += c->count * 2 + (c->org ? 3 : 0) + (parent_named(f, c->place) ? 3 : 0);
        s += c->from == FROM_STEM ? 0 : 1;
    } else {
        /* A title names the most specific area first: 县 before its city. */
        s += c->place >= 0 ? 2 * zsmp_places[c->place].level : 5;
    }
    return s;
}

/* Is candidate j written right before another (十堰市 of 十堰市郧阳区): the
 * first part of one name? */
static int prefix_of_another(const finder *f, size_t j)
{
    for (size_t k = 0; k < f->n; k++)
        if (k != j && f->c[k].a == f->c[j].b)
            return 1;
    return 0;
}

static const candidate *best(const finder *f, int level, int body)
{
    const candidate *b = NULL;
    int bs = -1;
    for (size_t j = 0; j < f->n; j++) {
        if (!body && prefix_of_another(f, j))
            continue;
        int s = score(f, &f->c[j], level, body);
        if (s >= 0 && (level < 0 || f->c[j].level == level || !body) && s > bs) {
            b = &f->c[j];
            bs = s;
        }
    }
    return b;
}

/* ---------------------------------------------------------------- level */

/* How the report names itself: the level character of most of its 全县,
 * 我区 …; -1 when it never does. */
static int self_level(finder *f)
{
    int count[LEVELS] = {0};
    size_t ms, me, len = f->end;
    for (size_t at = 0; at < len;) {
        if (zsmp_lexicon_search(f->lk, ZSMP_LEX_REGION_SELF, at, len, ZSMP_LEX_FIRST, &ms, &me) <=
            0)
            break;
        for (size_t k = ms; k + 3 <= me; k += 3) {
            int lv = level_of(f->s + k, 3);
            if (lv >= 0) {
                count[lv]++;
                break;
            }
        }
        at = me > at ? me : at + 1;
    }
    /* On a tie the more local level: a county report speaks of 全市, its
     * city, as often as of 全县. */
    int top = -1;
    for (int k = 0; k < LEVELS; k++)
        if (count[k] && (top < 0 || count[k] >= count[top]))
            top = k;
    return top;
}

/* ----------------------------------------------------------------- name */

/* The gazetteer name (full or stem) of a province or city that ends right
 * at `at`, above `level`; its index, -1 if none. */
static long parent_before(const char *s, size_t at, int level, size_t *start)
{
    for (size_t back = 6; back <= 30 && back <= at; back += 3) {
        size_t len;
        int full;
        long k = place_at(s, at - back, at, 1, &len, &full);
        if (k >= 0 && len == back && zsmp_places[k].level < level) {
            *start = at - back;
            return k;
        }
    }
    return -1;
}

/* The region's name: the candidate's (a stem made whole: 黔江 -> 黔江区),
 * with the provinces and cities written right before its occurrences, the
 * longest form over them. */
static const char *region_name(finder *f, const candidate *c)
{
    char best[256] = "";
    size_t best_n = 0;
    size_t n = c->b - c->a;
    int stem = c->from == FROM_STEM;
    const char *own = stem ? zsmp_places[c->place].name : f->s + c->a;
    size_t own_n = stem ? strlen(own) : n;
    for (const char *at = f->s;
         (at = memmem(at, f->end - (size_t)(at - f->s), f->s + c->a, n)) != NULL; at += n) {
        char buf[256];
        memcpy(buf, own, own_n);
        size_t len = own_n, pos = (size_t)(at - f->s), start;
        int level = c->place >= 0 ? zsmp_places[c->place].level : 3;
        long k;
        while ((k = parent_before(f->s, pos, level, &start)) >= 0 &&
               len + strlen(zsmp_places[k].name) < sizeof buf) {
            const char *name = zsmp_places[k].name;
            size_t pn = strlen(name);
            memmove(buf + pn, buf, len);
            memcpy(buf, name, pn);
            len += pn;
            level = zsmp_places[k].level;
            pos = start;
        }
        if (len > best_n) {
            memcpy(best, buf, len);
            best_n = len;
        }
    }
    return zsmp_doc_keep(f->p->doc, best, best_n);
}

zsm_status zsmp_find_region(zsmp_pass *p, const zsmp_span *lines, size_t n)
{
    pthread_once(&by_stem_once, build_by_stem);
    finder f;
    memset(&f, 0, offsetof(finder, places)); /* the rest is read up to its counts */
    f.p = p;
    f.lk = &p->lk;
    f.s = p->t->s;
    f.end = p->t->len > REGION_REACH ? zsmp_char_start(p->t->s, REGION_REACH) : p->t->len;
    int level = self_level(&f);
    const candidate *c = NULL;
    f.title = 1;
    for (size_t i = 0; !c && i < n; i++) {
        f.n = 0;
        written_names(&f, ZSMP_LEX_REGION_ZONE, lines[i].a, lines[i].b);
        written_names(&f, ZSMP_LEX_REGION_NAME, lines[i].a, lines[i].b);
        gazetteer_names(&f, lines[i].a, lines[i].b, 0, level);
        c = best(&f, level, 0);
    }
    f.title = 0;
    if (!c && level >= 0) {
        f.n = 0;
        written_names(&f, ZSMP_LEX_REGION_ZONE, 0, f.end);
        written_names(&f, ZSMP_LEX_REGION_NAME, 0, f.end);
        gazetteer_names(&f, 0, f.end, 1, level);
        find_parents(&f);
        c = best(&f, level, 1);
    }
    free_leads(&f);
    if (!c)
        return ZSM_OK;
    p->doc->report.region = region_name(&f, c);
    return p->doc->report.region ? ZSM_OK : ZSM_ERR_NOMEM;
}
