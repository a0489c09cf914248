package org.rmel.study;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm cluster for one test class: its own munged (own key and socket), a
 * root-run slurmctld and slurmd with {@code proctrack/linuxproc} and {@code task/none}, a config in
 * a temp folder, free ports, a unique cluster and node name — so several test suites on the machine
 * can each run one at once. Starting fails the test with the reason and the daemons' logs; it never
 * skips. {@code .ci/run} installs the packages ({@code slurm-wlm}, {@code munge}).
 */
final class SlurmCluster implements AutoCloseable {
    private final Path dir;
    private final String node;
    private final List<Process> daemons = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>(System.getenv());

    private SlurmCluster(Path dir, String node) {
        this.dir = dir;
        this.node = node;
    }

    /** Starts the cluster in {@code dir} (short path: munge's socket path has a length limit). */
    static SlurmCluster start(Path dir) {
        for (String binary : List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel")) {
            if (!onPath(binary)) {
                fail("cannot start Slurm for the test: '" + binary + "' is not installed (install Debian's slurm-wlm "
                        + "and munge, as .ci/run does: apt-get install slurm-wlm munge)");
            }
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        SlurmCluster c = new SlurmCluster(dir, "rmeln" + id);
        try {
            c.startDaemons(id);
        } catch (Exception | AssertionError e) {
            String logs = c.logs();
            c.close();
            fail("cannot start Slurm for the test: " + e.getMessage() + "\n" + logs, e);
        }
        return c;
    }

    private void startDaemons(String id) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Path key = dir.resolve("munge.key");
        byte[] bytes = new byte[1024];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path socket = dir.resolve("munge.sock");
        daemons.add(spawn("munged.out", "munged", "-F", "-f", "--socket=" + socket, "--key-file=" + key,
                "--log-file=" + dir.resolve("munged.log"), "--pid-file=" + dir.resolve("munged.pid"),
                "--seed-file=" + dir.resolve("munged.seed")));
        waitFor(() -> Files.exists(socket), 15, "munged did not create its socket");
        int ctldPort = freePort();
        int slurmdPort = freePort();
        int cpus = Runtime.getRuntime().availableProcessors();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        String conf = String.join("\n",
                "ClusterName=rmel" + id,
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + slurmdPort,
                "AuthType=auth/munge",
                "AuthInfo=socket=" + socket,
                "CredType=cred/munge",
                "SlurmUser=root",
                "SlurmdUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "MpiDefault=none",
                "SchedulerType=sched/backfill",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "ReturnToService=2",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "MinJobAge=600",
                "KillWait=30",
                "SchedulerParameters=sched_interval=2",
                "NodeName=" + node + " NodeHostname=" + host + " NodeAddr=127.0.0.1 CPUs=" + cpus + " RealMemory=8000 State=UNKNOWN",
                "PartitionName=rmeltest Nodes=" + node + " Default=YES MaxTime=INFINITE State=UP",
                "");
        Path confFile = dir.resolve("slurm.conf");
        Files.writeString(confFile, conf);
        env.put("SLURM_CONF", confFile.toString());
        daemons.add(spawn("slurmctld.out", "slurmctld", "-D", "-i", "-f", confFile.toString()));
        waitFor(() -> run("squeue", "-h").exitValue() == 0, 30, "slurmctld did not answer squeue");
        daemons.add(spawn("slurmd.out", "slurmd", "-D", "-N", node, "-f", confFile.toString()));
        waitFor(() -> new String(run("sinfo", "-h", "-N", "-n", node, "-o", "%T").getInputStream().readAllBytes()).strip()
                .matches("idle.*"), 60, "node " + node + " did not become idle");
    }

    private Process spawn(String out, String... command) throws IOException {
        command[0] = binary(command[0]);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(out).toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private Process run(String... command) throws IOException, InterruptedException {
        command[0] = binary(command[0]);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.waitFor(20, TimeUnit.SECONDS);
        return p;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(Check check, int seconds, String what) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            for (Process d : daemons) {
                if (!d.isAlive()) {
                    throw new IllegalStateException(String.join(" ", d.info().command().orElse("a daemon"))
                            + " exited with code " + d.exitValue() + " while waiting: " + what);
                }
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " within " + seconds + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String binary) {
        return !binary(binary).equals(binary);
    }

    /** The binary's absolute path (the PATH, then /usr/sbin and /usr/bin), else the name unchanged. */
    static String binary(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String d : dirs) {
            if (!d.isBlank() && Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        return name;
    }

    /** The environment Slurm's commands need to reach this cluster ({@code SLURM_CONF}). */
    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("munged.out", "slurmctld.out", "slurmctld.log", "slurmd.out", "slurmd.log")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                try {
                    List<String> lines = Files.readAllLines(p);
                    sb.append("--- ").append(f).append(" (last lines)\n");
                    lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> sb.append(l).append('\n'));
                } catch (IOException e) {
                    sb.append("--- ").append(f).append(": ").append(e.getMessage()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Stops the daemons (SIGTERM, then SIGKILL) in reverse order of starting. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
