/* zsm_json.h - the streaming JSON writer (zsm_json.c), for the emitters.
 * Apart from zsm_internal.h because its inline fast paths (a literal key,
 * a plain string after its key) read the writer's own table: the header
 * of every stage must not reach into one stage's file. */
#ifndef ZSM_JSON_H
#define ZSM_JSON_H

#include <stddef.h>
#include <string.h> /* strlen in zsmp_json_key */

enum { ZSMP_JSON_DEPTH = 16 };

/* A streaming JSON writer (zsm_json.c): values appended to one buffer. */
typedef struct zsmp_json {
    char *s;
    size_t len, cap;
    int failed; /* out of memory: the text is lost */
    int pretty; /* indented two spaces a level, as jq prints */
    int depth, after_key;
    size_t count[ZSMP_JSON_DEPTH]; /* members written at each depth */
} zsmp_json;

void zsmp_json_init(zsmp_json *w, int pretty);
/* The same, writing into buf (malloc'd, cap bytes; NULL for none), grown
 * with realloc: the text is in w->s, w->len long, when done. */
void zsmp_json_init_into(zsmp_json *w, int pretty, char *buf, size_t cap);
void zsmp_json_object(zsmp_json *w);
void zsmp_json_end_object(zsmp_json *w);
void zsmp_json_array(zsmp_json *w);
void zsmp_json_end_array(zsmp_json *w);
/* A key: one of the library's own names (plain ASCII, nothing to escape),
 * its length folded at compile time for a literal. */
void zsmp_json_keyn(zsmp_json *w, const char *key, size_t n);
/* The common case inline, where a literal key's length is known to the
 * compiler: a compact record's later member, room enough. */
static inline void zsmp_json_key_inline(zsmp_json *w, const char *key, size_t n)
{
    if (!w->pretty && !w->after_key && w->depth > 0 && w->count[w->depth] &&
        w->len + n + 5 <= w->cap) {
        char *o = w->s + w->len;
        o[0] = ',';
        o[1] = '"';
        memcpy(o + 2, key, n);
        o[n + 2] = '"';
        o[n + 3] = ':';
        o[n + 4] = '\0';
        w->len += n + 4;
        w->count[w->depth]++;
        w->after_key = 1;
        return;
    }
    zsmp_json_keyn(w, key, n);
}
#define zsmp_json_key(w, key) zsmp_json_key_inline((w), (key), strlen(key))
void zsmp_json_string_any(zsmp_json *w, const char *s); /* NULL writes null */
/* Bytes that end a plain run of a JSON string: NUL, control characters,
 * " and \\ (zsm_json.c). */
extern const unsigned char zsmp_json_stops_run[256];
/* The length of the plain run s begins with: up to the first byte that
 * ends one (zsmp_json_stops_run) - the string's length when that is its NUL. */
static inline size_t zsmp_json_plain_len(const char *s)
{
    size_t n = 0;
    while (!zsmp_json_stops_run[(unsigned char)s[n]])
        n++;
    return n;
}
/* A string value; the common case inline: right after its key, nothing to
 * escape, room enough. */
static inline void zsmp_json_string(zsmp_json *w, const char *s)
{
    if (s && w->after_key) {
        size_t n = zsmp_json_plain_len(s);
        if (!s[n] && w->len + n + 3 <= w->cap) {
            char *o = w->s + w->len;
            o[0] = '"';
            memcpy(o + 1, s, n);
            o[n + 1] = '"';
            o[n + 2] = '\0';
            w->len += n + 2;
            w->after_key = 0;
            return;
        }
    }
    zsmp_json_string_any(w, s);
}
void zsmp_json_null(zsmp_json *w);
void zsmp_json_bool(zsmp_json *w, int v);
void zsmp_json_number(zsmp_json *w, double v);
void zsmp_json_size(zsmp_json *w, size_t v);
/* v's decimal digits at o (at most 20), no NUL; returns their end.
 * Inline: the emitter writes three a metric. */
static inline char *zsmp_json_put_size(char *o, size_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char digits[24];
    size_t n = sizeof digits;
    for (; v >= 100; v /= 100) { /* two digits a division */
        n -= 2;
        memcpy(digits + n, pairs + 2 * (v % 100), 2);
    }
    if (v >= 10) {
        n -= 2;
        memcpy(digits + n, pairs + 2 * v, 2);
    } else {
        digits[--n] = (char)('0' + v);
    }
    memcpy(o, digits + n, sizeof digits - n);
    return o + (sizeof digits - n);
}

void zsmp_json_id(zsmp_json *w, size_t id); /* ZSM_NONE writes null */
void zsmp_json_raw(zsmp_json *w, const char *s);
void zsmp_json_rawn(zsmp_json *w, const char *s, size_t n); /* text written as is: HTML */
/* One value the caller writes itself, at most `max` bytes, in place: the
 * comma before it (as for any value), then room for it.  Returns where to
 * write, or NULL when out of memory; zsmp_json_value_end() is given where
 * the value ends.  For a record's hot objects, whose keys and punctuation
 * are constants (zsm_emit_json.c). */
char *zsmp_json_value_begin(zsmp_json *w, size_t max);
void zsmp_json_value_end(zsmp_json *w, char *end);
/* The text written (malloc'd, the writer emptied); NULL when out of memory. */
char *zsmp_json_take(zsmp_json *w);

#endif
