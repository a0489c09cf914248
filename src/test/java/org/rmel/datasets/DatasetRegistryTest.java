package org.rmel.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmel.tasks.Benchmark;
import org.rmel.tasks.BenchmarkRegistry;

class DatasetRegistryTest {
    @Test
    void everyBenchmarkOfTheTaskRegistryHasAHubSourceUnderTheSameFileName() {
        List<DatasetSource> sources = DatasetRegistry.all();
        assertEquals(BenchmarkRegistry.all(), sources.stream().map(DatasetSource::benchmark).toList());
        assertEquals(List.of("math500", "aime24", "aime25", "amc23", "olympiadbench", "minervamath"),
                sources.stream().map(DatasetSource::name).toList());
        for (DatasetSource s : sources) {
            Benchmark b = s.benchmark();
            assertEquals(b.fileName(), s.localFileName());
            assertTrue(s.repo().matches("[\\w.-]+/[\\w.-]+"), s.repo());
        }
    }

    @Test
    void namesAreLookedUpLikeTheTaskRegistryDoes() {
        assertEquals("math500", DatasetRegistry.byName("MATH-500").orElseThrow().name());
        assertEquals("minervamath", DatasetRegistry.byName("Minerva").orElseThrow().name());
        assertTrue(DatasetRegistry.byName("gsm8k").isEmpty());
    }

    @Test
    void urlsUseTheHubsResolveMainFormWithOrWithoutATrailingSlash() {
        DatasetSource math = DatasetRegistry.byName("math500").orElseThrow();
        String expected = "https://huggingface.co/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl";
        assertEquals(expected, math.url(java.net.URI.create("https://huggingface.co")).toString());
        assertEquals(expected, math.url(java.net.URI.create("https://huggingface.co/")).toString());
    }
}
