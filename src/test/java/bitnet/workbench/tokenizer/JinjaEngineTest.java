package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Jinjava, as set up for chat templates, against Python Jinja2. Every expected string was produced
 * by Jinja2 3.1.6 in Hugging Face's environment (ImmutableSandboxedEnvironment, trim_blocks,
 * lstrip_blocks, loopcontrols) with the same conversation and variables.
 */
class JinjaEngineTest {

    static final List<Map<String, Object>> CONVERSATION = List.of(
            message("system", "You are a helpful assistant"), message("user", "Hello"),
            message("assistant", "Hi there"), message("user", "Who are you"));

    static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    static String render(String template) {
        Map<String, Object> v = new HashMap<>();
        v.put("messages", CONVERSATION);
        v.put("add_generation_prompt", true);
        v.put("bos_token", "<|begin_of_text|>");
        v.put("eos_token", "<|end_of_text|>");
        return JinjaEngine.render(template, v);
    }

    @Test
    void pythonStringMethodsWorkOnStrings() {
        assertThat(render("{{ messages[0]['content'].strip() }}|{{ messages[1]['role'].title() }}|{{ 'hello wORLD it\\'s'.title() }}"
                + "|{{ messages[0].content.upper() }}|{{ ' x '.lstrip() }}|{{ ' x '.rstrip() }}|"))
                .isEqualTo("You are a helpful assistant|User|Hello World It'S|YOU ARE A HELPFUL ASSISTANT|x | x|");
    }

    @Test
    void startswithAcceptsAStringOrATuple() {
        assertThat(render("{% if messages[0]['role'].startswith('sys') %}S{% endif %}{% if 'abc'.endswith(('x','c')) %}E{% endif %}"))
                .isEqualTo("SE");
    }

    @Test
    void splitAndJoinBehaveAsInPython() {
        assertThat(render("{{ 'a, b, c'.split(', ') | join('+') }}|{{ '-'.join(['x','y']) }}|{{ ' a  b '.split() | length }}"))
                .isEqualTo("a+b+c|x-y|2");
    }

    @Test
    void loopVariablesCountFromOne() {
        assertThat(render("{% for m in messages %}{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %} {% endfor %}"))
                .isEqualTo("1/4F 2/4 3/4 4/4L ");
    }

    @Test
    void firstMessageIndexingAndSlicingSeparateTheSystemPrompt() {
        assertThat(render("{% if messages[0]['role'] == 'system' %}{% set sys = messages[0]['content'] %}{% set rest = messages[1:] %}"
                + "{% else %}{% set rest = messages %}{% endif %}[{{ sys }}]{% for m in rest %}{{ m.role }};{% endfor %}"))
                .isEqualTo("[You are a helpful assistant]user;assistant;user;");
    }

    @Test
    void namespaceCarriesValuesOutOfLoops() {
        assertThat(render("{% set ns = namespace(n=0) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.n = ns.n + 1 %}{% endif %}{% endfor %}{{ ns.n }}"))
                .isEqualTo("2");
    }

    @Test
    void whitespaceControlOnExpressionsAndBlocksTrims() {
        assertThat(render("A  \n  {{- 'x' -}}  \n  B{{ 'y' }}\n{%- if true %}\n  C\n{% endif %}\nD\n")).isEqualTo("AxBy  C\nD");
    }

    @Test
    void trimBlocksAndLstripBlocksRemoveTagLines() {
        assertThat(render("{% for m in messages %}\n    {{ m.role }}\n{% endfor %}\n"))
                .isEqualTo("    system\n    user\n    assistant\n    user\n");
    }

    @Test
    void definedTestsSeeMissingVariables() {
        assertThat(render("{% if tools is defined %}T{% else %}noT{% endif %}")).isEqualTo("noT");
    }

    @Test
    void filtersBindTighterThanPlusAsInJinja() {
        assertThat(render("{{ 'hELLO wORLD' | capitalize }}|{{ 'user' | capitalize }}")).isEqualTo("Hello world|User");
        assertThat(render("{{ 'a' ~ 1 ~ 'b' }}|{{ 1 + 2 * 3 }}|{{ 'x' + 'y' | upper }}")).isEqualTo("a1b|7|xY");
    }

    @Test
    void listAccessFromTheEndWorks() {
        assertThat(render("{{ (messages | last)['content'] }}|{{ messages[-1].role }}|{{ messages | length }}")).isEqualTo("Who are you|user|4");
    }

    @Test
    void dictGetWithDefault() {
        assertThat(render("{{ messages[0].get('role') }}|{{ messages[0].get('missing', 'dflt') }}")).isEqualTo("system|dflt");
    }

    @Test
    void raiseExceptionStopsRenderingWithTheTemplatesMessage() {
        assertThatThrownBy(() -> render("{% for m in messages %}{% if m.role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% endfor %}"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("System role not supported");
    }

    @Test
    void syntaxErrorsAreChatTemplateExceptions() {
        assertThatThrownBy(() -> render("{% for m in messages %}{{ m.role }}"))
                .isInstanceOf(ChatTemplateException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%d %b %Y|05 Mar 2025",
            "%Y-%m-%d %H:%M:%S|2025-03-05 14:07:09",
            "%A %B %j %I%p %%|Wednesday March 064 02PM %"})
    void strftimeFollowsPythonCodes(String format, String expected) {
        ZonedDateTime t = ZonedDateTime.of(2025, 3, 5, 14, 7, 9, 0, ZoneOffset.UTC);
        assertThat(JinjaEngine.strftime(t, format)).isEqualTo(expected);
    }

    @Test
    void strftimeNowIsCallableFromTemplates() {
        assertThat(render("{{ strftime_now('%Y') }}")).matches("\\d{4}");
    }
}
