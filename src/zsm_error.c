/* zsm_error.c - status messages and the small helpers every stage uses. */
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

int zsmp_grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
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

zsm_status zsmp_strlist_pushn(zsmp_strlist *list, const char *s, size_t n)
{
    if (zsmp_grow((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items))
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

zsm_status zsmp_fail(zsm_error *err, zsm_status status, const char *file, const char *rule,
                     long offset, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    snprintf(err->rule, sizeof err->rule, "%s", rule ? rule : "");
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

size_t zsmp_utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
