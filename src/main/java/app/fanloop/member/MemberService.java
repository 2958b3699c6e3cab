package app.fanloop.member;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.fanloop.web.SiteClock;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Who a signed-in identity is, once per request: the member row, the sanction in force and the features' values
 * about them ({@link ViewerPart}, the bell among them), read in one statement without a transaction; a write only
 * when the member is new or something the token says changed.
 */
@ApplicationScoped
public class MemberService {

    /** How often last_seen_at is refreshed; writing it on every request would be wasteful. */
    private static final Duration SEEN_RESOLUTION = Duration.ofMinutes(10);

    /** The member's own columns, in the order {@link #read} takes them; then the sanction's three, then the parts'. */
    private static final String MEMBER_COLUMNS = """
            m.id, m.subject, m.name, m.email, m.picture, array_to_string(m.local_roles, ','),
            array_to_string(m.token_roles, ','), m.created_at, m.last_seen_at, m.points, m.level, m.honours_private,
            m.bot, m.avatar_id, array_to_string(m.beta_programs, ','), m.name_chosen, s.kind, s.reason, s.ends_at""";
    private static final int PARTS_FROM = 19;
    /** Names tried for a new member: the token's, then numbered ones, the last ones with a random number. */
    private static final int NAME_ATTEMPTS = 10;

    private final EntityManager em;
    private final SiteClock clock;
    private final List<ViewerPart<?>> parts;
    /** The statement of every signed-in request, made once from the member's columns and the parts'. */
    private final String lookup;

    MemberService(EntityManager em, SiteClock clock, @All List<ViewerPart<?>> parts) {
        this.em = em;
        this.clock = clock;
        this.parts = List.copyOf(parts);
        StringBuilder sql = new StringBuilder("select ").append(MEMBER_COLUMNS);
        this.parts.forEach(part -> part.columns().forEach(column -> sql.append(",\n       ").append(column)));
        this.lookup = sql.append("\nfrom member m left join lateral (").append(ActiveSanction.inForceSql("m.id"))
                .append(") s on true\nwhere m.subject = :subject").toString();
    }

    /**
     * The member behind a signed-in identity with their sanction and the parts' values: one read-only statement.
     * The member is created on first sign-in (named as the token names them, with a number after a name someone has)
     * and then kept in step with the token's e-mail, picture and roles, and its name until they choose one;
     * last_seen_at is refreshed every {@link #SEEN_RESOLUTION}. Nothing is written when nothing changed.
     */
    SignedIn signIn(SecurityIdentity identity) {
        if (Scope.isApiKey(identity)) {
            return bot(identity);
        }
        Profile profile = Profile.of(identity);
        String[] roles = identity.getRoles().stream().filter(r -> r.equals(Role.PM) || r.equals(Role.ADMIN)).sorted()
                .toArray(String[]::new);
        Instant now = clock.now();
        Object[] row = lookup(profile.subject(), now);
        if (row == null) {
            row = create(profile, roles, now);
        }
        SignedIn signedIn = read(row);
        Member member = signedIn.member();
        if (member.bot) {
            // Only its API key speaks for a bot: a provider's token that names a bot's subject is refused.
            throw new io.quarkus.security.ForbiddenException("a bot never signs in with a token of the provider");
        }
        // The token's name is the default: it follows the token until the member (or an admin) chooses a name, which
        // the token never overwrites (DisplayNames); nor does it take a name someone else has.
        boolean followName = !member.nameChosen && !Objects.equals(member.name, profile.name())
                && !nameTaken(profile.name(), member.id);
        if (followName || !Objects.equals(member.email, profile.email())
                || !Objects.equals(member.picture, profile.picture()) || !Arrays.equals(member.tokenRoles, roles)
                || member.lastSeenAt.isBefore(now.minus(SEEN_RESOLUTION))) {
            String name = followName ? profile.name() : member.name;
            QuarkusTransaction.joiningExisting().run(() -> update(member.id, name, profile, roles, now));
            member.name = name;
            member.email = profile.email();
            member.picture = profile.picture();
            member.tokenRoles = roles;
            member.lastSeenAt = now;
        }
        return signedIn;
    }

    /**
     * The bot an API key stands for (ApiKeyAuthentication found the key and its member): read as is, nothing written;
     * the key's own last use is recorded by the key's service.
     */
    private SignedIn bot(SecurityIdentity identity) {
        Object[] row = lookup(identity.getPrincipal().getName(), clock.now());
        SignedIn signedIn = row == null ? null : read(row);
        if (signedIn == null || !signedIn.member().bot) {
            throw new io.quarkus.security.ForbiddenException("an API key stands for a bot member");
        }
        return signedIn;
    }

