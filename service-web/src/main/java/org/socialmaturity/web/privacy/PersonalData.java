package org.socialmaturity.web.privacy;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.privacy.SealedText;
import org.socialmaturity.web.privacy.SubjectKeys.SubjectKey;

/**
 * The one place personal data is sealed before it enters an event and revealed when it leaves in a response. Personal
 * data here: who acted (the {@code X-Actor} identity, or the partner when none is given) and the free text people
 * write (answer notes, reasons a question does not apply, cancellation reasons, evidence descriptions and file names,
 * roadmap owners), each sealed with the key of the
 * person who acted. Everything else in
 * the events (companies, answers, scores, times, ids) is not about a person.
 */
@Singleton
public class PersonalData {

    private final SubjectKeys keys;

    PersonalData(SubjectKeys keys) {
        this.keys = keys;
    }

    /** {@code text} sealed with {@code subject}'s key (null stays null). */
    public String seal(String text, String subject) {
        if (text == null) {
            return null;
        }
        SubjectKey key = keys.keyFor(subject);
        return SealedText.seal(text, key.ref(), key.key());
    }

    /**
     * The answer with its note (or its reason for not applying), and its evidence's descriptions and file names,
     * sealed with {@code subject}'s key.
     */
    public RawAnswer seal(RawAnswer answer, String subject) {
        return answer == null ? null : map(answer, text -> seal(text, subject));
    }

    /** Sealed text in clear, {@code "erased"} once its subject was erased; anything else as it is. */
    public String reveal(String stored) {
        if (!SealedText.isSealed(stored)) {
            return stored;
        }
        Optional<byte[]> key = keys.key(SealedText.subjectRef(stored));
        return key.map(k -> SealedText.open(stored, k)).orElse(SealedText.ERASED);
    }

    /** The answer with its note and its evidence's descriptions and file names revealed. */
    public RawAnswer reveal(RawAnswer answer) {
        return answer == null ? null : map(answer, this::reveal);
    }

    private static RawAnswer map(RawAnswer answer, UnaryOperator<String> text) {
        List<Evidence> evidence = answer.evidence() == null ? null : answer.evidence().stream()
                .map(e -> new Evidence(e.url(), e.sha256(), text.apply(e.description()),
                        text.apply(e.attachmentName()), e.mediaType(), e.size())).toList();
        return answer.withTexts(text.apply(answer.note()), text.apply(answer.reason()), evidence);
    }
}
