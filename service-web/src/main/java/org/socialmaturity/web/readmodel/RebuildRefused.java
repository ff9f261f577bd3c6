package org.socialmaturity.web.readmodel;

import org.socialmaturity.contracts.rules.DomainException;

/** A rebuild the read model's state refuses: one runs already, or there is none to cancel. */
public class RebuildRefused extends DomainException {

    private RebuildRefused(String code, String title, String detail) {
        super(Kind.CONFLICT, code, title, detail);
    }

    static RebuildRefused running(String detail) {
        return new RebuildRefused("rebuild-running", "A rebuild is running", detail);
    }

    static RebuildRefused noneRunning(String readModel) {
        return new RebuildRefused("no-rebuild", "No rebuild is running", "Nothing to cancel for " + readModel);
    }
}
