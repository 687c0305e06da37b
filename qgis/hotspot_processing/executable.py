"""Finding and running the hotspot executable: its progress bar to the feedback, its errors
(stderr and exit code) to a QgsProcessingException with the same message."""

import os
import queue
import re
import shlex
import shutil
import subprocess
import threading

from qgis.core import QgsProcessingException
from processing.core.ProcessingConfig import ProcessingConfig

SETTING = "HOTSPOT_EXECUTABLE"

# hotspot --help: "Exit codes: ..."
EXIT_CODES = {1: "internal error", 2: "bad options/config", 3: "unreadable input",
              4: "unusable CRS", 5: "unusable geometry", 6: "cannot write output"}


def find_executable():
    """The provider setting, else `hotspot` on PATH, else an error saying where to set it."""
    configured = (ProcessingConfig.getSetting(SETTING) or "").strip()
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise QgsProcessingException(
                f"hotspot executable '{configured}' (Processing setting {SETTING}) "
                "does not exist or is not executable")
        return configured
    found = shutil.which("hotspot")
    if found is None:
        raise QgsProcessingException(
            "hotspot executable not found: set it in Settings > Options > Processing > Providers > "
            f"hotspot ({SETTING}), or put hotspot on PATH")
    return found


class ProgressParser:
    """Splits hotspot's stdout into GDAL progress marks ("0...10...20 ... 100 - done.") and
    ordinary lines; the marks arrive without a newline while the work goes on."""

    MARK = re.compile(r"(\d+)(?=\.|\s*-\s*done)")

    def __init__(self, on_percent, on_line):
        self.on_percent = on_percent
        self.on_line = on_line
        self.pending = ""

    def feed(self, text):
        self.pending += text
        *complete, self.pending = self.pending.split("\n")
        for line in complete:
            self._line(line, finished=True)
        self._line(self.pending, finished=False)

    def close(self):
        if self.pending:
            self._line(self.pending, finished=True)
            self.pending = ""

    def _line(self, line, finished):
        if self._is_bar(line):
            marks = self.MARK.findall(line)
            if marks:
                self.on_percent(float(marks[-1]))
        elif finished and line.strip():
            self.on_line(line)

    @staticmethod
    def _is_bar(line):
        return re.fullmatch(r"0(\.+\d*)*(\s*-\s*done\.?)?", line.strip()) is not None and line.strip() != ""


def _pump(stream, name, events):
    """Reads a pipe in a thread (either pipe may fill while the other is read)."""
    decoder_buffer = b""
    while True:
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            break
        decoder_buffer += chunk
        try:
            text = decoder_buffer.decode("utf-8")
            decoder_buffer = b""
        except UnicodeDecodeError:  # a character split between reads
            continue
        events.put((name, text))
    if decoder_buffer:
        events.put((name, decoder_buffer.decode("utf-8", errors="replace")))
    events.put((name, None))


def _finish(process, pumps):
    """Waits for the process and its pipe readers, then closes the pipes; returns the exit code."""
    code = process.wait()
    for pump in pumps:
        pump.join()
    process.stdout.close()
    process.stderr.close()
    return code


def run_hotspot(command, args, feedback):
    """Runs `hotspot COMMAND ARGS...`; returns its stdout lines. Raises QgsProcessingException
    with hotspot's own error message when it exits non-zero, or when the user cancels."""
    argv = [find_executable(), command] + list(args)
    feedback.pushCommandInfo(" ".join(shlex.quote(a) for a in argv))
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    events = queue.Queue()
    pumps = [threading.Thread(target=_pump, args=(stream, name, events), daemon=True)
             for stream, name in ((process.stdout, "out"), (process.stderr, "err"))]
    for pump in pumps:
        pump.start()
    lines, errors = [], []

    def on_line(line):
        lines.append(line)
        feedback.pushConsoleInfo(line)

    parser = ProgressParser(feedback.setProgress, on_line)
    warnings = ProgressParser(lambda percent: None, feedback.pushWarning)  # stderr, line by line
    open_streams = 2
    while open_streams:
        if feedback.isCanceled():
            process.terminate()  # hotspot removes its partial outputs on SIGTERM
            _finish(process, pumps)
            raise QgsProcessingException(f"hotspot {command} cancelled")
        try:
            name, text = events.get(timeout=0.2)
        except queue.Empty:
            continue
        if text is None:
            open_streams -= 1
        elif name == "out":
            parser.feed(text)
        else:
            errors.append(text)
            warnings.feed(text)
    parser.close()
    warnings.close()
    code = _finish(process, pumps)
    if code != 0:
        message = "".join(errors).strip() or f"hotspot {command} printed no message"
        meaning = EXIT_CODES.get(code, "killed by a signal" if code < 0 else "unknown")
        raise QgsProcessingException(f"{message}\n(hotspot {command} exited with code {code}: {meaning})")
    return lines
