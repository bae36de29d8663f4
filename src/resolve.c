/* resolve.c — names to slots: locals, cells, free variables, globals (prefix resolve_).
 *
 * Three passes over a scope tree built from the Ast:
 *  1. walk the tree, creating a scope per function/lambda/comprehension and recording in it
 *     every symbol (parameter, bound, used, global, nonlocal) and every N_NAME node;
 *  2. give each function-local symbol a slot (parameters first), then resolve every name
 *     that is neither local nor global through the enclosing functions, marking the
 *     binding there as a cell and threading free variables through the scopes in between;
 *  3. patch the N_NAME nodes and fill the FuncInfo of each scope. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "resolve.h"
#include "mem.h"

enum { S_PARAM = 1, S_BOUND = 2, S_USED = 4, S_GLOBAL = 8, S_NONLOCAL = 16, S_CELL = 32 };
/* SK_CLASS: a class body. Its names are slots like a function's while it runs, but scopes
 * nested in it do not see them (Python's rule): lookups from inside pass through it. */
enum { SK_MODULE, SK_FUNC, SK_COMP, SK_CLASS };

typedef struct Sym {
    Str *name;
    unsigned flags;
    int slot;      /* local slot, or -1 */
    int free_idx;  /* index in the scope's free list, or -1 */
    Span decl;     /* where a global/nonlocal declaration named it */
} Sym;

typedef struct RScope {
    struct RScope *parent, *next_all;
    int kind;
    FuncInfo *info;
    Sym *syms;
    int nsyms, capsyms;
    Node **names;
    int nnames, capnames;
    int nparams, vararg_slot, kwarg_slot, nlocals;
    /* free variables */
    Str **frees;
    int *free_index;
    bool *free_from_free;
    int nfree, capfree, capfree_index, capfree_from; /* one capacity each: a failed grow leaves them apart */
} RScope;

typedef struct R {
    Interp *I;
    Ast *ast;
    Module *mod;
    SyntaxDiag *diag;
    bool failed;
    bool oom;
    RScope *all, *last;
    int loop_depth;
} R;

static bool grow(void **p, int *cap, int need, size_t elsize) {
    if (need <= *cap) return true;
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < need) ncap *= 2;
    void *q = mem_realloc(*p, (size_t)*cap * elsize, (size_t)ncap * elsize);
    if (!q) return false;
    *p = q;
    *cap = ncap;
    return true;
}

__attribute__((format(printf, 3, 4)))
static void syntax_error(R *r, Span span, const char *fmt, ...) {
    if (r->failed) return;
    r->failed = true;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    r->diag->kind = EXC_SyntaxError;
    r->diag->span = span;
    r->diag->msg = mem_strndup(buf, strlen(buf));
    if (!r->diag->msg) r->oom = true;
}

static RScope *scope_new(R *r, RScope *parent, int kind, FuncInfo *info) {
    RScope *s = mem_calloc(1, sizeof *s);
    if (!s) { r->oom = true; return NULL; }
    s->parent = parent;
    s->kind = kind;
    s->info = info;
    s->vararg_slot = -1;
    s->kwarg_slot = -1;
    if (r->last) r->last->next_all = s; else r->all = s;
    r->last = s;
    return s;
}

static Sym *sym_find(RScope *s, Str *name) {
    for (int i = 0; i < s->nsyms; i++)
        if (s->syms[i].name == name || str_eq(s->syms[i].name, name)) return &s->syms[i];
    return NULL;
}

static Sym *sym_get(R *r, RScope *s, Str *name) {
    Sym *y = sym_find(s, name);
    if (y) return y;
    if (!grow((void **)&s->syms, &s->capsyms, s->nsyms + 1, sizeof(Sym))) { r->oom = true; return NULL; }
    y = &s->syms[s->nsyms++];
    y->name = name;
    y->flags = 0;
    y->slot = -1;
    y->free_idx = -1;
    return y;
}

static void add_name_node(R *r, RScope *s, Node *n) {
    if (!grow((void **)&s->names, &s->capnames, s->nnames + 1, sizeof(Node *))) { r->oom = true; return; }
    s->names[s->nnames++] = n;
}

