package awslab.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages of a describe call, as the AWS CLI and the SDKs' paginators ask for them: at most
 * {@code max} items from where the previous page's token left off, and a token for the next
 * page while items remain. Tokens are opaque to clients (an offset, encoded).
 *
 * <pre>
 * Paging.Page&lt;Instance&gt; page = Paging.page(all, p.integer("MaxResults"), p.get("NextToken"), Paging.EC2);
 * xml.leaf("nextToken", page.next());
 * </pre>
 */
final class Paging {
    /** The bounds of a paged operation's page size, and the names the error messages use. */
    record Limits(int min, int max, String sizeName, String tokenName, String sizeError, String tokenError) {}

    static final Limits EC2 = new Limits(5, 1000, "MaxResults", "NextToken", "InvalidParameterValue", "InvalidParameterValue");
    static final Limits EC2_TYPES = new Limits(5, 100, "MaxResults", "NextToken", "InvalidParameterValue", "InvalidParameterValue");
    static final Limits AUTOSCALING = new Limits(1, 100, "MaxRecords", "NextToken", "ValidationError", "InvalidNextToken");
    static final Limits ELB = new Limits(1, 400, "PageSize", "Marker", "ValidationError", "ValidationError");
    static final Limits CLOUDWATCH = new Limits(1, 500, "MaxRecords", "NextToken", "InvalidParameterValue", "InvalidNextToken");

    record Page<T>(List<T> items, String next) {}

    private Paging() {}

    /** One page; without a size, everything from the token on (as AWS answers when the caller gives no size). */
    static <T> Page<T> page(List<T> all, Integer size, String token, Limits limits) {
        if (size != null && (size < limits.min() || size > limits.max())) {
            throw AwsError.badRequest(limits.sizeError(),
                    "Value (" + size + ") for parameter " + limits.sizeName() + " is invalid. Expecting a value between "
                            + limits.min() + " and " + limits.max() + ".");
        }
        int from = token == null || token.isEmpty() ? 0 : offset(token, limits);
        if (from > all.size()) {
            throw invalidToken(token, limits);
        }
        int to = size == null ? all.size() : Math.min(all.size(), from + size);
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static int offset(String token, Limits limits) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (!text.startsWith("sandbox:")) {
                throw invalidToken(token, limits);
            }
            return Integer.parseInt(text.substring("sandbox:".length()));
        } catch (IllegalArgumentException e) {
            throw invalidToken(token, limits);
        }
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("sandbox:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static AwsError invalidToken(String token, Limits limits) {
        return AwsError.badRequest(limits.tokenError(), "Invalid value '" + token + "' for " + limits.tokenName() + ".");
    }
}
