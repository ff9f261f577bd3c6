package org.socialmaturity.eventstore.mongo;

/** The payload the proofs append: which writer, which of its events. */
public record ProofEvent(String writer, int number) {

    String id() {
        return writer + "#" + number;
    }
}
