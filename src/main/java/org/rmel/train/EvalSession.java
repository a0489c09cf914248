package org.rmel.train;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmel.base.BadInputException;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.EvalEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;

/** Evaluates a checkpoint of a run on one benchmark, outside training (the {@code eval} command). */
public final class EvalSession {
    private static final Pattern STEP = Pattern.compile("step-0*(\\d+)");

    private EvalSession() {
    }

    public static EvalEvent evaluate(Path dir, String checkpoint, String benchmark, boolean json, PrintStream out) {
        RunDirectory run = RunDirectory.open(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = RunJson.MAPPER.convertValue(run.spec().json(), Map.class);
        TrainSettings settings = TrainSettings.fromSpec(spec, dir.resolve(RunFiles.SPEC).toString());
        int step;
        Path folder;
        if (checkpoint == null) {
            CheckpointEvent last = run.lastCheckpoint().orElseThrow(() ->
                    new BadInputException(dir + ": the run has no checkpoint yet"));
            step = last.step();
            folder = dir.resolve(last.path());
        } else {
            Matcher m = STEP.matcher(checkpoint.trim());
            if (!m.matches()) {
                throw new BadInputException("--checkpoint " + checkpoint + ": expected step-N, e.g. step-40");
            }
            step = Integer.parseInt(m.group(1));
            folder = RunFiles.checkpointDir(dir, step);
            if (!Files.isDirectory(folder)) {
                throw new BadInputException("--checkpoint " + checkpoint + ": " + folder + " does not exist");
            }
        }
        TaskSource source = TrainSession.taskSource(settings);
        List<TaskProblem> problems;
        try {
            problems = source.benchmark(benchmark);
        } catch (BadInputException e) {
            throw new BadInputException("--benchmark: " + e.getMessage());
        }
        try (Policy policy = Policies.load(folder, TrainSession.device(settings), TrainSession.precision(settings))) {
            PromptFormat format = TrainSession.promptFormat(settings, ChatWrap.of(settings, policy));
            ContextLimit.check(folder, policy, format, settings.integer("max_new_tokens"), List.of(problems));
            EvalEvent e = new Evaluator(settings, policy, new VerifierJudge(), format)
                    .evaluate(step, benchmark, problems);
            if (json) {
                out.println(RunJson.MAPPER.valueToTree(e).toString());
            } else {
                out.printf(Locale.ROOT, "%s at step %d: Pass@1 %.4f  Avg@%d %.4f  (%d problems)%n", benchmark, step,
                        e.passAt1(), e.samples(), e.avgAt8(), e.n());
            }
            return e;
        }
    }
}
