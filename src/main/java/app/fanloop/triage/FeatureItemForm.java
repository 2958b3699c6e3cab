package app.fanloop.triage;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A feature item as a PM types it; {@code ids} are the suggestions to link when creating. */
public record FeatureItemForm(
        @RestForm @NotBlank @Size(max = 160) String title,
        @RestForm @Size(max = 20000) String description,
        @RestForm @Min(0) @Max(3) int priority,
        @RestForm Long ownerId,
        @RestForm @Size(max = 60) String targetRelease,
        @RestForm("ids") List<Long> ids) {

    public static FeatureItemForm of(FeatureItem item) {
        return new FeatureItemForm(item.title, item.description, item.priority,
                item.owner == null ? null : item.owner.id, item.targetRelease, List.of());
    }

    public List<Long> suggestionIds() {
        return ids == null ? List.of() : ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }
}
