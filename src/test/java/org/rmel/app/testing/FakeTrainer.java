package org.rmel.app.testing;

import java.nio.file.Path;
import org.rmel.run.RunFinished;
import org.rmel.run.RunWriter;

/**
 * A stand-in for the trainer in process-control tests: takes {@code train ... --out DIR}, writes
 * a real run folder through the run writer, one step every 200 ms, for {@code fake.steps} steps
 * (system property). On SIGTERM it ends the step and writes {@code run_finished: stopped} like the
 * real trainer; with {@code fake.crashAt=N} it throws at step N (exit code 1 and a stack trace on
 * its output, no final event), like a trainer hitting a bug. {@code train --resume DIR} continues
 * DIR through {@link RunWriter#resume} from its last checkpoint (step 0 without one), and
 * {@code fake.startDelayMs} waits before the run folder is created, as a trainer loading a model does.
 */
public final class FakeTrainer {
    private FakeTrainer() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Path resume = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            } else if (args[i].equals("--resume")) {
                resume = Path.of(args[i + 1]);
            }
        }
        int steps = Integer.getInteger("fake.steps", 5);
        int crashAt = Integer.getInteger("fake.crashAt", -1);
        Thread main = Thread.currentThread();
        boolean[] stopping = {false};
        Thread hook = new Thread(() -> {
            synchronized (stopping) {
                stopping[0] = true;
            }
            try {
                main.join(60_000); // as long as the workbench waits before SIGKILL
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The hook goes in before the run folder exists, as in the real trainer (StopSignal): a
        // SIGTERM sent as soon as the workbench sees the run must still end in run_finished.
        Runtime.getRuntime().addShutdownHook(hook);
        Thread.sleep(Long.getLong("fake.startDelayMs", 0));
        RunWriter writer = resume != null ? RunWriter.resume(resume) : RunWriter.create(out, TestRuns.spec("r-mel", steps));
        int first = writer.resumedFrom().map(c -> c.step() + 1).orElse(1);
        System.out.println("fake trainer writing " + (resume != null ? resume + " (resumed)" : out));
        for (int s = first; s <= steps; s++) {
            Thread.sleep(200);
            if (s == crashAt) {
                throw new IllegalStateException("simulated trainer bug at step " + s);
            }
            TestRuns.steps(writer, s, s);
            System.out.println("step " + s + "/" + steps);
            synchronized (stopping) {
                if (stopping[0]) {
                    writer.finish(RunFinished.STOPPED);
                    System.out.println("stopped at the end of step " + s);
                    return;
                }
            }
        }
        writer.finish(RunFinished.COMPLETED);
        Runtime.getRuntime().removeShutdownHook(hook);
    }
}
