package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Help Center categories, sections, articles, translations, search and incremental export. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(seed = 20, requestsPerMinute = 0, incrementalRequestsPerMinute = 0, recentExclusionMillis = 0)
class HelpCenterTest {

    @Test
    void articleLifecycle(@EmulatorBaseUrl String base) {
        Api api = new Api(base);
        long cat = api.post("/api/v2/help_center/categories.json", "{\"category\":{\"name\":\"FAQ\"}}").json().get("category").get("id").asLong();
        Api.Res sec = api.post("/api/v2/help_center/categories/" + cat + "/sections.json", "{\"section\":{\"name\":\"General\"}}");
        assertThat(sec.status()).isEqualTo(201);
        long section = sec.json().get("section").get("id").asLong();

        Api.Res missing = api.post("/api/v2/help_center/sections/" + section + "/articles.json", "{\"article\":{\"title\":\"No group\",\"body\":\"<p>x</p>\"}}");
        assertThat(missing.status()).isEqualTo(422);
        long pg = api.get("/api/v2/guide/permission_groups.json").json().get("permission_groups").get(0).get("id").asLong();
        Api.Res created = api.post("/api/v2/help_center/en-us/sections/" + section + "/articles.json", "{\"article\":{\"title\":\"Reset the flux capacitor\","
                + "\"body\":\"<p>Turn it off and on.</p>\",\"locale\":\"en-us\",\"user_segment_id\":null,\"permission_group_id\":" + pg
                + ",\"label_names\":[\"flux\"]}}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode article = created.json().get("article");
        long id = article.get("id").asLong();
        assertThat(article.get("section_id").asLong()).isEqualTo(section);
        assertThat(article.get("locale").asText()).isEqualTo("en-us");

        assertThat(api.get("/api/v2/help_center/sections/" + section + "/articles.json").json().get("articles")).hasSize(1);
        JsonNode list = api.get("/api/v2/help_center/articles.json").json();
        assertThat(list.get("per_page").asInt()).isEqualTo(30);
        assertThat(list.get("count").asInt()).isGreaterThan(10);

        // metadata update ignores title; translation update changes it
        JsonNode meta = api.put("/api/v2/help_center/articles/" + id + ".json", "{\"article\":{\"promoted\":true,\"title\":\"ignored\"}}").json().get("article");
        assertThat(meta.get("promoted").asBoolean()).isTrue();
        assertThat(meta.get("title").asText()).isEqualTo("Reset the flux capacitor");
        Api.Res tr = api.put("/api/v2/help_center/articles/" + id + "/translations/en-us.json", "{\"translation\":{\"title\":\"Reset it\",\"body\":\"<p>New</p>\"}}");
        assertThat(tr.status()).isEqualTo(200);
        assertThat(tr.json().get("translation").get("locale").asText()).isEqualTo("en-us");
        assertThat(api.get("/api/v2/help_center/articles/" + id + ".json").json().get("article").get("title").asText()).isEqualTo("Reset it");
        assertThat(api.put("/api/v2/help_center/articles/" + id + "/translations/fr.json", "{\"translation\":{\"title\":\"x\"}}").status()).isEqualTo(404);
        assertThat(api.post("/api/v2/help_center/articles/" + id + "/translations.json", "{\"translation\":{\"locale\":\"fr\",\"title\":\"Réinitialiser\",\"body\":\"<p>x</p>\"}}").status())
                .isEqualTo(201);
        assertThat(api.get("/api/v2/help_center/articles/" + id + "/translations.json").json().get("translations")).hasSize(2);

        JsonNode found = api.get("/api/v2/help_center/articles/search.json?query=" + Api.enc("reset it")).json();
        assertThat(found.get("results")).extracting(r -> r.get("id").asLong()).contains(id);
        assertThat(found.get("results").get(0).get("result_type").asText()).isEqualTo("article");

        long start = Instant.now().minusSeconds(3600).getEpochSecond();
        JsonNode inc = api.get("/api/v2/help_center/incremental/articles.json?start_time=" + start).json();
        assertThat(inc.get("articles")).extracting(a -> a.get("id").asLong()).contains(id);
        assertThat(inc.has("end_time")).isTrue();

        assertThat(api.delete("/api/v2/help_center/articles/" + id + ".json").status()).isEqualTo(204);
        assertThat(api.get("/api/v2/help_center/articles/" + id + ".json").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/help_center/sections/" + section + "/articles.json").json().get("articles")).isEmpty();
    }
}
