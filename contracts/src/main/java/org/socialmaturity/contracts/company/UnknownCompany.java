package org.socialmaturity.contracts.company;

import org.socialmaturity.contracts.rules.NotFound;

/** The partner has no company with this id: another partner's company is as unknown as one nobody registered. */
public class UnknownCompany extends NotFound {

    public UnknownCompany(String companyId) {
        super("Company", companyId);
    }
}
