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
        String yaml = """
                - route:
                    from:
                      uri: zendesk:webhook?path=/hooks&signingSecret=s3cr3t
                      steps:
                        - to:
                            uri: zendesk:users?operation=me&email=a@b.c&apiToken=tok1&oauthToken=&clientId={{id}}
                        - to:
                            uri: "kamelet:zendesk-sink?apiToken=RAW(t&k)&x=1"
                        - to:
                            uri: 'zendesk:tickets?clientSecret=it''s&operation=get'
                        - to:
                            uri: "zendesk:tickets?clientSecret=q\\"uote&operation=get"
                """;
        assertThat(MaskingModelDumpers.mask(yaml)).isEqualTo("""
                - route:
                    from:
                      uri: zendesk:webhook?path=/hooks&signingSecret=xxxxxx
                      steps:
                        - to:
                            uri: zendesk:users?operation=me&email=xxxxxx&apiToken=xxxxxx&oauthToken=&clientId={{id}}
                        - to:
                            uri: "kamelet:zendesk-sink?apiToken=xxxxxx&x=1"
                        - to:
                            uri: 'zendesk:tickets?clientSecret=xxxxxx&operation=get'
                        - to:
                            uri: "zendesk:tickets?clientSecret=xxxxxx&operation=get"
                """);
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
                              apiToken: tok1
                              email: a@b.c
                              oauthToken: ""
                              clientSecret: "{{secret}}"
                        - log:
                            message: "email: ${header.email}"
                """;
        assertThat(MaskingModelDumpers.mask(yaml)).isEqualTo("""
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
                              apiToken: xxxxxx
                              email: xxxxxx
                              oauthToken: ""
                              clientSecret: "{{secret}}"
                        - log:
                            message: "email: ${header.email}"
                """);
    }

    @Test
    void leavesADumpWithoutSecretsAsItIs() {
        String yaml = "- route:\n    from:\n      uri: timer:x?period=1000&email=\n";
        assertThat(MaskingModelDumpers.mask(yaml)).isSameAs(yaml);
        assertThat(MaskingModelDumpers.mask(null)).isNull();
    }
}
