#pragma once
// Thread: one thread at a time (see SourceConnection.h).

#include <ferry/source/SourceConnection.h>

#include <QVector>

#include <deque>

namespace ferry::source {

/// One physical row of a worksheet, cells by column index (0 = A). Missing cells are null.
struct SheetRow
{
    qint64 number = 0; ///< 1-based row number in the sheet
    QVector<Value> cells;
    QList<RowIssue> issues; ///< problems met decoding the row's cells (e.g. error values)
};

/// Produces the physical rows of one worksheet in order (rows with no cells may be skipped).
class SheetRowSource
{
public:
    virtual ~SheetRowSource() = default;
    virtual Result<bool> next(SheetRow &row) = 0;
    /// Rows the sheet says it has (its dimension), -1 when unknown.
    virtual qint64 dimensionRows() const = 0;
};

/// Where the table sits in a sheet.
struct SheetLayout
{
    int titleRows = 0;       ///< physical rows above the header (titles, notes, blank rows)
    int headerRows = 0;      ///< 0 = no header row; 2+ = a header spread over rows (names joined)
    qint64 firstDataRow = 1; ///< 1-based
    int firstColumn = 0;
    QStringList names;
};

/// Excel column letters of a 0-based index: 0 -> "A", 27 -> "AB".
QString columnLetters(int index);

/// Finds title rows, the header and the used columns in the first rows of a sheet.
/// Options: "titleRows" (a number: rows above the header; default detected), "header" (auto/yes/no),
/// "headerRows" (rows the header spans when titleRows is given; default 1).
///
/// Detection: the header is the first block of up to three consecutive rows whose non-empty cells are
/// all text and together fill every used column; if no block fills them all, the first all-text row
/// that fills at least half of them and is followed by a row holding a number or date. Rows above it
/// are title rows.
SheetLayout detectSheetLayout(const QList<SheetRow> &sample, const QMap<QString, QString> &options);

/// Turns a SheetRowSource into a SourceReader: detects the layout over a sample, infers each column's
/// type from the cells' own types, and streams data rows.
///
/// Footnotes: with option "footnotes" = "auto" (the default), a trailing run of rows that starts after
/// a blank row and in which every row holds a single text cell (notes such as "(p) Preliminary
/// estimate") is not read as data; each such row is reported as a RowIssue (rowKept = false) so nothing
/// vanishes silently. A run of such rows followed by real data again is data. "footnotes=no" reads
/// every row.
class SheetReader final : public SourceReader
{
public:
    SheetReader(std::unique_ptr<SheetRowSource> rows, QMap<QString, QString> options, QString fileName,
                QString sheetName);

    Result<void> init();
    const QList<ColumnInfo> &columns() const override { return m_columns; }
    Result<bool> nextBatch(RowBatch &batch, int maxRows) override;
    const SheetLayout &layout() const { return m_layout; }

    /// Describes the sheet. When the sheet's dimension is unknown or at most `exactCountUpTo` rows, reads
    /// every row to count them exactly (the reader is then at its end); otherwise estimates.
    Result<TableInfo> describe(qint64 exactCountUpTo);

private:
    Result<bool> pull(SheetRow &row); // from the sample first, then from the source
    void emitRow(const SheetRow &row, RowBatch &batch) const;
    static bool isBlank(const SheetRow &row);
    static bool isNoteLike(const SheetRow &row);

    std::unique_ptr<SheetRowSource> m_source;
    QMap<QString, QString> m_options;
    QString m_fileName;
    QString m_sheetName;
    QList<SheetRow> m_sample;
    qsizetype m_samplePos = 0;
    SheetLayout m_layout;
    QList<ColumnInfo> m_columns;
    bool m_footnotes = true;
    std::deque<SheetRow> m_held; // possible footnotes, held until real data or the end decides
    qint64 m_lastRowNumber = 0;
    bool m_sawData = false;
    bool m_sourceDone = false;
    bool m_done = false;
    qint64 m_footnoteRows = 0;
};

} // namespace ferry::source
