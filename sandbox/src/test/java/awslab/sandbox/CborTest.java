package awslab.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CBOR codec against the examples of RFC 8949, appendix A, and what Smithy RPC v2 sends. */
class CborTest {
    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static Object read(String hex) throws Cbor.MalformedException {
        return Cbor.read(hex(hex));
    }

    @Test
    void readsTheRfcExamples() throws Exception {
        assertEquals(0L, read("00"));
        assertEquals(500L, read("1901f4"));
        assertEquals(1000000000000L, read("1b000000e8d4a51000"));
        assertEquals(-1000L, read("3903e7"));
        assertEquals(1.5, read("f93e00"));
        assertEquals(-4.0, read("f9c400"));
        assertEquals(100000.0, read("fa47c35000"));
        assertEquals(1.1, read("fb3ff199999999999a"));
        assertEquals(true, read("f5"));
        assertEquals(null, read("f6"));
        assertEquals("\u00fc", read("62c3bc"));
        assertEquals("streaming", read("7f657374726561646d696e67ff"));
        assertEquals(1363896240.5, read("c1fb41d452d9ec200000"), "a tag is read through to its value");
        assertEquals(List.of(1L, List.of(2L, 3L), List.of(4L, 5L)), read("9f018202039f0405ffff"));
        assertEquals(Map.of("a", 1L, "b", List.of(2L, 3L)), read("bf61610161629f0203ffff"));
        assertArrayEquals(hex("0102030405"), (byte[]) read("5f42010243030405ff"));
    }

    @Test
    void writesDefiniteLengthsAndTags() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, -1000L, 1.5, "\u00fc"));
        value.put("t", new Cbor.Tagged(1, 1363896240.5));
        value.put("f", false);
        assertEquals("a3" + "6161" + "84" + "01" + "3903e7" + "fb3ff8000000000000" + "62c3bc"
                + "6174" + "c1fb41d452d9ec200000" + "6166" + "f4",
                HexFormat.of().formatHex(Cbor.write(value)));
    }

    @Test
    void roundTripsWhatTheSandboxWrites() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Values", List.of(12.5, 99.0));
        value.put("Count", 70000L);
        value.put("Label", "CPUUtilization");
        assertEquals(Map.of("Values", List.of(12.5, 99.0), "Count", 70000L, "Label", "CPUUtilization"),
                Cbor.read(Cbor.write(value)));
    }

    @Test
    void refusesWhatIsNotWellFormed() {
        assertThrows(Cbor.MalformedException.class, () -> read("62c3"), "a string longer than the body");
        assertThrows(Cbor.MalformedException.class, () -> read("1a0000"), "an argument cut short");
        assertThrows(Cbor.MalformedException.class, () -> read("a10102"), "a map key that is not text");
        assertThrows(Cbor.MalformedException.class, () -> read("0101"), "bytes after the item");
        assertThrows(Cbor.MalformedException.class, () -> read("1c"), "a reserved argument");
    }
}
