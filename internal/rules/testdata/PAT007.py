import asyncio
from asyncio import CancelledError
from concurrent.futures import CancelledError as FutureCancelled


async def consume(queue):
    try:
        while True:
            await queue.get()
    except asyncio.CancelledError:
        print("stopped")


async def swallow_in_tuple():
    try:
        await asyncio.sleep(1)
    except (ValueError, CancelledError):
        return None


async def reraises():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cleanup")
        raise


async def reraises_conditionally(flag):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        if flag:
            raise


async def waits_for_cancelled(task):
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def waits_for_attribute(self):
    self.task.cancel()
    try:
        result = await self.task
    except asyncio.exceptions.CancelledError:
        pass


def sync_reads_future(fut):
    try:
        return fut.result()
    except asyncio.CancelledError:
        return None


async def other_cancelled():
    try:
        await asyncio.sleep(1)
    except FutureCancelled:
        pass


async def nested():
    def inner():
        try:
            pass
        except asyncio.CancelledError:
            pass
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        def later():
            raise RuntimeError  # a raise in a nested function does not re-raise
        later()
