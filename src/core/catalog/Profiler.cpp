#include <ferry/catalog/Profiler.h>

#include "source/TextValues.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace ferry {

namespace {

constexpr int kHllBits = 12;
constexpr int kHllRegisters = 1 << kHllBits;

// FNV-1a over the UTF-16 text, then a splitmix64 finalizer so that every bit is usable by HyperLogLog.
quint64 hashText(const QString &text)
{
    quint64 h = 1469598103934665603ULL;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    h += 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

bool isNumeric(ValueType t)
{
    return t == ValueType::Int || t == ValueType::Double || t == ValueType::Decimal;
}

// A non-null value with its number computed once: Value::toDouble() parses decimals from their text, and
// min/max compare every value of a column twice (it dominated profiling a 1M-row table).
struct OrderedValue
{
    Value value;
    double number = 0;
    static OrderedValue of(Value v)
    {
        double n = 0.0;
        if (v.type() == ValueType::Decimal)
            n = decimalNumber(v);
        else if (isNumeric(v.type()))
            n = v.toDouble();
        return OrderedValue{std::move(v), n};
    }
    // A canonical decimal is plain ASCII: std::from_chars is far cheaper than the locale-aware
    // QString::toDouble().
    static double decimalNumber(const Value &v)
    {
        const QString text = v.toText();
        std::array<char, 64> buf{};
        if (text.size() >= qsizetype(buf.size()))
            return v.toDouble();
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (c > 127)
                return v.toDouble();
            buf[size_t(i)] = char(c);
        }
        double d = 0.0;
        const auto [end, ec] = std::from_chars(buf.data(), buf.data() + text.size(), d);
        return ec == std::errc() && end == buf.data() + text.size() ? d : v.toDouble();
    }
};

// Orders two non-null values: numbers numerically, dates and times chronologically, the rest as text.
bool lessValue(const OrderedValue &ao, const OrderedValue &bo)
{
    const Value &a = ao.value;
    const Value &b = bo.value;
    if (isNumeric(a.type()) && isNumeric(b.type())) {
        if (a.type() == ValueType::Int && b.type() == ValueType::Int)
            return a.toInt() < b.toInt();
        return ao.number < bo.number;
    }
    if (a.type() == b.type()) {
        switch (a.type()) {
        case ValueType::Date:
            return a.toDate() < b.toDate();
        case ValueType::DateTime:
            return a.toDateTime() < b.toDateTime();
        case ValueType::Time:
            return a.toTime() < b.toTime();
        case ValueType::Bool:
            return !a.toBool() && b.toBool();
        default:
            break;
        }
    }
    return a.toText() < b.toText();
}

// The candidate types a text value may really hold, in the order they are preferred when several fit.
constexpr std::array<ValueType, 5> kCandidates = {ValueType::Bool, ValueType::Int, ValueType::Decimal,
                                                  ValueType::Date, ValueType::DateTime};

bool readsAs(ValueType classified, ValueType candidate)
{
    switch (candidate) {
    case ValueType::Int:
        return classified == ValueType::Int;
    case ValueType::Decimal:
        return classified == ValueType::Int || classified == ValueType::Decimal ||
               classified == ValueType::Double;
    case ValueType::Date:
        return classified == ValueType::Date;
    case ValueType::DateTime:
        return classified == ValueType::Date || classified == ValueType::DateTime;
    case ValueType::Bool:
        return classified == ValueType::Bool;
    default:
        return false;
    }
}

} // namespace

struct ColumnProfiler::Private
{
    ProfileOptions options;
    qint64 rows = 0;
    qint64 nulls = 0;
    QHash<QString, qint64> counts; // exact while counts.size() <= cap
    bool overflow = false;
    std::array<quint8, kHllRegisters> registers{};
    bool hasMin = false;
    OrderedValue min, max;
    int longestText = -1;
    qint64 textValues = 0;
    std::array<qint64, kCandidates.size()> parses{};
    bool sawNonText = false;

    void addToSketch(const QString &text)
    {
        const quint64 h = hashText(text);
        const quint64 idx = h >> (64 - kHllBits);
        const quint64 rest = (h << kHllBits) | (1ULL << (kHllBits - 1)); // never zero
        const quint8 rank = quint8(__builtin_clzll(rest) + 1);
        registers[idx] = std::max(registers[idx], rank);
    }

    qint64 estimate() const
    {
        double sum = 0;
        int zeros = 0;
        for (quint8 r : registers) {
            sum += std::ldexp(1.0, -int(r));
            if (r == 0)
                ++zeros;
        }
        const double m = kHllRegisters;
        const double alpha = 0.7213 / (1.0 + 1.079 / m);
        double e = alpha * m * m / sum;
        if (e <= 2.5 * m && zeros > 0)
            e = m * std::log(m / zeros); // linear counting for small ranges
        return qint64(std::llround(e));
    }
};

ColumnProfiler::ColumnProfiler(const ProfileOptions &options) : m_d(std::make_unique<Private>())
{
    m_d->options = options;
}
ColumnProfiler::~ColumnProfiler() = default;
ColumnProfiler::ColumnProfiler(ColumnProfiler &&) noexcept = default;
ColumnProfiler &ColumnProfiler::operator=(ColumnProfiler &&) noexcept = default;

