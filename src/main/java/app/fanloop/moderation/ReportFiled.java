package app.fanloop.moderation;

/**
 * A member reported a post, fired by {@link ModerationService#report} inside its transaction, for the features above
 * (metrics), which observe it after that transaction commits.
 */
public record ReportFiled(ModerationService.Target target) {
}
