package org.rmel.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.rmel.model.Policy;
import org.rmel.model.Qwen2Config;

/**
 * Checks, before a run or an evaluation starts, that the longest prompt plus {@code max_new_tokens}
 * fits the model's {@code max_position_embeddings} (a model folder's {@code config.json}; the
 * built-in model has no limit). Beyond it a Qwen2 model computes rotary positions it was never
 * trained on, so the answers would silently degrade: the run is refused instead, naming the key.
 */
final class ContextLimit {
    private ContextLimit() {
    }

    static void check(Path modelFolder, Policy policy, PromptFormat format, int maxNewTokens,
            Collection<List<TaskProblem>> problemSets) {
        Path file = modelFolder.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        Qwen2Config config = Qwen2Config.read(file);
        if (config.maxPositionEmbeddings() == 0) {
            return;
        }
        config.checkFits(file.toString(), 1, maxNewTokens, "max_new_tokens " + maxNewTokens + " + a prompt of 1 token");
        TaskProblem longest = null;
        int longestTokens = 0;
        for (List<TaskProblem> set : problemSets) {
            for (TaskProblem p : set) {
                int n = policy.tokenizer().encode(format.prompt(p)).length;
                if (n > longestTokens) {
                    longestTokens = n;
                    longest = p;
                }
            }
        }
        if (longest != null) {
            config.checkFits(file.toString(), longestTokens, maxNewTokens, "the longest prompt (problem '" + longest.id()
                    + "', " + longestTokens + " tokens) + max_new_tokens " + maxNewTokens);
        }
    }
}
