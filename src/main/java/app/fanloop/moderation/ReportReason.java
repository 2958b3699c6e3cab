package app.fanloop.moderation;

/** Why a member reports a post. */
public enum ReportReason {
    SPAM, ABUSE, OFF_TOPIC, DUPLICATE, OTHER;

    public static ReportReason parse(String value) {
        if (value != null) {
            for (ReportReason r : values()) {
                if (r.name().equalsIgnoreCase(value.strip())) {
                    return r;
                }
            }
        }
        return null;
    }
}
