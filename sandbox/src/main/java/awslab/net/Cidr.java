package awslab.net;

/**
 * An IPv4 CIDR block ({@code 203.0.113.0/24}), as security-group rules name their sources:
 * one definition for the sandbox, which enforces the rules, and the shell, which explains them.
 *
 * <pre>
 * Cidr.parse("0.0.0.0/0").contains("192.0.2.10"); // true
 * </pre>
 */
public record Cidr(int network, int prefix) {
    /** The block; IllegalArgumentException when the text is not an IPv4 CIDR block. */
    public static Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("\\d{1,2}")) {
            throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
        }
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix > 32) {
            throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
        }
        return new Cidr(address(text.substring(0, slash)) & mask(prefix), prefix);
    }

    /** Whether the text is an IPv4 CIDR block. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the block holds the address; false for anything that is not a dotted IPv4 address. */
    public boolean contains(String ip) {
        try {
            return (address(ip) & mask(prefix)) == network;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** A dotted IPv4 address as 32 bits; IllegalArgumentException when it is not one. */
    private static int address(String ip) {
        String[] parts = ip == null ? new String[0] : ip.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        int value = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
