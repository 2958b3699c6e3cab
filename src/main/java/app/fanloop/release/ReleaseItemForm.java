package app.fanloop.release;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One line of notes: its section, its Markdown text, the feature item it ships (optional) and the
 * suggestions it ships directly, typed as numbers such as "12, #34".
 */
public record ReleaseItemForm(
        @RestForm @NotBlank String section,
        @RestForm @NotBlank @Size(max = 2000) String text,
        @RestForm Long featureItemId,
        @RestForm @Size(max = 500) @Pattern(regexp = "[#0-9,，、\\s]*") String suggestions) {

    public static ReleaseItemForm empty() {
        return new ReleaseItemForm(ReleaseSection.NEW.name(), "", null, "");
    }

    public static ReleaseItemForm of(ReleaseItem item) {
        List<String> ids = new ArrayList<>();
        item.suggestionIds.stream().sorted().forEach(id -> ids.add("#" + id));
        return new ReleaseItemForm(item.section.name(), item.text, item.featureItem == null ? null : item.featureItem.id,
                String.join(", ", ids));
    }

    /** The suggestion numbers typed, in order, without repeats. */
    public Set<Long> suggestionIds() {
        Set<Long> ids = new LinkedHashSet<>();
        if (suggestions != null) {
            for (String part : suggestions.split("[^0-9]+")) {
                if (!part.isEmpty() && part.length() < 18) {
                    ids.add(Long.parseLong(part));
                }
            }
        }
        return ids;
    }
}
