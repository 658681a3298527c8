package io.prodsupport.jira;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How the service proves who it is. {@code toString()} never shows a secret. */
public sealed interface JiraCredentials {

    /** The value of the {@code Authorization} header. */
    String authorizationHeader();

    /** Jira Cloud: Basic auth with the account's e-mail and an API token. */
    record CloudToken(String email, String apiToken) implements JiraCredentials {
        public CloudToken {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(apiToken, "apiToken");
        }

        @Override
        public String authorizationHeader() {
            String pair = email + ":" + apiToken;
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "CloudToken[email=" + email + ", apiToken=****]";
        }
    }

    /** Jira Data Center: a personal access token sent as a Bearer token. */
    record PersonalAccessToken(String token) implements JiraCredentials {
        public PersonalAccessToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String authorizationHeader() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "PersonalAccessToken[****]";
        }
    }
}
