#pragma once
// GUI thread. Workspace reads and the preview run on the page's pool threads and report back queued;
// saving waits for one small writer job.

#include "AutoMapDialog.h"
#include "MappingContext.h"
#include "widgets/Page.h"

#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/Transform.h>
#include <ferry/mapping/Validation.h>

#include <QList>
#include <QStringList>
#include <QThreadPool>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;
class QUndoStack;

namespace ferry {
class Workspace;
}

namespace ferry::ui {

namespace Ui {
class MappingPage;
}

class ColumnModel;
class FieldMapModel;
class MappingListModel;
class PreviewModel;

/// The Mapping page: the workspace's mappings (source table → target table), for the selected one its
/// source and target columns side by side with the field maps between them, the transform chain of the
/// selected field, the mapping's settings, its findings (Validation.h) and a preview of the first source
/// rows as the payloads a run would send. Every edit goes on an undo stack (Ctrl+Z / Ctrl+Shift+Z).
/// Edits live in a working copy that is saved to the workspace by Save (Ctrl+S), when the page is left
/// for another page, when another workspace is opened and when the window closes.
class MappingPage : public Page
{
    Q_OBJECT

public:
    enum Tab
    {
        FieldsTab,
        SettingsTab,
        PreviewTab,
    };
    /// Rows read for the preview: enough to see the shape of the data, few enough for a quick answer.
    static constexpr int kPreviewRows = 50;

    explicit MappingPage(QWidget *parent = nullptr);
    /// Waits for background reads (each is short).
    ~MappingPage() override;

    QString pageId() const override { return QStringLiteral("mapping"); }
    QString title() const override;
    QIcon icon() const override;

    /// Read-only: mappings are shown and edited, but Save is off.
    void setWorkspace(const ferry::Workspace *workspace) override;
    /// The main window's workspace, which the page saves mappings to.
    void setWritableWorkspace(ferry::Workspace *workspace);

    /// Reads the connections, the target model, the catalogs and (unless edits are pending) the mappings
    /// again, in the background.
    void reload();
    bool isLoading() const { return m_loading > 0; }
    /// Switches the target connection whose cached model the mappings are checked against.
    bool selectConnection(const QString &name);
    QString currentConnectionName() const;
    const ferry::target::TargetModel &targetModel() const;
    /// Users the preview resolves "owner" steps with.
    void setSystemUsers(const QList<ferry::mapping::SystemUser> &users);

    /// The working copy (saved or not).
    const ferry::mapping::MappingSet &mappings() const { return m_set; }
    const ferry::mapping::Mapping *currentMapping() const;
    QString currentMappingName() const { return m_currentMapping; }
    QString currentFieldName() const { return m_currentField; }
    bool isDirty() const;
    QUndoStack *undoStack() const { return m_undo; }

    bool selectMapping(const QString &name);
    /// Selects a mapping and one of its fields (by target column) on the Fields tab. A column no field feeds
    /// is selected in the target column list instead. False when the mapping does not exist.
    bool selectField(const QString &mapping, const QString &targetColumn);
    /// Selects the transform step `index` of the current field.
    bool selectStep(int index);
    void showTab(Tab tab);

    // Edits of the working copy; each is one undo step. False when nothing changed or the edit is refused.
    bool setFieldTransforms(const QString &targetColumn, const QList<ferry::mapping::TransformSpec> &chain);
    bool setFieldSources(const QString &targetColumn, const QStringList &sources);
    bool addField(const ferry::mapping::FieldMap &field);
    bool removeField(const QString &targetColumn);
    /// Replaces the current mapping (the settings form uses it).
    bool updateCurrentMapping(const ferry::mapping::Mapping &mapping, const QString &text);
    bool setMappingEnabled(const QString &name, bool enabled);
    /// A new mapping of a source table onto a target table; with `suggest`, its fields come from auto-map.
    bool addMapping(const QString &sourceName, const QString &sourceTable, const QString &targetEntity,
                    bool suggest = true);
    bool duplicateMapping(const QString &name);
    bool removeMapping(const QString &name);
    /// Adds one mapping per accepted suggestion (one undo step). Returns how many were added.
    int addSuggestedMappings(const QList<AutoMapDialog::Suggestion> &accepted);
    /// Auto-map suggestions for every catalog against the target model.
    QList<AutoMapDialog::Suggestion> autoMapSuggestions() const;

