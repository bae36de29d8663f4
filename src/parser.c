/* parser.c — recursive descent from tokens to the AST (see parser.h, grammar/ag.ebnf).
 *
 * Every array in the tree lives in the Ast's arena, including the ones that grow while a
 * list is parsed (the old copy is simply left in the arena), so an error path never has
 * anything to free: parse_source drops the whole Ast. */
#include "parser.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "lexer.h"
#include "mem.h"

#define MAX_DEPTH 1000   /* expression nesting units; brackets alone stop at 200 in the lexer */
#define MAX_FSTRING_LEVEL 2

typedef struct AVec { void *data; int n, cap; size_t elem; } AVec;

typedef struct Parser {
    Interp *I;
    Ast *ast;
    Lexer *lx;               /* the lexer whose tokens are being parsed (main or f-string part) */
    Lexer *main_lx;
    Token *toks;
    int pos, ntoks;
    bool interactive;
    bool panic, incomplete, oom, lexer_reported;
    SyntaxDiag *diags;
    int ndiags, capdiags;
    int depth;               /* expression nesting */
    int func_depth, loop_depth;
    int in_fstring;          /* > 0: parsing an f-string expression (messages get "f-string: ") */
    AVec stars;              /* bare N_STARRED expressions (`x = *a`) of the current statement not yet used as targets */
} Parser;

/* ---- arena vectors ---------------------------------------------------------------- */
static void avec_init(AVec *v, size_t elem) { v->data = NULL; v->n = v->cap = 0; v->elem = elem; }

static void *avec_push(Parser *p, AVec *v) {
    if (p->oom) return NULL;
    if (v->n == v->cap) {
        int nc = v->cap ? v->cap * 2 : 4;
        void *d = ast_alloc(p->ast, v->elem * (size_t)nc);
        if (!d) { p->oom = true; p->panic = true; return NULL; }
        if (v->n) memcpy(d, v->data, v->elem * (size_t)v->n);
        v->data = d;
        v->cap = nc;
    }
    void *e = (char *)v->data + v->elem * (size_t)v->n++;
    memset(e, 0, v->elem);
    return e;
}

static bool push_node(Parser *p, AVec *v, Node *n) {
    Node **slot = avec_push(p, v);
    if (!slot) return false;
    *slot = n;
    return true;
}

static NodeList to_list(AVec *v) { return (NodeList){v->n, v->data}; }

/* ---- diagnostics ------------------------------------------------------------------ */
static void add_diag(Parser *p, ExcKind kind, Span span, const char *msg) {
    if (p->ndiags == p->capdiags) {
        int nc = p->capdiags ? p->capdiags * 2 : 4;
        SyntaxDiag *d = mem_realloc(p->diags, sizeof(SyntaxDiag) * (size_t)p->capdiags, sizeof(SyntaxDiag) * (size_t)nc);
        if (!d) { p->oom = true; return; }
        p->diags = d;
        p->capdiags = nc;
    }
    char buf[400];
    if (p->in_fstring && strncmp(msg, "f-string", 8) != 0) {
        snprintf(buf, sizeof buf, "f-string: %s", msg);
        msg = buf;
    }
    char *m = mem_strndup(msg, strlen(msg));
    if (!m) { p->oom = true; return; }
    p->diags[p->ndiags++] = (SyntaxDiag){kind, span, m};
}

static Token *cur(Parser *p) { return &p->toks[p->pos]; }
static TokKind kind_at(Parser *p, int k) {
    int i = p->pos + k;
    return i < p->ntoks ? p->toks[i].kind : T_EOF;
}
static bool check(Parser *p, TokKind k) { return cur(p)->kind == k; }
static Token *advance(Parser *p) {
    Token *t = cur(p);
    if (t->kind != T_EOF && t->kind != T_ERROR) p->pos++;
    return t;
}
static bool accept(Parser *p, TokKind k) {
    if (!check(p, k)) return false;
    advance(p);
    return true;
}
static Span prev_span(Parser *p) { return p->pos > 0 ? p->toks[p->pos - 1].span : cur(p)->span; }
static Span join(Span a, Span b) { return (Span){a.line, a.col, b.end_line, b.end_col}; }

/* Report at token t. `unclosed_wins`: an unclosed bracket at the end of the text explains this
 * error better (CPython reports "'(' was never closed" then). Enters panic mode (later errors are dropped until recovery). A T_ERROR
 * token reports the lexer's own diagnostic; running into the end of incomplete interactive
 * input is not an error but "incomplete". */
static void verror(Parser *p, Token *t, ExcKind kind, Span span, bool unclosed_wins, const char *fmt, va_list ap) {
    if (p->panic) return;
    p->panic = true;
    Lexer *lx = p->lx;
    if (t && t->kind == T_ERROR) {
        if (!p->lexer_reported || lx != p->main_lx) {
            if (lx == p->main_lx) p->lexer_reported = true;
            add_diag(p, lx->err.kind, lx->err.span, lx->err.msg ? lx->err.msg : "invalid syntax");
        }
        return;
    }
    if (t && t->kind == T_EOF && lx->incomplete) { p->incomplete = true; return; }
    if (unclosed_wins && p->main_lx->incomplete && p->main_lx->depth > 0) { p->incomplete = true; return; }
    if (unclosed_wins && p->main_lx->unclosed && !p->lexer_reported) {
        p->lexer_reported = true;
        add_diag(p, p->main_lx->err.kind, p->main_lx->err.span, p->main_lx->err.msg);
        return;
    }
    char buf[400];
    vsnprintf(buf, sizeof buf, fmt, ap);
    add_diag(p, kind, span, buf);
}

static void error_span(Parser *p, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error_span(Parser *p, Span span, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, NULL, EXC_SyntaxError, span, false, fmt, ap);
    va_end(ap);
}
/* An error about the current token (which may be T_ERROR / incomplete EOF). */
static void error_tok(Parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void error_tok(Parser *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, cur(p), EXC_SyntaxError, cur(p)->span, false, fmt, ap);
    va_end(ap);
}
static void indent_error_tok(Parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void indent_error_tok(Parser *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, cur(p), EXC_IndentationError, cur(p)->span, false, fmt, ap);
    va_end(ap);
}
static void report(Parser *p, Token *t, ExcKind kind, Span span, bool generic, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void report(Parser *p, Token *t, ExcKind kind, Span span, bool generic, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, t, kind, span, generic, fmt, ap);
    va_end(ap);
}
static void generic_error(Parser *p) { report(p, cur(p), EXC_SyntaxError, cur(p)->span, false, "invalid syntax"); }

static bool expect(Parser *p, TokKind k, const char *what) {
    if (accept(p, k)) return true;
    if (what) error_tok(p, "%s", what);
    else generic_error(p);
    return false;
}

/* ---- building nodes ---------------------------------------------------------------- */
static Node *new_node(Parser *p, NodeKind kind, Span span) {
    Node *n = ast_node(p->ast, kind, span);
    if (!n) { p->oom = true; p->panic = true; }
    return n;
}

static void nomem(Parser *p) {
    p->oom = true;
    p->panic = true;
    if (err_pending(p->I)) err_clear(p->I);
}

static Str *intern(Parser *p, const char *s, size_t n) {
    Str *r = str_intern(p->I, s, n);
    if (!r) { nomem(p); return NULL; }
    if (!ast_keep_str(p->ast, r)) { nomem(p); return NULL; }
    return r;
}
static Str *new_str(Parser *p, const char *s, size_t n) {
    Str *r = str_new(p->I, s, n);
    if (!r) { nomem(p); return NULL; }
    if (!ast_keep_str(p->ast, r)) { nomem(p); return NULL; }
    return r;
}
/* A string constant: equal constants are one object, as CPython shares the equal constants
 * of a compilation unit (so "a" is "a" is True); huge ones are not worth the intern table. */
static Value str_const(Parser *p, const char *s, size_t n) {
    if (n > 4096) return val_str(p->I, s, n);
    Str *r = str_intern(p->I, s, n);
    return r ? val_obj(r) : VAL_ERR;
}
static bool str_same(const Str *a, const Str *b) {
    return a == b || (a->len == b->len && memcmp(a->data, b->data, (size_t)a->len) == 0);
}
static Node *const_node(Parser *p, Value v, Span span) {
    Node *n = new_node(p, N_CONST, span);
    if (!n) { val_decref(v); return NULL; }
    if (!ast_keep_value(p->ast, v)) { nomem(p); return NULL; }
    n->u.constant.value = v;
    return n;
}
static Node *name_node(Parser *p, Token *t) {
    Node *n = new_node(p, N_NAME, t->span);
    if (!n) return NULL;
    n->u.name.id = intern(p, t->start, t->len);
    n->u.name.bslot = -1;
    return n->u.name.id ? n : NULL;
}

static bool enter(Parser *p) {
    if (++p->depth > MAX_DEPTH) {
        error_tok(p, "too many nested parentheses");
        return false;
    }
    return true;
}
#define LEAVE(p, r) do { (p)->depth--; return (r); } while (0)

/* Can this token begin an expression? */
static bool starts_expr(TokKind k) {
    switch (k) {
    case T_NAME: case T_INT: case T_FLOAT: case T_STRING: case T_FSTRING: case T_LPAREN: case T_LBRACKET:
    case T_LBRACE: case T_MINUS: case T_PLUS: case T_TILDE: case K_NOT: case K_LAMBDA: case K_TRUE:
    case K_FALSE: case K_NONE: case T_STAR:
        return true;
    default:
        return false;
    }
}

static bool is_unsupported_kw(TokKind k) { return k >= K_CLASS && k <= K_AWAIT && k != K_RAISE; }

/* ---- forward declarations ----------------------------------------------------------- */
static Node *parse_expression(Parser *p);
static Node *parse_disjunction(Parser *p);
static Node *parse_bitor(Parser *p);
static Node *parse_factor(Parser *p);
static Node *parse_star_expressions(Parser *p, bool allow_star);
static Node *parse_targets(Parser *p, TokKind stop);
static bool parse_statement(Parser *p, AVec *out);
static bool parse_block(Parser *p, AVec *out, const char *what, int line);
static void parse_stmt_list(Parser *p, AVec *out);
static bool parse_fstring_token(Parser *p, Token *t, AVec *parts);

/* ---- targets ---------------------------------------------------------------------- */
enum { TGT_ASSIGN, TGT_AUG, TGT_FOR, TGT_DEL, TGT_WITH };

static const char *expr_name(const Node *n) {
    switch (n->kind) {
    case N_CONST:
        if (n->u.constant.value.kind == V_NONE) return "None";
        if (n->u.constant.value.kind == V_BOOL) return n->u.constant.value.as.b ? "True" : "False";
        return "literal";
    case N_CALL: return "function call";
    case N_BINOP: case N_UNOP: case N_BOOLOP: return "expression";
    case N_COMPARE: return "comparison";
    case N_LAMBDA: return "lambda";
    case N_IFEXP: return "conditional expression";
    case N_LISTCOMP: return "list comprehension";
    case N_DICTCOMP: return "dict comprehension";
    case N_GENEXP: return "generator expression";
    case N_DICT: return "dict literal";
    case N_SET: return "set display";
    case N_NAMEDEXPR: return "named expression";
    case N_SETCOMP: return "set comprehension";
    case N_FSTRING: return "f-string expression";
    case N_STARRED: return "starred";
    case N_TUPLE: return "tuple";
    case N_LIST: return "list";
    case N_SLICE: return "slice";
    default: return "expression";
    }
}

static void use_star(Parser *p, Node *n) {
    Node **s = p->stars.data;
    for (int i = 0; i < p->stars.n; i++)
        if (s[i] == n) { s[i] = s[--p->stars.n]; return; }
}

