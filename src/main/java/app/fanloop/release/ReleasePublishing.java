package app.fanloop.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.fanloop.audit.AuditLog;
import app.fanloop.event.DomainEvents;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.StatusChange;
import app.fanloop.suggestion.StatusService;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.TimelineEvent;
import app.fanloop.triage.FeatureItem;
import app.fanloop.triage.FeatureItemService;
import app.fanloop.web.Conflict;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Publishing release notes, now or when due, and the suggestions a release credits. Publishing ships
 * the linked feature items (through triage) and suggestions, keeps the credits and records the event
 * fans are told about, all in one transaction and exactly once: the release row is locked and its
 * state checked, and the scheduler claims due rows with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class ReleasePublishing {

    private final EntityManager em;
    private final Viewer viewer;
    private final ReleaseEditing editing;
    private final StatusService statuses;
    private final FeatureItemService features;
    private final DomainEvents events;
    private final SiteClock clock;
    private final AuditLog audit;

    ReleasePublishing(EntityManager em, Viewer viewer, ReleaseEditing editing, StatusService statuses,
            FeatureItemService features, DomainEvents events, SiteClock clock, AuditLog audit) {
        this.em = em;
        this.viewer = viewer;
        this.editing = editing;
        this.statuses = statuses;
        this.features = features;
        this.events = events;
        this.clock = clock;
        this.audit = audit;
    }

    /** A PM publishes now. A second publish is refused (409) and changes nothing. */
    @Transactional
    public Release publishNow(long id) {
        Member actor = viewer.requireStaff();
        Release release = editing.lock(id);
        if (release.isPublished()) {
            throw new Conflict();
        }
        ReleaseEditing.requireItems(release, "publish");
        publish(release, actor);
        return release;
    }

    /**
     * Publishes every scheduled release that is due, each in its own transaction. Safe to run on
     * several nodes at once and again after a restart: a release is claimed with a row lock that
     * other runs skip, and once published it is no longer scheduled.
     *
     * @return how many releases this run published
     */
    public int publishDue() {
        int published = 0;
        while (QuarkusTransaction.requiringNew().call(this::publishNextDue)) {
            published++;
        }
        return published;
    }

    private boolean publishNextDue() {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("""
                select id from release where state = 'SCHEDULED' and scheduled_at <= :now
                order by scheduled_at, id limit 1 for update skip locked""")
                .setParameter("now", clock.now()).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Release release = em.find(Release.class, due.get(0).longValue());
        Member actor = release.scheduledBy != null ? release.scheduledBy : release.createdBy;
        publish(release, actor);
        return true;
    }

    /**
     * Publishes a locked, unpublished release in the caller's transaction: linked feature items become
     * SHIPPED, the suggestions behind them and those named directly become SHIPPED naming the release
     * (with a timeline entry each), the credits are kept, and one RELEASE_PUBLISHED event is recorded
     * for the authors, voters and followers of what it newly shipped and the followers of its channel.
     *
     * @return the suggestions this release shipped for the first time
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> publish(Release release, Member actor) {
        if (release.isPublished()) {
            throw new Conflict();
        }
        Instant now = clock.now();
        audit.record(actor, "release.publish", "release", release.id, AuditLog.of("state", release.state.name()),
                AuditLog.of("state", "PUBLISHED", "version", release.version), null);
        List<ReleaseItem> items = ReleaseItem.of(release.id);
        // The suggestions first, then their feature items: the order a vote takes them in (its suggestion, then the
        // item's demand). Items locked first deadlocked with votes on their suggestions (bench/cluster.sh).
        lockSuggestions(creditedIds(release, items));
        Set<Long> credited = new LinkedHashSet<>();
        for (ReleaseItem item : items) {
            if (item.featureItem != null) {
                FeatureItem feature = em.find(FeatureItem.class, item.featureItem.id, LockModeType.PESSIMISTIC_WRITE);
                features.ship(feature, release.id, release.version, actor, now);
                FeatureItemService.linked(feature.id).forEach(s -> credited.add(s.id));
            }
            credited.addAll(item.suggestionIds);
        }
        List<Long> shipped = new ArrayList<>();
        if (!credited.isEmpty()) {
            lockSuggestions(credited);
            Map<Long, Suggestion> byId = new HashMap<>();
            Suggestion.<Suggestion> list("from Suggestion s join fetch s.board join fetch s.author where s.id in ?1",
                    credited).forEach(s -> byId.put(s.id, s));
            Set<Long> alreadyShipped = alreadyShipped(credited);
            for (Long id : credited) {
                Suggestion s = byId.get(id);
                if (s == null || s.status == SuggestionStatus.MERGED) {
                    continue;
                }
                em.createNativeQuery("insert into release_suggestion (release_id, suggestion_id) values (:r, :s)"
                        + " on conflict do nothing").setParameter("r", release.id).setParameter("s", s.id).executeUpdate();
                if (alreadyShipped.contains(s.id)) {
                    continue;
                }
                em.createNativeQuery("update suggestion set shipped_release_id = :r where id = :s")
                        .setParameter("r", release.id).setParameter("s", s.id).executeUpdate();
                if (s.status != SuggestionStatus.SHIPPED) {
                    StatusChange change = statuses.applyStatus(s, SuggestionStatus.SHIPPED, null, actor,
                            TimelineEvent.RELEASE, null);
                    change.releaseId = release.id;
                }
                shipped.add(s.id);
            }
        }
        release.state = ReleaseState.PUBLISHED;
        release.publishedAt = now;
        release.publishedBy = actor;
        release.updatedAt = now;
        em.flush();
        events.release(actor, release.id, shipped,
                Map.of("version", release.version, "channel", release.channel.name(), "shipped", shipped.size()));
        return shipped;
    }

    /** Row locks on these suggestions, in id order (no key update: a vote's foreign-key check still passes). */
    private void lockSuggestions(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("select id from suggestion where id in (:ids) order by id for no key update")
                    .setParameter("ids", ids).getResultList();
        }
    }

    /** The suggestions a release credits: kept at publishing, else what its lines would ship now (a preview). */
    public List<Long> creditedIds(Release release, List<ReleaseItem> items) {
        if (release.isPublished()) {
            @SuppressWarnings("unchecked")
            List<Number> rows = em.createNativeQuery("select suggestion_id from release_suggestion where release_id = :r")
                    .setParameter("r", release.id).getResultList();
            return rows.stream().map(Number::longValue).toList();
        }
        Set<Long> ids = new LinkedHashSet<>();
        List<Long> features = items.stream().filter(i -> i.featureItem != null).map(i -> i.featureItem.id).toList();
        if (!features.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Number> linked = em.createNativeQuery("select id from suggestion where feature_item_id in (:f)")
                    .setParameter("f", features).getResultList();
            linked.forEach(n -> ids.add(n.longValue()));
        }
        items.forEach(i -> ids.addAll(i.suggestionIds));
        return new ArrayList<>(ids);
    }

    @SuppressWarnings("unchecked")
    private Set<Long> alreadyShipped(Set<Long> ids) {
        List<Number> rows = em.createNativeQuery(
                "select id from suggestion where id in (:ids) and shipped_release_id is not null")
                .setParameter("ids", ids).getResultList();
        Set<Long> shipped = new HashSet<>();
        rows.forEach(n -> shipped.add(n.longValue()));
        return shipped;
    }
}