    private Object[] lookup(String subject, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(lookup).setParameter("subject", subject).setParameter("now", now)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A plain Member (not managed by Hibernate), the sanction and the parts' values from the statement's row. */
    private SignedIn read(Object[] row) {
        Member m = new Member();
        m.id = ((Number) row[0]).longValue();
        m.subject = (String) row[1];
        m.name = (String) row[2];
        m.email = (String) row[3];
        m.picture = (String) row[4];
        m.localRoles = roles(row[5]);
        m.tokenRoles = roles(row[6]);
        m.createdAt = SiteClock.instant(row[7]);
        m.lastSeenAt = SiteClock.instant(row[8]);
        m.points = ((Number) row[9]).intValue();
        m.level = ((Number) row[10]).intValue();
        m.honoursPrivate = (Boolean) row[11];
        m.bot = (Boolean) row[12];
        m.avatarId = row[13] == null ? null : ((Number) row[13]).longValue();
        m.betaPrograms = programs(row[14]);
        m.nameChosen = (Boolean) row[15];
        Optional<ActiveSanction> sanction = row[16] == null ? Optional.empty()
                : Optional.of(new ActiveSanction((String) row[16], (String) row[17], SiteClock.instant(row[18])));
        Map<ViewerPart<?>, Object> values = new IdentityHashMap<>();
        int at = PARTS_FROM;
        for (ViewerPart<?> part : parts) {
            int n = part.columns().size();
            values.put(part, part.read(Arrays.copyOfRange(row, at, at + n)));
            at += n;
        }
        return new SignedIn(m, sanction, values);
    }

    /**
     * Creates the member of a first sign-in and reads them back. The token's name is taken when nobody has it (whatever
     * its case), else the first free "name_2", "name_3"…; two first sign-ins that race for one name are told apart by
     * the unique index (the insert that loses inserts nothing and tries the next number).
     */
    private Object[] create(Profile profile, String[] roles, Instant now) {
        for (int attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
            String name = attempt == 1 ? profile.name()
                    : DisplayName.suffixed(profile.name(), attempt <= NAME_ATTEMPTS / 2 ? attempt
                            : 1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9_000_000));
            if (attempt < NAME_ATTEMPTS && nameTaken(name, -1)) {
                continue;
            }
            QuarkusTransaction.joiningExisting().run(() -> insert(profile, name, roles));
            Object[] row = lookup(profile.subject(), now);
            if (row != null) {
                return row;
            }
        }
        throw new IllegalStateException("member " + profile.subject() + " was not created");
    }

    /** Whether someone other than member {@code self} has this name, whatever its case. */
    private boolean nameTaken(String name, long self) {
        return !em.createNativeQuery("select 1 from member where lower(name) = lower(:name) and not bot and id <> :self")
                .setParameter("name", name).setParameter("self", self).getResultList().isEmpty();
    }

    private void insert(Profile profile, String name, String[] roles) {
        // Two first requests may race; the unique subject lets only one insert through, the unique name index one
        // holder of a name (then nothing is inserted and the caller tries another).
        em.createNativeQuery("""
                insert into member (subject, name, email, picture, token_roles)
                values (:subject, :name, :email, :picture, cast(:roles as varchar(20)[]))
                on conflict do nothing""")
                .setParameter("roles", "{" + String.join(",", roles) + "}")
                .setParameter("subject", profile.subject())
                .setParameter("name", name)
                .setParameter("email", profile.email())
                .setParameter("picture", profile.picture())
                .executeUpdate();
    }

    private void update(long id, String name, Profile profile, String[] roles, Instant now) {
        em.createNativeQuery("""
                update member set name = :name, email = :email, picture = :picture,
                                  token_roles = cast(:roles as varchar(20)[]), last_seen_at = :now
                where id = :id""")
                .setParameter("roles", "{" + String.join(",", roles) + "}")
                .setParameter("name", name)
                .setParameter("email", profile.email())
                .setParameter("picture", profile.picture())
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate();
    }

    private static Long[] programs(Object joined) {
        return joined == null || joined.toString().isEmpty() ? new Long[0]
                : Arrays.stream(joined.toString().split(",")).map(Long::valueOf).toArray(Long[]::new);
    }

    private static String[] roles(Object joined) {
        return joined == null || joined.toString().isEmpty() ? new String[0] : joined.toString().split(",");
    }


    /** The signed-in member of one request (a plain object: changing it writes nothing), their sanction, the parts. */
    record SignedIn(Member member, Optional<ActiveSanction> sanction, Map<ViewerPart<?>, Object> parts) {
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
