/* teach.h — teaching aids over the autodiff tape (prefix teach_; SPEC §8).
 *
 * Builtins (teach_builtins, merged into the builtins module by builtins.c):
 *   show_tape(t)        the tape that produced t as a numbered Wengert list: op, inputs by
 *                       the learner's variable names, shape, forward value, adjoint, file:line
 *   trace_backward(t)   backward() step by step with each chain-rule product in numbers
 *   graph(t, file=None) the computation graph as a text tree; file="g.dot" writes Graphviz DOT
 *                       (and g.svg when `dot` is on PATH)
 *   gradcheck(f, *inputs, eps=1e-6, atol=1e-5, rtol=1e-3)  autodiff vs central differences
 *   compare_grad(manual_fn, loss_fn, *inputs)   a hand-written gradient vs autodiff
 * The REPL's `:tape [EXPR]` is teach_tape_command (installed as repl_tape_hook).
 *
 * Hooks called by the tape (tape.c) and the tensor attribute code (tensor.c): */
#ifndef AG_TEACH_H
#define AG_TEACH_H
#include "tensor.h"

/* tape_record: keep detached aliases of the output value and of constant inputs. */
void teach_record(Interp *I, TapeNode *n, Tensor *out, int nin, Tensor *const *inputs);
/* tape_node_decref: drop them. */
void teach_release(TapeNode *n);
/* accumulate_leaf, before adding g into leaf->grad: note (once per leaf, on stderr) that
 * grads accumulate when the old grad was not zeroed. */
void teach_accumulate(Interp *I, Tensor *leaf);
/* t.grad read while it is None: say why on stderr (once per tensor / place). */
void teach_grad_none(Interp *I, Tensor *t);

/* `:tape [EXPR]` (the REPL's repl_tape_hook). */
void teach_tape_command(Interp *I, const char *expr);

extern const MethodDef teach_builtins[];
#endif
