package org.socialmaturity.http.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A required name-like text: present, not blank, at most {@link #max()} characters once stripped, no control
 * characters (it ends up in logs, CSV cells and PDF pages). Each way of breaking it has its own message.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    int max();

    String message() default "must be plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        private int max;

        @Override
        public void initialize(PlainText annotation) {
            max = annotation.max();
        }

        /**
         * The text without the spaces around it, for a record to keep once its constraints hold; a text holding control
         * characters is kept as it is, so that they are refused rather than stripped away unnoticed.
         */
        public static String stripped(String value) {
            return value == null || value.chars().anyMatch(Character::isISOControl) ? value : value.strip();
        }

        /** What is wrong with the text, if anything. */
        public static Optional<String> brokenRule(String value, int max) {
            if (value == null || value.isBlank()) {
                return Optional.of("is required");
            }
            if (value.strip().length() > max) {
                return Optional.of("must be at most " + max + " characters");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                return Optional.of("must not contain control characters");
            }
            return Optional.empty();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Optional<String> broken = brokenRule(value, max);
            broken.ifPresent(rule -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(rule).addConstraintViolation();
            });
            return broken.isEmpty();
        }
    }
}
