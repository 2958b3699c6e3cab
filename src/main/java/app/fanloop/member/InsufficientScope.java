package app.fanloop.member;

/** An API key was used for something its scopes do not cover (a write with a read-only key): 403. */
public class InsufficientScope extends RuntimeException {

    private final String needed;

    public InsufficientScope(String needed) {
        super("scope required: " + needed, null, false, false);
        this.needed = needed;
    }

    public String needed() {
        return needed;
    }
}
