package awslab.i18n;

/**
 * One of AWS’s own words — an instance state, a target’s health, a kind of resource — given as
 * a message argument. {@link Messages} renders it in the user’s language: in French the
 * translation with AWS’s word beside it, {@code en cours d’exécution (running)}, since students
 * meet AWS’s word in the CLI, the SDK and the documentation; in English AWS’s word alone. Tables
 * take the short form, {@link Messages#word}. A value with no translation shows as AWS wrote it.
 *
 * <pre>
 * messages.get("msg.terminate.done", id, AwsWord.state("terminated"));  // … est résiliée (terminated).
 * messages.word(AwsWord.health("healthy"));                           // saine
 * </pre>
 *
 * @param kind the family of words: {@code state}, {@code health}, {@code lifecycle},
 *     {@code groupHealth}, {@code balancer}, {@code activity} or {@code kind} (keys {@code aws.<kind>.<value>})
 * @param value AWS’s word, exactly as the API returns it
 */
public record AwsWord(String kind, String value) {
    /** Kinds of resources read as plain nouns: AWS’s spelling is never shown beside them. */
    static final String RESOURCE_KIND = "kind";

    /** An EC2 instance state: {@code pending}, {@code running}, {@code stopped}… */
    public static AwsWord state(String value) {
        return new AwsWord("state", value);
    }

    /** A target’s health behind a load balancer: {@code healthy}, {@code initial}… */
    public static AwsWord health(String value) {
        return new AwsWord("health", value);
    }

    /** An instance’s lifecycle state in an Auto Scaling group: {@code InService}, {@code Pending}… */
    public static AwsWord lifecycle(String value) {
        return new AwsWord("lifecycle", value);
    }

    /** An instance’s health as its Auto Scaling group sees it: {@code Healthy} or {@code Unhealthy}. */
    public static AwsWord groupHealth(String value) {
        return new AwsWord("groupHealth", value);
    }

    /** A load balancer’s state: {@code provisioning}, {@code active}… */
    public static AwsWord balancer(String value) {
        return new AwsWord("balancer", value);
    }

    /** A scaling activity's status code: {@code InProgress}, {@code Successful}, {@code Failed}… */
    public static AwsWord activity(String value) {
        return new AwsWord("activity", value);
    }

    /** A kind of resource: {@code security-group}, {@code load-balancer}… */
    public static AwsWord resource(String value) {
        return new AwsWord(RESOURCE_KIND, value);
    }

    String key() {
        return "aws." + kind + "." + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
