/* mem.c — the allocation funnel. See mem.h. */
#include "mem.h"
#include <stdlib.h>
#include <string.h>

/* No single allocation may exceed 16 GiB: larger requests (torch.zeros(10**12))
 * become a MemoryError instead of asking the OS for terabytes. */
#define MEM_MAX_ALLOC ((size_t)16 << 30)

static size_t   live_bytes;
static uint64_t n_allocs;
static uint64_t fail_at;    /* absolute allocation number that must fail; 0 = never */
static size_t   max_alloc = MEM_MAX_ALLOC;
static size_t   max_live;   /* 0 = no cap on the total */

size_t mem_limit_bytes(void) { return max_alloc; }
void mem_set_limits(size_t one, size_t total) {
    max_alloc = one && one < MEM_MAX_ALLOC ? one : MEM_MAX_ALLOC;
    max_live = total;
}
size_t mem_live(void) { return live_bytes; }
uint64_t mem_count(void) { return n_allocs; }
void mem_fail_at(uint64_t n) { fail_at = n ? n_allocs + n : 0; }

void *mem_realloc(void *p, size_t old_size, size_t new_size) {
    if (new_size == 0) {
        free(p);
        live_bytes -= old_size;
        return NULL;
    }
    if (new_size > max_alloc) return NULL;
    if (max_live && new_size > old_size && live_bytes + (new_size - old_size) > max_live) return NULL;
    n_allocs++;
    if (fail_at && n_allocs == fail_at) return NULL;
    void *q = realloc(p, new_size);
    if (!q) return NULL;
    live_bytes += new_size - old_size;
    return q;
}

void *mem_alloc(size_t n) { return mem_realloc(NULL, 0, n ? n : 1); }

void *mem_calloc(size_t count, size_t n) {
    if (n && count > MEM_MAX_ALLOC / n) return NULL;
    size_t total = count * n;
    void *p = mem_alloc(total);
    if (p) memset(p, 0, total ? total : 1);
    return p;
}

void mem_free(void *p, size_t size) {
    if (p) mem_realloc(p, size ? size : 1, 0); /* mem_alloc(0) took 1 byte */
}

char *mem_strndup(const char *s, size_t n) {
    char *d = mem_alloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void mem_strfree(char *s) {
    if (s) mem_free(s, strlen(s) + 1);
}
