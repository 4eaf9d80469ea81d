<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ferry::ui::AboutDialog</name>
    <message>
        <source>About Ferry</source>
        <translation>Über Ferry</translation>
    </message>
    <message>
        <source>A desktop workbench that migrates legacy relational data (SQL databases, CSV and Excel files) into Microsoft Dataverse: browse the source, map it, dry-run it, run it, and fix what failed.</source>
        <translation>Eine Desktop-Werkbank, die relationale Altdaten (SQL-Datenbanken, CSV- und Excel-Dateien) nach Microsoft Dataverse migriert: Quelle erkunden, zuordnen, probeweise ausführen, migrieren und Fehlgeschlagenes korrigieren.</translation>
    </message>
    <message>
        <source>Also uses libcurl, SQLite, nlohmann/json, libxlsxwriter, FreeXL and minizip.</source>
        <translation>Verwendet außerdem libcurl, SQLite, nlohmann/json, libxlsxwriter, FreeXL und minizip.</translation>
    </message>
    <message>
        <source>Ferry %1</source>
        <translation>Ferry %1</translation>
    </message>
    <message>
        <source>Built with Qt %1.</source>
        <translation>Erstellt mit Qt %1.</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Erstellt mit Qt %1, läuft mit Qt %2.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::AddSourceDialog</name>
    <message>
        <source>Add Source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>CSV file or folder</source>
        <translation>CSV-Datei oder -Ordner</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx, .xls)</source>
        <translation>Excel-Arbeitsmappe (.xlsx, .xls)</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>ODBC data source</source>
        <translation>ODBC-Datenquelle</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>F&amp;older…</source>
        <translation>&amp;Ordner…</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;Schema:</source>
        <translation>&amp;Schema:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Used for this session only; Ferry never stores passwords. Leave it empty to use FERRY_SOURCE_PASSWORD or the driver&apos;s own means.</source>
        <translation>Gilt nur für diese Sitzung; Ferry speichert nie Passwörter. Leer lassen, um FERRY_SOURCE_PASSWORD oder die Mittel des Treibers zu verwenden.</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>default: the file or database name</source>
        <translation>Standard: der Datei- oder Datenbankname</translation>
    </message>
    <message>
        <source>&amp;Name in the workspace:</source>
        <translation>&amp;Name im Arbeitsbereich:</translation>
    </message>
    <message>
        <source>Add and &amp;Discover</source>
        <translation>Hinzufügen und &amp;erkunden</translation>
    </message>
    <message>
        <source>&amp;DSN:</source>
        <translation>&amp;DSN:</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db *.db3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.sqlite3 *.db *.db3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.tsv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx *.xlsm *.xls);;All files (*)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx *.xlsm *.xls);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the Source File</source>
        <translation>Quelldatei wählen</translation>
    </message>
    <message>
        <source>Choose a Folder of CSV Files</source>
        <translation>Ordner mit CSV-Dateien wählen</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>Wählen Sie eine Datei.</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>Enter the host and the database.</source>
        <translation>Geben Sie Host und Datenbank ein.</translation>
    </message>
    <message>
        <source>Enter the data source name (DSN).</source>
        <translation>Geben Sie den Datenquellennamen (DSN) ein.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::CatalogPage</name>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Browse the legacy source schema: tables, columns, keys and foreign keys, with row counts and column profiles. The load order of the migration follows from the foreign-key graph.</source>
        <translation>Das Schema der Altdatenquelle erkunden: Tabellen, Spalten, Schlüssel und Fremdschlüssel, mit Zeilenzahlen und Spaltenprofilen. Die Ladereihenfolge der Migration ergibt sich aus dem Fremdschlüsselgraphen.</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>~%1</source>
        <translation>~%1</translation>
    </message>
    <message>
        <source>1 table</source>
        <translation>1 Tabelle</translation>
    </message>
    <message>
        <source>%1 tables</source>
        <translation>%1 Tabellen</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>view</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <source>sheet</source>
        <translation>Blatt</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>&amp;Add Source…</source>
        <translation>Quelle &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add a SQLite, CSV, Excel, PostgreSQL or ODBC source and discover it</source>
        <translation>Eine SQLite-, CSV-, Excel-, PostgreSQL- oder ODBC-Quelle hinzufügen und erkunden</translation>
    </message>
    <message>
        <source>&amp;Discover</source>
        <translation>&amp;Erkunden</translation>
    </message>
    <message>
        <source>Read the tables, columns, keys and row counts of the selected source again</source>
        <translation>Tabellen, Spalten, Schlüssel und Zeilenzahlen der gewählten Quelle neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>%v / %m tables</source>
        <translation>%v / %m Tabellen</translation>
    </message>
    <message>
        <source>&amp;Profile Table</source>
        <translation>Tabelle &amp;profilieren</translation>
    </message>
    <message>
        <source>Read every row of the table once: nulls, distinct values, ranges, top values</source>
        <translation>Jede Zeile der Tabelle einmal lesen: Nullwerte, verschiedene Werte, Bereiche, häufigste Werte</translation>
    </message>
    <message>
        <source>Add to &amp;Plan</source>
        <translation>Zum &amp;Plan hinzufügen</translation>
    </message>
    <message>
        <source>Add the selected tables to the table plan, in load order</source>
        <translation>Die gewählten Tabellen in Ladereihenfolge zum Tabellenplan hinzufügen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Filter tables (Ctrl+F)</source>
        <translation>Tabellen filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Select a table in the tree to see its columns, keys, relationships, profile and sample rows.</source>
        <translation>Wählen Sie eine Tabelle im Baum, um Spalten, Schlüssel, Beziehungen, Profil und Beispielzeilen zu sehen.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Declared type</source>
        <translation>Deklarierter Typ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation>Nullbar</translation>
    </message>
    <message>
        <source>Length / precision</source>
        <translation>Länge / Genauigkeit</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standardwert</translation>
    </message>
    <message>
        <source>Col&amp;umns</source>
        <translation>Spa&amp;lten</translation>
    </message>
    <message>
        <source>References (foreign keys out) — Enter or double-click opens the table:</source>
        <translation>Verweist auf (ausgehende Fremdschlüssel) — Eingabe oder Doppelklick öffnet die Tabelle:</translation>
    </message>
    <message>
        <source>Referenced by (foreign keys in):</source>
        <translation>Referenziert von (eingehende Fremdschlüssel):</translation>
    </message>
    <message>
        <source>&amp;Relationships</source>
        <translation>&amp;Beziehungen</translation>
    </message>
    <message>
        <source>Nulls</source>
        <translation>Nullwerte</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>Verschieden</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Longest text</source>
        <translation>Längster Text</translation>
    </message>
    <message>
        <source>Inferred type</source>
        <translation>Erkannter Typ</translation>
    </message>
    <message>
        <source>Top values</source>
        <translation>Häufigste Werte</translation>
    </message>
    <message>
        <source>Pro&amp;file</source>
        <translation>Pro&amp;fil</translation>
    </message>
    <message>
        <source>&amp;Sample</source>
        <translation>&amp;Stichprobe</translation>
    </message>
    <message>
        <source>The sample could not be read: %1</source>
        <translation>Die Stichprobe konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Reading rows… (%1 so far)</source>
        <translation>Zeilen werden gelesen… (bisher %1)</translation>
    </message>
    <message>
        <source>The first %1 rows (a sample never holds more).</source>
        <translation>Die ersten %1 Zeilen (eine Stichprobe enthält nie mehr).</translation>
    </message>
    <message>
        <source>All %1 rows.</source>
        <translation>Alle %1 Zeilen.</translation>
    </message>
    <message>
        <source>The first %1 rows; scroll down for more.</source>
        <translation>Die ersten %1 Zeilen; für mehr nach unten scrollen.</translation>
    </message>
    <message>
        <source>The catalogs stored in the workspace could not be read: %1</source>
        <translation>Die im Arbeitsbereich gespeicherten Kataloge konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The catalog of “%1” could not be read: %2</source>
        <translation>Der Katalog von „%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The workspace has a source named “%1” already: choose another name.</source>
        <translation>Der Arbeitsbereich hat bereits eine Quelle namens „%1“: wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Added the source “%1”.</source>
        <translation>Quelle „%1“ hinzugefügt.</translation>
    </message>
    <message>
        <source>The source “%1” has no location to discover.</source>
        <translation>Die Quelle „%1“ hat keinen Ort, der erkundet werden kann.</translation>
    </message>
    <message>
        <source>Discovering “%1”…</source>
        <translation>„%1“ wird erkundet…</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <source>The source “%1” could not be discovered: %2</source>
        <translation>Die Quelle „%1“ konnte nicht erkundet werden: %2</translation>
    </message>
    <message>
        <source>The catalog of “%1” was discovered but not saved: %2</source>
        <translation>Der Katalog von „%1“ wurde erkundet, aber nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Discovery of “%1” cancelled after %2.</source>
        <translation>Erkundung von „%1“ nach %2 abgebrochen.</translation>
    </message>
    <message>
        <source>Discovery of “%1” failed.</source>
        <translation>Erkundung von „%1“ fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Discovered %1 of “%2”; %3 could not be read (see the warning icons).</source>
        <translation>%1 von „%2“ erkundet; %3 konnten nicht gelesen werden (siehe Warnsymbole).</translation>
    </message>
    <message>
        <source>Discovered %1 of “%2”.</source>
        <translation>%1 von „%2“ erkundet.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>discovering…</source>
        <translation>wird erkundet…</translation>
    </message>
    <message>
        <source>%1
