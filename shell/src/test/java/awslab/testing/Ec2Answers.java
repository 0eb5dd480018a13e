package awslab.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * EC2's own answers, as XML, for what an emulator cannot answer (a booting instance's console),
 * for the {@link FaultProxy} to give in Moto's place.
 *
 * <pre>
 * proxy.answer("GetConsoleOutput", Ec2Answers.consoleOutput("awslab-setup: phase=java t=0s"));
 * </pre>
 */
public final class Ec2Answers {
    private Ec2Answers() {}

    /** GetConsoleOutput's answer, with {@code lines} as the console (base64, as EC2 sends it). */
    public static String consoleOutput(String... lines) {
        String text = String.join("\n", lines) + "\n";
        return "<GetConsoleOutputResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
                + "<instanceId>i-x</instanceId><timestamp>2026-11-30T10:00:00.000Z</timestamp><output>"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "</output></GetConsoleOutputResponse>";
    }
}
