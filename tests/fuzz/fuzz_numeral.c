/* fuzz_numeral.c - libFuzzer harness for zsm_numeral_parse().
 *
 * Invariants, for any bytes:
 *   - the return value is out.len, and len <= size;
 *   - the consumed bytes are well-formed UTF-8 (a numeral never ends
 *     inside a character);
 *   - a placeholder has value 0; otherwise value is what strtod() makes of
 *     "<mantissa>e<exp10>" (the nearest double), never NaN, and infinite
 *     only when mantissa * 10^exp10 really exceeds DBL_MAX (a huge input);
 *   - parsing the consumed text alone gives the same numeral.
 * The input is copied to a heap block of exactly `size` bytes by libFuzzer,
 * so AddressSanitizer sees any read past len.
 */
#include "fuzz_common.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_value(const zsm_numeral *n)
{
    if (n->placeholder) {
        FUZZ_CHECK(n->value == 0.0, "a placeholder has value %g", n->value);
        return;
    }
    FUZZ_CHECK(!isnan(n->value), "value is NaN (mantissa %" PRIu64 ", exp10 %d)", n->mantissa,
               n->exp10);
    /* mantissa < 2^64 < 10^20: below 10^(DBL_MAX_10_EXP - 20) it cannot overflow. */
    FUZZ_CHECK(isfinite(n->value) || n->exp10 > DBL_MAX_10_EXP - 20,
               "value is infinite for mantissa %" PRIu64 " exp10 %d", n->mantissa, n->exp10);
    char text[64];
    snprintf(text, sizeof text, "%" PRIu64 "e%d", n->mantissa, n->exp10);
    double want = strtod(text, NULL);
    FUZZ_CHECK(n->value == want, "value %.17g is not the nearest double to %s (%.17g)", n->value,
               text, want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    zsm_numeral n;
    memset(&n, 0xA5, sizeof n); /* the parser must fill every field it reports */
    size_t len = zsm_numeral_parse(s, size, &n);
    FUZZ_CHECK(len == n.len, "returned %zu, out.len %zu", len, n.len);
    FUZZ_CHECK(len <= size, "consumed %zu of %zu bytes", len, size);
    if (len == 0)
        return 0;
    FUZZ_CHECK(fuzz_utf8_valid(s, len), "the %zu consumed bytes are not whole UTF-8 characters",
               len);
    check_value(&n);

    zsm_numeral again;
    memset(&again, 0, sizeof again);
    size_t len2 = zsm_numeral_parse(s, len, &again);
    FUZZ_CHECK(len2 == len && again.placeholder == n.placeholder &&
                   (n.placeholder || (again.mantissa == n.mantissa && again.exp10 == n.exp10)),
               "the consumed text alone parses differently: %zu bytes (%" PRIu64
               "e%d) then %zu bytes (%" PRIu64 "e%d)",
               len, n.mantissa, n.exp10, len2, again.mantissa, again.exp10);
    return 0;
}