static void mark(R *r, RScope *s, Str *name, unsigned flag) {
    if (s->kind == SK_MODULE) return;
    Sym *y = sym_get(r, s, name);
    if (y) y->flags |= flag;
}

/* ---- pass 1: collect ------------------------------------------------------------- */
static void visit_expr(R *r, RScope *s, Node *n);
static void visit_stmts(R *r, RScope *s, NodeList *l);

static void visit_target(R *r, RScope *s, Node *n) {
    if (!n) return;
    switch (n->kind) {
    case N_NAME:
        mark(r, s, n->u.name.id, S_BOUND);
        add_name_node(r, s, n);
        break;
    case N_TUPLE: case N_LIST:
        for (int i = 0; i < n->u.seq.elts.n; i++) visit_target(r, s, n->u.seq.elts.items[i]);
        break;
    case N_STARRED:
        visit_target(r, s, n->u.starred.value);
        break;
    default: /* x.attr, x[i]: the object and index are reads */
        visit_expr(r, s, n);
        break;
    }
}

static void visit_params(R *r, RScope *fs, int nparams, Param *params, Str *vararg, Str *kwarg) {
    for (int i = 0; i < nparams; i++) {
        Sym *y = sym_find(fs, params[i].name);
        if (y) { syntax_error(r, params[i].span, "duplicate argument '%s' in function definition", str_cstr(params[i].name)); return; }
        y = sym_get(r, fs, params[i].name);
        if (!y) return;
        y->flags |= S_PARAM | S_BOUND;
    }
    fs->nparams = nparams;
    if (vararg) {
        Sym *y = sym_find(fs, vararg);
        if (y) { syntax_error(r, params ? params[0].span : (Span){1, 1, 1, 2}, "duplicate argument '%s' in function definition", str_cstr(vararg)); return; }
        y = sym_get(r, fs, vararg);
        if (!y) return;
        y->flags |= S_PARAM | S_BOUND;
        fs->vararg_slot = nparams;
    }
    if (kwarg) {
        /* added right after the parameters and *args: its slot is the next one */
        Sym *y = sym_get(r, fs, kwarg);
        if (!y) return;
        y->flags |= S_PARAM | S_BOUND;
        fs->kwarg_slot = nparams + (vararg != NULL);
    }
}

static void visit_comp(R *r, RScope *s, Node *n) {
    Comprehension *g = n->u.comp.gens;
    if (n->u.comp.ngen <= 0) return;
    /* the first iterable is evaluated in the enclosing scope */
    visit_expr(r, s, g[0].iter);
    RScope *cs = scope_new(r, s, SK_COMP, &n->u.comp.info);
    if (!cs) return;
    for (int i = 0; i < n->u.comp.ngen; i++) {
        if (i > 0) visit_expr(r, cs, g[i].iter);
        visit_target(r, cs, g[i].target);
        for (int j = 0; j < g[i].ifs.n; j++) visit_expr(r, cs, g[i].ifs.items[j]);
    }
    if (n->u.comp.key) visit_expr(r, cs, n->u.comp.key);
    visit_expr(r, cs, n->u.comp.elt);
}

