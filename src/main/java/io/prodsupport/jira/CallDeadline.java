package io.prodsupport.jira;

import java.time.Instant;

/** The instant after which a call stops waiting, attached as a request tag by {@link RetryInterceptor}. */
record CallDeadline(Instant at) {}
