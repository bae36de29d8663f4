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
static inline void *mem_alloc(size_t n);     /* uninitialised; NULL on failure (or n too large) */
void  *mem_calloc(size_t count, size_t n);   /* zeroed; overflow-checked; NULL on failure */
static inline void mem_free(void *p, size_t size); /* size: what was allocated (for the byte count) */
char  *mem_strndup(const char *s, size_t n); /* NUL-terminated copy, size n+1 */
void   mem_strfree(char *s);                 /* frees a mem_strndup'd string */

void   mem_release_caches(void);            /* give cached free blocks back to malloc (at exit) */
size_t mem_live(void);                       /* bytes currently allocated through the funnel */
uint64_t mem_count(void);                    /* number of allocations made so far */
void   mem_fail_at(uint64_t n);              /* make allocation number n (1-based from now) fail; 0 disables */
size_t mem_limit_bytes(void);                /* allocations above this size always fail (MemoryError) */
void   mem_set_limits(size_t one, size_t total); /* lower the per-allocation limit (0 = 16 GiB) and cap
                                                  * live bytes (0 = no cap); for fuzzing */

/* ---- the fast paths, inline: a training step makes some fifty small allocations ----------
 * Small blocks are recycled through per-size free lists (mem.c says why and when). These take
 * a block straight from, or back to, its list when the list allows it and no limit or injected
 * failure is armed; everything else goes through mem_realloc. The counts stay exactly what
 * mem_realloc would make them. Not for use outside mem.h and mem.c: */
#define MEM_GRAIN 16
#define MEM_CLASSES 64   /* blocks of up to 1 KiB (a tape record is about 800 bytes) */
#define MEM_DEPTH 4096   /* blocks kept per class; the rest go back to malloc */
typedef struct MemBlock { struct MemBlock *next; } MemBlock;
extern MemBlock *mem_cache_[MEM_CLASSES + 1];
extern int mem_cache_len_[MEM_CLASSES + 1];
extern int mem_cache_on_;   /* 1 unless a sanitizer build (which must see every free) */
extern int mem_plain_;      /* no live-bytes cap and no injected failure armed */
extern size_t mem_live_bytes_;
extern uint64_t mem_nallocs_;

/* the class serving n bytes, 0: not cached */
static inline int mem_class_(size_t n) {
    return mem_cache_on_ && n <= MEM_GRAIN * MEM_CLASSES ? (int)((n + MEM_GRAIN - 1) / MEM_GRAIN) : 0;
}
static inline void *mem_alloc(size_t n) {
    if (!n) n = 1;
    int c = mem_class_(n);
    MemBlock *b = mem_cache_[c]; /* class 0 never holds blocks */
    if (b && mem_plain_) {
        mem_cache_[c] = b->next;
        mem_cache_len_[c]--;
        mem_nallocs_++;
        mem_live_bytes_ += n;
        return b;
    }
    return mem_realloc(NULL, 0, n);
}
static inline void mem_free(void *p, size_t size) {
    if (!p) return;
    if (!size) size = 1; /* mem_alloc(0) took 1 byte */
    int c = mem_class_(size);
    if (c && mem_cache_len_[c] < MEM_DEPTH) {
        MemBlock *b = p;
        b->next = mem_cache_[c];
        mem_cache_[c] = b;
        mem_cache_len_[c]++;
        mem_live_bytes_ -= size;
        return;
    }
    mem_realloc(p, size, 0);
}
#endif
