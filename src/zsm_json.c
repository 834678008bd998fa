/* zsm_json.c - a streaming JSON writer into one growing buffer.
 *
 * Records are written field by field, with no tree and no allocation per
 * field (cJSON stays the reader of rules files and JSON Lines input, and
 * the tests' oracle of what this writes).  Compact, or indented two spaces
 * a level as jq prints it.  Strings are escaped as cJSON escapes them: the
 * short forms for " \ \b \f \n \r \t, \u00XX for other control characters,
 * UTF-8 as it is (the library's strings are valid UTF-8). */
#include "zsm_json.h"
#include "zsm_internal.h"

#include <stdlib.h>
#include <string.h>

/* Grows the buffer to hold n more bytes and the NUL after them. */
static int reserve(zsmp_json *w, size_t n)
{
    if (w->failed)
        return -1;
    if (w->len + n + 1 <= w->cap)
        return 0;
    size_t cap = w->cap ? w->cap : 1024;
    while (cap < w->len + n + 1)
        cap *= 2;
    char *p = realloc(w->s, cap);
    if (!p) {
        w->failed = 1;
        return -1;
    }
    w->s = p;
    w->cap = cap;
    return 0;
}

static void put(zsmp_json *w, const char *s, size_t n)
{
    if (reserve(w, n))
        return;
    memcpy(w->s + w->len, s, n);
    w->len += n;
    w->s[w->len] = '\0';
}

static void put_str(zsmp_json *w, const char *s)
{
    put(w, s, strlen(s));
}

static void newline(zsmp_json *w)
{
    static const char spaces[] = "                                ";
    put(w, "\n", 1);
    for (int d = 0; d < w->depth; d++)
        put(w, spaces, 2);
}

/* Before a value or a key: the comma after the previous member, and in
 * pretty mode its own line. */
static void before_item(zsmp_json *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (w->count[w->depth])
            put(w, ",", 1);
        w->count[w->depth]++;
        if (w->pretty)
            newline(w);
    }
}

void zsmp_json_init(zsmp_json *w, int pretty)
{
    memset(w, 0, sizeof *w);
    w->pretty = pretty;
}

void zsmp_json_init_into(zsmp_json *w, int pretty, char *buf, size_t cap)
{
    zsmp_json_init(w, pretty);
    if (buf && cap) {
        w->s = buf;
        w->cap = cap;
        buf[0] = '\0';
    }
}

static void open_container(zsmp_json *w, char c)
{
    before_item(w);
    put(w, &c, 1);
    if (w->depth + 1 < ZSMP_JSON_DEPTH)
        w->depth++;
    w->count[w->depth] = 0;
}

static void close_container(zsmp_json *w, char c)
{
    int had = w->count[w->depth] > 0;
    if (w->depth > 0)
        w->depth--;
    if (w->pretty && had)
        newline(w);
    put(w, &c, 1);
}

void zsmp_json_object(zsmp_json *w)
{
    open_container(w, '{');
}
void zsmp_json_end_object(zsmp_json *w)
{
    close_container(w, '}');
}
void zsmp_json_array(zsmp_json *w)
{
    open_container(w, '[');
}
void zsmp_json_end_array(zsmp_json *w)
{
    close_container(w, ']');
}

/* Bytes that end a plain run of a JSON string: the NUL that ends the C
 * string, control characters, " and \\ (one load a byte in the scan). */
const unsigned char zsmp_json_stops_run[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
    [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
    [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1,  ['\\'] = 1};

/* Does byte c need an escape in a JSON string? */
static int needs_escape(unsigned char c)
{
    return c && zsmp_json_stops_run[c];
}

static void put_escaped(zsmp_json *w, const char *s)
{
    size_t n = zsmp_json_plain_len(s);
    if (!s[n] && reserve(w, n + 2) == 0) { /* the common case: nothing to escape */
        char *o = w->s + w->len;
        o[0] = '"';
        memcpy(o + 1, s, n);
        o[n + 1] = '"';
        w->len += n + 2;
        w->s[w->len] = '\0';
        return;
    }
    put(w, "\"", 1);
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!needs_escape(c))
            continue;
        put(w, run, (size_t)(p - run));
        run = p + 1;
        char esc[8] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default: {
            static const char hex[] = "0123456789abcdef";
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
        }
        }
        put_str(w, esc);
    }
    put(w, run, strlen(run));
    put(w, "\"", 1);
}

void zsmp_json_keyn(zsmp_json *w, const char *key, size_t n)
{
    before_item(w);
    if (reserve(w, n + 4) == 0) { /* "key": in one copy */
        char *o = w->s + w->len;
        o[0] = '"';
        memcpy(o + 1, key, n);
        memcpy(o + n + 1, "\": ", 3);
        w->len += n + (w->pretty ? 4 : 3);
        w->s[w->len] = '\0';
    }
    w->after_key = 1;
}

void zsmp_json_string_any(zsmp_json *w, const char *s)
{
    if (!s) {
        zsmp_json_null(w);
        return;
    }
    before_item(w);
    put_escaped(w, s);
}

void zsmp_json_null(zsmp_json *w)
{
    before_item(w);
    put(w, "null", 4);
}

void zsmp_json_bool(zsmp_json *w, int v)
{
    before_item(w);
    put_str(w, v ? "true" : "false");
}

void zsmp_json_number(zsmp_json *w, double v)
{
    char buf[ZSMP_NUMBER_MAX];
    before_item(w);
    put(w, buf, zsmp_format_number(v, buf));
}

void zsmp_json_size(zsmp_json *w, size_t v)
{
    char buf[24];
    before_item(w);
    put(w, buf, (size_t)(zsmp_json_put_size(buf, v) - buf));
}

void zsmp_json_id(zsmp_json *w, size_t id)
{
    if (id == ZSM_NONE)
        zsmp_json_null(w);
    else
        zsmp_json_size(w, id);
}

void zsmp_json_raw(zsmp_json *w, const char *s)
{
    put_str(w, s);
}

void zsmp_json_rawn(zsmp_json *w, const char *s, size_t n)
{
    put(w, s, n);
}

char *zsmp_json_value_begin(zsmp_json *w, size_t max)
{
    before_item(w);
    return reserve(w, max) ? NULL : w->s + w->len;
}

void zsmp_json_value_end(zsmp_json *w, char *end)
{
    w->len = (size_t)(end - w->s);
    w->s[w->len] = '\0';
}

char *zsmp_json_take(zsmp_json *w)
{
    if (w->failed || !w->s) {
        free(w->s);
        w->s = NULL;
        return NULL;
    }
    char *s = w->s;
    w->s = NULL;
    return s;
}
