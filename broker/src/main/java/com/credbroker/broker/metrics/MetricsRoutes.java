package com.credbroker.broker.metrics;

import com.credbroker.broker.http.RouteTable;

/** {@code GET /metrics}: Prometheus text format. Like the health checks, it needs no key and holds no secret. */
public final class MetricsRoutes {
    private final BrokerMetrics metrics;

    public MetricsRoutes(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    public void register(RouteTable routes) {
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }
}
