# JupyterHub for one class on one server: one Docker container per attendee from the course image,
# started by DockerSpawner on the classroom's own bridge network, behind configurable-http-proxy.
# Started by classroom/classroom.mjs (`npm run classroom -- start`), which passes the environment below;
# the shared settings (image, limits, culling, storage) come from classroom/settings.json.
#   CLASSROOM_STATE   folder for the hub's database, cookie secret and proxy token
#   CLASSROOM_IP / CLASSROOM_PORT   where attendees' browsers connect (default 0.0.0.0:8000)
#   CLASSROOM_HUB_IP  the hub's API address on the classroom network (its gateway), for the containers
#   CLASSROOM_PROXY_API_PORT        the proxy's REST API, on loopback
#   CLASSROOM_AUTH    "native" (accounts approved by the teacher) or "dummy" (tests only: one shared password)
#   CLASSROOM_NETWORK, CLASSROOM_PREFIX, CLASSROOM_IMAGE   the test's own network, names and image
#   CLASSROOM_MEM_LIMIT  another memory limit (the benchmark measures with a high one, so no run is cut short)
import json
import os
import sys
from pathlib import Path


HERE = Path(__file__).resolve().parent
settings = json.loads((HERE.parent / "settings.json").read_text())
state = Path(os.environ["CLASSROOM_STATE"])
prefix = os.environ.get("CLASSROOM_PREFIX", settings["containerPrefix"])
c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

# ── the hub, its database and the proxy ──
c.JupyterHub.bind_url = f"http://{os.environ.get('CLASSROOM_IP', '0.0.0.0')}:{os.environ.get('CLASSROOM_PORT', '8000')}"
c.JupyterHub.hub_bind_url = f"http://{os.environ['CLASSROOM_HUB_IP']}:{os.environ.get('CLASSROOM_HUB_PORT', '8081')}"
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('CLASSROOM_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
# Stopping the hub stops every attendee's container (their volumes stay).
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# ── accounts ──
c.Authenticator.admin_users = {settings["admin"]}
c.Authenticator.allow_all = True  # who may log in is decided by the authenticator below
if os.environ.get("CLASSROOM_AUTH", "native") == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["CLASSROOM_DUMMY_PASSWORD"]
else:
    # Attendees sign up at /hub/signup; the teacher approves them at /hub/authorize (admins need no approval).
    import nativeauthenticator

    c.JupyterHub.authenticator_class = "native"
    c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.minimum_password_length = 8

# ── one container per attendee ──
c.JupyterHub.spawner_class = "docker"
c.DockerSpawner.image = os.environ.get("CLASSROOM_IMAGE", settings["image"])
c.DockerSpawner.name_template = prefix + "{username}"
c.DockerSpawner.network_name = os.environ.get("CLASSROOM_NETWORK", settings["network"])
c.DockerSpawner.use_internal_ip = True
c.DockerSpawner.remove = True  # a stopped server leaves no container; the attendee's volume keeps their work
c.DockerSpawner.notebook_dir = settings["homeDir"]
c.DockerSpawner.volumes = {prefix + "user-{username}": settings["homeDir"]}
mem_limit = os.environ.get("CLASSROOM_MEM_LIMIT", settings["memLimit"])
c.DockerSpawner.mem_limit = mem_limit
c.DockerSpawner.cpu_limit = float(settings["cpuLimit"])
# No swap beyond the limit: an attendee over it loses their kernel at once instead of slowing the class.
c.DockerSpawner.extra_host_config = {"memswap_limit": mem_limit, "pids_limit": 1024}
c.DockerSpawner.environment = {"DL_MODELS": "offline"}
c.Spawner.default_url = settings["defaultUrl"]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120

# ── the idle culler: servers idle this long are stopped (their volume stays) ──
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"], "services": ["idle-culler"]},
]
c.JupyterHub.services = [
    {"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings['cullIdleSeconds']}"]},
]
