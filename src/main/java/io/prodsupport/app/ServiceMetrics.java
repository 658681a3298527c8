package io.prodsupport.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.incident.CloseGate;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.PostMortems;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.IncidentNotice;
import io.prodsupport.notify.Notifier;
import io.prodsupport.notify.OutboxWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The service's {@code /metrics}: one Prometheus registry, and the meters of the parts that do not know about
 * metrics themselves (the domain's rules and the channels). The parts that do (intake, inbox, Jira client, sweep,
 * mail) register their own meters in {@link #registry()}.
 */
final class ServiceMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code prodsupport_close_gate_reverts_total}: closes refused because required sections were still empty. */
    CloseGate count(CloseGate gate) {
        FunctionCounter.builder("prodsupport.close.gate.reverts", gate, CloseGate::refusedSoFar)
                .description("Closes refused because required sections were empty or TBD (moved back or labelled)")
                .register(registry);
        return gate;
    }

    /** {@code prodsupport_followups_made_total} (follow-ups created; Prometheus reserves the suffix {@code _created}). */
    FollowUps count(FollowUps followUps) {
        FunctionCounter.builder("prodsupport.followups.made", followUps, FollowUps::createdSoFar)
                .description("Follow-up tickets created for prevention actions")
                .register(registry);
        return followUps;
    }

    /** {@code prodsupport_postmortems_made_total}: post-mortem tasks created for resolved incidents. */
    PostMortems count(PostMortems postMortems) {
        FunctionCounter.builder("prodsupport.postmortems.made", postMortems, PostMortems::createdSoFar)
                .description("Post-mortem tasks created for resolved incidents at or above postmortem.minPriority")
                .register(registry);
        return postMortems;
    }

    /** {@code prodsupport_inbox_dead_letters}: events parked after their last attempt, waiting for a replay. */
    void countDeadLetters(Inbox inbox) {
        Gauge.builder("prodsupport.inbox.dead.letters", inbox, ServiceMetrics::deadLettersOrNaN)
                .strongReference(true)
                .description("Events that failed every attempt and wait for `prodsupport replay`")
                .register(registry);
    }

    private static double deadLettersOrNaN(Inbox inbox) {
        try {
            return inbox.deadLetters().size();
        } catch (StoreUnavailableException e) {
            return Double.NaN;
        }
    }

    /**
     * What waits in the outbox per configured channel, as of the worker's last round:
     * {@code prodsupport_messages_pending{channel}}, {@code prodsupport_messages_failing{channel}} (waiting messages
     * at least one attempt failed for) and {@code prodsupport_messages_oldest_age_seconds{channel}} (0 when none).
     */
    void countOutbox(OutboxWorker worker, Clock clock) {
        for (String channel : worker.channels()) {
            Gauge.builder(
                            "prodsupport.messages.pending",
                            worker,
                            w -> w.backlog(channel).pending())
                    .strongReference(true)
                    .description("Messages queued for a channel and not yet delivered")
                    .tag("channel", channel)
                    .register(registry);
            Gauge.builder(
                            "prodsupport.messages.failing",
                            worker,
                            w -> w.backlog(channel).failed())
                    .strongReference(true)
                    .description("Undelivered messages that at least one delivery attempt failed for")
                    .tag("channel", channel)
                    .register(registry);
            Gauge.builder(
                            "prodsupport.messages.oldest.age",
                            worker,
                            w -> w.backlog(channel)
                                    .oldestQueuedAt()
                                    .map(at -> Math.max(
                                            0,
                                            Duration.between(at, clock.instant())
                                                            .toMillis()
                                                    / 1000.0))
                                    .orElse(0.0))
                    .strongReference(true)
                    .baseUnit("seconds")
                    .description("How long the oldest undelivered message for a channel has waited")
                    .tag("channel", channel)
                    .register(registry);
        }
    }

    /** The channels, each counting {@code prodsupport_messages_total{channel, outcome=sent|failed}}. */
    List<Notifier> count(List<Notifier> channels) {
        return channels.stream().map(this::counted).toList();
    }

    private Notifier counted(Notifier channel) {
        Counter sent = message(channel.channel(), "sent");
        Counter failed = message(channel.channel(), "failed");
        return new Notifier() {
            @Override
            public String channel() {
                return channel.channel();
            }

            @Override
            public void announce(IncidentNotice notice) {
                deliver(ChannelMessage.newIncident(notice));
            }

            @Override
            public void progress(ChannelMessage message) {
                deliver(message);
            }

            @Override
            public void handover(ChannelMessage message) {
                deliver(message);
            }

            @Override
            public void deliver(ChannelMessage message) {
                try {
                    channel.deliver(message);
                } catch (RuntimeException e) { // NotifyException, or a channel's bug
                    failed.increment();
                    throw e;
                }
                sent.increment();
            }
        };
    }

    private Counter message(String channel, String outcome) {
        return Counter.builder("prodsupport.messages")
                .description("Messages to people's channels, by channel and whether the channel took them")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }
}
