package io.camelzendesk.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import aQute.bnd.header.Parameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features file as built (target/feature/features.xml) against the component's manifest and against the features
 * of the newest Camel Karaf release ({@code camel-karaf.version}): the names it depends on exist there, and the
 * versions say why that release cannot host the component.
 */
class FeaturesFileTest {

    static final Path OURS = Path.of("target/feature/features.xml");
    static final Path CAMEL_KARAF = Path.of("target/camel-karaf/camel-karaf-features.xml");

    @TempDir
    Path work;

    @Test
    void theFeatureInstallsTheComponentBundleOnCamelKarafsFeatures() throws Exception {
        Element feature = feature(parse(OURS), "camel-zendesk");
        assertThat(feature.getAttribute("version")).isEqualTo(System.getProperty("project.version"));
        assertThat(texts(feature, "bundle")).containsExactly(
                "mvn:io.camelzendesk/camel-zendesk-component/" + feature.getAttribute("version"));
        assertThat(texts(feature, "feature")).containsExactly("camel-core", "camel-platform-http", "jackson");

        Document camelKaraf = parse(CAMEL_KARAF);
        for (String name : texts(feature, "feature")) {
            assertThat(feature(camelKaraf, name)).as("Camel Karaf defines the feature " + name).isNotNull();
        }
    }

    @Test
    void theFeatureAsksForTheCamelTheBundleImports() throws Exception {
        Element feature = feature(parse(OURS), "camel-zendesk");
        VersionRange featureRange = new VersionRange(dependency(feature, "camel-core").getAttribute("version"));
        VersionRange bundleRange = new VersionRange(importedVersion("org.apache.camel"));

        assertThat(featureRange).isEqualTo(bundleRange).isEqualTo(new VersionRange("[4.18,5)"));
    }

    @Test
    void theNewestCamelKarafShipsACamelAndAJacksonTooOldForTheBundle() throws Exception {
        Document camelKaraf = parse(CAMEL_KARAF);
        Version camel = new Version(feature(camelKaraf, "camel-core").getAttribute("version"));
        Version jackson = new Version(feature(camelKaraf, "jackson").getAttribute("version"));

        assertThat(new VersionRange(importedVersion("org.apache.camel")).includes(camel)).as("Camel " + camel).isFalse();
        assertThat(new VersionRange(importedVersion("com.fasterxml.jackson.databind")).includes(jackson))
                .as("Jackson " + jackson).isFalse();
    }

    String importedVersion(String pkg) throws Exception {
        try (JarFile jar = new JarFile(OsgiBundles.component(work).toFile())) {
            return new Parameters(jar.getManifest().getMainAttributes().getValue("Import-Package")).get(pkg)
                    .get("version");
        }
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The top-level feature of that name (the first, when a repository defines several versions). */
    static Element feature(Document features, String name) {
        NodeList all = features.getDocumentElement().getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i) instanceof Element e && e.getLocalName().equals("feature") && name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        return null;
    }

    static Element dependency(Element feature, String name) {
        NodeList children = feature.getElementsByTagNameNS("*", "feature");
        for (int i = 0; i < children.getLength(); i++) {
            if (name.equals(children.item(i).getTextContent().trim())) {
                return (Element) children.item(i);
            }
        }
        return null;
    }

    static List<String> texts(Element parent, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList children = parent.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < children.getLength(); i++) {
            texts.add(children.item(i).getTextContent().trim());
        }
        return texts;
    }
}
