package org.rmel.chat;

import org.rmel.base.BadInputException;

/** A chat template that cannot be read or rendered; the message names the file and the construct. */
public final class ChatTemplateException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public ChatTemplateException(String message) {
        super(message);
    }
}
