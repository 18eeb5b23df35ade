package io.camelzendesk.component.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.type.TypeReference;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.component.position.CompareAndSetStateRepository;

/**
 * The default token store: a JSON file ({@value #FILE_NAME} in the state directory) of key to entry, read and written
 * under an OS lock on {@code zendesk-tokens.dat.lock} for the length of one operation, so that several processes of
 * one host (the application and the connect command line, say) share it; a write replaces the file atomically.
 * Compare-and-set holds across those processes.
 */
public final class TokenFileRepository implements CompareAndSetStateRepository {

    public static final String FILE_NAME = "zendesk-tokens.dat";
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static final TypeReference<TreeMap<String, String>> ENTRIES = new TypeReference<>() {
    };

    private final Path path;
    private final Path lockPath;

    public TokenFileRepository(Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.lockPath = this.path.resolveSibling(this.path.getFileName() + ".lock");
    }

    /** The store of {@link #FILE_NAME} in the directory. */
    public static TokenFileRepository inDirectory(String directory) {
        return new TokenFileRepository(Path.of(directory).resolve(FILE_NAME));
    }

    public Path path() {
        return path;
    }

    @Override
    public String getState(String key) {
        return locked(entries -> entries.get(key), false);
    }

    @Override
    public void setState(String key, String value) {
        locked(entries -> entries.put(key, value), true);
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        boolean[] done = new boolean[1];
        locked(entries -> {
            if (Objects.equals(entries.get(key), expected)) {
                entries.put(key, value);
                done[0] = true;
            }
            return null;
        }, true);
        return done[0];
    }

    @Override
    public void start() {
        // nothing held between operations
    }

    @Override
    public void stop() {
        // nothing held between operations
    }

    private interface Operation {
        String apply(TreeMap<String, String> entries);
    }

    private String locked(Operation op, boolean write) {
        ReentrantLock jvm = IN_JVM.computeIfAbsent(path, p -> new ReentrantLock());
        jvm.lock();
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                TreeMap<String, String> entries = Files.exists(path)
                        ? ZendeskJson.MAPPER.readValue(path.toFile(), ENTRIES) : new TreeMap<>();
                TreeMap<String, String> before = write ? new TreeMap<>(entries) : null;
                String result = op.apply(entries);
                if (write && !entries.equals(before)) {
                    replace(entries);
                }
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Token store " + path + ": " + e.getMessage(), e);
        } finally {
            jvm.unlock();
        }
    }

    private void replace(TreeMap<String, String> entries) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(ZendeskJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(entries)));
            ch.force(true);
        }
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "token file " + path;
    }
}
