package io.camelzendesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** Samples the live threads whose name starts with a prefix, and keeps the highest count seen. */
final class Threads implements AutoCloseable {

    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private final String prefix;
    private final Thread sampler;
    private volatile int max;
    private volatile boolean running = true;

    Threads(String prefix) {
        this.prefix = prefix;
        this.sampler = new Thread(() -> {
            while (running) {
                max = Math.max(max, count(prefix));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static int count(String prefix) {
        int n = 0;
        for (ThreadInfo info : MX.getThreadInfo(MX.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    int max() {
        return Math.max(max, count(prefix));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
