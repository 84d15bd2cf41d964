"""The live window: large, without OpenCV's debugging toolbar, `f` for full screen; it only shows and reads keys.

A patient stands or lies 2–3 m from a laptop, so the window opens over most of the screen and the overlay
is drawn at the window's size (formcheck.draw.live_overlay), not at the camera's. Recording is a separate
sink (formcheck.video.recording).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

import cv2
import numpy as np

from formcheck.errors import FormcheckError

WINDOW = "formcheck"
SCREEN_SHARE = 0.9  # the window takes this share of the screen's width and height
FALLBACK_SCREEN = (1280, 720)
KEYS = {32: "space", 27: "q"}


def check_screen(headless: bool) -> None:
    """Fail early, before the camera and model start, when there is no screen for the window."""
    screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not headless and sys.platform.startswith("linux") and not screen:
        raise FormcheckError("no screen to show the window on: use --headless (with --record FILE to keep it)")


def screen_size() -> tuple[int, int]:
    """The X screen's size in pixels (Xlib through ctypes), or a laptop-sized guess."""
    name = ctypes.util.find_library("X11")
    if name is None or not os.environ.get("DISPLAY"):
        return FALLBACK_SCREEN
    xlib = ctypes.CDLL(name)
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultScreen.argtypes = [ctypes.c_void_p]
    xlib.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = xlib.XOpenDisplay(None)
    if not display:
        return FALLBACK_SCREEN
    try:
        screen = xlib.XDefaultScreen(display)
        return int(xlib.XDisplayWidth(display, screen)), int(xlib.XDisplayHeight(display, screen))
    finally:
        xlib.XCloseDisplay(display)


def window_size(frame_w: int, frame_h: int, screen: tuple[int, int]) -> tuple[int, int]:
    """The largest size with the frame's aspect ratio inside SCREEN_SHARE of the screen."""
    scale = min(screen[0] * SCREEN_SHARE / frame_w, screen[1] * SCREEN_SHARE / frame_h)
    return int(frame_w * scale) // 2 * 2, int(frame_h * scale) // 2 * 2


class Window:
    """A real window on the screen; show() an RGB canvas of `size`, get the key pressed back."""

    def __init__(self, frame_w: int, frame_h: int) -> None:
        self.size = window_size(frame_w, frame_h, screen_size())
        cv2.namedWindow(WINDOW, cv2.WINDOW_NORMAL | cv2.WINDOW_GUI_NORMAL | cv2.WINDOW_KEEPRATIO)
        cv2.resizeWindow(WINDOW, *self.size)
        self.fullscreen = False

    def canvas(self, image: np.ndarray) -> np.ndarray:
        """The frame scaled to the window's size, to draw the overlay on at the size it is seen (if the user
        resizes the window, the whole canvas scales with it, text included)."""
        return cv2.resize(image, self.size, interpolation=cv2.INTER_LINEAR)

    def show(self, canvas: np.ndarray) -> str:
        """Show the canvas; returns the key pressed ("" when none; "q" when the window was closed)."""
        cv2.imshow(WINDOW, cv2.cvtColor(canvas, cv2.COLOR_RGB2BGR))
        key = cv2.waitKey(1) & 0xFF
        if key == 255:
            return "" if cv2.getWindowProperty(WINDOW, cv2.WND_PROP_VISIBLE) >= 1 else "q"
        name = KEYS.get(key, chr(key).lower())
        if name == "f":
            self.toggle_fullscreen()
        return name

    def toggle_fullscreen(self) -> None:
        """Full screen on and off."""
        self.fullscreen = not self.fullscreen
        mode = cv2.WINDOW_FULLSCREEN if self.fullscreen else cv2.WINDOW_NORMAL
        cv2.setWindowProperty(WINDOW, cv2.WND_PROP_FULLSCREEN, mode)

    def close(self) -> None:
        """Close the window."""
        cv2.destroyWindow(WINDOW)
        cv2.waitKey(1)
