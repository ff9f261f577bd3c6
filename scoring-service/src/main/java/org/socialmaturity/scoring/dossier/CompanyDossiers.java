package org.socialmaturity.scoring.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.proof.ChainLink;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.Dossier.IssuedAdvice;
import org.socialmaturity.contracts.proof.Dossier.AttachmentCopy;
import org.socialmaturity.contracts.proof.Dossier.Figures;
import org.socialmaturity.contracts.proof.Dossier.Point;
import org.socialmaturity.contracts.proof.Dossier.Revealed;
import org.socialmaturity.contracts.proof.Dossier.PhaseChange;
import org.socialmaturity.contracts.proof.Dossier.QuadrantChange;
import org.socialmaturity.contracts.proof.DossierSignature;
import org.socialmaturity.contracts.proof.StoredCommit;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnairePublished;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.scoring.timeline.CompanyTimeline;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.TimelineView;
import org.socialmaturity.scoring.timeline.TimelineRepository;
import org.socialmaturity.web.evidence.Attachments;
import org.socialmaturity.web.privacy.PersonalData;

/**
 * Makes a company's dossier: its commits as stored, up to the last event its timeline applied (so that the events and
 * what was derived from them are one cut), each led to the first signed checkpoint at or after it through the other
 * commits between (by content hash), a fresh checkpoint signed when none covers the last ones yet; then the derived
 * part from the read model, and the platform's signature over the whole.
 */
@Singleton
public class CompanyDossiers {

    private static final int HOLE_WAITS = 40;
    private static final long HOLE_WAIT_MILLIS = 50;

    private final TimelineRepository timelines;
    private final AxonRuntime axon;
    private final Checkpoints checkpoints;
    private final PersonalData personalData;
    private final Attachments attachments;

    CompanyDossiers(TimelineRepository timelines, AxonRuntime axon, Checkpoints checkpoints,
                    PersonalData personalData, Attachments attachments) {
        this.attachments = attachments;
        this.timelines = timelines;
        this.axon = axon;
        this.checkpoints = checkpoints;
        this.personalData = personalData;
    }

    /** The partner's company's dossier, signed; 404 for another partner's company or an unknown one. */
    public Dossier of(String partnerId, String companyId) {
        TimelineView view = timelines.view(partnerId, companyId);
        CompanyTimeline timeline = view.timeline();
        long cut = timeline.lastIndex;
        Map<Long, IssuedAdvice> advice = advice(companyId, cut);
        List<StoredCommit> commits = commitsUpTo(companyId, timeline, cut, advice.keySet());
        List<Checkpoint> anchors = new ArrayList<>();
        List<ChainLink> links = new ArrayList<>();
        Set<Long> own = new LinkedHashSet<>();
        commits.forEach(c -> own.add(c.first()));
        int next = 0;
        while (next < commits.size()) {
            StoredCommit first = commits.get(next);
            Checkpoint anchor = checkpoints.covering(first.last());
            if (anchor.headIndex() < first.last()) {
                // Tracking readers read what is durable, and the timeline applied this commit: the head is past it.
                throw new IllegalStateException("The signed head " + anchor.headIndex() + " is before commit "
                        + first.first() + " the timeline applied");
            }
            anchors.add(anchor);
            for (StoredCommit between : contiguous(first.first(), anchor.headIndex())) {
                if (!own.contains(between.first())) {
                    links.add(between.toLink());
                }
            }
            while (next < commits.size() && commits.get(next).last() <= anchor.headIndex()) {
                next++;
            }
            if (next < commits.size() && commits.get(next).first() <= anchor.headIndex()) {
                throw new IllegalStateException("Checkpoint at " + anchor.headIndex() + " falls inside commit "
                        + commits.get(next).first() + "-" + commits.get(next).last());
            }
        }
        Dossier unsigned = new Dossier(Dossier.FORMAT, companyId, timeline.partnerId, timeline.companyName,
                Instant.now().toString(), cut, checkpoints.key().keyId(), checkpoints.key().publicKeyBase64(), anchors,
                commits, links, attachedTo(view), derived(view, cut, List.copyOf(advice.values())), null);
        return DossierSignature.sign(unsigned, checkpoints.key());
    }

