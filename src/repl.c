/* repl.c — the interactive prompt. See repl.h.
 *
 * Reading follows RECIPES.md "Readline and Ctrl-C": readline's callback interface driven by
 * select(), a SIGINT handler that only sets ag_interrupted, rl_catch_signals = 0. The line
 * handler removes itself, so the terminal is back in normal mode while code runs and Ctrl-C
 * then reaches the evaluator as KeyboardInterrupt. */
#include "repl.h"
#include "class.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "eval.h"
#include "tensor.h"

#define REPL_NAME "<repl>"
#define HISTORY_MAX 10000
#define MAX_PREINDENT 160

void (*repl_tape_hook)(Interp *I, const char *expr);

typedef struct Repl {
    Interp *I;
    bool tty;
    StrBuf entry;            /* the text of the entry being collected, lines ending in "\n" */
    bool in_entry;           /* a continuation line is expected */
    bool entry_pasted;       /* the entry holds pasted text: it runs with EXEC_PASTE */
    char preindent[MAX_PREINDENT + 1]; /* inserted at the start of the next continuation line */
    StrBuf log;              /* successful entries, for :save */
    int nlogged;
    char *hist_path;         /* malloc'd; NULL: no history file */
    bool hist_warned;
    /* set by the readline callbacks */
    bool got_line;
    char *line;              /* readline's malloc'd line; NULL on EOF */
    bool paste_seen;         /* a bracketed paste went into the current line */
    bool eof_line;           /* Ctrl-D on a blank continuation line */
    bool quit;
} Repl;

static Repl *R; /* readline's callbacks carry no user pointer */

/* Exported by libreadline (bash uses it) but not declared in its public headers: whether
 * readline's own input buffer holds bytes it has read from the terminal but not used yet. */
extern int _rl_pushed_input_available(void);

static const char *sb_text(const StrBuf *sb) { return sb->data ? sb->data : ""; }

static bool blank(const char *s) {
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

static void on_sigint(int sig) {
    (void)sig;
    ag_interrupted = 1;
}

/* ---- history ------------------------------------------------------------------------ */

static void hist_warn(const char *what, int err) {
    if (R->hist_warned) return;
    R->hist_warned = true;
    fprintf(stderr, "agrepl: warning: cannot %s history file %s: %s; history will not be saved\n", what,
            R->hist_path, strerror(err));
}

static void hist_open(void) {
    const char *env = getenv("AGREPL_HISTORY");
    const char *home = getenv("HOME");
    if (env && *env) {
        R->hist_path = strdup(env);
    } else if (home && *home) {
        size_t n = strlen(home) + sizeof "/.agrepl_history";
        R->hist_path = malloc(n);
        if (R->hist_path) snprintf(R->hist_path, n, "%s/.agrepl_history", home);
    }
    if (!R->hist_path) return;
    /* Timestamps delimit entries in the file, so a multi-line entry comes back as one. */
    history_comment_char = '#'; /* timestamps are "#<seconds>" lines (readline leaves them empty otherwise) */
    history_write_timestamps = 1;
    history_multiline_entries = 1;
    stifle_history(HISTORY_MAX);
    int fd = open(R->hist_path, O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (fd < 0) {
        int e = errno;
        /* Maybe readable but not writable: still offer the old entries. */
        read_history(R->hist_path);
        hist_warn("write", e);
        free(R->hist_path);
        R->hist_path = NULL;
        return;
    }
    close(fd);
    int e = read_history(R->hist_path);
    if (e != 0) {
        hist_warn("read", e);
        free(R->hist_path);
        R->hist_path = NULL;
        return;
    }
    /* The file only grows (append_history after each entry); once it holds the limit, keep
     * its newest HISTORY_MAX entries (whole entries: history_truncate_file counts lines). */
    if (history_length >= HISTORY_MAX && (e = write_history(R->hist_path)) != 0) hist_warn("write", e);
}

static void hist_add(const char *text) {
    if (!R->tty || blank(text)) return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && last->line && !strcmp(last->line, text)) return; /* re-running an entry adds nothing */
    add_history(text);
    if (!R->hist_path) return;
    int e = append_history(1, R->hist_path);
    if (e != 0) {
        hist_warn("write", e);
        free(R->hist_path);
        R->hist_path = NULL;
    }
}

static void hist_close(void) {
    if (R->hist_path) {
        free(R->hist_path);
        R->hist_path = NULL;
    }
    clear_history();
}

/* ---- resolving names (completion and :help) ----------------------------------------- */

typedef struct { const char *name; const char *doc; } AttrDoc;
/* Tensor attributes that are not methods (the tensor class reads them in its getattr). */
static const AttrDoc tensor_attrs[] = {
    {"shape", "the size of each dimension"},
    {"dtype", "the element type (torch.float32, ...)"},
    {"grad", "the gradient accumulated by backward(), or None"},
    {"requires_grad", "whether operations on this tensor are recorded for autodiff"},
    {"grad_fn", "the operation that produced this tensor (None for leaves)"},
    {"is_leaf", "True if the tensor was made by the user, not by a recorded operation"},
    {"T", "the tensor with its dimensions reversed (transpose)"},
    {"data", "the same values, detached from the autodiff graph"},
    {"ndim", "the number of dimensions"},
    {NULL, NULL},
};

static const struct { const char *name; const ObjClass *cls; } type_classes[] = {
    {"str", &str_class},     {"list", &list_class},   {"tuple", &tuple_class},
    {"dict", &dict_class},   {"range", &range_class}, {"Tensor", &tensor_class},
    {NULL, NULL},
};

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    NULL,
};

