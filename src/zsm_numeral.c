/* zsm_numeral.c - the numeral at the start of a UTF-8 string.
 *
 * A numeral is a sequence of atoms and multipliers:
 *   atom        38  1,116.12  ３８   二  两  壹  二〇二三  三点五  XX  XX.XX
 *   multiplier  十拾 百佰 千仟 万萬 亿億 兆
 *   tens        廿 20, 卅 30, 卌 40 (a digit and 十 in one character)
 * read the usual way: 十百千 scale the digit before them, 万 closes the part
 * below it, 亿 closes everything before it (一万亿 = 10^12, 亿亿 = 10^16), and
 * 兆 (10^12, as Taiwan writes 万亿) closes everything before it too
 * (3兆1,200亿 = 3.12e12).
 *
 * What is consumed, and why (callers rely on this):
 *   - ',' separates thousands only after a first group of 1-3 digits and
 *     before exactly 3 digits (4,5 -> "4"; 12345,678 -> "12345"); '.' is a
 *     point only before a digit (38. -> "38").  Invalid UTF-8 ends a numeral.
 *   - Only 十 may stand without a digit (十二, 十万); 百 千 万 亿 need one, so
 *     百姓 千方百计 万一 亿元 are not numerals.
 *   - 千 before 克 米 瓦 卡 焦 帕 伏 赫 兆 is the prefix kilo-, 兆 before 瓦
 *     赫 帕 焦 字 比 位 欧 is mega-, and 百 before 分之 分点 分比 is per cent:
 *     none of them is consumed (5千克 -> "5", 10兆瓦 -> "10").
 *   - An Arabic number takes 百 千 万 亿 but never 十 (3十 -> "3"); one ASCII
 *     space may stand between it and the multiplier ("3 千万").
 *   - Inside a numeral an Arabic number must be followed by a multiplier
 *     (2万5千, 1亿2000万) unless it fills exactly the digits the last
 *     multiplier left open (1万2000 = 12000, but 1亿2个 -> "1亿"); it may
 *     have thousands separators (412亿3,560万, 237万8,000) but no point.
 *   - A Chinese digit right after 百 千 万 亿 with nothing after it is the
 *     colloquial next-lower place: 两千五 = 2500, 一万二 = 12000; after 零 it
 *     is units: 一千零五 = 1005.
 *   - Two or more Chinese digits in a row at the start are positional
 *     (二〇二三 = 2023), except a pair without a zero (三四个 is "three or
 *     four"): only the first digit is consumed.
 *   - 陆 陸 肆 伍 參 ○ ◯ are also ordinary words or bullets (陆续, 肆意, 參加),
 *     so one of them alone is not a numeral: 陆续 -> len 0, 陆拾 = 60.
 *   - 点/點 is a decimal point between Chinese digits (三点五亿) and only there;
 *     so is '.' when a multiplier of 万 or more follows the fraction (一.〇五兆;
 *     一.二〇二三年 is a heading, not a numeral).
 *   - Placeholders (X x × * Ｘ ｘ ＊, runs of them, XX.XX) take multipliers
 *     like an Arabic number (XX亿); followed by an ASCII letter or digit they
 *     are not placeholders (Xi'an, X5): len 0.
 *   - 多 余 几 左右 … are never consumed: 三十多万 -> "三十".
 *
 * Values are decimal: at most 19 significant digits (rounded half up),
 * the rest counted into exp10, which is clamped to +-EXP_CAP (9999) so that a
 * caller adding a unit exponent cannot overflow an int.  A clamped value is
 * far outside double range: value is then HUGE_VAL or 0 (亿亿亿…, a million
 * digits).  The mantissa has no trailing zeros (8000万 = 8e7), and 0 is
 * mantissa 0, exp10 0.
 */
#include "zsm_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MANT_MAX UINT64_C(9999999999999999999) /* 19 digits: fits uint64_t */
#define MANT_DIGITS 19
#define EXP_CAP 9999
#define CP_BAD UINT32_MAX

static const uint64_t pow10_tab[MANT_DIGITS + 1] = {
    UINT64_C(1),
    UINT64_C(10),
    UINT64_C(100),
    UINT64_C(1000),
    UINT64_C(10000),
    UINT64_C(100000),
    UINT64_C(1000000),
    UINT64_C(10000000),
    UINT64_C(100000000),
    UINT64_C(1000000000),
    UINT64_C(10000000000),
    UINT64_C(100000000000),
    UINT64_C(1000000000000),
    UINT64_C(10000000000000),
    UINT64_C(100000000000000),
    UINT64_C(1000000000000000),
    UINT64_C(10000000000000000),
    UINT64_C(100000000000000000),
    UINT64_C(1000000000000000000),
    UINT64_C(10000000000000000000),
};

/* --------------------------------------------------------------- decimal */

typedef struct dec {
    uint64_t m;
    int e;
} dec;

static int exp_add(int e, int k)
{
    long v = (long)e + k;
    if (v > EXP_CAP)
        return EXP_CAP;
    if (v < -EXP_CAP)
        return -EXP_CAP;
    return (int)v;
}

static dec dec_norm(dec d)
{
    while (d.m != 0 && d.m % 10 == 0) {
        d.m /= 10;
        d.e = exp_add(d.e, 1);
    }
    if (d.m == 0)
        d.e = 0;
    return d;
}

static dec dec_shift(dec d, int k)
{
    if (d.m != 0)
        d.e = exp_add(d.e, k);
    return d;
}

