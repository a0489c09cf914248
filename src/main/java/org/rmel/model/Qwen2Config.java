package org.rmel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmel.base.BadInputException;

/**
 * The Qwen2 architecture settings, as in a Hugging Face {@code config.json}.
 *
 * @param eosTokenIds every id the config names as end of sequence (Qwen2.5 lists several)
 * @param padTokenId -1 when the config names none
 * @param maxPositionEmbeddings the longest sequence (prompt + new tokens) the model was made for;
 *        0 when the config does not say
 *
 * <p>{@link #read} checks the file's internal consistency (positive sizes, heads dividing the
 * hidden size, key/value heads dividing heads, a supported activation and rotary embedding), and
 * {@link #checkLayers} / {@link #checkFits} check it against the weights and a request; every
 * problem is a {@link BadInputException} naming {@code config.json} and the key.
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
        int padTokenId,
        int maxPositionEmbeddings) {

    static final String ARCHITECTURE = "Qwen2ForCausalLM";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Activations Qwen2's MLP may name for SwiGLU ({@code swish} is the same function as {@code silu}). */
    static final Set<String> ACTIVATIONS = Set.of("silu", "swish");
    private static final Pattern LAYER = Pattern.compile("^model\\.layers\\.(\\d+)\\.");

    public Qwen2Config {
        for (Object[] size : new Object[][] {{"vocab_size", vocabSize}, {"hidden_size", hiddenSize},
                {"intermediate_size", intermediateSize}, {"num_hidden_layers", numLayers},
                {"num_attention_heads", numHeads}, {"num_key_value_heads", numKvHeads}, {"head_dim", headDim}}) {
            if ((Integer) size[1] < 1) {
                throw new IllegalArgumentException("key '" + size[0] + "' is " + size[1] + "; it must be at least 1");
            }
        }
        if (maxPositionEmbeddings < 0) {
            throw new IllegalArgumentException("key 'max_position_embeddings' is " + maxPositionEmbeddings
                    + "; it must be at least 1");
        }
        if (!(rmsNormEps > 0) || !Double.isFinite(rmsNormEps)) {
            throw new IllegalArgumentException("key 'rms_norm_eps' is " + rmsNormEps + "; it must be a positive number");
        }
        if (!(ropeTheta > 0) || !Double.isFinite(ropeTheta)) {
            throw new IllegalArgumentException("key 'rope_theta' is " + ropeTheta + "; it must be a positive number");
        }
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("key 'num_attention_heads' (" + numHeads
                    + ") is not a multiple of 'num_key_value_heads' (" + numKvHeads
                    + "): grouped-query attention shares each key/value head among a whole number of heads");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("the head dimension " + headDim
                    + " (key 'head_dim', else hidden_size / num_attention_heads) must be even for rotary embeddings");
        }
        eosTokenIds = Set.copyOf(eosTokenIds);
    }

    /** As the canonical constructor, without a position limit (a model built in code). */
    public Qwen2Config(int vocabSize, int hiddenSize, int intermediateSize, int numLayers, int numHeads, int numKvHeads,
            int headDim, double rmsNormEps, double ropeTheta, boolean tieWordEmbeddings, Set<Integer> eosTokenIds,
            int padTokenId) {
        this(vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim, rmsNormEps, ropeTheta,
                tieWordEmbeddings, eosTokenIds, padTokenId, 0);
    }

    /**
     * The same architecture and weights layout, whatever the position limit says: a checkpoint
     * written before {@code max_position_embeddings} was kept in checkpoints is still the run's model.
     */
    public boolean sameModelAs(Qwen2Config other) {
        return withMaxPositions(0).equals(other.withMaxPositions(0));
    }

    private Qwen2Config withMaxPositions(int limit) {
        return new Qwen2Config(vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
                rmsNormEps, ropeTheta, tieWordEmbeddings, eosTokenIds, padTokenId, limit);
    }

    /** A config for a new model with {@code hidden / heads} as head size. */
    public static Qwen2Config of(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
            boolean tied, int eosId, int padId) {
        if (heads < 1 || hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
        }
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
        checkSupported(file, root);
        int hidden = positiveInt(file, root, "hidden_size");
        int heads = positiveInt(file, root, "num_attention_heads");
        int kvHeads = root.has("num_key_value_heads") ? positiveInt(file, root, "num_key_value_heads") : heads;
        int headDim;
        if (root.has("head_dim") && !root.get("head_dim").isNull()) {
            headDim = positiveInt(file, root, "head_dim");
        } else if (hidden % heads != 0) {
            throw new BadInputException(file + ": key 'hidden_size' (" + hidden + ") is not a multiple of "
                    + "'num_attention_heads' (" + heads + ") and no 'head_dim' is given");
        } else {
            headDim = hidden / heads;
        }
        int maxPositions = root.has("max_position_embeddings") && !root.get("max_position_embeddings").isNull()
                ? positiveInt(file, root, "max_position_embeddings") : 0;
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
                    positiveInt(file, root, "vocab_size"),
                    hidden,
                    positiveInt(file, root, "intermediate_size"),
                    positiveInt(file, root, "num_hidden_layers"),
                    heads, kvHeads, headDim,
                    root.has("rms_norm_eps") ? requiredNumber(file, root, "rms_norm_eps", "rms_norm_eps") : 1e-6,
                    theta, tied, eos, pad, maxPositions);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(file + ": " + ex.getMessage());
        }
    }

    /**
     * Refuses what this implementation would silently compute differently from the reference:
     * another MLP activation, sliding-window attention, scaled rotary embeddings.
     */
    private static void checkSupported(Path file, JsonNode root) {
        JsonNode act = root.get("hidden_act");
        if (act != null && !act.isNull() && !(act.isTextual() && ACTIVATIONS.contains(act.asText()))) {
            throw new BadInputException(file + ": key 'hidden_act' is " + act + "; only \"silu\" (SwiGLU, Qwen2's) "
                    + "is supported");
        }
        JsonNode window = root.get("use_sliding_window");
        if (window != null && window.isBoolean() && window.booleanValue()) {
            throw new BadInputException(file + ": key 'use_sliding_window' is true; sliding-window attention is not "
                    + "supported (full attention only)");
        }
        JsonNode scaling = root.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            JsonNode type = scaling.isObject() ? scaling.has("rope_type") ? scaling.get("rope_type") : scaling.get("type")
                    : null;
            if (type == null || !"default".equals(type.asText())) {
                throw new BadInputException(file + ": key 'rope_scaling' is " + scaling
                        + "; only the default rotary embeddings are supported");
            }
        }
    }

    /**
     * Checks {@code num_hidden_layers} against the layers the weights hold ({@code model.layers.N.*}):
     * a config that names fewer layers than the file would silently drop the rest.
     */
    public void checkLayers(Path file, Collection<String> tensorNames, String weights) {
        int highest = -1;
        int found = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (String name : tensorNames) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                int i;
                try {
                    i = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (seen.add(i)) {
                    found++;
                    highest = Math.max(highest, i);
                }
            }
        }
        if (found > 0 && highest + 1 != numLayers) {
            throw new BadInputException(file + ": key 'num_hidden_layers' is " + numLayers + " but " + weights
                    + " holds " + found + " layer" + (found == 1 ? "" : "s") + " (model.layers.0 to model.layers."
                    + highest + ")");
        }
    }

    /**
     * Checks that {@code promptTokens + newTokens} fit in {@code max_position_embeddings} (when the
     * config gives it); {@code what} says where the numbers come from, e.g.
     * {@code "the prompt (12 tokens) + --max-new-tokens 64"}.
     */
    public void checkFits(String file, int promptTokens, int newTokens, String what) {
        if (maxPositionEmbeddings > 0 && (long) promptTokens + newTokens > maxPositionEmbeddings) {
            throw new BadInputException(what + " = " + ((long) promptTokens + newTokens) + " tokens exceed key "
                    + "'max_position_embeddings' (" + maxPositionEmbeddings + ") of " + file);
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

    private static int positiveInt(Path file, JsonNode node, String key) {
        int v = requiredInt(file, node, key);
        if (v < 1) {
            throw new BadInputException(file + ": key '" + key + "' is " + v + "; it must be at least 1");
        }
        return v;
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
        if (maxPositionEmbeddings > 0) {
            o.put("max_position_embeddings", maxPositionEmbeddings);
        }
        o.put("torch_dtype", "float32");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
