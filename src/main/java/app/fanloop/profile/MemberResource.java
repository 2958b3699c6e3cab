package app.fanloop.profile;

import app.fanloop.beta.BetaPrograms;
import java.util.List;
import java.util.Set;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import app.fanloop.attachment.AttachmentService;
import app.fanloop.attachment.Avatars;
import app.fanloop.attachment.FileRefused;
import app.fanloop.board.Board;
import app.fanloop.board.BoardFollows;
import app.fanloop.device.DeviceForm;
import app.fanloop.device.DeviceModel;
import app.fanloop.device.Devices;
import app.fanloop.device.MemberDevice;
import app.fanloop.honour.HonourBoards;
import app.fanloop.member.DisplayName;
import app.fanloop.member.DisplayNames;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.notification.EmailMode;
import app.fanloop.notification.NotificationService;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ChannelFollowing;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Page;
import app.fanloop.web.PageMeta;
import app.fanloop.web.Pages;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** Profiles: a member's own (/me, with their picture, what they follow and their e-mail setting) and everyone's public one. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MemberResource {

    static final int RECENT = 20;
    static final int FOLLOWED_PER_PAGE = 20;

    /**
     * A profile. {@code honours} is null when the member keeps their honours private and someone else
     * looks: then only the name and level show.
     */
    public record Profile(Member member, List<Suggestion> suggestions, boolean own, Settings settings,
            HonourBoards.Card honours, List<BetaPrograms.Participation> betas) {
    }

    /** What only the member sees on /me: their picture's form, what they follow (to unfollow) and how they get e-mail. */
    public record Settings(Page<Suggestion> followed, List<Board> boards, Set<ReleaseChannel> channels,
            EmailMode emailMode, boolean saved, boolean privacySaved, AvatarForm avatar, Editing editing) {
        public List<EmailMode> modes() {
            return EmailMode.ALL;
        }

        public List<ReleaseChannel> allChannels() {
            return List.of(ReleaseChannel.values());
        }
    }

    /**
     * The name, bio and devices forms on /me as shown: the values (as typed after a failed post), each form's errors,
     * what was just saved, when the name may change again (null: now), the member's devices and the models offered.
     */
    public record Editing(String name, String bio, DeviceForm device, FieldErrors errors, String saved,
            java.time.Instant nextRename, int renameDays, List<MemberDevice> devices, List<DeviceModel> models) {

        public boolean saved(String what) {
            return what.equals(saved);
        }

        public int bioMax() {
            return Bios.MAX;
        }

        public int nameMax() {
            return DisplayName.MAX;
        }
    }

    /** The picture form on /me as shown: just saved, or the file refused with why, or sent without a file. */
    public record AvatarForm(boolean saved, AttachmentService.Refusal refused, boolean missing) {
        static final AvatarForm NONE = new AvatarForm(false, null, false);

        public boolean invalid() {
            return refused != null || missing;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(Profile profile, PageMeta meta);
    }

    private final Viewer viewer;
    private final BoardFollows boardFollows;
    private final ChannelFollowing releases;
    private final NotificationService notifications;
    private final HonourBoards honours;
    private final Avatars avatars;
    private final BetaPrograms betas;
    private final DisplayNames names;
    private final Bios bios;
    private final Devices devices;
    private final RequestLocale locale;
    private final MemberSearchTags searchTags;

    MemberResource(Viewer viewer, BoardFollows boardFollows, ChannelFollowing releases, NotificationService notifications,
            HonourBoards honours, Avatars avatars, BetaPrograms betas, DisplayNames names, Bios bios, Devices devices,
            RequestLocale locale, MemberSearchTags searchTags) {
        this.searchTags = searchTags;
        this.betas = betas;
        this.names = names;
        this.bios = bios;
        this.devices = devices;
        this.locale = locale;
        this.honours = honours;
        this.avatars = avatars;
        this.viewer = viewer;
        this.boardFollows = boardFollows;
        this.releases = releases;
        this.notifications = notifications;
    }

    @GET
    @Path("me")
    public TemplateInstance me(@RestQuery Integer fpage, @RestQuery String saved) {
        return me(fpage, saved, "avatar".equals(saved) ? new AvatarForm(true, null, false) : AvatarForm.NONE);
    }

    private TemplateInstance me(Integer fpage, String saved, AvatarForm avatar) {
        Member me = viewer.requireMember();
        Member stored = Member.<Member> findByIdOptional(me.id).orElseThrow(NotFoundException::new);
        return me(fpage, saved, avatar, editing(stored.name, stored.bio, DeviceForm.empty(), FieldErrors.none(), saved));
    }

    private Editing editing(String name, String bio, DeviceForm device, FieldErrors errors, String saved) {
        Member me = viewer.requireMember();
        return new Editing(name, bio == null ? "" : bio, device, errors, saved, names.nextOwnChange(me.id).orElse(null),
                names.renameDays(), devices.mine(), DeviceModel.offered());
    }

    /** Renames the member; a refused name shows /me again with why beside the field and the name as typed. */
    @POST
    @Path("me/name")
    public Response rename(@RestForm String name) {
        Member me = viewer.requireMember();
        try {
            names.rename(me.id, name);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(me(null, null, AvatarForm.NONE,
                    editing(name, storedBio(me), DeviceForm.empty(), locale.errors(invalid), null)));
        }
        return saved("name");
    }

    @POST
    @Path("me/bio")
    public Response bio(@RestForm String bio) {
        Member me = viewer.requireMember();
        try {
            bios.save(bio);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(me(null, null, AvatarForm.NONE,
                    editing(storedName(me), bio, DeviceForm.empty(), locale.errors(invalid), null)));
        }
        return saved("bio");
    }

    @POST
    @Path("me/devices")
    public Response addDevice(@BeanParam DeviceForm device) {
        Member me = viewer.requireMember();
        try {
            devices.add(device);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(me(null, null, AvatarForm.NONE,
                    editing(storedName(me), storedBio(me), device, locale.errors(invalid), null)));
        }
        return saved("devices");
    }

    @POST
    @Path("me/devices/{id}/remove")
    public Response removeDevice(@RestPath long id) {
        devices.remove(id);
        return saved("devices");
    }

    private static String storedName(Member me) {
        return Member.<Member> findByIdOptional(me.id).map(m -> m.name).orElse(me.name);
    }

    private static String storedBio(Member me) {
        return Member.<Member> findByIdOptional(me.id).map(m -> m.bio).orElse("");
    }

    private static Response saved(String what) {
        return Response.seeOther(UriBuilder.fromPath("/me").fragment(what).queryParam("saved", what).build()).build();
    }

    private TemplateInstance me(Integer fpage, String saved, AvatarForm avatar, Editing editing) {
        // The stored row, not the request's sign-in copy: the bio is only there.
        Member me = Member.<Member> findByIdOptional(viewer.requireMember().id).orElseThrow(NotFoundException::new);
        int page = Pages.clamp(fpage, 1000);
        // What the member sees of their own follows: as a member (no one's hidden posts), of the programs they read.
        Visibility own = Visibility.member(me.id, viewer.isStaff(), me.betaPrograms);
        Settings settings = new Settings(Page.of(followed(me, page, own), page, FOLLOWED_PER_PAGE),
                Board.readableAmong(boardFollows.followedBy(me.id), own), releases.followedChannels(me.id), notifications.emailMode(me.id),
                "email".equals(saved), "privacy".equals(saved), avatar, editing);
        // /me is personal: noindex (its public twin is /members/{id}).
        return Templates.profile(new Profile(me, suggestionsOf(me, viewer.visibility()), true, settings,
                honours.card(me, viewer.visibility(), true), betas.history(me.id, true)), PageMeta.noindex());
    }

    /** Takes a new picture (a multipart form); a refused file shows /me again with why, beside the field. */
    @POST
    @Path("me/avatar")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response avatar(@RestForm("avatar") FileUpload file) {
        viewer.requireVoice();
        if (file == null || (file.size() == 0 && (file.fileName() == null || file.fileName().isBlank()))) {
            return Forms.badRequest(me(null, null, new AvatarForm(false, null, true)));
        }
        try {
            avatars.change(file);
        } catch (FileRefused refused) {
            return Forms.badRequest(me(null, null, new AvatarForm(false,
                    new AttachmentService.Refusal(file.fileName(), refused.reason(), refused.value()), false)));
        }
        return savedAvatar();
    }

    /** Takes the picture away: the sign-in account's picture or the initials show again. */
    @POST
    @Path("me/avatar/remove")
    public Response removeAvatar() {
        avatars.remove();
        return savedAvatar();
    }

    private static Response savedAvatar() {
        return Response.seeOther(UriBuilder.fromPath("/me").fragment("avatar").queryParam("saved", "avatar").build())
                .build();
    }

    @GET
    @Path("members/{id}")
    public TemplateInstance show(@RestPath long id) {
        Member member = Member.<Member> findByIdOptional(id).orElseThrow(NotFoundException::new);
        boolean own = viewer.is(member);
        Visibility visibility = viewer.visibility();
        // The tags are what a visitor would see, whoever reads (the member themselves or an admin included).
        PageMeta meta = searchTags.of(member);
        if (isBare(member, visibility)) {
            return Templates.profile(new Profile(member, List.of(), false, null, null, List.of()), meta);
        }
        return Templates.profile(new Profile(member, suggestionsOf(member, visibility), own, null,
                honours.card(member, visibility, own), betas.history(member.id, own)), meta);
    }

    /** A member who keeps their honours private shows a bare profile (name only) to everyone but themselves and admins. */
    static boolean isBare(Member member, Visibility visibility) {
        return member.honoursPrivate && !visibility.seesPrivateOf(member.id);
    }

    /** The member's latest suggestions this viewer may see, newest first. */
    static List<Suggestion> suggestionsOf(Member member, Visibility visibility) {
        return Suggestion.<Suggestion> find("from Suggestion s join fetch s.board where s.author.id = ?1 and "
                + visibility.jpql("s") + " order by s.createdAt desc", member.id)
                .page(0, RECENT).list();
    }

    /** The suggestions the member follows, most recently followed first, one page plus one row. */
    @SuppressWarnings("unchecked")
    private static List<Suggestion> followed(Member member, int page, Visibility visibility) {
        return Suggestion.getEntityManager().createNativeQuery("""
                select s.* from suggestion s join suggestion_follow f on f.suggestion_id = s.id
                where f.member_id = :m and %s
                order by f.created_at desc, s.id desc offset :offset limit :limit""".formatted(visibility.sql("s")),
                Suggestion.class)
                .setParameter("m", member.id).setParameter("offset", (page - 1) * FOLLOWED_PER_PAGE)
                .setParameter("limit", FOLLOWED_PER_PAGE + 1).getResultList();
    }
}
