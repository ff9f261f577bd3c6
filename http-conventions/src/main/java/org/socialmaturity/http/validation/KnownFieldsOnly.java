package org.socialmaturity.http.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A body whose every field is one the API knows: each unknown one is a violation of its own, reported with the other
 * fields' (a misspelt optional field would otherwise be ignored without a word). The body collects what Jackson did
 * not know into {@link WithUnknownFields#unknownFields()}.
 */
@Documented
@Constraint(validatedBy = KnownFieldsOnly.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownFieldsOnly {

    String message() default "is not a known field";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A body that keeps the fields it does not declare. */
    interface WithUnknownFields {
        Map<String, Object> unknownFields();
    }

    class Validator implements ConstraintValidator<KnownFieldsOnly, WithUnknownFields> {

        @Override
        public boolean isValid(WithUnknownFields body, ConstraintValidatorContext context) {
            if (body == null || body.unknownFields() == null || body.unknownFields().isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            body.unknownFields().keySet().forEach(field -> context
                    .buildConstraintViolationWithTemplate("is not a known field")
                    .addPropertyNode(field).addConstraintViolation());
            return false;
        }
    }
}
