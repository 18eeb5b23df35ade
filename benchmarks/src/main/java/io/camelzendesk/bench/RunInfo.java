package io.camelzendesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

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
