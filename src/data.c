/* data.c — torch.utils.data essentials (prefix data_): the native module "_data" that
 * stdlib/torch.ag exposes as torch.utils.data.
 *
 * TensorDataset, Subset, DataLoader and the DataLoader's iterator are native objects; any
 * dataset with __getitem__ and __len__ works (a list, a user's Dataset class). The collate step
 * (default_collate), DataLoader's argument handling and the samplers (sampler=, any iterable of
 * indices) are written in ag (stdlib/torch.ag); the loader calls them.
 *
 * The random numbers are torch 1.13's: every iter(loader) draws the loader's _base_seed
 * (random_() of an int64 tensor: one random64 from loader.generator or the default generator),
 * shuffle=True then draws the RandomSampler's seed the same way from the default generator and
 * permutes with torch.randperm on a fresh generator seeded with it (or on the loader's generator
 * when one is given). The sampler's draw happens lazily at the first batch in torch; here it
 * follows the base seed draw at iter(), the same order on the same stream. */
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

#define AS_KIND(v, T) ((T *)AS_OBJ(v))

/* iter(ds) of a map-style dataset: Python calls ds[0], ds[1], ... until IndexError; here the
 * items 0 .. len-1, gathered first */
static Value items_iter(Interp *I, Value self, Value (*getitem)(Interp *, Value, Value), int64_t n) {
    List *l = list_new(I, n);
    if (!l) return VAL_ERR;
    for (int64_t i = 0; i < n; i++) {
        Value v = getitem(I, self, val_int(i));
        if (IS_ERR(v)) { obj_decref(&l->h); return v; }
        bool ok = list_append(I, l, v);
        val_decref(v);
        if (!ok) { obj_decref(&l->h); return VAL_ERR; }
    }
    Value it = val_iter(I, val_obj(l));
    obj_decref(&l->h);
    return it;
}

/* ---- TensorDataset ------------------------------------------------------------------------ */
typedef struct { Obj h; Tuple *tensors; } TensorDataset;
static void tds_free(Obj *o) {
    TensorDataset *d = (TensorDataset *)o;
    if (d->tensors) obj_decref(&d->tensors->h);
    obj_dealloc(o, sizeof(TensorDataset));
}
static bool tds_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<torch.utils.data.dataset.TensorDataset object at %p>", (void *)AS_OBJ(self));
    return true;
}
/* ds[i]: the tuple of each tensor's [i] (a slice or index list gives a tuple of batches) */
static Value tds_getitem(Interp *I, Value self, Value key) {
    Tuple *ts = AS_KIND(self, TensorDataset)->tensors;
    Tuple *r = tuple_new(I, ts->len);
    if (!r) return VAL_ERR;
    for (int64_t i = 0; i < ts->len; i++) {
        Value v = val_getitem(I, ts->items[i], key);
        if (IS_ERR(v)) { obj_decref(&r->h); return v; }
        r->items[i] = v;
    }
    return val_obj(r);
}
static int64_t tds_len(Interp *I, Value self) {
    (void)I;
    return AS_TENSOR(AS_KIND(self, TensorDataset)->tensors->items[0])->shape[0];
}
static Value tds_iter(Interp *I, Value self) { return items_iter(I, self, tds_getitem, tds_len(I, self)); }
static Value tds_getattr(Interp *I, Value self, Str *name) {
    (void)I;
    if (!strcmp(name->data, "tensors")) return val_incref(val_obj(AS_KIND(self, TensorDataset)->tensors));
    return VAL_UNDEF;
}
static const ObjClass tds_class = {
    .name = "TensorDataset", .free = tds_free, .repr = tds_repr, .getitem = tds_getitem, .len = tds_len, .iter = tds_iter, .getattr = tds_getattr,
};
static Value data_TensorDataset(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "TensorDataset", argc, kw, 1, 64)) return VAL_ERR;
    for (int i = 0; i < argc; i++) {
        if (!IS_TENSOR(argv[i])) return err_raise(I, EXC_AttributeError, "'%s' object has no attribute 'size'", val_type_name(argv[i]));
        if (AS_TENSOR(argv[i])->ndim == 0) return err_raise(I, EXC_IndexError, "dimension specified as 0 but tensor has no dimensions");
    }
    for (int i = 1; i < argc; i++)
        if (AS_TENSOR(argv[i])->shape[0] != AS_TENSOR(argv[0])->shape[0]) return err_raise(I, EXC_AssertionError, "Size mismatch between tensors");
    Tuple *t = tuple_new(I, argc);
    if (!t) return VAL_ERR;
    for (int i = 0; i < argc; i++) t->items[i] = val_incref(argv[i]);
    TensorDataset *d = obj_new(I, &tds_class, sizeof(TensorDataset));
    if (!d) { obj_decref(&t->h); return VAL_ERR; }
    d->tensors = t;
    return val_obj(d);
}

