/* eval.c — the tree walker (prefix eval_), function objects, and the interp_ entry points.
 *
 * Statements return a Flow (next / break / continue / return / error); expressions return a
 * Value (VAL_ERR when an exception is pending). As an error leaves the innermost node that
 * failed, that node's span is recorded once per frame (err_add_trace); a call boundary
 * re-arms the recording for the caller's frame. */
#include <stdio.h>
#include <string.h>
#include <math.h>
#include "eval.h"
#include "class.h"
#include "exc.h"
#include "resolve.h"
#include "parser.h"
#include "diag.h"
#include "mem.h"

#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define LOCAL_BUF 12

typedef enum { FL_NEXT, FL_BREAK, FL_CONTINUE, FL_RETURN, FL_ERR } Flow;

typedef struct Frame {
    Interp *I;
    Value *locals;
    struct Cell **free;
    Module *mod;
    FuncInfo *info;
    Source *src;
    Str *fname;     /* for the call chain: "<module>" or the function's name */
    Str *qualname;  /* prefix for functions defined here; NULL at module level */
    Ast *ast;       /* the Ast being run at module level (kept alive if a function is made) */
    Value ret;
    bool echo;      /* REPL: print expression statements */
    bool is_class;  /* a class body: functions made here are its methods */
    Func *fn;       /* the function running (zero-argument super() reads its class and self), or NULL */
    Cell *class_cell; /* class bodies: the cell that receives the class (borrowed) */
    Dict *annotations; /* class bodies: `name: annotation` seen so far (becomes __annotations__), or NULL */
} Frame;

#define ES(I) ((EvalState *)(I)->eval_state)

static Value eval(Frame *F, Node *n);
static Flow exec_block(Frame *F, NodeList *body);
static Value call_func(Interp *I, Func *fn, int argc, const Value *argv, const KwArgs *kw);

/* ---- error positions ---------------------------------------------------------------- */
static void note(Frame *F, const Node *n) {
    Interp *I = F->I;
    if (!I->err.pending || I->err.located) return;
    err_add_trace(I, F->src, n->span, F->fname);
    I->err.located = true;
}

static inline void set_loc(Frame *F, const Node *n) {
    F->I->cur_src = F->src;
    F->I->cur_span = n->span;
}

static bool check_interrupt(Interp *I) {
    if (UNLIKELY(ag_interrupted)) {
        ag_interrupted = 0;
        err_raise(I, EXC_KeyboardInterrupt, "%s", "");
        return true;
    }
    if (UNLIKELY(I->step_budget) && --I->step_budget <= 0) { /* fuzzing: bounded runs; stays exhausted */
        I->step_budget = 1;
        err_raise(I, EXC_RuntimeError, "step budget exhausted");
        return true;
    }
    return false;
}

/* ---- suggestions (CPython 3.11 Python/suggestions.c) ------------------------------- */
#define MAX_CANDIDATE_ITEMS 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

static int substitution_cost(char a, char b) {
    if ((a & 31) != (b & 31)) return MOVE_COST;
    if (a == b) return 0;
    if ('A' <= a && a <= 'Z') a += 'a' - 'A';
    if ('A' <= b && b <= 'Z') b += 'a' - 'A';
    if (a == b) return CASE_COST;
    return MOVE_COST;
}

