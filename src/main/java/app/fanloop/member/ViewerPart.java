package app.fanloop.member;

import java.util.List;

/**
 * A feature's values about the signed-in member, selected in the same statement that resolves the member on every
 * request (see {@link MemberService#signIn}), so that being signed in costs one statement. This is how a feature
 * (the bell's unread count, for one) joins that statement without the member package importing it.
 *
 * <p>Implementations are {@code @Singleton} beans (no client proxy), because {@link Viewer#part} finds a part's
 * values by the instance.
 */
public interface ViewerPart<T> {

    /**
     * Scalar SQL expressions over the member row, which is aliased {@code m}; they may use the parameter
     * {@code :now} (the site's time) and no other.
     */
    List<String> columns();

    /** The feature's value from what {@link #columns()} selected, in that order. */
    T read(Object[] values);
}
