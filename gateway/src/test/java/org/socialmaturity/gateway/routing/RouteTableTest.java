package org.socialmaturity.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/questionnaires/current, ASSESSMENT",
            "/api/v1/companies, ASSESSMENT",
            "/api/v1/companies/c1, ASSESSMENT",
            "/api/v1/companies/c1/assessments, ASSESSMENT",
            "/api/v1/companies/c1/target, ASSESSMENT",
            "/api/v1/assessments/a1/answers/q1, ASSESSMENT",
            "/api/v1/assessments/a1/submit, ASSESSMENT",
            "/api/v1/companies/c1/assessments/compare, SCORING",
            "/api/v1/companies/c1/maturity, SCORING",
            "/api/v1/companies/c1/trajectory, SCORING",
            "/api/v1/companies/c1/history, SCORING",
            "/api/v1/companies/c1/report, SCORING",
            "/api/v1/companies/c1/dossier, SCORING",
            "/api/v1/companies/c1/attachments/9f86d081, SCORING",
            "/api/v1/benchmarks, SCORING",
            "/api/v1/companies/c1/advice, RECOMMENDATION",
            "/api/v1/companies/c1/advice/stream, RECOMMENDATION",
            "/api/v1/companies/c1/roadmap, RECOMMENDATION",
            "/api/v1/questionnaires, ASSESSMENT",
            "/api/v1/imports, ASSESSMENT",
            "/api/v1/imports/i1, ASSESSMENT",
            "/api/v1/admin/questionnaires, ASSESSMENT",
            "/api/v1/companies/c1/roadmap/PHASE.2, RECOMMENDATION",
            "/api/v1/webhooks/w1/deliveries, RECOMMENDATION",
            "/api/v1/admin/projections/scoring/replay, SCORING",
            "/api/v1/admin/projections/recommendation/dead-letters, RECOMMENDATION",
            "/api/v1/admin/projections/assessment/dead-letters/c1/retry, ASSESSMENT",
            "/api/v1/admin/consistency, SCORING",
            "/api/v1/admin/integrity/checkpoints, ASSESSMENT",
            "/api/v1/admin/data-subjects/maria@portal.example/erase, ASSESSMENT",
            "/api/v1/admin/projections/recommendation/consistency, RECOMMENDATION"})
    void eachPathGoesToTheServiceThatAnswersIt(String path, Service service) {
        assertEquals(Optional.of(service), RouteTable.route(path).map(RouteTable.Route::service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/admin/partners", "/api/v1/admin/projections/gateway/replay",
            "/api/v1/admin/projections/scoring/dead-letters/c1", "/api/v1/admin/consistency/c1",
            "/api/v1/companies/c1/secrets", "/api/v1", "/api/v2/companies"})
    void anythingElseHasNoRoute(String path) {
        assertTrue(RouteTable.route(path).isEmpty(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/companies/%2e%2e/x", "/api/v1/companies/a%2Fb", "/api/v1/companies/../x",
            "/api/v1//companies", "/api/v1/companies/a%5cb", "/api/v1/companies/.."})
    void pathsAServiceCouldReadDifferentlyAreNotPlain(String path) {
        assertFalse(RouteTable.isPlain(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/companies/c1", "/api/v1/companies/c1.v2/maturity"})
    void ordinaryPathsArePlain(String path) {
        assertTrue(RouteTable.isPlain(path), path);
    }
}
