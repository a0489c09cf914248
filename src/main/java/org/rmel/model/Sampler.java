package org.rmel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batched autoregressive sampling with a KV cache. Prompts are left-padded into one batch; the
 * prompt is run once (prefill) and then one token per step for the rows still running. Rows
 * that stop are dropped from the batch and its cache. Token choice happens on the device
 * (arg-max, or Gumbel-max over the temperature-scaled, top-p-filtered logits); only the chosen
 * ids and their log-probabilities come back to Java each step.
 */
final class Sampler {

    private final Qwen2Model model;
    private final int padId;
    private final Set<Integer> alwaysStop;
    private final long prefillScores;

    /** Attention scores per prefill chunk: 4 Mi floats (16 MiB). */
    static final long PREFILL_SCORES = 1L << 22;

    Sampler(Qwen2Model model, int padId, Set<Integer> alwaysStop) {
        this(model, padId, alwaysStop, PREFILL_SCORES);
    }

    /** With a smaller {@code prefillScores} (tests), prefill runs in more, smaller row chunks. */
    Sampler(Qwen2Model model, int padId, Set<Integer> alwaysStop, long prefillScores) {
        this.model = model;
        this.padId = padId;
        this.alwaysStop = Set.copyOf(alwaysStop);
        this.prefillScores = prefillScores;
    }

    /** The new tokens, their log-probs and stop flags for each prompt, in order. */
    Result generate(List<int[]> prompts, SamplingParams p, boolean recompute) {
        for (int[] prompt : prompts) {
            if (prompt.length == 0) {
                throw new IllegalArgumentException("a prompt needs at least one token");
            }
        }
        Set<Integer> stops = new HashSet<>(alwaysStop);
        stops.addAll(p.stopTokenIds());
        int n = prompts.size();
        int[][] tokens = new int[n][p.maxNewTokens()];
        float[][] logprobs = new float[n][p.maxNewTokens()];
        int[] produced = new int[n];
        boolean[] stopped = new boolean[n];
        JniUtils.setGradMode(false);
        if (!p.greedy()) {
            JniUtils.setSeed(p.seed());
        }
        try (NDManager call = model.manager().newSubManager()) {
            if (recompute) {
                recomputeLoop(call, prompts, p, stops, tokens, logprobs, produced, stopped);
            } else {
                cachedLoop(call, prompts, p, stops, tokens, logprobs, produced, stopped);
            }
        }
        return new Result(tokens, logprobs, produced, stopped);
    }

    /** Per row: the new tokens and log-probs (the first {@code produced[row]} entries count). */
    record Result(int[][] tokens, float[][] logprobs, int[] produced, boolean[] stopped) {
        int[] tokensOf(int row) {
            return Arrays.copyOf(tokens[row], produced[row]);
        }

        float[] logprobsOf(int row) {
            return Arrays.copyOf(logprobs[row], produced[row]);
        }
    }

    private void cachedLoop(NDManager call, List<int[]> prompts, SamplingParams p, Set<Integer> stops,
            int[][] tokens, float[][] logprobs, int[] produced, boolean[] stopped) {
        Qwen2Model.LeftPadded lp = Qwen2Model.leftPad(prompts, padId);
        int[] rows = new int[prompts.size()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r;
        }
        int[] padding = lp.padding().clone();
        Qwen2Model.KvCache cache = new Qwen2Model.KvCache(model.config.numLayers());
        int past = 0;
        long[] feed;
        try (NDManager step = call.newSubManager()) {
            feed = choose(step, prefill(step, prompts, lp.length(), cache), p, rows, tokens, logprobs, produced);
            // every later token is fed once, except the last one sampled
            cache.reserve(call, lp.length() + p.maxNewTokens() - 1L);
        }
        past = lp.length();
        while (true) {
            int[] keep = markStops(rows, feed, stops, tokens, produced, stopped, p.maxNewTokens());
            if (keep.length == 0) {
                break;
            }
            if (keep.length < rows.length) {
                int[] newRows = new int[keep.length];
                int[] newPadding = new int[keep.length];
                long[] newFeed = new long[keep.length];
                for (int i = 0; i < keep.length; i++) {
                    newRows[i] = rows[keep[i]];
                    newPadding[i] = padding[keep[i]];
                    newFeed[i] = feed[keep[i]];
                }
                try (NDManager step = call.newSubManager()) {
                    long[] idx = Arrays.stream(keep).asLongStream().toArray();
                    cache.selectRows(step.create(idx));
                    cache.attachTo(call);
                }
                rows = newRows;
                padding = newPadding;
                feed = newFeed;
            }
            try (NDManager step = call.newSubManager()) {
                NDArray ids = step.create(feed, new Shape(rows.length, 1));
                NDArray h = model.hidden(ids, Qwen2Model.positions(step, padding, past, 1),
                        Qwen2Model.causalBias(step, padding, past, 1), cache);
                NDArray last = h.reshape(rows.length, h.getShape().get(2));
                feed = choose(step, model.logits(last), p, rows, tokens, logprobs, produced);
                cache.attachTo(call);
            }
            past++;
        }
        cache.close();
    }

