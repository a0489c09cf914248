package org.rmel.verify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a model's answer equals a gold answer (the Math-Verify role). Immutable and
 * thread-safe: all per-call state lives in the call. A call never throws and never runs past its
 * time limit; input it cannot handle gives {@code equal == false} with the reason.
 *
 * <p>Pipeline: extract the answer ({@link #extractAnswer}: candidates in Math-Verify's priority
 * order, the first that parses), normalise the LaTeX, parse it into an expression tree with exact
 * rationals, then compare with Math-Verify's rules. The rules, the rounding and the known
 * differences from Math-Verify are documented in the README ("Verifier").
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
     * The answer the verifier reads in a model's output: the first candidate, in Math-Verify's
     * priority order, that parses (see {@link AnswerExtractor}), else the first candidate; null
     * when there is none or a limit is hit.
     */
    public String extractAnswer(String modelOutput) {
        if (modelOutput == null) {
            return null;
        }
        Budget budget = newBudget();
        try {
            Extracted e = extractPrediction(modelOutput, budget, null);
            return e == null ? null : e.answer();
        } catch (LimitExceededException | StackOverflowError e) {
            return null; // over a limit (time, length, depth): no answer the verifier could read
        }
    }

    /**
     * The content of the last {@code \boxed{}} of a text, or null: the MATH dataset's convention
     * for the answer of a reference solution (a model's output is read by {@link #extractAnswer}).
     */
    public static String lastBoxed(String text) {
        return text == null ? null : AnswerExtractor.lastBoxed(DoubleEscapes.undo(text));
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
            Budget budget = newBudget();
            goldAnswer = gold == null ? null : AnswerExtractor.fromGold(gold);
            if (goldAnswer == null) {
                return new Verdict(false, null, null, null, null, "the gold answer is empty");
            }
            checkLength(goldAnswer, "gold");
            String goldNormal = Normalizer.normalize(goldAnswer);
            Equivalence equivalence = new Equivalence(settings, budget);
            Expr goldExpr;
            try {
                goldExpr = equivalence.prepare(parseAnswer(goldNormal, budget));
                goldParsed = goldExpr.toString();
            } catch (ParseException e) {
                predAnswer = prediction == null ? null : new AnswerExtractor.Candidates(prediction, budget).next();
                if (predAnswer == null) {
                    return new Verdict(false, goldAnswer, null, null, null, "no answer found in the prediction");
                }
                checkLength(predAnswer, "predicted");
                return asText(goldAnswer, predAnswer, null, goldNormal, Normalizer.normalize(predAnswer),
                        "the gold answer could not be parsed (" + e.getMessage() + ")");
            }
            boolean choice = goldExpr instanceof Expr.Sym letter && letter.name().matches("[A-E]");
            Extracted extracted = prediction == null ? null : extractPrediction(prediction, budget, choice ? "" : null);
            if (extracted == null) {
                return new Verdict(false, goldAnswer, null, goldParsed, null, "no answer found in the prediction");
            }
            predAnswer = extracted.answer();
            if (extracted.expr() == null) {
                return asText(goldAnswer, predAnswer, goldParsed, goldNormal, extracted.normal(),
                        "the prediction could not be parsed (" + extracted.error() + ")");
            }
            Expr predExpr = equivalence.prepare(extracted.expr());
            predParsed = predExpr.toString();
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

    /** The chosen candidate: its text, normalised text, and parsed tree (null with the error when none parsed). */
    private record Extracted(String answer, String normal, Expr expr, String error) {
    }

    /**
     * The first candidate answer that parses; when none does, the first candidate with its parse
     * error (compared as text, Math-Verify's string fallback). {@code choice} non-null reads
     * "(C) 12" as its letter.
     */
    private Extracted extractPrediction(String prediction, Budget budget, String choice) {
        AnswerExtractor.Candidates candidates = new AnswerExtractor.Candidates(prediction, budget);
        Extracted first = null;
        for (String candidate = candidates.next(); candidate != null; candidate = candidates.next()) {
            checkLength(candidate, "predicted");
            String normal = Normalizer.normalize(candidate);
            if (choice != null) {
                normal = choiceLetter(normal);
            }
            try {
                return new Extracted(candidate, normal, parseAnswer(normal, budget), null);
            } catch (ParseException e) {
                if (first == null) {
                    first = new Extracted(candidate, normal, null, e.getMessage());
                }
            }
        }
        return first;
    }

    private Budget newBudget() {
        return new Budget(settings.timeLimit().toMillis(), settings.maxDepth(), settings.maxNumberBits());
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
