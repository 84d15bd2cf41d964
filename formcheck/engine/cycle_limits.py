"""The cycle counter's limits, as shares of the person's range or in seconds, and why each is what it is."""

HYSTERESIS = 0.35  # a turning point is confirmed once the signal comes back by this share of the range
COVER = 0.4  # each side of a complete rep covers at least this share of the range
EDGE_COVER = 0.7  # the one side of a rep cut by the recording's start or end covers at least this share
OVERSHOOT = 1.6  # ... and at most this many times the range: a far larger movement is getting up or leaving
# (of this person's own reps: an end partial once two have shown it, a start partial, decided after the first complete
# rep, from that rep's: landmarks settling as the model locks on opened a rendered single-leg bridge seen from behind
# with a fall of 97 deg before reps of 30-40 deg, counted as a rep cut by the start: fresh seeds, stop 33)
REST_BAND = 0.1  # within this share of the range above the resting level counts as "back at rest"
LEAVE_BAND = 0.1  # ... and beyond it above the valley as "out of rest"
STILL_BAND = 0.02  # the rep starts when the signal leaves this share of the range above its valley
CONTINUE_S = 1.0  # a gap in the signal up to this long does not end the movement in progress
LEARN_FROM = 5  # the range is the median of the last reps' excursions (with the typical range as a prior)
STILL_RISING_S = 0.2  # at the end, a signal that rose by STILL_RISING of the range in this time has not turned
STILL_RISING = 0.1
PEAK_MATCH = 0.25  # ... unless it has reached this person's usual turning point (within this share of the range)
FAST = 0.3  # ... while slowing: rising less than this share of the range in the last STILL_RISING_S
# No hip or knee turns through more than this in a rep: the hip's whole sagittal arc is about 150° (flexion 120°
# plus extension 30°, AAOS norms) and the knee's 135-150°; the frontal-plane movements are smaller still. A
# larger "cycle" is the landmarks folding over or swapping in a view that hides the limb: head-on on all fours
# the hip angle swung by 254° and 184° in two rendered "kicks", and a side-lying leg seen end-on "abducted" by
# 171° (benchmarks/counting.py --rendered, the "not-counted" cases). It is not a rep, and it does not teach the
# counter this person's range. The limit is the joints' and not a share of the exercise's typical range: real
# hip circles on all fours (the tuning set's fire-hydrant clip) move the hip 70-91°, 3.6 times the 25° typical.
ARC_LIMIT = 160.0
# At the end of the recording or of a stretch of signal (a gap over CONTINUE_S), a rise from a valley below the resting
# band that then held still inside the band for this long came back to rest (landmarks settling as the model locks
# on, a person shifting on the mat): it is no rep cut by the end (it was counted as one: tests/test_cycles.py). Half a
# second is shorter than the pauses between reps (about 1 s in the renders) and longer than the counter's median
# window (±0.15 s). The risk is a last rep held at its top for longer when the recording stops: a hold at this
# person's usual turning point is not taken for rest. While the signal goes on, the same test does not tell a dip
# from a slow rise: restarting the rep from such a rest split a real bridge that rises in steps from a rest at 72°
# flexion, past the typical 50° (real/bridge-with-ball-squeeze, tuning set: 4 of 3), so the rep is not restarted.
PLATEAU_S = 0.5
# Two cycles under the typical range are one person's reps when their sizes differ by at most this factor
# (formcheck.engine.small_range). Consecutive complete reps of the tuning set's real clips differ by a factor of 1.09
# (median), 1.31 (90th percentile), 1.39 (95th), 1.79 at most.
SAME_RANGE = 1.5
# ... and when the second turns at most this many times their way back (turning point to rest) after the first: reps of
# one set. On the tuning set's real clips consecutive reps turn 2.6 times their way back apart (median), 6.2 (95th
# percentile), 8.0 at most (a single-leg bridge resting between reps); two shifts on the mat a minute apart do not.
SAME_SET = 10.0
# No controlled rep of this catalogue goes from rest to its turning point and back in under 0.4 s: such a cycle is the
# landmarks jumping, and it is not a rep (a rep cut by the recording's start or end is short by its cut, and is judged
# on its side's excursion instead). The quickest complete reps counted anywhere here take 0.73 s: a fast real squat
# (real/squat_incorrect_003) and the rendered 0.7 s tempo; real jump squats take 1.6 s, and home programmes prescribe
# 2-4 s. Cycles of 0.2-0.4 s were jumps in views that hide the moving limb: a rendered single-leg bridge filmed from the
# feet counted 9 of 3 with reps of 0.2-0.6 s, a side-lying abduction seen end-on made up 7, the shortest 0.2 s, and the
# donkey kick seen from behind, found in more frames once the pose stage looked for small people in part of the
# picture (formcheck/pose/zoom.py), 2 of 0, both under 0.4 s (benchmarks/counting.py --rendered, stop 33). Until
# stop 33 they were counted, with a warning that the count was uncertain.
HASTY_S = 0.4
