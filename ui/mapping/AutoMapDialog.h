#pragma once
// GUI thread.

#include <ferry/mapping/AutoMap.h>

#include <QDialog>
#include <QPair>

class QTreeWidget;
class QLabel;

namespace ferry::ui {

/// Shows auto-map suggestions (target table per source table, target column per source column, each with its
/// confidence and reason) with a check box each; the analyst keeps what is right. Suggestions for source
/// tables that already have a mapping start unchecked.
class AutoMapDialog : public QDialog
{
    Q_OBJECT

public:
    /// A suggestion and the workspace name of the source it came from.
    using Suggestion = QPair<QString, ferry::mapping::TableSuggestion>;

    AutoMapDialog(const QList<Suggestion> &suggestions, const QStringList &mappedSourceTables,
                  QWidget *parent = nullptr);

    /// The checked tables, each with only its checked columns.
    QList<Suggestion> accepted() const;
    /// Checks or unchecks a table suggestion (by source table) and its columns; false when there is none.
    bool setTableChecked(const QString &sourceTable, bool checked);
    /// Checks or unchecks one column suggestion.
    bool setColumnChecked(const QString &sourceTable, const QString &sourceColumn, bool checked);
    QTreeWidget *tree() const { return m_tree; }

private:
    void updateSummary();

    QList<Suggestion> m_suggestions;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace ferry::ui
