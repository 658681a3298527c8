package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.notify.EmailNotifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentKeysTest {

    private final IncidentKeys keys = new IncidentKeys(List.of("OPS", "INC"));

    private static MailMessage mail(List<String> thread, String subject, String text) {
        return new MailMessage("<x@y>", null, null, null, subject, thread, text, text, false, List.of(), false);
    }

    @Test
    void a_reply_to_prodsupport_comes_first_then_the_subject_then_the_body() {
        String announced = EmailNotifier.messageId("INC-4", "prodsupport@example.com");

        assertThat(keys.in(mail(List.of("<other@x>", announced), "Re: OPS-12 and ops-13", "also INC-7, SUP-1")))
                .containsExactly("INC-4", "OPS-12", "OPS-13", "INC-7");
    }

    @Test
    void only_configured_projects_whole_words_and_a_few_keys_count() {
        assertThat(keys.in(mail(List.of(), "UTF-8 and SUP-12 and xOPS-1 and OPS-0 and OPS-12a", "")))
                .isEmpty();
        assertThat(keys.in(mail(List.of(), "OPS-1 OPS-2 OPS-3 OPS-4 OPS-5 OPS-6 OPS-7", "")))
                .containsExactly("OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5");
    }

    @Test
    void a_message_id_prodsupport_did_not_make_names_no_incident() {
        assertThat(EmailNotifier.incidentKeyOf("<OPS-12@mail.example.com>")).isEmpty();
        assertThat(EmailNotifier.incidentKeyOf(EmailNotifier.messageId("OPS-12", "bot@example.com")))
                .contains("OPS-12");
    }
}
