package io.camelzendesk.jbang;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/** The {@code camel} command of Camel JBang, from camel-jbang-core: {@code java -cp ... CamelJBang run route.yaml}. */
public final class CamelJBang {

    private CamelJBang() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
