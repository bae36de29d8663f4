/* tape.c — recording operations on tensors that require grad, the backward walk, grad mode
 * (prefix tape_).
 *
 * Ownership has no cycles: a tensor owns its grad_fn node; a node owns the nodes of its
 * inputs (or the leaf tensors it accumulates into) and detached aliases of the values its
 * backward rule needs; a node never references its output tensor. Nodes are freed
 * iteratively, so a chain of a million records never recurses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"
#include "teach.h"

bool tape_grad_enabled = true;
static uint64_t tape_seq;

uint64_t tape_record_count(void) { return tape_seq; }
const char *tape_node_name(const TapeNode *n) { return n ? op_grad_name[n->op] : ""; }

bool tape_should_record(int n, Tensor *const *inputs) {
    if (!tape_grad_enabled) return false;
    for (int i = 0; i < n; i++)
        if (tape_tracks(inputs[i])) return true;
    return false;
}

void tape_node_incref(TapeNode *n) { if (n) n->rc++; }

static void release_saved(TapeNode *n) {
    for (int i = 0; i < TAPE_MAX_SAVED; i++)
        if (n->saved[i]) { val_decref(val_obj(n->saved[i])); n->saved[i] = NULL; }
}

void tape_node_decref(TapeNode *n) {
    if (!n || --n->rc > 0) return;
    /* explicit worklist instead of recursion */
    TapeNode *stack_small[64];
    TapeNode **stack = stack_small;
    size_t cap = 64, sp = 0;
    stack[sp++] = n;
    while (sp) {
        TapeNode *x = stack[--sp];
        release_saved(x);
        teach_release(x);
        for (int i = 0; i < TAPE_MAX_IN; i++)
            if (x->leaf[i]) val_decref(val_obj(x->leaf[i]));
        if (x->adjoint) val_decref(val_obj(x->adjoint));
        if (x->src) src_decref(x->src);
        for (int i = 0; i < TAPE_MAX_IN; i++) {
            TapeNode *c = x->next[i];
            if (c && --c->rc == 0) {
                if (sp == cap) {
                    size_t ncap = cap * 2;
                    TapeNode **ns = mem_alloc(ncap * sizeof *ns);
                    if (!ns) { /* out of memory: leak rather than crash */ continue; }
                    memcpy(ns, stack, sp * sizeof *ns);
                    if (stack != stack_small) mem_free(stack, cap * sizeof *stack);
                    stack = ns;
                    cap = ncap;
                }
                stack[sp++] = c;
            }
        }
        mem_free(x, sizeof *x);
    }
    if (stack != stack_small) mem_free(stack, cap * sizeof *stack);
}

TapeNode *tape_record(Interp *I, OpKind op, Tensor *out, int n, Tensor *const *inputs) {
    TapeNode *x = mem_alloc(sizeof *x);
    if (!x) { err_nomem(I); return NULL; }
    memset(x, 0, offsetof(TapeNode, in_shape));
    x->rc = 1;
    x->op = op;
    x->seq = ++tape_seq;
    x->nin = n;
    for (int i = 0; i < n && i < TAPE_MAX_IN; i++) {
        Tensor *t = inputs[i];
        if (!t) continue;
        x->in_ndim[i] = t->ndim;
        memcpy(x->in_shape[i], t->shape, sizeof t->shape); /* whole: a constant-size copy */
        x->in_dtype[i] = t->dtype;
        if (!tape_tracks(t)) continue;
        x->needs[i] = true;
        if (t->grad_fn) { x->next[i] = t->grad_fn; t->grad_fn->rc++; }
        else { x->leaf[i] = t; obj_incref(&t->h); }
    }
    x->out_ndim = out->ndim;
    memcpy(x->out_shape, out->shape, sizeof out->shape);
    x->out_dtype = out->dtype;
    Source *src = NULL;
    Span span = {0, 0, 0, 0};
    interp_location(I, &src, &span);
    if (src) { src_incref(src); x->src = src; x->line = span.line; x->col = span.col; }
    teach_record(I, x, out, n, inputs);
    if (out->grad_fn) tape_node_decref(out->grad_fn);
    out->grad_fn = x;
    out->requires_grad = true;
    return x;
}

/* As torch's SavedVariable: an input is kept itself (it does not own n, so no cycle, and no
 * object is made), the output as a detached alias (the output owns n). A later in-place write
 * to either bumps the storage version that backward checks. */
