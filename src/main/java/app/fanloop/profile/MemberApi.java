package app.fanloop.profile;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.device.MemberDevice;
import app.fanloop.member.Member;
import app.fanloop.member.Role;
import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.ApiDocs;
import app.fanloop.web.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** /api/v1/me (who the credential is) and /api/v1/members/{id} (a public profile, as the HTML profile shows it). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class MemberApi {

    /** Who the request's credential is. */
    @Schema(name = "Me")
    public record Me(@Schema(example = "42") long id, @Schema(example = "小米粉") String name,
            @Schema(example = "[\"pm\"]", description = "Roles beyond fan: pm, admin") List<String> roles,
            @Schema(description = "Whether this is an integration's bot (signed in with an API key)") boolean bot,
            @Schema(example = "[\"read\", \"write\"]", description = "What the credential may do: an API key's scopes; every scope for a member's own token") List<String> scopes,
            @Schema(example = "拍照爱好者", description = "The member's bio (plain text, at most 300 characters)") String bio,
            @Schema(description = "The member's own devices (only they see them)") List<Device> devices) {
    }

    /** One of the member's devices: a model and its system version. */
    @Schema(name = "Device")
    public record Device(@Schema(example = "3") long id, @Schema(example = "Xiaomi 15") String model,
            @Schema(example = "HyperOS 2.0.8") String systemVersion) {
    }

    /** A member's public profile; {@code bare} when they keep their honours private (then only the name). */
    @Schema(name = "MemberProfile")
    public record Profile(@Schema(example = "42") long id, @Schema(example = "小米粉") String name, boolean bot,
            @Schema(description = "The member keeps their profile private: only id and name are shown") boolean bare,
            @Schema(nullable = true, description = "Plain text; null on a bare profile") String bio,
            @Schema(nullable = true) Instant joinedAt, @Schema(nullable = true, example = "3") Integer level,
            @Schema(nullable = true, example = "120") Integer points,
            @Schema(description = "Latest suggestions the reader may see, newest first") List<SuggestionLink> suggestions) {
    }

    @Schema(name = "SuggestionLink")
    public record SuggestionLink(@Schema(example = "7") long id, @Schema(example = "锁屏显示农历") String title, Instant createdAt) {
    }

    private final Viewer viewer;

    MemberApi(Viewer viewer) {
        this.viewer = viewer;
    }

    @GET
    @Path("me")
    @Operation(summary = "Who am I", description = "The member (or an integration's bot) behind the bearer credential.")
    @SecurityRequirement(name = ApiDocs.BEARER)
    @SecurityRequirement(name = ApiDocs.API_KEY)
    @APIResponse(responseCode = "200", description = "The signed-in member", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Me.class), examples = @ExampleObject(name = "bot",
                    value = "{\"id\":42,\"name\":\"Tracker sync\",\"roles\":[\"pm\"],\"bot\":true,\"scopes\":[\"read\"],\"bio\":\"\",\"devices\":[]}")))
    @APIResponse(responseCode = "401", description = "No credential, or one that does not check out",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = "{\"type\":\"/problems/unauthorized\",\"title\":\"Authentication required\",\"status\":401,\"detail\":\"Send a bearer access token or an API key in the Authorization header.\"}")))
    public Me me() {
        Member me = viewer.requireMember();
        List<String> roles = List.of(Role.PM, Role.ADMIN).stream().filter(viewer::hasRole).toList();
        Set<String> scopes = viewer.scopes();
        String bio = Member.<Member> findByIdOptional(me.id).map(m -> m.bio).orElse("");
        List<Device> devices = MemberDevice.of(me.id).stream().map(d -> new Device(d.id, d.model, d.systemVersion)).toList();
        return new Me(me.id, me.name, roles, viewer.isBot(), app.fanloop.member.Scope.ALL.stream().filter(scopes::contains).toList(),
                bio, devices);
    }

    @GET
    @Path("members/{id}")
    @Operation(summary = "A member's public profile", description = "What the HTML profile shows: a member who keeps their honours private shows only their name. "
            + "A credential is optional (a visitor sees what visitors see).")
    @SecurityRequirement(name = ApiDocs.BEARER)
    @SecurityRequirement(name = ApiDocs.API_KEY)
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Profile.class), examples = @ExampleObject(name = "public",
                    value = "{\"id\":42,\"name\":\"小米粉\",\"bot\":false,\"bare\":false,\"bio\":\"拍照爱好者\",\"joinedAt\":\"2026-03-01T08:00:00Z\",\"level\":3,\"points\":120,\"suggestions\":[{\"id\":7,\"title\":\"锁屏显示农历\",\"createdAt\":\"2026-03-02T09:30:00Z\"}]}")))
    @APIResponse(responseCode = "404", description = "No such member", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "not found",
                    value = "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404}")))
    public Profile member(@RestPath long id) {
        Member member = Member.<Member> findByIdOptional(id).orElseThrow(NotFoundException::new);
        Visibility visibility = viewer.visibility();
        if (MemberResource.isBare(member, visibility)) {
            return new Profile(member.id, member.name, member.bot, true, null, null, null, null, List.of());
        }
        List<SuggestionLink> suggestions = MemberResource.suggestionsOf(member, visibility).stream()
                .map(s -> new SuggestionLink(s.id, s.title, s.createdAt)).toList();
        return new Profile(member.id, member.name, member.bot, false, member.bio, member.createdAt, member.level, member.points, suggestions);
    }
}
