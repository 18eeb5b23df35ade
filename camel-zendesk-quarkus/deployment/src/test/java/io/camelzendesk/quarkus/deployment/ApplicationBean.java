package io.camelzendesk.quarkus.deployment;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * A class of the test application that a route read at run time could name ({@code type:} in YAML): it is
 * configured through a setter it inherits from Camel ({@code cacheSize}), and has an exception routes catch.
 */
public class ApplicationBean extends FileIdempotentRepository {

    public static class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }
}
