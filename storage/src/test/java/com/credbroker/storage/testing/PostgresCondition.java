package com.credbroker.storage.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link RequiresPostgres}: enabled when the test server is reachable; otherwise disabled with
 * {@link TestPostgres#HOW_TO_RUN} (also printed once on stderr, where a build log shows it), unless
 * {@code CI=true}: then the tests run and {@link PostgresSchema#create()} fails them with that message.
 */
public final class PostgresCondition implements ExecutionCondition {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (TestPostgres.reachable() || TestPostgres.required()) {
            return ConditionEvaluationResult.enabled("PostgreSQL tests run");
        }
        String reason = "PostgreSQL unreachable, test skipped: " + TestPostgres.HOW_TO_RUN;
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("[WARNING] " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
