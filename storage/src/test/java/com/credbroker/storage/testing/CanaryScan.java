package com.credbroker.storage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scans every file under a directory for a canary token in the encodings a leak would take: raw UTF-8,
 * UTF-16, hex (both cases) and base64 / base64url at each of the three byte alignments.
 */
public final class CanaryScan {
    private CanaryScan() {
    }

    /** Describes each hit as {@code file: encoding}; empty when the canary is nowhere. */
    public static List<String> find(Path dir, String canary) throws IOException {
        Map<String, byte[]> needles = encodings(canary);
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] content = Files.readAllBytes(file);
                needles.forEach((name, needle) -> {
                    if (indexOf(content, needle) >= 0) {
                        hits.add(file.getFileName() + ": " + name);
                    }
                });
            }
        }
        return hits;
    }

    static Map<String, byte[]> encodings(String canary) {
        byte[] raw = canary.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> needles = new LinkedHashMap<>();
        needles.put("utf-8", raw);
        needles.put("utf-16le", canary.getBytes(StandardCharsets.UTF_16LE));
        needles.put("hex", ascii(HexFormat.of().formatHex(raw)));
        needles.put("HEX", ascii(HexFormat.of().withUpperCase().formatHex(raw)));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[raw.length + shift];
            System.arraycopy(raw, 0, shifted, shift, raw.length);
            String b64 = Base64.getEncoder().encodeToString(shifted);
            String url = Base64.getUrlEncoder().encodeToString(shifted);
            // Skip the characters that depend on the neighbouring bytes; keep the stable middle.
            int from = (shift * 4 + 2) / 3 + 1;
            int to = b64.length() - 4;
            needles.put("base64@" + shift, ascii(b64.substring(from, to)));
            needles.put("base64url@" + shift, ascii(url.substring(from, to)));
        }
        return needles;
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
