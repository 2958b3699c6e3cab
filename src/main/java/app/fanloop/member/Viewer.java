package app.fanloop.member;

import java.util.Arrays;
import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * Who is looking at the page: a visitor or a member with their roles. A member's roles are the
 * token's roles plus the grants an admin made in the app.
 */
@RequestScoped
@Named("viewer")
public class Viewer {

    private final SecurityIdentity identity;
    private final MemberService members;
    private Member member;
    private boolean resolved;

    Viewer(SecurityIdentity identity, MemberService members) {
        this.identity = identity;
        this.members = members;
    }

    public Optional<Member> member() {
        if (!resolved) {
            resolved = true;
            member = identity.isAnonymous() ? null : members.signIn(identity);
        }
        return Optional.ofNullable(member);
    }

    /** The signed-in member, or an exception that sends a visitor to the sign-in page. */
    public Member require() {
        return member().orElseThrow(NotSignedInException::new);
    }

    public boolean isSignedIn() {
        return member().isPresent();
    }

    public Long id() {
        return member().map(m -> m.id).orElse(null);
    }

    public String name() {
        return member().map(m -> m.name).orElse(null);
    }

    public boolean hasRole(String role) {
        if (identity.isAnonymous()) {
            return false;
        }
        if (identity.hasRole(role)) {
            return true;
        }
        return member().map(m -> Arrays.asList(m.localRoles).contains(role)).orElse(false);
    }

    public boolean isAdmin() {
        return hasRole(Role.ADMIN);
    }

    /** Product managers and admins: the staff who triage and answer. */
    public boolean isStaff() {
        return hasRole(Role.PM) || isAdmin();
    }

    public boolean is(Member other) {
        return other != null && other.id != null && other.id.equals(id());
    }
}
