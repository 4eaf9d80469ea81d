#include "MappingEditCommand.h"

namespace ferry::ui {

MappingEditCommand::MappingEditCommand(ferry::mapping::MappingSet before, ferry::mapping::MappingSet after,
                                       const QString &text, QString mappingBefore, QString mappingAfter,
                                       QString field, Apply apply)
    : m_before(std::move(before)), m_after(std::move(after)), m_mappingBefore(std::move(mappingBefore)),
      m_mappingAfter(std::move(mappingAfter)), m_field(std::move(field)), m_apply(std::move(apply))
{
    setText(text);
}

void MappingEditCommand::undo()
{
    // The mapping may not exist before the edit (an added mapping): the page then selects what it can.
    m_apply(m_before, m_mappingBefore, m_field);
}

void MappingEditCommand::redo()
{
    m_apply(m_after, m_mappingAfter, m_field);
}

} // namespace ferry::ui
