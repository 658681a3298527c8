package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageKeyTest {

    @Test
    void brackets_space_and_the_case_of_the_domain_do_not_change_the_key() {
        String key = MessageKey.of("<CAF1x@Mail.Example.COM>");

        assertThat(MessageKey.of(" CAF1x@mail.example.com ")).isEqualTo(key);
        assertThat(MessageKey.of("<caf1x@mail.example.com>"))
                .as("the local part is case-sensitive")
                .isNotEqualTo(key);
        assertThat(key).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void the_marker_is_short_and_survives_any_markup_conversion() {
        assertThat(MessageKey.marker(MessageKey.of("<a@b>"))).matches("prodsupport-mail-[0-9a-f]{32}");
    }
}
