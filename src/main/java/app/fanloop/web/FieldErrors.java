package app.fanloop.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Localized error texts by field name, for re-rendering a form beside the values typed. */
public final class FieldErrors {

    public static final String REQUIRED = "required";
    public static final String TOO_LONG = "too_long";
    public static final String TOO_SHORT = "too_short";
    public static final String TOO_LARGE = "too_large";
    public static final String TOO_SMALL = "too_small";
    public static final String PATTERN = "pattern";
    public static final String TAKEN = "taken";
    public static final String INVALID = "invalid";

    private final Map<String, String> texts;

    private FieldErrors(Map<String, String> texts) {
        this.texts = texts;
    }

    public static FieldErrors none() {
        return new FieldErrors(Map.of());
    }

    public static FieldErrors of(FormInvalid invalid, WebMessages msg) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (FormInvalid.Problem problem : invalid.problems()) {
            texts.putIfAbsent(problem.field(), text(problem, msg));
        }
        return new FieldErrors(texts);
    }

    /** The texts by field, in the order of the problems. */
    public Map<String, String> byField() {
        return java.util.Collections.unmodifiableMap(texts);
    }

    public boolean has(String field) {
        return texts.containsKey(field);
    }

    public String get(String field) {
        return texts.get(field);
    }

    public boolean isEmpty() {
        return texts.isEmpty();
    }

    private static String text(FormInvalid.Problem problem, WebMessages msg) {
        int limit = problem.limit() == null ? 0 : problem.limit();
        return switch (problem.code()) {
            case REQUIRED -> msg.error_required();
            case TOO_LONG -> msg.error_too_long(limit);
            case TOO_SHORT -> msg.error_too_short(limit);
            case TOO_LARGE -> msg.error_too_large(limit);
            case TOO_SMALL -> msg.error_too_small(limit);
            case PATTERN -> msg.error_pattern();
            case TAKEN -> msg.error_taken();
            case "kinds" -> msg.error_kinds();
            case "kind_not_accepted" -> msg.error_kind_not_accepted();
            case "reason_required" -> msg.error_reason_required();
            case "same_status" -> msg.error_same_status();
            case "status_not_allowed" -> msg.error_status_not_allowed();
            case "parent" -> msg.error_parent();
            case "release_empty" -> msg.error_release_empty();
            case "release_published" -> msg.error_release_published();
            case "already_in_release" -> msg.error_already_in_release();
            case "suggestion_missing" -> msg.error_suggestion_missing();
            case "schedule_past" -> msg.error_schedule_past();
            case "none_selected" -> msg.error_none_selected();
            case "merge_self" -> msg.error_merge_self();
            case "merge_target_missing" -> msg.error_merge_target_missing();
            case "merge_target_merged" -> msg.error_merge_target_merged();
            case "merge_across_program" -> msg.error_merge_across_program();
            case "already_linked" -> msg.error_already_linked();
            case "owner_not_staff" -> msg.error_owner_not_staff();
            case "confirm_mismatch" -> msg.error_confirm_mismatch();
            case "date_past" -> msg.error_date_past();
            case "url_scheme" -> msg.error_url_scheme();
            case "url_invalid" -> msg.error_url_invalid();
            case "url_unresolved" -> msg.error_url_unresolved();
            case "url_private" -> msg.error_url_private();
            case "choose_one" -> msg.error_choose_one();
            case "too_many_files" -> msg.error_too_many_files(limit);
            case "logs_bug_only" -> msg.error_logs_bug_only();
            case "file_refused" -> msg.error_file_refused();
            case "poll_option_empty" -> msg.error_poll_option_empty();
            case "poll_option_duplicate" -> msg.error_poll_option_duplicate();
            case "poll_too_few" -> msg.error_poll_too_few(limit);
            case "poll_too_many" -> msg.error_poll_too_many(limit);
            case "poll_closes_past" -> msg.error_poll_closes_past();
            case "name_rules" -> msg.error_name_rules();
            case "name_too_soon" -> msg.error_name_too_soon(limit);
            case "devices_full" -> msg.error_devices_full(limit);
            default -> msg.error_invalid();
        };
    }
}
