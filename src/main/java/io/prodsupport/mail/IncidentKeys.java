package io.prodsupport.mail;

import io.prodsupport.notify.EmailNotifier;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The incident keys a message names, most reliable first: a reply to an e-mail prodsupport sent (its Message-ID carries
 * the key, found in {@code In-Reply-To} or {@code References}), then the subject, then the body. Only keys of the
 * configured projects count; people write {@code ops-12} as often as {@code OPS-12}, so case does not matter. At most
 * {@link #MAX} keys, so a message that lists a hundred tickets costs a few reads of Jira, not a hundred.
 */
final class IncidentKeys {

    static final int MAX = 5;

    private static final Pattern KEY =
            Pattern.compile("(?<![\\p{Alnum}_-])([A-Za-z][A-Za-z0-9_]{0,29})-([1-9][0-9]{0,9})(?![\\p{Alnum}-])");

    private final Set<String> projects;

    IncidentKeys(Collection<String> projects) {
        this.projects = projects.stream().map(p -> p.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    List<String> in(MailMessage message) {
        Set<String> keys = new LinkedHashSet<>();
        for (String id : message.threadIds()) {
            EmailNotifier.incidentKeyOf(id).filter(this::configured).ifPresent(keys::add);
        }
        collect(message.subject(), keys);
        collect(message.fullText(), keys);
        return keys.stream().limit(MAX).toList();
    }

    private void collect(String text, Set<String> keys) {
        if (text == null) {
            return;
        }
        Matcher m = KEY.matcher(text);
        while (m.find() && keys.size() < MAX) {
            String key = m.group(1).toUpperCase(Locale.ROOT) + "-" + m.group(2);
            if (configured(key)) {
                keys.add(key);
            }
        }
    }

    private boolean configured(String key) {
        return projects.contains(key.substring(0, key.lastIndexOf('-')).toUpperCase(Locale.ROOT));
    }
}