/* ---- Subset (random_split's parts) ---------------------------------------------------------- */
typedef struct { Obj h; Value dataset; List *indices; } Subset;
static void sub_free(Obj *o) {
    Subset *s = (Subset *)o;
    val_decref(s->dataset);
    if (s->indices) obj_decref(&s->indices->h);
    obj_dealloc(o, sizeof(Subset));
}
static bool sub_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<torch.utils.data.dataset.Subset object at %p>", (void *)AS_OBJ(self));
    return true;
}
/* sub[i] is dataset[indices[i]]; a list of positions gives the list of items */
static Value sub_getitem(Interp *I, Value self, Value key) {
    Subset *s = AS_KIND(self, Subset);
    if (IS_A(key, list_class)) {
        List *ks = (List *)AS_OBJ(key);
        List *r = list_new(I, ks->len);
        if (!r) return VAL_ERR;
        for (int64_t i = 0; i < ks->len; i++) {
            Value v = sub_getitem(I, self, ks->items[i]);
            if (IS_ERR(v)) { obj_decref(&r->h); return v; }
            bool ok = list_append(I, r, v);
            val_decref(v);
            if (!ok) { obj_decref(&r->h); return VAL_ERR; }
        }
        return val_obj(r);
    }
    Value idx = val_getitem(I, val_obj(s->indices), key);
    if (IS_ERR(idx)) return idx;
    Value r = val_getitem(I, s->dataset, idx);
    val_decref(idx);
    return r;
}
static int64_t sub_len(Interp *I, Value self) { (void)I; return AS_KIND(self, Subset)->indices->len; }
static Value sub_iter(Interp *I, Value self) { return items_iter(I, self, sub_getitem, sub_len(I, self)); }
static Value sub_getattr(Interp *I, Value self, Str *name) {
    (void)I;
    Subset *s = AS_KIND(self, Subset);
    if (!strcmp(name->data, "dataset")) return val_incref(s->dataset);
    if (!strcmp(name->data, "indices")) return val_incref(val_obj(s->indices));
    return VAL_UNDEF;
}
static const ObjClass sub_class = {
    .name = "Subset", .free = sub_free, .repr = sub_repr, .getitem = sub_getitem, .len = sub_len, .iter = sub_iter, .getattr = sub_getattr,
};
static Value data_Subset(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"dataset", "indices"};
    Value a[2];
    if (!nat_args(I, "Subset", argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    List *l = list_from_iter(I, a[1]);
    if (!l) return VAL_ERR;
    Subset *s = obj_new(I, &sub_class, sizeof(Subset));
    if (!s) { obj_decref(&l->h); return VAL_ERR; }
    s->dataset = val_incref(a[0]);
    s->indices = l;
    return val_obj(s);
}

/* ---- DataLoader ------------------------------------------------------------------------------ */
typedef struct {
    Obj h;
    Value dataset, collate, convert, generator; /* owned; generator None for the default one */
    Value sampler;                              /* owned: None, or an iterable of indices */
    int64_t batch_size;                         /* 0: batch_size=None, samples one at a time */
    bool shuffle, drop_last;
} DataLoader;
static void dl_free(Obj *o) {
    DataLoader *d = (DataLoader *)o;
    val_decref(d->dataset); val_decref(d->collate); val_decref(d->convert); val_decref(d->generator);
    val_decref(d->sampler);
    obj_dealloc(o, sizeof(DataLoader));
}
static bool dl_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<torch.utils.data.dataloader.DataLoader object at %p>", (void *)AS_OBJ(self));
    return true;
}
static int64_t dl_len(Interp *I, Value self) {
    DataLoader *d = AS_KIND(self, DataLoader);
    int64_t n = val_len(I, IS_NONE(d->sampler) ? d->dataset : d->sampler);
    if (n < 0 || d->batch_size == 0) return n;
    return d->drop_last ? n / d->batch_size : (n + d->batch_size - 1) / d->batch_size;
}
static Value dl_getattr(Interp *I, Value self, Str *name) {
    (void)I;
    DataLoader *d = AS_KIND(self, DataLoader);
    if (!strcmp(name->data, "dataset")) return val_incref(d->dataset);
    if (!strcmp(name->data, "batch_size")) return d->batch_size ? val_int(d->batch_size) : VAL_NONE;
    if (!strcmp(name->data, "drop_last")) return val_bool(d->drop_last);
    if (!strcmp(name->data, "generator")) return val_incref(d->generator);
    if (!strcmp(name->data, "num_workers")) return val_int(0);
    if (!strcmp(name->data, "sampler") && !IS_NONE(d->sampler)) return val_incref(d->sampler);
    return VAL_UNDEF;
}

