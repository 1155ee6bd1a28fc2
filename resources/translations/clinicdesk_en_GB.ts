<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n more signed entries are gone or rewritten</source>
        <translation>
            <numerusform>%n more signed entry is gone or rewritten</numerusform>
            <numerusform>%n more signed entries are gone or rewritten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n image(s)…</source>
        <translation>
            <numerusform>Adding %n image…</numerusform>
            <numerusform>Adding %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passphrases for &quot;%1&quot;. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many wrong passphrases for &quot;%1&quot;. Wait %n second and try again.</numerusform>
            <numerusform>Too many wrong passphrases for &quot;%1&quot;. Wait %n seconds and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditDialog</name>
    <message numerus="yes">
        <source>✔ The log is intact: %n entries, each chained to the one before; a manager&apos;s key signed them up to entry %1.</source>
        <translation>
            <numerusform>✔ The log is intact: %n entry, signed by a manager&apos;s key up to entry %1.</numerusform>
            <numerusform>✔ The log is intact: %n entries, each chained to the one before; a manager&apos;s key signed them up to entry %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ The log is intact: %n entries, each chained to the one before.</source>
        <translation>
            <numerusform>✔ The log is intact: %n entry.</numerusform>
            <numerusform>✔ The log is intact: %n entries, each chained to the one before.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::BatchRecallDialog</name>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n treatment(s)</source>
        <translation>
            <numerusform>%n treatment</numerusform>
            <numerusform>%n treatments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n record(s)). It holds clients&apos; contact details: keep it safe and delete it when the recall is done.</source>
        <translation>
            <numerusform>Saved %1 (%n record). It holds clients&apos; contact details: keep it safe and delete it when the recall is done.</numerusform>
            <numerusform>Saved %1 (%n records). It holds clients&apos; contact details: keep it safe and delete it when the recall is done.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::DiaryView</name>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appointment</numerusform>
            <numerusform>%n appointments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n consent record(s)</source>
        <translation>
            <numerusform>%n consent record</numerusform>
            <numerusform>%n consent records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interaction(s)</source>
        <translation>
            <numerusform>%n interaction</numerusform>
            <numerusform>%n interactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::EraseDialog</name>
    <message numerus="yes">
        <source>&lt;li&gt;%n record(s): %1&lt;/li&gt;</source>
        <translation>
            <numerusform>&lt;li&gt;%n record: %1&lt;/li&gt;</numerusform>
            <numerusform>&lt;li&gt;%n records: %1&lt;/li&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;li&gt;%1 (%n record(s))&lt;/li&gt;</source>
        <translation>
            <numerusform>&lt;li&gt;%1 (%n record)&lt;/li&gt;</numerusform>
            <numerusform>&lt;li&gt;%1 (%n records)&lt;/li&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;li&gt;%1 (%n record(s)): %2&lt;/li&gt;</source>
        <translation>
            <numerusform>&lt;li&gt;%1 (%n record): %2&lt;/li&gt;</numerusform>
            <numerusform>&lt;li&gt;%1 (%n records): %2&lt;/li&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ImageDetailsDialog</name>
    <message numerus="yes">
        <source>Add %n image(s)</source>
        <translation>
            <numerusform>Add %n image</numerusform>
            <numerusform>Add %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ImageGallery</name>
    <message numerus="yes">
        <source>%n image(s) added.</source>
        <translation>
            <numerusform>%n image added.</numerusform>
            <numerusform>%n images added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not added:</source>
        <translation>
            <numerusform>%n file not added:</numerusform>
            <numerusform>%n files not added:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Delete %n selected images…</source>
        <translation>
            <numerusform>&amp;Delete %n selected image…</numerusform>
            <numerusform>&amp;Delete %n selected images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n image(s) of this client?</source>
        <translation>
            <numerusform>Delete %n image of this client?</numerusform>
            <numerusform>Delete %n images of this client?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n image(s)</source>
        <translation>
            <numerusform>Delete %n image</numerusform>
            <numerusform>Delete %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) deleted.</source>
        <translation>
            <numerusform>%n image deleted.</numerusform>
            <numerusform>%n images deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ImageGalleryModel</name>
    <message numerus="yes">
        <source>%1, %n image(s)</source>
        <translation>
            <numerusform>%1, %n image</numerusform>
            <numerusform>%1, %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ImportDialog</name>
    <message numerus="yes">
        <source>%n row(s) in the file. Check the columns, then press Check to see what would be imported.</source>
        <translation>
            <numerusform>%n row in the file. Check the columns, then press Check to see what would be imported.</numerusform>
            <numerusform>%n rows in the file. Check the columns, then press Check to see what would be imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Would import %n client(s).</source>
        <translation>
            <numerusform>Would import %n client.</numerusform>
            <numerusform>Would import %n clients.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n client(s).</source>
        <translation>
            <numerusform>Imported %n client.</numerusform>
            <numerusform>Imported %n clients.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) rejected and not imported:</source>
        <translation>
            <numerusform>%n row rejected and not imported:</numerusform>
            <numerusform>%n rows rejected and not imported:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::MainWindow</name>
    <message numerus="yes">
        <source>Signed in as %1 · %n client(s)</source>
        <translation>
            <numerusform>Signed in as %1 · %n client</numerusform>
            <numerusform>Signed in as %1 · %n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the %n oldest</source>
        <translation>
            <numerusform>%n interaction and %1 consent record move to %2.</numerusform>
            <numerusform>%n interactions and %1 consent records move to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::NewRequestDialog</name>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PrivacyTab</name>
    <message numerus="yes">
        <source>open, %n day(s) left</source>
        <translation>
            <numerusform>open, %n day left</numerusform>
            <numerusform>open, %n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>open, %n day(s) OVERDUE</source>
        <translation>
            <numerusform>open, %n day OVERDUE</numerusform>
            <numerusform>open, %n days OVERDUE</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::RegisterDialog</name>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::TakingsDialog</name>
    <message numerus="yes">
        <source>%n payment(s)</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refund(s)</source>
        <translation>
            <numerusform>%n refund</numerusform>
            <numerusform>%n refunds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::TodayPanel</name>
    <message numerus="yes">
        <source>Showing the %n oldest</source>
        <translation>
            <numerusform>Showing the oldest</numerusform>
            <numerusform>Showing the %n oldest</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::records::FaceChartEditor</name>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
</context>
</TS>
