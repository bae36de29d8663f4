/* ast.c — syntax-tree memory (an arena per Ast), Source objects, and the S-expression dump. */
#include "ast.h"
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"

const char *const ast_kind_name[N__COUNT] = {
#define AST(kind, doc) #kind,
#include "ast.def"
#undef AST
};

/* ---- Source ----------------------------------------------------------------------- */
Source *src_new(const char *name, const char *text, size_t len) {
    Source *s = mem_alloc(sizeof *s);
    if (!s) return NULL;
    s->rc = 1;
    s->name = mem_strndup(name, strlen(name));
    s->text = mem_strndup(text, len);
    s->len = len;
    if (!s->name || !s->text) {
        mem_strfree(s->name);
        if (s->text) mem_free(s->text, len + 1);
        mem_free(s, sizeof *s);
        return NULL;
    }
    return s;
}

void src_incref(Source *s) { if (s) s->rc++; }

void src_decref(Source *s) {
    if (!s || --s->rc) return;
    mem_strfree(s->name);
    mem_free(s->text, s->len + 1);
    mem_free(s, sizeof *s);
}

const char *src_line(const Source *s, int line, size_t *len) {
    if (!s || line < 1) return NULL;
    const char *p = s->text, *end = s->text + s->len;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    if (p > end || (p == end && line > 1 && s->len > 0 && end[-1] == '\n')) return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n > 0 && p[n - 1] == '\r') n--;
    if (len) *len = n;
    return p;
}

/* ---- arena ------------------------------------------------------------------------ */
typedef struct Chunk {
    struct Chunk *next;
    size_t size, used;                   /* size of data[] */
    alignas(max_align_t) unsigned char data[];
} Chunk;

typedef struct Arena {
    Chunk *chunks;
    Str **strs;
    int nstrs, capstrs;
    Value *vals;
    int nvals, capvals;
} Arena;

#define CHUNK_SIZE 8192

Ast *ast_new(Source *src) {
    Ast *a = mem_calloc(1, sizeof *a);
    if (!a) return NULL;
    Arena *ar = mem_calloc(1, sizeof *ar);
    if (!ar) { mem_free(a, sizeof *a); return NULL; }
    a->arena = ar;
    a->src = src;
    src_incref(src);
    return a;
}

