#include <ferry/mapping/Fingerprint.h>

#include <QtEndian>

#include <cstring>

namespace ferry::mapping {

namespace {

// Multiply-fold of a 64x64 -> 128-bit product (the "mum" step of wyhash-like hashes): one multiply mixes
// every input bit into the output, so hashing runs at several GB/s, far from the bottleneck of a dry run.
__extension__ typedef unsigned __int128 U128; // NOLINT: GCC/Clang extension, silences -Wpedantic

inline quint64 mum(quint64 a, quint64 b)
{
    const U128 r = static_cast<U128>(a) * b;
    return static_cast<quint64>(r) ^ static_cast<quint64>(r >> 64);
}

constexpr quint64 k0 = 0xa0761d6478bd642fULL;
constexpr quint64 k1 = 0xe7037ed1a0b428dbULL;
constexpr quint64 k2 = 0x8ebc6af09c88c6e3ULL;
constexpr quint64 k3 = 0x589965cc75374cc3ULL;

inline quint64 load64(const uchar *p)
{
    quint64 v;
    std::memcpy(&v, p, 8);
    return qFromLittleEndian(v);
}

Fingerprint hashFrom(quint64 h1, quint64 h2, QByteArrayView data)
{
    const uchar *p = reinterpret_cast<const uchar *>(data.data());
    qsizetype n = data.size();
    const quint64 len = quint64(n);
    while (n >= 16) {
        const quint64 a = load64(p);
        const quint64 b = load64(p + 8);
        h1 = mum(a ^ k0 ^ h1, b ^ k1);
        h2 = mum(b ^ k2 ^ h2, a ^ k3);
        p += 16;
        n -= 16;
    }
    uchar tail[16] = {};
    std::memcpy(tail, p, size_t(n));
    tail[15] = uchar(n); // distinguishes trailing zero bytes from padding
    const quint64 a = load64(tail);
    const quint64 b = load64(tail + 8);
    h1 = mum(a ^ k0 ^ h1, b ^ k1);
    h2 = mum(b ^ k2 ^ h2, a ^ k3);
    h1 = mum(h1 ^ len ^ k2, k1 ^ h2);
    h2 = mum(h2 ^ len ^ k0, k3 ^ h1);
    return Fingerprint{h1, h2};
}

} // namespace

QByteArray Fingerprint::toBytes() const
{
    QByteArray b(16, Qt::Uninitialized);
    qToBigEndian(high, b.data());
    qToBigEndian(low, b.data() + 8);
    return b;
}

Fingerprint Fingerprint::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != 16)
        return {};
    return Fingerprint{qFromBigEndian<quint64>(bytes.data()), qFromBigEndian<quint64>(bytes.data() + 8)};
}

Fingerprint fingerprintOf(QByteArrayView data)
{
    return hashFrom(0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, data);
}

Fingerprint fingerprintCombine(const Fingerprint &seed, QByteArrayView data)
{
    return hashFrom(seed.high, seed.low, data);
}

} // namespace ferry::mapping
