#include "AboutDialog.h"

#include "ui_AboutDialog.h"

#include "Resources.h"

#include <ferry/Version.h>

#include <QPushButton>
#include <QTextDocument>

namespace ferry::ui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->iconLabel->setPixmap(applicationIcon().pixmap(96, 96));

    QFont font = m_ui->nameLabel->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.6);
    m_ui->nameLabel->setFont(font);
    m_ui->nameLabel->setText(tr("Ferry %1").arg(QString::fromLatin1(ferry::kVersion)));

    // Build-time and run-time Qt differ when the system Qt is updated after the build; show both.
    const QString built = QStringLiteral(QT_VERSION_STR);
    const QString running = QString::fromLatin1(qVersion());
    m_ui->qtLabel->setText(built == running ? tr("Built with Qt %1.").arg(built)
                                            : tr("Built with Qt %1, running on Qt %2.").arg(built, running));
    if (QPushButton *close = m_ui->buttonBox->button(QDialogButtonBox::Close))
        close->setDefault(true);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::plainText() const
{
    QStringList parts;
    for (const QLabel *label :
         {m_ui->nameLabel, m_ui->descriptionLabel, m_ui->qtLabel, m_ui->librariesLabel}) {
        QTextDocument doc;
        doc.setHtml(label->text());
        parts.append(Qt::mightBeRichText(label->text()) ? doc.toPlainText() : label->text());
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace ferry::ui
