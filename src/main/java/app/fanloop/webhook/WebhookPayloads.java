package app.fanloop.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import app.fanloop.event.DomainEvent;
import app.fanloop.member.Visibility;
import app.fanloop.triage.FeatureItemStatus;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

/**
 * The {@code data} of each webhook event, built from the database in the transaction of the change. A webhook is an
 * outside party, so it gets only what a visitor may see (member/Visibility): an event about a hidden post (or held
 * for review), a feature item off the public roadmap or a suggestion that is not public yields nothing, and no
 * delivery is made. The same question is asked again just before sending ({@link #stillPublicSql}).
 */
@ApplicationScoped
public class WebhookPayloads {

    private static final String PUBLIC_FEATURE_STATUSES = FeatureItemStatus.PUBLIC.stream()
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private final EntityManager em;
    private final SiteConfig site;

    WebhookPayloads(EntityManager em, SiteConfig site) {
        this.em = em;
        this.site = site;
    }

    /**
     * The native SQL condition, for a delivery whose domain event id is in {@code eventIdColumn}, that what it tells
     * of is still public: its suggestion and comment shown and of no beta program, its feature item on the public
     * roadmap, its release not a program's.
     */
    static String stillPublicSql(String eventIdColumn) {
        return """
                not exists (select 1 from domain_event pe left join suggestion ps on ps.id = pe.suggestion_id
                                 left join comment pc on pc.id = pe.comment_id left join feature_item pf on pf.id = pe.feature_item_id
                                 left join release pr on pr.id = pe.release_id
                            where pe.id = %s and ((ps.id is not null and not %s) or (pc.id is not null and not %s)
                                  or (pf.id is not null and pf.status not in (%s)) or pr.program_id is not null))"""
                .formatted(eventIdColumn, Visibility.sqlPublic("ps"), Visibility.sqlPublic("pc"), PUBLIC_FEATURE_STATUSES);
    }

    /** The event's data, or empty when it tells of something visitors may not see. */
    public Optional<Map<String, Object>> data(WebhookEventType type, DomainEvent event) {
        Map<String, Object> p = event.payload == null ? Map.of() : event.payload;
        Map<String, Object> data = new LinkedHashMap<>();
        if (event.suggestionId != null) {
            Optional<Map<String, Object>> suggestion = suggestion(event.suggestionId, type == WebhookEventType.SUGGESTION_CREATED);
            if (suggestion.isEmpty()) {
                return Optional.empty();
            }
            data.put("suggestion", suggestion.get());
        }
        switch (type) {
            case SUGGESTION_CREATED -> {
            }
            case SUGGESTION_STATUS_CHANGED -> {
                data.put("from", p.get("from"));
                data.put("to", p.get("to"));
                data.put("note", p.get("note"));
            }
            case COMMENT_CREATED, OFFICIAL_RESPONSE_CREATED -> {
                Optional<Map<String, Object>> comment = event.commentId == null ? Optional.empty() : comment(event.commentId);
                if (comment.isEmpty()) {
                    return Optional.empty();
                }
                data.put("comment", comment.get());
            }
            case SUGGESTION_MERGED -> {
                Object into = p.get("into");
                Optional<Map<String, Object>> target = into instanceof Number n ? suggestion(n.longValue(), false) : Optional.empty();
                if (target.isEmpty()) {
                    return Optional.empty();
                }
                data.put("into", target.get());
            }
            case FEATURE_ITEM_CHANGED -> {
                Optional<Map<String, Object>> item = event.featureItemId == null ? Optional.empty() : featureItem(event.featureItemId);
                if (item.isEmpty()) {
                    return Optional.empty();
                }
                data.put("change", event.kind.name().substring("FEATURE_ITEM_".length()).toLowerCase());
                data.put("feature_item", item.get());
                if (p.containsKey("from")) {
                    data.put("from", p.get("from"));
                    data.put("to", p.get("to"));
                }
            }
            case RELEASE_PUBLISHED -> {
                Optional<Map<String, Object>> release = event.releaseId == null ? Optional.empty() : release(event.releaseId);
                if (release.isEmpty()) {
                    return Optional.empty();
                }
                data.put("release", release.get());
            }
        }
        return Optional.of(data);
    }

