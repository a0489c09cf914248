package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.method.GrpoAdvantages;
import org.rmel.method.Trajectory;
import org.rmel.model.NllSample;
import org.rmel.model.PolicyGradientSample;
import org.rmel.model.TrainStepParams;
import org.rmel.model.TrainStepResult;

/**
 * The update phase (the paper: GRPO's contrastive objective plus MEL's NLL term on the kept
 * meta-experiences): GRPO advantages per group, the clipped-ratio policy-gradient loss on the
 * step's responses plus nll_weight × NLL, one AdamW step.
 */
final class UpdatePhase {

    void run(StepContext c, List<LiveGroup> groups, List<NllSample> nll) {
        List<PolicyGradientSample> pg = policyGradientSamples(groups);
        c.metrics.put("update/pg_samples", (double) pg.size());
        c.metrics.put("update/nll_samples", (double) nll.size());
        if (pg.isEmpty() && nll.isEmpty()) {
            c.metrics.put("loss/grpo", Double.NaN);
            c.metrics.put("loss/nll", Double.NaN);
            c.metrics.put("loss/total", Double.NaN);
            c.metrics.put("update/skipped", 1.0);
        } else {
            double eps = c.settings.doubleValue("clip_eps");
            TrainStepParams params = TrainStepParams.defaults().withLearningRate(c.settings.doubleValue("lr"))
                    .withWeightDecay(c.settings.doubleValue("weight_decay")).withClipRatios(eps, eps, 0)
                    .withNllWeight(c.settings.doubleValue("nll_weight"));
            TrainStepResult r = c.policy.trainStep(pg, nll, params);
            c.metrics.put("loss/grpo", r.pgLoss());
            c.metrics.put("loss/nll", nll.isEmpty() ? Double.NaN : r.nllLoss());
            c.metrics.put("loss/total", r.loss());
            c.metrics.put("update/grad_norm", r.gradNorm());
            c.metrics.put("update/clip_frac", r.clipFraction());
            c.metrics.put("update/skipped", 0.0);
        }
        c.metrics.put("lr", c.settings.doubleValue("lr"));
        c.metrics.put("tokens/generated", c.metric("tokens/rollout") + c.metric("tokens/revision")
                + c.metric("tokens/extra") + c.metric("tokens/replay"));
        c.clock.lap("update");
    }

    /** GRPO: advantages per group; trajectories with a zero advantage add nothing and are skipped. */
    private static List<PolicyGradientSample> policyGradientSamples(List<LiveGroup> groups) {
        List<PolicyGradientSample> out = new ArrayList<>();
        for (LiveGroup g : groups) {
            double[] adv = GrpoAdvantages.of(g.group);
            List<Trajectory> ts = g.group.trajectories();
            for (int i = 0; i < ts.size(); i++) {
                if (adv[i] != 0 && ts.get(i).length() > 0) {
                    out.add(new PolicyGradientSample(g.promptIds, ts.get(i).tokens(), g.oldLogprobs(ts.get(i).id()), adv[i]));
                }
            }
        }
        return out;
    }
}
