// Counts heap allocations for the benchmarks by interposing malloc and friends in the benchmark
// executable (the same approach as ordo-one's malloc-interposer). glibc only; elsewhere the
// counter reports that it is inactive.
#include "CMallocCounter.h"
#if defined(__linux__) && defined(__GLIBC__)
#include <stddef.h>
#include <stdatomic.h>
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);
static _Atomic uint64_t count;
static _Atomic int active;
void *malloc(size_t n) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); active = 1; return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_realloc(p, n); }
void free(void *p) { __libc_free(p); }
int posix_memalign(void **out, size_t align, size_t n) {
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    void *p = __libc_memalign(align, n);
    if (!p) return 12;
    *out = p;
    return 0;
}
void *aligned_alloc(size_t align, size_t n) { atomic_fetch_add_explicit(&count, 1, memory_order_relaxed); return __libc_memalign(align, n); }
uint64_t pfm_malloc_count(void) { return atomic_load(&count); }
int pfm_malloc_counting(void) { return atomic_load(&active); }
#else
uint64_t pfm_malloc_count(void) { return 0; }
int pfm_malloc_counting(void) { return 0; }
#endif
