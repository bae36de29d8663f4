/* test_teach.c — the teaching aids (src/teach.c): show_tape, trace_backward, graph,
 * gradcheck, compare_grad and the .grad explainers, run through interp_exec with stdout
 * and stderr captured. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "interp.h"

TestSuite(teach, .timeout = 20.0);

/* Run code in a fresh interpreter; returns captured stdout (malloc'd); *err gets stderr. */
static char *run(const char *code, char **err) {
    Interp *I = interp_new(0, NULL);
    cr_assert_not_null(I);
    char base;
    I->stack_base = &base;
    I->stack_budget = 6u << 20;
    Capture c;
    capture_begin(&c);
    interp_exec(I, "<test>", code, strlen(code), EXEC_FILE);
    char *out;
    capture_end(&c, &out, err);
    interp_free(I);
    return out;
}

#define HAS(hay, needle) cr_assert(strstr((hay), (needle)) != NULL, "missing %s in:\n%s", (needle), (hay))
#define HASNT(hay, needle) cr_assert(strstr((hay), (needle)) == NULL, "unexpected %s in:\n%s", (needle), (hay))

static const char *notebook =
    "import torch\n"
    "X = torch.tensor([1, 2, 3, 4], dtype=torch.float32)\n"
    "Y = torch.tensor([2, 4, 6, 8], dtype=torch.float32)\n"
    "w = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)\n"
    "def forward(x):\n"
    "    return w * x\n"
    "def loss(y, y_pred):\n"
    "    return ((y_pred - y)**2).mean()\n"
    "y_pred = forward(X)\n"
    "l = loss(Y, y_pred)\n";

static char *with_notebook(const char *rest, char **err) {
    size_t n = strlen(notebook) + strlen(rest) + 1;
    char *code = malloc(n);
    snprintf(code, n, "%s%s", notebook, rest);
    char *out = run(code, err);
    free(code);
    return out;
}

Test(teach, show_tape_names_inputs_values_and_adjoints) {
    char *out = with_notebook("show_tape(l)\nl.backward()\nshow_tape(l)\n", NULL);
    HAS(out, "Tape of l: 4 records, oldest first");
    HAS(out, "leaf   w");
    HAS(out, "const  X");
    HAS(out, "#1 y_pred = w * X   MulBackward0   [4]  <test>:6");
    HAS(out, "#2 = y_pred - Y");
    HAS(out, "#4 l = #3.mean()");
    HAS(out, "value   [-2., -4., -6., -8.]");
    HAS(out, "no backward() through this tape yet");
    HAS(out, "adjoint [0.2500, 0.2500, 0.2500, 0.2500]");
    HAS(out, "adjoint [-1., -2., -3., -4.]");
    free(out);
}

Test(teach, trace_backward_prints_the_chain_rule) {
    char *out = with_notebook("trace_backward(l)\nprint(w.grad)\n", NULL);
    HAS(out, "#4 MeanBackward0: l = #3.mean()");
    HAS(out, "dL/d#3 = grad_out / 4, expanded to shape [4] = 1. / 4 = [0.2500, 0.2500, 0.2500, 0.2500]");
    HAS(out, "dL/dw = sum(grad_out * X) = sum([-1., -2., -3., -4.] * [1., 2., 3., 4.]) = -30.   (summed over broadcast dims [0] to shape [])");
    HAS(out, "w.grad: None -> -30.");
    HAS(out, "tensor(-30.)\n");
    free(out);
}

/* A graph with broadcasting, a shared input (w used twice), several leaves and a matmul:
 * trace_backward must leave exactly the grads backward() leaves. */
