package org.apache.camel.main.download;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Stands in for Camel JBang's class loader of the same name (camel-kamelet-main, not a dependency of this module):
 * ZendeskSchemeGuard recognises {@code camel run} by it.
 */
public class DependencyDownloaderClassLoader extends URLClassLoader {

    public DependencyDownloaderClassLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }
}
