#pragma once
// Thread: one thread at a time (see SourceConnection.h).

#include <ferry/source/SourceConnection.h>

#include <QHash>
#include <QStringList>
#include <QVector>

namespace ferry::source {

/// How an Excel number format shows a number.
enum class DateKind
{
    None,     ///< a plain number
    Date,     ///< day, month, year only
    Time,     ///< hours, minutes, seconds only
    DateTime, ///< both
};

/// Classifies a number format (built-in id or custom format code) as a date/time format.
/// Built-in ids 14-22, 27-36, 45-47, 50-58 are dates/times; custom codes are dates when, outside
/// quoted text, escapes and [colour]/[$-locale] brackets, they hold d/m/y/h/s tokens.
DateKind excelDateKind(int numFmtId, const QString &formatCode);

/// Converts an Excel serial day number to a value of the given kind. The 1900 system counts the
/// nonexistent 1900-02-29 (serial 60, Lotus 1-2-3's leap-year bug); serial 60 gives the text
/// "1900-02-29". The 1904 system counts from 1904-01-01.
Value excelSerialToValue(double serial, DateKind kind, bool date1904);

/// xlsx:///book.xlsx: each worksheet is a table. Parses the package with minizip + QXmlStreamReader;
/// worksheets are streamed, never loaded whole.
class XlsxConnection final : public SourceConnection
{
public:
    explicit XlsxConnection(SourceUri uri);
    ~XlsxConnection() override;
    XlsxConnection(const XlsxConnection &) = delete;
    XlsxConnection &operator=(const XlsxConnection &) = delete;

    Result<void> open();
    const SourceUri &uri() const override { return m_uri; }
    Result<QList<TableInfo>> listTables() override;
    Result<std::unique_ptr<SourceReader>> openReader(const QString &table,
                                                     const ReadOptions &options) override;

    struct Workbook
    {
        QStringList sheetNames;
        QStringList sheetParts; // zip entry of each sheet
        QStringList sharedStrings;
        QVector<DateKind> xfDateKinds; // by cellXfs index
        bool date1904 = false;
    };

private:
    Result<std::unique_ptr<SourceReader>>
    makeReader(const QString &table, const QMap<QString, QString> &options, class SheetReader **sheetReader);
    SourceUri m_uri;
    void *m_zip = nullptr; // unzFile
    Workbook m_book;
};

} // namespace ferry::source
