package app.fanloop.web;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The benchmark's ceiling: a trivial Qute page through the same filters and headers as every page,
 * without the database. Only in builds made with -Dfanloop.bench.ceiling=true (bench/run.sh);
 * a normal build has no such route.
 */
@Path("/bench/ceiling")
@Produces(MediaType.TEXT_HTML)
@IfBuildProperty(name = "fanloop.bench.ceiling", stringValue = "true")
public class BenchCeilingResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ceiling(String greeting);
    }

    @GET
    public TemplateInstance ceiling() {
        return Templates.ceiling("Fanloop");
    }
}
