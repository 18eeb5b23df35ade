package io.camelzendesk.quarkus.deployment;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.quarkus.deployment.ApplicationArchive;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import org.apache.camel.quarkus.core.deployment.spi.CamelServiceDestination;
import org.apache.camel.quarkus.core.deployment.spi.CamelServicePatternBuildItem;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.component.ZendeskComponent;
import io.camelzendesk.model.ZendeskObject;

/**
 * Build steps of the camel-zendesk extension. Camel Quarkus core already turns the component's service descriptors
 * into build-time factory-finder entries and registers the classes they name (component, configurers, URI factory)
 * for reflection, and loads its type converters at build time; this processor adds what is specific to the
 * component: its models and exceptions for reflection, its Camel metadata files as native resources, and HTTPS.
 * Everything is discovered from the component's jar and Jandex index, so a new model class is covered without a
 * change here.
 */
class ZendeskProcessor {

    static final String FEATURE = "camel-zendesk";

    private static final DotName MODEL_PACKAGE = DotName.createSimple(ZendeskObject.class.getPackageName());
    private static final DotName ZENDESK_EXCEPTION = DotName.createSimple(ZendeskException.class.getName());
    private static final DotName STATE_REPOSITORY = DotName.createSimple("org.apache.camel.spi.StateRepository");
    private static final String COMPONENT_PACKAGE = ZendeskComponent.class.getPackageName() + ".";
    /** Where the component's Camel metadata lives in its jar: service descriptors and the JSON catalog. */
    private static final String SERVICES = "META-INF/services/org/apache/camel/";
    private static final String CATALOG = "META-INF/" + ZendeskComponent.class.getPackageName().replace('.', '/') + "/";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The {@code zendesk} dev console: Camel finds it through its descriptor, which Camel Quarkus does not pick up
     * by default (its own consoles come with camel-quarkus-console); discovered at build time, its class reflective.
     */
    @BuildStep
    CamelServicePatternBuildItem devConsole() {
        return new CamelServicePatternBuildItem(CamelServiceDestination.DISCOVERY, true, SERVICES + "dev-console/zendesk");
    }

    /** The Zendesk API is HTTPS only: a native image must include the JDK's SSL support. */
    @BuildStep
    ExtensionSslNativeSupportBuildItem ssl() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /**
     * The component jar in the combined index (and an application archive, so Camel Quarkus finds its services),
     * whether or not it carries its own {@code META-INF/jandex.idx}.
     */
    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem("io.camelzendesk", "camel-zendesk-component");
    }

    /**
     * Every class of {@code io.camelzendesk.model}, nested ones and the Jackson deserializer included: Jackson
     * creates the models through their no-argument constructors and the deserializer through its own, records
     * ({@code BulkResult}) are serialized through their accessors, and routes read models through getters
     * ({@code ${body.status}}) and name them ({@code convertBodyTo: io.camelzendesk.model.Ticket}).
     */
    @BuildStep
    ReflectiveClassBuildItem reflectiveModels(CombinedIndexBuildItem combinedIndex) {
        String[] models = combinedIndex.getIndex().getClassesInPackage(MODEL_PACKAGE).stream()
                .map(c -> c.name().toString())
                .sorted()
                .toArray(String[]::new);
        return ReflectiveClassBuildItem.builder(models).constructors().methods().fields()
                .reason(getClass().getName() + ": Zendesk models").build();
    }

    /**
     * The exceptions routes name ({@code onException}, {@code doCatch} by class name in YAML) and read
     * ({@code ${exception.status}}, {@code ${exception.result}}).
     */
    @BuildStep
    ReflectiveClassBuildItem reflectiveExceptions(CombinedIndexBuildItem combinedIndex) {
        IndexView index = combinedIndex.getIndex();
        String[] exceptions = Stream.concat(Stream.of(ZENDESK_EXCEPTION),
                index.getAllKnownSubclasses(ZENDESK_EXCEPTION).stream().map(ClassInfo::name))
                .map(DotName::toString)
                .sorted()
                .toArray(String[]::new);
        return ReflectiveClassBuildItem.builder(exceptions).methods()
                .reason(getClass().getName() + ": Zendesk exceptions").build();
    }

    /**
     * Classes whose static state must not be made at build time: a {@code SecureRandom} seeded then would be in the
     * image heap (native-image refuses it: every start would draw the same states and keys), and a thread pool.
     */
    static final List<String> RUNTIME_INITIALIZED = List.of("io.camelzendesk.component.oauth.AuthorizationCodeFlow",
            "io.camelzendesk.component.oauth.TokenCipher", "io.camelzendesk.component.oauth.StoredGrantTokens");

    @BuildStep
    void runtimeInitialized(BuildProducer<RuntimeInitializedClassBuildItem> classes) {
        RUNTIME_INITIALIZED.forEach(c -> classes.produce(new RuntimeInitializedClassBuildItem(c)));
    }

    /** The token store's entries: Jackson reads and writes the record {@code StoredGrant} through its accessors. */
    @BuildStep
    ReflectiveClassBuildItem reflectiveStoredGrant() {
        return ReflectiveClassBuildItem.builder("io.camelzendesk.component.oauth.StoredGrant").constructors().methods()
                .fields().reason(getClass().getName() + ": OAuth token store entries").build();
    }

    /**
     * The component's state repositories ({@code JdbcStateRepository}): users declare them by class name as beans
     * (YAML {@code beans:}, {@code camel.beans.*}) and set their properties through setters.
     */
    @BuildStep
    ReflectiveClassBuildItem reflectiveStateRepositories(CombinedIndexBuildItem combinedIndex) {
        String[] repositories = combinedIndex.getIndex().getAllKnownImplementors(STATE_REPOSITORY).stream()
                .filter(c -> c.name().toString().startsWith(COMPONENT_PACKAGE))
                .map(c -> c.name().toString())
                .sorted()
                .toArray(String[]::new);
        return ReflectiveClassBuildItem.builder(repositories).constructors().methods()
                .reason(getClass().getName() + ": state repositories").build();
    }

    /**
     * The component's Camel service descriptors (component, configurers, URI factory, type converter loader) and
     * its JSON catalog, as they are in its jar, for any lookup by resource in a native image.
     */
    @BuildStep
    NativeImageResourceBuildItem camelMetadata(ApplicationArchivesBuildItem archives) {
        ApplicationArchive component = archives.containingArchive(ZendeskComponent.class.getName());
        List<String> resources = new ArrayList<>();
        component.accept(tree -> tree.walk(visit -> {
            String path = visit.getRelativePath("/");
            if (Files.isRegularFile(visit.getPath())
                    && (path.startsWith(SERVICES) || path.startsWith(CATALOG) && path.endsWith(".json"))) {
                resources.add(path);
            }
        }));
        resources.sort(null);
        return new NativeImageResourceBuildItem(resources);
    }
}
