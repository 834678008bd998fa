/* zsm_names.c - enum values <-> the names the output contract writes.  The
 * tables are zsm_names.def, expanded here. */
#include "zsm_internal.h"

#include <string.h>

static const char *const metric_names[] = {
#define ZSMP_METRIC(e, name) [e] = name,
#include "zsm_names.def"
};

static const char *const modality_names[] = {
#define ZSMP_MODALITY(e, name) [e] = name,
#include "zsm_names.def"
};

static const char *const approx_names[] = {
#define ZSMP_APPROX(e, name) [e] = name,
#include "zsm_names.def"
};

static const char *const category_names[] = {
#define ZSMP_CATEGORY(e, name) [e] = name,
#include "zsm_names.def"
};

static const char *const key_names[] = {
#define ZSMP_KEY(e, name) [e] = name,
#include "zsm_names.def"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_of(const char *const *names, size_t n, unsigned value)
{
    return value < n ? names[value] : NULL;
}

static int value_of(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return (int)i;
    return -1;
}

const char *zsm_metric_name(zsm_metric_kind kind)
{
    return name_of(metric_names, COUNT(metric_names), (unsigned)kind);
}

const char *zsm_modality_name(zsm_modality modality)
{
    return name_of(modality_names, COUNT(modality_names), (unsigned)modality);
}

const char *zsm_approx_name(zsm_approx approx)
{
    return name_of(approx_names, COUNT(approx_names), (unsigned)approx);
}

const char *zsm_key_name(zsm_key key)
{
    return name_of(key_names, COUNT(key_names), (unsigned)key);
}

int zsm_metric_parse(const char *name)
{
    return value_of(metric_names, COUNT(metric_names), name);
}

int zsm_modality_parse(const char *name)
{
    return value_of(modality_names, COUNT(modality_names), name);
}

const char *zsmp_category_name(zsmp_category c)
{
    return name_of(category_names, COUNT(category_names), (unsigned)c);
}
