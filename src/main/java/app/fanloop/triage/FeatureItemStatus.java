package app.fanloop.triage;

import java.util.List;

import app.fanloop.suggestion.SuggestionStatus;

/** Where a feature item (需求) stands; its linked suggestions follow it. */
public enum FeatureItemStatus {
    BACKLOG, PLANNED, IN_PROGRESS, SHIPPED, CANCELLED;

    /** Statuses a PM sets by hand; SHIPPED comes from publishing a release. */
    public static final List<FeatureItemStatus> SETTABLE = List.of(BACKLOG, PLANNED, IN_PROGRESS, CANCELLED);

    /** Shown on the public roadmap. */
    public static final List<FeatureItemStatus> PUBLIC = List.of(PLANNED, IN_PROGRESS, SHIPPED);

    public static FeatureItemStatus parse(String value) {
        if (value != null) {
            for (FeatureItemStatus status : values()) {
                if (status.name().equalsIgnoreCase(value.strip())) {
                    return status;
                }
            }
        }
        return null;
    }

    /** The status the linked suggestions take, or null when they keep theirs. */
    public SuggestionStatus suggestionStatus() {
        return switch (this) {
            case PLANNED -> SuggestionStatus.PLANNED;
            case IN_PROGRESS -> SuggestionStatus.IN_PROGRESS;
            case SHIPPED -> SuggestionStatus.SHIPPED;
            case CANCELLED -> SuggestionStatus.DECLINED;
            case BACKLOG -> null;
        };
    }

    public boolean isPublic() {
        return PUBLIC.contains(this);
    }

    /** The badge colour: that of the suggestion status the item leads to. */
    public String badgeClass() {
        return switch (this) {
            case PLANNED -> "status-planned";
            case IN_PROGRESS -> "status-in-progress";
            case SHIPPED -> "status-shipped";
            case CANCELLED -> "status-declined";
            case BACKLOG -> "status-open";
        };
    }
}
