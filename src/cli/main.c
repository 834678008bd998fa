/* main.c - zsmetrics: read reports, write their metrics.
 *
 * The main thread names the documents (input.c) into a ring of slots;
 * worker threads read and extract them.  Records are written strictly in
 * input order by the worker that finishes the one written next, which then
 * writes the finished ones after it too, one worker at a time ("leader
 * writes"): no writer thread to wake for each document, which had preempted a
 * worker every time (-j2: four threads on two processors).  The ring bounds
 * the documents in flight, and a byte budget bounds the texts queued from
 * --input jsonl, so memory does not grow with the batch.
 *
 * Every record written is whole.  SIGINT, SIGTERM and SIGHUP are taken by
 * the main thread only (the others block them): it stops naming documents,
 * the worker writing finishes the record it is writing, the rest are
 * dropped, and the process then ends by the same signal.  A failed write
 * stops the batch and is reported once, with its reason.
 */

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_DONE };

typedef struct slot {
    enum slot_state state;
    input_doc doc;
    char *out;      /* the rendered record (library memory), NULL if none */
    size_t out_cap; /* out is a kept output buffer of this size (0: a string of its own) */
    char *report;   /* --format html: the report's section of the page, NULL if none */
    size_t seq;     /* the document's position in the batch */
    char err[600];  /* an error to report, "" if none */
    int found;      /* the record holds a metric */
    size_t bytes;
} slot;

/* Output buffers of written records, kept for the next ones: the record
 * of a 1 MB report is a few MB of JSON, which a new string each time would
 * take from fresh pages (the kernel zeroing them) and copy as it grows. */
enum { SPARES = 4, SPARE_MAX_CAP = 16 << 20 };
typedef struct spare {
    char *buf;
    size_t cap;
} spare;

typedef struct progress {
    int on;    /* stderr is a terminal that records are not written to */
    int shown; /* a progress line is on the screen */
    double start, last;
} progress;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, freed;
    slot *slots;
    size_t nslots;
    size_t produced, taken, written;
    int finished;        /* no more documents will be produced */
    int stopping;        /* a write failed or a signal came: produce no more */
    size_t queued_bytes; /* texts held in slots (--input jsonl) */
    size_t byte_budget;
    size_t total_hint; /* documents known so far, for the progress line */
    const options *opt;
    const zsm_rules *rules;
    FILE *out;
    FILE *reports; /* --format html: the reports' sections, after the summary rows */
    int writing;   /* a worker is writing records (write_ready) */
    /* owned by the worker writing */
    size_t errors, found_docs, bytes;
    int write_errno; /* the first failed write's errno, 0 if none */
    progress pg;
    spare spares[SPARES];
    size_t spare_count;
} pool;

static spare take_spare(pool *p)
{
    spare b = {NULL, 0};
    pthread_mutex_lock(&p->mu);
    if (p->spare_count)
        b = p->spares[--p->spare_count];
    pthread_mutex_unlock(&p->mu);
    return b;
}

/* Keeps a written record's buffer for the next record, unless enough are
 * kept or it is large (the record of one huge document). */
static void keep_spare(pool *p, char *buf, size_t cap)
{
    pthread_mutex_lock(&p->mu);
    if (cap <= SPARE_MAX_CAP && p->spare_count < SPARES) {
        p->spares[p->spare_count++] = (spare){buf, cap};
        buf = NULL;
    }
    pthread_mutex_unlock(&p->mu);
    zsm_free(buf);
}

/* Set by the signal handler, read by every thread: a lock-free atomic is
 * both async-signal-safe and race-free. */
static atomic_int stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

/* A document's arrays (a few MB for a 1 MB report) are kept by malloc for
 * the next document instead of being unmapped and mapped again: with
 * glibc's defaults every document of a batch faulted its pages in afresh,
 * 8% of the CPU of a batch of 1 MB reports spent in the kernel.  Arrays
 * above 4 MB (a large single document's) are still mapped of their own, so
 * that they do not leave holes behind in the heap. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* The main thread takes the stop signals; without SA_RESTART, a read it is
 * blocked in (a list or JSON Lines on stdin) returns, and the batch ends. */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
        sigaction(stop_signals[i], &sa, NULL);
}

