package awslab;

/** Entry point of the awslab shell. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("awslab");
    }
}
