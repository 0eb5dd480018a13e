package awslab.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;

/**
 * SSM in the JSON 1.1 protocol, for the one call the shell makes: {@code GetParameter} of
 * Canonical's public parameter naming the current Ubuntu 24.04 image, so the shell's SSM path
 * (with its DescribeImages fallback) runs for real in the sandbox.
 *
 * <pre>
 * String json = new SsmApi().handle("AmazonSSM.GetParameter", "{\"Name\":\"...\"}", CloudRegion.US_EAST_1);
 * </pre>
 */
final class SsmApi {
    static final String UBUNTU_PARAMETER = "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";

    /** The answer's JSON body; an {@link AwsError} for what SSM would refuse. */
    String handle(String target, String body, CloudRegion region) {
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        if (!"GetParameter".equals(operation)) {
            throw AwsError.unsupported("ssm", operation);
        }
        String name;
        try {
            name = JsonParser.parseString(body).getAsJsonObject().get("Name").getAsString();
        } catch (RuntimeException e) {
            throw AwsError.badRequest("ValidationException", "GetParameter needs a Name");
        }
        if (!UBUNTU_PARAMETER.equals(name)) {
            throw AwsError.badRequest("ParameterNotFound", "Parameter " + name + " not found.");
        }
        JsonObject parameter = new JsonObject();
        parameter.addProperty("Name", name);
        parameter.addProperty("Type", "String");
        parameter.addProperty("Value", region.imageId());
        parameter.addProperty("Version", 1);
        parameter.addProperty("LastModifiedDate", Instant.parse("2025-08-21T07:00:00Z").getEpochSecond());
        parameter.addProperty("ARN", "arn:aws:ssm:" + region.name() + "::parameter" + name);
        parameter.addProperty("DataType", "aws:ec2:image");
        JsonObject answer = new JsonObject();
        answer.add("Parameter", parameter);
        return answer.toString();
    }
}