static size_t levenshtein(const char *a, size_t a_size, const char *b, size_t b_size, size_t max_cost) {
    size_t buffer[MAX_STRING_SIZE];
    if (a == b) return 0;
    while (a_size && b_size && a[0] == b[0]) { a++; a_size--; b++; b_size--; }
    while (a_size && b_size && a[a_size - 1] == b[b_size - 1]) { a_size--; b_size--; }
    if (a_size == 0 || b_size == 0) return (a_size + b_size) * MOVE_COST;
    if (a_size > MAX_STRING_SIZE || b_size > MAX_STRING_SIZE) return max_cost + 1;
    if (b_size < a_size) {
        const char *t = a; a = b; b = t;
        size_t ts = a_size; a_size = b_size; b_size = ts;
    }
    if ((b_size - a_size) * MOVE_COST > max_cost) return max_cost + 1;
    size_t tmp = MOVE_COST;
    for (size_t i = 0; i < a_size; i++) { buffer[i] = tmp; tmp += MOVE_COST; }
    size_t result = 0;
    for (size_t bi = 0; bi < b_size; bi++) {
        char code = b[bi];
        size_t distance = result = bi * MOVE_COST;
        size_t minimum = SIZE_MAX;
        for (size_t index = 0; index < a_size; index++) {
            size_t substitute = distance + substitution_cost(code, a[index]);
            distance = buffer[index];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            buffer[index] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

Str *eval_suggest(Str *name, Str *const *cands, int n) {
    if (n >= MAX_CANDIDATE_ITEMS) return NULL;
    size_t best_d = SIZE_MAX;
    Str *best = NULL;
    for (int i = 0; i < n; i++) {
        Str *item = cands[i];
        if (!item || strcmp(item->data, name->data) == 0) continue;
        size_t max_d = ((size_t)name->len + (size_t)item->len + 3) * MOVE_COST / 6;
        if (best_d != SIZE_MAX && best_d - 1 < max_d) max_d = best_d - 1;
        size_t d = levenshtein(name->data, (size_t)name->len, item->data, (size_t)item->len, max_d);
        if (d > max_d) continue;
        if (!best || d < best_d) { best = item; best_d = d; }
    }
    return best;
}

/* Bound slot names of a module, in slot order. */
static Str *suggest_in_module(Str *name, Module *m) {
    if (!m || m->nslots <= 0) return NULL;
    Str **c = mem_alloc(sizeof(Str *) * (size_t)m->nslots);
    if (!c) return NULL;
    int k = 0;
    for (int i = 0; i < m->nslots; i++)
        if (!IS_UNDEF(m->slots[i])) c[k++] = m->slot_names[i];
    Str *s = eval_suggest(name, c, k);
    mem_free(c, sizeof(Str *) * (size_t)m->nslots);
    return s;
}

static Value name_error(Frame *F, Str *name) {
    Interp *I = F->I;
    Str *s = NULL;
    if (F->info && F->info->nlocals) s = eval_suggest(name, F->info->local_names, F->info->nlocals);
    if (!s) s = suggest_in_module(name, F->mod);
    if (!s) s = suggest_in_module(name, I->builtins);
    if (s) return err_raise(I, EXC_NameError, "name '%s' is not defined. Did you mean: '%s'?", name->data, s->data);
    return err_raise(I, EXC_NameError, "name '%s' is not defined", name->data);
}

/* ---- function objects --------------------------------------------------------------- */
static void func_free(Obj *o) {
    Func *fn = (Func *)o;
    if (fn->prev) fn->prev->next = fn->next;
    if (fn->next) fn->next->prev = fn->prev;
    if (fn->defaults) {
        for (int i = 0; i < fn->nparams; i++) val_decref(fn->defaults[i]);
        mem_free(fn->defaults, sizeof(Value) * (size_t)fn->nparams);
    }
    if (fn->free) {
        for (int i = 0; i < fn->info->nfree; i++)
            if (fn->free[i]) obj_decref((Obj *)fn->free[i]);
        mem_free(fn->free, sizeof(Cell *) * (size_t)fn->info->nfree);
    }
    if (fn->class_cell) obj_decref((Obj *)fn->class_cell);
    if (fn->attrs) obj_decref((Obj *)fn->attrs);
    if (fn->name) obj_decref((Obj *)fn->name);
    if (fn->qualname) obj_decref((Obj *)fn->qualname);
    if (fn->src) src_decref(fn->src);
    obj_dealloc(o, sizeof(Func));
}

static bool func_repr(Interp *I, StrBuf *sb, Value self) {
    Func *fn = (Func *)AS_OBJ(self);
    sb_printf(sb, "<function %s at %p>", fn->qualname->data, (void *)fn);
    return true;
}

static Value func_getattr(Interp *I, Value self, Str *name) {
    Func *fn = (Func *)AS_OBJ(self);
    if (fn->attrs) {
        Value v = dict_get_str(fn->attrs, name);
        if (!IS_UNDEF(v)) return val_incref(v);
        if (strcmp(name->data, "__dict__") == 0) return val_incref(val_obj(fn->attrs));
    }
    if (strcmp(name->data, "__name__") == 0) return val_incref(val_obj(fn->name));
    if (strcmp(name->data, "__qualname__") == 0) return val_incref(val_obj(fn->qualname));
    if (strcmp(name->data, "__doc__") == 0) return fn->doc ? val_incref(val_obj(fn->doc)) : VAL_NONE;
    return VAL_UNDEF;
}

/* Functions take attributes, as Python's: __name__ and __qualname__ rename them (str only), any
 * other name (__doc__, __wrapped__, a counter) goes to their own dict. */
static bool func_setattr(Interp *I, Value self, Str *name, Value v) {
    Func *fn = (Func *)AS_OBJ(self);
    bool is_name = strcmp(name->data, "__name__") == 0, is_qual = strcmp(name->data, "__qualname__") == 0;
    if (is_name || is_qual) {
        if (!IS_A(v, str_class)) {
            err_raise(I, EXC_TypeError, "%s must be set to a string object", name->data);
            return false;
        }
        Str **slot = is_name ? &fn->name : &fn->qualname;
        obj_incref(AS_OBJ(v));
        obj_decref((Obj *)*slot);
        *slot = (Str *)AS_OBJ(v);
        return true;
    }
    if (!fn->attrs && !(fn->attrs = dict_new(I))) return false;
    Str *key = name->interned ? name : str_intern(I, name->data, (size_t)name->len);
    if (!key) return false;
    bool ok = dict_set(I, fn->attrs, val_obj(key), v);
    if (key != name) obj_decref((Obj *)key);
    return ok;
}

static Value func_call_slot(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    return call_func(I, (Func *)AS_OBJ(self), argc, argv, kw);
}

static bool func_hash(Interp *I, Value self, uint64_t *out) {
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}

/* what a function holds, for the cycle collector (gc.c) */
static void func_traverse(Obj *o, void (*visit)(Value, void *), void *ctx) {
    Func *fn = (Func *)o;
    if (fn->defaults)
        for (int i = 0; i < fn->nparams; i++) visit(fn->defaults[i], ctx);
    if (fn->free)
        for (int i = 0; i < fn->info->nfree; i++)
            if (fn->free[i]) visit(val_obj(fn->free[i]), ctx);
    if (fn->class_cell) visit(val_obj(fn->class_cell), ctx);
    if (fn->attrs) visit(val_obj(fn->attrs), ctx);
}

const ObjClass func_class = {
    .name = "function",
    .traverse = func_traverse,
    .free = func_free,
    .repr = func_repr,
    .getattr = func_getattr,
    .setattr = func_setattr,
    .call = func_call_slot,
    .hash = func_hash,
};

static bool keep_ast(Frame *F) {
    if (F->ast) {
        EvalState *es = ES(F->I);
        for (int i = es->nasts - 1; i >= 0; i--)
            if (es->asts[i] == F->ast) { F->ast = NULL; return true; }
        if (es->nasts == es->capasts) {
            int nc = es->capasts ? es->capasts * 2 : 16;
            Ast **na = mem_realloc(es->asts, sizeof(Ast *) * (size_t)es->capasts, sizeof(Ast *) * (size_t)nc);
            if (!na) return false; /* the frame still owns the ast; the caller drops its function */
            es->asts = na;
            es->capasts = nc;
        }
        es->asts[es->nasts++] = F->ast;
        F->ast = NULL;
    }
    return true;
}

/* Gather the cells an inner scope (function, lambda, comprehension) captures from F. */
static Cell **capture_cells(Frame *F, FuncInfo *fi) {
    if (fi->nfree == 0) return NULL;
    Cell **cells = mem_calloc((size_t)fi->nfree, sizeof(Cell *));
    if (!cells) { err_nomem(F->I); return NULL; }
    for (int i = 0; i < fi->nfree; i++) {
        Cell *c = fi->free_from_enclosing_free[i] ? F->free[fi->free_index[i]]
                                                  : (Cell *)AS_OBJ(F->locals[fi->free_index[i]]);
        obj_incref((Obj *)c);
        cells[i] = c;
    }
    return cells;
}

static Value make_func(Frame *F, Node *n) {
    Interp *I = F->I;
    bool is_def = n->kind == N_DEF;
    int np = is_def ? n->u.def.nparams : n->u.lambda.nparams;
    Param *params = is_def ? n->u.def.params : n->u.lambda.params;
    FuncInfo *fi = is_def ? &n->u.def.info : &n->u.lambda.info;
    Value *defaults = NULL;
    if (np > 0) {
        defaults = mem_alloc(sizeof(Value) * (size_t)np);
        if (!defaults) return err_nomem(I);
        for (int i = 0; i < np; i++) defaults[i] = VAL_UNDEF;
        for (int i = 0; i < np; i++) {
            if (!params[i].default_) continue;
            Value d = eval(F, params[i].default_);
            if (IS_ERR(d)) {
                for (int j = 0; j < i; j++) val_decref(defaults[j]);
                mem_free(defaults, sizeof(Value) * (size_t)np);
                return VAL_ERR;
            }
            defaults[i] = d;
        }
    }
    Func *fn = obj_new(I, &func_class, sizeof(Func));
    if (!fn) {
        for (int j = 0; j < np; j++) val_decref(defaults[j]);
        mem_free(defaults, sizeof(Value) * (size_t)np);
        return VAL_ERR;
    }
    fn->free = NULL;     /* obj_new does not zero: func_free must see these unset if we fail below */
    fn->qualname = NULL;
    fn->attrs = NULL;
    fn->class_cell = F->is_class ? F->class_cell : F->fn ? F->fn->class_cell : NULL;
    if (fn->class_cell) obj_incref((Obj *)fn->class_cell);
    fn->node = n;
    fn->info = fi;
    fn->nparams = np;
    fn->nkwonly = is_def ? n->u.def.nkwonly : n->u.lambda.nkwonly;
    fn->params = params;
    fn->defaults = defaults;
    fn->globals = F->mod;
    fn->src = F->src;
    src_incref(F->src);
    fn->name = is_def ? n->u.def.name : ES(I)->s_lambda;
    obj_incref((Obj *)fn->name);
    fn->doc = is_def ? n->u.def.doc : NULL;
    /* link first, so func_free can unlink whatever happens next */
    EvalState *es = ES(I);
    /* doubly linked through a sentinel, so func_free can unlink without the Interp */
    fn->prev = &es->funcs;
    fn->next = es->funcs.next;
    if (fn->next) fn->next->prev = fn;
    es->funcs.next = fn;
    fn->free = capture_cells(F, fi);
    if (fi->nfree && !fn->free) { obj_decref((Obj *)fn); return VAL_ERR; }
    if (F->qualname) {
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, F->is_class ? "%s.%s" : "%s.<locals>.%s", F->qualname->data, fn->name->data);
        Value q = sb_to_str(I, &sb);
        if (IS_ERR(q)) { obj_decref((Obj *)fn); return VAL_ERR; }
        fn->qualname = (Str *)AS_OBJ(q);
    } else {
        fn->qualname = fn->name;
        obj_incref((Obj *)fn->name);
    }
    if (!keep_ast(F)) { obj_decref((Obj *)fn); return err_nomem(I); }
    return val_obj(fn);
}

/* ---- argument binding ------------------------------------------------------------- */
/* CPython's missing_arguments: the unbound parameters among [from, to) that have no default. */
static Value missing_args(Interp *I, Func *fn, Value *locals, int from, int to, const char *kind) {
    int nm = 0;
    for (int i = from; i < to; i++)
        if (IS_UNDEF(locals[i]) && IS_UNDEF(fn->defaults[i])) nm++;
    StrBuf sb;
    sb_init(&sb);
    for (int i = from, k = 0; i < to; i++) {
        if (!IS_UNDEF(locals[i]) || !IS_UNDEF(fn->defaults[i])) continue;
        if (k > 0) sb_puts(&sb, nm == 2 ? " and " : (k == nm - 1 ? ", and " : ", "));
        sb_printf(&sb, "'%s'", fn->params[i].name->data);
        k++;
    }
    err_raise(I, EXC_TypeError, "%s() missing %d required %s argument%s: %s", fn->qualname->data, nm, kind,
              nm == 1 ? "" : "s", sb.data ? sb.data : "");
    sb_free(&sb);
    return VAL_ERR;
}

/* Fill locals[0..nparams] (+ *args) from a call, in CPython's order (positional, *args,
 * keywords, then the checks: too many positional, missing positional, missing keyword-only).
 * Values stored are new references. */
static bool bind_args(Interp *I, Func *fn, Value *locals, int argc, const Value *argv, const KwArgs *kw) {
    int nall = fn->nparams;
    int np = nall - fn->nkwonly; /* positional parameters */
    int vs = fn->info->vararg_slot;
    int npos = argc < np ? argc : np;
    for (int i = 0; i < npos; i++) locals[i] = val_incref(argv[i]);
    if (vs >= 0) {
        int extra = argc > np ? argc - np : 0;
        Tuple *t = tuple_new(I, extra);
        if (!t) return false;
        for (int i = 0; i < extra; i++) {
            val_decref(t->items[i]);
            t->items[i] = val_incref(argv[np + i]);
        }
        locals[vs] = val_obj(t);
    }
    int ks = fn->info->kwarg_slot;
    Dict *extra_kw = NULL;
    if (ks >= 0) {
        if (!(extra_kw = dict_new(I))) return false;
        locals[ks] = val_obj(extra_kw);
    }
    if (kw) {
        for (int k = 0; k < kw->n; k++) {
            Str *kn = kw->names[k];
            int idx = -1;
            for (int i = 0; i < nall; i++)
                if (fn->params[i].name == kn || str_eq(fn->params[i].name, kn)) { idx = i; break; }
            if (idx < 0 && extra_kw) {
                if (!dict_set(I, extra_kw, val_obj(kn), kw->vals[k])) return false;
                continue;
            }
            if (idx < 0) {
                err_raise(I, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fn->qualname->data, kn->data);
                return false;
            }
            if (!IS_UNDEF(locals[idx])) {
                err_raise(I, EXC_TypeError, "%s() got multiple values for argument '%s'", fn->qualname->data, kn->data);
                return false;
            }
            locals[idx] = val_incref(kw->vals[k]);
        }
    }
    if (argc > np && vs < 0) {
        int ndef = 0, kwonly_given = 0;
        for (int i = 0; i < np; i++) if (!IS_UNDEF(fn->defaults[i])) ndef++;
        for (int i = np; i < nall; i++) if (!IS_UNDEF(locals[i])) kwonly_given++;
        StrBuf sig;
        sb_init(&sig);
        if (ndef > 0) sb_printf(&sig, "from %d to %d positional arguments", np - ndef, np);
        else sb_printf(&sig, "%d positional argument%s", np, np == 1 ? "" : "s");
        if (kwonly_given)
            sb_printf(&sig, " but %d positional argument%s (and %d keyword-only argument%s) were given", argc,
                      argc != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
        else
            sb_printf(&sig, " but %d %s given", argc, argc == 1 ? "was" : "were");
        if (sig.oom) { sb_free(&sig); err_nomem(I); return false; }
        err_raise(I, EXC_TypeError, "%s() takes %s", fn->qualname->data, sig.data);
        sb_free(&sig);
        return false;
    }
    for (int i = npos; i < np; i++)
        if (IS_UNDEF(locals[i]) && IS_UNDEF(fn->defaults[i])) { missing_args(I, fn, locals, 0, np, "positional"); return false; }
    for (int i = npos; i < np; i++)
        if (IS_UNDEF(locals[i])) locals[i] = val_incref(fn->defaults[i]);
    for (int i = np; i < nall; i++)
        if (IS_UNDEF(locals[i]) && IS_UNDEF(fn->defaults[i])) { missing_args(I, fn, locals, np, nall, "keyword-only"); return false; }
    for (int i = np; i < nall; i++)
        if (IS_UNDEF(locals[i])) locals[i] = val_incref(fn->defaults[i]);
    return true;
}

/* Run a function body with its parameters already bound in locals[]. Releases locals. */
static Value run_frame(Interp *I, Func *fn, Value *locals) {
    FuncInfo *fi = fn->info;
    int nl = fi->nlocals;
    Value result = VAL_ERR;
    char probe;
    if (UNLIKELY(I->depth >= I->recursion_limit) ||
        UNLIKELY(I->stack_base && (size_t)(I->stack_base - &probe) > I->stack_budget)) {
        err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded");
        goto out;
    }
    if (check_interrupt(I)) goto out;
    if (fi->is_cell) {
        for (int i = 0; i < nl; i++) {
            if (!fi->is_cell[i]) continue;
            Cell *c = cell_new(I, locals[i]);
            if (!c) goto out;
            val_decref(locals[i]);
            locals[i] = val_obj(c);
        }
    }
    Frame F = {.I = I, .locals = locals, .free = fn->free, .mod = fn->globals, .info = fi, .src = fn->src,
               .fname = fn->name, .qualname = fn->qualname, .ret = VAL_NONE, .fn = fn};
    I->depth++;
    if (fn->node->kind == N_LAMBDA) {
        result = eval(&F, fn->node->u.lambda.body);
    } else {
        Flow fl = exec_block(&F, &fn->node->u.def.body);
        if (fl == FL_ERR) { val_decref(F.ret); result = VAL_ERR; }
        else result = F.ret;
    }
    I->depth--;
out:
    if (IS_ERR(result)) I->err.located = false; /* the caller records its own position */
    for (int i = 0; i < nl; i++) val_decref(locals[i]);
    return result;
}

static Value call_func(Interp *I, Func *fn, int argc, const Value *argv, const KwArgs *kw) {
    int nl = fn->info->nlocals;
    Value buf[LOCAL_BUF];
    Value *locals = buf;
    if (nl > LOCAL_BUF) {
        locals = mem_alloc(sizeof(Value) * (size_t)nl);
        if (!locals) return err_nomem(I);
    }
    for (int i = 0; i < nl; i++) locals[i] = VAL_UNDEF;
    Value r;
    if (!bind_args(I, fn, locals, argc, argv, kw)) {
        for (int i = 0; i < nl; i++) val_decref(locals[i]);
        I->err.located = false;
        r = VAL_ERR;
    } else {
        r = run_frame(I, fn, locals);
    }
    if (locals != buf) mem_free(locals, sizeof(Value) * (size_t)nl);
    return r;
}

Value val_call(Interp *I, Value f, int argc, const Value *argv, const KwArgs *kw) {
    if (IS_OBJ(f)) {
        const ObjClass *cls = AS_OBJ(f)->cls;
        if (cls == &func_class) return call_func(I, (Func *)AS_OBJ(f), argc, argv, kw);
        if (cls->call) {
            if (check_interrupt(I)) return VAL_ERR;
            return cls->call(I, f, argc, argv, kw);
        }
    }
    return err_raise(I, EXC_TypeError, "'%s' object is not callable", val_type_name(f));
}

/* ---- attributes ------------------------------------------------------------------- */
static const MethodDef *find_method(const ObjClass *cls, const char *name) {
    if (!cls->methods) return NULL;
    for (const MethodDef *d = cls->methods; d->name; d++) /* first byte first: tables are long */
        if (d->name[0] == name[0] && strcmp(d->name, name) == 0) return d;
    return NULL;
}

static Value attr_error(Interp *I, Value obj, Str *name) {
    Str *sug = NULL;
    Str *cands[256];
    int n = 0;
    if (IS_OBJ(obj) && AS_OBJ(obj)->cls == &module_class) {
        Module *m = (Module *)AS_OBJ(obj);
        sug = suggest_in_module(name, m);
        if (sug)
            return err_raise(I, EXC_AttributeError, "module '%s' has no attribute '%s'. Did you mean: '%s'?",
                             m->name->data, name->data, sug->data);
        return err_raise(I, EXC_AttributeError, "module '%s' has no attribute '%s'", m->name->data, name->data);
    }
    const char *mnames[256];
    if (IS_OBJ(obj) && AS_OBJ(obj)->cls->methods) {
        for (const MethodDef *d = AS_OBJ(obj)->cls->methods; d->name && n < 256; d++) mnames[n++] = d->name;
    }
    /* compare against method names without building Str objects */
    size_t best_d = SIZE_MAX;
    const char *best = NULL;
    for (int i = 0; i < n; i++) {
        size_t il = strlen(mnames[i]);
        if (strcmp(mnames[i], name->data) == 0) continue;
        size_t max_d = ((size_t)name->len + il + 3) * MOVE_COST / 6;
        if (best_d != SIZE_MAX && best_d - 1 < max_d) max_d = best_d - 1;
        size_t d = levenshtein(name->data, (size_t)name->len, mnames[i], il, max_d);
        if (d > max_d) continue;
        if (!best || d < best_d) { best = mnames[i]; best_d = d; }
    }
    (void)cands;
    if (best)
        return err_raise(I, EXC_AttributeError, "'%s' object has no attribute '%s'. Did you mean: '%s'?",
                         val_type_name(obj), name->data, best);
    return err_raise(I, EXC_AttributeError, "'%s' object has no attribute '%s'", val_type_name(obj), name->data);
}

/* m.name at attribute node n: the slot found last time when m is the same module (a module's
 * slots never move), else found and remembered. Borrowed; V_UNDEF when m has no such member. */
static Value module_member(Node *n, Module *m) {
    if (n->u.attr.ic_serial == m->serial) {
        Value v = m->slots[n->u.attr.ic_slot];
        if (!IS_UNDEF(v)) return v;
    }
    Value ix = dict_get_str(m->index, n->u.attr.attr);
    if (!IS_INT(ix)) return VAL_UNDEF;
    n->u.attr.ic_serial = m->serial;
    n->u.attr.ic_slot = (int)ix.as.i;
    return m->slots[ix.as.i];
}

Value eval_getattr(Interp *I, Value obj, Str *name) {
    if (IS_OBJ(obj)) {
        const ObjClass *cls = AS_OBJ(obj)->cls;
        if (cls->getattr) {
            Value r = cls->getattr(I, obj, name);
            if (!IS_UNDEF(r)) return r;
        }
        const MethodDef *d = find_method(cls, name->data);
        if (d) {
            Value m = native_new(I, d, obj);
            return m;
        }
    }
    return attr_error(I, obj, name);
}

Value eval_call_method(Interp *I, Value self, const char *name, int argc, const Value *argv, const KwArgs *kw) {
    if (IS_OBJ(self)) {
        const MethodDef *d = find_method(AS_OBJ(self)->cls, name);
        if (d) {
            Value sbuf[8];
            Value *a = argc + 1 <= 8 ? sbuf : mem_alloc(sizeof(Value) * (size_t)(argc + 1));
            if (!a) return err_nomem(I);
            a[0] = self;
            for (int i = 0; i < argc; i++) a[i + 1] = argv[i];
            Value r = d->fn(I, argc + 1, a, kw);
            if (a != sbuf) mem_free(a, sizeof(Value) * (size_t)(argc + 1));
            return r;
        }
    }
    Str *s = str_intern(I, name, strlen(name));
    if (!s) return VAL_ERR;
    Value m = eval_getattr(I, self, s);
    obj_decref((Obj *)s);
    if (IS_ERR(m)) return m;
    Value r = val_call(I, m, argc, argv, kw);
    val_decref(m);
    return r;
}

static bool set_attr(Interp *I, Value obj, Str *name, Value v) {
    if (IS_OBJ(obj) && AS_OBJ(obj)->cls->setattr) return AS_OBJ(obj)->cls->setattr(I, obj, name, v);
    if (IS_OBJ(obj) && (AS_OBJ(obj)->cls->getattr || find_method(AS_OBJ(obj)->cls, name->data))) {
        err_raise(I, EXC_AttributeError, "'%s' object attribute '%s' is read-only", val_type_name(obj), name->data);
        return false;
    }
    err_raise(I, EXC_AttributeError, "'%s' object has no attribute '%s'", val_type_name(obj), name->data);
    return false;
}

bool eval_setattr(Interp *I, Value obj, Str *name, Value v) { return set_attr(I, obj, name, v); }

/* ---- names ---------------------------------------------------------------------------- */
static Value slow_global(Frame *F, Str *name) {
    Value v = module_get(F->mod, name);
    if (!IS_UNDEF(v)) return val_incref(v);
    v = module_get(F->I->builtins, name);
    /* globals() needs the module it is called from: hand it out bound to F->mod */
    if (IS_A(v, native_class) && ((Native *)AS_OBJ(v))->def->fn == bi_globals)
        return native_new(F->I, ((Native *)AS_OBJ(v))->def, val_obj(F->mod));
    if (!IS_UNDEF(v)) return val_incref(v);
    return name_error(F, name);
}

static Value load_name(Frame *F, Node *n) {
    Value v;
    switch (n->u.name.scope) {
    case SCOPE_LOCAL:
        v = F->locals[n->u.name.slot];
        if (LIKELY(!IS_UNDEF(v))) return val_incref(v);
        return err_raise(F->I, EXC_UnboundLocalError,
                         "cannot access local variable '%s' where it is not associated with a value", n->u.name.id->data);
    case SCOPE_CELL:
        v = ((Cell *)AS_OBJ(F->locals[n->u.name.slot]))->v;
        if (LIKELY(!IS_UNDEF(v))) return val_incref(v);
        return err_raise(F->I, EXC_UnboundLocalError,
                         "cannot access local variable '%s' where it is not associated with a value", n->u.name.id->data);
    case SCOPE_FREE:
        v = F->free[n->u.name.slot]->v;
        if (LIKELY(!IS_UNDEF(v))) return val_incref(v);
        return err_raise(F->I, EXC_NameError,
                         "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                         n->u.name.id->data);
    case SCOPE_GLOBAL:
        v = F->mod->slots[n->u.name.slot];
        if (LIKELY(!IS_UNDEF(v))) return val_incref(v);
        if (n->u.name.bslot >= 0) {
            v = F->I->builtins->slots[n->u.name.bslot];
            if (!IS_UNDEF(v)) return val_incref(v);
        }
        return slow_global(F, n->u.name.id);
    default:
        return slow_global(F, n->u.name.id);
    }
}

static inline void replace(Value *slot, Value v) {
    Value old = *slot;
    *slot = v;
    val_decref(old);
}

/* Bind a name; v is borrowed. */
static bool store_name(Frame *F, Node *n, Value v) {
    switch (n->u.name.scope) {
    case SCOPE_LOCAL: replace(&F->locals[n->u.name.slot], val_incref(v)); return true;
    case SCOPE_CELL: replace(&((Cell *)AS_OBJ(F->locals[n->u.name.slot]))->v, val_incref(v)); return true;
    case SCOPE_FREE: replace(&F->free[n->u.name.slot]->v, val_incref(v)); return true;
    case SCOPE_GLOBAL: replace(&F->mod->slots[n->u.name.slot], val_incref(v)); return true;
    default: return module_set(F->I, F->mod, n->u.name.id->data, v);
    }
}

static bool del_name(Frame *F, Node *n) {
    Value *slot = NULL;
    switch (n->u.name.scope) {
    case SCOPE_LOCAL: slot = &F->locals[n->u.name.slot]; break;
    case SCOPE_CELL: slot = &((Cell *)AS_OBJ(F->locals[n->u.name.slot]))->v; break;
    case SCOPE_FREE: slot = &F->free[n->u.name.slot]->v; break;
    case SCOPE_GLOBAL: slot = &F->mod->slots[n->u.name.slot]; break;
    default: {
        int s = module_slot(F->I, F->mod, n->u.name.id);
        if (s < 0) return false;
        slot = &F->mod->slots[s];
    }
    }
    if (IS_UNDEF(*slot)) {
        if (n->u.name.scope == SCOPE_LOCAL || n->u.name.scope == SCOPE_CELL)
            err_raise(F->I, EXC_UnboundLocalError,
                      "cannot access local variable '%s' where it is not associated with a value", n->u.name.id->data);
        else
            name_error(F, n->u.name.id);
        return false;
    }
    replace(slot, VAL_UNDEF);
    return true;
}

/* Bind by name at run time (import statements): a local of this function if it has one
 * by that name, else a free variable, else a global. */
static bool bind_by_name(Frame *F, Str *name, Value v) {
    FuncInfo *fi = F->info;
    if (fi && F->locals) {
        for (int i = 0; i < fi->nlocals; i++)
            if (fi->local_names[i] == name || str_eq(fi->local_names[i], name)) {
                if (fi->is_cell[i]) replace(&((Cell *)AS_OBJ(F->locals[i]))->v, val_incref(v));
                else replace(&F->locals[i], val_incref(v));
                return true;
            }
        for (int i = 0; i < fi->nfree; i++)
            if (fi->free_names[i] == name || str_eq(fi->free_names[i], name)) {
                replace(&F->free[i]->v, val_incref(v));
                return true;
            }
    }
    int s = module_slot(F->I, F->mod, name);
    if (s < 0) return false;
    replace(&F->mod->slots[s], val_incref(v));
    return true;
}

/* ---- iteration ---------------------------------------------------------------------- */
enum { IT_RANGE, IT_LIST, IT_TUPLE, IT_GEN };
typedef struct It {
    int kind;
    int64_t cur, stop, step, idx;
    Value obj; /* one reference (list, tuple or iterator) */
} It;

static bool it_begin(Interp *I, Value v, It *it) {
    it->obj = VAL_UNDEF;
    if (IS_OBJ(v)) {
        const ObjClass *cls = AS_OBJ(v)->cls;
        if (cls == &range_class) {
            Range *r = (Range *)AS_OBJ(v);
            it->kind = IT_RANGE;
            it->cur = r->start;
            it->stop = r->stop;
            it->step = r->step;
            return true;
        }
        if (cls == &list_class || cls == &tuple_class) {
            it->kind = cls == &list_class ? IT_LIST : IT_TUPLE;
            it->idx = 0;
            it->obj = val_incref(v);
            return true;
        }
    }
    Value i = val_iter(I, v);
    if (IS_ERR(i)) return false;
    it->kind = IT_GEN;
    it->obj = i;
    return true;
}

/* 1: *out holds a new reference; 0: exhausted; -1: error. */
static inline int it_next(Interp *I, It *it, Value *out) {
    switch (it->kind) {
    case IT_RANGE:
        if (it->step > 0 ? it->cur >= it->stop : it->cur <= it->stop) return 0;
        *out = val_int(it->cur);
        if (__builtin_add_overflow(it->cur, it->step, &it->cur)) it->cur = it->stop; /* cannot continue past */
        return 1;
    case IT_LIST: {
        List *l = (List *)AS_OBJ(it->obj);
        if (it->idx >= l->len) return 0;
        *out = val_incref(l->items[it->idx++]);
        return 1;
    }
    case IT_TUPLE: {
        Tuple *t = (Tuple *)AS_OBJ(it->obj);
        if (it->idx >= t->len) return 0;
        *out = val_incref(t->items[it->idx++]);
        return 1;
    }
    default: {
        Value v = val_next(I, it->obj);
        if (IS_ERR(v)) return -1;
        if (IS_UNDEF(v)) return 0;
        *out = v;
        return 1;
    }
    }
}

static inline void it_end(It *it) { val_decref(it->obj); }

/* ---- assignment ---------------------------------------------------------------------- */
static bool assign(Frame *F, Node *t, Value v);

static bool unpack(Frame *F, Node *t, Value v) {
    Interp *I = F->I;
    int nt = t->u.seq.elts.n;
    Node **targets = t->u.seq.elts.items;
    int star = -1;
    for (int i = 0; i < nt; i++)
        if (targets[i]->kind == N_STARRED) { star = i; break; }
    /* collect the items */
    Value small[8];
    Value *items = small;
    int64_t n = 0, cap = 8;
    bool ok = false;
    if (IS_OBJ(v) && (AS_OBJ(v)->cls == &tuple_class || AS_OBJ(v)->cls == &list_class) && star < 0) {
        int64_t len = AS_OBJ(v)->cls == &tuple_class ? ((Tuple *)AS_OBJ(v))->len : ((List *)AS_OBJ(v))->len;
        Value *src = AS_OBJ(v)->cls == &tuple_class ? ((Tuple *)AS_OBJ(v))->items : ((List *)AS_OBJ(v))->items;
        if (len != nt) {
            if (len > nt) err_raise(I, EXC_ValueError, "too many values to unpack (expected %d)", nt);
            else err_raise(I, EXC_ValueError, "not enough values to unpack (expected %d, got %lld)", nt, (long long)len);
            return false;
        }
        /* hold references: the targets may rebind the container */
        Value hold = val_incref(v);
        ok = true;
        for (int i = 0; i < nt && ok; i++) ok = assign(F, targets[i], src[i]);
        val_decref(hold);
        return ok;
    }
    bool iterable = IS_OBJ(v) && (AS_OBJ(v)->cls->iter || AS_OBJ(v)->cls == &str_class ||
                                  AS_OBJ(v)->cls == &dict_class || AS_OBJ(v)->cls == &range_class ||
                                  AS_OBJ(v)->cls == &list_class || AS_OBJ(v)->cls == &tuple_class);
    if (!iterable) {
        err_raise(I, EXC_TypeError, "cannot unpack non-iterable %s object", val_type_name(v));
        return false;
    }
    It it;
    if (!it_begin(I, v, &it)) return false;
    for (;;) {
        Value x;
        int r = it_next(I, &it, &x);
        if (r < 0) goto done;
        if (r == 0) break;
        if (star < 0 && n >= nt) {
            val_decref(x);
            err_raise(I, EXC_ValueError, "too many values to unpack (expected %d)", nt);
            goto done;
        }
        if (n == cap) {
            Value *ni = mem_alloc(sizeof(Value) * (size_t)cap * 2);
            if (!ni) { val_decref(x); err_nomem(I); goto done; }
            memcpy(ni, items, sizeof(Value) * (size_t)n);
            if (items != small) mem_free(items, sizeof(Value) * (size_t)cap);
            items = ni;
            cap *= 2;
        }
        items[n++] = x;
    }
    if (star < 0 && n < nt) {
        err_raise(I, EXC_ValueError, "not enough values to unpack (expected %d, got %lld)", nt, (long long)n);
        goto done;
    }
    if (star >= 0 && n < nt - 1) {
        err_raise(I, EXC_ValueError, "not enough values to unpack (expected at least %d, got %lld)", nt - 1, (long long)n);
        goto done;
    }
    ok = true;
    if (star < 0) {
        for (int i = 0; i < nt && ok; i++) ok = assign(F, targets[i], items[i]);
    } else {
        int after = nt - star - 1;
        for (int i = 0; i < star && ok; i++) ok = assign(F, targets[i], items[i]);
        if (ok) {
            List *l = list_new(I, n - star - after);
            if (!l) ok = false;
            for (int64_t k = star; ok && k < n - after; k++) ok = list_append(I, l, items[k]);
            if (ok) ok = assign(F, targets[star]->u.starred.value, val_obj(l));
            if (l) obj_decref((Obj *)l);
        }
        for (int i = 0; i < after && ok; i++) ok = assign(F, targets[star + 1 + i], items[n - after + i]);
    }
done:
    it_end(&it);
    for (int64_t i = 0; i < n; i++) val_decref(items[i]);
    if (items != small) mem_free(items, sizeof(Value) * (size_t)cap);
    return ok;
}

/* v is borrowed. */
static bool assign(Frame *F, Node *t, Value v) {
    Interp *I = F->I;
    bool ok;
    switch (t->kind) {
    case N_NAME: return store_name(F, t, v);
    case N_TUPLE: case N_LIST: ok = unpack(F, t, v); break;
    case N_ATTR: {
        Value o = eval(F, t->u.attr.obj);
        if (IS_ERR(o)) return false;
        set_loc(F, t);
        ok = set_attr(I, o, t->u.attr.attr, v);
        val_decref(o);
        break;
    }
    case N_SUBSCRIPT: {
        Value o = eval(F, t->u.subscript.obj);
        if (IS_ERR(o)) return false;
        Value k = eval(F, t->u.subscript.index);
        if (IS_ERR(k)) { val_decref(o); return false; }
        set_loc(F, t);
        ok = val_setitem(I, o, k, v);
        val_decref(o);
        val_decref(k);
        break;
    }
    case N_STARRED:
        err_raise(I, EXC_SyntaxError, "starred assignment target must be in a list or tuple");
        ok = false;
        break;
    default:
        err_raise(I, EXC_SyntaxError, "cannot assign to expression");
        ok = false;
        break;
    }
    if (!ok) note(F, t);
    return ok;
}

/* ---- expressions -------------------------------------------------------------------- */
static inline int truth(Interp *I, Value v) {
    switch (v.kind) {
    case V_BOOL: return v.as.b;
    case V_INT: return v.as.i != 0;
    case V_NONE: return 0;
    case V_FLOAT: return v.as.f != 0.0;
    default: return val_truth(I, v);
    }
}

static Value binop_values(Frame *F, Node *n, BinOp op, Value a, Value b) {
    if (a.kind == V_INT && b.kind == V_INT) {
        int64_t x = a.as.i, y = b.as.i, z;
        switch (op) {
        case BIN_ADD: if (!__builtin_add_overflow(x, y, &z)) return val_int(z); break;
        case BIN_SUB: if (!__builtin_sub_overflow(x, y, &z)) return val_int(z); break;
        case BIN_MUL: if (!__builtin_mul_overflow(x, y, &z)) return val_int(z); break;
        case BIN_FLOORDIV:
            if (y != 0 && !(x == INT64_MIN && y == -1)) {
                z = x / y;
                if ((x % y != 0) && ((x < 0) != (y < 0))) z--;
                return val_int(z);
            }
            break;
        case BIN_MOD:
            if (y != 0 && !(x == INT64_MIN && y == -1)) {
                z = x % y;
                if (z != 0 && ((z < 0) != (y < 0))) z += y;
                return val_int(z);
            }
            break;
        case BIN_TRUEDIV:
            if (y != 0) return val_float((double)x / (double)y);
            break;
        case BIN_AND: return val_int(x & y);
        case BIN_OR: return val_int(x | y);
        case BIN_XOR: return val_int(x ^ y);
        case BIN_LT: return val_bool(x < y);
        case BIN_LE: return val_bool(x <= y);
        case BIN_EQ: return val_bool(x == y);
        case BIN_NE: return val_bool(x != y);
        case BIN_GT: return val_bool(x > y);
        case BIN_GE: return val_bool(x >= y);
        default: break;
        }
    } else if ((a.kind == V_FLOAT || a.kind == V_INT) && (b.kind == V_FLOAT || b.kind == V_INT)) {
        double x = a.kind == V_FLOAT ? a.as.f : (double)a.as.i;
        double y = b.kind == V_FLOAT ? b.as.f : (double)b.as.i;
        switch (op) {
        case BIN_ADD: return val_float(x + y);
        case BIN_SUB: return val_float(x - y);
        case BIN_MUL: return val_float(x * y);
        case BIN_TRUEDIV: if (y != 0.0) return val_float(x / y); break;
        default:
            if (a.kind == V_FLOAT && b.kind == V_FLOAT) {
                switch (op) {
                case BIN_LT: return val_bool(x < y);
                case BIN_LE: return val_bool(x <= y);
                case BIN_EQ: return val_bool(x == y);
                case BIN_NE: return val_bool(x != y);
                case BIN_GT: return val_bool(x > y);
                case BIN_GE: return val_bool(x >= y);
                default: break;
                }
            }
            break;
        }
    }
    set_loc(F, n);
    return val_binop(F->I, op, a, b);
}

static Value compare_op(Frame *F, Node *n, int op, Value a, Value b) {
    Interp *I = F->I;
    if (op < BIN__COUNT) return binop_values(F, n, (BinOp)op, a, b);
    switch (op) {
    case CMP_IN: case CMP_NOT_IN: {
        bool r;
        set_loc(F, n);
        if (!val_contains(I, b, a, &r)) return VAL_ERR;
        return val_bool(op == CMP_IN ? r : !r);
    }
    default: {
        bool same = a.kind == b.kind;
        if (same) {
            switch (a.kind) {
            case V_OBJ: same = a.as.o == b.as.o; break;
            case V_INT: same = a.as.i == b.as.i; break;
            case V_FLOAT: same = memcmp(&a.as.f, &b.as.f, sizeof(double)) == 0; break;
            case V_BOOL: same = a.as.b == b.as.b; break;
            default: break;
            }
        }
        return val_bool(op == CMP_IS ? same : !same);
    }
    }
}

static Value eval_compare(Frame *F, Node *n) {
    int nops = n->u.compare.n;
    Value a = eval(F, n->u.compare.operands[0]);
    if (IS_ERR(a)) return a;
    for (int i = 0; i < nops; i++) {
        Value b = eval(F, n->u.compare.operands[i + 1]);
        if (IS_ERR(b)) { val_decref(a); return b; }
        Value r = compare_op(F, n, n->u.compare.ops[i], a, b);
        val_decref(a);
        if (IS_ERR(r) || i == nops - 1) { val_decref(b); return r; }
        int t = truth(F->I, r);
        if (t <= 0) { val_decref(b); if (t < 0) { val_decref(r); return VAL_ERR; } return r; }
        val_decref(r);
        a = b;
    }
    return a; /* not reached: n >= 1 */
}

/* Truth of an expression, without building a bool for simple comparisons. -1: error. */
static int eval_cond(Frame *F, Node *n) {
    if (n->kind == N_COMPARE && n->u.compare.n == 1 && n->u.compare.ops[0] < BIN__COUNT) {
        Value a = eval(F, n->u.compare.operands[0]);
        if (IS_ERR(a)) return -1;
        Value b = eval(F, n->u.compare.operands[1]);
        if (IS_ERR(b)) { val_decref(a); return -1; }
        if (a.kind == V_INT && b.kind == V_INT) {
            int64_t x = a.as.i, y = b.as.i;
            switch (n->u.compare.ops[0]) {
            case BIN_LT: return x < y;
            case BIN_LE: return x <= y;
            case BIN_EQ: return x == y;
            case BIN_NE: return x != y;
            case BIN_GT: return x > y;
            case BIN_GE: return x >= y;
            default: break;
            }
        }
        Value r = binop_values(F, n, (BinOp)n->u.compare.ops[0], a, b);
        val_decref(a);
        val_decref(b);
        if (IS_ERR(r)) { note(F, n); return -1; }
        int t = truth(F->I, r);
        val_decref(r);
        if (t < 0) note(F, n);
        return t;
    }
    if (n->kind == N_UNOP && n->u.unop.op == UN_NOT) {
        int t = eval_cond(F, n->u.unop.operand);
        return t < 0 ? -1 : !t;
    }
    Value v = eval(F, n);
    if (IS_ERR(v)) return -1;
    int t = truth(F->I, v);
    val_decref(v);
    if (t < 0) note(F, n);
    return t;
}

static Value make_slice(Frame *F, Node *n) {
    Value parts[3];
    Node *ns[3] = {n->u.slice.lower, n->u.slice.upper, n->u.slice.step};
    for (int i = 0; i < 3; i++) {
        if (!ns[i]) { parts[i] = VAL_NONE; continue; }
        parts[i] = eval(F, ns[i]);
        if (IS_ERR(parts[i])) {
            for (int j = 0; j < i; j++) val_decref(parts[j]);
            return VAL_ERR;
        }
    }
    Slice *s = obj_new(F->I, &slice_class, sizeof(Slice));
    if (!s) {
        for (int j = 0; j < 3; j++) val_decref(parts[j]);
        return VAL_ERR;
    }
    s->start = parts[0];
    s->stop = parts[1];
    s->step = parts[2];
    return val_obj(s);
}

/* Append the items of iterable v to list l. */
static bool extend_list(Interp *I, List *l, Value v) {
    It it;
    if (!it_begin(I, v, &it)) return false;
    bool ok = true;
    for (;;) {
        Value x;
        int r = it_next(I, &it, &x);
        if (r <= 0) { ok = r == 0; break; }
        ok = list_append(I, l, x);
        val_decref(x);
        if (!ok) break;
    }
    it_end(&it);
    return ok;
}

static Value eval_seq(Frame *F, Node *n) {
    Interp *I = F->I;
    int ne = n->u.seq.elts.n;
    List *l = list_new(I, ne);
    if (!l) return VAL_ERR;
    for (int i = 0; i < ne; i++) {
        Node *e = n->u.seq.elts.items[i];
        bool star = e->kind == N_STARRED;
        Value v = eval(F, star ? e->u.starred.value : e);
        if (IS_ERR(v)) { obj_decref((Obj *)l); return v; }
        bool ok = star ? extend_list(I, l, v) : list_append(I, l, v);
        val_decref(v);
        if (!ok) { obj_decref((Obj *)l); return VAL_ERR; }
    }
    if (n->kind == N_LIST) return val_obj(l);
    Tuple *t = tuple_new(I, l->len);
    if (!t) { obj_decref((Obj *)l); return VAL_ERR; }
    for (int64_t i = 0; i < l->len; i++) {
        t->items[i] = l->items[i]; /* tuple_new filled None: no reference to drop */
        l->items[i] = VAL_NONE;
    }
    obj_decref((Obj *)l);
    return val_obj(t);
}

/* Is the display item a constant CPython's compiler folds ((1, 'a'), -2, 'x')? */
static bool is_folded_const(Node *n) {
    if (n->kind == N_CONST) return true;
    if (n->kind == N_UNOP && (n->u.unop.op == UN_NEG || n->u.unop.op == UN_POS))
        return n->u.unop.operand->kind == N_CONST && IS_NUM(n->u.unop.operand->u.constant.value);
    if (n->kind != N_TUPLE) return false;
    for (int i = 0; i < n->u.seq.elts.n; i++)
        if (!is_folded_const(n->u.seq.elts.items[i])) return false;
    return true;
}

/* {a, *b}: items added in order. CPython builds a display of three or more constants as a
 * frozenset first and merges that into the new set; the table sizes (so the printed order)
 * can differ from adding one by one, so do the same. */
static Value eval_set(Frame *F, Node *n) {
    Interp *I = F->I;
    int ne = n->u.seq.elts.n;
    bool folded = ne > 2;
    for (int i = 0; i < ne && folded; i++) folded = is_folded_const(n->u.seq.elts.items[i]);
    Value s = set_new_value(I);
    if (IS_ERR(s)) return s;
    for (int i = 0; i < ne; i++) {
        Node *e = n->u.seq.elts.items[i];
        bool star = e->kind == N_STARRED;
        Value v = eval(F, star ? e->u.starred.value : e);
        if (IS_ERR(v)) { val_decref(s); return v; }
        set_loc(F, e);
        bool ok = star ? set_update(I, s, v) : set_add(I, s, v);
        val_decref(v);
        if (!ok) { val_decref(s); return VAL_ERR; }
    }
    if (!folded) return s;
    Value r = set_new_value(I);
    if (!IS_ERR(r) && !set_update(I, r, s)) { val_decref(r); r = VAL_ERR; }
    val_decref(s);
    return r;
}

/* {**m}: every pair of the dict m, in order */
static bool merge_mapping(Interp *I, Dict *d, Value m) {
    if (!IS_A(m, dict_class)) {
        err_raise(I, EXC_TypeError, "'%s' object is not a mapping", val_type_name(m));
        return false;
    }
    Dict *src = (Dict *)AS_OBJ(m);
    for (int64_t i = 0; i < src->nentries; i++) {
        if (IS_UNDEF(src->entries[i].key)) continue;
        Value k = val_incref(src->entries[i].key), v = val_incref(src->entries[i].val);
        bool ok = dict_set(I, d, k, v);
        val_decref(k);
        val_decref(v);
        if (!ok) return false;
    }
    return true;
}

static Value eval_dict(Frame *F, Node *n) {
    Interp *I = F->I;
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    for (int i = 0; i < n->u.dict.n; i++) {
        if (!n->u.dict.items[i].key) {
            Value m = eval(F, n->u.dict.items[i].value);
            if (IS_ERR(m)) { obj_decref((Obj *)d); return m; }
            set_loc(F, n->u.dict.items[i].value);
            bool ok = merge_mapping(I, d, m);
            val_decref(m);
            if (!ok) { obj_decref((Obj *)d); return VAL_ERR; }
            continue;
        }
        Value k = eval(F, n->u.dict.items[i].key);
        if (IS_ERR(k)) { obj_decref((Obj *)d); return k; }
        Value v = eval(F, n->u.dict.items[i].value);
        if (IS_ERR(v)) { val_decref(k); obj_decref((Obj *)d); return v; }
        bool ok = dict_set(I, d, k, v);
        val_decref(k);
        val_decref(v);
        if (!ok) { obj_decref((Obj *)d); return VAL_ERR; }
    }
    return val_obj(d);
}

static bool fstring_into(Frame *F, Node *n, StrBuf *sb) {
    Interp *I = F->I;
    for (int i = 0; i < n->u.fstring.nparts; i++) {
        FPart *p = &n->u.fstring.parts[i];
        if (p->literal) { sb_putn(sb, p->literal->data, (size_t)p->literal->len); continue; }
        if (p->self_doc) sb_putn(sb, p->self_doc->data, (size_t)p->self_doc->len);
        Value v = eval(F, p->expr);
        if (IS_ERR(v)) return false;
        char conv = p->conversion;
        if (!conv && p->self_doc && !p->spec) conv = 'r';
        bool ok;
        StrBuf spec;
        sb_init(&spec);
        if (p->spec) {
            if (!fstring_into(F, p->spec, &spec)) { val_decref(v); sb_free(&spec); return false; }
            /* a spec cut short by OOM must not format the value with a shorter spec */
            if (spec.oom) { val_decref(v); sb_free(&spec); err_nomem(I); return false; }
        }
        set_loc(F, p->expr);
        if (conv) {
            StrBuf tmp;
            sb_init(&tmp);
            ok = conv == 's' ? val_str_into(I, &tmp, v) : conv == 'a' ? val_ascii(I, &tmp, v) : val_repr(I, &tmp, v);
            if (ok && tmp.oom) { err_nomem(I); ok = false; }
            if (ok) {
                if (spec.len) ok = fmt_str_spec(I, sb, tmp.data ? tmp.data : "", tmp.len, spec.data, spec.len);
                else sb_putn(sb, tmp.data ? tmp.data : "", tmp.len);
            }
            sb_free(&tmp);
        } else if (spec.len) {
            ok = val_format(I, sb, v, spec.data, spec.len);
        } else if (IS_OBJ(v) && AS_OBJ(v)->cls == &str_class) {
            sb_putn(sb, ((Str *)AS_OBJ(v))->data, (size_t)((Str *)AS_OBJ(v))->len);
            ok = true;
        } else {
            ok = val_format(I, sb, v, "", 0);
        }
        sb_free(&spec);
        val_decref(v);
        if (!ok) { note(F, p->expr); return false; }
    }
    return true;
}

/* ---- comprehensions ------------------------------------------------------------------ */
static bool comp_loop(Frame *C, Node *n, int gi, Value iterable, Value acc) {
    Interp *I = C->I;
    Comprehension *g = &n->u.comp.gens[gi];
    It it;
    if (!it_begin(I, iterable, &it)) { note(C, g->iter); return false; }
    bool ok = true;
    for (;;) {
        if (UNLIKELY(check_interrupt(I))) { ok = false; break; }
        Value x;
        int r = it_next(I, &it, &x);
        if (r <= 0) { ok = r == 0; if (!ok) note(C, g->iter); break; }
        ok = assign(C, g->target, x);
        val_decref(x);
        if (!ok) break;
        int pass = 1;
        for (int j = 0; j < g->ifs.n && pass == 1; j++) pass = eval_cond(C, g->ifs.items[j]);
        if (pass < 0) { ok = false; break; }
        if (!pass) continue;
        if (gi + 1 < n->u.comp.ngen) {
            Value inner = eval(C, n->u.comp.gens[gi + 1].iter);
            if (IS_ERR(inner)) { ok = false; break; }
            ok = comp_loop(C, n, gi + 1, inner, acc);
            val_decref(inner);
            if (!ok) break;
            continue;
        }
        if (n->kind == N_DICTCOMP) {
            Value k = eval(C, n->u.comp.key);
            if (IS_ERR(k)) { ok = false; break; }
            Value v = eval(C, n->u.comp.elt);
            if (IS_ERR(v)) { val_decref(k); ok = false; break; }
            ok = dict_set(I, (Dict *)AS_OBJ(acc), k, v);
            val_decref(k);
            val_decref(v);
            if (!ok) { note(C, n); break; }
        } else if (n->kind == N_SETCOMP) {
            Value v = eval(C, n->u.comp.elt);
            if (IS_ERR(v)) { ok = false; break; }
            ok = set_add(I, acc, v);
            val_decref(v);
            if (!ok) { note(C, n->u.comp.elt); break; }
        } else {
            Value v = eval(C, n->u.comp.elt);
            if (IS_ERR(v)) { ok = false; break; }
            ok = list_append(I, (List *)AS_OBJ(acc), v);
            val_decref(v);
            if (!ok) break;
        }
    }
    it_end(&it);
    return ok;
}

static Value eval_comp(Frame *F, Node *n) {
    Interp *I = F->I;
    FuncInfo *fi = &n->u.comp.info;
    Value first = eval(F, n->u.comp.gens[0].iter);
    if (IS_ERR(first)) return first;
    int nl = fi->nlocals;
    Value buf[LOCAL_BUF];
    Value *locals = nl <= LOCAL_BUF ? buf : mem_alloc(sizeof(Value) * (size_t)nl);
    Value acc = VAL_ERR;
    Cell **cells = NULL;
    if (!locals) { err_nomem(I); goto out_first; }
    for (int i = 0; i < nl; i++) locals[i] = VAL_UNDEF;
    bool ok = true;
    for (int i = 0; i < nl && ok; i++) {
        if (!fi->is_cell[i]) continue;
        Cell *c = cell_new(I, VAL_UNDEF);
        if (!c) ok = false; else locals[i] = val_obj(c);
    }
    if (ok && fi->nfree) {
        cells = capture_cells(F, fi);
        ok = cells != NULL;
    }
    if (ok) {
        Frame C = {.I = I, .locals = locals, .free = cells, .mod = F->mod, .info = fi, .src = F->src,
                   .fname = F->fname, .qualname = F->qualname, .ast = F->ast};
        if (n->kind == N_DICTCOMP) {
            Dict *d = dict_new(I);
            acc = d ? val_obj(d) : VAL_ERR;
        } else if (n->kind == N_SETCOMP) {
            acc = set_new_value(I);
        } else {
            List *l = list_new(I, 0);
            acc = l ? val_obj(l) : VAL_ERR;
        }
        if (!IS_ERR(acc) && !comp_loop(&C, n, 0, first, acc)) {
            val_decref(acc);
            acc = VAL_ERR;
        }
        /* a lambda made inside keeps the Ast alive through the comprehension frame */
        if (!C.ast && F->ast) F->ast = NULL;
        /* errors inside the comprehension were recorded in this same frame (same name) */
    }
    for (int i = 0; i < nl; i++) val_decref(locals[i]);
    if (cells) {
        for (int i = 0; i < fi->nfree; i++) obj_decref((Obj *)cells[i]);
        mem_free(cells, sizeof(Cell *) * (size_t)fi->nfree);
    }
    if (locals != buf) mem_free(locals, sizeof(Value) * (size_t)nl);
out_first:
    val_decref(first);
    return acc;
}

/* ---- generator expressions ----------------------------------------------------------------
 * (elt for x in xs if c for y in ys) is a lazy iterator, as in Python: the first iterable is
 * evaluated (and iter() taken) where the expression stands; everything else runs one item at a
 * time, on next(), in the comprehension's own scope (locals, cells, captured cells) kept by the
 * generator. A generator is a registered container (obj_track): its locals or captured cells
 * can hold the generator itself. */
typedef struct Gen {
    Obj h;
    ObjLink link;      /* in the interpreter's registry (see obj_track) */
    Node *node;        /* the N_GENEXP, in an Ast kept until interp_free */
    Module *mod;       /* borrowed: modules live until interp_free */
    Source *src;       /* one reference */
    Str *qualname;     /* one reference: "<genexpr>" or "f.<locals>.<genexpr>" */
    Cell **free;       /* [info.nfree] captured cells, one reference each */
    Value *locals;     /* [info.nlocals] */
    int depth;         /* live iterators in its[]; 0 when finished */
    bool running;
    It its[];          /* one per `for` clause */
} Gen;

/* Drop the generator's state: it is finished (exhausted, failed, or torn down). */
static void gen_release(Gen *g) {
    FuncInfo *fi = &g->node->u.comp.info;
    int depth = g->depth;
    g->depth = 0;
    for (int i = 0; i < depth; i++) it_end(&g->its[i]);
    for (int i = 0; i < fi->nlocals; i++) replace(&g->locals[i], VAL_UNDEF);
    if (g->free) {
        Cell **cells = g->free;
        g->free = NULL;
        for (int i = 0; i < fi->nfree; i++) if (cells[i]) obj_decref((Obj *)cells[i]);
        mem_free(cells, sizeof(Cell *) * (size_t)fi->nfree);
    }
}

static void gen_free(Obj *o) {
    Gen *g = (Gen *)o;
    obj_untrack(&g->link);
    gen_release(g);
    int nl = g->node->u.comp.info.nlocals;
    mem_free(g->locals, sizeof(Value) * (size_t)(nl ? nl : 1));
    src_decref(g->src);
    obj_decref((Obj *)g->qualname);
    obj_dealloc(o, sizeof(Gen) + sizeof(It) * (size_t)g->node->u.comp.ngen);
}
static void gen_clear(Obj *o) { if (!((Gen *)o)->running) gen_release((Gen *)o); }

static bool gen_repr(Interp *I, StrBuf *sb, Value self) {
    Gen *g = (Gen *)AS_OBJ(self);
    sb_printf(sb, "<generator object %s at %p>", g->qualname->data, (void *)g);
    return true;
}

static Value gen_iter(Interp *I, Value self) { return val_incref(self); }

/* The next item: resume the innermost live loop; a loop that runs out hands back to the
 * one around it; an inner loop starts when its enclosing one yields an item. */
static Value gen_next(Interp *I, Value self) {
    Gen *g = (Gen *)AS_OBJ(self);
    if (g->running) return err_raise(I, EXC_ValueError, "generator already executing");
    if (g->depth == 0) return VAL_UNDEF;
    char probe;
    if (UNLIKELY(I->depth >= I->recursion_limit) ||
        UNLIKELY(I->stack_base && (size_t)(I->stack_base - &probe) > I->stack_budget))
        return err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded");
    Node *n = g->node;
    Frame C = {.I = I, .locals = g->locals, .free = g->free, .mod = g->mod, .info = &n->u.comp.info,
               .src = g->src, .fname = ES(I)->s_genexpr, .qualname = g->qualname};
    obj_incref(&g->h); /* the loop body may drop the last other reference */
    g->running = true;
    I->depth++;
    Value result = VAL_UNDEF;
    int lv = g->depth - 1;
    for (;;) {
        if (UNLIKELY(check_interrupt(I))) { result = VAL_ERR; break; }
        Comprehension *gc = &n->u.comp.gens[lv];
        Value x;
        int r = it_next(I, &g->its[lv], &x);
        if (r < 0) { note(&C, gc->iter); result = VAL_ERR; break; }
        if (r == 0) {
            it_end(&g->its[lv]);
            g->depth = lv;
            if (lv-- == 0) break;
            continue;
        }
        bool ok = assign(&C, gc->target, x);
        val_decref(x);
        if (!ok) { result = VAL_ERR; break; }
        int pass = 1;
        for (int j = 0; j < gc->ifs.n && pass == 1; j++) pass = eval_cond(&C, gc->ifs.items[j]);
        if (pass < 0) { result = VAL_ERR; break; }
        if (!pass) continue;
        if (lv + 1 < n->u.comp.ngen) {
            Node *inner_node = n->u.comp.gens[lv + 1].iter;
            Value inner = eval(&C, inner_node);
            if (IS_ERR(inner)) { result = VAL_ERR; break; }
            ok = it_begin(I, inner, &g->its[lv + 1]);
            val_decref(inner);
            if (!ok) { note(&C, inner_node); result = VAL_ERR; break; }
            g->depth = ++lv + 1;
            continue;
        }
        result = eval(&C, n->u.comp.elt);
        break;
    }
    I->depth--;
    g->running = false;
    if (IS_ERR(result)) {
        gen_release(g); /* a generator that raised is finished */
        I->err.located = false; /* the consumer records its own position */
    }
    obj_decref(&g->h);
    return result;
}

static const ObjClass gen_class = {
    .name = "generator", .free = gen_free, .clear = gen_clear, .repr = gen_repr,
    .iter = gen_iter, .next = gen_next,
};

static Value eval_genexp(Frame *F, Node *n) {
    Interp *I = F->I;
    FuncInfo *fi = &n->u.comp.info;
    Value first = eval(F, n->u.comp.gens[0].iter);
    if (IS_ERR(first)) return first;
    int ngen = n->u.comp.ngen;
    Value *locals = mem_alloc(sizeof(Value) * (size_t)(fi->nlocals ? fi->nlocals : 1));
    if (!locals) { val_decref(first); return err_nomem(I); }
    Gen *g = obj_new(I, &gen_class, sizeof(Gen) + sizeof(It) * (size_t)ngen);
    if (!g) {
        mem_free(locals, sizeof(Value) * (size_t)(fi->nlocals ? fi->nlocals : 1));
        val_decref(first);
        return VAL_ERR;
    }
    g->node = n;
    g->mod = F->mod;
    g->src = F->src;
    src_incref(F->src);
    g->free = NULL;
    g->depth = 0;
    g->running = false;
    g->qualname = ES(I)->s_genexpr;
    obj_incref((Obj *)g->qualname);
    g->locals = locals;
    obj_track(I, &g->link);
    for (int i = 0; i < fi->nlocals; i++) g->locals[i] = VAL_UNDEF;
    Value result = val_obj(g);
    bool ok = it_begin(I, first, &g->its[0]);
    val_decref(first);
    if (!ok) { note(F, n->u.comp.gens[0].iter); goto fail; }
    g->depth = 1;
    for (int i = 0; i < fi->nlocals; i++) {
        if (!fi->is_cell || !fi->is_cell[i]) continue;
        Cell *c = cell_new(I, VAL_UNDEF);
        if (!c) goto fail;
        g->locals[i] = val_obj(c);
    }
    if (fi->nfree && !(g->free = capture_cells(F, fi))) goto fail;
    if (F->qualname) {
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "%s.<locals>.<genexpr>", F->qualname->data);
        Value q = sb_to_str(I, &sb);
        if (IS_ERR(q)) goto fail;
        obj_decref((Obj *)g->qualname);
        g->qualname = (Str *)AS_OBJ(q);
    }
    if (!keep_ast(F)) { err_nomem(I); goto fail; }
    return result;
fail:
    val_decref(result);
    return VAL_ERR;
}

/* ---- calls ----------------------------------------------------------------------------- */
#define ARGBUF 8
/* A user function called with exactly its positional parameters: arguments are evaluated
 * straight into the new frame's locals. */
__attribute__((noinline))
static Value call_simple(Frame *F, Node *n, Func *fn) {
    FuncInfo *fi = fn->info;
    int nargs = n->u.call.args.n;
    Value locals[LOCAL_BUF];
    for (int i = 0; i < nargs; i++) {
        Value v = eval(F, n->u.call.args.items[i]);
        if (IS_ERR(v)) {
            for (int j = 0; j < i; j++) val_decref(locals[j]);
            return v;
        }
        locals[i] = v;
    }
    for (int i = nargs; i < fi->nlocals; i++) locals[i] = VAL_UNDEF;
    set_loc(F, n);
    return run_frame(F->I, fn, locals);
}

static Value call_general(Frame *F, Node *n, Value callee, Value self, const MethodDef *md);

/* super() inside a method: the class the method was defined in, and its first argument. */
static Value zero_arg_super(Frame *F) {
    Interp *I = F->I;
    Func *fn = F->fn;
    if (!fn || (fn->info->nparams == 0 && fn->info->vararg_slot < 0)) return err_raise(I, EXC_RuntimeError, "super(): no arguments");
    if (!fn->class_cell) return err_raise(I, EXC_RuntimeError, "super(): __class__ cell not found");
    Value self = F->locals[0];
    if (fn->info->is_cell && fn->info->is_cell[0]) self = ((Cell *)AS_OBJ(self))->v;
    if (IS_UNDEF(self)) return err_raise(I, EXC_RuntimeError, "super(): arg[0] deleted");
    if (IS_UNDEF(fn->class_cell->v)) return err_raise(I, EXC_RuntimeError, "super(): empty __class__ cell");
    return cls_super_new(I, fn->class_cell->v, self);
}

__attribute__((noinline))
static Value eval_call(Frame *F, Node *n) {
    Interp *I = F->I;
    Node *fnode = n->u.call.func;
    int nargs = n->u.call.args.n, nkw = n->u.call.nkw;
    Value callee = VAL_UNDEF, self = VAL_UNDEF;
    const MethodDef *md = NULL;

    if (fnode->kind == N_ATTR) {
        Value obj = eval(F, fnode->u.attr.obj);
        if (IS_ERR(obj)) return obj;
        const ObjClass *cls = IS_OBJ(obj) ? AS_OBJ(obj)->cls : NULL;
        Value r = VAL_UNDEF;
        if (cls == &module_class) r = val_incref(module_member(fnode, (Module *)AS_OBJ(obj)));
        if (IS_UNDEF(r) && cls && cls->getattr) {
            set_loc(F, fnode);
            r = cls->getattr(I, obj, fnode->u.attr.attr);
            if (IS_ERR(r)) { val_decref(obj); note(F, fnode); return r; }
        }
        if (!IS_UNDEF(r)) {
            callee = r;
            val_decref(obj);
        } else if (cls && (md = cls == n->u.call.ic_cls ? n->u.call.ic_md : find_method(cls, fnode->u.attr.attr->data)) != NULL) {
            n->u.call.ic_cls = cls;
            n->u.call.ic_md = md;
            self = obj;
        } else {
            attr_error(I, obj, fnode->u.attr.attr);
            val_decref(obj);
            note(F, fnode);
            return VAL_ERR;
        }
    } else {
        callee = eval(F, fnode);
        if (IS_ERR(callee)) return callee;
        if (UNLIKELY(nargs == 0 && nkw == 0 && !n->u.call.star && IS_A(callee, native_class) &&
                     ((Native *)AS_OBJ(callee))->def->fn == cls_super_builtin)) {
            val_decref(callee);
            set_loc(F, n);
            return zero_arg_super(F);
        }
    }

    /* natives called with positional arguments only (l.backward(), x.sum(0), torch.no_grad(),
     * len(x)): call_general without its keyword and star handling */
    if (nkw == 0 && !n->u.call.star && nargs < ARGBUF) {
        const MethodDef *fast = md;
        if (!md && IS_A(callee, native_class)) {
            Native *nt = (Native *)AS_OBJ(callee);
            if (IS_UNDEF(nt->self) && !nt->owner) fast = nt->def;
        }
        if (fast) {
            Value args[ARGBUF];
            int argc = 0;
            Value r = VAL_ERR;
            if (md) args[argc++] = self;
            for (int i = 0; i < nargs; i++) {
                Value v = eval(F, n->u.call.args.items[i]);
                if (IS_ERR(v)) goto fast_done;
                args[argc++] = v;
            }
            set_loc(F, n);
            if (!check_interrupt(I)) r = fast->fn(I, argc, args, NULL);
        fast_done:
            for (int i = 0; i < argc; i++) val_decref(args[i]);
            val_decref(callee);
            return r;
        }
    }
    /* simple calls to user functions: evaluate the arguments straight into the new frame */
    if (!md && nkw == 0 && !n->u.call.star && IS_OBJ(callee) && AS_OBJ(callee)->cls == &func_class) {
        Func *fn = (Func *)AS_OBJ(callee);
        FuncInfo *fi = fn->info;
        if (nargs == fn->nparams && fn->nkwonly == 0 && fi->vararg_slot < 0 && fi->kwarg_slot < 0 && fi->nlocals <= LOCAL_BUF) {
            Value r = call_simple(F, n, fn);
            val_decref(callee);
            return r;
        }
    }
    return call_general(F, n, callee, self, md);
}

/* Make room for `need` keyword arguments (the first `n` kept); *kwn / *kwv start as the caller's
 * buffers (kwn_buf, beside kwv_buf). */
static bool grow_kwargs(Interp *I, Str ***kwn, Value **kwv, Str **kwn_buf, int *cap, int n, int need) {
    if (need <= *cap) return true;
    int nc = *cap;
    while (nc < need) nc *= 2;
    Str **nn = mem_alloc(sizeof(Str *) * (size_t)nc);
    Value *nv = mem_alloc(sizeof(Value) * (size_t)nc);
    if (!nn || !nv) {
        mem_free(nn, nn ? sizeof(Str *) * (size_t)nc : 0);
        mem_free(nv, nv ? sizeof(Value) * (size_t)nc : 0);
        err_nomem(I);
        return false;
    }
    memcpy(nn, *kwn, sizeof(Str *) * (size_t)n);
    memcpy(nv, *kwv, sizeof(Value) * (size_t)n);
    if (*kwn != kwn_buf) {
        mem_free(*kwn, sizeof(Str *) * (size_t)*cap);
        mem_free(*kwv, sizeof(Value) * (size_t)*cap);
    }
    *kwn = nn;
    *kwv = nv;
    *cap = nc;
    return true;
}

/* "__main__.f()" / "print()": how CPython names the callee in keyword-unpacking errors. */
static void callee_name(StrBuf *sb, Value callee, const MethodDef *md) {
    if (md) sb_printf(sb, "%s()", md->name);
    else if (IS_A(callee, func_class))
        sb_printf(sb, "%s.%s()", ((Func *)AS_OBJ(callee))->globals->name->data, ((Func *)AS_OBJ(callee))->qualname->data);
    else if (IS_A(callee, native_class)) sb_printf(sb, "%s()", ((Native *)AS_OBJ(callee))->def->name);
    else sb_printf(sb, "%s object", val_type_name(callee));
}

static void multiple_kw_error(Interp *I, Value callee, const MethodDef *md, Str *name) {
    StrBuf sb;
    sb_init(&sb);
    callee_name(&sb, callee, md);
    err_raise(I, EXC_TypeError, "%s got multiple values for keyword argument '%s'", sb.data ? sb.data : "", name->data);
    sb_free(&sb);
}

/* f(**m): append m's pairs to the keyword arguments (room is kept for `later` more). */
static bool expand_kwargs(Frame *F, Node *n, Value callee, const MethodDef *md, Value m, Str ***kwn, Value **kwv,
                          Str **kwn_buf, int *cap, int *nkw, int later) {
    Interp *I = F->I;
    if (!IS_A(m, dict_class)) {
        StrBuf sb;
        sb_init(&sb);
        callee_name(&sb, callee, md);
        set_loc(F, n);
        err_raise(I, EXC_TypeError, "%s argument after ** must be a mapping, not %s", sb.data ? sb.data : "", val_type_name(m));
        sb_free(&sb);
        return false;
    }
    Dict *d = (Dict *)AS_OBJ(m);
    if (!grow_kwargs(I, kwn, kwv, kwn_buf, cap, *nkw, *nkw + (int)d->len + later)) return false;
    for (int64_t i = 0; i < d->nentries; i++) {
        Value k = d->entries[i].key;
        if (IS_UNDEF(k)) continue;
        set_loc(F, n);
        if (!IS_A(k, str_class)) { err_raise(I, EXC_TypeError, "keywords must be strings"); return false; }
        Str *name = (Str *)AS_OBJ(k);
        for (int j = 0; j < *nkw; j++)
            if (str_eq((*kwn)[j], name)) { multiple_kw_error(I, callee, md, name); return false; }
        obj_incref((Obj *)name);
        (*kwn)[*nkw] = name;
        (*kwv)[(*nkw)++] = val_incref(d->entries[i].val);
    }
    return true;
}

/* The general call: keywords, *args, natives, bound methods. Consumes callee and self. */
__attribute__((noinline))
static Value call_general(Frame *F, Node *n, Value callee, Value self, const MethodDef *md) {
    Interp *I = F->I;
    int nargs = n->u.call.args.n, nkw = n->u.call.nkw;
    Value abuf[ARGBUF + 1];
    Value *args = abuf;
    int acap = ARGBUF + 1, argc = 0;
    Str *kwn_buf[ARGBUF];
    Value kwv_buf[ARGBUF];
    Str **kwn = kwn_buf;
    Value *kwv = kwv_buf;
    int nkw_done = 0, kwcap = ARGBUF;
    bool expanded = false;
    Value result = VAL_ERR;
    if (nkw > ARGBUF && !grow_kwargs(I, &kwn, &kwv, kwn_buf, &kwcap, 0, nkw)) goto cleanup;
    if (nargs + 1 > acap) {
        args = mem_alloc(sizeof(Value) * (size_t)(nargs + 1));
        if (!args) { args = abuf; err_nomem(I); goto cleanup; }
        acap = nargs + 1;
    }
    if (md) args[argc++] = val_incref(self);
    for (int i = 0; i < nargs; i++) {
        Value v = eval(F, n->u.call.args.items[i]);
        if (IS_ERR(v)) goto cleanup;
        args[argc++] = v;
    }
    Node *star_one = n->u.call.star;
    NodeList star_items = {0, NULL};
    if (star_one && star_one->kind == N_STARRED) { /* f(*a, b, *c): parser marker, see parse_call */
        star_items = star_one->u.starred.value->u.seq.elts;
        star_one = NULL;
    }
    for (int si = 0; si < star_items.n || star_one; si++) {
        Node *sn = star_one;
        bool expand = true;
        if (!sn) {
            sn = star_items.items[si];
            if (sn->kind == N_STARRED) sn = sn->u.starred.value;
            else expand = false;
        }
        star_one = NULL;
        Value sv = eval(F, sn);
        if (IS_ERR(sv)) goto cleanup;
        if (!expand) {
            if (argc == acap) {
                int nc = acap * 2;
                Value *na = mem_alloc(sizeof(Value) * (size_t)nc);
                if (!na) { val_decref(sv); err_nomem(I); goto cleanup; }
                memcpy(na, args, sizeof(Value) * (size_t)argc);
                if (args != abuf) mem_free(args, sizeof(Value) * (size_t)acap);
                args = na;
                acap = nc;
            }
            args[argc++] = sv;
            continue;
        }
        It it;
        if (!it_begin(I, sv, &it)) {
            if (err_is(I, EXC_TypeError) && !(IS_OBJ(sv) && AS_OBJ(sv)->cls->iter))
                err_raise(I, EXC_TypeError, "Value after * must be an iterable, not %s", val_type_name(sv));
            val_decref(sv);
            goto cleanup;
        }
        for (;;) {
            Value x;
            int r = it_next(I, &it, &x);
            if (r < 0) { it_end(&it); val_decref(sv); goto cleanup; }
            if (r == 0) break;
            if (argc == acap) {
                int nc = acap * 2;
                Value *na = mem_alloc(sizeof(Value) * (size_t)nc);
                if (!na) { val_decref(x); it_end(&it); val_decref(sv); err_nomem(I); goto cleanup; }
                memcpy(na, args, sizeof(Value) * (size_t)argc);
                if (args != abuf) mem_free(args, sizeof(Value) * (size_t)acap);
                args = na;
                acap = nc;
            }
            args[argc++] = x;
        }
        it_end(&it);
        val_decref(sv);
    }
    for (int i = 0; i < nkw; i++) {
        Value v = eval(F, n->u.call.kws[i].value);
        if (IS_ERR(v)) goto cleanup;
        if (!n->u.call.kws[i].name) { /* f(**m) */
            expanded = true;
            bool ok = expand_kwargs(F, n, callee, md, v, &kwn, &kwv, kwn_buf, &kwcap, &nkw_done, nkw - i - 1);
            val_decref(v);
            if (!ok) goto cleanup;
            continue;
        }
        for (int j = 0; j < nkw_done; j++)
            /* literal names are interned (the parser rejects repeats); names from a ** mapping may not be */
            if (kwn[j] == n->u.call.kws[i].name || (expanded && str_eq(kwn[j], n->u.call.kws[i].name))) {
                val_decref(v);
                multiple_kw_error(I, callee, md, kwn[j]);
                goto cleanup;
            }
        kwn[nkw_done] = n->u.call.kws[i].name;
        obj_incref((Obj *)kwn[nkw_done]);
        kwv[nkw_done++] = v;
    }
    KwArgs kw = {.n = nkw_done, .names = kwn, .vals = kwv};
    set_loc(F, n);
    if (check_interrupt(I)) goto cleanup;
    if (md) result = md->fn(I, argc, args, nkw_done ? &kw : NULL);
    else result = val_call(I, callee, argc, args, nkw_done ? &kw : NULL);
cleanup:
    for (int i = 0; i < argc; i++) val_decref(args[i]);
    for (int i = 0; i < nkw_done; i++) { val_decref(kwv[i]); obj_decref((Obj *)kwn[i]); }
    if (args != abuf) mem_free(args, sizeof(Value) * (size_t)acap);
    if (kwn != kwn_buf) { mem_free(kwn, sizeof(Str *) * (size_t)kwcap); mem_free(kwv, sizeof(Value) * (size_t)kwcap); }
    val_decref(self);
    val_decref(callee);
    return result;
}

/* ---- expression dispatch ------------------------------------------------------------- */
static Value eval_inner(Frame *F, Node *n) {
    Interp *I = F->I;
    switch (n->kind) {
    case N_CONST: return val_incref(n->u.constant.value);
    case N_NAME: return load_name(F, n);
    case N_BINOP: {
        Value a = eval(F, n->u.binop.left);
        if (IS_ERR(a)) return a;
        Value b = eval(F, n->u.binop.right);
        if (IS_ERR(b)) { val_decref(a); return b; }
        Value r = binop_values(F, n, n->u.binop.op, a, b);
        val_decref(a);
        val_decref(b);
        return r;
    }
    case N_UNOP: {
        if (n->u.unop.op == UN_NOT) {
            int t = eval_cond(F, n->u.unop.operand);
            return t < 0 ? VAL_ERR : val_bool(!t);
        }
        Value a = eval(F, n->u.unop.operand);
        if (IS_ERR(a)) return a;
        if (n->u.unop.op == UN_NEG) {
            if (a.kind == V_INT && a.as.i != INT64_MIN) return val_int(-a.as.i);
            if (a.kind == V_FLOAT) return val_float(-a.as.f);
        } else if (n->u.unop.op == UN_POS && (a.kind == V_INT || a.kind == V_FLOAT)) {
            return a;
        }
        set_loc(F, n);
        Value r = val_unop(I, n->u.unop.op, a);
        val_decref(a);
        return r;
    }
    case N_BOOLOP: {
        Value a = eval(F, n->u.boolop.left);
        if (IS_ERR(a)) return a;
        int t = truth(I, a);
        if (t < 0) { val_decref(a); return VAL_ERR; }
        if (n->u.boolop.is_and ? !t : t) return a;
        val_decref(a);
        return eval(F, n->u.boolop.right);
    }
    case N_COMPARE: return eval_compare(F, n);
    case N_CALL: return eval_call(F, n);
    case N_ATTR: {
        Value o = eval(F, n->u.attr.obj);
        if (IS_ERR(o)) return o;
        if (IS_A(o, module_class)) {
            Value v = module_member(n, (Module *)AS_OBJ(o));
            if (!IS_UNDEF(v)) { val_incref(v); val_decref(o); return v; }
        }
        set_loc(F, n);
        Value r = eval_getattr(I, o, n->u.attr.attr);
        val_decref(o);
        return r;
    }
    case N_SUBSCRIPT: {
        Value o = eval(F, n->u.subscript.obj);
        if (IS_ERR(o)) return o;
        Value k = eval(F, n->u.subscript.index);
        if (IS_ERR(k)) { val_decref(o); return k; }
        if (k.kind == V_INT && IS_OBJ(o) && AS_OBJ(o)->cls == &list_class) {
            List *l = (List *)AS_OBJ(o);
            int64_t i = k.as.i < 0 ? k.as.i + l->len : k.as.i;
            if (i >= 0 && i < l->len) {
                Value r = val_incref(l->items[i]);
                val_decref(o);
                return r;
            }
        }
        set_loc(F, n);
        Value r = val_getitem(I, o, k);
        val_decref(o);
        val_decref(k);
        return r;
    }
    case N_SLICE: return make_slice(F, n);
    case N_LIST: case N_TUPLE: return eval_seq(F, n);
    case N_DICT: return eval_dict(F, n);
    case N_SET: return eval_set(F, n);
    case N_IFEXP: {
        int t = eval_cond(F, n->u.ifexp.cond);
        if (t < 0) return VAL_ERR;
        return eval(F, t ? n->u.ifexp.then : n->u.ifexp.else_);
    }
    case N_FSTRING: {
        StrBuf sb;
        sb_init(&sb);
        if (!fstring_into(F, n, &sb)) { sb_free(&sb); return VAL_ERR; }
        if (sb.oom) { sb_free(&sb); return err_nomem(I); }
        if (!sb.data) return val_str(I, "", 0);
        return sb_to_str(I, &sb);
    }
    case N_LISTCOMP: case N_DICTCOMP: case N_SETCOMP: return eval_comp(F, n);
    case N_GENEXP: return eval_genexp(F, n);
    case N_LAMBDA: return make_func(F, n);
    case N_NAMEDEXPR: {
        Value v = eval(F, n->u.named.value);
        if (IS_ERR(v)) return v;
        if (!assign(F, n->u.named.target, v)) { val_decref(v); return VAL_ERR; }
        return v;
    }
    case N_STARRED:
        return err_raise(I, EXC_SyntaxError, "can't use starred expression here");
    default:
        return err_raise(I, EXC_SyntaxError, "'%s' is not an expression", ast_kind_name[n->kind]);
    }
}

static inline Value eval(Frame *F, Node *n) {
    Value v = eval_inner(F, n);
    if (UNLIKELY(IS_ERR(v))) note(F, n);
    return v;
}

/* ---- statements ---------------------------------------------------------------------- */
static Value inplace(Frame *F, Node *n, BinOp op, Value cur, Value v) {
    if (IS_OBJ(cur) && AS_OBJ(cur)->cls->ibinop) {
        set_loc(F, n);
        Value r = AS_OBJ(cur)->cls->ibinop(F->I, op, cur, v);
        if (!IS_NOTIMPL(r)) return r;
    }
    Value r = binop_values(F, n, op, cur, v);
    /* CPython names the augmented operator: "unsupported operand type(s) for +=: ..." */
    static const char pre[] = "unsupported operand type(s) for ";
    char *m = F->I->err.msg;
    if (IS_ERR(r) && F->I->err.kind == EXC_TypeError && m && strncmp(m, pre, sizeof pre - 1) == 0) {
        char *sym = m + sizeof pre - 1, *colon = strstr(sym, ": ");
        if (colon) {
            const char *opname = strncmp(sym, "** or pow()", 11) == 0 ? "**" : NULL;
            size_t oplen = opname ? 2 : (size_t)(colon - sym);
            size_t tail = strlen(colon), len = (size_t)(sym - m) + oplen + 1 + tail;
            char *nm = mem_strndup(m, len);
            if (nm) {
                memcpy(nm + (sym - m), opname ? opname : sym, oplen);
                nm[(sym - m) + oplen] = '=';
                memcpy(nm + (sym - m) + oplen + 1, colon, tail + 1);
                mem_strfree(m);
                F->I->err.msg = nm;
            }
        }
    }
    return r;
}

static Flow exec_augassign(Frame *F, Node *n) {
    Interp *I = F->I;
    Node *t = n->u.augassign.target;
    BinOp op = n->u.augassign.op;
    switch (t->kind) {
    case N_NAME: {
        Value cur = load_name(F, t);
        if (IS_ERR(cur)) { note(F, t); return FL_ERR; }
        Value v = eval(F, n->u.augassign.value);
        if (IS_ERR(v)) { val_decref(cur); return FL_ERR; }
        Value r = inplace(F, n, op, cur, v);
        val_decref(cur);
        val_decref(v);
        if (IS_ERR(r)) return FL_ERR;
        bool ok = store_name(F, t, r);
        val_decref(r);
        return ok ? FL_NEXT : FL_ERR;
    }
    case N_ATTR: {
        Value o = eval(F, t->u.attr.obj);
        if (IS_ERR(o)) return FL_ERR;
        set_loc(F, t);
        Value cur = eval_getattr(I, o, t->u.attr.attr);
        if (IS_ERR(cur)) { val_decref(o); note(F, t); return FL_ERR; }
        Value v = eval(F, n->u.augassign.value);
        if (IS_ERR(v)) { val_decref(cur); val_decref(o); return FL_ERR; }
        Value r = inplace(F, n, op, cur, v);
        val_decref(cur);
        val_decref(v);
        bool ok = !IS_ERR(r) && set_attr(I, o, t->u.attr.attr, r);
        val_decref(r);
        val_decref(o);
        return ok ? FL_NEXT : FL_ERR;
    }
    case N_SUBSCRIPT: {
        Value o = eval(F, t->u.subscript.obj);
        if (IS_ERR(o)) return FL_ERR;
        Value k = eval(F, t->u.subscript.index);
        if (IS_ERR(k)) { val_decref(o); return FL_ERR; }
        set_loc(F, t);
        Value cur = val_getitem(I, o, k);
        if (IS_ERR(cur)) { val_decref(o); val_decref(k); note(F, t); return FL_ERR; }
        Value v = eval(F, n->u.augassign.value);
        bool ok = false;
        if (!IS_ERR(v)) {
            Value r = inplace(F, n, op, cur, v);
            if (!IS_ERR(r)) {
                set_loc(F, t);
                ok = val_setitem(I, o, k, r);
                val_decref(r);
            }
            val_decref(v);
        }
        val_decref(cur);
        val_decref(o);
        val_decref(k);
        return ok ? FL_NEXT : FL_ERR;
    }
    default:
        err_raise(I, EXC_SyntaxError, "'%s' is an illegal expression for augmented assignment", ast_kind_name[t->kind]);
        return FL_ERR;
    }
}

static Flow exec_for(Frame *F, Node *n) {
    Interp *I = F->I;
    Value iterable = eval(F, n->u.for_.iter);
    if (IS_ERR(iterable)) return FL_ERR;
    It it;
    if (!it_begin(I, iterable, &it)) { val_decref(iterable); note(F, n->u.for_.iter); return FL_ERR; }
    Flow fl = FL_NEXT;
    bool broke = false;
    Node *target = n->u.for_.target;
    bool local_target = target->kind == N_NAME && target->u.name.scope == SCOPE_LOCAL;
    for (;;) {
        if (UNLIKELY(check_interrupt(I))) { note(F, n); fl = FL_ERR; break; }
        if (UNLIKELY(I->gc_due)) gc_collect(I);
        Value x;
        int r = it_next(I, &it, &x);
        if (r < 0) { note(F, n->u.for_.iter); fl = FL_ERR; break; }
        if (r == 0) break;
        if (local_target) {
            replace(&F->locals[target->u.name.slot], x);
        } else {
            bool ok = assign(F, target, x);
            val_decref(x);
            if (!ok) { fl = FL_ERR; break; }
        }
        fl = exec_block(F, &n->u.for_.body);
        if (fl == FL_BREAK) { broke = true; fl = FL_NEXT; break; }
        if (fl == FL_CONTINUE) { fl = FL_NEXT; continue; }
        if (fl != FL_NEXT) break;
    }
    it_end(&it);
    val_decref(iterable);
    if (fl == FL_NEXT && !broke) fl = exec_block(F, &n->u.for_.orelse);
    return fl;
}

static Flow exec_while(Frame *F, Node *n) {
    Interp *I = F->I;
    for (;;) {
        if (UNLIKELY(check_interrupt(I))) { note(F, n); return FL_ERR; }
        if (UNLIKELY(I->gc_due)) gc_collect(I);
        int t = eval_cond(F, n->u.while_.cond);
        if (t < 0) return FL_ERR;
        if (!t) break;
        Flow fl = exec_block(F, &n->u.while_.body);
        if (fl == FL_BREAK) return FL_NEXT;
        if (fl == FL_CONTINUE || fl == FL_NEXT) continue;
        return fl;
    }
    return exec_block(F, &n->u.while_.orelse);
}

/* A context manager of an ag class sees the exception: __exit__(type, value, None); a true
 * result suppresses it, an error in __exit__ replaces it (with it as __context__). */
static Flow exit_with_exception(Frame *F, Node *n, Value ctx) {
    Interp *I = F->I;
    exc_set_context(I, ES(I)->handling);
    Value exc = exc_take(I);
    if (IS_ERR(exc)) return FL_ERR;
    Value args[3] = {eval_type_of(I, exc), exc, VAL_NONE};
    Value r = IS_ERR(args[0]) ? VAL_ERR : eval_call_method(I, ctx, "__exit__", 3, args, NULL);
    val_decref(args[0]);
    int t = IS_ERR(r) ? -1 : truth(I, r);
    val_decref(r);
    Flow fl = FL_NEXT;
    if (t < 0) {
        exc_set_context(I, exc);
        note(F, n->u.with.ctx);
        fl = FL_ERR;
    } else if (!t) {
        exc_set_pending(I, exc, true);
        fl = FL_ERR;
    }
    val_decref(exc);
    return fl;
}

static Flow exec_with(Frame *F, Node *n) {
    Interp *I = F->I;
    Value ctx = eval(F, n->u.with.ctx);
    if (IS_ERR(ctx)) return FL_ERR;
    const ObjClass *cls = IS_OBJ(ctx) ? AS_OBJ(ctx)->cls : NULL;
    if (!cls || !cls->enter || !cls->exit) {
        err_raise(I, EXC_TypeError, "'%s' object does not support the context manager protocol", val_type_name(ctx));
        val_decref(ctx);
        note(F, n->u.with.ctx);
        return FL_ERR;
    }
    set_loc(F, n->u.with.ctx);
    Value entered = cls->enter(I, ctx);
    if (IS_ERR(entered)) { val_decref(ctx); note(F, n->u.with.ctx); return FL_ERR; }
    Flow fl = FL_NEXT;
    if (n->u.with.target && !assign(F, n->u.with.target, entered)) fl = FL_ERR;
    val_decref(entered);
    if (fl == FL_NEXT) fl = exec_block(F, &n->u.with.body);
    if (fl == FL_ERR && IS_INSTANCE(ctx)) {
        fl = exit_with_exception(F, n, ctx);
    } else if (fl == FL_ERR) {
        /* exit runs on error too; the body's error stays the one reported */
        Err saved = I->err;
        memset(&I->err, 0, sizeof I->err);
        cls->exit(I, ctx);
        if (I->err.pending) err_clear(I);
        I->err = saved;
    } else if (!cls->exit(I, ctx)) {
        note(F, n->u.with.ctx);
        fl = FL_ERR;
    }
    val_decref(ctx);
    return fl;
}

/* After a handler, Python 3 deletes its `as` name; an error on its way out is kept meanwhile. */
static void unbind_handler_name(Frame *F, Node *name) {
    Interp *I = F->I;
    Err saved = I->err;
    memset(&I->err, 0, sizeof I->err);
    if (!del_name(F, name)) err_clear(I); /* already unbound by the handler itself */
    I->err = saved;
}

/* Run body with exc as the exception being handled (bare `raise`, and the __context__ of
 * whatever the body raises). exc is borrowed; the caller keeps it alive. */
static Flow exec_handling(Frame *F, NodeList *body, Value exc) {
    EvalState *es = ES(F->I);
    Value outer = es->handling;
    es->handling = exc;
    Flow fl = exec_block(F, body);
    es->handling = outer;
    if (fl == FL_ERR) exc_set_context(F->I, exc);
    return fl;
}

/* The except clauses for exc (owned by the caller): the first whose class matches runs. */
static Flow exec_handlers(Frame *F, Node *n, Value exc) {
    Interp *I = F->I;
    for (int i = 0; i < n->u.try_.nhandlers; i++) {
        Handler *h = &n->u.try_.handlers[i];
        if (h->type) {
            Value cls = eval(F, h->type);
            if (IS_ERR(cls)) { exc_set_context(I, exc); return FL_ERR; }
            int m = exc_match(I, exc, cls);
            val_decref(cls);
            if (m < 0) { note(F, h->type); exc_set_context(I, exc); return FL_ERR; }
            if (!m) continue;
        }
        if (h->name && !assign(F, h->name, exc)) { exc_set_context(I, exc); return FL_ERR; }
        Flow fl = exec_handling(F, &h->body, exc);
        if (h->name) unbind_handler_name(F, h->name);
        return fl;
    }
    exc_set_pending(I, exc, true); /* no clause matched: it goes on with its call chain */
    return FL_ERR;
}

/* try: body / except ... / else / finally. The finally block runs however the rest ended;
 * if it ends normally, that ending (return value, break, the pending exception) stands. */
static Flow exec_try(Frame *F, Node *n) {
    Interp *I = F->I;
    Flow fl = exec_block(F, &n->u.try_.body);
    if (fl == FL_ERR && n->u.try_.nhandlers) {
        exc_set_context(I, ES(I)->handling); /* raised inside an outer handler */
        Value exc = exc_take(I);
        if (!IS_ERR(exc)) {
            fl = exec_handlers(F, n, exc);
            val_decref(exc);
        }
    } else if (fl == FL_NEXT) {
        fl = exec_block(F, &n->u.try_.orelse);
    }
    if (!n->u.try_.finalbody.n) return fl;
    Value exc = VAL_UNDEF;
    if (fl == FL_ERR) {
        exc = exc_take(I);
        if (IS_ERR(exc)) return FL_ERR;
    }
    Flow fin = IS_UNDEF(exc) ? exec_block(F, &n->u.try_.finalbody) : exec_handling(F, &n->u.try_.finalbody, exc);
    if (fin == FL_NEXT && !IS_UNDEF(exc)) exc_set_pending(I, exc, true);
    val_decref(exc);
    return fin == FL_NEXT ? fl : fin;
}

/* An exception object from what `raise` was given: an instance, or a class to call. */
static Value exception_from(Interp *I, Value v, bool cause) {
    if (IS_A(v, exc_class)) return val_incref(v);
    if (exc_is_class(v)) {
        Value e = val_call(I, v, 0, NULL, NULL);
        if (IS_ERR(e) || IS_A(e, exc_class)) return e;
        val_decref(e);
    }
    if (cause && IS_NONE(v)) return VAL_NONE;
    return err_raise(I, EXC_TypeError, cause ? "exception causes must derive from BaseException"
                                             : "exceptions must derive from BaseException");
}

/* raise_stmt: 'raise' [expression ['from' expression]] */
static Flow exec_raise(Frame *F, Node *n) {
    Interp *I = F->I;
    EvalState *es = ES(I);
    if (!n->u.raise.exc) { /* re-raise what is being handled, with its call chain */
        if (IS_UNDEF(es->handling)) {
            err_raise(I, EXC_RuntimeError, "No active exception to reraise");
            note(F, n);
            return FL_ERR;
        }
        exc_set_pending(I, es->handling, true);
        return FL_ERR;
    }
    Value v = eval(F, n->u.raise.exc);
    if (IS_ERR(v)) return FL_ERR;
    Value e = exception_from(I, v, false);
    val_decref(v);
    if (IS_ERR(e)) { note(F, n->u.raise.exc); return FL_ERR; }
    if (n->u.raise.cause) {
        Value c = eval(F, n->u.raise.cause);
        if (IS_ERR(c)) { val_decref(e); return FL_ERR; }
        Value ce = exception_from(I, c, true);
        val_decref(c);
        if (IS_ERR(ce)) { val_decref(e); note(F, n->u.raise.cause); return FL_ERR; }
        ExcObj *x = (ExcObj *)AS_OBJ(e);
        val_decref(x->cause);
        x->cause = ce;
        x->suppress_context = true;
    }
    /* an exception raised again keeps its chain, and this line goes on top of it (as CPython) */
    exc_set_pending(I, e, true);
    val_decref(e);
    I->err.located = false;
    exc_set_context(I, es->handling);
    note(F, n);
    return FL_ERR;
}

static Flow exec_del(Frame *F, Node *t) {
    Interp *I = F->I;
    switch (t->kind) {
    case N_NAME: return del_name(F, t) ? FL_NEXT : (note(F, t), FL_ERR);
    case N_TUPLE: case N_LIST:
        for (int i = 0; i < t->u.seq.elts.n; i++)
            if (exec_del(F, t->u.seq.elts.items[i]) != FL_NEXT) return FL_ERR;
        return FL_NEXT;
    case N_SUBSCRIPT: {
        Value o = eval(F, t->u.subscript.obj);
        if (IS_ERR(o)) return FL_ERR;
        Value k = eval(F, t->u.subscript.index);
        if (IS_ERR(k)) { val_decref(o); return FL_ERR; }
        bool ok;
        if (IS_OBJ(o) && AS_OBJ(o)->cls->delitem) ok = AS_OBJ(o)->cls->delitem(I, o, k);
        else { err_raise(I, EXC_TypeError, "'%s' object doesn't support item deletion", val_type_name(o)); ok = false; }
        val_decref(o);
        val_decref(k);
        if (!ok) { note(F, t); return FL_ERR; }
        return FL_NEXT;
    }
    case N_ATTR: {
        Value o = eval(F, t->u.attr.obj);
        if (IS_ERR(o)) return FL_ERR;
        bool ok;
        if (IS_INSTANCE(o) || IS_CLASS(o)) ok = cls_delattr(I, o, t->u.attr.attr);
        else { err_raise(I, EXC_AttributeError, "cannot delete attribute '%s'", t->u.attr.attr->data); ok = false; }
        val_decref(o);
        if (!ok) { note(F, t); return FL_ERR; }
        return FL_NEXT;
    }
    default:
        err_raise(I, EXC_SyntaxError, "cannot delete expression");
        note(F, t);
        return FL_ERR;
    }
}

static Flow exec_import(Frame *F, Node *n) {
    Interp *I = F->I;
    for (int i = 0; i < n->u.import.n; i++) {
        ImportName *in = &n->u.import.names[i];
        set_loc(F, n);
        Value m = in->asname ? import_dotted(I, in->name) : import_top(I, in->name);
        if (IS_ERR(m)) { note(F, n); return FL_ERR; }
        Str *bind = in->asname;
        bool ok;
        if (!bind) {
            const char *dot = strchr(in->name->data, '.');
            if (dot) {
                bind = str_intern(I, in->name->data, (size_t)(dot - in->name->data));
                ok = bind && bind_by_name(F, bind, m);
                if (bind) obj_decref((Obj *)bind);
                val_decref(m);
                if (!ok) { note(F, n); return FL_ERR; }
                continue;
            }
            bind = in->name;
        }
        ok = bind_by_name(F, bind, m);
        val_decref(m);
        if (!ok) { note(F, n); return FL_ERR; }
    }
    return FL_NEXT;
}

static Flow exec_from_import(Frame *F, Node *n) {
    Interp *I = F->I;
    set_loc(F, n);
    Value m = import_dotted(I, n->u.from_import.module);
    if (IS_ERR(m)) { note(F, n); return FL_ERR; }
    for (int i = 0; i < n->u.from_import.n; i++) {
        ImportName *in = &n->u.from_import.names[i];
        if (strcmp(in->name->data, "*") == 0) {
            if (!IS_A(m, module_class)) continue;
            Module *mm = (Module *)AS_OBJ(m);
            for (int s = 0; s < mm->nslots; s++) {
                if (IS_UNDEF(mm->slots[s]) || mm->slot_names[s]->data[0] == '_') continue;
                if (!bind_by_name(F, mm->slot_names[s], mm->slots[s])) { val_decref(m); note(F, n); return FL_ERR; }
            }
            continue;
        }
        Value v;
        if (IS_A(m, module_class)) {
            v = module_get((Module *)AS_OBJ(m), in->name);
            if (IS_UNDEF(v)) {
                Module *mm = (Module *)AS_OBJ(m);
                err_raise(I, EXC_ImportError, "cannot import name '%s' from '%s'", in->name->data, mm->name->data);
                val_decref(m);
                note(F, n);
                return FL_ERR;
            }
            val_incref(v);
        } else {
            v = eval_getattr(I, m, in->name);
            if (IS_ERR(v)) { val_decref(m); note(F, n); return FL_ERR; }
        }
        bool ok = bind_by_name(F, in->asname ? in->asname : in->name, v);
        val_decref(v);
        if (!ok) { val_decref(m); note(F, n); return FL_ERR; }
    }
    val_decref(m);
    return FL_NEXT;
}

/* Decorators: evaluated first (outermost first), applied innermost first to v (consumed). */
static bool eval_decos(Frame *F, NodeList *decos, Value *out) {
    for (int i = 0; i < decos->n; i++) {
        out[i] = eval(F, decos->items[i]);
        if (IS_ERR(out[i])) {
            for (int j = 0; j < i; j++) val_decref(out[j]);
            return false;
        }
    }
    return true;
}
static Value apply_decos(Frame *F, NodeList *decos, Value *d, Value v) {
    for (int i = decos->n - 1; i >= 0; i--) {
        if (!IS_ERR(v)) {
            set_loc(F, decos->items[i]);
            Value r = val_call(F->I, d[i], 1, &v, NULL);
            val_decref(v);
            v = r;
            if (IS_ERR(v)) note(F, decos->items[i]);
        }
        val_decref(d[i]);
    }
    return v;
}

/* def under decorators: f = d1(d2(function)) */
static Flow exec_decorated_def(Frame *F, Node *n) {
    NodeList *decos = &n->u.def.decos;
    Value dbuf[8];
    Value *d = decos->n <= 8 ? dbuf : mem_alloc(sizeof(Value) * (size_t)decos->n);
    if (!d) { err_nomem(F->I); return FL_ERR; }
    Flow fl = FL_ERR;
    if (eval_decos(F, decos, d)) {
        Value f = make_func(F, n);
        if (IS_ERR(f)) {
            note(F, n);
            for (int i = 0; i < decos->n; i++) val_decref(d[i]);
        } else {
            f = apply_decos(F, decos, d, f);
            if (!IS_ERR(f)) {
                fl = assign(F, n->u.def.target, f) ? FL_NEXT : FL_ERR;
                val_decref(f);
            }
        }
    }
    if (d != dbuf) mem_free(d, sizeof(Value) * (size_t)decos->n);
    return fl;
}

/* class Name(bases): body -- the body runs once in a frame of its own; what it binds becomes
 * the class's dict (with __module__ and __doc__), then the decorators apply. */
static Flow exec_class(Frame *F, Node *n) {
    Interp *I = F->I;
    NodeList *decos = &n->u.class_.decos, *bases = &n->u.class_.bases;
    int nd = decos->n, nb = bases->n, nv = nd + nb;
    FuncInfo *fi = &n->u.class_.info;
    int nl = fi->nlocals;
    Value vbuf[8];
    Value *vals = nv <= 8 ? vbuf : mem_alloc(sizeof(Value) * (size_t)nv);
    Value *locals = nl ? mem_alloc(sizeof(Value) * (size_t)nl) : NULL;
    Cell **free = NULL, *cell = NULL;
    Str *qual = NULL;
    Dict *d = NULL, *ann = NULL;
    Value klass = VAL_ERR;
    int got = 0;
    Flow fl = FL_ERR;
    if (!vals || (nl && !locals)) { err_nomem(I); goto out; }
    for (int i = 0; i < nl; i++) locals[i] = VAL_UNDEF;
    if (!eval_decos(F, decos, vals)) goto out;
    got = nd;
    for (int i = 0; i < nb; i++, got++) {
        vals[nd + i] = eval(F, bases->items[i]);
        if (IS_ERR(vals[nd + i])) goto out;
    }
    if (!keep_ast(F)) { err_nomem(I); goto out; } /* the methods' nodes live in this Ast */
    if (fi->nfree && !(free = capture_cells(F, fi))) goto out;
    if (!(cell = cell_new(I, VAL_UNDEF))) goto out;
    if (F->qualname) {
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, F->is_class ? "%s.%s" : "%s.<locals>.%s", F->qualname->data, n->u.class_.name->data);
        Value q = sb_to_str(I, &sb);
        if (IS_ERR(q)) goto out;
        qual = (Str *)AS_OBJ(q);
    } else {
        qual = n->u.class_.name;
        obj_incref((Obj *)qual);
    }
    {
        char probe;
        if (I->depth >= I->recursion_limit || (I->stack_base && (size_t)(I->stack_base - &probe) > I->stack_budget)) {
            err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded");
            goto out;
        }
        Frame C = {.I = I, .locals = locals, .free = free, .mod = F->mod, .info = fi, .src = F->src,
                   .fname = n->u.class_.name, .qualname = qual, .ret = VAL_NONE, .is_class = true, .fn = NULL,
                   .class_cell = cell};
        I->depth++;
        Flow bf = exec_block(&C, &n->u.class_.body);
        I->depth--;
        val_decref(C.ret);
        ann = C.annotations;
        if (bf == FL_ERR) { I->err.located = false; goto out; }
    }
    if (!(d = dict_new(I))) goto out;
    if (ann) {
        Str *k = str_intern(I, "__annotations__", 15);
        bool ok = k && dict_set(I, d, val_obj(k), val_obj(ann));
        if (k) obj_decref((Obj *)k);
        if (!ok) goto out;
    }
    {
        Value mn = val_obj(F->mod->name);
        Value doc = n->u.class_.doc ? val_obj(n->u.class_.doc) : VAL_NONE;
        Str *k_mod = str_intern(I, "__module__", 10), *k_doc = str_intern(I, "__doc__", 7);
        bool ok = k_mod && k_doc && dict_set(I, d, val_obj(k_mod), mn) && dict_set(I, d, val_obj(k_doc), doc);
        if (k_mod) obj_decref((Obj *)k_mod);
        if (k_doc) obj_decref((Obj *)k_doc);
        if (!ok) goto out;
    }
    for (int i = 0; i < nl; i++) {
        Value v = locals[i]; /* never a cell: inner scopes do not see a class body's names */
        if (IS_UNDEF(v)) continue;
        if (!dict_set(I, d, val_obj(fi->local_names[i]), v)) goto out;
    }
    klass = cls_new(I, n->u.class_.name, qual, F->mod->name, nb, vals + nd, d);
    if (IS_ERR(klass)) { note(F, n); goto out; }
    cell->v = val_incref(klass);
    for (int i = 0; i < nb; i++) val_decref(vals[nd + i]);
    got = nd;
    klass = apply_decos(F, decos, vals, klass);
    got = 0;
    if (IS_ERR(klass)) goto out;
    fl = assign(F, n->u.class_.target, klass) ? FL_NEXT : FL_ERR;
    val_decref(klass);
out:
    for (int i = 0; i < got; i++) val_decref(vals[i]);
    if (vals && vals != vbuf) mem_free(vals, sizeof(Value) * (size_t)nv);
    if (locals) {
        for (int i = 0; i < nl; i++) val_decref(locals[i]);
        mem_free(locals, sizeof(Value) * (size_t)nl);
    }
    if (free) {
        for (int i = 0; i < fi->nfree; i++) obj_decref((Obj *)free[i]);
        mem_free(free, sizeof(Cell *) * (size_t)fi->nfree);
    }
    if (cell) obj_decref((Obj *)cell);
    if (qual) obj_decref((Obj *)qual);
    if (d) obj_decref((Obj *)d);
    if (ann) obj_decref((Obj *)ann);
    return fl;
}

static bool echo_value(Interp *I, Value v) {
    if (IS_NONE(v)) return true;
    StrBuf sb;
    sb_init(&sb);
    if (!val_repr(I, &sb, v)) { sb_free(&sb); return false; }
    if (sb.oom) { sb_free(&sb); err_nomem(I); return false; }
    fwrite(sb.data ? sb.data : "", 1, sb.len, stdout);
    fputc('\n', stdout);
    sb_free(&sb);
    return module_set(I, I->main_mod, "_", v);
}

static Flow exec_stmt(Frame *F, Node *n) {
    Interp *I = F->I;
    switch (n->kind) {
    case N_EXPR_STMT: {
        Value v = eval(F, n->u.expr_stmt.expr);
        if (IS_ERR(v)) return FL_ERR;
        if (F->echo && !echo_value(I, v)) { val_decref(v); note(F, n); return FL_ERR; }
        val_decref(v);
        return FL_NEXT;
    }
    case N_ASSIGN: {
        Value v = eval(F, n->u.assign.value);
        if (IS_ERR(v)) return FL_ERR;
        for (int i = 0; i < n->u.assign.ntargets; i++)
            if (!assign(F, n->u.assign.targets[i], v)) { val_decref(v); return FL_ERR; }
        val_decref(v);
        return FL_NEXT;
    }
    case N_AUGASSIGN: {
        Flow fl = exec_augassign(F, n);
        if (fl == FL_ERR) note(F, n);
        return fl;
    }
    case N_IF: {
        int t = eval_cond(F, n->u.if_.cond);
        if (t < 0) return FL_ERR;
        return exec_block(F, t ? &n->u.if_.body : &n->u.if_.orelse);
    }
    case N_WHILE: return exec_while(F, n);
    case N_FOR: return exec_for(F, n);
    case N_RETURN: {
        if (n->u.ret.value) {
            Value v = eval(F, n->u.ret.value);
            if (IS_ERR(v)) return FL_ERR;
            val_decref(F->ret);
            F->ret = v;
        }
        return FL_RETURN;
    }
    case N_CLASS: return exec_class(F, n);
    case N_ANNASSIGN: {
        Node *t = n->u.annassign.target;
        if (!F->fn) { /* module or class level (not a function's body): evaluate the annotation */
            Value a = eval(F, n->u.annassign.annotation);
            if (IS_ERR(a)) return FL_ERR;
            bool ok = true;
            if (F->is_class) {
                if (!F->annotations && !(F->annotations = dict_new(I))) ok = false;
                else ok = dict_set(I, F->annotations, val_obj(t->u.name.id), a);
            }
            val_decref(a);
            if (!ok) return FL_ERR;
        }
        if (!n->u.annassign.value) return FL_NEXT;
        Value v = eval(F, n->u.annassign.value);
        if (IS_ERR(v)) return FL_ERR;
        bool ok = assign(F, t, v);
        val_decref(v);
        return ok ? FL_NEXT : FL_ERR;
    }
    case N_DEF: {
        if (n->u.def.decos.n) return exec_decorated_def(F, n);
        Value f = make_func(F, n);
        if (IS_ERR(f)) { note(F, n); return FL_ERR; }
        bool ok;
        if (n->u.def.target) ok = assign(F, n->u.def.target, f);
        else ok = bind_by_name(F, n->u.def.name, f);
        val_decref(f);
        return ok ? FL_NEXT : FL_ERR;
    }
    case N_PASS: case N_GLOBAL: case N_NONLOCAL: return FL_NEXT;
    case N_BREAK: return FL_BREAK;
    case N_CONTINUE: return FL_CONTINUE;
    case N_WITH: return exec_with(F, n);
    case N_TRY: return exec_try(F, n);
    case N_RAISE: return exec_raise(F, n);
    case N_ASSERT: {
        int t = eval_cond(F, n->u.assert_.test);
        if (t < 0) return FL_ERR;
        if (t) return FL_NEXT;
        if (n->u.assert_.msg) {
            Value m = eval(F, n->u.assert_.msg);
            if (IS_ERR(m)) return FL_ERR;
            Value s = val_to_str(I, m);
            val_decref(m);
            if (IS_ERR(s)) { note(F, n); return FL_ERR; }
            err_raise(I, EXC_AssertionError, "%s", ((Str *)AS_OBJ(s))->data);
            val_decref(s);
        } else {
            err_raise(I, EXC_AssertionError, "%s", "");
        }
        note(F, n);
        return FL_ERR;
    }
    case N_DEL:
        for (int i = 0; i < n->u.del.n; i++)
            if (exec_del(F, n->u.del.targets[i]) != FL_NEXT) return FL_ERR;
        return FL_NEXT;
    case N_IMPORT: return exec_import(F, n);
    case N_FROM_IMPORT: return exec_from_import(F, n);
    default:
        err_raise(I, EXC_SyntaxError, "unsupported statement '%s'", ast_kind_name[n->kind]);
        note(F, n);
        return FL_ERR;
    }
}

static Flow exec_block(Frame *F, NodeList *body) {
    for (int i = 0; i < body->n; i++) {
        Flow fl = exec_stmt(F, body->items[i]);
        if (UNLIKELY(fl != FL_NEXT)) {
            if (fl == FL_ERR) note(F, body->items[i]);
            return fl;
        }
    }
    return FL_NEXT;
}

/* ---- running modules ------------------------------------------------------------------- */
static void ast_release(Interp *I, Ast *ast, bool keep) {
    if (!keep) { ast_free(ast); return; }
    (void)I;
}

/* Execute a resolved Ast as module code. echo: 0 none, 1 REPL (every expression
 * statement), 2 paste (only the last top-level statement, if an expression).
 * Takes ownership of ast. */
static bool run_ast(Interp *I, Ast *ast, Module *m, int echo) {
    EvalState *es = ES(I);
    Frame F = {.I = I, .locals = NULL, .free = NULL, .mod = m, .info = &ast->info, .src = ast->src,
               .fname = es->s_module, .qualname = NULL, .ast = ast, .ret = VAL_NONE, .echo = echo == 1};
    bool ok = true;
    int nb = ast->body.n;
    for (int i = 0; i < nb; i++) {
        if (echo == 2) F.echo = (i == nb - 1);
        Flow fl = exec_stmt(&F, ast->body.items[i]);
        if (fl == FL_ERR) { note(&F, ast->body.items[i]); ok = false; break; }
    }
    val_decref(F.ret);
    /* F.ast is NULL when a function was made from it (then es->asts owns it) */
    if (F.ast) ast_release(I, ast, false);
    return ok;
}

static void print_syntax(Interp *I, Source *src, SyntaxDiag *d, int n) {
    fflush(stdout);
    for (int i = 0; i < n; i++) diag_print_syntax(stderr, src, &d[i]);
}

bool eval_run_module(Interp *I, Module *m, const char *srcname, const char *text, size_t len) {
    Source *src = src_new(srcname, text, len);
    if (!src) { err_nomem(I); return false; }
    ParseResult pr;
    memset(&pr, 0, sizeof pr);
    ParseStatus st = parse_source(I, src, false, &pr);
    if (st != PARSE_OK) {
        if (pr.ndiags > 0) {
            err_raise(I, pr.diags[0].kind, "%s", pr.diags[0].msg);
            err_add_trace(I, src, pr.diags[0].span, ES(I)->s_module);
            I->err.located = true;
        } else if (!err_pending(I)) {
            err_raise(I, EXC_SyntaxError, "invalid syntax in %s", srcname);
        }
        parse_result_free(&pr);
        src_decref(src);
        return false;
    }
    Ast *ast = pr.ast;
    pr.ast = NULL;
    parse_result_free(&pr);
    src_decref(src);
    SyntaxDiag d;
    if (!resolve_ast(I, ast, m, &d)) {
        if (d.msg) {
            err_raise(I, d.kind, "%s", d.msg);
            err_add_trace(I, ast->src, d.span, ES(I)->s_module);
            I->err.located = true;
            mem_strfree(d.msg);
        }
        ast_free(ast);
        return false;
    }
    bool ok = run_ast(I, ast, m, 0);
    if (!ok) I->err.located = false;
    return ok;
}

RunStatus interp_exec(Interp *I, const char *name, const char *text, size_t len, ExecMode mode) {
    Source *src = src_new(name, text, len);
    if (!src) { err_nomem(I); fflush(stdout); diag_print_error(I, stderr); return RUN_ERROR; }
    ParseResult pr;
    memset(&pr, 0, sizeof pr);
    ParseStatus st = parse_source(I, src, mode != EXEC_FILE, &pr);
    if (st == PARSE_INCOMPLETE) {
        parse_result_free(&pr);
        src_decref(src);
        return RUN_INCOMPLETE;
    }
    if (st != PARSE_OK) {
        if (pr.ndiags > 0) print_syntax(I, src, pr.diags, pr.ndiags);
        else if (err_pending(I)) { fflush(stdout); diag_print_error(I, stderr); }
        parse_result_free(&pr);
        src_decref(src);
        return RUN_ERROR;
    }
    Ast *ast = pr.ast;
    pr.ast = NULL;
    parse_result_free(&pr);
    src_decref(src);
    SyntaxDiag d;
    if (!resolve_ast(I, ast, I->main_mod, &d)) {
        if (d.msg) {
            print_syntax(I, ast->src, &d, 1);
            mem_strfree(d.msg);
        } else {
            fflush(stdout);
            diag_print_error(I, stderr);
        }
        ast_free(ast);
        return RUN_ERROR;
    }
    ag_interrupted = 0;
    I->depth = 0;
    bool ok = run_ast(I, ast, I->main_mod, mode == EXEC_REPL ? 1 : mode == EXEC_PASTE ? 2 : 0);
    fflush(stdout);
    if (ok) return RUN_OK;
    if (err_is(I, EXC_SystemExit)) {
        /* no traceback: only sys.exit("message")'s message, as Python prints it */
        if (I->err.msg && I->err.msg[0]) fprintf(stderr, "%s\n", I->err.msg);
        fflush(stderr);
        err_clear(I);
        I->depth = 0;
        return RUN_EXIT;
    }
    bool intr = err_is(I, EXC_KeyboardInterrupt);
    diag_print_error(I, stderr);
    I->depth = 0;
    return intr ? RUN_INTERRUPTED : RUN_ERROR;
}

/* ---- interpreter lifetime ---------------------------------------------------------------- */
Interp *interp_new(int argc, char **argv) {
    Interp *I = mem_calloc(1, sizeof *I);
    if (!I) return NULL;
    I->recursion_limit = 1000;
    I->stack_budget = (size_t)6 << 20;
    I->argc = argc;
    I->argv = argv;
    EvalState *es = mem_calloc(1, sizeof *es);
    if (!es) { mem_free(I, sizeof *I); return NULL; }
    I->eval_state = es;
    es->s_module = str_intern(I, "<module>", 8);
    es->s_lambda = str_intern(I, "<lambda>", 8);
    es->s_genexpr = str_intern(I, "<genexpr>", 9);
    es->s_underscore = str_intern(I, "_", 1);
    I->modules = dict_new(I);
    if (!es->s_module || !es->s_lambda || !es->s_genexpr || !es->s_underscore || !I->modules) goto fail;
    I->builtins = bi_create(I);
    if (!I->builtins) goto fail;
    I->main_mod = module_new(I, "__main__");
    if (!I->main_mod) goto fail;
    {
        Value nm = val_str(I, "__main__", 8);
        if (IS_ERR(nm)) goto fail;
        module_set(I, I->main_mod, "__name__", nm);
        val_decref(nm);
    }
    err_clear(I);
    return I;
fail:
    err_clear(I);
    interp_free(I);
    return NULL;
}

void interp_free(Interp *I) {
    if (!I) return;
    EvalState *es = ES(I);
    /* break module <-> function cycles, then function <-> cell cycles */
    import_clear_modules(I);
    if (I->main_mod) {
        for (int i = 0; i < I->main_mod->nslots; i++) replace(&I->main_mod->slots[i], VAL_UNDEF);
    }
    if (es) {
        int nf = 0;
        for (Func *f = es->funcs.next; f; f = f->next) nf++;
        Func **all = nf ? mem_alloc(sizeof(Func *) * (size_t)nf) : NULL;
        if (all) {
            int k = 0;
            for (Func *f = es->funcs.next; f; f = f->next) { obj_incref((Obj *)f); all[k++] = f; }
            for (int i = 0; i < k; i++) {
                Func *f = all[i];
                if (f->free) {
                    for (int j = 0; j < f->info->nfree; j++)
                        if (f->free[j]) replace(&f->free[j]->v, VAL_UNDEF);
                }
                if (f->class_cell) replace(&f->class_cell->v, VAL_UNDEF);
                if (f->defaults)
                    for (int j = 0; j < f->nparams; j++) replace(&f->defaults[j], VAL_UNDEF);
            }
            for (int i = 0; i < k; i++) obj_decref((Obj *)all[i]);
            mem_free(all, sizeof(Func *) * (size_t)nf);
        }
    }
    obj_break_cycles(I); /* lists and dicts that hold themselves */
    if (I->main_mod) obj_decref((Obj *)I->main_mod);
    if (I->modules) obj_decref((Obj *)I->modules);
    if (I->builtins) {
        for (int i = 0; i < I->builtins->nslots; i++) replace(&I->builtins->slots[i], VAL_UNDEF);
        obj_decref((Obj *)I->builtins);
    }
    cls_state_free(I);
    if (es) {
        for (int i = 0; i < es->ntypes; i++) obj_decref((Obj *)es->types[i]);
        for (int i = 0; i < EXC__COUNT; i++) val_decref(es->exc_twin[i]);
        mem_free(es->types, sizeof(TypeObj *) * (size_t)es->captypes);
        for (int i = 0; i < es->nasts; i++) ast_free(es->asts[i]);
        mem_free(es->asts, sizeof(Ast *) * (size_t)es->capasts);
        if (es->s_module) obj_decref((Obj *)es->s_module);
        if (es->s_lambda) obj_decref((Obj *)es->s_lambda);
        if (es->s_genexpr) obj_decref((Obj *)es->s_genexpr);
        if (es->s_underscore) obj_decref((Obj *)es->s_underscore);
        mem_free(es, sizeof *es);
    }
    err_clear(I);
    str_intern_free_all(I);
    obj_registry_release(I);
    mem_free(I, sizeof *I);
}

Module *interp_main(Interp *I) { return I->main_mod; }
Module *interp_builtins(Interp *I) { return I->builtins; }
void interp_location(Interp *I, Source **src, Span *span) {
    *src = I->cur_src;
    *span = I->cur_span;
}

/* ---- type objects ------------------------------------------------------------------------- */
bool eval_add_type(Interp *I, TypeObj *t) {
    EvalState *es = ES(I);
    if (es->ntypes == es->captypes) {
        int nc = es->captypes ? es->captypes * 2 : 32;
        TypeObj **nt = mem_realloc(es->types, sizeof(TypeObj *) * (size_t)es->captypes, sizeof(TypeObj *) * (size_t)nc);
        if (!nt) { obj_decref((Obj *)t); err_nomem(I); return false; }
        es->types = nt;
        es->captypes = nc;
    }
    es->types[es->ntypes++] = t;
    return true;
}

Value eval_type_of(Interp *I, Value v) {
    EvalState *es = ES(I);
    if (IS_INSTANCE(v)) return val_incref(cls_type_of(v));
    if (IS_A(v, exc_class) && !IS_NONE(((ExcObj *)AS_OBJ(v))->type)) return val_incref(((ExcObj *)AS_OBJ(v))->type);
    const ObjClass *cls = IS_OBJ(v) ? AS_OBJ(v)->cls : NULL;
    if (cls == &cls_class_class) cls = &type_class; /* a class's type is `type` */
    const char *name = !cls ? val_type_name(v) : cls->type_name ? cls->type_name(v) : cls->name;
    for (int i = 0; i < es->ntypes; i++) {
        TypeObj *t = es->types[i];
        if (cls ? t->cls == cls && (!cls->type_name || !strcmp(t->name, name)) : (t->vkind == v.kind))
            return val_incref(val_obj(t));
    }
    TypeObj *t = obj_new(I, &type_class, sizeof(TypeObj));
    if (!t) return VAL_ERR;
    t->name = name;
    t->cls = cls;
    t->vkind = cls ? -1 : v.kind;
    t->def = NULL;
    if (!eval_add_type(I, t)) return VAL_ERR;
    return val_incref(val_obj(t));
}
