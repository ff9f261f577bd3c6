package org.socialmaturity.contracts.rules;

import java.util.List;

/** Input that breaks rules of the domain, with every field at fault. */
public class InvalidInput extends DomainException {

    private final List<BrokenRule> brokenRules;

    public InvalidInput(List<BrokenRule> brokenRules) {
        super(Kind.INVALID, "validation", "The request is invalid", brokenRules.size() == 1
                ? brokenRules.get(0).field() + " " + brokenRules.get(0).rule()
                : brokenRules.size() + " fields are invalid");
        this.brokenRules = List.copyOf(brokenRules);
    }

    public InvalidInput(String field, String rule) {
        this(List.of(new BrokenRule(field, rule)));
    }

    @Override
    public List<BrokenRule> brokenRules() {
        return brokenRules;
    }
}
