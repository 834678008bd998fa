/* zsm_decode.c - input bytes to code points, each with its original offset.
 *
 * UTF-8 (with or without BOM) is the norm.  Input that is not UTF-8 but
 * reads cleanly as GB18030 (GBK and GB2312 files are GB18030) is decoded
 * with iconv.  Bytes valid in neither become U+FFFD, one per byte, with a
 * warning: a report with a few broken bytes still yields its figures.
 */
#include "zsm_grow.h"
#include "zsm_internal.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define REPLACEMENT 0xFFFDu

static zsm_status alloc_decoded(zsmp_decoded *out, size_t len)
{
    /* Never more code points than bytes. */
    out->cp = malloc((len + 1) * sizeof *out->cp);
    out->off = malloc((len + 1) * sizeof *out->off);
    out->n = 0;
    if (!out->cp || !out->off) {
        zsmp_decoded_free(out);
        return ZSM_ERR_NOMEM;
    }
    return ZSM_OK;
}

static void push_cp(zsmp_decoded *out, uint32_t cp, size_t off)
{
    out->cp[out->n] = cp;
    out->off[out->n] = (uint32_t)off;
    out->n++;
}

#ifdef __SSE2__
/* Sixteen bytes at s, from a character's first byte, checked at once
 * (SSE2: every x86-64): when each is ASCII or belongs to a three-byte
 * character of lead E1-EC or EE-EF (all CJK ideographs: no overlong form,
 * no surrogate) whose bytes are all there or run past the sixteen, how far
 * the whole characters reach (the start of one running past, else 16), the
 * bytes of those characters added to *good_multi.  0 for anything else:
 * the byte-by-byte reader answers. */
static size_t cjk_block(const unsigned char *s, size_t *good_multi)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)s);
    /* Bytes as signed values less 0x80, so that ranges compare signed. */
    const __m128i w = _mm_xor_si128(v, _mm_set1_epi8((char)0x80));
    const __m128i cont = _mm_and_si128(_mm_cmpgt_epi8(w, _mm_set1_epi8(-1)), /* 80-BF */
                                       _mm_cmplt_epi8(w, _mm_set1_epi8(0x40)));
    const __m128i lead = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
                                          _mm_and_si128(_mm_cmpgt_epi8(w, _mm_set1_epi8(0x60)),
                                                        _mm_cmplt_epi8(w, _mm_set1_epi8(0x70))));
    unsigned ascii = (unsigned)_mm_movemask_epi8(v); /* top bit: not ASCII */
    unsigned c = (unsigned)_mm_movemask_epi8(cont), l = (unsigned)_mm_movemask_epi8(lead);
    if ((c | l) != ascii || c != ((l << 1 | l << 2) & 0xFFFFu))
        return 0; /* another byte, or a continuation byte out of place */
    size_t end = l & 0x4000u ? 14 : l & 0x8000u ? 15 : 16; /* a character running past */
    unsigned whole = l & ((1u << end) - 1);
    *good_multi += 3 * (size_t)__builtin_popcount(whole);
    return end;
}
#endif

void zsmp_utf8_count(const unsigned char *s, size_t len, size_t *bad, size_t *good_multi)
{
    *bad = *good_multi = 0;
#ifdef __SSE2__
    size_t next_block = 0; /* after a block that fails, sixteen bytes a byte at a time (GBK) */
#endif
    for (size_t i = 0; i < len;) {
#ifdef __SSE2__
        if (i >= next_block && len - i >= 16) {
            size_t step = cjk_block(s + i, good_multi);
            if (step) {
                i += step;
                continue;
            }
            next_block = i + 16;
        }
#endif
        if (s[i] < 0x80) { /* ASCII: the common case in every report */
            i++;
            continue;
        }
        /* A three-byte character whose lead rules out overlong forms and
         * surrogates (E1-EC, EE-EF): all CJK ideographs.  Read as one word
         * where four bytes remain: lead E0-EF and two continuation bytes
         * in one test, then E0 and ED left out (the decoder below answers
         * for those and for the text's last bytes). */
        unsigned char c0 = s[i];
        if (len - i >= 4 && (zsmp_load_le32(s + i) & 0xC0C0F0u) == 0x8080E0u && c0 != 0xE0 &&
            c0 != 0xED) {
            *good_multi += 3;
            i += 3;
            continue;
        }
        uint32_t c;
        size_t k = zsmp_utf8_get(s + i, len - i, &c);
        if (k == 0) {
            k = 1;
            (*bad)++;
        } else {
            *good_multi += k;
        }
        i += k;
    }
}