    /** The data of an admin's test event. */
    public Map<String, Object> test(WebhookEndpoint endpoint) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", endpoint.id);
        data.put("message", "A test event from Fanloop: your endpoint receives and verifies signed events.");
        return data;
    }

    private Optional<Map<String, Object>> suggestion(long id, boolean withBody) {
        return one("""
                select s.id, s.title, s.kind, s.status, s.created_at, s.body, b.slug as board_slug, b.name as board_name,
                       m.id as author_id, m.name as author_name
                from suggestion s join board b on b.id = s.board_id join member m on m.id = s.author_id
                where s.id = :id and %s""".formatted(Visibility.sqlPublic("s")), id).map(t -> {
            Map<String, Object> s = new LinkedHashMap<>();
            long sid = number(t.get("id"));
            s.put("id", sid);
            s.put("url", site.link("/suggestions/" + sid));
            s.put("title", t.get("title"));
            s.put("kind", t.get("kind"));
            s.put("status", t.get("status"));
            s.put("board", map("slug", t.get("board_slug"), "name", t.get("board_name")));
            s.put("author", map("id", number(t.get("author_id")), "name", t.get("author_name")));
            s.put("created_at", iso(t.get("created_at")));
            if (withBody) {
                s.put("body", t.get("body"));
            }
            return s;
        });
    }

    private Optional<Map<String, Object>> comment(long id) {
        return one("""
                select c.id, c.suggestion_id, c.parent_id, c.body, c.official, c.created_at, m.id as author_id, m.name as author_name
                from comment c join member m on m.id = c.author_id
                where c.id = :id and %s""".formatted(Visibility.sqlPublic("c")), id).map(t -> {
            Map<String, Object> c = new LinkedHashMap<>();
            long cid = number(t.get("id"));
            c.put("id", cid);
            c.put("url", site.link("/suggestions/" + number(t.get("suggestion_id")) + "#comment-" + cid));
            c.put("parent_id", t.get("parent_id") == null ? null : number(t.get("parent_id")));
            c.put("official", t.get("official"));
            c.put("body", t.get("body"));
            c.put("author", map("id", number(t.get("author_id")), "name", t.get("author_name")));
            c.put("created_at", iso(t.get("created_at")));
            return c;
        });
    }

    private Optional<Map<String, Object>> featureItem(long id) {
        return one("""
                select f.id, f.title, f.status, f.target_release from feature_item f
                where f.id = :id and f.status in (%s)""".formatted(PUBLIC_FEATURE_STATUSES), id).map(t -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", number(t.get("id")));
            f.put("url", site.link("/roadmap"));
            f.put("title", t.get("title"));
            f.put("status", t.get("status"));
            f.put("target_release", t.get("target_release"));
            return f;
        });
    }

    private Optional<Map<String, Object>> release(long id) {
        return one("""
                select r.id, r.version, r.channel, r.week, r.summary, r.published_at from release r
                where r.id = :id and r.state = 'PUBLISHED' and r.program_id is null""", id).map(t -> {
            Map<String, Object> r = new LinkedHashMap<>();
            long rid = number(t.get("id"));
            r.put("id", rid);
            r.put("url", site.link("/releases/" + rid));
            r.put("version", t.get("version"));
            r.put("channel", t.get("channel"));
            r.put("week", t.get("week"));
            r.put("summary", t.get("summary"));
            r.put("published_at", iso(t.get("published_at")));
            @SuppressWarnings("unchecked")
            List<Tuple> shipped = em.createNativeQuery("""
                    select s.id, s.title from suggestion s where s.shipped_release_id = :r and %s order by s.id"""
                    .formatted(Visibility.sqlPublic("s")), Tuple.class).setParameter("r", rid).getResultList();
            List<Map<String, Object>> items = new ArrayList<>();
            for (Tuple s : shipped) {
                long sid = number(s.get("id"));
                items.add(map("id", sid, "url", site.link("/suggestions/" + sid), "title", s.get("title")));
            }
            r.put("shipped_suggestions", items);
            return r;
        });
    }

    private Optional<Tuple> one(String sql, long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(sql, Tuple.class).setParameter("id", id).getResultList();
        return rows.stream().findFirst();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
        }
        return map;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    static String iso(Object time) {
        return time == null ? null : SiteClock.instant(time).toString();
    }
}
