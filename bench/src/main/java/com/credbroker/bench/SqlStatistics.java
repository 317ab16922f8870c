package com.credbroker.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A diagnostic, off unless asked for ({@code --sql-stats}): H2's own per-statement counters
 * ({@code SET QUERY_STATISTICS TRUE}, read from {@code INFORMATION_SCHEMA.QUERY_STATISTICS}), so a
 * report can say how many statements, commits and claim queries one refresh costs. Counting adds a
 * little work to every statement: figures from a run with it on are not throughput figures.
 */
final class SqlStatistics {
    /** One statement's totals over the measured interval. */
    record Row(String sql, long executions, double totalMs, long rows) {
    }

    private SqlStatistics() {
    }

    /** Starts counting from zero. */
    static void start(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 500");
            s.execute("SET QUERY_STATISTICS FALSE");
            s.execute("SET QUERY_STATISTICS TRUE");
        }
    }

    /** The counted statements, most total time first; stops counting. */
    static List<Row> stop(DataSource dataSource) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME,"
                    + " CUMULATIVE_ROW_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                    + " ORDER BY CUMULATIVE_EXECUTION_TIME DESC")) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getLong(2), r.getDouble(3), r.getLong(4)));
                }
            }
            s.execute("SET QUERY_STATISTICS FALSE");
        }
        return rows;
    }

    /** A Markdown table of the statements (SQL shortened to {@code width} characters). */
    static String table(List<Row> rows, int width) {
        StringBuilder out = new StringBuilder("| executions | total ms | rows | statement |\n| ---: | ---: | ---: | --- |\n");
        for (Row row : rows) {
            String sql = row.sql().replaceAll("\\s+", " ");
            sql = sql.length() > width ? sql.substring(0, width) + "…" : sql;
            out.append(Figures.format("| %d | %.0f | %d | `%s` |%n", row.executions(), row.totalMs(), row.rows(),
                    sql.replace("|", "\\|")));
        }
        return out.toString();
    }
}
