package dev.hyperplane.platform.security;

/**
 * The roles a bearer token carries in its {@code groups} claim. A fleet admin runs the provider's fleet and sees
 * every tenant; a tenant admin manages the VMs of the tenant named in the token's {@code tenant} claim; a tenant
 * user sees them and powers them on and off.
 */
public final class Roles {
    public static final String FLEET_ADMIN = "fleet-admin";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String TENANT_USER = "tenant-user";

    /** The claim naming the caller's tenant (absent for fleet admins). */
    public static final String TENANT_CLAIM = "tenant";

    private Roles() {
    }
}
