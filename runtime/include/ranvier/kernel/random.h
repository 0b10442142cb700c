// Counter-based random numbers for generated kernels, identical on host and device.
//
// Every mechanism instance that draws random numbers owns one stream: its variates are a pure
// function of (the run's seed, the instance's stream id, the index of the draw), so they do not
// depend on the number of ranks or threads, on the device, or on the order in which instances
// are processed. The generator is Philox4x32-10 (J. K. Salmon, M. A. Moraes, R. O. Dror and
// D. E. Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11): ten rounds of a bijection of
// a 128-bit counter under a 64-bit key. Here the key is the seed, and the counter holds the draw
// index (low 64 bits) and the stream id (high 64 bits).
#pragma once

#include "ranvier/kernel/math.h"

#include <stdint.h>

namespace ranvier::kernel {

struct Philox4x32 {
    uint32_t v[4];
};

HOST_DEVICE inline Philox4x32 philox4x32_10(Philox4x32 counter, uint32_t key0, uint32_t key1) {
    // The round multipliers and the Weyl key increments of the paper.
    constexpr uint32_t m0 = 0xD2511F53u;
    constexpr uint32_t m1 = 0xCD9E8D57u;
    constexpr uint32_t w0 = 0x9E3779B9u;
    constexpr uint32_t w1 = 0xBB67AE85u;
    uint32_t* c = counter.v;
    for (int round = 0; round < 10; ++round) {
        const uint64_t p0 = static_cast<uint64_t>(m0) * c[0];
        const uint64_t p1 = static_cast<uint64_t>(m1) * c[2];
        const uint32_t hi0 = static_cast<uint32_t>(p0 >> 32), lo0 = static_cast<uint32_t>(p0);
        const uint32_t hi1 = static_cast<uint32_t>(p1 >> 32), lo1 = static_cast<uint32_t>(p1);
        const uint32_t c1 = c[1], c3 = c[3];
        c[0] = hi1 ^ c1 ^ key0;
        c[1] = lo1;
        c[2] = hi0 ^ c3 ^ key1;
        c[3] = lo0;
        key0 += w0;
        key1 += w1;
    }
    return counter;
}

// The four words of draw `index` of stream `stream` under `seed`. Seeds, stream ids and draw
// counters travel through the ABI as doubles: integers below 2^53, exactly represented.
HOST_DEVICE inline Philox4x32 random_words(uint64_t s, uint64_t id, uint64_t n) {
    Philox4x32 counter = {{static_cast<uint32_t>(n), static_cast<uint32_t>(n >> 32),
                           static_cast<uint32_t>(id), static_cast<uint32_t>(id >> 32)}};
    return philox4x32_10(counter, static_cast<uint32_t>(s), static_cast<uint32_t>(s >> 32));
}
HOST_DEVICE inline Philox4x32 random_words(double seed, double stream, double index) {
    return random_words(static_cast<uint64_t>(seed), static_cast<uint64_t>(stream),
                        static_cast<uint64_t>(index));
}

// 52 random bits from two words, as a double strictly inside (0, 1): (k + 1/2) / 2^52. (With 53
// bits the largest value, (2^53 - 1/2) / 2^53, would round to 1.)
HOST_DEVICE inline double open_unit(uint32_t a, uint32_t b) {
    const double k = static_cast<double>(a >> 6) * 67108864.0 + static_cast<double>(b >> 6);
    return (k + 0.5) * (1.0 / 4503599627370496.0);
}

HOST_DEVICE inline double random_uniform(double seed, double stream, double index) {
    const Philox4x32 w = random_words(seed, stream, index);
    return open_unit(w.v[0], w.v[1]);
}

// Exponential of mean 1, by inversion.
HOST_DEVICE inline double random_exponential(double seed, double stream, double index) {
    const Philox4x32 w = random_words(seed, stream, index);
    return -log(open_unit(w.v[0], w.v[1]));
}

// Standard normal, by the Box-Muller transform of the draw's two uniforms (one variate per draw,
// so that every draw consumes exactly one counter value).
HOST_DEVICE inline double random_normal(double seed, double stream, double index) {
    const Philox4x32 w = random_words(seed, stream, index);
    const double radius = sqrt(-2.0 * log(open_unit(w.v[0], w.v[1])));
    return radius * cos(6.283185307179586 * open_unit(w.v[2], w.v[3]));
}

} // namespace ranvier::kernel
