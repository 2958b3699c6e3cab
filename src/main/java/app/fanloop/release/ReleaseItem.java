package app.fanloop.release;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import app.fanloop.triage.FeatureItem;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** One line of release notes, in a section; it may ship a feature item and name suggestions directly. */
@Entity
public class ReleaseItem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Release release;

    @Enumerated(EnumType.STRING)
    public ReleaseSection section;

    public int position;

    /** Markdown as written, and its sanitised HTML. */
    public String text;
    public String textHtml;

    @ManyToOne(fetch = FetchType.LAZY)
    public FeatureItem featureItem;

    /** Suggestions this line ships directly (besides those behind its feature item). */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "release_item_suggestion", joinColumns = @JoinColumn(name = "item_id"))
    @Column(name = "suggestion_id")
    public Set<Long> suggestionIds = new LinkedHashSet<>();

    public String editPath() {
        return release.editPath() + "/items/" + id;
    }

    public String deletePath() {
        return editPath() + "/delete";
    }

    /** A release's items in section order (New, Improved, Fixed), with their feature items and direct suggestions. */
    public static List<ReleaseItem> of(long releaseId) {
        List<ReleaseItem> items = list("""
                from ReleaseItem i left join fetch i.featureItem left join fetch i.suggestionIds
                where i.release.id = ?1""", releaseId);
        return items.stream().distinct().sorted(java.util.Comparator.comparing((ReleaseItem i) -> i.section.ordinal())
                .thenComparingInt(i -> i.position).thenComparing(i -> i.id)).toList();
    }
}
