/* import.c — module objects and `import` (prefixes module_, import_).
 *
 * A Module's globals are slots indexed by the resolver; `index` maps interned names to
 * slot numbers. Imports look in the native-module table first, then the stdlib embedded
 * at build time (stdlib_gen.h, generated from the stdlib/ directory), then $AGREPL_PATH and the
 * current directory (NAME.ag). Every module is built once and cached in I->modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eval.h"
#include "exc.h"
#include "tensor.h"
#include "mem.h"
#include "stdlib_gen.h"

/* ---- Module objects ------------------------------------------------------------------- */
static void module_free(Obj *o) {
    Module *m = (Module *)o;
    for (int i = 0; i < m->nslots; i++) val_decref(m->slots[i]);
    mem_free(m->slots, sizeof(Value) * (size_t)m->cap);
    mem_free(m->slot_names, sizeof(Str *) * (size_t)m->cap);
    if (m->index) obj_decref((Obj *)m->index);
    if (m->name) obj_decref((Obj *)m->name);
    obj_dealloc(o, sizeof(Module));
}

static bool module_repr(Interp *I, StrBuf *sb, Value self) {
    Module *m = (Module *)AS_OBJ(self);
    sb_printf(sb, "<module '%s'>", m->name->data);
    return true;
}

static Value module_getattr(Interp *I, Value self, Str *name) {
    Module *m = (Module *)AS_OBJ(self);
    Value v = module_get(m, name);
    if (!IS_UNDEF(v)) return val_incref(v);
    if (strcmp(name->data, "__name__") == 0) return val_incref(val_obj(m->name));
    return VAL_UNDEF;
}

static bool module_setattr(Interp *I, Value self, Str *name, Value v) {
    Module *m = (Module *)AS_OBJ(self);
    int s = module_slot(I, m, name);
    if (s < 0) return false;
    Value old = m->slots[s];
    m->slots[s] = val_incref(v);
    val_decref(old);
    return true;
}

static bool module_hash(Interp *I, Value self, uint64_t *out) {
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}

const ObjClass module_class = {
    .name = "module",
    .free = module_free,
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = module_setattr,
    .hash = module_hash,
};

Module *module_new(Interp *I, const char *name) {
    Module *m = obj_new(I, &module_class, sizeof(Module));
    if (!m) return NULL;
    m->name = NULL;
    m->index = NULL;
    m->slots = NULL;
    m->slot_names = NULL;
    m->nslots = m->cap = 0;
    static uint64_t serials;
    m->serial = ++serials;
    m->name = str_intern(I, name, strlen(name));
    m->index = dict_new(I);
    if (!m->name || !m->index) { obj_decref((Obj *)m); return NULL; }
    return m;
}

int module_slot(Interp *I, Module *m, Str *name) {
    Value v = dict_get_str(m->index, name);
    if (IS_INT(v)) return (int)v.as.i;
    if (m->nslots == m->cap) {
        int nc = m->cap ? m->cap * 2 : 16;
        Value *ns = mem_realloc(m->slots, sizeof(Value) * (size_t)m->cap, sizeof(Value) * (size_t)nc);
        if (!ns) { err_nomem(I); return -1; }
        m->slots = ns;
        Str **nn = mem_realloc(m->slot_names, sizeof(Str *) * (size_t)m->cap, sizeof(Str *) * (size_t)nc);
        if (!nn) {
            /* keep slots consistent with cap: shrink back is not needed, realloc kept data */
            Value *back = mem_realloc(m->slots, sizeof(Value) * (size_t)nc, sizeof(Value) * (size_t)m->cap);
            if (back || m->cap == 0) m->slots = back;
            err_nomem(I);
            return -1;
        }
        m->slot_names = nn;
        m->cap = nc;
    }
    /* index keys are the interned copy, so slot_names can borrow them */
    Str *key = name->interned ? name : str_intern(I, name->data, (size_t)name->len);
    if (!key) return -1;
    int s = m->nslots;
    bool ok = dict_set(I, m->index, val_obj(key), val_int(s));
    if (key != name) obj_decref((Obj *)key);
    if (!ok) return -1;
    m->slots[s] = VAL_UNDEF;
    m->slot_names[s] = key;
    m->nslots++;
    return s;
}

bool module_set(Interp *I, Module *m, const char *name, Value v) {
    Str *s = str_intern(I, name, strlen(name));
    if (!s) return false;
    int k = module_slot(I, m, s);
    obj_decref((Obj *)s);
    if (k < 0) return false;
    Value old = m->slots[k];
    m->slots[k] = val_incref(v);
    val_decref(old);
    return true;
}

Value module_get(Module *m, Str *name) {
    Value v = dict_get_str(m->index, name);
    if (!IS_INT(v)) return VAL_UNDEF;
    return m->slots[v.as.i];
}

bool module_add_natives(Interp *I, Module *m, const MethodDef *defs) {
    for (const MethodDef *d = defs; d->name; d++) {
        Value f = native_new(I, d, VAL_UNDEF);
        if (IS_ERR(f)) return false;
        bool ok = module_set(I, m, d->name, f);
        val_decref(f);
        if (!ok) return false;
    }
    return true;
}