/* Is n a valid target for ctx? Reports the error (CPython's words) if not. */
static bool check_target(Parser *p, Node *n, int ctx, bool top, bool hint) {
    switch (n->kind) {
    case N_NAME: case N_ATTR: case N_SUBSCRIPT: return true;
    case N_TUPLE: case N_LIST:
        if (ctx == TGT_AUG) break;
        {
            int nstar = 0;
            for (int i = 0; i < n->u.seq.elts.n; i++) {
                Node *e = n->u.seq.elts.items[i];
                if (e->kind == N_STARRED && ctx != TGT_DEL && ++nstar > 1) {
                    error_span(p, e->span, "multiple starred expressions in assignment");
                    return false;
                }
                if (!check_target(p, e, ctx, false, false)) return false;
            }
        }
        return true;
    case N_STARRED:
        if (ctx == TGT_AUG || ctx == TGT_DEL) break;
        if (top) {
            error_span(p, n->span, "starred assignment target must be in a list or tuple");
            return false;
        }
        use_star(p, n);
        return check_target(p, n->u.starred.value, ctx, false, false);
    default: break;
    }
    const char *what = expr_name(n);
    switch (ctx) {
    case TGT_AUG: error_span(p, n->span, "'%s' is an illegal expression for augmented assignment", what); break;
    case TGT_DEL: error_span(p, n->span, "cannot delete %s", what); break;
    default:
        if (top && hint && n->kind != N_COMPARE && n->kind != N_BOOLOP && n->kind != N_IFEXP && n->kind != N_LAMBDA &&
            !(n->kind == N_UNOP && n->u.unop.op == UN_NOT) &&
            !(n->kind == N_CONST && n->u.constant.value.kind != V_INT && n->u.constant.value.kind != V_FLOAT &&
              n->u.constant.value.kind != V_OBJ))
            error_span(p, n->span, "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
        else
            error_span(p, n->span, "cannot assign to %s", what);
        break;
    }
    return false;
}

/* A bare starred expression left at the end of a statement was not a target: `x = *a`. */
static bool check_stars(Parser *p) {
    if (p->stars.n == 0) return true;
    Node *s = ((Node **)p->stars.data)[0];
    p->stars.n = 0;
    error_span(p, s->span, "can't use starred expression here");
    return false;
}

/* ---- atoms ------------------------------------------------------------------------ */

/* strings: (STRING | FSTRING)+   -- adjacent literals concatenate */
static Node *parse_strings(Parser *p) {
    Token *first = cur(p);
    bool any_f = false;
    for (int i = p->pos; i < p->ntoks && (p->toks[i].kind == T_STRING || p->toks[i].kind == T_FSTRING); i++)
        if (p->toks[i].kind == T_FSTRING) any_f = true;
    if (!any_f) {
        StrBuf sb;
        sb_init(&sb);
        Span span = first->span;
        while (check(p, T_STRING)) {
            Token *t = advance(p);
            sb_putn(&sb, t->sval, t->slen);
            span = join(span, t->span);
        }
        if (sb.oom) { sb_free(&sb); nomem(p); return NULL; }
        Value v = str_const(p, sb.data ? sb.data : "", sb.len);
        sb_free(&sb);
        if (IS_ERR(v)) { nomem(p); return NULL; }
        return const_node(p, v, span);
    }
    AVec parts;
    avec_init(&parts, sizeof(FPart));
    Span span = first->span;
    while (check(p, T_STRING) || check(p, T_FSTRING)) {
        Token *t = advance(p);
        span = join(span, t->span);
        if (t->kind == T_FSTRING) {
            if (!parse_fstring_token(p, t, &parts)) return NULL;
        } else if (t->slen) {
            FPart *f = avec_push(p, &parts);
            if (!f || !(f->literal = new_str(p, t->sval, t->slen))) return NULL;
        }
    }
    /* merge adjacent literal pieces */
    FPart *ps = parts.data;
    int n = 0;
    bool has_expr = false;
    for (int i = 0; i < parts.n; i++) {
        if (ps[i].literal && n > 0 && ps[n - 1].literal) {
            StrBuf sb;
            sb_init(&sb);
            sb_putn(&sb, ps[n - 1].literal->data, (size_t)ps[n - 1].literal->len);
            sb_putn(&sb, ps[i].literal->data, (size_t)ps[i].literal->len);
            if (sb.oom) { sb_free(&sb); nomem(p); return NULL; }
            Str *s = new_str(p, sb.data, sb.len);
            sb_free(&sb);
            if (!s) return NULL;
            ps[n - 1].literal = s;
            continue;
        }
        if (!ps[i].literal) has_expr = true;
        ps[n++] = ps[i];
    }
    if (!has_expr) {
        const char *s = n ? ps[0].literal->data : "";
        size_t len = n ? (size_t)ps[0].literal->len : 0;
        Value v = str_const(p, s, len);
        if (IS_ERR(v)) { nomem(p); return NULL; }
        return const_node(p, v, span);
    }
    Node *node = new_node(p, N_FSTRING, span);
    if (!node) return NULL;
    node->u.fstring.nparts = n;
    node->u.fstring.parts = ps;
    return node;
}

/* comp_for: ('for' targets 'in' disjunction ('if' disjunction)*)+ */
static bool parse_comp_for(Parser *p, AVec *gens) {
    while (check(p, K_FOR)) {
        advance(p);
        Comprehension *g = avec_push(p, gens);
        if (!g) return false;
        g->target = parse_targets(p, K_IN);
        if (!g->target) return false;
        if (!check_target(p, g->target, TGT_FOR, true, false)) return false;
        if (!expect(p, K_IN, NULL)) return false;
        g->iter = parse_disjunction(p);
        if (!g->iter) return false;
        AVec ifs;
        avec_init(&ifs, sizeof(Node *));
        while (accept(p, K_IF)) {
            Node *c = parse_disjunction(p);
            if (!c || !push_node(p, &ifs, c)) return false;
        }
        g->ifs = to_list(&ifs);
    }
    return true;
}

static Node *make_comp(Parser *p, NodeKind kind, Node *key, Node *elt, Span start) {
    AVec gens;
    avec_init(&gens, sizeof(Comprehension));
    if (!parse_comp_for(p, &gens)) return NULL;
    Node *n = new_node(p, kind, start);
    if (!n) return NULL;
    n->u.comp.key = key;
    n->u.comp.elt = elt;
    n->u.comp.ngen = gens.n;
    n->u.comp.gens = gens.data;
    return n;
}

/* named_expression: NAME ':=' expression | expression */
static Node *parse_named_expression(Parser *p) {
    if (!(check(p, T_NAME) && kind_at(p, 1) == T_WALRUS)) return parse_expression(p);
    Token *name = advance(p);
    advance(p);
    Node *v = parse_expression(p);
    if (!v) return NULL;
    Node *n = new_node(p, N_NAMEDEXPR, join(name->span, v->span));
    if (!n || !(n->u.named.target = name_node(p, name))) return NULL;
    n->u.named.value = v;
    return n;
}

/* star_item: '*' bitor | named_expression    -- inside list/tuple/set displays
 * (star_expression, at statement level, is the same without the named_expression) */
static Node *parse_star_item_ex(Parser *p, bool named) {
    if (check(p, T_STAR)) {
        Token *st = advance(p);
        Node *v = parse_bitor(p);
        if (!v) return NULL;
        Node *n = new_node(p, N_STARRED, join(st->span, v->span));
        if (!n) return NULL;
        n->u.starred.value = v;
        return n;
    }
    return named ? parse_named_expression(p) : parse_expression(p);
}
static Node *parse_star_item(Parser *p) { return parse_star_item_ex(p, true); }

/* The element of a comprehension cannot be a splat: [*a for a in b]. */
static bool check_comp_elt(Parser *p, Node *elt) {
    if (elt->kind != N_STARRED) return true;
    error_span(p, elt->span, "iterable unpacking cannot be used in comprehension");
    return false;
}

/* After an item inside brackets: two expressions in a row mean a forgotten comma. */
static void item_separator_error(Parser *p, Node *item) {
    TokKind k = cur(p)->kind;
    if (starts_expr(k) && k != T_STAR && k != T_MINUS && k != T_PLUS)
        report(p, NULL, EXC_SyntaxError, join(item->span, cur(p)->span), true, "invalid syntax. Perhaps you forgot a comma?");
    else
        generic_error(p);
}

/* seq_items: star_item (',' star_item)* [','] CLOSE   -- the first item is already parsed */
static bool parse_seq_rest(Parser *p, AVec *elts, TokKind close) {
    while (accept(p, T_COMMA)) {
        if (check(p, close)) break;
        Node *e = parse_star_item(p);
        if (!e || !push_node(p, elts, e)) return false;
    }
    if (!check(p, close)) {
        Node **items = elts->data;
        item_separator_error(p, items[elts->n - 1]);
        return false;
    }
    return true;
}

/* paren_atom: '(' ')' | '(' star_item comp_for ')' | '(' star_item ')' | '(' star_item ',' [seq_items] ')' */
static Node *parse_paren(Parser *p) {
    Token *open = advance(p);
    if (check(p, T_RPAREN)) {
        Token *close = advance(p);
        return new_node(p, N_TUPLE, join(open->span, close->span));
    }
    if (check(p, K_YIELD)) { error_tok(p, "'yield' is not supported in ag"); return NULL; }
    Node *first = parse_star_item(p);
    if (!first) return NULL;
    if (check(p, K_FOR)) {
        if (!check_comp_elt(p, first)) return NULL;
        Node *g = make_comp(p, N_GENEXP, NULL, first, open->span);
        if (!g) return NULL;
        if (!expect(p, T_RPAREN, NULL)) return NULL;
        g->span = join(open->span, prev_span(p));
        return g;
    }
    if (check(p, T_RPAREN)) {
        advance(p);
        if (first->kind == N_STARRED) {
            error_span(p, first->span, "cannot use starred expression here");
            return NULL;
        }
        return first;
    }
    if (!check(p, T_COMMA)) { item_separator_error(p, first); return NULL; }
    AVec elts;
    avec_init(&elts, sizeof(Node *));
    if (!push_node(p, &elts, first) || !parse_seq_rest(p, &elts, T_RPAREN)) return NULL;
    Token *close = advance(p);
    Node *n = new_node(p, N_TUPLE, join(open->span, close->span));
    if (!n) return NULL;
    n->u.seq.elts = to_list(&elts);
    return n;
}

/* list_atom: '[' ']' | '[' star_item comp_for ']' | '[' star_item (',' star_item)* [','] ']' */
static Node *parse_list(Parser *p) {
    Token *open = advance(p);
    AVec elts;
    avec_init(&elts, sizeof(Node *));
    if (!check(p, T_RBRACKET)) {
        Node *first = parse_star_item(p);
        if (!first) return NULL;
        if (check(p, K_FOR)) {
            if (!check_comp_elt(p, first)) return NULL;
            Node *c = make_comp(p, N_LISTCOMP, NULL, first, open->span);
            if (!c || !expect(p, T_RBRACKET, NULL)) return NULL;
            c->span = join(open->span, prev_span(p));
            return c;
        }
        if (!push_node(p, &elts, first) || !parse_seq_rest(p, &elts, T_RBRACKET)) return NULL;
    }
    Token *close = advance(p);
    Node *n = new_node(p, N_LIST, join(open->span, close->span));
    if (!n) return NULL;
    n->u.seq.elts = to_list(&elts);
    return n;
}

/* A dict value cannot be a splat: {1: *a}. */
static bool check_dict_value(Parser *p, Node *v) {
    if (v->kind != N_STARRED) return true;
    error_span(p, v->span, "cannot use a starred expression in a dictionary value");
    return false;
}

/* dict_item: expression ':' expression | '**' bitor */
static bool parse_dict_item(Parser *p, AVec *items) {
    DictItem *it = avec_push(p, items);
    if (!it) return false;
    if (accept(p, T_DSTAR)) {
        it->key = NULL; /* {**m}: merge the mapping m */
        return (it->value = parse_bitor(p)) != NULL;
    }
    if (!(it->key = parse_expression(p))) return false;
    if (!check(p, T_COLON)) {
        error_span(p, it->key->span, "':' expected after dictionary key");
        return false;
    }
    advance(p);
    if (!(it->value = parse_star_item(p))) return false;
    return check_dict_value(p, it->value);
}

/* set_rest: (',' star_item)* [','] '}'  -- the first item is already parsed */
static Node *parse_set_rest(Parser *p, Token *open, Node *first) {
    AVec elts;
    avec_init(&elts, sizeof(Node *));
    if (!push_node(p, &elts, first)) return NULL;
    if (!check(p, T_RBRACE) && !parse_seq_rest(p, &elts, T_RBRACE)) return NULL;
    Token *close = advance(p);
    Node *n = new_node(p, N_SET, join(open->span, close->span));
    if (!n) return NULL;
    n->u.seq.elts = to_list(&elts);
    return n;
}

/* dict_atom: '{' '}' | '{' expression ':' expression comp_for '}'
 *          | '{' dict_item (',' dict_item)* [','] '}'
 *          | '{' star_item comp_for '}'                        -- set comprehension
 *          | '{' star_item (',' star_item)* [','] '}'          -- set display */
static Node *parse_dict(Parser *p) {
    Token *open = advance(p);
    AVec items;
    avec_init(&items, sizeof(DictItem));
    if (!check(p, T_RBRACE)) {
        if (check(p, T_DSTAR)) {
            Span dstar = cur(p)->span;
            if (!parse_dict_item(p, &items)) return NULL;
            if (check(p, K_FOR)) { error_span(p, dstar, "dict unpacking cannot be used in dict comprehension"); return NULL; }
        } else {
            Node *k = parse_star_item(p);
            if (!k) return NULL;
            if (check(p, K_FOR)) {
                if (!check_comp_elt(p, k)) return NULL;
                Node *c = make_comp(p, N_SETCOMP, NULL, k, open->span);
                if (!c || !expect(p, T_RBRACE, NULL)) return NULL;
                c->span = join(open->span, prev_span(p));
                return c;
            }
            if (check(p, T_COMMA) || check(p, T_RBRACE)) return parse_set_rest(p, open, k);
            if (!check(p, T_COLON) || k->kind == N_STARRED) { item_separator_error(p, k); return NULL; }
            advance(p);
            Node *v = parse_star_item(p);
            if (!v || !check_dict_value(p, v)) return NULL;
            if (check(p, K_FOR)) {
                Node *c = make_comp(p, N_DICTCOMP, k, v, open->span);
                if (!c || !expect(p, T_RBRACE, NULL)) return NULL;
                c->span = join(open->span, prev_span(p));
                return c;
            }
            DictItem *it = avec_push(p, &items);
            if (!it) return NULL;
            it->key = k;
            it->value = v;
        }
        while (accept(p, T_COMMA)) {
            if (check(p, T_RBRACE)) break;
            if (!parse_dict_item(p, &items)) return NULL;
        }
        if (!check(p, T_RBRACE)) { item_separator_error(p, ((DictItem *)items.data)[items.n - 1].value); return NULL; }
    }
    Token *close = advance(p);
    Node *n = new_node(p, N_DICT, join(open->span, close->span));
    if (!n) return NULL;
    n->u.dict.n = items.n;
    n->u.dict.items = items.data;
    return n;
}

/* atom: NAME | INT | FLOAT | strings | 'True' | 'False' | 'None' | paren_atom | list_atom | dict_atom */
static Node *parse_atom(Parser *p) {
    Token *t = cur(p);
    switch (t->kind) {
    case T_NAME: advance(p); return name_node(p, t);
    case T_INT: advance(p); return const_node(p, val_int(t->ival), t->span);
    case T_FLOAT: advance(p); return const_node(p, val_float(t->fval), t->span);
    case K_TRUE: advance(p); return const_node(p, val_bool(true), t->span);
    case K_FALSE: advance(p); return const_node(p, val_bool(false), t->span);
    case K_NONE: advance(p); return const_node(p, VAL_NONE, t->span);
    case T_STRING: case T_FSTRING: return parse_strings(p);
    case T_LPAREN: return parse_paren(p);
    case T_LBRACKET: return parse_list(p);
    case T_LBRACE: return parse_dict(p);
    case T_ELLIPSIS: advance(p); return const_node(p, ellipsis_value(), t->span);
    default:
        if (is_unsupported_kw(t->kind)) {
            error_tok(p, "'%s' is not supported in ag", lex_tok_text[t->kind]);
            return NULL;
        }
        generic_error(p);
        return NULL;
    }
}

/* ---- primaries -------------------------------------------------------------------- */

/* arguments: arg (',' arg)* [',']
 * arg: '*' expression | NAME '=' expression | '**' expression | expression [comp_for]
 *      (a bare generator only as sole argument; no positional or '*' item after a '**' one) */
static Node *parse_call(Parser *p, Node *func) {
    Token *open = advance(p);
    Node *n = new_node(p, N_CALL, func->span);
    if (!n) return NULL;
    n->u.call.func = func;
    AVec args, kws;
    avec_init(&args, sizeof(Node *));
    avec_init(&kws, sizeof(Keyword));
    AVec tail; /* positional items from the first '*' on: N_STARRED or plain */
    avec_init(&tail, sizeof(Node *));
    int nargs_total = 0;
    bool seen_dstar = false;
    while (!check(p, T_RPAREN)) {
        nargs_total++;
        Token *at = cur(p);
        if (check(p, T_DSTAR)) {
            /* f(**m): a keyword with no name; the evaluator expands the mapping */
            advance(p);
            Node *v = parse_expression(p);
            if (!v) return NULL;
            Keyword *kw = avec_push(p, &kws);
            if (!kw) return NULL;
            kw->name = NULL;
            kw->value = v;
            kw->span = join(at->span, v->span);
            seen_dstar = true;
        } else if (check(p, T_STAR)) {
            if (seen_dstar) { error_tok(p, "iterable argument unpacking follows keyword argument unpacking"); return NULL; }
            advance(p);
            Node *v = parse_expression(p);
            if (!v) return NULL;
            Node *sn = new_node(p, N_STARRED, join(at->span, v->span));
            if (!sn) return NULL;
            sn->u.starred.value = v;
            if (!push_node(p, &tail, sn)) return NULL;
        } else if (check(p, T_NAME) && kind_at(p, 1) == T_ASSIGN) {
            Token *name = advance(p);
            advance(p);
            Node *v = parse_expression(p);
            if (!v) return NULL;
            Keyword *kw0 = kws.data;
            for (int i = 0; i < kws.n; i++)
                if (kw0[i].name && (size_t)kw0[i].name->len == name->len && memcmp(kw0[i].name->data, name->start, name->len) == 0) {
                    error_span(p, join(name->span, v->span), "keyword argument repeated: %.*s", (int)name->len, name->start);
                    return NULL;
                }
            Keyword *kw = avec_push(p, &kws);
            if (!kw) return NULL;
            kw->name = intern(p, name->start, name->len);
            kw->value = v;
            kw->span = join(name->span, v->span);
            if (!kw->name) return NULL;
        } else {
            Node *v = parse_named_expression(p);
            if (!v) return NULL;
            if (check(p, K_FOR)) {
                Node *g = make_comp(p, N_GENEXP, NULL, v, v->span);
                if (!g) return NULL;
                g->span = join(v->span, prev_span(p));
                if (nargs_total > 1 || !check(p, T_RPAREN)) {
                    error_span(p, g->span, "Generator expression must be parenthesized");
                    return NULL;
                }
                v = g;
            } else if (check(p, T_ASSIGN)) {
                error_span(p, v->span, "expression cannot contain assignment, perhaps you meant \"==\"?");
                return NULL;
            }
            if (seen_dstar) { error_span(p, v->span, "positional argument follows keyword argument unpacking"); return NULL; }
            if (kws.n) { error_span(p, v->span, "positional argument follows keyword argument"); return NULL; }
            if (!push_node(p, tail.n ? &tail : &args, v)) return NULL;
        }
        if (!accept(p, T_COMMA)) {
            if (!check(p, T_RPAREN)) {
                Node **a = args.data;
                if (args.n && starts_expr(cur(p)->kind) && cur(p)->kind != T_STAR)
                    item_separator_error(p, a[args.n - 1]);
                else
                    generic_error(p);
                return NULL;
            }
            break;
        }
    }
    (void)open;
    Token *close = advance(p);
    n->span = join(func->span, close->span);
    n->u.call.args = to_list(&args);
    if (tail.n == 1) {
        n->u.call.star = ((Node **)tail.data)[0]->u.starred.value;
    } else if (tail.n > 1) {
        /* f(*a, b, *c): star is an N_STARRED wrapping an N_TUPLE of the items (a marker eval expands) */
        Node **t = tail.data;
        Node *tup = new_node(p, N_TUPLE, join(t[0]->span, t[tail.n - 1]->span));
        Node *sn = tup ? new_node(p, N_STARRED, tup->span) : NULL;
        if (!sn) return NULL;
        tup->u.seq.elts = to_list(&tail);
        sn->u.starred.value = tup;
        n->u.call.star = sn;
    }
    n->u.call.nkw = kws.n;
    n->u.call.kws = kws.data;
    return n;
}

/* slice: [expression] ':' [expression] [':' [expression]] | expression */
static Node *parse_slice(Parser *p) {
    Token *start = cur(p);
    Node *lower = NULL;
    if (!check(p, T_COLON)) {
        lower = parse_expression(p);
        if (!lower) return NULL;
        if (!check(p, T_COLON)) return lower;
    }
    advance(p);
    Node *n = new_node(p, N_SLICE, start->span);
    if (!n) return NULL;
    n->u.slice.lower = lower;
    if (!check(p, T_COLON) && !check(p, T_COMMA) && !check(p, T_RBRACKET)) {
        if (!(n->u.slice.upper = parse_expression(p))) return NULL;
    }
    if (accept(p, T_COLON)) {
        if (!check(p, T_COMMA) && !check(p, T_RBRACKET)) {
            if (!(n->u.slice.step = parse_expression(p))) return NULL;
        }
    }
    n->span = join(start->span, prev_span(p));
    return n;
}

/* subscript: '[' slice (',' slice)* [','] ']'   -- several slices make a tuple index */
static Node *parse_subscript(Parser *p, Node *obj) {
    Token *open = advance(p);
    if (check(p, T_RBRACKET)) { generic_error(p); return NULL; }
    Node *first = parse_slice(p);
    if (!first) return NULL;
    Node *index = first;
    if (check(p, T_COMMA)) {
        AVec elts;
        avec_init(&elts, sizeof(Node *));
        if (!push_node(p, &elts, first)) return NULL;
        while (accept(p, T_COMMA)) {
            if (check(p, T_RBRACKET)) break;
            Node *e = parse_slice(p);
            if (!e || !push_node(p, &elts, e)) return NULL;
        }
        index = new_node(p, N_TUPLE, join(first->span, prev_span(p)));
        if (!index) return NULL;
        index->u.seq.elts = to_list(&elts);
    }
    if (!check(p, T_RBRACKET)) { item_separator_error(p, first); return NULL; }
    Token *close = advance(p);
    (void)open;
    Node *n = new_node(p, N_SUBSCRIPT, join(obj->span, close->span));
    if (!n) return NULL;
    n->u.subscript.obj = obj;
    n->u.subscript.index = index;
    return n;
}

/* primary: atom ( '(' [arguments] ')' | '[' subscript ']' | '.' NAME )* */
static Node *parse_primary(Parser *p) {
    Node *n = parse_atom(p);
    while (n) {
        if (check(p, T_LPAREN)) n = parse_call(p, n);
        else if (check(p, T_LBRACKET)) n = parse_subscript(p, n);
        else if (check(p, T_DOT)) {
            advance(p);
            if (!check(p, T_NAME)) { generic_error(p); return NULL; }
            Token *name = advance(p);
            Node *a = new_node(p, N_ATTR, join(n->span, name->span));
            if (!a) return NULL;
            a->u.attr.obj = n;
            a->u.attr.attr = intern(p, name->start, name->len);
            a->u.attr.attr_span = name->span;
            if (!a->u.attr.attr) return NULL;
            n = a;
        } else break;
    }
    return n;
}

/* ---- operators -------------------------------------------------------------------- */

/* power: primary ['**' factor] */
static Node *parse_power(Parser *p) {
    Node *base = parse_primary(p);
    if (!base || !check(p, T_DSTAR)) return base;
    advance(p);
    Node *exp = parse_factor(p);
    if (!exp) return NULL;
    Node *n = new_node(p, N_BINOP, join(base->span, exp->span));
    if (!n) return NULL;
    n->u.binop.op = BIN_POW;
    n->u.binop.left = base;
    n->u.binop.right = exp;
    return n;
}

/* factor: ('+' | '-' | '~') factor | power */
static Node *parse_factor(Parser *p) {
    if (!enter(p)) LEAVE(p, NULL);
    TokKind k = cur(p)->kind;
    if (k == T_PLUS || k == T_MINUS || k == T_TILDE) {
        Token *op = advance(p);
        Node *operand = parse_factor(p);
        if (!operand) LEAVE(p, NULL);
        Node *n = new_node(p, N_UNOP, join(op->span, operand->span));
        if (!n) LEAVE(p, NULL);
        n->u.unop.op = k == T_PLUS ? UN_POS : k == T_MINUS ? UN_NEG : UN_INVERT;
        n->u.unop.operand = operand;
        LEAVE(p, n);
    }
    Node *r = parse_power(p);
    LEAVE(p, r);
}

static Node *binop_node(Parser *p, BinOp op, Node *l, Node *r) {
    Node *n = new_node(p, N_BINOP, join(l->span, r->span));
    if (!n) return NULL;
    n->u.binop.op = op;
    n->u.binop.left = l;
    n->u.binop.right = r;
    return n;
}

/* term: factor (('*' | '/' | '//' | '%' | '@') factor)* */
static Node *parse_term(Parser *p) {
    Node *l = parse_factor(p);
    while (l) {
        TokKind k = cur(p)->kind;
        BinOp op;
        if (k == T_STAR) op = BIN_MUL;
        else if (k == T_SLASH) op = BIN_TRUEDIV;
        else if (k == T_DSLASH) op = BIN_FLOORDIV;
        else if (k == T_PERCENT) op = BIN_MOD;
        else if (k == T_AT) op = BIN_MATMUL;
        else break;
        advance(p);
        Node *r = parse_factor(p);
        if (!r) return NULL;
        l = binop_node(p, op, l, r);
    }
    return l;
}

/* arith: term (('+' | '-') term)* */
static Node *parse_arith(Parser *p) {
    Node *l = parse_term(p);
    while (l && (check(p, T_PLUS) || check(p, T_MINUS))) {
        BinOp op = advance(p)->kind == T_PLUS ? BIN_ADD : BIN_SUB;
        Node *r = parse_term(p);
        if (!r) return NULL;
        l = binop_node(p, op, l, r);
    }
    return l;
}

/* shift: arith (('<<' | '>>') arith)* */
static Node *parse_shift(Parser *p) {
    Node *l = parse_arith(p);
    while (l && (check(p, T_LSHIFT) || check(p, T_RSHIFT))) {
        BinOp op = advance(p)->kind == T_LSHIFT ? BIN_LSHIFT : BIN_RSHIFT;
        Node *r = parse_arith(p);
        if (!r) return NULL;
        l = binop_node(p, op, l, r);
    }
    return l;
}

/* bitand: shift ('&' shift)* */
static Node *parse_bitand(Parser *p) {
    Node *l = parse_shift(p);
    while (l && check(p, T_AMP)) {
        advance(p);
        Node *r = parse_shift(p);
        if (!r) return NULL;
        l = binop_node(p, BIN_AND, l, r);
    }
    return l;
}

/* bitxor: bitand ('^' bitand)* */
static Node *parse_bitxor(Parser *p) {
    Node *l = parse_bitand(p);
    while (l && check(p, T_CARET)) {
        advance(p);
        Node *r = parse_bitand(p);
        if (!r) return NULL;
        l = binop_node(p, BIN_XOR, l, r);
    }
    return l;
}

/* bitor: bitxor ('|' bitxor)* */
static Node *parse_bitor(Parser *p) {
    Node *l = parse_bitxor(p);
    while (l && check(p, T_PIPE)) {
        advance(p);
        Node *r = parse_bitxor(p);
        if (!r) return NULL;
        l = binop_node(p, BIN_OR, l, r);
    }
    return l;
}

/* comparison: bitor (compop bitor)*
 * compop: '<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not' 'in' | 'is' | 'is' 'not' */
static Node *parse_comparison(Parser *p) {
    Node *first = parse_bitor(p);
    if (!first) return NULL;
    AVec ops, operands;
    avec_init(&ops, sizeof(int));
    avec_init(&operands, sizeof(Node *));
    for (;;) {
        TokKind k = cur(p)->kind;
        int op;
        switch (k) {
        case T_LT: op = BIN_LT; break;
        case T_GT: op = BIN_GT; break;
        case T_EQ: op = BIN_EQ; break;
        case T_GE: op = BIN_GE; break;
        case T_LE: op = BIN_LE; break;
        case T_NE: op = BIN_NE; break;
        case K_IN: op = CMP_IN; break;
        case K_IS: op = kind_at(p, 1) == K_NOT ? CMP_IS_NOT : CMP_IS; break;
        case K_NOT:
            if (kind_at(p, 1) != K_IN) goto done;
            op = CMP_NOT_IN;
            break;
        default: goto done;
        }
        advance(p);
        if (op == CMP_IS_NOT || op == CMP_NOT_IN) advance(p);
        if (operands.n == 0 && !push_node(p, &operands, first)) return NULL;
        Node *r = parse_bitor(p);
        if (!r) return NULL;
        int *slot = avec_push(p, &ops);
        if (!slot || !push_node(p, &operands, r)) return NULL;
        *slot = op;
    }
done:
    if (ops.n == 0) return first;
    Node **items = operands.data;
    Node *n = new_node(p, N_COMPARE, join(first->span, items[operands.n - 1]->span));
    if (!n) return NULL;
    n->u.compare.n = ops.n;
    n->u.compare.ops = ops.data;
    n->u.compare.operands = items;
    return n;
}

/* inversion: 'not' inversion | comparison */
static Node *parse_inversion(Parser *p) {
    if (!check(p, K_NOT)) return parse_comparison(p);
    if (!enter(p)) LEAVE(p, NULL);
    Token *op = advance(p);
    Node *operand = parse_inversion(p);
    if (!operand) LEAVE(p, NULL);
    Node *n = new_node(p, N_UNOP, join(op->span, operand->span));
    if (!n) LEAVE(p, NULL);
    n->u.unop.op = UN_NOT;
    n->u.unop.operand = operand;
    LEAVE(p, n);
}

static Node *boolop_node(Parser *p, bool is_and, Node *l, Node *r) {
    Node *n = new_node(p, N_BOOLOP, join(l->span, r->span));
    if (!n) return NULL;
    n->u.boolop.is_and = is_and;
    n->u.boolop.left = l;
    n->u.boolop.right = r;
    return n;
}

/* conjunction: inversion ('and' inversion)* */
static Node *parse_conjunction(Parser *p) {
    Node *l = parse_inversion(p);
    while (l && accept(p, K_AND)) {
        Node *r = parse_inversion(p);
        if (!r) return NULL;
        l = boolop_node(p, true, l, r);
    }
    return l;
}

/* disjunction: conjunction ('or' conjunction)* */
static Node *parse_disjunction(Parser *p) {
    Node *l = parse_conjunction(p);
    while (l && accept(p, K_OR)) {
        Node *r = parse_conjunction(p);
        if (!r) return NULL;
        l = boolop_node(p, false, l, r);
    }
    return l;
}

/* params: param (',' param)* [',' [star_params | kwarg]] | star_params | kwarg
 * star_params: '*' [NAME] [',' param (',' param)*] [',' [kwarg]]   (the params after '*' are keyword-only)
 * kwarg: '**' NAME [',']                                 (always last) 
 * param: NAME [':' expression] ['=' expression]      (annotations only in def, and ignored)
 * The positional parameters come first in *params, then the *nkwonly keyword-only ones. */
static bool parse_params(Parser *p, TokKind close, bool annotations, int *nparams, Param **params, Str **vararg,
                         int *nkwonly, Str **kwarg) {
    AVec ps;
    avec_init(&ps, sizeof(Param));
    bool seen_default = false, seen_star = false;
    int first_kwonly = -1;
    *nkwonly = 0;
    while (!check(p, close)) {
        if (check(p, T_DSTAR)) {
            /* kwarg: '**' NAME [','] -- the last parameter */
            advance(p);
            if (!check(p, T_NAME)) { generic_error(p); return false; }
            Token *name = advance(p);
            if (annotations && accept(p, T_COLON) && !parse_expression(p)) return false;
            if (!(*kwarg = intern(p, name->start, name->len))) return false;
            bool dup = *vararg && str_same(*vararg, *kwarg);
            for (int i = 0; i < ps.n && !dup; i++) dup = str_same(((Param *)ps.data)[i].name, *kwarg);
            if (dup) {
                error_span(p, name->span, "duplicate argument '%.*s' in function definition", (int)name->len, name->start);
                return false;
            }
            if (accept(p, T_COMMA) && !check(p, close)) {
                if (check(p, T_NAME) || check(p, T_STAR) || check(p, T_DSTAR))
                    error_tok(p, "arguments cannot follow var-keyword argument");
                else
                    generic_error(p);
                return false;
            }
            break;
        }
        if (check(p, T_STAR)) {
            Token *st = advance(p);
            if (seen_star) { error_span(p, st->span, "* argument may appear only once"); return false; }
            seen_star = true;
            first_kwonly = ps.n;
            if (check(p, T_NAME)) {
                Token *name = advance(p);
                if (annotations && accept(p, T_COLON) && !parse_expression(p)) return false;
                *vararg = intern(p, name->start, name->len);
                if (!*vararg) return false;
                if (!accept(p, T_COMMA)) break;
            } else {
                /* a bare '*' needs keyword-only parameters after it */
                if (!accept(p, T_COMMA) || !check(p, T_NAME)) {
                    if (check(p, T_STAR) || check(p, T_DSTAR) || check(p, close))
                        error_span(p, st->span, "named arguments must follow bare *");
                    else
                        generic_error(p);
                    return false;
                }
            }
            continue;
        }
        if (!check(p, T_NAME)) { generic_error(p); return false; }
        Token *name = advance(p);
        Param *pr = avec_push(p, &ps);
        if (!pr) return false;
        pr->name = intern(p, name->start, name->len);
        pr->span = name->span;
        if (!pr->name) return false;
        for (int i = 0; i < ps.n - 1; i++)
            if (str_same(((Param *)ps.data)[i].name, pr->name)) {
                error_span(p, name->span, "duplicate argument '%.*s' in function definition", (int)name->len, name->start);
                return false;
            }
        if (*vararg && str_same(*vararg, pr->name)) {
            error_span(p, name->span, "duplicate argument '%.*s' in function definition", (int)name->len, name->start);
            return false;
        }
        if (annotations && accept(p, T_COLON) && !parse_expression(p)) return false;
        if (accept(p, T_ASSIGN)) {
            if (!(pr->default_ = parse_expression(p))) return false;
            if (!seen_star) seen_default = true;
        } else if (seen_default && !seen_star) {
            error_span(p, name->span, "non-default argument follows default argument");
            return false;
        }
        if (!accept(p, T_COMMA)) break;
    }
    if (*vararg) {
        for (int i = 0; i < ps.n; i++)
            if (str_same(((Param *)ps.data)[i].name, *vararg)) {
                error_span(p, prev_span(p), "duplicate argument '%s' in function definition", (*vararg)->data);
                return false;
            }
    }
    if (first_kwonly >= 0) *nkwonly = ps.n - first_kwonly;
    *nparams = ps.n;
    *params = ps.data;
    return true;
}

/* lambdef: 'lambda' [params] ':' expression */
static Node *parse_lambda(Parser *p) {
    Token *kw = advance(p);
    Node *n = new_node(p, N_LAMBDA, kw->span);
    if (!n) return NULL;
    if (!parse_params(p, T_COLON, false, &n->u.lambda.nparams, &n->u.lambda.params, &n->u.lambda.vararg,
                      &n->u.lambda.nkwonly, &n->u.lambda.kwarg)) return NULL;
    if (!expect(p, T_COLON, "expected ':'")) return NULL;
    int saved_loop = p->loop_depth;
    p->loop_depth = 0;
    p->func_depth++;
    n->u.lambda.body = parse_expression(p);
    p->func_depth--;
    p->loop_depth = saved_loop;
    if (!n->u.lambda.body) return NULL;
    n->span = join(kw->span, n->u.lambda.body->span);
    return n;
}

/* expression: lambdef | disjunction ['if' disjunction 'else' expression] */
static Node *parse_expression(Parser *p) {
    if (!enter(p)) LEAVE(p, NULL);
    if (check(p, K_LAMBDA)) {
        Node *l = parse_lambda(p);
        LEAVE(p, l);
    }
    Node *then = parse_disjunction(p);
    if (!then || !check(p, K_IF)) LEAVE(p, then);
    advance(p);
    Node *cond = parse_disjunction(p);
    if (!cond) LEAVE(p, NULL);
    if (!check(p, K_ELSE)) {
        if (check(p, T_NEWLINE) || check(p, T_RPAREN) || check(p, T_RBRACKET) || check(p, T_COMMA) || check(p, T_COLON) ||
            check(p, T_RBRACE) || check(p, T_EOF) || check(p, T_SEMI))
            error_span(p, join(then->span, cond->span), "expected 'else' after 'if' expression");
        else
            generic_error(p);
        LEAVE(p, NULL);
    }
    advance(p);
    Node *else_ = parse_expression(p);
    if (!else_) LEAVE(p, NULL);
    Node *n = new_node(p, N_IFEXP, join(then->span, else_->span));
    if (!n) LEAVE(p, NULL);
    n->u.ifexp.cond = cond;
    n->u.ifexp.then = then;
    n->u.ifexp.else_ = else_;
    LEAVE(p, n);
}

/* star_expressions: star_expression (',' star_expression)* [',']    -- a comma makes a tuple
 * star_expression: '*' bitor | expression */
static Node *parse_star_expressions(Parser *p, bool allow_star) {
    Node *first = allow_star ? parse_star_item_ex(p, false) : parse_expression(p);
    if (!first) return NULL;
    if (!check(p, T_COMMA)) {
        /* a lone `*a` is valid only as a target inside a list or tuple: remember it */
        if (first->kind == N_STARRED && !push_node(p, &p->stars, first)) return NULL;
        return first;
    }
    AVec elts;
    avec_init(&elts, sizeof(Node *));
    if (!push_node(p, &elts, first)) return NULL;
    while (accept(p, T_COMMA)) {
        if (!starts_expr(cur(p)->kind)) break;
        Node *e = allow_star ? parse_star_item_ex(p, false) : parse_expression(p);
        if (!e || !push_node(p, &elts, e)) return NULL;
    }
    Node *n = new_node(p, N_TUPLE, join(first->span, prev_span(p)));
    if (!n) return NULL;
    n->u.seq.elts = to_list(&elts);
    return n;
}

/* targets: target_item (',' target_item)* [',']      -- for-loop and comprehension targets
 * target_item: ['*'] bitor */
static Node *parse_targets(Parser *p, TokKind stop) {
    AVec elts;
    avec_init(&elts, sizeof(Node *));
    Node *first = NULL;
    bool comma = false;
    for (;;) {
        Node *e;
        if (check(p, T_STAR)) {
            Token *st = advance(p);
            Node *v = parse_bitor(p);
            if (!v) return NULL;
            e = new_node(p, N_STARRED, join(st->span, v->span));
            if (!e) return NULL;
            e->u.starred.value = v;
        } else {
            e = parse_bitor(p);
            if (!e) return NULL;
        }
        if (!first) first = e;
        if (!push_node(p, &elts, e)) return NULL;
        if (!accept(p, T_COMMA)) break;
        comma = true;
        if (check(p, stop)) break;
    }
    if (!comma) return first;
    Node *n = new_node(p, N_TUPLE, join(first->span, prev_span(p)));
    if (!n) return NULL;
    n->u.seq.elts = to_list(&elts);
    return n;
}

/* ---- f-strings -------------------------------------------------------------------- */
typedef struct FCtx {
    Token *tok;            /* the FSTRING token */
    const char *s;         /* body */
    size_t n;
} FCtx;

static Span fstr_end_span(FCtx *f) {
    Span s = f->tok->span;
    return (Span){s.end_line, s.end_col, s.end_line, s.end_col + 1};
}

/* line/col in the source of body offset off */
static void fstr_pos(FCtx *f, size_t off, int *line, int *col) {
    int l = f->tok->body_line, c = f->tok->body_col;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)f->s[i];
        if (ch == '\n') { l++; c = 1; }
        else if ((ch & 0xC0) != 0x80) c++;
    }
    *line = l;
    *col = c;
}