/* b.m / 10^s rounded half up; 0 when s is too large to matter. */
static uint64_t div_pow10_round(uint64_t m, int s)
{
    if (s > MANT_DIGITS)
        return 0;
    uint64_t p = pow10_tab[s];
    uint64_t q = m / p;
    return m % p >= p / 2 ? q + 1 : q;
}

/* a + b to 19 significant digits. */
static dec dec_add(dec a, dec b)
{
    if (a.m == 0)
        return b;
    if (b.m == 0)
        return a;
    if (a.e < b.e) {
        dec t = a;
        a = b;
        b = t;
    }
    /* Widen a first: precision is lost from b only when a is full. */
    while (a.e > b.e && a.m <= MANT_MAX / 10) {
        a.m *= 10;
        a.e--;
    }
    if (a.e > b.e) {
        b.m = div_pow10_round(b.m, a.e - b.e);
        b.e = a.e;
    }
    if (a.m <= MANT_MAX - b.m) {
        a.m += b.m;
        return dec_norm(a);
    }
    /* The sum has 20 digits: drop one without overflowing uint64_t. */
    uint64_t q = a.m / 10 + b.m / 10;
    uint64_t r = a.m % 10 + b.m % 10;
    q += r / 10;
    a.m = r % 10 >= 5 ? q + 1 : q;
    a.e = exp_add(a.e, 1);
    return dec_norm(a);
}

/* Digits read one at a time, keeping 19 significant ones. */
typedef struct acc {
    uint64_t m;
    int e;
    int sig;  /* significant digits kept */
    int drop; /* first digit dropped, -1 if none */
} acc;

static void acc_init(acc *a)
{
    a->m = 0;
    a->e = 0;
    a->sig = 0;
    a->drop = -1;
}

static void acc_int_digit(acc *a, int d)
{
    if (a->sig >= MANT_DIGITS) {
        if (a->drop < 0)
            a->drop = d;
        a->e = exp_add(a->e, 1);
        return;
    }
    if (a->m == 0 && d == 0)
        return; /* a leading zero */
    a->m = a->m * 10 + (uint64_t)d;
    a->sig++;
}

static void acc_frac_digit(acc *a, int d)
{
    if (a->sig >= MANT_DIGITS) {
        if (a->drop < 0)
            a->drop = d;
        return;
    }
    a->e = exp_add(a->e, -1);
    if (a->m == 0 && d == 0)
        return; /* 0.05: leading zeros are not significant */
    a->m = a->m * 10 + (uint64_t)d;
    a->sig++;
}

static dec acc_value(const acc *a)
{
    dec d = {a->m, a->e};
    if (a->drop >= 5)
        d.m++;
    if (d.m > MANT_MAX) {
        d.m /= 10;
        d.e = exp_add(d.e, 1);
    }
    return dec_norm(d);
}

/* ---------------------------------------------------------------- tokens */

typedef struct src {
    const unsigned char *s;
    size_t len;
} src;

/* The code point at pos and the offset after it; CP_BAD at the end and for
 * invalid UTF-8 (overlong, surrogate, truncated), where parsing stops. */
static uint32_t cp_at(const src *in, size_t pos, size_t *end)
{
    uint32_t cp;
    size_t k = pos < in->len ? zsmp_utf8_get(in->s + pos, in->len - pos, &cp) : 0;
    if (k == 0)
        return CP_BAD;
    *end = pos + k;
    return cp;
}

typedef enum tk_kind {
    TK_OTHER,  /* anything else, the end, invalid bytes */
    TK_ADIGIT, /* 0-9, ０-９ */
    TK_CDIGIT, /* 零〇 一 … 九, financial and Traditional forms */
    TK_MULT,   /* 十 百 千 万 亿 兆 and their forms; val is the exponent */
    TK_TENS,   /* 廿 卅 卌; val is the tens digit */
    TK_CPOINT, /* 点 點 */
    TK_APOINT, /* . ． */
    TK_COMMA,  /* , */
    TK_SPACE,  /* one ASCII space */
    TK_PH      /* placeholder character */
} tk_kind;

#define F_ZERO 1u  /* a zero digit: 零 〇 ○ */
#define F_AMBIG 2u /* also a common word or bullet: not a numeral alone */
#define F_TEN 4u   /* 十 拾, which may stand for 一十 */

typedef struct tok {
    tk_kind kind;
    int val;
    unsigned flags;
    size_t end;
} tok;

/* 0-9 for a Chinese digit, -1 otherwise. */
static int cn_digit(uint32_t cp)
{
    switch (cp) {
    case 0x96F6:
    case 0x3007:
    case 0x25CB:
    case 0x25EF: return 0; /* 零〇○◯ */
    case 0x4E00:
    case 0x58F9: return 1; /* 一壹 */
    case 0x4E8C:
    case 0x4E24:
    case 0x5169: /* 二两兩 */
    case 0x8D30:
    case 0x8CB3:
    case 0x8CAE: return 2; /* 贰貳貮 */
    case 0x4E09:
    case 0x53C1:
    case 0x53C4:
    case 0x53C3: return 3; /* 三叁叄參 */
    case 0x56DB:
    case 0x8086: return 4; /* 四肆 */
    case 0x4E94:
    case 0x4F0D: return 5; /* 五伍 */
    case 0x516D:
    case 0x9646:
    case 0x9678: return 6; /* 六陆陸 */
    case 0x4E03:
    case 0x67D2: return 7; /* 七柒 */
    case 0x516B:
    case 0x634C: return 8; /* 八捌 */
    case 0x4E5D:
    case 0x7396: return 9; /* 九玖 */
    default: return -1;
    }
}

