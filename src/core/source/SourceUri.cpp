#include <ferry/source/SourceUri.h>

#include <QFileInfo>
#include <QUrl>

namespace ferry {

namespace {

struct SchemeEntry
{
    const char *scheme;
    SourceKind kind;
};

constexpr SchemeEntry kSchemes[] = {
    {"csv", SourceKind::Csv},
    {"xlsx", SourceKind::Xlsx},
    {"xls", SourceKind::Xls},
    {"sqlite", SourceKind::Sqlite},
    {"postgresql", SourceKind::PostgreSql},
    {"odbc", SourceKind::Odbc},
};

QString decode(const QString &s)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(s.toUtf8()));
}

// Keep '/' readable in paths; everything outside the unreserved set is encoded so that '?', '#',
// '%', '@', ':' and spaces in file names survive the round trip.
QString encodePath(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s, "/"));
}
QString encodePart(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

Error invalid(const QString &uri, const QString &why)
{
    return Error::make(QStringLiteral("source.uri-invalid"),
                       QStringLiteral("The source URI \"%1\" is not valid: %2.").arg(uri, why));
}

} // namespace

QString sourceKindScheme(SourceKind kind)
{
    for (const auto &e : kSchemes)
        if (e.kind == kind)
            return QString::fromLatin1(e.scheme);
    return {};
}

bool SourceUri::isFileKind() const
{
    return kind == SourceKind::Csv || kind == SourceKind::Xlsx || kind == SourceKind::Xls ||
           kind == SourceKind::Sqlite;
}

QString SourceUri::option(const QString &key, const QString &fallback) const
{
    const QString v = options.value(key);
    return v.isEmpty() ? fallback : v;
}

Result<SourceUri> SourceUri::parse(const QString &uriText)
{
    const QString uri = uriText.trimmed();
    const qsizetype schemeEnd = uri.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return invalid(uri, QStringLiteral("it has no \"scheme://\" prefix"));
    const QString scheme = uri.left(schemeEnd).toLower();
    SourceUri out;
    bool known = false;
    for (const auto &e : kSchemes) {
        if (scheme == QLatin1String(e.scheme)) {
            out.kind = e.kind;
            known = true;
        }
    }
    if (!known) {
        return Error::make(QStringLiteral("source.uri-unknown-kind"),
                           QStringLiteral("The source URI \"%1\" has the unknown kind \"%2\"; expected csv, "
                                          "xlsx, xls, sqlite, postgresql or odbc.")
                               .arg(uri, scheme));
    }
    QString rest = uri.mid(schemeEnd + 3);
    QString query;
    if (const qsizetype q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    if (rest.contains(QLatin1Char('#')))
        return invalid(uri, QStringLiteral("fragments (#) are not allowed; encode '#' as %23"));

    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = decode(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : decode(pair.mid(eq + 1));
        if (key.isEmpty())
            return invalid(uri, QStringLiteral("an option has no name"));
        out.options.insert(key, value);
    }

    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString authority = slash < 0 ? rest : rest.left(slash);
    const QString pathPart = slash < 0 ? QString() : rest.mid(slash);

    if (out.isFileKind()) {
        if (!authority.isEmpty() && authority.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0)
            return invalid(uri, QStringLiteral("a file URI takes three slashes and an absolute path, e.g. "
                                               "%1:///home/me/data")
                                    .arg(scheme));
        if (pathPart.size() < 2)
            return invalid(uri, QStringLiteral("the path is empty"));
        out.path = decode(pathPart);
        return out;
    }

    // Server kinds: [user@]host[:port][/database]
    QString hostPort = authority;
    if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString userInfo = authority.left(at);
        hostPort = authority.mid(at + 1);
        if (userInfo.contains(QLatin1Char(':'))) {
            return Error::make(QStringLiteral("source.uri-password"),
                               QStringLiteral("The source URI \"%1\" holds a password; Ferry never stores "
                                              "secrets in URIs. Give the password when connecting.")
                                   .arg(QString(uri).replace(userInfo, decode(userInfo.section(':', 0, 0)) +
                                                                           QStringLiteral(":***"))));
        }
        out.user = decode(userInfo);
    }
    if (out.kind == SourceKind::PostgreSql) {
        if (const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':')); colon >= 0) {
            bool ok = false;
            const int port = hostPort.mid(colon + 1).toInt(&ok);
            if (!ok || port <= 0 || port > 65535)
                return invalid(uri, QStringLiteral("the port \"%1\" is not a number from 1 to 65535")
                                        .arg(hostPort.mid(colon + 1)));
            out.port = port;
            hostPort = hostPort.left(colon);
        }
    }
    out.host = decode(hostPort);
    if (out.host.isEmpty())
        return invalid(uri, out.kind == SourceKind::Odbc ? QStringLiteral("the DSN is empty")
                                                         : QStringLiteral("the host is empty"));
    out.database = decode(pathPart.mid(1));
    if (out.kind == SourceKind::PostgreSql && out.database.isEmpty())
        return invalid(uri, QStringLiteral("the database name is missing (postgresql://user@host/db)"));
    return out;
}

Result<SourceUri> SourceUri::fromLocalPath(const QString &path)
{
    const QFileInfo fi(path);
    SourceUri out;
    out.path = fi.absoluteFilePath();
    const QString ext = fi.suffix().toLower();
    if (fi.isDir() || ext == QLatin1String("csv") || ext == QLatin1String("tsv") ||
        ext == QLatin1String("txt"))
        out.kind = SourceKind::Csv;
    else if (ext == QLatin1String("xlsx") || ext == QLatin1String("xlsm"))
        out.kind = SourceKind::Xlsx;
    else if (ext == QLatin1String("xls"))
        out.kind = SourceKind::Xls;
    else if (ext == QLatin1String("sqlite") || ext == QLatin1String("sqlite3") ||
             ext == QLatin1String("db") || ext == QLatin1String("db3"))
        out.kind = SourceKind::Sqlite;
    else
        return Error::make(
            QStringLiteral("source.uri-unknown-kind"),
            QStringLiteral("Cannot tell the kind of source of \"%1\" from its extension.").arg(path));
    if (ext == QLatin1String("tsv"))
        out.options.insert(QStringLiteral("delimiter"), QStringLiteral("tab"));
    return out;
}

QString SourceUri::toString() const
{
    QString out = sourceKindScheme(kind) + QStringLiteral("://");
    if (isFileKind()) {
        out += encodePath(path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path);
    } else {
        if (!user.isEmpty())
            out += encodePart(user) + QLatin1Char('@');
        out += encodePart(host);
        if (port > 0)
            out += QLatin1Char(':') + QString::number(port);
        if (!database.isEmpty())
            out += QLatin1Char('/') + encodePart(database);
    }
    QStringList parts;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        parts << encodePart(it.key()) + QLatin1Char('=') + encodePart(it.value());
    if (!parts.isEmpty())
        out += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    return out;
}

} // namespace ferry
