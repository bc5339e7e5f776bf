"""overwatchDeploy, a test double of upstream's that behaves as upstream's does where the container start
depends on it (checked against upstream's overwatch/base/deploy.py; written for these tests):

- with `supervisor: true`, ./supervisord.conf (the working directory) is written afresh, whatever it held:
  [supervisord] (nodaemon, logfile /dev/null), [rpcinterface:supervisor], [inet_http_server] with
  `port = :9001` (every interface), [supervisorctl] with `serverurl = http://127.0.0.1:9001`; then one
  [program:NAME] per enabled executable is appended; last, `supervisorctl update` is started and NOT
  waited for, so a supervisord already serving 127.0.0.1:9001 loads the programs;
- `environment:` must be present (KeyError otherwise): its secrets are written where it says (refusing to
  overwrite), `vars` are exported, `zmqReceiver.path` joins PATH only when `zmqReceiver.enabled`;
- OVERWATCH_EXECUTABLES enables executables by name; an unknown kind is a KeyError;
- run() returns the executables it configured (a dict), so the console script exits with status 1 even
  when everything worked: an exit status cannot tell success.

Where it departs from upstream, on purpose: nginx gets a main config of its own under `basePath`
(`nginx -c`, listening where `nginx.listen` says, default 80, passing to the web app's uwsgi socket),
because the stand-in base runs nginx as the user overwatch, who cannot use Debian's /etc/nginx layout;
the check for an already running process (pgrep) and the data-transfer helpers (ssh-keyscan,
gridTokenProxy) are not imitated.
"""
import argparse
import os
import stat
import subprocess

import yaml

SUPERVISORD_CONF = "supervisord.conf"

MAIN_SECTIONS = """[supervisord]
nodaemon = True
logfile = /dev/null
logfile_maxbytes = 0

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[inet_http_server]
port = :9001

[supervisorctl]
serverurl = http://127.0.0.1:9001

"""

# Executable kind -> (supervisor program name, command) for the Overwatch programs.
OVERWATCH_PROGRAMS = {
    "processing": ("processing", "overwatchProcessing"),
    "webApp": ("webApp", "overwatchWebApp"),
    "dqmReceiver": ("dqmReceiver", "overwatchDQMReceiver"),
    "receiverMonitor": ("overwatchReceiverMonitor", "overwatchReceiverMonitor"),
    "dataTransfer": ("dataTransfer", "overwatchReceiverDataTransfer"),
    "dataReplay": ("dataReplay", "overwatchReplay"),
    "dataReplayDataTransfer": ("dataReplayDataTransfer", "overwatchReplayDataTransfer"),
}
FLASK_KINDS = ("webApp", "dqmReceiver")

SECRETS = (("gridCert", "~/.globus/usercert.pem", 0o400), ("gridKey", "~/.globus/userkey.pem", 0o400),
           ("sshKey", "~/.ssh/id_rsa", 0o600))


class ExpandingLoader(yaml.SafeLoader):
    """Safe YAML plus upstream's `!expandVars` tag (environment variables expanded in the scalar)."""


ExpandingLoader.add_constructor(
    "!expandVars", lambda loader, node: os.path.expandvars(loader.construct_scalar(node)))


def log(message):
    print(f"[INFO] {message}", flush=True)


def readConfig(configFile, configVariable):
    if configFile and configVariable:
        raise ValueError("Specified both a config filename and an environment variable. Specify only one.")
    if configVariable:
        text = os.environ[configVariable]
    else:
        with open(configFile) as f:
            text = f.read()
    return yaml.load(text, Loader=ExpandingLoader)


class Deployment:
    """One run: where supervisor programs go, and what was configured."""

    def __init__(self, supervised):
        self.supervised = supervised
        self.configured = {}

    def addProgram(self, name, command, shortLived=False):
        if not self.supervised:
            # Upstream starts the command directly in this mode; the container start never uses it.
            log(f"{name}: supervisor is off, starting `{command}` directly")
            subprocess.Popen(command.split())
            return
        section = (f"[program:{name}]\ncommand = {command}\nredirect_stderr = True\n"
                   "stdout_logfile = /dev/fd/1\nstdout_logfile_maxbytes = 0\n")
        if shortLived:
            section += "autorestart = False\nstartsecs = 0\n"
        with open(SUPERVISORD_CONF, "a") as f:
            f.write(section + "\n")
        log(f"{name}: program added to {SUPERVISORD_CONF}")


def writeSecret(name, defaultLocation, mode, options):
    if not (options or {}).get("enabled", False):
        return
    value = os.environ[options.get("variableName", name)]
    if not value:
        raise ValueError(f"The environment variable for {name} is empty")
    location = os.path.expanduser(os.path.expandvars(options.get("writeLocation", defaultLocation)))
    os.makedirs(os.path.dirname(location) or ".", exist_ok=True)
    if os.path.exists(location):
        raise IOError(f"{location} exists and is not overwritten")
    with open(location, "w") as f:
        f.write(value)
    os.chmod(location, mode)
    if name == "sshKey":
        os.chmod(os.path.dirname(location), stat.S_IRWXU)
    log(f"{name} written to {location}")


def prepareEnvironment(environment):
    for name, defaultLocation, mode in SECRETS:
        writeSecret(name, defaultLocation, mode, environment.get(name))
    receiver = environment.get("zmqReceiver") or {}
    if receiver.get("enabled", False):
        path = os.path.expandvars(receiver.get("path", "${PWD}/receiver/bin")).replace("\n", "")
        os.environ["PATH"] = os.environ["PATH"].rstrip() + os.pathsep + path
    for key, value in (environment.get("vars") or {}).items():
        os.environ[key] = str(value)


