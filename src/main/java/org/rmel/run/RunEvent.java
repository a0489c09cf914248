package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of {@code events.jsonl} (contract version 1). Every event carries {@code v},
 * {@code type} and {@code t} (epoch milliseconds); events that belong to a training step carry
 * {@code step}. The type names are the JSON {@code type} values; a reader skips types it does not
 * know, so newer writers can add types without breaking older workbenches.
 *
 * <p>A {@code t} of 0 asks {@link RunWriter} to stamp the time of writing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunStarted.class, name = RunStarted.TYPE),
        @JsonSubTypes.Type(value = GroupEvent.class, name = GroupEvent.TYPE),
        @JsonSubTypes.Type(value = RevisionEvent.class, name = RevisionEvent.TYPE),
        @JsonSubTypes.Type(value = MetaExperienceEvent.class, name = MetaExperienceEvent.TYPE),
        @JsonSubTypes.Type(value = StepEvent.class, name = StepEvent.TYPE),
        @JsonSubTypes.Type(value = EvalEvent.class, name = EvalEvent.TYPE),
        @JsonSubTypes.Type(value = CheckpointEvent.class, name = CheckpointEvent.TYPE),
        @JsonSubTypes.Type(value = RunFinished.class, name = RunFinished.TYPE),
        @JsonSubTypes.Type(value = RunFailed.class, name = RunFailed.TYPE),
        @JsonSubTypes.Type(value = Resumed.class, name = Resumed.TYPE),
})
@JsonPropertyOrder({"v", "t", "step"})
public sealed interface RunEvent
        permits RunStarted, GroupEvent, RevisionEvent, MetaExperienceEvent, StepEvent, EvalEvent,
                CheckpointEvent, RunFinished, RunFailed, Resumed {

    /** The contract version every event carries as {@code "v"}. */
    int VERSION = 1;

    /** {@link #step()} of an event that does not belong to a training step. */
    int NO_STEP = -1;

    /** Epoch milliseconds; 0 before {@link RunWriter} stamps it. */
    long t();

    /** The training step this event belongs to, or {@link #NO_STEP}. */
    default int step() {
        return NO_STEP;
    }

    /** The JSON {@code type} of this event. */
    String type();

    /** The contract version, written as {@code "v"} on every line. */
    @JsonProperty("v")
    default int v() {
        return VERSION;
    }
}
