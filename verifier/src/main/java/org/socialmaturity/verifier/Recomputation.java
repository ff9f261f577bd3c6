package org.socialmaturity.verifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.AnswerState;
import org.socialmaturity.contracts.maturity.AnswerState.Held;
import org.socialmaturity.contracts.maturity.MaturityRules;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.privacy.SealedText;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.Dossier.IssuedAdvice;
import org.socialmaturity.contracts.proof.Dossier.Figures;
import org.socialmaturity.contracts.proof.Dossier.Point;
import org.socialmaturity.contracts.proof.Dossier.PhaseChange;
import org.socialmaturity.contracts.proof.Dossier.QuadrantChange;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.StoredCommit;
import org.socialmaturity.contracts.proof.StoredCommit.StoredEvent;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Recomputes from the dossier's events, with the platform's own rules ({@link MaturityRules}, the questionnaire
 * versions the answers pinned), what its read models say: the maturity after every answer, the phase and quadrant
 * changes a determinate result declares, and the maturity now; and compares each with the dossier's derived part
 * and with the changes and advice recorded as events.
 */
final class Recomputation {

    private static final String CONTRACTS = "org.socialmaturity.contracts.";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Findings findings;
    private int attachmentsVerified;

    Recomputation(Findings findings) {
        this.findings = findings;
    }

    /** @return the maturity now, recomputed */
    Figures check(Dossier dossier) {
        AnswerState state = new AnswerState();
        List<Point> points = new ArrayList<>();
        List<PhaseChange> phases = new ArrayList<>();
        List<QuadrantChange> quadrants = new ArrayList<>();
        List<PhaseChange> recordedPhases = new ArrayList<>();
        List<QuadrantChange> recordedQuadrants = new ArrayList<>();
        List<IssuedAdvice> recordedAdvice = new ArrayList<>();
        Maturity now = null;
        Integer phase = null;
        Quadrant quadrant = null;
        List<StoredCommit> commits = new ArrayList<>(dossier.commits());
        commits.sort(Comparator.comparingLong(StoredCommit::first));
        QuestionnaireCatalogue catalogue = publishedIn(commits, dossier);
        for (StoredCommit commit : commits) {
            long index = commit.first();
            for (StoredEvent event : commit.events()) {
                Object payload = payload(event, index, dossier.companyId());
                if (index > dossier.cut() && !(payload instanceof AdviceIssued)) {
                    index++;
                    continue;
                }
                if (payload instanceof AnswerRecorded answer) {
                    attached(answer, index, dossier);
                    Optional<Questionnaire> pinned = catalogue.version(answer.questionnaireVersion());
                    if (pinned.isEmpty()) {
                        findings.problem("the answer at global index " + index + " pins questionnaire "
                                + answer.questionnaireVersion() + ", which the dossier does not publish");
                        return null;
                    }
                    int level = pinned.get().question(answer.questionId()).orElseThrow().levelOf(answer.answer());
                    state.record(Held.of(answer.questionnaireVersion(), answer.questionId(), answer.answer(), level));
                    now = MaturityRules.score(state, catalogue).orElseThrow();
                    points.add(Point.of(index, event.id(), answer.recordedAt(), answer.questionId(), level, now));
                    if (now.determinate()) {
                        String at = answer.recordedAt().toString();
                        if (!Objects.equals(phase, now.phase())) {
                            phases.add(new PhaseChange(at, phase, now.phase(), event.id()));
                            phase = now.phase();
                        }
                        if (quadrant != now.quadrant()) {
                            quadrants.add(new QuadrantChange(at, quadrant, now.quadrant(), event.id()));
                            quadrant = now.quadrant();
                        }
                    }
                } else if (payload instanceof MaturityPhaseChanged changed) {
                    recordedPhases.add(new PhaseChange(changed.changedAt().toString(), changed.fromPhase(),
                            changed.toPhase(), changed.causeEventId()));
                } else if (payload instanceof QuadrantChanged changed) {
                    recordedQuadrants.add(new QuadrantChange(changed.changedAt().toString(),
                            changed.fromQuadrant(), changed.toQuadrant(), changed.causeEventId()));
                } else if (payload instanceof AdviceIssued advice) {
                    recordedAdvice.add(new IssuedAdvice(advice.adviceId(), advice.issuedAt().toString(),
                            advice.trigger(), advice.itemCodes(), advice.dimensions(), advice.causeEventId()));
                } else if (payload instanceof CompanyRegistered registered
                        && !registered.name().equals(dossier.companyName())) {
                    findings.problem("the company registered as " + registered.name() + ", the dossier names it "
                            + dossier.companyName());
                }
                index++;
            }
        }
        Figures recomputed = now == null
                ? Figures.unknown(catalogue.current().version(), catalogue.current().requiredQuestions().size())
                : Figures.of(now);
        Dossier.Derived derived = dossier.derived();
        compare("the maturity now", derived.maturity(), recomputed);
        comparePoints(derived.trajectory(), points);
        compareList("phase change", derived.phaseTransitions(), recordedPhases, "the events hold");
        compareList("quadrant change", derived.quadrantTransitions(), recordedQuadrants, "the events hold");
        declaredAsRecomputed("phase change", recordedPhases, phases);
        declaredAsRecomputed("quadrant change", recordedQuadrants, quadrants);
        compareList("advice", derived.advice(), recordedAdvice, "the events hold");
        findings.fact("recomputed from " + points.size() + " answers: " + describe(recomputed));
        if (attachmentsVerified > 0) {
            findings.fact(attachmentsVerified + " attached document(s) match the SHA-256 their answers name");
        }
        List<Dossier.Revealed> people = derived.personalData() == null ? List.of() : derived.personalData();
        long erased = people.stream().filter(p -> SealedText.ERASED.equals(p.actor())).count();
        findings.fact("personal data (sealed in the events, shown in clear by the platform): " + people.size()
                + " answers, " + erased + " of them by a person since erased");
        return recomputed;
    }

