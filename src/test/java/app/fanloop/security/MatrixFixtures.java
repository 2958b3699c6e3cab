package app.fanloop.security;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private volatile String versionsSql;

    /** Per table without binary columns: the statement of its content's fingerprint (row count and rows' hash). */
    private final Map<String, String> contentSql = new TreeMap<>();

    /** Per table without binary columns: its row versions' hash when last read, and its content's fingerprint then. */
    private final Map<String, String[]> lastRead = new HashMap<>();

    /** Per table with binary columns: the expression of a row's hash (binary values as their MD5). */
    private final Map<String, String> binaryRowHashes = new TreeMap<>();

    /**
     * Per table with binary columns: the hash of each row version seen, by its ctid and xmin. A row version never
     * changes (an update writes a new version, with the updating transaction as its xmin), so its hash is computed once;
     * only a row version not seen before is read with its bytes.
     */
    private final Map<String, Map<String, Long>> knownRows = new HashMap<>();

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
     * A table with binary columns (the stored files' chunks) is hashed with each binary value as its MD5, and a row's
     * hash is computed once per row version: reading every file's bytes for every fingerprint cost more than all
     * other tables together, twice per cell of the matrix.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, String> fingerprint() {
        if (versionsSql == null) {
            prepareFingerprint();
        }
        // A table's content is hashed again only when its row versions changed. A row version never changes (an
        // update or a delete and insert writes a new version, under the writing transaction's xmin), so the same row
        // versions (ctid and xmin) hold the same content as when it was hashed: the answer is the one hashing every
        // row would give, and most tables of a cell are read without formatting a row.
        Map<String, String> result = new TreeMap<>();
        List<String> changed = new ArrayList<>();
        Map<String, String> versions = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(versionsSql).getResultList()) {
            String table = (String) row[0];
            String[] last = lastRead.get(table);
            versions.put(table, (String) row[1]);
            if (last != null && last[0].equals(row[1])) {
                result.put(table, last[1]);
            } else {
                changed.add(table);
            }
        }
        if (!changed.isEmpty()) {
            String sql = String.join(" union all ", changed.stream().map(contentSql::get).toList());
            for (Object[] row : (List<Object[]>) em.createNativeQuery(sql).getResultList()) {
                String table = (String) row[0];
                result.put(table, (String) row[1]);
                lastRead.put(table, new String[] { versions.get(table), (String) row[1] });
            }
        }
        binaryRowHashes.forEach((table, rowHash) -> result.put(table, binaryFingerprint(table, rowHash)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private String binaryFingerprint(String table, String rowHash) {
        Map<String, Long> known = knownRows.computeIfAbsent(table, t -> new HashMap<>());
        List<String> versions = em.createNativeQuery("select t.ctid::text || '@' || t.xmin::text from \"" + table + "\" t")
                .getResultList();
        List<String> unseen = versions.stream().filter(v -> !known.containsKey(v)).toList();
        if (!unseen.isEmpty()) {
            String ctids = String.join(", ", unseen.stream().map(v -> "'" + v.substring(0, v.indexOf('@')) + "'::tid").toList());
            for (Object[] row : (List<Object[]>) em.createNativeQuery("select t.ctid::text || '@' || t.xmin::text, "
                    + rowHash + " from \"" + table + "\" t where t.ctid in (" + ctids + ")").getResultList()) {
                known.put((String) row[0], ((Number) row[1]).longValue());
            }
        }
        BigInteger sum = BigInteger.ZERO;
        for (String version : versions) {
            Long hash = known.get(version);
            if (hash == null) {
                throw new IllegalStateException("row " + version + " of " + table + " changed while it was read");
            }
            sum = sum.add(BigInteger.valueOf(hash));
        }
        known.keySet().retainAll(new HashSet<>(versions));
        return versions.size() + ":" + sum;
    }

    @SuppressWarnings("unchecked")
    private void prepareFingerprint() {
        List<Object[]> columns = em.createNativeQuery("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and c.table_name <> 'flyway_schema_history' order by c.table_name, c.ordinal_position""")
                .getResultList();
        Map<String, List<Object[]>> byTable = new TreeMap<>();
        for (Object[] column : columns) {
            byTable.computeIfAbsent((String) column[0], t -> new ArrayList<>()).add(column);
        }
        StringBuilder sql = new StringBuilder();
        byTable.forEach((table, cols) -> {
            List<String> dropped = VOLATILE.getOrDefault(table, List.of());
            boolean binary = cols.stream().anyMatch(c -> "bytea".equals(c[2]));
            // A row's text is cheaper than its JSON; the columns one by one only where some are left out or digested.
            String row = "t::text";
            if (binary || !dropped.isEmpty()) {
                row = "row(" + String.join(", ", cols.stream().filter(c -> !dropped.contains((String) c[1]))
                        .map(c -> "bytea".equals(c[2]) ? "md5(t.\"" + c[1] + "\")" : "t.\"" + c[1] + "\"").toList())
                        + ")::text";
            }
            if (binary) {
                binaryRowHashes.put(table, "hashtextextended(" + row + ", 0)");
                return;
            }
            if (!sql.isEmpty()) {
                sql.append(" union all ");
            }
            sql.append(tableHash(table, "t.ctid::text || '@' || t.xmin::text"));
            contentSql.put(table, tableHash(table, row));
        });
        versionsSql = sql.toString();
    }

    /** A table's row count and the sum of a hash of each row's {@code rowText}, as one row (table, fingerprint). */
    private static String tableHash(String table, String rowText) {
        return "select '" + table + "', count(*)::text || ':' || coalesce(sum(hashtextextended(" + rowText
                + ", 0)), 0)::text from \"" + table + "\" t";
    }
}
