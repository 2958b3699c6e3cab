package app.fanloop.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.member.Member;
import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;

/**
 * A release as its page shows it: the lines by section, each with the suggestions behind it, and
 * the fans it credits ("来自米粉的建议"), in a fixed number of statements.
 */
public record ReleaseNotes(Release release, List<Section> sections, List<Credit> credits) {

    /** A section with its lines; empty sections are left out. */
    public record Section(ReleaseSection section, List<Line> lines) {
    }

    /** One line, the feature item it ships (if public) and the visible suggestions behind it. */
    public record Line(ReleaseItem item, List<Suggestion> suggestions) {
        public boolean featureOnRoadmap() {
            return item.featureItem != null && item.featureItem.status.isPublic();
        }
    }

    /** A fan credited by name, with the suggestions of theirs that this release ships. */
    public record Credit(Member author, List<Suggestion> suggestions) {
        /** A fan who keeps honours private is credited without name or link (tags/creditedFan, the feed, the home page). */
        public boolean isAnonymous() {
            return author.honoursPrivate;
        }
    }

    public static ReleaseNotes load(Release release, ReleasePublishing service) {
        List<ReleaseItem> items = ReleaseItem.of(release.id);
        List<Long> direct = items.stream().flatMap(i -> i.suggestionIds.stream()).distinct().toList();
        List<Long> features = items.stream().filter(i -> i.featureItem != null).map(i -> i.featureItem.id).distinct()
                .toList();
        List<Long> credited = service.creditedIds(release, items);
        List<Long> wanted = new ArrayList<>(direct);
        credited.stream().filter(id -> !wanted.contains(id)).forEach(wanted::add);

        List<Suggestion> found = new ArrayList<>();
        if (!wanted.isEmpty() || !features.isEmpty()) {
            found = Suggestion.list("""
                    from Suggestion s join fetch s.author
                    where (s.id in ?1 or s.featureItemId in ?2) and %s and s.status <> ?3
                    order by s.voteCount desc, s.id""".formatted(Visibility.jpqlPublic("s")),
                    wanted.isEmpty() ? List.of(-1L) : wanted, features.isEmpty() ? List.of(-1L) : features,
                    SuggestionStatus.MERGED);
        }
        List<Section> sections = new ArrayList<>();
        for (ReleaseSection section : ReleaseSection.ALL) {
            List<Line> lines = new ArrayList<>();
            for (ReleaseItem item : items) {
                if (item.section != section) {
                    continue;
                }
                Long feature = item.featureItem == null ? null : item.featureItem.id;
                List<Suggestion> behind = found.stream()
                        .filter(s -> item.suggestionIds.contains(s.id) || (feature != null && feature.equals(s.featureItemId)))
                        .toList();
                lines.add(new Line(item, behind));
            }
            if (!lines.isEmpty()) {
                sections.add(new Section(section, lines));
            }
        }
        Map<Long, Credit> credits = new LinkedHashMap<>();
        found.stream().filter(s -> credited.contains(s.id))
                .sorted(java.util.Comparator.comparing((Suggestion s) -> s.author.name == null ? "" : s.author.name)
                        .thenComparing(s -> s.id))
                .forEach(s -> credits.computeIfAbsent(s.author.id, id -> new Credit(s.author, new ArrayList<>()))
                        .suggestions().add(s));
        return new ReleaseNotes(release, sections, new ArrayList<>(credits.values()));
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }
}
