package io.camelzendesk.faults;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.camelzendesk.emulator.EmulatorAdmin;

/**
 * Changes records while the exports run and the nodes are killed, as agents and customers do: every few milliseconds
 * one random ticket, user or organization gets a new subject or note (a new {@code updated_at}).
 */
final class ConcurrentChanges implements AutoCloseable {

    private final EmulatorAdmin admin;
    private final Map<String, List<Long>> ids;
    private final Random random;
    private final long periodMillis;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ConcurrentChanges(EmulatorAdmin admin, Map<String, List<Long>> ids, long seed, long periodMillis) {
        this.admin = admin;
        this.ids = ids;
        this.random = new Random(seed);
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::run, "concurrent-changes");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        List<String> resources = List.copyOf(ids.keySet());
        while (running) {
            String resource = resources.get(random.nextInt(resources.size()));
            List<Long> of = ids.get(resource);
            long id = of.get(random.nextInt(of.size()));
            String text = "changed " + changes.get();
            try {
                switch (resource) {
                    case "tickets" -> admin.updateTicket(id, Map.of("subject", text));
                    case "users" -> admin.updateUser(id, Map.of("notes", text));
                    default -> admin.updateOrganization(id, Map.of("notes", text));
                }
                changes.incrementAndGet();
            } catch (RuntimeException e) {
                refused.incrementAndGet(); // e.g. a closed ticket: Zendesk refuses it too
            }
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long changes() {
        return changes.get();
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
