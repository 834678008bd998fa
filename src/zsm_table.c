/* zsm_table.c - tables flattened to text.
 *
 * A table is two or more lines in a row that each hold three cells or more,
 * cells split by a tab, by a run of two spaces (an ideographic space is a
 * space once normalized) or by | (| 序号 | 项目 | as Markdown writes it);
 * its first line is the header.  A figure in a cell
 * of a later line is read by its column's header, which says more than the
 * row's other cells, so this runs after the context stage:
 *   完成率 完成进度(%) 达成率 (table.completion)  a percentage there is a
 *                                               completion rate
 *   规模分类 档次 (table.size_class)              a range or an amount with
 *                                               以上/以下 there is a size
 *                                               class of projects: dropped
 *   总投资 已到位资金 合同外资 (category.*)       the amount's category
 *   全年目标 年度任务 (modality.target)           a goal
 * Cells split by tabs are matched to header cells by position; cells
 * aligned by spaces by where they stand on the line (display columns: a
 * CJK character is two), so 合  计 in the first column does not shift the
 * cells after it.
 */
#include "zsm_grow.h"
#include "zsm_internal.h"

#include <stdlib.h>
#include <string.h>

enum { MIN_CELLS = 3, MIN_ROWS = 2 };

/* The cells of one line, as spans of the normalized text. */
typedef struct cells {
    zsmp_span *cell;
    size_t count, cap;
    int tabbed; /* split at tabs: cells match by position */
} cells;

static void cells_free(cells *c)
{
    free(c->cell);
    memset(c, 0, sizeof *c);
}

static int push_cell(cells *c, size_t a, size_t b)
{
    if (zsmp_grow((void **)&c->cell, &c->cap, c->count + 1, sizeof *c->cell))
        return -1;
    c->cell[c->count].a = a;
    c->cell[c->count++].b = b;
    return 0;
}

/* Was normalized byte i a tab in the input? */
static int from_tab(const zsmp_pass *p, size_t i)
{
    uint32_t cp;
    return zsmp_decoded_char(p->d, zsmp_text_src(p->t, i), &cp) && cp == '\t';
}

/* Can line [a, b) hold MIN_CELLS cells?  Each cell but the last ends at a
 * bar or a space (a tab is a space in normalized text), so a line with
 * fewer of them cannot: most lines of prose, passed by memchr without
 * split_cells() reading them a byte at a time. */
static int may_hold_cells(const char *s, size_t a, size_t b)
{
    size_t seps = 0;
    for (const char *c = " |"; *c; c++)
        for (const char *q = s + a;
             seps < MIN_CELLS - 1 && (q = memchr(q, *c, (size_t)(s + b - q))) != NULL; q++)
            seps++;
    return seps >= MIN_CELLS - 1;
}

/* Splits line [a, b) at tabs and runs of two spaces or more; leading
 * spaces are indentation, a leading tab opens an empty first cell. */
static int split_cells(const zsmp_pass *p, size_t a, size_t b, cells *out)
{
    const char *s = p->t->s;
    out->count = 0;
    out->tabbed = 0;
    while (a < b && s[a] == ' ' && !from_tab(p, a))
        a++;
    size_t cell = a;
    for (size_t i = a; i < b;) {
        if (s[i] == '|') { /* | a | b |: one cell between two bars */
            if (push_cell(out, cell, i))
                return -1;
            out->tabbed = 1;
            cell = ++i;
            continue;
        }
        if (s[i] != ' ') {
            i++;
            continue;
        }
        size_t j = i, tabs = 0;
        for (; j < b && s[j] == ' '; j++)
            tabs += (size_t)from_tab(p, j);
        if (tabs == 0 && j - i < 2) {
            i = j;
            continue;
        }
        /* Each tab ends a cell (two tabs: an empty cell between); a run
         * of spaces ends one. */
        size_t ends = tabs ? tabs : 1;
        out->tabbed |= tabs > 0;
        for (size_t k = 0; k < ends; k++)
            if (push_cell(out, k == 0 ? cell : i, i))
                return -1;
        cell = j;
        i = j;
    }
    if (cell < b && push_cell(out, cell, b))
        return -1;
    return 0;
}

/* The display width of a code point: two for CJK and full-width forms. */
static size_t width(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000
               ? 2
               : 1;
}

/* The display column of normalized byte `at` on the line starting at
 * `line`, counted over the input's characters. */
static size_t column(const zsmp_pass *p, size_t line, size_t at)
{
    size_t col = 0;
    uint32_t cp;
    size_t end = zsmp_text_src(p->t, at);
    for (size_t i = zsmp_text_src(p->t, line), k; i < end && (k = zsmp_decoded_char(p->d, i, &cp));
         i += k)
        col += width(cp);
    return col;
}

/* The header cell over byte `at` of a row starting at `row_line`: the one
 * starting last at or before its column (two columns of slack for numbers
 * set right of a wider header). */
static size_t header_over(const zsmp_pass *p, const cells *head, size_t head_line, size_t row_line,
                          size_t at)
{
    enum { SLACK = 2 };
    size_t col = column(p, row_line, at) + SLACK, found = SIZE_MAX;
    for (size_t k = 0; k < head->count; k++)
        if (column(p, head_line, head->cell[k].a) <= col)
            found = k;
    return found;
}