    /**
     * The commits of {@code [from, to]}, waiting a little for one another writer has not landed yet (a hole behind a
     * freshly signed head fills within the engine's hole patience); what is still missing after that is shown as
     * missing, for the verifier to report.
     */
    private List<StoredCommit> contiguous(long from, long to) {
        List<StoredCommit> commits = axon.storageEngine().storedCommitsBetween(from, to);
        for (int wait = 0; wait < HOLE_WAITS && !tiles(commits, from, to); wait++) {
            try {
                Thread.sleep(HOLE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            commits = axon.storageEngine().storedCommitsBetween(from, to);
        }
        return commits;
    }

    private static boolean tiles(List<StoredCommit> commits, long from, long to) {
        long next = from;
        for (StoredCommit commit : commits) {
            if (commit.first() != next) {
                return false;
            }
            next = commit.last() + 1;
        }
        return next == to + 1;
    }

    /** Copies of the documents the company's answers attached, each once. */
    private List<AttachmentCopy> attachedTo(TimelineView view) {
        Map<String, AttachmentCopy> copies = new LinkedHashMap<>();
        view.attachmentsNamed().map(Evidence::sha256).distinct()
                .forEach(sha256 -> attachments.find(sha256).ifPresent(kept -> copies.put(sha256,
                        new AttachmentCopy(sha256, kept.mediaType(),
                                Base64.getEncoder().encodeToString(kept.content())))));
        return List.copyOf(copies.values());
    }

    /**
     * The company's commits (company, maturity, assessments) starting at or before the cut, those of the advice issued for
     * a change at or before it (advice follows its change, often after the cut), and the questionnaire versions
     * published by the cut, in global order.
     */
    private List<StoredCommit> commitsUpTo(String companyId, CompanyTimeline timeline, long cut, Set<Long> advice) {
        List<StoredCommit> commits = new ArrayList<>();
        for (String aggregate : timeline.aggregateIds()) {
            // A commit the cut falls inside is proved whole; the verifier derives from its events up to the cut.
            axon.storageEngine().storedCommitsOf(aggregate).stream().filter(c -> c.first() <= cut)
                    .forEach(commits::add);
        }
        axon.storageEngine().storedCommitsOf(AdviceIssued.streamIdOf(companyId)).stream()
                .filter(c -> advice.stream().anyMatch(i -> i >= c.first() && i <= c.last())).forEach(commits::add);
        // The questionnaire versions published by then: the verifier scores with these, never with versions it was
        // built with.
        axon.storageEngine().storedCommitsOf(QuestionnairePublished.CATALOGUE_ID).stream()
                .filter(c -> c.first() <= cut).forEach(commits::add);
        commits.sort(Comparator.comparingLong(StoredCommit::first));
        return commits;
    }

    private Dossier.Derived derived(TimelineView view, long cut, List<IssuedAdvice> advice) {
        List<Entry> entries = view.entries();
        Questionnaire current = currentAt(cut);
        Figures maturity = entries.isEmpty()
                ? Figures.unknown(current.version(), current.requiredQuestions().size())
                : Figures.of(entries.get(entries.size() - 1).maturity());
        List<Point> trajectory = entries.stream().map(e -> Point.of(e.globalIndex(), e.eventId(), e.at(),
                e.questionId(), e.level(), e.maturity())).toList();
        CompanyTimeline timeline = view.timeline();
        List<PhaseChange> phases = timeline.transitions.stream().map(t -> new PhaseChange(t.at().toString(),
                t.from(), t.to(), t.causeEventId())).toList();
        List<QuadrantChange> quadrants = timeline.quadrantTransitions.stream().map(t -> new QuadrantChange(
                t.at().toString(), t.from(), t.to(), t.causeEventId())).toList();
        List<Revealed> people = new ArrayList<>();
        timelines.walk(timeline.partnerId, timeline.companyId).forEach(e -> {
            if (e.globalIndex() <= cut) {
                RawAnswer revealed = personalData.reveal(e.answer());
                people.add(new Revealed(e.eventId(), personalData.reveal(e.actor()), revealed.note(),
                        revealed.reason()));
            }
        });
        return new Dossier.Derived(maturity, trajectory, phases, quadrants, advice, people);
    }

    /** The version current at the cut: the last one published by then, as the verifier finds it in the dossier. */
    private Questionnaire currentAt(long cut) {
        List<QuestionnairePublished> published = new ArrayList<>();
        for (TrackedEventMessage<?> message : axon.storageEngine().readTrackedEvents(QuestionnairePublished.CATALOGUE_ID)) {
            if (GlobalIndex.of(message.trackingToken()) <= cut
                    && message.getPayload() instanceof QuestionnairePublished publication) {
                published.add(publication);
            }
        }
        return QuestionnaireCatalogue.of(published).current();
    }

    /** The advice issued for changes at or before the cut, by the global index of its event, in order. */
    private Map<Long, IssuedAdvice> advice(String companyId, long cut) {
        Map<Long, IssuedAdvice> advice = new LinkedHashMap<>();
        for (TrackedEventMessage<?> message : axon.storageEngine().readTrackedEvents(
                AdviceIssued.streamIdOf(companyId))) {
            if (message.getPayload() instanceof AdviceIssued issued && issued.causeIndex() <= cut) {
                advice.put(GlobalIndex.of(message.trackingToken()), new IssuedAdvice(issued.adviceId(), issued.issuedAt().toString(),
                        issued.trigger(), issued.itemCodes(),
                        issued.dimensions(), issued.causeEventId()));
            }
        }
        return advice;
    }
}
