package app.fanloop.suggestion;

/** What a timeline entry records. */
public enum TimelineEvent {
    /** A PM set the status by hand. */
    STATUS,
    /** This suggestion was merged into the related one. */
    MERGED_INTO,
    /** The related suggestion was merged into this one. */
    MERGED_FROM,
    /** This suggestion was taken out of the related one again. */
    UNMERGED,
    /** The related suggestion was taken out of this one again. */
    UNMERGED_FROM,
    /** The status followed its feature item's status. */
    FEATURE,
    /** A published release shipped it. */
    RELEASE
}