static int cn_ambiguous(uint32_t cp)
{
    /* ○ ◯ 參 肆 伍 陆 陸 */
    return cp == 0x25CB || cp == 0x25EF || cp == 0x53C3 || cp == 0x8086 || cp == 0x4F0D ||
           cp == 0x9646 || cp == 0x9678;
}

/* The exponent of a multiplier, 0 otherwise. */
static int cn_mult(uint32_t cp)
{
    switch (cp) {
    case 0x5341:
    case 0x62FE: return 1; /* 十拾 */
    case 0x767E:
    case 0x4F70: return 2; /* 百佰 */
    case 0x5343:
    case 0x4EDF: return 3; /* 千仟 */
    case 0x4E07:
    case 0x842C: return 4; /* 万萬 */
    case 0x4EBF:
    case 0x5104: return 8;  /* 亿億 */
    case 0x5146: return 12; /* 兆 */
    default: return 0;
    }
}

static int is_placeholder_cp(uint32_t cp)
{
    /* X x * × Ｘ ｘ ＊ */
    return cp == 'X' || cp == 'x' || cp == '*' || cp == 0xD7 || cp == 0xFF38 || cp == 0xFF58 ||
           cp == 0xFF0A;
}

/* The kind of cp.  ASCII first (most numerals of a report are written in
 * digits): the Chinese tables are asked only about other characters. */
static void classify(uint32_t cp, tok *t)
{
    if (cp < 0x80) {
        if (cp >= '0' && cp <= '9') {
            t->kind = TK_ADIGIT;
            t->val = (int)(cp - '0');
        } else if (cp == '.') {
            t->kind = TK_APOINT;
        } else if (cp == ',') {
            t->kind = TK_COMMA;
        } else if (cp == ' ') {
            t->kind = TK_SPACE;
        } else if (is_placeholder_cp(cp)) {
            t->kind = TK_PH;
        }
        return;
    }
    int d = cn_digit(cp), k;
    if (cp >= 0xFF10 && cp <= 0xFF19) {
        t->kind = TK_ADIGIT;
        t->val = (int)(cp - 0xFF10);
    } else if (d >= 0) {
        t->kind = TK_CDIGIT;
        t->val = d;
        t->flags = (d == 0 ? F_ZERO : 0u) | (cn_ambiguous(cp) ? F_AMBIG : 0u);
    } else if (cp == 0x5EFF || cp == 0x5345 || cp == 0x534C) { /* 廿 卅 卌 */
        t->kind = TK_TENS;
        t->val = cp == 0x5EFF ? 2 : cp == 0x5345 ? 3 : 4;
    } else if ((k = cn_mult(cp)) > 0) {
        t->kind = TK_MULT;
        t->val = k;
        /* 十 拾; 拾 alone is the verb "pick up" (拾取) */
        t->flags = cp == 0x5341 ? F_TEN : cp == 0x62FE ? F_TEN | F_AMBIG : 0u;
    } else if (cp == 0x70B9 || cp == 0x9EDE) {
        t->kind = TK_CPOINT;
    } else if (cp == 0xFF0E) {
        t->kind = TK_APOINT;
    } else if (is_placeholder_cp(cp)) {
        t->kind = TK_PH;
    }
}

int zsmp_digit_value(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return (int)(cp - 0xFF10);
    return cn_digit(cp);
}

size_t zsmp_numeral_char_candidates(uint32_t *out, size_t cap)
{
    /* 0-9 X x * ×, ０-９ Ｘ ｘ ＊; the characters of cn_digit(), the tens
     * 廿 卅 卌 and cn_mult() */
    static const uint32_t named[] = {
        'X',    'x',    '*',    0xD7,   0xFF38, 0xFF58, 0xFF0A, 0x96F6, 0x3007, 0x25CB,
        0x25EF, 0x4E00, 0x58F9, 0x4E8C, 0x4E24, 0x5169, 0x8D30, 0x8CB3, 0x8CAE, 0x4E09,
        0x53C1, 0x53C4, 0x53C3, 0x56DB, 0x8086, 0x4E94, 0x4F0D, 0x516D, 0x9646, 0x9678,
        0x4E03, 0x67D2, 0x516B, 0x634C, 0x4E5D, 0x7396, 0x5EFF, 0x5345, 0x534C, 0x5341,
        0x62FE, 0x767E, 0x4F70, 0x5343, 0x4EDF, 0x4E07, 0x842C, 0x4EBF, 0x5104, 0x5146};
    size_t n = 0;
    for (uint32_t d = 0; d < 10; d++) {
        if (n + 2 <= cap) {
            out[n++] = '0' + d;
            out[n++] = 0xFF10 + d;
        }
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0] && n < cap; i++)
        out[n++] = named[i];
    return n;
}

int zsmp_numeral_char_classify(uint32_t cp)
{
    tok t = {TK_OTHER, 0, 0u, 0};
    classify(cp, &t);
    return t.kind == TK_ADIGIT || t.kind == TK_CDIGIT || t.kind == TK_MULT || t.kind == TK_TENS ||
           t.kind == TK_PH;
}

static uint32_t cp_after(const src *in, size_t pos, size_t *end)
{
    *end = pos;
    return cp_at(in, pos, end);
}

/* 千 before a unit is kilo- (千克 千米 千瓦 …), 百 before 分之/分点/分比 is
 * per cent: then the character is not a multiplier. */