/* Length of the GB18030 character at s by its byte structure, 0 if the
 * lead bytes cannot start one.  The structure is what lets us keep an exact
 * original offset for every character while iconv does the mapping. */
static size_t gb18030_char_len(const unsigned char *s, size_t len)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] == 0x80 || s[0] == 0xFF || len < 2)
        return 0;
    unsigned char b1 = s[1];
    if ((b1 >= 0x40 && b1 <= 0x7E) || (b1 >= 0x80 && b1 <= 0xFE))
        return 2;
    if (b1 >= 0x30 && b1 <= 0x39 && len >= 4 && s[2] >= 0x81 && s[2] <= 0xFE && s[3] >= 0x30 &&
        s[3] <= 0x39)
        return 4;
    return 0;
}

/* The code point iconv wrote at b (UTF-32LE). */
static uint32_t utf32le_at(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint32_t gb18030_convert(iconv_t cd, const unsigned char *s, size_t k, int *ok)
{
    unsigned char outbuf[16];
    char *in = (char *)(uintptr_t)s;
    char *o = (char *)outbuf;
    size_t inleft = k, outleft = sizeof outbuf;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || inleft != 0 ||
        sizeof outbuf - outleft != 4) {
        *ok = 0;
        return REPLACEMENT;
    }
    *ok = 1;
    return utf32le_at(outbuf);
}

/* The two-byte codes (lead 0x81-0xFE, trail 0x40-0xFE: every common
 * character) converted once a process through iconv, which costs hundreds
 * of instructions a call; GB2_INVALID where iconv refuses the code. */
enum { GB2_LEADS = 0xFE - 0x81 + 1, GB2_TRAILS = 0xFE - 0x40 + 1 };
#define GB2_INVALID UINT32_MAX
static uint32_t gb2_table[GB2_LEADS * GB2_TRAILS];
static int gb2_ready;
static pthread_once_t gb2_once = PTHREAD_ONCE_INIT;

/* The table's entry for the two-byte code at s: iconv's reading of it
 * alone, GB2_INVALID where iconv refuses it. */
static uint32_t gb2_entry(iconv_t cd, const unsigned char *s)
{
    int ok = 0;
    uint32_t cp = gb18030_convert(cd, s, 2, &ok);
    return ok ? cp : GB2_INVALID;
}

/* The row of one lead byte: its codes converted in one iconv call, not one
 * call a code (24 k calls cost 18 M instructions, a process's first GB18030
 * document paying them); a code iconv stops at is converted alone, as
 * before, and a row whose codes do not come out one code point each is
 * converted code by code. */
static void convert_gb2_row(iconv_t cd, unsigned lead, uint32_t *row)
{
    unsigned char in[2 * GB2_TRAILS];
    uint32_t out[GB2_TRAILS];
    for (unsigned trail = 0; trail < GB2_TRAILS; trail++) {
        in[2 * trail] = (unsigned char)(0x81 + lead);
        in[2 * trail + 1] = (unsigned char)(0x40 + trail);
    }
    for (unsigned t = 0; t < GB2_TRAILS;) {
        char *ip = (char *)in + 2 * t, *op = (char *)(out + t);
        size_t il = 2 * (size_t)(GB2_TRAILS - t), ol = 4 * (size_t)(GB2_TRAILS - t);
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t rc = iconv(cd, &ip, &il, &op, &ol);
        size_t read = (size_t)(ip - ((char *)in + 2 * t)), wrote = (size_t)(op - (char *)(out + t));
        if (read % 2 || wrote != 2 * read) { /* not one code point a code: one by one */
            for (; t < GB2_TRAILS; t++)
                row[t] = gb2_entry(cd, in + 2 * t);
            return;
        }
        for (size_t k = 0; k < read / 2; k++, t++)
            row[t] = utf32le_at((const unsigned char *)(out + t));
        if (rc == (size_t)-1 && t < GB2_TRAILS) { /* stopped at code t */
            row[t] = gb2_entry(cd, in + 2 * t);
            t++;
        }
    }
}