    /** Each attachment the answer names must be in the dossier, and be what its SHA-256 says. */
    private void attached(AnswerRecorded answer, long index, Dossier dossier) {
        if (answer.answer().evidence() == null) {
            return;
        }
        for (Evidence evidence : answer.answer().evidence()) {
            if (!evidence.attachment()) {
                continue;
            }
            Optional<Dossier.AttachmentCopy> copy = dossier.attachments() == null ? Optional.empty()
                    : dossier.attachments().stream().filter(a -> evidence.sha256().equals(a.sha256())).findFirst();
            if (copy.isEmpty()) {
                findings.problem("the answer at global index " + index + " attaches " + evidence.attachmentName()
                        + " (" + evidence.sha256() + "), which the dossier does not hold");
            } else if (!evidence.sha256().equals(HashChain.sha256Hex(
                    java.util.Base64.getDecoder().decode(copy.get().contentBase64())))) {
                findings.problem("the dossier's copy of " + evidence.attachmentName() + ", attached at global index "
                        + index + ", is not the document its SHA-256 names");
            } else {
                attachmentsVerified++;
            }
        }
    }

    /**
     * The questionnaire versions the dossier's commits publish by its cut (each proved by the chain like any other
     * commit), after the one built into the platform: the verifier scores with these, not with what it was built with.
     */
    private QuestionnaireCatalogue publishedIn(List<StoredCommit> commits, Dossier dossier) {
        List<QuestionnairePublished> published = new ArrayList<>();
        for (StoredCommit commit : commits) {
            long index = commit.first();
            for (StoredEvent event : commit.events()) {
                if (index <= dossier.cut() && QuestionnairePublished.class.getName().equals(event.payloadType())
                        && payload(event, index, dossier.companyId()) instanceof QuestionnairePublished publication) {
                    published.add(publication);
                }
                index++;
            }
        }
        if (!published.isEmpty()) {
            findings.fact("questionnaire versions published in the dossier: " + published.stream()
                    .map(p -> p.questionnaire().version()).toList());
        }
        return QuestionnaireCatalogue.of(published);
    }

    private Object payload(StoredEvent event, long index, String companyId) {
        if (event.payloadType() == null || !event.payloadType().startsWith(CONTRACTS)) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(event.payload());
            JsonNode owner = tree.get("companyId");
            if (owner != null && !companyId.equals(owner.asText())) {
                findings.problem("the event at global index " + index + " belongs to company " + owner.asText());
                return null;
            }
            return JSON.treeToValue(tree, Class.forName(event.payloadType()));
        } catch (ClassNotFoundException e) {
            return null;
        } catch (Exception e) {
            findings.problem("the event at global index " + index + " is not a readable " + event.payloadType()
                    + ": " + e.getMessage());
            return null;
        }
    }

    private void compare(String what, Object stated, Object recomputed) {
        if (!Objects.equals(stated, recomputed)) {
            findings.problem(what + ": the dossier says " + stated + ", the events give " + recomputed);
        }
    }

    private void comparePoints(List<Point> stated, List<Point> recomputed) {
        for (int i = 0; i < Math.max(stated.size(), recomputed.size()); i++) {
            Point a = i < stated.size() ? stated.get(i) : null;
            Point b = i < recomputed.size() ? recomputed.get(i) : null;
            if (!Objects.equals(a, b)) {
                long at = a != null ? a.globalIndex() : b.globalIndex();
                findings.problem("the trajectory at global index " + at + ": the dossier says " + a
                        + ", the events give " + b);
                return;
            }
        }
    }

    private <T> void compareList(String what, List<T> stated, List<T> recomputed, String source) {
        if (!Objects.equals(stated, recomputed)) {
            findings.problem(what + "s: the dossier says " + stated + ", " + source + " " + recomputed);
        }
    }

    /**
     * The changes recorded as events must be those recomputing gives, in order; the last few may not be declared yet
     * (the platform declares a change just after the answer that causes it).
     */
    private <T> void declaredAsRecomputed(String what, List<T> recorded, List<T> recomputed) {
        if (recorded.size() > recomputed.size() || !recorded.equals(recomputed.subList(0, recorded.size()))) {
            findings.problem("recorded " + what + "s: the events hold " + recorded + ", recomputing gives "
                    + recomputed);
        } else if (recorded.size() < recomputed.size()) {
            findings.fact((recomputed.size() - recorded.size()) + " " + what + "(s) recomputed but not yet declared "
                    + "when the dossier was made: " + recomputed.subList(recorded.size(), recomputed.size()));
        }
    }

    private static String describe(Figures figures) {
        return figures.phase() == null ? "no answer yet"
                : "phase " + figures.phase() + (figures.determinate() ? "" : " (provisional)") + ", quadrant "
                + figures.quadrant() + ", index " + figures.index();
    }
}