Could not be discovered: %2</source>
        <translation>%1
Konnte nicht erkundet werden: %2</translation>
    </message>
    <message>
        <source>not discovered</source>
        <translation>nicht erkundet</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2, row count estimated)</source>
        <translation>%1 (%2, Zeilenzahl geschätzt)</translation>
    </message>
    <message>
        <source>“%1” could not be discovered:
%2</source>
        <translation>„%1“ konnte nicht erkundet werden:
%2</translation>
    </message>
    <message>
        <source>“%1”: %2. Select one to see its details.</source>
        <translation>„%1“: %2. Wählen Sie eine, um Details zu sehen.</translation>
    </message>
    <message>
        <source>row count unknown</source>
        <translation>Zeilenzahl unbekannt</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>about %1 rows (estimate)</source>
        <translation>etwa %1 Zeilen (Schätzung)</translation>
    </message>
    <message>
        <source>1 column</source>
        <translation>1 Spalte</translation>
    </message>
    <message>
        <source>%1 columns</source>
        <translation>%1 Spalten</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · source “%4”</source>
        <translation>%1 · %2 · %3 · Quelle „%4“</translation>
    </message>
    <message>
        <source>This table could not be read: %1</source>
        <translation>Diese Tabelle konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>Unique key</source>
        <translation>Eindeutiger Schlüssel</translation>
    </message>
    <message>
        <source>Foreign key to %1</source>
        <translation>Fremdschlüssel auf %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (inferred)</source>
        <translation>%1 (erkannt)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1 (%2 → %3)</source>
        <translation>%1 (%2 → %3)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Load order: level %1 — depends on no other table.</source>
        <translation>Ladereihenfolge: Stufe %1 — hängt von keiner anderen Tabelle ab.</translation>
    </message>
    <message>
        <source>Load order: level %1 — loads after %2.</source>
        <translation>Ladereihenfolge: Stufe %1 — lädt nach %2.</translation>
    </message>
    <message>
        <source>Profiling %1… (Cancel stops it)</source>
        <translation>%1 wird profiliert… (Abbrechen beendet es)</translation>
    </message>
    <message>
        <source>Not profiled yet. “Profile Table” reads every row once, in the background.</source>
        <translation>Noch nicht profiliert. „Tabelle profilieren“ liest jede Zeile einmal, im Hintergrund.</translation>
    </message>
    <message>
        <source>Profile of %1.</source>
        <translation>Profil von %1.</translation>
    </message>
    <message>
        <source>%1 % (%2)</source>
        <translation>%1 % (%2)</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Profiling %1…</source>
        <translation>%1 wird profiliert…</translation>
    </message>
    <message>
        <source>Profiling %1 cancelled.</source>
        <translation>Profilierung von %1 abgebrochen.</translation>
    </message>
    <message>
        <source>%1 could not be profiled: %2</source>
        <translation>%1 konnte nicht profiliert werden: %2</translation>
    </message>
    <message>
        <source>Profiled %1.</source>
        <translation>%1 profiliert.</translation>
    </message>
    <message>
        <source>The profile of %1 was not saved: %2</source>
        <translation>Das Profil von %1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>The workspace is open for browsing only: the plan cannot be changed.</source>
        <translation>Der Arbeitsbereich ist nur zum Ansehen geöffnet: der Plan kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Select the tables to add to the plan first.</source>
        <translation>Wählen Sie zuerst die Tabellen, die zum Plan hinzugefügt werden sollen.</translation>
    </message>
    <message>
        <source>The table plan could not be read: %1</source>
        <translation>Der Tabellenplan konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Already in the plan: %1.</source>
        <translation>Bereits im Plan: %1.</translation>
    </message>
    <message>
        <source>The table plan could not be saved: %1</source>
        <translation>Der Tabellenplan konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Added %1 to the plan (%2); the plan now holds %3 in load order.</source>
        <translation>%1 zum Plan hinzugefügt (%2); der Plan enthält jetzt %3 in Ladereihenfolge.</translation>
    </message>
    <message>
        <source>“%1” is being profiled: discover it when the profile is done.</source>
        <translation>„%1“ wird gerade profiliert: erkunden Sie die Quelle, wenn das Profil fertig ist.</translation>
    </message>
    <message>
        <source>This workspace has no sources yet. “Add Source…” adds a SQLite, CSV, Excel, PostgreSQL or ODBC source and discovers its tables.</source>
        <translation>Dieser Arbeitsbereich hat noch keine Quellen. „Quelle hinzufügen…“ fügt eine SQLite-, CSV-, Excel-, PostgreSQL- oder ODBC-Quelle hinzu und erkundet ihre Tabellen.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::DryRunPage</name>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>Run the whole pipeline without writing anything to Dataverse: every row is checked against the target metadata and gets the outcome it would get in a real run, with a report per table.</source>
        <translation>Die gesamte Verarbeitung ausführen, ohne etwas nach Dataverse zu schreiben: Jede Zeile wird gegen die Metadaten des Ziels geprüft und erhält das Ergebnis, das sie in einer echten Migration bekäme, mit einem Bericht pro Tabelle.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::MainWindow</name>
    <message>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Choose the page to show. Ctrl+1 to Ctrl+6 switch pages from anywhere.</source>
        <translation>Die anzuzeigende Seite wählen. Strg+1 bis Strg+6 wechseln die Seite von überall.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Recent &amp;Workspaces</source>
        <translation>&amp;Zuletzt verwendete Arbeitsbereiche</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Create a new workspace file</source>
        <translation>Eine neue Arbeitsbereichsdatei anlegen</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open an existing workspace file</source>
        <translation>Eine vorhandene Arbeitsbereichsdatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Close Workspace</source>
        <translation>Arbeitsbereich &amp;schließen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the open workspace</source>
        <translation>Den geöffneten Arbeitsbereich schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit Ferry</source>
        <translation>Ferry beenden</translation>
    </message>
    <message>
        <source>&amp;About Ferry</source>
        <translation>Ü&amp;ber Ferry</translation>
    </message>
    <message>
        <source>Show the version of Ferry and the libraries it uses</source>
        <translation>Die Version von Ferry und der verwendeten Bibliotheken anzeigen</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Show the version and license of Qt</source>
        <translation>Version und Lizenz von Qt anzeigen</translation>
    </message>
    <message>
        <source>Ferry workspaces (*.ferry);;All files (*)</source>
        <translation>Ferry-Arbeitsbereiche (*.ferry);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Show the %1 page</source>
        <translation>Die Seite %1 anzeigen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>“%1” already exists. Ferry does not overwrite files: choose another name.</source>
        <translation>„%1“ existiert bereits. Ferry überschreibt keine Dateien: Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Could not create the workspace “%1”.</source>
        <translation>Der Arbeitsbereich „%1“ konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>“%1” was saved by a newer version of Ferry. Update Ferry to open it.</source>
        <translation>„%1“ wurde von einer neueren Version von Ferry gespeichert. Aktualisieren Sie Ferry, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>“%1” is not a Ferry workspace.</source>
        <translation>„%1“ ist kein Ferry-Arbeitsbereich.</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>Could not open the workspace “%1”.</source>
        <translation>Der Arbeitsbereich „%1“ konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>%1 — Ferry</source>
        <translation>%1 — Ferry</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Schema version %1</source>
        <translation>Schemaversion %1</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Kein Arbeitsbereich geöffnet</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>Keine zuletzt verwendeten Arbeitsbereiche</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (missing)</source>
        <translation>%1 %2 (fehlt)</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>The file %1 no longer exists</source>
        <translation>Die Datei %1 existiert nicht mehr</translation>
    </message>
    <message>
        <source>&amp;Reopen Last Workspace at Startup</source>
        <translation>Letzten Arbeitsbereich beim &amp;Start wieder öffnen</translation>
    </message>
    <message>
        <source>&amp;Clear Recent Workspaces</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Untitled.ferry</source>
        <translation>Unbenannt.ferry</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
