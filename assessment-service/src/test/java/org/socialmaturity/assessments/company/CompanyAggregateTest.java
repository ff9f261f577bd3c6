package org.socialmaturity.assessments.company;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.web.ApiProblem;

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

    @Test
    void aTargetIsSetOnceAndOnlyByTheCompanysPartner() {
        CompanyRegistered registered = new CompanyRegistered("c1", "p1", "Acme", "retail", "ES", 40,
                Instant.parse("2026-11-27T08:00:00Z"));
        SetCompanyTarget target = new SetCompanyTarget("c1", "p1", "t1", 3, Map.of("LISTENING", 3),
                LocalDate.parse("2027-06-30"));
        fixture.given(registered)
                .when(target)
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(e -> e instanceof TargetSet t && t.companyId().equals("c1")
                                && t.partnerId().equals("p1") && t.targetId().equals("t1") && t.phase() == 3
                                && t.dimensionLevels().equals(Map.of("LISTENING", 3))
                                && t.due().equals(LocalDate.parse("2027-06-30")) && t.setAt() != null),
                        Matchers.andNoMore())));
        fixture.given(registered, new TargetSet("c1", "p1", "t1", 3, Map.of("LISTENING", 3),
                        LocalDate.parse("2027-06-30"), Instant.parse("2026-11-27T09:00:00Z")))
                .when(target)
                .expectNoEvents();
        fixture.given(registered)
                .when(new SetCompanyTarget("c1", "p2", "t1", 3, Map.of(), LocalDate.parse("2027-06-30")))
                .expectException(ApiProblem.class)
                .expectNoEvents();
    }
}
