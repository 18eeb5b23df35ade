package io.camelzendesk.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options. */
final class Opts {

    private final Map<String, String> values = new HashMap<>();

    Opts(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
