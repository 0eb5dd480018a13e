package awslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines cut at words by display width, continuation indented, numbers kept with their units. */
class LineWrapperTest {

    @Test
    void cutsAtWordsNeverInsideOne() {
        List<String> lines = LineWrapper.wrap("L’instance i-0dd833045cf225ddb est arrêtée : le service web est injoignable.", 40);
        assertEquals(List.of("L’instance i-0dd833045cf225ddb est", "arrêtée : le service web est", "injoignable."), lines);
        lines.forEach(line -> assertTrue(LineWrapper.width(line) <= 40, line));
    }

    @Test
    void measuresAccentsAsOneColumnEmojiAsTwoAndColoursAsNone() {
        assertEquals(5, LineWrapper.width("étété"));
        assertEquals(4, LineWrapper.width("🎉🎉"));
        assertEquals(3, LineWrapper.width("\u001b[32mabc\u001b[0m"));
        List<String> lines = LineWrapper.wrap("🎉🎉🎉🎉🎉 🎉🎉🎉🎉🎉 🎉🎉🎉🎉🎉 🎉🎉🎉🎉🎉 🎉🎉🎉🎉🎉", 24);
        assertEquals(List.of("🎉🎉🎉🎉🎉 🎉🎉🎉🎉🎉", "🎉🎉🎉🎉🎉 🎉🎉🎉🎉🎉", "🎉🎉🎉🎉🎉"), lines);
    }

    @Test
    void continuationGoesUnderTheTextOfABulletOrAFirstColumn() {
        assertEquals(List.of("  • Groupe de sécurité awslab-web créé :", "    HTTP autorisé depuis partout"),
                LineWrapper.wrap("  • Groupe de sécurité awslab-web créé : HTTP autorisé depuis partout", 40));
        assertEquals(List.of("  launch      Lancer l’instance du lab", "              (Ubuntu 24.04, t2.micro)"),
                LineWrapper.wrap("  launch      Lancer l’instance du lab (Ubuntu 24.04, t2.micro)", 40));
        List<String> quote = LineWrapper.wrap("  | 🧙‍♂️ La taille de la machine n’affectera pas les performances du TP", 42);
        assertEquals(2, quote.size(), quote.toString());
        quote.forEach(line -> assertTrue(line.startsWith("  | ") && LineWrapper.width(line) <= 42, "a quote goes on: " + line));
    }

    @Test
    void keepsANumberWithWhatFollowsIt() {
        String text = "Il existe bien plus gros, par exemple une t3.xlarge (4 vCPU, 16 Go de RAM, 0,16 $/h) ou plus.";
        for (int width = 20; width <= 100; width++) {
            for (String line : LineWrapper.wrap(text, width)) {
                assertTrue(!line.endsWith(" 0,16") && !line.endsWith("(4") && !line.endsWith(" 16"),
                        "a number left at the end of a line at width " + width + ": «" + line + "»");
            }
        }
    }

    @Test
    void frenchPunctuationNeverStartsALine() {
        String text = "L’instance i-0c18af03452dd731f est arrêtée (stopped). IP publique avant : 203.0.113.20, maintenant : aucune ; « fleet status » ?";
        for (int width = 20; width <= 120; width++) {
            for (String line : LineWrapper.wrap(text, width)) {
                assertTrue(!line.matches("^[:;!?»].*") && !line.endsWith("«"), "at width " + width + ": «" + line + "»");
            }
        }
    }

    @Test
    void neverBreaksAtANonBreakingSpaceAndLeavesLongWordsWhole() {
        List<String> lines = LineWrapper.wrap("Attente +12\u00a0s http://awslab-alb-778032856.us-east-1.elb.sandbox.awslab.local/instance", 30);
        assertEquals(List.of("Attente +12\u00a0s", "http://awslab-alb-778032856.us-east-1.elb.sandbox.awslab.local/instance"), lines);
    }

    @Test
    void cutsALongLineOfCodeBeforeAChainedCallOrAfterAComma() {
        List<String> lines = LineWrapper.wrap("    autoScaling.describePolicies(r->r.autoScalingGroupName(\"ASG-webservice\")).scalingPolicies();", 60);
        assertEquals(List.of("    autoScaling.describePolicies(r->r.autoScalingGroupName(\"ASG-webservice\"))",
                "    .scalingPolicies();"), lines);
        List<String> cli = LineWrapper.wrap("    --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=ma-premiere-instance}]'", 60);
        cli.forEach(line -> assertTrue(LineWrapper.width(line) <= 60, line));
        assertEquals("--tag-specifications'ResourceType=instance,Tags=[{Key=Name,Value=ma-premiere-instance}]'",
                String.join("", cli).replaceAll("\\s", ""), "nothing lost nor added but the cuts");
    }

    @Test
    void wrapsAVeryLongLineLikeAJavaResult() {
        String result = "$2 ==> [" + "AvailabilityZone(OptInStatus=opt-in-not-required, Messages=[], ZoneName=us-east-1a), ".repeat(400) + "]";
        List<String> lines = LineWrapper.wrap(result, 100);
        lines.forEach(line -> assertTrue(LineWrapper.width(line) <= 100, line));
        assertTrue(lines.size() > 300, "cut, and nothing overflows on the way");
    }

    @Test
    void leavesShortLinesAndNarrowOrUnknownWidthsAlone() {
        assertEquals(List.of("court"), LineWrapper.wrap("court", 80));
        String longLine = "mot ".repeat(40).strip();
        assertEquals(List.of(longLine), LineWrapper.wrap(longLine, 0));
        assertEquals(List.of(longLine), LineWrapper.wrap(longLine, 10));
    }
}
