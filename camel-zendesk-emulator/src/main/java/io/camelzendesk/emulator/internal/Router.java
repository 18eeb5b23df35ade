package io.camelzendesk.emulator.internal;

import java.util.ArrayList;
import java.util.List;

/** Method + path-template routing table. Literal segments beat {params}; ".json" is already stripped. */
public final class Router {
    @FunctionalInterface
    public interface Handler {
        Resp handle(Req req);
    }

    private record Route(String method, String[] segs, int literals, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        String[] segs = template.substring(1).split("/");
        int lit = 0;
        for (String s : segs) {
            if (!s.startsWith("{")) {
                lit++;
            }
        }
        routes.add(new Route(method, segs, lit, handler));
        return this;
    }

    public Router get(String t, Handler h) {
        return add("GET", t, h);
    }

    public Router post(String t, Handler h) {
        return add("POST", t, h);
    }

    public Router put(String t, Handler h) {
        return add("PUT", t, h);
    }

    public Router patch(String t, Handler h) {
        return add("PATCH", t, h);
    }

    public Router delete(String t, Handler h) {
        return add("DELETE", t, h);
    }

    /** Routes the request (filling its params) and runs the handler; unknown path -> 404 InvalidEndpoint. */
    public Resp dispatch(Req req) {
        String[] segs = req.path.substring(1).split("/");
        Route best = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            if (r.segs.length != segs.length || !matches(r.segs, segs)) {
                continue;
            }
            pathKnown = true;
            if (!r.method.equals(req.method)) {
                continue;
            }
            if (best == null || r.literals > best.literals) {
                best = r;
            }
        }
        if (best == null) {
            if (pathKnown) {
                throw ApiError.of(405, "MethodNotAllowed", "Method " + req.method + " not allowed on " + req.path);
            }
            throw ApiError.invalidEndpoint();
        }
        for (int i = 0; i < segs.length; i++) {
            if (best.segs[i].startsWith("{")) {
                req.params.put(best.segs[i].substring(1, best.segs[i].length() - 1), segs[i]);
            }
        }
        return best.handler.handle(req);
    }

    private static boolean matches(String[] tpl, String[] segs) {
        for (int i = 0; i < tpl.length; i++) {
            if (!tpl[i].startsWith("{") && !tpl[i].equals(segs[i])) {
                return false;
            }
        }
        return true;
    }
}
