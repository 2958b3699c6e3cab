package app.fanloop.poll;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The JSON API of a suggestion's poll: read it, cast or change one's ballot, withdraw it. The page's rules apply. */
@Path("/api/v1/suggestions/{id}/poll")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Polls", description = "Polls on suggestions and one's ballot")
public class PollApi {

    private final PollService polls;

    PollApi(PollService polls) {
        this.polls = polls;
    }

    @GET
    @Operation(summary = "A suggestion's poll", description = "As the caller may see it; also part of the suggestion.")
    @APIResponse(responseCode = "200", description = "The poll")
    @APIResponse(responseCode = "404", description = "No such suggestion, one the caller may not see, or no poll")
    public PollJson show(@RestPath long id) {
        return PollJson.of(polls.view(id));
    }

    @PUT
    @Path("ballot")
    @Operation(summary = "Cast or change one's ballot", description = "Replaces the caller's earlier ballot; "
            + "counts against the vote rate limit.")
    @APIResponse(responseCode = "200", description = "The poll after the ballot")
    @APIResponse(responseCode = "409", description = "The poll is closed, or the suggestion locked, merged or archived")
    @APIResponse(responseCode = "422", description = "No option, an option of another poll, or several on a single-choice poll")
    public PollJson ballot(@RestPath long id, PollJson.BallotInput input) {
        polls.ballot(id, input == null ? null : input.options());
        return PollJson.of(polls.view(id));
    }

    @DELETE
    @Path("ballot")
    @Operation(summary = "Withdraw one's ballot", description = "Idempotent, while the poll is open.")
    @APIResponse(responseCode = "200", description = "The poll after the withdrawal")
    @APIResponse(responseCode = "409", description = "The poll is closed, or the suggestion locked, merged or archived")
    public PollJson withdraw(@RestPath long id) {
        polls.withdraw(id);
        return PollJson.of(polls.view(id));
    }
}
