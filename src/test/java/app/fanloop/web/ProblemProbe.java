package app.fanloop.web;

import java.sql.SQLTransientConnectionException;

import org.jboss.resteasy.reactive.RestQuery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only routes under /api that fail the ways the API's routes may (a conflict, a rate limit, an outage, a bug,
 * a JSON body that breaks its constraints), so ApiProblemsTest sees each answer without staging the cause.
 */
@Path("/api/test-probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemProbe {

    public record Draft(@NotBlank @Size(max = 10) String title, @Max(5) Integer stars) {
    }

    @GET
    @Path("conflict")
    public String conflict() {
        throw new Conflict();
    }

    @GET
    @Path("busy")
    public String busy() {
        throw new TooManyRequests("probe", 7);
    }

    @GET
    @Path("outage")
    public String outage() {
        throw new IllegalStateException("probe", new SQLTransientConnectionException("probe: acquisition timeout"));
    }

    @GET
    @Path("bug")
    public String bug() {
        throw new IllegalStateException("a bug with internals: at app.fanloop.Secret.java:42");
    }

    @GET
    @Path("limited")
    public String limited(@RestQuery Integer limit, @RestQuery String cursor) {
        Cursor.parse(cursor, 1);
        return "\"" + Cursor.limit(limit, 20, 100) + "\"";
    }

    @POST
    @Path("drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Draft draft(@Valid Draft draft) {
        return draft;
    }

    @POST
    @Path("checked")
    @Consumes(MediaType.APPLICATION_JSON)
    public Draft checked(Draft draft) {
        // A service's own check, as the pages' services make them.
        throw new FormInvalid("title", FieldErrors.TAKEN);
    }
}