static int mult_sensible(const src *in, size_t end, int k)
{
    size_t e1, e2;
    uint32_t next = cp_after(in, end, &e1);
    if (k == 3) {
        /* 克 米 瓦 卡 焦 帕 伏 赫 兆 */
        return !(next == 0x514B || next == 0x7C73 || next == 0x74E6 || next == 0x5361 ||
                 next == 0x7126 || next == 0x5E15 || next == 0x4F0F || next == 0x8D6B ||
                 next == 0x5146);
    }
    if (k == 12) {
        /* 瓦 赫 帕 焦 字 比 位 欧 */
        return !(next == 0x74E6 || next == 0x8D6B || next == 0x5E15 || next == 0x7126 ||
                 next == 0x5B57 || next == 0x6BD4 || next == 0x4F4D || next == 0x6B27);
    }
    if (k == 2 && next == 0x5206) { /* 分 */
        uint32_t n2 = cp_after(in, e1, &e2);
        /* 之 点 點 比 */
        return !(n2 == 0x4E4B || n2 == 0x70B9 || n2 == 0x9EDE || n2 == 0x6BD4);
    }
    return 1;
}

static tok tok_at(const src *in, size_t pos)
{
    tok t = {TK_OTHER, 0, 0u, pos};
    size_t end = pos;
    uint32_t cp = cp_at(in, pos, &end);
    if (cp == CP_BAD)
        return t;
    t.end = end;
    classify(cp, &t);
    if (t.kind == TK_MULT && !mult_sensible(in, end, t.val))
        t.kind = TK_OTHER;
    return t;
}

