package awslab.lab;

import awslab.api.UserException;
import awslab.api.BaseCommand;
import awslab.testing.TestShellContext;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Test helpers for the lab against Moto. */
public final class LabMoto {
    /** A fresh RSA public key in OpenSSH format, to import as {@code vockey} (Moto checks the format). */
    public static String publicKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var key = (java.security.interfaces.RSAPublicKey) generator.generateKeyPair().getPublic();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            for (byte[] part : new byte[][] {"ssh-rsa".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    key.getPublicExponent().toByteArray(), key.getModulus().toByteArray()}) {
                out.writeInt(part.length);
                out.write(part);
            }
            return "ssh-rsa " + java.util.Base64.getEncoder().encodeToString(bytes.toByteArray()) + " test@awslab";
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private LabMoto() {}

    public static void importVockey(Ec2Client ec2) {
        ec2.importKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR)
                .publicKeyMaterial(software.amazon.awssdk.core.SdkBytes.fromUtf8String(publicKey())));
    }

    /** Runs a command and returns the {@link UserException} it threw (the shell would print it). */
    public static UserException userError(TestShellContext ctx, BaseCommand command, String... args) {
        command.context(ctx);
        UserException[] thrown = new UserException[1];
        int code = new CommandLine(command)
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    if (e instanceof UserException user) {
                        thrown[0] = user;
                        return 1;
                    }
                    throw e;
                })
                .execute(args);
        if (thrown[0] == null) {
            throw new AssertionError("expected a UserException, got exit code " + code + " and output " + ctx.output());
        }
        return thrown[0];
    }
}
