package org.rmel.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;
import org.rmel.method.Condition;
import org.rmel.method.DifficultyTracker;
import org.rmel.method.ExtraTokenBudget;
import org.rmel.method.MethodSettings;
import org.rmel.model.DeviceChoice;
import org.rmel.model.MemoryEstimate;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.model.Precision;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunJson;
import org.rmel.run.RunFinished;
import org.rmel.run.RunSpec;
import org.rmel.run.RunStatus;
import org.rmel.run.RunWriter;

/**
 * Starts or resumes a training run. Everything that can be wrong with the user's input —
 * settings, model folder, task file, benchmark names — is checked before the run directory is
 * created, so a bad start leaves nothing behind.
 */
public final class TrainSession {
    private TrainSession() {
    }

    /** Starts a new run in {@code out}; returns the {@code run_finished} reason. */
    public static String start(TrainSettings settings, Path out, PrintStream console) {
        return start(settings, out, console, p -> p);
    }

    /** As {@link #start(TrainSettings, Path, PrintStream)}, with the policy passed through {@code decorate} (tests). */
    static String start(TrainSettings settings, Path out, PrintStream console, UnaryOperator<Policy> decorate) {
        settings.checkConsistent();
        MethodSettings method = methodSettings(settings);
        RunWriter.requireNewOrEmpty(out);
        TaskSource source = taskSource(settings);
        List<TaskProblem> pool = source.trainingPool();
        if (pool.isEmpty()) {
            throw new BadInputException("tasks: " + settings.string("tasks") + " has no problems");
        }
        Map<String, List<TaskProblem>> benchmarks = benchmarks(settings, source);
        Policy policy = decorate.apply(startingPolicy(settings, console));
        if (!settings.builtinModel()) {
            List<List<TaskProblem>> prompts = new java.util.ArrayList<>(benchmarks.values());
            prompts.add(pool);
            try {
                ContextLimit.check(Path.of(settings.string("model")), policy, promptFormat(settings, ChatWrap.of(settings, policy)),
                        settings.integer("max_new_tokens"), prompts);
            } catch (RuntimeException e) {
                policy.close();
                throw e;
            }
        }
        MemoryEstimate estimate;
        try (StopSignal stop = new StopSignal()) {
            RunWriter writer;
            try {
                estimate = prepare(settings, policy, pool, console);
                writer = RunWriter.create(out, RunSpec.of(spec(settings, method, policy, source, pool.get(0), estimate)));
            } catch (RuntimeException e) {
                policy.close();
                throw e;
            }
            return run(settings, policy, writer, pool, benchmarks, new DifficultyTracker(), new AdaptiveBudget(),
                    new ExtraTokenBudget(), 0, 0, true, stop, console, estimate);
        }
    }

    /** Settings a resume may change: they decide memory, not the method (sampling order aside). */
    public static final List<String> MEMORY_SETTINGS = List.of("sampling_micro_batch_size", "micro_batch_size");

    /**
     * Continues a killed, stopped or failed run from its last checkpoint. A finished run is left
     * alone (nothing is written): the console says so and the reason is returned.
     */
    public static String resume(Path dir, PrintStream console) {
        return resume(dir, Map.of(), console);
    }

