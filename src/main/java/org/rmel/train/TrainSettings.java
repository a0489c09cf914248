package org.rmel.train;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.rmel.base.BadInputException;
import org.rmel.method.Condition;
import org.rmel.model.KlPenalty;
import org.rmel.model.LossAggregation;
import org.rmel.method.ExtraMatch;
import org.rmel.method.LcpRule;
import org.rmel.method.MethodSettings;
import org.rmel.method.NoPrefixReading;
import org.rmel.method.RevisionMode;

/**
 * Every setting of a training run, by the name it has in {@code run.json} and in
 * {@code --set key=value}; the presets {@code smoke}, {@code default} and {@code paper}; and the
 * validation the command line and the workbench's New Run dialog share
 * ({@link #validate(String, String)}).
 */
public final class TrainSettings {
    /**
     * Command-line names of the conditions, in the paper's order plus the adaptive one; taken from
     * the method core's {@link Condition} so the two lists cannot drift apart.
     */
    public static final List<String> CONDITIONS = Arrays.stream(Condition.values()).map(Condition::cliName).toList();
    public static final List<String> PRESETS = List.of("smoke", "default", "paper");
    public static final String BUILTIN_MODEL = "builtin:tiny";
    public static final String BUILTIN_TASKS = "builtin:arith";

    private static final Map<String, Setting> CATALOGUE = new LinkedHashMap<>();