Test(teach, trace_backward_grads_equal_backward) {
    const char *code =
        "import torch\n"
        "def make():\n"
        "    W = torch.tensor([[0.5, -0.4, 0.3], [-0.6, 0.7, 0.9]], requires_grad=True)\n"
        "    b = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)\n"
        "    v = torch.tensor([[0.7], [-0.5], [0.6]], requires_grad=True)\n"
        "    return W, b, v\n"
        "X = torch.tensor([[0.1, 0.2], [0.3, -0.4], [1.5, 0.25], [-1.0, 2.0]])\n"
        "def loss(W, b, v):\n"
        "    h = torch.tanh(X @ W + b)\n"
        "    p = torch.sigmoid(h @ v)\n"
        "    return ((p - 0.5) ** 2).mean() + (W * W).sum() * 0.01 + (b * W).sum()\n"
        "W1, b1, v1 = make()\n"
        "W2, b2, v2 = make()\n"
        "loss(W1, b1, v1).backward()\n"
        "trace_backward(loss(W2, b2, v2))\n"
        "print('EQ', W1.grad.tolist() == W2.grad.tolist(), b1.grad.tolist() == b2.grad.tolist(), v1.grad.tolist() == v2.grad.tolist())\n"
        "loss(W1, b1, v1).backward()\n"
        "trace_backward(loss(W2, b2, v2))\n"
        "print('EQ2', W1.grad.tolist() == W2.grad.tolist(), b1.grad.tolist() == b2.grad.tolist(), v1.grad.tolist() == v2.grad.tolist())\n";
    char *err;
    char *out = run(code, &err);
    HAS(out, "EQ True True True\n");
    HAS(out, "EQ2 True True True\n");
    HAS(out, "(sum of 2 paths)");
    HAS(out, "summed over broadcast dims [0] to shape [3]");
    HAS(out, "(grads accumulate: zero them between steps)");
    free(out);
    free(err);
}

Test(teach, trace_backward_twice_is_the_usual_error) {
    char *err;
    char *out = with_notebook("trace_backward(l)\ntrace_backward(l)\n", &err);
    HAS(err, "RuntimeError: Trying to backward through the graph a second time");
    free(out);
    free(err);
}

Test(teach, graph_draws_a_tree) {
    char *out = with_notebook("graph(l)\n", NULL);
    HAS(out, "l = #4 MeanBackward0 []  (#3.mean())\n");
    HAS(out, "        |-- y_pred = #1 MulBackward0 [4]  (w * X)\n");
    HAS(out, "        |   |-- w  leaf [] requires_grad\n");
    HAS(out, "        `-- Y  const [4]\n");
    free(out);
}

Test(teach, graph_writes_dot) {
    char path[] = "/tmp/teach_test_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    char code[256];
    snprintf(code, sizeof code, "graph(l, file='%s')\n", path);
    char *out = with_notebook(code, NULL);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char buf[4096] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    unlink(path);
    HAS(buf, "digraph tape {");
    HAS(buf, "leaf1 -> rec1;");
    HAS(buf, "rec3 -> rec4;");
    free(out);
}

Test(teach, gradcheck_true_on_correct_ops) {
    const char *code =
        "import torch\n"
        "x = torch.tensor([1.0, -2.0, 0.5])\n"
        "A = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.25]], dtype=torch.float64)\n"
        "print('R1', gradcheck(lambda a: (a * a).sin().sum(), x))\n"
        "print('R2', gradcheck(lambda a, m: torch.tanh(m @ a).exp(), x, A))\n"
        "print('R3', gradcheck(lambda a: torch.sigmoid(a) / (a * a + 1) - a.mean(), x))\n";
    char *out = run(code, NULL);
    HAS(out, "R1 True\n");
    HAS(out, "R2 True\n");
    HAS(out, "R3 True\n");
    HAS(out, "gradcheck: passed (3 elements)");
    HASNT(out, "FAIL");
    free(out);
}

Test(teach, gradcheck_false_on_a_wrong_gradient) {
    const char *code =
        "import torch\n"
        "x = torch.tensor([1.0, -2.0, 0.5])\n"
        "print('R', gradcheck(lambda a: a * a.detach(), x))\n";
    char *out = run(code, NULL);
    HAS(out, "R False\n");
    HAS(out, "FAIL");
    HAS(out, "gradcheck: FAILED: 3 of 3 elements differ");
    free(out);
}

