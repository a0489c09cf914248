package org.rmel.datasets;

import java.util.Map;

/**
 * Tiny files in the layouts the hub publishes, one per benchmark, and what each must convert to.
 * Each holds two records: the conversion must keep order, pick the right columns and unwrap
 * the shapes the sources use (boxed solution, list of final answers, numeric answer).
 */
final class HubLayouts {
    private HubLayouts() {
    }

    static final Map<String, String> RAW = Map.of(
            "math500", """
                    {"problem": "What is $1+1$?", "solution": "Add: $\\\\boxed{2}$.", "answer": "2", "subject": "Prealgebra", "level": 1, "unique_id": "test/prealgebra/1.json"}
                    {"problem": "Simplify $\\\\frac{2}{4}$.", "solution": "...", "answer": "\\\\frac{1}{2}", "subject": "Algebra", "level": 2, "unique_id": "test/algebra/2.json"}
                    """,
            "aime24", """
                    {"id": 60, "problem": "Find $x$ if $x+1=205$.", "solution": "\\\\boxed{204}", "url": "https://example.org/1"}
                    {"id": 61, "problem": "Find $y$.", "solution": "So $y = \\\\boxed{\\\\frac{3}{4}}$", "url": "https://example.org/2"}
                    """,
            "aime25", """
                    {"problem": "Find the sum of all integer bases $b>9$.", "answer": "70", "id": "0"}

                    {"problem": "Find $n$.", "answer": 588, "id": "1"}
                    """,
            "amc23", """
                    {"id": 0, "question": "How many miles?", "answer": 27.0, "url": "https://example.org/a"}
                    {"id": 1, "question": "What is $x+y$?", "answer": 36.0, "url": "https://example.org/b"}
                    """,
            "olympiadbench", """
                    {"id": 1606, "question": "How many moves?", "solution": ["long text"], "final_answer": ["2"], "is_multiple_answer": false}
                    {"id": 1607, "question": "Find all pairs.", "solution": ["text"], "final_answer": ["$(1,2)$", "$(2,1)$"], "is_multiple_answer": true}
                    """,
            "minervamath", """
                    {"question": "Find the diameter in cm.", "answer": "1.6", "type": "Introduction to Astronomy (8.282J Spring 2006)", "idx": 0}
                    {"question": "Compute the radius.", "answer": "8.7e8", "type": "Introduction to Astronomy (8.282J Spring 2006)", "idx": 1}
                    """);

    static final Map<String, String> CONVERTED = Map.of(
            "math500", """
                    {"problem":"What is $1+1$?","answer":"2"}
                    {"problem":"Simplify $\\\\frac{2}{4}$.","answer":"\\\\frac{1}{2}"}
                    """,
            "aime24", """
                    {"problem":"Find $x$ if $x+1=205$.","answer":"204"}
                    {"problem":"Find $y$.","answer":"\\\\frac{3}{4}"}
                    """,
            "aime25", """
                    {"problem":"Find the sum of all integer bases $b>9$.","answer":"70"}
                    {"problem":"Find $n$.","answer":"588"}
                    """,
            "amc23", """
                    {"problem":"How many miles?","answer":"27"}
                    {"problem":"What is $x+y$?","answer":"36"}
                    """,
            "olympiadbench", """
                    {"problem":"How many moves?","answer":"2"}
                    {"problem":"Find all pairs.","answer":"$(1,2)$, $(2,1)$"}
                    """,
            "minervamath", """
                    {"problem":"Find the diameter in cm.","answer":"1.6"}
                    {"problem":"Compute the radius.","answer":"8.7e8"}
                    """);
}
