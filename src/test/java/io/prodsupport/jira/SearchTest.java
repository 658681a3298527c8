package io.prodsupport.jira;

import static io.prodsupport.jira.ScriptedJira.body;
import static io.prodsupport.jira.ScriptedJira.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchTest {

    private final ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
    private final HttpJiraClient client = jira.client();

    @AfterEach
    void stop() {
        client.close();
        jira.close();
    }

    private static String issues(String... keys) {
        return String.join(
                ",",
                Stream.of(keys)
                        .map(k -> "{\"id\":\"1\",\"key\":\"" + k + "\",\"fields\":{}}")
                        .toList());
    }

    @Test
    void cloud_search_pages_with_next_page_token_and_fetches_a_page_only_when_consumed() {
        jira.answerServerInfo("Cloud");
        jira.answer(
                200, "{\"issues\":[" + issues("OPS-1", "OPS-2") + "],\"nextPageToken\":\"tok-2\",\"isLast\":false}");
        jira.answer(200, "{\"issues\":[" + issues("OPS-3") + "],\"isLast\":true}");

        Iterator<Issue> found =
                client.search("project = OPS", List.of("summary")).iterator();
        assertThat(jira.server.getRequestCount())
                .as("serverInfo only; no page yet")
                .isEqualTo(1);

        assertThat(found.next().key()).isEqualTo("OPS-1");
        assertThat(found.next().key()).isEqualTo("OPS-2");
        assertThat(jira.server.getRequestCount())
                .as("second page not requested yet")
                .isEqualTo(2);

        assertThat(found.next().key()).isEqualTo("OPS-3");
        assertThat(found.hasNext()).isFalse();
        assertThat(jira.server.getRequestCount()).isEqualTo(3);

        jira.take();
        RecordedRequest first = jira.take();
        RecordedRequest second = jira.take();
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/rest/api/2/search/jql");
        assertThat(body(first))
                .isEqualTo(parse("{\"jql\":\"project = OPS\",\"fields\":[\"summary\"],\"maxResults\":100}"));
        assertThat(body(second).get("nextPageToken").asText()).isEqualTo("tok-2");
    }

    @Test
    void data_center_search_stops_after_the_pages_the_stream_needs() {
        jira.answerServerInfo("Server");
        jira.answer(200, "{\"startAt\":0,\"maxResults\":2,\"total\":3,\"issues\":[" + issues("OPS-1", "OPS-2") + "]}");

        Stream<Issue> found = client.search("project = OPS", List.of("summary"));
        assertThat(found.limit(2).map(Issue::key)).containsExactly("OPS-1", "OPS-2");

        assertThat(jira.server.getRequestCount()).as("serverInfo and one page").isEqualTo(2);
        jira.take();
        RecordedRequest first = jira.take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/rest/api/2/search");
        assertThat(body(first))
                .isEqualTo(
                        parse("{\"jql\":\"project = OPS\",\"fields\":[\"summary\"],\"maxResults\":100,\"startAt\":0}"));
    }

    @Test
    void data_center_search_pages_with_start_at_until_the_total_is_reached() {
        jira.answerServerInfo("Server");
        jira.answer(200, "{\"startAt\":0,\"maxResults\":2,\"total\":3,\"issues\":[" + issues("OPS-1", "OPS-2") + "]}");
        jira.answer(200, "{\"startAt\":2,\"maxResults\":2,\"total\":3,\"issues\":[" + issues("OPS-3") + "]}");

        assertThat(client.search("project = OPS", List.of("summary")).map(Issue::key))
                .containsExactly("OPS-1", "OPS-2", "OPS-3");

        assertThat(jira.server.getRequestCount()).as("no page after the total").isEqualTo(3);
        jira.take();
        assertThat(body(jira.take()).get("startAt").asInt()).isZero();
        assertThat(body(jira.take()).get("startAt").asInt())
                .as("advanced by what Jira returned")
                .isEqualTo(2);
    }

    @Test
    void an_empty_page_ends_the_search_even_if_jira_offers_another_token() {
        jira.answerServerInfo("Cloud");
        jira.answer(200, "{\"issues\":[],\"nextPageToken\":\"again\"}");

        assertThat(client.search("project = OPS", List.of("summary"))).isEmpty();
        assertThat(jira.server.getRequestCount()).isEqualTo(2);
    }
}