static void visit_expr(R *r, RScope *s, Node *n) {
    if (!n || r->failed || r->oom) return;
    switch (n->kind) {
    case N_CONST: break;
    case N_NAME:
        mark(r, s, n->u.name.id, S_USED);
        add_name_node(r, s, n);
        break;
    case N_FSTRING:
        for (int i = 0; i < n->u.fstring.nparts; i++) {
            visit_expr(r, s, n->u.fstring.parts[i].expr);
            visit_expr(r, s, n->u.fstring.parts[i].spec);
        }
        break;
    case N_BINOP: visit_expr(r, s, n->u.binop.left); visit_expr(r, s, n->u.binop.right); break;
    case N_UNOP: visit_expr(r, s, n->u.unop.operand); break;
    case N_BOOLOP: visit_expr(r, s, n->u.boolop.left); visit_expr(r, s, n->u.boolop.right); break;
    case N_COMPARE:
        for (int i = 0; i <= n->u.compare.n; i++) visit_expr(r, s, n->u.compare.operands[i]);
        break;
    case N_CALL:
        visit_expr(r, s, n->u.call.func);
        for (int i = 0; i < n->u.call.args.n; i++) visit_expr(r, s, n->u.call.args.items[i]);
        for (int i = 0; i < n->u.call.nkw; i++) visit_expr(r, s, n->u.call.kws[i].value);
        visit_expr(r, s, n->u.call.star);
        break;
    case N_ATTR: visit_expr(r, s, n->u.attr.obj); break;
    case N_SUBSCRIPT: visit_expr(r, s, n->u.subscript.obj); visit_expr(r, s, n->u.subscript.index); break;
    case N_SLICE:
        visit_expr(r, s, n->u.slice.lower);
        visit_expr(r, s, n->u.slice.upper);
        visit_expr(r, s, n->u.slice.step);
        break;
    case N_LIST: case N_TUPLE: case N_SET:
        for (int i = 0; i < n->u.seq.elts.n; i++) visit_expr(r, s, n->u.seq.elts.items[i]);
        break;
    case N_DICT:
        for (int i = 0; i < n->u.dict.n; i++) {
            visit_expr(r, s, n->u.dict.items[i].key);
            visit_expr(r, s, n->u.dict.items[i].value);
        }
        break;
    case N_IFEXP:
        visit_expr(r, s, n->u.ifexp.cond);
        visit_expr(r, s, n->u.ifexp.then);
        visit_expr(r, s, n->u.ifexp.else_);
        break;
    case N_LISTCOMP: case N_DICTCOMP: case N_SETCOMP: case N_GENEXP: visit_comp(r, s, n); break;
    case N_LAMBDA: {
        for (int i = 0; i < n->u.lambda.nparams; i++) visit_expr(r, s, n->u.lambda.params[i].default_);
        RScope *fs = scope_new(r, s, SK_FUNC, &n->u.lambda.info);
        if (!fs) return;
        visit_params(r, fs, n->u.lambda.nparams, n->u.lambda.params, n->u.lambda.vararg, n->u.lambda.kwarg);
        int saved = r->loop_depth;
        r->loop_depth = 0;
        visit_expr(r, fs, n->u.lambda.body);
        r->loop_depth = saved;
        break;
    }
    case N_STARRED: visit_expr(r, s, n->u.starred.value); break;
    case N_NAMEDEXPR: {
        visit_expr(r, s, n->u.named.value);
        /* PEP 572: inside a comprehension the name belongs to the enclosing function (or the
         * module): the comprehension scope refers to it as nonlocal (or global) */
        RScope *t = s;
        while (t->kind == SK_COMP) t = t->parent;
        if (t == s) { visit_target(r, s, n->u.named.target); break; }
        Str *name = n->u.named.target->u.name.id;
        mark(r, t, name, S_BOUND);
        for (RScope *c = s; c != t; c = c->parent) {
            Sym *y = sym_get(r, c, name);
            if (!y) return;
            if ((y->flags & S_BOUND) && !(y->flags & (S_GLOBAL | S_NONLOCAL))) {
                syntax_error(r, n->u.named.target->span,
                             "assignment expression cannot rebind comprehension iteration variable '%s'", str_cstr(name));
                return;
            }
            y->flags |= t->kind == SK_MODULE ? S_GLOBAL : S_NONLOCAL;
        }
        add_name_node(r, s, n->u.named.target);
        break;
    }
    default: break;
    }
}