static void build_gb2_table(void)
{
    iconv_t cd = iconv_open("UTF-32LE", "GB18030");
    if (cd == (iconv_t)-1)
        return;
    for (unsigned lead = 0; lead < GB2_LEADS; lead++)
        convert_gb2_row(cd, lead, gb2_table + lead * GB2_TRAILS);
    iconv_close(cd);
    gb2_ready = 1;
}

/* One GB18030 character of k bytes at s: from the table for two bytes,
 * through iconv otherwise. */
static uint32_t gb18030_char(iconv_t cd, const unsigned char *s, size_t k, int *ok)
{
    if (k == 2 && gb2_ready && s[1] >= 0x40) {
        uint32_t cp = gb2_table[(s[0] - 0x81) * GB2_TRAILS + (s[1] - 0x40)];
        *ok = cp != GB2_INVALID;
        return *ok ? cp : REPLACEMENT;
    }
    return gb18030_convert(cd, s, k, ok);
}

static zsm_status decode_gb18030(const unsigned char *s, size_t len, zsmp_decoded *out, size_t *bad)
{
    pthread_once(&gb2_once, build_gb2_table);
    iconv_t cd = iconv_open("UTF-32LE", "GB18030");
    if (cd == (iconv_t)-1)
        return ZSM_ERR_IO;
    *bad = 0;
    for (size_t i = 0; i < len;) {
        size_t k = gb18030_char_len(s + i, len - i);
        if (k == 1) {
            push_cp(out, s[i], i);
            i++;
            continue;
        }
        int ok = 0;
        uint32_t cp = k ? gb18030_char(cd, s + i, k, &ok) : REPLACEMENT;
        if (!ok) {
            (*bad)++;
            k = 1;
        }
        push_cp(out, cp, i);
        i += k;
    }
    iconv_close(cd);
    return ZSM_OK;
}

static void warn_binary(const unsigned char *s, size_t len, zsmp_strlist *warnings)
{
    size_t nul = 0, ctl = 0, scan = len < 65536 ? len : 65536;
    for (size_t i = 0; i < scan; i++) {
        if (s[i] == 0)
            nul++;
        else if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != 0x0C)
            ctl++;
    }
    if (nul)
        zsmp_strlist_pushf(warnings, "input contains NUL bytes; read as spaces");
    if (scan && (nul + ctl) * 10 > scan)
        zsmp_strlist_pushf(warnings, "input looks like a binary file, not text");
}

zsm_status zsmp_decode(const char *buf, size_t len, zsmp_decoded *out, zsmp_strlist *warnings)
{
    const unsigned char *s = (const unsigned char *)buf;
    memset(out, 0, sizeof *out);
    if (len >= UINT32_MAX)
        return ZSM_ERR_TOO_LARGE;
    out->in = s;
    out->in_len = len;
    warn_binary(s, len, warnings);

    size_t bad, good_multi;
    zsmp_utf8_count(s, len, &bad, &good_multi);
    /* Mostly-UTF-8 text with a stray byte stays UTF-8: GBK read as UTF-8
     * fails on nearly every non-ASCII byte, UTF-8 with damage on few. */
    if (bad && bad * 100 > good_multi) {
        size_t gb_bad = 0;
        zsm_status st = alloc_decoded(out, len);
        if (st == ZSM_OK)
            st = decode_gb18030(s, len, out, &gb_bad);
        if (st == ZSM_ERR_NOMEM)
            return st;
        /* GB18030 only when it reads clearly better: UTF-8 with some damage
         * must not turn into mojibake because GB18030 accepts most byte pairs. */
        if (st == ZSM_OK && (gb_bad == 0 || gb_bad * 4 < bad)) {
            out->encoding = "gb18030";
            if (gb_bad)
                zsmp_strlist_pushf(warnings, "%zu bytes invalid in GB18030 were replaced by U+FFFD",
                                   gb_bad);
            out->off[out->n] = (uint32_t)len;
            return ZSM_OK;
        }
        zsmp_decoded_free(out); /* UTF-8 after all: read from the bytes */
    }
    out->encoding = "utf-8";
    out->valid_utf8 = bad == 0;
    if (bad)
        zsmp_strlist_pushf(warnings,
                           "%zu bytes invalid in UTF-8 and GB18030 were replaced by U+FFFD", bad);
    return ZSM_OK;
}