static const ObjClass *type_class_named(const char *name) {
    for (int i = 0; type_classes[i].name; i++)
        if (!strcmp(type_classes[i].name, name)) return type_classes[i].cls;
    return NULL;
}

/* (value.h's IS_A cannot be used: its parameter `cls` shadows the member name.) */
static bool has_class(Value v, const ObjClass *c) { return IS_OBJ(v) && AS_OBJ(v)->cls == c; }
static bool is_tensor(Value v) { return has_class(v, &tensor_class); }

static bool is_callable(Value v) {
    if (!IS_OBJ(v)) return false;
    const ObjClass *c = AS_OBJ(v)->cls;
    return c->call || c == &native_class || !strcmp(c->name, "function") || !strcmp(c->name, "type");
}

/* The table row documenting a builtin function, a native method or a type's constructor. */
static const MethodDef *native_def(Value v) {
    if (has_class(v, &native_class)) return ((Native *)AS_OBJ(v))->def;
    if (has_class(v, &type_class)) return ((TypeObj *)AS_OBJ(v))->def;
    return NULL;
}

/* The class whose methods table documents instances: list for the type object `list`. */
static const ObjClass *type_obj_class(Value v) {
    return has_class(v, &type_class) ? ((TypeObj *)AS_OBJ(v))->cls : NULL;
}

static bool is_module(Value v) { return has_class(v, &module_class); }

static Value lookup_in(Module *m, const char *name, size_t len) {
    if (!m) return VAL_UNDEF;
    Str *s = str_intern(R->I, name, len);
    if (!s) { err_clear(R->I); return VAL_UNDEF; }
    Value v = module_get(m, s);
    obj_decref(&s->h);
    return v;
}

/* A global, a builtin, or an imported module by its own name. Returns a NEW reference or V_UNDEF. */
static Value lookup_global(const char *name, size_t len) {
    Interp *I = R->I;
    Value v = lookup_in(interp_main(I), name, len);
    if (IS_UNDEF(v)) v = lookup_in(interp_builtins(I), name, len);
    if (IS_UNDEF(v) && I->modules) {
        Str *s = str_intern(I, name, len);
        if (!s) { err_clear(I); return VAL_UNDEF; }
        v = dict_get_str(I->modules, s);
        obj_decref(&s->h);
        if (IS_ERR(v)) { err_clear(I); v = VAL_UNDEF; }
    }
    return val_incref(v);
}

/* Attribute `name` of v without side effects beyond the class's getattr. NEW reference or V_UNDEF. */
static Value lookup_attr(Value v, const char *name, size_t len) {
    Interp *I = R->I;
    if (is_module(v)) return val_incref(lookup_in((Module *)AS_OBJ(v), name, len));
    if (!IS_OBJ(v) || !AS_OBJ(v)->cls->getattr) return VAL_UNDEF;
    Str *s = str_intern(I, name, len);
    if (!s) { err_clear(I); return VAL_UNDEF; }
    Value r = AS_OBJ(v)->cls->getattr(I, v, s);
    obj_decref(&s->h);
    if (IS_ERR(r)) { err_clear(I); return VAL_UNDEF; }
    return r;
}

/* NAME(.NAME)* as a value; NEW reference or V_UNDEF. Evaluates nothing but lookups. */
static Value resolve_dotted(const char *expr, size_t len) {
    size_t i = 0;
    Value cur = VAL_UNDEF;
    bool first = true;
    while (i <= len) {
        size_t j = i;
        while (j < len && expr[j] != '.') j++;
        if (j == i) { val_decref(cur); return VAL_UNDEF; }
        for (size_t k = i; k < j; k++)
            if (!(isalnum((unsigned char)expr[k]) || expr[k] == '_' || (unsigned char)expr[k] >= 0x80)) {
                val_decref(cur);
                return VAL_UNDEF;
            }
        Value next = first ? lookup_global(expr + i, j - i) : lookup_attr(cur, expr + i, j - i);
        val_decref(cur);
        cur = next;
        first = false;
        if (IS_UNDEF(cur)) return VAL_UNDEF;
        i = j + 1;
    }
    return cur;
}

/* ---- tab completion ------------------------------------------------------------------ */

typedef struct { char **v; int n, cap; } Cands;
static Cands cands;
static int cand_next;

static void cands_clear(void) {
    for (int i = cand_next; i < cands.n; i++) free(cands.v[i]);
    cands.n = 0;
    cand_next = 0;
}

