package org.rmel.tasks.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The warm start's teacher: exact at rate 0, slips only on carry and borrow steps, at the rate asked. */
class SloppyTeacherTest {
    private static final List<ArithProblem> PROBLEMS = new ArithSuite(5).trainingPool(2000);

    @Test
    void rateZeroAndNoNoiseWriteTheCanonicalSolution() {
        SplittableRandom random = new SplittableRandom(1);
        for (ArithProblem p : PROBLEMS) {
            assertEquals(p.solution(), new SloppyTeacher(SloppyTeacher.Noise.DROP_CARRY, 0).response(p, random));
            assertEquals(p.solution(), SloppyTeacher.exact().response(p, random));
        }
    }

    @Test
    void aSlipDropsTheCarryOfThatStepOnlyAndTheRestFollowsFromIt() {
        SloppyTeacher always = new SloppyTeacher(SloppyTeacher.Noise.DROP_CARRY, 1);
        SplittableRandom random = new SplittableRandom(2);
        int slips = 0;
        for (ArithProblem p : PROBLEMS) {
            ArithChain chain = ArithChain.parse(p.question());
            List<String> lines = always.lines(p, random);
            assertEquals(chain.size(), lines.size());
            long value = chain.first();
            for (int i = 0; i < chain.size(); i++) {
                long right = chain.apply(i, value);
                long written = Long.parseLong(lines.get(i).replace(ArithFormat.ANSWER_TAG, "").split("[-+*]")[0]);
                if (written != right) {
                    slips++;
                    assertTrue(SloppyTeacher.needsCarry(chain.op(i), value, chain.operand(i)), "slip without a carry: " + lines);
                    assertEquals(chain.op(i) == '+' ? right - 10 : right + 10, written, "only the tens digit is off: " + lines);
                    assertEquals(right % 10, written % 10);
                } else {
                    assertTrue(!SloppyTeacher.needsCarry(chain.op(i), value, chain.operand(i))
                            || !chain.staysNonNegative(i + 1, SloppyTeacher.dropCarry(chain.op(i), right)),
                            "at rate 1 every carry step slips unless that would go negative: " + lines);
                }
                value = written;
            }
        }
        assertTrue(slips > 500, "slips " + slips);
    }

    @Test
    void theRealisedRateIsTheRateAskedOnStepsWhereASlipIsPossible() {
        double rate = 0.6;
        SloppyTeacher teacher = new SloppyTeacher(SloppyTeacher.Noise.DROP_CARRY, rate);
        SplittableRandom random = new SplittableRandom(3);
        int possible = 0;
        int slipped = 0;
        for (ArithProblem p : PROBLEMS) {
            ArithChain chain = ArithChain.parse(p.question());
            List<String> lines = teacher.lines(p, random);
            long value = chain.first();
            for (int i = 0; i < chain.size(); i++) {
                long right = chain.apply(i, value);
                long written = Long.parseLong(lines.get(i).replace(ArithFormat.ANSWER_TAG, "").split("[-+*]")[0]);
                if (SloppyTeacher.needsCarry(chain.op(i), value, chain.operand(i))
                        && chain.staysNonNegative(i + 1, SloppyTeacher.dropCarry(chain.op(i), right))) {
                    possible++;
                    slipped += written != right ? 1 : 0;
                }
                value = written;
            }
        }
        double realised = slipped / (double) possible;
        double se = Math.sqrt(rate * (1 - rate) / possible);
        assertTrue(Math.abs(realised - rate) < 4 * se, "realised " + realised + " of " + possible + " steps");
    }

    @Test
    void settingsOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SloppyTeacher(SloppyTeacher.Noise.DROP_CARRY, 1.5));
        assertThrows(IllegalArgumentException.class, () -> SloppyTeacher.Noise.fromWireName("sloppy"));
        assertEquals(SloppyTeacher.Noise.DROP_CARRY, SloppyTeacher.Noise.fromWireName("drop_carry"));
        assertNotEquals(SloppyTeacher.exact(), new SloppyTeacher(SloppyTeacher.Noise.DROP_CARRY, 0));
    }
}
