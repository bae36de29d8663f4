/* teach.c — teaching aids over the autodiff tape (see teach.h; SPEC §8).
 *
 * Everything here reads the TapeNodes tape.c records: op, inputs (next[] nodes, leaf[]
 * tensors, const_in[] inputs that do not require grad), the output value (its tensor made by
 * tape_collect from the storage teach_record kept),
 * shapes, where it was recorded, and the adjoint of the last backward. trace_backward walks
 * the nodes exactly as tape_backward does (reverse record order, grad_apply per node, the
 * same summation order) so the grads it leaves in .grad are bit-identical to backward()'s.
 *
 * Variable names come from the __main__ module's globals: a leaf is named by the variable
 * bound to that very tensor, a record by the variable whose grad_fn it is, a constant by
 * the variable sharing its storage. (Locals of a running function are not visible.) */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "diag.h"
#include "interp.h"
#include "mem.h"
#include "repl.h"
#include "teach.h"

/* ---- hooks called by tape.c ------------------------------------------------------------ */
void teach_record(Interp *I, TapeNode *n, Tensor *out, int nin, Tensor *const *inputs) {
    if (out->numel <= TAPE_VALUE_MAX) { /* the value's tensor is made only if a tool asks */
        n->value_storage = out->storage;
        out->storage->rc++;
        n->value_offset = out->offset;
        memcpy(n->value_stride, out->stride, sizeof out->stride);
    }
    for (int i = 0; i < nin && i < TAPE_MAX_IN; i++) {
        Tensor *t = inputs[i];
        if (!t || n->needs[i] || t->numel > TAPE_VALUE_MAX) continue;
        /* a constant input has no grad_fn, so holding it directly makes no cycle and
         * saves the alias an allocation */
        obj_incref(&t->h);
        n->const_in[i] = t;
    }
}

void teach_release(TapeNode *n) {
    if (n->value) { val_decref(val_obj(n->value)); n->value = NULL; }
    if (n->value_storage) { tensor_storage_decref(n->value_storage); n->value_storage = NULL; }
    for (int i = 0; i < TAPE_MAX_IN; i++)
        if (n->const_in[i]) { val_decref(val_obj(n->const_in[i])); n->const_in[i] = NULL; }
}

/* ---- small helpers ----------------------------------------------------------------------- */
static void fmt_num(StrBuf *sb, double x) {
    if (isnan(x)) { sb_puts(sb, "nan"); return; }
    if (isinf(x)) { sb_puts(sb, x > 0 ? "inf" : "-inf"); return; }
    double ax = fabs(x);
    if (x == rint(x) && ax < 1e7) sb_printf(sb, "%.0f.", x);
    else if (ax >= 1e-4 && ax < 1e7) sb_printf(sb, "%.4f", x);
    else sb_printf(sb, "%.4e", x);
}

/* A Python-scalar parameter: "2", "0.5". */
static void fmt_param(StrBuf *sb, double x) {
    if (x == rint(x) && fabs(x) < 1e15) sb_printf(sb, "%.0f", x);
    else sb_printf(sb, "%.6g", x);
}

/* A short repr: a number for one element, else up to 6 elements ("[1., 2., ..., 9.]"). */
static void short_repr(StrBuf *sb, const Tensor *t) {
    if (!t) { sb_puts(sb, "-"); return; }
    if (t->ndim == 0) { fmt_num(sb, tensor_get(t, 0)); return; }
    sb_putc(sb, '[');
    int64_t n = t->numel;
    for (int64_t i = 0; i < n; i++) {
        if (n > 6 && i == 3) { sb_puts(sb, "..., "); i = n - 3; }
        fmt_num(sb, tensor_get(t, i));
        if (i + 1 < n) sb_puts(sb, ", ");
    }
    sb_putc(sb, ']');
}

static void shape_str(StrBuf *sb, int ndim, const int64_t *shape) {
    sb_putc(sb, '[');
    for (int d = 0; d < ndim; d++) sb_printf(sb, "%s%lld", d ? ", " : "", (long long)shape[d]);
    sb_putc(sb, ']');
}

static const char *sbs(StrBuf *sb) { return sb->data ? sb->data : ""; }
static void sb_reset(StrBuf *sb) { sb->len = 0; if (sb->data) sb->data[0] = 0; }

static void where_str(StrBuf *sb, const TapeNode *x) {
    if (x->src) sb_printf(sb, "%s:%d", x->src->name, x->line);
}

/* ---- names of the learner's variables ---------------------------------------------------- */
typedef struct { const char *name; Tensor *t; } NameRef;
typedef struct { NameRef *v; int n; } Names;

static void names_collect(Interp *I, Names *nm) {
    nm->v = NULL;
    nm->n = 0;
    Module *m = interp_main(I);
    if (!m || m->nslots <= 0) return;
    nm->v = malloc(sizeof *nm->v * (size_t)m->nslots);
    if (!nm->v) return;
    for (int i = 0; i < m->nslots; i++) {
        Value v = m->slots[i];
        if (!IS_TENSOR(v) || !m->slot_names || !m->slot_names[i]) continue;
        const char *s = str_cstr(m->slot_names[i]);
        if (s[0] == '_') continue;
        nm->v[nm->n].name = s;
        nm->v[nm->n].t = AS_TENSOR(v);
        nm->n++;
    }
}
static void names_free(Names *nm) { free(nm->v); nm->v = NULL; nm->n = 0; }

static const char *name_of_tensor(const Names *nm, const Tensor *t) {
    for (int i = 0; i < nm->n; i++) if (nm->v[i].t == t) return nm->v[i].name;
    return NULL;
}
static const char *name_of_node(const Names *nm, const TapeNode *x) {
    for (int i = 0; i < nm->n; i++) if (nm->v[i].t->grad_fn == x) return nm->v[i].name;
    return NULL;
}
static bool same_data(const Tensor *a, const Tensor *b) {
    return a->storage == b->storage && a->offset == b->offset && tensor_same_shape(a, b) &&
           !memcmp(a->stride, b->stride, sizeof(int64_t) * (size_t)a->ndim);
}
static const char *name_of_const(const Names *nm, const Tensor *c) {
    for (int i = 0; i < nm->n; i++) if (same_data(nm->v[i].t, c)) return nm->v[i].name;
    return NULL;
}

/* ---- a tape: the records reachable from a tensor, oldest first ---------------------------- */
typedef struct {
    Interp *I;
    Tensor *root;
    TapeNode **nodes; size_t n;        /* ascending seq; node->visit = index + 1 while alive */
    Tensor **leaves; size_t nleaves;
    Tensor **consts; size_t nconsts;   /* distinct constants (by data) */
    Names names;
} Tape;

static bool ptr_push(void ***arr, size_t *n, size_t *cap, void *p) {
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        void **na = realloc(*arr, nc * sizeof *na);
        if (!na) return false;
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = p;
    return true;
}

