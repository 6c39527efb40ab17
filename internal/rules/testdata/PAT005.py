import os
from os import fork

bind = "0.0.0.0:8000"
workers = 4
preload_app = True


def spawn(n):
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            serve()


def spawn_forever():
    while True:
        if fork() == 0:
            serve()


def fork_exec(cmds):
    for cmd in cmds:
        if os.fork() == 0:
            os.execvp(cmd[0], cmd)  # fork and exec: nothing to share


def daemonize():
    if os.fork():  # once, not workers
        os._exit(0)


def serve():
    pass
