package awslab.sandbox;

import static awslab.sandbox.SandboxTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * The sandbox as a service of its own, driven the way it is used: processes started from the
 * command line, found again, killed outright, left unused.
 */
class SandboxServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @AfterEach
    void stopWhatRuns() {
        SandboxTesting.stopService(stateDir);
    }

    @Test
    @Timeout(120)
    void itOutlivesTheProcessThatStartedItAndASecondStartFindsIt() throws Exception {
        Process starter = java(StartAndLeaveMain.class.getName(), stateDir.toString());
        assertTrue(starter.waitFor(90, TimeUnit.SECONDS), "the starter returns once the sandbox answers");
        String printed = new String(starter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, starter.exitValue(), printed);
        URI endpoint = URI.create(printed.lines().filter(l -> l.startsWith("ENDPOINT ")).findFirst().orElseThrow().substring(9));

        SandboxClient found = SandboxClient.find(stateDir).orElseThrow(() -> new AssertionError("its starter has gone; the sandbox has not"));
        assertEquals(endpoint, found.endpoint());
        try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), found.endpoint()).build()) {
            assertFalse(ec2.describeKeyPairs().keyPairs().isEmpty(), "it answers the AWS API");
        }
        assertEquals(found.pid(), SandboxClient.start(stateDir, SandboxTesting.launch()).pid(), "a second start finds the first");

        Process second = java(Main.class.getName(), "--home", stateDir.toString(), "--port", "0");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.ALREADY_RUNNING, second.exitValue(), said);
        assertTrue(said.contains("already running for " + stateDir) && said.contains(endpoint.toString()), said);

        assertTrue(found.stop(Duration.ofSeconds(30)));
        assertFalse(SandboxClient.find(stateDir).isPresent());
        assertFalse(Files.exists(stateDir.resolve("sandbox/endpoint.json")), "a stopped sandbox leaves no endpoint behind");
    }

    /**
     * Issue 14's crash trial, a few times: whatever the sandbox acknowledged before a SIGKILL is
     * there after the next start, and nothing it ran outlives it.
     */
    @Test
    @Timeout(240)
    void aKilledSandboxLosesNothingItAcknowledgedAndLeavesNothingRunning() throws Exception {
        Random random = new Random();
        List<String> acknowledged = new ArrayList<>();
        String marker = OrphanSweep.marker(stateDir.resolve("sandbox"));
        for (int trial = 0; trial < 3; trial++) {
            SandboxClient sandbox = SandboxClient.start(stateDir, SandboxTesting.launch());
            try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), sandbox.endpoint()).build()) {
                for (String id : acknowledged) {
                    Instance back = describe(ec2, id);
                    assertTrue(List.of("pending", "running").contains(back.state().nameAsString()), id + " " + back.state());
                }
                acknowledged.add(ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType(InstanceType.T2_MICRO)
                        .keyName("vockey").minCount(1).maxCount(1)).instances().get(0).instanceId());
            }
            Thread.sleep(random.nextInt(500)); // the kill lands anywhere in the instance's boot
            ProcessHandle process = ProcessHandle.of(sandbox.pid()).orElseThrow();
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no last save
            process.onExit().get(10, TimeUnit.SECONDS);
            await("every process of the killed sandbox to end", Duration.ofSeconds(20), () -> OrphanSweep.find(marker).isEmpty());
        }
        SandboxClient sandbox = SandboxClient.start(stateDir, SandboxTesting.launch());
        try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), sandbox.endpoint()).build()) {
            for (String id : acknowledged) {
                await(id + " running again", WAIT, () -> "running".equals(describe(ec2, id).state().nameAsString()));
            }
        }
    }

    @Test
    @Timeout(120)
    void unusedItStopsByItselfAndTheNextStartBringsEverythingBack() throws Exception {
        SandboxClient.Launch shortIdle = SandboxTesting.launch().withIdleStop(Duration.ofSeconds(5));
        SandboxClient sandbox = SandboxClient.start(stateDir, shortIdle);
        String id;
        String ip;
        SandboxClient.Reach reach;
        try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), sandbox.endpoint()).build()) {
            String web = SandboxTesting.labGroup(ec2, "web"); // HTTP open: its security group lets the test in
            id = ec2.runInstances(b -> b.imageId(CloudState.IMAGE_ID).instanceType(InstanceType.T2_MICRO).keyName("vockey")
                    .securityGroupIds(web).minCount(1).maxCount(1)).instances().get(0).instanceId();
            await(id + " running", WAIT, () -> "running".equals(describe(ec2, id).state().nameAsString()));
            ip = describe(ec2, id).publicIpAddress();
            reach = sandbox.reach(id, ip);
        }
        assertTrue(reach.web().isPresent() && reach.ssh().isPresent(), reach.toString());
        ProcessHandle process = ProcessHandle.of(sandbox.pid()).orElseThrow();
        process.onExit().get(30, TimeUnit.SECONDS); // unused for 5 s: it stops by itself
        assertFalse(Files.exists(stateDir.resolve("sandbox/endpoint.json")));
        assertTrue(OrphanSweep.find(OrphanSweep.marker(stateDir.resolve("sandbox"))).isEmpty(), "its instances stopped with it");

        SandboxClient again = SandboxClient.start(stateDir, SandboxTesting.launch());
        try (Ec2Client ec2 = SandboxTesting.configure(Ec2Client.builder(), again.endpoint()).build()) {
            Instance back = describe(ec2, id);
            assertEquals("running", back.state().nameAsString());
            assertEquals(ip, back.publicIpAddress(), "the same public IP: nobody stopped it");
        }
        assertEquals(reach, again.reach(id, ip), "the same local addresses, free again");
        await("its web service answering again", WAIT, () -> SandboxTesting.get(reach.web().get().resolve("/health")) != null);
    }

    @Test
    @Timeout(120)
    void aCtrlCMeantForTheShellLeavesItRunningAndSigtermStopsItCleanly() throws Exception {
        SandboxClient sandbox = SandboxClient.start(stateDir, SandboxTesting.launch());
        signal("INT", sandbox.pid());
        signal("HUP", sandbox.pid());
        Thread.sleep(1000);
        assertTrue(sandbox.alive(), "without setsid (macOS) it shares the shell's terminal: its Ctrl-C and hang-up are not for it");
        assertEquals(sandbox.pid(), SandboxClient.find(stateDir).orElseThrow().pid());
        signal("TERM", sandbox.pid());
        ProcessHandle.of(sandbox.pid()).ifPresent(p -> p.onExit().join());
        assertFalse(Files.exists(stateDir.resolve("sandbox/endpoint.json")), "stopped as asked: nothing says it still runs");
        assertTrue(Files.isRegularFile(stateDir.resolve("sandbox/state.json")));
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    }

    @Test
    void aPortTakenByAnotherProgramIsLeftToItWhenAllowed() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SandboxConfig config = new SandboxConfig(stateDir, SandboxTimings.fast(), StubWebApp.class.getName(), true)
                    .withPort(taken.getLocalPort());
            IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> SandboxService.start(new SandboxService.Options(config, Duration.ZERO, false), null));
            assertTrue(refused instanceof java.net.BindException, refused.toString());
            SandboxService service = SandboxService.start(new SandboxService.Options(config, Duration.ZERO, true), null);
            try {
                ServiceStatus status = service.status();
                assertEquals(taken.getLocalPort(), status.wantedPort());
                assertNotEquals(taken.getLocalPort(), status.port(), "another port, said in its status");
            } finally {
                service.stop();
            }
        }
    }

    @Test
    void aDamagedStateFileIsSetAsideAndSaid() throws Exception {
        Path file = stateDir.resolve("sandbox/state.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"instances\": {\"i-1\": [not json");
        SandboxConfig config = new SandboxConfig(stateDir, SandboxTimings.fast(), StubWebApp.class.getName(), true);
        SandboxService service = SandboxService.start(new SandboxService.Options(config, Duration.ZERO, false), null);
        try {
            List<ServiceStatus.Damaged> damaged = service.status().damaged();
            assertEquals(1, damaged.size(), damaged.toString());
            assertEquals("{\"instances\": {\"i-1\": [not json", Files.readString(Path.of(damaged.get(0).keptAs())),
                    "the damaged file is kept whole");
        } finally {
            service.stop();
        }
        assertTrue(Files.readString(file).contains("\"keyPairs\""), "a whole state file again, with the new account in it");
    }

    @Test
    void itsOwnCallsAreRefusedToWebPages() throws Exception {
        SandboxConfig config = new SandboxConfig(stateDir, SandboxTimings.fast(), StubWebApp.class.getName(), false);
        SandboxService service = SandboxService.start(new SandboxService.Options(config, Duration.ZERO, false), null);
        try {
            URI endpoint = service.sandbox().endpoint();
            // as a browser sends it (HttpURLConnection would drop the Origin header)
            try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.getOutputStream().write(("POST /awslab/stop HTTP/1.1\r\nHost: " + endpoint.getAuthority()
                        + "\r\nOrigin: http://evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            }
            assertEquals(200, ((java.net.HttpURLConnection) service.sandbox().endpoint().resolve("/awslab/status").toURL()
                    .openConnection()).getResponseCode(), "still running");
        } finally {
            service.stop();
        }
    }

    @Test
    void theCommandLineSaysWhatIsWrong() {
        String[][] table = {
            {"--port", "99999", "--home", "x"}, {"stray"},
            {"--home"}, {"--home", "x", "--pace", "slow"}, {"--home", "x", "--idle-stop", "2 hours"},
            {"--port", "0"}, {"--home", "x", "--bogus", "1"},
        };
        String[] said = {"--port is a number from 0 to 65535, not 99999", "unknown argument stray", "--home needs a value",
            "--pace is standard or fast, not slow", "--idle-stop is a time such as 90m, 2h or 30s (0: never), not 2 hours",
            "--home is required", "unknown option --bogus"};
        for (int i = 0; i < table.length; i++) {
            String[] args = table[i];
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Main.Options.parse(args));
            assertEquals(said[i], e.getMessage());
        }
        Main.Options options = Main.Options.parse(new String[] {"--home", "x", "--idle-stop", "90m", "--any-port-if-busy"});
        assertEquals(Duration.ofMinutes(90), options.idleStop());
        assertEquals(SandboxService.DEFAULT_PORT, options.port());
        assertTrue(options.anyPortIfBusy());
        assertEquals(Duration.ZERO, Main.Options.parse(new String[] {"--home", "x", "--idle-stop", "0"}).idleStop());
    }

    private Process java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
