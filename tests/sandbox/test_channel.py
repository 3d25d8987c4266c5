"""The trusted end of the pipes: a frame larger than allowed is refused unread; waits end at the
deadline or when the process ends."""
from __future__ import annotations

import os
import threading
import time

import pytest

from autograder.sandbox.channel import Channel, ChannelClosed, ChannelOversize, ChannelTimeout
from autograder.sandbox.wire import FRAME_HEADER


class Running:
    """Stands in for a Popen whose process is still running (or has ended)."""

    def __init__(self, returncode=None):
        self.returncode = returncode

    def poll(self):
        return self.returncode


@pytest.fixture
def pipes():
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    yield request_read, request_write, reply_read, reply_write
    for fd in (request_read, request_write, reply_read, reply_write):
        try:
            os.close(fd)
        except OSError:
            pass


def test_a_frame_round_trips(pipes):
    request_read, request_write, reply_read, reply_write = pipes
    channel = Channel(request_write, reply_read, Running())
    os.write(reply_write, FRAME_HEADER.pack(5) + b"hello")
    assert channel.receive(time.monotonic() + 5, max_bytes=5) == b"hello"
    channel.send(b"ping", time.monotonic() + 5)
    assert os.read(request_read, 100) == FRAME_HEADER.pack(4) + b"ping"


def test_a_frame_larger_than_the_pipe_arrives_whole_from_pieces(pipes):
    _, request_write, reply_read, reply_write = pipes
    body = os.urandom(3 * 65536 + 123)  # a default pipe holds 64 KiB: the reader must come back for the rest

    def write_in_pieces():
        data = FRAME_HEADER.pack(len(body)) + body
        for start in range(0, len(data), 50000):
            os.write(reply_write, data[start:start + 50000])
            time.sleep(0.01)

    writer = threading.Thread(target=write_in_pieces)
    writer.start()
    try:
        received = Channel(request_write, reply_read, Running()).receive(time.monotonic() + 10, max_bytes=len(body))
    finally:
        writer.join()
    assert bytes(received) == body


def test_a_frame_cut_short_is_a_closed_channel(pipes):
    _, request_write, reply_read, reply_write = pipes
    os.write(reply_write, FRAME_HEADER.pack(10) + b"four")
    os.close(reply_write)
    with pytest.raises(ChannelClosed):
        Channel(request_write, reply_read, Running()).receive(time.monotonic() + 5, max_bytes=10)


def test_an_oversized_frame_is_refused_before_its_body_is_read(pipes):
    _, request_write, reply_read, reply_write = pipes
    os.write(reply_write, FRAME_HEADER.pack(1 << 40))
    with pytest.raises(ChannelOversize) as raised:
        Channel(request_write, reply_read, Running()).receive(time.monotonic() + 5, max_bytes=1 << 20)
    assert raised.value.size == 1 << 40


def test_waiting_ends_at_the_deadline(pipes):
    _, request_write, reply_read, _ = pipes
    with pytest.raises(ChannelTimeout):
        Channel(request_write, reply_read, Running()).receive(time.monotonic() + 0.2, max_bytes=100)


def test_waiting_ends_when_the_process_has_ended_even_if_the_pipe_stays_open(pipes):
    _, request_write, reply_read, _ = pipes  # the write end stays open, as a student's fork would keep it
    with pytest.raises(ChannelClosed):
        Channel(request_write, reply_read, Running(returncode=0)).receive(time.monotonic() + 30, max_bytes=100)
