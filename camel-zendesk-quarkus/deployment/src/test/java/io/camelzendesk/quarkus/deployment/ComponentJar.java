package io.camelzendesk.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import io.camelzendesk.component.ZendeskComponent;

/**
 * What the component's jar (or classes directory, in the reactor) actually holds, read from the class path on its
 * own: the tests compare the extension's registrations with this, not with a list of their own.
 */
final class ComponentJar {

    private static final String ANCHOR = ZendeskComponent.class.getName().replace('.', '/') + ".class";

    private ComponentJar() {
    }

    /** Every file of the component's jar, as a {@code /}-separated path from its root. */
    static List<String> files() {
        URL url = ComponentJar.class.getClassLoader().getResource(ANCHOR);
        if (url == null) {
            throw new IllegalStateException(ANCHOR + " is not on the class path");
        }
        try {
            if (url.getProtocol().equals("jar")) {
                String spec = url.getPath(); // file:/.../camel-zendesk-component-x.jar!/io/camelzendesk/...
                try (JarFile jar = new JarFile(Path.of(URI.create(spec.substring(0, spec.indexOf("!/")))).toFile())) {
                    return jar.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).sorted().toList();
                }
            }
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = ANCHOR.split("/").length; i > 0; i--) {
                root = root.getParent();
            }
            Path base = root;
            try (Stream<Path> walk = Files.walk(base)) {
                return walk.filter(Files::isRegularFile).map(p -> base.relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class names of the component's {@code .class} files under a package, nested classes included. */
    static List<String> classesIn(String packageName) {
        String dir = packageName.replace('.', '/') + "/";
        return files().stream()
                .filter(f -> f.startsWith(dir) && f.endsWith(".class") && f.indexOf('/', dir.length()) < 0)
                .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                .filter(name -> !name.endsWith(".package-info"))
                .toList();
    }

    /** A Camel service descriptor of the component, read as Camel reads it (a properties file). */
    static Properties descriptor(String path) {
        Properties p = new Properties();
        try (InputStream in = ComponentJar.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
