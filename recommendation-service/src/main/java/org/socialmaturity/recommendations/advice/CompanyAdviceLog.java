package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;

/**
 * The read model of one company's advice, one document in the service's database: what was issued, oldest first.
 * {@code lastIndex} is the global index of the last event applied, so that handling an event twice changes nothing.
 */
public class CompanyAdviceLog {

    public String companyId;
    public String partnerId;
    public long lastIndex = -1;
    public List<Issued> issued = new ArrayList<>();

    public record Issued(String adviceId, Instant at, Trigger trigger, List<String> itemCodes, List<String> dimensions,
                         String causeEventId) {
    }
}
