package org.rmel.cli;

import java.nio.file.Path;
import java.util.List;
import org.rmel.figures.RunAnalyses;
import org.rmel.figures.tables.TableFormat;
import org.rmel.figures.tables.TableWriter;

/** Table 1 / Table 2 of run folders as text, for the {@code export} command. */
final class RunTables {
    private RunTables() {
    }

    static String render(boolean table1, List<Path> runs, String format) {
        TableFormat f = TableFormat.parse(format);
        RunAnalyses a = RunAnalyses.read(runs);
        return table1 ? TableWriter.table1(a.table1(), f) : TableWriter.table2(a.table2(), f);
    }
}
