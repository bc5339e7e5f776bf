from overwatch.base.loop import stayAlive


def run():
    stayAlive("overwatchReplay")


def runDataTransfer():
    stayAlive("overwatchReplayDataTransfer")
