package app.fanloop.web;

/** Too many requests of a kind in a window: answered 429 with Retry-After (see ErrorPages); features say which limit. */
public class TooManyRequests extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyRequests(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
