#include <ferry/source/SourceUri.h>
#include <ferry/source/Value.h>

#include "SourceTestData.h"

#include <gtest/gtest.h>

using namespace ferry;

TEST(SourceUri, ParsesFileKindsWithPercentDecodingAndOptions)
{
    auto u = SourceUri::parse(
        QStringLiteral("csv:///data/My%20Files/exports?delimiter=%3B&encoding=windows-1252&header=auto"));
    ASSERT_TRUE(u.ok()) << u.error().message.toStdString();
    EXPECT_EQ(u->kind, SourceKind::Csv);
    EXPECT_EQ(u->path, QStringLiteral("/data/My Files/exports"));
    EXPECT_EQ(u->option(QStringLiteral("delimiter")), QStringLiteral(";"));
    EXPECT_EQ(u->option(QStringLiteral("encoding")), QStringLiteral("windows-1252"));
    EXPECT_EQ(u->option(QStringLiteral("missing"), QStringLiteral("x")), QStringLiteral("x"));

    auto x = SourceUri::parse(QStringLiteral("xlsx://localhost/tmp/book.xlsx?titleRows=2"));
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(x->kind, SourceKind::Xlsx);
    EXPECT_EQ(x->path, QStringLiteral("/tmp/book.xlsx"));
    EXPECT_EQ(x->options.value(QStringLiteral("titleRows")), QStringLiteral("2"));

    auto s = SourceUri::parse(QStringLiteral("SQLITE:///var/db/chinook.sqlite"));
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->kind, SourceKind::Sqlite);
    EXPECT_EQ(s->path, QStringLiteral("/var/db/chinook.sqlite"));
}

TEST(SourceUri, ParsesServerKinds)
{
    auto p = SourceUri::parse(
        QStringLiteral("postgresql://mig%40corp@db.example.com:5433/legacy_crm?sslmode=require"));
    ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
    EXPECT_EQ(p->kind, SourceKind::PostgreSql);
    EXPECT_EQ(p->user, QStringLiteral("mig@corp"));
    EXPECT_EQ(p->host, QStringLiteral("db.example.com"));
    EXPECT_EQ(p->port, 5433);
    EXPECT_EQ(p->database, QStringLiteral("legacy_crm"));
    EXPECT_EQ(p->options.value(QStringLiteral("sslmode")), QStringLiteral("require"));

    auto o = SourceUri::parse(QStringLiteral("odbc://Legacy%20ERP"));
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(o->kind, SourceKind::Odbc);
    EXPECT_EQ(o->host, QStringLiteral("Legacy ERP"));
    EXPECT_EQ(o->port, -1);
}

TEST(SourceUri, RejectsBadUrisWithCodes)
{
    EXPECT_EQ(SourceUri::parse(QStringLiteral("/just/a/path")).error().code,
              QStringLiteral("source.uri-invalid"));
    EXPECT_EQ(SourceUri::parse(QStringLiteral("mysql://h/db")).error().code,
              QStringLiteral("source.uri-unknown-kind"));
    EXPECT_EQ(SourceUri::parse(QStringLiteral("csv://server/share/x.csv")).error().code,
              QStringLiteral("source.uri-invalid"));
    EXPECT_EQ(SourceUri::parse(QStringLiteral("postgresql://host")).error().code,
              QStringLiteral("source.uri-invalid"));
    EXPECT_EQ(SourceUri::parse(QStringLiteral("postgresql://h:99999/db")).error().code,
              QStringLiteral("source.uri-invalid"));
    const auto pw = SourceUri::parse(QStringLiteral("postgresql://bob:s3cret@h/db"));
    ASSERT_FALSE(pw.ok());
    EXPECT_EQ(pw.error().code, QStringLiteral("source.uri-password"));
    EXPECT_FALSE(pw.error().message.contains(QStringLiteral("s3cret"))) << pw.error().message.toStdString();
}

