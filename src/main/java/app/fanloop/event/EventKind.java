package app.fanloop.event;

/** The changes that fans are told about. */
public enum EventKind {
    SUGGESTION_STATUS_CHANGED,
    OFFICIAL_RESPONSE,
    /** Someone replied to a member's comment; its author is told. */
    COMMENT_REPLY,
    /** A new suggestion on a board; the board's followers are told. */
    SUGGESTION_POSTED,
    /** A release was published; the authors, voters and followers of what it shipped and the channel's followers are told. */
    RELEASE_PUBLISHED,
    SUGGESTION_MERGED,
    SUGGESTION_UNMERGED,
    FEATURE_ITEM_CREATED,
    FEATURE_ITEM_UPDATED,
    FEATURE_ITEM_STATUS_CHANGED,
    FEATURE_ITEM_LINKED,
    FEATURE_ITEM_UNLINKED,
    /** A post was hidden (by reports, pending review, or by an admin with a reason); only its author is told. */
    CONTENT_HIDDEN,
    /** A comment that is neither an official response nor a reply to another member: nobody is told (empty audience); integrations hear of it. */
    COMMENT_POSTED,
    /** Members were @mentioned in a post (each once per post); only they are told. */
    MENTIONED,
    /** A webhook endpoint was switched off after failing again and again; the admins are told. */
    WEBHOOK_DISABLED,
    /** A beta program's PM accepted, waitlisted, declined or removed a member's application; the applicant is told. */
    BETA_APPLICATION_CHANGED
}
