package io.prodsupport.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the requests of fault trial 6 (issue 13) over raw sockets, so nothing in a client library tidies them up:
 * mutated real payloads, random bytes, wrong and missing headers, a 10 MB header block, bodies that drip, bodies that
 * are too big, and connections opened and left idle. Every socket is bound to {@code from}, so the attack comes from
 * an address of its own (any of 127.0.0.0/8 works on Linux) and the server's per-client limits see it as one client.
 * Knows no secret: a signature is a guess, or a real one copied onto a changed body.
 */
public final class HostileSender {

    /** What a hostile request got: an HTTP status, or {@link #CLOSED} when the server closed without answering. */
    public static final int CLOSED = -1;

    public enum Kind {
        /** A real payload with bytes flipped, cut or repeated, carrying the original's (now wrong) signature. */
        MUTATED_PAYLOAD,
        /** Random bytes with a random Content-Type and a guessed signature. */
        RANDOM_BYTES,
        /** A real payload with a wrong Content-Type, a malformed signature or a signature of another method. */
        WRONG_HEADERS,
        /** A real payload without the signature, or without a Content-Type. */
        MISSING_HEADERS,
        /** Request line and then 10 MB of headers. */
        HUGE_HEADERS,
        /** A declared 4 KB body sent one byte at a time. */
        SLOW_DRIP,
        /** A body just fast enough for the rate check that never finishes before the deadline. */
        TRICKLE,
        /** A chunked body that keeps coming past the size limit. */
        OVERSIZED_CHUNKED,
        /** Garbage instead of a request line. */
        BAD_REQUEST_LINE
    }

    private final InetSocketAddress server;
    private final InetAddress from;
    private final List<byte[]> payloads;
    private final Duration answerWithin;

    /**
     * @param payloads     real Jira payloads to mutate
     * @param answerWithin how long to wait for an answer before calling the request unanswered (a failure)
     */
    public HostileSender(InetSocketAddress server, InetAddress from, List<byte[]> payloads, Duration answerWithin) {
        this.server = server;
        this.from = from;
        this.payloads = payloads;
        this.answerWithin = answerWithin;
    }

