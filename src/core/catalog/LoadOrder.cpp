#include <ferry/catalog/LoadOrder.h>

#include <QHash>

#include <algorithm>
#include <functional>
#include <set>

namespace ferry {

int LoadPlan::indexOf(const QString &table) const
{
    for (qsizetype i = 0; i < steps.size(); ++i)
        if (steps[i].table.compare(table, Qt::CaseInsensitive) == 0)
            return int(i);
    return -1;
}

namespace {

struct Edge
{
    int from = 0; ///< the table holding the foreign key (loads after `to`)
    int to = 0;
    int fkIndex = 0;
    bool nullable = true;
    bool removed = false;
};

bool lessName(const QString &a, const QString &b)
{
    const int c = a.compare(b, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a < b;
}

// Tarjan's strongly connected components over the edges still present. Nodes are visited in index order
// (names sorted), so the result is deterministic.
QList<QList<int>> stronglyConnected(int n, const QList<Edge> &edges)
{
    QList<QList<int>> out(n);
    for (qsizetype e = 0; e < edges.size(); ++e)
        if (!edges[e].removed && edges[e].from != edges[e].to)
            out[edges[e].from].append(edges[e].to);
    QList<int> index(n, -1), low(n, 0), stack;
    QList<bool> onStack(n, false);
    QList<QList<int>> components;
    int counter = 0;
    std::function<void(int)> visit = [&](int v) {
        index[v] = low[v] = counter++;
        stack.append(v);
        onStack[v] = true;
        for (int w : out[v]) {
            if (index[w] < 0) {
                visit(w);
                low[v] = std::min(low[v], low[w]);
            } else if (onStack[w]) {
                low[v] = std::min(low[v], index[w]);
            }
        }
        if (low[v] == index[v]) {
            QList<int> component;
            int w = -1;
            do {
                w = stack.takeLast();
                onStack[w] = false;
                component.append(w);
            } while (w != v);
            std::sort(component.begin(), component.end());
            components.append(component);
        }
    };
    for (int v = 0; v < n; ++v)
        if (index[v] < 0)
            visit(v);
    return components;
}

} // namespace

LoadPlan planLoadOrder(const QList<CatalogTable> &input)
{
    QList<const CatalogTable *> tables;
    for (const CatalogTable &t : input)
        tables.append(&t);
    std::sort(tables.begin(), tables.end(),
              [](const CatalogTable *a, const CatalogTable *b) { return lessName(a->name, b->name); });
    QHash<QString, int> byName;
    for (qsizetype i = 0; i < tables.size(); ++i)
        byName.insert(tables[i]->name.toLower(), int(i));

    LoadPlan plan;
    QList<Edge> edges;
    const int n = int(tables.size());
    for (int i = 0; i < n; ++i) {
        const CatalogTable &t = *tables[i];
        for (qsizetype f = 0; f < t.foreignKeys.size(); ++f) {
            const ForeignKeyInfo &fk = t.foreignKeys[f];
            bool nullable = true;
            for (const QString &c : fk.columns) {
                const CatalogColumn *col = t.column(c);
                if (col && !col->info.nullable)
                    nullable = false;
            }
            const auto target = byName.constFind(fk.referencedTable.toLower());
            if (target == byName.constEnd()) {
                plan.externalReferences.append(
                    QStringLiteral("%1.%2 -> %3")
                        .arg(t.name, fk.name.isEmpty() ? fk.columns.join(QLatin1Char(',')) : fk.name,
                             fk.referencedTable));
                continue;
            }
            Edge e;
            e.from = i;
            e.to = *target;
            e.fkIndex = int(f);
            e.nullable = nullable;
            if (e.from == e.to) {
                e.removed = true;
                plan.deferred.append(DeferredLookup{t.name, fk.name, fk.columns, t.name, true, nullable, 2});
            }
            edges.append(e);
        }
    }

    // Break cycles one edge at a time until every component is a single table.
    for (;;) {
        const QList<QList<int>> components = stronglyConnected(n, edges);
        bool broke = false;
        QList<QList<int>> cyclic;
        for (const QList<int> &c : components)
            if (c.size() > 1)
                cyclic.append(c);
        std::sort(cyclic.begin(), cyclic.end(),
                  [](const QList<int> &a, const QList<int> &b) { return a.first() < b.first(); });
        for (const QList<int> &component : cyclic) {
            const std::set<int> members(component.begin(), component.end());
            QStringList names;
            for (int v : component)
                names.append(tables[v]->name);
            plan.cycles.append(names);
            // Prefer a nullable lookup (pass 1 can leave it empty), then the first table and key by name.
            int best = -1;
            for (qsizetype e = 0; e < edges.size(); ++e) {
                const Edge &edge = edges[e];
                if (edge.removed || !members.count(edge.from) || !members.count(edge.to))
                    continue;
                if (best < 0) {
                    best = int(e);
                    continue;
                }
                const Edge &b = edges[best];
                if (edge.nullable != b.nullable) {
                    if (edge.nullable)
                        best = int(e);
                    continue;
                }
                // Edges are in (from, fk) order already: the first one found wins a tie.
            }
            Edge &cut = edges[best];
            cut.removed = true;
            const CatalogTable &t = *tables[cut.from];
            const ForeignKeyInfo &fk = t.foreignKeys[cut.fkIndex];
            plan.deferred.append(
                DeferredLookup{t.name, fk.name, fk.columns, tables[cut.to]->name, false, cut.nullable, 2});
            broke = true;
        }
        if (!broke)
            break;
    }
    // A cycle can be reported more than once while it is broken edge by edge; keep each once.
    QList<QStringList> uniqueCycles;
    for (const QStringList &c : plan.cycles) {
        bool subset = false;
        for (const QStringList &u : uniqueCycles) {
            subset = std::all_of(c.begin(), c.end(), [&](const QString &s) { return u.contains(s); });
            if (subset)
                break;
        }
        if (!subset)
            uniqueCycles.append(c);
    }
    plan.cycles = uniqueCycles;

    // Kahn's algorithm, always taking the smallest ready name: parents first, ties by name.
    QList<QList<int>> parents(n), children(n);
    for (const Edge &e : edges) {
        if (e.removed || parents[e.from].contains(e.to))
            continue;
        parents[e.from].append(e.to);
        children[e.to].append(e.from);
    }
    QList<int> waiting(n), level(n, 0);
    std::set<int> ready;
    for (int v = 0; v < n; ++v) {
        waiting[v] = int(parents[v].size());
        if (waiting[v] == 0)
            ready.insert(v);
    }
    while (!ready.empty()) {
        const int v = *ready.begin();
        ready.erase(ready.begin());
        LoadStep step;
        step.table = tables[v]->name;
        for (int p : parents[v]) {
            level[v] = std::max(level[v], level[p] + 1);
            step.dependsOn.append(tables[p]->name);
        }
        std::sort(step.dependsOn.begin(), step.dependsOn.end(), lessName);
        step.level = level[v];
        plan.steps.append(step);
        for (int c : children[v])
            if (--waiting[c] == 0)
                ready.insert(c);
    }
    return plan;
}

} // namespace ferry
