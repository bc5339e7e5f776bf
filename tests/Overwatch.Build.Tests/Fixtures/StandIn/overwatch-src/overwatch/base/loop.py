"""A long-running program that does nothing but say it is alive and stop cleanly on SIGTERM."""
import signal
import sys
import time


def stayAlive(name, interval=30):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{name}: started (stand-in)", flush=True)
    while True:
        time.sleep(interval)
        print(f"{name}: alive", flush=True)
