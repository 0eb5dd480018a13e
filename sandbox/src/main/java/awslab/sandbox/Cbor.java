package awslab.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little of CBOR (RFC 8949) that Smithy RPC v2 needs, so the sandbox reads and writes
 * CloudWatch's wire format without the SDK's internal shaded Jackson: maps with text keys,
 * arrays, text and byte strings, integers, floats, booleans and null, definite or indefinite
 * length; a tag is read through to its value and written with {@link Tagged}.
 *
 * <pre>
 * byte[] body = Cbor.write(Map.of("Timestamp", new Cbor.Tagged(1, 1.7e9)));
 * Map&lt;?, ?&gt; request = (Map&lt;?, ?&gt;) Cbor.read(body);
 * </pre>
 */
final class Cbor {
    /** A tagged value, e.g. tag 1 (epoch-based date/time) on a number of seconds. */
    record Tagged(long tag, Object value) {}

    /** Thrown on a body that is not well-formed CBOR, or holds what this reader does not read. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final int BREAK = 0xff;
    private static final Object END = new Object();

    private final ByteBuffer in;

    private Cbor(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    /** One CBOR data item as maps, lists, strings, byte arrays, numbers, booleans and null. */
    static Object read(byte[] bytes) throws MalformedException {
        Cbor reader = new Cbor(bytes);
        try {
            Object value = reader.item();
            if (value == END || reader.in.hasRemaining()) {
                throw new MalformedException("unexpected bytes after the first CBOR item");
            }
            return value;
        } catch (java.nio.BufferUnderflowException e) {
            throw new MalformedException("the CBOR body ends too soon");
        }
    }

    private Object item() throws MalformedException {
        int initial = in.get() & 0xff;
        if (initial == BREAK) {
            return END;
        }
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 7) {
            return simple(info);
        }
        boolean indefinite = info == 31;
        long argument = indefinite ? -1 : argument(info);
        return switch (major) {
            case 0 -> argument;
            case 1 -> -1 - argument;
            case 2 -> indefinite ? chunks(2) : bytes(argument);
            case 3 -> new String(indefinite ? chunks(3) : bytes(argument), StandardCharsets.UTF_8);
            case 4 -> array(argument);
            case 5 -> map(argument);
            default -> item(); // 6: a tag; its value is what the SDK's fields hold
        };
    }

    private long argument(int info) throws MalformedException {
        return switch (info) {
            case 24 -> in.get() & 0xffL;
            case 25 -> in.getShort() & 0xffffL;
            case 26 -> in.getInt() & 0xffffffffL;
            case 27 -> in.getLong();
            default -> {
                if (info > 27) {
                    throw new MalformedException("reserved CBOR argument " + info);
                }
                yield info;
            }
        };
    }

    private Object simple(int info) throws MalformedException {
        return switch (info) {
            case 20 -> false;
            case 21 -> true;
            case 22, 23 -> null;
            case 25 -> half(in.getShort() & 0xffff);
            case 26 -> (double) in.getFloat();
            case 27 -> in.getDouble();
            default -> throw new MalformedException("unsupported CBOR simple value " + info);
        };
    }

    /** A half-precision float (RFC 8949, appendix D). */
    private static double half(int bits) {
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        double value;
        if (exponent == 0) {
            value = Math.scalb((double) mantissa, -24);
        } else if (exponent != 31) {
            value = Math.scalb((double) (mantissa + 1024), exponent - 25);
        } else {
            value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return (bits & 0x8000) != 0 ? -value : value;
    }

    private byte[] bytes(long length) throws MalformedException {
        if (length > in.remaining()) {
            throw new MalformedException("a CBOR string is longer than the body");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return bytes;
    }

    private byte[] chunks(int major) throws MalformedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object chunk = item(); chunk != END; chunk = item()) {
            if (major == 3 && chunk instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (major == 2 && chunk instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                throw new MalformedException("a chunk of an indefinite CBOR string has another type");
            }
        }
        return out.toByteArray();
    }

    private List<Object> array(long length) throws MalformedException {
        List<Object> list = new ArrayList<>();
        for (long i = 0; length < 0 || i < length; i++) {
            Object value = item();
            if (value == END) {
                break;
            }
            list.add(value);
        }
        return list;
    }

    private Map<String, Object> map(long length) throws MalformedException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (long i = 0; length < 0 || i < length; i++) {
            Object key = item();
            if (key == END) {
                break;
            }
            if (!(key instanceof String name)) {
                throw new MalformedException("a CBOR map key is not text: " + key);
            }
            map.put(name, item());
        }
        return map;
    }

    /** {@code value} in CBOR, definite lengths, every number that is not a whole integer as a double. */
    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.write(0xf6);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xf5 : 0xf4);
        } else if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            head(out, n < 0 ? 1 : 0, n < 0 ? -1 - n : n);
        } else if (value instanceof Number n) {
            out.write(0xfb);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(n.doubleValue()).array());
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            head(out, 3, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof Tagged t) {
            head(out, 6, t.tag());
            write(out, t.value());
        } else if (value instanceof List<?> list) {
            head(out, 4, list.size());
            list.forEach(item -> write(out, item));
        } else if (value instanceof Map<?, ?> map) {
            head(out, 5, map.size());
            map.forEach((k, v) -> {
                write(out, String.valueOf(k));
                write(out, v);
            });
        } else {
            throw new IllegalArgumentException("no CBOR form for " + value.getClass().getName());
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            out.write(type | (int) argument);
        } else if (argument <= 0xff) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument <= 0xffff) {
            out.write(type | 25);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) argument).array());
        } else if (argument <= 0xffffffffL) {
            out.write(type | 26);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) argument).array());
        } else {
            out.write(type | 27);
            out.writeBytes(ByteBuffer.allocate(8).putLong(argument).array());
        }
    }
}
