#include <ferry/catalog/LoadOrder.h>

#include <gtest/gtest.h>

using namespace ferry;

namespace {

struct Fk
{
    QString column;
    QString target;
    bool nullable = true;
};

CatalogTable table(const QString &name, const QList<Fk> &fks = {})
{
    CatalogTable t;
    t.name = name;
    CatalogColumn id;
    id.info.name = QStringLiteral("id");
    id.info.nullable = false;
    t.columns.append(id);
    t.primaryKey = {QStringLiteral("id")};
    for (const Fk &f : fks) {
        CatalogColumn c;
        c.info.name = f.column;
        c.info.nullable = f.nullable;
        t.columns.append(c);
        t.foreignKeys.append(ForeignKeyInfo{
            QStringLiteral("fk_%1_%2").arg(name, f.column), {f.column}, f.target, {QStringLiteral("id")}});
    }
    return t;
}

QStringList order(const LoadPlan &plan)
{
    QStringList names;
    for (const LoadStep &s : plan.steps)
        names << s.table;
    return names;
}

TEST(LoadOrderTest, ParentsComeFirstAndTiesGoByName)
{
    const LoadPlan plan =
        planLoadOrder({table("Track", {{"album_id", "Album"}, {"genre_id", "Genre"}}), table("Genre"),
                       table("Album", {{"artist_id", "Artist"}}), table("Artist")});
    EXPECT_EQ(order(plan), (QStringList{"Artist", "Album", "Genre", "Track"}));
    EXPECT_EQ(plan.passes(), 1);
    EXPECT_TRUE(plan.deferred.isEmpty());
    EXPECT_TRUE(plan.cycles.isEmpty());
    EXPECT_EQ(plan.steps[plan.indexOf("Track")].level, 2);
    EXPECT_EQ(plan.steps[plan.indexOf("Track")].dependsOn, (QStringList{"Album", "Genre"}));
    EXPECT_EQ(plan.steps[plan.indexOf("artist")].level, 0);
}

TEST(LoadOrderTest, InputOrderDoesNotChangeThePlan)
{
    QList<CatalogTable> tables = {table("C", {{"b", "B"}}), table("B", {{"a", "A"}}), table("A"), table("D"),
                                  table("E", {{"a", "A"}, {"d", "D"}})};
    const LoadPlan first = planLoadOrder(tables);
    std::reverse(tables.begin(), tables.end());
    const LoadPlan second = planLoadOrder(tables);
    EXPECT_EQ(order(first), order(second));
    EXPECT_EQ(order(first), (QStringList{"A", "B", "C", "D", "E"}));
}

TEST(LoadOrderTest, SelfReferenceIsDeferredToASecondPass)
{
    const LoadPlan plan = planLoadOrder(
        {table("Employee", {{"reports_to", "Employee"}}), table("Customer", {{"support_rep", "Employee"}})});
    EXPECT_EQ(order(plan), (QStringList{"Employee", "Customer"}));
    ASSERT_EQ(plan.deferred.size(), 1);
    EXPECT_EQ(plan.deferred[0].table, "Employee");
    EXPECT_EQ(plan.deferred[0].columns, QStringList{"reports_to"});
    EXPECT_TRUE(plan.deferred[0].selfReference);
    EXPECT_EQ(plan.deferred[0].pass, 2);
    EXPECT_EQ(plan.passes(), 2);
    EXPECT_TRUE(plan.cycles.isEmpty()) << "a self reference is not reported as a cycle between tables";
}

TEST(LoadOrderTest, CycleIsReportedAndBrokenAtTheNullableKey)
{
    // A.b_id -> B is NOT NULL, B.a_id -> A is nullable: B's lookup to A is left empty, so B loads first, then
    // A (which needs B), then pass 2 patches B.a_id.
    const LoadPlan plan =
        planLoadOrder({table("A", {{"b_id", "B", false}}), table("B", {{"a_id", "A", true}})});
    ASSERT_EQ(plan.cycles.size(), 1);
    EXPECT_EQ(plan.cycles[0], (QStringList{"A", "B"}));
    ASSERT_EQ(plan.deferred.size(), 1);
    EXPECT_EQ(plan.deferred[0].table, "B");
    EXPECT_EQ(plan.deferred[0].referencedTable, "A");
    EXPECT_FALSE(plan.deferred[0].selfReference);
    EXPECT_TRUE(plan.deferred[0].nullable);
    EXPECT_EQ(order(plan), (QStringList{"B", "A"}));

    // Swapped nullability: the other edge is cut.
    const LoadPlan swapped =
        planLoadOrder({table("A", {{"b_id", "B", true}}), table("B", {{"a_id", "A", false}})});
    ASSERT_EQ(swapped.deferred.size(), 1);
    EXPECT_EQ(swapped.deferred[0].table, "A");
    EXPECT_EQ(order(swapped), (QStringList{"A", "B"}));
}

TEST(LoadOrderTest, ThreeTableCycleAndATailAreOrdered)
{
    const LoadPlan plan =
        planLoadOrder({table("X", {{"y", "Y", false}}), table("Y", {{"z", "Z", false}}),
                       table("Z", {{"x", "X", false}}), table("Tail", {{"x", "X", false}})});
    ASSERT_EQ(plan.cycles.size(), 1);
    EXPECT_EQ(plan.cycles[0], (QStringList{"X", "Y", "Z"}));
    ASSERT_EQ(plan.deferred.size(), 1);
    EXPECT_FALSE(plan.deferred[0].nullable) << "no nullable key: pass 1 needs a placeholder";
    EXPECT_EQ(plan.deferred[0].table, "X") << "ties go to the first table by name";
    EXPECT_EQ(order(plan), (QStringList{"X", "Tail", "Z", "Y"}));
}

TEST(LoadOrderTest, ReferencesOutsideThePlanAreListedNotFollowed)
{
    const LoadPlan plan = planLoadOrder({table("Order", {{"customer_id", "Customer"}})});
    EXPECT_EQ(order(plan), QStringList{"Order"});
    ASSERT_EQ(plan.externalReferences.size(), 1);
    EXPECT_TRUE(plan.externalReferences[0].contains("Customer"));
}

} // namespace