static bool fstr_flush(Parser *p, FCtx *f, StrBuf *lit, AVec *parts) {
    if (lit->oom) { nomem(p); return false; }
    if (lit->len == 0) return true;
    StrBuf dec;
    sb_init(&dec);
    char msg[200];
    size_t off;
    if (!lex_decode_escapes(lit->data, lit->len, f->tok->raw, &dec, msg, sizeof msg, &off)) {
        sb_free(&dec);
        error_span(p, fstr_end_span(f), "%s", msg);
        return false;
    }
    lit->len = 0;
    if (dec.oom) { sb_free(&dec); nomem(p); return false; }
    FPart *fp = avec_push(p, parts);
    Str *s = fp ? new_str(p, dec.data ? dec.data : "", dec.len) : NULL;
    sb_free(&dec);
    if (!s) return false;
    fp->literal = s;
    return true;
}

/* Parse s[j..k) as an f-string replacement expression (as if in parentheses). */
static Node *fstr_expr(Parser *p, FCtx *f, size_t j, size_t k) {
    int line, col;
    fstr_pos(f, j, &line, &col);
    Lexer sub;
    lex_init(&sub, f->s + j, k - j, line, col, LEX_EXPR);
    if (!lex_run(&sub)) { lex_free(&sub); nomem(p); return NULL; }
    Lexer *saved_lx = p->lx;
    Token *saved_toks = p->toks;
    int saved_pos = p->pos, saved_n = p->ntoks;
    p->lx = &sub;
    p->toks = sub.toks;
    p->pos = 0;
    p->ntoks = sub.ntoks;
    p->in_fstring++;
    Node *e = parse_star_expressions(p, false);
    if (e && !check(p, T_EOF)) {
        if (starts_expr(cur(p)->kind)) item_separator_error(p, e);
        else generic_error(p);
        e = NULL;
    }
    p->in_fstring--;
    p->lx = saved_lx;
    p->toks = saved_toks;
    p->pos = saved_pos;
    p->ntoks = saved_n;
    lex_free(&sub);
    return e;
}