bool tape_save(Interp *I, TapeNode *n, int slot, Tensor *t) {
    Tensor *d = t;
    if (t->grad_fn == n) {
        d = tensor_detach(I, t);
        if (!d) return false;
    } else obj_incref(&t->h);
    if (n->saved[slot]) val_decref(val_obj(n->saved[slot]));
    n->saved[slot] = d;
    n->saved_version[slot] = t->storage->version;
    n->had_saved = true;
    return true;
}

/* ---- backward ------------------------------------------------------------------------ */
const char *const tape_second_backward_msg =
    "Trying to backward through the graph a second time (or directly access saved tensors after they have "
    "already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
    "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or "
    "if you need to access saved tensors after calling backward.";

static Tensor *add_grads(Interp *I, Tensor *old, Tensor *g) {
    DType ct = dtype_promote(old->dtype, g->dtype, false);
    return kern_binary(I, OP_ADD, old, g, ct, ct, FLAVOR_TORCH);
}

typedef struct { Tensor *leaf; Tensor *g; bool in_place; } LeafBuf;

/* Can g be added into the existing .grad `old` in place? (As torch's AccumulateGrad does
 * outside grad mode: `variable_grad += new_grad`.) The add cannot fail, so backward may leave
 * it for the install phase and make no new tensor. */
static bool adds_in_place(const Tensor *old, const Tensor *g) {
    return old && old->dtype == g->dtype && dtype_is_float(g->dtype) && tensor_same_shape(old, g);
}
/* old keeps its strides, as in torch (a transposed .grad stays transposed) */
static void add_in_place(Tensor *old, const Tensor *g) {
    if (!tensor_is_contiguous(old) || !tensor_is_contiguous(g)) {
        /* a float32 sum of two floats rounds the same through double */
        for (int64_t i = 0; i < g->numel; i++) tensor_set(old, i, tensor_get(old, i) + tensor_get(g, i));
    } else if (g->dtype == DT_FLOAT32) {
        float *o = (float *)old->storage->data + old->offset;
        const float *x = (const float *)g->storage->data + g->offset;
        for (int64_t i = 0; i < g->numel; i++) o[i] = o[i] + x[i];
    } else {
        double *o = (double *)old->storage->data + old->offset;
        const double *x = (const double *)g->storage->data + g->offset;
        for (int64_t i = 0; i < g->numel; i++) o[i] = o[i] + x[i];
    }
    old->storage->version++;
}

