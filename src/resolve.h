/* resolve.h — names to slots (prefix resolve_).
 *
 * Runs once over a freshly parsed Ast, before evaluation: fills every N_NAME's
 * scope/slot/bslot and every FuncInfo (N_DEF, N_LAMBDA, comprehensions, the module).
 * Python's rules: a name bound anywhere in a function (assignment, for/with/comprehension
 * target, def, import, del, augmented assignment) is local to it unless declared
 * global/nonlocal; names captured by inner functions live in cells; module-level names are
 * slots of `mod` (module_slot), with a fallback slot into the builtins module. */
#ifndef AG_RESOLVE_H
#define AG_RESOLVE_H
#include "diag.h"
#include "interp.h"

/* false: a SyntaxError found (its SyntaxDiag in *diag, msg to free with mem_strfree),
 * or out of memory (diag->msg NULL, MemoryError pending). */
bool resolve_ast(Interp *I, Ast *ast, Module *mod, SyntaxDiag *diag);

#endif
