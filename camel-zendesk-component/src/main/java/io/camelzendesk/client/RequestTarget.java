package io.camelzendesk.client;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a request goes: a path is resolved below the configured base URL; an absolute URL (a next page, a
 * {@code next_page}, a job status {@code url}, any link an answer carried) is followed only when its scheme, host
 * and port are the base URL's. Anything else is refused before a connection is opened: no request, with or without
 * credentials, ever leaves for another host. The one rule for every link the client is given.
 */
final class RequestTarget {

    private static final Pattern ABSOLUTE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*", Pattern.DOTALL);

    private RequestTarget() {
    }

    /** The URI of the request, or a {@link ZendeskException} when it points anywhere but the base URL's origin. */
    static URI of(URI base, ZendeskRequest request) {
        String path = request.path();
        String target;
        if (ABSOLUTE.matcher(path).matches()) {
            URI url;
            try {
                url = URI.create(path);
            } catch (IllegalArgumentException e) {
                throw new ZendeskException("Refusing to follow a malformed URL given by the server: nothing was sent",
                        e);
            }
            if (!sameOrigin(base, url)) {
                throw new ZendeskException("Refusing to follow a URL on another host, scheme or port ("
                                           + origin(url) + url.getRawPath() + "): nothing was sent, credentials are"
                                           + " only sent to the configured " + origin(base));
            }
            target = path;
        } else {
            target = base + (path.startsWith("/") ? path : "/" + path);
        }
        String query = request.queryString();
        return URI.create(query.isEmpty() ? target : target + (target.contains("?") ? "&" : "?") + query);
    }

    static boolean sameOrigin(URI base, URI url) {
        return url.getScheme() != null && url.getHost() != null && url.getRawUserInfo() == null
               && base.getScheme().equalsIgnoreCase(url.getScheme()) && base.getHost().equalsIgnoreCase(url.getHost())
               && port(base) == port(url);
    }

    /** {@code scheme://host:port}, the port always given (the default one of the scheme when the URL has none). */
    static String origin(URI url) {
        String scheme = url.getScheme() == null ? "?" : url.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + url.getHost() + ":" + port(url);
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
