/* gc.c — the cycle collector (prefix gc_).
 *
 * Reference counting frees everything except cycles, and ag programs make them at every step
 * of a micrograd-style loop (a node's _backward closure captures the node itself). So, as
 * CPython does, a collection finds the registered objects (obj_track: lists, dicts, sets,
 * cells, instances, plus every function) that nothing outside their own group refers to, and
 * empties them, which lets reference counting free the rest:
 *  1. each object's count of references, minus the references other registered objects hold
 *     (ObjClass.traverse), leaves the references from outside: frames, modules, C code;
 *  2. everything reachable from an object with outside references is alive;
 *  3. the others are held, emptied (ObjClass.clear), then let go.
 * Objects of unregistered classes count as outside, so what they refer to always stays alive.
 * Collections run only at loop back-edges (the evaluator checks I->gc_due), where every value
 * C code holds is a counted reference; one starts when twice as many objects have been
 * registered since the last one as it left alive (at least GC_MIN), so the work stays
 * proportional to the allocation. */
#include <stdint.h>
#include "class.h"
#include "eval.h"
#include "mem.h"

#ifndef GC_MIN
#define GC_MIN 100000 /* the fewest registrations between two collections (a test build may set it lower) */
#endif

_Static_assert(offsetof(Cell, link) == offsetof(List, link), "registered objects link at one offset");
_Static_assert(offsetof(Instance, link) == offsetof(List, link), "registered objects link at one offset");

typedef struct Gc {
    Obj **objs;        /* the registered objects; objs[i]->gc == i + 1 while the collection runs */
    int64_t n;
    int64_t *refs;     /* references from outside the registered objects */
    int64_t *stack;
    int64_t sp;
    bool *alive;
} Gc;

static inline int64_t find(const Obj *o) { return (int64_t)o->gc - 1; }

static void visit_sub(Value v, void *ctx) {
    if (!IS_OBJ(v)) return;
    int64_t j = find(AS_OBJ(v));
    if (j >= 0) ((Gc *)ctx)->refs[j]--;
}

static void visit_mark(Value v, void *ctx) {
    if (!IS_OBJ(v)) return;
    Gc *g = ctx;
    int64_t j = find(AS_OBJ(v));
    if (j >= 0 && !g->alive[j]) {
        g->alive[j] = true;
        g->stack[g->sp++] = j;
    }
}

static Obj *link_obj(ObjLink *l) { return (Obj *)((char *)l - offsetof(List, link)); }

void gc_collect(Interp *I) {
    I->gc_due = false;
    EvalState *es = I->eval_state;
    ObjLink *head = &I->containers;
    int64_t n = 0;
    if (head->next)
        for (ObjLink *l = head->next; l != head; l = l->next) n++;
    for (Func *f = es->funcs.next; f; f = f->next) n++;
    Gc g = {0};
    g.objs = mem_alloc(sizeof(Obj *) * (size_t)(n ? n : 1));
    g.refs = mem_alloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    g.stack = mem_alloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    g.alive = mem_calloc((size_t)(n ? n : 1), sizeof(bool));
    Obj **dead = NULL;
    int64_t ndead = 0;
    if (!g.objs || !g.refs || !g.stack || !g.alive) goto out; /* no memory to look: try again later */
    if (head->next)
        for (ObjLink *l = head->next; l != head; l = l->next)
            if (link_obj(l) != (Obj *)I->interned) g.objs[g.n++] = link_obj(l);
    for (Func *f = es->funcs.next; f; f = f->next) g.objs[g.n++] = &f->h;
    if (g.n >= (int64_t)UINT32_MAX) goto out;
    for (int64_t i = 0; i < g.n; i++) { g.refs[i] = g.objs[i]->rc; g.objs[i]->gc = (uint32_t)(i + 1); }
    for (int64_t i = 0; i < g.n; i++)
        if (g.objs[i]->cls->traverse) g.objs[i]->cls->traverse(g.objs[i], visit_sub, &g);
    for (int64_t i = 0; i < g.n; i++)
        if (g.refs[i] > 0) { g.alive[i] = true; g.stack[g.sp++] = i; }
    while (g.sp > 0) {
        Obj *o = g.objs[g.stack[--g.sp]];
        if (o->cls->traverse) o->cls->traverse(o, visit_mark, &g);
    }
    for (int64_t i = 0; i < g.n; i++) { ndead += !g.alive[i]; g.objs[i]->gc = 0; }
    if (ndead) {
        /* reuse the stack for the dead: each is held while all are emptied, so none is freed
         * while another still points at it */
        dead = (Obj **)g.stack;
        int64_t k = 0;
        for (int64_t i = 0; i < g.n; i++)
            if (!g.alive[i]) { dead[k++] = g.objs[i]; obj_incref(g.objs[i]); }
        for (int64_t i = 0; i < ndead; i++)
            if (dead[i]->cls->clear) dead[i]->cls->clear(dead[i]);
        for (int64_t i = 0; i < ndead; i++) obj_decref(dead[i]);
    }
out:
    I->gc_new = 0;
    I->gc_next = 2 * (g.n - ndead) > GC_MIN ? 2 * (g.n - ndead) : GC_MIN;
    mem_free(g.objs, sizeof(Obj *) * (size_t)(n ? n : 1));
    mem_free(g.refs, sizeof(int64_t) * (size_t)(n ? n : 1));
    mem_free(g.stack, sizeof(int64_t) * (size_t)(n ? n : 1));
    mem_free(g.alive, (size_t)(n ? n : 1) * sizeof(bool));
}
