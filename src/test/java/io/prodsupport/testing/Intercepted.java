package io.prodsupport.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Function;

/**
 * A real collaborator (the Jira client, the ledger) with a test's hook around each call: to crash before a step,
 * lose an answer after Jira acted, or let a person act between two calls.
 */
public final class Intercepted {

    /** No hook after the call. */
    public static final Runnable NOTHING = () -> {};

    private Intercepted() {}

    /**
     * @param around given the method name before each call; may throw instead of the call (a crash before it), and
     *               returns what to run after the call succeeded (which may throw: an answer lost after it acted)
     */
    @SuppressWarnings("unchecked")
    public static <T> T calls(Class<T> type, T target, Function<String, Runnable> around) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Runnable after = around.apply(method.getName());
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            after.run();
            return result;
        });
    }
}