    static {
        add("condition", Setting.Kind.STRING, oneOf(CONDITIONS), "which method trains: " + String.join(", ", CONDITIONS));
        add("seed", Setting.Kind.INT, v -> null, "random seed of sampling, task order and the model's RL phase");
        add("k", Setting.Kind.INT, atLeast(2), "rollouts per prompt (group size K)");
        add("budget", Setting.Kind.INT, atLeast(1), "revision budget B: continuation attempts per all-negative group (also MEL+Extra's extra rollouts)");
        add("tau_schedule", Setting.Kind.DOUBLE_LIST, fractions(), "truncation ratios in [0, 1), comma-separated, tried in order (the attempt schedule cycles through them up to B; 0 keeps no prefix)");
        add("tau_min", Setting.Kind.DOUBLE, between(0, 1), "minimum LCP(y_rev, y-)/|y-| for a revision to be accepted");
        add("steps", Setting.Kind.INT, atLeast(1), "training steps");
        add("prompts_per_step", Setting.Kind.INT, atLeast(1), "prompts per training step (batch size)");
        add("pool_size", Setting.Kind.INT, atLeast(1), "training prompts in the built-in pool (each is visited steps*prompts_per_step/pool_size times)");
        add("temperature", Setting.Kind.DOUBLE, positive(), "sampling temperature of rollouts, revisions and extra rollouts");
        add("top_p", Setting.Kind.DOUBLE, wholeDistribution(), "nucleus sampling mass of rollouts; must be 1: the update's old log-probs are the untruncated policy's, so top-p < 1 would train off-policy");
        add("max_new_tokens", Setting.Kind.INT, atLeast(1), "longest response in tokens");
        add("lr", Setting.Kind.DOUBLE, positive(), "AdamW learning rate");
        add("weight_decay", Setting.Kind.DOUBLE, atLeastD(0), "AdamW weight decay");
        // the policy update, with VERL's names and meaning (docs/method.md: "The policy update")
        add("ppo_mini_batch_size", Setting.Kind.INT, atLeast(1), "prompts per PPO mini-batch, each with all its responses; one optimizer step per mini-batch");
        add("ppo_epochs", Setting.Kind.INT, atLeast(1), "passes over the step's PPO mini-batches");
        add("micro_batch_size", Setting.Kind.INT, atLeast(1), "sequences per forward/backward pass; gradients accumulate over the mini-batch, so this sets memory, not the update");
        add("loss_agg_mode", Setting.Kind.STRING, oneOf(LossAggregation.NAMES), "how token losses of a mini-batch become one number (every response token counts, zero-advantage ones too): " + String.join(", ", LossAggregation.NAMES));
        add("clip_ratio_low", Setting.Kind.DOUBLE, between(0, 0.999), "the ratio is clipped below at 1 - clip_ratio_low");
        add("clip_ratio_high", Setting.Kind.DOUBLE, atLeastD(0), "the ratio is clipped above at 1 + clip_ratio_high");
        add("clip_ratio_c", Setting.Kind.DOUBLE, dualClip(), "dual clip: a token with a negative advantage A loses at most -A*clip_ratio_c (> 1; 0 = off)");
        add("use_kl_loss", Setting.Kind.BOOLEAN, v -> null, "add kl_loss_coef x KL to a frozen copy of the starting policy (one more copy of the weights in memory)");
        add("kl_loss_coef", Setting.Kind.DOUBLE, atLeastD(0), "weight of the KL loss");
        add("kl_loss_type", Setting.Kind.STRING, oneOf(KlPenalty.NAMES), "per-token KL estimate: " + String.join(", ", KlPenalty.NAMES));
        add("grad_clip", Setting.Kind.DOUBLE, atLeastD(0), "largest global gradient norm of an optimizer step (0 = no clipping)");
        add("max_consecutive_skips", Setting.Kind.INT, atLeast(1), "stop the run when this many optimizer steps in a row were skipped for a non-finite loss or gradient norm");
        add("nll_weight", Setting.Kind.DOUBLE, atLeastD(0), "weight of MEL's NLL term on kept meta-experiences");
        add("mel_pairs_per_group", Setting.Kind.INT, atLeast(1), "most (y+, y-) pairs turned into meta-experiences per group");
        add("replay_temperature", Setting.Kind.DOUBLE, atLeastD(0), "temperature of the validation replay (0 = greedy)");
        add("eval_every", Setting.Kind.INT, atLeast(0), "evaluate every N steps (0 = only after the last step); step 0 is always evaluated");
        add("eval_size", Setting.Kind.INT, atLeast(1), "problems per built-in evaluation set of the training distribution (benchmark files are used whole)");
        add("eval_size_ood", Setting.Kind.INT, atLeast(1), "problems per built-in out-of-distribution evaluation set (tiers harder than the training pool)");
        add("eval_samples", Setting.Kind.INT, atLeast(1), "samples per problem for Avg@N");
        add("eval_temperature", Setting.Kind.DOUBLE, positive(), "temperature of the Avg@N samples");
        add("eval_benchmarks", Setting.Kind.STRING, nonBlank(), "comma-separated evaluation sets ('all' = the task suite's five)");
        add("checkpoint_every", Setting.Kind.INT, atLeast(1), "save a checkpoint every N steps (and after the last)");
        add("model", Setting.Kind.STRING, nonBlank(), "'" + BUILTIN_MODEL + "' or a Hugging Face model folder (Qwen2 architecture)");
        add("device", Setting.Kind.STRING, oneOf(List.of("auto", "cpu", "gpu")),
                "cpu, gpu, or auto (the GPU when PyTorch can use one, else the CPU)");
        // device memory and number format (README "GPU set-up"); run.json records the precision used
        add("precision", Setting.Kind.STRING, oneOf(List.of("auto", "fp32", "bf16")),
                "bf16: bfloat16 weights and activations with float32 master weights and AdamW state; fp32; "
                        + "auto: bf16 on a GPU, fp32 on the CPU");
        add("sampling_micro_batch_size", Setting.Kind.INT, atLeast(1),
                "sequences sampled together (their KV cache is in memory at once); lower it when sampling runs out of memory");
        add("tasks", Setting.Kind.STRING, nonBlank(), "'" + BUILTIN_TASKS + "' or a training JSONL file (problem/answer, MATH or DAPO layout)");
        add("warm_start_steps", Setting.Kind.INT, atLeast(0), "supervised warm-start steps of the built-in model (0 = none)");
        add("warm_start_lr", Setting.Kind.DOUBLE, positive(), "warm-start learning rate");
        add("warm_start_batch", Setting.Kind.INT, atLeast(1), "warm-start examples per step");
        add("warm_start_hint_prob", Setting.Kind.DOUBLE, between(0, 1), "fraction of warm-start examples with a step in the hint slot");
        add("warm_start_seed", Setting.Kind.INT, v -> null, "seed of the warm start (kept apart from seed so runs share a cached warm start)");
        add("warm_start_noise", Setting.Kind.STRING, oneOf(List.of("none", "drop_carry")),
                "built-in model: the warm start's teacher; drop_carry forgets the carry (borrow) of an overflowing addition (short subtraction) with probability warm_start_noise_rate, none is always right");
        add("warm_start_noise_rate", Setting.Kind.DOUBLE, between(0, 1), "probability of the warm-start teacher's slip on a carry or borrow step");
        add("adaptive_cap", Setting.Kind.INT, atLeast(1), "R-MEL adaptive: most attempts one all-negative group may receive");
        add("prompt_template", Setting.Kind.STRING, nonBlank(), "LLM rollout prompt; {problem} is replaced (built-in model: its own format)");
        add("critique_template", Setting.Kind.STRING, nonBlank(), "LLM meta-experience prompt; {problem}, {positive}, {negative}, {step} are replaced");
        add("critique_max_new_tokens", Setting.Kind.INT, atLeast(1), "LLM meta-experience: longest critique + heuristic the policy writes, in tokens");
        add("critique_temperature", Setting.Kind.DOUBLE, atLeastD(0), "LLM meta-experience: sampling temperature of the critique + heuristic (0 = greedy)");
        add("replay_template", Setting.Kind.STRING, nonBlank(), "LLM replay prompt; {problem} and {experience} are replaced");
        add("chat_template", Setting.Kind.STRING, oneOf(List.of("auto", "none")), "LLM prompts (rollouts, revisions, replays, the meta-experience prompt, evaluation) as one user turn of the model's chat template: auto = when the model folder has one, none = the raw templates");
        add("truncated_reward", Setting.Kind.STRING, oneOf(List.of("zero", "verified")), "reward of a response cut by max_new_tokens: zero (VERL's rule: no end-of-sequence, no credit) or what the verifier says");
        // The readings of the paper it leaves open (docs/method.md argues each default from the paper's text).
        add("lcp_rule", Setting.Kind.STRING, oneOf(MethodSettings.names(LcpRule.class)),
                "LCP filter: fixed (LCP/|y-| >= tau_min, Section 4.1) or per_attempt (>= that attempt's tau, Section 3.2 step 3)");
        add("revision_mode", Setting.Kind.STRING, oneOf(MethodSettings.names(RevisionMode.class)),
                "how the kept prefix is given: primed (in the prompt; the policy writes the whole response and may depart from it) or forced (continued token by token)");
        add("revision_in_grpo", Setting.Kind.BOOLEAN, v -> null,
                "whether an accepted revision also joins its group's GRPO advantages (the paper: only MEL's pair)");
        add("no_prefix_reading", Setting.Kind.STRING, oneOf(MethodSettings.names(NoPrefixReading.class)),
                "r-mel-no-prefix (Table 2's tau = 0): no_filter (same cuts, no LCP filter) or fresh_rollout (cut at 0: fresh rollouts paired with the seed)");
        add("extra_match", Setting.Kind.STRING, oneOf(MethodSettings.names(ExtraMatch.class)),
                "MEL+Extra's extra rollouts match R-MEL's revision tokens per all-negative group (tokens, measured online) or its B calls (calls)");
        add("answer_step_experience", Setting.Kind.STRING, oneOf(List.of("previous_step", "drop")),
                "built-in model, bifurcation on the answer line: heuristic from the step that led to it (previous_step), or drop the pair as a leak (drop)");
        add("primed_template", Setting.Kind.STRING, nonBlank(), "LLM primed-revision prompt; {problem} and {prefix} are replaced (built-in model: its hint slot)");
    }

