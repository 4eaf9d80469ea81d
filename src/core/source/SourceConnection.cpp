#include <ferry/source/SourceConnection.h>

#include "CsvSource.h"
#include "QtSqlSource.h"
#include "SqliteSource.h"
#include "XlsSource.h"
#include "XlsxSource.h"

namespace ferry {

int TableInfo::columnIndex(const QString &columnName) const
{
    for (qsizetype i = 0; i < columns.size(); ++i)
        if (columns[i].name.compare(columnName, Qt::CaseInsensitive) == 0)
            return int(i);
    return -1;
}

namespace {

template <typename Connection> Result<std::unique_ptr<SourceConnection>> openAs(const SourceUri &uri)
{
    auto c = std::make_unique<Connection>(uri);
    if (auto st = c->open(); !st)
        return st.error();
    return std::unique_ptr<SourceConnection>(std::move(c));
}

} // namespace

Result<std::unique_ptr<SourceConnection>> openSource(const SourceUri &uri)
{
    switch (uri.kind) {
    case SourceKind::Csv:
        return openAs<source::CsvConnection>(uri);
    case SourceKind::Xlsx:
        return openAs<source::XlsxConnection>(uri);
    case SourceKind::Xls:
        return openAs<source::XlsConnection>(uri);
    case SourceKind::Sqlite:
        return openAs<source::SqliteConnection>(uri);
    case SourceKind::PostgreSql:
    case SourceKind::Odbc:
        return openQtSqlSource(uri); // password: FERRY_SOURCE_PASSWORD or the driver's
    }
    return Error::make(QStringLiteral("source.unsupported"),
                       QStringLiteral("The source kind of \"%1\" is not supported.").arg(uri.toString()));
}

Result<std::unique_ptr<SourceConnection>> openSource(const QString &uri)
{
    auto parsed = SourceUri::parse(uri);
    if (!parsed)
        return parsed.error();
    return openSource(*parsed);
}

} // namespace ferry
