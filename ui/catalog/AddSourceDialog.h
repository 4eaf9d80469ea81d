#pragma once
// GUI thread.

#include <ferry/source/SourceUri.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace ferry::ui {

/// Asks for a new source: its kind, then a file/folder path or server fields, and a name for the
/// workspace. The password of a server source is kept only in memory for this session: it is passed to
/// discovery as a parameter and never becomes part of the URI or the workspace.
class AddSourceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AddSourceDialog(QWidget *parent = nullptr);

    /// The source the fields describe, or the reason they do not describe one yet.
    ferry::Result<ferry::SourceUri> sourceUri() const;
    QString sourceName() const;
    QString password() const;

    void accept() override;

private:
    void updateKind();
    void browse();
    void browseFolder();

    QComboBox *m_kind = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browseFolder = nullptr;
    QLineEdit *m_host = nullptr;
    QLabel *m_hostLabel = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_portLabel = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_schema = nullptr;
    QLabel *m_schemaLabel = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ferry::ui
