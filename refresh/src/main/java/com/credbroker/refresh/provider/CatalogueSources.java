package com.credbroker.refresh.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds template files: every {@code <dir>/*.json} resource on a class path, whether the directory is a
 * folder (tests, an IDE) or inside a jar (the packaged broker), and the operator's file or directory.
 */
final class CatalogueSources {
    /** One file's text; {@code baseName} is its name without {@code .json}. */
    record Source(String sourceName, String baseName, String text) {
    }

    private CatalogueSources() {
    }

    /** The shipped templates in resource folder {@code dir}, by base name (the first on the class path wins). */
    static List<Source> shipped(ClassLoader loader, String dir, Class<?> anchor) {
        Map<String, Source> found = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    fromFolder(Path.of(url.toURI()), dir, found);
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        fromJar(jar, dir, found);
                    }
                }
            }
            // a jar written without directory entries has no resource named "providers": read the anchor's jar
            CodeSource code = anchor.getProtectionDomain().getCodeSource();
            if (code != null && code.getLocation() != null && code.getLocation().getPath().endsWith(".jar")) {
                try (JarFile jar = new JarFile(Path.of(code.getLocation().toURI()).toFile())) {
                    fromJar(jar, dir, found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped provider templates", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the shipped provider templates", e);
        }
        return List.copyOf(found.values());
    }

    private static void fromFolder(Path folder, String dir, Map<String, Source> found) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String fileName = file.getFileName().toString();
                found.putIfAbsent(baseName(fileName), new Source(dir + "/" + fileName, baseName(fileName),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
    }

    private static void fromJar(JarFile jar, String dir, Map<String, Source> found) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory() || !name.startsWith(dir + "/") || !name.endsWith(".json")
                    || name.indexOf('/', dir.length() + 1) >= 0) {
                continue;
            }
            String fileName = name.substring(dir.length() + 1);
            if (!found.containsKey(baseName(fileName))) {
                try (InputStream in = jar.getInputStream(entry)) {
                    found.put(baseName(fileName), new Source(name, baseName(fileName),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /**
     * The operator's templates: one file, or every {@code *.json} in a directory (sorted by name).
     *
     * @throws IOException when the path cannot be read (the message names the path, never its content)
     */
    static List<Source> operator(Path path) throws IOException {
        List<Source> sources = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    sources.add(read(file));
                }
            }
        } else {
            sources.add(read(path));
        }
        return sources;
    }

    private static Source read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        return new Source(file.toString(), baseName(fileName), Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String baseName(String fileName) {
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }
}