static void visit_decl(R *r, RScope *s, Node *n) {
    bool global = n->kind == N_GLOBAL;
    const char *what = global ? "global" : "nonlocal";
    for (int i = 0; i < n->u.global.n; i++) {
        Str *name = n->u.global.names[i];
        Span sp = n->u.global.name_nodes && n->u.global.name_nodes[i] ? n->u.global.name_nodes[i]->span : n->span;
        if (s->kind == SK_MODULE) {
            if (!global) { syntax_error(r, n->span, "nonlocal declaration not allowed at module level"); return; }
            continue;
        }
        Sym *y = sym_find(s, name);
        if (y) {
            if (y->flags & S_PARAM) { syntax_error(r, sp, "name '%s' is parameter and %s", str_cstr(name), what); return; }
            if (!global && (y->flags & S_GLOBAL)) { syntax_error(r, sp, "name '%s' is nonlocal and global", str_cstr(name)); return; }
            if (global && (y->flags & S_NONLOCAL)) { syntax_error(r, sp, "name '%s' is nonlocal and global", str_cstr(name)); return; }
            if (!(y->flags & (S_GLOBAL | S_NONLOCAL))) {
                if (y->flags & S_USED) { syntax_error(r, sp, "name '%s' is used prior to %s declaration", str_cstr(name), what); return; }
                if (y->flags & S_BOUND) { syntax_error(r, sp, "name '%s' is assigned to before %s declaration", str_cstr(name), what); return; }
            }
        }
        mark(r, s, name, global ? S_GLOBAL : S_NONLOCAL);
        Sym *d = sym_find(s, name);
        if (d) d->decl = sp;
    }
}

