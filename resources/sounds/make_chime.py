"""Make chime.wav, the breathing guide's soft chime, from nothing but arithmetic.

A bell-like tone: a few sine partials (slightly inharmonic, as a small bowl sounds),
each dying away exponentially, the higher ones sooner; a 25 ms raised-cosine attack so
it never clicks in, and a fade to exact silence at the end so it never clicks out.
22050 Hz, mono, 16-bit, 1.8 s, about 78 KB. Deterministic: running it again writes the
same bytes (tests/unit/test_chime_file.py checks).

    python resources/sounds/make_chime.py        # rewrites chime.wav beside this file
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
SECONDS = 1.8
ATTACK = 0.025
FADE = 0.25
PEAK = 0.45                 # of full scale: soft, with room to spare
FUNDAMENTAL = 528.0         # a gentle C5-ish tone
# (ratio to the fundamental, loudness, how fast it dies away per second)
PARTIALS = ((1.0, 1.0, 2.2), (2.0, 0.32, 3.4), (2.76, 0.16, 4.6), (5.4, 0.05, 7.0))


def samples() -> list[int]:
    count = round(RATE * SECONDS)
    loudest = sum(amplitude for _ratio, amplitude, _decay in PARTIALS)
    out = []
    for n in range(count):
        t = n / RATE
        value = sum(amplitude * math.exp(-decay * t) * math.sin(2 * math.pi * FUNDAMENTAL * ratio * t)
                    for ratio, amplitude, decay in PARTIALS) / loudest
        if t < ATTACK:
            value *= (1 - math.cos(math.pi * t / ATTACK)) / 2
        left = (count - 1 - n) / RATE
        if left < FADE:
            value *= (1 - math.cos(math.pi * left / FADE)) / 2
        out.append(round(value * PEAK * 32767))
    return out


def write(path: Path) -> None:
    with wave.open(str(path), "wb") as chime:
        chime.setnchannels(1)
        chime.setsampwidth(2)
        chime.setframerate(RATE)
        data = samples()
        chime.writeframes(struct.pack(f"<{len(data)}h", *data))


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("chime.wav"))
