package io.camelzendesk.component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's own {@code org.apache.camel:camel-zendesk} registers the {@code zendesk} scheme too. With both jars on a
 * class path, which component a {@code zendesk:} URI gets is decided by the class path order, an accident: so this
 * component refuses to start when it finds another registration of the scheme (a second
 * {@code META-INF/services/org/apache/camel/component/zendesk}, or Apache's component class), naming the jar to
 * remove.
 * <p>
 * One exception: Camel JBang ({@code camel run}) downloads Apache's jar whenever a route names the scheme, because
 * Camel's catalog maps {@code zendesk} to it. There this component, given with {@code --dep}, is on the class path
 * first and always wins, so the guard only logs a WARN.
 */
final class ZendeskSchemeGuard {

    static final String SERVICE = "META-INF/services/org/apache/camel/component/zendesk";
    static final String APACHE_COMPONENT = "org.apache.camel.component.zendesk.ZendeskComponent";
    static final String JBANG_CLASS_LOADER = "org.apache.camel.main.download.DependencyDownloaderClassLoader";

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskSchemeGuard.class);

    private ZendeskSchemeGuard() {
    }

    /** Fails when another component registers the zendesk scheme on the class path Camel resolves components from. */
    static void check(CamelContext context, Class<?> ours) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        if (context != null && context.getApplicationContextClassLoader() != null) {
            loaders.add(context.getApplicationContextClassLoader());
        }
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(ours.getClassLoader());

        Map<String, String> others = new TreeMap<>(); // where -> the component class registered there
        for (ClassLoader loader : loaders) {
            try {
                for (URL url : Collections.list(loader.getResources(SERVICE))) {
                    String registered = registeredClass(url);
                    if (!ours.getName().equals(registered)) {
                        others.put(location(url, SERVICE), registered);
                    }
                }
                URL apache = loader.getResource(APACHE_COMPONENT.replace('.', '/') + ".class");
                if (apache != null) {
                    others.put(location(apache, APACHE_COMPONENT.replace('.', '/') + ".class"), APACHE_COMPONENT);
                }
            } catch (IOException e) {
                LOG.debug("Cannot list {} of {}: {}", SERVICE, loader, e.getMessage());
            }
        }
        if (others.isEmpty()) {
            return;
        }
        StringBuilder found = new StringBuilder();
        others.forEach((where, type) -> found.append(found.length() > 0 ? ", " : "").append(type).append(" in ")
                .append(where));
        if (loaders.stream().anyMatch(l -> JBANG_CLASS_LOADER.equals(l.getClass().getName()))) {
            LOG.warn("Camel JBang put another zendesk component on the class path ({}): Camel's catalog names Apache's"
                     + " org.apache.camel:camel-zendesk for the zendesk scheme. This component ({}), given with --dep,"
                     + " is first on the class path and serves zendesk: URIs.", found, ours.getName());
            return;
        }
        throw new IllegalStateException("Two components register the zendesk scheme: " + ours.getName()
                                        + " (io.camelzendesk:camel-zendesk-component) and " + found + ". They cannot"
                                        + " share a class path: which one a zendesk: URI gets depends on the class"
                                        + " path order. Remove "
                                        + (others.containsValue(APACHE_COMPONENT)
                                                ? "Apache's org.apache.camel:camel-zendesk"
                                                : "the jar named above")
                                        + " from the application's dependencies (or, to keep Apache's component,"
                                        + " remove io.camelzendesk:camel-zendesk-component). See the README: The"
                                        + " zendesk scheme and Apache's camel-zendesk.");
    }

    private static String registeredClass(URL url) throws IOException {
        Properties service = new Properties();
        try (InputStream in = url.openStream()) {
            service.load(in);
        }
        return service.getProperty("class", "").trim();
    }

    /** The jar (or directory) a resource was found in. */
    private static String location(URL url, String resource) {
        String s = url.toString();
        if (s.startsWith("jar:") && s.contains("!/")) {
            s = s.substring(4, s.indexOf("!/"));
        } else if (s.endsWith(resource)) {
            s = s.substring(0, s.length() - resource.length());
        }
        return s;
    }
}
