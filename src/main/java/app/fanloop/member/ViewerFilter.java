package app.fanloop.member;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the signed-in member, their sanction and the parts (one statement) before the resource runs, on the
 * resource's worker thread, so that templates rendered later (possibly on the IO thread) never touch the database:
 * isAdmin()/isStaff() ask the sanction, and a banned admin must not get the admin controls drawn.
 */
public class ViewerFilter {

    private final Viewer viewer;

    ViewerFilter(Viewer viewer) {
        this.viewer = viewer;
    }

    @ServerRequestFilter
    void resolve() {
        viewer.member();
    }
}
