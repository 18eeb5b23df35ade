package io.camelzendesk.component.position;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a position file holds, read leniently and written in one format: {@code key=value} lines, each ended by a
 * newline, the key before the first {@code =}. It is the format of Camel's {@code FileStateRepository}, so a file
 * that one wrote (with a key repeated on appended lines: the last complete line wins) is read as it is and an older
 * version of this component can read what this one writes.
 * <p>
 * A crash of a writer that did not write atomically (Camel's, or a copy of the file) can leave damage; none of it
 * stops the file from being read, and none of it is silently taken for "no position":
 * <ul>
 * <li>a last line without its newline is torn: its value is ignored in favour of the key's previous complete line
 * when there is one (an older, complete position: records may be delivered again, none is skipped); with none, the
 * torn value is kept, so that the consumer of that key refuses to start, naming the file and the key;</li>
 * <li>a line without {@code =} (or an empty file) could have held any key: it is kept as an unreadable line, and
 * every key that has no value is then reported as unknown rather than absent.</li>
 * </ul>
 * Unreadable lines are written back as they were, so the damage stays visible until someone removes it.
 */
final class PositionFileContent {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> unreadableLines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean emptyFile;

    static PositionFileContent empty() {
        return new PositionFileContent();
    }

    static PositionFileContent parse(byte[] bytes) {
        PositionFileContent c = new PositionFileContent();
        if (bytes.length == 0) {
            c.emptyFile = true;
            return c;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            boolean torn = end < 0;
            String line = text.substring(start, torn ? text.length() : end);
            start = torn ? text.length() : end + 1;
            lineNumber++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() && !torn) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                c.unreadableLines.add(line);
                c.notes.add("line " + lineNumber + " has no key=value" + (torn ? " (torn: no newline)" : ""));
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (torn) {
                String before = c.values.get(key);
                c.notes.add("line " + lineNumber + " (key " + key + ") is torn (no newline)"
                            + (before != null ? ": its previous complete value is used" : ""));
                if (before != null) {
                    continue;
                }
            }
            c.values.put(key, value);
        }
        return c;
    }

    byte[] render() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        unreadableLines.forEach(l -> out.append(l).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    String get(String key) {
        return values.get(key);
    }

    void put(String key, String value) {
        values.put(key, value);
        // an empty file was damage only as long as nothing was written after it
        emptyFile = false;
    }

    void remove(String key) {
        values.remove(key);
    }

    int size() {
        return values.size();
    }

    /** Whether a key without a value may have been lost to damage (then it is unknown, not absent). */
    boolean damaged() {
        return emptyFile || !unreadableLines.isEmpty();
    }

    boolean emptyFile() {
        return emptyFile;
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }
}
