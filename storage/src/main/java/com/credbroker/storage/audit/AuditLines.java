package com.credbroker.storage.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line format of {@link FileAuditLog}: one compact JSON object per record, terminated by
 * {@code \n}, with the fields {@code seq, at, key_id, action, connection_id, outcome, request_id,
 * prev_hash, hash}, for an aggregated refusal also {@code client, count, first_at, last_at}, and for a
 * record with a target {@code target_id} (lines written before it existed read as records without one)
 * ({@code at} in UTC with exactly six fractional digits; absent values as
 * {@code null}). JSON escapes every control character, so a raw {@code \n} byte only ever ends a
 * record. Stateless and thread-safe.
 */
final class AuditLines {
    static final byte NEWLINE = '\n';
    private static final DateTimeFormatter AT = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private AuditLines() {
    }

    /** A generator that appends records to {@code out}; closing it flushes but leaves {@code out} open. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return JSON.createGenerator(out);
    }

    static void write(JsonGenerator out, AuditRecord record) throws IOException {
        AuditEntry e = record.entry();
        out.writeStartObject();
        out.writeNumberField("seq", record.seq());
        out.writeStringField("at", AT.format(e.at()));
        out.writeStringField("key_id", e.keyId());
        out.writeStringField("action", e.action());
        out.writeStringField("connection_id", e.connectionId());
        out.writeStringField("outcome", e.outcome());
        out.writeStringField("request_id", e.requestId());
        if (e.refusals() != null) {
            out.writeStringField("client", e.refusals().client());
            out.writeNumberField("count", e.refusals().count());
            out.writeStringField("first_at", AT.format(e.refusals().first()));
            out.writeStringField("last_at", AT.format(e.refusals().last()));
        }
        if (e.targetId() != null) {
            out.writeStringField("target_id", e.targetId());
        }
        out.writeStringField("prev_hash", record.prevHash());
        out.writeStringField("hash", record.hash());
        out.writeEndObject();
        out.writeRaw((char) NEWLINE);
    }

    /** Parses one line (without its newline); a malformed line fails with a message free of its content. */
    static AuditRecord read(byte[] data, int offset, int length) throws MalformedLineException {
        try (JsonParser in = JSON.createParser(data, offset, length)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException();
            }
            Map<String, String> fields = new HashMap<>(16);
            long seq = 0;
            Long count = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if ("seq".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    seq = in.getLongValue();
                } else if ("count".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    count = in.getLongValue();
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, in.getText());
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new MalformedLineException();
                }
            }
            if (in.currentToken() != JsonToken.END_OBJECT || in.nextToken() != null) {
                throw new MalformedLineException();
            }
            return record(seq, count, fields);
        } catch (IOException | DateTimeParseException e) {
            throw new MalformedLineException(); // the parser's message may quote the line
        }
    }

    private static AuditRecord record(long seq, Long count, Map<String, String> f) throws MalformedLineException {
        if (seq < 1 || f.get("at") == null || f.get("prev_hash") == null || f.get("hash") == null) {
            throw new MalformedLineException();
        }
        RefusalCount refusals = null;
        if (count != null) {
            if (f.get("first_at") == null || f.get("last_at") == null) {
                throw new MalformedLineException();
            }
            refusals = new RefusalCount(f.get("client"), count, Instant.parse(f.get("first_at")),
                    Instant.parse(f.get("last_at")));
        }
        AuditEntry entry = new AuditEntry(Instant.parse(f.get("at")), f.get("key_id"), f.get("action"),
                f.get("connection_id"), f.get("outcome"), f.get("request_id"), refusals, f.get("target_id"));
        return new AuditRecord(seq, entry, f.get("prev_hash"), f.get("hash"));
    }

    /** A stored line is not a well-formed audit record. Deliberately carries no content. */
    static final class MalformedLineException extends Exception {
        MalformedLineException() {
            super("malformed audit line", null, false, false);
        }
    }
}
