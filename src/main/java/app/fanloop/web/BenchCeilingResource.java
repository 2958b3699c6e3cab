package app.fanloop.web;

import app.fanloop.member.Viewer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The benchmark's ceilings: a trivial Qute page through the same filters and headers as every page, without the
 * database, and its signed-in twin (the viewer's name and bell), which costs exactly what being signed in costs.
 * Only in builds made with -Dfanloop.bench.ceiling=true (bench/run.sh); a normal build has no such routes.
 */
@Path("/bench/ceiling")
@Produces(MediaType.TEXT_HTML)
@IfBuildProperty(name = "fanloop.bench.ceiling", stringValue = "true")
public class BenchCeilingResource {

    private final Viewer viewer;

    BenchCeilingResource(Viewer viewer) {
        this.viewer = viewer;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ceiling(String greeting);

        static native TemplateInstance member(String greeting);
    }

    @GET
    public TemplateInstance ceiling() {
        return Templates.ceiling("Fanloop");
    }

    /** The signed-in ceiling: token check, the member, their sanction and the bell, and a tiny page. */
    @GET
    @Path("member")
    public TemplateInstance member() {
        viewer.requireMember();
        return Templates.member("Fanloop");
    }
}
