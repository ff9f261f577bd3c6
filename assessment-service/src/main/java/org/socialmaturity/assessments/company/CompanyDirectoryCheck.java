package org.socialmaturity.assessments.company;

import java.util.List;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.web.consistency.ReadModelCheck;

/** The company directory against the store: every registered company is listed. */
@Singleton
public class CompanyDirectoryCheck implements ReadModelCheck {

    private final CompanyDirectoryProjection directory;

    CompanyDirectoryCheck(CompanyDirectoryProjection directory) {
        this.directory = directory;
    }

    @Override
    public List<Mismatch> compare(String companyId, List<TrackedEventMessage<?>> events) {
        List<TrackedEventMessage<?>> registered = events.stream()
                .filter(e -> e.getPayload() instanceof CompanyRegistered).toList();
        List<String> listed = registered.isEmpty() || !directory.lists(companyId) ? List.of()
                : List.of(registered.get(0).getIdentifier());
        return ReadModelCheck.present(ReadModelCheck.compareIds("company-directory", registered, listed));
    }
}
