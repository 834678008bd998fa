/* zsmetrics.h - extract investment-promotion metrics from Chinese reports.
 *
 * The whole public API.  The pipeline behind it, one source file a stage:
 *   decode -> normalize -> tokenize -> match -> resolve -> emit
 * The library never reads argv, never exits and never prints; the command
 * line tool (src/cli/) owns all three.
 *
 * Memory: every function that returns a pointer says, in one sentence, who
 * owns it.  Three kinds: static strings (never freed), memory owned by a
 * zsm_rules or a zsm_doc (valid until that is freed), and new memory, which
 * the caller frees with the function named (zsm_free() for strings).
 * Every *_free(NULL) is a no-op.
 *
 * Threads: a zsm_rules is read-only once built and may be shared by any
 * number of threads calling zsm_extract() at once.
 */
#ifndef ZSMETRICS_H
#define ZSMETRICS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ZSM_BUILDING) && defined(__GNUC__)
#define ZSM_API __attribute__((visibility("default")))
#else
#define ZSM_API
#endif

#define ZSM_VERSION "0.1.0"
#define ZSM_SCHEMA "zsmetrics/1"

/* Status codes.  Only ever appended to; ZSM_OK is 0. */
typedef enum zsm_status {
    ZSM_OK = 0,
    ZSM_ERR_NOMEM,          /* out of memory */
    ZSM_ERR_IO,             /* a file could not be read */
    ZSM_ERR_RULES_JSON,     /* a rules file is not valid JSON */
    ZSM_ERR_RULES_SCHEMA,   /* a rules file has a missing, unknown or ill-typed field */
    ZSM_ERR_RULES_PATTERN,  /* a rule pattern does not compile */
    ZSM_ERR_RULES_FRAGMENT, /* a rule pattern names an unknown fragment */
    ZSM_ERR_INVALID,        /* an invalid argument */
    ZSM_ERR_TOO_LARGE       /* a document larger than the library can index */
} zsm_status;

/* Details of a failure, owned by the caller (no global error state).  A
 * string longer than its field is cut at a character boundary and ends in
 * "…", never cut silently. */
typedef struct zsm_error {
    zsm_status status;
    char file[256];    /* rules file or input, "" if none */
    char rule[96];     /* rule id or "lexicon NAME", "" if none */
    long offset;       /* offset in the pattern (or file), -1 if none */
    char message[512]; /* one sentence, no trailing newline */
} zsm_error;

/* One sentence describing a status: a static string, never NULL. */
ZSM_API const char *zsm_strerror(zsm_status status);

/* The library version ("0.1.0") and the Unicode version of its tables:
 * static strings. */
ZSM_API const char *zsm_version(void);
ZSM_API const char *zsm_unicode_version(void);

/* ---------------------------------------------------------------- rules */

typedef struct zsm_rules zsm_rules;

/* The default rule set, embedded at build time from rules/default.json.
 * Returns a new set, freed with zsm_rules_free(), or NULL with *err filled. */
ZSM_API zsm_rules *zsm_rules_default(zsm_error *err);

/* A rule set read from a JSON rules file (see rules/README.md), replacing
 * the defaults: it must give every lexicon entry.  Returns a new set, freed
 * with zsm_rules_free(), or NULL with *err naming file, rule and offset. */
ZSM_API zsm_rules *zsm_rules_load(const char *path, zsm_error *err);

/* The same from a buffer; `name` is used in error messages.  Returns a new
 * set, freed with zsm_rules_free(), or NULL with *err filled. */
ZSM_API zsm_rules *zsm_rules_parse(const char *json, size_t len, const char *name, zsm_error *err);

/* Adds the rules, fragments and lexicon entries of a rules file (or
 * buffer) to an existing set: an entry it gives replaces the set's.  A rule
 * id already in the set is refused.  On failure the set is left unchanged. */
ZSM_API zsm_status zsm_rules_add_file(zsm_rules *rules, const char *path, zsm_error *err);
ZSM_API zsm_status zsm_rules_add(zsm_rules *rules, const char *json, size_t len, const char *name,
                                 zsm_error *err);

