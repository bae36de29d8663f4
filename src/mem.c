/* mem.c — the allocation funnel. See mem.h. */
#include "mem.h"
#include <stdlib.h>
#include <string.h>

/* No single allocation may exceed 16 GiB: larger requests (torch.zeros(10**12))
 * become a MemoryError instead of asking the OS for terabytes. */
#define MEM_MAX_ALLOC ((size_t)16 << 30)

size_t   mem_live_bytes_;
uint64_t mem_nallocs_;
static uint64_t fail_at;    /* absolute allocation number that must fail; 0 = never */
static size_t   max_alloc = MEM_MAX_ALLOC;
static size_t   max_live;   /* 0 = no cap on the total */
int mem_plain_ = 1;         /* !fail_at && !max_live, kept for the inline fast path */

size_t mem_limit_bytes(void) { return max_alloc; }
void mem_set_limits(size_t one, size_t total) {
    max_alloc = one && one < MEM_MAX_ALLOC ? one : MEM_MAX_ALLOC;
    max_live = total;
    mem_plain_ = !fail_at && !max_live;
}
size_t mem_live(void) { return mem_live_bytes_; }
uint64_t mem_count(void) { return mem_nallocs_; }
void mem_fail_at(uint64_t n) {
    fail_at = n ? mem_nallocs_ + n : 0;
    mem_plain_ = !fail_at && !max_live;
}

/* Small blocks are recycled through per-size free lists (the fast paths are in mem.h): a
 * training step allocates and frees the same few dozen tensor headers and small storages
 * every iteration, and malloc/free was a third of its time. Every block of a size class is
 * allocated with the class's full size, so any cached block serves any request of its class.
 * Callers free with the size they allocated (the funnel's contract, checked by the byte count
 * that the leak and out-of-memory tests compare), so the size alone says which class a block
 * belongs to. Sanitizer builds bypass the cache so that use-after-free stays detectable. */
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
MemBlock *mem_cache_[MEM_CLASSES + 1];
int mem_cache_len_[MEM_CLASSES + 1];
int mem_cache_on_ = MEM_CACHE;

static void *raw_alloc(size_t n) {
    int c = mem_class_(n);
    if (!c) return malloc(n);
    MemBlock *b = mem_cache_[c];
    if (b) {
        mem_cache_[c] = b->next;
        mem_cache_len_[c]--;
        return b;
    }
    return malloc((size_t)c * MEM_GRAIN);
}

static void raw_free(void *p, size_t n) {
    int c = mem_class_(n);
    if (c && mem_cache_len_[c] < MEM_DEPTH) {
        MemBlock *b = p;
        b->next = mem_cache_[c];
        mem_cache_[c] = b;
        mem_cache_len_[c]++;
        return;
    }
    free(p);
}

void mem_release_caches(void) {
    for (int c = 1; c <= MEM_CLASSES; c++) {
        while (mem_cache_[c]) {
            MemBlock *b = mem_cache_[c];
            mem_cache_[c] = b->next;
            free(b);
        }
        mem_cache_len_[c] = 0;
    }
}

void *mem_realloc(void *p, size_t old_size, size_t new_size) {
    if (!p) old_size = 0;
    if (new_size == 0) {
        if (p) raw_free(p, old_size ? old_size : 1);
        mem_live_bytes_ -= old_size;
        return NULL;
    }
    if (new_size > max_alloc) return NULL;
    if (max_live && new_size > old_size && mem_live_bytes_ + (new_size - old_size) > max_live) return NULL;
    mem_nallocs_++;
    if (fail_at && mem_nallocs_ == fail_at) return NULL;
    void *q;
    int oc = p ? mem_class_(old_size ? old_size : 1) : 0, nc = mem_class_(new_size);
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
    mem_live_bytes_ += new_size - old_size;
    return q;
}

void *mem_calloc(size_t count, size_t n) {
    if (n && count > MEM_MAX_ALLOC / n) return NULL;
    size_t total = count * n;
    void *p = mem_alloc(total);
    if (p) memset(p, 0, total ? total : 1);
    return p;
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
