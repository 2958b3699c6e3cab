package app.fanloop.device;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** One of a member's own devices: a model (from staff's list or typed) and the system version it runs. */
@Entity
public class MemberDevice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long memberId;
    /** The staff's model it was chosen from, or null when typed freely (or the model was deleted with its board). */
    public Long deviceModelId;
    public String model;
    public String systemVersion;
    public Instant createdAt;

    /** The member's devices in the order they added them. */
    public static List<MemberDevice> of(long memberId) {
        return list("memberId = ?1 order by id", memberId);
    }

    /** How it reads in a list: "Xiaomi 15 · HyperOS 2.0.8". */
    public String label() {
        return model + " · " + systemVersion;
    }

    public String removePath() {
        return "/me/devices/" + id + "/remove";
    }
}