static void block_stop_signals(int how)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
        sigaddset(&set, stop_signals[i]);
    pthread_sigmask(how, &set, NULL);
}

/* ------------------------------------------------------ writing records */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "N/M documents": N is the document being written (or, at the end, the
 * number written). */
static void show_progress(pool *p, size_t n, int final)
{
    progress *pg = &p->pg;
    double t = now_seconds();
    if (!pg->on || (!final && t - pg->last < 0.25) || (final && !pg->shown))
        return;
    pg->last = t;
    pthread_mutex_lock(&p->mu);
    size_t total = p->total_hint;
    pthread_mutex_unlock(&p->mu);
    double mb = (double)p->bytes / 1e6, secs = t - pg->start > 1e-6 ? t - pg->start : 1e-6;
    fprintf(stderr, "\rzsmetrics: %zu/%zu documents, %.1f MB, %.1f MB/s   %s", n, total, mb,
            mb / secs, final ? "\n" : "");
    pg->shown = !final;
}

/* Writes one slot's record (unless the batch is stopping) and frees it. */
static void write_slot(pool *p, slot *s, int dropping)
{
    if (s->err[0] && !dropping) {
        errorf("%s", s->err);
        p->errors++;
    }
    if (s->out && !dropping && !p->write_errno) {
        size_t n = strlen(s->out);
        if (fwrite(s->out, 1, n, p->out) != n || fflush(p->out) != 0)
            p->write_errno = errno ? errno : EIO;
    }
    if (s->report && p->reports && !dropping && !p->write_errno) {
        size_t n = strlen(s->report);
        if (fwrite(s->report, 1, n, p->reports) != n)
            p->write_errno = errno ? errno : EIO;
    }
    p->found_docs += s->found != 0 && !dropping;
    p->bytes += s->bytes;
    if (s->out && s->out_cap)
        keep_spare(p, s->out, s->out_cap);
    else
        zsm_free(s->out);
    zsm_free(s->report);
    free(s->doc.source);
    free(s->doc.text);
    memset(s, 0, sizeof *s);
}

/* Writes the finished records that are next in input order, unless
 * another worker is writing them (it writes this one too when it comes to
 * it: the slot's state and `writing` change under the lock).  Called and
 * returns with the lock held. */
static void write_ready(pool *p)
{
    if (p->writing)
        return;
    p->writing = 1;
    for (slot *s;
         p->written < p->produced && (s = &p->slots[p->written % p->nslots])->state == SLOT_DONE;) {
        int dropping = p->stopping;
        size_t held = s->doc.text ? s->doc.len : 0;
        pthread_mutex_unlock(&p->mu);
        show_progress(p, p->written + 1, 0);
        write_slot(p, s, dropping);
        pthread_mutex_lock(&p->mu);
        p->queued_bytes -= held;
        if (p->write_errno || stop_signal)
            p->stopping = 1;
        p->written++;
        /* The producer waits for a ring half free, not for each slot:
         * a wake-up a document preempted a worker each time. */
        if (p->produced - p->written <= p->nslots / 2 || p->stopping)
            pthread_cond_broadcast(&p->freed);
    }
    p->writing = 0;
}

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

