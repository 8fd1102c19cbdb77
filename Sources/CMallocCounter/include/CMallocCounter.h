#ifndef CMALLOCCOUNTER_H
#define CMALLOCCOUNTER_H
#include <stdint.h>
/// Number of malloc/calloc/realloc/aligned allocations since the process started (Linux, glibc).
uint64_t pfm_malloc_count(void);
/// The same, counted on the calling thread only.
uint64_t pfm_malloc_thread_count(void);
/// 1 when the counting allocator is active (interposition worked), else 0.
int pfm_malloc_counting(void);
#endif