static int cmp_seq_desc(const void *a, const void *b) {
    const TapeNode *x = *(TapeNode *const *)a, *y = *(TapeNode *const *)b;
    return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

/* The new .grad of a leaf (old grad + g, or a copy of g); NULL on error. Changes nothing. */
Tensor *tape_leaf_new_grad(Interp *I, Tensor *leaf, Tensor *g) {
    if (leaf->grad) return add_grads(I, leaf->grad, g);
    Tensor *c = tensor_copy(I, g, leaf->dtype);
    if (c) c->flavor = FLAVOR_TORCH;
    return c;
}

/* Install s (from leaf_new_grad; consumed) as the leaf's .grad. Cannot fail, so backward
 * either updates every .grad or (error, Ctrl-C) none. */
void tape_accumulate_leaf(Interp *I, Tensor *leaf, Tensor *s) {
    if (!leaf->grad) { leaf->grad = s; return; }
    Tensor *old = leaf->grad;
    if (old->ndim == s->ndim && old->numel == s->numel && old->dtype == s->dtype && tensor_is_contiguous(old)) {
        memcpy((char *)old->storage->data + old->offset * dtype_size[old->dtype], s->storage->data,
               (size_t)s->numel * dtype_size[s->dtype]);
        old->storage->version++;
        val_decref(val_obj(s));
    } else {
        leaf->grad = s;
        val_decref(val_obj(old));
    }
}

bool tape_backward(Interp *I, Tensor *root, Tensor *gradient, bool retain_graph) {
    if (!root->requires_grad) {
        err_raise(I, EXC_RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn");
        err_hint(I, "create the leaf with requires_grad=True (e.g. torch.tensor(0.0, requires_grad=True)) and compute the loss from it outside `with torch.no_grad():`");
        return false;
    }
    Tensor *g;
    if (!gradient) {
        if (root->numel != 1) {
            err_raise(I, EXC_RuntimeError, "grad can be implicitly created only for scalar outputs");
            err_hint(I, "reduce the output to one number first, e.g. loss.sum().backward() or loss.mean().backward(), or pass gradient=torch.ones_like(out)");
            return false;
        }
        g = tensor_new_empty(I, root->dtype, FLAVOR_TORCH, root->ndim, root->shape);
        if (!g) return false;
        tensor_set(g, 0, 1.0); /* its one element */
    } else {
        if (!tensor_same_shape(gradient, root)) {
            char gs[160], rs[160];
            size_t k = 0;
            gs[0] = rs[0] = 0;
            for (int d = 0; d < gradient->ndim && k < sizeof gs; d++)
                k += snprintf(gs + k, sizeof gs - k, "%s%lld", d ? ", " : "", (long long)gradient->shape[d]);
            k = 0;
            for (int d = 0; d < root->ndim && k < sizeof rs; d++)
                k += snprintf(rs + k, sizeof rs - k, "%s%lld", d ? ", " : "", (long long)root->shape[d]);
            err_raise(I, EXC_RuntimeError, "Mismatch in shape: grad_output[0] has a shape of torch.Size([%s]) and output[0] has a shape of torch.Size([%s]).",
                      gs, rs);
            return false;
        }
        g = tensor_copy(I, gradient, root->dtype);
        if (!g) return false;
        g->flavor = FLAVOR_TORCH;
    }
    if (!root->grad_fn) {
        Tensor *s = tape_leaf_new_grad(I, root, g);
        val_decref(val_obj(g));
        if (!s) return false;
        teach_accumulate(I, root);
        tape_accumulate_leaf(I, root, s);
        return true;
    }
    /* collect reachable nodes; a small graph (a training step's handful of records) works
     * in these local arrays, a larger one moves to the heap as it grows */
    enum { SMALL = 32 };
    TapeNode *nodes_small[SMALL], *stack_small[SMALL];
    Tensor *bufs_small[SMALL];
    bool done_small[SMALL];
    LeafBuf leaves_small[8];
    size_t cap = SMALL, n = 0;
    TapeNode **nodes = nodes_small;
    Tensor **bufs = NULL;
    bool *done = NULL;  /* nodes whose gradient was propagated (their saved tensors go at the end) */
    LeafBuf *leaves = leaves_small;
    size_t nleaves = 0, capleaves = 8;
    bool ok = false, prev_mode = tape_grad_enabled;
    size_t sp_cap = SMALL, sp = 0;
    TapeNode **stack = stack_small;
    stack[sp++] = root->grad_fn;
    root->grad_fn->visit = -2;
    while (sp) {
        TapeNode *x = stack[--sp];
        if (n == cap) {
            TapeNode **nn = nodes == nodes_small ? mem_alloc(2 * cap * sizeof *nodes)
                                                 : mem_realloc(nodes, cap * sizeof *nodes, 2 * cap * sizeof *nodes);
            if (!nn) { err_nomem(I); goto fail_stack; }
            if (nodes == nodes_small) memcpy(nn, nodes, n * sizeof *nodes);
            nodes = nn;
            cap *= 2;
        }
        nodes[n++] = x;
        for (int i = 0; i < TAPE_MAX_IN; i++) {
            TapeNode *c = x->next[i];
            if (!c || c->visit == -2) continue;
            c->visit = -2;
            if (sp == sp_cap) {
                TapeNode **ns = stack == stack_small ? mem_alloc(2 * sp_cap * sizeof *stack)
                                                     : mem_realloc(stack, sp_cap * sizeof *stack, 2 * sp_cap * sizeof *stack);
                if (!ns) { err_nomem(I); goto fail_stack; }
                if (stack == stack_small) memcpy(ns, stack, sp * sizeof *stack);
                stack = ns;
                sp_cap *= 2;
            }
            stack[sp++] = c;
        }
    }
    if (stack != stack_small) mem_free(stack, sp_cap * sizeof *stack);
    stack = NULL;
    if (n <= SMALL) { /* insertion sort: qsort's set-up outweighs a few nodes (seqs are unique) */
        for (size_t i = 1; i < n; i++) {
            TapeNode *x = nodes[i];
            size_t j = i;
            for (; j > 0 && nodes[j - 1]->seq < x->seq; j--) nodes[j] = nodes[j - 1];
            nodes[j] = x;
        }
    } else qsort(nodes, n, sizeof *nodes, cmp_seq_desc);
    for (size_t i = 0; i < n; i++) nodes[i]->visit = (int64_t)i;
    if (n <= SMALL) {
        bufs = bufs_small;
        done = done_small;
        memset(bufs, 0, n * sizeof *bufs);
        memset(done, 0, n * sizeof *done);
    } else {
        bufs = mem_calloc(n, sizeof *bufs);
        done = mem_calloc(n, sizeof *done);
        if (!bufs || !done) { err_nomem(I); goto fail; }
    }
    bufs[root->grad_fn->visit] = g;
    g = NULL;
    tape_grad_enabled = false;
    for (size_t i = 0; i < n; i++) {
        TapeNode *x = nodes[i];
        Tensor *gb = bufs[i];
        if (!gb) continue;
        if ((i & 15) == 15 && !kern_poll(I)) goto fail; /* Ctrl-C in a long graph */
        if (x->released && x->had_saved) {
            err_raise(I, EXC_RuntimeError, "%s", tape_second_backward_msg);
            err_hint(I, "call loss.backward(retain_graph=True) the first time, or recompute the forward pass (the loss) before calling backward() again");
            goto fail;
        }
        for (int k = 0; k < TAPE_MAX_SAVED && x->had_saved; k++)
            if (x->saved[k] && x->saved[k]->storage->version != x->saved_version[k]) {
                err_raise(I, EXC_RuntimeError,
                          "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor] is at version %u; expected version %u instead.",
                          x->saved[k]->storage->version, x->saved_version[k]);
                err_hint(I, "do the in-place update after backward(), or use an out-of-place operation (x = x + 1 instead of x += 1)");
                goto fail;
            }
        if (x->adjoint) val_decref(val_obj(x->adjoint));
        x->adjoint = gb;
        obj_incref(&gb->h);
        Tensor *outs[TAPE_MAX_IN] = {NULL, NULL};
        if (!grad_apply(I, x, gb, outs)) goto fail;
        bool dist_ok = true;
        for (int k = 0; k < TAPE_MAX_IN; k++) {
            Tensor *o = outs[k];
            outs[k] = NULL;
            if (!o) continue;
            if (!dist_ok) { val_decref(val_obj(o)); continue; } /* an earlier output failed: drop the rest */
            if (x->next[k]) {
                int64_t j = x->next[k]->visit;
                if (!bufs[j]) bufs[j] = o;
                else {
                    Tensor *s = add_grads(I, bufs[j], o);
                    val_decref(val_obj(o));
                    if (!s) { dist_ok = false; continue; }
                    val_decref(val_obj(bufs[j]));
                    bufs[j] = s;
                }
            } else if (x->leaf[k]) {
                size_t j = 0;
                while (j < nleaves && leaves[j].leaf != x->leaf[k]) j++;
                if (j == nleaves) {
                    if (nleaves == capleaves) {
                        size_t nc = capleaves ? capleaves * 2 : 8;
                        LeafBuf *nl = leaves == leaves_small ? mem_alloc(nc * sizeof *leaves)
                                                             : mem_realloc(leaves, capleaves * sizeof *leaves, nc * sizeof *leaves);
                        if (!nl) { val_decref(val_obj(o)); err_nomem(I); dist_ok = false; continue; }
                        if (leaves == leaves_small) memcpy(nl, leaves, nleaves * sizeof *leaves);
                        leaves = nl;
                        capleaves = nc;
                    }
                    leaves[nleaves].leaf = x->leaf[k];
                    leaves[nleaves].g = o;
                    leaves[nleaves].in_place = false;
                    nleaves++;
                } else {
                    Tensor *s = add_grads(I, leaves[j].g, o);
                    val_decref(val_obj(o));
                    if (!s) { dist_ok = false; continue; }
                    val_decref(val_obj(leaves[j].g));
                    leaves[j].g = s;
                }
            } else val_decref(val_obj(o));
        }
        if (!dist_ok) goto fail;
        val_decref(val_obj(gb));
        bufs[i] = NULL;
        done[i] = true;
    }
    tape_grad_enabled = prev_mode;
    /* all or nothing: compute every new .grad first, then install them all */
    for (size_t j = 0; j < nleaves; j++) {
        if ((leaves[j].in_place = adds_in_place(leaves[j].leaf->grad, leaves[j].g))) continue;
        Tensor *s = tape_leaf_new_grad(I, leaves[j].leaf, leaves[j].g);
        if (!s) goto fail;
        val_decref(val_obj(leaves[j].g));
        leaves[j].g = s;
    }
    for (size_t j = 0; j < nleaves; j++) {
        teach_accumulate(I, leaves[j].leaf);
        if (leaves[j].in_place) {
            add_in_place(leaves[j].leaf->grad, leaves[j].g);
            val_decref(val_obj(leaves[j].g));
        } else tape_accumulate_leaf(I, leaves[j].leaf, leaves[j].g);
        leaves[j].g = NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (done[i] && !retain_graph && nodes[i]->had_saved) { release_saved(nodes[i]); nodes[i]->released = true; }
    ok = true;
    goto fail;
fail_stack:
    if (stack && stack != stack_small) mem_free(stack, sp_cap * sizeof *stack);
fail:
    tape_grad_enabled = prev_mode;
    if (g) val_decref(val_obj(g));
    if (bufs) {
        for (size_t i = 0; i < n; i++) if (bufs[i]) val_decref(val_obj(bufs[i]));
        if (bufs != bufs_small) mem_free(bufs, n * sizeof *bufs);
    }
    for (size_t i = 0; i < n; i++) nodes[i]->visit = 0;
    for (size_t j = 0; j < nleaves; j++) if (leaves[j].g) val_decref(val_obj(leaves[j].g));
    if (leaves != leaves_small) mem_free(leaves, capleaves * sizeof *leaves);
    if (done && done != done_small) mem_free(done, n);
    if (!ok && err_is(I, EXC_KeyboardInterrupt))
        err_hint(I, "backward() was interrupted before it finished: no .grad was changed and the graph is intact");
    if (nodes != nodes_small) mem_free(nodes, cap * sizeof *nodes);
    return ok;
}

/* ---- grad_fn objects ------------------------------------------------------------------ */
typedef struct { Obj h; TapeNode *node; Tensor *leaf; } GradFn;
static void gradfn_free(Obj *o) {
    GradFn *g = (GradFn *)o;
    if (g->node) tape_node_decref(g->node);
    if (g->leaf) val_decref(val_obj(g->leaf));
    obj_dealloc(o, sizeof(GradFn));
}
static const char *gradfn_name(const GradFn *g) { return g->node ? op_grad_name[g->node->op] : "AccumulateGrad"; }
static bool gradfn_repr(Interp *I, StrBuf *sb, Value self) {
    GradFn *g = (GradFn *)AS_OBJ(self);
    sb_printf(sb, "<%s object at %p>", gradfn_name(g), g->node ? (void *)g->node : (void *)g->leaf);
    return true;
}
static Value gradfn_name_m(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    const char *n = gradfn_name((GradFn *)AS_OBJ(argv[0]));
    return val_str(I, n, strlen(n));
}
static Value gradfn_leaf_value(Interp *I, Tensor *leaf) {
    GradFn *g = obj_new(I, &gradfn_class, sizeof(GradFn));
    if (!g) return VAL_ERR;
    g->node = NULL;
    g->leaf = leaf;
    obj_incref(&leaf->h);
    return val_obj(g);
}
static Value gradfn_getattr(Interp *I, Value self, Str *name) {
    GradFn *g = (GradFn *)AS_OBJ(self);
    const char *n = str_cstr(name);
    if (!strcmp(n, "next_functions")) {
        int nin = g->node ? g->node->nin : 0;
        Tuple *t = tuple_new(I, nin);
        if (!t) return VAL_ERR;
        for (int i = 0; i < nin; i++) {
            Value f = VAL_NONE;
            if (g->node->next[i]) f = tape_gradfn_value(I, g->node->next[i]);
            else if (g->node->leaf[i]) f = gradfn_leaf_value(I, g->node->leaf[i]);
            if (IS_ERR(f)) { val_decref(val_obj(t)); return VAL_ERR; }
            Value pair = val_tuple2(I, f, val_int(0));
            val_decref(f);
            if (IS_ERR(pair)) { val_decref(val_obj(t)); return VAL_ERR; }
            t->items[i] = pair;
        }
        return val_obj(t);
    }
    if (!strcmp(n, "variable") && g->leaf) return val_incref(val_obj(g->leaf));
    return VAL_UNDEF;
}
static bool gradfn_eq(Interp *I, Value a, Value b, bool *out) {
    GradFn *x = (GradFn *)AS_OBJ(a), *y = (GradFn *)AS_OBJ(b);
    *out = x->node == y->node && x->leaf == y->leaf;
    return true;
}
static const MethodDef gradfn_methods[] = {
    {"name", gradfn_name_m, "name()", "The backward function's name, as torch calls it (\"MulBackward0\")."},
    {NULL, NULL, NULL, NULL},
};
const ObjClass gradfn_class = {
    .name = "grad_fn", .free = gradfn_free, .repr = gradfn_repr, .getattr = gradfn_getattr,
    .eq = gradfn_eq, .methods = gradfn_methods,
};
Value tape_gradfn_value(Interp *I, TapeNode *n) {
    GradFn *g = obj_new(I, &gradfn_class, sizeof(GradFn));
    if (!g) return VAL_ERR;
    g->node = n;
    g->leaf = NULL;
    n->rc++;
    return val_obj(g);
}

/* ---- grad mode ------------------------------------------------------------------------ */
#define NOGRAD_DEPTH 64
typedef struct { Obj h; bool enable; int depth; bool saved[NOGRAD_DEPTH]; } NoGrad;
static void nograd_free(Obj *o) { obj_dealloc(o, sizeof(NoGrad)); }
static bool nograd_repr(Interp *I, StrBuf *sb, Value self) {
    NoGrad *g = (NoGrad *)AS_OBJ(self);
    sb_printf(sb, "<torch.autograd.grad_mode.%s object at %p>", g->enable ? "enable_grad" : "no_grad", (void *)g);
    return true;
}
static Value nograd_enter(Interp *I, Value self) {
    NoGrad *g = (NoGrad *)AS_OBJ(self);
    if (g->depth >= NOGRAD_DEPTH) return err_raise(I, EXC_RuntimeError, "grad-mode contexts nested too deeply");
    g->saved[g->depth++] = tape_grad_enabled;
    tape_grad_enabled = g->enable;
    return VAL_NONE;
}
static bool nograd_exit(Interp *I, Value self) {
    NoGrad *g = (NoGrad *)AS_OBJ(self);
    if (g->depth > 0) tape_grad_enabled = g->saved[--g->depth];
    return true;
}
/* @torch.no_grad() on a def: a function that runs f with grad mode set, as torch's decorator */
typedef struct { Obj h; Value f; bool enable; } ModeFn;
static void modefn_free(Obj *o) { val_decref(((ModeFn *)o)->f); obj_dealloc(o, sizeof(ModeFn)); }
static bool modefn_repr(Interp *I, StrBuf *sb, Value self) { return val_repr(I, sb, ((ModeFn *)AS_OBJ(self))->f); }
static Value modefn_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    ModeFn *g = (ModeFn *)AS_OBJ(self);
    bool prev = tape_grad_enabled;
    tape_grad_enabled = g->enable;
    Value keep = val_incref(self);
    Value r = val_call(I, g->f, argc, argv, kw);
    val_decref(keep);
    tape_grad_enabled = prev;
    return r;
}
static const ObjClass modefn_class = {
    .name = "function", .free = modefn_free, .repr = modefn_repr, .call = modefn_call,
};
static Value nograd_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    if (argc != 1 || (kw && kw->n) || !IS_OBJ(argv[0]) || !AS_OBJ(argv[0])->cls->call)
        return err_raise(I, EXC_TypeError, "'%s' object used as a decorator takes one function", AS_OBJ(self)->cls->name);
    ModeFn *g = obj_new(I, &modefn_class, sizeof(ModeFn));
    if (!g) return VAL_ERR;
    g->f = val_incref(argv[0]);
    g->enable = ((NoGrad *)AS_OBJ(self))->enable;
    return val_obj(g);
}
const ObjClass nograd_class = {
    .name = "no_grad", .free = nograd_free, .repr = nograd_repr, .enter = nograd_enter, .exit = nograd_exit,
    .call = nograd_call,
};
Value tape_nograd_new(Interp *I, bool enable_grad) {
    NoGrad *g = obj_new(I, &nograd_class, sizeof(NoGrad));
    if (!g) return VAL_ERR;
    g->enable = enable_grad;
    g->depth = 0;
    return val_obj(g);
}
