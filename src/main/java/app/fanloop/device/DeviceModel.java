package app.fanloop.device;

import java.time.Instant;
import java.util.List;

import app.fanloop.board.Board;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** A phone or other device model staff offer on a board (a board is a product line), e.g. "Xiaomi 15 Pro". */
@Entity
public class DeviceModel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "board_id")
    public Board board;

    public String name;
    /** When staff took it off the lists; the devices that name it keep it. */
    public Instant retiredAt;
    public Long createdById;
    public Instant createdAt;

    /** Every model with its board, by board then name (the staff page). */
    public static List<DeviceModel> all() {
        return find("from DeviceModel d join fetch d.board b order by b.position, b.id, d.retiredAt nulls first, lower(d.name)").list();
    }

    /** The models members may choose: not retired, on a board that is not archived; by board then name. */
    public static List<DeviceModel> offered() {
        return find("from DeviceModel d join fetch d.board b where d.retiredAt is null and b.archived = false"
                + " order by b.position, b.id, lower(d.name)").list();
    }

    public boolean retired() {
        return retiredAt != null;
    }

    public String retirePath() {
        return "/triage/devices/" + id + "/retire";
    }

    public String restorePath() {
        return "/triage/devices/" + id + "/restore";
    }
}
