package app.fanloop.sitemap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import app.fanloop.member.Indexable;
import app.fanloop.member.Visibility;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every statement of the sitemap: which public rows there are, one id range at a time. Each range is read by a
 * primary-key range scan with the visibility rule applied to its rows (member/Indexable, which calls
 * member/Visibility), streamed from the database row by row, so memory and time per file are bounded by the range
 * width, whatever the size of the table.
 */
@ApplicationScoped
public class Sitemaps {

    /** The kinds of rows listed in files of their own, by id range. */
    public enum Kind {
        SUGGESTIONS("suggestion", "/suggestions/", """
                select s.id, greatest(s.created_at, s.edited_at, s.status_changed_at) from suggestion s
                where s.id > ? and s.id <= ? and %s and s.status <> 'MERGED' order by s.id""".formatted(Indexable.sqlPost("s"))),
        RELEASES("release", "/releases/", """
                select r.id, greatest(r.published_at, r.updated_at) from release r
                where r.id > ? and r.id <= ? and %s order by r.id""".formatted(Indexable.sqlRelease("r"))),
        /** Public profiles: the members whose profile is indexable (the site's time is the statement's first parameter). */
        MEMBERS("member", "/members/", """
                select m.id, %s from member m, (select ?::timestamptz as now) clock
                where m.id > ? and m.id <= ? and %s order by m.id""".formatted(Indexable.sqlMemberLastmod("m"),
                Indexable.sqlMember("m", "clock.now")));

        final String table;
        /** Where a row's page is: this and its id. */
        final String prefix;
        final String rangeSql;

        Kind(String table, String prefix, String rangeSql) {
            this.table = table;
            this.prefix = prefix;
            this.rangeSql = rangeSql;
        }

        /** The statement's first parameter is the site's time (a rule that depends on it, e.g. a ban in force). */
        boolean timed() {
            return this == MEMBERS;
        }

        /** The name in the files' addresses: /sitemaps/suggestions-3.xml. */
        String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.param().equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** A row of a sitemap: its id (or slug) and when it last changed (null: unknown). */
    public record Row(long id, String slug, Instant lastmod) {
    }

    /** Receives rows as they are read. */
    @FunctionalInterface
    public interface RowSink {
        void accept(Row row) throws Exception;
    }

    private static final int FETCH = 1000;

    private final DataSource db;
    private final SiteClock clock;

    Sitemaps(DataSource db, SiteClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The highest id of a kind's table (0 when empty): one step down its primary key. */
    public long maxId(Kind kind) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("select coalesce(max(id), 0) from " + kind.table);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The visible rows with ids in (after, upTo], in id order, handed over one by one as they arrive. */
    public void range(Kind kind, long after, long upTo, RowSink sink) throws Exception {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            // A cursor (fetch size honoured only outside auto-commit): rows arrive FETCH at a time.
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(kind.rangeSql)) {
                st.setFetchSize(FETCH);
                int next = 1;
                if (kind.timed()) {
                    st.setObject(next++, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
                }
                st.setLong(next++, after);
                st.setLong(next, upTo);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Row(rs.getLong(1), null, instant(rs.getTimestamp(2))));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        }
    }

    /**
     * The boards visitors are offered (listed, not a private beta board), in their order, each with the time of its
     * newest public suggestion: two index steps per board (pinned and not) on the board's "new" index.
     */
    public List<Row> boards() throws SQLException {
        String newest = """
                (select s.created_at from suggestion s where s.board_id = b.id and s.pinned = %s and %s
                 and s.status <> 'MERGED' order by s.pinned desc, s.created_at desc, s.id desc limit 1)""";
        String sql = "select b.id, b.slug, greatest(" + newest.formatted("true", Visibility.sqlPublic("s")) + ", " + newest.formatted("false", Visibility.sqlPublic("s"))
                + ", b.created_at) from board b where " + Indexable.sqlBoard("b") + " order by b.position, b.id";
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3))));
            }
        }
        return rows;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
