package io.camelzendesk.component.position;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.camel.support.service.ServiceSupport;


/**
 * The default store of export positions: one consumer's handle on a {@link PositionFile} shared by every consumer
 * of the JVM that uses the same file. Acquires the file when started, releases it when stopped; reads come from
 * the shared in-memory copy, writes replace the file atomically. Compare-and-set keeps two consumers that were
 * (wrongly) given the same key from moving each other's position back.
 */
public final class FilePositionRepository extends ServiceSupport implements CompareAndSetStateRepository {

    /** The file name, in the consumer's stateDirectory. */
    public static final String FILE_NAME = "zendesk-positions.dat";

    private final Path path;
    private volatile PositionFile file;

    public FilePositionRepository(Path path) {
        this.path = path;
    }

    /** The store of {@link #FILE_NAME} in the directory. */
    public static FilePositionRepository inDirectory(String directory) {
        return new FilePositionRepository(Path.of(directory).resolve(FILE_NAME));
    }

    @Override
    protected void doStart() throws IOException {
        file = PositionFile.acquire(path);
    }

    @Override
    protected void doStop() {
        PositionFile f = file;
        file = null;
        if (f != null) {
            f.release();
        }
    }

    private PositionFile file() {
        PositionFile f = file;
        if (f == null) {
            throw new IllegalStateException("The position store " + path + " is not started");
        }
        return f;
    }

    /**
     * The value of the key, or null when absent.
     *
     * @throws IllegalStateException when the file is damaged and the key may have been lost in the damage
     */
    @Override
    public String getState(String key) {
        return file().get(key);
    }

    @Override
    public void setState(String key, String value) {
        file().set(key, value);
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        return file().compareAndSet(key, expected, value);
    }

    @Override
    public String toString() {
        PositionFile f = file;
        return f != null ? f.toString() : "position file " + path;
    }
}
