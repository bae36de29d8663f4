/* ast.h — the syntax tree (prefix ast_).
 *
 * The parser (parser.c) builds it; the resolver (resolve.c) fills the `res` fields that map
 * names to slots; the evaluator (eval.c) walks it. One Node struct for expressions and
 * statements, tagged by kind; node kinds are declared once in ast.def.
 *
 * Memory: every node and every array hanging off a node belongs to its Ast (an arena-like
 * owner freed with ast_free). Str* (identifiers, string constants) are interned Str objects;
 * the Ast holds one reference to each and releases them in ast_free. Constant Values
 * (ints, floats, strings) in N_CONST are owned by the Ast too. */
#ifndef AG_AST_H
#define AG_AST_H
#include "value.h"

/* A place in a source file. Lines and columns are 1-based; end_col is exclusive, on end_line.
 * Columns count characters (code points), as the caret under the source line needs. */
typedef struct Span { int line, col, end_line, end_col; } Span;

/* A source text: the file name and the text, kept alive as long as any AST or function
 * made from it (refcounted), so error reports can always print the offending line. */
typedef struct Source {
    uint32_t rc;
    char *name;     /* "t.ag", "<stdin>", "<string>", "<repl>", "<stdlib torch>" */
    char *text;     /* NUL-terminated */
    size_t len;
} Source;
Source *src_new(const char *name, const char *text, size_t len); /* copies; NULL on OOM */
void src_incref(Source *s);
void src_decref(Source *s);
/* The text of line `line` (1-based) without its newline; *len receives its length. NULL if out of range. */
const char *src_line(const Source *s, int line, size_t *len);

typedef enum {
#define AST(kind, doc) kind,
#include "ast.def"
#undef AST
    N__COUNT
} NodeKind;
extern const char *const ast_kind_name[N__COUNT];

/* How a Name is reached at run time (filled by resolve.c). */
typedef enum {
    SCOPE_UNRESOLVED = 0,
    SCOPE_LOCAL,   /* frame->locals[slot] holds the value */
    SCOPE_CELL,    /* frame->locals[slot] holds a Cell (the variable is captured by an inner function) */
    SCOPE_FREE,    /* function->free[slot] is a Cell of an enclosing function */
    SCOPE_GLOBAL,  /* module->slots[slot]; when unbound, builtins->slots[bslot] if bslot >= 0 */
} Scope;

typedef struct Node Node;
typedef struct NodeList { int n; Node **items; } NodeList;

/* Per-function information computed by the resolver, attached to N_DEF / N_LAMBDA
 * (and to the Ast for module-level code, where nlocals == 0 and all names are global). */
typedef struct FuncInfo {
    int nparams;          /* parameters, keyword-only ones last (locals 0..nparams-1) */
    int vararg_slot;      /* local slot of *args, or -1 */
    int kwarg_slot;       /* local slot of **kwargs (after *args), or -1 */
    int nlocals;          /* total local slots (params first) */
    bool *is_cell;        /* [nlocals]: slot holds a Cell */
    int nfree;            /* captured variables from enclosing functions */
    /* For each free variable i: where the *defining* (enclosing) frame finds it:
     * free_from_enclosing_free[i] ? enclosing function's free[free_index[i]]
     *                             : enclosing frame's locals[free_index[i]] (a Cell) */
    int *free_index;
    bool *free_from_enclosing_free;
    Str **local_names;    /* [nlocals], borrowed from the Ast's interned names; for errors/:vars */
    Str **free_names;     /* [nfree] */
} FuncInfo;

typedef struct Param { Str *name; Node *default_; Span span; } Param;
typedef struct Keyword { Str *name; Node *value; Span span; } Keyword; /* name NULL: f(**value) */
typedef struct DictItem { Node *key, *value; } DictItem;
typedef struct Comprehension { Node *target; Node *iter; NodeList ifs; } Comprehension;
/* f-string piece: literal text, or an expression with conversion and spec. */
typedef struct FPart {
    Str *literal;         /* non-NULL for a literal piece */
    Node *expr;           /* for an expression piece */
    char conversion;      /* 0, 'r', 's' or 'a' */
    Node *spec;           /* NULL, or an N_FSTRING (specs may nest {}) */
    Str *self_doc;        /* for {x=}: the text "x=" (with its spaces) to print before the value */
} FPart;
typedef struct Handler { Node *type; Node *name; NodeList body; Span span; } Handler; /* except [type [as name]]: body */
typedef struct ImportName { Str *name; Str *asname; Span span; } ImportName; /* asname NULL if none */