/* fstring_body: (literal | '{{' | '}}' | replacement)*
 * replacement: '{' f_expression ['='] ['!' ('r'|'s'|'a')] [':' fstring_body] '}'
 * (inside a format spec, level > 0, the body ends at its closing '}') */
static bool fstr_parse(Parser *p, FCtx *f, size_t *pi, int level, AVec *parts) {
    StrBuf lit;
    sb_init(&lit);
    size_t i = *pi;
    bool ok = false;
    while (i < f->n) {
        char c = f->s[i];
        if (c == '{') {
            if (level == 0 && i + 1 < f->n && f->s[i + 1] == '{') { sb_putc(&lit, '{'); i += 2; continue; }
            if (!fstr_flush(p, f, &lit, parts)) goto out;
            if (level >= MAX_FSTRING_LEVEL) { error_span(p, fstr_end_span(f), "f-string: expressions nested too deeply"); goto out; }
            /* find the end of the expression */
            size_t j = i + 1, k = j;
            int depth = 0;
            char quote = 0;
            bool triple = false;
            for (;;) {
                if (k >= f->n) { error_span(p, fstr_end_span(f), "f-string: expecting '}'"); goto out; }
                char ch = f->s[k];
                if (ch == '\\') { error_span(p, fstr_end_span(f), "f-string expression part cannot include a backslash"); goto out; }
                if (quote) {
                    if (ch == quote && (!triple || (k + 2 < f->n && f->s[k + 1] == quote && f->s[k + 2] == quote))) {
                        k += triple ? 3 : 1;
                        quote = 0;
                        continue;
                    }
                    k++;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    triple = k + 2 < f->n && f->s[k + 1] == ch && f->s[k + 2] == ch;
                    k += triple ? 3 : 1;
                    continue;
                }
                if (ch == '(' || ch == '[' || ch == '{') { depth++; k++; continue; }
                if (ch == ')' || ch == ']' || (ch == '}' && depth > 0)) {
                    if (depth == 0) { error_span(p, fstr_end_span(f), "f-string: unmatched '%c'", ch); goto out; }
                    depth--;
                    k++;
                    continue;
                }
                if (ch == '#') { error_span(p, fstr_end_span(f), "f-string expression part cannot include '#'"); goto out; }
                if (depth == 0 && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '<' || ch == '>')) {
                    char nx = k + 1 < f->n ? f->s[k + 1] : 0;
                    if (nx == '=' && (ch == '!' || ch == '=' || ch == '<' || ch == '>')) { k += 2; continue; }
                    if (ch == '<' || ch == '>') { k++; continue; }
                    break;
                }
                k++;
            }
            bool blank = true;
            for (size_t q = j; q < k; q++)
                if (f->s[q] != ' ' && f->s[q] != '\t' && f->s[q] != '\n' && f->s[q] != '\r') blank = false;
            if (blank) { error_span(p, fstr_end_span(f), "f-string: empty expression not allowed"); goto out; }
            Node *e = fstr_expr(p, f, j, k);
            if (!e) goto out;
            FPart *fp = avec_push(p, parts);
            if (!fp) goto out;
            fp->expr = e;
            if (f->s[k] == '=') {
                k++;
                while (k < f->n && (f->s[k] == ' ' || f->s[k] == '\t' || f->s[k] == '\n')) k++;
                if (!(fp->self_doc = new_str(p, f->s + j, k - j))) goto out;
            }
            if (k < f->n && f->s[k] == '!') {
                k++;
                char conv = k < f->n ? f->s[k] : 0;
                if (conv != 'r' && conv != 's' && conv != 'a') {
                    error_span(p, fstr_end_span(f), "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                    goto out;
                }
                fp->conversion = conv;
                k++;
            }
            if (k < f->n && f->s[k] == ':') {
                k++;
                AVec sparts;
                avec_init(&sparts, sizeof(FPart));
                Span sp;
                fstr_pos(f, k, &sp.line, &sp.col);
                if (!fstr_parse(p, f, &k, level + 1, &sparts)) goto out;
                Node *spec = new_node(p, N_FSTRING, (Span){sp.line, sp.col, sp.line, sp.col + 1});
                if (!spec) goto out;
                spec->u.fstring.nparts = sparts.n;
                spec->u.fstring.parts = sparts.data;
                fp->spec = spec;
            }
            if (k >= f->n || f->s[k] != '}') { error_span(p, fstr_end_span(f), "f-string: expecting '}'"); goto out; }
            if (fp->self_doc && !fp->conversion && !fp->spec) fp->conversion = 'r';
            i = k + 1;
            continue;
        }
        if (c == '}') {
            if (level > 0) break; /* end of a format spec */
            if (i + 1 < f->n && f->s[i + 1] == '}') { sb_putc(&lit, '}'); i += 2; continue; }
            error_span(p, fstr_end_span(f), "f-string: single '}' is not allowed");
            goto out;
        }
        if (c == '\\' && !f->tok->raw && i + 1 < f->n && f->s[i + 1] != '{' && f->s[i + 1] != '}') {
            sb_putn(&lit, f->s + i, 2);
            i += 2;
            continue;
        }
        sb_putc(&lit, c);
        i++;
    }
    if (!fstr_flush(p, f, &lit, parts)) goto out;
    *pi = i;
    ok = true;
out:
    sb_free(&lit);
    return ok;
}

