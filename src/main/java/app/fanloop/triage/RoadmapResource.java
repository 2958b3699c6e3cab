package app.fanloop.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import app.fanloop.web.VisitorCached;
import app.fanloop.web.PageMeta;
import app.fanloop.web.PageMetas;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The public roadmap: what is planned, in progress and recently shipped, with the suggestions behind it. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RoadmapResource {

    /** A feature item with the visible suggestions linked to it. */
    public record Entry(FeatureItem item, List<Suggestion> suggestions) {
    }

    /** One column of the roadmap: a status and its items. */
    public record Column(FeatureItemStatus status, List<Entry> entries) {
    }

    public record Roadmap(List<Column> columns) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance roadmap(Roadmap roadmap, PageMeta meta);
    }

    private final TriageConfig config;
    private final SiteClock clock;
    private final PageMetas metas;
    private final RequestLocale locale;

    RoadmapResource(TriageConfig config, SiteClock clock, PageMetas metas, RequestLocale locale) {
        this.config = config;
        this.clock = clock;
        this.metas = metas;
        this.locale = locale;
    }

    @VisitorCached
    @GET
    @Path("roadmap")
    public TemplateInstance roadmap() {
        TriageMessages words = locale.messages(TriageMessages.class);
        return Templates.roadmap(current(config, clock),
                metas.page("/roadmap").title(words.roadmap_title()).text(words.roadmap_intro()).build());
    }

    /**
     * What is planned, in progress and shipped lately, by demand, with the public suggestions behind each item
     * (the page and the API show the same): two statements whatever the size, the items, then their suggestions.
     */
    static Roadmap current(TriageConfig config, SiteClock clock) {
        List<FeatureItem> items = FeatureItem.list("""
                from FeatureItem f where f.status in ?1 or (f.status = ?2 and f.statusChangedAt >= ?3)
                order by f.demand desc, f.id desc""",
                List.of(FeatureItemStatus.PLANNED, FeatureItemStatus.IN_PROGRESS), FeatureItemStatus.SHIPPED,
                clock.now().minus(config.roadmapShippedFor()));
        Map<Long, List<Suggestion>> behind = new LinkedHashMap<>();
        items.forEach(item -> behind.put(item.id, new ArrayList<>()));
        if (!items.isEmpty()) {
            Suggestion.<Suggestion> list("""
                    from Suggestion s join fetch s.board where s.featureItemId in ?1 and %s and s.status <> ?2
                    order by s.voteCount desc, s.id""".formatted(Visibility.jpqlPublic("s")), new ArrayList<>(behind.keySet()), SuggestionStatus.MERGED)
                    .forEach(s -> behind.get(s.featureItemId).add(s));
        }
        return new Roadmap(FeatureItemStatus.PUBLIC.stream()
                .map(status -> new Column(status, entries(items, behind, status))).toList());
    }

    private static List<Entry> entries(List<FeatureItem> items, Map<Long, List<Suggestion>> behind,
            FeatureItemStatus status) {
        return items.stream().filter(i -> i.status == status).map(i -> new Entry(i, behind.get(i.id))).toList();
    }
}
