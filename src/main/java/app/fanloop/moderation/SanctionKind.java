package app.fanloop.moderation;

/** SILENCE: can read and follow, cannot post, comment, vote or report. BAN: cannot act at all. */
public enum SanctionKind {
    SILENCE, BAN
}
