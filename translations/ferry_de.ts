<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MappingPage</name>
    <message>
        <source>side: &quot;both&quot; | &quot;left&quot; | &quot;right&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to: &quot;upper&quot; | &quot;lower&quot; | &quot;title&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start (0-based), length (optional): part of the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separator, skipEmpty: joins every source column&apos;s text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separator, part (negative counts from the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>find, with, caseSensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pattern, mode: &quot;extract&quot; | &quot;replace&quot;, group, with, caseSensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value: sent whatever the source holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value, whenEmpty: the value when the input is null (or empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values, trim: null when the text is one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type: &quot;int&quot; | &quot;decimal&quot; | &quot;double&quot;, decimal, thousands, locale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>formats (QDateTime patterns), locale, kind: &quot;date&quot; | &quot;datetime&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true, false: extra words besides yes/no/1/0/true/false/on/off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no parameters: any value becomes its canonical text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeZone (IANA id): overrides the mapping&apos;s source time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>map {source: label or value}, match, unmapped: error | default | null | pass, default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table + key (alternate key, &quot;$id&quot;, &quot;$deterministic&quot;), or targets: [...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by: &quot;email&quot; | &quot;name&quot; | &quot;domainname&quot;, default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expr: concat, upper, lower, trim, title, substring, left, right, replace, coalesce, len, if_empty, split</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>ferry::ui::AlternateKeyModel</name>
    <message>
        <source>Only an Active key can be used for upserts and lookups by key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::AppUserModel</name>
    <message>
        <source>Application user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application (client) id of the app registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests are spread over the enabled users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::AttributeModel</name>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>precision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time zone independent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required by the service (SystemRequired): every created row needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required by the app (ApplicationRequired): forms ask for it; the Web API does not enforce it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary id of the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the alternate key %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookup to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>Logical name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished">Typ</translation>
    </message>
    <message>
        <source>Size / range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::AutoMapDialog</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ferry matched source tables and columns to target tables and columns by name and type. Keep the suggestions that are right: each checked table becomes a mapping with its checked columns. Everything stays editable, and Undo takes it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished">Ziel</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deterministic ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upsert by the key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This source table has a mapping already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Checked Mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mappings with %2 fields will be added.</source>
        <translation type="unfinished"></translation>
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
    <name>ferry::ui::ColumnModel</name>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished">Spalte</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished">Typ</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ConnectionsDialog</name>
    <message>
        <source>Signed-in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection “%1” signs in with a device code: sign in first (Target ▸ Connections…, then “Sign In”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection “%1” has no enabled application user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended parallel requests (x-ms-dop-hint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests left in the 5-minute window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution time left in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Production or Rehearsal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataverse environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local emulator (ferry-emulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished">&amp;Art:</translation>
    </message>
    <message>
        <source>Environment &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contoso.onmicrosoft.com or the directory (tenant) id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;enant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application users (client credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person, in a browser (device code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn in as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the public client (application) id people sign in with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public c&amp;lient id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret o&amp;f the selected user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store &amp;in Keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are stored only in the desktop keyring, never in the workspace. Headless runs (ferry-cli) read the environment variable FERRY_SECRET_&amp;lt;CLIENT_ID&amp;gt; (upper case, &apos;-&apos; as &apos;_&apos;) or a secrets file readable only by its owner (--secrets-file or FERRY_SECRETS_FILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the test or sign-in (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code copied. Paste it on the sign-in page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connections could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://127.0.0.1:8089/ (where ferry-emulator listens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://contoso.crm.dynamics.com/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Sign In” shows a code to enter in your browser, waits until you approve, then shows who the service says you are (WhoAmI) and the limits it reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Test Connection” signs in as each enabled application user and shows who the service says you are (WhoAmI) and the limits it reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace is open: connections are saved in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: a connection named “%1” exists already. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the connection “%1” with its application users and its cached metadata? Secrets in the keyring stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot test: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking for a sign-in code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; in a browser and enter this code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to approve the sign-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed: see below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the tenant and the user&apos;s client id first: the keyring entry is named after them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the secret of %1 in the keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret of %1 is in the desktop keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret of %1 was not stored: %2</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>&lt; 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection whose cached metadata the rows are checked against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application &amp;users:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service protection limits are per user: more application users, more throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bypass plug-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run sends the bypass headers, so synchronous plug-ins cost no time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run Dry Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every row of every enabled mapping; nothing is sent to the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished">Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation type="unfinished">Zuordnung</translation>
    </message>
    <message>
        <source>Source → target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished">Zeilen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Est. time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookup column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambiguous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished">Spalte</translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;All Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ro&amp;ws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a finding to open its field on the Mapping page, a table to see its rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in &amp;Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(first with metadata)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace has no target connection: add one and read its metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata of “%1” is not cached: read it on the Target page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run started: reading every row of every enabled mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Checking %1… %2 rows with findings so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dry run could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dry run failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run cancelled: the report covers the rows read so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run finished: nothing was sent to the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dry run yet. It reads every row of every enabled mapping, checks it against the target metadata and sends nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 second-pass requests for deferred lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unresolved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ambiguous: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 rows&lt;/b&gt; in %2 tables: %3 ok, %4 with warnings, &lt;b&gt;%5 refused&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (they would fail: in the quarantine as dry run #%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (they would fail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would insert %1, update %2, leave %3 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 requests&lt;/b&gt;, about &lt;b&gt;%2&lt;/b&gt; under the service protection limits with %3 application users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the counts cover the rows read before the cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lookups (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issues (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ro&amp;ws (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rows with findings of every table (the first rows of each).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rows with findings of %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::EntityListModel</name>
    <message>
        <source>%1 (%2)
Entity set: %3
%4 columns, %5 alternate keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Metadata read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::FieldMapModel</name>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n targets</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n values</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (pass 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished">(keine)</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Source columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transforms</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>&amp;Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, edit, test and sign in to target connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, edit, test and sign in to the Dataverse environments and emulators of this workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::MappingListModel</name>
    <message>
        <source>%1 (query)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 + %2 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled: runs and dry runs skip it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation type="unfinished">Zuordnung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished">Ziel</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::MappingPage</name>
    <message>
        <source>Mapping</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>Map source tables and columns onto Dataverse tables and columns, with type conversions, defaults, value maps and lookups by alternate key, and see validation problems and the payloads while you edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished">Schließen</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection whose cached metadata the mappings are checked against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the mappings to the workspace (Ctrl+S). Leaving the page saves too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read mappings from an exported JSON file; mappings of the same name are replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every mapping to a readable, diffable JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auto-map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggest target tables and columns from names and types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map another source table onto a target table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Map Selected Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed the selected target column from the selected source columns (double-click a target column does the same)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ources:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source columns, comma-separated (joined: alias.column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transform chain (applied top to bottom):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the step up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the step down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;peration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appl&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the parameters (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step parameters (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a finding to select its field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include in runs and dry runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upsert (insert or update by key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create (insert only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update (by primary id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deterministic id (from the source key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server id (create only; a resend duplicates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: the source table&apos;s primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> records per request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete target rows whose source row vanished (delta runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined tables:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source query:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;arget table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key strategy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternate &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source key columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source time &amp;zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload of the selected row (as the run sends it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings on the row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the workspace could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target connection yet: add one (Target ▸ Connections…) and read its metadata to check the mappings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata of “%1” is not cached yet: read it on the Target page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mappings; checked against “%2” (%3 tables).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mappings could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 mappings to the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the transforms of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the sources of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mapping named “%1” exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a discovered source table and a target table whose metadata is cached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the mapping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the mapping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-map %1 tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 mappings from auto-map suggestions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-map needs a discovered source (Catalog page) and cached target metadata (Target page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-map found no target table that fits a source table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new mapping needs a discovered source (Catalog page) and cached target metadata (Target page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggest fields by name and type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mappings.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was not imported: it has %2 problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 mappings from “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mappings could not be written to “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 mappings to “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mappings yet: use Auto-map… or Add… to map a source table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a mapping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>nullable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longest value: %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declared %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declared length: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 nulls of %2 rows, %3 distinct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required by the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>business required (only the UI enforces it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid for create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2 on %3 = %4 (first row%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a time zone this system knows (use an IANA id such as Europe/Berlin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the settings of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target metadata is cached for this connection: nothing can be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings: %1 errors, %2 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fields (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a field map to edit its sources and transforms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ← %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No step selected: add one below the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a JSON object: write the parameters as {&quot;name&quot;: value, …}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Valid parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target metadata: the preview needs the target model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the first rows of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 rows of %2%3: %4 would be refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (more follow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings: the row would be sent as shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save*</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::OptionValueModel</name>
    <message>
        <source>Global choice %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local choice %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>statecode %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished">Spalte</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
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
    <name>ferry::ui::PreviewModel</name>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
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
    <name>ferry::ui::RelationshipModel</name>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ← %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many-to-one: a lookup on this table points to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-to-many: a lookup on %1 points to this table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many-to-many with %1 through an intersect table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation property</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Co&amp;nnection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conn&amp;ections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, edit, test and sign in to target connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh &amp;Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every table of the environment again and cache it (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh This T&amp;able</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the selected table again (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished">Abbre&amp;chen</translation>
    </message>
    <message>
        <source>%v / %m tables</source>
        <translation type="unfinished">%v / %m Tabellen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished">Schließen</translation>
    </message>
    <message>
        <source>Filter tables (Ctrl+F)</source>
        <translation type="unfinished">Tabellen filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Select a table to see its columns, choice values, alternate keys and relationships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Col&amp;umns</source>
        <translation type="unfinished">Spa&amp;lten</translation>
    </message>
    <message>
        <source>Choice co&amp;lumn:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Option Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternate &amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Relationships</source>
        <translation type="unfinished">&amp;Beziehungen</translation>
    </message>
    <message>
        <source>The connections could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cached metadata could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace is open for browsing only: the metadata cache cannot be refreshed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata cannot be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the table list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh cancelled: the cache is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata could not be refreshed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read 1 table and stored it in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1 tables and stored them in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">Wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>Entity set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary name %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ownership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alternate keys: rows of %1 can only be matched by their id. Add a key in the environment to upsert by a business key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows can be upserted and looked up by these keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All choice columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tables cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tables shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection yet: add one in Connections… (a Dataverse environment or the local emulator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No metadata cached for “%1”: Refresh reads the tables from the environment and keeps them in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the cached metadata…</source>
        <translation type="unfinished"></translation>
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
