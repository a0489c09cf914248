package org.rmel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rmel.model.CharTokenizer;
import org.rmel.model.DeviceParity;
import org.rmel.model.Policies;
import org.rmel.model.Qwen2Config;
import org.rmel.train.BuiltinModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gpu check}: does this GPU compute what the CPU computes? Greedy decoding of one model on
 * the GPU in fp32 and bf16 and on the CPU in fp32; fp32 must give the same ids, with log-probs
 * within 1e-3. Exit 0 when they agree, 1 when they do not, 2 without a usable GPU.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compare greedy decoding on the GPU (fp32, bf16) with the CPU (fp32): the same ids, log-probs "
                + "within 1e-3 in fp32.", "  gpu check", "  gpu check --model ~/models/Qwen2.5-0.5B --prompt-ids 9707,11"})
public final class GpuCheckCommand implements Callable<Integer> {
    static final double TOLERANCE = 1e-3;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--model", paramLabel = "DIR", description = "A model folder (default: a random built-in-shaped model).")
    private Path model;

    @Option(names = "--prompt-ids", paramLabel = "IDS", split = ",", description = "Prompt token ids (default: 1,2,3,4,5).")
    private List<Integer> promptIds = List.of(1, 2, 3, 4, 5);

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "24",
            description = "Greedy steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--device", paramLabel = "gpu|cpu", defaultValue = "gpu",
            description = "The device compared with the CPU (default: ${DEFAULT-VALUE}; cpu compares bf16 with fp32 there).")
    private String device;

    @Option(names = "--json", description = "One JSON line per decoding: device, precision, ids, logprobs.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        engine.apply();
        CharTokenizer tok = BuiltinModel.tokenizer();
        Qwen2Config shape = Policies.builtinConfig(tok);
        int[] prompt = promptIds.stream().mapToInt(Integer::intValue).toArray();
        List<DeviceParity.Run> runs = DeviceParity.run(model, shape, tok, prompt, steps,
                org.rmel.model.DeviceChoice.parse(device, "--device"));
        PrintWriter out = spec.commandLine().getOut();
        DeviceParity.Run cpu = runs.get(runs.size() - 1);
        for (DeviceParity.Run r : runs) {
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ObjectNode o = m.createObjectNode();
                o.put("device", r.device()).put("precision", r.precision().label()).put("seconds", r.seconds())
                        .put("reference", r == cpu);
                Arrays.stream(r.ids()).forEach(o.putArray("ids")::add);
                float[] lp = r.logprobs();
                var a = o.putArray("logprobs");
                for (float f : lp) {
                    a.add(f);
                }
                out.println(m.writeValueAsString(o));
                continue;
            }
            int differ = DeviceParity.firstDifference(r.ids(), cpu.ids());
            double worst = DeviceParity.maxDifference(r, cpu);
            out.printf(Locale.ROOT, "%-8s %-5s ids %s%s; max |log-prob - cpu| %.2e; %.3f s%n", r.device(),
                    r.precision().label(), head(r.ids()), differ < 0 ? " (= cpu)" : " (differs from cpu at step " + differ + ")",
                    worst, r.seconds());
        }
        DeviceParity.Run gpu32 = runs.get(0);
        int differ = DeviceParity.firstDifference(gpu32.ids(), cpu.ids());
        double worst = DeviceParity.maxDifference(gpu32, cpu);
        boolean ok = differ < 0 && worst <= TOLERANCE;
        if (!json) {
            out.printf(Locale.ROOT, "fp32: %s%n", ok ? "the GPU matches the CPU (ids equal, log-probs within 1e-3)"
                    : "the GPU does NOT match the CPU (" + (differ >= 0 ? "ids differ at step " + differ : "log-probs differ by "
                    + String.format(Locale.ROOT, "%.2e", worst)) + ")");
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private static String head(int[] ids) {
        int[] first = Arrays.copyOf(ids, Math.min(ids.length, 10));
        return Arrays.toString(first).replace("]", ids.length > 10 ? ", …]" : "]");
    }
}