TEST(SourceUri, RoundTripsEveryKind)
{
    const QStringList uris = {
        QStringLiteral("csv:///home/ana/exports%202024/a%23b%3Fc.csv?delimiter=%3B&encoding=utf-16le"),
        QStringLiteral("xlsx:///tmp/%C3%BCbersicht.xlsx?header=no&titleRows=2"),
        QStringLiteral("xls:///tmp/census.xls"),
        QStringLiteral("sqlite:///srv/db/chinook.sqlite"),
        QStringLiteral("postgresql://mig@db.local:5432/crm?sslmode=disable"),
        QStringLiteral("odbc://sa@LegacyDSN/Northwind"),
    };
    for (const QString &text : uris) {
        auto u = SourceUri::parse(text);
        ASSERT_TRUE(u.ok()) << text.toStdString() << ": " << u.error().message.toStdString();
        EXPECT_EQ(u->toString(), text);
        auto again = SourceUri::parse(u->toString());
        ASSERT_TRUE(again.ok());
        EXPECT_TRUE(*again == *u) << text.toStdString();
    }
    SourceUri odd;
    odd.kind = SourceKind::Csv;
    odd.path = QStringLiteral("/tmp/a b/100% sure?#x.csv");
    odd.options.insert(QStringLiteral("delimiter"), QStringLiteral("&"));
    auto back = SourceUri::parse(odd.toString());
    ASSERT_TRUE(back.ok()) << odd.toString().toStdString();
    EXPECT_EQ(back->path, odd.path);
    EXPECT_EQ(back->options, odd.options);
}

TEST(SourceUri, FromLocalPathPicksTheKindByExtension)
{
    EXPECT_EQ(SourceUri::fromLocalPath(QStringLiteral("/x/a.xlsx"))->kind, SourceKind::Xlsx);
    EXPECT_EQ(SourceUri::fromLocalPath(QStringLiteral("/x/a.XLS"))->kind, SourceKind::Xls);
    EXPECT_EQ(SourceUri::fromLocalPath(QStringLiteral("/x/a.db"))->kind, SourceKind::Sqlite);
    auto tsv = SourceUri::fromLocalPath(QStringLiteral("/x/a.tsv"));
    EXPECT_EQ(tsv->kind, SourceKind::Csv);
    EXPECT_EQ(tsv->option(QStringLiteral("delimiter")), QStringLiteral("tab"));
    EXPECT_EQ(SourceUri::fromLocalPath(ferry::testing::sourceData(QStringLiteral("csv/folder")))->kind,
              SourceKind::Csv);
    EXPECT_FALSE(SourceUri::fromLocalPath(QStringLiteral("/x/a.pdf")).ok());
}

TEST(Value, CanonicalTextAndConversions)
{
    EXPECT_TRUE(Value().isNull());
    EXPECT_EQ(Value::fromInt(-42).toText(), QStringLiteral("-42"));
    EXPECT_EQ(Value::fromDouble(0.1).toText(), QStringLiteral("0.1"));
    EXPECT_EQ(Value::fromDecimal(QStringLiteral("12.50")).toText(), QStringLiteral("12.50"));
    EXPECT_EQ(Value::fromDecimal(QStringLiteral("12.50")).type(), ValueType::Decimal);
    EXPECT_EQ(Value::fromBool(true).toText(), QStringLiteral("true"));
    EXPECT_EQ(Value::fromDate(QDate(2024, 2, 29)).toText(), QStringLiteral("2024-02-29"));
    EXPECT_EQ(Value::fromDateTime(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 600))).toText(),
              QStringLiteral("2024-01-02T03:04:05.600"));
    EXPECT_EQ(Value::fromTime(QTime(7, 30)).toText(), QStringLiteral("07:30:00"));
    EXPECT_EQ(Value::fromBytes(QByteArray("\x01\xff", 2)).toText(), QStringLiteral("01ff"));
    EXPECT_EQ(Value::fromText(QStringLiteral(" 17 ")).toInt(), 17);
    EXPECT_DOUBLE_EQ(Value::fromDecimal(QStringLiteral("2.5")).toDouble(), 2.5);
    EXPECT_FALSE(Value::fromInt(1) == Value::fromDouble(1.0)); // the type is part of the value
    EXPECT_EQ(valueTypeName(ValueType::DateTime), QStringLiteral("datetime"));
}
