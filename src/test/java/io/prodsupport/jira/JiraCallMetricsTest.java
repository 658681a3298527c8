package io.prodsupport.jira;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JiraCallMetricsTest {

    @ParameterizedTest
    @CsvSource({
        "/rest/api/2/issue/OPS-12, /rest/api/2/issue/{key}",
        "/rest/api/3/issue/OPS-12/comment/10002, /rest/api/3/issue/{key}/comment/{id}",
        "/rest/api/2/issue/10001/watchers, /rest/api/2/issue/{id}/watchers",
        "/rest/api/2/issue/OPS-12/properties/prodsupport.staffed, /rest/api/2/issue/{key}/properties/{properties}",
        "/rest/api/2/project/OPS/versions, /rest/api/2/project/{project}/versions",
        "/rest/api/2/search/jql, /rest/api/2/search/jql",
        "/rest/webhooks/1.0/webhook/7, /rest/webhooks/1.0/webhook/{id}",
        "/rest/api/2/myself, /rest/api/2/myself"
    })
    void endpoints_are_templates_so_series_do_not_grow_with_incidents(String path, String endpoint) {
        assertThat(JiraCallMetrics.endpoint(path)).isEqualTo(endpoint);
    }
}
