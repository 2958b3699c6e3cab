package app.fanloop.beta;

/** Where a fan's application to a beta program stands. */
public enum ApplicationState {
    /** Waiting for the PM. */
    APPLIED,
    /** A tester: reads and posts on the program's private board, holds one of its places. */
    ACCEPTED,
    /** Next in line: accepted (highest score first) when a place frees up. */
    WAITLISTED,
    /** Not taken this time. */
    DECLINED,
    /** Was a tester, removed by the PM (usually for falling behind on reports); the place went to the waitlist. */
    REMOVED;

    public static ApplicationState parse(String value) {
        for (ApplicationState s : values()) {
            if (s.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        return null;
    }
}
