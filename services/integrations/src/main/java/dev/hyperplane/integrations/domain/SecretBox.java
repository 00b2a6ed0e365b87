package dev.hyperplane.integrations.domain;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keeps webhook secrets encrypted at rest: AES-256-GCM under a key from configuration (a Kubernetes Secret in
 * production), a fresh 96-bit nonce per encryption, the subscription's id as associated data so that a ciphertext
 * copied to another subscription's row does not decrypt. Stored as {@code v1:} and base64 of nonce and ciphertext.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param base64Key 32 bytes in base64, e.g. from {@code openssl rand -base64 32} */
    public SecretBox(String base64Key, SecureRandom random) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secrets key must be base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes (AES-256), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.random = random;
    }

    public String seal(String plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, boundTo, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return VERSION + Base64.getEncoder().encodeToString(out);
    }

    /** @throws IllegalArgumentException when it was sealed under another key or for another row, or altered */
    public String open(String stored, String boundTo) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        if (in.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, boundTo, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String boundTo, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed secret does not open with this key for " + boundTo, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
