package org.socialmaturity.scoring.benchmark;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The comparable companies: those of this sector, country and size band. Groups are cells, never unions of cells, so
 * that no two groups differ by a few companies whose figures a subtraction would reveal.
 */
@Schema(name = "BenchmarkGroup")
public record Group(
        @Schema(example = "airlines") String sector,
        @Schema(description = "ISO 3166-1 alpha-2", example = "ES") String country,
        @Schema(example = "LARGE") SizeBand size) {
}
