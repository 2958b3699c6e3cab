package app.fanloop.honour;

/** Why a member earned points; each names the thing that earned them (the ledger's source). */
public enum PointReason {
    /** Source: the suggestion. */
    POSTED,
    /** Source: the vote; earned by the author of the suggestion it was cast on. */
    VOTE_RECEIVED,
    /** Source: the comment. */
    COMMENTED,
    /** Source: the suggestion. */
    ADOPTED,
    /** Source: the suggestion. */
    SHIPPED,
    /** Source: the report. */
    REPORT_UPHELD;

    public String cssName() {
        return name().toLowerCase().replace('_', '-');
    }
}