static void cand_add(const char *prefix, size_t plen, const char *name, const char *text, size_t tlen,
                     const char *suffix) {
    size_t nlen = strlen(name);
    if (plen + nlen < tlen || strncmp(text, prefix, plen < tlen ? plen : tlen) != 0) return;
    if (tlen > plen && strncmp(text + plen, name, tlen - plen) != 0) return;
    /* Hide _private names unless the user typed the underscore. */
    if (name[0] == '_' && !(tlen > plen && text[plen] == '_')) return;
    size_t n = plen + nlen + strlen(suffix) + 1;
    char *s = malloc(n);
    if (!s) return;
    snprintf(s, n, "%.*s%s%s", (int)plen, prefix, name, suffix);
    for (int i = 0; i < cands.n; i++)
        if (!strcmp(cands.v[i], s)) { free(s); return; }
    if (cands.n == cands.cap) {
        int nc = cands.cap ? cands.cap * 2 : 64;
        char **nv = realloc(cands.v, (size_t)nc * sizeof *nv);
        if (!nv) { free(s); return; }
        cands.v = nv;
        cands.cap = nc;
    }
    cands.v[cands.n++] = s;
}

static void cand_methods(const MethodDef *m, const char *prefix, size_t plen, const char *text, size_t tlen) {
    for (; m && m->name; m++) cand_add(prefix, plen, m->name, text, tlen, "(");
}

static void cand_module(Module *m, const char *prefix, size_t plen, const char *text, size_t tlen) {
    if (!m) return;
    for (int i = 0; i < m->nslots; i++) {
        if (IS_UNDEF(m->slots[i]) || !m->slot_names[i]) continue;
        cand_add(prefix, plen, str_cstr(m->slot_names[i]), text, tlen, is_callable(m->slots[i]) ? "(" : "");
    }
}

/* instances and classes written in ag: their attributes and methods */
typedef struct { const char *prefix, *text; size_t plen, tlen; } AttrCtx;
static void cand_class_attr(void *ctx, Str *name, Value val) {
    AttrCtx *a = ctx;
    cand_add(a->prefix, a->plen, str_cstr(name), a->text, a->tlen, is_callable(val) ? "(" : "");
}

static void cand_value_attrs(Value v, const char *prefix, size_t plen, const char *text, size_t tlen) {
    if (IS_INSTANCE(v) || IS_CLASS(v)) {
        AttrCtx a = {prefix, text, plen, tlen};
        cls_each_attr(v, cand_class_attr, &a);
        return;
    }
    if (is_module(v)) cand_module((Module *)AS_OBJ(v), prefix, plen, text, tlen);
    if (type_obj_class(v)) cand_methods(type_obj_class(v)->methods, prefix, plen, text, tlen);
    else if (IS_OBJ(v)) cand_methods(AS_OBJ(v)->cls->methods, prefix, plen, text, tlen);
    if (is_tensor(v)) {
        bool torch = AS_TENSOR(v)->flavor == FLAVOR_TORCH;
        for (int i = 0; tensor_attrs[i].name; i++) {
            const char *a = tensor_attrs[i].name;
            if (!torch && (!strcmp(a, "grad") || !strcmp(a, "requires_grad") || !strcmp(a, "grad_fn") ||
                           !strcmp(a, "is_leaf") || !strcmp(a, "data")))
                continue;
            cand_add(prefix, plen, a, text, tlen, "");
        }
    }
}

static void collect_code(const char *text) {
    size_t tlen = strlen(text);
    const char *dot = strrchr(text, '.');
    if (dot) {
        size_t plen = (size_t)(dot - text) + 1;
        Value v = resolve_dotted(text, plen - 1);
        if (!IS_UNDEF(v)) cand_value_attrs(v, text, plen, text, tlen);
        else {
            /* list.append, str.split: a type name's methods. */
            char name[64];
            if (plen - 1 < sizeof name) {
                memcpy(name, text, plen - 1);
                name[plen - 1] = 0;
                const ObjClass *c = type_class_named(name);
                if (c) cand_methods(c->methods, text, plen, text, tlen);
            }
        }
        val_decref(v);
        return;
    }
    for (int i = 0; keywords[i]; i++) {
        const char *k = keywords[i];
        bool bare = !strcmp(k, "True") || !strcmp(k, "False") || !strcmp(k, "None") || !strcmp(k, "pass") ||
                    !strcmp(k, "break") || !strcmp(k, "continue");
        cand_add("", 0, k, text, tlen, bare ? "" : " ");
    }
    cand_module(interp_main(R->I), "", 0, text, tlen);
    cand_module(interp_builtins(R->I), "", 0, text, tlen);
}

static const char *const commands[] = {":help", ":vars", ":tape", ":time", ":load", ":save", ":reset", ":quit", NULL};

static char *cand_gen(const char *text, int state) {
    (void)text;
    (void)state;
    if (cand_next < cands.n) return cands.v[cand_next++]; /* readline frees it */
    return NULL;
}

static char **repl_complete(const char *text, int start, int end) {
    rl_attempted_completion_over = 1; /* never fall back to file names */
    rl_completion_append_character = '\0';
    cands_clear();
    const char *line = rl_line_buffer;
    int lead = 0;
    while (lead < start && isspace((unsigned char)line[lead])) lead++;
    if (lead == start && start == end && (line[0] != ':' || R->in_entry)) {
        /* Tab on an empty (continuation) line indents. */
        rl_insert_text("    ");
        return NULL;
    }
    if (!R->in_entry && line[lead] == ':') {
        if (start <= lead + 1) {
            /* The command name (':' is a word break, so text lacks it). */
            for (int i = 0; commands[i]; i++)
                if (!strncmp(commands[i] + 1, text, strlen(text)))
                    cand_add("", 0, commands[i] + 1, text, strlen(text), " ");
            return rl_completion_matches(text, cand_gen);
        }
        if (!strncmp(line + lead, ":load", 5) || !strncmp(line + lead, ":save", 5)) {
            rl_completion_append_character = ' ';
            return rl_completion_matches(text, rl_filename_completion_function);
        }
    }
    collect_code(text);
    if (cands.n == 0) return NULL;
    return rl_completion_matches(text, cand_gen);
}

