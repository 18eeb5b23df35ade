package io.camelzendesk.component.position;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One position file, shared by every consumer of the JVM that uses it: one instance per canonical path (a static,
 * reference-counted registry: several routes and several CamelContexts of a JVM share it), and, while any consumer
 * holds it, an OS lock on {@code <file>.lock} keeps other processes from writing the same file.
 * <p>
 * Every write replaces the whole file atomically and durably: the content goes to a temporary file in the same
 * directory, which is forced to disk, renamed over the file ({@code ATOMIC_MOVE}), and the directory is forced so
 * the rename itself survives a power cut. A process killed at any instant leaves the old or the new complete file,
 * plus at most a temporary file, which the next start removes. Writes are serialized by the instance's lock.
 */
final class PositionFile {

    private static final Logger LOG = LoggerFactory.getLogger(PositionFile.class);
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Map<Path, PositionFile> OPEN = new HashMap<>();

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final PositionFileContent content;
    private int users;

    private PositionFile(Path file, FileChannel lockChannel, FileLock lock, PositionFileContent content) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.content = content;
    }

    /** The shared instance of the file (opened and read on first use); release it with {@link #release()}. */
    static PositionFile acquire(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path canonical = dir.toRealPath().resolve(path.getFileName());
        synchronized (OPEN) {
            PositionFile open = OPEN.get(canonical);
            if (open == null) {
                open = open(canonical);
                OPEN.put(canonical, open);
            }
            open.users++;
            return open;
        }
    }

    private static PositionFile open(Path file) throws IOException {
        Path lockPath = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("The position file " + file + " is in use by another process (it holds "
                                            + lockPath + "): give each process its own stateDirectory, or share"
                                            + " positions between processes through a JdbcStateRepository");
        }
        removeTemporaryFiles(file);
        PositionFileContent content;
        try {
            content = PositionFileContent.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            content = PositionFileContent.empty();
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
        for (String note : content.notes()) {
            LOG.warn("Position file {}: {}", file, note);
        }
        if (content.emptyFile()) {
            LOG.warn("Position file {} is empty: a crash of an older version may have emptied it", file);
        }
        return new PositionFile(file, channel, lock, content);
    }

    /** A write killed between its temporary file and the rename leaves that file: the real one is intact. */
    private static void removeTemporaryFiles(Path file) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(),
                file.getFileName() + ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                LOG.info("Removing {}, left by a write that did not complete (the position file is intact)", temp);
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Releases one use; the last one closes the file and its lock. */
    void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(file);
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                LOG.debug("Closing the lock of {}", file, e);
            }
        }
    }

    Path path() {
        return file;
    }

    synchronized String get(String key) {
        String value = content.get(key);
        if (value == null && content.damaged()) {
            throw new IllegalStateException("The position file " + file + " is damaged ("
                                            + (content.emptyFile() ? "empty" : String.join("; ", content.notes()))
                                            + "), possibly by a crash of an older version: the position under key '"
                                            + key + "' may have been lost, so it is unknown rather than absent."
                                            + " Restore the file from a backup, or remove the damaged lines (or"
                                            + " the file) to start that export again from startTime");
        }
        return value;
    }

    synchronized void set(String key, String value) {
        check(key, value);
        String before = content.get(key);
        if (value.equals(before)) {
            return;
        }
        content.put(key, value);
        try {
            write();
        } catch (IOException | RuntimeException e) {
            if (before == null) {
                content.remove(key);
            } else {
                content.put(key, before);
            }
            throw new UncheckedIOException("Could not write the position file " + file,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    synchronized boolean compareAndSet(String key, String expected, String value) {
        String current = content.get(key);
        if (expected == null ? current != null : !expected.equals(current)) {
            return false;
        }
        set(key, value);
        return true;
    }

    private static void check(String key, String value) {
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A position key must be non-empty, without '=' or line breaks: "
                                               + key);
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A position value must be one line (key " + key + ")");
        }
    }

    /** Temporary file, fsync, atomic rename, fsync of the directory. */
    private void write() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + TEMP_SUFFIX);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.render());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory: the rename is still atomic there
            LOG.trace("Could not force directory {}", dir, e);
        }
    }

    @Override
    public String toString() {
        return "position file " + file;
    }
}