static int cmp_seq_asc(const void *a, const void *b) {
    const TapeNode *x = *(TapeNode *const *)a, *y = *(TapeNode *const *)b;
    return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

static void tape_free_(Tape *T) {
    for (size_t i = 0; i < T->n; i++) T->nodes[i]->visit = 0;
    free(T->nodes);
    free(T->leaves);
    free(T->consts);
    names_free(&T->names);
    memset(T, 0, sizeof *T);
}

static bool tape_collect(Interp *I, Tensor *root, Tape *T) {
    memset(T, 0, sizeof *T);
    T->I = I;
    T->root = root;
    names_collect(I, &T->names);
    if (!root->grad_fn) return true;
    size_t cap = 0, scap = 0, sp = 0, lcap = 0, ccap = 0;
    TapeNode **stack = NULL;
    if (!ptr_push((void ***)&stack, &sp, &scap, root->grad_fn)) goto oom;
    root->grad_fn->visit = -3;
    while (sp) {
        TapeNode *x = stack[--sp];
        if (!ptr_push((void ***)&T->nodes, &T->n, &cap, x)) goto oom;
        for (int i = 0; i < TAPE_MAX_IN; i++) {
            TapeNode *c = x->next[i];
            if (!c || c->visit == -3) continue;
            c->visit = -3;
            if (!ptr_push((void ***)&stack, &sp, &scap, c)) goto oom;
        }
    }
    free(stack);
    stack = NULL;
    qsort(T->nodes, T->n, sizeof *T->nodes, cmp_seq_asc);
    for (size_t i = 0; i < T->n; i++) {
        TapeNode *x = T->nodes[i];
        x->visit = (int64_t)i + 1;
        if (!x->value && x->value_storage) { /* the forward value, from what teach_record kept */
            x->value = tensor_on_storage(I, x->value_storage, x->out_dtype, x->out_ndim, x->out_shape,
                                         x->value_stride, x->value_offset);
            if (!x->value) goto oom;
        }
        for (int k = 0; k < x->nin && k < TAPE_MAX_IN; k++) {
            if (x->leaf[k]) {
                size_t j = 0;
                while (j < T->nleaves && T->leaves[j] != x->leaf[k]) j++;
                if (j == T->nleaves && !ptr_push((void ***)&T->leaves, &T->nleaves, &lcap, x->leaf[k])) goto oom;
            } else if (x->const_in[k]) {
                size_t j = 0;
                while (j < T->nconsts && !same_data(T->consts[j], x->const_in[k])) j++;
                if (j == T->nconsts && !ptr_push((void ***)&T->consts, &T->nconsts, &ccap, x->const_in[k])) goto oom;
            }
        }
    }
    return true;
oom:
    free(stack);
    for (size_t i = 0; i < T->n; i++) T->nodes[i]->visit = 0;
    if (root->grad_fn) root->grad_fn->visit = 0;
    tape_free_(T);
    err_nomem(I);
    return false;
}

static size_t node_index(const TapeNode *x) { return (size_t)x->visit; } /* 1-based */

/* Label of a record: the variable holding its output, else "#k". */
static void node_label(Tape *T, StrBuf *sb, const TapeNode *x) {
    const char *nm = name_of_node(&T->names, x);
    if (nm) sb_puts(sb, nm);
    else sb_printf(sb, "#%zu", node_index(x));
}
static size_t leaf_index(Tape *T, const Tensor *t) {
    for (size_t j = 0; j < T->nleaves; j++) if (T->leaves[j] == t) return j + 1;
    return 0;
}
static void leaf_label(Tape *T, StrBuf *sb, const Tensor *t) {
    const char *nm = name_of_tensor(&T->names, t);
    if (nm) sb_puts(sb, nm);
    else sb_printf(sb, "leaf%zu", leaf_index(T, t));
}
static size_t const_index(Tape *T, const Tensor *c) {
    for (size_t j = 0; j < T->nconsts; j++) if (same_data(T->consts[j], c)) return j + 1;
    return 0;
}
static bool const_inline(const Tensor *c) { return c->numel == 1 && c->ndim == 0; }
static void const_label(Tape *T, StrBuf *sb, const Tensor *c) {
    const char *nm = name_of_const(&T->names, c);
    if (nm) sb_puts(sb, nm);
    else if (const_inline(c)) fmt_param(sb, tensor_get(c, 0));
    else sb_printf(sb, "c%zu", const_index(T, c));
}
/* Label of input k of x. */
static void input_label(Tape *T, StrBuf *sb, const TapeNode *x, int k) {
    if (x->next[k]) node_label(T, sb, x->next[k]);
    else if (x->leaf[k]) leaf_label(T, sb, x->leaf[k]);
    else if (x->const_in[k]) const_label(T, sb, x->const_in[k]);
    else sb_puts(sb, "const");
}
/* The forward value of input k (borrowed, may be NULL). */
static Tensor *input_value(const TapeNode *x, int k) {
    if (x->next[k]) return x->next[k]->value;
    if (x->leaf[k]) return x->leaf[k];
    return x->const_in[k];
}

static const char *infix_of(OpKind op) {
    switch (op) {
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_POWT: return "**";
    case OP_MM: case OP_MV: case OP_BMM: return "@";
    default: return NULL;
    }
}

/* The record as an expression of its inputs: "w * X", "#2 ** 2", "#3.mean()". */
static void node_expr(Tape *T, StrBuf *sb, const TapeNode *x) {
    StrBuf a, b;
    sb_init(&a);
    sb_init(&b);
    input_label(T, &a, x, 0);
    if (x->nin > 1) input_label(T, &b, x, 1);
    const char *inf = infix_of(x->op);
    const char *nm = op_name[x->op];
    switch (x->op) {
    case OP_RSUB: {
        Tensor *v = x->value, *in = input_value(x, 0);
        if (v && in && v->numel > 0 && in->numel > 0) {
            double c = (double)(float)(tensor_get(v, 0) + tensor_get(in, 0));
            if (fabs(c - rint(c)) < 1e-6) c = rint(c);
            fmt_param(sb, c);
            sb_printf(sb, " - %s", sbs(&a));
        } else sb_printf(sb, "scalar - %s", sbs(&a));
        break;
    }
    case OP_RDIV: fmt_param(sb, x->p[0]); sb_printf(sb, " / %s", sbs(&a)); break;
    case OP_POW: sb_printf(sb, "%s ** ", sbs(&a)); fmt_param(sb, x->p[0]); break;
    case OP_NEG: sb_printf(sb, "-%s", sbs(&a)); break;
    case OP_SUM: case OP_MEAN: case OP_MAX: case OP_MIN: sb_printf(sb, "%s.%s()", sbs(&a), nm); break;
    case OP_SUMDIM: case OP_MEANDIM: {
        uint32_t mask = (uint32_t)x->ip[0];
        sb_printf(sb, "%s.%s(dim=", sbs(&a), nm);
        int cnt = 0;
        for (int d = 0; d < x->in_ndim[0]; d++) if ((mask >> d) & 1) cnt++;
        if (cnt > 1) sb_putc(sb, '(');
        int c = 0;
        for (int d = 0; d < x->in_ndim[0]; d++) if ((mask >> d) & 1) sb_printf(sb, "%s%d", c++ ? ", " : "", d);
        if (cnt > 1) sb_putc(sb, ')');
        sb_printf(sb, "%s)", x->ip[1] ? ", keepdim=True" : "");
        break;
    }
    case OP_MAXDIM: case OP_MINDIM:
        sb_printf(sb, "%s.%s(dim=%d%s).values", sbs(&a), nm, (int)x->ip[0], x->ip[1] ? ", keepdim=True" : "");
        break;
    case OP_CLAMP: {
        int fl = (int)x->ip[0];
        sb_printf(sb, "%s.clamp(", sbs(&a));
        if (fl & 1) { sb_puts(sb, "min="); fmt_param(sb, x->p[0]); }
        if (fl & 2) { sb_puts(sb, fl & 1 ? ", max=" : "max="); fmt_param(sb, x->p[1]); }
        sb_putc(sb, ')');
        break;
    }
    case OP_DOT: case OP_MAXIMUM: case OP_MINIMUM: sb_printf(sb, "%s(%s, %s)", nm, sbs(&a), sbs(&b)); break;
    case OP_VIEW: case OP_RESHAPE: case OP_UNSAFEVIEW: case OP_EXPAND:
        sb_printf(sb, "%s.%s(", sbs(&a), nm);
        for (int d = 0; d < x->out_ndim; d++) sb_printf(sb, "%s%lld", d ? ", " : "", (long long)x->out_shape[d]);
        sb_putc(sb, ')');
        break;
    case OP_T: case OP_PERMUTE: case OP_TRANSPOSE: case OP_UNSQUEEZE: case OP_SQUEEZE: case OP_SQUEEZEDIM:
    case OP_CLONE: case OP_TOCOPY:
        sb_printf(sb, "%s.%s(...)", sbs(&a), nm);
        if (x->op == OP_CLONE) { sb->len -= 5; sb->data[sb->len] = 0; sb_puts(sb, ")"); }
        break;
    case OP_SELECT: case OP_SLICE: case OP_INDEX: sb_printf(sb, "%s[...]", sbs(&a)); break;
    case OP_ADDMM: { /* nn.Linear: bias + x @ weight.T */
        StrBuf c;
        sb_init(&c);
        input_label(T, &c, x, 2);
        sb_printf(sb, "%s + %s @ %s", sbs(&a), sbs(&b), sbs(&c));
        sb_free(&c);
        break;
    }
    case OP_MSELOSS: case OP_BCELOSS:
        sb_printf(sb, "%s(%s, %s%s)", nm, sbs(&a), sbs(&b), x->ip[0] == 0 ? ", reduction='none'" : x->ip[0] == 2 ? ", reduction='sum'" : "");
        break;
    case OP_NLLLOSS:
        sb_printf(sb, "%s(%s, target%s)", nm, sbs(&a), x->ip[0] == 0 ? ", reduction='none'" : x->ip[0] == 2 ? ", reduction='sum'" : "");
        break;
    default:
        if (inf && x->nin > 1) sb_printf(sb, "%s %s %s", sbs(&a), inf, sbs(&b));
        else sb_printf(sb, "%s(%s)", nm, sbs(&a));
        break;
    }
    sb_free(&a);
    sb_free(&b);
}

static Tensor *arg_tensor(Interp *I, Value v, const char *fname) {
    if (!IS_TENSOR(v)) {
        err_raise(I, EXC_TypeError, "%s() expects a tensor, got %s", fname, val_type_name(v));
        return NULL;
    }
    return AS_TENSOR(v);
}

/* Explain why a tensor has no tape. true if it has one. */
static bool has_tape(Tensor *t, const char *label) {
    if (t->grad_fn) return true;
    if (t->flavor != FLAVOR_TORCH) printf("%s is a NumPy array: NumPy does not record operations (no tape).\n", label);
    else if (t->requires_grad)
        printf("%s is a leaf: you created it with requires_grad=True, no operation made it, so its tape is empty.\n"
               "Compute something from it (e.g. loss = ((%s * x - y)**2).mean()) and look at that tape.\n", label, label);
    else printf("%s has no tape: it does not require grad (no input of the operations that made it had requires_grad=True,\n"
                "or it was computed under torch.no_grad()).\n", label);
    return false;
}

static void root_label(Tape *T, StrBuf *sb) {
    const char *nm = name_of_tensor(&T->names, T->root);
    if (nm) sb_puts(sb, nm);
    else if (T->root->grad_fn) sb_printf(sb, "#%zu", node_index(T->root->grad_fn));
    else sb_puts(sb, "the tensor");
}

/* ---- show_tape ----------------------------------------------------------------------------- */
static void pad_to(StrBuf *sb, size_t start, size_t width) {
    while (sb->len - start < width) sb_putc(sb, ' ');
}

static void print_tape(Tape *T) {
    StrBuf sb, tmp;
    sb_init(&sb);
    sb_init(&tmp);
    root_label(T, &tmp);
    printf("Tape of %s: %zu record%s, oldest first\n", sbs(&tmp), T->n, T->n == 1 ? "" : "s");
    /* inputs */
    size_t wname = 4;
    for (size_t j = 0; j < T->nleaves; j++) { sb_reset(&tmp); leaf_label(T, &tmp, T->leaves[j]); if (tmp.len > wname) wname = tmp.len; }
    size_t nshown_c = 0;
    for (size_t j = 0; j < T->nconsts; j++) {
        if (const_inline(T->consts[j]) && !name_of_const(&T->names, T->consts[j])) continue;
        nshown_c++;
        sb_reset(&tmp); const_label(T, &tmp, T->consts[j]); if (tmp.len > wname) wname = tmp.len;
    }
    for (size_t j = 0; j < T->nleaves; j++) {
        Tensor *l = T->leaves[j];
        sb_reset(&sb);
        sb_puts(&sb, "  leaf   ");
        size_t s0 = sb.len;
        leaf_label(T, &sb, l);
        pad_to(&sb, s0, wname + 2);
        s0 = sb.len;
        shape_str(&sb, l->ndim, l->shape);
        pad_to(&sb, s0, 8);
        sb_puts(&sb, " value ");
        short_repr(&sb, l);
        sb_puts(&sb, "   grad ");
        if (l->grad) short_repr(&sb, l->grad);
        else sb_puts(&sb, "None");
        printf("%s\n", sbs(&sb));
    }
    for (size_t j = 0; j < T->nconsts; j++) {
        Tensor *c = T->consts[j];
        if (const_inline(c) && !name_of_const(&T->names, c)) continue;
        sb_reset(&sb);
        sb_puts(&sb, "  const  ");
        size_t s0 = sb.len;
        const_label(T, &sb, c);
        pad_to(&sb, s0, wname + 2);
        s0 = sb.len;
        shape_str(&sb, c->ndim, c->shape);
        pad_to(&sb, s0, 8);
        sb_puts(&sb, " value ");
        short_repr(&sb, c);
        printf("%s\n", sbs(&sb));
    }
    /* records */
    size_t wexpr = 0, wop = 0, wshape = 0;
    for (size_t i = 0; i < T->n; i++) {
        TapeNode *x = T->nodes[i];
        sb_reset(&tmp);
        const char *nm = name_of_node(&T->names, x);
        sb_printf(&tmp, "#%zu %s%s= ", i + 1, nm ? nm : "", nm ? " " : "");
        node_expr(T, &tmp, x);
        if (tmp.len > wexpr) wexpr = tmp.len;
        if (strlen(tape_node_name(x)) > wop) wop = strlen(tape_node_name(x));
        sb_reset(&tmp);
        shape_str(&tmp, x->out_ndim, x->out_shape);
        if (tmp.len > wshape) wshape = tmp.len;
    }
    bool any_adj = false;
    for (size_t i = 0; i < T->n; i++) if (T->nodes[i]->adjoint) any_adj = true;
    for (size_t i = 0; i < T->n; i++) {
        TapeNode *x = T->nodes[i];
        sb_reset(&sb);
        sb_puts(&sb, "  ");
        size_t s0 = sb.len;
        const char *nm = name_of_node(&T->names, x);
        sb_printf(&sb, "#%zu %s%s= ", i + 1, nm ? nm : "", nm ? " " : "");
        node_expr(T, &sb, x);
        pad_to(&sb, s0, wexpr + 3);
        s0 = sb.len;
        sb_puts(&sb, tape_node_name(x));
        pad_to(&sb, s0, wop + 2);
        s0 = sb.len;
        shape_str(&sb, x->out_ndim, x->out_shape);
        pad_to(&sb, s0, wshape + 2);
        where_str(&sb, x);
        while (sb.len && sb.data[sb.len - 1] == ' ') sb.data[--sb.len] = 0;
        printf("%s\n", sbs(&sb));
        sb_reset(&sb);
        sb_puts(&sb, "      value   ");
        if (x->value) short_repr(&sb, x->value);
        else sb_puts(&sb, "(not kept: too many elements)");
        printf("%s\n", sbs(&sb));
        if (any_adj) {
            sb_reset(&sb);
            sb_puts(&sb, "      adjoint ");
            if (x->adjoint) short_repr(&sb, x->adjoint);
            else sb_puts(&sb, "- (the last backward did not pass here)");
            printf("%s\n", sbs(&sb));
        }
    }
    if (!any_adj) {
        sb_reset(&tmp);
        root_label(T, &tmp);
        printf("(no backward() through this tape yet: adjoints appear after %s.backward() or trace_backward(%s))\n",
               sbs(&tmp), sbs(&tmp));
    }
    sb_free(&sb);
    sb_free(&tmp);
}

static bool show_tape_of(Interp *I, Tensor *t) {
    Names nm;
    names_collect(I, &nm);
    const char *label = name_of_tensor(&nm, t);
    bool ok = has_tape(t, label ? label : "this tensor");
    names_free(&nm);
    if (!ok) return true;
    Tape T;
    if (!tape_collect(I, t, &T)) return false;
    print_tape(&T);
    tape_free_(&T);
    return true;
}

static Value bi_show_tape(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const params[] = {"t"};
    Value a[1];
    if (!nat_args(I, "show_tape", argc, argv, kw, 1, params, 1, a)) return VAL_ERR;
    Tensor *t = arg_tensor(I, a[0], "show_tape");
    if (!t) return VAL_ERR;
    if (!show_tape_of(I, t)) return VAL_ERR;
    fflush(stdout);
    return VAL_NONE;
}

/* ---- trace_backward ----------------------------------------------------------------------- */
static Tensor *add_grads(Interp *I, Tensor *old, Tensor *g) {
    DType ct = dtype_promote(old->dtype, g->dtype, false);
    return kern_binary(I, OP_ADD, old, g, ct, ct, FLAVOR_TORCH);
}

static bool elementwise2(OpKind op) {
    return op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV || op == OP_POWT || op == OP_MAXIMUM ||
           op == OP_MINIMUM;
}

/* Dims of the output that input k was broadcast over (summed in backward): bit mask over
 * the output's dims; 0 when none. */
static uint32_t broadcast_dims(const TapeNode *x, int k) {
    if (!elementwise2(x->op)) return 0;
    int lead = x->out_ndim - x->in_ndim[k];
    uint32_t m = 0;
    for (int d = 0; d < x->out_ndim; d++) {
        if (d < lead) m |= 1u << d;
        else if (x->in_shape[k][d - lead] == 1 && x->out_shape[d] != 1) m |= 1u << d;
    }
    return m;
}

/* The chain-rule product for input k: symbolic (in sym) and with numbers (in num; empty
 * when it is not shown elementwise). A, B are the saved values. */
static void rule_text(Tape *T, const TapeNode *x, int k, Tensor *g, StrBuf *sym, StrBuf *num) {
    StrBuf a, b, ga, va, vb;
    sb_init(&a); sb_init(&b); sb_init(&ga); sb_init(&va); sb_init(&vb);
    input_label(T, &a, x, 0);
    if (x->nin > 1) input_label(T, &b, x, 1);
    short_repr(&ga, g);
    Tensor *A = x->saved[0], *B = x->saved[1];
    Tensor *iv0 = input_value(x, 0), *iv1 = x->nin > 1 ? input_value(x, 1) : NULL;
    short_repr(&va, A ? A : iv0);
    short_repr(&vb, B ? B : iv1);
    const char *G = sbs(&ga), *sa = sbs(&a), *sb_ = sbs(&b);
    int64_t cnt = 1;
    switch (x->op) {
    case OP_ADD: case OP_CLONE: case OP_TOCOPY:
        sb_puts(sym, "grad_out"); break;
    case OP_SUB:
        sb_puts(sym, k == 0 ? "grad_out" : "-grad_out"); break;
    case OP_RSUB: case OP_NEG: sb_puts(sym, "-grad_out"); sb_printf(num, "-%s", G); break;
    case OP_MUL: case OP_DOT:
        sb_printf(sym, "grad_out * %s", k == 0 ? sb_ : sa);
        sb_printf(num, "%s * %s", G, k == 0 ? sbs(&vb) : sbs(&va)); break;
    case OP_DIV:
        if (k == 0) { sb_printf(sym, "grad_out / %s", sb_); sb_printf(num, "%s / %s", G, sbs(&vb)); }
        else { sb_printf(sym, "-grad_out * %s / %s**2", sa, sb_); sb_printf(num, "-%s * %s / %s**2", G, sbs(&va), sbs(&vb)); }
        break;
    case OP_RDIV: /* saved: r = 1/a */
        sb_printf(sym, "-grad_out * "); fmt_param(sym, x->p[0]); sb_printf(sym, " / %s**2", sa);
        sb_printf(num, "-%s * ", G); fmt_param(num, x->p[0]);
        sb_puts(num, " * "); short_repr(num, A); sb_puts(num, "**2");
        break;
    case OP_POW: {
        double p = x->p[0];
        sb_puts(sym, "grad_out * "); fmt_param(sym, p); sb_printf(sym, " * %s", sa);
        sb_printf(num, "%s * ", G); fmt_param(num, p); sb_printf(num, " * %s", sbs(&va));
        if (p - 1 != 1) {
            sb_puts(sym, " ** "); fmt_param(sym, p - 1);
            sb_puts(num, " ** "); fmt_param(num, p - 1);
        }
        break;
    }
    case OP_POWT:
        if (k == 0) sb_printf(sym, "grad_out * %s * %s ** (%s - 1)", sb_, sa, sb_);
        else sb_printf(sym, "grad_out * %s ** %s * log(%s)", sa, sb_, sa);
        break;
    case OP_EXP: sb_printf(sym, "grad_out * exp(%s)", sa); sb_printf(num, "%s * %s", G, sbs(&va)); break;
    case OP_LOG: sb_printf(sym, "grad_out / %s", sa); sb_printf(num, "%s / %s", G, sbs(&va)); break;
    case OP_SQRT: sb_printf(sym, "grad_out / (2 * sqrt(%s))", sa); sb_printf(num, "%s / (2 * %s)", G, sbs(&va)); break;
    case OP_ABS: sb_printf(sym, "grad_out * sign(%s)", sa); break;
    case OP_SIN: sb_printf(sym, "grad_out * cos(%s)", sa); break;
    case OP_COS: sb_printf(sym, "-grad_out * sin(%s)", sa); break;
    case OP_TANH: sb_printf(sym, "grad_out * (1 - tanh(%s)**2)", sa); sb_printf(num, "%s * (1 - %s**2)", G, sbs(&va)); break;
    case OP_SIGMOID:
        sb_printf(sym, "grad_out * s * (1 - s), s = sigmoid(%s)", sa);
        sb_printf(num, "%s * %s * (1 - %s)", G, sbs(&va), sbs(&va)); break;
    case OP_RELU: sb_printf(sym, "grad_out * (%s > 0)", sa); sb_printf(num, "%s * (%s > 0)", G, sbs(&va)); break;
    case OP_CLAMP: sb_printf(sym, "grad_out * (%s inside the clamp bounds)", sa); break;
    case OP_MAXIMUM: case OP_MINIMUM:
        sb_printf(sym, "grad_out where %s is the %s (half at ties)", k == 0 ? sa : sb_, x->op == OP_MAXIMUM ? "larger" : "smaller");
        break;
    case OP_SUM: case OP_SUMDIM:
        sb_puts(sym, "grad_out expanded to shape "); shape_str(sym, x->in_ndim[0], x->in_shape[0]);
        break;
    case OP_MEAN: case OP_MEANDIM: {
        uint32_t mask = (uint32_t)x->ip[0];
        for (int d = 0; d < x->in_ndim[0]; d++)
            if (x->op == OP_MEAN || ((mask >> d) & 1)) cnt *= x->in_shape[0][d];
        sb_printf(sym, "grad_out / %lld", (long long)cnt);
        bool expand = x->in_ndim[0] != x->out_ndim || memcmp(x->in_shape[0], x->out_shape, sizeof(int64_t) * (size_t)x->out_ndim);
        if (expand) { sb_puts(sym, ", expanded to shape "); shape_str(sym, x->in_ndim[0], x->in_shape[0]); }
        sb_printf(num, "%s / %lld", G, (long long)cnt);
        break;
    }
    case OP_MAX: case OP_MIN: sb_printf(sym, "grad_out at the %s element(s) of %s, 0 elsewhere", x->op == OP_MAX ? "largest" : "smallest", sa); break;
    case OP_MAXDIM: case OP_MINDIM: sb_printf(sym, "grad_out at the arg%s positions of %s, 0 elsewhere", x->op == OP_MAXDIM ? "max" : "min", sa); break;
    case OP_MM: case OP_BMM:
        if (k == 0) sb_printf(sym, "grad_out @ %s.T", sb_); else sb_printf(sym, "%s.T @ grad_out", sa);
        break;
    case OP_MV:
        if (k == 0) sb_printf(sym, "outer(grad_out, %s)", sb_); else sb_printf(sym, "%s.T @ grad_out", sa);
        break;
    case OP_EXPAND: sb_puts(sym, "grad_out summed to shape "); shape_str(sym, x->in_ndim[0], x->in_shape[0]); break;
    case OP_ADDMM: { /* inputs: bias, mat1, mat2 */
        StrBuf c;
        sb_init(&c);
        input_label(T, &c, x, 2);
        if (k == 0) { sb_puts(sym, "grad_out summed to shape "); shape_str(sym, x->in_ndim[0], x->in_shape[0]); }
        else if (k == 1) sb_printf(sym, "grad_out @ %s.T", sbs(&c));
        else sb_printf(sym, "%s.T @ grad_out", sb_);
        sb_free(&c);
        break;
    }
    case OP_MSELOSS:
        sb_printf(sym, "2 * (%s - %s)%s * grad_out", k == 0 ? sa : sb_, k == 0 ? sb_ : sa, x->ip[0] == 1 ? " / numel" : "");
        break;
    case OP_BCELOSS:
        if (k == 0) sb_printf(sym, "grad_out * (%s - %s) / ((1 - %s) * %s)%s", sa, sb_, sa, sa, x->ip[0] == 1 ? " / numel" : "");
        else sb_printf(sym, "-grad_out * log(%s / (1 - %s))%s", sa, sa, x->ip[0] == 1 ? " / numel" : "");
        break;
    case OP_NLLLOSS:
        sb_printf(sym, "-grad_out%s at each row's target class, 0 elsewhere", x->ip[0] == 1 ? " / batch size" : "");
        break;
    case OP_INDEX: case OP_SELECT: case OP_SLICE:
        sb_puts(sym, "grad_out scattered into zeros of shape "); shape_str(sym, x->in_ndim[0], x->in_shape[0]); break;
    default:
        sb_puts(sym, "grad_out laid back out in shape "); shape_str(sym, x->in_ndim[0], x->in_shape[0]); break;
    }
    (void)iv1;
    sb_free(&a); sb_free(&b); sb_free(&ga); sb_free(&va); sb_free(&vb);
}

typedef struct { Tensor *leaf; Tensor *g; int parts; } LeafAcc;

static Value bi_trace_backward(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const params[] = {"t", "retain_graph"};
    Value a[2];
    if (!nat_args(I, "trace_backward", argc, argv, kw, 2, params, 1, a)) return VAL_ERR;
    Tensor *root = arg_tensor(I, a[0], "trace_backward");
    if (!root) return VAL_ERR;
    bool retain = false;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) { int b = val_truth(I, a[1]); if (b < 0) return VAL_ERR; retain = b; }
    if (!root->requires_grad || !root->grad_fn || root->numel != 1 || root->flavor != FLAVOR_TORCH) {
        /* nothing to trace: let backward() give its own error (or accumulate into a leaf) */
        if (!tape_backward(I, root, NULL, retain)) return VAL_ERR;
        printf("trace_backward: the tensor is a leaf: its .grad gets 1.\n");
        return VAL_NONE;
    }
    Tape T;
    if (!tape_collect(I, root, &T)) return VAL_ERR;
    size_t n = T.n;
    Tensor **bufs = calloc(n, sizeof *bufs);
    int *parts = calloc(n, sizeof *parts);
    LeafAcc *leaves = calloc(T.nleaves ? T.nleaves : 1, sizeof *leaves);
    size_t nleaves = 0;
    bool ok = false, prev_mode = tape_grad_enabled;
    StrBuf sb, sym, num, lab;
    sb_init(&sb); sb_init(&sym); sb_init(&num); sb_init(&lab);
    if (!bufs || !parts || !leaves) { err_nomem(I); goto done; }
    Tensor *g = tensor_new(I, root->dtype, FLAVOR_TORCH, root->ndim, root->shape);
    if (!g) goto done;
    tensor_set(g, 0, 1.0);
    bufs[n - 1] = g;
    parts[n - 1] = 1;
    root_label(&T, &lab);
    printf("Backward from %s: %zu record%s, newest first. grad_out is dL/d(record's output), L = %s; it starts at 1.\n",
           sbs(&lab), n, n == 1 ? "" : "s", sbs(&lab));
    tape_grad_enabled = false;
    for (size_t ii = n; ii-- > 0;) {
        TapeNode *x = T.nodes[ii];
        Tensor *gb = bufs[ii];
        if (!gb) continue;
        if (x->released && x->had_saved) {
            err_raise(I, EXC_RuntimeError, "%s", tape_second_backward_msg);
            err_hint(I, "call loss.backward(retain_graph=True) the first time, or recompute the forward pass (the loss) before calling backward() again");
            goto done;
        }
        if (x->adjoint) val_decref(val_obj(x->adjoint));
        x->adjoint = gb;
        obj_incref(&gb->h);
        Tensor *outs[TAPE_MAX_IN] = {NULL, NULL};
        if (!grad_apply(I, x, gb, outs)) goto done;
        /* header */
        sb_reset(&sb);
        sb_printf(&sb, "#%zu %s: ", ii + 1, tape_node_name(x));
        const char *nm = name_of_node(&T.names, x);
        if (nm) sb_printf(&sb, "%s = ", nm);
        node_expr(&T, &sb, x);
        if (x->src) { sb_puts(&sb, "   ("); where_str(&sb, x); sb_putc(&sb, ')'); }
        printf("%s\n", sbs(&sb));
        sb_reset(&sb);
        sb_puts(&sb, "    grad_out = ");
        short_repr(&sb, gb);
        if (parts[ii] > 1) sb_printf(&sb, "   (sum of %d paths)", parts[ii]);
        printf("%s\n", sbs(&sb));
        for (int k = 0; k < TAPE_MAX_IN; k++) {
            Tensor *o = outs[k];
            if (!o) continue;
            sb_reset(&sym); sb_reset(&num); sb_reset(&lab);
            input_label(&T, &lab, x, k);
            rule_text(&T, x, k, gb, &sym, &num);
            uint32_t bd = broadcast_dims(x, k);
            sb_reset(&sb);
            sb_printf(&sb, "    dL/d%s = %s%s%s", sbs(&lab), bd ? "sum(" : "", sbs(&sym), bd ? ")" : "");
            if (num.len) sb_printf(&sb, " = %s%s%s", bd ? "sum(" : "", sbs(&num), bd ? ")" : "");
            sb_puts(&sb, " = ");
            short_repr(&sb, o);
            if (bd) {
                sb_puts(&sb, "   (summed over broadcast dims [");
                int c = 0;
                for (int d = 0; d < x->out_ndim; d++) if ((bd >> d) & 1) sb_printf(&sb, "%s%d", c++ ? ", " : "", d);
                sb_puts(&sb, "] to shape ");
                shape_str(&sb, x->in_ndim[k], x->in_shape[k]);
                sb_putc(&sb, ')');
            }
            printf("%s\n", sbs(&sb));
            /* route exactly as tape_backward does */
            if (x->next[k]) {
                size_t j = node_index(x->next[k]) - 1;
                parts[j]++;
                if (!bufs[j]) bufs[j] = o;
                else {
                    Tensor *s = add_grads(I, bufs[j], o);
                    val_decref(val_obj(o));
                    if (!s) goto done;
                    val_decref(val_obj(bufs[j]));
                    bufs[j] = s;
                }
            } else if (x->leaf[k]) {
                size_t j = 0;
                while (j < nleaves && leaves[j].leaf != x->leaf[k]) j++;
                if (j == nleaves) { leaves[j].leaf = x->leaf[k]; leaves[j].g = o; leaves[j].parts = 1; nleaves++; }
                else {
                    Tensor *s = add_grads(I, leaves[j].g, o);
                    val_decref(val_obj(o));
                    if (!s) goto done;
                    val_decref(val_obj(leaves[j].g));
                    leaves[j].g = s;
                    leaves[j].parts++;
                }
            } else val_decref(val_obj(o));
        }
        val_decref(val_obj(gb));
        bufs[ii] = NULL;
        if (!retain && x->had_saved) {
            for (int s = 0; s < TAPE_MAX_SAVED; s++)
                if (x->saved[s]) { val_decref(val_obj(x->saved[s])); x->saved[s] = NULL; }
            x->released = true;
        }
    }
    tape_grad_enabled = prev_mode;
    printf("Accumulate into the leaves' .grad:\n");
    for (size_t j = 0; j < nleaves; j++) {
        Tensor *l = leaves[j].leaf;
        sb_reset(&sb);
        sb_puts(&sb, "    ");
        leaf_label(&T, &sb, l);
        sb_puts(&sb, ".grad: ");
        bool had = l->grad != NULL;
        if (had) short_repr(&sb, l->grad);
        else sb_puts(&sb, "None");
        Tensor *s = tape_leaf_new_grad(I, l, leaves[j].g);
        if (!s) goto done;
        tape_accumulate_leaf(I, l, s);
        if (had) { sb_puts(&sb, " + "); short_repr(&sb, leaves[j].g); sb_puts(&sb, " = "); }
        else sb_puts(&sb, " -> ");
        short_repr(&sb, l->grad);
        if (leaves[j].parts > 1) sb_printf(&sb, "   (sum of %d paths)", leaves[j].parts);
        if (had) sb_puts(&sb, "   (grads accumulate: zero them between steps)");
        printf("%s\n", sbs(&sb));
    }
    if (!nleaves) printf("    (no leaf requiring grad was reached)\n");
    ok = true;
done:
    tape_grad_enabled = prev_mode;
    if (bufs) { for (size_t i = 0; i < n; i++) if (bufs[i]) val_decref(val_obj(bufs[i])); free(bufs); }
    if (leaves) { for (size_t j = 0; j < nleaves; j++) val_decref(val_obj(leaves[j].g)); free(leaves); }
    free(parts);
    sb_free(&sb); sb_free(&sym); sb_free(&num); sb_free(&lab);
    tape_free_(&T);
    fflush(stdout);
    return ok ? VAL_NONE : VAL_ERR;
}

