/* repl.h — the interactive prompt (prefix repl_): GNU Readline editing, continuation lines,
 * bracketed paste, history, tab completion, Ctrl-C, and the colon commands (SPEC §3).
 *
 * The REPL is a thin shell over interp_exec: it hands over the text of the current entry
 * and asks for another line while interp_exec answers RUN_INCOMPLETE. It never inspects the
 * text to decide that.
 *
 * What it sends, and so what the parser must decide:
 *  - Typed lines: the entry so far, each line ending in "\n", with EXEC_REPL. A blank or
 *    whitespace-only typed line is sent as an empty line, so an entry the user ends with a
 *    blank line arrives as "...\n\n": in EXEC_REPL mode, a text whose last line is empty must
 *    close every open block (and still be RUN_INCOMPLETE inside a bracket or string).
 *  - A pasted block (readline's bracketed paste) or a recalled multi-line history entry:
 *    the text as is (blank lines kept, "\r\n" made "\n") plus one blank line, with
 *    EXEC_PASTE: file semantics, the end of the text closes the blocks; RUN_INCOMPLETE only
 *    inside a bracket or string (or right after a block header). */
#ifndef AG_REPL_H
#define AG_REPL_H
#include <stdbool.h>
#include "interp.h"

/* Run the prompt until Ctrl-D on an empty line or :quit; returns the process exit status (0).
 * banner: print the greeting first (only when stdin is a terminal). When stdin is not a
 * terminal it reads lines with getline, with the same entry logic but no prompts or banner. */
int repl_run(Interp *I, bool banner);

/* `:tape [EXPR]` calls this hook (expr is "" when absent). Set by the tape code; when NULL
 * the command says it is not available yet. */
extern void (*repl_tape_hook)(Interp *I, const char *expr);

#endif
