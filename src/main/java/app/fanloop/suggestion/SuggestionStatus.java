package app.fanloop.suggestion;

import java.util.List;

/**
 * Where a suggestion stands: OPEN 待处理 → UNDER_REVIEW 已收录 → PLANNED 已采纳 → IN_PROGRESS 开发中
 * → SHIPPED 已上线, or DECLINED 暂不考虑 (with a reason) or MERGED 已合并.
 */
public enum SuggestionStatus {
    OPEN, UNDER_REVIEW, PLANNED, IN_PROGRESS, SHIPPED, DECLINED, MERGED;

    /** Statuses a PM sets by hand; SHIPPED comes from a release and MERGED from a merge. */
    public static final List<SuggestionStatus> SETTABLE = List.of(OPEN, UNDER_REVIEW, PLANNED, IN_PROGRESS, DECLINED);

    /** Statuses a board list can be filtered by. */
    public static final List<SuggestionStatus> FILTERS = List.of(OPEN, UNDER_REVIEW, PLANNED, IN_PROGRESS, SHIPPED,
            DECLINED);

    public static SuggestionStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (SuggestionStatus status : values()) {
            if (status.name().equalsIgnoreCase(value.strip())) {
                return status;
            }
        }
        return null;
    }

    public boolean isSettable() {
        return SETTABLE.contains(this);
    }

    /** The one colour class this status has everywhere. */
    public String cssName() {
        return name().toLowerCase().replace('_', '-');
    }
}
