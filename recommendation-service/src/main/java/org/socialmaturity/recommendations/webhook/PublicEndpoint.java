package org.socialmaturity.recommendations.webhook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An endpoint a webhook may be sent to: an absolute http(s) URL whose host resolves to public addresses only (unless
 * {@code platform.webhooks.allow-private-addresses}). Checked again at every delivery, which connects to the address
 * it checked; here the partner learns of a wrong URL when subscribing.
 */
@Documented
@Constraint(validatedBy = PublicEndpoint.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PublicEndpoint {

    String message() default "must be an absolute http or https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A bean, so that it reads the platform's settings; when it validates, as validators are made before them. */
    @ApplicationScoped
    class Validator implements ConstraintValidator<PublicEndpoint, String> {

        private final Provider<WebhookSettings> settings;

        Validator(Provider<WebhookSettings> settings) {
            this.settings = settings;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Optional<String> broken = brokenRule(value);
            broken.ifPresent(rule -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(rule).addConstraintViolation();
            });
            return broken.isEmpty();
        }

        private Optional<String> brokenRule(String value) {
            if (value == null || value.isBlank()) {
                return Optional.of("is required");
            }
            URI url;
            try {
                url = URI.create(value.strip());
            } catch (IllegalArgumentException e) {
                return Optional.of("must be an absolute http or https URL");
            }
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                    || url.getHost() == null) {
                return Optional.of("must be an absolute http or https URL");
            }
            if (settings.get().allowPrivateAddresses()) {
                return Optional.empty();
            }
            try {
                EndpointAddresses.checked(url.getHost(), false);
                return Optional.empty();
            } catch (EndpointAddresses.Refused e) {
                // The reason names the address, never a template: escaped so that it is shown as it is.
                return Optional.of("must not point at an internal address: " + escaped(e.getMessage()));
            } catch (UnknownHostException e) {
                return Optional.of("must name a host that resolves");
            }
        }

        private static String escaped(String text) {
            return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
