package org.rmel.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jinjava's {@code for} plus Jinja's loop filter, {@code {% for m in messages if m.role != 'system' %}}:
 * items failing the condition are skipped before the loop starts, so {@code loop.index},
 * {@code loop.first} and {@code loop.last} count only the kept items, as in Jinja. (Jinjava read
 * {@code messages if cond} as a conditional expression and silently kept every item.)
 */
final class FilteringForTag extends ForTag {
    private static final long serialVersionUID = 1L;

    @Override
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        var varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        List<String> vars = varsAndExpression.getLeft();
        String expression = varsAndExpression.getRight();
        int at = loopFilterAt(expression);
        if (at < 0) {
            return super.interpretUnchecked(tagNode, interpreter);
        }
        Object collection = interpreter.resolveELExpression(expression.substring(0, at), tagNode.getLineNumber());
        String condition = expression.substring(at + " if ".length());
        List<Object> kept = new ArrayList<>();
        ForLoop items = ObjectIterator.getLoop(collection);
        while (items.hasNext()) {
            Object item = items.next();
            try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
                bind(interpreter, vars, item);
                if (ObjectTruthValue.evaluate(interpreter.resolveELExpression(condition, tagNode.getLineNumber()))) {
                    kept.add(item);
                }
            }
        }
        return renderForCollection(tagNode, interpreter, vars, kept);
    }

    private static void bind(JinjavaInterpreter interpreter, List<String> vars, Object item) {
        if (vars.size() == 1) {
            interpreter.getContext().put(vars.get(0), item);
            return;
        }
        List<?> values;
        if (item instanceof Map.Entry<?, ?> e) {
            values = java.util.Arrays.asList(e.getKey(), e.getValue());
        } else if (item instanceof List<?> l) {
            values = l;
        } else {
            values = List.of();
        }
        for (int i = 0; i < vars.size(); i++) {
            interpreter.getContext().put(vars.get(i), i < values.size() ? values.get(i) : null);
        }
    }

    /**
     * Where the loop filter's {@code " if "} starts in the loop expression: the first one outside
     * strings and brackets that no {@code " else "} follows (which would make it a conditional
     * expression); -1 when there is none.
     */
    static int loopFilterAt(String expression) {
        int depth = 0;
        char quote = 0;
        int found = -1;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && found < 0 && expression.startsWith(" if ", i)) {
                found = i;
            } else if (depth == 0 && found >= 0 && expression.startsWith(" else ", i)) {
                return -1;
            }
        }
        return found;
    }
}
