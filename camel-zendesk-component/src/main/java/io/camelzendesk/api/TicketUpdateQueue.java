package io.camelzendesk.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Ticket;

/**
 * Coalesced ticket updates: one request at a time per ticket, in the order the updates were given; the updates that
 * arrive while one is under way (sent, or waiting for the ticket's budget: 30 updates per 10 minutes) wait together
 * and go as one request ({@link TicketUpdateMerge}), each caller getting the ticket Zendesk answered (or the failure).
 * A batch takes at most one comment (Zendesk adds one per update; comments are never joined) and never a safe update
 * (its stamp is of the ticket it read): such an update starts the next batch, so the order per ticket is kept.
 * <p>
 * Shared by every coalescing endpoint of the account in the JVM. Nothing is held once a ticket's queue is empty.
 */
final class TicketUpdateQueue {

    /** One request to come: the updates it carries, in order, and their callers. */
    private static final class Batch {
        final List<Map<String, Object>> updates = new ArrayList<>(2);
        final List<CompletableFuture<Void>> prepared = new ArrayList<>(2);
        final List<CompletableFuture<ZendeskResponse<Ticket>>> callers = new ArrayList<>(2);
        boolean comment;
        boolean safe;

        boolean canTake(Map<String, Object> update) {
            return !safe && !TicketUpdateMerge.isSafe(update) && !(comment && update.get("comment") != null);
        }

        CompletableFuture<ZendeskResponse<Ticket>> add(Map<String, Object> update, CompletableFuture<Void> ready) {
            updates.add(update);
            prepared.add(ready);
            comment |= update.get("comment") != null;
            safe |= TicketUpdateMerge.isSafe(update);
            CompletableFuture<ZendeskResponse<Ticket>> caller = new CompletableFuture<>();
            callers.add(caller);
            return caller;
        }
    }

    /** A ticket with a request under way, and the batches waiting behind it. */
    private static final class Ticketed {
        final Deque<Batch> waiting = new ArrayDeque<>();
    }

    private final Map<Long, Ticketed> tickets = new HashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder updates = new LongAdder();

    /**
     * Queues an update of a ticket.
     *
     * @param ready completes when the update's fields are ready to send (custom fields resolved); a failure fails
     *              this update alone
     * @param send  sends one (merged) update of the ticket
     */
    CompletableFuture<ZendeskResponse<Ticket>> submit(long id, Map<String, Object> update, CompletableFuture<Void> ready,
            Function<Map<String, Object>, CompletableFuture<ZendeskResponse<Ticket>>> send) {
        updates.increment();
        Batch now = null;
        CompletableFuture<ZendeskResponse<Ticket>> result;
        synchronized (this) {
            Ticketed t = tickets.get(id);
            if (t == null) {
                tickets.put(id, new Ticketed());
                now = new Batch();
                result = now.add(update, ready);
            } else {
                Batch last = t.waiting.peekLast();
                if (last == null || !last.canTake(update)) {
                    last = new Batch();
                    t.waiting.addLast(last);
                }
                result = last.add(update, ready);
            }
        }
        if (now != null) {
            dispatch(id, now, send);
        }
        return result;
    }

    private void dispatch(long id, Batch batch, Function<Map<String, Object>, CompletableFuture<ZendeskResponse<Ticket>>> send) {
        CompletableFuture.allOf(batch.prepared.stream().map(p -> p.handle((v, x) -> null))
                        .toArray(CompletableFuture[]::new))
                .thenCompose(v -> {
                    List<Map<String, Object>> ready = new ArrayList<>(batch.updates.size());
                    List<CompletableFuture<ZendeskResponse<Ticket>>> callers = new ArrayList<>(batch.updates.size());
                    for (int i = 0; i < batch.updates.size(); i++) {
                        Throwable unprepared = batch.prepared.get(i).handle((x, failure) -> failure).join();
                        if (unprepared != null) {
                            batch.callers.get(i).completeExceptionally(unprepared);
                        } else {
                            ready.add(batch.updates.get(i));
                            callers.add(batch.callers.get(i));
                        }
                    }
                    if (ready.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    requests.increment();
                    CompletableFuture<ZendeskResponse<Ticket>> call;
                    try {
                        call = send.apply(TicketUpdateMerge.merge(ready));
                    } catch (RuntimeException e) {
                        call = CompletableFuture.failedFuture(e);
                    }
                    return call.handle((response, failure) -> {
                        for (CompletableFuture<ZendeskResponse<Ticket>> c : callers) {
                            if (failure != null) {
                                c.completeExceptionally(failure);
                            } else {
                                c.complete(response);
                            }
                        }
                        return null;
                    });
                })
                .whenComplete((v, x) -> {
                    Batch next;
                    synchronized (this) {
                        Ticketed t = tickets.get(id);
                        next = t.waiting.pollFirst();
                        if (next == null) {
                            tickets.remove(id);
                        }
                    }
                    if (next != null) {
                        dispatch(id, next, send);
                    }
                });
    }

    /** Updates given, and requests sent for them: their difference is what coalescing saved. */
    long updates() {
        return updates.sum();
    }

    long requests() {
        return requests.sum();
    }
}
