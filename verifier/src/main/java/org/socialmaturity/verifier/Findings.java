package org.socialmaturity.verifier;

import java.util.ArrayList;
import java.util.List;

/** What a check found: problems (the dossier does not verify) and facts worth telling either way. */
final class Findings {

    final List<String> problems = new ArrayList<>();
    final List<String> facts = new ArrayList<>();

    void problem(String problem) {
        problems.add(problem);
    }

    void fact(String fact) {
        facts.add(fact);
    }
}
