package org.rmel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.model.DeviceChoice;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.model.Qwen2Config;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code generate}: continue a prompt with a model folder or checkpoint, to check it by hand or in tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prompt with a Qwen2 model folder or checkpoint; prints the new text, "
                + "or with --json one line {\"ids\", \"logprobs\", \"text\"}.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR",
            description = "Hugging Face style folder (config.json, model.safetensors, tokenizer.json) or a checkpoint.")
    private Path model;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt text (needs a tokenizer in the folder).")
    private String prompt;

    @Option(names = "--prompt-ids", paramLabel = "IDS", split = ",", description = "Prompt as token ids, e.g. 5,17,42.")
    private List<Integer> promptIds;

    @Option(names = "--greedy", description = "Take the most likely token each step.")
    private boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default: 1).")
    private Double temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "Nucleus size in (0, 1] (default: ${DEFAULT-VALUE}).")
    private double topP;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "64",
            description = "At most this many new tokens (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @picocli.CommandLine.Mixin
    private EngineOptions engine;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to run (default: ${DEFAULT-VALUE}: the GPU when DJL finds one).")
    private String device;

    @Option(names = "--precision", paramLabel = "auto|fp32|bf16", defaultValue = "auto",
            description = "Number format (default: ${DEFAULT-VALUE}: bf16 on a GPU, fp32 on the CPU).")
    private String precision;

    @Option(names = "--json", description = "Print one JSON line with the new ids, their log-probs and the text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if ((prompt == null) == (promptIds == null)) {
            throw new BadInputException("give exactly one of --prompt and --prompt-ids");
        }
        if (greedy && temperature != null) {
            throw new BadInputException("--greedy and --temperature exclude each other");
        }
        SamplingParams params;
        try {
            params = greedy ? SamplingParams.greedy(maxNewTokens)
                    : SamplingParams.sampled(temperature == null ? 1.0 : temperature, topP, maxNewTokens, seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        engine.apply();
        DeviceChoice where = DeviceChoice.parse(device, "--device");
        try (Policy policy = Policies.load(model, where, org.rmel.model.Precision.parse(precision, "--precision"))) {
            int[] ids = prompt != null ? policy.tokenizer().encode(prompt)
                    : promptIds.stream().mapToInt(Integer::intValue).toArray();
            if (ids.length == 0) {
                throw new BadInputException("the prompt is empty");
            }
            Path config = model.resolve("config.json");
            Qwen2Config.read(config).checkFits(config.toString(), ids.length, maxNewTokens,
                    "the prompt (" + ids.length + " tokens) + --max-new-tokens " + maxNewTokens);
            Sample s;
            try {
                s = policy.sample(List.of(ids), params).get(0);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--prompt-ids: " + e.getMessage());
            }
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ObjectNode o = m.createObjectNode();
                ArrayNode idArray = o.putArray("ids");
                for (int id : s.tokenIds()) {
                    idArray.add(id);
                }
                ArrayNode lp = o.putArray("logprobs");
                for (float f : s.tokenLogprobs()) {
                    lp.add(f);
                }
                o.put("text", s.text());
                spec.commandLine().getOut().println(m.writeValueAsString(o));
            } else {
                spec.commandLine().getOut().println(s.text());
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
