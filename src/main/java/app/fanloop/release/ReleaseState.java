package app.fanloop.release;

/** draft → scheduled → published; a scheduled release can go back to draft, a published one stays. */
public enum ReleaseState {
    DRAFT, SCHEDULED, PUBLISHED
}
