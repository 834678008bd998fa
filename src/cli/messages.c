/* messages.c - diagnostics on stderr: one line each, "zsmetrics: " first
 * (curl's tool_msgs.c).  helpf() adds the pointer to --help for misuse. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

static void vmessage(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void vmessage(const char *fmt, va_list ap)
{
    fputs("zsmetrics: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
}

void helpf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
    fputs("zsmetrics: try 'zsmetrics --help' for more information\n", stderr);
}
