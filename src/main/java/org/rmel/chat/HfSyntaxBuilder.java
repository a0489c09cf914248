package org.rmel.chat;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import jinjava.de.odysseus.el.tree.impl.Parser;

/**
 * Jinjava's expression syntax plus what Hugging Face chat templates use and Jinjava lacks:
 * Python slices with a step ({@code messages[::-1]}) and keyword arguments whose value is a whole
 * expression ({@code namespace(i=messages|length - 1)}). Public with these two constructors
 * because the expression factory instantiates it by class name.
 */
public final class HfSyntaxBuilder extends ExtendedSyntaxBuilder {
    private static final long serialVersionUID = 1L;

    public HfSyntaxBuilder() {
        super();
    }

    public HfSyntaxBuilder(Feature... features) {
        super(features);
    }

    @Override
    protected Parser createParser(String expression) {
        return new HfParser(this, expression);
    }
}
