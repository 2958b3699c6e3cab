package app.fanloop.member;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.ForbiddenException;

/**
 * Who is looking at the page: a visitor or a member with their roles. A member's roles are the
 * token's roles plus the grants an admin made in the app.
 */
@RequestScoped
@Named("viewer")
public class Viewer {

    /**
     * Where the signed-in member, their sanction and the parts' values are kept for the rest of the request,
     * including template rendering on the IO thread.
     */
    static final String ATTRIBUTE = "fanloop.member";

    private final SecurityIdentity identity;
    private final MemberService members;
    private final RoutingContext request;

    Viewer(SecurityIdentity identity, MemberService members, RoutingContext request) {
        this.identity = identity;
        this.members = members;
        this.request = request;
    }

    /** While a copy of the page for all members is rendered: what the page asked about this member. */
    private Sharing sharing;

    /**
     * What a page rendered for sharing asked of the viewer: the members it compared them with (the authors
     * of hidden posts, of edit and report links…), and whether it asked who they are in any other way. A
     * copy is good for another member only if it asked nothing of this kind about them.
     */
    public static final class Sharing {
        private final Set<Long> consulted = new HashSet<>();
        private boolean personal;

        /** The members whose own copy would differ (they are compared with the viewer on this page). */
        public Set<Long> consulted() {
            return consulted;
        }

        /** The rendering used the member's identity directly, so it is theirs alone. */
        public boolean personal() {
            return personal;
        }
    }

    /** From now until {@link #endSharing()}, record what the rendering asks about this member. */
    public void beginSharing() {
        sharing = new Sharing();
    }

    public Sharing endSharing() {
        Sharing done = sharing;
        sharing = null;
        return done;
    }

    private void consulted(Long memberId) {
        if (sharing != null && memberId != null) {
            sharing.consulted.add(memberId);
            // Compared with themselves, the reader gets a page of their own (their edit links…).
            sharing.personal |= memberId.equals(resolved().map(m -> m.id).orElse(null));
        }
    }

    /**
     * The signed-in member; resolved once per request (see ViewerFilter), on a worker thread, with their sanction
     * and the parts in one statement. A plain object, not managed by Hibernate: changing it writes nothing, and a
     * service may use it as the member a row refers to.
     */
    public Optional<Member> member() {
        if (sharing != null) {
            sharing.personal = true;
        }
        return resolved();
    }

    private Optional<Member> resolved() {
        return signedIn().map(MemberService.SignedIn::member);
    }

    /** A feature's value about the signed-in member, read with the member (see {@link ViewerPart}). */
    public <T> Optional<T> part(ViewerPart<T> part) {
        return signedIn().map(s -> {
            if (!s.parts().containsKey(part)) {
                throw new IllegalArgumentException("not a ViewerPart bean: " + part);
            }
            @SuppressWarnings("unchecked")
            T value = (T) s.parts().get(part);
            return value;
        });
    }

