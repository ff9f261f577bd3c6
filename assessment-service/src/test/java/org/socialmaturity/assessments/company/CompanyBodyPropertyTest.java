package org.socialmaturity.assessments.company;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.socialmaturity.assessments.HostileJson;

import com.fasterxml.jackson.core.JsonProcessingException;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a partner sends to register a company, it is a valid registration or refused with a 400: unreadable
 * or mistyped JSON (a {@link JsonProcessingException}, which the services answer 400 naming the field) or broken
 * constraints naming its fields. Never another exception, which would be a 500.
 */
class CompanyBodyPropertyTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final List<String> FIELDS = List.of("name", "sector", "country", "employees");

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
        Set<ConstraintViolation<CompanyRequest>> broken = VALIDATOR.validate(request);
        if (broken.isEmpty()) {
            assertFalse(request.name().isBlank(), body);
            assertTrue(request.employees() >= 1 && request.employees() <= CompanyRequest.MAX_EMPLOYEES, body);
        } else {
            broken.forEach(violation -> {
                assertTrue(FIELDS.contains(violation.getPropertyPath().toString()), body + " -> " + violation);
                assertFalse(violation.getMessage().isBlank(), body);
            });
        }
    }

    @Provide
    Arbitrary<String> companies() {
        return HostileJson.bodies("name", "sector", "country", "employees");
    }
}