    /**
     * Settings added after runs were first written, with the value that describes how a run
     * written without them ran, so older run.json files still open, evaluate and resume (the
     * policy-update settings: before them a run clipped at clip_eps on both sides, had no dual
     * clip, no KL loss, one optimizer step per batch, and stopped at the first non-finite step).
     */
    private static final Map<String, Function<Map<String, ?>, Object>> ADDED_LATER = Map.ofEntries(
            Map.entry("ppo_mini_batch_size", spec -> spec.get("prompts_per_step")),
            Map.entry("ppo_epochs", spec -> 1),
            // before these, the warm start imitated the exact solutions
            Map.entry("warm_start_noise", spec -> "none"),
            Map.entry("warm_start_noise_rate", spec -> 0.0),
            Map.entry("micro_batch_size", spec -> 64),
            Map.entry("loss_agg_mode", spec -> LossAggregation.TOKEN_MEAN.wireName()),
            Map.entry("clip_ratio_low", spec -> spec.get("clip_eps")),
            Map.entry("clip_ratio_high", spec -> spec.get("clip_eps")),
            Map.entry("clip_ratio_c", spec -> 0.0),
            Map.entry("use_kl_loss", spec -> false),
            Map.entry("kl_loss_coef", spec -> 0.001),
            Map.entry("kl_loss_type", spec -> KlPenalty.LOW_VAR_KL.wireName()),
            Map.entry("grad_clip", spec -> 1.0),
            Map.entry("max_consecutive_skips", spec -> 1),
            // before these, prompts were the raw templates and a cut response was verified like any other
            Map.entry("chat_template", spec -> "none"),
            Map.entry("truncated_reward", spec -> "verified"),
            // before these were settings, the critique was sampled at 0.7 with at most 256 new tokens
            Map.entry("critique_max_new_tokens", spec -> 256),
            Map.entry("critique_temperature", spec -> 0.7),
            // the paper's readings: before them revisions were forced, under the fixed rule, joined GRPO,
            // MEL+Extra was matched by calls and an answer-line heuristic was kept (no leak rule)
            Map.entry("lcp_rule", spec -> "fixed"),
            Map.entry("revision_mode", spec -> "forced"),
            Map.entry("revision_in_grpo", spec -> true),
            Map.entry("no_prefix_reading", spec -> "no_filter"),
            Map.entry("extra_match", spec -> "calls"),
            Map.entry("answer_step_experience", spec -> "drop"),
            Map.entry("primed_template", spec -> "{problem}\n{prefix}"),
            // one evaluation size for every built-in set, before the out-of-distribution sets had their own
            Map.entry("eval_size_ood", spec -> spec.get("eval_size")),
            // older runs computed in float32 and sampled 256 sequences at a time
            Map.entry("precision", spec -> "fp32"),
            Map.entry("sampling_micro_batch_size", spec -> 256));

