package io.camelzendesk.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Zendesk's endpoint limits on top of the account's budget: per ticket, per account, per organization. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(requestsPerMinute = 0, endpointLimits = true)
class EndpointLimitsTest {

    @Test
    void thirtyUpdatesOfOneTicketPerTenMinutesThenA429ThatLeavesOtherTicketsAlone(@EmulatorBaseUrl String base,
                                                                                  EmulatorAdmin admin) {
        Api api = new Api(base);
        long hot = admin.createTicket(java.util.Map.of("subject", "hot", "description", "d")).get("id").asLong();
        long cold = admin.createTicket(java.util.Map.of("subject", "cold", "description", "d")).get("id").asLong();
        for (int i = 0; i < 30; i++) {
            Api.Res r = api.put("/api/v2/tickets/" + hot + ".json", "{\"ticket\":{\"tags\":[\"t" + i + "\"]}}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("zendesk-ratelimit-tickets-update")).startsWith("total=100; remaining=" + (99 - i)
                    + "; resets=");
        }
        Api.Res refused = api.put("/api/v2/tickets/" + hot + ".json", "{\"ticket\":{\"tags\":[\"late\"]}}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(590, 600);
        // the account's endpoint budget still has room: the header does not name the per-ticket limit
        assertThat(refused.header("zendesk-ratelimit-tickets-update")).contains("remaining=70");
        assertThat(admin.get("tickets", hot).orElseThrow().get("tags").toString()).doesNotContain("late");
        assertThat(api.put("/api/v2/tickets/" + cold + ".json", "{\"ticket\":{\"tags\":[\"x\"]}}").status())
                .isEqualTo(200);
        assertThat(admin.endpointLimitRefusals()).containsEntry("tickets-update/ticket", 1);
    }

    @Test
    void organizationUpdatesFivePerMinuteWithZendesksBody(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        long org = admin.createOrganization(java.util.Map.of("name", "Acme")).get("id").asLong();
        for (int i = 0; i < 5; i++) {
            assertThat(api.put("/api/v2/organizations/" + org, "{\"organization\":{\"notes\":\"n" + i + "\"}}")
                    .status()).isEqualTo(200);
        }
        Api.Res refused = api.put("/api/v2/organizations/" + org, "{\"organization\":{\"notes\":\"late\"}}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().at("/errors/0/code").asText()).isEqualTo("TooManyRequests");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("zendesk-ratelimit"));
    }

    @Test
    void userUpdatesFivePerMinutePerUserAndNoAccountWideLimit(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        Api api = new Api(base);
        long a = admin.createUser(java.util.Map.of("name", "A", "email", "a@example.com")).get("id").asLong();
        long b = admin.createUser(java.util.Map.of("name", "B", "email", "b@example.com")).get("id").asLong();
        // Zendesk: "10 calls per second as long as you make five calls for one user and five for another"
        for (int i = 0; i < 5; i++) {
            assertThat(api.put("/api/v2/users/" + a, "{\"user\":{\"notes\":\"a\"}}").status()).isEqualTo(200);
            assertThat(api.put("/api/v2/users/" + b, "{\"user\":{\"notes\":\"b\"}}").status()).isEqualTo(200);
        }
        Api.Res refused = api.put("/api/v2/users/" + a, "{\"user\":{\"notes\":\"late\"}}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(admin.endpointLimitRefusals()).containsEntry("create-update-user/user", 1);
    }

    @Test
    void offByDefaultAndAfterReset(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        admin.setEndpointLimits(false);
        Api api = new Api(base);
        long org = admin.createOrganization(java.util.Map.of("name", "Free")).get("id").asLong();
        for (int i = 0; i < 8; i++) {
            assertThat(api.put("/api/v2/organizations/" + org, "{\"organization\":{\"notes\":\"n\"}}").status())
                    .isEqualTo(200);
        }
        assertThat(admin.endpointLimitRefusals()).isEmpty();
    }
}