void ColumnProfiler::add(const Value &value)
{
    Private &d = *m_d;
    ++d.rows;
    if (value.isNull() || (value.type() == ValueType::Text && value.toText().isEmpty())) {
        ++d.nulls;
        return;
    }
    const QString text = value.toText();
    // Untyped text (CSV) compares by what it holds, so "10" sorts after "9" in a numeric column.
    ValueType classified = ValueType::Text;
    Value ordered = value;
    if (value.type() == ValueType::Text) {
        classified = source::classifyText(QStringView(text).trimmed());
        if (classified != ValueType::Text && classified != ValueType::Null)
            ordered = source::textToValue(text.trimmed(), classified);
    }
    const OrderedValue o = OrderedValue::of(std::move(ordered));
    if (!d.hasMin) {
        d.min = d.max = o;
        d.hasMin = true;
    } else {
        if (lessValue(o, d.min))
            d.min = o;
        if (lessValue(d.max, o))
            d.max = o;
    }
    d.addToSketch(text);
    if (!d.overflow) {
        auto it = d.counts.find(text);
        if (it != d.counts.end()) {
            ++*it;
        } else if (d.counts.size() < d.options.exactDistinctCap) {
            d.counts.insert(text, 1);
        } else {
            d.overflow = true; // counts stay as they are: top values become the top of the first values
        }
    } else if (auto it = d.counts.find(text); it != d.counts.end()) {
        ++*it;
    }
    if (value.type() == ValueType::Text) {
        d.longestText = std::max(d.longestText, int(text.size()));
        ++d.textValues;
        for (size_t i = 0; i < kCandidates.size(); ++i)
            if (readsAs(classified, kCandidates[i]))
                ++d.parses[i];
    } else {
        d.sawNonText = true;
    }
}

ColumnProfile ColumnProfiler::result() const
{
    const Private &d = *m_d;
    ColumnProfile p;
    p.rows = d.rows;
    p.nulls = d.nulls;
    p.distinctExact = !d.overflow;
    p.distinct = d.overflow ? std::max<qint64>(d.estimate(), d.counts.size()) : d.counts.size();
    if (d.hasMin) {
        p.min = d.min.value.toText();
        p.max = d.max.value.toText();
    }
    p.longestText = d.longestText;
    QList<TopValue> top;
    top.reserve(d.counts.size());
    for (auto it = d.counts.cbegin(); it != d.counts.cend(); ++it)
        top.append(TopValue{it.key(), it.value()});
    const qsizetype keep = std::min<qsizetype>(top.size(), std::max(0, d.options.topValues));
    std::partial_sort(top.begin(), top.begin() + keep, top.end(), [](const TopValue &a, const TopValue &b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    top.resize(keep);
    p.topValues = top;
    if (d.textValues > 0 && !d.sawNonText) {
        // The first candidate every value reads as; else the best one if most values read as it.
        p.inferredType = ValueType::Text;
        p.inferredShare = 1.0;
        double bestShare = 0;
        ValueType best = ValueType::Text;
        for (size_t i = 0; i < kCandidates.size(); ++i) {
            const double share = double(d.parses[i]) / double(d.textValues);
            if (share > bestShare + 1e-12) {
                bestShare = share;
                best = kCandidates[i];
            }
        }
        if (bestShare >= 0.9) {
            p.inferredType = best;
            p.inferredShare = bestShare;
        } else if (bestShare > 0) {
            p.inferredShare = 1.0 - bestShare; // the share that is plainly text
        }
    }
    return p;
}

Result<QList<ColumnProfile>> profileTable(SourceConnection &connection, const QString &table,
                                          const ProfileOptions &options, const std::atomic<bool> *cancel)
{
    ReadOptions readOptions;
    // Profiling wants the text as it is: a CSV column typed by sampling would hide the values that do not
    // fit.
    readOptions.options.insert(QStringLiteral("typed"), QStringLiteral("no"));
    auto reader = connection.openReader(table, readOptions);
    if (!reader)
        return reader.error();
    const qsizetype n = (*reader)->columns().size();
    std::vector<ColumnProfiler> columns;
    columns.reserve(size_t(n));
    for (qsizetype i = 0; i < n; ++i)
        columns.emplace_back(options);
    qint64 read = 0;
    RowBatch batch;
    for (bool more = true; more;) {
        if (cancel && cancel->load())
            return Error::make(QStringLiteral("catalog.cancelled"),
                               QStringLiteral("Profiling \"%1\" was cancelled.").arg(table));
        batch.clear();
        int want = std::max(1, options.batchRows);
        if (options.maxRows >= 0)
            want = int(std::min<qint64>(want, options.maxRows - read));
        if (want <= 0)
            break;
        auto next = (*reader)->nextBatch(batch, want);
        if (!next)
            return next.error();
        more = *next;
        for (const QVector<Value> &row : batch.rows) {
            for (qsizetype i = 0; i < n && i < row.size(); ++i)
                columns[size_t(i)].add(row[i]);
        }
        read += batch.rows.size();
    }
    QList<ColumnProfile> out;
    for (const ColumnProfiler &c : columns)
        out.append(c.result());
    return out;
}

} // namespace ferry
