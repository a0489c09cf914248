package org.rmel.tasks;

import java.util.Locale;
import org.rmel.base.BadInputException;

/**
 * How a problem is put to the model: a text with one {@code {problem}} placeholder. The data
 * files' own trailing instructions are removed when loading, so the template alone decides the
 * answer format (boxed, or an "Answer:" line as in DAPO training).
 *
 * @param name     short name shown in settings and run specs
 * @param template the text, containing {@code {problem}} exactly once
 */
public record PromptTemplate(String name, String template) {
    public static final String PLACEHOLDER = "{problem}";

    /** The instruction of the shared benchmark files (Qwen2.5-Math evaluation style). */
    public static final PromptTemplate BOXED = new PromptTemplate("boxed",
            "{problem}\nPlease reason step by step, and put your final answer within \\boxed{}.");

    /** The DAPO-Math training prompt: the final line is "Answer: ...". */
    public static final PromptTemplate ANSWER_LINE = new PromptTemplate("answer-line",
            "Solve the following math problem step by step. The last line of your response should be of the form "
                    + "Answer: $Answer (without quotes) where $Answer is the answer to the problem.\n\n{problem}\n\n"
                    + "Remember to put your answer on its own line after \"Answer:\".");

    public PromptTemplate {
        int at = template.indexOf(PLACEHOLDER);
        if (at < 0 || template.indexOf(PLACEHOLDER, at + 1) >= 0) {
            throw new BadInputException("prompt template \"" + name + "\" must contain " + PLACEHOLDER + " exactly once");
        }
    }

    /** "boxed", "answer-line", or a literal template containing {problem}. */
    public static PromptTemplate parse(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "boxed" -> BOXED;
            case "answer-line", "dapo" -> ANSWER_LINE;
            default -> new PromptTemplate("custom", setting);
        };
    }

    public String render(Problem problem) {
        return template.replace(PLACEHOLDER, problem.text());
    }
}