static void visit_stmt(R *r, RScope *s, Node *n) {
    if (!n || r->failed || r->oom) return;
    switch (n->kind) {
    case N_EXPR_STMT: visit_expr(r, s, n->u.expr_stmt.expr); break;
    case N_ASSIGN:
        visit_expr(r, s, n->u.assign.value);
        for (int i = 0; i < n->u.assign.ntargets; i++) visit_target(r, s, n->u.assign.targets[i]);
        break;
    case N_ANNASSIGN:
        /* annotations are evaluated at module and class level only, as Python's */
        if (s->kind == SK_MODULE || s->kind == SK_CLASS) visit_expr(r, s, n->u.annassign.annotation);
        visit_expr(r, s, n->u.annassign.value);
        visit_target(r, s, n->u.annassign.target);
        break;
    case N_AUGASSIGN:
        visit_expr(r, s, n->u.augassign.value);
        if (n->u.augassign.target->kind == N_NAME) mark(r, s, n->u.augassign.target->u.name.id, S_USED);
        visit_target(r, s, n->u.augassign.target);
        break;
    case N_DEF: {
        for (int i = 0; i < n->u.def.decos.n; i++) visit_expr(r, s, n->u.def.decos.items[i]);
        for (int i = 0; i < n->u.def.nparams; i++) visit_expr(r, s, n->u.def.params[i].default_);
        if (n->u.def.target) visit_target(r, s, n->u.def.target);
        else mark(r, s, n->u.def.name, S_BOUND);
        RScope *fs = scope_new(r, s, SK_FUNC, &n->u.def.info);
        if (!fs) return;
        visit_params(r, fs, n->u.def.nparams, n->u.def.params, n->u.def.vararg, n->u.def.kwarg);
        int saved = r->loop_depth;
        r->loop_depth = 0;
        visit_stmts(r, fs, &n->u.def.body);
        r->loop_depth = saved;
        break;
    }
    case N_CLASS: {
        for (int i = 0; i < n->u.class_.decos.n; i++) visit_expr(r, s, n->u.class_.decos.items[i]);
        for (int i = 0; i < n->u.class_.bases.n; i++) visit_expr(r, s, n->u.class_.bases.items[i]);
        visit_target(r, s, n->u.class_.target);
        RScope *cs = scope_new(r, s, SK_CLASS, &n->u.class_.info);
        if (!cs) return;
        int saved = r->loop_depth;
        r->loop_depth = 0;
        visit_stmts(r, cs, &n->u.class_.body);
        r->loop_depth = saved;
        break;
    }
    case N_RETURN:
        if (s->kind == SK_MODULE || s->kind == SK_CLASS) { syntax_error(r, n->span, "'return' outside function"); return; }
        visit_expr(r, s, n->u.ret.value);
        break;
    case N_IF:
        visit_expr(r, s, n->u.if_.cond);
        visit_stmts(r, s, &n->u.if_.body);
        visit_stmts(r, s, &n->u.if_.orelse);
        break;
    case N_FOR:
        visit_expr(r, s, n->u.for_.iter);
        visit_target(r, s, n->u.for_.target);
        r->loop_depth++;
        visit_stmts(r, s, &n->u.for_.body);
        r->loop_depth--;
        visit_stmts(r, s, &n->u.for_.orelse);
        break;
    case N_WHILE:
        visit_expr(r, s, n->u.while_.cond);
        r->loop_depth++;
        visit_stmts(r, s, &n->u.while_.body);
        r->loop_depth--;
        visit_stmts(r, s, &n->u.while_.orelse);
        break;
    case N_WITH:
        visit_expr(r, s, n->u.with.ctx);
        visit_target(r, s, n->u.with.target);
        visit_stmts(r, s, &n->u.with.body);
        break;
    case N_IMPORT:
        for (int i = 0; i < n->u.import.n; i++) {
            ImportName *in = &n->u.import.names[i];
            if (in->asname) { mark(r, s, in->asname, S_BOUND); continue; }
            /* import a.b binds a */
            const char *dot = strchr(str_cstr(in->name), '.');
            if (!dot) { mark(r, s, in->name, S_BOUND); continue; }
            Str *top = str_intern(r->I, str_cstr(in->name), (size_t)(dot - str_cstr(in->name)));
            if (!top) { r->oom = true; return; }
            ast_keep_str(r->ast, top);
            mark(r, s, top, S_BOUND);
        }
        break;
    case N_FROM_IMPORT:
        for (int i = 0; i < n->u.from_import.n; i++) {
            ImportName *in = &n->u.from_import.names[i];
            if (strcmp(str_cstr(in->name), "*") == 0) {
                if (s->kind != SK_MODULE) { syntax_error(r, in->span, "import * only allowed at module level"); return; }
                continue;
            }
            mark(r, s, in->asname ? in->asname : in->name, S_BOUND);
        }
        break;
    case N_GLOBAL: case N_NONLOCAL: visit_decl(r, s, n); break;
    case N_ASSERT: visit_expr(r, s, n->u.assert_.test); visit_expr(r, s, n->u.assert_.msg); break;
    case N_DEL:
        for (int i = 0; i < n->u.del.n; i++) visit_target(r, s, n->u.del.targets[i]);
        break;
    case N_TRY:
        visit_stmts(r, s, &n->u.try_.body);
        for (int i = 0; i < n->u.try_.nhandlers; i++) {
            Handler *h = &n->u.try_.handlers[i];
            visit_expr(r, s, h->type);
            visit_target(r, s, h->name); /* `as e` binds e here (and unbinds it after the handler) */
            visit_stmts(r, s, &h->body);
        }
        visit_stmts(r, s, &n->u.try_.orelse);
        visit_stmts(r, s, &n->u.try_.finalbody);
        break;
    case N_RAISE:
        visit_expr(r, s, n->u.raise.exc);
        visit_expr(r, s, n->u.raise.cause);
        break;
    case N_BREAK:
        if (r->loop_depth == 0) syntax_error(r, n->span, "'break' outside loop");
        break;
    case N_CONTINUE:
        if (r->loop_depth == 0) syntax_error(r, n->span, "'continue' not properly in loop");
        break;
    default: break;
    }
}

static void visit_stmts(R *r, RScope *s, NodeList *l) {
    for (int i = 0; i < l->n && !r->failed && !r->oom; i++) visit_stmt(r, s, l->items[i]);
}

/* ---- pass 2: slots and free variables --------------------------------------------- */
static bool is_local(const Sym *y) {
    return (y->flags & (S_BOUND | S_PARAM)) && !(y->flags & (S_GLOBAL | S_NONLOCAL));
}

