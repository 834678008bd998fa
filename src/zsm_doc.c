/* zsm_doc.c - the record of one document: what the pipeline fills in, and
 * the accessors of the public API. */
#include "zsm_internal.h"

#include <stdlib.h>
#include <string.h>

/* A new record for `source`.  A name that is not valid UTF-8 (a file name
 * in another encoding) gets U+FFFD for each invalid byte, with a warning:
 * the output is UTF-8 whatever the file system holds. */
zsm_doc *zsmp_doc_new(const char *source, size_t bytes)
{
    zsm_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    const char *name = source ? source : "-";
    size_t bad = 0;
    doc->source = zsmp_utf8_sanitize(name, strlen(name), &bad);
    if (!doc->source ||
        (bad && zsmp_strlist_pushf(&doc->warnings,
                                   "the source name is not valid UTF-8: %zu byte%s written as "
                                   "U+FFFD",
                                   bad, bad == 1 ? "" : "s") != ZSM_OK)) {
        zsm_doc_free(doc);
        return NULL;
    }
    doc->bytes = bytes;
    doc->encoding = "utf-8";
    for (int k = 0; k < ZSM_KEY_COUNT; k++)
        doc->summary[k].id = ZSM_NONE;
    return doc;
}

/* n bytes of the record's storage, at a multiple of `align` (a power of 2). */
static void *doc_alloc(zsm_doc *doc, size_t n, size_t align)
{
    enum { BLOCK = 64 * 1024 };
    zsmp_arena_block *b = doc->strings;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < n) {
        size_t cap = n > BLOCK ? n : BLOCK;
        if (!(b = malloc(sizeof *b + cap)))
            return NULL;
        b->next = doc->strings;
        b->cap = cap;
        doc->strings = b;
        at = 0; /* data[] follows size_t fields: aligned for size_t */
    }
    b->used = at + n;
    return b->data + at;
}

const char *zsmp_doc_keep(zsm_doc *doc, const char *s, size_t n)
{
    char *copy = doc_alloc(doc, n + 1, 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

const size_t *zsmp_doc_keep_ids(zsm_doc *doc, const size_t *ids, size_t n)
{
    size_t *copy = doc_alloc(doc, n * sizeof *ids, _Alignof(size_t));
    if (copy && n)
        memcpy(copy, ids, n * sizeof *ids);
    return copy;
}

size_t zsm_doc_metric_count(const zsm_doc *doc)
{
    return doc->count;
}

const zsm_metric *zsm_doc_metric(const zsm_doc *doc, size_t i)
{
    return i < doc->count ? &doc->metrics[i] : NULL;
}

const char *zsm_doc_source(const zsm_doc *doc)
{
    return doc->source;
}

const char *zsm_doc_encoding(const zsm_doc *doc)
{
    return doc->encoding;
}

const char *zsm_doc_title(const zsm_doc *doc)
{
    return doc->title;
}

size_t zsm_doc_warning_count(const zsm_doc *doc)
{
    return doc->warnings.count;
}

const char *zsm_doc_warning(const zsm_doc *doc, size_t i)
{
    return i < doc->warnings.count ? doc->warnings.items[i] : NULL;
}

zsm_status zsm_doc_add_warning(zsm_doc *doc, const char *message)
{
    return zsmp_strlist_push(&doc->warnings, message);
}

const zsm_report *zsm_doc_report(const zsm_doc *doc)
{
    return &doc->report;
}

const zsm_headline *zsm_doc_headline(const zsm_doc *doc, zsm_key key)
{
    return (unsigned)key < ZSM_KEY_COUNT ? &doc->summary[key] : NULL;
}

size_t zsm_doc_check_count(const zsm_doc *doc)
{
    return doc->check_count;
}

const zsm_check *zsm_doc_check(const zsm_doc *doc, size_t i)
{
    return i < doc->check_count ? &doc->checks[i] : NULL;
}

void zsm_doc_filter(zsm_doc *doc, unsigned kind_mask, unsigned modality_mask)
{
    size_t kept = 0;
    for (size_t i = 0; i < doc->count; i++) {
        const zsm_metric *m = &doc->metrics[i];
        if ((kind_mask >> m->kind & 1u) && (modality_mask >> m->modality & 1u))
            doc->metrics[kept++] = *m;
    }
    doc->count = kept;
}

void zsm_doc_free(zsm_doc *doc)
{
    if (!doc)
        return;
    free(doc->source);
    free(doc->title);
    free(doc->metrics);
    free(doc->checks);
    zsmp_strlist_free(&doc->warnings);
    for (zsmp_arena_block *b = doc->strings, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(doc);
}
