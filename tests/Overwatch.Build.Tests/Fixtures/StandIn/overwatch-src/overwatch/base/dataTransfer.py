from overwatch.base.loop import stayAlive


def run():
    stayAlive("overwatchReceiverDataTransfer")
