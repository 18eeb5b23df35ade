package io.camelzendesk.karaf;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * The bundles of the OSGi test, from the test class path: the component's jar as the build made it (bnd), Jackson's
 * jars (bundles of their own), Camel's jars wrapped into one bundle as Camel Karaf does (Camel's own jars
 * have no OSGi headers), and the route bundle of {@link io.camelzendesk.karaf.route}.
 */
final class OsgiBundles {

    static final String CAMEL_VERSION = "4.18.0";
    static final String SLF4J_VERSION = "2.0.17";
    /** The XML DSL routes the route bundle runs. */
    static final Path ROUTES = Path.of("target/test-classes/zendesk-routes.xml");

    private OsgiBundles() {
    }

    /** The jars (or class folders) of the test class path whose path contains {@code part}. */
    static List<Path> classPath(String part) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.replace('\\', '/').contains(part)).map(Path::of).toList();
    }

    /** The component's bundle: its jar, or its class folder (with the manifest bnd wrote there) made into one. */
    static Path component(Path dir) throws Exception {
        Path built = classPath("camel-zendesk-component").get(0);
        if (Files.isRegularFile(built)) {
            return built;
        }
        Path jar = dir.resolve("camel-zendesk-component.jar");
        try (Jar classes = new Jar(built.toFile())) {
            classes.setManifest(new Manifest(Files.newInputStream(built.resolve("META-INF/MANIFEST.MF"))));
            classes.write(jar.toFile());
        }
        return jar;
    }

    /**
     * Camel's jars of the class path as one bundle (so that Camel's lookups of its own META-INF/services see all of
     * them, as in one class path): exports org.apache.camel.* at Camel's version, every import optional. The
     * TypeConverterLoader lists of the jars are concatenated; of the other duplicates the first is kept.
     */
    static Path camel(Path dir) throws Exception {
        Path merged = dir.resolve("camel-merged.jar");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Path jar : classPath("/org/apache/camel/")) {
            try (JarFile in = new JarFile(jar.toFile())) {
                for (JarEntry e : in.stream().filter(e -> !e.isDirectory()).toList()) {
                    if (e.getName().equals("META-INF/MANIFEST.MF") || e.getName().endsWith("jandex.idx")) {
                        continue;
                    }
                    byte[] bytes = read(in.getInputStream(e));
                    if (e.getName().equals("META-INF/services/org/apache/camel/TypeConverterLoader")) {
                        entries.merge(e.getName(), bytes, OsgiBundles::concat);
                    } else {
                        entries.putIfAbsent(e.getName(), bytes);
                    }
                }
            }
        }
        try (OutputStream file = Files.newOutputStream(merged); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Path bundle = dir.resolve("camel-" + CAMEL_VERSION + "-bundle.jar");
        try (Jar jar = new Jar(merged.toFile()); Analyzer analyzer = new Analyzer(jar)) {
            analyzer.setProperty("Bundle-SymbolicName", "org.apache.camel.wrapped");
            analyzer.setProperty("Bundle-Version", CAMEL_VERSION);
            analyzer.setProperty("Export-Package", "org.apache.camel.*;version=" + CAMEL_VERSION);
            analyzer.setProperty("Import-Package", "*;resolution:=optional");
            analyzer.setProperty("DynamicImport-Package", "*");
            analyzer.setProperty("-noimportjava", "true");
            jar.setManifest(analyzer.calcManifest());
            jar.write(bundle.toFile());
        }
        return bundle;
    }

    /** The route bundle: the classes of {@code io.camelzendesk.karaf.route}, its activator, imports computed. */
    static Path routeBundle(Path dir, Path camel, Path component) throws Exception {
        Path bundle = dir.resolve("zendesk-route-bundle.jar");
        try (Builder b = new Builder()) {
            b.addClasspath(classPath("camel-zendesk-karaf/target/test-classes").get(0).toFile());
            b.addClasspath(camel.toFile());
            b.addClasspath(component.toFile());
            b.addClasspath(classPath("org.apache.felix.framework").get(0).toFile()); // org.osgi.framework
            b.setProperty("Bundle-SymbolicName", "io.camelzendesk.karaf.route");
            b.setProperty("Bundle-Version", "1.0.0");
            b.setProperty("Private-Package", "io.camelzendesk.karaf.route");
            b.setProperty("Bundle-Activator", "io.camelzendesk.karaf.route.ZendeskRouteActivator");
            b.setProperty("Import-Package", "*");
            b.setProperty("-noimportjava", "true");
            try (Jar jar = b.build()) {
                if (!b.getErrors().isEmpty()) {
                    throw new IllegalStateException("route bundle: " + b.getErrors());
                }
                jar.write(bundle.toFile());
            }
        }
        return bundle;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + 1 + b.length);
        both[a.length] = '\n';
        System.arraycopy(b, 0, both, a.length + 1, b.length);
        return both;
    }
}
