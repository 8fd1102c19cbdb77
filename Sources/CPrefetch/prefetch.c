// CPrefetch is header-only (one static inline function); SwiftPM needs a source file per C target.
#include "CPrefetch.h"
