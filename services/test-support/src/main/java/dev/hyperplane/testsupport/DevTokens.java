package dev.hyperplane.testsupport;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Issues bearer tokens for tests and the devstack, signed with an RSA key of its own; the services verify them
 * with its public key ({@code mp.jwt.verify.publickey}). Production uses the provider's identity server instead,
 * with the same claims: {@code groups} (roles), {@code tenant}, {@code sub}.
 */
public final class DevTokens {
    public static final String ISSUER = "hyperplane-dev";

    private static DevTokens shared;

    private final KeyPair keys;

    private DevTokens(KeyPair keys) {
        this.keys = keys;
    }

    /** One key pair per JVM: every {@code @QuarkusTest} of the JVM verifies with the same key. */
    public static synchronized DevTokens shared() {
        if (shared == null) {
            shared = new DevTokens(generate());
        }
        return shared;
    }

    /** The key pair kept under {@code dir} (created on first use), so tokens outlive a devstack restart. */
    public static DevTokens keptIn(Path dir) {
        Path privateKey = dir.resolve("jwt-private.der");
        Path publicKey = dir.resolve("jwt-public.der");
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                KeyPair generated = generate();
                Files.createDirectories(dir);
                Files.write(privateKey, generated.getPrivate().getEncoded());
                Files.write(publicKey, generated.getPublic().getEncoded());
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new DevTokens(new KeyPair(
                    rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicKey))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateKey)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key in PEM, the form {@code mp.jwt.verify.publickey} takes. */
    public String publicKeyPem() {
        PublicKey key = keys.getPublic();
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** A fleet admin's token. */
    public String fleetAdmin() {
        return token("admin@provider", "fleet-admin", null);
    }

    /** A token for {@code role} in {@code tenant}, valid for a day. */
    public String tenant(String role, String tenant) {
        return token(role + "@" + tenant, role, tenant);
    }

    public String token(String subject, String role, String tenant) {
        var claims = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofDays(1));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        PrivateKey key = keys.getPrivate();
        return claims.sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