/* ---- reading lines ------------------------------------------------------------------- */

static void on_line(char *line) {
    R->line = line;
    R->got_line = true;
    rl_callback_handler_remove();
}

static int on_startup(void) {
    if (R->preindent[0]) rl_insert_text(R->preindent);
    return 0;
}

/* Bound to the bracketed-paste start sequence: readline's own handler inserts the block
 * (newlines included) into the line; we remember it was a paste and, if the block ends with
 * a newline, accept it at once, as the terminal's Enter inside the paste would. */
static int on_paste(int count, int key) {
    if (blank(rl_line_buffer) && rl_point == rl_end) {
        rl_delete_text(0, rl_end); /* pasted lines get no auto-indent */
        rl_point = 0;
    }
    int r = rl_bracketed_paste_begin(count, key);
    R->paste_seen = true;
    if (rl_point == rl_end && rl_end > 0 && (rl_line_buffer[rl_end - 1] == '\n' || rl_line_buffer[rl_end - 1] == '\r')) {
        int e = rl_end;
        while (e > 0 && (rl_line_buffer[e - 1] == '\n' || rl_line_buffer[e - 1] == '\r')) e--;
        rl_delete_text(e, rl_end);
        rl_point = rl_end;
        rl_redisplay();
        rl_newline(1, '\n');
    }
    return r;
}

/* Ctrl-D on a continuation line holding only its pre-indent is end of input, as on an
 * empty line (readline itself only sees EOF on a line with nothing in it). */
static int on_ctrl_d(int count, int key) {
    if (rl_end > 0 && rl_point == rl_end && blank(rl_line_buffer)) {
        rl_delete_text(0, rl_end);
        rl_point = 0;
        R->eof_line = true;
        return rl_newline(1, '\n');
    }
    return rl_delete(count, key);
}

/* One line. 1: *out is a malloc'd line; 0: end of input; -1: Ctrl-C discarded the line. */
static int read_line_tty(const char *prompt, char **out) {
    R->got_line = false;
    R->line = NULL;
    R->paste_seen = false;
    R->eof_line = false;
    rl_callback_handler_install(prompt, on_line);
    while (!R->got_line) {
        if (ag_interrupted) goto interrupted;
        /* Readline may already hold typeahead it read in bulk (fast typing, a paste after an
         * escape sequence): consume that before waiting on the terminal, or it waits forever. */
        if (rl_pending_input || _rl_pushed_input_available()) {
            rl_callback_read_char();
            continue;
        }
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream), &fds);
        int n = select(fileno(rl_instream) + 1, &fds, NULL, NULL, NULL);
        if (n < 0) {
            if (errno == EINTR) continue; /* the flag is checked at the loop top */
            rl_callback_handler_remove();
            return 0;
        }
        rl_callback_read_char();
    }
    if (R->eof_line) {
        free(R->line);
        R->line = NULL;
    }
    *out = R->line;
    return R->line ? 1 : 0;
interrupted:
    ag_interrupted = 0;
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_cleanup_after_signal();
    rl_callback_handler_remove();
    fputs("\n", rl_outstream);
    fflush(rl_outstream);
    return -1;
}

static int read_line_plain(char **out) {
    char *buf = NULL;
    size_t cap = 0;
    errno = 0;
    ssize_t n = getline(&buf, &cap, stdin);
    if (n < 0) {
        free(buf);
        if (errno == EINTR || ag_interrupted) {
            clearerr(stdin);
            ag_interrupted = 0;
            return -1;
        }
        return 0;
    }
    if (n > 0 && buf[n - 1] == '\n') buf[--n] = 0;
    if (n > 0 && buf[n - 1] == '\r') buf[--n] = 0;
    *out = buf;
    return 1;
}

/* ---- the session log (:save) ---------------------------------------------------------- */

static void log_entry(const char *text, size_t len) {
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
    if (len == 0) return;
    sb_putn(&R->log, text, len);
    sb_putc(&R->log, '\n');
    /* A compound entry is followed by a blank line, as it would be typed. */
    if (memchr(text, '\n', len)) sb_putc(&R->log, '\n');
    R->nlogged++;
}

/* ---- colon commands ------------------------------------------------------------------- */

static void print_def(const char *qual, const MethodDef *d) {
    if (qual && !strchr(d->sig ? d->sig : "", '.'))
        printf("%s.%s\n", qual, d->sig ? d->sig : d->name);
    else
        printf("%s\n", d->sig ? d->sig : d->name);
    printf("    %s\n", d->doc && *d->doc ? d->doc : "(no description)");
}

