package org.socialmaturity.assessments.company;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.CompanyRegistered;

class CompanyAggregateTest {

    private final AggregateTestFixture<Company> fixture = new AggregateTestFixture<>(Company.class);

    @Test
    void registeringAppendsTheRegistrationWithItsPartner() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCompany("c1", "p1", "Acme", "retail", "ES", 40))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(e -> e instanceof CompanyRegistered r && r.companyId().equals("c1")
                                && r.partnerId().equals("p1") && r.employees() == 40 && r.registeredAt() != null),
                        Matchers.andNoMore())))
                .expectState(company -> {
                    if (!company.belongsTo("p1") || company.belongsTo("p2")) {
                        throw new AssertionError("the company belongs to p1 only");
                    }
                });
    }
}
