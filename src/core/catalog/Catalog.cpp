#include <ferry/catalog/Catalog.h>

namespace ferry {

bool CatalogTable::isProfiled() const
{
    for (const CatalogColumn &c : columns)
        if (c.profile)
            return true;
    return false;
}

int CatalogTable::columnIndex(const QString &columnName) const
{
    for (qsizetype i = 0; i < columns.size(); ++i)
        if (columns[i].info.name.compare(columnName, Qt::CaseInsensitive) == 0)
            return int(i);
    return -1;
}

const CatalogColumn *CatalogTable::column(const QString &columnName) const
{
    const int i = columnIndex(columnName);
    return i < 0 ? nullptr : &columns[i];
}

CatalogTable CatalogTable::fromTableInfo(const TableInfo &info)
{
    CatalogTable t;
    t.name = info.name;
    t.kind = info.kind;
    t.primaryKey = info.primaryKey;
    t.uniqueKeys = info.uniqueKeys;
    t.foreignKeys = info.foreignKeys;
    t.rowCount = info.rowCount;
    t.rowCountExact = info.rowCountExact;
    t.properties = info.properties;
    t.errorCode = info.error.code;
    t.errorMessage = info.error.message;
    for (const ColumnInfo &c : info.columns) {
        CatalogColumn col;
        col.info = c;
        const QString key = QStringLiteral("default.") + c.name;
        col.defaultValue = t.properties.take(key);
        t.columns.append(col);
    }
    return t;
}

const CatalogTable *Catalog::table(const QString &name) const
{
    for (const CatalogTable &t : tables)
        if (t.name.compare(name, Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

CatalogTable *Catalog::table(const QString &name)
{
    for (CatalogTable &t : tables)
        if (t.name.compare(name, Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

QString tableKindName(TableKind kind)
{
    switch (kind) {
    case TableKind::Table:
        return QStringLiteral("table");
    case TableKind::View:
        return QStringLiteral("view");
    case TableKind::Sheet:
        return QStringLiteral("sheet");
    case TableKind::File:
        return QStringLiteral("file");
    }
    return QStringLiteral("table");
}

TableKind tableKindFromName(const QString &name)
{
    for (TableKind k : {TableKind::Table, TableKind::View, TableKind::Sheet, TableKind::File})
        if (tableKindName(k) == name)
            return k;
    return TableKind::Table;
}

ValueType valueTypeFromName(const QString &name)
{
    for (ValueType t :
         {ValueType::Null, ValueType::Bool, ValueType::Int, ValueType::Double, ValueType::Decimal,
          ValueType::Text, ValueType::Date, ValueType::DateTime, ValueType::Time, ValueType::Bytes})
        if (valueTypeName(t) == name)
            return t;
    return ValueType::Null;
}

} // namespace ferry
