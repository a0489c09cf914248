package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.model.Policy;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;

/**
 * Meta-experiences of a real LLM, as in MEL: the policy itself reads the pair (problem, y+, y−,
 * bifurcation step) through {@code critique_template} and writes a critique and a heuristic.
 * The NLL term then makes exactly that text likely given the same retrospective prompt.
 */
public final class TemplateExperienceMaker implements ExperienceMaker {
    private final Policy policy;
    private final String template;
    private final int maxNewTokens;
    private final double temperature;
    private final ChatWrap chat;

    public TemplateExperienceMaker(Policy policy, String template, int maxNewTokens) {
        this(policy, template, maxNewTokens, 0.7, ChatWrap.none());
    }

    /**
     * With {@code chat}, the retrospective prompt is a user turn of the model's chat template; the
     * critique is sampled at {@code temperature} (0 = greedy) with at most {@code maxNewTokens}.
     */
    public TemplateExperienceMaker(Policy policy, String template, int maxNewTokens, double temperature, ChatWrap chat) {
        this.policy = policy;
        this.template = template;
        this.maxNewTokens = maxNewTokens;
        this.temperature = temperature;
        this.chat = chat;
    }

    @Override
    public List<MetaExperienceText> make(List<Pair> pairs, long seed) {
        List<String> contexts = new ArrayList<>();
        List<int[]> prompts = new ArrayList<>();
        for (Pair p : pairs) {
            String ctx = chat.user(template.replace("{problem}", p.problem().question()).replace("{positive}", p.positive())
                    .replace("{negative}", p.negative()).replace("{step}", Integer.toString(p.bifurcationStep() + 1)));
            contexts.add(ctx);
            prompts.add(policy.tokenizer().encode(ctx));
        }
        List<Sample> outs = policy.sample(prompts, temperature == 0 ? SamplingParams.greedy(maxNewTokens)
                : SamplingParams.sampled(temperature, 1.0, maxNewTokens, seed));
        List<MetaExperienceText> result = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String text = outs.get(i).text();
            result.add(new MetaExperienceText(field(text, "Critique:"), field(text, "Heuristic:"), contexts.get(i), text));
        }
        return result;
    }

    /** The text after {@code label} up to the end of its line; the whole text when absent. */
    static String field(String text, String label) {
        int at = text.lastIndexOf(label);
        if (at < 0) {
            return label.startsWith("Heuristic") ? text.strip() : "";
        }
        int end = text.indexOf('\n', at);
        return text.substring(at + label.length(), end < 0 ? text.length() : end).strip();
    }
}
