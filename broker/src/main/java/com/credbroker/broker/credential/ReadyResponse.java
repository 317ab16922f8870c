package com.credbroker.broker.credential;

import com.credbroker.refresh.engine.RefreshDue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A lookup response serialised once and kept in the cache. {@code expires_in} is the only part that
 * changes with time, so each view is kept as the bytes before and after that number.
 */
public final class ReadyResponse {
    private final String credentialId;
    private final String connectionId;
    private final Instant expiresAt;
    private final boolean refreshable;
    private final byte[][] full;
    private final byte[][] redacted;

    ReadyResponse(String credentialId, String connectionId, Instant expiresAt, boolean refreshable, byte[][] full,
            byte[][] redacted) {
        this.credentialId = credentialId;
        this.connectionId = connectionId;
        this.expiresAt = expiresAt;
        this.refreshable = refreshable;
        this.full = full;
        this.redacted = redacted;
    }

    /** The record's credential ID: a read-time refresh needs no lookup of it. */
    public String credentialId() {
        return credentialId;
    }

    public String connectionId() {
        return connectionId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** True when the broker can refresh this connection's token (OAuth2 with a refresh token and auth config). */
    public boolean refreshable() {
        return refreshable;
    }

    /** True when a lookup at {@code now} should refresh first: refreshable, and due ({@link RefreshDue}) with {@code skew}. */
    public boolean needsRefresh(Instant now, Duration skew) {
        return refreshable && RefreshDue.isDue(expiresAt, now, skew);
    }

    /** The response body as of {@code now}: seconds left computed at response time. */
    public byte[] render(boolean redactedView, Instant now) {
        byte[][] parts = redactedView ? redacted : full;
        if (parts.length == 1) {
            return parts[0];
        }
        long secondsLeft = Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
        byte[] number = Long.toString(secondsLeft).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[parts[0].length + number.length + parts[1].length];
        System.arraycopy(parts[0], 0, out, 0, parts[0].length);
        System.arraycopy(number, 0, out, parts[0].length, number.length);
        System.arraycopy(parts[1], 0, out, parts[0].length + number.length, parts[1].length);
        return out;
    }

    @Override
    public String toString() {
        return "ReadyResponse[" + connectionId + ", values=[REDACTED]]";
    }
}