static void help_list_methods(const char *qual, const MethodDef *m) {
    for (; m && m->name; m++) {
        if (m->name[0] == '_') continue;
        printf("  %-32s %s\n", m->sig ? m->sig : m->name, m->doc ? m->doc : "");
        (void)qual;
    }
}

static void help_module(const char *name, Module *m) {
    printf("module %s\n", name);
    for (int i = 0; i < m->nslots; i++) {
        if (IS_UNDEF(m->slots[i]) || !m->slot_names[i]) continue;
        const char *n = str_cstr(m->slot_names[i]);
        if (n[0] == '_') continue;
        const MethodDef *d = native_def(m->slots[i]);
        if (d) printf("  %-32s %s\n", d->sig ? d->sig : n, d->doc ? d->doc : "");
        else printf("  %-32s (%s)\n", n, val_type_name(m->slots[i]));
    }
}

static void help_value(const char *name, Value v);

/* A class written in ag (or one of its instances): its docstring, then its methods. */
typedef struct { const char *name; int n; } HelpCtx;
static void help_class_attr(void *ctx, Str *attr, Value val) {
    HelpCtx *h = ctx;
    const char *a = str_cstr(attr);
    if (!has_class(val, &func_class) || (a[0] == '_' && strcmp(a, "__init__") != 0)) return;
    if (h->n++ == 0) printf("methods:\n");
    char q[256];
    snprintf(q, sizeof q, "  %s.%s", h->name, a);
    help_value(q, val);
}
static void help_class(const char *name, Value v) {
    Value klass = IS_INSTANCE(v) ? cls_type_of(v) : v;
    const char *cname = str_cstr(((ClassObj *)AS_OBJ(klass))->name);
    if (IS_INSTANCE(v)) printf("%s: an instance of class %s\n", name, cname);
    else printf("class %s\n", cname);
    Str *doc = cls_doc(klass);
    if (doc) {
        const char *d = str_cstr(doc);
        while (isspace((unsigned char)*d)) d++;
        const char *e = strchr(d, '\n');
        printf("    %.*s\n", e ? (int)(e - d) : (int)strlen(d), d);
    }
    HelpCtx h = {cname, 0};
    cls_each_attr(klass, help_class_attr, &h);
}

static void help_value(const char *name, Value v) {
    const MethodDef *d = native_def(v);
    if (d) {
        const char *dot = strrchr(name, '.');
        char qual[128] = "";
        if (dot && (size_t)(dot - name) < sizeof qual) snprintf(qual, sizeof qual, "%.*s", (int)(dot - name), name);
        print_def(qual[0] ? qual : NULL, d);
        return;
    }
    if (is_module(v)) { help_module(name, (Module *)AS_OBJ(v)); return; }
    if (has_class(v, &func_class)) {
        /* A function written in ag (the user's, or the stdlib's): its parameters and docstring. */
        Func *f = (Func *)AS_OBJ(v);
        printf("%s(", name);
        int npos = f->nparams - f->nkwonly;
        Str *star = f->node && f->node->kind == N_DEF ? f->node->u.def.vararg
                    : f->node && f->node->kind == N_LAMBDA ? f->node->u.lambda.vararg : NULL;
        for (int i = 0; i < f->nparams; i++) {
            if (i == npos) printf("%s*%s", i ? ", " : "", star ? str_cstr(star) : ""); /* keyword-only from here */
            printf("%s%s", i || i == npos ? ", " : "", str_cstr(f->params[i].name));
            if (f->defaults && !IS_UNDEF(f->defaults[i])) {
                StrBuf sb;
                sb_init(&sb);
                if (val_repr(R->I, &sb, f->defaults[i])) printf("=%s", sb_text(&sb));
                else err_clear(R->I);
                sb_free(&sb);
            }
        }
        if (star && f->nkwonly == 0) printf("%s*%s", f->nparams ? ", " : "", str_cstr(star));
        printf(")\n");
        if (f->doc) {
            const char *d = str_cstr(f->doc);
            while (isspace((unsigned char)*d)) d++;
            const char *e = strchr(d, '\n');
            printf("    %.*s\n", e ? (int)(e - d) : (int)strlen(d), d);
        } else {
            printf("    (a function written in ag; no docstring)\n");
        }
        return;
    }
    if (IS_A(v, cls_method_class)) { help_value(name, cls_method_func(v)); return; }
    if (IS_CLASS(v) || IS_INSTANCE(v)) { help_class(name, v); return; }
    printf("%s: %s\n", name, val_type_name(v));
    if (IS_OBJ(v) && AS_OBJ(v)->cls->methods && !is_callable(v)) {
        printf("methods:\n");
        help_list_methods(name, AS_OBJ(v)->cls->methods);
    }
}

static bool help_method_of(const char *qual, const ObjClass *cls, const char *attr) {
    for (const MethodDef *m = cls ? cls->methods : NULL; m && m->name; m++)
        if (!strcmp(m->name, attr)) { print_def(qual, m); return true; }
    if (cls == &tensor_class)
        for (int i = 0; tensor_attrs[i].name; i++)
            if (!strcmp(tensor_attrs[i].name, attr)) {
                printf("%s.%s\n    %s\n", qual, attr, tensor_attrs[i].doc);
                return true;
            }
    return false;
}

