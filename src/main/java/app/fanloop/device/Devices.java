package app.fanloop.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.fanloop.audit.AuditLog;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Devices: a member's own list (on /me, offered on the bug form) and the models staff keep per board. */
@ApplicationScoped
public class Devices {

    /** A member keeps at most this many devices. */
    public static final int PER_MEMBER = 10;
    static final int TEXT_MAX = 80;

    private final Viewer viewer;
    private final SiteClock clock;
    private final EntityManager em;
    private final AuditLog audit;

    Devices(Viewer viewer, SiteClock clock, EntityManager em, AuditLog audit) {
        this.viewer = viewer;
        this.clock = clock;
        this.em = em;
        this.audit = audit;
    }

    /** The signed-in member's devices; none for a visitor. */
    public List<MemberDevice> mine() {
        return viewer.member().map(m -> MemberDevice.of(m.id)).orElse(List.of());
    }

    /** One of the signed-in member's devices by the id a form sent; empty for anything else (another's, junk, none). */
    public Optional<MemberDevice> mine(String id) {
        Optional<Member> me = viewer.member();
        if (me.isEmpty() || id == null || !id.strip().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return MemberDevice.<MemberDevice> findByIdOptional(Long.valueOf(id.strip()))
                .filter(d -> d.memberId.equals(me.get().id));
    }

    /** Adds a device to the member's list: a model chosen from the offered ones or typed, and a system version. */
    @Transactional
    public MemberDevice add(DeviceForm form) {
        Member me = viewer.requireMember();
        List<FormInvalid.Problem> problems = new ArrayList<>();
        DeviceModel chosen = null;
        String chosenId = form.modelId() == null ? "" : form.modelId().strip();
        if (!chosenId.isEmpty()) {
            chosen = chosenId.matches("\\d{1,18}") ? DeviceModel.<DeviceModel> findByIdOptional(Long.valueOf(chosenId))
                    .filter(m -> !m.retired() && !m.board.archived).orElse(null) : null;
            if (chosen == null) {
                problems.add(new FormInvalid.Problem("modelId", FieldErrors.INVALID, null));
            }
        }
        String typed = form.model() == null ? "" : form.model().strip();
        String model = chosen != null ? chosen.name : typed;
        if (chosen == null && chosenId.isEmpty()) {
            text(problems, "model", typed);
        }
        String version = form.systemVersion() == null ? "" : form.systemVersion().strip();
        text(problems, "systemVersion", version);
        if (problems.isEmpty() && MemberDevice.count("memberId", me.id) >= PER_MEMBER) {
            problems.add(new FormInvalid.Problem("model", "devices_full", PER_MEMBER));
        }
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        MemberDevice device = new MemberDevice();
        device.memberId = me.id;
        device.deviceModelId = chosen == null ? null : chosen.id;
        device.model = model;
        device.systemVersion = version;
        device.createdAt = clock.now();
        device.persist();
        return device;
    }

    /** Takes one of the member's own devices off their list; anyone else's answers 404. */
    @Transactional
    public void remove(long id) {
        Member me = viewer.requireMember();
        MemberDevice device = MemberDevice.<MemberDevice> findByIdOptional(id).filter(d -> d.memberId.equals(me.id))
                .orElseThrow(NotFoundException::new);
        device.delete();
    }

    // ---------------------------------------------------------------- the staff's list of models

    /** Every model (staff only), retired ones included. */
    public List<DeviceModel> allModels() {
        viewer.requireStaff();
        return DeviceModel.all();
    }

    /** Adds a model to a board's list (staff only); a name the board has already (whatever its case) is refused. */
    @Transactional
    public DeviceModel addModel(DeviceModelForm form) {
        Member staff = viewer.requireStaff();
        List<FormInvalid.Problem> problems = new ArrayList<>();
        Board board = Board.findBySlug(form.board() == null ? "" : form.board().strip()).orElse(null);
        if (board == null) {
            problems.add(new FormInvalid.Problem("board", FieldErrors.REQUIRED, null));
        }
        String name = form.name() == null ? "" : form.name().strip();
        text(problems, "name", name);
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        if (DeviceModel.count("board.id = ?1 and lower(name) = ?2", board.id, name.toLowerCase(java.util.Locale.ROOT)) > 0) {
            throw new FormInvalid("name", FieldErrors.TAKEN);
        }
        DeviceModel model = new DeviceModel();
        model.board = board;
        model.name = name;
        model.createdById = staff.id;
        model.createdAt = clock.now();
        try {
            model.persist();
            em.flush();
        } catch (PersistenceException taken) {
            throw new FormInvalid("name", FieldErrors.TAKEN);
        }
        audit.record(em.getReference(Member.class, staff.id), "device_model.create", "device_model", model.id, null,
                AuditLog.of("board", board.slug, "name", name), null);
        return model;
    }

    /** Takes a model off the lists (staff only), or puts it back; members' devices keep their model's name. */
    @Transactional
    public void retire(long id, boolean retired) {
        Member staff = viewer.requireStaff();
        DeviceModel model = DeviceModel.<DeviceModel> findByIdOptional(id).orElseThrow(NotFoundException::new);
        if (model.retired() == retired) {
            return;
        }
        model.retiredAt = retired ? clock.now() : null;
        audit.record(em.getReference(Member.class, staff.id), retired ? "device_model.retire" : "device_model.restore",
                "device_model", model.id, null, AuditLog.of("name", model.name), null);
    }

    private static void text(List<FormInvalid.Problem> problems, String field, String value) {
        if (value.isEmpty()) {
            problems.add(new FormInvalid.Problem(field, FieldErrors.REQUIRED, null));
        } else if (value.length() > TEXT_MAX) {
            problems.add(new FormInvalid.Problem(field, FieldErrors.TOO_LONG, TEXT_MAX));
        }
    }
}
