package awslab.sandbox;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Key pairs as EC2 hands them out: an RSA key whose private half is a PEM file (what Learner
 * Lab's "Download PEM" gives) and whose public half is an OpenSSH line the instances trust.
 *
 * <pre>
 * KeyMaterial key = KeyMaterial.generate();
 * Files.writeString(pem, key.privatePem());
 * </pre>
 */
public record KeyMaterial(String privatePem, String publicLine, String fingerprint) {

    public static KeyMaterial generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(pair.getPrivate()); // "BEGIN RSA PRIVATE KEY", like labsuser.pem
            }
            return new KeyMaterial(pem.toString(), PublicKeyEntry.toString(pair.getPublic()), fingerprint(pair.getPublic()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot generate a key pair", e);
        }
    }

    /** The public key of an OpenSSH line ({@code ssh-rsa AAAA... comment}), or an EC2 error when it is not one. */
    static PublicKey parsePublic(String line) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim());
            if (entry == null) {
                throw new IllegalArgumentException("empty");
            }
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw AwsError.badRequest("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        }
    }

    /** An MD5 fingerprint of the public key, in EC2's colon-separated shape. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(key.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
