package app.fanloop.member;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the signed-in member and their sanction before the resource runs, on the resource's worker thread, so
 * that templates rendered later (possibly on the IO thread) never touch the database.
 */
public class ViewerFilter {

    private final Viewer viewer;

    ViewerFilter(Viewer viewer) {
        this.viewer = viewer;
    }

    @ServerRequestFilter
    void resolve() {
        viewer.member();
        // The sanction too: isAdmin()/isStaff() ask it, and a template on the IO thread could not load it (a banned
        // admin would get the admin controls drawn). The layout's notice needs it anyway, so this costs no query.
        viewer.sanction();
    }
}