void *ast_alloc(Ast *a, size_t size) {
    Arena *ar = a->arena;
    size_t al = alignof(max_align_t);
    size = (size + al - 1) / al * al;
    if (size == 0) size = al;
    Chunk *c = ar->chunks;
    if (!c || c->size - c->used < size) {
        size_t cs = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        Chunk *n = mem_alloc(sizeof(Chunk) + cs);
        if (!n) return NULL;
        n->size = cs;
        n->used = 0;
        if (c && size > CHUNK_SIZE / 4) { /* keep bump-allocating from the current chunk */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            ar->chunks = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

Node *ast_node(Ast *a, NodeKind kind, Span span) {
    Node *n = ast_alloc(a, sizeof(Node));
    if (!n) return NULL;
    n->kind = kind;
    n->span = span;
    return n;
}

Str *ast_keep_str(Ast *a, Str *s) {
    Arena *ar = a->arena;
    if (!s) return NULL;
    if (ar->nstrs == ar->capstrs) {
        int nc = ar->capstrs ? ar->capstrs * 2 : 32;
        Str **p = mem_realloc(ar->strs, sizeof(Str *) * (size_t)ar->capstrs, sizeof(Str *) * (size_t)nc);
        if (!p) { obj_decref(&s->h); return NULL; }
        ar->strs = p;
        ar->capstrs = nc;
    }
    ar->strs[ar->nstrs++] = s;
    return s;
}

bool ast_keep_value(Ast *a, Value v) {
    if (v.kind != V_OBJ) return true;
    Arena *ar = a->arena;
    if (ar->nvals == ar->capvals) {
        int nc = ar->capvals ? ar->capvals * 2 : 16;
        Value *p = mem_realloc(ar->vals, sizeof(Value) * (size_t)ar->capvals, sizeof(Value) * (size_t)nc);
        if (!p) { val_decref(v); return false; }
        ar->vals = p;
        ar->capvals = nc;
    }
    ar->vals[ar->nvals++] = v;
    return true;
}

void ast_free(Ast *a) {
    if (!a) return;
    Arena *ar = a->arena;
    if (ar) {
        for (int i = 0; i < ar->nstrs; i++) obj_decref(&ar->strs[i]->h);
        for (int i = 0; i < ar->nvals; i++) val_decref(ar->vals[i]);
        mem_free(ar->strs, sizeof(Str *) * (size_t)ar->capstrs);
        mem_free(ar->vals, sizeof(Value) * (size_t)ar->capvals);
        for (Chunk *c = ar->chunks, *n; c; c = n) {
            n = c->next;
            mem_free(c, sizeof(Chunk) + c->size);
        }
        mem_free(ar, sizeof *ar);
    }
    src_decref(a->src);
    mem_free(a, sizeof *a);
}

/* ---- dump ------------------------------------------------------------------------- */
static void dump_strlit(StrBuf *sb, const char *s, size_t n) {
    bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    sb_putc(sb, q);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') sb_puts(sb, "\\\\");
        else if (c == (unsigned char)q) { sb_putc(sb, '\\'); sb_putc(sb, q); }
        else if (c == '\n') sb_puts(sb, "\\n");
        else if (c == '\t') sb_puts(sb, "\\t");
        else if (c == '\r') sb_puts(sb, "\\r");
        else if (c < 0x20 || c == 0x7F) sb_printf(sb, "\\x%02x", c);
        else sb_putc(sb, (char)c);
    }
    sb_putc(sb, q);
}

static void dump_float(StrBuf *sb, double x) {
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x) break;
    }
    sb_puts(sb, buf);
    if (!strpbrk(buf, ".eni")) sb_puts(sb, ".0");
}

static const char *const cmp_extra[] = {"in", "not in", "is", "is not"};
static const char *const bin_names[BIN__COUNT] = {
    [BIN_ADD] = "+", [BIN_SUB] = "-", [BIN_MUL] = "*", [BIN_TRUEDIV] = "/", [BIN_FLOORDIV] = "//", [BIN_MOD] = "%",
    [BIN_POW] = "**", [BIN_MATMUL] = "@", [BIN_AND] = "&", [BIN_OR] = "|", [BIN_XOR] = "^", [BIN_LSHIFT] = "<<",
    [BIN_RSHIFT] = ">>", [BIN_LT] = "<", [BIN_LE] = "<=", [BIN_EQ] = "==", [BIN_NE] = "!=", [BIN_GT] = ">", [BIN_GE] = ">=",
};
static const char *const un_names[] = {"-", "+", "not", "~"};

static void dump_str(StrBuf *sb, const Str *s) { if (s) sb_putn(sb, s->data, (size_t)s->len); else sb_puts(sb, "_"); }
static void dump_expr(const Node *n, StrBuf *sb);
static void dump_opt(const Node *n, StrBuf *sb) { if (n) dump_expr(n, sb); else sb_putc(sb, '_'); }
static void dump_list(const NodeList *l, StrBuf *sb) {
    for (int i = 0; i < l->n; i++) { sb_putc(sb, ' '); dump_expr(l->items[i], sb); }
}
static void dump_body(const NodeList *l, StrBuf *sb, int indent) {
    for (int i = 0; i < l->n; i++) {
        sb_putc(sb, '\n');
        ast_dump(l->items[i], sb, indent);
    }
}
static void dump_params(StrBuf *sb, int n, const Param *ps, const Str *vararg, int nkwonly) {
    sb_putc(sb, '(');
    for (int i = 0; i < n; i++) {
        if (i) sb_putc(sb, ' ');
        if (i == n - nkwonly) { /* keyword-only parameters follow the star */
            sb_putc(sb, '*');
            if (vararg) dump_str(sb, vararg);
            sb_putc(sb, ' ');
        }
        if (ps[i].default_) {
            sb_putc(sb, '(');
            dump_str(sb, ps[i].name);
            sb_putc(sb, ' ');
            dump_expr(ps[i].default_, sb);
            sb_putc(sb, ')');
        } else {
            dump_str(sb, ps[i].name);
        }
    }
    if (vararg && nkwonly == 0) {
        if (n) sb_putc(sb, ' ');
        sb_putc(sb, '*');
        dump_str(sb, vararg);
    }
    sb_putc(sb, ')');
}
static void dump_gens(StrBuf *sb, int n, const Comprehension *g) {
    for (int i = 0; i < n; i++) {
        sb_puts(sb, " (for ");
        dump_expr(g[i].target, sb);
        sb_putc(sb, ' ');
        dump_expr(g[i].iter, sb);
        for (int k = 0; k < g[i].ifs.n; k++) {
            sb_puts(sb, " (if ");
            dump_expr(g[i].ifs.items[k], sb);
            sb_putc(sb, ')');
        }
        sb_putc(sb, ')');
    }
}

