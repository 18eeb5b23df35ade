package io.camelzendesk.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a benchmark's summary line says about the run itself: the machine's load, this JVM's CPU time, the commit,
 * the component jar (by sha256: other sessions reinstall it) and the Java version. Nothing here is measured.
 */
final class RunInfo {

    private RunInfo() {
    }

    /** The three load averages of /proc/loadavg, as "1m/5m/15m" ("?" when unreadable). */
    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** This JVM's CPU time in ns, every thread included (GC, JIT, HTTP client, Camel). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The CPU nanoseconds of this JVM's live threads, by thread id: {@code [kind, nanos]}, the kind being the thread's
     * name without its numbers. On Linux every thread, the JIT's and the GC's included (from /proc), else the Java
     * threads. Key -1 holds the process's CPU.
     */
    static Map<Long, Object[]> threadCpuNanos() {
        Map<Long, Object[]> threads = new HashMap<>();
        threads.put(-1L, new Object[] {"process", processCpuNanos()});
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks != null) {
            long nanosPerTick = 10_000_000L; // USER_HZ is 100 on Linux
            for (File task : tasks) {
                try {
                    String name = Files.readString(new File(task, "comm").toPath()).trim();
                    String stat = Files.readString(new File(task, "stat").toPath());
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * nanosPerTick;
                    threads.put(Long.parseLong(task.getName()), new Object[] {name.replaceAll("[0-9]+", "N"), cpu});
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } else {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                long cpu = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    threads.put(info.getThreadId(), new Object[] {info.getThreadName().replaceAll("[0-9]+", "N"), cpu});
                }
            }
        }
        return threads;
    }

    /**
     * The CPU seconds per kind of thread spent between two {@link #threadCpuNanos()}, largest first; "ended" is what
     * threads that ended meanwhile spent (the process's CPU not found in the live threads).
     */
    static String threadCpuDelta(Map<Long, Object[]> before, Map<Long, Object[]> after) {
        Map<String, Long> byKind = new HashMap<>();
        long live = 0;
        for (Map.Entry<Long, Object[]> t : after.entrySet()) {
            if (t.getKey() < 0) {
                continue;
            }
            Object[] was = before.get(t.getKey());
            long delta = (long) t.getValue()[1] - (was == null ? 0 : (long) was[1]);
            byKind.merge((String) t.getValue()[0], delta, Long::sum);
            live += delta;
        }
        byKind.put("ended", (long) after.get(-1L)[1] - (long) before.get(-1L)[1] - live);
        return byKind.entrySet().stream()
                .filter(e -> Math.abs(e.getValue()) > 5_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey().replace(' ', '_'), e.getValue() / 1e9))
                .collect(Collectors.joining(" "));
    }

    /** The short commit of the working tree we run in, with "+dirty" when it has changes ("?" without git). */
    static String commit() {
        String head = run("git", "rev-parse", "--short", "HEAD");
        return head.isEmpty() ? "?" : head + (run("git", "status", "--porcelain").isEmpty() ? "" : "+dirty");
    }

    /** The first 12 hex digits of the sha256 of the camel-zendesk-component jar on our class path, or "classes". */
    static String componentJar() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("camel-zendesk-component") && entry.endsWith(".jar")) {
                try {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(entry)));
                    return HexFormat.of().formatHex(digest).substring(0, 12);
                } catch (Exception e) {
                    return "?";
                }
            }
        }
        return "classes";
    }

    static String java() {
        return System.getProperty("java.version");
    }

    /** The median of the values (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
