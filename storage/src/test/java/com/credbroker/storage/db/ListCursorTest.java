package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCursorTest {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void roundTripsAPositionWithSubSecondPrecisionAndBeforeTheEpoch() {
        for (ListCursor position : List.of(new ListCursor(Instant.parse("2025-11-15T10:30:00.123456Z"), "cred_abc"),
                new ListCursor(Instant.parse("1969-12-31T23:59:59.5Z"), "ac_1"),
                new ListCursor(Instant.EPOCH, "key-x"))) {
            assertThat(ListCursor.decodeOrNull(position.encode())).isEqualTo(position);
        }
    }

    @Test
    void aMissingOrEmptyCursorIsTheFirstPage() {
        assertThat(ListCursor.decodeOrNull(null)).isNull();
        assertThat(ListCursor.decodeOrNull("")).isNull();
    }

    @Test
    void refusesEveryTextItWouldNotHaveIssued() {
        String issued = new ListCursor(Instant.parse("2025-11-15T10:30:00Z"), "cred_abc").encode();
        List<String> refused = List.of("***", "abc", issued + "=", issued + "A", issued.substring(2),
                encode("cred_abc"), encode("1763202600.0:cred_abc"), encode("1763202600.000000000:"),
                encode("1763202600.000000000:cred abc"), encode("01763202600.000000000:cred_abc"),
                encode("1763202600.000000000:cred_abc\n"), encode("99999999999999.000000000:x"));
        for (String cursor : refused) {
            assertThatThrownBy(() -> ListCursor.decodeOrNull(cursor)).as(cursor)
                    .isInstanceOf(InvalidCursorException.class).hasMessage("invalid cursor");
        }
    }

    private static String encode(String text) {
        return BASE64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