static void dump_expr(const Node *n, StrBuf *sb) {
    if (!n) { sb_puts(sb, "<null>"); return; }
    switch (n->kind) {
    case N_CONST: {
        Value v = n->u.constant.value;
        switch (v.kind) {
        case V_NONE: sb_puts(sb, "None"); break;
        case V_BOOL: sb_puts(sb, v.as.b ? "True" : "False"); break;
        case V_INT: sb_printf(sb, "%lld", (long long)v.as.i); break;
        case V_FLOAT: dump_float(sb, v.as.f); break;
        case V_OBJ: { const Str *s = (const Str *)v.as.o; dump_strlit(sb, s->data, (size_t)s->len); break; }
        default: sb_puts(sb, "<?>"); break;
        }
        break;
    }
    case N_NAME: dump_str(sb, n->u.name.id); break;
    case N_FSTRING:
        sb_puts(sb, "(f");
        for (int i = 0; i < n->u.fstring.nparts; i++) {
            const FPart *p = &n->u.fstring.parts[i];
            sb_putc(sb, ' ');
            if (p->literal) { dump_strlit(sb, p->literal->data, (size_t)p->literal->len); continue; }
            sb_puts(sb, "{");
            if (p->self_doc) { dump_strlit(sb, p->self_doc->data, (size_t)p->self_doc->len); sb_putc(sb, ' '); }
            dump_expr(p->expr, sb);
            if (p->conversion) sb_printf(sb, " !%c", p->conversion);
            if (p->spec) { sb_puts(sb, " :"); dump_expr(p->spec, sb); }
            sb_puts(sb, "}");
        }
        sb_putc(sb, ')');
        break;
    case N_BINOP:
        sb_printf(sb, "(%s ", bin_names[n->u.binop.op]);
        dump_expr(n->u.binop.left, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.binop.right, sb);
        sb_putc(sb, ')');
        break;
    case N_UNOP:
        sb_printf(sb, "(%s ", un_names[n->u.unop.op]);
        dump_expr(n->u.unop.operand, sb);
        sb_putc(sb, ')');
        break;
    case N_BOOLOP:
        sb_puts(sb, n->u.boolop.is_and ? "(and " : "(or ");
        dump_expr(n->u.boolop.left, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.boolop.right, sb);
        sb_putc(sb, ')');
        break;
    case N_COMPARE:
        sb_puts(sb, "(cmp ");
        dump_expr(n->u.compare.operands[0], sb);
        for (int i = 0; i < n->u.compare.n; i++) {
            int op = n->u.compare.ops[i];
            sb_printf(sb, " %s ", op >= BIN__COUNT ? cmp_extra[op - BIN__COUNT] : bin_names[op]);
            dump_expr(n->u.compare.operands[i + 1], sb);
        }
        sb_putc(sb, ')');
        break;
    case N_CALL:
        sb_puts(sb, "(call ");
        dump_expr(n->u.call.func, sb);
        dump_list(&n->u.call.args, sb);
        for (int i = 0; i < n->u.call.nkw; i++) {
            sb_puts(sb, " (kw ");
            if (n->u.call.kws[i].name) dump_str(sb, n->u.call.kws[i].name);
            else sb_puts(sb, "**");
            sb_putc(sb, ' ');
            dump_expr(n->u.call.kws[i].value, sb);
            sb_putc(sb, ')');
        }
        if (n->u.call.star) { sb_puts(sb, " (*"); dump_expr(n->u.call.star, sb); sb_putc(sb, ')'); }
        sb_putc(sb, ')');
        break;
    case N_ATTR:
        sb_puts(sb, "(. ");
        dump_expr(n->u.attr.obj, sb);
        sb_putc(sb, ' ');
        dump_str(sb, n->u.attr.attr);
        sb_putc(sb, ')');
        break;
    case N_SUBSCRIPT:
        sb_puts(sb, "([] ");
        dump_expr(n->u.subscript.obj, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.subscript.index, sb);
        sb_putc(sb, ')');
        break;
    case N_SLICE:
        sb_puts(sb, "(slice ");
        dump_opt(n->u.slice.lower, sb);
        sb_putc(sb, ' ');
        dump_opt(n->u.slice.upper, sb);
        sb_putc(sb, ' ');
        dump_opt(n->u.slice.step, sb);
        sb_putc(sb, ')');
        break;
    case N_LIST: sb_puts(sb, "(list"); dump_list(&n->u.seq.elts, sb); sb_putc(sb, ')'); break;
    case N_TUPLE: sb_puts(sb, "(tuple"); dump_list(&n->u.seq.elts, sb); sb_putc(sb, ')'); break;
    case N_NAMEDEXPR:
        sb_puts(sb, "(:= ");
        dump_expr(n->u.named.target, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.named.value, sb);
        sb_putc(sb, ')');
        break;
    case N_SET: sb_puts(sb, "(set"); dump_list(&n->u.seq.elts, sb); sb_putc(sb, ')'); break;
    case N_DICT:
        sb_puts(sb, "(dict");
        for (int i = 0; i < n->u.dict.n; i++) {
            sb_puts(sb, " (");
            if (n->u.dict.items[i].key) dump_expr(n->u.dict.items[i].key, sb);
            else sb_puts(sb, "**");
            sb_putc(sb, ' ');
            dump_expr(n->u.dict.items[i].value, sb);
            sb_putc(sb, ')');
        }
        sb_putc(sb, ')');
        break;
    case N_IFEXP:
        sb_puts(sb, "(ifexp ");
        dump_expr(n->u.ifexp.cond, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.ifexp.then, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.ifexp.else_, sb);
        sb_putc(sb, ')');
        break;
    case N_LISTCOMP: case N_GENEXP: case N_DICTCOMP: case N_SETCOMP:
        sb_puts(sb, n->kind == N_LISTCOMP ? "(listcomp " : n->kind == N_GENEXP ? "(genexp "
                    : n->kind == N_SETCOMP ? "(setcomp " : "(dictcomp ");
        if (n->kind == N_DICTCOMP) { dump_expr(n->u.comp.key, sb); sb_putc(sb, ' '); }
        dump_expr(n->u.comp.elt, sb);
        dump_gens(sb, n->u.comp.ngen, n->u.comp.gens);
        sb_putc(sb, ')');
        break;
    case N_LAMBDA:
        sb_puts(sb, "(lambda ");
        dump_params(sb, n->u.lambda.nparams, n->u.lambda.params, n->u.lambda.vararg, n->u.lambda.nkwonly);
        sb_putc(sb, ' ');
        dump_expr(n->u.lambda.body, sb);
        sb_putc(sb, ')');
        break;
    case N_STARRED: sb_puts(sb, "(* "); dump_expr(n->u.starred.value, sb); sb_putc(sb, ')'); break;
    default: sb_printf(sb, "<%s>", ast_kind_name[n->kind]); break;
    }
}

