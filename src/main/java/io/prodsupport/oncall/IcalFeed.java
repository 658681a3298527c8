package io.prodsupport.oncall;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads the iCalendar feed at {@code onCall.ical.url}. The URL is a credential (PagerDuty's, Opsgenie's and Google's
 * secret addresses carry their token in it), so no message here shows more of it than its host. {@code webcal://},
 * which the tools offer for subscribing, is read as {@code https://}. A feed larger than {@link #MAX_BYTES} is
 * refused: a schedule is kilobytes; megabytes are a wrong URL.
 */
public final class IcalFeed {

    /** A year of daily shifts is about 200 KB; five megabytes leaves room and still bounds the memory. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    private final HttpUrl url;
    private final OkHttpClient http;

    /**
     * @param http the shared client; this feed uses a copy with its own timeouts (the pool is shared)
     * @throws IllegalArgumentException when {@code url} is not an http(s) or webcal URL (the URL not shown)
     */
    public IcalFeed(String url, OkHttpClient http, Duration timeout) {
        this.url = parse(url);
        this.http = http.newBuilder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .build();
    }

    static HttpUrl parse(String url) {
        String text = url == null ? "" : url.strip();
        if (text.regionMatches(true, 0, "webcal://", 0, 9)) {
            text = "https://" + text.substring(9);
        }
        HttpUrl parsed = HttpUrl.parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("onCall.ical.url: expected an http(s) or webcal URL (value not shown)");
        }
        return parsed;
    }

    /** The host the feed comes from: what messages may say of the URL. */
    public String host() {
        return url.host();
    }

    /**
     * The feed's text, as it is now.
     *
     * @throws FeedException with one line (status, timeout, size) when it cannot be read
     */
    public String fetch() {
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "text/calendar, */*;q=0.5")
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new FeedException("the calendar at " + host() + " answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            if (body.contentLength() > MAX_BYTES) {
                throw new FeedException(tooBig());
            }
            byte[] bytes;
            try (InputStream in = body.byteStream()) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new FeedException(tooBig());
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FeedException("the calendar at " + host() + " could not be read ("
                    + e.getClass().getSimpleName() + (showable(e.getMessage()) ? ": " + e.getMessage() : "") + ")");
        }
    }

    /** An exception's words, unless they could carry the secret part of the URL (its path or query). */
    private boolean showable(String message) {
        if (message == null || message.isBlank() || message.contains("\n")) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return !lower.contains(url.encodedPath().toLowerCase(Locale.ROOT))
                && (url.encodedQuery() == null
                        || !lower.contains(url.encodedQuery().toLowerCase(Locale.ROOT)));
    }

    private String tooBig() {
        return "the calendar at " + host() + " is larger than " + MAX_BYTES / (1024 * 1024) + " MB; is onCall.ical.url"
                + " the schedule's feed?";
    }

    /** The feed could not be read; the message is one line and shows no more of the URL than its host. */
    public static final class FeedException extends RuntimeException {
        public FeedException(String message) {
            super(message);
        }
    }
}
