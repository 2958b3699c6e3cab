package app.fanloop.web;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** The request is valid but clashes with the current state (e.g. archiving an archived board). */
public class Conflict extends ClientErrorException {
    public Conflict() {
        super(Response.Status.CONFLICT);
    }
}
