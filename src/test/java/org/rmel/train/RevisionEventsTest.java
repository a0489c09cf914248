package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.revisions.RevisionCatalog;
import org.rmel.figures.revisions.RevisionRecord;
import org.rmel.figures.revisions.SeedPositions;
import org.rmel.method.Condition;
import org.rmel.method.Lcp;
import org.rmel.method.Trajectory;
import org.rmel.model.DeviceChoice;
import org.rmel.model.NllSample;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.model.PolicyGradientSample;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import org.rmel.model.Tokenizer;
import org.rmel.model.TrainStepParams;
import org.rmel.model.TrainStepResult;
import org.rmel.model.DeviceInfo;
import org.rmel.run.RunWriter;
import org.rmel.run.TokenOffsets;
import org.rmel.testsupport.RunScript;
import org.rmel.testsupport.SharedData;

/**
 * The trainer's revision phase on real policies, read back by the workbench's revision catalog:
 * the kept prefix reaches the policy as the seed's own token ids, cut and LCP are counted in the
 * policy's tokens, and the revision the workbench shows is, byte for byte, the text of those
 * prefix ids + the continuation ids as the tokenizer decodes them. With the byte-level BPE
 * fixture the cuts are placed inside multi-byte characters on purpose.
 */
class RevisionEventsTest {
    private static final Path FIXTURES = SharedData.sharedDir().resolve("fixtures");
    /** Characters the 384-token BPE does not merge, so they are split over byte tokens. */
    private static final String SEED = "Größe: 3·4 − 1 = 11 → 😀 答案 11.\nAnswer: 11\n";

    @TempDir
    static Path models;
    @TempDir
    Path tmp;

    private static Policy bpe;

