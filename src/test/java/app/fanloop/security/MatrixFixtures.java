package app.fanloop.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import app.fanloop.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What the role matrix needs beyond {@link app.fanloop.Fixtures}: plain SQL for set-up and clean-up,
 * a notification to read, and a fingerprint of everything the application stores.
 */
@ApplicationScoped
public class MatrixFixtures {

    /** Columns that change on a read (the member's last visit): not "something stored" by an action. */
    static final Map<String, List<String>> VOLATILE = Map.of("member", List.of("last_seen_at"), "api_key", List.of("last_used_at"));

    private final EntityManager em;
    private volatile String fingerprintSql;

    MatrixFixtures(EntityManager em) {
        this.em = em;
    }

    /** Runs one statement with positional parameters ?1, ?2… */
    @Transactional
    public int exec(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.executeUpdate();
    }

    /** An unread notification for the member, with the domain event behind it. */
    @Transactional
    public long notification(Member member, long suggestionId) {
        long event = ((Number) em.createNativeQuery("""
                insert into domain_event (kind, suggestion_id, delivered_at) values ('SUGGESTION_STATUS_CHANGED', :s, now())
                returning id""").setParameter("s", suggestionId).getSingleResult()).longValue();
        return ((Number) em.createNativeQuery("""
                insert into notification (member_id, event_id, kind, reason, suggestion_id, created_at)
                values (:m, :e, 'STATUS_CHANGED', 'FOLLOWER', :s, now()) returning id""")
                .setParameter("m", member.id).setParameter("e", event).setParameter("s", suggestionId)
                .getSingleResult()).longValue();
    }

    /**
     * Per application table (all but Flyway's history): its row count and an order-free hash of its
     * rows without the volatile columns. Equal fingerprints mean nothing was stored, changed or deleted.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, String> fingerprint() {
        if (fingerprintSql == null) {
            List<String> tables = em.createNativeQuery("""
                    select table_name from information_schema.tables
                    where table_schema = current_schema() and table_type = 'BASE TABLE'
                      and table_name <> 'flyway_schema_history' order by table_name""").getResultList();
            StringBuilder sql = new StringBuilder();
            for (String table : tables) {
                List<String> dropped = VOLATILE.getOrDefault(table, List.of());
                // A row's text is cheaper than its JSON; JSON only where columns must be left out.
                String row = dropped.isEmpty() ? "t::text" : "(to_jsonb(t) - '{" + String.join(",", dropped) + "}'::text[])::text";
                if (!sql.isEmpty()) {
                    sql.append(" union all ");
                }
                sql.append("select '").append(table).append("', count(*)::text || ':' || coalesce(sum(hashtextextended(")
                        .append(row).append(", 0)), 0)::text from \"").append(table).append("\" t");
            }
            fingerprintSql = sql.toString();
        }
        Map<String, String> result = new TreeMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(fingerprintSql).getResultList()) {
            result.put((String) row[0], (String) row[1]);
        }
        return result;
    }
}
