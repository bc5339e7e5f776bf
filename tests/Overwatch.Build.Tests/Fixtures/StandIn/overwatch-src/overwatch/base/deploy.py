"""overwatchDeploy, imitated as far as the self-deploying container start needs.

Like upstream: reads the deploy YAML from a file (-c FILE) or an environment variable (-e NAME),
writes supervisord.conf into the working directory (the main sections only when the file does not
exist yet, then one [program:NAME] per enabled Overwatch program, appended), and finally starts
`supervisorctl update` without waiting, so that an already running supervisord loads the programs.
Unlike upstream it renders nothing else (no uwsgi, nginx, ZEO or receiver files).
"""
import argparse
import os
import subprocess
import sys

import yaml

COMMANDS = {
    "processing": "overwatchProcessing",
    "webApp": "overwatchWebApp",
    "dqmReceiver": "overwatchDQMReceiver",
    "receiverMonitor": "overwatchReceiverMonitor",
    "dataTransfer": "overwatchReceiverDataTransfer",
    "dataReplay": "overwatchReplay",
    "dataReplayDataTransfer": "overwatchReplayDataTransfer",
}
# Upstream's supervisor program names where they differ from the executable's.
PROGRAM_NAMES = {"receiverMonitor": "overwatchReceiverMonitor"}

MAIN_SECTIONS = """[supervisord]
nodaemon = true
logfile = /dev/null
logfile_maxbytes = 0

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[inet_http_server]
port = 127.0.0.1:9001

[supervisorctl]
serverurl = http://127.0.0.1:9001
"""

PROGRAM = """
[program:{name}]
command = {command}
redirect_stderr = true
stdout_logfile = /dev/fd/1
stdout_logfile_maxbytes = 0
"""


def readConfig(args):
    if args.configFile and args.configEnv:
        sys.exit("overwatchDeploy: specify only one of -c and -e")
    if args.configEnv:
        text = os.environ.get(args.configEnv, "")
        if not text.strip():
            sys.exit(f"overwatchDeploy: the environment variable {args.configEnv} is empty or unset")
        source = f"environment variable {args.configEnv}"
    elif args.configFile:
        with open(args.configFile) as f:
            text = f.read()
        source = args.configFile
    else:
        sys.exit("overwatchDeploy: give the deploy configuration with -c FILE or -e VARIABLE")
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError as e:
        sys.exit(f"overwatchDeploy: {source} is not valid YAML: {e}")
    if not isinstance(config, dict):
        sys.exit(f"overwatchDeploy: {source} is not a YAML map")
    return config


def run():
    parser = argparse.ArgumentParser(prog="overwatchDeploy")
    parser.add_argument("-c", "--configFile")
    parser.add_argument("-e", "--configEnvironmentVariable", dest="configEnv")
    config = readConfig(parser.parse_args())

    enabled = [name for name, options in (config.get("executables") or {}).items()
               if isinstance(options, dict) and options.get("enabled")]
    for directory in ("exec/logs", "exec/sockets", "exec/config"):
        os.makedirs(directory, exist_ok=True)
    filename = "supervisord.conf"
    sections = "" if os.path.exists(filename) else MAIN_SECTIONS
    for name in enabled:
        kind = name.split("_")[0]
        if kind not in COMMANDS:
            print(f"overwatchDeploy: {name}: not imitated by the stand-in, skipped", flush=True)
            continue
        sections += PROGRAM.format(name=PROGRAM_NAMES.get(kind, name), command=COMMANDS[kind])
        print(f"overwatchDeploy: {name}: program added", flush=True)
    with open(filename, "a") as f:
        f.write(sections)
    print(f"overwatchDeploy: wrote {os.path.abspath(filename)}", flush=True)
    # Upstream does not wait for supervisorctl either.
    subprocess.Popen(["supervisorctl", "-c", filename, "update"])
