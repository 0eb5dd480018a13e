package awslab.api;

/**
 * A problem the user can fix, told in their language: the shell prints {@code key} from the
 * i18n bundles with {@code args} and keeps running. Anything may throw it; only the UI renders it.
 *
 * <pre>
 * throw new UserException("err.instance.unknown", id);
 * </pre>
 */
public class UserException extends RuntimeException {
    private final String key;
    private final transient Object[] args;

    public UserException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args.clone();
    }

    public UserException(Throwable cause, String key, Object... args) {
        super(key, cause);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
