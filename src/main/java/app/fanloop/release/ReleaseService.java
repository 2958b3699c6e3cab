package app.fanloop.release;

import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.web.SiteClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.moderation.AuditLog;
import app.fanloop.search.SearchIndex;
import app.fanloop.suggestion.StatusChange;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionService;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.TimelineEvent;
import app.fanloop.triage.FeatureItem;
import app.fanloop.triage.FeatureItemService;
import app.fanloop.triage.FeatureItemStatus;
import app.fanloop.triage.TriageService;
import app.fanloop.web.Conflict;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Markdown;
import app.fanloop.web.SiteConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Release notes: PMs draft them, schedule them (by default for the coming Friday) and publish them.
 * Publishing ships the linked feature items and suggestions, keeps the credits and records the
 * event fans are told about, all in one transaction and exactly once: the release row is locked
 * and its state checked, and the scheduler claims due rows with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class ReleaseService {

    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final EntityManager em;
    private final Viewer viewer;
    private final TriageService triage;
    private final SuggestionService suggestions;
    private final DomainEvents events;
    private final Forms forms;
    private final Markdown markdown;
    private final SiteClock clock;
    private final ReleaseConfig config;
    private final AuditLog audit;
    private final SiteConfig site;
    private final SearchIndex searchIndex;

    ReleaseService(EntityManager em, Viewer viewer, TriageService triage, SuggestionService suggestions,
            DomainEvents events, Forms forms, Markdown markdown, SiteClock clock, ReleaseConfig config, SiteConfig site,
            AuditLog audit, SearchIndex searchIndex) {
        this.audit = audit;
        this.searchIndex = searchIndex;
        this.em = em;
        this.viewer = viewer;
        this.triage = triage;
        this.suggestions = suggestions;
        this.events = events;
        this.forms = forms;
        this.markdown = markdown;
        this.clock = clock;
        this.config = config;
        this.site = site;
    }

    /** A release in the editor: staff only. */
    public Release load(long id) {
        viewer.requireStaff();
        return find(id);
    }

    /** A release for the public page: published ones for everybody, the others for staff (as a preview). */
    public Release visible(long id) {
        Release release = Release.<Release> findByIdOptional(id).orElseThrow(NotFoundException::new);
        if (!release.isPublished() && !viewer.isStaff()) {
            throw new NotFoundException();
        }
        return release;
    }

    @Transactional
    public Release create(ReleaseForm form) {
        Member actor = viewer.requireStaff();
        Release release = new Release();
        release.createdBy = actor;
        release.createdAt = clock.now();
        apply(release, form, true);
        release.persist();
        searchIndex.releaseWritten(release);
        return release;
    }

    /** Edits the head. A published release keeps its channel; its version, week and summary can still be corrected. */
    @Transactional
    public Release update(long id, ReleaseForm form) {
        viewer.requireStaff();
        Release release = lock(id);
        apply(release, form, !release.isPublished());
        searchIndex.releaseWritten(release);
        return release;
    }

    @Transactional
    public ReleaseItem addItem(long releaseId, ReleaseItemForm form) {
        viewer.requireStaff();
        Release release = editable(releaseId);
        ReleaseItem item = new ReleaseItem();
        item.release = release;
        apply(item, form);
        item.position = nextPosition(release, item.section);
        item.persist();
        release.updatedAt = clock.now();
        searchIndex.releaseWritten(release);
        return item;
    }

    @Transactional
    public ReleaseItem updateItem(long releaseId, long itemId, ReleaseItemForm form) {
        viewer.requireStaff();
        Release release = editable(releaseId);
        ReleaseItem item = item(release, itemId);
        ReleaseSection before = item.section;
        apply(item, form);
        if (item.section != before) {
            item.position = nextPosition(release, item.section);
        }
        release.updatedAt = clock.now();
        searchIndex.releaseWritten(release);
        return item;
    }

    /** A new or moved line goes last in its section. */
    private int nextPosition(Release release, ReleaseSection section) {
        Number last = (Number) em.createNativeQuery(
                "select coalesce(max(position), 0) from release_item where release_id = :r and section = :s")
                .setParameter("r", release.id).setParameter("s", section.name()).getSingleResult();
        return last.intValue() + 1;
    }

    @Transactional
    public void deleteItem(long releaseId, long itemId) {
        viewer.requireStaff();
        Release release = editable(releaseId);
        item(release, itemId).delete();
        release.updatedAt = clock.now();
        searchIndex.releaseWritten(release);
    }

    /**
     * Schedules the release for a local date and time (in the site's zone, as a datetime-local input
     * sends it); it must lie ahead and the release must have at least one line.
     */
    @Transactional
    public Release schedule(long id, String localDateTime) {
        Member actor = viewer.requireStaff();
        Release release = editable(id);
        Instant at;
        try {
            at = LocalDateTime.parse(localDateTime == null ? "" : localDateTime.strip(), LOCAL_INPUT)
                    .atZone(site.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new FormInvalid("scheduledAt", FieldErrors.REQUIRED);
        }
        if (!at.isAfter(clock.now())) {
            throw new FormInvalid("scheduledAt", "schedule_past");
        }
        requireItems(release, "scheduledAt");
        release.state = ReleaseState.SCHEDULED;
        release.scheduledAt = at;
        release.scheduledBy = actor;
        release.updatedAt = clock.now();
        return release;
    }

    /** Back to draft; only a scheduled release can be. */
    @Transactional
    public Release unschedule(long id) {
        viewer.requireStaff();
        Release release = lock(id);
        if (!release.isScheduled()) {
            throw new Conflict();
        }
        release.state = ReleaseState.DRAFT;
        release.scheduledAt = null;
        release.updatedAt = clock.now();
        return release;
    }

    /** A PM publishes now. A second publish is refused (409) and changes nothing. */
    @Transactional
    public Release publishNow(long id) {
        Member actor = viewer.requireStaff();
        Release release = lock(id);
        if (release.isPublished()) {
            throw new Conflict();
        }
        requireItems(release, "publish");
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
        Set<Long> credited = new LinkedHashSet<>();
        for (ReleaseItem item : ReleaseItem.of(release.id)) {
            if (item.featureItem != null) {
                FeatureItem feature = em.find(FeatureItem.class, item.featureItem.id, LockModeType.PESSIMISTIC_WRITE);
                ship(feature, release, actor, now);
                FeatureItemService.linked(feature.id).forEach(s -> credited.add(s.id));
            }
            credited.addAll(item.suggestionIds);
        }
        List<Long> shipped = new ArrayList<>();
        if (!credited.isEmpty()) {
            em.createNativeQuery("select id from suggestion where id in (:ids) order by id for update")
                    .setParameter("ids", credited).getResultList();
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
                    StatusChange change = suggestions.applyStatus(s, SuggestionStatus.SHIPPED, null, actor,
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
        events.release(actor, release.id, release.channel.name(), shipped,
                Map.of("version", release.version, "channel", release.channel.name(), "shipped", shipped.size()));
        return shipped;
    }

    /** The time a new schedule defaults to: the coming publish day (Friday) at the configured local time. */
    public ZonedDateTime defaultSchedule() {
        ZonedDateTime now = clock.now().atZone(site.zone());
        ZonedDateTime candidate = now.with(TemporalAdjusters.nextOrSame(config.publishDay()))
                .with(config.publishTime()).withSecond(0).withNano(0);
        return candidate.isAfter(now) ? candidate : candidate.with(TemporalAdjusters.next(config.publishDay()));
    }

    /** The zone the site's calendar (and the schedule form) uses. */
    public java.time.ZoneId zone() {
        return site.zone();
    }

    /** The ISO week of a date, as the form and the table keep it (2025-W47). */
    public static String isoWeek(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** A new release's form: the week of the coming publish day, on the weekly channel. */
    public ReleaseForm blankForm() {
        return new ReleaseForm("", ReleaseChannel.DEV.name(), isoWeek(defaultSchedule().toLocalDate()), "");
    }

    /** Follows or unfollows a release channel; {@code wanted} null toggles. Returns whether the member follows it now. */
    @Transactional
    public boolean follow(String channelName, Boolean wanted) {
        Member member = viewer.requireMember();
        ReleaseChannel channel = ReleaseChannel.parse(channelName);
        if (channel == null) {
            throw new NotFoundException();
        }
        boolean following = followedChannels(member.id).contains(channel);
        boolean want = wanted == null ? !following : wanted;
        if (want && !following) {
            em.createNativeQuery("insert into channel_follow (channel, member_id) values (:c, :m) on conflict do nothing")
                    .setParameter("c", channel.name()).setParameter("m", member.id).executeUpdate();
        } else if (!want && following) {
            em.createNativeQuery("delete from channel_follow where channel = :c and member_id = :m")
                    .setParameter("c", channel.name()).setParameter("m", member.id).executeUpdate();
        }
        return want;
    }

    /** The channels a member follows. */
    @SuppressWarnings("unchecked")
    public Set<ReleaseChannel> followedChannels(Long memberId) {
        if (memberId == null) {
            return Set.of();
        }
        Set<ReleaseChannel> channels = new LinkedHashSet<>();
        ((List<String>) em.createNativeQuery("select channel from channel_follow where member_id = :m order by channel")
                .setParameter("m", memberId).getResultList()).forEach(c -> channels.add(ReleaseChannel.valueOf(c)));
        return channels;
    }

    /** Feature items a line can ship: not cancelled; those aimed at this version first, then by status and demand. */
    public List<FeatureItem> featureChoices(Release release) {
        return FeatureItem.list("""
                from FeatureItem f where f.status <> ?1
                order by case when f.targetRelease = ?2 then 0 else 1 end,
                         case f.status when ?3 then 0 when ?4 then 1 when ?5 then 2 else 3 end, f.demand desc, f.id desc""",
                FeatureItemStatus.CANCELLED, release.version, FeatureItemStatus.IN_PROGRESS, FeatureItemStatus.PLANNED,
                FeatureItemStatus.BACKLOG);
    }

    private void ship(FeatureItem feature, Release release, Member actor, Instant now) {
        if (feature.status == FeatureItemStatus.SHIPPED) {
            return;
        }
        FeatureItemStatus from = feature.status;
        feature.status = FeatureItemStatus.SHIPPED;
        feature.cancelReason = null;
        feature.statusChangedAt = now;
        feature.updatedAt = now;
        if (feature.targetRelease == null || feature.targetRelease.isBlank()) {
            feature.targetRelease = release.version;
        }
        Map<String, Object> payload = new HashMap<>();
        payload.put("from", from.name());
        payload.put("to", FeatureItemStatus.SHIPPED.name());
        payload.put("title", feature.title);
        payload.put("releaseId", release.id);
        payload.put("version", release.version);
        events.featureItem(EventKind.FEATURE_ITEM_STATUS_CHANGED, actor, feature.id, null, payload);
    }

    @SuppressWarnings("unchecked")
    private Set<Long> alreadyShipped(Set<Long> ids) {
        List<Number> rows = em.createNativeQuery(
                "select id from suggestion where id in (:ids) and shipped_release_id is not null")
                .setParameter("ids", ids).getResultList();
        Set<Long> shipped = new java.util.HashSet<>();
        rows.forEach(n -> shipped.add(n.longValue()));
        return shipped;
    }

    private Release find(long id) {
        return Release.<Release> findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    /** The release row, locked for the rest of the transaction. */
    private Release lock(long id) {
        Release release = em.find(Release.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (release == null) {
            throw new NotFoundException();
        }
        return release;
    }

    /** A release whose lines may change: not published yet. */
    private Release editable(long id) {
        Release release = lock(id);
        if (release.isPublished()) {
            throw new Conflict();
        }
        return release;
    }

    private static ReleaseItem item(Release release, long itemId) {
        ReleaseItem item = ReleaseItem.findById(itemId);
        if (item == null || !item.release.id.equals(release.id)) {
            throw new NotFoundException();
        }
        return item;
    }

    private void requireItems(Release release, String field) {
        if (ReleaseItem.count("release.id", release.id) == 0) {
            throw new FormInvalid(field, "release_empty");
        }
    }

    private void apply(Release release, ReleaseForm form, boolean channelMayChange) {
        List<FormInvalid.Problem> problems = new ArrayList<>();
        try {
            forms.validate(form);
        } catch (FormInvalid invalid) {
            problems.addAll(invalid.problems());
        }
        ReleaseChannel channel = ReleaseChannel.parse(form.channel());
        if (channel == null) {
            problems.add(new FormInvalid.Problem("channel", FieldErrors.INVALID, null));
        } else if (!channelMayChange && channel != release.channel) {
            problems.add(new FormInvalid.Problem("channel", "release_published", null));
        }
        if (problems.isEmpty() && form.week() != null) {
            int number = Integer.parseInt(form.week().substring(6));
            if (number < 1 || number > 53) {
                problems.add(new FormInvalid.Problem("week", FieldErrors.PATTERN, null));
            }
        }
        String version = form.version() == null ? "" : form.version().strip();
        if (problems.isEmpty() && Release.count("channel = ?1 and lower(version) = ?2 and id <> ?3", channel,
                version.toLowerCase(), release.id == null ? -1L : release.id) > 0) {
            problems.add(new FormInvalid.Problem("version", FieldErrors.TAKEN, null));
        }
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        release.version = version;
        release.channel = channel;
        release.week = form.week().strip();
        release.summary = form.summary() == null ? "" : form.summary().strip();
        release.summaryHtml = markdown.toHtml(release.summary);
        release.updatedAt = clock.now();
    }

    private void apply(ReleaseItem item, ReleaseItemForm form) {
        List<FormInvalid.Problem> problems = new ArrayList<>();
        try {
            forms.validate(form);
        } catch (FormInvalid invalid) {
            problems.addAll(invalid.problems());
        }
        ReleaseSection section = ReleaseSection.parse(form.section());
        if (section == null) {
            problems.add(new FormInvalid.Problem("section", FieldErrors.INVALID, null));
        }
        FeatureItem feature = null;
        if (form.featureItemId() != null) {
            feature = FeatureItem.findById(form.featureItemId());
            if (feature == null || feature.status == FeatureItemStatus.CANCELLED) {
                problems.add(new FormInvalid.Problem("featureItemId", FieldErrors.INVALID, null));
            } else if (ReleaseItem.count("release.id = ?1 and featureItem.id = ?2 and id <> ?3", item.release.id,
                    feature.id, item.id == null ? -1L : item.id) > 0) {
                problems.add(new FormInvalid.Problem("featureItemId", "already_in_release", null));
            }
        }
        Set<Long> ids = problems.stream().anyMatch(p -> p.field().equals("suggestions")) ? Set.of() : form.suggestionIds();
        if (!ids.isEmpty()) {
            long fit = Suggestion.count("from Suggestion s where s.id in ?1 and " + Visibility.jpqlPublic("s") + " and s.status <> ?2", ids, SuggestionStatus.MERGED);
            if (fit != ids.size()) {
                problems.add(new FormInvalid.Problem("suggestions", "suggestion_missing", null));
            }
        }
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        item.section = section;
        item.text = form.text().strip();
        item.textHtml = markdown.toHtml(item.text);
        item.featureItem = feature;
        item.suggestionIds.clear();
        item.suggestionIds.addAll(ids);
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
}
