package app.fanloop.member;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.fanloop.web.SiteClock;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class MemberService {

    /** How often last_seen_at is refreshed; writing it on every request would be wasteful. */
    private static final Duration SEEN_RESOLUTION = Duration.ofMinutes(10);

    private final EntityManager em;
    private final SiteClock clock;

    MemberService(EntityManager em, SiteClock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * The member behind a signed-in identity, created on first sign-in and kept in step with
     * the token's name, e-mail and picture.
     */
    @Transactional
    public Member signIn(SecurityIdentity identity) {
        Profile profile = Profile.of(identity);
        String[] roles = identity.getRoles().stream().filter(r -> r.equals(Role.PM) || r.equals(Role.ADMIN)).sorted()
                .toArray(String[]::new);
        Member member = Member.findBySubject(profile.subject()).orElse(null);
        if (member == null) {
            // Two first requests may race; the unique subject lets only one insert through.
            em.createNativeQuery("""
                    insert into member (subject, name, email, picture, token_roles)
                    values (:subject, :name, :email, :picture, cast(:roles as varchar(20)[]))
                    on conflict (subject) do nothing""")
                    .setParameter("roles", "{" + String.join(",", roles) + "}")
                    .setParameter("subject", profile.subject())
                    .setParameter("name", profile.name())
                    .setParameter("email", profile.email())
                    .setParameter("picture", profile.picture())
                    .executeUpdate();
            return Member.findBySubject(profile.subject()).orElseThrow();
        }
        Instant now = clock.now();
        if (!Objects.equals(member.name, profile.name()) || !Objects.equals(member.email, profile.email())
                || !Objects.equals(member.picture, profile.picture())
                || !java.util.Arrays.equals(member.tokenRoles, roles)
                || member.lastSeenAt.isBefore(now.minus(SEEN_RESOLUTION))) {
            member.name = profile.name();
            member.email = profile.email();
            member.picture = profile.picture();
            member.tokenRoles = roles;
            member.lastSeenAt = now;
        }
        return member;
    }

    /** The ban (first) or silence in force on a member at the site's current time. */
    public Optional<ActiveSanction> activeSanction(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select kind, reason, ends_at from sanction
                where member_id = :m and lifted_at is null and starts_at <= :now and (ends_at is null or ends_at > :now)
                order by case kind when 'BAN' then 0 else 1 end, ends_at desc nulls first limit 1""")
                .setParameter("m", memberId).setParameter("now", clock.now()).getResultList();
        return rows.stream().findFirst().map(r -> new ActiveSanction((String) r[0], (String) r[1],
                r[2] == null ? null : r[2] instanceof Instant i ? i : ((java.sql.Timestamp) r[2]).toInstant()));
    }

    /** What the token tells about a member. */
    record Profile(String subject, String name, String email, String picture) {

        static Profile of(SecurityIdentity identity) {
            String principal = identity.getPrincipal().getName();
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                String subject = firstNonBlank(jwt.getSubject(), principal);
                String email = jwt.getClaim("email");
                String name = firstNonBlank(jwt.getClaim("name"), jwt.getClaim("preferred_username"), principal);
                return new Profile(subject, limit(name, 100), limit(email, 255), limit(jwt.getClaim("picture"), 1000));
            }
            return new Profile(principal, limit(principal, 100), null, null);
        }

        private static String firstNonBlank(Object... values) {
            for (Object value : values) {
                if (value != null && !value.toString().isBlank()) {
                    return value.toString();
                }
            }
            return "?";
        }

        private static String limit(Object value, int max) {
            if (value == null) {
                return null;
            }
            String text = value.toString();
            return text.length() > max ? text.substring(0, max) : text;
        }
    }
}
