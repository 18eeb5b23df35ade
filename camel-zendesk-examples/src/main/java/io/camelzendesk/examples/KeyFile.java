package io.camelzendesk.examples;

import java.io.File;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * A file-backed idempotent repository configurable with a path string (YAML beans bind strings; Camel Quarkus
 * has no String-to-File converter when the routes are pre-parsed).
 */
public class KeyFile extends FileIdempotentRepository {

    public void setPath(String path) {
        File file = new File(path);
        if (file.getParentFile() != null) {
            file.getParentFile().mkdirs();
        }
        setFileStore(file);
    }
}