typedef struct {
    Obj h;
    Value loader;     /* owned */
    int64_t *order;   /* the sample indices of this epoch */
    int64_t n, pos;
} DataLoaderIter;
static void dli_free(Obj *o) {
    DataLoaderIter *it = (DataLoaderIter *)o;
    val_decref(it->loader);
    if (it->order) mem_free(it->order, (size_t)(it->n ? it->n : 1) * sizeof(int64_t));
    obj_dealloc(o, sizeof(DataLoaderIter));
}
static bool dli_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<torch.utils.data.dataloader._SingleProcessDataLoaderIter object at %p>", (void *)AS_OBJ(self));
    return true;
}
static Value dli_iter(Interp *I, Value self) { (void)I; return val_incref(self); }

/* the next batch: collate([dataset[i] for i in this batch's indices]) (batch_size=None: convert(dataset[i])) */
static Value dli_next(Interp *I, Value self) {
    DataLoaderIter *it = AS_KIND(self, DataLoaderIter);
    DataLoader *d = AS_KIND(it->loader, DataLoader);
    int64_t left = it->n - it->pos;
    if (left <= 0 || (d->drop_last && d->batch_size && left < d->batch_size)) return VAL_UNDEF;
    if (d->batch_size == 0) {
        Value s = val_getitem(I, d->dataset, val_int(it->order[it->pos++]));
        if (IS_ERR(s)) return s;
        Value r = val_call(I, d->convert, 1, &s, NULL);
        val_decref(s);
        return r;
    }
    int64_t k = left < d->batch_size ? left : d->batch_size;
    List *batch = list_new(I, k);
    if (!batch) return VAL_ERR;
    for (int64_t j = 0; j < k; j++) {
        Value s = val_getitem(I, d->dataset, val_int(it->order[it->pos++]));
        if (IS_ERR(s)) { obj_decref(&batch->h); return s; }
        bool ok = list_append(I, batch, s);
        val_decref(s);
        if (!ok) { obj_decref(&batch->h); return VAL_ERR; }
    }
    Value arg = val_obj(batch);
    Value r = val_call(I, d->collate, 1, &arg, NULL);
    obj_decref(&batch->h);
    return r;
}
static const ObjClass dli_class = {
    .name = "_SingleProcessDataLoaderIter", .free = dli_free, .repr = dli_repr, .iter = dli_iter, .next = dli_next,
};

/* one random_() of an int64 tensor: random64 % 2**63, from gen (None: the default generator) */
static bool draw_seed(Interp *I, Value gen, uint64_t *out) {
    if (!ttorch_gen_swap(I, "random_", gen)) return false;
    *out = rng_torch_random64() % ((uint64_t)INT64_MAX + 1);
    ttorch_gen_swap(I, "random_", gen);
    return true;
}
/* torch.randperm(n) into order, on gen (None: a fresh generator seeded with seed) */
static bool sampler_perm(Interp *I, Value gen, uint64_t seed, int64_t *order, int64_t n) {
    Tensor *t = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &n);
    if (!t) return false;
    void *fresh = NULL;
    if (IS_NONE(gen)) {
        fresh = mem_alloc(rng_torch_state_size());
        if (!fresh) { val_decref(val_obj(t)); err_nomem(I); return false; }
        rng_torch_state_init(fresh);
        rng_torch_swap(fresh);
        rng_torch_seed(seed);
    } else if (!ttorch_gen_swap(I, "randperm", gen)) { val_decref(val_obj(t)); return false; }
    rng_torch_randperm(t);
    if (fresh) { rng_torch_swap(fresh); mem_free(fresh, rng_torch_state_size()); }
    else ttorch_gen_swap(I, "randperm", gen);
    memcpy(order, t->storage->data, (size_t)n * sizeof(int64_t));
    val_decref(val_obj(t));
    return true;
}
/* a sampler's indices for this epoch (drawn after the base seed, as the sampler's own draws
 * happen at the first batch in torch) */