static int is_ascii_alnum(const src *in, size_t pos)
{
    if (pos >= in->len)
        return 0;
    unsigned char c = in->s[pos];
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* ---------------------------------------------------------------- atoms */

/* ",ddd" not followed by a digit: the offset after it, else 0. */
static size_t thousands_group(const src *in, size_t pos)
{
    tok t = tok_at(in, pos);
    if (t.kind != TK_COMMA)
        return 0;
    for (int i = 0; i < 3; i++) {
        t = tok_at(in, t.end);
        if (t.kind != TK_ADIGIT)
            return 0;
    }
    if (tok_at(in, t.end).kind == TK_ADIGIT)
        return 0;
    return t.end;
}

static size_t read_adigits(const src *in, size_t pos, acc *a, int frac, int *count)
{
    tok t = tok_at(in, pos);
    while (t.kind == TK_ADIGIT) {
        if (frac)
            acc_frac_digit(a, t.val);
        else
            acc_int_digit(a, t.val);
        if (*count < INT_MAX) /* only compared with small numbers */
            (*count)++;
        pos = t.end;
        t = tok_at(in, pos);
    }
    return pos;
}

enum { AR_SEPARATORS = 1, AR_POINT = 2 };

/* An Arabic number at pos.  AR_SEPARATORS allows thousands separators (only
 * after a first group of 1-3 digits), AR_POINT a decimal part.  *ndig
 * counts the integer digits.  Returns the offset after it. */
static size_t read_arabic(const src *in, size_t pos, unsigned allow, dec *out, int *ndig,
                          int *nfrac)
{
    acc a;
    acc_init(&a);
    *ndig = 0;
    *nfrac = 0;
    pos = read_adigits(in, pos, &a, 0, ndig);
    if ((allow & AR_SEPARATORS) && *ndig <= 3) {
        size_t g = thousands_group(in, pos);
        while (g != 0) {
            int three = 0;
            read_adigits(in, pos + 1, &a, 0, &three);
            *ndig += three;
            pos = g;
            g = thousands_group(in, pos);
        }
    }
    tok t = tok_at(in, pos);
    if ((allow & AR_POINT) && t.kind == TK_APOINT && tok_at(in, t.end).kind == TK_ADIGIT) {
        pos = read_adigits(in, t.end, &a, 1, nfrac);
    }
    *out = acc_value(&a);
    return pos;
}

/* A run of Chinese digits read positionally (二〇二三, or 五 after 点). */
static size_t read_cdigits(const src *in, size_t pos, acc *a, int frac)
{
    tok t = tok_at(in, pos);
    while (t.kind == TK_CDIGIT) {
        if (frac)
            acc_frac_digit(a, t.val);
        else
            acc_int_digit(a, t.val);
        pos = t.end;
        t = tok_at(in, pos);
    }
    return pos;
}

/* Chinese digits in a row at pos: how many, and whether one is a zero. */
static int cdigit_run(const src *in, size_t pos, int *has_zero)
{
    int n = 0;
    *has_zero = 0;
    tok t = tok_at(in, pos);
    while (t.kind == TK_CDIGIT && n < 3) {
        n++;
        if (t.flags & F_ZERO)
            *has_zero = 1;
        t = tok_at(in, t.end);
    }
    return n;
}

/* X, XX, ××, **, XX.XX: the offset after it, 0 if there is none or it runs
 * into an ASCII letter or digit (Xi'an, X5). */
static size_t read_placeholder(const src *in, size_t pos)
{
    tok t = tok_at(in, pos);
    if (t.kind != TK_PH)
        return 0;
    while (t.kind == TK_PH) {
        pos = t.end;
        t = tok_at(in, pos);
    }
    if (t.kind == TK_APOINT && tok_at(in, t.end).kind == TK_PH) {
        t = tok_at(in, t.end);
        while (t.kind == TK_PH) {
            pos = t.end;
            t = tok_at(in, pos);
        }
    }
    if (is_ascii_alnum(in, pos) || t.kind == TK_ADIGIT)
        return 0;
    return pos;
}

/* ---------------------------------------------------------------- parser */

typedef enum pend_kind {
    PK_NONE,   /* nothing waits for a multiplier */
    PK_CN,     /* one Chinese digit */
    PK_ARABIC, /* an Arabic number */
    PK_NUM,    /* positional Chinese digits or a 点 decimal */
    PK_PH,     /* a placeholder */
    PK_UNITS   /* a final Arabic number filling the open places */
} pend_kind;

typedef struct parser {
    src in;
    size_t pos;  /* next byte to read */
    size_t done; /* bytes of the longest complete numeral so far */
    dec zhao;    /* closed by 兆 */
    dec yi;      /* closed by 亿 since the last 兆 */
    dec wan;     /* closed by 万 since the last 亿 */
    dec small;   /* 十 百 千 parts since the last 万 or 亿 */
    dec pend;    /* the atom waiting for a multiplier */
    pend_kind pk;
    int has_zhao, has_yi, has_wan, has_small;
    int last_small; /* exponent of the last 十百千 in this part, 4 if none */
    int last_mult;  /* exponent of the last multiplier, 0 if none */
    int zero_gap;   /* 零 read since the last digit or multiplier */
    int pend_after_zero;
    int arabic; /* an Arabic atom or placeholder was read: no shorthand */
    int placeholder;
    int place;        /* power of ten of the last digit written, in the value so far */
    int pend_place;   /* the same in the pending atom's own scale (-2 for 25.47) */
    size_t ambig_end; /* end of an ambiguous first character (陆续), else 0 */
} parser;

static const dec dec_zero = {0, 0};

/* Whether multiplier m may apply now, with pk waiting before it. */
static int can_mult(const parser *p, tok m, pend_kind pk)
{
    int k = m.val;
    if (m.kind != TK_MULT || p->zero_gap || pk == PK_UNITS)
        return 0;
    if (k <= 3) {
        if (k >= p->last_small)
            return 0;
        if (pk == PK_NONE) /* 十二, 十万: only 十, only first */
            return (m.flags & F_TEN) && p->pos == 0;
        return k >= 2 || pk == PK_CN; /* 二十, but not 3十 */
    }
    if (k == 4)
        return !p->has_wan && (pk != PK_NONE || p->has_small);
    if (k == 12) /* 3兆, 五千兆; not right after 亿 (一万亿 is already 兆) */
        return !p->has_zhao && (pk != PK_NONE || (p->has_small && p->last_mult < 8) ||
                                (p->has_wan && p->last_mult == 4));
    if (p->has_wan || p->has_small || pk != PK_NONE)
        return !p->has_yi; /* 一万亿, but not 一亿二万亿 */
    /* 亿亿: scales all before it (亿亿亿 too) */
    return p->has_yi || (p->has_zhao && p->last_mult == 8);
}

/* Whether a multiplier directly at `at` could follow an atom of kind pk. */
static int mult_follows(const parser *p, size_t at, pend_kind pk)
{
    parser q = *p;
    q.zero_gap = 0;
    q.pos = at;
    return can_mult(&q, tok_at(&p->in, at), pk);
}

static void clear_pend(parser *p)
{
    p->pend = dec_zero;
    p->pk = PK_NONE;
    p->pend_after_zero = 0;
}

static void apply_mult(parser *p, int k)
{
    /* 一千五万 is 1500万: a digit right after 百 or 千, before the 万 that
     * closes its part, is the next place down (一千零五万 is 1005万). */
    if (k >= 4 && p->pk == PK_CN && !p->pend_after_zero && !p->arabic && p->has_small &&
        p->last_small >= 2 && p->last_small <= 3) {
        p->pend = dec_shift(p->pend, p->last_small - 1);
        p->pend_place += p->last_small - 1;
    }
    dec base = p->pk == PK_NONE ? (dec){1, 0} : p->pend;
    /* The last digit written moves with the multiplier: 3千万 ends at 10^7. */
    if (p->pk != PK_NONE)
        p->place = p->pend_place + k;
    else if (k <= 3)
        p->place = k; /* 十二: the implicit 一 */
    else
        p->place += k;
    if (k <= 3) {
        p->small = dec_add(p->small, dec_shift(base, k));
        p->has_small = 1;
        p->last_small = k;
    } else if (k == 4) {
        p->wan = dec_shift(dec_add(p->small, p->pend), 4);
        p->has_wan = 1;
    } else if (k == 12) {
        dec below = dec_add(dec_add(p->yi, p->wan), dec_add(p->small, p->pend));
        p->zhao = dec_shift(below, 12);
        p->has_zhao = 1;
        p->yi = dec_zero;
        p->has_yi = 0;
    } else if (p->pk == PK_NONE && p->last_mult == 4 && p->has_wan && !p->has_small) {
        /* 万亿 is one unit (10^12), after which 亿 may come again:
         * 壹万亿贰仟叁佰肆拾伍亿 */
        p->zhao = dec_add(p->zhao, dec_shift(p->wan, 8));
        p->has_zhao = 1;
    } else if (p->has_wan || p->has_small || p->pk != PK_NONE) {
        p->yi = dec_shift(dec_add(dec_add(p->wan, p->small), p->pend), 8);
        p->has_yi = 1;
    } else if (p->has_yi) {
        /* 亿亿 (10^16) is one unit too: 壹拾亿亿零玖拾壹亿 */
        p->zhao = dec_add(p->zhao, dec_shift(p->yi, 8));
        p->has_zhao = 1;
        p->yi = dec_zero;
        p->has_yi = 0;
    } else {
        p->zhao = dec_shift(p->zhao, 8); /* 亿亿亿 */
    }
    if (k >= 4) {
        if (k >= 8) {
            p->wan = dec_zero;
            p->has_wan = 0;
        }
        p->small = dec_zero;
        p->has_small = 0;
        p->last_small = 4;
    }
    clear_pend(p);
    p->last_mult = k;
}

static void set_pend(parser *p, dec v, pend_kind pk, size_t end, int commit, int place)
{
    p->pend_place = place;
    p->pend = v;
    p->pk = pk;
    p->pos = end;
    if (commit)
        p->done = end;
}

static int step_mult(parser *p, tok t)
{
    if (!can_mult(p, t, p->pk))
        return 0;
    if (p->pos == 0 && (t.flags & F_AMBIG))
        p->ambig_end = t.end;
    apply_mult(p, t.val);
    p->pos = t.end;
    p->done = t.end;
    return 1;
}

static int step_arabic(parser *p)
{
    dec v;
    int ndig, nfrac;
    if (p->pk != PK_NONE || p->zero_gap)
        return 0;
    if (p->pos == 0) {
        size_t first_end = read_arabic(&p->in, 0, AR_SEPARATORS | AR_POINT, &v, &ndig, &nfrac);
        p->arabic = 1;
        set_pend(p, v, PK_ARABIC, first_end, 1, -nfrac);
        return 1;
    }
    size_t end = read_arabic(&p->in, p->pos, AR_SEPARATORS, &v, &ndig, &nfrac);
    if (mult_follows(p, end, PK_ARABIC)) {
        p->arabic = 1;
        set_pend(p, v, PK_ARABIC, end, 0, 0);
        return 1;
    }
    tok t = tok_at(&p->in, end);
    if (t.kind == TK_APOINT && tok_at(&p->in, t.end).kind == TK_ADIGIT)
        return 0; /* 1万2000.5: not a numeral we read */
    if (p->last_mult < 2 || ndig != p->last_mult)
        return 0;
    p->arabic = 1;
    set_pend(p, v, PK_UNITS, end, 1, 0);
    return 1;
}

static int step_placeholder(parser *p)
{
    if (p->pk != PK_NONE || p->zero_gap)
        return 0;
    int first = p->pos == 0;
    size_t end = read_placeholder(&p->in, p->pos);
    if (end == 0)
        return 0;
    if (!first && !mult_follows(p, end, PK_PH))
        return 0;
    p->placeholder = 1;
    p->arabic = 1;
    set_pend(p, dec_zero, PK_PH, end, first, 0);
    return 1;
}

static int start_cdigit(parser *p, tok t)
{
    int has_zero;
    if (t.flags & F_AMBIG)
        p->ambig_end = t.end;
    int run = cdigit_run(&p->in, 0, &has_zero);
    if (run >= 3 || (run == 2 && has_zero)) {
        acc a;
        acc_init(&a);
        size_t end = read_cdigits(&p->in, 0, &a, 0);
        set_pend(p, acc_value(&a), PK_NUM, end, 1, 0);
        return 1;
    }
    set_pend(p, (dec){(uint64_t)t.val, 0}, PK_CN, t.end, 1, 0);
    return 1;
}

static int step_cdigit(parser *p, tok t)
{
    if (p->pk != PK_NONE)
        return 0;
    if (p->pos == 0)
        return start_cdigit(p, t);
    if (t.flags & F_ZERO) { /* 一百零五: a gap, complete only with a digit */
        p->zero_gap = 1;
        p->pos = t.end;
        return 1;
    }
    /* In 2万五千 a Chinese digit must lead to a multiplier. */
    int needs_mult = p->arabic;
    if (needs_mult && !mult_follows(p, t.end, PK_CN))
        return 0;
    int after_zero = p->zero_gap;
    p->zero_gap = 0;
    set_pend(p, (dec){(uint64_t)t.val, 0}, PK_CN, t.end, !needs_mult, 0);
    p->pend_after_zero = after_zero;
    return 1;
}

/* Do Chinese digits from pos lead to a multiplier of 万 or more that can
 * apply after them?  ('.' is a decimal point only then, and the multiplier
 * is consumed with the fraction, so the text consumed reads the same alone.) */
static int cdigits_then_big_mult(const parser *p, size_t pos)
{
    tok t = tok_at(&p->in, pos);
    if (t.kind != TK_CDIGIT)
        return 0;
    size_t end = pos;
    while (t.kind == TK_CDIGIT) {
        end = t.end;
        t = tok_at(&p->in, end);
    }
    return t.kind == TK_MULT && t.val >= 4 && mult_follows(p, end, PK_NUM);
}

/* 三点五, 二十点五, 零点五: a decimal point between Chinese digits; '.' too
 * when a multiplier of 万 or more follows (一.〇五兆). */
static int step_cpoint(parser *p, tok t)
{
    if (t.kind == TK_APOINT && !cdigits_then_big_mult(p, t.end))
        return 0;
    if (p->zero_gap || p->arabic)
        return 0;
    int units = p->pk == PK_CN && (p->last_mult <= 1 || p->pend_after_zero);
    int tens = p->pk == PK_NONE && p->has_small && p->last_mult == 1;
    if (!units && !tens)
        return 0;
    if (tok_at(&p->in, t.end).kind != TK_CDIGIT)
        return 0;
    acc a;
    acc_init(&a);
    size_t frac_start = t.end;
    size_t end = read_cdigits(&p->in, t.end, &a, 1);
    int decimals = 0;
    for (size_t i = frac_start; i < end; i = tok_at(&p->in, i).end)
        decimals++;
    set_pend(p, dec_add(p->pend, acc_value(&a)), PK_NUM, end, 1, -decimals);
    return 1;
}

/* 廿 卅 卌: a Chinese digit and 十 at once (卅八 = 38, 一百廿 = 120). */
static int step_tens(parser *p, tok t)
{
    if (p->pk != PK_NONE || p->zero_gap || p->arabic || p->last_small <= 1)
        return 0;
    p->pend = (dec){(uint64_t)t.val, 0};
    p->pk = PK_CN;
    p->pend_place = 0;
    apply_mult(p, 1);
    p->pos = t.end;
    p->done = t.end;
    return 1;
}

/* One ASCII space, only between an Arabic number and its multiplier. */
static int step_space(parser *p, tok t)
{
    if (p->pk != PK_ARABIC && p->pk != PK_PH)
        return 0;
    tok m = tok_at(&p->in, t.end);
    if (m.kind != TK_MULT || m.val < 2 || !can_mult(p, m, p->pk))
        return 0;
    p->pos = t.end;
    return 1;
}

/* Reads one token; 0 when the numeral ends before it. */
static int step(parser *p)
{
    tok t = tok_at(&p->in, p->pos);
    switch (t.kind) {
    case TK_ADIGIT: return step_arabic(p);
    case TK_PH: return step_placeholder(p);
    case TK_CDIGIT: return step_cdigit(p, t);
    case TK_MULT: return step_mult(p, t);
    case TK_TENS: return step_tens(p, t);
    case TK_CPOINT:
    case TK_APOINT: return step_cpoint(p, t); /* not .5, nor a second point */
    case TK_SPACE: return step_space(p, t);
    case TK_OTHER:
    case TK_COMMA: /* only inside read_arabic() */ return 0;
    }
    return 0;
}

/* The power of ten of the last digit written (0 for 38, -2 for 25.47, 7
 * for 3千万, 2 for 两千五): half a unit there is the figure's rounding. */
static int parser_place(const parser *p)
{
    if (p->pk == PK_NONE)
        return p->place;
    if (p->pk == PK_CN && !p->pend_after_zero && !p->arabic && p->last_mult >= 2)
        return p->last_mult - 1;
    return p->pend_place;
}

static dec parser_total(const parser *p)
{
    dec total = dec_add(dec_add(p->zhao, p->yi), dec_add(p->wan, p->small));
    if (p->pk == PK_NONE)
        return total;
    dec last = p->pend;
    /* 两千五 = 2500: a bare digit after 百千万亿 fills the next place down. */
    if (p->pk == PK_CN && !p->pend_after_zero && !p->arabic && p->last_mult >= 2)
        last = dec_shift(last, p->last_mult - 1);
    return dec_add(total, last);
}

/* The common figure without the parser: ASCII digits, maybe a point and
 * digits, maybe one multiplier (万 亿 万亿), and nothing after - 38, 64.1,
 * 8000万, 5.8亿 as the resolve stage passes them.  At most 18 digits (no
 * overflow).  0 when s is anything else: the parser reads it. */
static size_t parse_plain(const char *s, size_t len, zsm_numeral *out)
{
    static const struct {
        const char *word;
        int exp10;
    } mults[] = {{"万亿", 12}, {"万", 4}, {"亿", 8}};
    size_t i = 0, frac = 0;
    uint64_t m = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        m = m * 10 + (uint64_t)(s[i++] - '0');
    size_t whole = i;
    if (whole == 0)
        return 0;
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; frac++)
            m = m * 10 + (uint64_t)(s[i++] - '0');
        if (frac == 0)
            return 0;
    }
    if (whole + frac > 18)
        return 0;
    int shift = 0;
    for (size_t k = 0; k < sizeof mults / sizeof mults[0] && i < len && !shift; k++) {
        size_t n = strlen(mults[k].word);
        if (len - i == n && memcmp(s + i, mults[k].word, n) == 0) {
            shift = mults[k].exp10;
            i += n;
        }
    }
    if (i != len)
        return 0;
    dec v = dec_norm((dec){m, shift - (int)frac});
    out->len = len;
    out->place = shift - (int)frac;
    out->mantissa = v.m;
    out->exp10 = v.e;
    out->value = zsmp_decimal_to_double(v.m, v.e);
    return len;
}

