package org.rmel.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates rendered as Hugging Face's {@code apply_chat_template} renders them. Every
 * expected text here is written out by hand from the template's source.
 */
class ChatTemplateTest {

    @TempDir
    Path dir;

    private static String resource(String name) {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChatTemplate folderWith(String resourceName) throws IOException {
        Files.writeString(dir.resolve(ChatTemplate.TOKENIZER_CONFIG), resource(resourceName));
        return ChatTemplate.find(dir).orElseThrow();
    }

    @Test
    void qwen25OneUserTurnIsExactlyTheReferenceText() throws IOException {
        ChatTemplate t = folderWith("qwen2.5-tokenizer_config.json");
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n",
                t.render(List.of(ChatMessage.user("What is 1+1?")), true));
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 1+1?<|im_end|>\n",
                t.render(List.of(ChatMessage.user("What is 1+1?")), false));
        assertTrue(t.origin().endsWith("tokenizer_config.json (chat_template)"), t.origin());
    }

    @Test
    void qwen25ConversationKeepsContentVerbatimAndItsOwnSystemPrompt() throws IOException {
        ChatTemplate t = folderWith("qwen2.5-tokenizer_config.json");
        String text = t.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("  Hi\n"),
                ChatMessage.assistant("Hello!"), ChatMessage.user("x^{{2}} = 4 {% raw %}")), true);
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n"
                + "<|im_start|>user\n  Hi\n<|im_end|>\n"
                + "<|im_start|>assistant\nHello!<|im_end|>\n"
                + "<|im_start|>user\nx^{{2}} = 4 {% raw %}<|im_end|>\n"
                + "<|im_start|>assistant\n", text);
    }

    @Test
    void llama3StyleStartsWithBosTrimsContentAndEndsTurnsWithEot() throws IOException {
        ChatTemplate t = folderWith("llama3-tokenizer_config.json");
        String text = t.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("  What is 1+1? \n")), true);
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 1+1?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", text);
        assertEquals(Optional.of("<|eot_id|>"), t.endOfTurn());
        assertEquals("<|begin_of_text|>", t.specialTokens().get("bos_token"));
    }

    @Test
    void qwen3StyleConstructsNamespaceReversedSliceAndStringMethods() throws IOException {
        Files.writeString(dir.resolve(ChatTemplate.JINJA_FILE), resource("qwen3-style.jinja"));
        ChatTemplate t = ChatTemplate.find(dir).orElseThrow();
        assertTrue(t.origin().endsWith(ChatTemplate.JINJA_FILE));
        String think1 = "<think>\nr1\n</think>\n\nA1";
        assertEquals("<|im_start|>system\nS<|im_end|>\n"
                + "<|im_start|>user\nQ1<|im_end|>\n"
                + "<|im_start|>assistant\nA1<|im_end|>\n"
                + "<|im_start|>user\nQ2<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\nr2\n</think>\n\nA2<|im_end|>\n",
                t.render(List.of(ChatMessage.system("S"), ChatMessage.user("Q1"), ChatMessage.assistant(think1),
                        ChatMessage.user("Q2"), ChatMessage.assistant("<think>\n\nr2\n\n</think>\n\n\nA2")), false));
        // the last user turn is a tool response, so the last query is the first user turn and the
        // assistant turn after it keeps its reasoning
        assertEquals("<|im_start|>user\nQ1<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\nr1\n</think>\n\nA1<|im_end|>\n"
                + "<|im_start|>user\n<tool_response>ok</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n",
                t.render(List.of(ChatMessage.user("Q1"), ChatMessage.assistant(think1),
                        ChatMessage.user("<tool_response>ok</tool_response>")), true));
        assertEquals(Optional.of("<|im_end|>"), t.endOfTurn());
    }

    private static String render(String template) {
        return ChatTemplate.of(template, "inline.jinja", Map.of("eos_token", "</s>"))
                .render(List.of(ChatMessage.system("S"), ChatMessage.user("Q \"1\"\n"), ChatMessage.assistant("A")), true);
    }

    @Test
    void tojsonIsPythonsJsonDumps() {
        assertEquals("{\"role\": \"user\", \"content\": \"Q \\\"1\\\"\\n\"}", render("{{ messages[1] | tojson }}"));
        assertEquals("{\"a\": [1, \"é<&>\", true, null], \"b\": {}}",
                render("{% set d = {'a': [1, 'é<&>', true, none], 'b': {}} %}{{ d | tojson }}"));
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ]\n}", render("{{ {'a': [1, 2]} | tojson(indent=2) }}"));
    }

    @Test
    void pythonSlicesMethodsOperatorsAndFilters() {
        assertEquals("fdb|cba|[3, 2, 1]|[2, 3]|[1, 2]|ace", render("{{ 'abcdef'[::-2] }}|{{ 'abc'[::-1] }}|"
                + "{{ [1, 2, 3][::-1] }}|{{ [1, 2, 3][-2:] }}|{{ [1, 2, 3][:-1] }}|{{ 'abcdef'[0:6:2] }}"));
        assertEquals("['a', 'b']|['a', '', 'b']|['a.b', 'c']|a-b|x|ab|in|3",
                render("{{ ' a  b '.split() }}|{{ 'a,,b'.split(',') }}|{{ 'a.b.c'.rsplit('.', 1) }}|"
                        + "{{ '-'.join(['a', 'b']) }}|{{ '..x..'.strip('.') }}|{{ ' ab '|trim }}|"
                        + "{{ 'in' if 'Q' in messages[1].content else 'out' }}|{{ messages|length }}"));
        assertEquals("2|7|1|3|4", render("{{ 1+1 }}|{{ 1 + 2 * 3 }}|{{ messages|length - 2 }}|{{ [1,2,3][1+1] }}"
                + "|{{ (messages|length) + 1 }}"));
        assertEquals("1:system 2:user 3:assistant", render("{% for m in messages %}{{ loop.index }}:{{ m.role }}"
                + "{{ ' ' if not loop.last }}{% endfor %}"));
        assertEquals("</s>|", render("{{ eos_token }}|{{ bos_token }}"));
    }

    @Test
    void lstripBlocksStripsOnlyIndentationBeforeATag() {
        assertEquals("x|a: x|a\n\t x|\ny|  {% x %}\n|\nb",
                render("  {% if true %}x{% endif %}|a: {% if true %}x{% endif %}|a\n\t {%+ if true %}x{% endif %}|"
                        + "\n  {# note #}y|{% raw %}  {% x %}\n{% endraw %}|\n   {% if true %}\nb{% endif %}"));
    }

    @Test
    void loopFilterSkipsItemsAndLoopCountsTheKeptOnes() {
        assertEquals("1user 2assistant.", render("{% for m in messages if m.role != 'system' %}{{ loop.index }}"
                + "{{ m.role }}{{ '.' if loop.last else ' ' }}{% endfor %}"));
        assertEquals("SQ \"1\"\nA", render("{% for m in (messages if true else []) %}{{ m.content }}{% endfor %}"));
    }

    @Test
    void noTemplateAndTheListForm() throws IOException {
        assertEquals(Optional.empty(), ChatTemplate.find(dir));
        Files.writeString(dir.resolve(ChatTemplate.TOKENIZER_CONFIG), "{\"eos_token\": {\"content\": \"</s>\"}, "
                + "\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}, "
                + "{\"name\": \"default\", \"template\": \"{{ messages[0].content }}{{ eos_token }}\"}]}");
        ChatTemplate t = ChatTemplate.find(dir).orElseThrow();
        assertEquals("hi</s>", t.render(List.of(ChatMessage.user("hi")), true));
        assertEquals(Optional.empty(), t.endOfTurn(), "this template shows no assistant turn at all");
        Files.writeString(dir.resolve(ChatTemplate.TOKENIZER_CONFIG),
                "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}]}");
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.find(dir));
        assertTrue(e.getMessage().contains("tokenizer_config.json") && e.getMessage().contains("no template named 'default'"),
                e.getMessage());
        Files.writeString(dir.resolve(ChatTemplate.TOKENIZER_CONFIG), "{\"chat_template\": ");
        e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.find(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(ChatTemplate.TOKENIZER_CONFIG) + ": not valid JSON"), e.getMessage());
    }

    @Test
    void aTemplateTheEngineCannotRenderIsAnErrorNamingFileLineAndConstruct() throws IOException {
        Files.writeString(dir.resolve(ChatTemplate.JINJA_FILE),
                "{% for m in messages %}\n{{ m.content }}{{ loop.previtem }}\n{% endfor %}");
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.find(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.resolve(ChatTemplate.JINJA_FILE).toString()), m);
        assertTrue(m.contains("line 2") && m.contains("loop.previtem"), m);

        Files.writeString(dir.resolve(ChatTemplate.JINJA_FILE), "{{ '%s!' % messages[0].content }}");
        m = assertThrows(ChatTemplateException.class, () -> ChatTemplate.find(dir)).getMessage();
        assertTrue(m.contains("'%s!' % messages[0].content"), m);

        Files.writeString(dir.resolve(ChatTemplate.JINJA_FILE), "{{ messages | nosuchfilter }}");
        m = assertThrows(ChatTemplateException.class, () -> ChatTemplate.find(dir)).getMessage();
        assertTrue(m.contains("no filter named 'nosuchfilter'"), m);
    }

    @Test
    void raiseExceptionStopsWithTheTemplatesOwnMessage() {
        ChatTemplate t = ChatTemplate.of("{% if messages[0].role == 'system' %}{{ raise_exception('System role not"
                + " supported') }}{% endif %}{{ messages[0].content }}", "gemma-like.jinja", Map.of());
        assertEquals("hi", t.render(List.of(ChatMessage.user("hi")), true));
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> t.render(List.of(ChatMessage.system("S"), ChatMessage.user("hi")), true));
        assertEquals("gemma-like.jinja: chat template cannot be rendered (line 1): the template raised an error: "
                + "System role not supported", e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
