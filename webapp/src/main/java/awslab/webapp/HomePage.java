package awslab.webapp;

import awslab.webapp.InstanceMetadata.Identity;
import java.util.Optional;

/** The page a person sees at {@code /}: which instance answered, in which zone. */
final class HomePage {
    private HomePage() {}

    static String render(Optional<Identity> identity) {
        String instance = identity.map(Identity::instanceId).orElse("unknown (not on EC2?)");
        String zone = identity.flatMap(Identity::availabilityZone).orElse("unknown");
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>awslab web service</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#232f3e}
                h1{font-size:1.6rem} dt{font-weight:600;margin-top:.8rem} dd{margin:0;font-family:monospace;font-size:1.2rem}
                a{color:#0972d3}
                </style></head>
                <body>
                <h1>☁️ awslab web service</h1>
                <p>This page was served by:</p>
                <dl><dt>Instance</dt><dd>%s</dd><dt>Availability zone</dt><dd>%s</dd></dl>
                <p>Try <a href="/task">/task</a>, <a href="/instance">/instance</a> and <a href="/health">/health</a>.
                Behind a load balancer, reload this page: the instance may change.</p>
                </body></html>
                """.formatted(escape(instance), escape(zone));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
