package app.fanloop.search;

import app.fanloop.member.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The search index for admins: the catch-up run in progress or the last one — how far, how fast, how long still. */
@Path("/admin/search")
@Produces(MediaType.TEXT_HTML)
public class SearchIndexResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(ReindexStatus run);
    }

    private final Viewer viewer;
    private final SearchReindex reindex;

    SearchIndexResource(Viewer viewer, SearchReindex reindex) {
        this.viewer = viewer;
        this.reindex = reindex;
    }

    @GET
    public TemplateInstance status() {
        viewer.requireAdmin();
        return Templates.status(reindex.status().orElse(null));
    }
}
