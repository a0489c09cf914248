package org.rmel.train;

/**
 * A meta-experience in the policy's own token language.
 *
 * @param critique what went wrong in y− (built-in model: its erroneous step)
 * @param heuristic what to do instead (built-in model: y+'s corrected step)
 * @param retroContext [x, y+, y−]: the context MEL's NLL term conditions on
 * @param target the text whose tokens the NLL term makes likely given the retro context
 */
public record MetaExperienceText(String critique, String heuristic, String retroContext, String target) {}
