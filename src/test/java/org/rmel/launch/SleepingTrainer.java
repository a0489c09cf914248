package org.rmel.launch;

import java.util.Arrays;

/**
 * A stand-in trainer for process-control tests: prints a line, then sleeps. With
 * {@code ignore-term} its shutdown hook never returns, like a trainer stuck in a long step, so
 * only SIGKILL ends it.
 */
public final class SleepingTrainer {
    private SleepingTrainer() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean ignoreTerm = Arrays.asList(args).contains("ignore-term");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("got SIGTERM");
            System.out.flush();
            while (ignoreTerm) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }));
        System.out.println("sleeping trainer started");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