    @BeforeAll
    static void loadBpePolicy() throws Exception {
        Path dir = models.resolve("qwen2-tiny-bpe");
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "model.safetensors", "generation_config.json")) {
            Files.copy(FIXTURES.resolve("qwen2-tiny-untied").resolve(f), dir.resolve(f));
        }
        Files.copy(FIXTURES.resolve("tokenizer-bpe384/tokenizer.json"), dir.resolve("tokenizer.json"));
        bpe = Policies.load(dir, DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        bpe.close();
    }

    @Test
    void byteLevelBpeRevisionsAreKeptPrefixPlusContinuationByteForByte() {
        Tokenizer tok = bpe.tokenizer();
        int[] seedIds = withEos(tok.encode(SEED), tok.eosId());
        int[] offsets = tok.byteOffsets(seedIds);
        // Cuts that split a character: a boundary whose next byte is a UTF-8 continuation byte.
        byte[] bytes = SEED.getBytes(StandardCharsets.UTF_8);
        List<Integer> splitting = new ArrayList<>();
        for (int i = 1; i < seedIds.length - 1; i++) {
            if (offsets[i] < bytes.length && (bytes[offsets[i]] & 0xC0) == 0x80) {
                splitting.add(i);
            }
        }
        assertTrue(splitting.size() >= 3, "the seed must allow cuts inside characters: " + splitting);
        List<Integer> cuts = List.of(splitting.get(0), splitting.get(splitting.size() / 2), splitting.get(splitting.size() - 1),
                seedIds.length / 2);
        Recording policy = new Recording(bpe);
        Path run = revise(policy, seedIds, cuts, "model-folder");
        check(run, policy, seedIds, cuts, SeedPositions.Source.RECORDED);
    }

    @Test
    void builtInRevisionsAreKeptPrefixPlusContinuationToo() {
        try (Policy builtin = Policies.builtin(3, DeviceChoice.CPU)) {
            Tokenizer tok = builtin.tokenizer();
            int[] seedIds = withEos(tok.encode("4+5+6\n9+6\nAnswer: 14\n"), tok.eosId());
            List<Integer> cuts = List.of(15, 11, 6);
            Recording policy = new Recording(builtin);
            Path run = revise(policy, seedIds, cuts, TrainSettings.BUILTIN_MODEL);
            check(run, policy, seedIds, cuts, SeedPositions.Source.RECORDED);
        }
    }

    /** Runs the trainer's revision phase on one all-negative group whose seed has the given ids. */
    private Path revise(Recording policy, int[] seedIds, List<Integer> cuts, String model) {
        Tokenizer tok = policy.tokenizer();
        int n = seedIds.length;
        // τ = (cut + ½) / n puts ⌊τ·n⌋ exactly on each wanted cut; τ_min 0 and an unreachable gold keep every attempt.
        StringBuilder taus = new StringBuilder();
        for (int cut : cuts) {
            taus.append(taus.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", (cut + 0.5) / n));
        }
        TrainSettings settings = TrainSettings.preset("smoke").with("tau_schedule", taus.toString())
                .with("budget", Integer.toString(cuts.size())).with("tau_min", "0").with("max_new_tokens", "12")
                .with("revision_mode", "forced"); // kept prefix + continuation: the forced reading

        TaskProblem problem = new TaskProblem("p1", "Compute 3·4 − 1 (Größe).", "987654");
        Trajectory seed = new Trajectory("r0", seedIds, tok.decode(seedIds), 0, "11", -30);
        Trajectory other = new Trajectory("r1", Arrays.copyOf(seedIds, 3), tok.decode(Arrays.copyOf(seedIds, 3)), 0, "", -3);
        int[] promptIds = tok.encode("Q: ");
        LiveGroup g = new LiveGroup(problem, promptIds, 1, List.of(seed, other));
        Path run = tmp.resolve("run");
        try (RunWriter writer = RunWriter.create(run, RunScript.spec("r-mel", 2, cuts.size(), 0, 1).with("model", model))) {
            StepContext c = new StepContext(1, settings, Condition.R_MEL, policy, new VerifierJudge(),
                    new TemplatePromptFormat("{problem}", "{problem} {experience}"), writer);
            writer.append(VerifyPhase.groupEvent(1, g, g.rollouts.trajectories(), org.rmel.run.GroupEvent.ROLLOUT));
            new RevisePhase(new AdaptiveBudget()).run(c, List.of(g), Map.of(g, AdaptiveBudget.Bucket.NEW));
            writer.finish("completed");
        }
        return run;
    }

    private static void check(Path run, Recording policy, int[] seedIds, List<Integer> cuts, SeedPositions.Source source) {
        Tokenizer tok = policy.tokenizer();
        RevisionCatalog c = RevisionCatalog.read(run);
        assertEquals(cuts.size(), c.attempts().size());
        assertEquals(cuts.size(), policy.prefixes.size(), "one continuation per attempt");
        for (int i = 0; i < cuts.size(); i++) {
            RevisionRecord r = c.attempts().get(i);
            int cut = cuts.get(i);
            assertEquals(cut, r.attempt().cut(), "the cut is counted in the policy's tokens");
            assertArrayEquals(Arrays.copyOf(seedIds, cut), policy.prefixes.get(i), "the kept prefix is re-fed as the seed's ids");
            int[] continuation = policy.continuations.get(i);
            int[] revised = new int[cut + continuation.length];
            System.arraycopy(seedIds, 0, revised, 0, cut);
            System.arraycopy(continuation, 0, revised, cut, continuation.length);
            assertEquals(Lcp.length(revised, seedIds), r.attempt().lcp(), "LCP is counted in tokens");
            assertEquals(continuation.length, r.attempt().tokens());
            AnnotatedRevision a = r.annotate(c.schedule(), "");
            assertEquals(source, r.positions().source());
            String expected = tok.decode(revised);
            assertEquals(expected, a.revisionText(), "attempt " + i);
            assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), a.revisionText().getBytes(StandardCharsets.UTF_8));
            assertEquals(tok.decode(seedIds).substring(0, a.cutChar()), a.revisionText().substring(0, a.cutChar()));
            assertEquals(TokenOffsets.charIndex(a.seedText(), tok.byteOffsets(seedIds)[cut]), a.cutChar());
            assertEquals("Compute 3·4 − 1 (Größe).", a.problem());
        }
    }

    private static int[] withEos(int[] ids, int eos) {
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = eos;
        return out;
    }

    /** The real policy, recording what revision asks of it and what it returns. */
    private static final class Recording implements Policy {
        final Policy inner;
        final List<int[]> prefixes = new ArrayList<>();
        final List<int[]> continuations = new ArrayList<>();

        Recording(Policy inner) {
            this.inner = inner;
        }

        @Override
        public List<Sample> continueFrom(List<int[]> prompts, List<int[]> pre, SamplingParams params) {
            List<Sample> out = inner.continueFrom(prompts, pre, params);
            pre.forEach(p -> prefixes.add(p.clone()));
            out.forEach(s -> continuations.add(s.tokenIds().clone()));
            return out;
        }

        @Override
        public Tokenizer tokenizer() {
            return inner.tokenizer();
        }

        @Override
        public List<Sample> sample(List<int[]> prompts, SamplingParams params) {
            return inner.sample(prompts, params);
        }

        @Override
        public List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions) {
            return inner.sequenceLogprobs(prompts, completions);
        }

        @Override
        public List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
                int microBatchSize) {
            return inner.sequenceLogprobs(prompts, completions, temperature, microBatchSize);
        }

        @Override
        public List<float[]> referenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
                int microBatchSize) {
            return inner.referenceLogprobs(prompts, completions, temperature, microBatchSize);
        }

        @Override
        public void freezeReference() {
            inner.freezeReference();
        }

        @Override
        public boolean hasReference() {
            return inner.hasReference();
        }

        @Override
        public void restore(Path checkpoint) {
            inner.restore(checkpoint);
        }

        @Override
        public TrainStepResult trainStep(List<PolicyGradientSample> pg, List<NllSample> nll, TrainStepParams params) {
            return inner.trainStep(pg, nll, params);
        }

        @Override
        public void save(Path dir) {
            inner.save(dir);
        }

        @Override
        public long optimizerSteps() {
            return inner.optimizerSteps();
        }

        @Override
        public DeviceInfo deviceInfo() {
            return inner.deviceInfo();
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() {
        }
    }
}
