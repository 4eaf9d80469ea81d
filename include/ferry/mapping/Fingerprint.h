#pragma once
// Any thread: pure functions on a plain value type.

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

namespace ferry::mapping {

/// A 128-bit fingerprint of a row's payload (row_fingerprints.fingerprint, 16 bytes big-endian). Not a
/// cryptographic hash: it only has to tell a changed row from an unchanged one, fast (it runs on every row).
struct Fingerprint
{
    quint64 high = 0;
    quint64 low = 0;

    bool isNull() const { return high == 0 && low == 0; }
    /// 16 bytes, big-endian high then low.
    QByteArray toBytes() const;
    /// From 16 bytes; a null fingerprint for any other size.
    static Fingerprint fromBytes(QByteArrayView bytes);
    friend bool operator==(const Fingerprint &, const Fingerprint &) = default;
};

/// The fingerprint of `data` (two independent 64-bit lanes of a multiply-mix hash over 8-byte words).
Fingerprint fingerprintOf(QByteArrayView data);
/// Continues a fingerprint with more data (fingerprintOf(a + b) != combine(fingerprintOf(a), b) in
/// general, but the result is deterministic).
Fingerprint fingerprintCombine(const Fingerprint &seed, QByteArrayView data);

} // namespace ferry::mapping
