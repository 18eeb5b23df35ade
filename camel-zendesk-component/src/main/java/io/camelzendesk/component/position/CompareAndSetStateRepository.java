package io.camelzendesk.component.position;

import org.apache.camel.spi.StateRepository;

/**
 * A {@link StateRepository} that changes a value only while it still holds the value the caller last read. The
 * incremental export consumer stores its position through it when the repository offers it, so that several nodes
 * sharing one position (a leader and a stale former leader, say) can neither move it backwards nor overwrite a newer
 * one: the write of the node that lost the race is refused, and that node reads the position again.
 */
public interface CompareAndSetStateRepository extends StateRepository<String, String> {

    /**
     * Sets {@code key} to {@code value} if it currently holds {@code expected}.
     *
     * @param  expected the value last read, or {@code null} when the key was absent
     * @return          whether the value was set
     */
    boolean compareAndSet(String key, String expected, String value);
}
