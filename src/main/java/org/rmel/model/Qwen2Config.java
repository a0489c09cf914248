package org.rmel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.rmel.base.BadInputException;

/**
 * The Qwen2 architecture settings, as in a Hugging Face {@code config.json}.
 *
 * @param eosTokenIds every id the config names as end of sequence (Qwen2.5 lists several)
 * @param padTokenId -1 when the config names none
 */
public record Qwen2Config(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        boolean tieWordEmbeddings,
        Set<Integer> eosTokenIds,
        int padTokenId) {

    static final String ARCHITECTURE = "Qwen2ForCausalLM";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Qwen2Config {
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numHeads
                    + " is not a multiple of num_key_value_heads " + numKvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head dimension " + headDim + " must be even for rotary embeddings");
        }
        eosTokenIds = Set.copyOf(eosTokenIds);
    }

    /** A config for a new model with {@code hidden / heads} as head size. */
    public static Qwen2Config of(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
            boolean tied, int eosId, int padId) {
        return new Qwen2Config(vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads, 1e-6, 10000.0,
                tied, Set.of(eosId), padId);
    }

    /** Parameters in the model (counting a tied head once). */
    public long parameterCount() {
        long h = hiddenSize;
        long q = (long) numHeads * headDim;
        long kv = (long) numKvHeads * headDim;
        long perLayer = 2 * h + h * q + q + 2 * (h * kv + kv) + q * h + 3 * h * intermediateSize;
        return vocabSize * h * (tieWordEmbeddings ? 1 : 2) + numLayers * perLayer + h;
    }

    /** Reads {@code dir/config.json}; any problem names the file and key. */
    public static Qwen2Config read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file + ": missing (a model folder needs config.json)");
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON: " + org.rmel.base.Messages.clean(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": expected a JSON object");
        }
        checkArchitecture(file, root);
        int hidden = requiredInt(file, root, "hidden_size");
        int heads = requiredInt(file, root, "num_attention_heads");
        int kvHeads = root.has("num_key_value_heads") ? requiredInt(file, root, "num_key_value_heads") : heads;
        int headDim = root.has("head_dim") && !root.get("head_dim").isNull()
                ? requiredInt(file, root, "head_dim") : hidden / heads;
        double theta = 10000.0;
        if (root.has("rope_theta")) {
            theta = requiredNumber(file, root, "rope_theta", "rope_theta");
        } else if (root.has("rope_parameters")) {
            JsonNode rp = root.get("rope_parameters");
            if (!rp.isObject()) {
                throw new BadInputException(file + ": key 'rope_parameters' must be an object");
            }
            if (rp.has("rope_type") && !"default".equals(rp.get("rope_type").asText())) {
                throw new BadInputException(file + ": key 'rope_parameters.rope_type' is '"
                        + rp.get("rope_type").asText() + "'; only 'default' rotary embeddings are supported");
            }
            if (rp.has("rope_theta")) {
                theta = requiredNumber(file, rp, "rope_theta", "rope_parameters.rope_theta");
            }
        }
        boolean tied = false;
        if (root.has("tie_word_embeddings")) {
            JsonNode t = root.get("tie_word_embeddings");
            if (!t.isBoolean()) {
                throw new BadInputException(file + ": key 'tie_word_embeddings' must be true or false, got " + t);
            }
            tied = t.booleanValue();
        }
        Set<Integer> eos = new LinkedHashSet<>();
        JsonNode e = root.get("eos_token_id");
        if (e != null && e.isArray()) {
            for (JsonNode x : e) {
                eos.add(x.asInt());
            }
        } else if (e != null && !e.isNull()) {
            eos.add(requiredInt(file, root, "eos_token_id"));
        }
        int pad = root.has("pad_token_id") && !root.get("pad_token_id").isNull()
                ? requiredInt(file, root, "pad_token_id") : -1;
        try {
            return new Qwen2Config(
                    requiredInt(file, root, "vocab_size"),
                    hidden,
                    requiredInt(file, root, "intermediate_size"),
                    requiredInt(file, root, "num_hidden_layers"),
                    heads, kvHeads, headDim,
                    root.has("rms_norm_eps") ? requiredNumber(file, root, "rms_norm_eps", "rms_norm_eps") : 1e-6,
                    theta, tied, eos, pad);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(file + ": " + ex.getMessage());
        }
    }

    private static void checkArchitecture(Path file, JsonNode root) {
        JsonNode archs = root.get("architectures");
        if (archs != null && archs.isArray() && archs.size() > 0) {
            for (JsonNode a : archs) {
                if (ARCHITECTURE.equals(a.asText())) {
                    return;
                }
            }
            throw new BadInputException(file + ": unknown architecture " + archs
                    + "; supported: " + ARCHITECTURE);
        }
        JsonNode type = root.get("model_type");
        if (type == null || !"qwen2".equals(type.asText())) {
            throw new BadInputException(file + ": names no supported architecture (need 'architectures': ['"
                    + ARCHITECTURE + "'] or 'model_type': 'qwen2')");
        }
    }

    private static int requiredInt(Path file, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new BadInputException(file + ": missing key '" + key + "'");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new BadInputException(file + ": key '" + key + "' must be a non-negative integer, got " + v);
        }
        return v.intValue();
    }

    private static double requiredNumber(Path file, JsonNode node, String key, String shownKey) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            throw new BadInputException(file + ": key '" + shownKey + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    /** The config as Hugging Face writes it, so other tools can load our checkpoints. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(ARCHITECTURE);
        o.put("model_type", "qwen2");
        o.put("hidden_act", "silu");
        o.put("vocab_size", vocabSize);
        o.put("hidden_size", hiddenSize);
        o.put("intermediate_size", intermediateSize);
        o.put("num_hidden_layers", numLayers);
        o.put("num_attention_heads", numHeads);
        o.put("num_key_value_heads", numKvHeads);
        o.put("head_dim", headDim);
        o.put("rms_norm_eps", rmsNormEps);
        o.put("rope_theta", ropeTheta);
        o.put("tie_word_embeddings", tieWordEmbeddings);
        if (eosTokenIds.size() == 1) {
            o.put("eos_token_id", eosTokenIds.iterator().next());
        } else {
            ArrayNode a = o.putArray("eos_token_id");
            eosTokenIds.stream().sorted().forEach(a::add);
        }
        if (padTokenId >= 0) {
            o.put("pad_token_id", padTokenId);
        }
        o.put("torch_dtype", "float32");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
