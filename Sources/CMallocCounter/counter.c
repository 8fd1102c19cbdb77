// Counts heap allocations by interposing malloc and friends in the executable that links this
// target (the same approach as ordo-one's malloc-interposer): the benchmark binary, and the test
// binary for the allocation tests. glibc only, and never under a sanitizer (which interposes
// malloc itself); elsewhere the counter reports that it is inactive.
#include "CMallocCounter.h"
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PFM_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PFM_SANITIZED 1
#endif
#if defined(__linux__) && defined(__GLIBC__) && !defined(PFM_SANITIZED)
#include <stddef.h>
#include <stdatomic.h>
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);
static _Atomic uint64_t count;
static _Atomic int active;
// Per thread, so that a test can count its own allocations while other tests run.
static _Thread_local uint64_t thread_count;
static inline void counted(void) {
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    thread_count += 1;
}
void *malloc(size_t n) { counted(); active = 1; return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { counted(); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { counted(); return __libc_realloc(p, n); }
void free(void *p) { __libc_free(p); }
int posix_memalign(void **out, size_t align, size_t n) {
    counted();
    void *p = __libc_memalign(align, n);
    if (!p) return 12;
    *out = p;
    return 0;
}
void *aligned_alloc(size_t align, size_t n) { counted(); return __libc_memalign(align, n); }
uint64_t pfm_malloc_count(void) { return atomic_load(&count); }
uint64_t pfm_malloc_thread_count(void) { return thread_count; }
int pfm_malloc_counting(void) { return atomic_load(&active); }
#else
uint64_t pfm_malloc_count(void) { return 0; }
uint64_t pfm_malloc_thread_count(void) { return 0; }
int pfm_malloc_counting(void) { return 0; }
#endif