size_t zsmp_numeral_parse_general(const char *s, size_t len, zsm_numeral *out)
{
    memset(out, 0, sizeof *out);
    if (!s || len == 0)
        return 0;
    parser p;
    memset(&p, 0, sizeof p);
    p.in.s = (const unsigned char *)s;
    p.in.len = len;
    p.last_small = 4;
    while (step(&p)) {
    }
    /* 陆 alone is a word (陆续), 陆拾 a numeral. */
    if (p.done == 0 || p.done == p.ambig_end)
        return 0;
    out->len = p.done;
    if (p.placeholder) {
        out->placeholder = 1;
        return out->len;
    }
    out->place = parser_place(&p);
    dec v = dec_norm(parser_total(&p));
    out->mantissa = v.m;
    out->exp10 = v.e;
    out->value = zsmp_decimal_to_double(v.m, v.e);
    return out->len;
}

ZSM_API size_t zsm_numeral_parse(const char *s, size_t len, zsm_numeral *out)
{
    zsm_numeral scratch;
    if (!out)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (s && parse_plain(s, len, out))
        return out->len;
    return zsmp_numeral_parse_general(s, len, out);
}

/* ------------------------------------------------------- loose numerals */

/* Parses prefix + s[0, len) as one whole numeral; 0 if it is not one. */
static int parse_whole(const char *prefix, size_t plen, const char *s, size_t len, zsm_numeral *out)
{
    char small[128], *buf = plen + len <= sizeof small ? small : malloc(plen + len);
    if (!buf)
        return 0;
    memcpy(buf, prefix, plen);
    memcpy(buf + plen, s, len);
    size_t got = zsm_numeral_parse(buf, plen + len, out);
    if (buf != small)
        free(buf);
    return got > 0 && got == plen + len && !out->placeholder;
}

