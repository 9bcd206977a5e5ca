<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>seekbench::ui::AmlAlertsPanel</name>
    <message numerus="yes">
        <source>%n alert(s) of run %1 (%2 model)</source>
        <translation>
            <numerusform>%n alert of run %1 (%2 model)</numerusform>
            <numerusform>%n alerts of run %1 (%2 model)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::AmlCaseView</name>
    <message numerus="yes">
        <source>Score %1 (threshold %2, %3 severity); %4 transfers of the account; %n traced chain(s)%5.</source>
        <translation>
            <numerusform>Score %1 (threshold %2, %3 severity); %4 transfers of the account; %n traced chain%5.</numerusform>
            <numerusform>Score %1 (threshold %2, %3 severity); %4 transfers of the account; %n traced chains%5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 transfers; %n traced chain(s).</source>
        <translation>
            <numerusform>%1 transfers; %n traced chain.</numerusform>
            <numerusform>%1 transfers; %n traced chains.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ConfigDiffView</name>
    <message numerus="yes">
        <source>%n key(s) differ from run %1.</source>
        <translation>
            <numerusform>%n key differ from run %1.</numerusform>
            <numerusform>%n keys differ from run %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ConfigEditor</name>
    <message numerus="yes">
        <source>Imported %n key(s) from the Hugging Face config.</source>
        <translation>
            <numerusform>Imported %n key from the Hugging Face config.</numerusform>
            <numerusform>Imported %n keys from the Hugging Face config.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::EstimatesPanel</name>
    <message numerus="yes">
        <source>%1 GFLOP/s measured for a %2 GEMM on %n thread(s)</source>
        <translation>
            <numerusform>%1 GFLOP/s measured for a %2 GEMM on %n thread</numerusform>
            <numerusform>%1 GFLOP/s measured for a %2 GEMM on %n threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ExportModelDialog</name>
    <message numerus="yes">
        <source>Exported step %1 (%n tensor(s), %2 parameters):</source>
        <translation>
            <numerusform>Exported step %1 (%n tensor, %2 parameters):</numerusform>
            <numerusform>Exported step %1 (%n tensors, %2 parameters):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::FleetHealthModel</name>
    <message numerus="yes">
        <source>the run has %n threshold(s) for its failure modes</source>
        <translation>
            <numerusform>the run has %n threshold for its failure modes</numerusform>
            <numerusform>the run has %n thresholds for its failure modes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::FleetOverview</name>
    <message numerus="yes">
        <source>%n machine(s)</source>
        <translation>
            <numerusform>%n machine</numerusform>
            <numerusform>%n machines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n at risk now (above their threshold)</source>
        <translation>
            <numerusform>%n at risk now (above their threshold)</numerusform>
            <numerusform>%n at risk now (above their threshold)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n alert</numerusform>
            <numerusform>%n alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failure(s) in the log</source>
        <translation>
            <numerusform>%n failure in the log</numerusform>
            <numerusform>%n failures in the log</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::LaunchDialog</name>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (and %n more)</numerusform>
            <numerusform> (and %n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::LogView</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n run(s) died while Seekbench was closed and are marked crashed</source>
        <translation>
            <numerusform>%n run died while Seekbench was closed and is marked crashed</numerusform>
            <numerusform>%n runs died while Seekbench was closed and are marked crashed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) of this project are still training. Leave them running? You can reattach to them by opening the project again.</source>
        <translation>
            <numerusform>%n run of this project is still training. Leave it running? You can reattach to it by opening the project again.</numerusform>
            <numerusform>%n runs of this project are still training. Leave them running? You can reattach to them by opening the project again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PdmAlertsPanel</name>
    <message numerus="yes">
        <source>%n alert(s) shown of %1 in run %2</source>
        <translation>
            <numerusform>%n alert shown of %1 in run %2</numerusform>
            <numerusform>%n alerts shown of %1 in run %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n before a failure</source>
        <translation>
            <numerusform>%n before a failure</numerusform>
            <numerusform>%n before a failure</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n false</source>
        <translation>
            <numerusform>%n false</numerusform>
            <numerusform>%n false</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::PdmWindow</name>
    <message numerus="yes">
        <source>%n machine(s), alerts: %1; times in %2; prediction horizon %3</source>
        <translation>
            <numerusform>%n machine, alerts: %1; times in %2; prediction horizon %3</numerusform>
            <numerusform>%n machines, alerts: %1; times in %2; prediction horizon %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ReportDialog</name>
    <message numerus="yes">
        <source>A comparison of %n run(s) (%1): overlaid curves, the metrics against the baseline and the config differences, with how every number was obtained.</source>
        <translation>
            <numerusform>A comparison of %n run (%1): overlaid curves, the metrics against the baseline and the config differences, with how every number was obtained.</numerusform>
            <numerusform>A comparison of %n runs (%1): overlaid curves, the metrics against the baseline and the config differences, with how every number was obtained.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), drawn in %1 ms. The HTML file has the same content.</source>
        <translation>
            <numerusform>%n page, drawn in %1 ms. The HTML file has the same content.</numerusform>
            <numerusform>%n pages, drawn in %1 ms. The HTML file has the same content.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n page(s), %2).</source>
        <translation>
            <numerusform>Saved %1 (%n page, %2).</numerusform>
            <numerusform>Saved %1 (%n pages, %2).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::ReportsPanel</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunView</name>
    <message numerus="yes">
        <source>%n run(s) compared</source>
        <translation>
            <numerusform>%n run compared</numerusform>
            <numerusform>%n runs compared</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::RunsMode</name>
    <message numerus="yes">
        <source>starting %n run(s)</source>
        <translation>
            <numerusform>starting %n run</numerusform>
            <numerusform>starting %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued</source>
        <translation>
            <numerusform>%n run queued</numerusform>
            <numerusform>%n runs queued</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::ui::TuneDialog</name>
    <message numerus="yes">
        <source>A grid of %n point(s); the budget runs %1 of them.</source>
        <translation>
            <numerusform>A grid of %n point; the budget runs %1 of them.</numerusform>
            <numerusform>A grid of %n points; the budget runs %1 of them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A budget of %n trial(s).</source>
        <translation>
            <numerusform>A budget of %n trial.</numerusform>
            <numerusform>A budget of %n trials.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n at once.</source>
        <translation>
            <numerusform>%n at once.</numerusform>
            <numerusform>%n at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seekbench::widgets::GraphExplorerView</name>
    <message numerus="yes">
        <source>%1 (%2), %n relation(s)</source>
        <translation>
            <numerusform>%1 (%2), %n relation</numerusform>
            <numerusform>%1 (%2), %n relations</numerusform>
        </translation>
    </message>
</context>
</TS>