/* ---- graph --------------------------------------------------------------------------------- */
typedef struct {
    Tape *T;
    bool uni;
    int lines;
    bool *shown;
} GraphCtx;
#define GRAPH_MAX_LINES 400
#define GRAPH_MAX_DEPTH 60

static void graph_input_line(GraphCtx *G, StrBuf *sb, const TapeNode *x, int k) {
    Tape *T = G->T;
    if (x->leaf[k]) {
        Tensor *l = x->leaf[k];
        leaf_label(T, sb, l);
        sb_puts(sb, "  leaf ");
        shape_str(sb, l->ndim, l->shape);
        sb_puts(sb, " requires_grad");
    } else if (x->const_in[k]) {
        Tensor *c = x->const_in[k];
        const_label(T, sb, c);
        sb_puts(sb, "  const ");
        shape_str(sb, c->ndim, c->shape);
    } else {
        sb_puts(sb, "const ");
        shape_str(sb, x->in_ndim[k], x->in_shape[k]);
    }
}

static void graph_node_line(GraphCtx *G, StrBuf *sb, const TapeNode *x) {
    const char *nm = name_of_node(&G->T->names, x);
    if (nm) sb_printf(sb, "%s = ", nm);
    sb_printf(sb, "#%zu %s ", node_index(x), tape_node_name(x));
    shape_str(sb, x->out_ndim, x->out_shape);
    sb_puts(sb, "  (");
    node_expr(G->T, sb, x);
    sb_putc(sb, ')');
}