</context>
<context>
    <name>ferry::ui::MappingPage</name>
    <message>
        <source>Mapping</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>Map source tables and columns onto Dataverse tables and columns, with type conversions, defaults, value maps and lookups by alternate key, and see validation problems while you edit.</source>
        <translation>Quelltabellen und -spalten auf Dataverse-Tabellen und -Spalten abbilden, mit Typumwandlungen, Standardwerten, Wertezuordnungen und Nachschlagen über alternative Schlüssel, und Validierungsprobleme schon beim Bearbeiten sehen.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::PlaceholderPanel</name>
    <message>
        <source>No workspace is open</source>
        <translation>Kein Arbeitsbereich ist geöffnet</translation>
    </message>
    <message>
        <source>Create a new workspace or open an existing one. A workspace is a single .ferry file that holds the whole migration project: connections, catalog, mappings, runs and quarantine.</source>
        <translation>Legen Sie einen neuen Arbeitsbereich an oder öffnen Sie einen vorhandenen. Ein Arbeitsbereich ist eine einzelne .ferry-Datei, die das ganze Migrationsprojekt enthält: Verbindungen, Katalog, Zuordnungen, Läufe und Quarantäne.</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Not built yet</source>
        <translation>Noch nicht gebaut</translation>
    </message>
    <message>
        <source>This page is a placeholder in this version of Ferry. It shows no data and does not read or change anything in the workspace.</source>
        <translation>Diese Seite ist in dieser Version von Ferry ein Platzhalter. Sie zeigt keine Daten und liest oder ändert nichts im Arbeitsbereich.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::QuarantinePage</name>
    <message>
        <source>Quarantine</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <source>Fix the rows that failed, in an edit grid or in Excel, and retry them. Every row keeps the error code and message the server returned.</source>
        <translation>Fehlgeschlagene Zeilen in einer Bearbeitungstabelle oder in Excel korrigieren und erneut senden. Jede Zeile behält den Fehlercode und die Meldung des Servers.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RunPage</name>
    <message>
        <source>Run</source>
        <translation>Migration</translation>
    </message>
    <message>
        <source>Start the real migration and watch it live: records per second, requests against the service protection limits, retries, and progress per table.</source>
        <translation>Die echte Migration starten und live verfolgen: Datensätze pro Sekunde, Anfragen gemessen an den Dienstschutzgrenzen, Wiederholungen und Fortschritt pro Tabelle.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::SampleLoader</name>
    <message>
        <source>The table is not open.</source>
        <translation>Die Tabelle ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::SampleTableModel</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TargetPage</name>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Inspect the Dataverse environment you migrate into: its tables, columns, alternate keys and choice values, read from a cached metadata snapshot of a real org or of the local emulator.</source>
        <translation>Die Dataverse-Umgebung untersuchen, in die migriert wird: Tabellen, Spalten, alternative Schlüssel und Auswahlwerte, gelesen aus einem zwischengespeicherten Metadaten-Abbild einer echten Organisation oder des lokalen Emulators.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ferry: migrate legacy data into Microsoft Dataverse.</source>
        <translation>Ferry: Altdaten nach Microsoft Dataverse migrieren.</translation>
    </message>
    <message>
        <source>The workspace file (.ferry) to open.</source>
        <translation>Die zu öffnende Arbeitsbereichsdatei (.ferry).</translation>
    </message>
</context>
</TS>
