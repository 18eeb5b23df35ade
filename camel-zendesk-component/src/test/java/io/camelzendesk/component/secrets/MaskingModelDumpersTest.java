package io.camelzendesk.component.secrets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the masking route dumpers replace in the text of Camel's dumps: every secret option's value in a URI of a
 * YAML or XML dump, with what those formats escape in it, and under a YAML {@code parameters:} block; nothing else
 * (placeholders, blanked options, other options and components stay as dumped). The dumps of real routes by
 * camel-main, the route-dump console and JMX: {@code SecretsNotPrintedMainTest} in camel-zendesk-examples-main.
 */
class MaskingModelDumpersTest {

    @Test
    void masksTheSecretsOfAYamlUriAndKeepsTheRest() {
        // the same routes before and after: only the values of the secret options change
        String yaml = """
                - route:
                    from:
                      uri: zendesk:webhook?path=/hooks&signingSecret=%s
                      steps:
                        - to:
                            uri: zendesk:users?operation=me&email=%s&apiToken=%s&oauthToken=&clientId={{id}}
                        - to:
                            uri: "kamelet:zendesk-sink?apiToken=%s&x=1"
                        - to:
                            uri: 'zendesk:tickets?clientSecret=%s&operation=get'
                        - to:
                            uri: "zendesk:tickets?clientSecret=%s&operation=get"
                """;
        assertThat(MaskingModelDumpers.mask(yaml.formatted("s3cr3t", "a@b.c", "tok1", "RAW(t&k)", "it''s", "q\\\"uote")))
                .isEqualTo(yaml.formatted("xxxxxx", "xxxxxx", "xxxxxx", "xxxxxx", "xxxxxx", "xxxxxx"));
    }

    @Test
    void masksTheSecretsOfAnXmlAttributeWithItsEntities() {
        String xml = "<to uri=\"zendesk:users?operation=me&amp;apiToken=a&quot;b&lt;c&amp;clientSecret=RAW(x y)"
                     + "&amp;email=\"/>\n<from uri=\"zendesk:webhook?signingSecret=zz\"/>";
        assertThat(MaskingModelDumpers.mask(xml)).isEqualTo(
                "<to uri=\"zendesk:users?operation=me&amp;apiToken=xxxxxx&amp;clientSecret=xxxxxx&amp;email=\"/>\n"
                                                            + "<from uri=\"zendesk:webhook?signingSecret=xxxxxx\"/>");
    }

    @Test
    void masksTheSecretKeysOfYamlParameterBlocksOnly() {
        // the same route before and after: only apiToken and email of the zendesk endpoint's parameters change
        String yaml = """
                - route:
                    from:
                      uri: direct
                      parameters:
                        name: apiToken
                      steps:
                        - setHeader:
                            name: email
                        - to:
                            uri: zendesk
                            parameters:
                              resource: users
                              apiToken: %s
                              email: %s
                              oauthToken: ""
                              clientSecret: "{{secret}}"
                        - log:
                            message: "email: ${header.email}"
                """;
        assertThat(MaskingModelDumpers.mask(yaml.formatted("tok1", "a@b.c"))).isEqualTo(yaml.formatted("xxxxxx", "xxxxxx"));
    }

    @Test
    void leavesADumpWithoutSecretsAsItIs() {
        String yaml = "- route:\n    from:\n      uri: timer:x?period=1000&email=\n";
        assertThat(MaskingModelDumpers.mask(yaml)).isSameAs(yaml);
        assertThat(MaskingModelDumpers.mask(null)).isNull();
    }
}
