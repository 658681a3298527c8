package io.prodsupport.mail;

/** The mailbox could not be reached or read (sign-in refused, connection lost); the message says which and why. */
public final class MailboxException extends RuntimeException {

    MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
