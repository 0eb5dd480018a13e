package awslab.fleet;

import awslab.lab.LabNames;
import awslab.lab.LabTags;
import awslab.api.AwsClients;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The world a fleet test starts from, on a freshly reset Moto: the lab's key pair {@code vockey}
 * imported, part 1's web security group created in the default VPC, and a {@link LaunchSpec}
 * naming them with the emulator's Ubuntu image — what the shell's provider would hand over.
 */
final class FleetFixture {
    static final String USER_DATA = Base64.getEncoder()
            .encodeToString("#!/bin/bash\necho web service\n".getBytes(StandardCharsets.UTF_8));

    final AwsClients clients;
    final String webSecurityGroupId;
    final LaunchSpec spec;

    private FleetFixture(AwsClients clients, String webSecurityGroupId, LaunchSpec spec) {
        this.clients = clients;
        this.webSecurityGroupId = webSecurityGroupId;
        this.spec = spec;
    }

    /** Resets Moto and sets up the key pair and the web security group. */
    static FleetFixture fresh() {
        return fresh(TestShellContext.motoClients());
    }

    /** The same, with {@code clients} (pointed at Moto, or at a fault proxy in front of it). */
    static FleetFixture fresh(AwsClients clients) {
        MotoServer.get().reset();
        clients.ec2().importKeyPair(r -> r.keyName(LabNames.LAB_KEY_PAIR)
                .publicKeyMaterial(SdkBytes.fromUtf8String(openSshPublicKey())));
        String vpc = clients.ec2().describeVpcs(r -> r.filters(FleetNetwork.filter("is-default", "true")))
                .vpcs().get(0).vpcId();
        String sg = clients.ec2().createSecurityGroup(r -> r.groupName(LabNames.WEB_SECURITY_GROUP)
                .description("web").vpcId(vpc)
                .tagSpecifications(LabTags.ec2Spec(ResourceType.SECURITY_GROUP, LabNames.WEB_SECURITY_GROUP, "part1")))
                .groupId();
        LaunchSpec spec = new LaunchSpec(MotoServer.UBUNTU_AMI, LabNames.DEFAULT_INSTANCE_TYPE, LabNames.LAB_KEY_PAIR,
                sg, USER_DATA, true);
        return new FleetFixture(clients, sg, spec);
    }

    /** A pacer that does not wait (Moto's state changes are instant), bounded like the real one. */
    static Pacer fastPacer() {
        return new Pacer(java.time.Clock.systemUTC(), Duration.ofMillis(1));
    }

    FleetWiring wiring(BusyLoopRunner runner, CpuMetrics metrics, Pacer pacer) {
        return FleetWiring.defaults()
                .withLaunchSpecs((c, p) -> spec)
                .withBusyLoop(runner)
                .withCpuMetrics(c -> metrics)
                .withPacer(() -> pacer);
    }

    /** The instance ids of the group, as the Auto Scaling API lists them. */
    List<String> members(String group) {
        return new FleetLookup(clients).group(group).orElseThrow().instances().stream()
                .map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId).toList();
    }

    /** An OpenSSH {@code ssh-rsa} public key, as Learner Lab's vockey would be. */
    static String openSshPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writeBytes(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeBytes(out, key.getPublicExponent().toByteArray());
            writeBytes(out, key.getModulus().toByteArray());
            return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " vockey";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

}