    /**
     * Continues a killed, stopped or failed run from its last checkpoint, with {@code overrides}
     * of {@link #MEMORY_SETTINGS} (e.g. a smaller sampling micro-batch after running out of memory).
     */
    public static String resume(Path dir, Map<String, String> overrides, PrintStream console) {
        RunDirectory run = RunDirectory.open(dir);
        RunStatus status = run.status();
        if (status.state() == RunStatus.State.FINISHED) {
            console.println(dir + ": the run is finished (" + status.detail() + ", " + status.stepsDone()
                    + (status.stepsTotal().isPresent() ? "/" + status.stepsTotal().getAsInt() : "")
                    + " steps); nothing to resume");
            return RunFinished.COMPLETED;
        }
        Map<String, Object> spec = RunJson.MAPPER.convertValue(run.spec().json(), Map.class);
        TrainSettings settings = TrainSettings.fromSpec(spec, dir.resolve("run.json").toString()).checkConsistent();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!MEMORY_SETTINGS.contains(o.getKey()) || !TrainSettings.catalogue().containsKey(o.getKey())) {
                throw new BadInputException("--set " + o.getKey() + ": a resumed run keeps its run.json settings; only "
                        + String.join(", ", MEMORY_SETTINGS.stream().filter(TrainSettings.catalogue()::containsKey).toList())
                        + " may change");
            }
            console.println("resuming with " + o.getKey() + "=" + o.getValue() + " (run.json: " + settings.get(o.getKey())
                    + "); pass it again on later resumes");
            settings = settings.with(o.getKey(), o.getValue());
        }
        TaskSource source = taskSource(settings);
        List<TaskProblem> pool = source.trainingPool();
        Map<String, List<TaskProblem>> benchmarks = benchmarks(settings, source);
        boolean evalAtStart = !hasEvalAtStepZero(run);
        try (StopSignal stop = new StopSignal()) {
            RunWriter writer = RunWriter.resume(dir);
            DifficultyTracker tracker = new DifficultyTracker();
            AdaptiveBudget adaptive = new AdaptiveBudget();
            ExtraTokenBudget extraBudget = new ExtraTokenBudget();
            Policy policy = null;
            int done = 0;
            int skipStreak = 0;
            try {
                // the run's starting point first (it is the KL reference), then the checkpoint's weights
                policy = startingPolicy(settings, console);
                if (writer.resumedFrom().isPresent()) {
                    CheckpointEvent c = writer.resumedFrom().get();
                    Path ckpt = dir.resolve(c.path());
                    policy.restore(ckpt);
                    done = TrainerState.load(ckpt, tracker, adaptive, extraBudget);
                    skipStreak = TrainerState.skipStreak(ckpt);
                    console.println("resuming " + dir + " from step " + done);
                } else {
                    console.println("resuming " + dir + " from the start (no checkpoint yet)");
                }
            } catch (RuntimeException e) {
                if (policy != null) {
                    policy.close();
                }
                writer.close();
                throw e;
            }
            MemoryEstimate estimate;
            try {
                estimate = prepare(settings, policy, pool, console);
            } catch (RuntimeException e) {
                policy.close();
                writer.close();
                throw e;
            }
            return run(settings, policy, writer, pool, benchmarks, tracker, adaptive, extraBudget, done, skipStreak,
                    evalAtStart && done == 0, stop, console, estimate);
        }
    }

    /**
     * Applies the memory settings to the policy and prints the memory estimate of a step (with a
     * warning when it exceeds the GPU's memory).
     */
    static MemoryEstimate prepare(TrainSettings settings, Policy policy, List<TaskProblem> pool, PrintStream console) {
        policy.setSamplingMicroBatchSize(settings.integer("sampling_micro_batch_size"));
        if (policy.config() == null) {
            return null;
        }
        PromptFormat format = promptFormat(settings, ChatWrap.of(settings, policy));
        int longest = 1;
        for (TaskProblem p : pool) {
            longest = Math.max(longest, policy.tokenizer().encode(format.prompt(p)).length);
        }
        MemoryEstimate e = MemoryEstimate.of(policy.config(), policy.precision(),
                MemoryPlan.workload(settings, policy.config(), policy.precision(), longest));
        console.println(e.describe());
        long total = policy.deviceInfo().memoryTotalBytes();
        if (policy.deviceInfo().gpu() && total > 0 && e.total() > total) {
            console.println("warning: the estimate exceeds the GPU's " + MemoryEstimate.gib(total) + "; lower "
                    + e.peakSetting() + " if the run stops for lack of memory");
        }
        return e;
    }

    private static String run(TrainSettings settings, Policy policy, RunWriter writer, List<TaskProblem> pool,
                              Map<String, List<TaskProblem>> benchmarks, DifficultyTracker tracker,
                              AdaptiveBudget adaptive, ExtraTokenBudget extraBudget, int done, int skipStreak,
                              boolean evalAtStart, StopSignal stop, PrintStream console, MemoryEstimate estimate) {
        try (policy) {
            AnswerJudge judge = new VerifierJudge();
            ChatWrap chat = ChatWrap.of(settings, policy);
            PromptFormat format = promptFormat(settings, chat);
            ExperienceMaker maker = settings.builtinModel()
                    ? new ArithExperienceMaker(settings.string("answer_step_experience").equals("previous_step"))
                    : new TemplateExperienceMaker(policy, settings.string("critique_template"),
                            settings.integer("critique_max_new_tokens"), settings.doubleValue("critique_temperature"), chat);
            StepRunner steps = new StepRunner(settings, policy, judge, format, maker, pool, tracker, adaptive, extraBudget,
                    writer, skipStreak);
            Evaluator evaluator = new Evaluator(settings, policy, judge, format);
            return new Trainer(settings, policy, writer, steps, evaluator, benchmarks, tracker, adaptive, console)
                    .withPreamble(promptLines(settings, policy, chat, format, pool.get(0)))
                    .run(done, evalAtStart, stop);
        } catch (RuntimeException | Error e) {
            if (OutOfMemory.is(e)) {
                String message = OutOfMemory.message(e, estimate, settings, writer.dir());
                appendToLog(writer.trainerLog(), "error: " + message, e);
                writer.tryFail(message);
                throw new EnvironmentException(message, e);
            }
            String reason = failureReason(e);
            appendToLog(writer.trainerLog(), "error: " + reason, e);
            if (!writer.tryFail(reason)) {
                console.println("(run_failed could not be written either; the run reads as killed and "
                        + "train --resume " + writer.dir() + " continues it once the cause is fixed)");
            }
            throw e;
        }
    }

    /** What {@code run_failed} says: the environment fault or bad input as the user sees it, else the exception. */
    static String failureReason(Throwable e) {
        java.util.Optional<org.rmel.base.EnvironmentException> env = org.rmel.base.IoFaults.find(e);
        if (env.isPresent()) {
            return org.rmel.base.Messages.clean(env.get().getMessage());
        }
        if (e instanceof BadInputException) {
            return org.rmel.base.Messages.clean(e.getMessage());
        }
        String msg = org.rmel.base.Messages.clean(e.getMessage());
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** Best effort: the failure and its stack trace in trainer.log (the disk may be full). */
    private static void appendToLog(Path log, String line, Throwable e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        try {
            Files.writeString(log, line + System.lineSeparator() + trace, java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException | RuntimeException ignored) {
            // the console and the exit code still report it
        }
    }

    /** trainer.log's account of the prompts: the chat template, the stop tokens, the first problem's prompt. */
    static List<String> promptLines(TrainSettings settings, Policy policy, ChatWrap chat, PromptFormat format,
            TaskProblem first) {
        List<String> lines = new java.util.ArrayList<>();
        if (!settings.builtinModel()) {
            lines.add("chat template: " + chat.source() + " (chat_template = " + settings.string("chat_template")
                    + "); stop tokens " + new java.util.TreeSet<>(policy.stopTokenIds()) + "; a response cut by"
                    + " max_new_tokens gets reward " + (settings.string("truncated_reward").equals("zero") ? "0"
                    : "from the verifier"));
        }
        lines.add("prompt of the first problem (" + first.id() + "), as the model sees it:");
        lines.add(format.prompt(first));
        lines.add("(end of prompt)");
        return lines;
    }

    static PromptFormat promptFormat(TrainSettings settings, ChatWrap chat) {
        return settings.builtinModel() ? new ArithPromptFormat()
                : new TemplatePromptFormat(settings.string("prompt_template"), settings.string("replay_template"), chat,
                        settings.string("primed_template"));
    }

    static TaskSource taskSource(TrainSettings settings) {
        if (settings.builtinTasks()) {
            return new ArithTaskSource(settings.integer("seed"), settings.integer("pool_size"), settings.integer("eval_size"),
                    settings.integer("eval_size_ood"));
        }
        Path file = Path.of(settings.string("tasks"));
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("tasks: " + file + " is not a file");
        }
        List<String> names = settings.string("eval_benchmarks").equals("all") ? List.of()
                : Arrays.stream(settings.string("eval_benchmarks").split(",")).map(String::trim).toList();
        return new FileTaskSource(file, names);
    }

    static Map<String, List<TaskProblem>> benchmarks(TrainSettings settings, TaskSource source) {
        String wanted = settings.string("eval_benchmarks");
        List<String> names = wanted.equals("all") ? source.benchmarkNames()
                : Arrays.stream(wanted.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<String, List<TaskProblem>> out = new LinkedHashMap<>();
        for (String name : names) {
            try {
                out.put(name, source.benchmark(name));
            } catch (BadInputException e) {
                throw new BadInputException("eval_benchmarks: " + e.getMessage());
            }
        }
        return out;
    }

    static DeviceChoice device(TrainSettings settings) {
        return DeviceChoice.parse(settings.string("device"), "device");
    }

    /**
     * The policy RL starts from, with a frozen copy of itself as the KL loss's reference when the
     * run uses one. A resumed run rebuilds it the same way and then loads its checkpoint's weights,
     * so the reference is never stored in checkpoints.
     */
    static Policy startingPolicy(TrainSettings settings, PrintStream console) {
        Policy policy = initialPolicy(settings, console);
        if (settings.keepsReferencePolicy()) {
            try {
                policy.freezeReference();
            } catch (RuntimeException e) {
                policy.close();
                throw e;
            }
        }
        return policy;
    }

    static Precision precision(TrainSettings settings) {
        return Precision.parse(settings.string("precision"), "precision");
    }

    /** The policy RL starts from: the warm-started built-in model, or the given model folder. */
    static Policy initialPolicy(TrainSettings settings, PrintStream console) {
        if (settings.builtinModel()) {
            if (settings.integer("warm_start_steps") == 0) {
                return BuiltinModel.create(settings.integer("seed"), device(settings), precision(settings));
            }
            return Policies.load(WarmStart.ensure(settings, device(settings), console), device(settings),
                    precision(settings));
        }
        Path folder = Path.of(settings.string("model"));
        if (!Files.isDirectory(folder)) {
            throw new BadInputException("model: " + folder + " is not a folder (expected a Hugging Face model folder)");
        }
        return Policies.load(folder, device(settings), precision(settings));
    }

    static MethodSettings methodSettings(TrainSettings settings) {
        try {
            return settings.method();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** run.json: every setting by name, the derived schedule, and what ran it. */
    static ObjectNode spec(TrainSettings settings, MethodSettings method, Policy policy, TaskSource source,
                           TaskProblem first, MemoryEstimate estimate) {
        Map<String, Object> spec = new LinkedHashMap<>(settings.asMap());
        spec.put("precision", policy.precision().label()); // "auto" settled for the device it runs on
        if (estimate != null) {
            spec.put("memory_estimate", memoryEstimate(estimate));
        }

        spec.put("revision_schedule", method.revisionSchedule().taus());
        spec.put(RunSpec.STEPS_TOTAL, settings.integer("steps"));
        spec.put("condition_label", method.condition().label());
        spec.put("ppo_mini_batches_per_step", UpdatePhase.miniBatchSizes(settings).size());
        spec.put("model_description", policy.describe());
        spec.put("device_name", policy.deviceInfo().name());
        if (settings.builtinModel() && settings.integer("warm_start_steps") > 0) {
            spec.put("warm_start_key", WarmStart.key(settings));
        }
        spec.put("benchmarks", source.benchmarkNames());
        spec.put(RunSpec.IN_DISTRIBUTION_BENCHMARKS, source.inDistributionBenchmarks());
        spec.put("step_delimiter", "\\n");
        ChatWrap chat = ChatWrap.of(settings, policy);
        spec.put("chat_template_source", chat.source());
        spec.put("stop_token_ids", new java.util.TreeSet<>(policy.stopTokenIds()));
        spec.put("prompt_example", promptFormat(settings, chat).prompt(first));
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("rmel", String.valueOf(TrainSession.class.getPackage().getImplementationVersion()));
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        spec.put("versions", versions);
        return RunJson.MAPPER.valueToTree(spec);
    }

    private static Map<String, Object> memoryEstimate(MemoryEstimate estimate) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("precision", estimate.precision().label());
        memory.put("weights_bytes", estimate.weights());
        memory.put("gradients_bytes", estimate.gradients());
        memory.put("optimizer_bytes", estimate.optimizer());
        memory.put("reference_bytes", estimate.reference());
        memory.put("kv_cache_bytes", estimate.kvCache());
        memory.put("sampling_activations_bytes", estimate.samplingActivations());
        memory.put("training_activations_bytes", estimate.trainingActivations());
        memory.put("total_bytes", estimate.total());
        return memory;
    }

    private static boolean hasEvalAtStepZero(RunDirectory run) {
        boolean[] found = {false};
        run.read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                if (e.event() instanceof EvalEvent ev && ev.step() == 0) {
                    found[0] = true;
                }
            }

            @Override
            public void reset() {
                found[0] = false;
            }
        });
        return found[0];
    }
}
