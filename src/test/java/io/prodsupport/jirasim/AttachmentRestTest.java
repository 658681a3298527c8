package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's attachment upload and comment pages, pinned with a plain HTTP client (not the production one). */
class AttachmentRestTest {
    @RegisterExtension
    JiraSimulatorExtension ext = JiraSimulatorExtension.cloud();

    private final OkHttpClient client = new OkHttpClient();
    private JiraSimulator sim;
    private SimUser bot;
    private SimUser carol;

    @BeforeEach
    void site() {
        sim = ext.sim();
        bot = sim.addUser("prodsupport-bot", "Bot", "bot@example.com", true);
        carol = sim.addUser("carol", "Carol", "carol@example.com", false);
        sim.addProject("OPS", "Operations", carol);
    }

    private Response upload(String key, boolean xsrfToken, String field) throws Exception {
        RequestBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(field, "notes.txt", RequestBody.create("hello", MediaType.get("text/plain")))
                .build();
        Request.Builder request = new Request.Builder()
                .url(sim.baseUrl() + "/rest/api/2/issue/" + key + "/attachments")
                .header("Authorization", SimHttp.authorization(sim.flavour(), bot))
                .post(body);
        if (xsrfToken) {
            request.header("X-Atlassian-Token", "no-check");
        }
        return client.newCall(request.build()).execute();
    }

    @Test
    void an_upload_without_the_xsrf_header_is_refused_as_jira_does() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);

        try (Response r = upload(key, false, "file")) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).isEqualTo("XSRF check failed");
        }
        assertThat(sim.issue(key).attachments()).isEmpty();
    }

    @Test
    void an_upload_answers_the_list_of_files_and_fires_an_issue_update() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);
        sim.webhooks().awaitIdle(java.time.Duration.ofSeconds(5));
        RecordingReceiver receiver = new RecordingReceiver();
        sim.webhooks().register(receiver.url(), null);

        try (Response r = upload(key, true, "file")) {
            assertThat(r.code()).isEqualTo(200);
            JsonNode files = new ObjectMapper().readTree(r.body().string());
            assertThat(files.at("/0/filename").asText()).isEqualTo("notes.txt");
            assertThat(files.at("/0/size").asLong()).isEqualTo(5);
        }
        assertThat(new String(sim.issue(key).attachments().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        sim.webhooks().awaitIdle(java.time.Duration.ofSeconds(5));
        receiver.close();
        assertThat(receiver.received()).singleElement().satisfies(hook -> {
            JsonNode update = new ObjectMapper().readTree(hook.body());
            assertThat(update.path("webhookEvent").asText()).isEqualTo("jira:issue_updated");
            assertThat(update.at("/changelog/items/0/fieldId").asText()).isEqualTo("attachment");
            assertThat(update.at("/changelog/items/0/toString").asText()).isEqualTo("notes.txt");
        });
    }

    @Test
    void a_part_not_named_file_is_not_an_attachment() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);

        try (Response r = upload(key, true, "upload")) {
            assertThat(r.code()).isEqualTo(400);
        }
    }
}