static List *sampler_order(Interp *I, Value sampler) {
    List *l = list_from_iter(I, sampler);
    if (!l) return NULL;
    for (int64_t i = 0; i < l->len; i++) {
        int64_t k;
        if (!val_as_index(I, l->items[i], &k)) { obj_decref(&l->h); return NULL; }
    }
    return l;
}
static Value dl_iter(Interp *I, Value self) {
    DataLoader *d = AS_KIND(self, DataLoader);
    uint64_t base_seed, seed = 0;
    List *given = NULL;
    int64_t n;
    if (!IS_NONE(d->sampler)) {
        if (!draw_seed(I, d->generator, &base_seed) || !(given = sampler_order(I, d->sampler))) return VAL_ERR;
        n = given->len;
    } else {
        n = val_len(I, d->dataset);
        if (n < 0) return VAL_ERR;
        if (!draw_seed(I, d->generator, &base_seed)) return VAL_ERR;
    }
    if (d->shuffle && IS_NONE(d->generator) && !draw_seed(I, VAL_NONE, &seed)) return VAL_ERR;
    DataLoaderIter *it = obj_new(I, &dli_class, sizeof(DataLoaderIter));
    if (!it) { if (given) obj_decref(&given->h); return VAL_ERR; }
    it->loader = val_incref(self);
    it->n = n;
    it->pos = 0;
    it->order = mem_alloc((size_t)(n ? n : 1) * sizeof(int64_t));
    if (!it->order) { if (given) obj_decref(&given->h); obj_decref(&it->h); return err_nomem(I), VAL_ERR; }
    if (given) {
        for (int64_t i = 0; i < n; i++) val_as_index(I, given->items[i], &it->order[i]);
        obj_decref(&given->h);
    } else if (d->shuffle) {
        if (!sampler_perm(I, d->generator, seed, it->order, n)) { obj_decref(&it->h); return VAL_ERR; }
    } else
        for (int64_t i = 0; i < n; i++) it->order[i] = i;
    return val_obj(it);
}
static const ObjClass dl_class = {
    .name = "DataLoader", .free = dl_free, .repr = dl_repr, .len = dl_len, .iter = dl_iter, .getattr = dl_getattr,
};

/* _data.DataLoader(dataset, batch_size, shuffle, drop_last, generator, collate_fn, convert_fn,
 * sampler): stdlib/torch.ag's DataLoader checks torch's arguments and passes them all */
static Value data_DataLoader(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"dataset", "batch_size", "shuffle", "drop_last", "generator", "collate_fn", "convert_fn", "sampler"};
    Value a[8];
    if (!nat_args(I, "DataLoader", argc, argv, kw, 8, names, 8, a)) return VAL_ERR;
    int64_t bs = 0;
    if (!IS_NONE(a[1])) {
        if (!val_as_index(I, a[1], &bs)) return VAL_ERR;
        if (bs <= 0) return err_raise(I, EXC_ValueError, "batch_size should be a positive integer value, but got batch_size=%lld", (long long)bs);
    }
    int sh = val_truth(I, a[2]), dl = val_truth(I, a[3]);
    if (sh < 0 || dl < 0) return VAL_ERR;
    /* a generator= that is not a torch.Generator fails here, not at the first epoch (the
     * check swaps a Generator's state in, so swap it straight back) */
    if (!IS_NONE(a[4]) && !ttorch_gen_swap(I, "DataLoader", a[4])) return VAL_ERR;
    if (!IS_NONE(a[4])) ttorch_gen_swap(I, "DataLoader", a[4]);
    DataLoader *d = obj_new(I, &dl_class, sizeof(DataLoader));
    if (!d) return VAL_ERR;
    d->dataset = val_incref(a[0]);
    d->batch_size = bs;
    d->shuffle = sh;
    d->drop_last = dl;
    d->generator = val_incref(a[4]);
    d->collate = val_incref(a[5]);
    d->convert = val_incref(a[6]);
    d->sampler = val_incref(a[7]);
    return val_obj(d);
}

/* _data.draw_seed(generator=None): torch.empty((), dtype=torch.int64).random_(generator=...).item() */
static Value data_draw_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"generator"};
    Value a[1];
    if (!nat_args(I, "draw_seed", argc, argv, kw, 1, names, 0, a)) return VAL_ERR;
    uint64_t s;
    if (!draw_seed(I, IS_UNDEF(a[0]) ? VAL_NONE : a[0], &s)) return VAL_ERR;
    return val_int((int64_t)s);
}

static const MethodDef data_defs[] = {
    {"draw_seed", data_draw_seed, "draw_seed(generator=None)", "One random_() of an int64 tensor: a seed for a fresh generator."},
    {"TensorDataset", data_TensorDataset, "TensorDataset(*tensors)", "A dataset whose item i is the tuple of each tensor's [i]."},
    {"Subset", data_Subset, "Subset(dataset, indices)", "The items of dataset at the given indices."},
    {"DataLoader", data_DataLoader, "DataLoader(dataset, batch_size, shuffle, drop_last, generator, collate_fn, convert_fn, sampler)", "(use torch.utils.data.DataLoader)"},
    {NULL, NULL, NULL, NULL},
};

Module *data_module_init(Interp *I) {
    Module *m = module_new(I, "_data");
    if (!m) return NULL;
    if (!module_add_natives(I, m, data_defs)) { obj_decref(&m->h); return NULL; }
    return m;
}
