package org.socialmaturity.http;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One broken rule of a request: the field (a JSON path such as {@code value} or {@code body}) and the rule. */
@Schema(description = "A field of the request and the rule it broke")
public record Violation(
        @Schema(example = "optionId") String field,
        @Schema(example = "must be one of [junior-marketer, social-media-manager, director, executive]")
        String message) {
}
