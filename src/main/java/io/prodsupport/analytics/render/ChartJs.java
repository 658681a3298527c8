package io.prodsupport.analytics.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Chart.js's UMD build, read from its WebJar on the classpath (the jar carries it: nothing is loaded from the
 * network, so the page works on closed networks and when mailed around).
 */
public final class ChartJs {

    private static final String POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private static volatile String script;

    private ChartJs() {}

    /** The script, safe to put inside a {@code <script>} element. */
    public static String script() {
        String s = script;
        if (s == null) {
            s = load();
            script = s;
        }
        return s;
    }

    public static String version() {
        Properties pom = new Properties();
        try (InputStream in = resource(POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static String load() {
        String path = "META-INF/resources/webjars/chart.js/" + version() + "/dist/chart.umd.js";
        try (InputStream in = resource(path)) {
            String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // the source map is not shipped in the page; a browser's devtools would try to fetch it
            js = js.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
            if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
                throw new IllegalStateException(path + " contains </script and cannot be inlined");
            }
            return js;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Chart.js is missing from the classpath: " + path);
        }
        return in;
    }
}