    /// Writes the working copy to the workspace; the error is shown on the page too.
    ferry::Status save();
    /// Merges the mappings of an exported file into the working copy (same names are replaced); one undo
    /// step. On failure the problems are listed on the page and nothing changes.
    bool importFile(const QString &path);
    bool exportFile(const QString &path);
    QStringList importErrors() const { return m_importErrors; }

    /// Findings of the current mapping.
    QList<ferry::mapping::MappingIssue> currentIssues() const { return m_currentIssues; }
    /// Findings of every mapping.
    QList<ferry::mapping::MappingIssue> allIssues() const { return m_allIssues; }
    /// Selects the finding at `row` of the warnings list, like a click.
    bool activateIssue(int row);

    /// Maps the current mapping's first rows again (in the background).
    void refreshPreview();
    bool isPreviewing() const { return m_previewRunning; }
    QString previewError() const { return m_previewError; }
    bool selectPreviewRow(int row);
    /// The JSON payload of the selected preview row, as shown.
    QString payloadText() const;

    QString statusMessage() const { return m_lastStatus; }
    QString errorMessage() const;

    MappingListModel *mappingListModel() const { return m_listModel; }
    FieldMapModel *fieldModel() const { return m_fieldModel; }
    ColumnModel *sourceColumnModel() const { return m_sourceModel; }
    ColumnModel *targetColumnModel() const { return m_targetModel; }
    PreviewModel *previewModel() const { return m_previewModel; }

signals:
    /// A background read of the workspace finished.
    void loaded();
    void previewUpdated();
    void saved();

protected:
    // Seams for tests: the file dialogs block.
    virtual QString askImportPath();
    virtual QString askExportPath();
    /// Shows the auto-map dialog; returns the accepted suggestions (empty when cancelled).
    virtual QList<AutoMapDialog::Suggestion> askAutoMap(const QList<AutoMapDialog::Suggestion> &suggestions);
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildContent();
    QWidget *buildFieldsTab();
    QWidget *buildSettingsTab();
    QWidget *buildPreviewTab();
    void attachWorkspace(const ferry::Workspace *workspace);
    void startLoad(bool withMappings);
    void onLoaded(quint64 generation, const MappingContext &context, bool withMappings);
    void stopBackgroundWork();
    bool saveIfDirty();

    void applySet(const ferry::mapping::MappingSet &set, const QString &mapping, const QString &field);
    bool pushEdit(const ferry::mapping::MappingSet &after, const QString &text, const QString &mappingAfter,
                  const QString &field);
    ferry::mapping::Mapping *mutableCurrent(ferry::mapping::MappingSet &set) const;
    QString uniqueName(const QString &base) const;

    void refreshAll();
    void refreshCurrent();
    void fillColumns(const ferry::mapping::Mapping *mapping);
    void fillSettings(const ferry::mapping::Mapping *mapping);
    void fillWarnings();
    void fillFieldEditor();
    void fillStepEditor();
    void restoreSelection();
    void onMappingSelected();
    void onFieldSelected();
    void onStepSelected();
    void onParamsEdited();
    void applyParams();
    void addStep();
    void removeStep();
    void moveStep(int delta);
    void changeStepOp(const QString &op);
    void mapSelectedColumns();
    void commitSettings();
    void schedulePreview();
    void startPreview();
    void showPayload();
    void askAndImport();
    void askAndExport();
    void autoMap();
    void askAndAddMapping();
    void updateActions();
    void showStatus(const QString &message);
    void showError(const QString &message, const QStringList &details = {});
    void clearError();
    const ferry::CatalogTable *sourceTable(const ferry::mapping::Mapping &mapping) const;
    const ferry::mapping::FieldMap *currentFieldMap() const;

