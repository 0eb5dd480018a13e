package awslab.lab;

import awslab.api.UserException;
import awslab.api.Progress;
import java.util.Comparator;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Finds the current Ubuntu 24.04 image: Canonical's SSM public parameter first, and where that
 * is denied (Learner Lab may deny it) or absent (emulators), the newest image Canonical owns
 * whose name matches.
 *
 * <pre>
 * String ami = new ImageResolver(ec2, ssm, progress).resolve();
 * </pre>
 */
public final class ImageResolver {
    public static final String UBUNTU_PARAMETER = "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";
    public static final String CANONICAL_OWNER = "099720109477";
    public static final String UBUNTU_NAME_PATTERN = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*";

    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final Progress progress;
    private final String parameterName;

    public ImageResolver(Ec2Client ec2, SsmClient ssm, Progress progress) {
        this(ec2, ssm, progress, UBUNTU_PARAMETER);
    }

    /** With another parameter name (tests: emulators refuse to create names under {@code /aws/}). */
    public ImageResolver(Ec2Client ec2, SsmClient ssm, Progress progress, String parameterName) {
        this.ec2 = ec2;
        this.ssm = ssm;
        this.progress = progress;
        this.parameterName = parameterName;
    }

    /** The image id; throws a {@link UserException} when neither way finds one. */
    public String resolve() {
        String imageId = fromParameter().or(this::fromImages)
                .orElseThrow(() -> new UserException("err.lab.image.none", UBUNTU_NAME_PATTERN));
        progress.step("msg.lab.image", imageId);
        return imageId;
    }

    Optional<String> fromParameter() {
        progress.apiCall("aws ssm get-parameter --name " + parameterName,
                "ssm.getParameter(r -> r.name(\"" + parameterName + "\")).parameter().value()");
        try {
            String value = ssm.getParameter(r -> r.name(parameterName)).parameter().value();
            return Optional.ofNullable(value).filter(v -> v.startsWith("ami-"));
        } catch (SdkException e) {
            progress.step("msg.lab.image.fallback");
            return Optional.empty();
        }
    }

    Optional<String> fromImages() {
        progress.apiCall("aws ec2 describe-images --owners " + CANONICAL_OWNER + " --filters Name=name,Values=" + UBUNTU_NAME_PATTERN,
                "ec2.describeImages(r -> r.owners(\"" + CANONICAL_OWNER + "\").filters(f -> f.name(\"name\").values(\""
                        + UBUNTU_NAME_PATTERN + "\")))");
        return ec2.describeImages(r -> r.owners(CANONICAL_OWNER)
                        .filters(f -> f.name("name").values(UBUNTU_NAME_PATTERN), f -> f.name("state").values("available")))
                .images().stream()
                // Canonical's names end with the build date, so the name orders like the creation date.
                .max(Comparator.comparing((Image i) -> String.valueOf(i.creationDate())).thenComparing(Image::name))
                .map(Image::imageId);
    }
}
