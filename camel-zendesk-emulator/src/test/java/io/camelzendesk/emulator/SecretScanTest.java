package io.camelzendesk.emulator;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secrets of the "nothing prints a secret" tests, and their scan. */
class SecretScanTest {
    private final SecretScan scan = new SecretScan("Zq");

    @Test
    void everySecretOptionHasAValueWithTheTestsTag() {
        assertThat(scan.secrets()).hasSize(12)
                .containsEntry("component email", "comp-mail-zq81@example.com")
                .containsEntry("component signingSecret", "compSigningSecretZq86")
                .containsEntry("uri clientSecret", "uriClientSecretZq95");
        assertThat(scan.uriToken()).isEqualTo("&email=uri-mail-zq91@example.com&apiToken=uriApiTokenZq92"
                                              + "&oauthToken=&clientId=&clientSecret=");
        assertThat(scan.uriClient()).endsWith("&clientId=uriClientIdZq94&clientSecret=RAW(uriClientSecretZq95)");
        assertThatThrownBy(() -> scan.secret("component password")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeakNamesTheSecretAndWhereItWasPrinted() {
        assertThat(scan.leaks("the log", "token compApiTokenZq82 sent as uriOauthTokenZq93"))
                .containsExactly("component apiToken printed by the log", "uri oauthToken printed by the log");
        assertThat(scan.leaks("the log", "apiToken=xxxxxx")).isEmpty();
        assertThat(scan.leaks("nothing", null)).isEmpty();
    }

    @Test
    void theRefusingZendeskAnswers401() throws Exception {
        HttpServer zendesk = SecretScan.refusingZendesk();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + zendesk.getAddress().getPort() + "/api/v2/users/me.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"error\":\"Couldn't authenticate you\"}");
        } finally {
            zendesk.stop(0);
        }
    }
}
