package org.rmel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rmel.base.BadInputException;
import org.rmel.gpu.NvidiaSmi;
import org.rmel.model.EngineReport;
import org.rmel.model.MemoryEstimate;
import org.rmel.model.Precision;
import org.rmel.model.Qwen2Config;
import org.rmel.model.Qwen2Shapes;
import org.rmel.train.MemoryPlan;
import org.rmel.train.TrainSettings;
import picocli.CommandLine.Option;

/** {@code doctor}'s memory estimate: which model and which settings to estimate a training step for. */
final class MemoryOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Estimate memory for this model folder's config.json.")
    Path model;

    @Option(names = "--shape", paramLabel = "NAME", defaultValue = "qwen2.5-1.5b",
            description = "Without --model: a Qwen2.5 shape (${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).",
            completionCandidates = Shapes.class)
    String shape;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "paper",
            description = "Training settings to estimate (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Change a setting, as with train --set.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "512",
            description = "Longest prompt assumed (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    /** picocli's list of shape names. */
    static final class Shapes extends ArrayList<String> {
        Shapes() {
            super(Qwen2Shapes.names());
        }
    }

    List<DoctorCommand.Check> checks(NvidiaSmi.Report gpus, EngineReport loaded) {
        List<DoctorCommand.Check> out = new ArrayList<>();
        Qwen2Config config;
        String what;
        if (model != null) {
            config = Qwen2Config.read(model.resolve("config.json"));
            what = model.toString();
        } else {
            config = Qwen2Shapes.byName(shape);
            if (config == null) {
                throw new BadInputException("--shape: '" + shape + "' is not one of " + String.join(", ", Qwen2Shapes.names()));
            }
            what = shape + " shape";
        }
        TrainSettings s = TrainSettings.preset(preset);
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--set " + kv + ": expected key=value");
            }
            s = s.with(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        // the settings' own device decides the number format (paper: gpu, so bf16 even where no GPU is)
        String device = s.string("device");
        boolean gpu = device.equals("gpu") || device.equals("auto")
                && (loaded != null ? loaded.device().startsWith("gpu") : gpus.any());
        Precision precision = Precision.parse(s.string("precision"), "precision").on(gpu);
        MemoryEstimate.Workload w = MemoryPlan.workload(s, config, precision, promptTokens);
        MemoryEstimate e = MemoryEstimate.of(config, precision, w);
        String head = String.format(Locale.ROOT, "%s, %s preset (%d prompts x %d, %d new tokens; sampling %d rows, "
                        + "update %d sequences of %d tokens): ", what, preset, s.integer("prompts_per_step"), s.integer("k"),
                s.integer("max_new_tokens"), w.samplingRows(), w.trainRows(), w.trainTokens());
        if (!gpus.any()) {
            out.add(new DoctorCommand.Check(DoctorCommand.NONE, "memory", head + e.describe()));
            return out;
        }
        long smallest = gpus.gpus().stream().mapToLong(g -> g.memoryTotalMiB() << 20).min().orElse(0);
        boolean fits = e.total() <= smallest * 0.95;
        out.add(new DoctorCommand.Check(fits ? DoctorCommand.OK : DoctorCommand.WARN, "memory", head + e.describe()
                + (fits ? "; fits " : "; exceeds 95% of ") + MemoryEstimate.gib(smallest)
                + (fits ? "" : ": lower " + e.peakSetting())));
        return out;
    }
}
