package org.socialmaturity.gateway.partner;

import java.util.LinkedHashMap;
import java.util.Map;

import org.socialmaturity.http.validation.KnownFieldsOnly;
import org.socialmaturity.http.validation.PlainText;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/** A partner portal to register: its name, and nothing else (a misspelt field is refused, not ignored). */
@KnownFieldsOnly
public record PartnerRequest(
        @PlainText(max = PartnerRequest.MAX_NAME) String name,
        @JsonAnySetter @JsonIgnore Map<String, Object> unknownFields) implements KnownFieldsOnly.WithUnknownFields {

    static final int MAX_NAME = 200;

    public PartnerRequest {
        name = PlainText.Validator.stripped(name);
        unknownFields = unknownFields == null ? new LinkedHashMap<>() : unknownFields;
    }
}
