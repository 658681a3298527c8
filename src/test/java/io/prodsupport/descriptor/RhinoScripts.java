package io.prodsupport.descriptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.Scriptable;

/**
 * Plain scripts loaded into one Rhino scope, as a browser would load them: no module system, so {@code rules.js} and
 * {@code validator.js} define their functions as globals (their {@code module.exports} line is skipped).
 */
final class RhinoScripts {

    private final Scriptable scope;

    RhinoScripts(String... sources) {
        Context cx = enter();
        try {
            scope = cx.initStandardObjects();
            for (String source : sources) {
                cx.evaluateString(scope, source, "script", 1, null);
            }
        } finally {
            Context.exit();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Calls a global function; a JS string comes back as a String, an array of strings as a List, null as null. */
    Object call(String function, Object... args) {
        Context cx = enter();
        try {
            Object[] jsArgs = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                jsArgs[i] = args[i] instanceof List<?> list ? cx.newArray(scope, list.toArray()) : args[i];
            }
            Object result = ((Function) scope.get(function, scope)).call(cx, scope, scope, jsArgs);
            cx.processMicrotasks();
            return toJava(result);
        } finally {
            Context.exit();
        }
    }

    /** Runs a script in the scope, then the promise jobs it queued; its value as {@link #call} converts it. */
    Object eval(String source) {
        Context cx = enter();
        try {
            Object result = cx.evaluateString(scope, source, "eval", 1, null);
            cx.processMicrotasks();
            return toJava(result);
        } finally {
            Context.exit();
        }
    }

    private static Object toJava(Object value) {
        if (value == null || value instanceof org.mozilla.javascript.Undefined) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof NativeArray array) {
            List<Object> list = new ArrayList<>();
            for (Object item : array) {
                list.add(toJava(item));
            }
            return list;
        }
        return Context.jsToJava(value, Object.class);
    }

    private static Context enter() {
        Context cx = Context.enter();
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(true);
        return cx;
    }
}
