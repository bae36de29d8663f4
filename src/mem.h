/* mem.h — the one allocation funnel (prefix mem_).
 *
 * Every heap allocation in agrepl goes through mem_realloc so that
 *  - live bytes are counted (leak checks in tests: mem_live() == 0 after teardown),
 *  - a test can make the Nth allocation fail (mem_fail_at) to exercise out-of-memory paths.
 * On failure these functions return NULL; callers turn that into a MemoryError
 * (err_nomem in interp.h) and unwind normally. They never abort. */
#ifndef AG_MEM_H
#define AG_MEM_H
#include <stddef.h>
#include <stdint.h>

void  *mem_realloc(void *p, size_t old_size, size_t new_size); /* new_size 0 frees; NULL on failure */
void  *mem_alloc(size_t n);                  /* uninitialised; NULL on failure (or n too large) */
void  *mem_calloc(size_t count, size_t n);   /* zeroed; overflow-checked; NULL on failure */
void   mem_free(void *p, size_t size);       /* size: what was allocated (for the byte count) */
char  *mem_strndup(const char *s, size_t n); /* NUL-terminated copy, size n+1 */
void   mem_strfree(char *s);                 /* frees a mem_strndup'd string */

void   mem_release_caches(void);            /* give cached free blocks back to malloc (at exit) */
size_t mem_live(void);                       /* bytes currently allocated through the funnel */
uint64_t mem_count(void);                    /* number of allocations made so far */
void   mem_fail_at(uint64_t n);              /* make allocation number n (1-based from now) fail; 0 disables */
size_t mem_limit_bytes(void);                /* allocations above this size always fail (MemoryError) */
void   mem_set_limits(size_t one, size_t total); /* lower the per-allocation limit (0 = 16 GiB) and cap
                                                  * live bytes (0 = no cap); for fuzzing */
#endif
