package dev.hyperplane.platform.security;

import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * Who is calling, from the verified bearer token, and the tenancy rules every resource applies: a fleet admin
 * sees every tenant; anyone else only the tenant in the token. Another tenant's objects are answered as not
 * found (404), so a caller cannot even learn that they exist.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    /** The token's subject, recorded as "who" in the VM history. */
    public String name() {
        String name = token.getName();
        return name == null ? "anonymous" : name;
    }

    public boolean isFleetAdmin() {
        return token.getGroups().contains(Roles.FLEET_ADMIN);
    }

    /** The caller's tenant; null for a fleet admin. */
    public String tenant() {
        return isFleetAdmin() ? null : token.getClaim(Roles.TENANT_CLAIM);
    }

    public boolean canSee(String tenantId) {
        return isFleetAdmin() || tenantId != null && tenantId.equals(tenant());
    }

    /**
     * The tenant a listing is restricted to: what the caller asked for if they may see it, their own tenant when
     * they asked for none. A tenant-scoped caller asking for another tenant gets 404.
     */
    public String tenantFilter(String requested) {
        if (isFleetAdmin()) {
            return requested;
        }
        if (requested != null && !requested.equals(tenant())) {
            throw ProblemException.notFound("tenant", requested);
        }
        return ownTenant();
    }

    /**
     * The tenant a new object belongs to: fleet admins name it; tenant-scoped callers may leave it out or name
     * their own, and are refused (403) for any other.
     */
    public String tenantForNew(String requested, String field) {
        if (isFleetAdmin()) {
            if (requested == null || requested.isBlank()) {
                throw ProblemException.invalidField(400, field, "a fleet admin must name the tenant");
            }
            return requested;
        }
        String own = ownTenant();
        if (requested != null && !requested.equals(own)) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "a token of tenant " + own + " cannot act for tenant " + requested,
                    List.of(new Problem.FieldError(field, "not the caller's tenant")));
        }
        return own;
    }

    private String ownTenant() {
        String own = tenant();
        if (own == null || own.isBlank()) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "the token has a tenant role but no " + Roles.TENANT_CLAIM + " claim", List.of());
        }
        return own;
    }
}
