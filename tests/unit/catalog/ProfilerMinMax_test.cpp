// Test thread: ColumnProfiler's min/max, which compares numbers as numbers (decimals are parsed once per
// value with std::from_chars since the catalog benchmark showed QString::toDouble() dominating profiles).

#include <ferry/catalog/Profiler.h>

#include <gtest/gtest.h>

using namespace ferry;

TEST(ProfilerMinMax, DecimalsIntsAndDoublesCompareNumerically)
{
    ColumnProfiler p;
    for (const Value &v :
         {Value::fromDecimal(QStringLiteral("9.50")), Value::fromDecimal(QStringLiteral("10.25")),
          Value::fromInt(4), Value::fromDecimal(QStringLiteral("-3.10")), Value::fromDouble(7.5), Value(),
          Value::fromDecimal(QStringLiteral("-0.01"))})
        p.add(v);
    const ColumnProfile r = p.result();
    EXPECT_EQ(r.rows, 7);
    EXPECT_EQ(r.nulls, 1);
    EXPECT_EQ(r.min, QStringLiteral("-3.10")); // as text "-0.01" < "-3.10"
    EXPECT_EQ(r.max, QStringLiteral("10.25")); // as text "9.50" > "10.25"
}

TEST(ProfilerMinMax, LongDecimalsStillCompareNumerically)
{
    // Longer than the parser's stack buffer: the slow path must agree.
    const QString big = QStringLiteral("1") + QString(70, QLatin1Char('0')) + QStringLiteral(".5");
    const QString small = QStringLiteral("2") + QString(69, QLatin1Char('0')) + QStringLiteral(".5");
    ColumnProfiler p;
    p.add(Value::fromDecimal(big));
    p.add(Value::fromDecimal(small));
    p.add(Value::fromDecimal(QStringLiteral("99.9")));
    const ColumnProfile r = p.result();
    EXPECT_EQ(r.min, QStringLiteral("99.9"));
    EXPECT_EQ(r.max, big);
}

TEST(ProfilerMinMax, NumericTextComparesAsNumbers)
{
    ColumnProfiler p;
    for (const char *s : {"9", "10", "-2.5", "100"})
        p.add(Value::fromText(QString::fromLatin1(s)));
    const ColumnProfile r = p.result();
    EXPECT_EQ(r.min, QStringLiteral("-2.5"));
    EXPECT_EQ(r.max, QStringLiteral("100"));
    EXPECT_EQ(r.inferredType, ValueType::Decimal);
}
