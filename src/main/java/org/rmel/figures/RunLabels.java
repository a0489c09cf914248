package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rmel.method.Condition;
import org.rmel.run.RunDirectory;

/**
 * Legend names for runs: the condition as the paper writes it (MEL, MEL+Extra, R-MEL …). When two
 * runs would share a name, the part of their folder names that tells them apart is added — for
 * {@code r-mel_seed-1_lr-1e-6} and {@code r-mel_seed-2_lr-1e-6} that is "seed-1" and "seed-2",
 * not the whole folder name, so legends stay short at a column's width.
 */
public final class RunLabels {
    private RunLabels() {
    }

    public static List<String> of(List<Path> runs) {
        List<String> base = new ArrayList<>();
        for (Path p : runs) {
            base.add(conditionLabel(p));
        }
        Map<String, List<Integer>> byName = new TreeMap<>();
        for (int i = 0; i < base.size(); i++) {
            byName.computeIfAbsent(base.get(i), k -> new ArrayList<>()).add(i);
        }
        List<String> out = new ArrayList<>(base);
        for (List<Integer> same : byName.values()) {
            if (same.size() < 2) {
                continue;
            }
            List<String> folders = same.stream().map(i -> folder(runs.get(i))).toList();
            List<String> parts = distinguishing(folders);
            for (int k = 0; k < same.size(); k++) {
                int i = same.get(k);
                out.set(i, base.get(i) + " (" + parts.get(k) + ")");
            }
        }
        return out;
    }

    /**
     * What tells names apart: the names split at {@code - _ . space}, the tokens all of them share at
     * the start and at the end dropped; a purely numeric remainder keeps the token before it
     * ("seed-2", not "2"). Names that are all equal, or where nothing is left, stay whole.
     */
    static List<String> distinguishing(List<String> names) {
        List<List<String>> tokens = names.stream().map(RunLabels::tokens).toList();
        int min = tokens.stream().mapToInt(List::size).min().orElse(0);
        int head = 0;
        while (head < min && allEqualAt(tokens, head, false)) {
            head++;
        }
        int tail = 0;
        while (tail < min - head && allEqualAt(tokens, tail, true)) {
            tail++;
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            List<String> t = tokens.get(k);
            int from = head;
            int to = t.size() - tail;
            if (from >= to) {
                return names;
            }
            if (to - from == 1 && word(t.get(from)).matches("[0-9.]+") && from > 0) {
                from--;
            }
            out.add(join(t.subList(from, to)));
        }
        return out.stream().distinct().count() == out.size() ? out : names;
    }

    private static boolean allEqualAt(List<List<String>> tokens, int index, boolean fromEnd) {
        String first = null;
        for (List<String> t : tokens) {
            String w = word(fromEnd ? t.get(t.size() - 1 - index) : t.get(index));
            if (first == null) {
                first = w;
            } else if (!first.equals(w)) {
                return false;
            }
        }
        return true;
    }

    /** A token without its trailing separator. */
    private static String word(String token) {
        return token.substring(0, token.length() - 1);
    }

    /** Tokens keep their trailing separator (the last one a blank), so they join back exactly. */
    private static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            if ("-_. ".indexOf(name.charAt(i)) >= 0) {
                out.add(name.substring(start, i + 1));
                start = i + 1;
            }
        }
        out.add(name.substring(start) + " ");
        return out;
    }

    private static String join(List<String> tokens) {
        String s = String.join("", tokens).strip();
        while (!s.isEmpty() && "-_.".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
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
