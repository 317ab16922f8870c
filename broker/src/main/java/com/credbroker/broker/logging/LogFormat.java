package com.credbroker.broker.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.function.BooleanSupplier;

/**
 * Picks the appender of {@code logback.xml}: {@code text} or {@code json}. {@code CREDBROKER_LOG_FORMAT=auto}
 * (the default) writes text for a person at a terminal and one JSON object a line for anything else (a file,
 * a pipe, a container's log collector). Read from the environment only: logging starts before the
 * configuration file is read. A value the configuration refuses falls back to {@code auto} here, and the
 * start stops with the configuration problem.
 */
public final class LogFormat extends PropertyDefinerBase {
    public static final String VARIABLE = "CREDBROKER_LOG_FORMAT";

    @Override
    public String getPropertyValue() {
        return resolve(System.getenv(VARIABLE), LogFormat::stdoutIsTerminal);
    }

    /** {@code text} or {@code json} for a setting ({@code text}, {@code json}, {@code auto} or unset). */
    public static String resolve(String setting, BooleanSupplier terminal) {
        if ("text".equals(setting) || "json".equals(setting)) {
            return setting;
        }
        return terminal.getAsBoolean() ? "text" : "json";
    }

    /**
     * True when standard output is a terminal. Up to Java 21 a console exists only when standard input and
     * output are both terminals; from Java 22 it may exist without one, and {@code Console.isTerminal()}
     * (looked up by reflection, the build targets 17) tells.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