static bool parse_fstring_token(Parser *p, Token *t, AVec *parts) {
    FCtx f = {t, t->body, t->body_len};
    size_t i = 0;
    return fstr_parse(p, &f, &i, 0, parts);
}

/* ---- simple statements ------------------------------------------------------------ */
static Node *stmt_node(Parser *p, NodeKind kind, Span span) { return new_node(p, kind, span); }

/* expr_stmt: star_expressions ('=' star_expressions)* | star_expressions augop star_expressions
 * augop: '+=' | '-=' | '*=' | '/=' | '//=' | '%=' | '**=' | '@=' | '&=' | '|=' | '^=' | '<<=' | '>>=' */
static Node *parse_expr_stmt(Parser *p) {
    Token *start = cur(p);
    Node *first = parse_star_expressions(p, true);
    if (!first) return NULL;
    TokKind k = cur(p)->kind;
    int aug = -1;
    switch (k) {
    case T_PLUSEQ: aug = BIN_ADD; break;
    case T_MINUSEQ: aug = BIN_SUB; break;
    case T_STAREQ: aug = BIN_MUL; break;
    case T_SLASHEQ: aug = BIN_TRUEDIV; break;
    case T_DSLASHEQ: aug = BIN_FLOORDIV; break;
    case T_PERCENTEQ: aug = BIN_MOD; break;
    case T_DSTAREQ: aug = BIN_POW; break;
    case T_ATEQ: aug = BIN_MATMUL; break;
    case T_AMPEQ: aug = BIN_AND; break;
    case T_PIPEEQ: aug = BIN_OR; break;
    case T_CARETEQ: aug = BIN_XOR; break;
    case T_LSHIFTEQ: aug = BIN_LSHIFT; break;
    case T_RSHIFTEQ: aug = BIN_RSHIFT; break;
    case T_WALRUS: generic_error(p); return NULL; /* `x := 1` needs parentheses as a statement */
    default: break;
    }
    if (aug >= 0) {
        if (!check_target(p, first, TGT_AUG, true, false)) return NULL;
        advance(p);
        Node *v = parse_star_expressions(p, true);
        if (!v) return NULL;
        Node *n = stmt_node(p, N_AUGASSIGN, join(start->span, v->span));
        if (!n) return NULL;
        n->u.augassign.op = (BinOp)aug;
        n->u.augassign.target = first;
        n->u.augassign.value = v;
        return n;
    }
    if (k == T_COLON && first->kind == N_NAME) { /* annotated assignment: x: int = 1, or x: int alone */
        advance(p);
        Node *ann = parse_expression(p);
        if (!ann) return NULL;
        Node *value = NULL;
        if (accept(p, T_ASSIGN)) {
            if (check(p, K_YIELD)) { error_tok(p, "'yield' is not supported in ag"); return NULL; }
            if (!(value = parse_star_expressions(p, true))) return NULL;
            if (value->kind == N_STARRED) { error_span(p, value->span, "can't use starred expression here"); return NULL; }
        }
        Node *n = stmt_node(p, N_ANNASSIGN, join(start->span, value ? value->span : ann->span));
        if (!n) return NULL;
        n->u.annassign.target = first;
        n->u.annassign.annotation = ann;
        n->u.annassign.value = value;
        return n;
    }
    if (k != T_ASSIGN) {
        if (first->kind == N_STARRED) { error_span(p, first->span, "can't use starred expression here"); return NULL; }
        Node *n = stmt_node(p, N_EXPR_STMT, first->span);
        if (!n) return NULL;
        n->u.expr_stmt.expr = first;
        return n;
    }
    AVec targets;
    avec_init(&targets, sizeof(Node *));
    Node *value = first;
    while (accept(p, T_ASSIGN)) {
        if (!push_node(p, &targets, value)) return NULL;
        if (check(p, K_YIELD)) { error_tok(p, "'yield' is not supported in ag"); return NULL; }
        value = parse_star_expressions(p, true);
        if (!value) return NULL;
    }
    Node **ts = targets.data;
    for (int i = 0; i < targets.n; i++)
        if (!check_target(p, ts[i], TGT_ASSIGN, true, targets.n == 1)) return NULL;
    if (value->kind == N_STARRED) { error_span(p, value->span, "can't use starred expression here"); return NULL; }
    Node *n = stmt_node(p, N_ASSIGN, join(start->span, value->span));
    if (!n) return NULL;
    n->u.assign.ntargets = targets.n;
    n->u.assign.targets = ts;
    n->u.assign.value = value;
    return n;
}

