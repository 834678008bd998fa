/* zsm_error.c - status messages, error records, and the small helpers
 * every stage uses (growable arrays, string lists, a sort). */
#include "zsm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *zsm_strerror(zsm_status status)
{
    switch (status) {
    case ZSM_OK: return "no error";
    case ZSM_ERR_NOMEM: return "out of memory";
    case ZSM_ERR_IO: return "the input could not be read";
    case ZSM_ERR_RULES_JSON: return "the rules file is not valid JSON";
    case ZSM_ERR_RULES_SCHEMA: return "the rules file has a missing, unknown or ill-typed field";
    case ZSM_ERR_RULES_PATTERN: return "a rule pattern does not compile";
    case ZSM_ERR_RULES_FRAGMENT: return "a rule pattern names an unknown fragment";
    case ZSM_ERR_INVALID: return "invalid argument";
    case ZSM_ERR_TOO_LARGE: return "the document is too large";
    }
    return "unknown status";
}

const char *zsm_version(void)
{
    return ZSM_VERSION;
}

const char *zsm_unicode_version(void)
{
    return zsmp_t2s_unicode_version;
}

void zsm_free(void *ptr)
{
    free(ptr);
}

int zsmp_grow_to(void **ptr, size_t *cap, size_t need, size_t elem)
{
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return -1;
        n *= 2;
    }
    void *p = realloc(*ptr, n * elem);
    if (!p)
        return -1;
    *ptr = p;
    *cap = n;
    return 0;
}

/* Merges the sorted runs a[0, m) and a[m, n) through tmp, the left one
 * first among equals. */
static void merge_runs(unsigned char *a, unsigned char *tmp, size_t m, size_t n, size_t size,
                       int (*cmp)(const void *, const void *))
{
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) {
        int right = cmp(a + i * size, a + j * size) > 0;
        memcpy(tmp + k++ * size, a + (right ? j++ : i++) * size, size);
    }
    memcpy(tmp + k * size, a + i * size, (m - i) * size);
    k += m - i;
    memcpy(a, tmp, k * size); /* what is left of the right run is in place */
}

/* A merge sort (bottom up) for an array far from order. */
static void merge_sort(unsigned char *a, size_t n, size_t size,
                       int (*cmp)(const void *, const void *))
{
    unsigned char *tmp = malloc(n * size);
    if (!tmp) {
        qsort(a, n, size, cmp); /* out of memory: sorted, equal ones perhaps not in order */
        return;
    }
    for (size_t width = 1; width < n; width *= 2)
        for (size_t lo = 0; lo + width < n; lo += 2 * width)
            merge_runs(a + lo * size, tmp, width, n - lo < 2 * width ? n - lo : 2 * width, size,
                       cmp);
    free(tmp);
}

void zsmp_sort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    /* Insertion, each element moved back past the greater ones before it:
     * the arrays sorted (hits, items) come nearly in order, out of order
     * only within a sentence.  Past a budget of moves, a merge sort. */
    enum { ELEM_MAX = 512 };
    unsigned char *a = base, tmp[ELEM_MAX];
    size_t budget = 8 * n + 64;
    for (size_t i = 1; i < n; i++) {
        size_t j = i;
        while (j > 0 && cmp(a + (j - 1) * size, a + i * size) > 0)
            j--;
        if (j == i)
            continue;
        if (i - j > budget || size > ELEM_MAX) {
            merge_sort(a, n, size, cmp);
            return;
        }
        budget -= i - j;
        memcpy(tmp, a + i * size, size);
        memmove(a + (j + 1) * size, a + j * size, (i - j) * size);
        memcpy(a + j * size, tmp, size);
    }
}

zsm_status zsmp_strlist_pushn(zsmp_strlist *list, const char *s, size_t n)
{
    if (list->count + 1 > list->cap &&
        zsmp_grow_to((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items))
        return ZSM_ERR_NOMEM;
    char *copy = malloc(n + 1);
    if (!copy)
        return ZSM_ERR_NOMEM;
    memcpy(copy, s, n);
    copy[n] = '\0';
    list->items[list->count++] = copy;
    return ZSM_OK;
}

zsm_status zsmp_strlist_push(zsmp_strlist *list, const char *s)
{
    return zsmp_strlist_pushn(list, s, strlen(s));
}

zsm_status zsmp_strlist_pushf(zsmp_strlist *list, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return zsmp_strlist_push(list, buf);
}

void zsmp_strlist_free(zsmp_strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* Marks a string cut to fit its buffer: it ends in "…" (on a character
 * boundary), never silently short. */
static void mark_cut(char *buf, size_t size, int written)
{
    static const char ellipsis[] = "\xe2\x80\xa6"; /* … */
    if (written < 0 || (size_t)written < size)
        return;
    size_t at = zsmp_char_start(buf, size - sizeof ellipsis);
    memcpy(buf + at, ellipsis, sizeof ellipsis);
}

static void copy_field(char *buf, size_t size, const char *s)
{
    mark_cut(buf, size, snprintf(buf, size, "%s", s ? s : ""));
}

zsm_status zsmp_fail(zsm_error *err, zsm_status status, const char *file, const char *rule,
                     long offset, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    copy_field(err->file, sizeof err->file, file);
    copy_field(err->rule, sizeof err->rule, rule);
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    mark_cut(err->message, sizeof err->message, n);
    return status;
}
