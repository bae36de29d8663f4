/* test_exc.c — exception objects and the error plumbing around them (exc.c, diag.c): a
 * pending error taken as an object and made pending again keeps its kind, message, hint and
 * call chain; KeyError carries its key; __context__ is set once and never makes a cycle; the
 * uncaught report prints the chain as CPython does. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "exc.h"
#include "mem.h"

TestSuite(exc, .timeout = 20.0);

static Interp *new_interp(void) {
    Interp *I = interp_new(0, NULL);
    cr_assert_not_null(I);
    return I;
}

static char *str_of(Interp *I, Value v, bool repr) {
    StrBuf sb;
    sb_init(&sb);
    cr_assert(repr ? val_repr(I, &sb, v) : val_str_into(I, &sb, v));
    char *s = strdup(sb.data ? sb.data : "");
    sb_free(&sb);
    return s;
}

Test(exc, take_and_set_pending_round_trip) {
    Interp *I = new_interp();
    err_raise(I, EXC_RuntimeError, "element %d of tensors does not require grad", 0);
    err_hint(I, "call x.requires_grad_()");
    Source *src = src_new("t.ag", "x\n", 2);
    err_add_trace(I, src, (Span){1, 1, 1, 2}, NULL);
    Value e = exc_take(I);
    cr_assert(!err_pending(I));
    cr_assert(IS_A(e, exc_class));
    ExcObj *x = (ExcObj *)AS_OBJ(e);
    cr_assert_eq(x->kind, EXC_RuntimeError);
    cr_assert_eq(x->ntrace, 1);
    cr_assert_str_eq(x->hint, "call x.requires_grad_()");
    char *s = str_of(I, e, false), *r = str_of(I, e, true);
    cr_expect_str_eq(s, "element 0 of tensors does not require grad"); /* the hint is not part of str(e) */
    cr_expect_str_eq(r, "RuntimeError('element 0 of tensors does not require grad')");
    free(s);
    free(r);
    exc_set_pending(I, e, true);
    cr_assert(err_is(I, EXC_RuntimeError));
    cr_expect_str_eq(I->err.msg, "element 0 of tensors does not require grad");
    cr_expect_str_eq(I->err.hint, "call x.requires_grad_()");
    cr_expect_eq(I->err.ntrace, 1);
    cr_expect(I->err.located);
    cr_expect_eq(AS_OBJ(I->err.exc), AS_OBJ(e));
    val_decref(e);
    err_clear(I);
    src_decref(src);
    interp_free(I);
}

Test(exc, key_error_carries_its_key) {
    Interp *I = new_interp();
    exc_raise_key(I, val_int(7));
    cr_assert(err_is(I, EXC_LookupError));
    cr_expect_str_eq(I->err.msg, "7");
    Value e = exc_take(I);
    ExcObj *x = (ExcObj *)AS_OBJ(e);
    cr_assert_eq(x->args->len, 1);
    cr_expect(IS_INT(x->args->items[0]) && x->args->items[0].as.i == 7);
    val_decref(e);
    /* a KeyError the runtime raised with only a message: str() keeps the message exactly */
    err_raise(I, EXC_KeyError, "'lr'");
    e = exc_take(I);
    char *s = str_of(I, e, false);
    cr_expect_str_eq(s, "'lr'");
    free(s);
    val_decref(e);
    interp_free(I);
}