    private final Map<String, Object> values;

    private TrainSettings(Map<String, Object> values) {
        this.values = values;
    }

    /** The setting definitions, in display order. */
    public static Map<String, Setting> catalogue() {
        return Collections.unmodifiableMap(CATALOGUE);
    }

    /**
     * Checks one textual value the way {@code --set} does.
     *
     * @return an error message naming the setting, or null when the value is usable
     */
    public static String validate(String key, String value) {
        Setting s = CATALOGUE.get(key);
        if (s == null) {
            return "unknown setting '" + key + "'; known settings: " + String.join(", ", CATALOGUE.keySet());
        }
        try {
            return s.check().apply(s.parse(value));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A preset by name (smoke, default, paper). */
    public static TrainSettings preset(String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("condition", "r-mel");
        v.put("seed", 1);
        v.put("k", 8);
        v.put("budget", 4);
        v.put("tau_schedule", List.of(0.7, 0.5, 0.3));
        v.put("tau_min", 0.3);
        v.put("steps", 100);
        v.put("prompts_per_step", 16);
        // 500 prompts, each visited about 3 times: with 96 the policy memorised its pool (training reward rose,
        // held-out Pass@1 did not; docs/default-run.md)
        v.put("pool_size", 500);
        v.put("temperature", 1.0);
        v.put("top_p", 1.0);
        v.put("max_new_tokens", 96);
        v.put("lr", 3e-4);
        v.put("weight_decay", 0.0);
        v.put("ppo_mini_batch_size", 4);
        v.put("ppo_epochs", 1);
        v.put("micro_batch_size", 64);
        v.put("loss_agg_mode", LossAggregation.TOKEN_MEAN.wireName());
        v.put("clip_ratio_low", 0.2);
        v.put("clip_ratio_high", 0.2);
        v.put("clip_ratio_c", 3.0);
        v.put("use_kl_loss", false);
        v.put("kl_loss_coef", 0.001);
        v.put("kl_loss_type", KlPenalty.LOW_VAR_KL.wireName());
        v.put("grad_clip", 1.0);
        v.put("max_consecutive_skips", 20);
        v.put("nll_weight", 1.0);
        v.put("mel_pairs_per_group", 1);
        v.put("replay_temperature", 0.0);
        v.put("eval_every", 50);
        // Powered for a 5-point Pass@1 difference between two runs (docs/default-run.md): the two
        // held-out sets of the training distribution give 800 paired problems; the harder
        // out-of-distribution sets are smaller.
        v.put("eval_size", 400);
        v.put("eval_size_ood", 64);
        v.put("eval_samples", 8);
        v.put("eval_temperature", 0.6);
        v.put("eval_benchmarks", "all");
        v.put("checkpoint_every", 20);
        v.put("model", BUILTIN_MODEL);
        v.put("device", "cpu");
        v.put("precision", "auto");
        v.put("sampling_micro_batch_size", 256);
        v.put("tasks", BUILTIN_TASKS);
        v.put("warm_start_steps", 3500);
        v.put("warm_start_lr", 1e-2);
        v.put("warm_start_batch", 16);
        v.put("warm_start_hint_prob", 0.5);
        v.put("warm_start_seed", 0);
        // the warm start imitates a teacher that forgets carries (docs/method.md): what makes RL visibly learn
        v.put("warm_start_noise", "drop_carry");
        v.put("warm_start_noise_rate", 0.6);
        v.put("adaptive_cap", 8);
        v.put("prompt_template", "{problem}\nPlease reason step by step, and put your final answer after \"Answer:\".");
        v.put("critique_template", "Problem: {problem}\nCorrect solution:\n{positive}\nIncorrect solution:\n{negative}\n"
                + "The two solutions first differ in step {step}. State the mistake of the incorrect solution in one "
                + "sentence, then a reusable heuristic that avoids it, as:\nCritique: ...\nHeuristic: ...");
        v.put("critique_max_new_tokens", 256);
        v.put("critique_temperature", 0.7);
        v.put("replay_template", "{problem}\nA lesson from an earlier attempt: {experience}\n"
                + "Please reason step by step, and put your final answer after \"Answer:\".");
        v.put("chat_template", "auto");
        v.put("truncated_reward", "zero");
        v.put("lcp_rule", MethodSettings.DEFAULT_LCP_RULE.wireName());
        v.put("revision_mode", MethodSettings.DEFAULT_REVISION_MODE.wireName());
        v.put("revision_in_grpo", MethodSettings.DEFAULT_REVISION_IN_GRPO);
        v.put("no_prefix_reading", MethodSettings.DEFAULT_NO_PREFIX_READING.wireName());
        v.put("extra_match", MethodSettings.DEFAULT_EXTRA_MATCH.wireName());
        v.put("answer_step_experience", "previous_step");
        v.put("primed_template", "{problem}\nAn earlier attempt began:\n{prefix}\nWrite a complete solution: keep what is right "
                + "in that beginning and change what is wrong.\nPlease reason step by step, and put your final answer after \"Answer:\".");
        switch (name) {
            case "default" -> { }
            case "smoke" -> {
                v.put("steps", 2);
                v.put("prompts_per_step", 4);
                v.put("pool_size", 8);
                v.put("k", 4);
                v.put("eval_every", 0);
                v.put("eval_size", 4);
                v.put("eval_size_ood", 4);
                v.put("eval_samples", 2);
                v.put("eval_benchmarks", "arith-3op-1d");
                v.put("checkpoint_every", 2);
                v.put("ppo_mini_batch_size", 2);
            }
            case "paper" -> {
                v.put("prompts_per_step", 128);
                v.put("steps", 100);
                v.put("lr", 1e-6);
                v.put("max_new_tokens", 2048);
                v.put("model", "");
                v.put("device", "gpu");
                v.put("tasks", "");
                v.put("eval_every", 10);
                v.put("eval_benchmarks", "aime24,aime25,amc23,math500,olympiadbench");
                v.put("checkpoint_every", 10);
                v.put("warm_start_steps", 0);
                v.put("weight_decay", 0.01);
                // VERL's GRPO examples for what the paper leaves open (docs/method.md lists the sources)
                v.put("ppo_mini_batch_size", 32);
                v.put("micro_batch_size", 1); // a Qwen2.5-1.5B step fits one 80 GB GPU (README, GPU set-up)
                v.put("use_kl_loss", true);
            }
            default -> throw new BadInputException("unknown preset '" + name + "'; presets: " + String.join(", ", PRESETS));
        }
        return new TrainSettings(v);
    }

    /**
     * Settings read back from a run's {@code run.json} to resume or evaluate it: every setting must
     * be there with its type and range (unknown keys are ignored: newer writers).
     */
    public static TrainSettings fromSpec(Map<String, ?> spec, String file) {
        TrainSettings s = preset("default");
        for (String key : CATALOGUE.keySet()) {
            Object value = spec.get(key);
            if (!spec.containsKey(key)) {
                value = ADDED_LATER.containsKey(key) ? ADDED_LATER.get(key).apply(spec) : null;
                if (value == null) {
                    throw new BadInputException(file + ": setting '" + key + "' is missing");
                }
            }
            String problem = CATALOGUE.get(key).checkJson(value);
            if (problem != null) {
                throw new BadInputException(file + ": key '" + key + "' " + problem);
            }
            s.values.put(key, CATALOGUE.get(key).coerce(value));
        }
        return s;
    }

    /** The run.json keys a reader relies on (progress, labels, the analysis); {@code steps_total} is {@code steps}. */
    public static final List<String> SPEC_KEYS = List.of("condition", "k", "budget", "tau_schedule", "tau_min", "seed",
            "steps_total");

    /**
     * What is wrong with a run's {@code run.json} by the trainer's own rules, each naming the key:
     * the keys readers rely on ({@link #SPEC_KEYS}) must be present, and every setting that is
     * present must have its type and range, and agree with the condition. Keys of newer trainers
     * are not judged; an older run without a newer setting is fine. Empty when all is well.
     */
    public static List<String> specProblems(Map<String, ?> spec) {
        List<String> problems = new java.util.ArrayList<>();
        List<String> missing = SPEC_KEYS.stream().filter(k -> !spec.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            problems.add((missing.size() == 1 ? "key '" + missing.get(0) + "' is" : "keys " + missing.stream()
                    .map(k -> "'" + k + "'").collect(java.util.stream.Collectors.joining(", ")) + " are") + " missing");
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        for (Map.Entry<String, Setting> e : CATALOGUE.entrySet()) {
            if (!spec.containsKey(e.getKey())) {
                continue;
            }
            String problem = e.getValue().checkJson(spec.get(e.getKey()));
            if (problem != null) {
                problems.add("key '" + e.getKey() + "' " + problem);
            } else {
                valid.put(e.getKey(), e.getValue().coerce(spec.get(e.getKey())));
            }
        }
        if (spec.containsKey("steps_total")) {
            String problem = new Setting("steps_total", Setting.Kind.INT, atLeast(1), "").checkJson(spec.get("steps_total"));
            if (problem != null) {
                problems.add("key 'steps_total' " + problem);
            } else if (valid.containsKey("steps") && !valid.get("steps").equals(((Number) spec.get("steps_total")).intValue())) {
                problems.add("key 'steps_total' (" + spec.get("steps_total") + ") differs from 'steps' (" + valid.get("steps") + ")");
            }
        }
        if (valid.get("condition") instanceof String name) {
            Condition c = Condition.fromCliName(name);
            c.budgetOverride().ifPresent(fixed -> {
                if (valid.get("budget") instanceof Integer b && b.intValue() != fixed) {
                    problems.add("key 'budget' (" + b + ") contradicts condition " + c.cliName() + ", which fixes budget = "
                            + fixed);
                }
            });
            c.tauMinOverride().ifPresent(fixed -> {
                if (valid.get("tau_min") instanceof Double t && t.doubleValue() != fixed) {
                    problems.add("key 'tau_min' (" + t + ") contradicts condition " + c.cliName() + ", which fixes tau_min = "
                            + plain(fixed));
                }
            });
        }
        return problems;
    }

    /** A copy with one setting replaced from text; a bad key or value is a {@link BadInputException}. */
    public TrainSettings with(String key, String valueText) {
        String error = validate(key, valueText);
        if (error != null) {
            throw new BadInputException("--set " + key + "=" + valueText + ": " + error);
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, CATALOGUE.get(key).parse(valueText));
        return new TrainSettings(copy);
    }

    /**
     * Applies a condition and the settings it fixes ({@link Condition#budgetOverride()},
     * {@link Condition#tauMinOverride()}: R-MEL w/o prefix fixes tau_min = 0, R-MEL (B = 1) fixes
     * budget = 1), so that a run's spec always shows the values the condition ran with.
     */
    public TrainSettings withCondition(String condition) {
        TrainSettings s = with("condition", condition);
        Condition c = Condition.fromCliName(condition);
        c.budgetOverride().ifPresent(fixed -> s.values.put("budget", fixed));
        c.tauMinOverride().ifPresent(fixed -> s.values.put("tau_min", fixed));
        return s;
    }

    /**
     * Cross-setting checks, run once everything is set.
     *
     * @throws BadInputException naming the setting
     */
    public TrainSettings checkConsistent() {
        Condition c = Condition.fromCliName(string("condition"));
        c.tauMinOverride().ifPresent(fixed -> {
            if (doubleValue("tau_min") != fixed) {
                throw contradiction(c, "tau_min", doubleValue("tau_min"), plain(fixed));
            }
        });
        c.budgetOverride().ifPresent(fixed -> {
            if (integer("budget") != fixed) {
                throw contradiction(c, "budget", integer("budget"), String.valueOf(fixed));
            }
        });
        if (string("model").isBlank()) {
            throw new BadInputException("model: this preset needs --model PATH (a Hugging Face Qwen2.5 folder)");
        }
        if (string("tasks").isBlank()) {
            throw new BadInputException("tasks: this preset needs --set tasks=FILE (a training JSONL file)");
        }
        if (!string("model").equals(BUILTIN_MODEL) && string("tasks").equals(BUILTIN_TASKS)
                && integer("warm_start_steps") > 0) {
            throw new BadInputException("warm_start_steps: the supervised warm start is for the built-in model; set it to 0 for " + string("model"));
        }
        return this;
    }

    private static BadInputException contradiction(Condition c, String key, Object value, String fixed) {
        return new BadInputException(key + "=" + value + " contradicts condition " + c.cliName()
                + " (" + key + " is " + fixed + " there)");
    }

    /** A fixed value as a person writes it: 0 rather than 0.0. */
    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    public Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return values.get(key);
    }

    public int integer(String key) {
        return (Integer) get(key);
    }

    public double doubleValue(String key) {
        return (Double) get(key);
    }

    public String string(String key) {
        return (String) get(key);
    }

    public boolean bool(String key) {
        return (Boolean) get(key);
    }

    /**
     * Whether the run keeps a frozen copy of its starting policy as the KL loss's reference: one
     * more copy of the model's weights on the device (a memory estimate counts it).
     */
    public boolean keepsReferencePolicy() {
        return bool("use_kl_loss");
    }

    @SuppressWarnings("unchecked")
    public List<Double> doubleList(String key) {
        return (List<Double>) get(key);
    }

    /** The method settings with every reading (condition's fixed values applied). */
    public MethodSettings method() {
        return new MethodSettings(Condition.fromCliName(string("condition")), doubleList("tau_schedule"),
                integer("budget"), doubleValue("tau_min")).withReadings(LcpRule.fromName(string("lcp_rule")),
                RevisionMode.fromName(string("revision_mode")), bool("revision_in_grpo"),
                NoPrefixReading.fromName(string("no_prefix_reading")), ExtraMatch.fromName(string("extra_match")));
    }

    public boolean builtinModel() {
        return string("model").equals(BUILTIN_MODEL);
    }

    public boolean builtinTasks() {
        return string("tasks").equals(BUILTIN_TASKS);
    }

    /** All settings by name, in catalogue order (what {@code run.json} records). */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : CATALOGUE.keySet()) {
            out.put(key, values.get(key));
        }
        return out;
    }

