package io.camelzendesk.component.position;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;

import io.camelzendesk.component.ZendeskConfiguration;

/** Where a consumer keeps its state: the endpoint's stateRepository, else the position file, or memory. */
public final class StateRepositories {

    /** The repository, and whether the consumer owns it (starts and stops it) or was given it. */
    public record Opened(StateRepository<String, String> repository, boolean owned) {
    }

    private StateRepositories() {
    }

    public static Opened of(ZendeskConfiguration config) {
        StateRepository<String, String> configured = config.getStateRepository();
        if (configured != null) {
            return new Opened(configured, false);
        }
        return new Opened(config.isStateInMemory() ? new MemoryStateRepository()
                : FilePositionRepository.inDirectory(config.getStateDirectory()), true);
    }
}