/* Multipliers only (十 百 千 万 亿 兆), at least one. */
static int only_multipliers(const char *s, size_t len)
{
    src in = {(const unsigned char *)s, len};
    size_t pos = 0;
    while (pos < len) {
        size_t end;
        uint32_t cp = cp_at(&in, pos, &end);
        if (cp == CP_BAD || cn_mult(cp) == 0)
            return 0;
        pos = end;
    }
    return len > 0;
}

static int starts(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && memcmp(s, word, n) == 0;
}

/* Two adjacent Chinese digits, the second one more (or 三五): "three or
 * four".  After a numeral ending in a multiplier and before multipliers
 * only: 八九亿 (8-9亿), 三四十万 (30-40万), 七百三四十 (730-740), 十五六. */
static int adjacent_pair(const char *s, size_t len, zsm_numeral *lo, zsm_numeral *hi)
{
    src in = {(const unsigned char *)s, len};
    size_t prev_at = 0, e1, e2 = 0, scratch;
    for (size_t at = 0; at < len; at = e1) {
        uint32_t c1 = cp_at(&in, at, &e1);
        if (c1 == CP_BAD)
            return 0;
        int d1 = cn_digit(c1), d2 = -1;
        if (d1 >= 1 && e1 < len)
            d2 = cn_digit(cp_at(&in, e1, &e2));
        if (d1 >= 1 && (d2 == d1 + 1 || (d1 == 3 && d2 == 5)) &&
            (at == 0 || cn_mult(cp_at(&in, prev_at, &scratch)) > 0) &&
            (e2 == len || only_multipliers(s + e2, len - e2))) {
            char buf[128];
            size_t head = at, d1n = e1 - at, d2n = e2 - e1, tail = len - e2;
            if (head + d1n + tail > sizeof buf || head + d2n + tail > sizeof buf)
                return 0;
            memcpy(buf, s, head);
            memcpy(buf + head, s + at, d1n);
            memcpy(buf + head + d1n, s + e2, tail);
            if (!parse_whole("", 0, buf, head + d1n + tail, lo))
                return 0;
            memcpy(buf + head, s + e1, d2n);
            memcpy(buf + head + d2n, s + e2, tail);
            return parse_whole("", 0, buf, head + d2n + tail, hi);
        }
        prev_at = at;
    }
    return 0;
}

