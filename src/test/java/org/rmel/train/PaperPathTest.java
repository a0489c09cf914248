package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.analysis.RunAnalysis;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.figures.RunAnalyses;
import org.rmel.method.Condition;
import org.rmel.model.DeviceChoice;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.StepEvent;
import org.rmel.run.Trajectory;
import org.rmel.tasks.BenchmarkRegistry;
import org.rmel.testsupport.SharedData;
import org.rmel.testsupport.TinyHfModel;
import org.rmel.verify.Verifier;

/**
 * The {@code paper} preset end to end on the CPU: the tiny random Qwen2 fixture with the BPE
 * tokenizer and a chat template this test adds, every condition for two steps, through the real
 * {@link TrainSession}. A random model answers almost anything wrongly, so the task file is made
 * honestly from what the model does: two problems whose gold answer is the answer the verifier
 * extracts most often from the model's own samples of that very prompt (about one sample in ten:
 * groups of eight come out mixed or all-negative), and two whose gold answer the model never
 * produces (always all-negative). Checked: the chat template shapes every prompt, meta-experiences
 * are written by the policy, replayed and (when kept) internalised through a non-zero NLL term,
 * revision searches run on exactly the all-negative groups, truncated responses are marked and
 * counted, and the workbench's analysis opens every run.
 */
class PaperPathTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path tasks;
    static Path benchmarks;

    private static final String TEMPLATE = "{% for message in messages %}{{ '<s>' + message['role'] + '\\n' "
            + "+ message['content'] | trim + '</s>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<s>assistant\\n' }}"
            + "{% endif %}";

    private static TrainSettings settings(String condition) {
        TrainSettings s = TrainSettings.preset("paper").withCondition(condition);
        Map<String, String> set = new java.util.LinkedHashMap<>();
        set.put("model", model.toString());
        set.put("tasks", tasks.toString());
        set.put("device", "cpu");
        set.put("k", "8");
        set.put("prompts_per_step", "4");
        set.put("steps", "2");
        set.put("max_new_tokens", "16");
        set.put("eval_benchmarks", "aime24");
        set.put("eval_samples", "1");
        set.put("eval_every", "0");
        set.put("checkpoint_every", "2");
        set.put("ppo_mini_batch_size", "2");
        set.put("micro_batch_size", "16");
        set.put("mel_pairs_per_group", "8");
        set.put("replay_temperature", "1.0");
        // the random model almost never ends a response; verified keeps the rewards of cut ones
        set.put("truncated_reward", "verified");
        for (Map.Entry<String, String> e : set.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return s;
    }

    @BeforeAll
    static void prepare() throws Exception {
        model = TinyHfModel.create(tmp.resolve("model"));
        Files.writeString(model.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\", "
                + "\"chat_template\": " + com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(TEMPLATE) + "}");
        benchmarks = Files.createDirectories(tmp.resolve("benchmarks"));
        // the three shortest AIME 2024 problems: the fixture's context is 256 positions
        List<String> aime = new ArrayList<>(Files.readAllLines(SharedData.benchmarksDir().resolve("aime24.jsonl")));
        aime.sort(java.util.Comparator.comparingInt(String::length));
        Files.write(benchmarks.resolve("aime24.jsonl"), aime.subList(0, 3));
        tasks = tmp.resolve("tasks.jsonl");
        List<String> questions = List.of("What is 2+3?", "Compute 7*8.", "Find x if 3x = 12.", "What is 10/4?");
        // the gold answers: the model's most frequent answer for the first two, one it never gives for the others
        Verifier verifier = new Verifier();
        TrainSettings s = settings("r-mel");
        StringBuilder lines = new StringBuilder();
        try (Policy policy = Policies.load(model, DeviceChoice.CPU)) {
            PromptFormat format = TrainSession.promptFormat(s, ChatWrap.of(s, policy));
            for (int i = 0; i < questions.size(); i++) {
                String gold = "\\\\frac{97}{89}";
                if (i < 2) {
                    int[] prompt = policy.tokenizer().encode(format.prompt(new TaskProblem("p", questions.get(i), "")));
                    List<int[]> repeated = new ArrayList<>();
                    for (int r = 0; r < 64; r++) {
                        repeated.add(prompt);
                    }
                    Map<String, Integer> counts = new HashMap<>();
                    for (Sample x : policy.sample(repeated, SamplingParams.sampled(1.0, 1.0, 16, 1000 + i))) {
                        String a = verifier.extractAnswer(x.text());
                        if (a != null && !a.isBlank()) {
                            counts.merge(a, 1, Integer::sum);
                        }
                    }
                    gold = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                }
                lines.append("{\"problem\": \"").append(questions.get(i)).append("\", \"solution\": \"So \\\\boxed{")
                        .append(gold).append("}.\"}\n");
            }
        }
        Files.writeString(tasks, lines.toString());
    }

    @Test
    void everyConditionRunsThePaperPathOnTheCpu() throws Exception {
        String before = System.getProperty(BenchmarkRegistry.DIR_PROPERTY);
        System.setProperty(BenchmarkRegistry.DIR_PROPERTY, benchmarks.toString());
        List<Path> runs = new ArrayList<>();
        int kept = 0;
        int mixed = 0;
        boolean nllSeen = false;
        try {
            for (Condition condition : Condition.values()) {
                Path out = tmp.resolve("runs").resolve(condition.cliName());
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                String reason = TrainSession.start(settings(condition.cliName()), out,
                        new PrintStream(console, true, StandardCharsets.UTF_8));
                assertEquals("completed", reason, console.toString(StandardCharsets.UTF_8));
                runs.add(out);
                RunLog log = RunLog.read(out);
                String where = condition.cliName();

                // the chat template shaped the prompts, and the run says how
                RunDirectory run = RunDirectory.open(out);
                String example = run.spec().json().get("prompt_example").asText();
                assertTrue(example.startsWith("<s>user\nWhat is 2+3?\nPlease reason step by step")
                        && example.endsWith("</s>\n<s>assistant\n"), example);
                assertTrue(run.spec().json().get("chat_template_source").asText().endsWith("tokenizer_config.json (chat_template)"));
                String trainerLog = Files.readString(out.resolve("trainer.log"));
                assertTrue(trainerLog.contains("chat template: " + model.resolve("tokenizer_config.json"))
                        && trainerLog.contains(example), trainerLog);

                List<StepEvent> steps = log.of(StepEvent.class);
                assertEquals(List.of(1, 2), steps.stream().map(StepEvent::step).toList(), where);
                List<GroupEvent> rollouts = log.of(GroupEvent.class).stream().filter(g -> !g.fromExtraRollouts()).toList();
                assertEquals(8, rollouts.size(), where);
                Set<String> allNegative = new HashSet<>();
                for (GroupEvent g : rollouts) {
                    mixed += g.mixed() ? 1 : 0;
                    if (g.allNegative()) {
                        allNegative.add(g.step() + "/" + g.promptId());
                    }
                }
                assertTrue(allNegative.size() >= 4, where + ": the two impossible problems are all-negative each step");
                // truncation marks agree with the per-step counts
                for (StepEvent e : steps) {
                    long cut = rollouts.stream().filter(g -> g.step() == e.step())
                            .flatMap(g -> g.trajectories().stream()).filter(Trajectory::truncated).count();
                    assertEquals(cut, Math.round(e.metric("truncated/rollouts")), where + " step " + e.step());
                    assertTrue(cut > 0, "a random model is cut by max_new_tokens");
                }

                // revision searches run on the all-negative groups, and only in R-MEL conditions
                List<RevisionEvent> revisions = log.of(RevisionEvent.class);
                if (condition.revises()) {
                    Set<String> searched = new HashSet<>();
                    revisions.forEach(r -> searched.add(r.step() + "/" + r.promptId()));
                    assertEquals(allNegative, searched, where);
                    revisions.forEach(r -> assertFalse(r.attempts().isEmpty()));
                } else {
                    assertTrue(revisions.isEmpty(), where);
                }
                if (condition.spendsExtraRollouts()) {
                    // token-matched (default): every all-negative group of a step that got extra rollouts
                    long topped = allNegative.stream().filter(k -> steps.stream().anyMatch(e ->
                            k.startsWith(e.step() + "/") && e.metric("extra/per_group") > 0)).count();
                    assertEquals(topped, log.of(GroupEvent.class).stream().filter(GroupEvent::fromExtraRollouts)
                            .count(), where);
                }

                // meta-experiences: written by the policy, replayed, internalised when kept
                List<MetaExperienceEvent> mes = log.of(MetaExperienceEvent.class);
                Set<String> texts = new HashSet<>();
                for (MetaExperienceEvent m : mes) {
                    assertFalse((m.critique() + m.heuristic()).isBlank(), where);
                    assertFalse(m.heuristic().contains("Heuristic: ..."), "the policy's text, not the template's");
                    texts.add(m.critique() + "|" + m.heuristic());
                }
                assertTrue(mes.isEmpty() || texts.size() > 1, "sampled texts differ");
                for (StepEvent e : steps) {
                    // mel/pairs counts the meta-experiences validated by replay; leaks (stating the gold
                    // answer) are counted apart and never replayed
                    long pairs = mes.stream().filter(m -> m.step() == e.step() && !m.leaked()).count();
                    long leaks = mes.stream().filter(m -> m.step() == e.step() && m.leaked()).count();
                    long keptHere = mes.stream().filter(m -> m.step() == e.step() && m.kept()).count();
                    assertEquals(pairs, Math.round(e.metric("mel/pairs")), where + " step " + e.step());
                    assertEquals(leaks, Math.round(e.metric("mel/leaks")), where + " step " + e.step());
                    assertEquals(keptHere, Math.round(e.metric("mel/kept")), where + " step " + e.step());
                    if (keptHere > 0) {
                        assertTrue(e.metric("loss/nll") > 0, where + ": kept meta-experiences are internalised");
                        nllSeen = true;
                    } else {
                        assertFalse(e.metric("loss/nll") > 0, where + ": nothing kept, nothing internalised");
                    }
                    kept += (int) keptHere;
                }

                // the workbench's analysis opens the run and counts what the events say
                RunAnalysis a = RunAnalyzer.analyze(RunDirectory.open(out)).analysis();
                assertEquals(2, a.lastStep(), where);
                assertEquals(allNegative.size(), a.allNegative().successes(), where);
                assertEquals(8, a.allNegative().trials(), where);
                assertTrue(a.evals().containsKey("aime24"), where);
            }
        } finally {
            if (before == null) {
                System.clearProperty(BenchmarkRegistry.DIR_PROPERTY);
            } else {
                System.setProperty(BenchmarkRegistry.DIR_PROPERTY, before);
            }
        }
        System.out.println("paper path, six conditions: " + mixed + " mixed groups, " + kept
                + " meta-experiences kept after replay");
        assertTrue(mixed > 0, "some groups are mixed");
        assertTrue(kept > 0 && nllSeen, "some meta-experience passes its replay and enters the NLL term");
        RunAnalyses all = RunAnalyses.read(runs);
        assertNotEquals(null, all.table1());
        assertNotEquals(null, all.table2());
    }
}
