package awslab.webapp;

/** Entry point of the lab web service. */
public final class WebApp {
    private WebApp() {}

    public static void main(String[] args) {
        System.out.println("awslab webapp");
    }
}
