package org.rmel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Context + target sequences left-padded into one batch, scored in one forward pass: the
 * log-probability of every next token, from which each row's target tokens are picked.
 */
final class SequenceBatch {

    final List<int[]> contexts;
    final List<int[]> targets;
    final Qwen2Model.LeftPadded padded;

    SequenceBatch(List<int[]> contexts, List<int[]> targets, int padId) {
        this.contexts = contexts;
        this.targets = targets;
        List<int[]> joined = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            if (contexts.get(i).length == 0) {
                throw new IllegalArgumentException("sequence " + i + " has an empty context; the first target"
                        + " token needs at least one token before it");
            }
            joined.add(Policy.concat(contexts.get(i), targets.get(i)));
        }
        this.padded = Qwen2Model.leftPad(joined, padId);
    }

    int rows() {
        return contexts.size();
    }

    /** Columns of the [B, T-1] next-token array. */
    int width() {
        return padded.length() - 1;
    }

    /** Column in the [B, T-1] next-token array where row {@code r}'s first target token sits. */
    int firstTargetColumn(int r) {
        return padded.padding()[r] + contexts.get(r).length - 1;
    }

    /** log p(token t+1 | tokens ≤ t) for every row and position: [B, T-1]. */
    NDArray nextTokenLogprobs(NDManager m, Qwen2Model model) {
        return nextTokenLogprobs(m, model, 1.0);
    }

    /**
     * log p(token t+1 | tokens ≤ t) under softmax(logits / {@code temperature}), the distribution
     * tokens sampled at that temperature were drawn from: [B, T-1].
     */
    NDArray nextTokenLogprobs(NDManager m, Qwen2Model model, double temperature) {
        int[] padding = padded.padding();
        int t = padded.length();
        NDArray ids = padded.array(m);
        NDArray h = model.hidden(ids, Qwen2Model.positions(m, padding, 0, t),
                Qwen2Model.causalBias(m, padding, 0, t), null);
        NDArray logits = model.logits(h.get(new NDIndex(":, :-1, :")));
        NDArray logp = (temperature == 1.0 ? logits : Scalars.dividedBy(logits, temperature)).logSoftmax(-1);
        NDArray next = ids.get(new NDIndex(":, 1:")).expandDims(-1);
        return logp.gather(next, -1).reshape(new Shape(rows(), t - 1));
    }

    /** A [B, T-1] host array with {@code value(row, k)} at each row's k-th target column, else 0. */
    float[] perTarget(TargetValue value) {
        int w = width();
        float[] out = new float[rows() * w];
        for (int r = 0; r < rows(); r++) {
            int first = firstTargetColumn(r);
            for (int k = 0; k < targets.get(r).length; k++) {
                out[r * w + first + k] = value.at(r, k);
            }
        }
        return out;
    }

    interface TargetValue {
        float at(int row, int k);
    }

    /** Splits sequences into chunks of at most about {@code maxTokens} padded tokens each. */
    static List<int[]> chunks(List<Integer> lengths, int maxTokens) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int longest = 0;
        for (int i = 0; i < lengths.size(); i++) {
            int newLongest = Math.max(longest, lengths.get(i));
            if (i > start && (long) newLongest * (i - start + 1) > maxTokens) {
                out.add(new int[] {start, i});
                start = i;
                newLongest = lengths.get(i);
            }
            longest = newLongest;
        }
        if (start < lengths.size()) {
            out.add(new int[] {start, lengths.size()});
        }
        return out;
    }
}
