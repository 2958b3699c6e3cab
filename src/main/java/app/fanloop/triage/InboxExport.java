package app.fanloop.triage;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Trending;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * CSV exports, streamed row by row from a database cursor so a large inbox never sits in memory.
 * Permission is checked by the caller before the stream starts.
 */
@ApplicationScoped
public class InboxExport {

    private static final int FETCH = 500;

    private final DataSource dataSource;
    private final TriageConfig config;
    private final Trending trending;
    private final SiteClock clock;

    InboxExport(DataSource dataSource, TriageConfig config, Trending trending, SiteClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.trending = trending;
    }

    public StreamingOutput inbox(InboxQuery query) {
        double now = trending.exponent(clock.now());
        TriageConfig.Weights w = config.weights();
        List<Object> params = new ArrayList<>(List.of(w.votes(), w.heat(), now, w.comments()));
        StringBuilder sql = new StringBuilder("""
                select s.id, b.slug, s.kind, s.title, s.vote_count, s.comment_count, s.follower_count, s.created_at,
                       s.first_response_at, %s as priority
                from suggestion s join board b on b.id = s.board_id
                where s.status = 'OPEN' and %s""".formatted(Priority.SQL
                .replace(":wv", "?").replace(":wh", "?").replace(":xnow", "?").replace(":wc", "?"), Visibility.sqlShown("s")));
        if (query.boardId() != null) {
            sql.append(" and s.board_id = ?");
            params.add(query.boardId());
        }
        if (query.kind() != null) {
            sql.append(" and s.kind = ?");
            params.add(query.kind().name());
        }
        if (query.sort() == InboxQuery.Sort.WAITING) {
            sql.append(" and s.first_response_at is null");
        }
        sql.append(switch (query.sort()) {
            case PRIORITY -> " order by priority desc, s.id desc";
            case VOTES -> " order by s.vote_count desc, s.id desc";
            case TRENDING -> " order by s.trending desc, s.id desc";
            case NEWEST -> " order by s.created_at desc, s.id desc";
            case WAITING -> " order by s.created_at, s.id";
        });
        return stream(sql.toString(), params,
                new String[] { "id", "board", "kind", "title", "votes", "comments", "followers", "created_at",
                        "first_response_at", "priority" });
    }

    public StreamingOutput featureItems() {
        return stream("""
                select f.id, f.title, f.status, 'P' || f.priority, f.demand, m.name, f.target_release,
                       (select count(*) from suggestion s where s.feature_item_id = f.id), f.created_at, f.status_changed_at
                from feature_item f left join member m on m.id = f.owner_id
                order by f.demand desc, f.id desc""", List.of(),
                new String[] { "id", "title", "status", "priority", "demand", "owner", "target_release", "suggestions",
                        "created_at", "status_changed_at" });
    }

    /** A cell's text; text that a spreadsheet would run as a formula is defused with a leading quote. */
    static Object cell(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    private StreamingOutput stream(String sql, List<Object> params, String[] header) {
        return output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            // A byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
            writer.write('\ufeff');
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(FETCH);
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery();
                            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
                        int columns = header.length;
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                csv.print(cell(rs.getObject(i)));
                            }
                            csv.println();
                        }
                    }
                } finally {
                    c.rollback();
                }
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("CSV export failed", e));
            }
        };
    }
}