static int add_free(R *r, RScope *s, Str *name, int idx, bool from_free) {
    for (int i = 0; i < s->nfree; i++)
        if (s->frees[i] == name) return i;
    if (!grow((void **)&s->frees, &s->capfree, s->nfree + 1, sizeof(Str *)) ||
        !grow((void **)&s->free_index, &s->capfree_index, s->nfree + 1, sizeof(int)) ||
        !grow((void **)&s->free_from_free, &s->capfree_from, s->nfree + 1, sizeof(bool))) {
        r->oom = true;
        return -1;
    }
    s->frees[s->nfree] = name;
    s->free_index[s->nfree] = idx;
    s->free_from_free[s->nfree] = from_free;
    return s->nfree++;
}

/* How scope `s` reaches `name` on behalf of an inner scope. Returns 0 global,
 * 1 local cell (*idx = slot), 2 free (*idx = index in s's free list), -1 OOM. */
static int lookup_for_child(R *r, RScope *s, Str *name, int *idx) {
    if (s->kind == SK_MODULE) return 0;
    /* a class body's own names are invisible to inner scopes: the enclosing binding is threaded through */
    Sym *y = s->kind == SK_CLASS ? NULL : sym_find(s, name);
    if (y) {
        if (is_local(y)) { y->flags |= S_CELL; *idx = y->slot; return 1; }
        if (y->flags & S_GLOBAL) return 0;
        if (y->free_idx >= 0) { *idx = y->free_idx; return 2; }
    }
    for (int i = 0; i < s->nfree; i++)
        if (s->frees[i] == name) { *idx = i; return 2; }
    int pidx = 0;
    int k = lookup_for_child(r, s->parent, name, &pidx);
    if (k <= 0) return k;
    int f = add_free(r, s, name, pidx, k == 2);
    if (f < 0) return -1;
    if (y) y->free_idx = f;
    *idx = f;
    return 2;
}

static void assign_slots(RScope *s) {
    if (s->kind == SK_MODULE) return;
    int n = 0;
    /* parameters were added first, in order, so they get slots 0..nparams(-1 +vararg) */
    for (int i = 0; i < s->nsyms; i++)
        if (is_local(&s->syms[i])) s->syms[i].slot = n++;
    s->nlocals = n;
}

static void resolve_frees(R *r, RScope *s) {
    if (s->kind == SK_MODULE) return;
    for (int i = 0; i < s->nsyms && !r->failed && !r->oom; i++) {
        Sym *y = &s->syms[i];
        if (is_local(y) || (y->flags & S_GLOBAL) || y->free_idx >= 0) continue;
        int idx = 0;
        int k = lookup_for_child(r, s->parent, y->name, &idx);
        if (k < 0) return;
        if (k == 0) {
            if (y->flags & S_NONLOCAL) {
                syntax_error(r, y->decl, "no binding for nonlocal '%s' found", str_cstr(y->name));
                return;
            }
            continue;
        }
        if ((y->flags & S_NONLOCAL) && s->parent->kind == SK_MODULE) {
            syntax_error(r, y->decl, "no binding for nonlocal '%s' found", str_cstr(y->name));
            return;
        }
        int f = add_free(r, s, y->name, idx, k == 2);
        if (f < 0) return;
        y->free_idx = f;
    }
}

/* ---- pass 3: patch names, fill FuncInfo ------------------------------------------- */
static int builtin_slot(Interp *I, Str *name) {
    if (!I->builtins || !I->builtins->index) return -1;
    /* globals() is bound to the calling module on the slow path (eval.c slow_global) */
    if (!strcmp(name->data, "globals")) return -1;
    Value v = dict_get_str(I->builtins->index, name);
    return IS_INT(v) ? (int)v.as.i : -1;
}

static void patch_global(R *r, Node *n) {
    int slot = module_slot(r->I, r->mod, n->u.name.id);
    if (slot < 0) { r->oom = true; return; }
    n->u.name.scope = SCOPE_GLOBAL;
    n->u.name.slot = slot;
    n->u.name.bslot = builtin_slot(r->I, n->u.name.id);
}

