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

/* Small blocks are recycled through per-size free lists: a training step allocates and
 * frees the same few dozen tensor headers and small storages every iteration, and
 * malloc/free was a third of its time. Every block of a size class is allocated with the
 * class's full size, so any cached block serves any request of its class. Sanitizer builds
 * bypass the cache so that use-after-free stays detectable. */
#if defined(__SANITIZE_ADDRESS__)
#define MEM_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEM_CACHE 0
#endif
#endif
#ifndef MEM_CACHE
#define MEM_CACHE 1
#endif
#define CACHE_GRAIN 16
#define CACHE_CLASSES 64   /* blocks of up to 1 KiB (a tape record is about 700 bytes) */
#define CACHE_DEPTH 4096   /* blocks kept per class; the rest go back to malloc */

typedef struct FreeBlock { struct FreeBlock *next; } FreeBlock;
static FreeBlock *cache[CACHE_CLASSES + 1];
static int cache_len[CACHE_CLASSES + 1];

/* The class that serves a request of n bytes (0: too big to cache). Callers free with the
 * size they allocated (the funnel's contract, checked by the byte count that the leak and
 * out-of-memory tests compare), so the size alone says which class a block belongs to. */
static int size_class(size_t n) {
    return MEM_CACHE && n <= CACHE_GRAIN * CACHE_CLASSES ? (int)((n + CACHE_GRAIN - 1) / CACHE_GRAIN) : 0;
}

static void *raw_alloc(size_t n) {
    int c = size_class(n);
    if (!c) return malloc(n);
    FreeBlock *b = cache[c];
    if (b) {
        cache[c] = b->next;
        cache_len[c]--;
        return b;
    }
    return malloc((size_t)c * CACHE_GRAIN);
}

static void raw_free(void *p, size_t n) {
    int c = size_class(n);
    if (c && cache_len[c] < CACHE_DEPTH) {
        FreeBlock *b = p;
        b->next = cache[c];
        cache[c] = b;
        cache_len[c]++;
        return;
    }
    free(p);
}

void mem_release_caches(void) {
    for (int c = 1; c <= CACHE_CLASSES; c++) {
        while (cache[c]) {
            FreeBlock *b = cache[c];
            cache[c] = b->next;
            free(b);
        }
        cache_len[c] = 0;
    }
}

void *mem_realloc(void *p, size_t old_size, size_t new_size) {
    if (!p) old_size = 0;
    if (new_size == 0) {
        if (p) raw_free(p, old_size ? old_size : 1);
        live_bytes -= old_size;
        return NULL;
    }
    if (new_size > max_alloc) return NULL;
    if (max_live && new_size > old_size && live_bytes + (new_size - old_size) > max_live) return NULL;
    n_allocs++;
    if (fail_at && n_allocs == fail_at) return NULL;
    void *q;
    int oc = p ? size_class(old_size ? old_size : 1) : 0, nc = size_class(new_size);
    if (!p) {
        q = raw_alloc(new_size);
    } else if (oc && oc == nc) {
        q = p; /* the block already has its class's full size */
    } else if (!oc && !nc) {
        q = realloc(p, new_size);
    } else {
        q = raw_alloc(new_size);
        if (!q) return NULL;
        memcpy(q, p, old_size < new_size ? old_size : new_size);
        raw_free(p, old_size ? old_size : 1);
    }
    if (!q) return NULL;
    live_bytes += new_size - old_size;
    return q;
}

/* mem_alloc and mem_free take a cached block straight from (or back to) its free list when
 * no limit or injected failure is armed: a training step makes some sixty allocations, and
 * the general path through mem_realloc cost more than the work they were made for. The
 * counts (live bytes, allocation number) stay exactly what mem_realloc would make them. */
void *mem_alloc(size_t n) {
    if (!n) n = 1;
    int c = size_class(n);
    if (c && cache[c] && !fail_at && !max_live) {
        FreeBlock *b = cache[c];
        cache[c] = b->next;
        cache_len[c]--;
        n_allocs++;
        live_bytes += n;
        return b;
    }
    return mem_realloc(NULL, 0, n);
}

void *mem_calloc(size_t count, size_t n) {
    if (n && count > MEM_MAX_ALLOC / n) return NULL;
    size_t total = count * n;
    void *p = mem_alloc(total);
    if (p) memset(p, 0, total ? total : 1);
    return p;
}

void mem_free(void *p, size_t size) {
    if (!p) return;
    if (!size) size = 1; /* mem_alloc(0) took 1 byte */
    int c = size_class(size);
    if (c && cache_len[c] < CACHE_DEPTH) {
        FreeBlock *b = p;
        b->next = cache[c];
        cache[c] = b;
        cache_len[c]++;
        live_bytes -= size;
        return;
    }
    mem_realloc(p, size, 0);
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