struct Node {
    NodeKind kind;
    Span span;
    union {
        /* ---- expressions ---- */
        struct { Value value; } constant;                         /* N_CONST: None/bool/int/float/str */
        struct { Str *id; Scope scope; int slot; int bslot; } name; /* N_NAME */
        struct { int nparts; FPart *parts; } fstring;              /* N_FSTRING */
        struct { BinOp op; Node *left, *right; } binop;            /* N_BINOP (arith and @) */
        struct { UnOp op; Node *operand; } unop;                   /* N_UNOP (- + not ~) */
        struct { bool is_and; Node *left, *right; } boolop;        /* N_BOOLOP: and/or */
        /* N_COMPARE: a < b <= c ... ; ops[i] between operands[i] and operands[i+1].
         * cmp ops are BinOp comparisons, or one of the extras below. */
        struct { int n; int *ops; Node **operands; } compare;
        /* star: f(*xs) or NULL. x.m(...) remembers the method m was last found to be, by class
         * (method tables are static, so the pair stays true; the evaluator fills it) */
        struct { Node *func; NodeList args; int nkw; Keyword *kws; Node *star;
                 const struct ObjClass *ic_cls; const struct MethodDef *ic_md; } call;
        struct { Node *obj; Str *attr; Span attr_span;             /* N_ATTR */
                 uint64_t ic_serial; int ic_slot; } attr;  /* the evaluator's module-member cache */
        struct { Node *obj; Node *index; } subscript;              /* N_SUBSCRIPT; a[1,2] -> index is N_TUPLE */
        struct { Node *lower, *upper, *step; } slice;               /* N_SLICE, each may be NULL */
        struct { NodeList elts; } seq;                              /* N_LIST / N_TUPLE */
        struct { int n; DictItem *items; } dict;                    /* N_DICT */
        struct { Node *cond, *then, *else_; } ifexp;                /* N_IFEXP */
        /* N_LISTCOMP: [elt for ... if ...] (also N_SETCOMP, N_DICTCOMP with key/elt, N_GENEXP) */
        struct { Node *key; Node *elt; int ngen; Comprehension *gens; FuncInfo info; } comp;
        /* N_LAMBDA: body is an expr. params[0..nparams): the positional parameters, then the last
         * nkwonly are keyword-only (after `*` or `*args`), as in N_DEF. */
        struct { int nparams; Param *params; Str *vararg; Node *body; FuncInfo info; int nkwonly; Str *kwarg; } lambda;
        struct { Node *value; } starred;                            /* N_STARRED in call args / targets */
        struct { Node *target; Node *value; } named;                /* N_NAMEDEXPR: target is an N_NAME */

        /* ---- statements ---- */
        struct { Node *expr; } expr_stmt;                           /* N_EXPR_STMT */
        struct { int ntargets; Node **targets; Node *value; } assign; /* N_ASSIGN: a = b = value */
        struct { BinOp op; Node *target; Node *value; } augassign;  /* N_AUGASSIGN */
        struct { Str *name; int nparams; Param *params; Str *vararg; NodeList body; FuncInfo info;
                 Node *target; /* an N_NAME to bind */ Str *doc;
                 int nkwonly; /* the last nkwonly of params are keyword-only */
                 Str *kwarg; /* **kwargs or NULL */
                 NodeList decos; /* @decorators, outermost first */ } def; /* N_DEF */
        /* N_CLASS: the body runs once in its own scope (info); its bindings become the class dict */
        struct { Str *name; NodeList bases; NodeList body; FuncInfo info; Node *target; Str *doc;
                 NodeList decos; } class_;
        struct { Node *value; } ret;                                /* N_RETURN; value may be NULL */
        /* N_ANNASSIGN: value may be NULL; a class body keeps the annotation in __annotations__ */
        struct { Node *target; Node *annotation; Node *value; } annassign;
        struct { Node *cond; NodeList body; NodeList orelse; } if_; /* N_IF: elif is a nested N_IF in orelse */
        struct { Node *target; Node *iter; NodeList body; NodeList orelse; } for_; /* N_FOR */
        struct { Node *cond; NodeList body; NodeList orelse; } while_; /* N_WHILE */
        struct { Node *ctx; Node *target; NodeList body; } with;    /* N_WITH; target may be NULL */
        struct { int n; ImportName *names; } import;                /* N_IMPORT: import a [as b], c */
        struct { Str *module; int n; ImportName *names; Span mod_span; } from_import; /* N_FROM_IMPORT */
        struct { int n; Str **names; Node **name_nodes; } global;   /* N_GLOBAL / N_NONLOCAL */
        struct { Node *test; Node *msg; } assert_;                  /* N_ASSERT */
        struct { int n; Node **targets; } del;                      /* N_DEL */
        /* N_TRY: handlers in order; a handler's type is NULL for a bare `except:`, its name
         * an N_NAME (or NULL) bound to the exception and unbound after the handler */
        struct { NodeList body; int nhandlers; struct Handler *handlers; NodeList orelse; NodeList finalbody; } try_;
        struct { Node *exc; Node *cause; } raise;                   /* N_RAISE; exc NULL: re-raise */
        /* N_PASS, N_BREAK, N_CONTINUE: no fields */
    } u;
};

/* Comparison operators beyond BinOp's six. */
enum { CMP_IN = BIN__COUNT, CMP_NOT_IN, CMP_IS, CMP_IS_NOT };

/* A parsed module / REPL entry / -c string. */
typedef struct Ast {
    Source *src;          /* one reference */
    NodeList body;        /* statements */
    FuncInfo info;        /* module level (resolver) */
    /* private to ast.c: the allocation list and interned strings */
    void *arena;
} Ast;

Ast *ast_new(Source *src);                   /* increfs src; NULL on OOM */
void *ast_alloc(Ast *a, size_t size);        /* zeroed memory owned by a; NULL on OOM */
Node *ast_node(Ast *a, NodeKind kind, Span span);
Str *ast_keep_str(Ast *a, Str *s);           /* the Ast takes ownership of one reference; returns s */
bool ast_keep_value(Ast *a, Value v);        /* the Ast takes ownership of a constant's reference */
void ast_free(Ast *a);
void ast_dump(const Node *n, StrBuf *sb, int indent); /* S-expression dump for tests */

#endif
