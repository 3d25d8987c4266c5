"""The trusted end of the request/reply pipes: length-prefixed frames, every wait bounded by a
deadline, the reply size bounded before it is read. Stdout is never part of the protocol."""
from __future__ import annotations

import os
import select
import subprocess
import time

from autograder.sandbox.wire import FRAME_HEADER

POLL_SECONDS = 0.05


class ChannelTimeout(Exception):
    """The deadline passed before the frame was sent or received."""


class ChannelClosed(Exception):
    """The student process ended or closed its end of a pipe."""


class ChannelOversize(Exception):
    """The announced reply is larger than allowed; its body was not read."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class Channel:
    def __init__(self, request_fd: int, reply_fd: int, process: subprocess.Popen) -> None:
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.process = process
        os.set_blocking(request_fd, False)
        os.set_blocking(reply_fd, False)

    def send(self, payload: bytes, deadline: float) -> None:
        for data in (FRAME_HEADER.pack(len(payload)), payload):  # the length, then the payload: no copy of it
            view = memoryview(data)
            while view:
                self._wait(self.request_fd, select.POLLOUT, deadline)
                try:
                    view = view[os.write(self.request_fd, view):]
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    raise ChannelClosed() from None

    def receive(self, deadline: float, max_bytes: int) -> bytearray:
        (length,) = FRAME_HEADER.unpack(self._read(FRAME_HEADER.size, deadline))
        if length > max_bytes:
            raise ChannelOversize(length)
        return self._read(length, deadline)

    def wait_for_reply(self, until: float) -> bool:
        """Whether a reply has begun to arrive by ``until`` (False then; ChannelClosed if the process ended)."""
        try:
            self._wait(self.reply_fd, select.POLLIN, until)
        except ChannelTimeout:
            return False
        return True

    def close(self) -> None:
        for fd in (self.request_fd, self.reply_fd):
            try:
                os.close(fd)
            except OSError:
                pass

    def _read(self, count: int, deadline: float) -> bytearray:
        """Exactly ``count`` bytes, read into one buffer (a large reply is not copied again to join it)."""
        buffer = bytearray(count)
        view = memoryview(buffer)
        filled = 0
        while filled < count:
            self._wait(self.reply_fd, select.POLLIN, deadline)
            try:
                read = os.readv(self.reply_fd, [view[filled:]])
            except BlockingIOError:
                continue
            if not read:
                raise ChannelClosed()
            filled += read
        return buffer

    def _wait(self, fd: int, event: int, deadline: float) -> None:
        """Return once ``fd`` is ready; raise when the deadline passes or the process has ended
        (its descendants may hold the pipe open, so end of file alone cannot tell)."""
        poller = select.poll()
        poller.register(fd, event)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChannelTimeout()
            if poller.poll(min(remaining, POLL_SECONDS) * 1000):
                return
            if self.process.poll() is not None:
                if poller.poll(0):
                    return
                raise ChannelClosed()