    /** The settings that decide the warm start's result (its cache key). */
    public Map<String, Object> warmStartKey() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : Set.of("model", "warm_start_steps", "warm_start_lr", "warm_start_batch",
                "warm_start_hint_prob", "warm_start_seed")) {
            out.put(key, values.get(key));
        }
        if (!"none".equals(values.get("warm_start_noise"))) { // the exact teacher keeps the keys cached before the setting
            out.put("warm_start_noise", values.get("warm_start_noise"));
            out.put("warm_start_noise_rate", values.get("warm_start_noise_rate"));
        }
        return new java.util.TreeMap<>(out);
    }

    private static void add(String name, Setting.Kind kind, Function<Object, String> check, String description) {
        CATALOGUE.put(name, new Setting(name, kind, check, description));
    }

    private static Function<Object, String> atLeast(int min) {
        return v -> (Integer) v >= min ? null : "must be at least " + min + ", got " + v;
    }

    private static Function<Object, String> atLeastD(double min) {
        return v -> (Double) v >= min ? null : "must be at least " + min + ", got " + v;
    }

    private static Function<Object, String> positive() {
        return v -> (Double) v > 0 && Double.isFinite((Double) v) ? null : "must be a positive number, got " + v;
    }

    private static Function<Object, String> between(double lo, double hi) {
        return v -> (Double) v >= lo && (Double) v <= hi ? null : "must be in [" + lo + ", " + hi + "], got " + v;
    }

    private static Function<Object, String> wholeDistribution() {
        return v -> (Double) v == 1.0 ? null : "must be 1, got " + v + ": the update scores responses under the"
                + " untruncated policy at the sampling temperature (as VERL does), so top-p < 1 would train off-policy";
    }

    private static Function<Object, String> dualClip() {
        return v -> (Double) v == 0 || (Double) v > 1 ? null : "must be > 1 (or 0 for no dual clip), got " + v;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, String> fractions() {
        return v -> {
            for (double d : (List<Double>) v) {
                if (!(d >= 0 && d < 1)) {
                    return "every ratio must be in [0, 1) (0 revises from scratch; 1 would keep the whole failed "
                            + "response), got " + d;
                }
            }
            return null;
        };
    }

    private static Function<Object, String> oneOf(List<String> choices) {
        return v -> choices.contains(v) ? null : "must be one of " + String.join(", ", choices) + ", got '" + v + "'";
    }

    private static Function<Object, String> nonBlank() {
        return v -> ((String) v).isBlank() ? "must not be empty" : null;
    }
}