/* The cell of `cs` holding byte `at`; SIZE_MAX if none. */
static size_t cell_of(const cells *cs, size_t at)
{
    for (size_t k = 0; k < cs->count; k++)
        if (at >= cs->cell[k].a && at < cs->cell[k].b)
            return k;
    return SIZE_MAX;
}

typedef struct table {
    size_t header;             /* line index of the header */
    size_t first_row, end_row; /* line indexes of its rows: [first_row, end_row) */
    cells head;
} table;

static int is_size_class(const zsm_metric *m)
{
    return m->kind == ZSM_AMOUNT &&
           (m->approx == ZSM_RANGE || m->approx == ZSM_AT_LEAST || m->approx == ZSM_AT_MOST);
}

/* Reads item `it`, in cell `col` of a row, by the header of that column.
 * Returns 1 when the item is to be dropped. */
static int read_by_header(zsmp_pass *p, const table *tb, size_t col, zsmp_item *it)
{
    if (col >= tb->head.count)
        return 0;
    size_t a = tb->head.cell[col].a, b = tb->head.cell[col].b;
    zsm_metric *m = &it->m;
    if (zsmp_lex_any(&p->lk, ZSMP_LEX_TABLE_COMPLETION, a, b)) {
        if (m->kind == ZSM_RATE || m->kind == ZSM_COMPLETION_RATE) {
            m->kind = ZSM_COMPLETION_RATE;
            m->category = NULL;
        }
        return 0;
    }
    if (zsmp_lex_any(&p->lk, ZSMP_LEX_TABLE_SIZE_CLASS, a, b))
        return is_size_class(m);
    if (m->kind == ZSM_AMOUNT) {
        const char *cat = zsmp_category_in(&p->lk, a, b);
        if (cat)
            m->category = cat;
    }
    if ((m->kind == ZSM_AMOUNT || m->kind == ZSM_SIGNED_PROJECTS) &&
        zsmp_lex_any(&p->lk, ZSMP_LEX_MODALITY_TARGET, a, b))
        m->modality = ZSM_TARGET;
    return 0;
}

/* The line holding normalized byte `at`, searching forward from *line. */
static size_t line_of(const zsmp_tokens *tok, size_t *line, size_t at)
{
    while (*line + 1 < tok->line_count && tok->lines[*line].end < at)
        (*line)++;
    return *line;
}

/* Reads the items of the rows of table tb (items in input order, from *next). */
static zsm_status read_rows(zsmp_pass *p, const table *tb, zsmp_items *items, size_t *next,
                            unsigned char *drop)
{
    const zsmp_tokens *tok = p->tok;
    cells row = {0};
    size_t line = tb->first_row, row_line = SIZE_MAX;
    for (; *next < items->count; (*next)++) {
        zsmp_item *it = &items->items[*next];
        size_t at = it->hit.g_start[ZSMP_G_VALUE];
        if (at < tok->lines[tb->first_row].start)
            continue;
        if (at >= tok->lines[tb->end_row - 1].end)
            break;
        size_t l = line_of(tok, &line, at);
        if (l != row_line) {
            if (split_cells(p, tok->lines[l].start, tok->lines[l].end, &row)) {
                cells_free(&row);
                return ZSM_ERR_NOMEM;
            }
            row_line = l;
        }
        size_t col =
            row.tabbed || tb->head.tabbed
                ? cell_of(&row, at)
                : header_over(p, &tb->head, tok->lines[tb->header].start, tok->lines[l].start, at);
        if (col != SIZE_MAX && read_by_header(p, tb, col, it))
            drop[*next] = 1;
    }
    cells_free(&row);
    return ZSM_OK;
}

zsm_status zsmp_table(zsmp_pass *p, zsmp_items *items)
{
    const zsmp_tokens *tok = p->tok;
    if (items->count == 0)
        return ZSM_OK;
    unsigned char *drop = calloc(items->count, 1);
    if (!drop)
        return ZSM_ERR_NOMEM;
    cells c = {0};
    table tb = {0};
    zsm_status st = ZSM_OK;
    size_t next = 0; /* items before it lie before the tables read so far */
    for (size_t l = 0; st == ZSM_OK && l < tok->line_count;) {
        size_t run = l; /* lines [l, run) have cells enough */
        while (st == ZSM_OK && run < tok->line_count) {
            if (!may_hold_cells(p->t->s, tok->lines[run].start, tok->lines[run].end))
                break;
            if (split_cells(p, tok->lines[run].start, tok->lines[run].end, &c))
                st = ZSM_ERR_NOMEM;
            else if (c.count < MIN_CELLS)
                break;
            else
                run++;
        }
        if (st == ZSM_OK && run - l >= MIN_ROWS) {
            tb.header = l;
            tb.first_row = l + 1;
            tb.end_row = run;
            if (split_cells(p, tok->lines[l].start, tok->lines[l].end, &tb.head))
                st = ZSM_ERR_NOMEM;
            else
                st = read_rows(p, &tb, items, &next, drop);
        }
        l = run > l ? run : l + 1;
    }
    if (st == ZSM_OK)
        zsmp_items_drop(items, drop);
    cells_free(&c);
    cells_free(&tb.head);
    free(drop);
    return st;
}
