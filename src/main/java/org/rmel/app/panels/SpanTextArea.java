package org.rmel.app.panels;

import java.util.Collection;
import java.util.List;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.rmel.figures.data.TextSpan;

/**
 * A read-only, wrapping RichTextFX text area whose style classes come from {@link TextSpan}s —
 * the same spans the exported trajectory figure is drawn from.
 */
final class SpanTextArea {
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final VirtualizedScrollPane<StyleClassedTextArea> node = new VirtualizedScrollPane<>(area);

    SpanTextArea(String id) {
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("trajectory-text");
    }

    StyleClassedTextArea area() {
        return area;
    }

    VirtualizedScrollPane<StyleClassedTextArea> node() {
        return node;
    }

    void show(String text, List<TextSpan> spans) {
        area.replaceText(text);
        if (!text.isEmpty() && !spans.isEmpty()) {
            area.setStyleSpans(0, styleSpans(spans));
        }
        area.moveTo(0);
        area.requestFollowCaret();
    }

    static StyleSpans<Collection<String>> styleSpans(List<TextSpan> spans) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        for (TextSpan s : spans) {
            b.add(List.copyOf(s.roles()), s.length());
        }
        return b.create();
    }
}