static void graph_rec(GraphCtx *G, const TapeNode *x, StrBuf *prefix, int depth) {
    int nin = x->nin < TAPE_MAX_IN ? x->nin : TAPE_MAX_IN;
    for (int k = 0; k < nin; k++) {
        if (G->lines >= GRAPH_MAX_LINES) return;
        bool last = k == nin - 1;
        StrBuf line;
        sb_init(&line);
        sb_puts(&line, sbs(prefix));
        sb_puts(&line, G->uni ? (last ? "└── " : "├── ") : (last ? "`-- " : "|-- "));
        const TapeNode *c = x->next[k];
        if (c) {
            size_t ci = node_index(c) - 1;
            graph_node_line(G, &line, c);
            bool seen = G->shown[ci];
            bool deep = depth >= GRAPH_MAX_DEPTH;
            if (seen) sb_puts(&line, "  (drawn above)");
            else if (deep) sb_puts(&line, "  ...");
            printf("%s\n", sbs(&line));
            G->lines++;
            if (!seen && !deep) {
                G->shown[ci] = true;
                size_t plen = prefix->len;
                sb_puts(prefix, G->uni ? (last ? "    " : "│   ") : (last ? "    " : "|   "));
                graph_rec(G, c, prefix, depth + 1);
                prefix->len = plen;
                if (prefix->data) prefix->data[plen] = 0;
            }
        } else {
            graph_input_line(G, &line, x, k);
            printf("%s\n", sbs(&line));
            G->lines++;
        }
        sb_free(&line);
    }
}