static void cmd_help_list(void) {
    puts("Commands:\n"
         "  :help [NAME]   this list, or the signature and description of NAME\n"
         "                 (print, list.append, torch.tensor, np.dot, x.backward, ...)\n"
         "  :vars          your variables with their types and values\n"
         "  :tape [EXPR]   the autodiff tape that produced a tensor\n"
         "  :time STMT     run STMT and show how long it took\n"
         "  :load FILE     run FILE in this session\n"
         "  :save FILE     write this session's successful inputs as a script\n"
         "  :reset         forget every variable\n"
         "  :quit          leave (Ctrl-D on an empty line does too)\n"
         "Keys: Tab completes names, Ctrl-C interrupts running code or discards the input,\n"
         "Up/Down walk the history. A compound statement ends with a blank line; pasted\n"
         "blocks run as they would from a file.");
}

static void cmd_help(const char *arg) {
    if (!*arg) { cmd_help_list(); return; }
    size_t len = strlen(arg);
    while (len && isspace((unsigned char)arg[len - 1])) len--;
    char *name = strndup(arg, len);
    if (!name) return;
    if (name[0] == ':') {
        cmd_help_list();
        free(name);
        return;
    }
    for (int i = 0; keywords[i]; i++)
        if (!strcmp(keywords[i], name)) {
            printf("%s is a keyword of the language (as in Python)\n", name);
            free(name);
            return;
        }
    char *dot = strrchr(name, '.');
    if (dot) {
        *dot = 0;
        const char *attr = dot + 1;
        bool done = false;
        Value base = resolve_dotted(name, strlen(name));
        /* A method or attribute read through a value (x.backward, w.grad) is documented by its
         * class's row, not by whatever the attribute holds right now. */
        if (type_obj_class(base))
            done = help_method_of(name, type_obj_class(base), attr);
        else if (!IS_UNDEF(base) && IS_OBJ(base) && !is_module(base))
            done = help_method_of(name, AS_OBJ(base)->cls, attr);
        if (!done && !is_module(base)) {
            const ObjClass *cls = type_class_named(name); /* list.append, str.split */
            if (cls) done = help_method_of(name, cls, attr);
        }
        if (!done && !IS_UNDEF(base)) {
            Value v = lookup_attr(base, attr, strlen(attr));
            if (!IS_UNDEF(v)) {
                *dot = '.';
                help_value(name, v);
                *dot = 0;
                done = true;
            }
            val_decref(v);
        }
        val_decref(base);
        if (!done) printf("no help for '%s.%s'\n", name, attr);
    } else {
        Value v = resolve_dotted(name, len);
        const ObjClass *cls = type_obj_class(v) ? type_obj_class(v) : type_class_named(name);
        if (!IS_UNDEF(v)) help_value(name, v);
        if (cls) {
            printf("%s methods:\n", name);
            help_list_methods(name, cls->methods);
        }
        if (IS_UNDEF(v) && !cls) printf("no help for '%s' (not a builtin or a defined name)\n", name);
        val_decref(v);
    }
    free(name);
}

static void cmd_vars(void) {
    Module *m = interp_main(R->I);
    int width = 4, shown = 0;
    for (int i = 0; i < m->nslots; i++) {
        if (IS_UNDEF(m->slots[i]) || !m->slot_names[i]) continue;
        int w = (int)m->slot_names[i]->len;
        if (w > width && w < 24) width = w;
    }
    for (int i = 0; i < m->nslots; i++) {
        Value v = m->slots[i];
        if (IS_UNDEF(v) || !m->slot_names[i]) continue;
        const char *n = str_cstr(m->slot_names[i]);
        if (!strcmp(n, "_") || !strncmp(n, "__", 2)) continue;
        StrBuf sb;
        sb_init(&sb);
        if (!val_repr(R->I, &sb, v)) {
            err_clear(R->I);
            sb_free(&sb);
            sb_puts(&sb, "<repr failed>");
        }
        /* One line, at most 60 characters (tensors print on several lines). */
        char shortr[80];
        size_t o = 0;
        bool space = false;
        for (const char *p = sb_text(&sb); *p && o < 60; p++) {
            char c = *p;
            if (c == '\n' || c == ' ' || c == '\t') {
                if (!space && o) shortr[o++] = ' ';
                space = true;
                continue;
            }
            space = false;
            shortr[o++] = c;
        }
        bool cut = o >= 60 && sb.len > 60;
        if (cut) {
            while (o > 0 && ((unsigned char)shortr[o - 1] & 0xC0) == 0x80) o--; /* not mid-character */
            if (o > 0 && ((unsigned char)shortr[o - 1] & 0xC0) == 0xC0) o--;
        }
        shortr[o] = 0;
        printf("%-*s  %-10s %s%s\n", width, n, val_type_name(v), shortr, cut ? "..." : "");
        sb_free(&sb);
        shown++;
    }
    if (!shown) puts("(no variables yet)");
}

static void cmd_reset(void) {
    Module *m = interp_main(R->I);
    for (int i = 0; i < m->nslots; i++) {
        if (IS_UNDEF(m->slots[i]) || !m->slot_names[i]) continue;
        if (!strncmp(str_cstr(m->slot_names[i]), "__", 2)) continue;
        Value old = m->slots[i];
        m->slots[i] = VAL_UNDEF;
        val_decref(old);
    }
    sb_free(&R->log);
    R->nlogged = 0;
    puts("all variables cleared");
}

