"""What a query worker may do: no network, and a ceiling on its memory.

- **No network.** A seccomp filter (Linux, x86-64 and arm64) makes ``socket()``, ``connect()``
  and ``io_uring_setup()`` fail with EACCES for the worker and every thread it starts, and
  refuses system calls of any other ABI. Oxigraph's engine would fetch a ``SERVICE`` endpoint
  over HTTP; with no socket it cannot, even if the endpoint's own check of the query missed
  one. The worker talks to the server over pipes, which need no socket.
- **A memory ceiling.** ``RLIMIT_AS`` bounds the worker's address space: a query that needs
  more fails to allocate (Oxigraph then aborts the process) and the server answers 503 and
  starts a new worker.

Both are set at the start of the worker, before pyoxigraph is imported, while the process has
one thread: a seccomp filter holds for the thread that installs it and the threads it starts.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

__all__ = ["limit_memory", "shut_off_network"]

# Linux constants (linux/filter.h, linux/seccomp.h, linux/audit.h, asm/unistd.h).
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_X32_BIT = 0x40000000
# machine → (audit architecture, the system calls to refuse)
_ABIS = {
    "x86_64": (0xC000003E, {"socket": 41, "connect": 42, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, {"socket": 198, "connect": 203, "io_uring_setup": 425}),
}


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _program(arch: int, calls: dict[str, int], x32: bool) -> bytes:
    refuse = _RET_ERRNO | errno.EACCES
    out: list[tuple[int, int, int, int]] = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, refuse),  # another ABI (32-bit calls on a 64-bit kernel): refused
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if x32:
        out += [(_JGE_K, 0, 1, _X32_BIT), (_RET_K, 0, 0, refuse)]
    for number in calls.values():
        out += [(_JEQ_K, 0, 1, number), (_RET_K, 0, 0, refuse)]
    out.append((_RET_K, 0, 0, _RET_ALLOW))
    return b"".join(struct.pack("HBBI", *op) for op in out)


def shut_off_network() -> str | None:
    """Refuse this process (and the threads it will start) every network socket; None when
    done, else why it could not be (not Linux, another machine, a kernel without seccomp)."""
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ABIS:
        return f"no seccomp filter for {sys.platform}/{machine}"
    arch, calls = _ABIS[machine]
    code = _program(arch, calls, x32=machine == "x86_64")
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
    libc.prctl.restype = ctypes.c_int
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS): {errno.errorcode.get(ctypes.get_errno(), '?')}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) != 0:
        return f"prctl(SECCOMP): {errno.errorcode.get(ctypes.get_errno(), '?')}"
    return None


def limit_memory(megabytes: int) -> str | None:
    """Bound this process's address space to ``megabytes`` MiB (0: no bound); None when done,
    else why it could not be."""
    if megabytes <= 0:
        return None
    try:
        import resource
    except ImportError:
        return "no resource limits on this system"
    limit = megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as exc:
        return f"setrlimit(RLIMIT_AS): {exc}"
    return None