/* A label for a DOT string: quotes and backslashes escaped, newlines as DOT's \n. */
static void dot_escape(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '\n') { fputs("\\n", f); continue; }
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
}

static bool on_path(const char *prog) {
    const char *path = getenv("PATH");
    if (!path) return false;
    char buf[4096];
    while (*path) {
        const char *e = strchr(path, ':');
        size_t len = e ? (size_t)(e - path) : strlen(path);
        if (len && len + strlen(prog) + 2 < sizeof buf) {
            memcpy(buf, path, len);
            buf[len] = '/';
            strcpy(buf + len + 1, prog);
            if (access(buf, X_OK) == 0) return true;
        }
        if (!e) break;
        path = e + 1;
    }
    return false;
}

static bool graph_dot(Interp *I, Tape *T, const char *file) {
    FILE *f = fopen(file, "w");
    if (!f) {
        err_raise(I, EXC_RuntimeError, "[Errno %d] %s: '%s'", errno, strerror(errno), file);
        return false;
    }
    StrBuf sb;
    sb_init(&sb);
    fprintf(f, "digraph tape {\n  rankdir=BT;\n  node [fontname=\"Helvetica\", fontsize=11];\n");
    for (size_t j = 0; j < T->nleaves; j++) {
        sb_reset(&sb);
        leaf_label(T, &sb, T->leaves[j]);
        sb_puts(&sb, "\nleaf ");
        shape_str(&sb, T->leaves[j]->ndim, T->leaves[j]->shape);
        fprintf(f, "  leaf%zu [shape=ellipse, style=filled, fillcolor=\"#cfe8ff\", label=\"", j + 1);
        dot_escape(f, sbs(&sb));
        fprintf(f, "\"];\n");
    }
    for (size_t j = 0; j < T->nconsts; j++) {
        sb_reset(&sb);
        const_label(T, &sb, T->consts[j]);
        sb_puts(&sb, "\nconst ");
        shape_str(&sb, T->consts[j]->ndim, T->consts[j]->shape);
        fprintf(f, "  const%zu [shape=ellipse, style=dashed, label=\"", j + 1);
        dot_escape(f, sbs(&sb));
        fprintf(f, "\"];\n");
    }
    for (size_t i = 0; i < T->n; i++) {
        TapeNode *x = T->nodes[i];
        sb_reset(&sb);
        sb_printf(&sb, "#%zu %s\n", i + 1, tape_node_name(x));
        const char *nm = name_of_node(&T->names, x);
        if (nm) sb_printf(&sb, "%s = ", nm);
        node_expr(T, &sb, x);
        sb_puts(&sb, "\n");
        shape_str(&sb, x->out_ndim, x->out_shape);
        fprintf(f, "  rec%zu [shape=box, style=rounded, label=\"", i + 1);
        dot_escape(f, sbs(&sb));
        fprintf(f, "\"];\n");
        for (int k = 0; k < x->nin && k < TAPE_MAX_IN; k++) {
            if (x->next[k]) fprintf(f, "  rec%zu -> rec%zu;\n", node_index(x->next[k]), i + 1);
            else if (x->leaf[k]) fprintf(f, "  leaf%zu -> rec%zu;\n", leaf_index(T, x->leaf[k]), i + 1);
            else if (x->const_in[k]) fprintf(f, "  const%zu -> rec%zu;\n", const_index(T, x->const_in[k]), i + 1);
        }
    }
    fprintf(f, "}\n");
    sb_free(&sb);
    if (fclose(f) != 0) {
        err_raise(I, EXC_RuntimeError, "could not write '%s': %s", file, strerror(errno));
        return false;
    }
    /* SVG next to it, when Graphviz is installed */
    if (on_path("dot")) {
        size_t len = strlen(file);
        char *svg = malloc(len + 5);
        if (!svg) return true;
        strcpy(svg, file);
        if (len > 4 && !strcmp(svg + len - 4, ".dot")) strcpy(svg + len - 4, ".svg");
        else strcat(svg, ".svg");
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            int devnull = open("/dev/null", O_WRONLY);
            if (devnull >= 0) { dup2(devnull, 1); dup2(devnull, 2); }
            execlp("dot", "dot", "-Tsvg", file, "-o", svg, (char *)NULL);
            _exit(127);
        }
        if (pid > 0) {
            int st;
            while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
        }
        free(svg);
    }
    return true;
}

static Value bi_graph(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const params[] = {"t", "file"};
    Value a[2];
    if (!nat_args(I, "graph", argc, argv, kw, 2, params, 1, a)) return VAL_ERR;
    Tensor *t = arg_tensor(I, a[0], "graph");
    if (!t) return VAL_ERR;
    const char *file = NULL;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) {
        if (!IS_A(a[1], str_class)) return err_raise(I, EXC_TypeError, "graph() file must be a str, not %s", val_type_name(a[1]));
        file = str_cstr((Str *)AS_OBJ(a[1]));
    }
    Names nm;
    names_collect(I, &nm);
    const char *label = name_of_tensor(&nm, t);
    bool has = has_tape(t, label ? label : "this tensor");
    names_free(&nm);
    if (!has) return VAL_NONE;
    Tape T;
    if (!tape_collect(I, t, &T)) return VAL_ERR;
    bool ok = true;
    if (file) ok = graph_dot(I, &T, file);
    else {
        GraphCtx G = {&T, isatty(1) != 0, 0, calloc(T.n ? T.n : 1, sizeof(bool))};
        if (!G.shown) { tape_free_(&T); return err_nomem(I); }
        StrBuf line, prefix;
        sb_init(&line);
        sb_init(&prefix);
        graph_node_line(&G, &line, t->grad_fn);
        printf("%s\n", sbs(&line));
        G.shown[T.n - 1] = true;
        graph_rec(&G, t->grad_fn, &prefix, 0);
        if (G.lines >= GRAPH_MAX_LINES) printf("... (graph cut at %d lines)\n", GRAPH_MAX_LINES);
        sb_free(&line);
        sb_free(&prefix);
        free(G.shown);
    }
    tape_free_(&T);
    fflush(stdout);
    return ok ? VAL_NONE : VAL_ERR;
}

/* ---- gradcheck / compare_grad ------------------------------------------------------------- */
static bool kw_float(Interp *I, const char *fname, const KwArgs *kw, const char *const *names, int nn, double *out) {
    if (!kw) return true;
    for (int i = 0; i < kw->n; i++) {
        const char *k = str_cstr(kw->names[i]);
        int j = 0;
        while (j < nn && strcmp(names[j], k)) j++;
        if (j == nn) {
            err_raise(I, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fname, k);
            return false;
        }
        Value v = kw->vals[i];
        if (IS_INT(v)) out[j] = (double)v.as.i;
        else if (IS_FLOAT(v)) out[j] = v.as.f;
        else {
            err_raise(I, EXC_TypeError, "%s() argument '%s' must be a number, not %s", fname, k, val_type_name(v));
            return false;
        }
    }
    return true;
}

