package io.camelzendesk.emulator.internal;

import io.camelzendesk.emulator.Fault;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Armed faults, each for its next N matching requests, in injection order. */
public final class Faults {
    private static final class Armed {
        final Fault fault;
        int left;

        Armed(Fault f) {
            this.fault = f;
            this.left = f.count();
        }
    }

    private final List<Armed> armed = new ArrayList<>();

    public synchronized void add(Fault f) {
        armed.add(new Armed(f));
    }

    public synchronized void clear() {
        armed.clear();
    }

    public synchronized int remaining() {
        return armed.stream().mapToInt(a -> a.left).sum();
    }

    /** The fault to apply to this request (consuming one use), or null. */
    public synchronized Fault next(String method, String rawPath) {
        Iterator<Armed> it = armed.iterator();
        while (it.hasNext()) {
            Armed a = it.next();
            if (a.fault.matches(method, rawPath)) {
                if (--a.left <= 0) {
                    it.remove();
                }
                return a.fault;
            }
        }
        return null;
    }
}
