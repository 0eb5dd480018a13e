package awslab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundlesTest {

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

    @Test
    void aMissingKeyIsVisibleRatherThanEmpty() {
        Messages messages = Messages.load(Language.EN);
        assertEquals("!no.such.key!", messages.get("no.such.key"));
        assertTrue(messages.keys().size() > 0, "the shell bundles are packaged");
    }
}
