"""CPU-heavy work off the event loop: a few threads at a time, each call within a budget.

A request that normalises or extracts text would otherwise hold the event loop, and every
other request (health probes included) with it. Here such work runs in a daemon thread, at
most ``CPU_SLOTS`` at once per process, and the caller stops waiting after its budget.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, Final, TypeVar

from service.domain.errors import InvalidInputError, UnavailableError

T = TypeVar("T")

CPU_SLOTS: Final = 2
"""Calls running at once per process: more would only share the same interpreter lock."""
_slots = asyncio.Semaphore(CPU_SLOTS)


async def in_daemon_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function``'s result, computed in a daemon thread.

    Unlike ``asyncio.to_thread``, an abandoned call (past its budget, or at shutdown) does not
    keep the process from exiting.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[Any], None], value: Any) -> None:
        if not done.done():
            outcome(value)

    def target() -> None:
        try:
            result = function(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting task
            loop.call_soon_threadsafe(settle, done.set_exception, error)
        else:
            loop.call_soon_threadsafe(settle, done.set_result, result)

    threading.Thread(target=target, name="offload", daemon=True).start()
    return await done


async def off_loop(budget: float, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in a thread slot within ``budget`` seconds.

    UnavailableError (503) when no slot frees up in time, InvalidInputError (422) when the
    work itself runs past the budget: the input is too costly to process.
    """
    try:
        await asyncio.wait_for(_slots.acquire(), timeout=budget)
    except TimeoutError:
        raise UnavailableError("busy with other heavy requests: retry shortly") from None
    try:
        return await asyncio.wait_for(in_daemon_thread(function, *args), timeout=budget)
    except TimeoutError:
        raise InvalidInputError(
            f"the text takes more than {budget:g} s to process: send a shorter one"
        ) from None
    finally:
        _slots.release()
