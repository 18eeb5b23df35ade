package io.camelzendesk.component.position;

import java.nio.file.Path;

/**
 * A child JVM for {@link FilePositionRepositoryTest}: writes an ever-growing counter (padded to ~4 KB so that each
 * write takes a while) under two keys of the position file, printing each count after it was written, until it is
 * killed.
 */
public final class PositionWriterProcess {

    private PositionWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        FilePositionRepository store = new FilePositionRepository(Path.of(args[0]));
        store.start();
        String padding = "x".repeat(4_000);
        long start = store.getState("counter") == null ? 0 : Long.parseLong(store.getState("counter").split(":")[0]);
        for (long i = start + 1;; i++) {
            store.setState("counter", i + ":" + padding);
            store.setState("other", i + ":" + padding);
            System.out.println(i);
            System.out.flush();
        }
    }
}