    private Optional<MemberService.SignedIn> signedIn() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        MemberService.SignedIn signedIn = request.get(ATTRIBUTE);
        if (signedIn == null) {
            if (Context.isOnEventLoopThread()) {
                // Only an error page rendered before any resource ran gets here; it must not block.
                return Optional.empty();
            }
            signedIn = members.signIn(identity);
            request.put(ATTRIBUTE, signedIn);
        }
        return Optional.of(signedIn);
    }

    // ---------------------------------------------------------------- Permission words
    // Every service asks these, never the roles directly, so a sanction weighs the same on every role:
    // a ban takes every power away (a banned admin is a banned member), a silence takes the voice.

    /**
     * The signed-in member, or an exception that sends a visitor to the sign-in page. A banned member
     * may not act at all.
     */
    public Member requireMember() {
        Member member = member().orElseThrow(NotSignedInException::new);
        sanction().filter(ActiveSanction::isBan).ifPresent(ban -> {
            throw new Sanctioned(ban);
        });
        return member;
    }

    /** Like require(), for posting, commenting, voting and reporting, which a silence forbids too. */
    public Member requireVoice() {
        Member member = requireMember();
        sanction().ifPresent(silence -> {
            throw new Sanctioned(silence);
        });
        return member;
    }

    /** A product manager or admin in good standing: triage, statuses, feature items, release notes. */
    public Member requireStaff() {
        Member member = requireMember();
        if (!isStaff()) {
            throw new ForbiddenException();
        }
        return member;
    }

    /** An admin in good standing: moderation, members, boards, the audit log. */
    public Member requireAdmin() {
        Member member = requireMember();
        if (!isAdmin()) {
            throw new ForbiddenException();
        }
        return member;
    }

    /** The author of a post, or an admin; the post's own state (locked, merged…) is its service's business. */
    public Member requireAuthorOrAdmin(Long authorId) {
        Member member = requireMember();
        if (!isAdmin() && !member.id.equals(authorId)) {
            throw new ForbiddenException();
        }
        return member;
    }

    /**
     * May this viewer see a post with these facts? For templates; the same rule as {@link #visibility()}. A page
     * copy shared between members is shared only between readers of the same programs (web/PageCache).
     */
    public boolean maySee(boolean hidden, Long authorId, Long programId) {
        if (hidden) {
            consulted(authorId);
        }
        return visibility().maySee(hidden, authorId, programId);
    }

    /** May this viewer read the earlier versions of a post by this author, of this program? */
    public boolean mayReadHistory(Long authorId, Long programId) {
        consulted(authorId);
        return visibility().mayReadHistory(authorId, programId);
    }

    /** May this viewer read the private board of this program (null: no program) and its posts? */
    public boolean mayReadProgram(Long programId) {
        return visibility().mayReadProgram(programId);
    }

    /**
     * May this viewer fetch a private file of a post by this author (a bug report's log, which may hold personal
     * data)? Its author and staff only, and only while they may see the post itself ({@link #maySee}).
     */
    public boolean mayReadPrivateFile(boolean postHidden, Long postAuthorId, Long programId) {
        return maySee(postHidden, postAuthorId, programId) && (isStaff() || is(postAuthorId));
    }

    /** Which posts this viewer may see (see {@link Visibility}); staff read every program, testers theirs. */
    public Visibility visibility() {
        if (isAdmin()) {
            return Visibility.everything();
        }
        Optional<Member> member = resolved();
        if (member.isEmpty()) {
            return Visibility.publicOnly();
        }
        return Visibility.member(member.get().id, isStaff(), member.get().betaPrograms);
    }

    /** The ban or silence in force now, read with the member on every request so a new one applies at once on every node. */
    public Optional<ActiveSanction> sanction() {
        return signedIn().flatMap(MemberService.SignedIn::sanction);
    }

    /** For the layout's notice. */
    public ActiveSanction getSanctionNotice() {
        return sanction().orElse(null);
    }

    /** Whether the viewer is an integration's bot, signed in with an API key. */
    public boolean isBot() {
        return resolved().map(m -> m.bot).orElse(false);
    }

    /** What the viewer's credential may do on the API (see {@link Scope}): an API key's scopes, else every scope. */
    public java.util.Set<String> scopes() {
        return identity.isAnonymous() ? java.util.Set.of() : Scope.of(identity);
    }

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public Long id() {
        return member().map(m -> m.id).orElse(null);
    }

    public String name() {
        if (identity.isAnonymous()) {
            return null;
        }
        return member().map(m -> m.name).orElseGet(() -> MemberService.Profile.of(identity).name());
    }

    /** One letter for the avatar circle. */
    public String initials() {
        String name = name();
        return name == null || name.isBlank() ? "?" : new String(Character.toChars(Character.toUpperCase(name.strip().codePointAt(0))));
    }

    public boolean hasRole(String role) {
        if (identity.isAnonymous()) {
            return false;
        }
        if (identity.hasRole(role)) {
            return true;
        }
        return resolved().map(m -> Arrays.asList(m.localRoles).contains(role)).orElse(false);
    }

    /** An admin in good standing: a banned admin has no admin powers, hidden posts included. */
    public boolean isAdmin() {
        return hasRole(Role.ADMIN) && !isBanned();
    }

    /** Product managers and admins in good standing: the staff who triage and answer. */
    public boolean isStaff() {
        return (hasRole(Role.PM) || hasRole(Role.ADMIN)) && !isBanned();
    }

    private boolean isBanned() {
        return sanction().filter(ActiveSanction::isBan).isPresent();
    }

    /** Whether the viewer is the member with this id (and the page asked it, see {@link Sharing}). */
    public boolean is(Long memberId) {
        if (memberId == null) {
            return false;
        }
        consulted(memberId);
        return memberId.equals(resolved().map(m -> m.id).orElse(null));
    }

    public boolean is(Member other) {
        if (other == null || other.id == null) {
            return false;
        }
        consulted(other.id);
        return other.id.equals(resolved().map(m -> m.id).orElse(null));
    }
}
