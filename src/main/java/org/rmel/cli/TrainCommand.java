package org.rmel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.train.TrainSession;
import org.rmel.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: start a run from a preset, or resume one. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a policy with MEL, MEL+Extra, R-MEL or an ablation, writing a run folder.",
                "  train --preset default --condition r-mel --out runs/r-mel",
                "  train --resume runs/r-mel",
                "Any run.json setting can be changed with --set key=value (e.g. --set budget=1 --set k=8)."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--preset", description = "smoke, default or paper (default: ${DEFAULT-VALUE})", defaultValue = "default")
    private String preset;

    @Option(names = "--condition", description = "mel, mel-extra, r-mel, r-mel-no-prefix, r-mel-b1, r-mel-adaptive "
            + "(default: r-mel, the full method; the first progress line and run.json say which ran)")
    private String condition;

    @Option(names = "--out", paramLabel = "DIR", description = "the new run folder")
    private Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue this run from its last checkpoint")
    private Path resume;

    @Option(names = "--device", description = "auto, cpu or gpu (auto: the GPU when PyTorch can use one)")
    private String device;

    @picocli.CommandLine.Mixin
    private EngineOptions engine;

    @Option(names = "--seed", description = "random seed")
    private Integer seed;

    @Option(names = "--model", paramLabel = "PATH", description = "a Hugging Face model folder (default: the built-in model)")
    private String model;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "change any setting by its run.json name "
            + "(with --resume: only the memory settings sampling_micro_batch_size and micro_batch_size)")
    private List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        engine.apply();
        if (resume != null) {
            if (out != null || condition != null || model != null || seed != null || device != null) {
                throw new BadInputException("--resume continues a run with its own run.json settings; drop the other "
                        + "options (--set may change " + String.join(", ", TrainSession.MEMORY_SETTINGS) + ")");
            }
            java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();
            for (String kv : sets) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new BadInputException("--set " + kv + ": expected key=value");
                }
                overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            TrainSession.resume(resume, overrides, System.out);
            return 0;
        }
        if (out == null) {
            throw new BadInputException("--out DIR is required (or --resume DIR)");
        }
        TrainSession.start(settings(), out, System.out);
        return 0;
    }

    private TrainSettings settings() {
        TrainSettings s = TrainSettings.preset(preset);
        if (condition != null) {
            s = s.withCondition(condition);
        }
        if (device != null) {
            s = s.with("device", device);
        }
        if (seed != null) {
            s = s.with("seed", seed.toString());
        }
        if (model != null) {
            s = s.with("model", model);
        }
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--set " + kv + ": expected key=value");
            }
            s = s.with(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        return s;
    }
}
