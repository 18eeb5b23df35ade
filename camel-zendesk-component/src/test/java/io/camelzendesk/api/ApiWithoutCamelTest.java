package io.camelzendesk.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API layer is usable without Camel: neither its sources nor its compiled classes refer to org.apache.camel. */
class ApiWithoutCamelTest {

    private static final Path SOURCES = Path.of("src/main/java/io/camelzendesk/api");
    private static final Path CLASSES = Path.of("target/classes/io/camelzendesk/api");

    @Test
    void noSourceOfTheApiPackageImportsCamel() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path source : files(SOURCES, ".java")) {
            if (Files.readString(source).contains("org.apache.camel")) {
                offenders.add(source.getFileName().toString());
            }
        }
        assertThat(files(SOURCES, ".java")).as("the api sources").hasSizeGreaterThan(10);
        assertThat(offenders).as("api sources naming org.apache.camel").isEmpty();
    }

    @Test
    void noClassOfTheApiPackageRefersToCamel() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path classFile : files(CLASSES, ".class")) {
            // a class's constant pool holds the names of every class it uses, in internal form
            String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            if (constants.contains("org/apache/camel")) {
                offenders.add(classFile.getFileName().toString());
            }
        }
        assertThat(files(CLASSES, ".class")).as("the compiled api classes").hasSizeGreaterThan(10);
        assertThat(offenders).as("api classes referring to org.apache.camel").isEmpty();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