    /**
     * Runs the prompts through the model, filling {@code cache} (left-padded to {@code length});
     * returns the last position's logits [B, V] (attached to {@code step}). Three things keep this
     * cheap:
     * <ul>
     * <li>each distinct prompt runs once and its keys, values and logits are copied to the rows
     *     that repeat it (a GRPO group is K copies of one prompt; evaluation repeats a prompt for
     *     every sample);
     * <li>prompts go longest first in chunks padded only to their own longest prompt, so short
     *     prompts do not pay for the longest one's padding;
     * <li>a chunk's attention scores stay under {@link #prefillScores} floats: one pass over a
     *     batch of long prompts allocated score tensors of hundreds of megabytes, which the C
     *     allocator maps fresh from the kernel each time (measured: two million page faults, most
     *     of the CPU time spent as system time, for 90 prompts of ~500 tokens).
     * </ul>
     */
    private NDArray prefill(NDManager step, List<int[]> prompts, int length, Qwen2Model.KvCache cache) {
        Map<List<Integer>, Integer> seen = new HashMap<>();
        List<int[]> unique = new ArrayList<>();
        int[] uniqueOf = new int[prompts.size()];
        for (int r = 0; r < prompts.size(); r++) {
            int[] prompt = prompts.get(r);
            uniqueOf[r] = seen.computeIfAbsent(Arrays.stream(prompt).boxed().toList(), k -> {
                unique.add(prompt);
                return unique.size() - 1;
            });
        }
        Integer[] order = new Integer[unique.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(unique.get(b).length, unique.get(a).length));
        int layers = model.config.numLayers();
        List<Qwen2Model.KvCache> parts = new ArrayList<>();
        NDList lastLogits = new NDList();
        int[] placeOf = new int[unique.size()];
        for (int start = 0; start < order.length; ) {
            int t = unique.get(order[start]).length;
            long perRow = (long) model.config.numHeads() * t * t;
            int end = (int) Math.min(order.length, start + Math.max(1, prefillScores / perRow));
            List<int[]> chunk = new ArrayList<>();
            for (int i = start; i < end; i++) {
                placeOf[order[i]] = i;
                chunk.add(unique.get(order[i]));
            }
            Qwen2Model.LeftPadded lp = Qwen2Model.leftPad(chunk, padId);
            Qwen2Model.KvCache part = new Qwen2Model.KvCache(layers);
            try (NDManager m = step.newSubManager()) {
                NDArray h = model.hidden(lp.array(m), Qwen2Model.positions(m, lp.padding(), 0, t),
                        Qwen2Model.causalBias(m, lp.padding(), 0, t), part);
                NDArray logits = model.logits(h.get(new NDIndex(":, -1, :")));
                logits.attach(step);
                part.leftPadTo(length);
                part.attachTo(step);
                lastLogits.add(logits);
            }
            parts.add(part);
            start = end;
        }
        long[] take = new long[prompts.size()];
        boolean identity = take.length == order.length;
        for (int r = 0; r < take.length; r++) {
            take[r] = placeOf[uniqueOf[r]];
            identity &= take[r] == r;
        }
        NDArray rows = step.create(take);
        for (int l = 0; l < layers; l++) {
            cache.keys[l] = gather(parts, rows, identity, part -> part.keys, l);
            cache.values[l] = gather(parts, rows, identity, part -> part.values, l);
        }
        NDArray logits = lastLogits.size() == 1 ? lastLogits.get(0) : NDArrays.concat(lastLogits, 0);
        return identity ? logits : logits.get(rows);
    }

