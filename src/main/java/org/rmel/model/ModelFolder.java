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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.rmel.base.BadInputException;
import org.rmel.chat.ChatTemplate;

/**
 * A model folder in the Hugging Face layout: {@code config.json}, weights in
 * {@code model.safetensors} or shards listed in {@code model.safetensors.index.json}, a
 * tokenizer ({@code tokenizer.json}, or our {@code rmel-char-tokenizer.json}), optionally
 * {@code generation_config.json} (end-of-sequence ids) and a chat template
 * ({@code tokenizer_config.json} or {@code chat_template.jinja}) and, in our checkpoints,
 * {@code optimizer.safetensors} with the AdamW moments and step count.
 */
final class ModelFolder {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String WEIGHTS_INDEX = "model.safetensors.index.json";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String GENERATION_CONFIG = "generation_config.json";
    /** Files a checkpoint copies from the folder the model came from, so it loads the same way. */
    static final List<String> SIDE_FILES = List.of(GENERATION_CONFIG, ChatTemplate.TOKENIZER_CONFIG,
            ChatTemplate.JINJA_FILE, "special_tokens_map.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolder() {}

    static DjlPolicy load(Path dir, Device device) {
        return load(dir, device, Precision.FP32);
    }

    static DjlPolicy load(Path dir, Device device, Precision precision) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a model folder (no such directory)");
        }
        Qwen2Config config = Qwen2Config.read(dir.resolve(CONFIG));
        Tokenizer tokenizer = tokenizer(dir, config);
        Weights w = weights(dir);
        config.checkLayers(dir.resolve(CONFIG), w.tensors().keySet(), w.source());
        Optional<ChatTemplate> chat = ChatTemplate.find(dir);
        Set<Integer> stops = stopTokens(dir, config, tokenizer, chat);
        Qwen2Model model = Qwen2Model.fromTensors(config, w.tensors(), device, w.source(), precision);
        DjlPolicy policy = new DjlPolicy(model, tokenizer, stops, chat.orElse(null), dir);
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

    /**
     * Ids that end a sample: config.json's and generation_config.json's {@code eos_token_id}
     * (an id or a list), the tokenizer's end-of-sequence token, and the chat template's
     * end-of-turn token (Qwen's {@code <|im_end|>}) when it is a single token.
     */
    static Set<Integer> stopTokens(Path dir, Qwen2Config config, Tokenizer tokenizer, Optional<ChatTemplate> chat) {
        Set<Integer> stops = new TreeSet<>(config.eosTokenIds());
        stops.addAll(generationEosIds(dir.resolve(GENERATION_CONFIG), config.vocabSize()));
        if (tokenizer.eosId() >= 0) {
            stops.add(tokenizer.eosId());
        }
        chat.flatMap(ChatTemplate::endOfTurn).ifPresent(text -> {
            int[] ids = tokenizer.encode(text);
            if (ids.length == 1) {
                stops.add(ids[0]);
            }
        });
        return stops;
    }

    /** {@code eos_token_id} of a generation_config.json (none when the file is absent). */
    static Set<Integer> generationEosIds(Path file, int vocabSize) {
        if (!Files.isRegularFile(file)) {
            return Set.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode eos = root == null ? null : root.get("eos_token_id");
        if (eos == null || eos.isNull()) {
            return Set.of();
        }
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode id : eos.isArray() ? eos : List.of(eos)) {
            if (!id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 0 || id.asInt() >= vocabSize) {
                throw new BadInputException(file + ": eos_token_id must be a token id in [0, " + vocabSize
                        + ") or a list of them, found " + id);
            }
            ids.add(id.asInt());
        }
        return ids;
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
            if (policy.source() != null) {
                for (String name : SIDE_FILES) {
                    Path from = policy.source().resolve(name);
                    Path to = dir.resolve(name);
                    if (Files.isRegularFile(from) && !(Files.exists(to) && Files.isSameFile(from, to))) {
                        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
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