/* A fresh leaf requiring grad holding v (tensor or number), in dtype dt (-1: keep float dtype, else float32). */
static Tensor *make_leaf(Interp *I, Value v, int dt, const char *fname, int pos) {
    Tensor *t = NULL;
    if (IS_TENSOR(v)) {
        Tensor *s = AS_TENSOR(v);
        DType d = dt >= 0 ? (DType)dt : (dtype_is_float(s->dtype) ? s->dtype : DT_FLOAT32);
        t = tensor_copy(I, s, d);
    } else if (IS_INT(v) || IS_FLOAT(v)) {
        t = tensor_scalar(I, dt >= 0 ? (DType)dt : DT_FLOAT32, FLAVOR_TORCH, IS_INT(v) ? (double)v.as.i : v.as.f);
    } else {
        err_raise(I, EXC_TypeError, "%s() input %d must be a tensor or a number, not %s", fname, pos, val_type_name(v));
        return NULL;
    }
    if (!t) return NULL;
    t->flavor = FLAVOR_TORCH;
    t->requires_grad = true;
    return t;
}

static void index_str(StrBuf *sb, const Tensor *t, int64_t i) {
    if (t->ndim == 0) { sb_puts(sb, "()"); return; }
    int64_t idx[TENSOR_MAX_DIMS];
    for (int d = t->ndim - 1; d >= 0; d--) { idx[d] = t->shape[d] ? i % t->shape[d] : 0; i = t->shape[d] ? i / t->shape[d] : 0; }
    sb_putc(sb, '[');
    for (int d = 0; d < t->ndim; d++) sb_printf(sb, "%s%lld", d ? ", " : "", (long long)idx[d]);
    sb_putc(sb, ']');
}

/* f(*args) reduced to one number (the sum of the output's elements). */
static bool call_sum(Interp *I, Value f, int n, Value *args, double *out, Value *keep) {
    Value r = val_call(I, f, n, args, NULL);
    if (IS_ERR(r)) return false;
    double s = 0;
    if (IS_TENSOR(r)) {
        Tensor *t = AS_TENSOR(r);
        for (int64_t i = 0; i < t->numel; i++) s += tensor_get(t, i);
    } else if (IS_INT(r) || IS_FLOAT(r) || IS_BOOL(r)) {
        s = IS_INT(r) ? (double)r.as.i : IS_FLOAT(r) ? r.as.f : r.as.b;
    } else {
        err_raise(I, EXC_TypeError, "the function must return a tensor or a number, not %s", val_type_name(r));
        val_decref(r);
        return false;
    }
    *out = s;
    if (keep) *keep = r;
    else val_decref(r);
    return true;
}

/* Warn about relu/abs/clamp/max evaluated at their kink on the tape of t. */
static int warn_kinks(Interp *I, Tensor *t, double eps) {
    if (!t->grad_fn) return 0;
    Tape T;
    if (!tape_collect(I, t, &T)) { err_clear(I); return 0; }
    int nw = 0;
    for (size_t i = 0; i < T.n; i++) {
        TapeNode *x = T.nodes[i];
        if (x->op != OP_RELU && x->op != OP_ABS && x->op != OP_CLAMP) continue;
        Tensor *v = input_value(x, 0);
        if (!v) continue;
        int64_t hits = 0;
        for (int64_t e = 0; e < v->numel; e++) {
            double z = tensor_get(v, e);
            if (x->op == OP_CLAMP) {
                int fl = (int)x->ip[0];
                if (((fl & 1) && fabs(z - x->p[0]) <= eps) || ((fl & 2) && fabs(z - x->p[1]) <= eps)) hits++;
            } else if (fabs(z) <= eps) hits++;
        }
        if (!hits) continue;
        StrBuf w;
        sb_init(&w);
        where_str(&w, x);
        printf("warning: %s evaluated at its kink (%s) for %lld element%s (record #%zu %s%s%s): the derivative is not defined\n"
               "         there, so the analytic value (torch's convention) and the numeric slope may disagree.\n",
               op_name[x->op], x->op == OP_CLAMP ? "a clamp bound" : "0", (long long)hits, hits == 1 ? "" : "s", i + 1,
               tape_node_name(x), w.len ? " at " : "", sbs(&w));
        sb_free(&w);
        nw++;
    }
    tape_free_(&T);
    return nw;
}

static void fmt_g(StrBuf *sb, double x) {
    if (x == 0) { sb_puts(sb, "0"); return; }
    sb_printf(sb, "%.6g", x);
}

static Value bi_gradcheck(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const kwn[] = {"eps", "atol", "rtol"};
    double opt[3] = {1e-6, 1e-5, 1e-3};
    if (argc < 2) return err_raise(I, EXC_TypeError, "gradcheck() takes a function and at least one input (gradcheck(f, x))");
    if (!kw_float(I, "gradcheck", kw, kwn, 3, opt)) return VAL_ERR;
    double eps = opt[0], atol = opt[1], rtol = opt[2];
    Value f = argv[0];
    int n = argc - 1;
    Value *args = calloc((size_t)n, sizeof *args);
    if (!args) return err_nomem(I);
    Value result = VAL_ERR;
    Value out = VAL_UNDEF;
    bool prev = tape_grad_enabled;
    for (int i = 0; i < n; i++) args[i] = VAL_UNDEF;
    for (int i = 0; i < n; i++) {
        Tensor *t = make_leaf(I, argv[i + 1], DT_FLOAT64, "gradcheck", i);
        if (!t) goto done;
        args[i] = val_obj(t);
    }
    Names nm;
    names_collect(I, &nm);
    /* analytic */
    tape_grad_enabled = true;
    double f0;
    if (!call_sum(I, f, n, args, &f0, &out)) { names_free(&nm); goto done; }
    int kinks = 0;
    bool eps_given = false;
    for (int i = 0; kw && i < kw->n; i++) if (!strcmp(str_cstr(kw->names[i]), "eps")) eps_given = true;
    if (IS_TENSOR(out) && AS_TENSOR(out)->dtype == DT_FLOAT32 && !eps_given) {
        eps = 1e-3;
        if (atol < 1e-3) atol = 1e-3;
        if (rtol < 1e-2) rtol = 1e-2;
        printf("note: f computed in float32 (a float32 tensor inside f wins type promotion over the float64 inputs,\n"
               "      e.g. a 0-d input times a float32 vector), so eps=0.001, atol=%g, rtol=%g; for float64 make\n"
               "      f's tensors float64 too (torch.tensor(..., dtype=torch.float64)).\n", atol, rtol);
    }
    if (IS_TENSOR(out) && AS_TENSOR(out)->requires_grad) {
        Tensor *o = AS_TENSOR(out);
        kinks = warn_kinks(I, o, eps);
        Tensor *s = o->numel == 1 ? (obj_incref(&o->h), o) : tensor_reduce(I, OP_SUM, o, -1, false);
        if (!s) { names_free(&nm); goto done; }
        bool ok = tape_backward(I, s, NULL, false);
        val_decref(val_obj(s));
        if (!ok) { names_free(&nm); goto done; }
    }
    val_decref(out);
    out = VAL_UNDEF;
    /* numeric, element by element */
    tape_grad_enabled = false;
    printf("gradcheck: autodiff vs central differences (f(x+eps) - f(x-eps)) / (2*eps), inputs in float64, eps=%g\n", eps);
    printf("  ok when |analytic - numeric| <= atol + rtol*|numeric|  (atol=%g, rtol=%g)\n", atol, rtol);
    printf("  %-10s %-8s %14s %14s %10s\n", "input", "element", "analytic", "numeric", "abs err");
    int64_t total = 0, bad = 0;
    StrBuf sb, tmp;
    sb_init(&sb);
    sb_init(&tmp);
    for (int i = 0; i < n; i++) {
        Tensor *t = AS_TENSOR(args[i]);
        const char *label = IS_TENSOR(argv[i + 1]) ? name_of_tensor(&nm, AS_TENSOR(argv[i + 1])) : NULL;
        for (int64_t e = 0; e < t->numel; e++) {
            double x0 = tensor_get(t, e), fp, fm;
            tensor_set(t, e, x0 + eps);
            bool ok1 = call_sum(I, f, n, args, &fp, NULL);
            tensor_set(t, e, x0 - eps);
            bool ok2 = ok1 && call_sum(I, f, n, args, &fm, NULL);
            tensor_set(t, e, x0);
            if (!ok2) { names_free(&nm); sb_free(&sb); sb_free(&tmp); goto done; }
            double num = (fp - fm) / (2 * eps);
            double ana = t->grad ? tensor_get(t->grad, e) : 0.0;
            double err = fabs(ana - num);
            bool ok = err <= atol + rtol * fabs(num);
            total++;
            if (!ok) bad++;
            sb_reset(&sb);
            sb_reset(&tmp);
            if (label) sb_puts(&tmp, label);
            else sb_printf(&tmp, "#%d", i);
            sb_printf(&sb, "  %-10s ", sbs(&tmp));
            sb_reset(&tmp);
            index_str(&tmp, t, e);
            sb_printf(&sb, "%-8s ", sbs(&tmp));
            sb_reset(&tmp); fmt_g(&tmp, ana); sb_printf(&sb, "%14s ", sbs(&tmp));
            sb_reset(&tmp); fmt_g(&tmp, num); sb_printf(&sb, "%14s ", sbs(&tmp));
            sb_reset(&tmp);
            if (err < 1e-9) sb_puts(&tmp, "<1e-09");
            else sb_printf(&tmp, "%.1e", err);
            sb_printf(&sb, "%10s  %s", sbs(&tmp), ok ? "ok" : "FAIL");
            printf("%s\n", sbs(&sb));
        }
    }
    sb_free(&sb);
    sb_free(&tmp);
    names_free(&nm);
    if (bad) printf("gradcheck: FAILED: %lld of %lld element%s differ%s%s\n", (long long)bad, (long long)total, total == 1 ? "" : "s", bad == 1 ? "s" : "",
                    kinks ? " (see the kink warning above)" : " (the backward rule, or a .detach()/no-grad step inside f, is wrong)");
    else printf("gradcheck: passed (%lld element%s)\n", (long long)total, total == 1 ? "" : "s");
    result = val_bool(bad == 0);
done:
    tape_grad_enabled = prev;
    if (!IS_UNDEF(out)) val_decref(out);
    for (int i = 0; i < n; i++) if (!IS_UNDEF(args[i])) val_decref(args[i]);
    free(args);
    fflush(stdout);
    return result;
}

