package awslab.lab;

import awslab.state.StateFiles;
import awslab.api.UserException;
import awslab.api.Progress;
import awslab.target.Creations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The key pair an instance is launched with: the Learner Lab's {@code vockey} where it exists,
 * otherwise one the shell creates ({@link LabNames#OWN_KEY_PAIR}) whose private key it saves,
 * readable by the owner only, under the state directory's {@code keys/}.
 *
 * <pre>
 * KeyPairs.Choice key = new KeyPairs(ec2, stateDir, progress).ensure();
 * </pre>
 */
public final class KeyPairs {
    private final Ec2Client ec2;
    private final Path stateDir;
    private final Progress progress;

    /** The key pair to launch with and, when the shell created it, where its private key is. */
    public record Choice(String name, Optional<Path> privateKey) {}

    public KeyPairs(Ec2Client ec2, Path stateDir, Progress progress) {
        this.ec2 = ec2;
        this.stateDir = stateDir;
        this.progress = progress;
    }

    /** Where the shell keeps the private key of {@code keyName}. */
    public static Path privateKeyFile(Path stateDir, String keyName) {
        return stateDir.resolve(LabNames.KEYS_DIR).resolve(keyName + ".pem");
    }

    /** {@code vockey} if it exists, else the shell's own key pair (created when missing). */
    public Choice ensure() {
        if (find(LabNames.LAB_KEY_PAIR).isPresent()) {
            progress.step("msg.lab.key.lab", LabNames.LAB_KEY_PAIR);
            return new Choice(LabNames.LAB_KEY_PAIR, Optional.empty());
        }
        Path pem = privateKeyFile(stateDir, LabNames.OWN_KEY_PAIR);
        Optional<KeyPairInfo> own = find(LabNames.OWN_KEY_PAIR);
        if (own.isPresent() && Files.isRegularFile(pem)) {
            progress.step("msg.lab.key.own", LabNames.OWN_KEY_PAIR, pem);
            return new Choice(LabNames.OWN_KEY_PAIR, Optional.of(pem));
        }
        if (own.isPresent()) {
            // Its private key is lost (another machine, a wiped state folder): AWS never gives it
            // again, so replace the key pair — it is ours, found by its tag.
            progress.apiCall("aws ec2 delete-key-pair --key-name " + LabNames.OWN_KEY_PAIR,
                    "ec2.deleteKeyPair(r -> r.keyName(\"" + LabNames.OWN_KEY_PAIR + "\"))");
            ec2.deleteKeyPair(r -> r.keyName(LabNames.OWN_KEY_PAIR));
        }
        return create(pem);
    }

    /** The key pair a user named with {@code --key}: it must exist. */
    public Choice named(String keyName) {
        if (find(keyName).isEmpty()) {
            throw new UserException("err.lab.key.missing", keyName);
        }
        Path pem = privateKeyFile(stateDir, keyName);
        return new Choice(keyName, Files.isRegularFile(pem) ? Optional.of(pem) : Optional.empty());
    }

    private Choice create(Path pem) {
        progress.apiCall("aws ec2 create-key-pair --key-name " + LabNames.OWN_KEY_PAIR + " --key-type rsa --query KeyMaterial --output text > "
                        + pem.getFileName(),
                "ec2.createKeyPair(r -> r.keyName(\"" + LabNames.OWN_KEY_PAIR + "\").keyType(KeyType.RSA)).keyMaterial()");
        // The private key comes only in the answer: when the answer is lost, the key pair AWS made
        // is no use to anyone, so it is deleted (it is ours, tagged) and made again.
        CreateKeyPairResponse created = Creations.once(() -> ec2.createKeyPair(r -> r.keyName(LabNames.OWN_KEY_PAIR)
                        .keyType("rsa")
                        .tagSpecifications(LabTags.ec2Spec(ResourceType.KEY_PAIR, LabNames.OWN_KEY_PAIR, LabNames.PART1_LESSON))
                        .overrideConfiguration(Creations.REFUSED_ONLY)),
                () -> {
                    if (find(LabNames.OWN_KEY_PAIR).isPresent()) {
                        ec2.deleteKeyPair(r -> r.keyName(LabNames.OWN_KEY_PAIR));
                    }
                    return Optional.<CreateKeyPairResponse>empty();
                },
                found -> {});
        writeOwnerOnly(pem, created.keyMaterial());
        progress.step("msg.lab.key.created", LabNames.OWN_KEY_PAIR, pem);
        return new Choice(LabNames.OWN_KEY_PAIR, Optional.of(pem));
    }

    private Optional<KeyPairInfo> find(String keyName) {
        progress.apiCall("aws ec2 describe-key-pairs --filters Name=key-name,Values=" + keyName,
                "ec2.describeKeyPairs(r -> r.filters(f -> f.name(\"key-name\").values(\"" + keyName + "\")))");
        return ec2.describeKeyPairs(r -> r.filters(f -> f.name("key-name").values(keyName))).keyPairs().stream()
                .filter(k -> keyName.equals(k.keyName()))
                .findFirst();
    }

    /** SSH clients refuse a private key others can read: 600 on POSIX, owner-only elsewhere. */
    static void writeOwnerOnly(Path file, String text) {
        StateFiles.write(file, text, StateFiles.Access.OWNER_ONLY);
    }
}
