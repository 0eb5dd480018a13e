package awslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.lab.SetupProgress.Failure;
import awslab.lab.SetupProgress.Phase;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SetupProgressTest {
    /** A console as EC2 returns it: kernel and systemd lines, cloud-init's prefix, CR LF line ends. */
    private static final String BOOTED = String.join("\r\n",
            "[    0.000000] Linux version 6.8.0-1021-aws (buildd@lcy02-amd64-092)",
            "[  OK  ] Started cloud-final.service - Execute cloud user/final scripts.",
            "[   42.120] cloud-init[1012]: awslab-setup: phase=begin t=0s -- setting up the lab web service; log: /var/log/awslab-setup.log",
            "[   42.130] cloud-init[1012]: awslab-setup: phase=java t=0s -- installing Java from Ubuntu's packages",
            "[   44.002] systemd[1]: Starting apt-daily.service...",
            "[   61.900] cloud-init[1012]: awslab-setup: phase=libraries t=19s -- fetching 10 libraries by their Maven coordinates",
            "[   63.400] cloud-init[1012]: awslab-setup: phase=compile t=21s -- compiling the web service",
            "[   65.100] cloud-init[1012]: awslab-setup: phase=service t=23s -- starting the web service on port 80",
            "[   66.300] cloud-init[1012]: awslab-setup: phase=started t=24s -- the web service answers on port 80",
            "Cloud-init v. 24.4 finished at Mon, 30 Nov 2026 16:00:00 +0000. Up 66.40 seconds", "");

    @Test
    void readsEveryStepUpToTheServiceAnswering() {
        SetupProgress progress = SetupProgress.parse(BOOTED);
        assertEquals(Optional.of(Phase.STARTED), progress.phase());
        assertEquals(OptionalInt.of(24), progress.seconds());
        assertTrue(progress.started());
        assertFalse(progress.failed());
        assertEquals(List.of(), progress.log());
        for (int end = 1; end < Phase.values().length; end++) {
            Phase expected = Phase.values()[end - 1];
            String upTo = BOOTED.substring(0, BOOTED.indexOf("phase=" + Phase.values()[end].id()));
            assertEquals(Optional.of(expected), SetupProgress.parse(upTo).phase(), "console up to " + expected);
            assertFalse(SetupProgress.parse(upTo).started());
        }
    }

    @Test
    void aRetryStaysInItsStepAndSaysWhichAttempt() {
        SetupProgress progress = SetupProgress.parse("""
                awslab-setup: phase=begin t=0s -- setting up
                awslab-setup: phase=java t=0s -- installing Java from Ubuntu's packages
                awslab-setup: phase=java t=31s attempt=2 -- retrying in 10 s: apt-get -q update
                """);
        assertEquals(Optional.of(Phase.JAVA), progress.phase());
        assertEquals(2, progress.attempt());
        assertEquals(OptionalInt.of(31), progress.seconds());
        assertEquals(1, SetupProgress.parse("awslab-setup: phase=compile t=40s\n").attempt());
    }

    @Test
    void aFailureNamesItsStepItsReasonAndTheLogsLastLines() {
        SetupProgress progress = SetupProgress.parse(BOOTED.substring(0, BOOTED.indexOf("[   63.400]")) + """
                [  103.7] cloud-init[1012]: awslab-setup: phase=failed t=61s during=libraries exit=1 -- sha256sum --check --strict --quiet
                [  103.7] cloud-init[1012]: awslab-setup: log| https://example.invalid/gson-2.13.2.jar: HTTP 200
                [  103.7] cloud-init[1012]: awslab-setup: log| /opt/awslab/lib/gson-2.13.2.jar: FAILED
                [  103.7] cloud-init[1012]: awslab-setup: log| sha256sum: WARNING: 1 computed checksum did NOT match
                [  103.8] cloud-init[1012]: Cloud-init v. 24.4 finished; 'modules:final' failed
                """);
        assertTrue(progress.failed());
        assertFalse(progress.started());
        assertEquals(Optional.of(new Failure(Phase.LIBRARIES, 1, "sha256sum --check --strict --quiet")), progress.failure());
        assertEquals(Optional.of(Phase.LIBRARIES), progress.phase());
        assertEquals(OptionalInt.of(61), progress.seconds());
        assertEquals(List.of("https://example.invalid/gson-2.13.2.jar: HTTP 200", "/opt/awslab/lib/gson-2.13.2.jar: FAILED",
                "sha256sum: WARNING: 1 computed checksum did NOT match"), progress.log());
        assertEquals(progress.log().subList(1, 3), progress.lastLogLines(2));
        assertEquals(progress.log(), progress.lastLogLines(99));
        assertEquals(List.of(), progress.lastLogLines(0));
    }

    @Test
    void aFailureWithoutKnownStepOrReasonStillSaysItFailed() {
        SetupProgress progress = SetupProgress.parse("awslab-setup: phase=java t=3s\nawslab-setup: phase=failed t=9s exit=100\n");
        assertEquals(Optional.of(new Failure(Phase.JAVA, 100, "")), progress.failure());
        assertEquals(Optional.of(new Failure(Phase.BEGIN, 1, "x")),
                SetupProgress.parse("awslab-setup: phase=failed during=somewhere -- x").failure());
    }

    @Test
    void aNewBeginStartsOverAndForgetsAnEarlierFailure() {
        SetupProgress progress = SetupProgress.parse("""
                awslab-setup: phase=java t=0s
                awslab-setup: phase=failed t=5s during=java exit=100 -- apt-get -q install
                awslab-setup: log| E: Could not get lock /var/lib/dpkg/lock-frontend
                awslab-setup: phase=begin t=0s -- setting up
                awslab-setup: phase=java t=1s -- installing Java
                """);
        assertEquals(Optional.of(Phase.JAVA), progress.phase());
        assertFalse(progress.failed());
        assertEquals(List.of(), progress.log());
    }

    @Test
    void readsAConsoleCutAnywhereAndIgnoresWhatItDoesNotKnow() {
        assertEquals(SetupProgress.none(), SetupProgress.parse(""));
        assertEquals(SetupProgress.none(), SetupProgress.parse(null));
        assertEquals(SetupProgress.none(), SetupProgress.parse("[ OK ] Reached target cloud-init.target\n\0\u001b[0m"));
        // only the last 64 KB are kept: the start may be missing
        assertEquals(Optional.of(Phase.COMPILE), SetupProgress.parse("ase=libraries t=19s\nawslab-setup: phase=compile t=21s").phase());
        // a later version's step, keys and garbage: kept out, without losing what is known
        SetupProgress odd = SetupProgress.parse("""
                awslab-setup: phase=java t=2s
                awslab-setup: phase=warming-up t=30s -- a step this shell does not know
                awslab-setup: phase=libraries t=abc colour=blue attempt=x -- fetching
                awslab-setup: phase=
                awslab-setup:
                """);
        assertEquals(Optional.of(Phase.LIBRARIES), odd.phase());
        assertEquals(OptionalInt.of(2), odd.seconds(), "t=abc is not a time: the last known one stays");
        assertEquals(1, odd.attempt());
        assertEquals(Optional.of(Phase.SERVICE), SetupProgress.parse("awslab-setup: phase=service t=23s -- a -- b=c").phase());
    }

    @Test
    void everyStepHasANameInFrenchAndInEnglish() {
        for (Language language : Language.values()) {
            Messages messages = Messages.load(language);
            for (Phase phase : Phase.values()) {
                String name = messages.get(phase.messageKey());
                assertFalse(name.startsWith("!"), phase.messageKey() + " is missing in " + language);
            }
        }
        assertEquals("installing Java", Messages.load(Language.EN).get(Phase.JAVA.messageKey()));
        assertEquals("compilation du service web", Messages.load(Language.FR).get(Phase.COMPILE.messageKey()));
    }
}
