// The exact bytes the demo mapping would send for a few Chinook rows (UpsertMultiple targets), and the
// fingerprint that goes with them.

#include "mapping/MappingTestUtil.h"

#include <ferry/mapping/DryRun.h>
#include <ferry/mapping/MappingSource.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/target/Metadata.h>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::mapping;
using namespace ferry::mapping::testutil;

namespace {

// The payload of the first source row whose first column equals `id`, mapped with the demo mapping `name`.
QString payloadOf(const char *name, qint64 id, MappedRow *out = nullptr)
{
    static const auto set =
        importMappings(readFile(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/chinook-mapping.json")));
    static const auto model =
        target::parseOrg(readFile(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/org.json")));
    if (!set || !model)
        return QStringLiteral("demo files do not load");
    const Mapping *m = set->mapping(QString::fromLatin1(name));
    auto src = openSource(QStringLiteral("sqlite://" FERRY_SOURCE_DIR "/resources/demo/chinook.sqlite"));
    if (!m || !src)
        return QStringLiteral("no mapping or source");
    auto reader = openMappingReader(**src, m->source);
    if (!reader)
        return reader.error().message;
    MapOptions options;
    options.systemUsers = {
        {QStringLiteral("7094596d-70ed-59c8-8347-ecf985048aed"), QStringLiteral("Ada Lovelace"),
         QStringLiteral("ada.lovelace@ferry-demo.example"), QString()},
        {QStringLiteral("18631bcc-59cb-5cd9-9275-abd919b52617"), QStringLiteral("Jane Peacock"),
         QStringLiteral("jane@chinookcorp.com"), QString()}};
    auto mapper = RowMapper::compile(*m, *model, (*reader)->columns(), options);
    if (!mapper)
        return mapper.error().message;
    RowBatch batch;
    for (;;) {
        batch.clear();
        auto more = (*reader)->nextBatch(batch, 500);
        if (!more)
            return more.error().message;
        for (const QVector<Value> &row : batch.rows) {
            if (row.first().toInt() != id)
                continue;
            MappedRow r;
            (*mapper)->map(row, r);
            if (out)
                *out = r;
            return QString::fromUtf8(r.payload);
        }
        if (!*more)
            return QStringLiteral("row not found");
    }
}

} // namespace

TEST(Payload, TrackWithThreeLookupsAndMoney)
{
    EXPECT_EQ(
        payloadOf("ferry_track", 1),
        QStringLiteral(R"j({"@odata.type":"Microsoft.Dynamics.CRM.ferry_track",)j"
                       R"j("@odata.id":"ferry_tracks(ferry_tracknumber=1)",)j"
                       R"j("ferry_name":"For Those About To Rock (We Salute You)",)j"
                       R"j("ferry_AlbumId@odata.bind":"/ferry_albums(ferry_albumnumber=1)",)j"
                       R"j("ferry_MediaTypeId@odata.bind":"/ferry_mediatypes(ferry_mediatypenumber=1)",)j"
                       R"j("ferry_GenreId@odata.bind":"/ferry_genres(ferry_genrenumber=1)",)j"
                       R"j("ferry_composer":"Angus Young, Malcolm Young, Brian Johnson",)j"
                       R"j("ferry_milliseconds":343719,"ferry_bytes":11170334,"ferry_unitprice":0.99})j"));
}

TEST(Payload, EmployeeDatesOwnerAndTheDeferredSelfLookup)
{
    MappedRow r;
    // Nancy is not a systemuser: the default owner (Ada) with a warning. BirthDate is DateOnly, HireDate
    // TimeZoneIndependent. ReportsTo is not deferred here (only the dry run's load order defers it), so it is
    // in the payload.
    EXPECT_EQ(
        payloadOf("ferry_employee", 2, &r),
        QStringLiteral(
            R"j({"@odata.type":"Microsoft.Dynamics.CRM.ferry_employee",)j"
            R"j("@odata.id":"ferry_employees(ferry_employeenumber=2)",)j"
            R"j("ferry_name":"Nancy Edwards","ferry_firstname":"Nancy","ferry_lastname":"Edwards",)j"
            R"j("ferry_title":"Sales Manager",)j"
            R"j("ferry_ReportsToId@odata.bind":"/ferry_employees(ferry_employeenumber=1)",)j"
            R"j("ferry_birthdate":"1958-12-08","ferry_hiredate":"2002-05-01T00:00:00Z",)j"
            R"j("ferry_address":"825 8 Ave SW","ferry_city":"Calgary","ferry_state":"AB",)j"
            R"j("ferry_country":"Canada","ferry_postalcode":"T2P 2T3","ferry_phone":"+1 (403) 262-3443",)j"
            R"j("ferry_fax":"+1 (403) 262-3322","ferry_email":"nancy@chinookcorp.com",)j"
            R"j("ownerid@odata.bind":"/systemusers(7094596d-70ed-59c8-8347-ecf985048aed)"})j"));
    EXPECT_EQ(r.verdict, Verdict::Warning);
    EXPECT_EQ(r.rowKey, QStringLiteral("ferry_employeenumber=2"));
    EXPECT_EQ(r.fingerprint, fingerprintOf(r.payload));
    EXPECT_EQ(Fingerprint::fromBytes(r.fingerprint.toBytes()), r.fingerprint);
    EXPECT_NE(fingerprintOf(r.payload.left(r.payload.size() - 2) + "x}"), r.fingerprint);
}

TEST(Payload, InvoiceConvertsUserLocalTimeFromNewYork)
{
    // 2021-01-01 00:00 in New York (UTC-5) is 05:00 UTC; the BillingState is null and is sent as null
    EXPECT_EQ(payloadOf("ferry_invoice", 1),
              QStringLiteral(
                  R"j({"@odata.type":"Microsoft.Dynamics.CRM.ferry_invoice",)j"
                  R"j("@odata.id":"ferry_invoices(ferry_invoicenumber=1)","ferry_name":"INV-1",)j"
                  R"j("ferry_CustomerId@odata.bind":"/contacts(ferry_customernumber=2)",)j"
                  R"j("ferry_invoicedate":"2021-01-01T05:00:00Z",)j"
                  R"j("ferry_billingaddress":"Theodor-Heuss-Straße 34","ferry_billingcity":"Stuttgart",)j"
                  R"j("ferry_billingstate":null,"ferry_billingcountry":"Germany",)j"
                  R"j("ferry_billingpostalcode":"70174","ferry_total":1.98})j"));
}

TEST(Payload, ContactFromACustomerAndItsJoinedSupportRep)
{
    EXPECT_EQ(
        payloadOf("contact", 1),
        QStringLiteral(R"j({"@odata.type":"Microsoft.Dynamics.CRM.contact",)j"
                       R"j("@odata.id":"contacts(ferry_customernumber=1)",)j"
                       R"j("firstname":"Luís","lastname":"Gonçalves",)j"
                       R"j("ferry_company":"Embraer - Empresa Brasileira de Aeronáutica S.A.",)j"
                       R"j("address1_line1":"Av. Brigadeiro Faria Lima, 2170",)j"
                       R"j("address1_city":"São José dos Campos","address1_stateorprovince":"SP",)j"
                       R"j("address1_country":"Brazil","address1_postalcode":"12227-000",)j"
                       R"j("telephone1":"+55 (12) 3923-5555","fax":"+55 (12) 3923-5566",)j"
                       R"j("emailaddress1":"luisg@embraer.com.br",)j"
                       R"j("ferry_SupportRepId@odata.bind":"/ferry_employees(ferry_employeenumber=3)",)j"
                       R"j("ownerid@odata.bind":"/systemusers(18631bcc-59cb-5cd9-9275-abd919b52617)"})j"));
}

TEST(Payload, SingleRecordBodiesHaveNoTypeAnnotationAndDeterministicIds)
{
    Mapping m = thingMapping(field("test_name", {"a"}));
    m.keyStrategy = KeyStrategy::DeterministicId;
    m.source.keyColumns = {QStringLiteral("code"), QStringLiteral("a")};
    MapOptions single;
    single.bulk = false;
    auto mapper =
        RowMapper::compile(m, model(), {column(QStringLiteral("code")), column(QStringLiteral("a"))}, single);
    ASSERT_TRUE(mapper.ok()) << mapper.error().message.toStdString();
    MappedRow r;
    (*mapper)->map({Value::fromInt(42), Value::fromText(QStringLiteral("x"))}, r);
    // uuid5(ns, "test_thing\x1f42|x"), computed with Python; the key column test_code stays in the body here
    EXPECT_EQ(
        QString::fromUtf8(r.payload),
        QStringLiteral(
            R"j({"test_thingid":"689d60a0-5c06-5490-9de5-46a6b5325ff5","test_code":"42","test_name":"x"})j"));
    EXPECT_EQ(r.rowKey, QStringLiteral("689d60a0-5c06-5490-9de5-46a6b5325ff5"));
    EXPECT_EQ((*mapper)->bulkPath(), QStringLiteral("test_things/Microsoft.Dynamics.CRM.UpsertMultiple"));
}

TEST(Payload, DeferredLookupsGoToThePatch)
{
    FieldMap prev = field("test_previousid", {"a"},
                          {step("lookup", {{"table", "test_thing"}, {"key", "test_code_key"}})});
    prev.deferred = true;
    OneRow r = mapOne(prev, {Value::fromText(QStringLiteral("K0"))});
    ASSERT_TRUE(r.compiled) << r.compileError.toStdString();
    EXPECT_EQ(r.payload(), prefix() + QLatin1Char('}'));
    EXPECT_EQ(QString::fromUtf8(r.row.patch),
              prefix() +
                  QStringLiteral(R"j(,"test_PreviousId@odata.bind":"/test_things(test_code='K0')"})j"));
    EXPECT_EQ(r.row.fingerprint, fingerprintCombine(fingerprintOf(r.row.payload), r.row.patch));
}
