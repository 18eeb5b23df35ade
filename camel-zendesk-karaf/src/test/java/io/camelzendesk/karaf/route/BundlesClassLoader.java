package io.camelzendesk.karaf.route;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Classes and resources of several bundles, in order: what Camel's lookups of its services need in OSGi. */
final class BundlesClassLoader extends ClassLoader {

    private final ClassLoader[] bundles;

    BundlesClassLoader(ClassLoader... bundles) {
        super(null);
        this.bundles = bundles;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader bundle : bundles) {
            try {
                return bundle.loadClass(name);
            } catch (ClassNotFoundException e) {
                // the next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader bundle : bundles) {
            URL url = bundle.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (ClassLoader bundle : bundles) {
            all.addAll(Collections.list(bundle.getResources(name)));
        }
        return Collections.enumeration(all);
    }
}
