package org.socialmaturity.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlTest {

    @Test
    void theMetricsAreNamedApartFromFunctionsLabelsGroupingsAndRanges() {
        assertEquals(Set.of("platform_processor_lag"),
                PromQl.metrics("platform_processor_lag > 0 and delta(platform_processor_lag[5m]) > 0"));
        assertEquals(Set.of("platform_webhooks_deliveries_total"), PromQl.metrics(
                "sum(rate(platform_webhooks_deliveries_total{outcome=\"failed\"}[15m])) "
                        + "/ sum(rate(platform_webhooks_deliveries_total[15m])) > 0.2"));
        assertEquals(Set.of("http_server_requests_seconds_sum", "http_server_requests_seconds_count"), PromQl.metrics(
                "sum by (uri) (rate(http_server_requests_seconds_sum{uri=~\"/api/.*\"}[5m])) / sum by (uri) "
                        + "(rate(http_server_requests_seconds_count{uri=~\"/api/.*\"}[5m]))"));
        assertEquals(Set.of("up"), PromQl.metrics("up{namespace=\"social-maturity\"} == 0"));
        assertEquals(Set.of("a", "b"), PromQl.metrics("a unless on (pod) b offset 5m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sum(rate(x[5m])", "x{a=\"b\"", "x{a=\"b}", "rate(x[5q])", "x >", "and x", "x[5m]]"})
    void malformedExpressionsAreRefused(String expression) {
        assertThrows(IllegalArgumentException.class, () -> PromQl.metrics(expression));
    }
}
