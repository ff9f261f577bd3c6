package org.socialmaturity.assessments.company;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.socialmaturity.assessments.HostileJson;
import org.socialmaturity.web.ApiProblem;

import com.fasterxml.jackson.core.JsonProcessingException;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a partner sends to register a company, it is a valid registration or refused with a 400: unreadable
 * or mistyped JSON (a {@link JsonProcessingException}, which the services answer 400 naming the field) or a problem
 * naming fields. Never another exception, which would be a 500.
 */
class CompanyBodyPropertyTest {

    @Property(tries = 3000)
    void aCompanyIsValidOrRefusedWithAProblem(@ForAll("companies") String body) {
        CompanyRequest request;
        try {
            request = HostileJson.MAPPER.readValue(body, CompanyRequest.class);
        } catch (JsonProcessingException unreadable) {
            return;
        }
        if (request == null) {
            return; // a "null" body: the resource refuses it as missing
        }
        try {
            CompanyRequest valid = request.validated();
            assertFalse(valid.name().isBlank(), body);
            assertTrue(valid.employees() >= 1 && valid.employees() <= CompanyRequest.MAX_EMPLOYEES, body);
        } catch (ApiProblem problem) {
            assertEquals(400, problem.status(), body);
            assertFalse(problem.violations().isEmpty(), body);
        }
    }

    @Provide
    Arbitrary<String> companies() {
        return HostileJson.bodies("name", "sector", "country", "employees");
    }
}
