package app.fanloop.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Forms;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * API keys: made (with their bot member), listed and revoked by admins; and found by the key itself when a
 * request presents one. A key is {@value #PREFIX} and 43 characters of base64url: 256 random bits. Only its SHA-256
 * is stored: for a random 256-bit secret a fast hash is as safe as a slow one (there is no dictionary to try, and
 * 2^256 guesses stay out of reach), and a slow hash would cost every API request its time.
 */
@ApplicationScoped
public class ApiKeyService {

    public static final String PREFIX = "fl_";
    /** The last use is written at most this often per key, not on every request. */
    static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final int HINT_LENGTH = PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final Viewer viewer;
    private final Forms forms;
    private final AuditLog audit;
    private final SiteClock clock;

    ApiKeyService(EntityManager em, Viewer viewer, Forms forms, AuditLog audit, SiteClock clock) {
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.audit = audit;
        this.clock = clock;
    }

    /** A key made now: the stored row, and the key itself, which is nowhere else and shown once. */
    public record Made(ApiKey key, String secret) {
    }

    /** What a presented key stands for: the key, its bot's subject and the key's scopes. */
    public record Holder(long keyId, String subject, Set<String> scopes) {
    }

    public List<ApiKey> list() {
        viewer.requireAdmin();
        return ApiKey.newestFirst();
    }

    /** Makes the integration's bot member and its key; audited. */
    @Transactional
    public Made create(ApiKeyForm form) {
        Member admin = viewer.requireAdmin();
        forms.validate(form);
        Instant now = clock.now();
        String name = form.name().strip();
        Number botId = (Number) em.createNativeQuery("""
                insert into member (subject, name, local_roles, bot, created_at, last_seen_at)
                values (:subject, :name, cast(:roles as varchar(20)[]), true, :now, :now) returning id""")
                .setParameter("subject", "bot:" + UUID.randomUUID())
                .setParameter("name", name)
                .setParameter("roles", "{" + String.join(",", form.localRoles()) + "}")
                .setParameter("now", now)
                .getSingleResult();
        String secret = newSecret();
        ApiKey key = new ApiKey();
        key.member = em.getReference(Member.class, botId.longValue());
        key.name = name;
        key.hint = secret.substring(0, HINT_LENGTH);
        key.digest = digest(secret);
        key.scopes = form.chosenScopes();
        key.createdBy = em.getReference(Member.class, admin.id);
        key.createdAt = now;
        key.persist();
        audit.record(admin, "api_key.create", "api_key", key.id, null,
                AuditLog.of("name", name, "member", botId.longValue(), "role", form.role(), "scopes", String.join(",", key.scopes)), null);
        return new Made(key, secret);
    }

    /** Revokes a key at once on every node (each request looks its key up); revoking a revoked key changes nothing. */
    @Transactional
    public void revoke(long id) {
        Member admin = viewer.requireAdmin();
        ApiKey key = ApiKey.<ApiKey> findByIdOptional(id).orElseThrow(NotFoundException::new);
        if (key.isRevoked()) {
            return;
        }
        key.revokedAt = clock.now();
        key.revokedBy = em.getReference(Member.class, admin.id);
        audit.record(admin, "api_key.revoke", "api_key", key.id, AuditLog.of("name", key.name), null, null);
    }

    /**
     * The key a request presents, if it is one of ours and not revoked; its last use is recorded when the one
     * stored is older than {@link #LAST_USE_RESOLUTION} (so at most about once a minute per key, whatever the traffic).
     */
    @Transactional
    public Optional<Holder> holder(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select k.id, m.subject, array_to_string(k.scopes, ','), k.last_used_at
                from api_key k join member m on m.id = k.member_id
                where k.digest = :digest and k.revoked_at is null and m.bot""")
                .setParameter("digest", digest(secret)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        long id = ((Number) row[0]).longValue();
        Instant now = clock.now();
        Instant lastUsed = SiteClock.instant(row[3]);
        if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USE_RESOLUTION))) {
            // Two nodes may both get here within the minute; the condition lets the later one write nothing.
            em.createNativeQuery("""
                    update api_key set last_used_at = :now
                    where id = :id and (last_used_at is null or last_used_at < :since)""")
                    .setParameter("now", now).setParameter("id", id).setParameter("since", now.minus(LAST_USE_RESOLUTION))
                    .executeUpdate();
        }
        return Optional.of(new Holder(id, (String) row[1], Set.of(((String) row[2]).split(","))));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

}