void zsmp_decoded_free(zsmp_decoded *d)
{
    free(d->cp);
    free(d->off);
    d->cp = NULL;
    d->off = NULL;
    d->n = 0;
}

size_t zsmp_decoded_char(const zsmp_decoded *d, size_t off, uint32_t *cp)
{
    if (off >= d->in_len)
        return 0;
    if (!d->off) {
        size_t k = zsmp_utf8_get(d->in + off, d->in_len - off, cp);
        if (k == 0) {
            *cp = REPLACEMENT;
            k = 1;
        }
        return k;
    }
    size_t lo = 0, hi = d->n; /* the last character starting at or before off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->off[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *cp = d->cp[lo];
    return d->off[lo + 1] - d->off[lo];
}

/* Does any of the eight bytes at s hold LF or CR?  (A zero byte in x
 * shows in (x - 0x01…) & ~x & 0x80…, exactly for the word as a whole.) */
static inline int holds_line_end(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t lf = v ^ (ones * '\n'), cr = v ^ (ones * '\r');
    return (((lf - ones) & ~lf) | ((cr - ones) & ~cr)) & highs ? 1 : 0;
}

zsm_status zsmp_lines_index(const char *buf, size_t len, zsmp_lines *out)
{
    size_t cap = 0;
    out->start = NULL;
    out->count = 0;
    if (zsmp_grow((void **)&out->start, &cap, 1, sizeof *out->start))
        return ZSM_ERR_NOMEM;
    out->start[out->count++] = 0;
    /* LF and CR are single bytes in both UTF-8 and GB18030 (trail bytes are
     * >= 0x30), so the raw bytes can be scanned whatever the encoding:
     * eight at a time, past words holding neither. */
    for (size_t i = 0; i < len; i++) {
#ifdef __SSE2__
        const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
        for (__m128i v; i + 16 <= len; i += 16) { /* sixteen at a time where SSE2 is */
            v = _mm_loadu_si128((const __m128i *)(buf + i));
            if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))))
                break;
        }
#endif
        while (i + 8 <= len && !holds_line_end(buf + i))
            i += 8;
        if (i >= len)
            break;
        if (buf[i] != '\n' && buf[i] != '\r')
            continue;
        if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
            i++;
        if (zsmp_grow((void **)&out->start, &cap, out->count + 1, sizeof *out->start)) {
            zsmp_lines_free(out);
            return ZSM_ERR_NOMEM;
        }
        out->start[out->count++] = (uint32_t)(i + 1);
    }
    return ZSM_OK;
}

size_t zsmp_lines_find(const zsmp_lines *lines, size_t offset)
{
    size_t lo = 0, hi = lines->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines->start[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

size_t zsmp_lines_find_near(const zsmp_lines *lines, size_t offset, size_t *hint)
{
    enum { NEAR = 8 }; /* lines stepped over before a search of them all */
    size_t h = *hint;
    if (h < lines->count && lines->start[h] <= offset)
        for (int k = 0; k < NEAR; k++, h++)
            if (h + 1 == lines->count || lines->start[h + 1] > offset) {
                *hint = h;
                return h + 1;
            }
    size_t line = zsmp_lines_find(lines, offset);
    *hint = line - 1;
    return line;
}

void zsmp_lines_free(zsmp_lines *lines)
{
    free(lines->start);
    lines->start = NULL;
    lines->count = 0;
}

char *zsmp_utf8_sanitize(const char *s, size_t n, size_t *bad)
{
    /* A replaced byte grows from 1 to 3 bytes. */
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    *bad = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = zsmp_utf8_get((const unsigned char *)s + i, n - i, &cp);
        if (k == 0) {
            o += zsmp_utf8_put(0xFFFD, out + o);
            (*bad)++;
            i++;
            continue;
        }
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    return out;
}
