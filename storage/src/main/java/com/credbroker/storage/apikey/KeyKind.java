package com.credbroker.storage.apikey;

import java.util.Locale;
import java.util.Optional;

/** An API key's kind names the one header it is accepted in. */
public enum KeyKind {
    API("X-API-Key"),
    FLOWPLATE("X-Flowplate-Key"),
    HUB("X-Aitronos-Hub-Key");

    private final String header;

    KeyKind(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyKind> fromWireName(String name) {
        for (KeyKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
