package org.rmel.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chat template comes from a downloaded model folder: untrusted input. Hostile templates end in
 * a clear error that names the template, quickly, and reach no Java object, class or file.
 */
class ChatTemplateSandboxTest {

    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("S"), ChatMessage.user("Q"));

    /** The error a hostile template gets; the test fails if it renders or takes more than 60 s. */
    private static String refusal(String template, TemplateLimits limits) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ChatTemplate t = ChatTemplate.of(template, "hostile.jinja", Map.of(), limits);
            ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> t.render(CHAT, true),
                    () -> "rendered: " + template);
            assertTrue(e.getMessage().startsWith("hostile.jinja: chat template cannot be rendered"), e.getMessage());
            return e.getMessage();
        });
    }

    private static String refusal(String template) {
        return refusal(template, TemplateLimits.defaults());
    }

    @Test
    void endlessLoopsStopAtTheStepBudget() {
        String m = refusal("{% for i in range(100000) %}{% for j in range(100000) %}\n{{ i }}{% endfor %}{% endfor %}");
        assertTrue(m.contains("more than 200000 template steps"), m);
        m = refusal("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        assertTrue(m.contains("recursion"), m);
    }

    @Test
    void slowRenderingStopsAtTheTimeLimit() {
        // each step is cheap, so only the clock stops this one
        String m = refusal("{% for i in range(1000) %}{% for j in range(1000) %}{{ j }}{% endfor %}{% endfor %}",
                new TemplateLimits(100_000_000, Integer.MAX_VALUE, 300));
        assertTrue(m.contains("longer than 300 ms"), m);
    }

    @Test
    void hugeOutputsAndValuesStopAtTheSizeLimit() {
        assertTrue(refusal("{% for i in range(200000) %}xxxxxxxxxx{% endfor %}").contains("over limit of 1000000"));
        assertTrue(refusal("{% set s = 'x' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}")
                .contains("over limit"));
        assertTrue(refusal("{% set ns = namespace(a=[1]) %}{% for i in range(40) %}{% set ns.a = ns.a + ns.a %}"
                + "{% endfor %}{{ ns.a|length }}").contains("greater than the maximum size"));
        // shared references make a value exponentially large to print or serialise
        String doubling = "{% set ns = namespace(a=[1]) %}{% for i in range(40) %}{% set ns.a = [ns.a, ns.a] %}{% endfor %}";
        assertTrue(refusal(doubling + "{{ ns.a }}").contains("over limit"));
        assertTrue(refusal(doubling + "{{ ns.a | tojson }}").contains("tojson output longer than"));
        assertTrue(refusal("{{ range(100000000) | list | length }}").contains("range"));
    }

    @Test
    void noJavaObjectClassOrMethodIsReachable() {
        for (String probe : List.of("{{ messages.getClass() }}", "{{ ''.getClass().forName('java.lang.Runtime') }}",
                "{{ messages[0].getClass() }}", "{{ messages[0].role.getBytes() }}", "{{ messages.iterator() }}",
                "{% for m in messages %}{{ loop.getClass() }}{% endfor %}", "{{ (1).getClass() }}",
                "{{ namespace().getClass() }}", "{{ messages[0].role.toString() }}", "{{ messages.stream() }}",
                "{{ ____int3rpr3t3r____ }}", "{{ ____int3rpr3t3r____.getConfig() }}",
                "{{ filter:upper.filter('x', ____int3rpr3t3r____) }}", "{{ exptest:defined.evaluate(1, none) }}")) {
            String m = refusal(probe);
            assertFalse(m.contains("java.lang.Runtime@") || m.contains("JinjavaInterpreter@"), m);
        }
        // attributes of non-containers are undefined: no getter runs, nothing Java prints
        ChatTemplate t = ChatTemplate.of("{% for m in messages %}{{ loop.class }}{% endfor %}", "hostile.jinja", Map.of());
        String m = assertThrows(ChatTemplateException.class, () -> t.render(CHAT, true)).getMessage();
        assertTrue(m.contains("loop.class is not supported"), m);
        ChatTemplate attrs = ChatTemplate.of("[{{ messages.class }}{{ messages[0].role.class }}"
                + "{{ messages[0].role.bytes }}{{ ''.blank }}{{ (1).class }}{{ messages[0].__class__ }}]",
                "hostile.jinja", Map.of());
        assertEquals("[]", attrs.render(CHAT, true));
    }

    @Test
    void noFileCanBeRead() {
        for (String tag : List.of("{% include '/etc/passwd' %}", "{% import '/etc/passwd' as p %}",
                "{% from '/etc/passwd' import x %}", "{% extends '/etc/passwd' %}")) {
            String m = refusal(tag);
            assertTrue(m.contains("is disabled"), m);
            assertFalse(m.contains("root:"), m);
        }
    }

    @Test
    void messageTextIsNeverRenderedAsATemplate() {
        ChatTemplate t = ChatTemplate.of("{% for m in messages %}{{ m.content }}|{% endfor %}", "plain.jinja", Map.of());
        assertEquals("{{ range(10**9)|list }}|{% include '/etc/passwd' %}|",
                t.render(List.of(ChatMessage.user("{{ range(10**9)|list }}"), ChatMessage.user("{% include '/etc/passwd' %}")),
                        false));
    }
}
