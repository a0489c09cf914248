package org.rmel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutors;
import org.rmel.study.StudyStatus;
import org.rmel.study.report.StudyReport;
import org.rmel.study.report.StudyResults;
import org.rmel.study.stats.Claim;
import org.rmel.study.stats.SeedRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code study report STUDY}: Markdown report, tables (LaTeX, CSV) and figures (PDF, PNG) from the finished runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write STUDY/report/report.md: the paper's claims one by one with what replicates, Table 1 and "
                + "Table 2 (mean over seeds, 95%% two-level bootstrap intervals, paired differences to the reference, the "
                + "paper's numbers where the benchmarks match), the figures as PDF and PNG, LaTeX and CSV tables.",
                "Only finished runs count; it can be written at any time and again as runs finish."})
final class StudyReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY_DIR")
    private Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: STUDY_DIR/report)")
    private Path out;

    @Option(names = "--reference", paramLabel = "CONDITION", description = "the condition differences are taken against (default: study.json's reference)")
    private String reference;

    @Option(names = "--resamples", defaultValue = "10000", description = "bootstrap replicates (default: ${DEFAULT-VALUE})")
    private int resamples;

    @Option(names = "--bootstrap-seed", defaultValue = "20240501", description = "bootstrap random seed (default: ${DEFAULT-VALUE})")
    private long bootstrapSeed;

    @Option(names = "--pkeep-margin", defaultValue = "0.03",
            description = "equivalence margin of the 'p_keep is comparable' claim, as a fraction (default: ${DEFAULT-VALUE} = 3 points)")
    private double pKeepMargin;

    @Override
    public Integer call() {
        if (resamples < 100) {
            throw new BadInputException("--resamples must be at least 100, got " + resamples);
        }
        if (!(pKeepMargin > 0 && pKeepMargin < 1)) {
            throw new BadInputException("--pkeep-margin must be in (0, 1), got " + pKeepMargin);
        }
        Study study = Study.open(dir);
        StudyStatus status = StudyExecutors.of(study, Optional.empty(), System.getenv()).status(study);
        StudyResults.Options options = new StudyResults.Options(reference == null ? study.spec().reference() : reference,
                resamples, bootstrapSeed, pKeepMargin);
        StudyResults results = StudyResults.compute(study, status.cells(), options, new SeedRuns());
        Path target = out == null ? study.reportDir() : out;
        StudyReport.Written written = StudyReport.write(results, target);
        PrintWriter w = spec.commandLine().getOut();
        w.println("study " + study.dir() + ": " + status.summary());
        for (Claim c : results.claims()) {
            w.println("  " + String.format("%-13s", c.id()) + " " + c.verdict().label + " — "
                    + (c.verdict() == org.rmel.study.stats.Verdict.NOT_TESTABLE ? c.note() : c.measured()));
        }
        w.println("wrote " + written.markdown() + " and " + written.files().size() + " files beside it");
        return 0;
    }
}
