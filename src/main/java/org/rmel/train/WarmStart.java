package org.rmel.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.rmel.model.DeviceChoice;
import org.rmel.model.NllSample;
import org.rmel.model.Policy;
import org.rmel.model.TrainStepParams;
import org.rmel.tasks.arith.ArithFormat;
import org.rmel.tasks.arith.ArithGenerator;
import org.rmel.tasks.arith.ArithProblem;
import org.rmel.tasks.arith.ArithSuite;
import org.rmel.tasks.arith.ArithTier;
import org.rmel.tasks.arith.SloppyTeacher;

/**
 * The supervised warm start of the built-in model: a short run of next-token training on
 * canonical solutions, deliberately stopped early so the policy is imperfect the way R-MEL needs
 * (the early steps of a trace come out right, the later, longer-number steps often not). Part
 * of the examples carry a step of their solution in the hint slot, which teaches the model to
 * copy a hinted step — what MEL's replay relies on — and a fifth are meta-experiences in
 * MEL's retrospective format, so that RL's NLL term starts from a format the model knows.
 *
 * <p>The result is cached by the hash of the settings that decide it (model, steps, lr, batch,
 * hint fraction, seed, task format): first in the jar (the default one ships with the
 * project), then in the user's cache folder ({@code $XDG_CACHE_HOME/rmel} or
 * {@code ~/.cache/rmel}; the system property {@code rmel.cache.dir} overrides), else trained
 * and stored there, so a new run starts RL at once.
 */
public final class WarmStart {
    /** Bump when the task format changes, so stale warm starts are not reused. */
    static final int FORMAT_VERSION = 2;
    /** Share of warm-start examples in MEL's retrospective meta-experience format. */
    private static final double RETRO_FRACTION = 0.2;
    private static final String RESOURCE_ROOT = "/org/rmel/train/warm-start/";
    private static final String[] FILES = {"config.json", "model.safetensors", "rmel-char-tokenizer.json"};

    private WarmStart() {
    }

    /** The folder holding the warm-started model for these settings (trained now if needed). */
    public static Path ensure(TrainSettings settings, DeviceChoice device, PrintStream log) {
        String key = key(settings);
        Path cached = cacheRoot().resolve("warm-start").resolve(key);
        if (Files.isRegularFile(cached.resolve("model.safetensors"))) {
            return cached;
        }
        if (extractBundled(key, cached)) {
            log.println("warm start: using the bundled checkpoint " + key);
            return cached;
        }
        log.println("warm start: training " + settings.integer("warm_start_steps") + " steps (cached afterwards as " + key + ")");
        Path tmp = cached.resolveSibling(key + ".tmp-" + ProcessHandle.current().pid());
        try (Policy policy = BuiltinModel.create(settings.integer("warm_start_seed"), device)) {
            train(policy, settings, log);
            policy.save(tmp);
            Files.deleteIfExists(tmp.resolve("optimizer.safetensors"));
            Files.createDirectories(cached.getParent());
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(tmp); // another trainer finished the same warm start first; use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the warm start in " + cached, e);
        }
        return cached;
    }

