package awslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tables align by display width when they fit, and stack when they do not: nothing is cut. */
class TableTest {
    private final Table table = new Table("NOM", "ÉTAT", "IP PUBLIQUE")
            .row("ma-premiere-instance", "en marche", "198.51.100.153")
            .row("é🎉", "arrêtée", "-");

    @Test
    void alignsColumnsByDisplayWidthWhenTheyFit() {
        assertEquals("""
                NOM                   ÉTAT       IP PUBLIQUE
                ma-premiere-instance  en marche  198.51.100.153
                é🎉                   arrêtée    -
                """, table.render(80));
    }

    @Test
    void stacksEachRowWhenTheColumnsDoNotFit() {
        String stacked = table.render(40);
        assertEquals("""
                ma-premiere-instance
                  ÉTAT         en marche
                  IP PUBLIQUE  198.51.100.153
                é🎉
                  ÉTAT         arrêtée
                  IP PUBLIQUE  -
                """, stacked);
        stacked.lines().forEach(line -> assertTrue(LineWrapper.width(line) <= 40, line));
    }

    @Test
    void anUnknownWidthNeverStacks() {
        assertEquals(table.render(), table.render(0));
        assertTrue(table.render(0).startsWith("NOM "));
    }
}
