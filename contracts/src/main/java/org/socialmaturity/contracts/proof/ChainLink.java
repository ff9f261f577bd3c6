package org.socialmaturity.contracts.proof;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A commit of a proof shown by its content hash only (another company's commit between two of this company's): the
 * chain can be followed through it, and its hash checked against its content hash and {@code prev}, without seeing
 * what it holds.
 */
public record ChainLink(long first, long last, boolean voided, String standsFor, String contentHash, String prev,
                        String hash) {

    /** Whether the link's hash is what its content hash and {@code prev} give. */
    @JsonIgnore
    public boolean consistent() {
        return hash != null && contentHash != null && hash.equals(HashChain.link(contentHash, prev));
    }
}
