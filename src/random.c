/* random.c — the `random` module: CPython 3.11's Mersenne Twister and Lib/random.py (prefix rnd_).
 *
 * The same seed gives the same numbers as CPython: MT19937 seeded by init_by_array with the
 * 32-bit chunks of abs(seed) (Modules/_randommodule.c), random() from two 32-bit draws with
 * 53-bit resolution, and randrange / randint / choice / shuffle / sample / choices / gauss
 * exactly as Lib/random.py does them (_randbelow_with_getrandbits, sample's set-or-pool
 * branch, gauss's cached second value).
 *
 * Each `random.Random` object carries its own state; the module functions are methods bound
 * to one hidden instance made at import (seeded from /dev/urandom), as in CPython. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "eval.h"
#include "mem.h"

#define MT_N 624
#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

typedef struct RandomObj {
    Obj h;
    int index;
    uint32_t mt[MT_N];
    bool has_gauss;       /* gauss_next is not None */
    double gauss_next;
} RandomObj;

static const MethodDef rnd_methods[];

static void rnd_free(Obj *o) { obj_dealloc(o, sizeof(RandomObj)); }

static bool rnd_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<random.Random object at %p>", (void *)AS_OBJ(self));
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static const ObjClass rnd_class = {
    .name = "Random",
    .free = rnd_free,
    .repr = rnd_repr,
    .methods = rnd_methods,
};