/* 十几万 (10-20万), 二十几亿 (20-30亿): a numeral of tens, 几, multipliers. */
static int some_tens(const char *s, size_t len, zsm_numeral *lo, zsm_numeral *hi)
{
    const char *ji = "几";
    for (size_t at = 3; at + 3 <= len; at += 3) {
        if (memcmp(s + at, ji, 3) != 0)
            continue;
        if (memcmp(s + at - 3, "十", 3) != 0 ||
            !(at + 3 == len || only_multipliers(s + at + 3, len - at - 3)))
            return 0;
        char buf[128];
        size_t rest = len - at - 3;
        if (at + rest > sizeof buf)
            return 0;
        memcpy(buf, s, at);
        memcpy(buf + at, s + at + 3, rest);
        zsm_numeral ten;
        if (!parse_whole("", 0, buf, at + rest, lo) ||
            !parse_whole("十", 3, s + at + 3, rest, &ten))
            return 0;
        *hi = *lo;
        hi->value = lo->value + ten.value;
        dec sum = dec_add((dec){lo->mantissa, lo->exp10}, (dec){ten.mantissa, ten.exp10});
        hi->mantissa = sum.m;
        hi->exp10 = sum.e;
        return 1;
    }
    return 0;
}

zsmp_loose zsmp_numeral_loose(const char *s, size_t len, zsm_numeral *lo, zsm_numeral *hi)
{
    static const char one[] = "一";
    const size_t w = 3; /* the bytes of one Han character */
    memset(hi, 0, sizeof *hi);
    if ((starts(s, len, "数") || starts(s, len, "几")) && only_multipliers(s + w, len - w) &&
        parse_whole(one, w, s + w, len - w, lo)) {
        *hi = *lo; /* 数十亿: 10 to 100亿 */
        hi->exp10 = lo->exp10 + 1;
        hi->value = lo->value * 10;
        return ZSMP_LOOSE_RANGE;
    }
    if (starts(s, len, "上") && only_multipliers(s + w, len - w) &&
        parse_whole(one, w, s + w, len - w, lo))
        return ZSMP_LOOSE_ABOUT; /* 上亿 */
    if ((starts(s, len, "百") || starts(s, len, "千")) && only_multipliers(s, len) &&
        parse_whole(one, w, s, len, lo))
        return ZSMP_LOOSE_ROUND; /* 超百亿元 */
    if (adjacent_pair(s, len, lo, hi) || some_tens(s, len, lo, hi))
        return ZSMP_LOOSE_RANGE;
    return ZSMP_LOOSE_NONE;
}
