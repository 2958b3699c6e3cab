package app.fanloop.attachment;

/** What an attachment is: a picture shown with its post, a log only its author and staff may fetch, or an avatar. */
public enum AttachmentKind {
    IMAGE, LOG, AVATAR
}