static void process(pool *p, slot *s)
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
    s->bytes = len;
    if (st != ZSM_OK) {
        free(owned);
        snprintf(s->err, sizeof s->err, "%s: %s", s->doc.source, zsm_strerror(st));
        return;
    }
    if (truncated) {
        char msg[128];
        snprintf(msg, sizeof msg, "document truncated to its first %zu bytes (--max-bytes)", len);
        zsm_doc_add_warning(doc, msg);
    }
    if (s->doc.warning[0])
        zsm_doc_add_warning(doc, s->doc.warning);
    zsm_doc_filter(doc, opt->kind_mask, opt->modality_mask);
    s->found = zsm_doc_metric_count(doc) > 0;
    if (opt->format == FORMAT_HTML) {
        /* The page shows the text as written: rendered while it is here. */
        s->out = zsm_doc_html_row(doc, s->seq);
        s->report = zsm_doc_html_report(doc, text, len, s->seq);
        free(owned);
    } else {
        free(owned); /* the record holds what it needs: not kept beside its JSON */
        spare b = take_spare(p);
        s->out = render_record(opt, doc, &b.buf, &b.cap);
        if (s->out == b.buf)
            s->out_cap = b.cap;
        else
            zsm_free(b.buf); /* not used (CSV), or out of memory */
    }
    if (!s->out || (opt->format == FORMAT_HTML && !s->report))
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
        int skip = p->stopping; /* its record would be dropped anyway */
        pthread_mutex_unlock(&p->mu);
        if (!skip)
            process(p, s);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        write_ready(p);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* --format html: the summary table is written; close it, then the
 * reports' sections held aside, then the page's end. */
static void finish_page(pool *p)
{
    char buf[65536];
    size_t n;
    int bad = fputs(zsm_html_middle(), p->out) == EOF || fflush(p->reports) != 0 ||
              fseek(p->reports, 0, SEEK_SET) != 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, p->reports)) > 0)
        bad = fwrite(buf, 1, n, p->out) != n;
    bad = bad || ferror(p->reports) || fputs(zsm_html_tail(), p->out) == EOF || fflush(p->out);
    if (bad)
        p->write_errno = errno ? errno : EIO;
}

/* ------------------------------------------------------------ the run */

/* Feeds every input document to the pool until the input ends or the batch
 * stops; returns the enumeration errors. */
static size_t produce(pool *p, input_list *in)
{
    size_t errors = 0;
    input_doc doc;
    while (!stop_signal && input_next(in, &doc, &errors)) {
        pthread_mutex_lock(&p->mu);
        slot *s = &p->slots[p->produced % p->nslots];
        /* The ring's fullness first: while full, slot s is the writing
         * worker's, which clears it outside the lock (its state is not to
         * be read). */
        while (!p->stopping && !stop_signal &&
               (p->produced - p->written >= p->nslots || s->state != SLOT_FREE ||
                (p->queued_bytes > p->byte_budget && p->produced > p->written)))
            pthread_cond_wait(&p->freed, &p->mu);
        if (p->stopping || stop_signal) {
            pthread_mutex_unlock(&p->mu);
            free(doc.source);
            free(doc.text);
            break;
        }
        s->doc = doc;
        s->seq = p->produced;
        s->state = SLOT_QUEUED;
        p->queued_bytes += doc.text ? doc.len : 0;
        p->produced++;
        p->total_hint = input_total_hint(in);
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_mutex_lock(&p->mu);
    if (stop_signal)
        p->stopping = 1;
    p->finished = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    return stop_signal ? 0 : errors; /* a read cut by the signal is no error */
}

/* Starts the workers, with the stop signals blocked (the main thread
 * alone takes them).  Returns the workers started; 0 means nothing can
 * run. */
static int start_threads(pool *p, pthread_t *workers, int jobs)
{
    block_stop_signals(SIG_BLOCK);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&workers[started], NULL, worker_main, p) != 0)
            break;
    block_stop_signals(SIG_UNBLOCK);
    return started;
}