    /** Sends one request of {@code kind} and returns the status it got, or {@link #CLOSED}. */
    public int send(Kind kind, Random random) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout((int) answerWithin.toMillis());
            OutputStream out = socket.getOutputStream();
            return switch (kind) {
                case MUTATED_PAYLOAD -> {
                    byte[] original = payload(random);
                    yield post(socket, mutate(original, random), "application/json", signature(original), random);
                }
                case RANDOM_BYTES -> {
                    byte[] body = new byte[1 + random.nextInt(8192)];
                    random.nextBytes(body);
                    String type = List.of("application/json", "text/plain", "application/octet-stream", "x/\u0000y")
                            .get(random.nextInt(4));
                    yield post(socket, body, type, "sha256=" + hex(random, 32), random);
                }
                case WRONG_HEADERS -> {
                    byte[] body = payload(random);
                    yield switch (random.nextInt(4)) {
                        case 0 -> post(socket, body, "text/xml", signature(body), random);
                        case 1 -> post(socket, body, "application/json", "sha256=not-hex", random);
                        case 2 -> post(socket, body, "application/json", "sha1=" + hex(random, 20), random);
                        default -> post(socket, body, "application/json", "sha256=" + hex(random, 3), random);
                    };
                }
                case MISSING_HEADERS -> {
                    byte[] body = payload(random);
                    yield random.nextBoolean()
                            ? post(socket, body, "application/json", null, random)
                            : post(socket, body, null, "sha256=" + hex(random, 32), random);
                }
                case HUGE_HEADERS -> hugeHeaders(socket);
                case SLOW_DRIP -> drip(socket, 4096, 1, Duration.ofMillis(100));
                case TRICKLE -> drip(socket, 1 << 20, 256, Duration.ofMillis(50));
                case OVERSIZED_CHUNKED -> oversizedChunked(socket, out);
                case BAD_REQUEST_LINE -> {
                    byte[] junk = new byte[64 + random.nextInt(512)];
                    random.nextBytes(junk);
                    out.write(junk);
                    out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    yield status(socket);
                }
            };
        }
    }

    /** Opens {@code count} connections that send nothing, or half a request line, and then wait. */
    public List<Socket> holdIdle(int count, Random random) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket socket = connect();
            if (random.nextBoolean()) {
                socket.getOutputStream()
                        .write(("POST " + WebhookIntake.PATH + " HTTP/1.1\r\nHost: x\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            sockets.add(socket);
        }
        return sockets;
    }

    /** True when the server has closed {@code socket} (it may first have answered, e.g. 408), waiting up to {@code within}. */
    public static boolean closedByServer(Socket socket, Duration within) {
        try {
            socket.setSoTimeout((int) Math.max(1, within.toMillis()));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // an answer before the close (Jetty may say 408) is read and passed over
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(server, 5_000);
        return socket;
    }

    private byte[] payload(Random random) {
        return payloads.get(random.nextInt(payloads.size()));
    }

    /** A signature a sender might have seen on the wire for {@code body}: copied, since the secret is unknown. */
    private static String signature(byte[] body) {
        return WebhookSignature.sign("a secret the attacker copied the signature for", body);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] body = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(16); i++) {
                    body[random.nextInt(body.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> body = Arrays.copyOf(body, random.nextInt(body.length));
            default -> {
                int from = random.nextInt(body.length);
                byte[] longer = Arrays.copyOf(body, body.length + (body.length - from));
                System.arraycopy(body, from, longer, body.length, body.length - from);
                body = longer;
            }
        }
        return body;
    }

    private int post(Socket socket, byte[] body, String contentType, String signature, Random random)
            throws IOException {
        StringBuilder head = new StringBuilder("POST " + WebhookIntake.PATH + " HTTP/1.1\r\nHost: prodsupport\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (signature != null) {
            head.append("X-Hub-Signature: ").append(signature).append("\r\n");
        }
        if (random.nextInt(4) > 0) {
            head.append("X-Atlassian-Webhook-Identifier: hostile-")
                    .append(hex(random, 8))
                    .append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return status(socket);
    }

    private int hugeHeaders(Socket socket) throws IOException {
        // written on another thread: the server answers 431 and closes long before 10 MB are through
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + WebhookIntake.PATH + " HTTP/1.1\r\nHost: prodsupport\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] line = ("X-Padding: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int written = 0; written < 10 << 20; written += line.length) {
                    out.write(line);
                }
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                writeFailure.set(e); // the server stopped reading: expected
            }
        });
        writer.start();
        try {
            return status(socket);
        } finally {
            socket.close();
            joinQuietly(writer);
        }
    }

    /** Declares {@code length} bytes and sends {@code piece} bytes every {@code every} until the server answers. */
    private int drip(Socket socket, int length, int piece, Duration every) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + WebhookIntake.PATH + " HTTP/1.1\r\nHost: prodsupport\r\nContent-Type: application/json\r\n"
                        + "X-Hub-Signature: sha256=00\r\nContent-Length: " + length + "\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout((int) every.toMillis());
        long giveUp = System.nanoTime() + answerWithin.toNanos();
        byte[] bytes = new byte[piece];
        Arrays.fill(bytes, (byte) ' ');
        for (int sent = 1; sent < length && System.nanoTime() < giveUp; sent += piece) {
            try {
                int first = socket.getInputStream().read();
                if (first < 0) {
                    return CLOSED;
                }
                return statusAfter((byte) first, socket);
            } catch (SocketTimeoutException stillWaiting) {
                // no answer yet: drip on
            }
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closed) {
                break; // the server cut us off: read what it said
            }
        }
        socket.setSoTimeout((int) answerWithin.toMillis());
        return status(socket);
    }

    private int oversizedChunked(Socket socket, OutputStream out) throws IOException {
        out.write(("POST " + WebhookIntake.PATH + " HTTP/1.1\r\nHost: prodsupport\r\nContent-Type: application/json\r\n"
                        + "X-Hub-Signature: sha256=00\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        try {
            for (int i = 0; i < 40; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closed) {
            // refused part-way: read the answer
        }
        return status(socket);
    }

    private static int status(Socket socket) throws IOException {
        int first;
        try {
            first = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + socket.getSoTimeout() + " ms", e);
        } catch (IOException reset) {
            return CLOSED;
        }
        return first < 0 ? CLOSED : statusAfter((byte) first, socket);
    }

    /** Parses "HTTP/1.1 NNN" from the status line whose first byte is already read. */
    private static int statusAfter(byte first, Socket socket) throws IOException {
        StringBuilder line = new StringBuilder().append((char) first);
        InputStream in = socket.getInputStream();
        try {
            for (int c; line.length() < 64 && (c = in.read()) >= 0 && c != '\n'; ) {
                line.append((char) c);
            }
        } catch (IOException reset) {
            // what arrived before the reset is enough, if it holds the status
        }
        String[] parts = line.toString().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + line);
        }
        return Integer.parseInt(parts[1]);
    }

    private static String hex(Random random, int bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            hex.append(String.format("%02x", random.nextInt(256)));
        }
        return hex.toString();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
