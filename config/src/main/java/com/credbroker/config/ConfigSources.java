package com.credbroker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Merges the three layers into one raw value per key: defaults, then the properties file named by
 * {@code CREDBROKER_CONFIG}, then the environment. Unknown {@code CREDBROKER_*} names are problems,
 * because a misspelt variable would otherwise be silently ignored.
 */
final class ConfigSources {
    private static final String DEFAULT = "default";
    private static final String ENVIRONMENT = "environment";

    private ConfigSources() {
    }

    static Map<ConfigKey<?>, RawValue> merge(Map<String, String> env, Problems problems) {
        Map<ConfigKey<?>, RawValue> merged = new HashMap<>();
        for (ConfigKey<?> key : ConfigTable.all()) {
            key.defaultValue().ifPresent(value -> merged.put(key, new RawValue(value, DEFAULT)));
        }
        String fileName = env.get(ConfigKey.CONFIG_FILE);
        if (fileName != null) {
            readFile(fileName, problems).forEach((name, value) ->
                    overlay(merged, name, value, "file " + fileName, problems));
        }
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith(ConfigKey.PREFIX) && !name.equals(ConfigKey.CONFIG_FILE)) {
                overlay(merged, name, value, ENVIRONMENT, problems);
            }
        });
        return merged;
    }

    private static void overlay(Map<ConfigKey<?>, RawValue> merged, String name, String value,
                                String origin, Problems problems) {
        ConfigTable.byEnvName(name).ifPresentOrElse(
                key -> merged.put(key, new RawValue(value, origin)),
                () -> problems.add(unknownKey(name, origin)));
    }

    private static String unknownKey(String name, String origin) {
        if (name.equals(ConfigKey.CONFIG_FILE)) {
            return name + " (" + origin + "): may only be set in the environment";
        }
        // The name itself is printed, never its value: a misspelt secret key still holds a secret.
        return Problems.quote(name) + " (" + origin + "): unknown configuration key";
    }

    private static Map<String, String> readFile(String fileName, Problems problems) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (fileName.isEmpty()) {
            problems.add(ConfigKey.CONFIG_FILE + " (environment): is set but empty");
            return entries;
        }
        Path file;
        try {
            file = Path.of(fileName);
        } catch (InvalidPathException e) {
            problems.add(ConfigKey.CONFIG_FILE + "=" + Problems.quote(fileName) + ": not a valid path");
            return entries;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add(ConfigKey.CONFIG_FILE + "=" + Problems.quote(fileName)
                    + ": file does not exist or is not readable");
            return entries;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // Not e.getMessage(): a parser message could quote file content, which may be secret.
            problems.add(ConfigKey.CONFIG_FILE + "=" + Problems.quote(fileName)
                    + ": cannot be read as a UTF-8 properties file (" + e.getClass().getSimpleName() + ")");
            return entries;
        }
        properties.stringPropertyNames().stream().sorted()
                .forEach(name -> entries.put(name, properties.getProperty(name)));
        return entries;
    }
}