/* The active rules as a JSON array (id, metric, priority, pattern as written):
 * a new string, freed with zsm_free(); NULL when out of memory. */
ZSM_API char *zsm_rules_to_json(const zsm_rules *rules);

ZSM_API size_t zsm_rules_count(const zsm_rules *rules);
ZSM_API void zsm_rules_free(zsm_rules *rules);

/* ------------------------------------------------------------- documents */

typedef enum zsm_metric_kind {
    ZSM_SIGNED_PROJECTS,
    ZSM_AMOUNT,
    ZSM_COMPLETION_RATE,
    ZSM_PROJECT_COUNT, /* extra: other project counts */
    ZSM_RATE           /* extra: growth, share, start rate ... */
} zsm_metric_kind;

typedef enum zsm_modality { ZSM_ACTUAL, ZSM_TARGET, ZSM_FORECAST } zsm_modality;

typedef enum zsm_approx {
    ZSM_EXACT,
    ZSM_ABOUT,
    ZSM_MORE_THAN,
    ZSM_AT_LEAST,
    ZSM_AT_MOST,
    ZSM_RANGE
} zsm_approx;

/* The names the output writes for the enums ("signed_projects", "target",
 * "more_than"): static strings; NULL for ZSM_EXACT (approx is null) and
 * for a value out of range. */
ZSM_API const char *zsm_metric_name(zsm_metric_kind kind);
ZSM_API const char *zsm_modality_name(zsm_modality modality);
ZSM_API const char *zsm_approx_name(zsm_approx approx);

/* The enum value of a name ("amount" -> ZSM_AMOUNT), -1 if none. */
ZSM_API int zsm_metric_parse(const char *name);
ZSM_API int zsm_modality_parse(const char *name);

/* One metric.  Its strings are UTF-8, owned by the zsm_doc it came from;
 * unit, currency and category may also be static strings. */
typedef struct zsm_metric {
    zsm_metric_kind kind;
    int has_value;        /* 0 when the report prints a placeholder */
    double value;         /* counts; 亿 of `currency` for amounts; percent */
    double value_max;     /* upper end when approx == ZSM_RANGE */
    const char *unit;     /* "个", "亿元", "亿美元", "%" ... */
    const char *currency; /* ISO 4217 for amounts, else NULL */
    const char *category; /* amount category or rate kind, NULL if none */
    zsm_approx approx;
    int placeholder;
    zsm_modality modality;
    const char *label; /* normalized, NULL if none */
    const char *text;  /* the matched input as written (UTF-8 even for GB18030 input) */
    size_t start, end; /* byte span in the original input */
    size_t line;       /* 1-based line of the figure's first character */
    const char *rule;  /* id of the rule that produced it */
    /* Links (spec/REPORT.md), ZSM_NONE when there is none.  Ids are
     * positions among all metrics of the document before any filter. */
    size_t id;
    size_t part_of; /* the total this figure is a part of (其中…) */
    size_t target;  /* completion rates: the target figure the rate is a share of */
    size_t actual;  /* completion rates: the achieved figure it measures */
} zsm_metric;

#define ZSM_NONE ((size_t)-1)

typedef struct zsm_doc zsm_doc;

/* Runs the whole pipeline over one document held in memory.
 * `source` is copied into the record ("-" for stdin; bytes that are not
 * UTF-8 become U+FFFD, with a warning).  On success *out is a new record,
 * freed with zsm_doc_free().  Input problems (invalid bytes, binary
 * content) are warnings in the record, not failures. */
ZSM_API zsm_status zsm_extract(const zsm_rules *rules, const char *buf, size_t len,
                               const char *source, zsm_doc **out);

/* Accessors.  Every pointer they return is owned by the record (or static)
 * and valid until zsm_doc_free(); an index out of range gives NULL. */
