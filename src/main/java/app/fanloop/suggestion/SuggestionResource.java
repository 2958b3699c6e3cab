package app.fanloop.suggestion;

import java.net.URI;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.attachment.AttachmentForm;
import app.fanloop.attachment.AttachmentService;
import app.fanloop.board.Board;
import app.fanloop.device.Devices;
import app.fanloop.device.MemberDevice;
import app.fanloop.member.Viewer;
import app.fanloop.poll.PollEditor;
import app.fanloop.poll.PollForm;
import app.fanloop.poll.PollEditing;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.PersonalRendering;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.SafeRedirect;
import app.fanloop.web.VisitorCached;
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

/** The suggestion pages and every action on them; each works as a plain form and, with htmx, swaps a fragment. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SuggestionResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(SuggestionPage page);

        static native TemplateInstance show$comments(SuggestionPage page);

        static native TemplateInstance form(Board board, Suggestion suggestion, String action, SuggestionForm form,
                FieldErrors errors, List<Frequency> frequencies, AttachmentService.Upload upload, PollEditor poll,
                List<MemberDevice> devices);

        static native TemplateInstance vote(VotingService.VoteState state);

        static native TemplateInstance follow(Suggestion suggestion, int followers);

        static native TemplateInstance revisions(Suggestion suggestion, Comment comment, List<Revision> revisions);

        static native TemplateInstance commentForm(Comment comment, String body, FieldErrors errors,
                AttachmentService.Upload upload);
    }

    private static final List<Frequency> FREQUENCIES = List.of(Frequency.values());

    private final PostingService posting;
    private final VotingService voting;
    private final FollowingService following;
    private final CommentingService commenting;
    private final StatusService statuses;
    private final VoteHistory votes;
    private final Viewer viewer;
    private final PersonalRendering personal;
    private final RequestLocale locale;
    private final AttachmentService attachments;
    private final PollEditing polls;
    private final Devices devices;

    SuggestionResource(PostingService posting, VotingService voting, FollowingService following,
            CommentingService commenting, StatusService statuses, VoteHistory votes, Viewer viewer,
            RequestLocale locale, PersonalRendering personal, AttachmentService attachments, PollEditing polls,
            Devices devices) {
        this.devices = devices;
        this.polls = polls;
        this.attachments = attachments;
        this.personal = personal;
        this.posting = posting;
        this.voting = voting;
        this.following = following;
        this.commenting = commenting;
        this.statuses = statuses;
        this.votes = votes;
        this.viewer = viewer;
        this.locale = locale;
    }

    @VisitorCached
    @GET
    @Path("suggestions/{id}")
    public TemplateInstance show(@RestPath long id, @RestQuery Integer cpage) {
        return Templates.show(page(id, cpage, SuggestionPage.CommentDraft.empty(), SuggestionPage.StatusDraft.empty()));
    }

    @GET
    @Path("boards/{slug}/new")
    public TemplateInstance newForm(@RestPath String slug, @RestQuery String kind) {
        viewer.requireMember();
        Board board = Board.findBySlug(slug, viewer.visibility()).filter(b -> !b.archived).orElseThrow(NotFoundException::new);
        SuggestionKind wanted = SuggestionKind.parse(kind);
        if (wanted == null || !wanted.acceptedOn(board)) {
            wanted = board.acceptsSuggestions ? SuggestionKind.SUGGESTION : SuggestionKind.BUG;
        }
        return Templates.form(board, null, board.newSuggestionPath(), SuggestionForm.empty(wanted), FieldErrors.none(),
                FREQUENCIES, attachments.blank(AttachmentService.Post.newSuggestion(board.acceptsBugs)), polls.again(null, null), devices.mine());
    }

    @POST
    @Path("boards/{slug}/suggestions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestPath String slug, @BeanParam SuggestionForm form, @BeanParam PollForm poll,
            @RestForm String myDevice) {
        return create(slug, form, AttachmentForm.none(), poll, myDevice);
    }

    /** The form with files: they are staged first, so a refused post or file keeps every file that was taken. */
    @POST
    @Path("boards/{slug}/suggestions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response create(@RestPath String slug, @BeanParam SuggestionForm typed, @BeanParam AttachmentForm files,
            @BeanParam PollForm poll, @RestForm String myDevice) {
        SuggestionForm form = withMyDevice(typed, myDevice);
        Board board = Board.findBySlug(slug, viewer.visibility()).orElseThrow(NotFoundException::new);
        AttachmentService.Post target = AttachmentService.Post.newSuggestion(form.isBug());
        AttachmentService.Upload upload = attachments.receive(files, target);
        if (upload.refusedAny()) {
            return Forms.badRequest(Templates.form(board, null, board.newSuggestionPath(), form, FieldErrors.none(),
                    FREQUENCIES, upload, polls.again(null, poll), devices.mine()));
        }
        try {
            return seeOther(posting.create(slug, form, upload.form(), poll));
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.form(board, null, board.newSuggestionPath(), form,
                    locale.errors(invalid), FREQUENCIES, attachments.again(upload, target), polls.again(null, poll), devices.mine()));
        }
    }

    @GET
    @Path("suggestions/{id}/edit")
    public TemplateInstance editForm(@RestPath long id) {
        Suggestion s = posting.editable(id);
        return Templates.form(s.board, s, s.editPath(), SuggestionForm.of(s), FieldErrors.none(), FREQUENCIES,
                attachments.blank(filesOf(s)), polls.editor(s.id), devices.mine());
    }

    @POST
    @Path("suggestions/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@RestPath long id, @BeanParam SuggestionForm form, @BeanParam PollForm poll,
            @RestForm String myDevice) {
        return edit(id, form, AttachmentForm.none(), poll, myDevice);
    }

    @POST
    @Path("suggestions/{id}/edit")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response edit(@RestPath long id, @BeanParam SuggestionForm typed, @BeanParam AttachmentForm files,
            @BeanParam PollForm poll, @RestForm String myDevice) {
        SuggestionForm form = withMyDevice(typed, myDevice);
        Suggestion target = posting.editable(id);
        AttachmentService.Post post = filesOf(target);
        AttachmentService.Upload upload = attachments.receive(files, post);
        if (upload.refusedAny()) {
            return Forms.badRequest(Templates.form(target.board, target, target.editPath(), form, FieldErrors.none(),
                    FREQUENCIES, upload, polls.again(id, poll), devices.mine()));
        }
        try {
            return seeOther(posting.edit(id, form, upload.form(), poll));
        } catch (FormInvalid invalid) {
            Suggestion s = posting.visible(id);
            return Forms.badRequest(Templates.form(s.board, s, s.editPath(), form, locale.errors(invalid),
                    FREQUENCIES, attachments.again(upload, post), polls.again(id, poll), devices.mine()));
        }
    }

    /**
     * A bug report's device from "my devices" (the select of the form, which works without JavaScript): the chosen
     * device's model and system version fill the fields left empty; a device that is not the viewer's is ignored.
     */
    private SuggestionForm withMyDevice(SuggestionForm form, String myDevice) {
        return devices.mine(myDevice).map(d -> form.withDevice(d.model, d.systemVersion)).orElse(form);
    }

    private static AttachmentService.Post filesOf(Suggestion s) {
        return AttachmentService.Post.suggestion(s.id, s.kind == SuggestionKind.BUG);
    }

    @GET
    @Path("suggestions/{id}/revisions")
    public TemplateInstance revisions(@RestPath long id) {
        Suggestion s = posting.withHistory(id);
        return Templates.revisions(s, null, Revision.ofSuggestion(s.id));
    }

    @POST
    @Path("suggestions/{id}/vote")
    public Response vote(@RestPath long id, @RestForm Boolean on, @RestForm String to,
            @RestHeader("HX-Request") String htmx) {
        VotingService.VoteState state = voting.vote(id, on);
        if (htmx != null) {
            personal.know("voted", id, state.voted());
            return Response.ok(Templates.vote(state)).build();
        }
        return backTo(to, id);
    }

    @POST
    @Path("suggestions/{id}/follow")
    public Response follow(@RestPath long id, @RestForm Boolean on, @RestForm String to,
            @RestHeader("HX-Request") String htmx) {
        FollowingService.FollowState state = following.follow(id, on);
        if (htmx != null) {
            personal.know("following", id, state.following());
            return Response.ok(Templates.follow(Suggestion.findById(id), state.followers())).build();
        }
        return backTo(to, id);
    }

    @POST
    @Path("suggestions/{id}/comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response comment(@RestPath long id, @BeanParam CommentForm form, @RestForm String back,
            @RestHeader("HX-Request") String htmx) {
        return comment(id, form, AttachmentForm.none(), back, htmx);
    }

    @POST
    @Path("suggestions/{id}/comments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response comment(@RestPath long id, @BeanParam CommentForm form, @BeanParam AttachmentForm files,
            @RestForm String back, @RestHeader("HX-Request") String htmx) {
        AttachmentService.Upload upload = attachments.receive(files, AttachmentService.Post.newComment());
        try {
            if (upload.refusedAny()) {
                throw new FormInvalid("file", "file_refused");
            }
            Comment c = commenting.comment(id, form, upload.form());
            if (back != null && !back.isBlank()) {
                // Answered from elsewhere (the triage console): go back there.
                return Response.seeOther(URI.create(SafeRedirect.localPath(back))).build();
            }
            if (htmx != null) {
                SuggestionPage page = page(id, lastPage(id), SuggestionPage.CommentDraft.empty(),
                        SuggestionPage.StatusDraft.empty());
                return Response.ok(Templates.show$comments(page)).build();
            }
            return Response.seeOther(UriBuilder.fromPath("/suggestions/{id}").fragment("comment-" + c.id).build(id))
                    .build();
        } catch (FormInvalid invalid) {
            var draft = new SuggestionPage.CommentDraft(form.body(), form.parentId(), form.official(),
                    locale.errors(invalid), attachments.again(upload, AttachmentService.Post.newComment()));
            SuggestionPage page = page(id, 1, draft, SuggestionPage.StatusDraft.empty());
            return Forms.badRequest(htmx != null ? Templates.show$comments(page) : Templates.show(page));
        }
    }

    @POST
    @Path("suggestions/{id}/status")
    public Response status(@RestPath long id, @BeanParam StatusForm form) {
        try {
            statuses.changeStatus(id, form);
            return Response.seeOther(UriBuilder.fromPath("/suggestions/{id}").fragment("timeline").build(id)).build();
        } catch (FormInvalid invalid) {
            var draft = new SuggestionPage.StatusDraft(form.status(), form.note(),
                    locale.errors(invalid));
            return Forms.badRequest(Templates.show(page(id, 1, SuggestionPage.CommentDraft.empty(), draft)));
        }
    }

    @GET
    @Path("comments/{id}/edit")
    public TemplateInstance editCommentForm(@RestPath long id) {
        Comment c = commenting.editableComment(id);
        return Templates.commentForm(c, c.body, FieldErrors.none(), attachments.blank(AttachmentService.Post.comment(c.id)));
    }

    @POST
    @Path("comments/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editComment(@RestPath long id, @RestForm String body) {
        return editComment(id, body, AttachmentForm.none());
    }

    @POST
    @Path("comments/{id}/edit")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response editComment(@RestPath long id, @RestForm String body, @BeanParam AttachmentForm files) {
        Comment target = commenting.editableComment(id);
        AttachmentService.Post post = AttachmentService.Post.comment(target.id);
        AttachmentService.Upload upload = attachments.receive(files, post);
        try {
            if (upload.refusedAny()) {
                throw new FormInvalid("file", "file_refused");
            }
            Comment c = commenting.editComment(id, body, upload.form());
            return Response.seeOther(UriBuilder.fromPath("/suggestions/{sid}").fragment("comment-" + c.id)
                    .build(c.suggestion.id)).build();
        } catch (FormInvalid invalid) {
            Comment c = commenting.visibleComment(id);
            return Forms.badRequest(Templates.commentForm(c, body, locale.errors(invalid), attachments.again(upload, post)));
        }
    }

    @GET
    @Path("comments/{id}/revisions")
    public TemplateInstance commentRevisions(@RestPath long id) {
        Comment c = commenting.commentWithHistory(id);
        return Templates.revisions(c.suggestion, c, Revision.ofComment(c.id));
    }

    private SuggestionPage page(long id, Integer threadPage, SuggestionPage.CommentDraft draft,
            SuggestionPage.StatusDraft statusDraft) {
        return SuggestionPage.load(posting, votes, viewer, id, threadPage == null ? 1 : threadPage, draft,
                statusDraft);
    }

    /** After a new comment, htmx shows the page of threads that holds it (new threads go last). */
    private int lastPage(long id) {
        long threads = Comment.count("suggestion.id = ?1 and parent is null", id);
        return (int) Math.max(1, (threads + SuggestionPage.THREADS_PER_PAGE - 1) / SuggestionPage.THREADS_PER_PAGE);
    }

    private static Response seeOther(Suggestion s) {
        return Response.seeOther(UriBuilder.fromPath("/suggestions/{id}").build(s.id)).build();
    }

    private static Response backTo(String to, long id) {
        URI target = to == null ? UriBuilder.fromPath("/suggestions/{id}").build(id) : URI.create(SafeRedirect.localPath(to));
        return Response.seeOther(target).build();
    }
}
