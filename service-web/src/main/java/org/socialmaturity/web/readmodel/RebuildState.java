package org.socialmaturity.web.readmodel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a read model's rebuild stands. */
@Schema(name = "RebuildState", description = "IDLE when none was ever run; REBUILDING while the next generation is built "
        + "beside the current one; DONE once it became current; CANCELLED when the operator stopped it")
public enum RebuildState {
    IDLE, REBUILDING, DONE, CANCELLED
}
