import asyncio
from asyncio import create_task, ensure_future


async def main(coro, other, tg, loop):
    asyncio.create_task(coro())
    create_task(coro())
    ensure_future(other)
    asyncio.get_running_loop().create_task(coro())
    task = asyncio.create_task(coro())  # kept
    tasks = [asyncio.create_task(coro()) for _ in range(3)]  # kept
    await asyncio.create_task(coro())  # awaited
    tg.create_task(coro())  # a TaskGroup holds its tasks
    loop.create_task(coro())  # a loop in a variable is not followed
    return task, tasks
