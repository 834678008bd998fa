/* main.c - zsmetrics: read reports, write their metrics.
 *
 * The main thread names the documents (input.c) into a ring of slots;
 * worker threads read and extract them; a writer thread writes finished
 * records strictly in input order and frees their slots.  The ring bounds
 * the documents in flight, so memory does not grow with the batch.
 */

#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_DONE };

typedef struct slot {
    enum slot_state state;
    input_doc doc;
    char *out;     /* the rendered record, NULL if none */
    char err[600]; /* an error to report, "" if none */
    int found;     /* the record holds a metric */
    size_t bytes;
} slot;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done, freed;
    slot *slots;
    size_t nslots;
    size_t produced, taken, written;
    int finished; /* no more documents will be produced */
    const options *opt;
    const zsm_rules *rules;
    FILE *out;
    /* results, owned by the writer */
    size_t errors, found_docs, bytes;
    int write_failed;
    size_t total_hint; /* documents known so far, for the progress line */
} pool;

/* ------------------------------------------------------------- workers */

/* A document cut at --max-bytes may end inside a UTF-8 character: the cut
 * moves back to the character's start, so truncation costs no U+FFFD. */
static size_t utf8_cut(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0 || len - i >= 4)
        return len;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > len - (i - 1) ? i - 1 : len;
}

static void process(const pool *p, slot *s)
{
    const options *opt = p->opt;
    int truncated = 0;
    char *owned = NULL;
    const char *text = s->doc.text;
    size_t len = s->doc.len;
    if (!text) {
        owned = read_whole(s->doc.source, opt->max_bytes, &len, &truncated);
        if (!owned) {
            snprintf(s->err, sizeof s->err, "%s: %s", s->doc.source, strerror(errno));
            return;
        }
        text = owned;
        if (truncated)
            len = utf8_cut(text, len);
    } else if (len > opt->max_bytes) {
        len = utf8_cut(text, opt->max_bytes);
        truncated = 1;
    }
    zsm_doc *doc = NULL;
    zsm_status st = zsm_extract(p->rules, text, len, s->doc.source, &doc);
    free(owned);
    s->bytes = len;
    if (st != ZSM_OK) {
        snprintf(s->err, sizeof s->err, "%s: %s", s->doc.source, zsm_strerror(st));
        return;
    }
    if (truncated) {
        char msg[128];
        snprintf(msg, sizeof msg, "document truncated to its first %zu bytes (--max-bytes)", len);
        zsm_doc_add_warning(doc, msg);
    }
    zsm_doc_filter(doc, opt->kind_mask, opt->modality_mask);
    s->found = zsm_doc_metric_count(doc) > 0;
    s->out = render_record(opt, doc);
    if (!s->out)
        snprintf(s->err, sizeof s->err, "%s: out of memory", s->doc.source);
    zsm_doc_free(doc);
}

static void *worker_main(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->taken == p->produced && !p->finished)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->taken == p->produced)
            break;
        slot *s = &p->slots[p->taken++ % p->nslots];
        pthread_mutex_unlock(&p->mu);
        process(p, s);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* -------------------------------------------------------------- writer */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(pool *p, double start, double *last, int final)
{
    double t = now_seconds();
    if (!final && t - *last < 0.25)
        return;
    *last = t;
    double mb = (double)p->bytes / 1e6, secs = t - start > 1e-6 ? t - start : 1e-6;
    pthread_mutex_lock(&p->mu);
    size_t total = p->total_hint;
    pthread_mutex_unlock(&p->mu);
    fprintf(stderr, "\rzsmetrics: %zu/%zu documents, %.1f MB, %.1f MB/s   ", p->written, total, mb,
            mb / secs);
    if (final)
        fputs("\n", stderr);
}

static void write_slot(pool *p, slot *s)
{
    if (s->err[0]) {
        errorf("%s", s->err);
        p->errors++;
    }
    if (s->out && !p->write_failed && fputs(s->out, p->out) == EOF)
        p->write_failed = 1;
    p->found_docs += s->found != 0;
    p->bytes += s->bytes;
    free(s->out);
    free(s->doc.source);
    free(s->doc.text);
    memset(s, 0, sizeof *s);
}

static void *writer_main(void *arg)
{
    pool *p = arg;
    int progress = !p->opt->quiet && isatty(STDERR_FILENO);
    double start = now_seconds(), last = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot *s = &p->slots[p->written % p->nslots];
        while (!(p->written < p->produced && s->state == SLOT_DONE) &&
               !(p->finished && p->written == p->produced))
            pthread_cond_wait(&p->done, &p->mu);
        if (p->written == p->produced && p->finished)
            break;
        pthread_mutex_unlock(&p->mu);
        write_slot(p, s);
        if (progress)
            show_progress(p, start, &last, 0);
        pthread_mutex_lock(&p->mu);
        p->written++;
        pthread_cond_broadcast(&p->freed);
    }
    pthread_mutex_unlock(&p->mu);
    if (progress && p->written > 1)
        show_progress(p, start, &last, 1);
    return NULL;
}

