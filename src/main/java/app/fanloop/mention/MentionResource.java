package app.fanloop.mention;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.limit.AbuseLimited;
import app.fanloop.member.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The @name autocomplete of post and comment forms: an htmx fragment of the names beginning with what is typed after
 * the last {@code @} of the text ({@code body}, the textarea's own value) or with {@code q}. Signed-in members only
 * (who else writes posts), in its own rate-limit bucket. Without JavaScript the text is plain and {@code @name} still
 * works.
 */
@Path("/mentions")
@Produces(MediaType.TEXT_HTML)
public class MentionResource {

    /** What is being typed as a name: an {@code @} at the end of the text, after a space or the start, and a beginning. */
    private static final Pattern TYPING = Pattern.compile("(?:^|[\\s(（，。,.:：;；!！?？])@([\\p{L}\\p{M}\\p{Nd}_.\\-]{1,40})$");

    /** The names offered, and what was typed (for the swap to replace). */
    public record Offer(String typed, List<String> names) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance offer(Offer offer);
    }

    private final Viewer viewer;
    private final Mentions mentions;

    MentionResource(Viewer viewer, Mentions mentions) {
        this.viewer = viewer;
        this.mentions = mentions;
    }

    @GET
    @AbuseLimited("mentions")
    public TemplateInstance offer(@RestQuery String q, @RestQuery String body) {
        viewer.requireMember();
        String typed = q != null && !q.isBlank() ? q.strip() : typedIn(body);
        if (typed == null || typed.isEmpty() || typed.length() > 40) {
            return Templates.offer(new Offer("", List.of()));
        }
        return Templates.offer(new Offer(typed, mentions.namesStartingWith(typed)));
    }

    /** The beginning of a name typed at the end of the text, or null. */
    static String typedIn(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        String tail = body.length() > 200 ? body.substring(body.length() - 200) : body;
        Matcher m = TYPING.matcher(tail);
        return m.find() ? m.group(1) : null;
    }
}
