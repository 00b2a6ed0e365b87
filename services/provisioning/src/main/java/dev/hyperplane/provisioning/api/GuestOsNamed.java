package dev.hyperplane.provisioning.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A guest OS is named by its catalog id, or by family, distribution and version: each missing one of those is
 * reported on its own field, with the other invalid fields of the request.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = GuestOsNamed.Validator.class)
public @interface GuestOsNamed {
    String message() default "is required unless guestOs.id is given";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<GuestOsNamed, CreateVmRequest.GuestOsRequest> {
        @Override
        public boolean isValid(CreateVmRequest.GuestOsRequest guest, ConstraintValidatorContext context) {
            if (guest == null || guest.id() != null && !guest.id().isBlank()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (guest.family() == null) {
                valid = missing(context, "family");
            }
            if (guest.distribution() == null || guest.distribution().isBlank()) {
                valid = missing(context, "distribution");
            }
            if (guest.version() == null || guest.version().isBlank()) {
                valid = missing(context, "version");
            }
            return valid;
        }

        private static boolean missing(ConstraintValidatorContext context, String field) {
            context.buildConstraintViolationWithTemplate("is required unless guestOs.id is given")
                    .addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
