package com.credbroker.storage.audit;

import java.time.Instant;

/**
 * What an aggregated refusal record adds to an {@link AuditEntry}: how many requests of one client
 * were refused for one reason within one window, and when the first and last of them arrived. The
 * client is its remote address (or {@code *} for the overflow record of a window that saw more
 * distinct clients than it keeps); never anything the client presented as a key. Immutable.
 *
 * @param client the remote address, at most 64 characters
 * @param count  how many refusals the record stands for, at least 1
 * @param first  when the first of them arrived
 * @param last   when the last of them arrived
 */
public record RefusalCount(String client, long count, Instant first, Instant last) {
}
