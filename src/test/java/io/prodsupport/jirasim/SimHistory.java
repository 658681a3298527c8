package io.prodsupport.jirasim;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an issue's changelog (Jira's "History" tab): who changed what, when, as the items of one edit or
 * transition. Its id is the {@code changelog.id} of the webhook fired for the same change, as in Jira.
 */
record SimHistory(long id, SimUser author, Instant created, List<ChangeItem> items) {

    SimHistory {
        items = List.copyOf(items);
    }
}