/* Values of a gradient-like result as doubles (tensor, number, or numpy scalar). */
static bool grad_values(Interp *I, Value v, int64_t want, double **out) {
    int64_t n;
    *out = NULL;
    if (IS_TENSOR(v)) n = AS_TENSOR(v)->numel;
    else if (IS_INT(v) || IS_FLOAT(v)) n = 1;
    else {
        err_raise(I, EXC_TypeError, "compare_grad(): manual_fn must return a gradient (tensor or number) per input, not %s", val_type_name(v));
        return false;
    }
    if (n != want && n != 1) {
        err_raise(I, EXC_ValueError, "compare_grad(): the manual gradient has %lld elements but the input has %lld", (long long)n, (long long)want);
        return false;
    }
    double *d = malloc(sizeof *d * (size_t)(want ? want : 1));
    if (!d) { err_nomem(I); return false; }
    for (int64_t i = 0; i < want; i++) {
        int64_t j = n == 1 ? 0 : i;
        d[i] = IS_TENSOR(v) ? tensor_get(AS_TENSOR(v), j) : IS_INT(v) ? (double)v.as.i : v.as.f;
    }
    *out = d;
    return true;
}

static bool near_int(double r, int64_t *k) {
    double q = rint(r);
    if (q == 0 || fabs(r - q) > 1e-3 * fabs(q)) return false;
    *k = (int64_t)q;
    return true;
}

static Value bi_compare_grad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 3) return err_raise(I, EXC_TypeError, "compare_grad() takes manual_fn, loss_fn and at least one input: compare_grad(manual_fn, loss_fn, w)");
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "compare_grad() got an unexpected keyword argument '%s'", str_cstr(kw->names[0]));
    Value manual_fn = argv[0], loss_fn = argv[1];
    int n = argc - 2;
    const Value *inputs = argv + 2;
    Value *leaves = calloc((size_t)n, sizeof *leaves);
    double **man = calloc((size_t)n, sizeof *man);
    if (!leaves || !man) { free(leaves); free(man); return err_nomem(I); }
    Value result = VAL_ERR, loss = VAL_UNDEF, mres = VAL_UNDEF;
    bool prev = tape_grad_enabled;
    Names nm;
    names_collect(I, &nm);
    StrBuf sb, tmp;
    sb_init(&sb);
    sb_init(&tmp);
    for (int i = 0; i < n; i++) leaves[i] = VAL_UNDEF;
    for (int i = 0; i < n; i++) {
        Tensor *t = make_leaf(I, inputs[i], -1, "compare_grad", i);
        if (!t) goto done;
        leaves[i] = val_obj(t);
    }
    /* autodiff of loss_fn */
    tape_grad_enabled = true;
    loss = val_call(I, loss_fn, n, leaves, NULL);
    if (IS_ERR(loss)) goto done;
    if (!IS_TENSOR(loss) || AS_TENSOR(loss)->numel != 1) {
        err_raise(I, EXC_TypeError, "compare_grad(): loss_fn must return a one-element tensor (the loss), not %s",
                  IS_TENSOR(loss) ? "a tensor with several elements" : val_type_name(loss));
        err_hint(I, "write loss_fn(w) so it returns e.g. ((w * X - Y)**2).mean()");
        goto done;
    }
    Tensor *L = AS_TENSOR(loss);
    /* what N could be: the means on the loss's tape, the inputs' and constants' sizes */
    int64_t cand[64];
    const char *cand_why[64];
    int ncand = 0;
    char mean_where[256] = "";
    if (L->grad_fn) {
        Tape T;
        if (!tape_collect(I, L, &T)) goto done;
        for (size_t i = T.n; i-- > 0 && ncand < 60;) {
            TapeNode *x = T.nodes[i];
            if (x->op == OP_MEAN || x->op == OP_MEANDIM) {
                int64_t c = 1;
                uint32_t mask = (uint32_t)x->ip[0];
                for (int d = 0; d < x->in_ndim[0]; d++) if (x->op == OP_MEAN || ((mask >> d) & 1)) c *= x->in_shape[0][d];
                cand[ncand] = c;
                cand_why[ncand++] = "mean";
                if (!mean_where[0]) {
                    StrBuf w;
                    sb_init(&w);
                    sb_printf(&w, "%s", tape_node_name(x));
                    if (x->src) { sb_puts(&w, " at "); where_str(&w, x); }
                    snprintf(mean_where, sizeof mean_where, "%s", sbs(&w));
                    sb_free(&w);
                }
            }
        }
        for (size_t j = 0; j < T.nconsts && ncand < 62; j++) { cand[ncand] = T.consts[j]->numel; cand_why[ncand++] = "batch"; }
        tape_free_(&T);
        tape_grad_enabled = false;
        if (!tape_backward(I, L, NULL, false)) goto done;
    }
    tape_grad_enabled = prev;
    /* the manual gradient, from the inputs as given */
    mres = val_call(I, manual_fn, n, inputs, NULL);
    if (IS_ERR(mres)) goto done;
    if (n == 1) {
        if (!grad_values(I, mres, AS_TENSOR(leaves[0])->numel, &man[0])) goto done;
    } else {
        if (!IS_A(mres, tuple_class) && !IS_A(mres, list_class)) {
            err_raise(I, EXC_TypeError, "compare_grad(): with %d inputs manual_fn must return a tuple of %d gradients", n, n);
            goto done;
        }
        int64_t len = IS_A(mres, tuple_class) ? ((Tuple *)AS_OBJ(mres))->len : ((List *)AS_OBJ(mres))->len;
        const Value *items = IS_A(mres, tuple_class) ? ((Tuple *)AS_OBJ(mres))->items : ((List *)AS_OBJ(mres))->items;
        if (len != n) { err_raise(I, EXC_ValueError, "compare_grad(): manual_fn returned %lld gradients for %d inputs", (long long)len, n); goto done; }
        for (int i = 0; i < n; i++)
            if (!grad_values(I, items[i], AS_TENSOR(leaves[i])->numel, &man[i])) goto done;
    }
    /* compare */
    for (int i = 0; i < n; i++) { Tensor *t = AS_TENSOR(leaves[i]); if (ncand < 64 && t->numel > 1) { cand[ncand] = t->numel; cand_why[ncand++] = "input"; } }
    printf("compare_grad: your gradient (manual_fn) vs autodiff of loss_fn, at the inputs given\n");
    printf("  %-10s %-8s %14s %14s %12s\n", "input", "element", "manual", "autodiff", "manual/auto");
    bool match = true, ratio_const = true, have_ratio = false;
    double r0 = 0, rsum = 0;
    int64_t nr = 0, total = 0;
    for (int i = 0; i < n; i++) {
        Tensor *t = AS_TENSOR(leaves[i]);
        const char *label = IS_TENSOR(inputs[i]) ? name_of_tensor(&nm, AS_TENSOR(inputs[i])) : NULL;
        for (int64_t e = 0; e < t->numel; e++) {
            double a = t->grad ? tensor_get(t->grad, e) : 0.0, m = man[i][e];
            total++;
            if (fabs(m - a) > 1e-5 + 1e-3 * fabs(a)) match = false;
            sb_reset(&sb); sb_reset(&tmp);
            if (label) sb_puts(&tmp, label);
            else if (n == 1) sb_puts(&tmp, "w");
            else sb_printf(&tmp, "#%d", i);
            sb_printf(&sb, "  %-10s ", sbs(&tmp));
            sb_reset(&tmp); index_str(&tmp, t, e); sb_printf(&sb, "%-8s ", sbs(&tmp));
            sb_reset(&tmp); fmt_g(&tmp, m); sb_printf(&sb, "%14s ", sbs(&tmp));
            sb_reset(&tmp); fmt_g(&tmp, a); sb_printf(&sb, "%14s ", sbs(&tmp));
            sb_reset(&tmp);
            if (a != 0) {
                double r = m / a;
                sb_printf(&tmp, "%.4f", r);
                if (!have_ratio) { r0 = r; have_ratio = true; }
                else if (fabs(r - r0) > 1e-3 * fabs(r0) + 1e-9) ratio_const = false;
                rsum += r;
                nr++;
            } else {
                sb_puts(&tmp, m == 0 ? "-" : "inf");
                if (fabs(m) > 1e-6) ratio_const = false;
            }
            sb_printf(&sb, "%12s", sbs(&tmp));
            printf("%s\n", sbs(&sb));
        }
    }
    if (match) {
        printf("They match: your gradient equals autodiff's.\n");
        result = val_float(1.0);
    } else if (have_ratio && ratio_const) {
        double r = rsum / (double)nr;
        int64_t k;
        bool ik = near_int(r, &k), inv = false;
        int64_t kinv = 0;
        if (!ik && fabs(r) < 1 && near_int(1 / r, &kinv)) inv = true;
        if (ik) printf("Your gradient is %lld.0 times autodiff's (the same factor for every element).\n", (long long)k);
        else printf("Your gradient is %.4f times autodiff's (the same factor for every element).\n", r);
        int ci = -1;
        int64_t target = ik ? k : inv ? kinv : 0;
        if (target < 0) target = -target;
        for (int c = 0; c < ncand && target > 1; c++) if (cand[c] == target) { ci = c; break; }
        if (ik && k > 1 && ci >= 0) {
            if (!strcmp(cand_why[ci], "mean"))
                printf("%lld = N, the number of elements the loss averages over (%s).\n", (long long)k, mean_where);
            else printf("%lld = N, the number of elements of the data/batch.\n", (long long)k);
            printf("The loss is a mean, (1/N) * sum(...), so its gradient has a 1/N too: your gradient is missing the 1/N\n"
                   "of the mean. A common cause: np.dot(a, b) already sums over the batch and returns one number, so a\n"
                   "following .mean() averages a single value and divides by nothing -- write np.dot(a, b) / N or\n"
                   "(a * b).mean() instead. A gradient %lld times too large acts like a learning rate %lld times larger,\n"
                   "which is why a training loop using it seems to converge faster (and diverges sooner).\n",
                   (long long)k, (long long)k);
        } else if (inv && ci >= 0) {
            printf("1/%.4f = %lld = N: your gradient divides by N once too often (or the loss sums where you assumed a mean).\n",
                   r, (long long)kinv);
        } else if (ik && k == -1) {
            printf("Only the sign differs: stepping w -= lr * grad with this gradient climbs the loss instead of descending.\n");
        } else if (ik && k == 2) {
            printf("A factor of 2 often comes from d/dx x**2 = 2*x: one side has the 2, the other does not.\n");
        }
        result = val_float(ik ? (double)k : r);
    } else {
        printf("They differ, and not by one constant factor: check the formula element by element.\n");
        result = VAL_NONE;
    }