/* dotted_name: NAME ('.' NAME)* */
static Str *parse_dotted(Parser *p, Span *span) {
    if (!check(p, T_NAME)) { generic_error(p); return NULL; }
    Token *first = advance(p);
    Token *last = first;
    while (check(p, T_DOT) && kind_at(p, 1) == T_NAME) {
        advance(p);
        last = advance(p);
    }
    if (check(p, T_DOT)) { advance(p); generic_error(p); return NULL; }
    *span = join(first->span, last->span);
    return intern(p, first->start, (size_t)(last->start + last->len - first->start));
}

/* import_stmt: 'import' dotted_name ['as' NAME] (',' dotted_name ['as' NAME])* */
static Node *parse_import(Parser *p) {
    Token *kw = advance(p);
    AVec names;
    avec_init(&names, sizeof(ImportName));
    do {
        ImportName *in = avec_push(p, &names);
        if (!in || !(in->name = parse_dotted(p, &in->span))) return NULL;
        if (accept(p, K_AS)) {
            if (!check(p, T_NAME)) { generic_error(p); return NULL; }
            Token *as = advance(p);
            if (!(in->asname = intern(p, as->start, as->len))) return NULL;
            in->span = join(in->span, as->span);
        }
    } while (accept(p, T_COMMA));
    Node *n = stmt_node(p, N_IMPORT, join(kw->span, prev_span(p)));
    if (!n) return NULL;
    n->u.import.n = names.n;
    n->u.import.names = names.data;
    return n;
}

/* from_stmt: 'from' dotted_name 'import' (import_names | '(' import_names [','] ')')
 * import_names: NAME ['as' NAME] (',' NAME ['as' NAME])* */
static Node *parse_from(Parser *p) {
    Token *kw = advance(p);
    if (check(p, T_DOT) || check(p, T_ELLIPSIS)) { error_tok(p, "relative imports are not supported in ag"); return NULL; }
    Span mspan;
    Str *mod = parse_dotted(p, &mspan);
    if (!mod) return NULL;
    if (!expect(p, K_IMPORT, NULL)) return NULL;
    if (check(p, T_STAR)) { error_tok(p, "'from ... import *' is not supported in ag"); return NULL; }
    bool paren = accept(p, T_LPAREN);
    AVec names;
    avec_init(&names, sizeof(ImportName));
    for (;;) {
        if (!check(p, T_NAME)) {
            if (names.n && !paren && (check(p, T_NEWLINE) || check(p, T_SEMI)))
                error_tok(p, "trailing comma not allowed without surrounding parentheses");
            else
                generic_error(p);
            return NULL;
        }
        Token *name = advance(p);
        ImportName *in = avec_push(p, &names);
        if (!in || !(in->name = intern(p, name->start, name->len))) return NULL;
        in->span = name->span;
        if (accept(p, K_AS)) {
            if (!check(p, T_NAME)) { generic_error(p); return NULL; }
            Token *as = advance(p);
            if (!(in->asname = intern(p, as->start, as->len))) return NULL;
            in->span = join(in->span, as->span);
        }
        if (!accept(p, T_COMMA)) break;
        if (paren && check(p, T_RPAREN)) break;
    }
    if (paren && !expect(p, T_RPAREN, NULL)) return NULL;
    Node *n = stmt_node(p, N_FROM_IMPORT, join(kw->span, prev_span(p)));
    if (!n) return NULL;
    n->u.from_import.module = mod;
    n->u.from_import.mod_span = mspan;
    n->u.from_import.n = names.n;
    n->u.from_import.names = names.data;
    return n;
}

/* global_stmt: ('global' | 'nonlocal') NAME (',' NAME)* */
static Node *parse_global(Parser *p) {
    Token *kw = advance(p);
    bool is_global = kw->kind == K_GLOBAL;
    AVec names, nodes;
    avec_init(&names, sizeof(Str *));
    avec_init(&nodes, sizeof(Node *));
    do {
        if (!check(p, T_NAME)) { generic_error(p); return NULL; }
        Node *nn = name_node(p, advance(p));
        Str **slot = nn ? avec_push(p, &names) : NULL;
        if (!slot || !push_node(p, &nodes, nn)) return NULL;
        *slot = nn->u.name.id;
    } while (accept(p, T_COMMA));
    Node *n = stmt_node(p, is_global ? N_GLOBAL : N_NONLOCAL, join(kw->span, prev_span(p)));
    if (!n) return NULL;
    if (!is_global && p->func_depth == 0) {
        error_span(p, n->span, "nonlocal declaration not allowed at module level");
        return NULL;
    }
    n->u.global.n = names.n;
    n->u.global.names = names.data;
    n->u.global.name_nodes = nodes.data;
    return n;
}

/* del_stmt: 'del' target_item (',' target_item)* [','] */
static Node *parse_del(Parser *p) {
    Token *kw = advance(p);
    AVec ts;
    avec_init(&ts, sizeof(Node *));
    do {
        if (check(p, T_NEWLINE) || check(p, T_SEMI)) break;
        Node *t = parse_bitor(p);
        if (!t) return NULL;
        if (!check_target(p, t, TGT_DEL, true, false) || !push_node(p, &ts, t)) return NULL;
    } while (accept(p, T_COMMA));
    if (ts.n == 0) { generic_error(p); return NULL; }
    Node *n = stmt_node(p, N_DEL, join(kw->span, prev_span(p)));
    if (!n) return NULL;
    n->u.del.n = ts.n;
    n->u.del.targets = ts.data;
    return n;
}

/* simple_stmt: expr_stmt | 'return' [star_expressions] | 'pass' | 'break' | 'continue'
 *            | import_stmt | from_stmt | global_stmt | del_stmt | 'assert' expression [',' expression]
 *            | 'raise' [expression ['from' expression]] */
