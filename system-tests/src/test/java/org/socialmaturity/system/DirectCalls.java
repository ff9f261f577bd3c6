package org.socialmaturity.system;

import static io.restassured.RestAssured.given;

import org.socialmaturity.testsupport.PlatformProcesses;

import io.restassured.specification.RequestSpecification;

/** Calls to a service itself, bypassing the gateway: they must prove what the gateway proves, its secret. */
final class DirectCalls {

    static final String GATEWAY_SECRET_HEADER = "X-Gateway-Secret";

    private DirectCalls() {
    }

    /** A call to a service as the gateway makes it, for this partner. */
    static RequestSpecification asPartner(String baseUrl, String partner) {
        return asGateway(baseUrl).header("X-Partner-Id", partner);
    }

    /** A call to a service as the gateway makes it for the operator. */
    static RequestSpecification asOperator(String baseUrl) {
        return asGateway(baseUrl).header("X-Admin-Key", PlatformProcesses.ADMIN_KEY);
    }

    private static RequestSpecification asGateway(String baseUrl) {
        return given().baseUri(baseUrl).header(GATEWAY_SECRET_HEADER, PlatformProcesses.GATEWAY_SECRET);
    }
}
