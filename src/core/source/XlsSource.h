#pragma once
// Thread: one thread at a time (see SourceConnection.h). The FreeXL handle belongs to the connection;
// its readers borrow it and must not outlive it.

#include <ferry/source/SourceConnection.h>

namespace ferry::source {

/// xls:///book.xls: Excel 97-2003 (BIFF) workbooks through FreeXL; each worksheet is a table.
/// When FreeXL refuses a workbook (FreeXL 1.0.6 rejects some valid files, e.g. the U.S. Census retail
/// workbook, at its shared string table), the built-in BIFF8 reader (BiffWorkbook) reads it instead;
/// the table property "reader" says which one did ("freexl" or "biff8").
class XlsConnection final : public SourceConnection
{
public:
    explicit XlsConnection(SourceUri uri);
    ~XlsConnection() override;
    XlsConnection(const XlsConnection &) = delete;
    XlsConnection &operator=(const XlsConnection &) = delete;

    Result<void> open();
    const SourceUri &uri() const override { return m_uri; }
    Result<QList<TableInfo>> listTables() override;
    Result<std::unique_ptr<SourceReader>> openReader(const QString &table,
                                                     const ReadOptions &options) override;

private:
    Result<std::unique_ptr<SourceReader>>
    makeReader(const QString &table, const QMap<QString, QString> &options, class SheetReader **sheetReader);

    SourceUri m_uri;
    const void *m_handle = nullptr;
    std::unique_ptr<class BiffWorkbook> m_biff; // used when FreeXL refuses the file
    // Read alongside FreeXL, which drops the boolean and text results of FORMULA cells (LibreOffice saves
    // TRUE/FALSE as TRUE()/FALSE() formulas): those cells are taken from here. Null if it cannot read it.
    std::unique_ptr<class BiffWorkbook> m_formulaValues;
    QStringList m_sheets;
};

} // namespace ferry::source
