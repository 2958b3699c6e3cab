package app.fanloop.limit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a costly read in its own bucket of {@link ReadLimit} (e.g. "search", "hints", "feed") instead of
 * the shared "page" bucket; the bucket's numbers are fanloop.rate-limit.actions.&lt;bucket&gt;.*.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AbuseLimited {
    String value();
}
