package awslab.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer for the Query protocols' answers: every text is escaped, every
 * element opened is closed by {@link #end()} in order.
 *
 * <pre>
 * String body = new Xml().open("DescribeVpcsResponse", Xml.EC2_NS).leaf("requestId", id).end().toString();
 * </pre>
 */
final class Xml {
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String AUTOSCALING_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    static final String ELB_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final StringBuilder text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    private final Deque<String> open = new ArrayDeque<>();

    Xml open(String name) {
        text.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    Xml open(String name, String namespace) {
        text.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
        open.push(name);
        return this;
    }

    /** Closes the innermost open element. */
    Xml end() {
        text.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element holding text; nothing at all when the value is null (the SDK reads it as absent). */
    Xml leaf(String name, Object value) {
        if (value != null) {
            text.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements " + open);
        }
        return text.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        out.append('\uFFFD'); // XML 1.0 cannot carry these characters, not even as references
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
