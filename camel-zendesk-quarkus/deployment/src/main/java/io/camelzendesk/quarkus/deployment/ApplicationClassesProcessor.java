package io.camelzendesk.quarkus.deployment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * What YAML and XML routes read from the file system at run time need in a native image. Such routes are not there
 * when the image is built (they are mounted, edited, replaced after it), so nothing can be derived from them; what
 * can be derived is what they may name:
 * <ul>
 * <li>the application's own classes (its root archive, not its dependencies): beans declared by {@code type:},
 * exceptions in {@code onException} and {@code doCatch}, bodies in {@code convertBodyTo}, methods called by
 * {@code bean:} and {@code ${bean:...}}; all of them reflective with constructors, methods and fields;</li>
 * <li>their superclasses outside the JDK, with methods: a bean extending Camel's {@code FileIdempotentRepository}
 * is configured through setters it inherits ({@code cacheSize});</li>
 * <li>the JDK types routes call methods on in simple expressions, with methods: {@code Class}
 * ({@code ${exception.class.simpleName}}), {@code String} ({@code ${header.x.startsWith('a')}}) and the usual
 * collections ({@code ${exchangeProperty.attachments.size()}}); Camel finds those methods by reflection on the
 * object's class.</li>
 * </ul>
 * A class from a dependency named only in a route is still the user's to declare (Camel Quarkus'
 * {@code quarkus.camel.native.reflection.include-patterns}); docs/quarkus.md says so.
 */
class ApplicationClassesProcessor {

    @BuildStep
    void reflectiveApplicationClasses(ApplicationArchivesBuildItem archives, CombinedIndexBuildItem combinedIndex,
            BuildProducer<ReflectiveClassBuildItem> reflective) {
        Set<String> application = new TreeSet<>();
        archives.getRootArchive().getIndex().getKnownClasses().forEach(c -> application.add(c.name().toString()));
        if (!application.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(application.toArray(String[]::new))
                    .constructors().methods().fields()
                    .reason(getClass().getName() + ": application classes routes read at run time may name").build());
        }
        Set<String> inherited = superclassesOutsideTheJdk(application, combinedIndex.getComputingIndex());
        inherited.removeAll(application);
        if (!inherited.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(inherited.toArray(String[]::new)).methods()
                    .reason(getClass().getName() + ": setters and getters application classes inherit").build());
        }
        reflective.produce(ReflectiveClassBuildItem.builder(JDK_TYPES_ROUTES_CALL.toArray(String[]::new)).methods()
                .reason(getClass().getName() + ": JDK types routes call methods on").build());
    }

    /** The JDK classes whose methods simple expressions call most ({@code .size()}, {@code .simpleName}, ...). */
    static final List<String> JDK_TYPES_ROUTES_CALL = List.of("java.lang.Class", "java.lang.String",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet");

    /** Every superclass of the given classes up to the first JDK class, in the order found. */
    static Set<String> superclassesOutsideTheJdk(Set<String> classes, IndexView index) {
        Set<String> found = new LinkedHashSet<>();
        for (String name : classes) {
            ClassInfo c = index.getClassByName(DotName.createSimple(name));
            while (c != null && c.superName() != null && !isJdk(c.superName().toString())) {
                String superName = c.superName().toString();
                if (!found.add(superName)) {
                    break;
                }
                c = index.getClassByName(c.superName());
            }
        }
        return found;
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
               || name.startsWith("sun.");
    }
}
