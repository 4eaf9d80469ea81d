#pragma once
// Thread: the reader's thread; one parser per open file.

#include <ferry/Result.h>

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringDecoder>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ferry::source {

enum class TextEncoding
{
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
};

QString encodingName(TextEncoding e);

/// What the sniffing of a file's head found (or what the options forced).
struct CsvDialect
{
    TextEncoding encoding = TextEncoding::Utf8;
    int bomLength = 0;
    char delimiter = ',';
};

/// One record as split by the RFC 4180 state machine (fields in UTF-8).
struct CsvRecord
{
    qint64 line = 0;                 ///< physical line where the record starts (1-based)
    std::vector<std::string> fields; ///< reused between records to keep their capacity
    std::vector<bool> quoted;        ///< parallel to fields: the field was quoted
    int fieldCount = 0;              ///< valid entries in fields/quoted
    bool malformed = false;
    QString reason;           ///< why it is malformed
    QByteArray raw;           ///< raw UTF-8 text of the record (or of the malformed line)
    bool invalidUtf8 = false; ///< the record holds bytes that are not UTF-8 (replaced on decode)
};

/// Detects the encoding from a file's first bytes (BOM, NUL patterns, UTF-8 validity).
/// `forced` is the user's "encoding" option (empty: detect). Errors name `fileName`.
Result<CsvDialect> detectEncoding(const QByteArray &head, bool wholeFile, const QString &forced,
                                  const QString &fileName);

/// Picks the delimiter (, ; tab |) that splits the sample lines most consistently, outside quotes.
char detectDelimiter(const QByteArray &utf8Sample);

/// Parses a delimiter option ("," ";" "tab" "\t" "|" or one character); 0 when invalid.
char parseDelimiterOption(const QString &option);

/// Streams records out of a file: decodes chunks to UTF-8 and splits them with an RFC 4180 state
/// machine (quoted fields with embedded newlines and doubled quotes). A malformed record (a stray
/// quote, an unterminated quoted field) is returned with malformed=true, its line number and raw line,
/// and parsing resumes at the following line.
class CsvParser
{
public:
    CsvParser(QString fileName, CsvDialect dialect);

    Result<void> open();
    /// Reads the next record into `rec`. Returns false at the end of the file.
    Result<bool> next(CsvRecord &rec);
    /// Bytes of the file parsed so far (approximate for re-encoded files; for row count estimates).
    qint64 bytesConsumed() const;
    qint64 fileSize() const { return m_file.size(); }
    /// Raw UTF-8 text of the record last returned (without its line break); valid until next().
    QByteArray lastRaw() const;

private:
    Result<bool> fill(); // appends decoded data to m_buf; false at EOF
    void compact();
    // Byte at i (reading on as needed); -1 at EOF or on error (m_error).
    int at(qsizetype i)
    {
        return i < m_buf.size() ? static_cast<unsigned char>(m_buf.constData()[i]) : atSlow(i);
    }
    int atSlow(qsizetype i);
    qsizetype skipLineBreak(qsizetype i);
    void finishMalformed(CsvRecord &rec, const QString &reason);

    QString m_fileName;
    CsvDialect m_dialect;
    QFile m_file;
    std::unique_ptr<QStringDecoder> m_decoder; // UTF-16 only
    QByteArray m_buf;                          // UTF-8 text
    qsizetype m_pos = 0;
    qsizetype m_recordStart = 0;
    qsizetype m_recordEnd = 0;
    std::optional<Error> m_error;
    qint64 m_line = 1;
    bool m_eof = false;
    qint64 m_fileBytesRead = 0;
    bool m_bomSkipped = false;
    qint64 m_decodedTotal = 0;
    QString m_pendingHigh;
};

} // namespace ferry::source
