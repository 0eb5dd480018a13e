package awslab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    /** What a student must never see: a quote doubled, a placeholder or a format left over, a key. */
    private static final Pattern LEFTOVER = Pattern.compile("''|\\{\\d|%n|!\\w+(\\.\\w+)+!|\\b(msg|err|help)\\.[a-z]+\\.[a-zA-Z.]+");

    @Test
    void frenchAndEnglishHaveTheSameKeysInEveryArea() {
        for (String area : Messages.AREAS) {
            Map<String, String> fr = Messages.read(area, Language.FR);
            Map<String, String> en = Messages.read(area, Language.EN);
            assertEquals(en.keySet(), fr.keySet(), "keys of i18n/" + area + "_fr vs _en");
        }
    }

    @Test
    void noTextIsBlankAndEveryPatternParses() {
        for (Language language : Language.values()) {
            for (String area : Messages.AREAS) {
                Messages.read(area, language).forEach((key, text) -> {
                    assertFalse(text.isBlank(), key + " is blank in " + area + "_" + language.code());
                    new MessageFormat(text); // throws on a broken pattern such as an unbalanced quote
                });
            }
        }
    }

    /**
     * One apostrophe convention (’), checked where it can break: a plain ' in a MessageFormat
     * pattern starts a quoted part that swallows what follows, placeholders included.
     */
    @Test
    void theBundlesWriteTheTypographicApostropheOnly() {
        List<String> plain = new ArrayList<>();
        for (Language language : Language.values()) {
            for (String area : Messages.AREAS) {
                Messages.read(area, language).forEach((key, text) -> {
                    if (text.indexOf('\'') >= 0) {
                        plain.add(area + "_" + language.code() + ": " + key + "=" + text);
                    }
                });
            }
        }
        assertTrue(plain.isEmpty(), "write ’ instead of ' in:\n" + String.join("\n", plain));
    }

    /**
     * Every key rendered in both languages, with sample arguments and with 0, 1 and 2 for counts:
     * no doubled quote, no placeholder, no {@code %n}, no raw key anywhere.
     */
    @Test
    void everyTextRendersWithoutLeftovers() {
        List<String> bad = new ArrayList<>();
        for (Language language : Language.values()) {
            Messages messages = Messages.load(language);
            for (String key : messages.keys()) {
                for (int count : new int[] {0, 1, 2, 1234}) {
                    String shown = messages.get(key, sampleArguments(messages, key, count));
                    Matcher leftover = LEFTOVER.matcher(shown);
                    if (leftover.find()) {
                        bad.add(language.code() + " " + key + " (" + count + "): «" + leftover.group() + "» in " + shown);
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void countsAgreeInBothLanguages() {
        Messages fr = Messages.load(Language.FR);
        Messages en = Messages.load(Language.EN);
        assertEquals("1 ressource supprimée.", fr.get("msg.cleanup.done", 1));
        assertEquals("Aucune ressource supprimée.", fr.get("msg.cleanup.done", 0));
        assertEquals("3 ressources supprimées.", fr.get("msg.cleanup.done", 3));
        assertEquals("1 resource deleted.", en.get("msg.cleanup.done", 1));
        assertEquals("3 resources deleted.", en.get("msg.cleanup.done", 3));
        assertTrue(fr.get("msg.fleet.status.group", "ASG", 2, 2, 4, 2, 1).contains("2 instances en service, dont 1 saine"),
                fr.get("msg.fleet.status.group", "ASG", 2, 2, 4, 2, 1));
        assertTrue(fr.get("msg.fleet.status.group", "ASG", 2, 2, 4, 1, 0).contains("1 instance en service, dont aucune saine"));
        assertTrue(fr.get("msg.cleanup.done", 1234).startsWith("1\u202f234 ") || fr.get("msg.cleanup.done", 1234).startsWith("1\u00a0234 "),
                "French groups thousands with a non-breaking space: " + fr.get("msg.cleanup.done", 1234));
    }

    @Test
    void awsWordsAreTranslatedWithAwsWordBesideThemInFrenchSentences() {
        Messages fr = Messages.load(Language.FR);
        Messages en = Messages.load(Language.EN);
        assertEquals("L’instance i-1 est résiliée (terminated).", fr.get("msg.terminate.done", "i-1", AwsWord.state("terminated")));
        assertEquals("Instance i-1 is terminated.", en.get("msg.terminate.done", "i-1", AwsWord.state("terminated")));
        assertEquals("saine", fr.word(AwsWord.health("healthy")));
        assertEquals("groupe de sécurité", fr.word(AwsWord.resource("security-group")));
        assertEquals("Weird", fr.word(AwsWord.state("Weird")), "an unknown word shows as AWS wrote it");
    }

    @Test
    void aMissingKeyIsVisibleRatherThanEmpty() {
        Messages messages = Messages.load(Language.EN);
        assertEquals("!no.such.key!", messages.get("no.such.key"));
        assertTrue(messages.keys().size() > 0, "the shell bundles are packaged");
    }

    /** As many arguments as the pattern names: {@code count} where a number fits, a word elsewhere. */
    private static Object[] sampleArguments(Messages messages, String key, int count) {
        String raw = raw(messages, key);
        int highest = -1;
        Matcher m = PLACEHOLDER.matcher(raw);
        while (m.find()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        Object[] args = new Object[highest + 1];
        for (int i = 0; i < args.length; i++) {
            boolean numeric = Pattern.compile("\\{" + i + ",(number|choice)").matcher(raw).find();
            args[i] = numeric ? (Object) count : "x" + i;
        }
        return args;
    }

    private static String raw(Messages messages, String key) {
        for (String area : Messages.AREAS) {
            String text = Messages.read(area, messages.language()).get(key);
            if (text != null) {
                return text;
            }
        }
        throw new AssertionError(key);
    }
}
