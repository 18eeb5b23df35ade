package io.camelzendesk.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import org.apache.camel.quarkus.core.deployment.spi.CamelServiceBuildItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native readiness without a native build (no GraalVM here): what the build hands to native-image, read from the
 * build items of a Quarkus build of an application with the extension, compared with what the component's jar
 * actually holds ({@link ComponentJar}).
 * <p>
 * A build step added to the build chain records the items; it runs in the build's class loader and the tests in the
 * application's, so the record travels as a generated resource of the application.
 */
class ZendeskNativeRegistrationsTest {

    private static final String RECORD = "zendesk-native-registrations.txt";
    private static final String SERVICES = "META-INF/services/org/apache/camel/";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ComponentJar.class, ApplicationBean.class, ApplicationBean.Rejected.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .addBuildChainCustomizer(recordRegistrations());

    @Test
    void everyModelClassIsReflectiveWithConstructorsMethodsAndFields() {
        List<String> models = ComponentJar.classesIn("io.camelzendesk.model");
        assertThat(models).as("model classes in the component jar")
                .contains("io.camelzendesk.model.Ticket", "io.camelzendesk.model.Webhook",
                        "io.camelzendesk.model.WebhookEvent", "io.camelzendesk.model.BulkResult",
                        "io.camelzendesk.model.BulkResult$Item", "io.camelzendesk.model.ZendeskObject",
                        "io.camelzendesk.model.ZendeskObjectDeserializer");
        Map<String, Set<String>> reflective = reflective();
        assertThat(models).allSatisfy(model -> assertThat(reflective.get(model)).as(model)
                .isNotNull().contains("constructors", "methods", "fields"));
    }

    @Test
    void everyZendeskExceptionIsReflectiveWithMethods() throws ClassNotFoundException {
        List<String> exceptions = new ArrayList<>();
        for (String name : concat(concat(ComponentJar.classesIn("io.camelzendesk.client"),
                ComponentJar.classesIn("io.camelzendesk.api")), ComponentJar.classesIn("io.camelzendesk.component"))) {
            if (Throwable.class.isAssignableFrom(Class.forName(name, false, getClass().getClassLoader()))) {
                exceptions.add(name);
            }
        }
        assertThat(exceptions).as("exceptions in the component jar")
                .contains("io.camelzendesk.client.ZendeskApiException",
                        "io.camelzendesk.client.ZendeskNotFoundException",
                        "io.camelzendesk.api.ZendeskBulkException");
        Map<String, Set<String>> reflective = reflective();
        assertThat(exceptions).allSatisfy(e -> assertThat(reflective.get(e)).as(e).isNotNull().contains("methods"));
    }

    @Test
    void theCamelServiceDescriptorsAndTheCatalogAreNativeResources() {
        List<String> metadata = ComponentJar.files().stream()
                .filter(f -> f.startsWith(SERVICES) || f.startsWith("META-INF/io/camelzendesk/") && f.endsWith(".json"))
                .toList();
        assertThat(metadata).as("Camel metadata in the component jar").contains(
                SERVICES + "component/zendesk",
                SERVICES + "configurer/zendesk-component",
                SERVICES + "configurer/zendesk-endpoint",
                SERVICES + "urifactory/zendesk-endpoint",
                SERVICES + "TypeConverterLoader",
                "META-INF/io/camelzendesk/component/zendesk.json");
        assertThat(recorded("resource")).containsAll(metadata);
    }

    /**
     * Camel Quarkus reads the descriptors at build time: the component one binds the component to the registry
     * (checked by {@link ZendeskExtensionSmokeTest}), the others (configurers, URI factory) become entries of the
     * factory finder a native image uses instead of the files; every class they name is reflective.
     */
    @Test
    void camelQuarkusResolvesEveryServiceAtBuildTimeAndRegistersItsClass() {
        List<String> descriptors = ComponentJar.files().stream()
                .filter(f -> f.startsWith(SERVICES) && ComponentJar.descriptor(f).getProperty("class") != null)
                .toList();
        assertThat(descriptors).as("service descriptors naming a class").contains(
                SERVICES + "component/zendesk", SERVICES + "configurer/zendesk-component",
                SERVICES + "configurer/zendesk-endpoint", SERVICES + "urifactory/zendesk-endpoint");
        Set<String> services = recorded("service");
        Map<String, Set<String>> reflective = reflective();
        assertThat(descriptors).allSatisfy(path -> {
            String type = ComponentJar.descriptor(path).getProperty("class");
            assertThat(reflective.get(type)).as(type).isNotNull().contains("methods");
            if (!path.startsWith(SERVICES + "component/")) {
                assertThat(services).as("factory finder entries").contains(path + " " + type);
            }
        });
    }

    /** A native build refused the examples app with the connect route: a SecureRandom made at build time. */
    @Test
    void theClassesHoldingRandomnessOrThreadsAreInitializedAtRunTime() {
        assertThat(recorded("runtime-init")).contains("io.camelzendesk.component.oauth.AuthorizationCodeFlow",
                "io.camelzendesk.component.oauth.TokenCipher", "io.camelzendesk.component.oauth.StoredGrantTokens");
    }