done:
    tape_grad_enabled = prev;
    if (!IS_UNDEF(loss) && !IS_ERR(loss)) val_decref(loss);
    if (!IS_UNDEF(mres) && !IS_ERR(mres)) val_decref(mres);
    for (int i = 0; i < n; i++) { if (!IS_UNDEF(leaves[i])) val_decref(leaves[i]); free(man[i]); }
    free(leaves);
    free(man);
    sb_free(&sb);
    sb_free(&tmp);
    names_free(&nm);
    fflush(stdout);
    return result;
}

/* ---- explainers (stderr) -------------------------------------------------------------------- */
#define SEEN_MAX 256
typedef struct { const void *p; int reason; const void *src; int line, col; } Seen;
static Seen seen_t[SEEN_MAX], seen_loc[SEEN_MAX];
static int nseen_t, nseen_loc;
static const void *noted_leaf[SEEN_MAX];
static int nnoted;
static bool backward_seen;

static bool seen_has(const Seen *s, int n, const Seen *k, bool by_loc) {
    int m = n < SEEN_MAX ? n : SEEN_MAX;
    for (int i = 0; i < m; i++) {
        if (by_loc) { if (s[i].reason == k->reason && s[i].src == k->src && s[i].line == k->line && s[i].col == k->col) return true; }
        else if (s[i].p == k->p) return true;
    }
    return false;
}

static void note_prefix(Interp *I, StrBuf *sb) {
    Source *src = NULL;
    Span span = {0, 0, 0, 0};
    interp_location(I, &src, &span);
    if (src) sb_printf(sb, "%s:%d: ", src->name, span.line);
    sb_puts(sb, "note: ");
}

enum { WHY_NONLEAF = 1, WHY_REBOUND, WHY_NOGRAD, WHY_UNREACHED, WHY_NOBACKWARD };

/* c == s * g for one scalar s (the `lr * w.grad` of `w = w - lr * w.grad`). */
static bool proportional(const Tensor *c, const Tensor *g) {
    if (c->numel != g->numel || c->numel == 0) return false;
    double s = 0;
    bool have = false;
    for (int64_t i = 0; i < c->numel; i++) {
        double a = tensor_get(c, i), b = tensor_get(g, i);
        if (b == 0) { if (a != 0) return false; continue; }
        if (!have) { s = a / b; have = true; }
        else if (fabs(a / b - s) > 1e-4 * fabs(s) + 1e-12) return false;
    }
    return true;
}

void teach_grad_none(Interp *I, Tensor *t) {
    if (t->flavor != FLAVOR_TORCH) return;
    int why;
    Tensor *old = NULL;
    if (t->grad_fn) {
        why = WHY_NONLEAF;
        TapeNode *x = t->grad_fn;
        if ((x->op == OP_SUB || x->op == OP_ADD) && x->nin == 2)
            for (int k = 0; k < 2; k++)
                if (x->leaf[k] && x->leaf[k]->grad && x->const_in[1 - k] && proportional(x->const_in[1 - k], x->leaf[k]->grad)) {
                    why = WHY_REBOUND;
                    old = x->leaf[k];
                }
    } else if (!t->requires_grad) why = WHY_NOGRAD;
    else why = backward_seen ? WHY_UNREACHED : WHY_NOBACKWARD;
    Source *src = NULL;
    Span span = {0, 0, 0, 0};
    interp_location(I, &src, &span);
    /* a stdlib module reading .grad (copy.deepcopy copies it) is not the learner's mistake */
    if (src && !strncmp(src->name, "<stdlib ", 8)) return;
    Seen k = {t, why, src, span.line, span.col};
    if (seen_has(seen_t, nseen_t, &k, false) || seen_has(seen_loc, nseen_loc, &k, true)) return;
    seen_t[nseen_t++ % SEEN_MAX] = k;
    seen_loc[nseen_loc++ % SEEN_MAX] = k;
    Names nm;
    names_collect(I, &nm);
    const char *name = name_of_tensor(&nm, t);
    StrBuf sb, w;
    sb_init(&sb);
    sb_init(&w);
    note_prefix(I, &sb);
    const char *N = name ? name : "this tensor";
    if (t->grad_fn) where_str(&w, t->grad_fn);
    switch (why) {
    case WHY_REBOUND:
        sb_printf(&sb, "%s.grad is None: %s is no longer the leaf you created. `%s = %s - ...` made a new tensor (%s%s%s)\n"
                  "      computed from the old one, and only leaves get .grad. Update the parameter in place instead:\n"
                  "      with torch.no_grad(): %s -= learning_rate * %s.grad",
                  N, N, N, N, tape_node_name(t->grad_fn), w.len ? " at " : "", sbs(&w), N, N);
        (void)old;
        break;
    case WHY_NONLEAF:
        sb_printf(&sb, "%s.grad is None: %s is not a leaf (it was computed by %s%s%s); backward() fills .grad only for\n"
                  "      leaves, the tensors you created with requires_grad=True.",
                  N, N, tape_node_name(t->grad_fn), w.len ? " at " : "", sbs(&w));
        if (t->grad_fn->adjoint) {
            sb_puts(&sb, " Its gradient in the last backward was ");
            short_repr(&sb, t->grad_fn->adjoint);
            sb_puts(&sb, " (the adjoint column of show_tape).");
        } else sb_puts(&sb, " Its gradient appears as the adjoint in show_tape(loss) after backward().");
        break;
    case WHY_NOGRAD:
        sb_printf(&sb, "%s.grad is None: %s does not require grad (it was created without requires_grad=True, or computed\n"
                  "      under torch.no_grad() or from tensors that do not require grad), so backward() never computes it.", N, N);
        break;
    case WHY_UNREACHED:
        sb_printf(&sb, "%s.grad is None: %s requires grad, but no backward() has reached it: the loss you called backward()\n"
                  "      on was not computed from %s (or %s.grad was reset to None since).", N, N, N, N);
        break;
    default:
        sb_printf(&sb, "%s.grad is None until you call backward() on a loss computed from %s.", N, N);
        break;
    }
    fflush(stdout);
    fprintf(stderr, "%s\n", sbs(&sb));
    fflush(stderr);
    sb_free(&sb);
    sb_free(&w);
    names_free(&nm);
}

void teach_accumulate(Interp *I, Tensor *leaf) {
    backward_seen = true;
    if (!leaf->grad) return;
    bool nonzero = false;
    for (int64_t i = 0; i < leaf->grad->numel && !nonzero; i++) nonzero = tensor_get(leaf->grad, i) != 0;
    if (!nonzero) return;
    int m = nnoted < SEEN_MAX ? nnoted : SEEN_MAX;
    for (int i = 0; i < m; i++) if (noted_leaf[i] == leaf) return;
    noted_leaf[nnoted++ % SEEN_MAX] = leaf;
    Names nm;
    names_collect(I, &nm);
    const char *name = name_of_tensor(&nm, leaf);
    StrBuf sb;
    sb_init(&sb);
    note_prefix(I, &sb);
    if (name) sb_printf(&sb, "backward() adds into %s.grad, which still holds ", name);
    else sb_puts(&sb, "backward() adds into the .grad of a leaf no variable names any more, which still holds ");
    short_repr(&sb, leaf->grad);
    sb_puts(&sb, " from an earlier backward: gradients accumulate.\n");
    if (name) sb_printf(&sb, "      Call %s.grad.zero_() (or set %s.grad = None) after each update.", name, name);
    else sb_puts(&sb, "      Zero a parameter's grad after each update (w.grad.zero_()), and update it in place, not with w = w - ...");
    fflush(stdout);
    fprintf(stderr, "%s\n", sbs(&sb));
    fflush(stderr);
    sb_free(&sb);
    names_free(&nm);
}

/* ---- :tape ------------------------------------------------------------------------------------ */
void teach_tape_command(Interp *I, const char *expr) {
    while (*expr == ' ' || *expr == '\t') expr++;
    if (*expr) {
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "show_tape(%s)\n", expr);
        interp_exec(I, "<repl>", sbs(&sb), sb.len, EXEC_FILE);
        sb_free(&sb);
        return;
    }
    /* no EXPR: the most recently computed global tensor that has a tape */
    Names nm;
    names_collect(I, &nm);
    Tensor *best = NULL;
    for (int i = 0; i < nm.n; i++) {
        Tensor *t = nm.v[i].t;
        if (t->grad_fn && (!best || t->grad_fn->seq > best->grad_fn->seq)) best = t;
    }
    names_free(&nm);
    if (!best) {
        printf(":tape EXPR shows the tape of a tensor, e.g. :tape loss. No variable holds a tensor with a tape yet\n"
               "(compute something from a tensor created with requires_grad=True).\n");
        fflush(stdout);
        return;
    }
    obj_incref(&best->h);
    if (!show_tape_of(I, best)) diag_print_error(I, stderr);
    val_decref(val_obj(best));
    fflush(stdout);
}

const MethodDef teach_builtins[] = {
    {"show_tape", bi_show_tape, "show_tape(t)",
     "Print the tape that produced t: each record's op, inputs by name, shape, value, adjoint and source line."},
    {"trace_backward", bi_trace_backward, "trace_backward(t, retain_graph=False)",
     "Run t.backward() step by step, printing each record's chain-rule product with numbers."},
    {"graph", bi_graph, "graph(t, file=None)",
     "Draw the computation graph of t as a text tree; file='g.dot' writes Graphviz DOT (and g.svg if dot is installed)."},
    {"gradcheck", bi_gradcheck, "gradcheck(f, *inputs, eps=1e-6, atol=1e-5, rtol=1e-3)",
     "Compare autodiff of f(*inputs) with central finite differences in float64, element by element; True if all agree."},
    {"compare_grad", bi_compare_grad, "compare_grad(manual_fn, loss_fn, *inputs)",
     "Compare your gradient manual_fn(*inputs) with autodiff of loss_fn(*inputs) (e.g. lambda w: ...) and explain the ratio."},
    {NULL, NULL, NULL, NULL},
};

/* `:tape` in the REPL: repl.c calls repl_tape_hook; install ours before main runs. */
__attribute__((constructor)) static void teach_install_hook(void) { repl_tape_hook = teach_tape_command; }
