#pragma once
// Thread: one thread at a time (see SourceConnection.h).

#include "SheetTable.h"

#include <QMap>

namespace ferry::source {

/// A small BIFF8 (.xls) reader used when FreeXL refuses a workbook: FreeXL 1.0.6 rejects valid files
/// whose shared string table continues over CONTINUE records in some layouts (it reports success with
/// no handle). Reads the OLE2 compound file, the globals (sheets, SST, XF/FORMAT for dates, DATEMODE,
/// FILEPASS) and the cell records (LABELSST, LABEL, NUMBER, RK, MULRK, BOOLERR, FORMULA + STRING).
class BiffWorkbook
{
public:
    struct Sheet
    {
        QString name;
        qint64 dimensionRows = -1;
        QMap<qint64, SheetRow> rows; // by 1-based row number
    };

    /// Loads the whole workbook. Error codes: "source.encrypted", "source.corrupt".
    Result<void> load(const QString &path);

    const QList<Sheet> &sheets() const { return m_sheets; }

private:
    QList<Sheet> m_sheets;
};

/// Rows of a sheet held in memory.
class MemorySheetRows final : public SheetRowSource
{
public:
    explicit MemorySheetRows(const BiffWorkbook::Sheet *sheet) : m_sheet(sheet), m_it(sheet->rows.cbegin()) {}
    Result<bool> next(SheetRow &row) override
    {
        if (m_it == m_sheet->rows.cend())
            return false;
        row = *m_it++;
        return true;
    }
    qint64 dimensionRows() const override { return m_sheet->dimensionRows; }

private:
    const BiffWorkbook::Sheet *m_sheet;
    QMap<qint64, SheetRow>::const_iterator m_it;
};

} // namespace ferry::source
