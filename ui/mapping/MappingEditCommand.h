#pragma once
// GUI thread.

#include <ferry/mapping/Mapping.h>

#include <QUndoCommand>

#include <functional>

namespace ferry::ui {

/// One edit of the Mapping page: the whole set before and after (sets are small, and a snapshot cannot get
/// out of step with the edit the way an inverse operation can). Undo and redo hand a snapshot back to the
/// page together with the mapping and field to select, so the analyst sees what changed.
class MappingEditCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const ferry::mapping::MappingSet &set, const QString &mapping,
                                     const QString &field)>;

    MappingEditCommand(ferry::mapping::MappingSet before, ferry::mapping::MappingSet after,
                       const QString &text, QString mappingBefore, QString mappingAfter, QString field,
                       Apply apply);

    void undo() override;
    void redo() override;

private:
    ferry::mapping::MappingSet m_before;
    ferry::mapping::MappingSet m_after;
    QString m_mappingBefore;
    QString m_mappingAfter;
    QString m_field;
    Apply m_apply;
};

} // namespace ferry::ui
