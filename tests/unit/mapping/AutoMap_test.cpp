// Auto-map: Chinook (resources/demo/chinook.sqlite) onto the demo org (resources/demo/org.json).

#include "mapping/MappingTestUtil.h"

#include <ferry/mapping/AutoMap.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/target/Metadata.h>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::mapping;
using namespace ferry::mapping::testutil;

namespace {

struct Demo
{
    Catalog catalog;
    target::TargetModel model;
};

const Demo &demo()
{
    static const Demo d = [] {
        Demo out;
        auto org = target::parseOrg(readFile(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/org.json")));
        EXPECT_TRUE(org.ok()) << org.error().message.toStdString();
        if (org)
            out.model = *org;
        auto src = openSource(QStringLiteral("sqlite://" FERRY_SOURCE_DIR "/resources/demo/chinook.sqlite"));
        EXPECT_TRUE(src.ok()) << src.error().message.toStdString();
        if (src) {
            auto tables = (*src)->listTables();
            EXPECT_TRUE(tables.ok());
            out.catalog.sourceName = QStringLiteral("chinook");
            for (const TableInfo &t : *tables)
                out.catalog.tables.append(CatalogTable::fromTableInfo(t));
        }
        return out;
    }();
    return d;
}

const TableSuggestion *suggestionFor(const QList<TableSuggestion> &all, const char *table)
{
    for (const TableSuggestion &s : all)
        if (s.sourceTable == QLatin1String(table))
            return &s;
    return nullptr;
}

// "Source->target" pairs of a suggestion, in source order.
QStringList pairs(const TableSuggestion &s)
{
    QStringList out;
    for (const ColumnSuggestion &c : s.columns)
        out.append(c.sourceColumn + QStringLiteral("->") + c.targetColumn);
    return out;
}

} // namespace

TEST(AutoMap, NormalizesNamesAndScoresTypes)
{
    EXPECT_EQ(normalizeName(QStringLiteral("ferry_MediaTypes")), QStringLiteral("mediatype"));
    EXPECT_EQ(normalizeName(QStringLiteral("Invoice_Lines")), QStringLiteral("invoiceline"));
    EXPECT_EQ(normalizeName(QStringLiteral("cr4a1_Categories")), QStringLiteral("category"));
    EXPECT_EQ(normalizeName(QStringLiteral("Address")), QStringLiteral("address"));
    EXPECT_EQ(normalizeName(QStringLiteral("address1_city")), QStringLiteral("address1city"));
    EXPECT_DOUBLE_EQ(nameSimilarity(QStringLiteral("artist"), QStringLiteral("artist")), 1.0);
    EXPECT_DOUBLE_EQ(nameSimilarity(QStringLiteral("night"), QStringLiteral("nacht")), 0.25);
    EXPECT_EQ(typeCompatibility(ValueType::Int, target::AttributeType::Integer), 1.0);
    EXPECT_EQ(typeCompatibility(ValueType::Text, target::AttributeType::Integer), 0.5);
    EXPECT_EQ(typeCompatibility(ValueType::Date, target::AttributeType::Integer), 0.0);
}

TEST(AutoMap, ChinookTablesLandOnTheDemoTables)
{
    const Demo &d = demo();
    ASSERT_FALSE(d.model.isEmpty());
    const QList<TableSuggestion> all = suggestMappings(d.catalog, d.model, 0.5);
    QStringList tables;
    for (const TableSuggestion &s : all)
        tables.append(s.sourceTable + QStringLiteral("->") + s.targetEntity);
    tables.sort();
    // PlaylistTrack is the N:N intersect: no table suggestion (N:N associations are the engine's work)
    EXPECT_EQ(tables, (QStringList{
                          QStringLiteral("Album->ferry_album"), QStringLiteral("Artist->ferry_artist"),
                          QStringLiteral("Customer->contact"), QStringLiteral("Employee->ferry_employee"),
                          QStringLiteral("Genre->ferry_genre"), QStringLiteral("Invoice->ferry_invoice"),
                          QStringLiteral("InvoiceLine->ferry_invoiceline"),
                          QStringLiteral("MediaType->ferry_mediatype"),
                          QStringLiteral("Playlist->ferry_playlist"), QStringLiteral("Track->ferry_track")}));
    for (const TableSuggestion &s : all)
        EXPECT_GE(s.confidence, 0.5) << s.sourceTable.toStdString();
    EXPECT_DOUBLE_EQ(suggestionFor(all, "Artist")->confidence, 1.0);
    EXPECT_LT(suggestionFor(all, "Customer")->confidence, 1.0); // found by its columns, not its name
}

TEST(AutoMap, ChinookColumnsKeysAndLookups)
{
    const Demo &d = demo();
    const QList<TableSuggestion> all = suggestMappings(d.catalog, d.model, 0.5);

    const TableSuggestion *artist = suggestionFor(all, "Artist");
    ASSERT_NE(artist, nullptr);
    EXPECT_EQ(artist->alternateKey, QStringLiteral("ferry_artistnumber"));
    EXPECT_EQ(pairs(*artist), (QStringList{QStringLiteral("ArtistId->ferry_artistnumber"),
                                           QStringLiteral("Name->ferry_name")}));

    const TableSuggestion *album = suggestionFor(all, "Album");
    ASSERT_NE(album, nullptr);
    EXPECT_EQ(pairs(*album),
              (QStringList{QStringLiteral("AlbumId->ferry_albumnumber"), QStringLiteral("Title->ferry_title"),
                           QStringLiteral("ArtistId->ferry_artistid")}));
    const ColumnSuggestion &fk = album->columns.at(2);
    ASSERT_EQ(fk.transforms.size(), 1);
    EXPECT_EQ(fk.transforms.first().op, QStringLiteral("lookup"));
    EXPECT_EQ(fk.transforms.first().params,
              (nlohmann::json{{"table", "ferry_artist"}, {"key", "ferry_artistnumber"}}));

    const TableSuggestion *track = suggestionFor(all, "Track");
    ASSERT_NE(track, nullptr);
    EXPECT_EQ(pairs(*track),
              (QStringList{
                  QStringLiteral("TrackId->ferry_tracknumber"), QStringLiteral("Name->ferry_name"),
                  QStringLiteral("AlbumId->ferry_albumid"), QStringLiteral("MediaTypeId->ferry_mediatypeid"),
                  QStringLiteral("GenreId->ferry_genreid"), QStringLiteral("Composer->ferry_composer"),
                  QStringLiteral("Milliseconds->ferry_milliseconds"), QStringLiteral("Bytes->ferry_bytes"),
                  QStringLiteral("UnitPrice->ferry_unitprice")}));

    const TableSuggestion *employee = suggestionFor(all, "Employee");
    ASSERT_NE(employee, nullptr);
    const QStringList e = pairs(*employee);
    EXPECT_TRUE(e.contains(QStringLiteral("EmployeeId->ferry_employeenumber")));
    EXPECT_TRUE(e.contains(QStringLiteral("ReportsTo->ferry_reportstoid"))); // the self reference
    EXPECT_TRUE(e.contains(QStringLiteral("BirthDate->ferry_birthdate")));
    EXPECT_TRUE(e.contains(QStringLiteral("LastName->ferry_lastname")));
    EXPECT_TRUE(e.contains(QStringLiteral("PostalCode->ferry_postalcode")));

    const TableSuggestion *customer = suggestionFor(all, "Customer");
    ASSERT_NE(customer, nullptr);
    EXPECT_EQ(customer->alternateKey, QStringLiteral("ferry_customernumber"));
    const QStringList c = pairs(*customer);
    EXPECT_TRUE(c.contains(QStringLiteral("CustomerId->ferry_customernumber")));
    EXPECT_TRUE(c.contains(QStringLiteral("FirstName->firstname")));
    EXPECT_TRUE(c.contains(QStringLiteral("City->address1_city")));
    EXPECT_TRUE(c.contains(QStringLiteral("SupportRepId->ferry_supportrepid")));

    // an accepted suggestion is a mapping that compiles against the org and the source columns
    Mapping m = mappingFromSuggestion(*track, QStringLiteral("chinook"));
    EXPECT_EQ(m.name, QStringLiteral("ferry_track"));
    EXPECT_EQ(m.alternateKey, QStringLiteral("ferry_tracknumber"));
    QList<ColumnInfo> cols;
    for (const CatalogColumn &col : d.catalog.table(QStringLiteral("Track"))->columns)
        cols.append(col.info);
    auto mapper = RowMapper::compile(m, d.model, cols);
    EXPECT_TRUE(mapper.ok()) << mapper.error().message.toStdString();
}