/* ---- imports ---------------------------------------------------------------------------- */
typedef struct NativeModule { const char *name; NativeModuleInit init; } NativeModule;
static const NativeModule native_modules[] = {
    {"sys", bi_sys_init},
    {"math", bi_math_init},
    {"time", bi_time_init},
    {"collections", dict_collections_init},
    {"random", rnd_module_init},
    {"_iterfn", itf_module_init},
    {"_tensor", tensor_module_init},
    {"_nn", nn_module_init},
    {"_data", data_module_init},
    {"traceback", exc_traceback_init},
    {NULL, NULL},
};

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    StrBuf sb;
    sb_init(&sb);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_putn(&sb, buf, n);
    fclose(f);
    if (sb.oom) { sb_free(&sb); return NULL; }
    *len = sb.len;
    if (!sb.data) { char *e = mem_strndup("", 0); return e; }
    char *text = mem_strndup(sb.data, sb.len);
    sb_free(&sb);
    return text;
}

/* A module by its (undotted) name: cached, native, embedded stdlib, or a file. */
static Value import_one(Interp *I, Str *name) {
    Value cached = dict_get_str(I->modules, name);
    if (IS_OBJ(cached)) return val_incref(cached);
    for (const NativeModule *nm = native_modules; nm->name; nm++) {
        if (strcmp(nm->name, name->data) != 0) continue;
        Module *m = nm->init(I);
        if (!m) return VAL_ERR;
        bool ok = dict_set(I, I->modules, val_obj(name), val_obj(m));
        if (!ok) { obj_decref((Obj *)m); return VAL_ERR; }
        return val_obj(m);
    }
    const char *text = NULL;
    char *owned = NULL;
    size_t len = 0;
    char srcname[512];
    for (const StdlibFile *f = stdlib_files; f->name; f++)
        if (strcmp(f->name, name->data) == 0) { text = f->text; len = strlen(text); break; }
    if (text) {
        snprintf(srcname, sizeof srcname, "<stdlib %s>", name->data);
    } else {
        const char *dirs[3] = {getenv("AGREPL_PATH"), getenv("AGREPL_STDLIB"), "."};
        for (int i = 0; i < 3 && !owned; i++) {
            if (!dirs[i] || !*dirs[i]) continue;
            snprintf(srcname, sizeof srcname, "%s/%s.ag", dirs[i], name->data);
            owned = read_file(srcname, &len);
        }
        if (!owned) return err_raise(I, EXC_ModuleNotFoundError, "No module named '%s'", name->data);
        text = owned;
    }
    Module *m = module_new(I, name->data);
    if (!m) { if (owned) mem_strfree(owned); return VAL_ERR; }
    Value nm = val_obj(m->name);
    module_set(I, m, "__name__", nm);
    /* cache before running, so a module importing itself (or a cycle) terminates */
    if (!dict_set(I, I->modules, val_obj(name), val_obj(m))) {
        obj_decref((Obj *)m);
        if (owned) mem_strfree(owned);
        return VAL_ERR;
    }
    bool ok = eval_run_module(I, m, srcname, text, len);
    if (owned) mem_strfree(owned);
    if (!ok) {
        /* a failed import leaves no half-built module behind */
        Err saved = I->err;
        memset(&I->err, 0, sizeof I->err);
        bool found;
        dict_del(I, I->modules, val_obj(name), &found);
        err_clear(I);
        I->err = saved;
        for (int i = 0; i < m->nslots; i++) { val_decref(m->slots[i]); m->slots[i] = VAL_UNDEF; }
        obj_decref((Obj *)m);
        return VAL_ERR;
    }
    return val_obj(m);
}

static Value import_path(Interp *I, Str *dotted, bool top_only) {
    const char *s = dotted->data;
    const char *dot = strchr(s, '.');
    Str *head = dot ? str_intern(I, s, (size_t)(dot - s)) : dotted;
    if (!head) return VAL_ERR;
    Value m = import_one(I, head);
    if (dot) obj_decref((Obj *)head);
    if (IS_ERR(m)) return m;
    Value top = val_incref(m);
    while (dot) {
        const char *p = dot + 1;
        dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        Str *part = str_intern(I, p, n);
        if (!part) { val_decref(m); val_decref(top); return VAL_ERR; }
        Value next = VAL_UNDEF;
        if (IS_A(m, module_class)) {
            next = module_get((Module *)AS_OBJ(m), part);
            if (!IS_UNDEF(next)) val_incref(next);
        } else if (IS_OBJ(m) && AS_OBJ(m)->cls->getattr) {
            next = AS_OBJ(m)->cls->getattr(I, m, part);
            if (IS_ERR(next)) { obj_decref((Obj *)part); val_decref(m); val_decref(top); return next; }
        }
        if (IS_UNDEF(next)) {
            err_raise(I, EXC_ModuleNotFoundError, "No module named '%.*s'", (int)(p + n - s), s);
            obj_decref((Obj *)part);
            val_decref(m);
            val_decref(top);
            return VAL_ERR;
        }
        obj_decref((Obj *)part);
        val_decref(m);
        m = next;
    }
    if (top_only) { val_decref(m); return top; }
    val_decref(top);
    return m;
}

Value import_dotted(Interp *I, Str *dotted) { return import_path(I, dotted, false); }
Value import_top(Interp *I, Str *dotted) { return import_path(I, dotted, true); }

void import_clear_modules(Interp *I) {
    Dict *d = I->modules;
    if (!d) return;
    for (int64_t i = 0; i < d->nentries; i++) {
        DictEntry *e = &d->entries[i];
        if (IS_UNDEF(e->key) || !IS_A(e->val, module_class)) continue;
        Module *m = (Module *)AS_OBJ(e->val);
        for (int k = 0; k < m->nslots; k++) {
            Value old = m->slots[k];
            m->slots[k] = VAL_UNDEF;
            val_decref(old);
        }
    }
}
