/* zsm_number.c - the one way every output writes a number: the shortest
 * decimal text that reads back as the same double, in positional notation
 * (30, 0.8, 0.00003, never 3e+01).
 *
 * Values come from decimal figures (64.1亿元, 8000万元 -> 0.8), so nearly
 * every one is a short decimal: m / 10^k with m < 2^53 and k <= 22.  Such a
 * quotient of two exact doubles is correctly rounded by IEEE division, so
 * (double)m / 10^k == v proves that the text "m÷10^k" reads back as v
 * without strtod.  Trying k = 0, 1, 2 … finds the fewest decimals, which is
 * the fewest digits at that magnitude.  Other values (huge, or 17 digits)
 * take the slow path through snprintf and strtod.
 */
#include "zsm_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

enum { MAX_FAST_DECIMALS = 22 };
#define TWO_53 9007199254740992.0

/* Writes m with `decimals` digits after the point ("12345", 2 -> "123.45",
 * 5, 3 -> "0.005"), trailing zeros of the fraction dropped.  Returns the
 * length. */
static size_t write_fixed(uint64_t m, int decimals, int negative, char *buf)
{
    char digits[24];
    size_t nd = 0;
    do {
        digits[nd++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    while ((int)nd <= decimals)
        digits[nd++] = '0'; /* a zero before the point: 0.005 */
    size_t n = 0;
    if (negative)
        buf[n++] = '-';
    for (size_t i = nd; i-- > 0;) {
        buf[n++] = digits[i];
        if (i == (size_t)decimals && i > 0)
            buf[n++] = '.';
    }
    if (decimals > 0) {
        while (buf[n - 1] == '0')
            n--;
        if (buf[n - 1] == '.')
            n--;
    }
    buf[n] = '\0';
    return n;
}

/* The fast path: v (> 0) as m / 10^k; 0 when no such short form exists. */
static size_t format_short_decimal(double v, int negative, char *buf)
{
    for (int k = 0; k <= MAX_FAST_DECIMALS; k++) {
        double scaled = v * pow10_exact[k];
        if (scaled >= TWO_53)
            return 0;
        double r = floor(scaled + 0.5);
        /* v * 10^k may itself be rounded: the neighbours are tried too. */
        for (int d = -1; d <= 1; d++) {
            double m = r + d;
            if (m < 0 || m >= TWO_53)
                continue;
            if (m / pow10_exact[k] == v)
                return write_fixed((uint64_t)m, k, negative, buf);
        }
    }
    return 0;
}

/* Rewrites "d.ddde±x" (as %.*e prints it) positionally when the exponent
 * allows: 1.5e-05 -> 0.000015, 2.3e+02 -> 230. */
static size_t positional(const char *sci, int negative, char *buf)
{
    char digits[24];
    size_t nd = 0;
    const char *p = sci;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && nd < sizeof digits)
            digits[nd++] = *p;
    int exp = *p == 'e' ? atoi(p + 1) : 0;
    size_t n = 0;
    if (negative)
        buf[n++] = '-';
    if (exp < -15 || exp >= 21) {
        size_t len = strlen(sci);
        memcpy(buf + n, sci, len + 1);
        return n + len;
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (exp < 0) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = -1; i > exp; i--)
            buf[n++] = '0';
        for (size_t i = 0; i < nd; i++)
            buf[n++] = digits[i];
    } else {
        for (int i = 0; i <= exp || (size_t)i < nd; i++) {
            if (i == exp + 1)
                buf[n++] = '.';
            buf[n++] = (size_t)i < nd ? digits[i] : '0';
        }
    }
    buf[n] = '\0';
    return n;
}

size_t zsmp_format_number(double v, char *buf)
{
    if (v != v || isinf(v)) { /* never from a figure; JSON has no NaN */
        strcpy(buf, "null");
        return 4;
    }
    int negative = signbit(v) && v != 0;
    double a = fabs(v);
    if (a == 0) {
        strcpy(buf, "0");
        return 1;
    }
    size_t n = a >= 1e-15 ? format_short_decimal(a, negative, buf) : 0;
    if (n)
        return n;
    char sci[40];
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec, a);
        if (strtod(sci, NULL) == a)
            break;
    }
    return positional(sci, negative, buf);
}

double zsmp_decimal_to_double(uint64_t mantissa, int exp10)
{
    /* m and 10^|e| are exact doubles; one IEEE multiplication or division
     * of exact operands is correctly rounded (Clinger's fast path). */
    if (mantissa <= (uint64_t)TWO_53 && exp10 >= -MAX_FAST_DECIMALS && exp10 <= MAX_FAST_DECIMALS)
        return exp10 >= 0 ? (double)mantissa * pow10_exact[exp10]
                          : (double)mantissa / pow10_exact[-exp10];
    char buf[48];
    int saved = errno;
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)mantissa, exp10);
    double v = strtod(buf, NULL); /* correctly rounded; ERANGE gives HUGE_VAL or 0 */
    errno = saved;
    return v;
}

double zsmp_pow10(int k)
{
    return zsmp_decimal_to_double(1, k); /* libm's pow is off by an ulp at 10^23 */
}