    /** Trains the warm start in place (exposed for the cache-building tool and tests). */
    static void train(Policy policy, TrainSettings settings, PrintStream log) {
        ArithGenerator gen = new ArithSuite(settings.integer("warm_start_seed")).warmStartGenerator();
        SplittableRandom random = new SplittableRandom(settings.integer("warm_start_seed") + 99L);
        int steps = settings.integer("warm_start_steps");
        int batch = settings.integer("warm_start_batch");
        double hintProb = settings.doubleValue("warm_start_hint_prob");
        double lr = settings.doubleValue("warm_start_lr");
        List<ArithTier> tiers = warmStartTiers();
        SloppyTeacher teacher = teacher(settings);
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            List<NllSample> samples = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                ArithProblem p = gen.next("w", tiers.get(random.nextInt(tiers.size())));
                if (random.nextDouble() < RETRO_FRACTION) {
                    samples.add(retroExample(policy, p, ArithFormat.lines(p.solution()), random));
                    continue;
                }
                List<String> lines = teacher.lines(p, random);
                String hint = random.nextDouble() < hintProb ? lines.get(random.nextInt(lines.size())) : "";
                int[] prompt = policy.tokenizer().encode(ArithFormat.prompt(p.question(), hint));
                int[] body = policy.tokenizer().encode(String.join(ArithFormat.STEP_DELIMITER, lines) + "\n");
                int[] target = java.util.Arrays.copyOf(body, body.length + 1);
                target[body.length] = policy.tokenizer().eosId();
                samples.add(new NllSample(prompt, target));
            }
            // a short linear warm-up, then linear decay to 10%: stable at the high rate a short run needs
            double stepLr = lr * Math.min(1.0, step / 30.0) * (1.0 - 0.9 * (step - 1) / (double) Math.max(1, steps));
            var r = policy.supervisedStep(samples, TrainStepParams.defaults().withLearningRate(stepLr).withNllWeight(1.0));
            if (r.skipped()) {
                throw new org.rmel.base.BadInputException("warm_start_lr: the warm start's loss or gradient at step "
                        + step + " is not finite (nll " + r.nllLoss() + ", gradient norm " + r.gradNorm()
                        + "); lower warm_start_lr");
            }
            if (step % 50 == 0 || step == steps) {
                log.printf("warm start: step %d/%d  nll %.4f  %.0fs%n", step, steps, r.nllLoss(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** The teacher the warm start imitates (the exact one unless {@code warm_start_noise} says otherwise). */
    static SloppyTeacher teacher(TrainSettings settings) {
        return new SloppyTeacher(SloppyTeacher.Noise.fromWireName(settings.string("warm_start_noise")),
                settings.doubleValue("warm_start_noise_rate"));
    }

    /**
     * A meta-experience in MEL's retrospective format, so that the NLL term of RL starts from a
     * format the model knows: y+ is the canonical solution, y− the same with one digit of one
     * line changed, and the target names the wrong line (critique) and the right one (heuristic).
     */
    private static NllSample retroExample(Policy policy, ArithProblem p, List<String> lines, SplittableRandom random) {
        int s = random.nextInt(lines.size());
        String right = lines.get(s);
        String wrong = corruptDigit(right, random);
        List<String> bad = new ArrayList<>(lines);
        bad.set(s, wrong);
        String positive = String.join(ArithFormat.STEP_DELIMITER, lines) + "\n";
        String negative = String.join(ArithFormat.STEP_DELIMITER, bad) + "\n";
        return new NllSample(policy.tokenizer().encode(ArithFormat.retroContext(p.question(), positive, negative)),
                policy.tokenizer().encode(ArithFormat.metaExperience(wrong, right)));
    }

    private static String corruptDigit(String line, SplittableRandom random) {
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            if (Character.isDigit(line.charAt(i))) {
                digits.add(i);
            }
        }
        int at = digits.get(random.nextInt(digits.size()));
        char d = (char) ('0' + (line.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
        return line.substring(0, at) + d + line.substring(at + 1);
    }

    /** The tiers the warm start draws from: the suite's five plus one-operation warm-ups. */
    static List<ArithTier> warmStartTiers() {
        List<ArithTier> tiers = new ArrayList<>(ArithSuite.TIERS);
        tiers.add(ArithTier.of(1, 1));
        tiers.add(ArithTier.of(1, 2));
        return tiers;
    }

    /** Hash of the settings that decide the warm start's weights. */
    public static String key(TrainSettings settings) {
        try {
            String text = new ObjectMapper().writeValueAsString(settings.warmStartKey()) + "|format" + FORMAT_VERSION
                    + "|" + ArithFormat.ALPHABET + "|" + BuiltinModel.shape();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path cacheRoot() {
        String prop = System.getProperty("rmel.cache.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "rmel") : Path.of(System.getProperty("user.home"), ".cache", "rmel");
    }

    private static boolean extractBundled(String key, Path target) {
        if (WarmStart.class.getResource(RESOURCE_ROOT + key + "/" + FILES[1]) == null) {
            return false;
        }
        Path tmp = target.resolveSibling(key + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(tmp);
            for (String f : FILES) {
                try (InputStream in = WarmStart.class.getResourceAsStream(RESOURCE_ROOT + key + "/" + f)) {
                    Files.copy(in, tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled warm start into " + target, e);
        }
        return true;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a stray temporary folder in the cache is harmless
        }
    }
}