/* ------------------------------------------------------------ the run */

/* Feeds every input document to the pool; returns enumeration errors. */
static size_t produce(pool *p, input_list *in)
{
    size_t errors = 0;
    input_doc doc;
    while (input_next(in, &doc, &errors)) {
        pthread_mutex_lock(&p->mu);
        slot *s = &p->slots[p->produced % p->nslots];
        while (s->state != SLOT_FREE || p->produced - p->written >= p->nslots)
            pthread_cond_wait(&p->freed, &p->mu);
        s->doc = doc;
        s->state = SLOT_QUEUED;
        p->produced++;
        p->total_hint = input_total_hint(in);
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_mutex_lock(&p->mu);
    p->finished = 1;
    pthread_cond_broadcast(&p->work);
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->mu);
    return errors;
}

static int run(const options *opt, const zsm_rules *rules, FILE *out)
{
    pool p;
    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_cond_init(&p.freed, NULL);
    p.nslots = (size_t)opt->jobs * 4;
    p.slots = calloc(p.nslots, sizeof *p.slots);
    p.opt = opt;
    p.rules = rules;
    p.out = out;
    input_list *in = input_open(opt);
    if (!p.slots || !in) {
        errorf("out of memory");
        free(p.slots);
        input_close(in);
        return EXIT_ERROR;
    }
    char *header = render_header(opt);
    if (header && fputs(header, out) == EOF)
        p.write_failed = 1;
    zsm_free(header);

    pthread_t writer, *workers = calloc((size_t)opt->jobs, sizeof *workers);
    int started = 0, writing = workers && pthread_create(&writer, NULL, writer_main, &p) == 0;
    for (; writing && started < opt->jobs; started++)
        if (pthread_create(&workers[started], NULL, worker_main, &p) != 0)
            break;
    /* Without a worker nothing would drain the ring: no document is read. */
    size_t input_errors = started > 0 ? produce(&p, in) : 0;
    if (started == 0) {
        errorf("cannot start threads: %s", strerror(errno));
        input_errors++;
        pthread_mutex_lock(&p.mu);
        p.finished = 1;
        pthread_cond_broadcast(&p.done);
        pthread_mutex_unlock(&p.mu);
    }
    for (int i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    if (writing)
        pthread_join(writer, NULL);
    free(workers);
    input_close(in);
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.freed);
    if (p.write_failed) {
        errorf("write error: %s", strerror(errno));
        return EXIT_ERROR;
    }
    if (p.errors || input_errors)
        return EXIT_ERROR;
    return p.found_docs ? EXIT_FOUND : EXIT_NONE;
}

static void report_rules_error(const zsm_error *err)
{
    char where[512] = "";
    if (err->rule[0])
        snprintf(where, sizeof where, "rule %s: ", err->rule);
    errorf("%s: %s%s", err->file[0] ? err->file : "rules", where, err->message);
}

static zsm_rules *load_rules(const options *opt)
{
    zsm_error err;
    memset(&err, 0, sizeof err);
    zsm_rules *rules =
        opt->rules_file ? zsm_rules_load(opt->rules_file, &err) : zsm_rules_default(&err);
    if (!rules) {
        report_rules_error(&err);
        return NULL;
    }
    for (size_t i = 0; i < opt->rules_add_count; i++) {
        if (zsm_rules_add_file(rules, opt->rules_add[i], &err) != ZSM_OK) {
            report_rules_error(&err);
            zsm_rules_free(rules);
            return NULL;
        }
    }
    return rules;
}

/* The one exit point: a failed write to stdout is an error too. */
static int finish(int status, FILE *out)
{
    if (out && out != stdout && fclose(out) != 0) {
        errorf("write error: %s", strerror(errno));
        status = EXIT_ERROR;
    }
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        errorf("write error on standard output");
        status = EXIT_ERROR;
    }
    return status;
}

int main(int argc, char **argv)
{
    options opt;
    int status = options_parse(argc, argv, &opt);
    if (status >= 0) {
        options_free(&opt);
        return finish(status, NULL);
    }
    zsm_rules *rules = load_rules(&opt);
    FILE *out = stdout;
    if (!rules) {
        status = EXIT_ERROR;
    } else if (opt.list_rules) {
        char *json = zsm_rules_to_json(rules);
        if (json)
            printf("%s\n", json);
        zsm_free(json);
        status = json ? EXIT_FOUND : EXIT_ERROR;
    } else {
        out = opt.output ? fopen(opt.output, "w") : stdout;
        if (!out) {
            errorf("%s: %s", opt.output, strerror(errno));
            status = EXIT_ERROR;
        } else {
            status = run(&opt, rules, out);
        }
    }
    zsm_rules_free(rules);
    options_free(&opt);
    return finish(status, out);
}
