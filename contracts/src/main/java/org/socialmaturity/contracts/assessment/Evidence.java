package org.socialmaturity.contracts.assessment;

/**
 * What backs an answer: a link to a document ({@code url}, and the SHA-256 of the document when the partner gives it,
 * so that a changed document shows), or a small attachment the platform keeps by its SHA-256 ({@code sha256},
 * {@code attachmentName}, {@code mediaType}, {@code size}); either with a description. Part of the answer, so part of
 * the event, the history and the dossier.
 */
public record Evidence(String url, String sha256, String description, String attachmentName, String mediaType,
                       Long size) {

    public static Evidence link(String url, String sha256, String description) {
        return new Evidence(url, sha256, description, null, null, null);
    }

    public static Evidence attachment(String sha256, String name, String mediaType, long size, String description) {
        return new Evidence(null, sha256, description, name, mediaType, size);
    }

    public boolean attachment() {
        return url == null;
    }
}
