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
    <name>ferry::ui::CatalogPage</name>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Browse the legacy source schema: tables, columns, keys and foreign keys, with row counts and column profiles. The load order of the migration follows from the foreign-key graph.</source>
        <translation>Das Schema der Altdatenquelle erkunden: Tabellen, Spalten, Schlüssel und Fremdschlüssel, mit Zeilenzahlen und Spaltenprofilen. Die Ladereihenfolge der Migration ergibt sich aus dem Fremdschlüsselgraphen.</translation>
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
