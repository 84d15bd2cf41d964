"""One cue at a time: priority, cooldown, reading time, praise."""

from __future__ import annotations

from formcheck.engine.records import Cue
from formcheck.live.cues import CueManager

SEVERITY = {"squat.trunk_lean": "major", "squat.tempo": "minor"}


def cue(rule: str, t: float, kind: str = "fault") -> Cue:
    return Cue(rule, f"text of {rule}", t, kind=kind)


def test_highest_priority_first_and_only_one() -> None:
    cm = CueManager(SEVERITY)
    said = cm.offer([cue("squat.tempo", 0), cue("squat.trunk_lean", 0), cue("great", 0, "praise")], 0.0)
    assert said is not None and said.rule_id == "squat.trunk_lean"
    assert cm.offer([cue("squat.tempo", 0.1)], 0.1) is None  # the major cue is still being read
    assert cm.visible(0.1) == said


def test_setup_interrupts_a_fault_but_a_fault_does_not_interrupt_setup() -> None:
    cm = CueManager(SEVERITY)
    assert cm.offer([cue("squat.tempo", 0)], 0.0) is not None
    setup = cm.offer([cue("setup", 0.5, "setup")], 0.5)
    assert setup is not None and setup.kind == "setup"
    assert cm.offer([cue("squat.trunk_lean", 0.6)], 0.6) is None


def test_not_repeated_within_cooldown_then_repeated() -> None:
    cm = CueManager(SEVERITY, cooldown_s=8.0, show_s=2.5)
    assert cm.offer([cue("squat.trunk_lean", 0)], 0.0) is not None
    assert cm.offer([cue("squat.trunk_lean", 3)], 3.0) is None
    other = cm.offer([cue("squat.tempo", 3)], 3.0)
    assert other is not None and other.rule_id == "squat.tempo"  # a different cue after reading time
    assert cm.offer([cue("squat.trunk_lean", 8.5)], 8.5) is not None


def test_praise_shown_when_nothing_more_urgent() -> None:
    cm = CueManager(SEVERITY)
    praise = cm.offer([cue("squat.trunk_lean", 0, "praise")], 0.0)
    assert praise is not None and praise.kind == "praise"
    assert cm.visible(10.0) is None  # gone after its reading time


def test_voice_speaks_on_its_own_thread_and_never_blocks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import time

    import pytest

    from formcheck.live.voice import Voice

    exe = shutil.which("espeak-ng")
    if exe is None:
        pytest.skip("espeak-ng is not installed (.ci/run installs it)")
    wav = tmp_path / "cue.wav"
    voice = Voice([exe, "-w", str(wav)])  # to a file: the test machine has no speakers
    start = time.perf_counter()
    voice.say("Keep your chest up")
    assert time.perf_counter() - start < 0.05  # the frame loop does not wait for speech
    voice.close(wait_s=10.0)
    assert voice.spoken == ["Keep your chest up"] and wav.stat().st_size > 1000
    assert voice.toggle_mute() is True
