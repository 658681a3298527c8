package io.prodsupport.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of several instances, as an operator would run one: each webhook goes to the next
 * instance in turn; one that refuses the connection (killed) is skipped and the next is tried, as a balancer does when
 * a backend is down. An instance's own answer (202, 503…) is passed back to Jira unchanged.
 */
public final class Balancer implements AutoCloseable {

    private static final List<String> FORWARDED =
            List.of("Content-Type", "X-Hub-Signature", "X-Atlassian-Webhook-Identifier", "X-Atlassian-Webhook-Retry");

    private final List<String> backends;
    private final HttpServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger next = new AtomicInteger();

    /** @param backends base URLs of the instances, e.g. {@code http://127.0.0.1:8081} */
    public Balancer(List<String> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::forward);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        int status = 502;
        byte[] answer = "no instance answered".getBytes();
        for (int i = 0; i < backends.size(); i++) {
            String backend = backends.get((first + i) % backends.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                answer = response.body();
                break;
            } catch (IOException e) {
                // connection refused or reset: that instance is down, try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
