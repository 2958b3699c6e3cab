package app.fanloop.member;

/** A silenced or banned member tried something their sanction forbids. */
public class Sanctioned extends RuntimeException {

    private final ActiveSanction sanction;

    public Sanctioned(ActiveSanction sanction) {
        super("sanctioned: " + sanction.kind(), null, false, false);
        this.sanction = sanction;
    }

    public ActiveSanction sanction() {
        return sanction;
    }
}
