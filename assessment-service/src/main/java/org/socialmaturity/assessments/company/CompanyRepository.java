package org.socialmaturity.assessments.company;

import org.socialmaturity.contracts.company.UnknownCompany;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.eventstore.AxonRuntime;

/** Finds a partner's company by id, straight from its events: what was registered a moment ago is found. */
@ApplicationScoped
public class CompanyRepository {

    private final AxonRuntime axon;

    CompanyRepository(AxonRuntime axon) {
        this.axon = axon;
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public Optional<CompanyRegistered> find(String partnerId, String companyId) {
        return axon.readAggregate(Company.class, companyId, c -> c.belongsTo(partnerId) ? c.registration() : null);
    }

    public CompanyRegistered require(String partnerId, String companyId) {
        return find(partnerId, companyId).orElseThrow(() -> new UnknownCompany(companyId));
    }
}
