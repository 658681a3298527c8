package io.prodsupport.webhook;

import io.javalin.config.JettyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Puts {@link HttpLimits} into Javalin's Jetty, with Jetty's own pieces where it has them. In front of Javalin's
 * servlet, outermost first:
 *
 * <ol>
 *   <li>{@link ThreadLimitHandler}: at most {@code requestsPerClient} requests per remote address at once; the rest
 *       are suspended (no thread) until one finishes, so one address cannot take every thread;
 *   <li>{@link MinimumDataRateHandler}: a body read slower than {@code minBodyBytesPerSecond} fails;
 *   <li>{@link EagerContentHandler} with {@link WholeBodyLoader}: the body is read asynchronously, without a thread,
 *       and the servlet (which reads blocking) runs only once the body is complete; a failed, late or oversized body
 *       is answered 408/413 there and never reaches the intake.
 * </ol>
 *
 * Header size and idle timeout are Jetty's connection settings (431 and a closed connection).
 */
final class JettyLimits {

    private JettyLimits() {}

    static void apply(JettyConfig jetty, HttpLimits limits, MeterRegistry metrics) {
        jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(limits.maxHeaderBytes()));
        jetty.modifyServer(server -> {
            ThreadLimitHandler perClient = new ThreadLimitHandler();
            perClient.setThreadLimit(limits.requestsPerClient());
            MinimumDataRateHandler rate = new MinimumDataRateHandler(limits.minBodyBytesPerSecond(), 0);
            EagerContentHandler wholeBody = new EagerContentHandler(new WholeBodyLoader.Factory(
                    limits.bodyDeadline(),
                    limits.maxBodyBytes(),
                    reason -> Counter.builder("prodsupport.http.cut_off")
                            .tag("reason", reason)
                            .description("Request bodies refused before the handler: too slow (408) or too large (413)")
                            .register(metrics)
                            .increment()));
            perClient.setHandler(rate);
            rate.setHandler(wholeBody);
            // Javalin hangs its servlet context under the innermost wrapper of the handler it finds here
            server.setHandler(perClient);
            // connectors are made after this hook (by Javalin, or whoever adds one): set their timeout as they start
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : ((Server) event).getConnectors()) {
                        if (connector instanceof AbstractConnector c) {
                            c.setIdleTimeout(limits.idleTimeout().toMillis());
                        }
                    }
                }
            });
        });
    }
}