static int run(const options *opt, const zsm_rules *rules, FILE *out)
{
    pool p;
    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.freed, NULL);
    /* With one worker no record waits for another (each is written as it
     * is finished): the ring holds only what is to be read next, and a long
     * one wakes the producer every 16 documents, not every 2.  With more, a
     * record finished early waits in its slot for those before it: the
     * ring's length bounds that memory. */
    p.nslots = opt->jobs == 1 ? 32 : (size_t)opt->jobs * 4;
    p.byte_budget = opt->max_bytes * 2;
    p.slots = calloc(p.nslots, sizeof *p.slots);
    p.opt = opt;
    p.rules = rules;
    p.out = out;
    p.pg =
        (progress){!opt->quiet && isatty(STDERR_FILENO) && (opt->output || !isatty(STDOUT_FILENO)),
                   0, now_seconds(), 0};
    input_list *in = input_open(opt);
    pthread_t *workers = calloc((size_t)opt->jobs, sizeof *workers);
    int status = EXIT_ERROR;
    if (!p.slots || !in || !workers) {
        errorf("out of memory");
        goto done;
    }
    if (opt->format == FORMAT_HTML && !(p.reports = tmpfile())) {
        errorf("cannot make a temporary file for the page: %s", strerror(errno));
        goto done;
    }
    char *header = render_header(opt);
    if (header && (fputs(header, out) == EOF || fflush(out) != 0))
        p.write_errno = errno ? errno : EIO;
    zsm_free(header);
    if (p.write_errno) {
        errorf("write error: %s", strerror(p.write_errno));
        goto done;
    }
    int started = start_threads(&p, workers, opt->jobs);
    if (started == 0) {
        errorf("cannot start threads: %s", strerror(errno));
        goto done;
    }
    size_t input_errors = produce(&p, in);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    show_progress(&p, p.written, 1);
    if (p.reports && !p.write_errno)
        finish_page(&p);
    if (p.write_errno)
        errorf("write error: %s", strerror(p.write_errno));
    else if (p.errors || input_errors)
        status = EXIT_ERROR;
    else
        status = p.found_docs ? EXIT_FOUND : EXIT_NONE;
done:
    for (size_t i = 0; i < p.spare_count; i++)
        zsm_free(p.spares[i].buf);
    if (p.reports)
        fclose(p.reports);
    free(workers);
    input_close(in);
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.freed);
    return status;
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

/* Opens -o FILE without emptying it first, so that an output that is also
 * an input operand can be refused before a byte of it is lost; then empties
 * it.  NULL (reported) on failure. */
static FILE *open_output(options *opt)
{
    int fd = open(opt->output, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        errorf("%s: %s", opt->output, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    opt->output_known = S_ISREG(st.st_mode);
    opt->output_dev = st.st_dev;
    opt->output_ino = st.st_ino;
    for (size_t i = 0; opt->output_known && i < opt->path_count; i++) {
        struct stat in;
        if (stat(opt->paths[i], &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
            errorf("%s: the output file (-o) is also an input: refused", opt->paths[i]);
            close(fd);
            return NULL;
        }
    }
    if (opt->output_known && ftruncate(fd, 0) != 0) {
        errorf("%s: %s", opt->output, strerror(errno));
        close(fd);
        return NULL;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        errorf("%s: %s", opt->output, strerror(errno));
        close(fd);
    }
    return out;
}

/* The one exit point.  A failed close of the output is an error too, unless
 * a write error was reported already. */
static int finish(int status, FILE *out, int reported)
{
    if (out && out != stdout && fclose(out) != 0 && !reported) {
        errorf("write error: %s", strerror(errno));
        status = EXIT_ERROR;
    }
    if ((fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) && !reported) {
        errorf("write error on standard output: %s", strerror(errno ? errno : EIO));
        status = EXIT_ERROR;
    }
    if (stop_signal) {
        /* End as the signal would have ended us: the caller sees it. */
        signal(stop_signal, SIG_DFL);
        raise(stop_signal);
    }
    return status;
}

int main(int argc, char **argv)
{
    options opt;
    int status = options_parse(argc, argv, &opt);
    if (status >= 0) {
        options_free(&opt);
        return finish(status, NULL, 0);
    }
    catch_stop_signals();
    keep_freed_memory();
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
        out = opt.output ? open_output(&opt) : stdout;
        status = out ? run(&opt, rules, out) : EXIT_ERROR;
    }
    zsm_rules_free(rules);
    options_free(&opt);
    /* run() reported a failed write: the close would fail again. */
    int reported = status == EXIT_ERROR && out && ferror(out);
    return finish(status, out, reported);
}
