package org.rmel.model;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.rmel.base.BadInputException;

/**
 * A model folder in the Hugging Face layout: {@code config.json}, weights in
 * {@code model.safetensors} or shards listed in {@code model.safetensors.index.json}, a
 * tokenizer ({@code tokenizer.json}, or our {@code rmel-char-tokenizer.json}) and, in our
 * checkpoints, {@code optimizer.safetensors} with the AdamW moments and step count.
 */
final class ModelFolder {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String WEIGHTS_INDEX = "model.safetensors.index.json";
    static final String OPTIMIZER = "optimizer.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolder() {}

    static DjlPolicy load(Path dir, Device device) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a model folder (no such directory)");
        }
        Qwen2Config config = Qwen2Config.read(dir.resolve(CONFIG));
        Tokenizer tokenizer = tokenizer(dir, config);
        Weights w = weights(dir);
        config.checkLayers(dir.resolve(CONFIG), w.tensors().keySet(), w.source());
        Qwen2Model model = Qwen2Model.fromTensors(config, w.tensors(), device, w.source());
        DjlPolicy policy = new DjlPolicy(model, tokenizer);
        try {
            restoreOptimizer(dir, policy);
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
        return policy;
    }

    /**
     * Loads a checkpoint's weights and optimizer state into {@code policy}, whose model must have
     * the checkpoint's architecture (the run's starting model).
     */
    static void restore(Path dir, DjlPolicy policy) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a checkpoint folder (no such directory)");
        }
        Qwen2Config config = Qwen2Config.read(dir.resolve(CONFIG));
        if (!config.sameModelAs(policy.model().config)) {
            throw new BadInputException(dir.resolve(CONFIG) + ": the checkpoint's model (" + config
                    + ") is not the run's starting model (" + policy.model().config + ")");
        }
        Weights w = weights(dir);
        policy.model().loadWeights(w.tensors(), w.source());
        restoreOptimizer(dir, policy);
    }

    private record Weights(Map<String, SafeTensors.Tensor> tensors, String source) {}

    private static Weights weights(Path dir) {
        Path single = dir.resolve(WEIGHTS);
        Path index = dir.resolve(WEIGHTS_INDEX);
        if (Files.exists(single)) {
            return new Weights(SafeTensors.read(single).tensors(), single.toString());
        } else if (Files.exists(index)) {
            return new Weights(readShards(dir, index), index.toString());
        }
        throw new BadInputException(dir + ": no " + WEIGHTS + " or " + WEIGHTS_INDEX);
    }

    private static void restoreOptimizer(Path dir, DjlPolicy policy) {
        Path opt = dir.resolve(OPTIMIZER);
        if (Files.exists(opt)) {
            SafeTensors.Contents c = SafeTensors.read(opt);
            long steps;
            try {
                steps = Long.parseLong(c.metadata().getOrDefault("step", ""));
            } catch (NumberFormatException e) {
                throw new BadInputException(opt + ": metadata 'step' must be an integer");
            }
            policy.optimizer().restore(c.tensors(), steps, opt.toString());
        }
    }

    private static Tokenizer tokenizer(Path dir, Qwen2Config config) {
        int eos = config.eosTokenIds().isEmpty() ? -1 : new TreeSet<>(config.eosTokenIds()).first();
        Path chars = dir.resolve(CharTokenizer.FILE_NAME);
        if (Files.exists(chars)) {
            CharTokenizer t = CharTokenizer.read(chars);
            if (t.vocabSize() > config.vocabSize()) {
                throw new BadInputException(chars + ": " + t.vocabSize() + " tokens but config.json has vocab_size "
                        + config.vocabSize());
            }
            return t;
        }
        Path hf = dir.resolve(HfTokenizer.FILE_NAME);
        if (Files.exists(hf)) {
            return new HfTokenizer(hf, config.vocabSize(), config.padTokenId(), eos);
        }
        return new IdOnlyTokenizer(dir.toString(), config.vocabSize(), Math.max(config.padTokenId(), 0), eos);
    }

    private static Map<String, SafeTensors.Tensor> readShards(Path dir, Path index) {
        JsonNode map;
        try {
            JsonNode root = JSON.readTree(Files.readString(index));
            map = root == null ? null : root.get("weight_map");
        } catch (IOException e) {
            throw new BadInputException(index + ": not valid JSON: " + org.rmel.base.Messages.clean(e.getMessage()));
        }
        if (map == null || !map.isObject()) {
            throw new BadInputException(index + ": key 'weight_map' must be an object of tensor name to file");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            wanted.put(e.getKey(), e.getValue().asText());
        }
        Map<String, SafeTensors.Tensor> all = new LinkedHashMap<>();
        for (String file : new TreeSet<>(wanted.values())) {
            Path shard = dir.resolve(file).normalize();
            if (!shard.startsWith(dir.normalize())) {
                throw new BadInputException(index + ": shard '" + file + "' lies outside the model folder");
            }
            SafeTensors.Contents c = SafeTensors.read(shard);
            c.tensors().forEach((name, t) -> {
                if (file.equals(wanted.get(name))) {
                    all.put(name, t);
                }
            });
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!all.containsKey(e.getKey())) {
                throw new BadInputException(dir.resolve(e.getValue()) + ": tensor '" + e.getKey()
                        + "' listed in " + WEIGHTS_INDEX + " is not in the file");
            }
        }
        return all;
    }

    static void save(Path dir, DjlPolicy policy) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CONFIG), policy.model().config.toJson());
            Tokenizer t = policy.tokenizer();
            if (t instanceof CharTokenizer ct) {
                ct.save(dir.resolve(CharTokenizer.FILE_NAME));
            } else if (t instanceof HfTokenizer ht) {
                Path target = dir.resolve(HfTokenizer.FILE_NAME);
                if (!Files.exists(target) || !Files.isSameFile(ht.file(), target)) {
                    Files.copy(ht.file(), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(dir + ": cannot write the checkpoint", e);
        }
        SafeTensors.write(dir.resolve(WEIGHTS), policy.model().snapshot(), Map.of("format", "pt"));
        SafeTensors.write(dir.resolve(OPTIMIZER), policy.optimizer().snapshot(),
                Map.of("step", Long.toString(policy.optimizer().steps()), "optimizer", "adamw"));
    }
}
