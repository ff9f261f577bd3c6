package org.socialmaturity.assessments.assessment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.web.evidence.Attachments;

import com.fasterxml.jackson.databind.JsonNode;

/** One item of an answer's evidence as a partner sends it: a link, or an attachment in base64. */
@Schema(name = "EvidenceItem", description = "{\"url\", \"sha256\"?, \"description\"?} or "
        + "{\"attachment\": {\"name\", \"mediaType\", \"content\" (base64)}, \"description\"?}")
public record EvidenceRequest(
        @Schema(description = "An http(s) link to the document", example = "https://intranet.example/politica-social.pdf")
        String url,
        @Schema(description = "The SHA-256 of the linked document, 64 hex digits", example =
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
        @Schema(description = "What the evidence shows, at most 500 characters", example = "Social care policy, v3")
        String description,
        @Schema(description = "A small document kept by the platform, at most 128 KiB") AttachmentRequest attachment) {

    static final int MAX_ITEMS = 5;
    static final int MAX_DESCRIPTION = 500;
    private static final int MAX_URL = 2000;
    private static final Set<String> FIELDS = Set.of("url", "sha256", "description", "attachment");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("name", "mediaType", "content");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]{1,80}");

    @Schema(name = "EvidenceAttachment")
    public record AttachmentRequest(
            @Schema(example = "acta-comite.pdf") String name,
            @Schema(example = "application/pdf") String mediaType,
            @Schema(description = "The document, base64") String content) {
    }

    /** An attachment read from the body, to be kept before the answer naming it is recorded. */
    record Upload(String sha256, String mediaType, byte[] content) {
    }

    /**
     * Reads {@code evidence} (absent or null: none), adding a violation named after the item and field for each
     * rule broken, and the attachments to keep to {@code uploads}.
     */
    static List<Evidence> parse(JsonNode evidence, List<BrokenRule> violations, List<Upload> uploads) {
        if (evidence == null || evidence.isNull()) {
            return null;
        }
        if (!evidence.isArray() || evidence.size() > MAX_ITEMS) {
            violations.add(new BrokenRule("evidence", "must be an array of at most " + MAX_ITEMS + " items"));
            return null;
        }
        List<Evidence> items = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence item = item(evidence.get(i), "evidence[" + i + "]", violations, uploads);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private static Evidence item(JsonNode item, String path, List<BrokenRule> violations, List<Upload> uploads) {
        if (!item.isObject()) {
            violations.add(new BrokenRule(path, "must be an object with url or attachment"));
            return null;
        }
        int before = violations.size();
        unknownFields(item, FIELDS, path, violations);
        String url = AnswerRequest.text(item, "url", path + ".url", violations);
        String sha256 = AnswerRequest.text(item, "sha256", path + ".sha256", violations);
        String description = AnswerRequest.text(item, "description", path + ".description", violations);
        JsonNode attachment = item.get("attachment");
        if ((url == null) == (attachment == null || attachment.isNull())) {
            violations.add(new BrokenRule(path, "must hold either url or attachment"));
            return null;
        }
        if (description != null && (description.length() > MAX_DESCRIPTION || hasControl(description))) {
            violations.add(new BrokenRule(path + ".description", "must be at most " + MAX_DESCRIPTION
                    + " characters without control characters"));
        }
        if (url != null) {
            if (!isWebAddress(url)) {
                violations.add(new BrokenRule(path + ".url", "must be an absolute http or https URL of at most "
                        + MAX_URL + " characters"));
            }
            if (sha256 != null && !SHA256.matcher(sha256).matches()) {
                violations.add(new BrokenRule(path + ".sha256", "must be 64 lower-case hex digits"));
            }
            return violations.size() > before ? null : Evidence.link(url, sha256, description);
        }
        if (sha256 != null) {
            violations.add(new BrokenRule(path + ".sha256", "must be absent for an attachment: the platform computes it"));
        }
        return attached(attachment, path + ".attachment", description, violations, uploads, before);
    }

    private static Evidence attached(JsonNode attachment, String path, String description, List<BrokenRule> violations,
                                     List<Upload> uploads, int before) {
        if (!attachment.isObject()) {
            violations.add(new BrokenRule(path, "must be an object {name, mediaType, content}"));
            return null;
        }
        unknownFields(attachment, ATTACHMENT_FIELDS, path, violations);
        String name = AnswerRequest.text(attachment, "name", path + ".name", violations);
        String mediaType = AnswerRequest.text(attachment, "mediaType", path + ".mediaType", violations);
        String content = AnswerRequest.text(attachment, "content", path + ".content", violations);
        if (name == null || name.isBlank() || name.length() > 200 || hasControl(name) || name.contains("/")
                || name.contains("\\")) {
            violations.add(new BrokenRule(path + ".name", "is required: a file name of at most 200 characters, "
                    + "without slashes or control characters"));
        }
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            violations.add(new BrokenRule(path + ".mediaType", "is required: a media type such as application/pdf"));
        }
        byte[] bytes = null;
        if (content == null) {
            violations.add(new BrokenRule(path + ".content", "is required: the document in base64"));
        } else {
            try {
                bytes = Base64.getDecoder().decode(content);
            } catch (IllegalArgumentException e) {
                violations.add(new BrokenRule(path + ".content", "must be base64"));
            }
            if (bytes != null && (bytes.length == 0 || bytes.length > Attachments.MAX_BYTES)) {
                violations.add(new BrokenRule(path + ".content", "must hold 1 to " + Attachments.MAX_BYTES
                        + " bytes"));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        String sha256 = HashChain.sha256Hex(bytes);
        uploads.add(new Upload(sha256, mediaType, bytes));
        return Evidence.attachment(sha256, name, mediaType, bytes.length, description);
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, List<BrokenRule> violations) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(new BrokenRule(path + "." + name, "is not a field here (" + String.join(", ",
                        known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static boolean isWebAddress(String url) {
        if (url.length() > MAX_URL || hasControl(url)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