Test(teach, gradcheck_warns_at_kinks) {
    char *out = run("import torch\nprint(gradcheck(lambda a: a.relu() + a.abs(), torch.tensor([0.0, 1.0])))\n", NULL);
    HAS(out, "warning: relu evaluated at its kink");
    HAS(out, "warning: abs evaluated at its kink");
    free(out);
}

Test(teach, compare_grad_reports_4_on_the_notebook) {
    const char *code =
        "import numpy as np\n"
        "import torch\n"
        "X = np.array([1,2,3,4], dtype=np.float32)\n"
        "Y = np.array([2,4,6,8], dtype=np.float32)\n"
        "def gradient(x,y,y_predicted):\n"
        "    return np.dot(2*x, y_predicted-y).mean()\n"
        "Xt = torch.tensor([1, 2, 3, 4], dtype=torch.float32)\n"
        "Yt = torch.tensor([2, 4, 6, 8], dtype=torch.float32)\n"
        "def loss(y, y_pred):\n"
        "    return ((y_pred - y)**2).mean()\n"
        "r = compare_grad(lambda w: gradient(X, Y, w * X), lambda w: loss(Yt, w * Xt), 0.0)\n"
        "print('R', r)\n"
        "print('S', compare_grad(lambda w: (2 * Xt * (w * Xt - Yt)).mean(), lambda w: loss(Yt, w * Xt), 1.5))\n";
    char *out = run(code, NULL);
    HAS(out, "-120            -30       4.0000");
    HAS(out, "Your gradient is 4.0 times autodiff's");
    HAS(out, "4 = N, the number of elements the loss averages over (MeanBackward0 at <test>:10)");
    HAS(out, "missing the 1/N");
    HAS(out, "np.dot(a, b) already sums");
    HAS(out, "R 4.0\n");
    HAS(out, "They match");
    HAS(out, "S 1.0\n");
    free(out);
}

Test(teach, explainers_on_stderr) {
    const char *code =
        "print(y_pred.grad)\n"
        "print(y_pred.grad)\n"
        "print(X.grad)\n"
        "l.backward()\n"
        "l2 = loss(Y, forward(X))\n"
        "l2.backward()\n"
        "l3 = loss(Y, forward(X))\n"
        "l3.backward()\n"
        "b = torch.tensor(1.0, requires_grad=True)\n"
        "print(b.grad)\n"
        "w = w - 0.01 * w.grad\n"
        "print(w.grad)\n";
    char *err;
    char *out = with_notebook(code, &err);
    cr_assert_str_eq(out, "None\nNone\nNone\nNone\nNone\n");
    HAS(err, "<test>:11: note: y_pred.grad is None: y_pred is not a leaf (it was computed by MulBackward0 at <test>:6)");
    /* once per tensor */
    char *second = strstr(strstr(err, "y_pred.grad is None") + 1, "y_pred.grad is None");
    cr_assert_null(second, "%s", err);
    HAS(err, "X.grad is None: X does not require grad");
    HAS(err, "<test>:16: note: backward() adds into w.grad, which still holds -30. from an earlier backward: gradients accumulate.");
    cr_assert_null(strstr(err, "<test>:18: note: backward() adds"), "%s", err); /* once per leaf */
    HAS(err, "b.grad is None: b requires grad, but no backward() has reached it");
    HAS(err, "w.grad is None: w is no longer the leaf you created. `w = w - ...` made a new tensor (SubBackward0 at <test>:21)");
    free(out);
    free(err);
}

Test(teach, builtins_have_docs_and_plot_is_registered) {
    char *out = run("print(show_tape, trace_backward, graph, gradcheck, compare_grad, plot)\n", NULL);
    HASNT(out, "NameError");
    HAS(out, "show_tape");
    free(out);
}
