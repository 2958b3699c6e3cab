package app.fanloop.beta;

import java.time.Instant;
import java.util.Optional;

import app.fanloop.member.Member;
import app.fanloop.web.SiteClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.DynamicUpdate;

/** A fan's application to a beta program (one per member and program), with the PM's decision. */
@Entity
@DynamicUpdate
public class BetaApplication extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "program_id")
    public BetaProgram program;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "member_id")
    public Member member;

    @Enumerated(EnumType.STRING)
    public ApplicationState state = ApplicationState.APPLIED;
    public String device;
    public String systemVersion;
    @Column(name = "answer_1")
    public String answer1;
    @Column(name = "answer_2")
    public String answer2;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "decided_by_id")
    public Member decidedBy;
    public Instant decidedAt;
    /** When first accepted (kept after a removal): the score's "past programs". */
    public Instant acceptedAt;
    /** Still a tester when the program closed. */
    public Instant completedAt;
    public Instant createdAt = SiteClock.current();

    public static Optional<BetaApplication> of(long programId, long memberId) {
        return find("program.id = ?1 and member.id = ?2", programId, memberId).firstResultOptional();
    }
}
