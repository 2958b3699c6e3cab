package app.fanloop.web;

/**
 * One kind of fact about the signed-in member that a page shared by all members leaves open, such as
 * "has voted for suggestion 42" ({@code {#personal voted=s.id}…{#else}…{/personal}} in a template). The
 * feature that owns the table contributes the kind; {@link PersonalPage} asks every kind a page needs in
 * one statement per request and fills the page in.
 */
public interface PersonalFacts {

    /** The name used in templates, e.g. {@code voted}. */
    String kind();

    /**
     * A select of one bigint column: the subjects among {@code :ids} (a bigint array) for which the fact holds
     * for member {@code :member}; for a {@link #guard()} the statement uses only {@code :member} and returns a
     * row when the guard holds. Null for a fact answered from memory by {@link #holds(long)}.
     */
    String sql();

    /** For facts known without the database (already loaded for this request). */
    default boolean holds(long subject) {
        throw new UnsupportedOperationException(kind() + " is answered by SQL");
    }

    /**
     * A guard is asked whenever a shared copy would be used: when it holds, this member's page may differ
     * from the shared one in ways the slots do not cover (e.g. they see their own hidden posts), so their page
     * is rendered for them alone.
     */
    default boolean guard() {
        return false;
    }
}
