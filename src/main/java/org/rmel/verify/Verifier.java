package org.rmel.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a model's answer equals a gold answer (the Math-Verify role). Immutable and
 * thread-safe: all per-call state lives in the call. A call never throws and never runs past its
 * time limit; input it cannot handle gives {@code equal == false} with the reason.
 *
 * <p>Pipeline: extract the answer ({@link #extractAnswer}), normalise the LaTeX, parse it into an
 * expression tree with exact rationals, then compare with rules chosen by the gold answer's
 * shape. The rules, tolerance and percent rule are documented in the README ("Verifier").
 */
public final class Verifier {
    static final String LIMIT_PREFIX = "limit: ";
    /** A word answer such as "Evelyn" or "even": letters and spaces only, with a run of two letters. */
    private static final Pattern WORDS = Pattern.compile("(?=.*[A-Za-z]{2})[A-Za-z][A-Za-z' ]*[A-Za-z]");

    private static final Pattern CHOICE = Pattern.compile("\\(([A-E])\\)\\s*\\S.*");

    private final VerifierSettings settings;

    public Verifier() {
        this(VerifierSettings.defaults());
    }

    public Verifier(VerifierSettings settings) {
        this.settings = settings;
    }

    public VerifierSettings settings() {
        return settings;
    }

    /**
     * The final answer in a model's output (last \boxed{}, else an "Answer:" line, else the last
     * math segment, else a bare expression, else the last number), or null when there is none.
     */
    public String extractAnswer(String modelOutput) {
        return modelOutput == null ? null : AnswerExtractor.fromOutput(modelOutput);
    }

    /** Shorthand for {@code verify(gold, prediction).equal()}. */
    public boolean isEqual(String gold, String prediction) {
        return verify(gold, prediction).equal();
    }

    /**
     * Verifies a prediction (free model output or a bare answer) against a gold answer (bare,
     * in $...$, or boxed). Asymmetric: the gold answer's form decides how the prediction is read.
     */
    public Verdict verify(String gold, String prediction) {
        String goldAnswer = null;
        String predAnswer = null;
        String goldParsed = null;
        String predParsed = null;
        try {
            goldAnswer = gold == null ? null : AnswerExtractor.fromGold(gold);
            if (goldAnswer == null) {
                return new Verdict(false, null, null, null, null, "the gold answer is empty");
            }
            predAnswer = extractAnswer(prediction);
            if (predAnswer == null) {
                return new Verdict(false, goldAnswer, null, null, null, "no answer found in the prediction");
            }
            checkLength(goldAnswer, "gold");
            checkLength(predAnswer, "predicted");
            Budget budget = new Budget(settings.timeLimit().toMillis(), settings.maxDepth(), settings.maxNumberBits());
            String goldNormal = Normalizer.normalize(goldAnswer);
            String predNormal = Normalizer.normalize(predAnswer);
            Equivalence equivalence = new Equivalence(settings, budget);
            Expr goldExpr;
            try {
                goldExpr = equivalence.prepare(parseAnswer(goldNormal, budget));
                goldParsed = goldExpr.toString();
            } catch (ParseException e) {
                return asText(goldAnswer, predAnswer, null, goldNormal, predNormal,
                        "the gold answer could not be parsed (" + e.getMessage() + ")");
            }
            if (goldExpr instanceof Expr.Sym choice && choice.name().matches("[A-E]")) {
                predNormal = choiceLetter(predNormal);
            }
            Expr predExpr;
            try {
                predExpr = equivalence.prepare(parseAnswer(predNormal, budget));
                predParsed = predExpr.toString();
            } catch (ParseException e) {
                return asText(goldAnswer, predAnswer, goldParsed, goldNormal, predNormal,
                        "the prediction could not be parsed (" + e.getMessage() + ")");
            }
            Equivalence.Outcome outcome = equivalence.compare(goldExpr, predExpr);
            return new Verdict(outcome.equal(), goldAnswer, predAnswer, goldParsed, predParsed, outcome.reason());
        } catch (LimitExceededException e) {
            return new Verdict(false, goldAnswer, predAnswer, goldParsed, predParsed, LIMIT_PREFIX + e.getMessage());
        } catch (StackOverflowError e) {
            return new Verdict(false, goldAnswer, predAnswer, goldParsed, predParsed,
                    LIMIT_PREFIX + "nesting too deep for this thread's stack");
        } catch (RuntimeException e) {
            // a bug must not take the trainer down; the reason makes it visible (the fuzz test checks it never happens)
            return new Verdict(false, goldAnswer, predAnswer, goldParsed, predParsed, "internal error: " + e);
        }
    }

    /** A gold choice letter (C) reads "(C) 12" or "\textbf{(C) } 12" as its letter. */
    private static String choiceLetter(String predNormal) {
        Matcher m = CHOICE.matcher(predNormal);
        return m.matches() ? m.group(1) : predNormal;
    }

    private void checkLength(String answer, String which) {
        if (answer.length() > settings.maxAnswerChars()) {
            throw new LimitExceededException("the " + which + " answer is " + answer.length()
                    + " characters long, over the limit of " + settings.maxAnswerChars());
        }
    }

    private static Expr parseAnswer(String normalised, Budget budget) {
        if (WORDS.matcher(normalised).matches() && !Lexer.FUNCTION_WORDS.contains(normalised)) {
            return new Expr.Text(normalised);
        }
        return Parser.parse(normalised, budget);
    }

    /** When one side cannot be parsed, the only safe equality is the same normalised text. */
    private static Verdict asText(String goldAnswer, String predAnswer, String goldParsed, String goldNormal,
            String predNormal, String why) {
        boolean same = goldNormal.replace(" ", "").equals(predNormal.replace(" ", ""));
        return new Verdict(same, goldAnswer, predAnswer, goldParsed, null,
                why + (same ? "; the texts are identical" : "; compared as text: different"));
    }
}
