import awslab.lab.UserData;

/**
 * Prints the lab user data exactly as EC2 receives it (base64 of the gzip-compressed script), and
 * its sizes on standard error. Run with the shell's built jar on the class path:
 *
 * <pre>
 * java -cp shell/target/awslab-shell-VERSION.jar bench/boot/RenderUserData.java | base64 -d | gunzip
 * </pre>
 */
public final class RenderUserData {
    public static void main(String[] args) {
        System.err.println("user data: " + UserData.compressed().length + " bytes gzip-compressed (EC2 takes at most "
                + UserData.MAX_BYTES + "), " + UserData.render().length() + " characters plain");
        System.out.println(UserData.base64());
    }
}
