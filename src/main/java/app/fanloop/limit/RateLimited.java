package app.fanloop.limit;

import app.fanloop.web.TooManyRequests;

/** Too many of an action in its window; the page says when to try again. */
public class RateLimited extends TooManyRequests {

    public RateLimited(long retryAfterSeconds) {
        super("rate limited", retryAfterSeconds);
    }
}
