package com.credbroker.broker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.refresh.engine.RefreshCommit;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.storage.credential.CredentialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshCommitsTest {

    @Test
    void everyFailureHasAClassAndNothingElseDoes() {
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            boolean failed = outcome.calledProvider() && outcome != RefreshOutcome.SUCCESS
                    || outcome == RefreshOutcome.NOT_REFRESHABLE;
            assertThat(RefreshCommits.failureClass(outcome) != null).as(outcome.label()).isEqualTo(failed);
        }
        assertThat(RefreshCommits.failureClass(RefreshOutcome.RATE_LIMITED)).isEqualTo("transient");
        assertThat(RefreshCommits.failureClass(RefreshOutcome.INVALID_GRANT)).isEqualTo("permanent");
    }

    @Test
    void aProvidersReasonCannotStartANewLine() {
        List<ILoggingEvent> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            RefreshCommits.log(new RefreshCommit("conn_1", RefreshTrigger.SCHEDULED, RefreshOutcome.REJECTED,
                    CredentialStatus.ACTIVE, CredentialStatus.ACTIVE, "refresh_rejected: bad\nWARN forged line"));
            RefreshCommits.log(new RefreshCommit("conn_1", RefreshTrigger.SCHEDULED, RefreshOutcome.SHARED,
                    CredentialStatus.ACTIVE, CredentialStatus.EXPIRED, "another refresher's outcome"));
            lines = List.copyOf(logs.events());
        }

        assertThat(lines).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .doesNotContain("\n").contains("reason=refresh_rejected: bad WARN forged line"));
    }
}
