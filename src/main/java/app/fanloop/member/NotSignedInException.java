package app.fanloop.member;

/** A visitor tried to do something that needs a member; the web layer sends them to sign in. */
public class NotSignedInException extends RuntimeException {
    public NotSignedInException() {
        super("sign-in required", null, false, false);
    }
}