void ast_dump(const Node *n, StrBuf *sb, int indent) {
    if (!n) { sb_puts(sb, "<null>"); return; }
    if (n->kind < N_EXPR_STMT) { dump_expr(n, sb); return; }
    for (int i = 0; i < indent; i++) sb_putc(sb, ' ');
    int in = indent + 2;
    switch (n->kind) {
    case N_EXPR_STMT: sb_puts(sb, "(expr "); dump_expr(n->u.expr_stmt.expr, sb); sb_putc(sb, ')'); break;
    case N_ASSIGN:
        sb_puts(sb, "(=");
        for (int i = 0; i < n->u.assign.ntargets; i++) { sb_putc(sb, ' '); dump_expr(n->u.assign.targets[i], sb); }
        sb_putc(sb, ' ');
        dump_expr(n->u.assign.value, sb);
        sb_putc(sb, ')');
        break;
    case N_AUGASSIGN:
        sb_printf(sb, "(%s= ", bin_names[n->u.augassign.op]);
        dump_expr(n->u.augassign.target, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.augassign.value, sb);
        sb_putc(sb, ')');
        break;
    case N_DEF:
        sb_puts(sb, "(def ");
        dump_str(sb, n->u.def.name);
        sb_putc(sb, ' ');
        dump_params(sb, n->u.def.nparams, n->u.def.params, n->u.def.vararg, n->u.def.nkwonly);
        if (n->u.def.doc) { sb_puts(sb, " (doc "); dump_strlit(sb, n->u.def.doc->data, (size_t)n->u.def.doc->len); sb_putc(sb, ')'); }
        for (int i = 0; i < n->u.def.decos.n; i++) { sb_puts(sb, " @"); dump_expr(n->u.def.decos.items[i], sb); }
        dump_body(&n->u.def.body, sb, in);
        sb_putc(sb, ')');
        break;
    case N_ANNASSIGN:
        sb_puts(sb, "(: ");
        dump_expr(n->u.annassign.target, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.annassign.annotation, sb);
        if (n->u.annassign.value) { sb_putc(sb, ' '); dump_expr(n->u.annassign.value, sb); }
        sb_putc(sb, ')');
        break;
    case N_CLASS:
        sb_puts(sb, "(class ");
        dump_str(sb, n->u.class_.name);
        for (int i = 0; i < n->u.class_.bases.n; i++) { sb_putc(sb, ' '); dump_expr(n->u.class_.bases.items[i], sb); }
        for (int i = 0; i < n->u.class_.decos.n; i++) { sb_puts(sb, " @"); dump_expr(n->u.class_.decos.items[i], sb); }
        dump_body(&n->u.class_.body, sb, in);
        sb_putc(sb, ')');
        break;
    case N_RETURN:
        sb_puts(sb, "(return");
        if (n->u.ret.value) { sb_putc(sb, ' '); dump_expr(n->u.ret.value, sb); }
        sb_putc(sb, ')');
        break;
    case N_IF: case N_WHILE: {
        const NodeList *body = n->kind == N_IF ? &n->u.if_.body : &n->u.while_.body;
        const NodeList *orelse = n->kind == N_IF ? &n->u.if_.orelse : &n->u.while_.orelse;
        sb_puts(sb, n->kind == N_IF ? "(if " : "(while ");
        dump_expr(n->kind == N_IF ? n->u.if_.cond : n->u.while_.cond, sb);
        dump_body(body, sb, in);
        if (orelse->n) {
            sb_putc(sb, '\n');
            for (int i = 0; i < in; i++) sb_putc(sb, ' ');
            sb_puts(sb, "(else");
            dump_body(orelse, sb, in + 2);
            sb_putc(sb, ')');
        }
        sb_putc(sb, ')');
        break;
    }
    case N_FOR:
        sb_puts(sb, "(for ");
        dump_expr(n->u.for_.target, sb);
        sb_putc(sb, ' ');
        dump_expr(n->u.for_.iter, sb);
        dump_body(&n->u.for_.body, sb, in);
        if (n->u.for_.orelse.n) {
            sb_putc(sb, '\n');
            for (int i = 0; i < in; i++) sb_putc(sb, ' ');
            sb_puts(sb, "(else");
            dump_body(&n->u.for_.orelse, sb, in + 2);
            sb_putc(sb, ')');
        }
        sb_putc(sb, ')');
        break;
    case N_WITH:
        sb_puts(sb, "(with ");
        dump_expr(n->u.with.ctx, sb);
        if (n->u.with.target) { sb_puts(sb, " as "); dump_expr(n->u.with.target, sb); }
        dump_body(&n->u.with.body, sb, in);
        sb_putc(sb, ')');
        break;
    case N_IMPORT: case N_FROM_IMPORT: {
        int cnt = n->kind == N_IMPORT ? n->u.import.n : n->u.from_import.n;
        const ImportName *names = n->kind == N_IMPORT ? n->u.import.names : n->u.from_import.names;
        if (n->kind == N_IMPORT) sb_puts(sb, "(import");
        else { sb_puts(sb, "(from "); dump_str(sb, n->u.from_import.module); sb_puts(sb, " import"); }
        for (int i = 0; i < cnt; i++) {
            sb_putc(sb, ' ');
            dump_str(sb, names[i].name);
            if (names[i].asname) { sb_puts(sb, " as "); dump_str(sb, names[i].asname); }
            if (i + 1 < cnt) sb_putc(sb, ',');
        }
        sb_putc(sb, ')');
        break;
    }
    case N_GLOBAL: case N_NONLOCAL:
        sb_puts(sb, n->kind == N_GLOBAL ? "(global" : "(nonlocal");
        for (int i = 0; i < n->u.global.n; i++) { sb_putc(sb, ' '); dump_str(sb, n->u.global.names[i]); }
        sb_putc(sb, ')');
        break;
    case N_ASSERT:
        sb_puts(sb, "(assert ");
        dump_expr(n->u.assert_.test, sb);
        if (n->u.assert_.msg) { sb_putc(sb, ' '); dump_expr(n->u.assert_.msg, sb); }
        sb_putc(sb, ')');
        break;
    case N_DEL:
        sb_puts(sb, "(del");
        for (int i = 0; i < n->u.del.n; i++) { sb_putc(sb, ' '); dump_expr(n->u.del.targets[i], sb); }
        sb_putc(sb, ')');
        break;
    case N_TRY: {
        sb_puts(sb, "(try");
        dump_body(&n->u.try_.body, sb, in);
        for (int h = 0; h < n->u.try_.nhandlers; h++) {
            const Handler *hd = &n->u.try_.handlers[h];
            sb_putc(sb, '\n');
            for (int i = 0; i < in; i++) sb_putc(sb, ' ');
            sb_puts(sb, "(except");
            if (hd->type) { sb_putc(sb, ' '); dump_expr(hd->type, sb); }
            if (hd->name) { sb_puts(sb, " as "); dump_expr(hd->name, sb); }
            dump_body(&hd->body, sb, in + 2);
            sb_putc(sb, ')');
        }
        const NodeList *tails[2] = {&n->u.try_.orelse, &n->u.try_.finalbody};
        for (int k = 0; k < 2; k++) {
            if (!tails[k]->n) continue;
            sb_putc(sb, '\n');
            for (int i = 0; i < in; i++) sb_putc(sb, ' ');
            sb_puts(sb, k ? "(finally" : "(else");
            dump_body(tails[k], sb, in + 2);
            sb_putc(sb, ')');
        }
        sb_putc(sb, ')');
        break;
    }
    case N_RAISE:
        sb_puts(sb, "(raise");
        if (n->u.raise.exc) { sb_putc(sb, ' '); dump_expr(n->u.raise.exc, sb); }
        if (n->u.raise.cause) { sb_puts(sb, " from "); dump_expr(n->u.raise.cause, sb); }
        sb_putc(sb, ')');
        break;
    case N_PASS: sb_puts(sb, "(pass)"); break;
    case N_BREAK: sb_puts(sb, "(break)"); break;
    case N_CONTINUE: sb_puts(sb, "(continue)"); break;
    default: sb_printf(sb, "<%s>", ast_kind_name[n->kind]); break;
    }
}