    @Test
    void theTokenStoreEntryIsReflectiveForJackson() {
        assertThat(reflective().get("io.camelzendesk.component.oauth.StoredGrant")).isNotNull()
                .contains("constructors", "methods", "fields");
    }

    @Test
    void theJdbcStateRepositoryIsReflectiveForBeansDeclaredByClassName() {
        assertThat(reflective().get("io.camelzendesk.component.position.JdbcStateRepository")).isNotNull()
                .contains("constructors", "methods");
    }

    /**
     * Routes read from files at run time name the application's classes: the native examples app failed with
     * ClassNotFoundException on its beans, then on the setter cacheSize its KeyFile inherits from Camel, then on
     * ${exception.class.simpleName} and ${exchangeProperty.attachments.size()} (an ArrayList).
     */
    @Test
    void theApplicationsClassesTheirInheritedSettersAndClassAreReflective() {
        Map<String, Set<String>> reflective = reflective();
        assertThat(reflective.get(ApplicationBean.class.getName())).isNotNull()
                .contains("constructors", "methods", "fields");
        assertThat(reflective.get(ApplicationBean.Rejected.class.getName())).isNotNull().contains("constructors");
        assertThat(reflective.get("org.apache.camel.support.processor.idempotent.FileIdempotentRepository"))
                .as("the superclass whose setters the bean inherits").isNotNull().contains("methods");
        assertThat(reflective.get("org.apache.camel.support.service.ServiceSupport"))
                .as("and its superclasses up to the JDK").isNotNull().contains("methods");
        assertThat(reflective.get("java.lang.Class")).as("${exception.class.simpleName}").isNotNull()
                .contains("methods");
        assertThat(reflective.get("java.util.ArrayList")).as("${exchangeProperty.attachments.size()}").isNotNull()
                .contains("methods");
    }

    @Test
    void theCamelZendeskFeatureIsInstalled() {
        assertThat(recorded("feature")).contains("camel-zendesk");
    }

    @Test
    void sslIsEnabledForNativeImages() {
        assertThat(recorded("ssl")).contains("camel-zendesk");
    }

    // ---- the record: one "kind value" line per registration

    private static Consumer<BuildChainBuilder> recordRegistrations() {
        return chain -> chain.addBuildStep(context -> {
            List<String> lines = new ArrayList<>();
            Map<String, Set<String>> reflective = new TreeMap<>();
            for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                for (String name : item.getClassNames()) {
                    Set<String> what = reflective.computeIfAbsent(name, n -> new TreeSet<>());
                    if (item.isConstructors()) {
                        what.add("constructors");
                    }
                    if (item.isMethods()) {
                        what.add("methods");
                    }
                    if (item.isFields()) {
                        what.add("fields");
                    }
                }
            }
            reflective.forEach((name, what) -> lines.add("reflective " + name + " " + String.join(",", what)));
            context.consumeMulti(NativeImageResourceBuildItem.class)
                    .forEach(item -> item.getResources().forEach(r -> lines.add("resource " + r)));
            context.consumeMulti(CamelServiceBuildItem.class).forEach(
                    s -> lines.add("service " + s.getPath().toString().replace('\\', '/') + " " + s.getType()));
            context.consumeMulti(FeatureBuildItem.class).forEach(f -> lines.add("feature " + f.getName()));
            context.consumeMulti(RuntimeInitializedClassBuildItem.class)
                    .forEach(r -> lines.add("runtime-init " + r.getClassName()));
            context.consumeMulti(ExtensionSslNativeSupportBuildItem.class)
                    .forEach(s -> lines.add("ssl " + s.getExtension()));
            context.produce(new GeneratedResourceBuildItem(RECORD,
                    String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        })
                .consumes(ReflectiveClassBuildItem.class)
                .consumes(NativeImageResourceBuildItem.class)
                .consumes(CamelServiceBuildItem.class)
                .consumes(FeatureBuildItem.class)
                .consumes(RuntimeInitializedClassBuildItem.class)
                .consumes(ExtensionSslNativeSupportBuildItem.class)
                .produces(GeneratedResourceBuildItem.class)
                .build();
    }

    private static List<String> record() {
        try (InputStream in = ZendeskNativeRegistrationsTest.class.getClassLoader().getResourceAsStream(RECORD)) {
            assertThat(in).as(RECORD + " written by the build").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values recorded for a kind ({@code resource}, {@code feature}, ...). */
    private static Set<String> recorded(String kind) {
        return record().stream().filter(l -> l.startsWith(kind + " "))
                .map(l -> l.substring(kind.length() + 1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Class name to what is reflective of it (constructors, methods, fields), over every registration. */
    private static Map<String, Set<String>> reflective() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String value : recorded("reflective")) {
            String[] parts = value.split(" ", -1);
            out.put(parts[0], new TreeSet<>(List.of(parts[1].split(","))));
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
