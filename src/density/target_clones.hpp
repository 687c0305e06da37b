#pragma once
// The hot density loops are built for AVX2 and for baseline x86-64, and the loader picks one
// for the CPU (target_clones). clang 15, Debian 12's and the one the fuzz build uses, then
// leaves inline helpers the clones call undefined at link time: its builds keep the baseline.
#if defined(__clang__) && __clang_major__ <= 15
#define HOTSPOT_AVX2_CLONES
#else
#define HOTSPOT_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#endif