ZSM_API size_t zsm_doc_metric_count(const zsm_doc *doc);
ZSM_API const zsm_metric *zsm_doc_metric(const zsm_doc *doc, size_t i);
ZSM_API const char *zsm_doc_source(const zsm_doc *doc);   /* as written in the record */
ZSM_API const char *zsm_doc_encoding(const zsm_doc *doc); /* "utf-8" or "gb18030" */
ZSM_API const char *zsm_doc_title(const zsm_doc *doc);    /* NULL if none */
ZSM_API size_t zsm_doc_warning_count(const zsm_doc *doc);
ZSM_API const char *zsm_doc_warning(const zsm_doc *doc, size_t i);
ZSM_API void zsm_doc_free(zsm_doc *doc);

/* The report as a whole (spec/REPORT.md).  Strings are owned by the record
 * (or static); NULL where the report says nothing. */
typedef struct zsm_report {
    const char *region;      /* 重庆市黔江区, in Simplified script */
    const char *issuer;      /* 黔江区投资促进局 */
    const char *period_text; /* 2023年上半年; NULL when no period is stated */
    const char *period_from; /* "2023-01", NULL when the year is unknown */
    const char *period_to;   /* "2023-06" */
    const char *published;   /* "2023-07-10" or "2023-07" */
    int is_template;         /* every core metric is a placeholder (XX) */
} zsm_report;

ZSM_API const zsm_report *zsm_doc_report(const zsm_doc *doc);

/* The headline figures, one per key: the first figure of that kind at the
 * report's own scope. */
typedef enum zsm_key {
    ZSM_KEY_SIGNED_PROJECTS,
    ZSM_KEY_CONTRACT,
    ZSM_KEY_FUNDS_IN_PLACE,
    ZSM_KEY_TOTAL_INVESTMENT,
    ZSM_KEY_INVESTMENT_COMPLETED,
    ZSM_KEY_COMPLETION_RATE,
    ZSM_KEY_COUNT
} zsm_key;

/* "signed_projects", "contract" …: a static string, NULL out of range. */
ZSM_API const char *zsm_key_name(zsm_key key);

typedef struct zsm_headline {
    size_t id;            /* the metric, ZSM_NONE when the key has no headline */
    int has_value;        /* 0 for a placeholder */
    double value;         /* as the metric's value */
    const char *currency; /* amounts: ISO 4217, else NULL */
    zsm_modality modality;
} zsm_headline;

/* The headline of a key: owned by the record; never NULL for a valid key. */
ZSM_API const zsm_headline *zsm_doc_headline(const zsm_doc *doc, zsm_key key);

/* A check of the report against itself (spec/REPORT.md). */
typedef struct zsm_check {
    const char *check;     /* "completion" or "parts" (static) */
    int ok;                /* the figures agree, within their rounding */
    const size_t *metrics; /* ids: actual, target, rate; or total, parts... */
    size_t metric_count;
    double stated, computed; /* completion: the printed rate and a/t*100 */
    double total, sum;       /* parts: the total and the parts' sum */
    const char *unit;        /* the unit of total and sum ("亿元", "个") */
    const char *message;     /* why it failed; NULL when ok */
} zsm_check;

ZSM_API size_t zsm_doc_check_count(const zsm_doc *doc);
/* The i-th check, owned by the record; NULL out of range. */
ZSM_API const zsm_check *zsm_doc_check(const zsm_doc *doc, size_t i);

/* Keeps only the metrics whose kind bit (1u << kind) is in kind_mask and
 * whose modality bit (1u << modality) is in modality_mask.  Report, summary
 * and checks keep what they found over all metrics. */
ZSM_API void zsm_doc_filter(zsm_doc *doc, unsigned kind_mask, unsigned modality_mask);

/* Adds a copy of a warning to a record (the CLI uses it for truncated reads). */
ZSM_API zsm_status zsm_doc_add_warning(zsm_doc *doc, const char *message);

/* ----------------------------------------------------------------- emit */

#define ZSM_PRETTY (1u << 0)  /* indented JSON */
#define ZSM_TSV (1u << 1)     /* tab-separated instead of comma-separated */
#define ZSM_HEADER (1u << 2)  /* start the CSV/TSV text with the header row */
#define ZSM_NEWLINE (1u << 3) /* end the JSON text with a newline (JSON Lines) */

