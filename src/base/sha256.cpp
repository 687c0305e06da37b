// SHA-256 (FIPS 180-4), dependency-free (GDAL does not install its header). Every input file
// is hashed, and a gzip file's decompressed content too, so at 10 million police.uk rows this
// hashes about 3 GB: the portable rounds ran at ~0.25 GB/s a core, the x86 SHA extensions
// (Intel since Goldmont/Ice Lake, AMD since Zen) at ~1.5-2 GB/s. The CPU is asked once at run
// time; both paths give the same digest (tests/base/test_sha256.cpp compares them).
#include "hotspot/base/errors.hpp"
#include "hotspot/base/sha256_detail.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HOTSPOT_SHA_NI 1
#endif

namespace hotspot {

namespace {

constexpr std::array<std::uint32_t, 64> round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

using State = std::array<std::uint32_t, 8>;

std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void blocks_portable(State& s, const unsigned char* data, std::size_t blocks) {
    for (; blocks > 0; --blocks, data += 64) {
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = (std::uint32_t{data[4 * i]} << 24) | (std::uint32_t{data[4 * i + 1]} << 16) | (std::uint32_t{data[4 * i + 2]} << 8) |
                   std::uint32_t{data[4 * i + 3]};
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + round_constants[i] + w[i];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
    }
}

#ifdef HOTSPOT_SHA_NI
// The SHA extensions keep the state as ABEF/CDGH and do two rounds per sha256rnds2; each group
// of four rounds takes the next four schedule words, computed from the previous sixteen with
// sha256msg1/msg2 (w[t-16] + s0(w[t-15]), then + w[t-7], then + s1(w[t-2])).
__attribute__((target("sha,sse4.1"))) void blocks_sha_ni(State& s, const unsigned char* data, std::size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&s[0])), 0xB1);  // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&s[4])), 0x1B);  // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);     // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);          // CDGH
    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abef = state0, cdgh = state1;
        __m128i w[4];
#pragma GCC unroll 16
        for (int g = 0; g < 16; ++g) {
            if (g < 4) {
                w[g] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * g)), byte_swap);
            } else {
                const __m128i w7 = _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4);
                w[g & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]), w7), w[(g + 3) & 3]);
            }
            const __m128i msg = _mm_add_epi32(w[g & 3], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&round_constants[4 * g])));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);                                  // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);                               // DCHG
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&s[0]), _mm_blend_epi16(tmp, state1, 0xF0));  // DCBA
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&s[4]), _mm_alignr_epi8(state1, tmp, 8));     // HGFE
}

bool cpu_has_sha_ni() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1)) return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return (b & (1u << 29)) != 0;  // CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29]
}
#endif

using BlockFn = void (*)(State&, const unsigned char*, std::size_t);

BlockFn best_blocks() {
#ifdef HOTSPOT_SHA_NI
    static const BlockFn chosen = cpu_has_sha_ni() ? blocks_sha_ni : blocks_portable;
    return chosen;
#else
    return blocks_portable;
#endif
}

class Sha256 {
public:
    explicit Sha256(BlockFn blocks = best_blocks()) : blocks_(blocks) {}
    void update(const unsigned char* data, std::size_t n) {
        bit_count_ += static_cast<std::uint64_t>(n) * 8u;
        if (block_len_ > 0) {  // complete the partial block first
            const std::size_t take = std::min(n, std::size_t{64} - block_len_);
            std::memcpy(block_ + block_len_, data, take);
            block_len_ += take;
            data += take;
            n -= take;
            if (block_len_ < 64) return;
            blocks_(h_, block_, 1);
            block_len_ = 0;
        }
        if (n >= 64) {  // whole blocks straight from the caller's bytes
            blocks_(h_, data, n / 64);
            data += n / 64 * 64;
            n %= 64;
        }
        std::memcpy(block_, data, n);
        block_len_ = n;
    }
    std::string hex_digest() {
        const std::uint64_t bits = bit_count_;
        unsigned char tail[128] = {0x80};
        const std::size_t pad = (block_len_ < 56 ? 56 : 120) - block_len_;
        for (int i = 0; i < 8; ++i) tail[pad + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
        update(tail, pad + 8);  // the length counter is no longer used after this
        std::string out;
        char buf[9];
        for (auto h : h_) {
            std::snprintf(buf, sizeof buf, "%08x", h);
            out += buf;
        }
        return out;
    }

private:
    BlockFn blocks_;
    State h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char block_[64] = {};
    std::size_t block_len_ = 0;
    std::uint64_t bit_count_ = 0;
};

}  // namespace

std::string sha256_hex(std::string_view data) {
    Sha256 sha;
    sha.update(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return sha.hex_digest();
}

namespace detail {
std::string sha256_hex_portable(std::string_view data) {
    Sha256 sha(blocks_portable);
    sha.update(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return sha.hex_digest();
}
bool sha256_uses_cpu_extensions() { return best_blocks() != blocks_portable; }
}  // namespace detail

struct Sha256Stream::Impl {
    Sha256 sha;
};
Sha256Stream::Sha256Stream() : impl_(std::make_unique<Impl>()) {}
Sha256Stream::~Sha256Stream() = default;
void Sha256Stream::update(const char* data, std::size_t n) { impl_->sha.update(reinterpret_cast<const unsigned char*>(data), n); }
std::string Sha256Stream::hex_digest() { return impl_->sha.hex_digest(); }

std::string sha256_file(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw InputError("cannot open " + quote_value(path) + " to checksum it");
    Sha256 sha;
    std::vector<unsigned char> buf(1 << 18);
    std::size_t got = 0;
    while ((got = std::fread(buf.data(), 1, buf.size(), f)) > 0) sha.update(buf.data(), got);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) throw InputError("cannot read " + quote_value(path) + " to checksum it");
    return sha.hex_digest();
}

}  // namespace hotspot
