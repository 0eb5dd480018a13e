package awslab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint a sandbox service shows is one the AWS CLI uses as it is, with any credentials:
 * the lessons' CLI equivalents of part 1, typed by a student against it, work.
 */
class SandboxCliTest {
    @TempDir
    Path stateDir;

    @AfterEach
    void stop() {
        SandboxTesting.stopService(stateDir);
    }

    @Test
    @Timeout(180)
    void theLessonsCliLinesWorkAgainstTheEndpoint() throws Exception {
        SandboxClient sandbox = SandboxClient.start(stateDir, SandboxTesting.launch());
        String endpoint = sandbox.endpoint().toString();
        assertTrue(aws(endpoint, "sts", "get-caller-identity", "--query", "Account").contains("000000000000"));
        assertTrue(aws(endpoint, "ec2", "describe-availability-zones", "--query", "AvailabilityZones[].ZoneName")
                .contains("us-east-1a"));
        String id = aws(endpoint, "ec2", "run-instances", "--image-id", Sandbox.IMAGE_ID, "--instance-type", "t2.micro",
                "--key-name", "vockey", "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=ma-premiere-instance}]",
                "--query", "Instances[0].InstanceId").strip();
        assertTrue(id.startsWith("i-"), id);
        aws(endpoint, "ec2", "wait", "instance-running", "--instance-ids", id);
        assertEquals(id + "\trunning", aws(endpoint, "ec2", "describe-instances", "--filters",
                "Name=tag:Name,Values=ma-premiere-instance", "--query", "Reservations[].Instances[].[InstanceId,State.Name]").strip());
        aws(endpoint, "ec2", "stop-instances", "--instance-ids", id);
        aws(endpoint, "ec2", "wait", "instance-stopped", "--instance-ids", id);
        assertTrue(sandbox.reach(id, null).web().isEmpty(), "stopped: its web service is gone, as on AWS");
    }

    /** Runs the AWS CLI against the endpoint (text output); fails, saying how to install it, when it is missing. */
    private static String aws(String endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "text"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("the AWS CLI is needed: apt-get install awscli (or pip install awscli)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }
}