    std::unique_ptr<Ui::MappingPage> m_ui;
    ferry::Workspace *m_writable = nullptr;
    QThreadPool m_pool;
    quint64 m_loadGeneration = 0;
    int m_loading = 0;
    quint64 m_previewGeneration = 0;
    bool m_previewRunning = false;
    bool m_previewAgain = false;
    bool m_updating = false;
    bool m_loadedOnce = false;

    MappingContext m_context;
    std::shared_ptr<const ferry::target::TargetModel> m_model;
    QList<ferry::mapping::SystemUser> m_systemUsers;
    ferry::mapping::MappingSet m_set;
    ferry::mapping::MappingSet m_savedSet;
    QString m_currentMapping;
    QString m_currentField;
    int m_currentStep = -1;
    QList<ferry::mapping::MappingIssue> m_allIssues;
    QList<ferry::mapping::MappingIssue> m_currentIssues;
    QStringList m_importErrors;
    QString m_previewError;
    QString m_lastStatus;

    QUndoStack *m_undo = nullptr;
    QTimer *m_previewTimer = nullptr;
    MappingListModel *m_listModel = nullptr;
    FieldMapModel *m_fieldModel = nullptr;
    ColumnModel *m_sourceModel = nullptr;
    ColumnModel *m_targetModel = nullptr;
    PreviewModel *m_previewModel = nullptr;

    QComboBox *m_connectionCombo = nullptr;
    QToolButton *m_undoButton = nullptr;
    QToolButton *m_redoButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_autoMapButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    QWidget *m_errorBox = nullptr;
    QLabel *m_errorLabel = nullptr;
    QListWidget *m_errorList = nullptr;

    QTableView *m_mappingView = nullptr;
    QToolButton *m_addMappingButton = nullptr;
    QToolButton *m_duplicateButton = nullptr;
    QToolButton *m_removeMappingButton = nullptr;
    QLabel *m_mappingTitle = nullptr;
    QTabWidget *m_tabs = nullptr;

    QTableView *m_sourceView = nullptr;
    QTableView *m_fieldView = nullptr;
    QTableView *m_targetView = nullptr;
    QPushButton *m_mapButton = nullptr;
    QPushButton *m_removeFieldButton = nullptr;
    QLabel *m_fieldTitle = nullptr;
    QLineEdit *m_sourcesEdit = nullptr;
    QListWidget *m_steps = nullptr;
    QComboBox *m_addOpCombo = nullptr;
    QPushButton *m_addStepButton = nullptr;
    QPushButton *m_removeStepButton = nullptr;
    QPushButton *m_stepUpButton = nullptr;
    QPushButton *m_stepDownButton = nullptr;
    QComboBox *m_stepOpCombo = nullptr;
    QLabel *m_opHelp = nullptr;
    QPlainTextEdit *m_paramsEdit = nullptr;
    QLabel *m_paramsStatus = nullptr;
    QPushButton *m_applyParamsButton = nullptr;
    QWidget *m_fieldEditor = nullptr;
    QListWidget *m_warnings = nullptr;
    QLabel *m_warningsTitle = nullptr;

    QLineEdit *m_nameEdit = nullptr;
    QCheckBox *m_enabledCheck = nullptr;
    QComboBox *m_sourceCombo = nullptr;
    QComboBox *m_targetCombo = nullptr;
    QComboBox *m_operationCombo = nullptr;
    QComboBox *m_keyStrategyCombo = nullptr;
    QComboBox *m_alternateKeyCombo = nullptr;
    QLineEdit *m_keyColumnsEdit = nullptr;
    QSpinBox *m_batchSpin = nullptr;
    QComboBox *m_zoneCombo = nullptr;
    QCheckBox *m_deleteMissingCheck = nullptr;
    QPlainTextEdit *m_queryView = nullptr;
    QLabel *m_joinsLabel = nullptr;

    QTableView *m_previewView = nullptr;
    QLabel *m_previewStatus = nullptr;
    QPlainTextEdit *m_payloadView = nullptr;
    QListWidget *m_rowIssues = nullptr;
};

} // namespace ferry::ui
