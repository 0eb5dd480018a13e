package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.api.UserException;
import awslab.testing.MotoServer;
import awslab.testing.TestShellContext;
import awslab.api.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;

class LabOperationsTest {
    private awslab.api.AwsClients clients;
    private final List<String[]> apiCalls = new ArrayList<>();
    private final Progress recording = new Progress() {
        @Override
        public void step(String key, Object... args) {}

        @Override
        public void apiCall(String awsCli, String javaSdk) {
            apiCalls.add(new String[] {awsCli, javaSdk});
        }
    };

    @BeforeEach
    void freshMoto() {
        MotoServer.get().reset();
        clients = TestShellContext.motoClients();
    }

    @Test
    void fallsBackToTheNewestCanonicalImageWithoutTheSsmParameter() {
        assertEquals(MotoServer.UBUNTU_AMI, new ImageResolver(clients.ec2(), clients.ssm(), recording).resolve());
        assertTrue(apiCalls.stream().anyMatch(c -> c[0].startsWith("aws ssm get-parameter") && c[1].startsWith("ssm.getParameter")));
        assertTrue(apiCalls.stream().anyMatch(c -> c[0].startsWith("aws ec2 describe-images --owners 099720109477")));
    }

    @Test
    void readsTheImageFromAnSsmParameterWhenThereIsOne() {
        // Moto, like AWS, refuses to create names under /aws/: the same code path on another name.
        clients.ssm().putParameter(r -> r.name("/lab-test/ubuntu-noble").type("String").value("ami-04b4f1a9cf54c11d0"));
        assertEquals("ami-04b4f1a9cf54c11d0", new ImageResolver(clients.ec2(), clients.ssm(), recording, "/lab-test/ubuntu-noble").resolve());
    }

    @Test
    void saysSoWhenNoImageIsFound() {
        clients.ec2().deregisterImage(r -> r.imageId(MotoServer.UBUNTU_AMI));
        clients.ec2().deregisterImage(r -> r.imageId("ami-04b4f1a9cf54c11d0"));
        UserException none = assertThrows(UserException.class, () -> new ImageResolver(clients.ec2(), clients.ssm(), recording).resolve());
        assertEquals("err.lab.image.none", none.key());
    }

    @Test
    void opensSshToTheCallerOnlyAndNeverToTheWorld() {
        String group = new SecurityGroups(clients.ec2(), recording, () -> Optional.of("127.0.0.1")).ensureWebGroup();
        List<IpPermission> rules = clients.ec2().describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions();
        IpPermission ssh = rules.stream().filter(p -> p.fromPort() == 22).findFirst().orElseThrow();
        assertEquals(List.of("127.0.0.1/32"), ssh.ipRanges().stream().map(r -> r.cidrIp()).toList());
        IpPermission http = rules.stream().filter(p -> p.fromPort() == 80).findFirst().orElseThrow();
        assertEquals(List.of(SecurityGroups.ANYWHERE), http.ipRanges().stream().map(r -> r.cidrIp()).toList());
        // Run again from the same address: the same group, no duplicate rule.
        assertEquals(group, new SecurityGroups(clients.ec2(), recording, () -> Optional.of("127.0.0.1")).ensureWebGroup());
    }

    @Test
    void addsNoSshRuleWhenTheCallerAddressIsUnknown() {
        String group = new SecurityGroups(clients.ec2(), recording, PublicAddressLookup.NONE).ensureWebGroup();
        List<IpPermission> rules = clients.ec2().describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions();
        assertFalse(rules.stream().anyMatch(p -> p.fromPort() == 22), rules.toString());
    }

    @Test
    void acceptsOnlyLiteralIpv4Addresses() {
        assertEquals(Optional.of("203.0.113.7"), PublicAddressLookup.ipv4("203.0.113.7"));
        assertEquals(Optional.empty(), PublicAddressLookup.ipv4("999.1.1.1"));
        assertEquals(Optional.empty(), PublicAddressLookup.ipv4("<html>"));
    }

    @Test
    void pricesTheLearnerLabSizes() {
        assertEquals("0.0116", Pricing.hourlyUsd("t2.micro").orElseThrow().toPlainString());
        assertTrue(Pricing.hourlyUsd("m5.24xlarge").isEmpty());
    }
}