/* The record as JSON (schema zsmetrics/1), one line unless ZSM_PRETTY,
 * ending in a newline only with ZSM_NEWLINE: a new string, freed with
 * zsm_free(); NULL when out of memory. */
ZSM_API char *zsm_doc_to_json(const zsm_doc *doc, unsigned flags);

/* zsm_doc_to_json() into a buffer kept from record to record (a batch
 * writes each record where the last one was, instead of a new string and
 * fresh pages each time): *buf is NULL with *cap 0, or what an earlier call
 * left in them; it is grown as needed, its size in *cap, and freed by the
 * caller with zsm_free().  Returns the record's length, or (size_t)-1 when
 * out of memory (the text is then lost, *buf still the caller's). */
ZSM_API size_t zsm_doc_to_json_into(const zsm_doc *doc, unsigned flags, char **buf, size_t *cap);

/* The record's metrics as CSV (RFC 4180) or TSV rows, each ending in a
 * newline, preceded by the header row when ZSM_HEADER (doc may then be
 * NULL): a new string, freed with zsm_free(); NULL when out of memory. */
ZSM_API char *zsm_doc_to_csv(const zsm_doc *doc, unsigned flags);

/* The CSV header row, without newline: a static string. */
ZSM_API const char *zsm_csv_header(void);

/* One summary row of the record (spec/REPORT.md, --summary), ending in a
 * newline: CSV or TSV (ZSM_TSV), preceded by the header row when
 * ZSM_HEADER (doc may then be NULL); or a JSON object with the same keys.
 * A new string, freed with zsm_free(); NULL when out of memory. */
ZSM_API char *zsm_doc_summary_csv(const zsm_doc *doc, unsigned flags);
ZSM_API char *zsm_doc_summary_json(const zsm_doc *doc, unsigned flags);
/* The summary header row, without newline: a static string. */
ZSM_API const char *zsm_summary_header(void);

/* The review page (--format html): head, then one zsm_doc_html_row() per
 * report, middle, one zsm_doc_html_report() per report, tail.  `index`
 * numbers the reports of the page (the row links to the report of the same
 * index); `input` is the document's bytes as given to zsm_extract(), which
 * the report shows with its metrics marked.  Rows and reports are new
 * strings, freed with zsm_free(), NULL when out of memory; head, middle and
 * tail are static. */
ZSM_API const char *zsm_html_head(void);
ZSM_API char *zsm_doc_html_row(const zsm_doc *doc, size_t index);
ZSM_API const char *zsm_html_middle(void);
ZSM_API char *zsm_doc_html_report(const zsm_doc *doc, const char *input, size_t len, size_t index);
ZSM_API const char *zsm_html_tail(void);

/* Frees a string the library returned. */
ZSM_API void zsm_free(void *ptr);

/* ------------------------------------------------------------- numerals */

/* A parsed numeral.  The value is kept as a decimal mantissa and a power of
 * ten so that unit scaling stays exact: 1116.12万 is mantissa 111612 with
 * exp10 2, never 1116.12 * 1e4 in binary floating point. */
typedef struct zsm_numeral {
    size_t len;        /* bytes consumed; 0 when no numeral starts at s */
    int placeholder;   /* 1 for X, XX, xx, ××, **, Ｘ: the value is unknown */
    uint64_t mantissa; /* value = mantissa * 10^exp10, when !placeholder */
    int exp10;
    double value; /* nearest double to mantissa * 10^exp10; 0 for placeholders */
    int place;    /* power of ten of the last digit written: 0 for 8910, -2 for
                     25.47, 7 for 3千万 (its rounding is half a unit there) */
} zsm_numeral;

/* Parses the numeral that starts at s (UTF-8, len bytes): Arabic digits with
 * decimals and thousands separators, Chinese and financial numerals
 * (Simplified and Traditional), mixed forms (3千万, 1.2万亿) and placeholders.
 * The multipliers 万, 亿, 万亿, 千万 that follow a number are part of it.
 * Returns out->len; 0 when s does not start with a numeral. */
ZSM_API size_t zsm_numeral_parse(const char *s, size_t len, zsm_numeral *out);

#ifdef __cplusplus
}
#endif

#endif /* ZSMETRICS_H */
