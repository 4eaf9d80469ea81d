#include "AddSourceDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {

enum KindRow
{
    SqliteRow,
    CsvRow,
    ExcelRow,
    PostgreSqlRow,
    OdbcRow,
};

} // namespace

AddSourceDialog::AddSourceDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("addSourceDialog"));
    setWindowTitle(tr("Add Source"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItems({tr("SQLite file"), tr("CSV file or folder"), tr("Excel workbook (.xlsx, .xls)"),
                      tr("PostgreSQL"), tr("ODBC data source")});
    top->addRow(tr("&Kind:"), m_kind);
    layout->addLayout(top);

    m_stack = new QStackedWidget(this);
    auto *filePage = new QWidget(m_stack);
    auto *fileForm = new QFormLayout(filePage);
    fileForm->setContentsMargins(0, 0, 0, 0);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(filePage);
    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_path->setMinimumWidth(320);
    auto *browse = new QPushButton(tr("&Browse…"), filePage);
    m_browseFolder = new QPushButton(tr("F&older…"), filePage);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    pathRow->addWidget(m_browseFolder);
    fileForm->addRow(tr("&Path:"), pathRow);
    static_cast<QLabel *>(fileForm->labelForField(pathRow))->setBuddy(m_path);
    m_stack->addWidget(filePage);

    auto *serverPage = new QWidget(m_stack);
    auto *serverForm = new QFormLayout(serverPage);
    serverForm->setContentsMargins(0, 0, 0, 0);
    m_host = new QLineEdit(serverPage);
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_hostLabel = new QLabel(tr("&Host:"), serverPage);
    m_hostLabel->setBuddy(m_host);
    serverForm->addRow(m_hostLabel, m_host);
    m_port = new QSpinBox(serverPage);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default"));
    m_portLabel = new QLabel(tr("P&ort:"), serverPage);
    m_portLabel->setBuddy(m_port);
    serverForm->addRow(m_portLabel, m_port);
    m_database = new QLineEdit(serverPage);
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    serverForm->addRow(tr("&Database:"), m_database);
    m_schema = new QLineEdit(serverPage);
    m_schema->setObjectName(QStringLiteral("schemaEdit"));
    m_schema->setPlaceholderText(QStringLiteral("public"));
    m_schemaLabel = new QLabel(tr("&Schema:"), serverPage);
    m_schemaLabel->setBuddy(m_schema);
    serverForm->addRow(m_schemaLabel, m_schema);
    m_user = new QLineEdit(serverPage);
    m_user->setObjectName(QStringLiteral("userEdit"));
    serverForm->addRow(tr("&User:"), m_user);
    m_password = new QLineEdit(serverPage);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Used for this session only; Ferry never stores passwords. Leave it empty to "
                              "use FERRY_SOURCE_PASSWORD or the driver's own means."));
    serverForm->addRow(tr("Pass&word:"), m_password);
    m_stack->addWidget(serverPage);
    layout->addWidget(m_stack);

    auto *nameForm = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("default: the file or database name"));
    nameForm->addRow(tr("&Name in the workspace:"), m_name);
    layout->addLayout(nameForm);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add and &Discover"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddSourceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AddSourceDialog::updateKind);
    connect(browse, &QPushButton::clicked, this, &AddSourceDialog::browse);
    connect(m_browseFolder, &QPushButton::clicked, this, &AddSourceDialog::browseFolder);
    updateKind();
}

void AddSourceDialog::updateKind()
{
    const int kind = m_kind->currentIndex();
    const bool server = kind == PostgreSqlRow || kind == OdbcRow;
    m_stack->setCurrentIndex(server ? 1 : 0);
    m_browseFolder->setVisible(kind == CsvRow);
    m_hostLabel->setText(kind == OdbcRow ? tr("&DSN:") : tr("&Host:"));
    m_port->setVisible(kind == PostgreSqlRow);
    m_portLabel->setVisible(kind == PostgreSqlRow);
    m_schema->setVisible(kind == PostgreSqlRow);
    m_schemaLabel->setVisible(kind == PostgreSqlRow);
    m_error->hide();
}

void AddSourceDialog::browse()
{
    QString filter;
    switch (m_kind->currentIndex()) {
    case SqliteRow:
        filter = tr("SQLite databases (*.sqlite *.sqlite3 *.db *.db3);;All files (*)");
        break;
    case CsvRow:
        filter = tr("CSV files (*.csv *.tsv *.txt);;All files (*)");
        break;
    default:
        filter = tr("Excel workbooks (*.xlsx *.xlsm *.xls);;All files (*)");
        break;
    }
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose the Source File"), m_path->text(), filter);
    if (!path.isEmpty())
        m_path->setText(path);
}

void AddSourceDialog::browseFolder()
{
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Choose a Folder of CSV Files"), m_path->text());
    if (!path.isEmpty())
        m_path->setText(path);
}

ferry::Result<ferry::SourceUri> AddSourceDialog::sourceUri() const
{
    ferry::SourceUri uri;
    switch (m_kind->currentIndex()) {
    case SqliteRow:
    case CsvRow:
    case ExcelRow: {
        const QString path = m_path->text().trimmed();
        if (path.isEmpty())
            return ferry::Error::make(QStringLiteral("ui.no-path"), tr("Choose a file."));
        const QFileInfo info(path);
        if (!info.exists())
            return ferry::Error::make(QStringLiteral("ui.no-path"), tr("“%1” does not exist.").arg(path));
        uri.path = info.absoluteFilePath();
        if (m_kind->currentIndex() == SqliteRow)
            uri.kind = ferry::SourceKind::Sqlite;
        else if (m_kind->currentIndex() == CsvRow)
            uri.kind = ferry::SourceKind::Csv;
        else
            uri.kind = info.suffix().compare(QLatin1String("xls"), Qt::CaseInsensitive) == 0
                           ? ferry::SourceKind::Xls
                           : ferry::SourceKind::Xlsx;
        return uri;
    }
    case PostgreSqlRow:
        uri.kind = ferry::SourceKind::PostgreSql;
        if (m_host->text().trimmed().isEmpty() || m_database->text().trimmed().isEmpty())
            return ferry::Error::make(QStringLiteral("ui.no-server"), tr("Enter the host and the database."));
        uri.port = m_port->value() > 0 ? m_port->value() : -1;
        if (!m_schema->text().trimmed().isEmpty())
            uri.options.insert(QStringLiteral("schema"), m_schema->text().trimmed());
        break;
    default:
        uri.kind = ferry::SourceKind::Odbc;
        if (m_host->text().trimmed().isEmpty())
            return ferry::Error::make(QStringLiteral("ui.no-server"),
                                      tr("Enter the data source name (DSN)."));
        break;
    }
    uri.host = m_host->text().trimmed();
    uri.database = m_database->text().trimmed();
    uri.user = m_user->text().trimmed();
    // Round-trip through the parser so the URI is exactly what the core accepts.
    return ferry::SourceUri::parse(uri.toString());
}

QString AddSourceDialog::sourceName() const
{
    return m_name->text().trimmed();
}

QString AddSourceDialog::password() const
{
    return m_password->text();
}

void AddSourceDialog::accept()
{
    const auto uri = sourceUri();
    if (!uri) {
        m_error->setText(uri.error().message);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace ferry::ui
