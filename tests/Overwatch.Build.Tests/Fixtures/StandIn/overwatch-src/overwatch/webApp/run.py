"""The stand-in web app: uwsgi loads `app` (module overwatch.webApp.run, callable app)."""
import os

from flask import Flask

app = Flask(__name__)

BODY = "overwatch stand-in web app"


@app.route("/", defaults={"path": ""})
@app.route("/<path:path>")
def index(path):
    commit = os.environ.get("OVERWATCH_COMMIT", "unknown")
    return f"{BODY} (commit {commit})\n"


def run():
    """overwatchWebApp: Flask's own server, as upstream runs it without uwsgi."""
    app.run(host=os.environ.get("OVERWATCH_WEBAPP_HOST", "127.0.0.1"),
            port=int(os.environ.get("OVERWATCH_WEBAPP_PORT", "8850")))
