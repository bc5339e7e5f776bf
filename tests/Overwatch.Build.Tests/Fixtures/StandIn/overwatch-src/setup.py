# A stand-in for Overwatch (github.com/raymondEhlers/OVERWATCH), laid out like it, for the real-stack
# test: the same console scripts, a WSGI app at overwatch.webApp.run:app, a processing loop that stays
# up. Installs offline with setuptools only (no dependencies to fetch).
from setuptools import setup, find_packages

setup(
    name="aliceoverwatch",
    version="0.0.0+standin",
    packages=find_packages(),
    entry_points={
        "console_scripts": [
            "overwatchDeploy = overwatch.base.deploy:run",
            "overwatchProcessing = overwatch.processing.run:run",
            "overwatchWebApp = overwatch.webApp.run:run",
            "overwatchDQMReceiver = overwatch.receiver.run:run",
            "overwatchReceiverMonitor = overwatch.base.monitor:run",
            "overwatchReceiverDataTransfer = overwatch.base.dataTransfer:run",
            "overwatchReplay = overwatch.base.replay:run",
            "overwatchReplayDataTransfer = overwatch.base.replay:runDataTransfer",
        ],
    },
)
