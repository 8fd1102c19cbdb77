#ifndef CPREFETCH_H
#define CPREFETCH_H
/// Asks the processor to start loading the cache line that holds `p` (kept in every cache level).
/// A hint only: it never faults, even on an invalid address, and changes no result.
static inline void pfm_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }
#endif
