#pragma once
// Any thread: pure functions that classify and convert source text into typed values.

#include <ferry/source/Value.h>

#include <QStringView>

namespace ferry::source {

/// The narrowest type a piece of text reads as: Null (empty), Bool (true/false), Int (no leading
/// zeros, fits 64 bits), Decimal (plain decimal notation), Double (exponent notation), Date
/// (YYYY-MM-DD), DateTime (YYYY-MM-DD[T ]HH:MM[:SS[.fff]]), Time (HH:MM:SS), else Text.
ValueType classifyText(QStringView text);

/// The common type of two classified values (Null is neutral; Int+Decimal=Decimal; Int/Decimal+Double
/// = Double; Date+DateTime = DateTime; anything else with a mismatch = Text).
ValueType mergeTypes(ValueType a, ValueType b);

/// Converts text to `type`; falls back to a Text value holding the text unchanged when it does not
/// read as that type. Empty text gives Null.
Value textToValue(const QString &text, ValueType type);

/// True for text that looks like a number or date (used by header detection).
bool looksNumericOrDate(QStringView text);

} // namespace ferry::source
