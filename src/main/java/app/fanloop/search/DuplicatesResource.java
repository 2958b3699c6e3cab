package app.fanloop.search;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Staff's "possible duplicates" of a suggestion, with a merge button each (the merge itself is triage's). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DuplicatesResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance duplicates(Duplicates.Candidates candidates);

        static native TemplateInstance duplicates$list(Duplicates.Candidates candidates);
    }

    private final Duplicates duplicates;

    DuplicatesResource(Duplicates duplicates) {
        this.duplicates = duplicates;
    }

    /** Merge candidates: a page of its own, or the list alone for htmx (the console's and the suggestion page's "possible duplicates"). */
    @GET
    @Path("suggestions/{id}/duplicates")
    public TemplateInstance duplicates(@RestPath long id, @RestHeader("HX-Request") String htmx) {
        Duplicates.Candidates candidates = duplicates.candidates(id);
        return htmx != null ? Templates.duplicates$list(candidates) : Templates.duplicates(candidates);
    }
}
