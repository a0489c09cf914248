package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rmel.method.Condition;
import org.rmel.run.RunDirectory;

/**
 * Legend names for runs: the condition as the paper writes it (MEL, MEL+Extra, R-MEL …), with the
 * folder name added when two runs would otherwise share a name.
 */
public final class RunLabels {
    private RunLabels() {
    }

    public static List<String> of(List<Path> runs) {
        List<String> base = new ArrayList<>();
        for (Path p : runs) {
            base.add(conditionLabel(p));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String b = base.get(i);
            out.add(Collections.frequency(base, b) > 1 ? b + " (" + folder(runs.get(i)) + ")" : b);
        }
        return out;
    }

    public static String conditionLabel(Path run) {
        return RunDirectory.open(run).spec().condition().map(c -> {
            try {
                return Condition.fromCliName(c).label();
            } catch (IllegalArgumentException unknown) {
                return c; // a condition from a newer trainer: show it as written
            }
        }).orElse(folder(run));
    }

    private static String folder(Path run) {
        Path name = run.toAbsolutePath().normalize().getFileName();
        return name == null ? run.toString() : name.toString();
    }
}
