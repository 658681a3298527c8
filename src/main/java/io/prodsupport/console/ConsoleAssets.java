package io.prodsupport.console;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.prodsupport.analytics.render.ChartJs;
import io.prodsupport.analytics.render.ReportHtml;
import java.util.Map;

/**
 * {@code GET /console/assets/{name}}: what the console's pages load, all from the jar (Chart.js from its WebJar, the
 * report's chart script and style sheet): nothing comes from a CDN, so the console works on closed networks.
 */
public final class ConsoleAssets implements Handler {

    public static final String PATH = "/console/assets/{name}";

    private record Asset(String contentType, String body) {}

    private final Map<String, Asset> assets = Map.of(
            "chart.umd.js",
            new Asset("text/javascript; charset=utf-8", ChartJs.script()),
            "charts.js",
            new Asset("text/javascript; charset=utf-8", ReportHtml.chartsJs()),
            "console.css",
            new Asset("text/css; charset=utf-8", ReportHtml.css() + "\n" + ConsolePage.resource("console.css")));

    @Override
    public void handle(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("name"));
        if (asset == null) {
            ctx.status(404).result("no such asset");
            return;
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType()).result(asset.body());
    }
}