static char *read_whole(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
        if (cap - n < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    int e = ferror(f) ? errno : 0;
    fclose(f);
    if (buf && e) { free(buf); buf = NULL; errno = e; }
    if (buf) { buf[n] = 0; *len = n; }
    return buf;
}

static void cmd_load(const char *path) {
    if (!*path) { fputs(":load needs a FILE\n", stderr); return; }
    size_t len;
    char *text = read_whole(path, &len);
    if (!text) { fprintf(stderr, "cannot read '%s': %s\n", path, strerror(errno)); return; }
    RunStatus st = interp_exec(R->I, path, text, len, EXEC_FILE);
    fflush(stdout);
    if (st == RUN_OK) {
        sb_printf(&R->log, "# :load %s\n", path);
        log_entry(text, len);
    }
    free(text);
}

static void cmd_save(const char *path) {
    if (!*path) { fputs(":save needs a FILE\n", stderr); return; }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) return;
    snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "cannot write '%s': %s\n", path, strerror(errno));
        free(tmp);
        return;
    }
    const char *d = sb_text(&R->log);
    size_t n = R->log.len, off = 0;
    bool ok = true;
    while (off < n) {
        ssize_t w = write(fd, d + off, n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { ok = false; break; }
        off += (size_t)w;
    }
    int e = errno;
    if (ok && fsync(fd) != 0) { ok = false; e = errno; }
    if (close(fd) != 0 && ok) { ok = false; e = errno; }
    if (ok) {
        /* mkstemp makes the file 0600; a script is usually 0644 (less the umask). */
        mode_t um = umask(0);
        umask(um);
        chmod(tmp, 0666 & ~um);
    }
    if (ok && rename(tmp, path) != 0) { ok = false; e = errno; }
    if (!ok) {
        unlink(tmp);
        fprintf(stderr, "cannot write '%s': %s\n", path, strerror(e));
    } else {
        printf("saved %d %s to %s\n", R->nlogged, R->nlogged == 1 ? "entry" : "entries", path);
    }
    free(tmp);
}

static void cmd_time(const char *stmt) {
    if (!*stmt) { fputs(":time needs a statement, e.g. :time sum(range(10**6))\n", stderr); return; }
    size_t len = strlen(stmt);
    char *text = malloc(len + 3);
    if (!text) return;
    memcpy(text, stmt, len);
    memcpy(text + len, "\n\n", 3); /* a one-line compound statement is complete */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    RunStatus st = interp_exec(R->I, REPL_NAME, text, len + 2, EXEC_PASTE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fflush(stdout);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (st == RUN_INCOMPLETE) {
        fputs("SyntaxError: incomplete input\n", stderr);
    } else {
        if (ms < 1000) printf("%.3f ms\n", ms);
        else printf("%.3f s\n", ms / 1000);
        if (st == RUN_OK) log_entry(text, len + 1);
    }
    free(text);
}

static void cmd_tape(const char *expr) {
    if (repl_tape_hook) repl_tape_hook(R->I, expr);
    else puts(":tape is not available yet");
}

/* A line starting with ':' at the primary prompt. */
static void run_command(const char *line) {
    while (isspace((unsigned char)*line)) line++;
    const char *name = line + 1;
    size_t nlen = 0;
    while (name[nlen] && !isspace((unsigned char)name[nlen])) nlen++;
    const char *arg = name + nlen;
    while (isspace((unsigned char)*arg)) arg++;
    /* Trailing blanks are not part of a file name. */
    char *a = strdup(arg);
    if (!a) return;
    size_t al = strlen(a);
    while (al && isspace((unsigned char)a[al - 1])) a[--al] = 0;
#define IS(s) (nlen == strlen(s) && !strncmp(name, s, nlen))
    if (IS("help") || IS("h") || IS("?")) cmd_help(a);
    else if (IS("vars")) cmd_vars();
    else if (IS("time")) cmd_time(a);
    else if (IS("load")) cmd_load(a);
    else if (IS("save")) cmd_save(a);
    else if (IS("reset")) cmd_reset();
    else if (IS("tape")) cmd_tape(a);
    else if (IS("quit") || IS("q") || IS("exit")) R->quit = true;
    else fprintf(stderr, "unknown command ':%.*s' (:help lists the commands)\n", (int)nlen, name);
#undef IS
    free(a);
    fflush(stdout);
}

/* ---- entries -------------------------------------------------------------------------- */

static void entry_reset(void) {
    sb_free(&R->entry);
    R->in_entry = false;
    R->entry_pasted = false;
    R->preindent[0] = 0;
}

/* The next continuation line starts at the last line's indentation, one level deeper after ':'. */
static void set_preindent(const char *line) {
    R->preindent[0] = 0;
    if (R->entry_pasted || !R->tty) return;
    size_t n = 0;
    while ((line[n] == ' ' || line[n] == '\t') && n < MAX_PREINDENT - 4) n++;
    memcpy(R->preindent, line, n);
    size_t e = strlen(line);
    while (e > 0 && isspace((unsigned char)line[e - 1])) e--;
    if (e > 0 && line[e - 1] == ':') {
        memcpy(R->preindent + n, "    ", 4);
        n += 4;
    }
    R->preindent[n] = 0;
}

/* Normalise a pasted block: "\r\n" and lone "\r" become "\n". In place. */
static void normalise_newlines(char *s) {
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '\r') {
            *w++ = '\n';
            if (p[1] == '\n') p++;
        } else {
            *w++ = *p;
        }
    }
    *w = 0;
}

