package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;
import org.rmel.cli.RmelCommand;
import org.rmel.testsupport.SharedData;
import picocli.CommandLine;

/** The {@code generate} command on real model folders, good and broken. */
class GenerateCliTest {

    private static final Path FIXTURE = SharedData.sharedDir().resolve("fixtures/qwen2-tiny-untied");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // as in RmelCommand.execute: user errors become exit 2; anything else fails the test
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof BadInputException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return BadInputException.EXIT_CODE;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Test
    void greedyJsonReproducesTheReferenceGeneration() throws Exception {
        JsonNode ref = JSON.readTree(FIXTURE.resolve("reference.json").toFile());
        StringBuilder ids = new StringBuilder();
        ref.get("greedy_prompt").forEach(x -> ids.append(ids.length() == 0 ? "" : ",").append(x.asInt()));
        int promptLen = ref.get("greedy_prompt").size();
        assertEquals(0, run("generate", FIXTURE.toString(), "--prompt-ids", ids.toString(), "--greedy",
                "--max-new-tokens", "24", "--json", "--device", "cpu"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, out.toString());
        JsonNode o = JSON.readTree(lines[0]);
        assertEquals(24, o.get("ids").size());
        for (int i = 0; i < 24; i++) {
            assertEquals(ref.get("greedy_output").get(promptLen + i).asInt(), o.get("ids").get(i).asInt());
            assertEquals(ref.get("greedy_token_logprobs").get(promptLen - 1 + i).asDouble(),
                    o.get("logprobs").get(i).asDouble(), 1e-4);
        }
        // this folder has no tokenizer, so the text shows the ids
        assertTrue(o.get("text").asText().startsWith("<" + o.get("ids").get(0).asInt() + ">"), o.toString());
    }

    @Test
    void sampledTextFromACheckpointIsReproducibleBySeed(@TempDir Path dir) throws Exception {
        try (Policy p = Policies.builtin(9, DeviceChoice.CPU)) {
            p.save(dir);
        }
        String[] args = {"generate", dir.toString(), "--prompt", "Q:2+3\n", "--temperature", "0.8", "--top-p", "0.95",
            "--seed", "5", "--max-new-tokens", "12", "--json"};
        assertEquals(0, run(args), err.toString());
        String first = out.toString();
        assertEquals(0, run(args), err.toString());
        assertEquals(first, out.toString());
        JsonNode o = JSON.readTree(first);
        assertEquals(o.get("ids").size(), o.get("logprobs").size());
        assertEquals(o.get("ids").size(), o.get("text").asText().length(), "one character per token");
        assertEquals(0, run("generate", dir.toString(), "--prompt", "Q:2+3\n", "--greedy", "--max-new-tokens", "5"));
        assertTrue(out.toString().endsWith("\n"));
    }

    @Test
    void badArgumentsAreUserErrors() {
        assertEquals(2, run("generate", FIXTURE.toString(), "--prompt-ids", "1,999", "--greedy"));
        assertTrue(err.toString().contains("999"), err.toString());
        assertEquals(2, run("generate", FIXTURE.toString(), "--prompt", "hello"));
        assertTrue(err.toString().contains("tokenizer.json"), err.toString());
        assertEquals(2, run("generate", FIXTURE.toString(), "--prompt-ids", "1", "--greedy", "--temperature", "0.5"));
        assertEquals(2, run("generate", FIXTURE.toString(), "--prompt-ids", "1", "--temperature", "0"));
        assertEquals(2, run("generate", FIXTURE.toString(), "--prompt-ids", "1", "--device", "tpu"));
    }

    private Path copyOfFixture(Path dir) throws Exception {
        Path copy = dir.resolve("model");
        Files.createDirectories(copy);
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(FIXTURE.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    private void assertUserError(Path folder, String... mustContain) {
        assertEquals(2, run("generate", folder.toString(), "--prompt-ids", "1,2,3", "--greedy"), out.toString());
        for (String s : mustContain) {
            assertTrue(err.toString().contains(s), "'" + s + "' missing from: " + err);
        }
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void missingFilesAreNamed(@TempDir Path dir) throws Exception {
        assertUserError(dir.resolve("nowhere"), "nowhere", "not a model folder");
        Path m = copyOfFixture(dir);
        Files.delete(m.resolve("model.safetensors"));
        assertUserError(m, "model.safetensors");
        Files.delete(m.resolve("config.json"));
        assertUserError(m, "config.json", "missing");
    }

    @Test
    void configProblemsNameTheKey(@TempDir Path dir) throws Exception {
        Path m = copyOfFixture(dir);
        ObjectNode config = (ObjectNode) JSON.readTree(m.resolve("config.json").toFile());
        config.put("hidden_size", "64");
        Files.writeString(m.resolve("config.json"), config.toString());
        assertUserError(m, "config.json", "hidden_size", "integer");
        config.put("hidden_size", 64);
        config.putArray("architectures").add("LlamaForCausalLM");
        Files.writeString(m.resolve("config.json"), config.toString());
        assertUserError(m, "config.json", "unknown architecture", "LlamaForCausalLM");
        config.putArray("architectures").add("Qwen2ForCausalLM");
        config.put("hidden_size", 48);
        Files.writeString(m.resolve("config.json"), config.toString());
        assertUserError(m, "model.safetensors", "model.embed_tokens.weight", "shape");
    }

    @Test
    void tensorProblemsNameTheTensor(@TempDir Path dir) throws Exception {
        Path m = copyOfFixture(dir);
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(m.resolve("model.safetensors")).tensors());
        String victim = "model.layers.1.self_attn.k_proj.weight";
        SafeTensors.Tensor t = tensors.get(victim);
        tensors.put(victim, new SafeTensors.Tensor(new long[] {t.shape()[1], t.shape()[0]}, t.data()));
        SafeTensors.write(m.resolve("model.safetensors"), tensors, Map.of());
        assertUserError(m, "model.safetensors", victim, "shape");
        tensors.remove(victim);
        SafeTensors.write(m.resolve("model.safetensors"), tensors, Map.of());
        assertUserError(m, "model.safetensors", victim, "missing");
        writeWithDtype(m.resolve("model.safetensors"), "model.norm.weight", "I64");
        assertUserError(m, "model.safetensors", "model.norm.weight", "I64");
    }

    /** A one-tensor file whose header claims the given dtype. */
    private static void writeWithDtype(Path file, String name, String dtype) throws Exception {
        String header = "{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[8],\"data_offsets\":[0,64]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(file, b.array());
    }

    @Test
    void shardedWeightsLoadToTheSameModel(@TempDir Path dir) throws Exception {
        Path m = copyOfFixture(dir);
        Map<String, SafeTensors.Tensor> tensors = SafeTensors.read(m.resolve("model.safetensors")).tensors();
        Files.delete(m.resolve("model.safetensors"));
        Map<String, SafeTensors.Tensor> a = new LinkedHashMap<>();
        Map<String, SafeTensors.Tensor> b = new LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode();
        ObjectNode map = index.putObject("weight_map");
        int i = 0;
        for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
            String shard = i++ % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
            (shard.contains("00001-") ? a : b).put(e.getKey(), e.getValue());
            map.put(e.getKey(), shard);
        }
        SafeTensors.write(m.resolve("model-00001-of-00002.safetensors"), a, Map.of());
        SafeTensors.write(m.resolve("model-00002-of-00002.safetensors"), b, Map.of());
        Files.writeString(m.resolve("model.safetensors.index.json"), index.toString());
        assertEquals(0, run("generate", m.toString(), "--prompt-ids", "5,6,7", "--greedy", "--json"), err.toString());
        String sharded = out.toString();
        assertEquals(0, run("generate", FIXTURE.toString(), "--prompt-ids", "5,6,7", "--greedy", "--json"));
        assertEquals(out.toString(), sharded);
    }

    @Test
    void halfPrecisionTensorsWidenToFloat(@TempDir Path dir) throws Exception {
        for (String dtype : new String[] {"BF16", "F16"}) {
            // 1.0 and -2.5 in each format
            short[] bits = dtype.equals("BF16") ? new short[] {0x3f80, (short) 0xc020} : new short[] {0x3c00, (short) 0xc100};
            String header = "{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":[2],\"data_offsets\":[0,4]}}";
            byte[] h = header.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(h.length).put(h).putShort(bits[0]).putShort(bits[1]);
            Path f = dir.resolve(dtype + ".safetensors");
            Files.write(f, b.array());
            FloatBuffer data = SafeTensors.read(f).tensors().get("w").data();
            assertArrayEquals(new float[] {1f, -2.5f}, new float[] {data.get(0), data.get(1)}, dtype);
        }
    }
}
