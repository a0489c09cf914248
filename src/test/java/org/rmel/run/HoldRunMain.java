package org.rmel.run;

import org.rmel.testsupport.RunScript;

/** A trainer stand-in for the lock test: opens a run for writing, says so, and waits to be killed. */
public final class HoldRunMain {
    private HoldRunMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunWriter w = RunWriter.create(java.nio.file.Path.of(args[0]), RunScript.spec("mel", 2, 4, 0.3, 10));
        w.append(new StepEvent(0, 1, java.util.Map.of("reward/mean", 0.5)));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
        w.close();
    }
}
