package app.fanloop.web;

/** A short text about the signed-in member that the shared copy of a page leaves open (their unread count…). */
public interface PersonalText {

    /** The name used in templates: {@code inject:personal.text('unread')}. */
    String name();

    /** This request's text, unescaped. */
    String text();
}