    /** One layer's keys or values of every row, from the chunks in prefill order. */
    private static NDArray gather(List<Qwen2Model.KvCache> parts, NDArray rows, boolean identity,
            java.util.function.Function<Qwen2Model.KvCache, NDArray[]> which, int layer) {
        NDArray all;
        if (parts.size() == 1) {
            all = which.apply(parts.get(0))[layer];
        } else {
            NDList pieces = new NDList();
            for (Qwen2Model.KvCache part : parts) {
                pieces.add(which.apply(part)[layer]);
            }
            all = NDArrays.concat(pieces, 0);
        }
        return identity ? all : all.get(rows);
    }

    /** The no-cache baseline for the benchmark: every step runs the whole sequence again. */
    private void recomputeLoop(NDManager call, List<int[]> prompts, SamplingParams p, Set<Integer> stops,
            int[][] tokens, float[][] logprobs, int[] produced, boolean[] stopped) {
        List<int[]> seqs = new ArrayList<>(prompts);
        int[] rows = new int[prompts.size()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r;
        }
        while (rows.length > 0) {
            List<int[]> active = new ArrayList<>();
            for (int r : rows) {
                active.add(seqs.get(r));
            }
            Qwen2Model.LeftPadded lp = Qwen2Model.leftPad(active, padId);
            long[] feed;
            try (NDManager step = call.newSubManager()) {
                NDArray h = model.hidden(lp.array(step), Qwen2Model.positions(step, lp.padding(), 0, lp.length()),
                        Qwen2Model.causalBias(step, lp.padding(), 0, lp.length()), null);
                feed = choose(step, model.logits(h.get(new NDIndex(":, -1, :"))), p, rows, tokens, logprobs, produced);
            }
            for (int i = 0; i < rows.length; i++) {
                seqs.set(rows[i], Policy.concat(seqs.get(rows[i]), new int[] {(int) feed[i]}));
            }
            int[] keep = markStops(rows, feed, stops, tokens, produced, stopped, p.maxNewTokens());
            int[] newRows = new int[keep.length];
            for (int i = 0; i < keep.length; i++) {
                newRows[i] = rows[keep[i]];
            }
            rows = newRows;
        }
    }

    /** Picks the next token of every active row from logits [B, V]; records it; returns the ids. */
    private static long[] choose(NDManager m, NDArray logits, SamplingParams p, int[] rows, int[][] tokens,
            float[][] logprobs, int[] produced) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray next;
        if (p.greedy()) {
            next = logits.argMax(-1);
        } else {
            NDArray scaled = logits.div(p.temperature());
            if (p.topP() < 1) {
                NDArray probs = scaled.softmax(-1);
                NDArray sorted = probs.neg().sort(-1).neg();
                NDArray before = sorted.cumSum(-1).sub(sorted);
                // the smallest probability still inside the nucleus; everything below it is cut
                NDArray outside = before.gte(p.topP()).toType(DataType.FLOAT32, false);
                NDArray threshold = sorted.add(outside.mul(2f)).min(new int[] {-1}, true);
                scaled = scaled.add(probs.lt(threshold).toType(DataType.FLOAT32, false).mul(Qwen2Model.MASKED));
            }
            NDArray u = m.randomUniform(0f, 1f, scaled.getShape());
            NDArray gumbel = u.log().neg().log().neg();
            next = scaled.add(gumbel).argMax(-1);
        }
        NDArray chosen = logp.gather(next.expandDims(-1), -1);
        long[] ids = next.toLongArray();
        float[] lp = chosen.toFloatArray();
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            tokens[r][produced[r]] = (int) ids[i];
            logprobs[r][produced[r]] = lp[i];
            produced[r]++;
        }
        return ids;
    }

    /** Marks rows whose last token stops them or that are full; returns the indexes that go on. */
    private static int[] markStops(int[] rows, long[] feed, Set<Integer> stops, int[][] tokens, int[] produced,
            boolean[] stopped, int max) {
        int[] keep = new int[rows.length];
        int k = 0;
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (stops.contains((int) feed[i])) {
                stopped[r] = true;
            } else if (produced[r] < max) {
                keep[k++] = i;
            }
        }
        return Arrays.copyOf(keep, k);
    }
}