/* ---- the generator (Modules/_randommodule.c) ------------------------------------------ */
static uint32_t rnd_genrand(RandomObj *r) {
    static const uint32_t mag01[2] = {0x0U, MATRIX_A};
    uint32_t y, *mt = r->mt;
    if (r->index >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        y = (mt[MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
        r->index = 0;
    }
    y = mt[r->index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

static double rnd_res53(RandomObj *r) {
    uint32_t a = rnd_genrand(r) >> 5, b = rnd_genrand(r) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

static void rnd_init_genrand(RandomObj *r, uint32_t s) {
    uint32_t *mt = r->mt;
    mt[0] = s;
    int i;
    for (i = 1; i < MT_N; i++) mt[i] = (1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i);
    r->index = i;
}

static void rnd_init_by_array(RandomObj *r, const uint32_t *key, size_t len) {
    uint32_t *mt = r->mt;
    rnd_init_genrand(r, 19650218U);
    size_t i = 1, j = 0, k = MT_N > len ? MT_N : len;
    for (; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++; j++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
        if (j >= len) j = 0;
    }
    for (k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
    }
    mt[0] = 0x80000000U;
}

/* seed(None): the OS's entropy, else the time and the process id (random_seed_urandom). */
static void rnd_seed_entropy(RandomObj *r) {
    uint32_t key[MT_N];
    FILE *f = fopen("/dev/urandom", "rb");
    bool ok = f && fread(key, sizeof key, 1, f) == 1;
    if (f) fclose(f);
    if (ok) { rnd_init_by_array(r, key, MT_N); return; }
    struct timespec ts, mono;
    clock_gettime(CLOCK_REALTIME, &ts);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    uint64_t mon = (uint64_t)mono.tv_sec * 1000000000u + (uint64_t)mono.tv_nsec;
    uint32_t k5[5] = {(uint32_t)now, (uint32_t)(now >> 32), (uint32_t)getpid(), (uint32_t)mon, (uint32_t)(mon >> 32)};
    rnd_init_by_array(r, k5, 5);
}

/* An unsigned seed of up to 64 bits, split into 32-bit chunks from the right. */
static void rnd_seed_u64(RandomObj *r, uint64_t n) {
    uint32_t key[2] = {(uint32_t)n, (uint32_t)(n >> 32)};
    rnd_init_by_array(r, key, (n >> 32) ? 2 : 1);
}

/* A big-endian byte string read as an unsigned int (int.from_bytes), then seeded as above. */
static bool rnd_seed_bytes(Interp *I, RandomObj *r, const unsigned char *b, size_t len) {
    while (len && b[0] == 0) { b++; len--; }
    size_t words = len ? (len + 3) / 4 : 1;
    uint32_t *key = mem_alloc(words * 4);
    if (!key) { err_nomem(I); return false; }
    for (size_t w = 0; w < words; w++) {
        uint32_t v = 0;
        for (int byte = 3; byte >= 0; byte--) {
            size_t pos = w * 4 + (size_t)byte; /* counted from the least significant end */
            v = (v << 8) | (pos < len ? b[len - 1 - pos] : 0);
        }
        key[w] = v;
    }
    rnd_init_by_array(r, key, words);
    mem_free(key, words * 4);
    return true;
}

/* ---- SHA-512, for str seeds (random.seed("text") hashes the text as CPython does) ----- */
static const uint64_t sha_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL,
    0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL, 0x12835b0145706fbeULL,
    0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL, 0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
    0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL, 0x983e5152ee66dfabULL,
    0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
    0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL,
    0x53380d139d95b3dfULL, 0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
    0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL, 0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL,
    0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL,
    0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL, 0xca273eceea26619cULL,
    0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL,
    0x113f9804bef90daeULL, 0x1b710b35131c471bULL, 0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
    0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};
#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void sha512_block(uint64_t h[8], const unsigned char *p) {
    uint64_t w[80];
    for (int t = 0; t < 16; t++) {
        w[t] = 0;
        for (int b = 0; b < 8; b++) w[t] = (w[t] << 8) | p[t * 8 + b];
    }
    for (int t = 16; t < 80; t++) {
        uint64_t s0 = ROR64(w[t - 15], 1) ^ ROR64(w[t - 15], 8) ^ (w[t - 15] >> 7);
        uint64_t s1 = ROR64(w[t - 2], 19) ^ ROR64(w[t - 2], 61) ^ (w[t - 2] >> 6);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 80; t++) {
        uint64_t S1 = ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = hh + S1 + ch + sha_k[t] + w[t];
        uint64_t S0 = ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39);
        uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = S0 + maj;
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha512(const unsigned char *msg, size_t len, unsigned char out[64]) {
    uint64_t h[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                     0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
    size_t full = len / 128;
    for (size_t i = 0; i < full; i++) sha512_block(h, msg + i * 128);
    unsigned char tail[256];
    size_t rem = len - full * 128;
    memset(tail, 0, sizeof tail);
    if (rem) memcpy(tail, msg + full * 128, rem);
    tail[rem] = 0x80;
    size_t tlen = rem + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)len * 8; /* the high 64 bits of the 128-bit length stay 0 */
    for (int b = 0; b < 8; b++) tail[tlen - 1 - b] = (unsigned char)(bits >> (8 * b));
    sha512_block(h, tail);
    if (tlen == 256) sha512_block(h, tail + 128);
    for (int i = 0; i < 8; i++)
        for (int b = 0; b < 8; b++) out[i * 8 + b] = (unsigned char)(h[i] >> (56 - 8 * b));
}

/* ---- helpers ----------------------------------------------------------------------------- */
static RandomObj *self_of(const Value *argv) { return (RandomObj *)AS_OBJ(argv[0]); }

/* Bind the arguments after self. */
static bool rnd_args(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw, int n,
                     const char *const *names, int req, Value *out) {
    return nat_args(I, fname, argc - 1, argv + 1, kw, n, names, req, out);
}
#define ARGS(fname, n, req, ...)                                \
    static const char *const names_[] = {__VA_ARGS__};         \
    Value a[n];                                                 \
    if (!rnd_args(I, fname, argc, argv, kw, n, names_, req, a)) return VAL_ERR; \
    RandomObj *R = self_of(argv)

static bool num_arg(Interp *I, Value v, double *out) {
    switch (v.kind) {
    case V_INT: *out = (double)v.as.i; return true;
    case V_FLOAT: *out = v.as.f; return true;
    case V_BOOL: *out = v.as.b; return true;
    default: break;
    }
    if (IS_OBJ(v) && AS_OBJ(v)->cls->to_float) {
        Value f = AS_OBJ(v)->cls->to_float(I, v);
        if (IS_ERR(f)) return false;
        if (IS_FLOAT(f)) { *out = f.as.f; return true; }
        if (IS_INT(f)) { *out = (double)f.as.i; return true; }
        val_decref(f);
    }
    err_raise(I, EXC_TypeError, "must be real number, not %s", val_type_name(v));
    return false;
}

/* getrandbits(k) for 0 <= k <= 64: 32-bit words from the least significant end. */
static uint64_t rnd_bits(RandomObj *r, int k) {
    if (k == 0) return 0;
    if (k <= 32) return rnd_genrand(r) >> (32 - k);
    uint64_t lo = rnd_genrand(r);
    uint64_t hi = rnd_genrand(r) >> (64 - k);
    return lo | (hi << 32);
}

/* _randbelow_with_getrandbits: a uniform int in [0, n), n >= 1. */
static uint64_t rnd_below(RandomObj *r, uint64_t n) {
    int k = 64 - __builtin_clzll(n);
    uint64_t x = rnd_bits(r, k);
    while (x >= n) x = rnd_bits(r, k);
    return x;
}

/* randrange's argument conversion: an int, or (deprecated) an integral float. */
static bool rr_index(Interp *I, Value v, int64_t *out, const char *which) {
    if (IS_FLOAT(v)) {
        double d = v.as.f;
        if (!isfinite(d)) {
            err_raise(I, isnan(d) ? EXC_ValueError : EXC_OverflowError,
                      isnan(d) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
            return false;
        }
        if (d != floor(d)) { err_raise(I, EXC_ValueError, "non-integer %s for randrange()", which); return false; }
        if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
            err_raise(I, EXC_OverflowError, "int too large to convert to 64-bit integer");
            return false;
        }
        *out = (int64_t)d;
        return true;
    }
    return val_as_index(I, v, out);
}

static Value rnd_overflow(Interp *I) { return err_raise(I, EXC_OverflowError, "integer overflow"); }

/* randrange(start, stop, step) after conversion; has_stop false: randrange(start). */
static Value rnd_range(Interp *I, RandomObj *R, int64_t istart, bool has_stop, int64_t istop, int64_t istep) {
    if (!has_stop) {
        if (istart > 0) return val_int((int64_t)rnd_below(R, (uint64_t)istart));
        return err_raise(I, EXC_ValueError, "empty range for randrange()");
    }
    int64_t width;
    if (__builtin_sub_overflow(istop, istart, &width)) return rnd_overflow(I);
    if (istep == 1) {
        if (width > 0) return val_int(istart + (int64_t)rnd_below(R, (uint64_t)width));
        return err_raise(I, EXC_ValueError, "empty range for randrange() (%lld, %lld, %lld)", (long long)istart,
                         (long long)istop, (long long)width);
    }
    int64_t n;
    if (istep > 0) {
        if (__builtin_add_overflow(width, istep - 1, &n)) return rnd_overflow(I);
    } else if (istep < 0) {
        if (__builtin_add_overflow(width, istep + 1, &n)) return rnd_overflow(I);
    } else {
        return err_raise(I, EXC_ValueError, "zero step for randrange()");
    }
    /* floor division */
    int64_t q = n / istep;
    if ((n % istep != 0) && ((n < 0) != (istep < 0))) q--;
    if (q <= 0) return err_raise(I, EXC_ValueError, "empty range for randrange()");
    int64_t pick = (int64_t)rnd_below(R, (uint64_t)q), off, res;
    if (__builtin_mul_overflow(istep, pick, &off) || __builtin_add_overflow(istart, off, &res)) return rnd_overflow(I);
    return val_int(res);
}

/* ---- methods (argv[0] is the Random object) ---------------------------------------------- */
static Value rnd_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("seed", 2, 0, "a", "version");
    Value s = a[0];
    int64_t version = 2;
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &version)) return VAL_ERR;
    if (IS_UNDEF(s) || IS_NONE(s)) {
        rnd_seed_entropy(R);
    } else if (IS_INT(s) || IS_BOOL(s)) {
        int64_t x = IS_INT(s) ? s.as.i : s.as.b;
        rnd_seed_u64(R, x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x);
    } else if (IS_FLOAT(s)) {
        uint64_t h;
        if (!val_hash(I, s, &h)) return VAL_ERR;
        rnd_seed_u64(R, h); /* the hash, cast to unsigned */
    } else if (IS_A(s, str_class)) {
        Str *t = (Str *)AS_OBJ(s);
        if (version == 1) {
            /* the narrow version-1 hash over the code points (latin-1 text in practice) */
            const unsigned char *p = (const unsigned char *)t->data, *end = p + t->len;
            uint64_t x = 0;
            int64_t ncp = 0;
            bool first = true;
            while (p < end) {
                uint32_t c = *p++;
                int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
                if (more) c &= 0x3F >> more;
                while (more-- && p < end) c = (c << 6) | (*p++ & 0x3F);
                if (first) { x = (uint64_t)c << 7; first = false; }
                x = (1000003 * x) ^ c;
                ncp++;
            }
            x ^= (uint64_t)ncp;
            rnd_seed_u64(R, x);
        } else {
            size_t len = (size_t)t->len;
            unsigned char *buf = mem_alloc(len + 64);
            if (!buf) return err_nomem(I);
            memcpy(buf, t->data, len);
            sha512((const unsigned char *)t->data, len, buf + len);
            bool ok = rnd_seed_bytes(I, R, buf, len + 64);
            mem_free(buf, len + 64);
            if (!ok) return VAL_ERR;
        }
    } else {
        return err_raise(I, EXC_TypeError, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    }
    R->has_gauss = false;
    return VAL_NONE;
}

static Value rnd_random(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!rnd_args(I, "random", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_float(rnd_res53(self_of(argv)));
}

static Value rnd_getrandbits(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("getrandbits", 1, 1, "k");
    int64_t k;
    if (!val_as_index(I, a[0], &k)) return VAL_ERR;
    if (k < 0) return err_raise(I, EXC_ValueError, "number of bits must be non-negative");
    if (k > 64) return err_raise(I, EXC_OverflowError, "getrandbits(%lld) does not fit in a 64-bit ag int", (long long)k);
    uint64_t x = rnd_bits(R, (int)k);
    if (x > (uint64_t)INT64_MAX) return err_raise(I, EXC_OverflowError, "getrandbits() result does not fit in a 64-bit ag int");
    return val_int((int64_t)x);
}

static Value rnd_randrange(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("randrange", 3, 1, "start", "stop", "step");
    int64_t start, stop = 0, step = 1;
    if (!rr_index(I, a[0], &start, "arg 1")) return VAL_ERR;
    bool has_stop = !IS_UNDEF(a[1]) && !IS_NONE(a[1]);
    if (!has_stop) {
        if (!IS_UNDEF(a[2])) return err_raise(I, EXC_TypeError, "Missing a non-None stop argument");
        return rnd_range(I, R, start, false, 0, 1);
    }
    if (!rr_index(I, a[1], &stop, "stop")) return VAL_ERR;
    if (!IS_UNDEF(a[2]) && !rr_index(I, a[2], &step, "step")) return VAL_ERR;
    return rnd_range(I, R, start, true, stop, step);
}

static Value rnd_randint(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("randint", 2, 2, "a", "b");
    int64_t lo, hi, hi1;
    if (!rr_index(I, a[0], &lo, "arg 1") || !rr_index(I, a[1], &hi, "stop")) return VAL_ERR;
    if (__builtin_add_overflow(hi, 1, &hi1)) return rnd_overflow(I);
    return rnd_range(I, R, lo, true, hi1, 1);
}

static Value rnd_uniform(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("uniform", 2, 2, "a", "b");
    double x, y;
    if (!num_arg(I, a[0], &x) || !num_arg(I, a[1], &y)) return VAL_ERR;
    double d;
    int64_t di;
    if ((IS_INT(a[0]) || IS_BOOL(a[0])) && (IS_INT(a[1]) || IS_BOOL(a[1])) &&
        !__builtin_sub_overflow(IS_INT(a[1]) ? a[1].as.i : a[1].as.b, IS_INT(a[0]) ? a[0].as.i : a[0].as.b, &di))
        d = (double)di; /* b - a exactly, then to float, as Python's int arithmetic does */
    else
        d = y - x;
    return val_float(x + d * rnd_res53(R));
}

static Value rnd_triangular(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("triangular", 3, 0, "low", "high", "mode");
    double low = 0.0, high = 1.0, mode = 0.0;
    if (!IS_UNDEF(a[0]) && !num_arg(I, a[0], &low)) return VAL_ERR;
    if (!IS_UNDEF(a[1]) && !num_arg(I, a[1], &high)) return VAL_ERR;
    bool has_mode = !IS_UNDEF(a[2]) && !IS_NONE(a[2]);
    if (has_mode && !num_arg(I, a[2], &mode)) return VAL_ERR;
    double u = rnd_res53(R), c;
    if (!has_mode) c = 0.5;
    else if (high - low == 0.0) return val_float(low);
    else c = (mode - low) / (high - low);
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = low; low = high; high = t;
    }
    return val_float(low + (high - low) * sqrt(u * c));
}

static Value rnd_gauss(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("gauss", 2, 0, "mu", "sigma");
    double mu = 0.0, sigma = 1.0;
    if (!IS_UNDEF(a[0]) && !num_arg(I, a[0], &mu)) return VAL_ERR;
    if (!IS_UNDEF(a[1]) && !num_arg(I, a[1], &sigma)) return VAL_ERR;
    double z;
    if (R->has_gauss) {
        z = R->gauss_next;
        R->has_gauss = false;
    } else {
        double x2pi = rnd_res53(R) * (2.0 * M_PI);
        double g2rad = sqrt(-2.0 * log(1.0 - rnd_res53(R)));
        z = cos(x2pi) * g2rad;
        R->gauss_next = sin(x2pi) * g2rad;
        R->has_gauss = true;
    }
    return val_float(mu + z * sigma);
}

static Value rnd_normalvariate(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("normalvariate", 2, 0, "mu", "sigma");
    double mu = 0.0, sigma = 1.0;
    if (!IS_UNDEF(a[0]) && !num_arg(I, a[0], &mu)) return VAL_ERR;
    if (!IS_UNDEF(a[1]) && !num_arg(I, a[1], &sigma)) return VAL_ERR;
    const double magic = 4 * exp(-0.5) / sqrt(2.0); /* NV_MAGICCONST */
    double z;
    for (;;) {
        double u1 = rnd_res53(R);
        double u2 = 1.0 - rnd_res53(R);
        z = magic * (u1 - 0.5) / u2;
        double zz = z * z / 4.0;
        if (zz <= -log(u2)) break;
    }
    return val_float(mu + z * sigma);
}

static Value rnd_expovariate(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("expovariate", 1, 1, "lambd");
    double l;
    if (!num_arg(I, a[0], &l)) return VAL_ERR;
    double u = rnd_res53(R);
    if (l == 0.0) return err_raise(I, EXC_ZeroDivisionError, "float division by zero");
    return val_float(-log(1.0 - u) / l);
}

static Value rnd_choice(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("choice", 1, 1, "seq");
    int64_t n = val_len(I, a[0]);
    if (n < 0) return VAL_ERR;
    if (n == 0) return err_raise(I, EXC_IndexError, "Cannot choose from an empty sequence");
    return val_getitem(I, a[0], val_int((int64_t)rnd_below(R, (uint64_t)n)));
}

static Value rnd_shuffle(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("shuffle", 1, 1, "x");
    Value x = a[0];
    int64_t n = val_len(I, x);
    if (n < 0) return VAL_ERR;
    if (IS_A(x, list_class)) {
        List *l = (List *)AS_OBJ(x);
        for (int64_t i = n - 1; i >= 1; i--) {
            int64_t j = (int64_t)rnd_below(R, (uint64_t)i + 1);
            if (i >= l->len || j >= l->len) return err_raise(I, EXC_IndexError, "list index out of range");
            Value t = l->items[i]; l->items[i] = l->items[j]; l->items[j] = t;
        }
        return VAL_NONE;
    }
    for (int64_t i = n - 1; i >= 1; i--) {
        int64_t j = (int64_t)rnd_below(R, (uint64_t)i + 1);
        Value xj = val_getitem(I, x, val_int(j));
        if (IS_ERR(xj)) return VAL_ERR;
        Value xi = val_getitem(I, x, val_int(i));
        if (IS_ERR(xi)) { val_decref(xj); return VAL_ERR; }
        bool ok = val_setitem(I, x, val_int(i), xj) && val_setitem(I, x, val_int(j), xi);
        val_decref(xi);
        val_decref(xj);
        if (!ok) return VAL_ERR;
    }
    return VAL_NONE;
}

/* A small open-addressing set of non-negative ints (sample's `selected`). */
typedef struct { int64_t *slot; size_t cap; } IntSet;
static bool iset_add(IntSet *s, int64_t v) { /* false: already there */
    size_t m = s->cap - 1, i = ((uint64_t)v * 0x9E3779B97F4A7C15ULL >> 17) & m;
    while (s->slot[i] >= 0) {
        if (s->slot[i] == v) return false;
        i = (i + 1) & m;
    }
    s->slot[i] = v;
    return true;
}

/* population[i] for the sequences sample accepts. */
static Value seq_item(Interp *I, Value pop, int64_t i) {
    if (IS_A(pop, range_class)) {
        Range *r = (Range *)AS_OBJ(pop);
        return val_int(r->start + i * r->step);
    }
    return val_getitem(I, pop, val_int(i));
}

static Value rnd_sample_impl(Interp *I, RandomObj *R, Value pop, int64_t k);

static Value rnd_sample(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("sample", 3, 2, "population", "k", "counts");
    Value pop = a[0];
    if (!(IS_A(pop, list_class) || IS_A(pop, tuple_class) || IS_A(pop, str_class) || IS_A(pop, range_class)))
        return err_raise(I, EXC_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    int64_t k;
    if (!val_as_index(I, a[1], &k)) return VAL_ERR;
    if (IS_UNDEF(a[2]) || IS_NONE(a[2])) return rnd_sample_impl(I, R, pop, k);
    /* counts: sample positions in the expanded population, then map them back with bisect */
    int64_t n = val_len(I, pop);
    if (n < 0) return VAL_ERR;
    List *cum = list_from_iter(I, a[2]);
    if (!cum) return VAL_ERR;
    Value result = VAL_ERR;
    int64_t *acc = NULL;
    size_t accbytes = sizeof(int64_t) * (size_t)(cum->len ? cum->len : 1);
    acc = mem_alloc(accbytes);
    if (!acc) { err_nomem(I); goto out; }
    int64_t total = 0;
    for (int64_t i = 0; i < cum->len; i++) {
        int64_t c;
        if (!IS_INT(cum->items[i]) && !IS_BOOL(cum->items[i])) {
            err_raise(I, EXC_TypeError, "Counts must be integers");
            goto out;
        }
        c = IS_INT(cum->items[i]) ? cum->items[i].as.i : cum->items[i].as.b;
        if (__builtin_add_overflow(total, c, &total)) { rnd_overflow(I); goto out; }
        acc[i] = total;
    }
    if (cum->len != n) { err_raise(I, EXC_ValueError, "The number of counts does not match the population"); goto out; }
    if (total <= 0) { err_raise(I, EXC_ValueError, "Total of counts must be greater than zero"); goto out; }
    Range *rg = range_new(I, 0, total, 1);
    if (!rg) goto out;
    Value sel = rnd_sample_impl(I, R, val_obj(rg), k);
    obj_decref((Obj *)rg);
    if (IS_ERR(sel)) goto out;
    List *sl = (List *)AS_OBJ(sel);
    for (int64_t i = 0; i < sl->len; i++) {
        int64_t s = sl->items[i].as.i, lo = 0, hi = n - 1; /* bisect_right over cum_counts[:-1] */
        while (lo < hi) {
            int64_t mid = (lo + hi) / 2;
            if (s < acc[mid]) hi = mid; else lo = mid + 1;
        }
        Value item = seq_item(I, pop, lo);
        if (IS_ERR(item)) { val_decref(sel); goto out; }
        val_decref(sl->items[i]);
        sl->items[i] = item;
    }
    result = sel;
out:
    if (acc) mem_free(acc, accbytes);
    obj_decref((Obj *)cum);
    return result;
}

static Value rnd_sample_impl(Interp *I, RandomObj *R, Value pop, int64_t k) {
    int64_t n = val_len(I, pop);
    if (n < 0) return VAL_ERR;
    if (!(0 <= k && k <= n)) return err_raise(I, EXC_ValueError, "Sample larger than population or is negative");
    List *result = list_new(I, k);
    if (!result) return VAL_ERR;
    int64_t setsize = 21;
    if (k > 5) setsize += (int64_t)pow(4.0, ceil(log((double)(k * 3)) / log(4.0)));
    if (n <= setsize) {
        List *pool = list_from_iter(I, pop);
        if (!pool) { obj_decref((Obj *)result); return VAL_ERR; }
        for (int64_t i = 0; i < k; i++) {
            int64_t j = (int64_t)rnd_below(R, (uint64_t)(n - i));
            if (!list_append(I, result, pool->items[j])) { obj_decref((Obj *)pool); obj_decref((Obj *)result); return VAL_ERR; }
            Value t = pool->items[j]; pool->items[j] = pool->items[n - i - 1]; pool->items[n - i - 1] = t;
        }
        obj_decref((Obj *)pool);
        return val_obj(result);
    }
    IntSet s;
    s.cap = 16;
    while (s.cap < (size_t)k * 2 + 2) s.cap *= 2;
    s.slot = mem_alloc(s.cap * sizeof(int64_t));
    if (!s.slot) { obj_decref((Obj *)result); return err_nomem(I); }
    for (size_t i = 0; i < s.cap; i++) s.slot[i] = -1;
    for (int64_t i = 0; i < k; i++) {
        int64_t j = (int64_t)rnd_below(R, (uint64_t)n);
        while (!iset_add(&s, j)) j = (int64_t)rnd_below(R, (uint64_t)n);
        Value item = seq_item(I, pop, j);
        bool ok = !IS_ERR(item) && list_append(I, result, item);
        val_decref(item);
        if (!ok) { mem_free(s.slot, s.cap * sizeof(int64_t)); obj_decref((Obj *)result); return VAL_ERR; }
    }
    mem_free(s.slot, s.cap * sizeof(int64_t));
    return val_obj(result);
}

/* weights as cumulative doubles (itertools.accumulate; exact for ints below 2**53);
 * already: they are cumulative weights, only converted. */
static double *accumulate(Interp *I, Value w, int64_t *len, bool already) {
    List *l = list_from_iter(I, w);
    if (!l) return NULL;
    double *acc = mem_alloc(sizeof(double) * (size_t)(l->len ? l->len : 1));
    if (!acc) { obj_decref((Obj *)l); err_nomem(I); return NULL; }
    double total = 0.0;
    for (int64_t i = 0; i < l->len; i++) {
        double x;
        if (!num_arg(I, l->items[i], &x)) { mem_free(acc, sizeof(double) * (size_t)(l->len ? l->len : 1)); obj_decref((Obj *)l); return NULL; }
        total = already ? x : total + x;
        acc[i] = total;
    }
    *len = l->len;
    obj_decref((Obj *)l);
    return acc;
}

static Value rnd_choices(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("choices", 4, 1, "population", "weights", "cum_weights", "k");
    if (argc - 1 > 2) return err_raise(I, EXC_TypeError, "Random.choices() takes from 2 to 3 positional arguments but %d were given", argc);
    Value pop = a[0];
    int64_t k = 1;
    if (!IS_UNDEF(a[3]) && !val_as_index(I, a[3], &k)) return VAL_ERR;
    int64_t n = val_len(I, pop);
    if (n < 0) return VAL_ERR;
    bool has_w = !IS_UNDEF(a[1]) && !IS_NONE(a[1]), has_cw = !IS_UNDEF(a[2]) && !IS_NONE(a[2]);
    List *out = list_new(I, k > 0 ? k : 0);
    if (!out) return VAL_ERR;
    if (!has_w && !has_cw) {
        double dn = (double)n;
        for (int64_t i = 0; i < k; i++) {
            Value item = seq_item(I, pop, (int64_t)floor(rnd_res53(R) * dn));
            bool ok = !IS_ERR(item) && list_append(I, out, item);
            val_decref(item);
            if (!ok) { obj_decref((Obj *)out); return VAL_ERR; }
        }
        return val_obj(out);
    }
    if (has_w && has_cw) {
        obj_decref((Obj *)out);
        return err_raise(I, EXC_TypeError, "Cannot specify both weights and cumulative weights");
    }
    if (has_w && (IS_INT(a[1]) || IS_BOOL(a[1]))) {
        obj_decref((Obj *)out);
        return err_raise(I, EXC_TypeError, "The number of choices must be a keyword argument: k=%lld",
                         (long long)(IS_INT(a[1]) ? a[1].as.i : a[1].as.b));
    }
    int64_t m = 0;
    double *cum = accumulate(I, has_w ? a[1] : a[2], &m, !has_w);
    if (!cum) { obj_decref((Obj *)out); return VAL_ERR; }
    size_t cbytes = sizeof(double) * (size_t)(m ? m : 1);
    Value res = VAL_ERR;
    if (m != n) { err_raise(I, EXC_ValueError, "The number of weights does not match the population"); goto done; }
    double total = cum[m - 1] + 0.0;
    if (total <= 0.0) { err_raise(I, EXC_ValueError, "Total of weights must be greater than zero"); goto done; }
    if (!isfinite(total)) { err_raise(I, EXC_ValueError, "Total of weights must be finite"); goto done; }
    for (int64_t i = 0; i < k; i++) {
        double x = rnd_res53(R) * total;
        int64_t lo = 0, hi = n - 1;
        while (lo < hi) {
            int64_t mid = (lo + hi) / 2;
            if (x < cum[mid]) hi = mid; else lo = mid + 1;
        }
        Value item = seq_item(I, pop, lo);
        bool ok = !IS_ERR(item) && list_append(I, out, item);
        val_decref(item);
        if (!ok) goto done;
    }
    res = val_obj(out);
    out = NULL;
done:
    mem_free(cum, cbytes);
    if (out) obj_decref((Obj *)out);
    return res;
}

static const MethodDef rnd_methods[] = {
    {"seed", rnd_seed, "seed(a=None)", "Start the generator from seed a (an int, float or str); None: from the OS."},
    {"random", rnd_random, "random()", "A float in [0.0, 1.0), uniformly distributed."},
    {"uniform", rnd_uniform, "uniform(a, b)", "A float between a and b: a + (b-a) * random()."},
    {"randint", rnd_randint, "randint(a, b)", "An int between a and b, both included."},
    {"randrange", rnd_randrange, "randrange(start, stop=None, step=1)", "An int from range(start, stop, step)."},
    {"choice", rnd_choice, "choice(seq)", "One element of a non-empty sequence, chosen uniformly."},
    {"choices", rnd_choices, "choices(population, weights=None, *, cum_weights=None, k=1)",
     "A list of k elements chosen with replacement, optionally weighted."},
    {"shuffle", rnd_shuffle, "shuffle(x)", "Shuffle the list x in place; returns None."},
    {"sample", rnd_sample, "sample(population, k, *, counts=None)",
     "A list of k distinct elements of the population (chosen without replacement)."},
    {"gauss", rnd_gauss, "gauss(mu=0.0, sigma=1.0)", "A normally distributed float with mean mu and standard deviation sigma."},
    {"normalvariate", rnd_normalvariate, "normalvariate(mu=0.0, sigma=1.0)", "Normal distribution (Kinderman-Monahan method)."},
    {"expovariate", rnd_expovariate, "expovariate(lambd)", "Exponential distribution with rate lambd (mean 1/lambd)."},
    {"triangular", rnd_triangular, "triangular(low=0.0, high=1.0, mode=None)", "Triangular distribution on [low, high]."},
    {"getrandbits", rnd_getrandbits, "getrandbits(k)", "An int with k random bits (k <= 63 in ag)."},
    {NULL, NULL, NULL, NULL},
};

static Value rnd_new_obj(Interp *I, Value seed) {
    RandomObj *r = obj_new(I, &rnd_class, sizeof(RandomObj));
    if (!r) return VAL_ERR;
    r->index = MT_N + 1;
    r->has_gauss = false;
    rnd_seed_entropy(r);
    Value self = val_obj(r);
    if (!IS_UNDEF(seed)) {
        Value args[2] = {self, seed};
        Value res = rnd_seed(I, 2, args, NULL);
        if (IS_ERR(res)) { obj_decref((Obj *)r); return VAL_ERR; }
    }
    return self;
}

static Value rnd_Random(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names_[] = {"x"};
    Value a[1];
    if (!nat_args(I, "Random", argc, argv, kw, 1, names_, 0, a)) return VAL_ERR;
    return rnd_new_obj(I, a[0]);
}

static const MethodDef rnd_ctor = {"Random", rnd_Random, "Random(x=None)",
                                   "A new random-number generator with its own state, seeded with x."};

Module *rnd_module_init(Interp *I) {
    Module *m = module_new(I, "random");
    if (!m) return NULL;
    Value inst = rnd_new_obj(I, VAL_UNDEF);
    if (IS_ERR(inst)) goto fail;
    for (const MethodDef *d = rnd_methods; d->name; d++) {
        Value f = native_new(I, d, inst);
        bool ok = !IS_ERR(f) && module_set(I, m, d->name, f);
        val_decref(f);
        if (!ok) { val_decref(inst); goto fail; }
    }
    val_decref(inst);
    Value ctor = native_new(I, &rnd_ctor, VAL_UNDEF);
    bool ok = !IS_ERR(ctor) && module_set(I, m, "Random", ctor);
    val_decref(ctor);
    if (!ok) goto fail;
    return m;
fail:
    obj_decref((Obj *)m);
    return NULL;
}
