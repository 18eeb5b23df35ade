package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * All state that the API changes, behind one read-write lock. Writers queue side effects (webhook
 * deliveries) with {@link #afterCommit(Runnable)}; they run once the write lock is released.
 */
public final class Db {
    public static final String TICKETS = "tickets";
    public static final String USERS = "users";
    public static final String ORGANIZATIONS = "organizations";
    public static final String GROUPS = "groups";
    public static final String TICKET_FIELDS = "ticket_fields";
    public static final String MACROS = "macros";
    public static final String TRIGGERS = "triggers";
    public static final String CATEGORIES = "categories";
    public static final String SECTIONS = "sections";
    public static final String ARTICLES = "articles";
    public static final String TICKET_EVENTS = "ticket_events";
    public static final String COMMENTS = "comments";
    public static final String ATTACHMENTS = "attachments";
    public static final String PERMISSION_GROUPS = "permission_groups";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

    public final Map<String, Table> tables = new LinkedHashMap<>();
    /** ticket id -> comment ids in order. */
    public final Map<Long, List<Long>> ticketComments = new HashMap<>();
    /** webhooks have string ids. */
    public final Map<String, ObjectNode> webhooks = new LinkedHashMap<>();
    public final Map<String, String> webhookSecrets = new HashMap<>();
    /** upload token -> attachment ids. */
    public final Map<String, List<Long>> uploads = new HashMap<>();
    public final Map<Long, byte[]> attachmentBytes = new HashMap<>();
    /** article id -> locale -> translation. */
    public final Map<Long, Map<String, ObjectNode>> translations = new HashMap<>();
    public final Map<String, Idempotent> idempotency = new HashMap<>();

    /** A remembered ticket create for an Idempotency-Key. */
    public record Idempotent(String bodyHash, int status, byte[] body, long createdMillis) {
    }

    public Db() {
        table(TICKETS, 1);
        table(USERS, 361_000_000_001L);
        table(ORGANIZATIONS, 362_000_000_001L);
        table(GROUPS, 363_000_000_001L);
        table(TICKET_FIELDS, 364_000_000_001L);
        table(MACROS, 365_000_000_001L);
        table(TRIGGERS, 366_000_000_001L);
        table(CATEGORIES, 367_000_000_001L);
        table(SECTIONS, 368_000_000_001L);
        table(ARTICLES, 369_000_000_001L);
        table(TICKET_EVENTS, 370_000_000_001L);
        table(COMMENTS, 371_000_000_001L);
        table(ATTACHMENTS, 372_000_000_001L);
        table(PERMISSION_GROUPS, 373_000_000_001L);
    }

    private void table(String name, long firstId) {
        tables.put(name, new Table(name, firstId));
    }

    public Table t(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("Unknown resource " + name);
        }
        return t;
    }

    public void clearAll() {
        tables.values().forEach(Table::clear);
        ticketComments.clear();
        webhooks.clear();
        webhookSecrets.clear();
        uploads.clear();
        attachmentBytes.clear();
        translations.clear();
        idempotency.clear();
    }

    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> work) {
        boolean outer = !lock.isWriteLockedByCurrentThread();
        if (outer) {
            pending.set(new ArrayList<>());
        }
        lock.writeLock().lock();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            if (outer) {
                pending.remove();
            }
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
        if (outer) {
            List<Runnable> tasks = pending.get();
            pending.remove();
            for (Runnable r : tasks) {
                r.run();
            }
        }
        return result;
    }

    public void run(Runnable work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    /** Runs after the current write commits (immediately when called outside a write). */
    public void afterCommit(Runnable task) {
        List<Runnable> p = pending.get();
        if (p == null) {
            task.run();
        } else {
            p.add(task);
        }
    }
}