Test(exc, context_is_set_once_without_cycles) {
    Interp *I = new_interp();
    err_raise(I, EXC_ValueError, "a");
    Value a = exc_take(I);
    err_raise(I, EXC_TypeError, "b");
    exc_set_context(I, a);
    Value b = exc_take(I);
    cr_assert_eq(AS_OBJ(((ExcObj *)AS_OBJ(b))->context), AS_OBJ(a));
    /* b raised again while a is handled, where a's context is b: the link a -> b goes */
    ((ExcObj *)AS_OBJ(a))->context = val_incref(b);
    exc_set_pending(I, a, false);
    exc_set_context(I, b); /* a already has a context: unchanged */
    cr_assert_eq(AS_OBJ(((ExcObj *)AS_OBJ(a))->context), AS_OBJ(b));
    err_clear(I);
    ((ExcObj *)AS_OBJ(a))->context = VAL_NONE;
    val_decref(b); /* the reference a held */
    exc_set_pending(I, a, false);
    exc_set_context(I, a); /* never its own context */
    cr_expect(IS_NONE(((ExcObj *)AS_OBJ(a))->context));
    err_clear(I);
    val_decref(a);
    val_decref(b);
    interp_free(I);
}

/* Run code as a script with stdout/stderr captured. */
static void run(const char *code, char **out, char **err, RunStatus *st) {
    Interp *I = new_interp();
    char base;
    I->stack_base = &base;
    I->stack_budget = 6u << 20;
    Capture c;
    capture_begin(&c);
    *st = interp_exec(I, "t.ag", code, strlen(code), EXEC_FILE);
    capture_end(&c, out, err);
    interp_free(I);
}

Test(exc, uncaught_chain_report) {
    char *out, *err;
    RunStatus st;
    run("try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError as e:\n"
        "    raise ValueError('bad') from e\n",
        &out, &err, &st);
    cr_expect_eq(st, RUN_ERROR);
    cr_expect_str_eq(err,
                     "Traceback (most recent call last):\n"
                     "  File \"t.ag\", line 2, col 5, in <module>\n"
                     "    1 / 0\n"
                     "    ^^^^^\n"
                     "ZeroDivisionError: division by zero\n"
                     "\n"
                     "The above exception was the direct cause of the following exception:\n"
                     "\n"
                     "Traceback (most recent call last):\n"
                     "  File \"t.ag\", line 4, col 5, in <module>\n"
                     "    raise ValueError('bad') from e\n"
                     "    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
                     "ValueError: bad\n");
    free(out);
    free(err);
    run("try:\n"
        "    {}['k']\n"
        "except KeyError:\n"
        "    x = undefined\n",
        &out, &err, &st);
    cr_expect(strstr(err, "KeyError: 'k'\n\nDuring handling of the above exception, another exception occurred:\n\n"
                          "Traceback (most recent call last):\n  File \"t.ag\", line 4, col 9, in <module>\n"),
              "%s", err);
    cr_expect(strstr(err, "NameError: name 'undefined' is not defined\n"), "%s", err);
    free(out);
    free(err);
    /* a bare raise keeps the original line; the hint of a torch error survives re-raising */
    run("import torch\n"
        "try:\n"
        "    torch.tensor([1.0]).sum().backward()\n"
        "except RuntimeError as e:\n"
        "    print(e)\n"
        "    raise\n",
        &out, &err, &st);
    cr_expect_str_eq(out, "element 0 of tensors does not require grad and does not have a grad_fn\n");
    cr_expect(strstr(err, "line 3, col 5, in <module>\n"), "%s", err);
    cr_expect(strstr(err, "\nhint: "), "%s", err);
    free(out);
    free(err);
}

Test(exc, no_leaks_through_exception_objects) {
    size_t live0 = mem_live();
    char *out, *err;
    RunStatus st;
    run("e = ValueError('x')\n"
        "e.me = e\n"
        "e.args = (e, [e])\n"
        "def f():\n"
        "    try:\n"
        "        raise e\n"
        "    except ValueError as caught:\n"
        "        return caught\n"
        "g = f()\n"
        "try:\n"
        "    raise KeyError('k') from g\n"
        "except LookupError as k:\n"
        "    saved = k\n"
        "print(saved.__cause__ is e, type(saved).__name__)\n",
        &out, &err, &st);
    cr_expect_eq(st, RUN_OK, "%s", err);
    cr_expect_str_eq(out, "True KeyError\n");
    free(out);
    free(err);
    cr_expect_eq(mem_live(), live0);
}
