package org.socialmaturity.recommendations.advice;

import org.socialmaturity.contracts.rules.NotFound;

/** The item was never issued to the company, so it is not on its roadmap. */
public class UnknownRoadmapItem extends NotFound {

    public UnknownRoadmapItem(String itemCode) {
        super("Roadmap item", itemCode);
    }
}
