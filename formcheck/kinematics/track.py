"""Landmarks → per-frame kinematics, offline (whole track, zero-phase) or live (causal, one frame)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from formcheck.kinematics import smoothing
from formcheck.kinematics.angles import body_axes, compute_signals, pixels
from formcheck.kinematics.view import classify_posture, classify_view, facing_side, view_metric
from formcheck.landmarks import NAMES
from formcheck.types import FrameKinematics, PoseTrack

VISIBLE_MIN = 0.5  # MediaPipe visibility above which a landmark counts as seen


@dataclass
class KinematicsTrack:
    """Signals and view for every frame of a track, as arrays; iterate for FrameKinematics."""

    t: np.ndarray
    frame: np.ndarray
    signals: dict[str, np.ndarray]  # name → (T, 2)
    view: np.ndarray
    facing: np.ndarray
    posture: np.ndarray
    present: np.ndarray
    segment: np.ndarray
    visibility: np.ndarray  # (T, 33)

    def __len__(self) -> int:
        return len(self.t)

    def at(self, i: int) -> FrameKinematics:
        """The engine's view of frame i."""
        visible = frozenset(NAMES[j] for j in np.flatnonzero(self.visibility[i] >= VISIBLE_MIN))
        return FrameKinematics(
            t=float(self.t[i]),
            index=int(self.frame[i]),
            signals={k: (float(v[i, 0]), float(v[i, 1])) for k, v in self.signals.items()},
            view=str(self.view[i]),
            facing=str(self.facing[i]),
            posture=str(self.posture[i]),
            assessable=bool(self.present[i]),
            segment=int(self.segment[i]),
            visible=visible,
        )

    def __iter__(self) -> Iterator[FrameKinematics]:
        return (self.at(i) for i in range(len(self)))


def _describe(t: np.ndarray, frame: np.ndarray, xyzv: np.ndarray, seg: np.ndarray, w: int, h: int) -> KinematicsTrack:
    present = ~np.isnan(xyzv[:, :, 0]).all(axis=1)
    metric = view_metric(xyzv, w, h)
    return KinematicsTrack(
        t=t,
        frame=frame,
        signals=compute_signals(xyzv, w, h),
        view=np.where(present, classify_view(metric), "none"),
        facing=np.where(present, facing_side(xyzv), ""),
        posture=np.where(present, classify_posture(xyzv, w, h), "none"),
        present=present,
        segment=seg,
        visibility=np.nan_to_num(xyzv[:, :, 3], nan=0.0),
    )


def offline(track: PoseTrack) -> KinematicsTrack:
    """Whole-file kinematics: segment at cuts and long gaps, bridge short gaps, smooth with no lag."""
    p = pixels(track.xyzv, track.width, track.height)
    axes = body_axes(p)
    present = track.has_pose
    seg = smoothing.segments(track.t, present, axes["hip_mid"], axes["torso_px"])
    bridged = smoothing.bridge_gaps(track.t, track.xyzv, seg)
    cleaned = bridged.copy()
    torso = float(np.nanmedian(axes["torso_px"])) if present.any() else 1.0
    cleaned[..., :2] = smoothing.hampel(track.t, pixels(bridged, track.width, track.height), seg, torso) / (
        track.width,
        track.height,
    )
    smoothed = smoothing.zero_phase(track.t, cleaned, seg)
    return _describe(track.t, track.frame, smoothed, seg, track.width, track.height)


class LiveKinematics:
    """Causal kinematics for one frame at a time: One-Euro smoothing, short gaps held, cuts reset."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._filter = smoothing.OneEuro()
        self._segment = 0
        self._last_t: float | None = None
        self._last_pose: np.ndarray | None = None
        self._last_axes: tuple[np.ndarray, float] | None = None

    def step(self, t: float, index: int, xyzv: np.ndarray) -> FrameKinematics:
        """Kinematics of one frame from its raw landmarks (33, 4), NaN when nobody was found."""
        found = not np.isnan(xyzv[:, 0]).all()
        if found:
            axes = body_axes(pixels(xyzv[None], self.width, self.height))
            hip, torso = axes["hip_mid"][0], float(axes["torso_px"][0])
            if self._last_t is not None and self._last_axes is not None:
                last_hip, last_torso = self._last_axes
                gap = t - self._last_t
                jump = float(np.linalg.norm(hip - last_hip)) / max(last_torso, 1e-6)
                scale = torso / max(last_torso, 1e-6)
                cut = jump > smoothing.CUT_JUMP_TORSO or not (
                    1 / smoothing.CUT_SCALE_RATIO < scale < smoothing.CUT_SCALE_RATIO
                )
                if gap > smoothing.MAX_GAP_S or cut:
                    self._segment += 1
                    self._filter.reset()
            pose = self._filter(t, xyzv)
            self._last_t, self._last_pose, self._last_axes = t, pose, (hip, torso)
        elif self._last_t is not None and self._last_pose is not None and t - self._last_t <= smoothing.MAX_GAP_S:
            pose = self._last_pose  # a short dropout: hold the last pose rather than lose the rep
        else:
            pose = xyzv
        seg = np.array([self._segment])
        return _describe(np.array([t]), np.array([index]), pose[None], seg, self.width, self.height).at(0)
