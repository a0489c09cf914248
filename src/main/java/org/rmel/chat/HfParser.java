package org.rmel.chat;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.List;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionPoint;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;

/**
 * The expression parser of {@link HfSyntaxBuilder}. Two rules differ from Jinjava's:
 * <ul>
 * <li>a call argument {@code name=EXPR} takes the whole expression (Jinjava binds {@code =} like
 *     {@code +}, so {@code i=n - 1} became {@code (i=n) - 1});
 * <li>a subscript with two colons is a Python slice {@code [start:stop:step]}, evaluated by
 *     {@link AstSlice};
 * <li>{@code n+1} adds: Jinjava's scanner reads {@code +1} after an operand as its unary
 *     "absolute value" operator and failed to parse it;
 * <li>the engine's internal names ({@code ____int3rpr3t3r____}, {@code filter:x},
 *     {@code exptest:x}) cannot be written in a template: they would hand it Java objects.
 * </ul>
 * Everything else goes to Jinjava's parser. This parser always uses Python's operator precedence
 * (the engine turns Jinjava's {@code useNaturalOperatorPrecedence} on).
 */
final class HfParser extends ExtendedParser {

    HfParser(Builder context, String input) {
        super(context, input);
        refuseInternalNames(input);
    }

    /** Rejects the engine's internal identifiers outside string literals. */
    private static void refuseInternalNames(String input) {
        StringBuilder code = new StringBuilder(input.length());
        char quote = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                code.append(' ');
            } else if (c == '\'' || c == '"') {
                quote = c;
                code.append(' ');
            } else {
                code.append(c);
            }
        }
        if (INTERNAL.matcher(code).find()) {
            throw new jinjava.javax.el.ELException("'" + input.strip() + "' uses a name reserved by the template engine");
        }
    }

    private static final java.util.regex.Pattern INTERNAL = java.util.regex.Pattern.compile(
            "____int3rpr3t3r____|\\b(filter|exptest)\\s*:\\s*[A-Za-z_]");

    /**
     * Jinjava renders an unknown filter or test as nothing; Jinja refuses the template. Checked
     * here, when the name is parsed, against the rendering interpreter's filters and tests.
     */
    @Override
    protected AstIdentifier createAstIdentifier(String name, int index) {
        JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
        if (in != null && name.startsWith(FILTER_PREFIX)
                && in.getContext().getFilter(name.substring(FILTER_PREFIX.length())) == null) {
            throw new jinjava.javax.el.ELException("no filter named '" + name.substring(FILTER_PREFIX.length()) + "'");
        }
        if (in != null && name.startsWith(EXPTEST_PREFIX)
                && in.getContext().getExpTest(name.substring(EXPTEST_PREFIX.length())) == null) {
            throw new jinjava.javax.el.ELException("no test named '" + name.substring(EXPTEST_PREFIX.length()) + "'");
        }
        return super.createAstIdentifier(name, index);
    }

    @Override
    protected AstNode add(boolean required) throws ScanException, ParseException {
        AstNode v = mul(required);
        if (v == null) {
            return null;
        }
        while (true) {
            Scanner.Token t = getToken();
            if (t.getSymbol() == Symbol.PLUS || (t.getSymbol() == Symbol.EXTENSION && "+".equals(t.getImage()))) {
                consumeToken();
                v = createAstBinary(v, mul(true), AdditionOperator.OP);
            } else if (t.getSymbol() == Symbol.MINUS) {
                consumeToken();
                v = createAstBinary(v, mul(true), AstBinary.SUB);
            } else if (t.getSymbol() == Symbol.EXTENSION
                    && getExtensionHandler(t).getExtensionPoint() == ExtensionPoint.ADD) {
                v = getExtensionHandler(consumeToken()).createAstNode(v, mul(true));
            } else {
                return v;
            }
        }
    }

    @Override
    protected AstParameters params(Symbol left, Symbol right) throws ScanException, ParseException {
        consumeToken(left);
        List<AstNode> args = new ArrayList<>();
        AstNode arg = argument(false);
        if (arg != null) {
            args.add(arg);
            while (getToken().getSymbol() == Symbol.COMMA) {
                consumeToken();
                args.add(argument(true));
            }
        }
        consumeToken(right);
        return createAstParameters(args);
    }

    private AstNode argument(boolean required) throws ScanException, ParseException {
        if (getToken().getSymbol() == Symbol.IDENTIFIER) {
            Scanner.Token next = lookahead(0);
            if (next.getSymbol() == Symbol.EXTENSION && "=".equals(next.getImage())) {
                String name = consumeToken().getImage();
                consumeToken();
                return new AstNamedParameter(identifier(name), expr(true));
            }
        }
        return expr(required);
    }

    @Override
    protected AstNode value() throws ScanException, ParseException {
        boolean lvalue = true;
        AstNode v = nonliteral();
        if (v == null) {
            v = literal();
            if (v == null) {
                return null;
            }
            lvalue = false;
        }
        boolean methods = context.isEnabled(Builder.Feature.METHOD_INVOCATIONS);
        boolean strict = !context.isEnabled(Builder.Feature.NULL_PROPERTIES);
        while (true) {
            Symbol s = getToken().getSymbol();
            if (s == Symbol.DOT) {
                consumeToken();
                AstDot dot = createAstDot(v, consumeToken(Symbol.IDENTIFIER).getImage(), lvalue);
                v = methods && getToken().getSymbol() == Symbol.LPAREN ? createAstMethod(dot, params()) : dot;
            } else if (s == Symbol.LBRACK) {
                consumeToken();
                v = subscript(v, lvalue, strict, methods);
            } else {
                return v;
            }
        }
    }

    /** After '[': an index, a slice {@code [a:b]} or a stepped slice {@code [a:b:c]}. */
    private AstNode subscript(AstNode base, boolean lvalue, boolean strict, boolean methods)
            throws ScanException, ParseException {
        AstNode first = expr(false);
        if (getToken().getSymbol() == Symbol.RBRACK) {
            consumeToken();
            if (first == null) {
                fail("an index");
            }
            AstBracket bracket = createAstBracket(base, first, lvalue, strict);
            return methods && getToken().getSymbol() == Symbol.LPAREN ? createAstMethod(bracket, params()) : bracket;
        }
        consumeToken(Symbol.COLON);
        AstNode second = expr(false);
        if (getToken().getSymbol() == Symbol.RBRACK) {
            consumeToken();
            return createAstRangeBracket(base, first, second, lvalue, strict);
        }
        consumeToken(Symbol.COLON);
        AstNode step = expr(false);
        consumeToken(Symbol.RBRACK);
        return new AstSlice(base, first, second, step);
    }
}
