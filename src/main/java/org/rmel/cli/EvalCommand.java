package org.rmel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rmel.train.EvalSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval}: Pass@1 and Avg@N of a run's checkpoint on one benchmark. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluates a run's checkpoint (default: the last) on one benchmark: Pass@1 (greedy) and Avg@N.",
                "  eval --run runs/r-mel --checkpoint step-40 --benchmark arith-3op-2d"})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the run folder")
    private Path run;

    @Option(names = "--checkpoint", paramLabel = "step-N", description = "which checkpoint (default: the last)")
    private String checkpoint;

    @Option(names = "--benchmark", required = true, paramLabel = "NAME", description = "an evaluation set of the run's tasks")
    private String benchmark;

    @Option(names = "--json", description = "print the eval event as one JSON line")
    private boolean json;

    @picocli.CommandLine.Mixin
    private EngineOptions engine;

    @Override
    public Integer call() {
        engine.apply();
        EvalSession.evaluate(run, checkpoint, benchmark, json, System.out);
        return 0;
    }
}
