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
 * SsmApi.Reply reply = new SsmApi().handle("AmazonSSM.GetParameter", "{\"Name\":\"...\"}", CloudRegion.US_EAST_1);
 * </pre>
 */
final class SsmApi {
    static final String UBUNTU_PARAMETER = "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";

    record Reply(int status, String body) {}

    Reply handle(String target, String body, CloudRegion region) {
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        if (!"GetParameter".equals(operation)) {
            return error("InvalidAction", "The sandbox does not implement ssm action " + operation
                    + " (use a real AWS account or another endpoint for it).");
        }
        String name;
        try {
            name = JsonParser.parseString(body).getAsJsonObject().get("Name").getAsString();
        } catch (RuntimeException e) {
            return error("ValidationException", "GetParameter needs a Name");
        }
        if (!UBUNTU_PARAMETER.equals(name)) {
            return error("ParameterNotFound", "Parameter " + name + " not found.");
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
        return new Reply(200, answer.toString());
    }

    private static Reply error(String type, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("__type", type);
        error.addProperty("message", message);
        return new Reply(400, error.toString());
    }
}
