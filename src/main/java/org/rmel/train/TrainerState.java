package org.rmel.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rmel.base.BadInputException;
import org.rmel.method.DifficultyTracker;
import org.rmel.method.ExtraTokenBudget;

/**
 * What a checkpoint needs beside the model for an exact resume: the difficulty history of every
 * prompt, the adaptive rule's per-bucket counts and MEL+Extra's token-matching totals. Prompt order and sampling seeds are pure
 * functions of (seed, step), so they need no saving.
 */
final class TrainerState {
    static final String FILE = "trainer-state.json";
    /** Optimizer steps skipped in a row for a non-finite loss or gradient norm (the stop rule's count). */
    private static final String SKIP_STREAK = "nonfinite_skips_in_a_row";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainerState() {
    }

    static void save(Path checkpoint, int step, DifficultyTracker tracker, AdaptiveBudget adaptive, int skipStreak) {
        save(checkpoint, step, tracker, adaptive, skipStreak, new ExtraTokenBudget());
    }

    static void save(Path checkpoint, int step, DifficultyTracker tracker, AdaptiveBudget adaptive, int skipStreak,
                     ExtraTokenBudget extraBudget) {
        ObjectNode root = JSON.createObjectNode();
        root.put("step", step);
        root.put(SKIP_STREAK, skipStreak);
        ObjectNode d = root.putObject("difficulty");
        tracker.all().forEach((id, diff) -> d.putArray(id).add(diff.visits()).add(diff.allNegative()));
        ObjectNode a = root.putObject("adaptive");
        adaptive.counts().forEach((bucket, c) -> a.putArray(bucket).add(c[0]).add(c[1]));
        root.putArray("extra_tokens").add(extraBudget.budget()).add(extraBudget.spent());
        try {
            Files.writeString(checkpoint.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(checkpoint.resolve(FILE) + ": cannot write", e);
        }
    }

    /** The checkpoint's count of optimizer steps skipped in a row (0 in checkpoints older than the count). */
    static int skipStreak(Path checkpoint) {
        Path file = checkpoint.resolve(FILE);
        try {
            JsonNode n = JSON.readTree(Files.readString(file)).get(SKIP_STREAK);
            return n == null ? 0 : n.asInt();
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": unreadable trainer state (" + org.rmel.base.Messages.clean(e.getMessage()) + ")");
        }
    }

    /** Restores the tracker and adaptive counts; returns the checkpoint's step. */
    static int load(Path checkpoint, DifficultyTracker tracker, AdaptiveBudget adaptive) {
        return load(checkpoint, tracker, adaptive, new ExtraTokenBudget());
    }

    /** Also restores MEL+Extra's token-matching totals (absent in older checkpoints: zero). */
    static int load(Path checkpoint, DifficultyTracker tracker, AdaptiveBudget adaptive, ExtraTokenBudget extraBudget) {
        Path file = checkpoint.resolve(FILE);
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            root.get("difficulty").fields().forEachRemaining(e -> {
                int visits = e.getValue().get(0).asInt();
                int allNeg = e.getValue().get(1).asInt();
                for (int i = 0; i < visits; i++) {
                    tracker.record(e.getKey(), i < allNeg);
                }
            });
            Map<String, int[]> counts = new LinkedHashMap<>();
            root.get("adaptive").fields().forEachRemaining(e ->
                    counts.put(e.getKey(), new int[] {e.getValue().get(0).asInt(), e.getValue().get(1).asInt()}));
            adaptive.restore(counts);
            JsonNode extra = root.get("extra_tokens");
            if (extra != null) {
                extraBudget.restore(extra.get(0).asLong(), extra.get(1).asLong());
            }
            return root.get("step").asInt();
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": unreadable trainer state (" + org.rmel.base.Messages.clean(e.getMessage()) + ")");
        }
    }
}
