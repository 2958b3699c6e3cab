package app.fanloop.release;

/**
 * A release's head or one of its lines was written or deleted: what {@link ReleaseEditing} tells search
 * without importing it. Fired synchronously ({@code Event#fire}, never async), so the observer runs at once in
 * the editor's transaction and the release's words are searchable the moment it is saved.
 */
public record ReleaseWritten(Release release) {
}
