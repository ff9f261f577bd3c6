package org.socialmaturity.assessments.company;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.company.UnknownCompany;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.contracts.rules.InvalidInput;

class CompanyAggregateTest {

    /** The instant every command of these tests is handled at, so that the events are known exactly. */
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");

    private final AggregateTestFixture<Company> fixture = new AggregateTestFixture<>(Company.class);

    @BeforeEach
    void fixClock() {
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(QuestionnaireCatalogue.load());
    }

    @Test
    void registeringAppendsTheRegistrationWithItsPartner() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCompany("c1", "p1", "Acme", "retail", "ES", 40))
                .expectEvents(new CompanyRegistered("c1", "p1", "Acme", "retail", "ES", 40, NOW))
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
                .expectEvents(new TargetSet("c1", "p1", "t1", 3, Map.of("LISTENING", 3),
                        LocalDate.parse("2027-06-30"), NOW));
        fixture.given(registered, new TargetSet("c1", "p1", "t1", 3, Map.of("LISTENING", 3),
                        LocalDate.parse("2027-06-30"), Instant.parse("2026-11-27T09:00:00Z")))
                .when(target)
                .expectNoEvents();
        fixture.given(registered)
                .when(new SetCompanyTarget("c1", "p2", "t1", 3, Map.of(), LocalDate.parse("2027-06-30")))
                .expectException(UnknownCompany.class)
                .expectExceptionMessage("No company c1")
                .expectNoEvents();
    }

    @Test
    void aTargetNamesDimensionsOfTheQuestionnaireAndADateNotYetPast() {
        fixture.given(new CompanyRegistered("c1", "p1", "Acme", "retail", "ES", 40, NOW))
                .when(new SetCompanyTarget("c1", "p1", "t1", 3, Map.of("TELEPATHY", 2), LocalDate.parse("2026-11-26")))
                .expectException(InvalidInput.class)
                .expectExceptionMessage("2 fields are invalid")
                .expectException(Matchers.matches(e -> e instanceof InvalidInput invalid
                        && invalid.brokenRules().stream().map(BrokenRule::field).toList()
                        .equals(List.of("dimensions.TELEPATHY", "due"))))
                .expectNoEvents();
    }
}
