package org.rmel.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.loader.ResourceLocator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * Renders an untrusted Jinja template as Hugging Face does — {@code trim_blocks} and
 * {@code lstrip_blocks} on, Python operator precedence, {@code {{-}} trimming, {@code tojson},
 * {@code raise_exception}, {@code strftime_now}, Python string methods — inside limits:
 * <ul>
 * <li>no Java: a template reaches only strings, numbers, lists and dicts, through
 *     {@link PythonMethods}; no getter or other method of any object, no class;
 * <li>no files: {@code include}, {@code import}, {@code from} and {@code extends} are disabled
 *     and the loader refuses every name;
 * <li>bounded output, string, list and {@code range()} sizes ({@link TemplateLimits#maxChars});
 * <li>bounded work: a step budget counted at every node rendered, and a wall-clock limit after
 *     which the rendering thread is interrupted and, if it still runs, abandoned.
 * </ul>
 * Values are never re-rendered as templates (Jinjava's nested interpretation is off), so a
 * problem text containing {@code {{ }}} stays text; values print as Python prints them
 * ({@code ['a', 'b']}, {@code True}), through a writer bounded like the output.
 */
final class JinjaSandbox {

    /** Why a rendering failed, with the template line when known. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        Failure(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private static final Set<String> FILE_TAGS = Set.of("include", "import", "from", "extends");

    private final TemplateLimits limits;
    private final Jinjava jinjava;
    private final ELResolver resolver;

    JinjaSandbox(TemplateLimits limits) {
        this.limits = limits;
        this.jinjava = new HfJinjava(config(null));
        jinjava.setResourceLocator(new NoFiles());
        jinjava.getGlobalContext().registerFilter(new PythonJson(limits.maxChars()));
        jinjava.getGlobalContext().registerTag(new FilteringForTag());
        try {
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                    TemplateFunctions.class.getMethod("raiseException", Object.class)));
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "range",
                    TemplateFunctions.class.getMethod("range", Object.class, Object[].class)));
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                    TemplateFunctions.class.getMethod("strftimeNow", String.class)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        this.resolver = new CompositeELResolver() {
            {
                add(new ArrayELResolver(true));
                add(new JinjavaListELResolver(true));
                add(new TypeConvertingMapELResolver(true));
                add(new PythonMethods());
                add(new JinjavaBeanELResolver(true));
            }
        };
    }

    private JinjavaConfig config(StepBudget budget) {
        JinjavaConfig.Builder b = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(false) // applied to the source by LstripBlocks: Jinjava's strips too much
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withUsePyishObjectMapper(true)
                        .build())
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(limits.maxChars())
                .withMaxStringLength(limits.maxChars())
                .withMaxListSize(limits.maxChars())
                .withMaxMapSize(limits.maxChars())
                .withRangeLimit(Math.min(limits.maxChars(), limits.maxSteps()))
                .withMaxRenderDepth(4)
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(32)
                .withDisabled(Map.of(Context.Library.TAG, FILE_TAGS));
        if (budget != null) {
            b.withElResolver(resolver).withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor(budget).build());
        }
        return b.build();
    }

    /** Renders {@code template} with {@code bindings}; throws with the first error and its line. */
    String render(String template, Map<String, Object> bindings) throws Failure {
        String source = LstripBlocks.apply(template);
        StepBudget budget = new StepBudget(limits.maxSteps(), limits.maxMillis());
        JinjavaConfig config = config(budget);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(jinjava.renderForResult(source, bindings, config));
            } catch (Throwable t) { // StackOverflowError and OutOfMemoryError included: the caller reports it
                outcome.set(t);
            }
        }, "chat-template");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(limits.maxMillis());
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(Math.max(100, limits.maxMillis() / 4));
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while rendering", 0);
        }
        Object result = outcome.get();
        if (result == null || budget.overTime()) {
            throw new Failure("rendering took longer than " + limits.maxMillis() + " ms (an endless or explosive loop?)",
                    lineOf(source, budget.node()));
        }
        if (budget.overSteps()) {
            throw new Failure("rendering needed more than " + limits.maxSteps()
                    + " template steps (an endless or explosive loop?)", lineOf(source, budget.node()));
        }
        TemplateError first = budget.firstFailure();
        if (first == null && result instanceof RenderResult rr) {
            first = rr.getErrors().stream().filter(JinjaSandbox::isFailure).findFirst().orElse(null);
        }
        if (first != null) {
            String raised = raisedMessage(first.getException());
            if (raised != null) {
                throw new Failure("the template raised an error: " + raised, lineOf(source, budget.node()));
            }
            String what = first.getFieldName() == null || first.getFieldName().isBlank() ? ""
                    : " in '" + first.getFieldName().strip() + "'";
            throw new Failure(first.getMessage() + what, lineOf(source, budget.node()));
        }
        if (result instanceof Throwable t) {
            throw new Failure(describe(t), lineOf(source, budget.node()));
        }
        RenderResult r = (RenderResult) result;
        return r.getOutput();
    }

    /**
     * The source line of {@code node}. Jinjava's own line numbers miss the newlines that
     * {@code trim_blocks} removes; its column is right, so the node's text is looked for at that
     * column from its reported line on.
     */
    static int lineOf(String template, com.hubspot.jinjava.tree.Node node) {
        if (node == null || node.getMaster() == null) {
            return 0;
        }
        String image = node.getMaster().getImage();
        String[] lines = template.split("\n", -1);
        int[] starts = new int[lines.length];
        for (int i = 1; i < lines.length; i++) {
            starts[i] = starts[i - 1] + lines[i - 1].length() + 1;
        }
        // the first place at or after the reported line where the node's text starts, preferring
        // the reported column (Jinjava's columns are off by one on some lines)
        int from = Math.max(0, node.getLineNumber() - 1);
        for (int i = from; i < lines.length && image != null && !image.isEmpty(); i++) {
            for (int column : new int[] {node.getStartPosition() - 1, node.getStartPosition() - 2}) {
                if (column >= 0 && template.startsWith(image, starts[i] + column)) {
                    return i + 1;
                }
            }
        }
        int at = image == null || image.isEmpty() || from >= lines.length ? -1 : template.indexOf(image, starts[from]);
        if (at >= 0) {
            int line = from;
            while (line + 1 < lines.length && starts[line + 1] <= at) {
                line++;
            }
            return line + 1;
        }
        return node.getLineNumber();
    }

    /**
     * Every error fails the rendering, and so does every warning (a macro cycle, a recursion
     * limit) except the one Jinja does not raise either: reading an undefined variable or
     * attribute (falsy, prints as nothing).
     */
    private static boolean isFailure(TemplateError e) {
        return e.getSeverity() == TemplateError.ErrorType.FATAL || e.getReason() != TemplateError.ErrorReason.UNKNOWN
                || e.getItem() != TemplateError.ErrorItem.PROPERTY;
    }

    private static String raisedMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TemplateFunctions.Raised r) {
                return r.getMessage();
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String raised = raisedMessage(t);
        if (raised != null) {
            return "the template raised an error: " + raised;
        }
        if (t instanceof StackOverflowError) {
            return "the template recursed too deeply";
        }
        if (t instanceof OutOfMemoryError) {
            return "the template built a value too large for memory";
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Counts rendered nodes and watches the clock; stops the rendering past either limit, and at
     * the first error (Jinjava would record it and go on). Jinjava files an error under the line of
     * the enclosing top-level tag; the line of the node that was rendering when it appeared is
     * kept here instead.
     */
    private static final class StepBudget implements java.util.function.BiConsumer<com.hubspot.jinjava.tree.Node,
            com.hubspot.jinjava.interpret.JinjavaInterpreter> {
        private final int maxSteps;
        private final long deadline;
        private int steps;
        private int errorsSeen;
        private volatile boolean overSteps;
        private volatile boolean overTime;
        private volatile com.hubspot.jinjava.tree.Node last;
        private volatile com.hubspot.jinjava.tree.Node failed;
        private volatile TemplateError firstFailure;

        StepBudget(int maxSteps, long maxMillis) {
            this.maxSteps = maxSteps;
            this.deadline = System.nanoTime() + maxMillis * 1_000_000L;
        }

        @Override
        public void accept(com.hubspot.jinjava.tree.Node node, com.hubspot.jinjava.interpret.JinjavaInterpreter in) {
            List<TemplateError> errors = in.getErrors();
            for (int i = errorsSeen; i < errors.size() && firstFailure == null; i++) {
                if (isFailure(errors.get(i))) {
                    firstFailure = errors.get(i);
                    failed = last;
                }
            }
            errorsSeen = errors.size();
            if (firstFailure != null) {
                throw new InterpretException("stopped at the first error", node.getLineNumber());
            }
            last = node;
            if (++steps > maxSteps) {
                overSteps = true;
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                overTime = true;
            }
            if (overSteps || overTime) {
                throw new InterpretException("template limit reached", node.getLineNumber());
            }
        }

        boolean overSteps() {
            return overSteps;
        }

        boolean overTime() {
            return overTime;
        }

        TemplateError firstFailure() {
            return firstFailure;
        }

        /** The failing node: the one rendering when the first error appeared, else the last started. */
        com.hubspot.jinjava.tree.Node node() {
            return failed != null ? failed : last;
        }
    }

    /** The loader behind include/import/from/extends: it finds nothing. */
    private static final class NoFiles implements ResourceLocator {
        @Override
        public String getString(String fullName, Charset encoding, com.hubspot.jinjava.interpret.JinjavaInterpreter in)
                throws IOException {
            throw new IOException("a chat template may not load other files ('" + fullName + "')");
        }
    }

    /** Jinjava with {@link HfSyntaxBuilder}'s expression syntax. */
    private static final class HfJinjava extends Jinjava {
        private final ExpressionFactory factory;

        HfJinjava(JinjavaConfig config) {
            super(config);
            Properties p = new Properties();
            p.setProperty(TreeBuilder.class.getName(), HfSyntaxBuilder.class.getName());
            this.factory = new ExpressionFactoryImpl(p, new TruthyTypeConverter());
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return factory;
        }

        @Override
        public ExpressionFactory getEagerExpressionFactory() {
            return factory;
        }
    }
}
