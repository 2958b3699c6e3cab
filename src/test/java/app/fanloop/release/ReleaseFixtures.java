package app.fanloop.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.fanloop.Fixtures;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.notification.EmailMode;
import app.fanloop.notification.NotificationDelivery;
import app.fanloop.notification.NotificationService;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.triage.FeatureItem;
import app.fanloop.web.Markdown;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Builds what the release and notification tests need beyond {@link Fixtures}: releases with lines,
 * publishing as paula, members with e-mail addresses and preferences, channel and board follows,
 * and a look at who was notified of what.
 */
@ApplicationScoped
public class ReleaseFixtures {

    private final EntityManager em;
    private final Fixtures fx;
    private final Markdown markdown;
    private final ReleasePublishing releases;
    private final NotificationDelivery delivery;
    private final NotificationService notifications;
    private final DomainEvents events;

    ReleaseFixtures(EntityManager em, Fixtures fx, Markdown markdown, ReleasePublishing releases,
            NotificationDelivery delivery, NotificationService notifications, DomainEvents events) {
        this.events = events;
        this.em = em;
        this.fx = fx;
        this.markdown = markdown;
        this.releases = releases;
        this.delivery = delivery;
        this.notifications = notifications;
    }

    /** A draft on a channel with one NEW line that ships a feature item (may be null) and suggestions directly. */
    @Transactional
    public Release draft(ReleaseChannel channel, String version, Long featureItemId, Long... suggestionIds) {
        Release r = new Release();
        r.version = version;
        r.channel = channel;
        r.week = ReleaseEditing.isoWeek(java.time.LocalDate.now());
        r.summary = "Summary of " + version;
        r.summaryHtml = markdown.toHtml(r.summary);
        r.createdBy = em.getReference(Member.class, fx.member("paula").id);
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        r.persist();
        line(r.id, ReleaseSection.NEW, "Line of " + version, featureItemId, suggestionIds);
        return r;
    }

    @Transactional
    public ReleaseItem line(long releaseId, ReleaseSection section, String text, Long featureItemId, Long... suggestionIds) {
        ReleaseItem item = new ReleaseItem();
        item.release = em.getReference(Release.class, releaseId);
        item.section = section;
        item.position = (int) ReleaseItem.count("release.id", releaseId) + 1;
        item.text = text;
        item.textHtml = markdown.toHtml(text);
        item.featureItem = featureItemId == null ? null : em.getReference(FeatureItem.class, featureItemId);
        item.suggestionIds.addAll(List.of(suggestionIds));
        item.persist();
        return item;
    }

    /** Publishes as paula would, through the service's own publishing. */
    @Transactional
    public List<Long> publish(long releaseId) {
        Release r = em.find(Release.class, releaseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return releases.publish(r, em.find(Member.class, fx.member("paula").id));
    }

    /** A scheduled release due at the given time. */
    @Transactional
    public void schedule(long releaseId, Instant at) {
        Release r = Release.findById(releaseId);
        r.state = ReleaseState.SCHEDULED;
        r.scheduledAt = at;
        r.scheduledBy = em.getReference(Member.class, fx.member("paula").id);
    }

    /** A status change by paula, recorded and delivered as the app does (the followers are told). */
    public void statusChanged(Suggestion s, String to) {
        QuarkusTransaction.requiringNew().run(() -> events.suggestion(EventKind.SUGGESTION_STATUS_CHANGED,
                fx.member("paula"), s.id, null, Map.of("from", "OPEN", "to", to)));
        deliver();
    }

    /** Turns every recorded event into notifications, as the job does. */
    public int deliver() {
        return delivery.deliverPending();
    }

    /** A new member with an e-mail address. */
    public Member withEmail(String prefix) {
        Member m = fx.member(Fixtures.unique(prefix));
        m.email = fx.email(m);
        return m;
    }

    @Transactional
    public void emailMode(Member member, EmailMode mode, String language) {
        notifications.setEmailMode(member.id, mode, java.util.Locale.forLanguageTag(language));
        em.createNativeQuery("update notification_preference set language = :l where member_id = :m")
                .setParameter("l", language).setParameter("m", member.id).executeUpdate();
    }

    @Transactional
    public void followChannel(Member member, ReleaseChannel channel) {
        em.createNativeQuery("insert into channel_follow (channel, member_id) values (:c, :m) on conflict do nothing")
                .setParameter("c", channel.name()).setParameter("m", member.id).executeUpdate();
    }

    @Transactional
    public void followBoard(Member member, long boardId) {
        em.createNativeQuery("insert into board_follow (board_id, member_id) values (:b, :m) on conflict do nothing")
                .setParameter("b", boardId).setParameter("m", member.id).executeUpdate();
    }

    /** Marks every notification of the member read, as "mark all read" does. */
    @Transactional
    public void readAll(Member member) {
        em.createNativeQuery("update notification set read_at = now() where member_id = :m")
                .setParameter("m", member.id).executeUpdate();
    }

    /** The kinds of the notifications a member has, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> kinds(Member member) {
        return em.createNativeQuery("select kind from notification where member_id = :m order by id")
                .setParameter("m", member.id).getResultList();
    }

    /** The kinds of a member's notifications about one suggestion. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> kinds(Member member, long suggestionId) {
        return em.createNativeQuery("select kind from notification where member_id = :m and suggestion_id = :s order by id")
                .setParameter("m", member.id).setParameter("s", suggestionId).getResultList();
    }

    /** The members told about a release, by notification kind. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<String> releaseNotifications(long releaseId) {
        List<Object[]> rows = em.createNativeQuery(
                "select member_id, kind from notification where release_id = :r order by member_id")
                .setParameter("r", releaseId).getResultList();
        Set<String> out = new java.util.TreeSet<>();
        rows.forEach(r -> out.add(r[0] + ":" + r[1]));
        return out;
    }
}
