package org.socialmaturity.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.socialmaturity.gateway.GatewayApi.as;
import static org.socialmaturity.gateway.GatewayApi.newPartner;
import static org.socialmaturity.gateway.GatewayApi.registerCompany;

import org.junit.jupiter.api.Test;
import org.socialmaturity.gateway.GatewayApi.Partner;
import org.socialmaturity.testsupport.PlatformProcesses;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A service that is down answers 503, one that hangs 504; the others go on, and so does the service once back. */
@QuarkusTest
@WithTestResource(ServicesBehindGateway.class)
class ServiceOutageTest {

    @Test
    void aServiceThatIsDownIsA503ProblemAndTheOthersStillAnswer() throws Exception {
        Partner partner = newPartner("Outage portal");
        String company = registerCompany(partner, "Caída S.A.");
        PlatformProcesses platform = ServicesBehindGateway.platform();
        platform.kill("recommendation-service");
        try {
            as(partner).get("/api/v1/companies/" + company + "/advice").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("/problems/unavailable"),
                            "detail", containsString("recommendation-service"));
            as(partner).get("/api/v1/companies/" + company).then().statusCode(200);
        } finally {
            platform.restart("recommendation-service");
        }
        as(partner).get("/api/v1/companies/" + company + "/advice").then().statusCode(200);
    }

    @Test
    void aServiceThatHangsIsA504ProblemAfterTheUpstreamTimeout() throws Exception {
        Partner partner = newPartner("Patient portal");
        String company = registerCompany(partner, "Lenta S.A.");
        PlatformProcesses platform = ServicesBehindGateway.platform();
        platform.freeze("scoring-service");
        try {
            as(partner).get("/api/v1/companies/" + company + "/maturity").then().statusCode(504)
                    .contentType("application/problem+json").body("type", equalTo("/problems/upstream-timeout"));
        } finally {
            platform.thaw("scoring-service");
        }
        await().untilAsserted(() -> as(partner)
                .get("/api/v1/companies/" + company + "/maturity").then().statusCode(200));
    }
}
