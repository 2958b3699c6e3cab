package app.fanloop.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.triage.FeatureItem;
import app.fanloop.triage.FeatureItemStatus;
import app.fanloop.web.Conflict;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Markdown;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Release notes before they go out: PMs draft their head and lines and schedule them (by default for
 * the coming Friday); {@link ReleasePublishing} publishes them.
 */
@ApplicationScoped
public class ReleaseEditing {

    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final EntityManager em;
    private final Viewer viewer;
    private final Forms forms;
    private final Markdown markdown;
    private final SiteClock clock;
    private final ReleaseConfig config;
    private final SiteConfig site;
    private final Event<ReleaseWritten> written;

    ReleaseEditing(EntityManager em, Viewer viewer, Forms forms, Markdown markdown, SiteClock clock,
            ReleaseConfig config, SiteConfig site, Event<ReleaseWritten> written) {
        this.written = written;
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.markdown = markdown;
        this.clock = clock;
        this.config = config;
        this.site = site;
    }

    /** A beta program a release may be written for (the editor's select). */
    public record ProgramChoice(long id, String name) {
        /** The option's value. */
        public String value() {
            return Long.toString(id);
        }
    }

    /** The beta programs, open ones first, newest first: the editor's choices. */
    public List<ProgramChoice> programChoices() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Release.getEntityManager().createNativeQuery("""
                select id, name from beta_program order by closed_at is not null, created_at desc, id desc""")
                .getResultList();
        return rows.stream().map(r -> new ProgramChoice(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    /** A release in the editor: staff only. */
    public Release load(long id) {
        viewer.requireStaff();
        return find(id);
    }

    /**
     * A release for the public page: published ones for everybody, the others for staff (as a preview); one written
     * for a beta program only for its testers and staff until its build goes public.
     */
    public Release visible(long id) {
        Release release = Release.<Release> findByIdOptional(id).orElseThrow(NotFoundException::new);
        if (!release.isPublished() && !viewer.isStaff() || !viewer.mayReadProgram(release.programId)) {
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
        written.fire(new ReleaseWritten(release));
        return release;
    }

    /** Edits the head. A published release keeps its channel; its version, week and summary can still be corrected. */
    @Transactional
    public Release update(long id, ReleaseForm form) {
        viewer.requireStaff();
        Release release = lock(id);
        apply(release, form, !release.isPublished());
        written.fire(new ReleaseWritten(release));
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
        written.fire(new ReleaseWritten(release));
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
        written.fire(new ReleaseWritten(release));
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
        written.fire(new ReleaseWritten(release));
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
        return new ReleaseForm("", ReleaseChannel.DEV.name(), isoWeek(defaultSchedule().toLocalDate()), "", "");
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

    private Release find(long id) {
        return Release.<Release> findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    /** The release row, locked for the rest of the transaction. */
    Release lock(long id) {
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

    static void requireItems(Release release, String field) {
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
        Long program = problems.isEmpty() ? form.programId() : null;
        if (program != null && programChoices().stream().noneMatch(p -> p.id() == program)) {
            problems.add(new FormInvalid.Problem("program", FieldErrors.INVALID, null));
        }
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        // A release written for a beta program is read by its testers and staff only, until its build goes public.
        release.programId = program;
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
}
