package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperienceMakersTest {

    @Test
    void builtInCritiqueIsTheWrongLineAndHeuristicTheCorrectedOne() {
        TaskProblem p = new TaskProblem("train-1", "7*8+46-49", "53");
        String positive = "56+46-49\n102-49\nAnswer: 53\n";
        String negative = "56+46-49\n92-49\nAnswer: 43\n";
        MetaExperienceText e = new ArithExperienceMaker().make(
                List.of(new ExperienceMaker.Pair(p, positive, negative, 1)), 0).get(0);
        assertEquals("92-49", e.critique());
        assertEquals("102-49", e.heuristic());
        assertEquals("C:92-49\nH:102-49\n", e.target());
        assertEquals("Q:7*8+46-49\nH:\n" + positive + "#\n" + negative + "#\n", e.retroContext());
        assertEquals("Q:7*8+46-49\nH:102-49\n", new ArithPromptFormat().replayPrompt(p, e),
                "the replay puts the heuristic in the hint slot");
    }

    @Test
    void llmExperienceFieldsAreReadFromTheirLabels() {
        String text = "Some thinking.\nCritique: the sign was dropped in step 2\nHeuristic: keep track of signs\n";
        assertEquals("the sign was dropped in step 2", TemplateExperienceMaker.field(text, "Critique:"));
        assertEquals("keep track of signs", TemplateExperienceMaker.field(text, "Heuristic:"));
        assertEquals("", TemplateExperienceMaker.field("no labels", "Critique:"));
        assertTrue(new TemplatePromptFormat("{problem} Answer:", "{problem} Lesson: {experience}")
                .replayPrompt(new TaskProblem("a", "1+1?", "2"), new MetaExperienceText("c.", "h.", "", ""))
                .equals("1+1? Lesson: c. h."));
    }
}
