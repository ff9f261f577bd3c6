package org.socialmaturity.recommendations.advice;

/** The item was never issued to the company, so it is not on its roadmap. */
public class UnknownRoadmapItem extends RuntimeException {

    public UnknownRoadmapItem(String companyId, String itemCode) {
        super("No advice item " + itemCode + " was issued to company " + companyId);
    }
}