static void finish_scope(R *r, RScope *s) {
    for (int i = 0; i < s->nnames && !r->oom; i++) {
        Node *n = s->names[i];
        if (s->kind == SK_MODULE) { patch_global(r, n); continue; }
        Sym *y = sym_find(s, n->u.name.id);
        if (y && is_local(y)) {
            n->u.name.scope = (y->flags & S_CELL) ? SCOPE_CELL : SCOPE_LOCAL;
            n->u.name.slot = y->slot;
            n->u.name.bslot = -1;
        } else if (y && y->free_idx >= 0) {
            n->u.name.scope = SCOPE_FREE;
            n->u.name.slot = y->free_idx;
            n->u.name.bslot = -1;
        } else {
            patch_global(r, n);
        }
    }
    FuncInfo *fi = s->info;
    if (!fi) return;
    memset(fi, 0, sizeof *fi);
    fi->vararg_slot = -1;
    fi->kwarg_slot = -1;
    if (s->kind == SK_MODULE) return;
    fi->nparams = s->nparams;
    fi->vararg_slot = s->vararg_slot;
    fi->kwarg_slot = s->kwarg_slot;
    fi->nlocals = s->nlocals;
    fi->nfree = s->nfree;
    if (s->nlocals) {
        fi->is_cell = ast_alloc(r->ast, sizeof(bool) * (size_t)s->nlocals);
        fi->local_names = ast_alloc(r->ast, sizeof(Str *) * (size_t)s->nlocals);
        if (!fi->is_cell || !fi->local_names) { r->oom = true; return; }
        for (int i = 0; i < s->nsyms; i++) {
            Sym *y = &s->syms[i];
            if (y->slot < 0 || !is_local(y)) continue;
            fi->is_cell[y->slot] = (y->flags & S_CELL) != 0;
            fi->local_names[y->slot] = y->name;
        }
    }
    if (s->nfree) {
        fi->free_index = ast_alloc(r->ast, sizeof(int) * (size_t)s->nfree);
        fi->free_from_enclosing_free = ast_alloc(r->ast, sizeof(bool) * (size_t)s->nfree);
        fi->free_names = ast_alloc(r->ast, sizeof(Str *) * (size_t)s->nfree);
        if (!fi->free_index || !fi->free_from_enclosing_free || !fi->free_names) { r->oom = true; return; }
        for (int i = 0; i < s->nfree; i++) {
            fi->free_index[i] = s->free_index[i];
            fi->free_from_enclosing_free[i] = s->free_from_free[i];
            fi->free_names[i] = s->frees[i];
        }
    }
}

static void scopes_free(R *r) {
    RScope *s = r->all;
    while (s) {
        RScope *next = s->next_all;
        mem_free(s->syms, (size_t)s->capsyms * sizeof(Sym));
        mem_free(s->names, (size_t)s->capnames * sizeof(Node *));
        mem_free(s->frees, (size_t)s->capfree * sizeof(Str *));
        mem_free(s->free_index, (size_t)s->capfree_index * sizeof(int));
        mem_free(s->free_from_free, (size_t)s->capfree_from * sizeof(bool));
        mem_free(s, sizeof *s);
        s = next;
    }
    r->all = r->last = NULL;
}

bool resolve_ast(Interp *I, Ast *ast, Module *mod, SyntaxDiag *diag) {
    R r = {.I = I, .ast = ast, .mod = mod, .diag = diag};
    diag->msg = NULL;
    RScope *top = scope_new(&r, NULL, SK_MODULE, &ast->info);
    if (top) visit_stmts(&r, top, &ast->body);
    for (RScope *s = r.all; s && !r.failed && !r.oom; s = s->next_all) assign_slots(s);
    for (RScope *s = r.all; s && !r.failed && !r.oom; s = s->next_all) resolve_frees(&r, s);
    for (RScope *s = r.all; s && !r.failed && !r.oom; s = s->next_all) finish_scope(&r, s);
    scopes_free(&r);
    if (r.oom) {
        if (diag->msg) { mem_strfree(diag->msg); diag->msg = NULL; }
        err_nomem(I);
        return false;
    }
    return !r.failed;
}
