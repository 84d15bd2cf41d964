"""Video I/O: rotated phone videos come out upright, variable frame rates keep their timestamps,
and the annotated output is H.264."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from formcheck.video.source import FileSource
from formcheck.video.writer import H264Writer

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-y", "-loglevel", "error", *args], check=True)


def test_rotated_phone_video_comes_out_upright(tmp_path: Path) -> None:
    path = tmp_path / "phone.mp4"
    ffmpeg("-display_rotation", "90", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "1",
           "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path))  # fmt: skip
    source = FileSource(path)
    frames = list(source)
    assert (source.info.width, source.info.height) == (240, 320)
    assert frames[0].image.shape == (320, 240, 3)


def test_variable_frame_rate_keeps_container_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "vfr.mp4"
    # 30 fps for the first second, then 15 fps
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=30", "-t", "2",
           "-vf", "setpts='if(lt(N,30),N/30/TB,(30+(N-30)*2)/30/TB)'", "-fps_mode", "vfr",
           "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path))  # fmt: skip
    t = np.array([f.t for f in FileSource(path)])
    steps = np.diff(t)
    assert np.all(steps > 0)
    assert np.allclose(steps[:20], 1 / 30, atol=2e-3)
    assert np.allclose(steps[-10:], 1 / 15, atol=2e-3)


def test_annotated_output_is_h264(tmp_path: Path) -> None:
    path = tmp_path / "out.mp4"
    writer = H264Writer(path, 161, 121, 15.0)  # odd sizes are cropped to even for yuv420p
    for i in range(10):
        writer.write(np.full((121, 161, 3), i * 20, np.uint8))
    writer.close()
    probe = subprocess.run([FFMPEG, "-i", str(path)], capture_output=True, text=True).stderr
    assert "Video: h264" in probe and "yuv420p" in probe and "160x120" in probe
    assert len(list(FileSource(path))) == 10


def test_annotating_a_1080p_recording_gives_a_720p_copy_and_the_same_count(full_model: str, tmp_path: Path) -> None:
    from formcheck.analyze import Request, analyze_video
    from formcheck.exercises.catalogue import get
    from formcheck.session.plan import steps_for

    sample = Path(__file__).resolve().parents[1] / "sample_videos" / "squat_side.mp4"
    big = tmp_path / "squat_1080p.mp4"
    ffmpeg("-i", str(sample), "-vf", "scale=1440:1080", "-c:v", "libx264", "-preset", "ultrafast", str(big))
    step = steps_for(get("squat"), None)[0]
    plain = analyze_video(big, Request(step, tmp_path / "plain")).records
    drawn = analyze_video(big, Request(step, tmp_path / "drawn", annotate=True))
    probe = subprocess.run([FFMPEG, "-i", str(drawn.folder / "annotated.mp4")], capture_output=True, text=True).stderr
    assert "960x720" in probe
    assert len(list(FileSource(drawn.folder / "annotated.mp4"))) == len(list(FileSource(big)))
    assert len(drawn.records) == len(plain) == 3


def test_annotating_a_recording_of_odd_size_crops_it_to_even(full_model: str, tmp_path: Path) -> None:
    from formcheck.analyze import Request, analyze_video
    from formcheck.exercises.catalogue import get
    from formcheck.session.plan import steps_for

    sample = Path(__file__).resolve().parents[1] / "sample_videos" / "squat_side.mp4"
    odd = tmp_path / "squat_483x363.mkv"  # lossless FFV1 keeps an odd size, as some cameras and editors write
    ffmpeg("-i", str(sample), "-vf", "scale=483:363", "-c:v", "ffv1", str(odd))
    drawn = analyze_video(odd, Request(steps_for(get("squat"), None)[0], tmp_path / "drawn", annotate=True))
    probe = subprocess.run([FFMPEG, "-i", str(drawn.folder / "annotated.mp4")], capture_output=True, text=True).stderr
    assert "482x362" in probe
    assert len(drawn.records) == 3