/* Feed one line (typed, or a pasted block). */
static void feed(char *line, bool pasted) {
    if (pasted) normalise_newlines(line);
    if (!R->in_entry) {
        if (blank(line)) return;
        if (!pasted && line[strspn(line, " \t")] == ':') {
            hist_add(line);
            run_command(line);
            return;
        }
    }
    if (pasted) {
        R->entry_pasted = true;
        sb_puts(&R->entry, line);
        /* The end of a pasted block ends its compound statements, as the end of a file does:
         * say so with a blank last line (the parser's REPL rule). Inside a bracket or string
         * the entry stays incomplete and continues. */
        sb_puts(&R->entry, "\n\n");
    } else {
        /* A whitespace-only typed line is a blank line: it ends the compound statement. */
        if (!blank(line)) sb_puts(&R->entry, line);
        sb_putc(&R->entry, '\n');
    }
    if (R->entry.oom) {
        fputs("MemoryError: input too long\n", stderr);
        entry_reset();
        return;
    }
    RunStatus st = interp_exec(R->I, REPL_NAME, sb_text(&R->entry), R->entry.len,
                               R->entry_pasted ? EXEC_PASTE : EXEC_REPL);
    fflush(stdout);
    fflush(stderr);
    if (st == RUN_INCOMPLETE) {
        R->in_entry = true;
        set_preindent(line);
        return;
    }
    if (st == RUN_EXIT) R->quit = true; /* exit() / sys.exit() leave the REPL */
    /* History holds the entry without its closing blank line. */
    size_t n = R->entry.len;
    const char *t = sb_text(&R->entry);
    while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' ' || t[n - 1] == '\t')) n--;
    char *h = strndup(t, n);
    if (h) {
        hist_add(h);
        free(h);
    }
    if (st == RUN_OK) log_entry(t, R->entry.len);
    entry_reset();
}

/* ---- the loop ------------------------------------------------------------------------- */

static void setup_readline(void) {
    rl_readline_name = "agrepl";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
    rl_instream = stdin;
    rl_outstream = stdout;
    rl_initialize();
    const char *term = getenv("TERM");
    if (term && *term && strcmp(term, "dumb") != 0) rl_variable_bind("enable-bracketed-paste", "on");
    rl_variable_bind("enable-active-region", "off");
    rl_bind_keyseq_in_map("\033[200~", on_paste, emacs_standard_keymap);
    rl_bind_keyseq_in_map("\033[200~", on_paste, vi_insertion_keymap);
    rl_bind_keyseq_in_map("\033[200~", on_paste, vi_movement_keymap);
    rl_startup_hook = on_startup;
    rl_bind_key_in_map(4, on_ctrl_d, emacs_standard_keymap); /* Ctrl-D */
    rl_bind_key_in_map(4, on_ctrl_d, vi_insertion_keymap);
    rl_attempted_completion_function = repl_complete;
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(,)[]+-*/%~^!:";
    rl_basic_word_break_characters = rl_completer_word_break_characters;
}

int repl_run(Interp *I, bool banner) {
    Repl repl;
    memset(&repl, 0, sizeof repl);
    repl.I = I;
    repl.tty = isatty(0) && isatty(1);
    sb_init(&repl.entry);
    sb_init(&repl.log);
    Repl *saved = R;
    R = &repl;

    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: select/getline return EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    ag_interrupted = 0;

    if (repl.tty) {
        setup_readline();
        hist_open();
        if (banner) {
            printf("agrepl 0.1 \xe2\x80\x94 ag with tensors and autodiff. :help for help, Ctrl-D to exit.\n");
            fflush(stdout);
        }
    }
    while (!repl.quit) {
        char *line = NULL;
        int r = repl.tty ? read_line_tty(repl.in_entry ? "... " : ">>> ", &line) : read_line_plain(&line);
        if (r < 0) { /* Ctrl-C while editing: drop the whole entry */
            entry_reset();
            continue;
        }
        if (r == 0) {
            if (repl.in_entry && repl.tty) { /* Ctrl-D on a continuation line: drop the entry */
                if (!repl.eof_line) fputs("\n", stdout);
                entry_reset();
                continue;
            }
            if (repl.tty && !repl.eof_line) fputs("\n", stdout);
            break;
        }
        bool pasted = repl.tty && (repl.paste_seen || strchr(line, '\n'));
        feed(line, pasted);
        free(line);
    }
    fflush(stdout);
    if (repl.tty) {
        hist_close();
        rl_callback_handler_remove();
    }
    cands_clear();
    free(cands.v);
    cands.v = NULL;
    cands.cap = 0;
    sb_free(&repl.entry);
    sb_free(&repl.log);
    sigaction(SIGINT, &old, NULL);
    R = saved;
    return 0;
}