static Node *parse_simple(Parser *p) {
    Token *t = cur(p);
    switch (t->kind) {
    case K_PASS: advance(p); return stmt_node(p, N_PASS, t->span);
    case K_BREAK: case K_CONTINUE:
        advance(p);
        if (p->loop_depth == 0) {
            error_span(p, t->span, t->kind == K_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
            return NULL;
        }
        return stmt_node(p, t->kind == K_BREAK ? N_BREAK : N_CONTINUE, t->span);
    case K_RETURN: {
        advance(p);
        Node *v = NULL;
        if (!check(p, T_NEWLINE) && !check(p, T_SEMI)) {
            if (!(v = parse_star_expressions(p, true))) return NULL;
            if (v->kind == N_STARRED) { error_span(p, v->span, "can't use starred expression here"); return NULL; }
        }
        Node *n = stmt_node(p, N_RETURN, v ? join(t->span, v->span) : t->span);
        if (!n) return NULL;
        n->u.ret.value = v;
        if (p->func_depth == 0) { error_span(p, n->span, "'return' outside function"); return NULL; }
        return n;
    }
    case K_IMPORT: return parse_import(p);
    case K_FROM: return parse_from(p);
    case K_GLOBAL: case K_NONLOCAL: return parse_global(p);
    case K_DEL: return parse_del(p);
    case K_RAISE: { /* 'raise' [expression ['from' expression]] */
        advance(p);
        Node *exc = NULL, *cause = NULL;
        if (!check(p, T_NEWLINE) && !check(p, T_SEMI)) {
            if (!(exc = parse_expression(p))) return NULL;
            if (accept(p, K_FROM) && !(cause = parse_expression(p))) return NULL;
        }
        Node *n = stmt_node(p, N_RAISE, join(t->span, prev_span(p)));
        if (!n) return NULL;
        n->u.raise.exc = exc;
        n->u.raise.cause = cause;
        return n;
    }
    case K_ASSERT: {
        advance(p);
        Node *test = parse_expression(p);
        if (!test) return NULL;
        Node *msg = NULL;
        if (accept(p, T_COMMA) && !(msg = parse_expression(p))) return NULL;
        Node *n = stmt_node(p, N_ASSERT, join(t->span, prev_span(p)));
        if (!n) return NULL;
        n->u.assert_.test = test;
        n->u.assert_.msg = msg;
        return n;
    }
    default: return parse_expr_stmt(p);
    }
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static bool parse_simple_stmts(Parser *p, AVec *out) {
    for (;;) {
        p->stars.n = 0;
        Node *s = parse_simple(p);
        if (!s) return false;
        if (!check_stars(p)) return false;
        if (!push_node(p, out, s)) return false;
        if (!accept(p, T_SEMI)) break;
        if (check(p, T_NEWLINE)) break;
    }
    if (accept(p, T_NEWLINE)) return true;
    Node **items = out->data;
    Node *last = items[out->n - 1];
    if (last->kind == N_EXPR_STMT && last->u.expr_stmt.expr->kind == N_NAME && starts_expr(cur(p)->kind) &&
        strcmp(last->u.expr_stmt.expr->u.name.id->data, "print") == 0) {
        Span s = last->span;
        int i = p->pos;
        while (i < p->ntoks && p->toks[i].kind != T_NEWLINE && p->toks[i].kind != T_EOF) i++;
        Span e = p->toks[i > p->pos ? i - 1 : i].span;
        error_span(p, join(s, e), "Missing parentheses in call to 'print'. Did you mean print(...)?");
        return false;
    }
    if (check(p, T_ASSIGN) && last->kind == N_AUGASSIGN) { generic_error(p); return false; }
    generic_error(p);
    return false;
}

/* ---- compound statements ---------------------------------------------------------- */

/* header_end: ':'   -- with CPython's messages for a missing colon and for '=' in a condition */
static bool expect_colon(Parser *p, Node *cond) {
    if (accept(p, T_COLON)) return true;
    if (cond && check(p, T_ASSIGN)) {
        error_span(p, join(cond->span, kind_at(p, 1) != T_EOF ? p->toks[p->pos + 1].span : cur(p)->span),
                   "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return false;
    }
    if (check(p, T_NEWLINE)) error_tok(p, "expected ':'");
    else generic_error(p);
    return false;
}

/* block: NEWLINE INDENT statement+ DEDENT | simple_stmts */
static bool parse_block(Parser *p, AVec *out, const char *what, int line) {
    if (!accept(p, T_NEWLINE)) return parse_simple_stmts(p, out);
    if (!check(p, T_INDENT)) {
        /* A header at the very end of interactive input (possibly inside an open block, so
         * DEDENTs precede the end) is waiting for its block, not missing it. */
        int k = p->pos;
        while (k < p->ntoks && (p->toks[k].kind == T_DEDENT || p->toks[k].kind == T_NEWLINE)) k++;
        if (k < p->ntoks && p->toks[k].kind == T_EOF && p->interactive && !p->lx->has_err) {
            p->incomplete = true;
            p->panic = true;
            return false;
        }
        indent_error_tok(p, "expected an indented block after %s on line %d", what, line);
        return false;
    }
    advance(p);
    parse_stmt_list(p, out);
    accept(p, T_DEDENT);
    return true;
}

/* statements: statement*   -- up to DEDENT or the end, recovering after each error */
static void parse_stmt_list(Parser *p, AVec *out) {
    while (!check(p, T_DEDENT) && !check(p, T_EOF) && !check(p, T_ERROR) && !p->oom) {
        int before = p->pos;
        if (!parse_statement(p, out) || p->panic) {
            /* panic-mode recovery: skip to the next statement, and over its indented block */
            while (!check(p, T_NEWLINE) && !check(p, T_EOF) && !check(p, T_ERROR)) advance(p);
            accept(p, T_NEWLINE);
            if (check(p, T_INDENT)) {
                int level = 0;
                do {
                    if (check(p, T_INDENT)) level++;
                    else if (check(p, T_DEDENT)) level--;
                    advance(p);
                } while (level > 0 && !check(p, T_EOF) && !check(p, T_ERROR));
            }
            if (p->pos == before) advance(p);
            if (!p->oom) p->panic = false;
        }
    }
}

static Node *parse_if_rest(Parser *p, Token *kw, const char *what) {
    Node *cond = parse_named_expression(p);
    if (!cond || !check_stars(p) || !expect_colon(p, cond)) return NULL;
    Node *n = stmt_node(p, N_IF, kw->span);
    if (!n) return NULL;
    n->u.if_.cond = cond;
    AVec body, orelse;
    avec_init(&body, sizeof(Node *));
    avec_init(&orelse, sizeof(Node *));
    if (!parse_block(p, &body, what, kw->span.line)) return NULL;
    n->u.if_.body = to_list(&body);
    if (check(p, K_ELIF)) {
        Token *ekw = advance(p);
        Node *e = parse_if_rest(p, ekw, "'elif' statement");
        if (!e || !push_node(p, &orelse, e)) return NULL;
    } else if (check(p, K_ELSE)) {
        Token *ekw = advance(p);
        if (!expect_colon(p, NULL) || !parse_block(p, &orelse, "'else' statement", ekw->span.line)) return NULL;
    }
    n->u.if_.orelse = to_list(&orelse);
    return n;
}

/* if_stmt: 'if' named_expression ':' block ('elif' named_expression ':' block)* ['else' ':' block] */
static Node *parse_if(Parser *p) {
    Token *kw = advance(p);
    return parse_if_rest(p, kw, "'if' statement");
}

/* loop_else: ['else' ':' block]   -- not part of the loop for break/continue */
static bool parse_loop_else(Parser *p, NodeList *orelse) {
    AVec v;
    avec_init(&v, sizeof(Node *));
    if (check(p, K_ELSE)) {
        Token *ekw = advance(p);
        if (!expect_colon(p, NULL) || !parse_block(p, &v, "'else' statement", ekw->span.line)) return false;
    }
    *orelse = to_list(&v);
    return true;
}

/* while_stmt: 'while' named_expression ':' block ['else' ':' block] */
static Node *parse_while(Parser *p) {
    Token *kw = advance(p);
    Node *cond = parse_named_expression(p);
    if (!cond || !check_stars(p) || !expect_colon(p, cond)) return NULL;
    Node *n = stmt_node(p, N_WHILE, kw->span);
    if (!n) return NULL;
    n->u.while_.cond = cond;
    AVec body;
    avec_init(&body, sizeof(Node *));
    p->loop_depth++;
    bool ok = parse_block(p, &body, "'while' statement", kw->span.line);
    p->loop_depth--;
    if (!ok) return NULL;
    n->u.while_.body = to_list(&body);
    return parse_loop_else(p, &n->u.while_.orelse) ? n : NULL;
}

/* for_stmt: 'for' targets 'in' star_expressions ':' block ['else' ':' block] */
static Node *parse_for(Parser *p) {
    Token *kw = advance(p);
    Node *target = parse_targets(p, K_IN);
    if (!target || !check_target(p, target, TGT_FOR, true, false)) return NULL;
    if (!expect(p, K_IN, NULL)) return NULL;
    Node *iter = parse_star_expressions(p, true);
    if (!iter || !check_stars(p) || !expect_colon(p, NULL)) return NULL;
    Node *n = stmt_node(p, N_FOR, kw->span);
    if (!n) return NULL;
    n->u.for_.target = target;
    n->u.for_.iter = iter;
    AVec body;
    avec_init(&body, sizeof(Node *));
    p->loop_depth++;
    bool ok = parse_block(p, &body, "'for' statement", kw->span.line);
    p->loop_depth--;
    if (!ok) return NULL;
    n->u.for_.body = to_list(&body);
    return parse_loop_else(p, &n->u.for_.orelse) ? n : NULL;
}

/* with_stmt: 'with' with_item (',' with_item)* ':' block
 * with_item: expression ['as' target_item]     -- several items nest like Python's */
static Node *parse_with(Parser *p) {
    Token *kw = advance(p);
    AVec items;
    avec_init(&items, sizeof(Node *));
    do {
        Node *ctx = parse_expression(p);
        if (!ctx) return NULL;
        Node *w = stmt_node(p, N_WITH, kw->span);
        if (!w) return NULL;
        w->u.with.ctx = ctx;
        if (accept(p, K_AS)) {
            Node *t = parse_bitor(p);
            if (!t || !check_target(p, t, TGT_WITH, true, false)) return NULL;
            w->u.with.target = t;
        }
        if (!push_node(p, &items, w)) return NULL;
    } while (accept(p, T_COMMA));
    if (!check_stars(p) || !expect_colon(p, NULL)) return NULL;
    AVec body;
    avec_init(&body, sizeof(Node *));
    if (!parse_block(p, &body, "'with' statement", kw->span.line)) return NULL;
    Node **ws = items.data;
    ws[items.n - 1]->u.with.body = to_list(&body);
    for (int i = items.n - 2; i >= 0; i--) {
        AVec one;
        avec_init(&one, sizeof(Node *));
        if (!push_node(p, &one, ws[i + 1])) return NULL;
        ws[i]->u.with.body = to_list(&one);
    }
    return ws[0];
}

/* At the end of interactive input (past NEWLINE/DEDENT tokens): more clauses may follow. */
static bool at_interactive_end(Parser *p) {
    int k = p->pos;
    while (k < p->ntoks && (p->toks[k].kind == T_DEDENT || p->toks[k].kind == T_NEWLINE)) k++;
    return k < p->ntoks && p->toks[k].kind == T_EOF && p->interactive && !p->lx->has_err;
}

/* try_stmt: 'try' ':' block ( except_block+ ['else' ':' block] ['finally' ':' block]
 *                           | 'finally' ':' block )
 * except_block: 'except' [expression ['as' NAME]] ':' block   -- a bare 'except:' comes last */
static Node *parse_try(Parser *p) {
    Token *kw = advance(p);
    if (!expect_colon(p, NULL)) return NULL;
    Node *n = stmt_node(p, N_TRY, kw->span);
    if (!n) return NULL;
    AVec body, handlers, orelse, fin;
    avec_init(&body, sizeof(Node *));
    avec_init(&handlers, sizeof(Handler));
    avec_init(&orelse, sizeof(Node *));
    avec_init(&fin, sizeof(Node *));
    if (!parse_block(p, &body, "'try' statement", kw->span.line)) return NULL;
    Token *bare = NULL;
    while (check(p, K_EXCEPT)) {
        Token *ekw = advance(p);
        if (bare) { error_span(p, bare->span, "default 'except:' must be last"); return NULL; }
        Handler h = {.span = ekw->span};
        if (!check(p, T_COLON)) {
            if (!(h.type = parse_expression(p)) || !check_stars(p)) return NULL;
            if (check(p, T_COMMA)) {
                error_span(p, h.type->span, "multiple exception types must be parenthesized");
                return NULL;
            }
            if (accept(p, K_AS)) {
                if (!check(p, T_NAME)) { generic_error(p); return NULL; }
                if (!(h.name = name_node(p, advance(p)))) return NULL;
            }
        } else {
            bare = ekw;
        }
        if (!expect_colon(p, NULL)) return NULL;
        AVec hb;
        avec_init(&hb, sizeof(Node *));
        if (!parse_block(p, &hb, "'except' statement", ekw->span.line)) return NULL;
        h.body = to_list(&hb);
        Handler *slot = avec_push(p, &handlers);
        if (!slot) return NULL;
        *slot = h;
    }
    if (handlers.n && check(p, K_ELSE)) {
        Token *ekw = advance(p);
        if (!expect_colon(p, NULL) || !parse_block(p, &orelse, "'else' statement", ekw->span.line)) return NULL;
    }
    if (check(p, K_FINALLY)) {
        Token *fkw = advance(p);
        if (!expect_colon(p, NULL) || !parse_block(p, &fin, "'finally' statement", fkw->span.line)) return NULL;
    } else if (!handlers.n) {
        if (at_interactive_end(p)) { p->incomplete = true; p->panic = true; return NULL; }
        error_tok(p, "expected 'except' or 'finally' block");
        return NULL;
    }
    n->u.try_.body = to_list(&body);
    n->u.try_.nhandlers = handlers.n;
    n->u.try_.handlers = handlers.data;
    n->u.try_.orelse = to_list(&orelse);
    n->u.try_.finalbody = to_list(&fin);
    return n;
}

/* funcdef: 'def' NAME '(' [params] ')' ['->' expression] ':' block */
static Node *parse_def(Parser *p) {
    Token *kw = advance(p);
    if (!check(p, T_NAME)) { generic_error(p); return NULL; }
    Token *name = advance(p);
    Node *n = stmt_node(p, N_DEF, kw->span);
    if (!n) return NULL;
    if (!(n->u.def.target = name_node(p, name))) return NULL;
    n->u.def.name = n->u.def.target->u.name.id;
    if (!expect(p, T_LPAREN, "expected '('")) return NULL;
    if (!parse_params(p, T_RPAREN, true, &n->u.def.nparams, &n->u.def.params, &n->u.def.vararg,
                      &n->u.def.nkwonly, &n->u.def.kwarg)) return NULL;
    if (!expect(p, T_RPAREN, NULL)) return NULL;
    if (accept(p, T_ARROW) && !parse_expression(p)) return NULL;
    if (!check_stars(p) || !expect_colon(p, NULL)) return NULL;
    AVec body;
    avec_init(&body, sizeof(Node *));
    int saved_loop = p->loop_depth;
    p->loop_depth = 0;
    p->func_depth++;
    bool ok = parse_block(p, &body, "function definition", kw->span.line);
    p->func_depth--;
    p->loop_depth = saved_loop;
    if (!ok) return NULL;
    n->u.def.body = to_list(&body);
    if (body.n) {
        Node *first = ((Node **)body.data)[0];
        if (first->kind == N_EXPR_STMT && first->u.expr_stmt.expr->kind == N_CONST &&
            first->u.expr_stmt.expr->u.constant.value.kind == V_OBJ)
            n->u.def.doc = (Str *)first->u.expr_stmt.expr->u.constant.value.as.o;
    }
    return n;
}

/* classdef: 'class' NAME ['(' [expression (',' expression)* [',']] ')'] ':' block
 * (no keyword arguments such as metaclass=; the body is a scope of its own, not a function) */
static Node *parse_class(Parser *p) {
    Token *kw = advance(p);
    if (!check(p, T_NAME)) { generic_error(p); return NULL; }
    Token *name = advance(p);
    Node *n = stmt_node(p, N_CLASS, kw->span);
    if (!n) return NULL;
    if (!(n->u.class_.target = name_node(p, name))) return NULL;
    n->u.class_.name = n->u.class_.target->u.name.id;
    AVec bases;
    avec_init(&bases, sizeof(Node *));
    if (accept(p, T_LPAREN)) {
        while (!check(p, T_RPAREN)) {
            if (check(p, T_NAME) && kind_at(p, 1) == T_ASSIGN) {
                error_tok(p, "keyword arguments in a class header (metaclass=...) are not supported in ag");
                return NULL;
            }
            if (check(p, T_STAR) || check(p, T_DSTAR)) { error_tok(p, "unpacking in a class header is not supported in ag"); return NULL; }
            Node *b = parse_expression(p);
            if (!b || !push_node(p, &bases, b)) return NULL;
            if (!accept(p, T_COMMA)) break;
        }
        if (!expect(p, T_RPAREN, NULL)) return NULL;
    }
    n->u.class_.bases = to_list(&bases);
    if (!check_stars(p) || !expect_colon(p, NULL)) return NULL;
    AVec body;
    avec_init(&body, sizeof(Node *));
    int saved_loop = p->loop_depth, saved_func = p->func_depth;
    p->loop_depth = 0;
    p->func_depth = 0; /* 'return' and 'nonlocal' are as at module level */
    bool ok = parse_block(p, &body, "class definition", kw->span.line);
    p->func_depth = saved_func;
    p->loop_depth = saved_loop;
    if (!ok) return NULL;
    n->u.class_.body = to_list(&body);
    if (body.n) {
        Node *first = ((Node **)body.data)[0];
        if (first->kind == N_EXPR_STMT && first->u.expr_stmt.expr->kind == N_CONST &&
            first->u.expr_stmt.expr->u.constant.value.kind == V_OBJ)
            n->u.class_.doc = (Str *)first->u.expr_stmt.expr->u.constant.value.as.o;
    }
    return n;
}

/* decorated: ('@' named_expression NEWLINE)+ (funcdef | classdef) */
static Node *parse_decorated(Parser *p) {
    AVec decos;
    avec_init(&decos, sizeof(Node *));
    while (accept(p, T_AT)) {
        Node *d = parse_named_expression(p);
        if (!d || !check_stars(p) || !push_node(p, &decos, d)) return NULL;
        if (!expect(p, T_NEWLINE, NULL)) return NULL;
    }
    Node *n;
    if (check(p, K_DEF)) {
        if (!(n = parse_def(p))) return NULL;
        n->u.def.decos = to_list(&decos);
    } else if (check(p, K_CLASS)) {
        if (!(n = parse_class(p))) return NULL;
        n->u.class_.decos = to_list(&decos);
    } else if (check(p, T_EOF) && p->interactive && !p->lx->has_err) {
        p->incomplete = true; /* the REPL waits for the def or class line */
        p->panic = true;
        return NULL;
    } else {
        generic_error(p);
        return NULL;
    }
    return n;
}

/* Skip the rest of a statement and its indented block (for unsupported statements). */
static void skip_statement(Parser *p) {
    while (!check(p, T_NEWLINE) && !check(p, T_EOF) && !check(p, T_ERROR)) advance(p);
    accept(p, T_NEWLINE);
    if (check(p, T_INDENT)) {
        int level = 0;
        do {
            if (check(p, T_INDENT)) level++;
            else if (check(p, T_DEDENT)) level--;
            advance(p);
        } while (level > 0 && !check(p, T_EOF) && !check(p, T_ERROR));
    }
}

/* statement: if_stmt | while_stmt | for_stmt | with_stmt | try_stmt | funcdef | classdef | decorated | simple_stmts */
static bool parse_statement(Parser *p, AVec *out) {
    Token *t = cur(p);
    Node *n = NULL;
    p->stars.n = 0;
    switch (t->kind) {
    case T_INDENT:
        report(p, t, EXC_IndentationError, t->span, false, "unexpected indent");
        return false;
    case K_IF: n = parse_if(p); break;
    case K_WHILE: n = parse_while(p); break;
    case K_FOR: n = parse_for(p); break;
    case K_WITH: n = parse_with(p); break;
    case K_TRY: n = parse_try(p); break;
    case K_EXCEPT: case K_FINALLY: generic_error(p); return false; /* a clause without its 'try' */
    case K_DEF: n = parse_def(p); break;
    case K_CLASS: n = parse_class(p); break;
    case T_AT: n = parse_decorated(p); break;
    default:
        if (is_unsupported_kw(t->kind)) {
            error_tok(p, "'%s' is not supported in ag", lex_tok_text[t->kind]);
            skip_statement(p);
            p->panic = false;
            return true;
        }
        return parse_simple_stmts(p, out);
    }
    if (!n) return false;
    return push_node(p, out, n);
}

/* ---- entry point ------------------------------------------------------------------ */
static bool last_line_blank(const Source *src) {
    size_t n = src->len;
    const char *t = src->text;
    if (n > 0 && t[n - 1] == '\n') n--;
    size_t i = n;
    while (i > 0 && t[i - 1] != '\n') i--;
    if (i == 0) return false; /* a single line: the header itself */
    for (size_t k = i; k < n; k++)
        if (t[k] != ' ' && t[k] != '\t' && t[k] != '\r' && t[k] != '\f') return false;
    return true;
}

/* module: statements EOF */
ParseStatus parse_source(Interp *I, Source *src, bool interactive, ParseResult *out) {
    memset(out, 0, sizeof *out);
    Parser p;
    memset(&p, 0, sizeof p);
    p.I = I;
    p.interactive = interactive;
    Lexer lx;
    lex_init(&lx, src->text, src->len, 1, 1, interactive ? LEX_INTERACTIVE : 0);
    p.lx = p.main_lx = &lx;
    avec_init(&p.stars, sizeof(Node *));
    ParseStatus st = PARSE_ERROR;
    if (!lex_run(&lx) || !(p.ast = ast_new(src))) {
        p.oom = true;
    } else {
        p.toks = lx.toks;
        p.ntoks = lx.ntoks;
        AVec body;
        avec_init(&body, sizeof(Node *));
        parse_stmt_list(&p, &body);
        if (!p.oom && lx.has_err && !p.lexer_reported && !(lx.unclosed && p.ndiags > 0)) {
            p.panic = false;
            p.lx = &lx;
            report(&p, &lx.toks[lx.ntoks - 2], lx.err.kind, lx.err.span, false, "%s", "");
        }
        p.ast->body = to_list(&body);
        if (!p.oom && p.ndiags == 0) {
            if (p.incomplete) st = PARSE_INCOMPLETE;
            else {
                st = PARSE_OK;
                if (interactive && body.n) {
                    NodeKind k = ((Node **)body.data)[body.n - 1]->kind;
                    if ((k == N_IF || k == N_FOR || k == N_WHILE || k == N_DEF || k == N_CLASS || k == N_WITH || k == N_TRY) && !last_line_blank(src))
                        st = PARSE_INCOMPLETE;
                }
            }
        }
    }
    if (p.oom) {
        st = PARSE_ERROR;
        if (err_pending(I)) err_clear(I);
        p.in_fstring = 0;
        add_diag(&p, EXC_MemoryError, (Span){1, 1, 1, 2}, "out of memory");
    }
    lex_free(&lx);
    out->ndiags = p.ndiags;
    out->diags = p.diags;
    if (st == PARSE_OK) out->ast = p.ast;
    else ast_free(p.ast);
    return st;
}

void parse_result_free(ParseResult *r) {
    for (int i = 0; i < r->ndiags; i++) mem_strfree(r->diags[i].msg);
    /* the diag array's capacity is not kept; it was grown by doubling from 4 */
    if (r->diags) {
        int cap = 4;
        while (cap < r->ndiags) cap *= 2;
        mem_free(r->diags, sizeof(SyntaxDiag) * (size_t)cap);
    }
    ast_free(r->ast);
    r->ast = NULL;
    r->diags = NULL;
    r->ndiags = 0;
}
