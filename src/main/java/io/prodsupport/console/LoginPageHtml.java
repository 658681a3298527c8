package io.prodsupport.console;

import io.prodsupport.analytics.render.ReportHtml;
import io.prodsupport.webhook.ApiRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The console's login page: one field for {@code console.token}, posted to {@link ApiRoutes#LOGIN}. */
public final class LoginPageHtml implements ApiRoutes.LoginPage {

    private static final String TEMPLATE = "io/prodsupport/console/login.peb";

    @Override
    public String render(Optional<String> message) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message.orElse(""));
        context.put("action", ApiRoutes.LOGIN);
        return ReportHtml.render(TEMPLATE, context);
    }
}