def mergeUserConfig(additionalOptions):
    """The Overwatch user config (./config.yaml): the executable's additionalOptions merged over it."""
    if not additionalOptions:
        return
    current = {}
    if os.path.exists("config.yaml"):
        with open("config.yaml") as f:
            current = yaml.safe_load(f) or {}
    current.update(additionalOptions)
    with open("config.yaml", "w") as f:
        yaml.safe_dump(current, f, default_flow_style=False)


def uwsgiCommand(name, options):
    """Writes exec/config/NAME_uwsgi.yaml (upstream's defaults, then additionalOptions, then the block)."""
    uwsgiName = f"{name}_uwsgi"
    options = dict(options)
    options.pop("enabled", None)
    extra = options.pop("additionalOptions", {}) or {}
    base = extra.get("chdir", os.getcwd())
    sockets = extra.get("socketsDir", os.path.join(base, "exec", "sockets"))
    os.makedirs(sockets, exist_ok=True)
    if "module" not in options:
        raise KeyError("the uwsgi block needs module")
    if ("http-socket" in options) == ("uwsgi-socket" in options):
        raise ValueError("give exactly one of http-socket and uwsgi-socket")
    settings = {"vacuum": True, "stats": ":9002", "chdir": base, "callable": "app", "lazy-apps": True,
                "processes": 4, "threads": 2, "cheaper": 2, "master": True,
                "master-fifo": os.path.join(sockets, "wsgiMasterFifo{name}.sock")}
    settings.update(extra)
    settings.update(options)
    settings = {k: v.format(name=uwsgiName) if isinstance(v, str) else v for k, v in settings.items()}
    path = os.path.join("exec", "config", f"{uwsgiName}.yaml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        yaml.safe_dump({"uwsgi": settings}, f, default_flow_style=False)
    return f"uwsgi --yaml {path}", settings.get("uwsgi-socket")


def nginxCommand(options, socket):
    base = os.path.abspath(options.get("basePath", "/etc/nginx"))
    sites = os.path.join(base, options.get("sitesPath", "sites-enabled"))
    temp = os.path.join(base, "temp")
    for directory in (sites, temp):
        os.makedirs(directory, exist_ok=True)
    upstream = f"unix:{os.path.abspath(socket)}" if socket else "unix:/tmp/sockets/webApp.sock"
    with open(os.path.join(sites, f"{options['webAppName']}Nginx.conf"), "w") as f:
        f.write(f"server {{\n    listen {options.get('listen', '80')} default_server;\n    server_name _;\n"
                f"    location / {{\n        include /etc/nginx/uwsgi_params;\n        uwsgi_pass {upstream};\n"
                "    }\n}\n")
    main = os.path.join(base, "nginx.conf")
    with open(main, "w") as f:
        f.write(f"daemon off;\npid {temp}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n"
                f"    access_log /dev/stdout;\n    client_body_temp_path {temp}/body;\n"
                f"    proxy_temp_path {temp}/proxy;\n    fastcgi_temp_path {temp}/fastcgi;\n"
                f"    uwsgi_temp_path {temp}/uwsgi;\n    scgi_temp_path {temp}/scgi;\n"
                f"    include {sites}/*;\n}}\n")
    return f"/usr/sbin/nginx -c {main}"


def configureExecutable(deployment, name, options):
    kind = name.split("_")[0]
    if kind == "zodb":
        path = os.path.join("exec", "config", "database.conf")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(f"<zeo>\n    address {options['address']}:{options['port']}\n</zeo>\n"
                    f"<filestorage>\n    path {options['databasePath']}\n</filestorage>")
        deployment.addProgram("zodb", f"runzeo -C {path}")
        return "zodb"
    if kind not in OVERWATCH_PROGRAMS:
        raise KeyError(f"Executable {kind} is invalid.")
    program, command = OVERWATCH_PROGRAMS[kind]
    mergeUserConfig(options.get("additionalOptions"))
    if kind in FLASK_KINDS:
        if "uwsgi" not in options:
            raise KeyError('Expected "uwsgi" block in the executable configuration, but none was found!')
        uwsgi = options["uwsgi"] or {}
        socket = None
        if uwsgi.get("enabled", False):
            command, socket = uwsgiCommand(program, uwsgi)
        nginx = options.get("nginx") or {}
        if nginx.get("enabled", False):
            deployment.addProgram("nginx", nginxCommand(nginx, socket))
    deployment.addProgram(program, command)
    return program


def startOverwatch(configFile, configVariable):
    config = readConfig(configFile, configVariable)
    for name in filter(None, (s.strip() for s in os.environ.get("OVERWATCH_EXECUTABLES", "").split(","))):
        if name in config["executables"]:
            config["executables"][name]["enabled"] = True

    deployment = Deployment(supervised=bool(config.get("supervisor", False)))
    if deployment.supervised:
        with open(SUPERVISORD_CONF, "w+") as f:
            f.write(MAIN_SECTIONS)
        log(f"wrote the main sections of {os.path.abspath(SUPERVISORD_CONF)}")

    prepareEnvironment(config["environment"])

    for name, options in config["executables"].items():
        if options.get("enabled", False):
            deployment.configured[name] = configureExecutable(deployment, name, options)

    if deployment.supervised:
        subprocess.Popen(["supervisorctl", "update"])
    return deployment.configured


def run():
    parser = argparse.ArgumentParser(prog="overwatchDeploy")
    parser.add_argument("-c", "--config", default="")
    parser.add_argument("-e", "--configEnvironmentVariable", default="")
    parser.add_argument("-l", "--logLevel", default="DEBUG")
    arguments = parser.parse_args()
    return startOverwatch(arguments.config, arguments.configEnvironmentVariable)
