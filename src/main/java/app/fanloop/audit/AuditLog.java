package app.fanloop.audit;

import java.util.HashMap;
import java.util.Map;

import app.fanloop.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes audit entries inside the caller's transaction, so a failed action leaves none. */
@ApplicationScoped
public class AuditLog {

    /** Every action the log records, for the filter. */
    public static final java.util.List<String> ACTIONS = java.util.List.of("api_key.create", "api_key.revoke", "board.archive", "board.create", "board.move",
            "board.unarchive", "board.update", "ban", "device_model.create", "device_model.restore", "device_model.retire", "edit", "feature.create", "feature.link", "feature.status", "feature.unlink",
            "feature.update", "hide", "lift", "lock", "mail.retry", "member.rename", "merge", "move", "official_response", "pin", "poll.close", "poll.edit", "purge",
            "release.publish", "report.dismiss", "restore", "role.grant", "role.revoke", "silence", "status", "unlock",
            "unmerge", "unpin", "webhook.create", "webhook.disable", "webhook.enable");

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Member actor, String action, String targetType, Long targetId, Map<String, ?> before,
            Map<String, ?> after, String reason) {
        AuditEntry entry = new AuditEntry();
        entry.actor = actor;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId;
        entry.before = copy(before);
        entry.after = copy(after);
        entry.reason = reason;
        entry.persist();
    }

    /** A small map that tolerates null values (Map.of does not). */
    public static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
            }
        }
        return map;
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return map == null ? null : new HashMap<>(map);
    }
}
