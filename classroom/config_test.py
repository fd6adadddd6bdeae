"""The single-server hub and the Kubernetes values agree: same image, limits, culling, storage, accounts.

Run with the course's .venv (it has PyYAML and traitlets): `.venv/bin/python classroom/config_test.py`
(`npm test` runs it in its classroom step, with or without Docker). The hub's side is the effective
configuration: classroom/hub/jupyterhub_config.py executed as JupyterHub would load it.
"""
import copy
import json
import os
import re
import sys
import types
import unittest
from pathlib import Path

import yaml
from traitlets.config import Config

HERE = Path(__file__).resolve().parent
# Environment that changes the hub's settings for tests and measurements: unset while comparing.
OVERRIDES = ("CLASSROOM_IMAGE", "CLASSROOM_PREFIX", "CLASSROOM_NETWORK", "CLASSROOM_MEM_LIMIT")


def hub_config():
    """jupyterhub_config.py loaded with the classroom's default environment (native accounts)."""
    c = Config()
    env = {"CLASSROOM_STATE": "/nonexistent", "CLASSROOM_HUB_IP": "127.0.0.1", "CLASSROOM_AUTH": "native"}
    saved = {k: os.environ.get(k) for k in [*env, *OVERRIDES]}
    os.environ.update(env)
    for k in OVERRIDES:
        os.environ.pop(k, None)
    # The hub's venv has nativeauthenticator; this venv does not, and only its templates' folder is read.
    sys.modules.setdefault("nativeauthenticator", types.SimpleNamespace(__file__="/site-packages/nativeauthenticator/__init__.py"))
    try:
        path = HERE / "hub" / "jupyterhub_config.py"
        exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: c, "__file__": str(path)})
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return c


def mismatches(settings, c, values, dockerfile):
    """Every setting on which the single server (settings + effective hub config + image) and the values differ."""
    su = values["singleuser"]
    found = []

    def same(what, one_server, k8s):
        if str(one_server) != str(k8s):
            found.append(f"{what}: one server {one_server!r}, Kubernetes {k8s!r}")

    same("image", c.DockerSpawner.image, f"{su['image']['name'].rsplit('/', 1)[-1]}:{su['image']['tag']}")
    same("image (settings)", settings["image"], c.DockerSpawner.image)
    same("memory limit", c.DockerSpawner.mem_limit, su["memory"]["limit"])
    same("memory guarantee", settings["memGuarantee"], su["memory"]["guarantee"])
    same("cpu limit", float(c.DockerSpawner.cpu_limit), float(su["cpu"]["limit"]))
    same("cpu guarantee", float(settings["cpuGuarantee"]), float(su["cpu"]["guarantee"]))
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    timeout = next(a for a in culler["command"] if a.startswith("--timeout=")).split("=")[1]
    same("idle culling (s)", timeout, values["cull"]["timeout"])
    same("culling enabled", True, values["cull"]["enabled"])
    same("storage", settings["storage"], su["storage"]["capacity"])
    same("home", c.DockerSpawner.notebook_dir, su["storage"]["homeMountPath"])
    same("volume mounted on the home", list(c.DockerSpawner.volumes.values()), [su["storage"]["homeMountPath"]])
    same("default URL", c.Spawner.default_url, su["defaultUrl"])
    same("environment", c.DockerSpawner.environment, su.get("extraEnv", {}))
    hubc = values["hub"]["config"]
    same("authenticator", c.JupyterHub.authenticator_class, hubc["JupyterHub"]["authenticator_class"])
    same("admins", sorted(c.Authenticator.admin_users), sorted(hubc["Authenticator"]["admin_users"]))
    for key in ("open_signup", "check_common_password", "minimum_password_length"):
        same(f"NativeAuthenticator.{key}", c.NativeAuthenticator[key], hubc["NativeAuthenticator"][key])
    uid = re.search(r"ARG NB_UID=(\d+)", dockerfile).group(1)
    same("attendee uid", uid, su["uid"])
    same("command", re.search(r'CMD \["([^"]+)"\]', dockerfile).group(1), su["cmd"])
    hook = su["lifecycleHooks"]["postStart"]["exec"]["command"]
    same("starting home copied from the image", "/opt/course-home" in dockerfile, any(a.startswith("/opt/course-home") for a in hook))
    # One server: --internal network (classroom/hub.mjs); Kubernetes: no egress to public addresses.
    same("no internet for attendees", "'--internal'" in (HERE / "hub.mjs").read_text(), su["networkPolicy"]["egressAllowRules"]["nonPrivateIPs"] is False)
    return found


class ConfigsAgree(unittest.TestCase):
    def setUp(self):
        self.settings = json.loads((HERE / "settings.json").read_text())
        self.values = yaml.safe_load((HERE / "k8s" / "values.yaml").read_text())
        self.dockerfile = (HERE / "Dockerfile").read_text()
        self.c = hub_config()

    def test_single_server_and_kubernetes_agree(self):
        self.assertEqual(mismatches(self.settings, self.c, self.values, self.dockerfile), [])

    def test_a_changed_limit_is_caught(self):
        # Negative control: a values.yaml whose memory limit and image drifted is reported on both counts.
        drifted = copy.deepcopy(self.values)
        drifted["singleuser"]["memory"]["limit"] = "8G"
        drifted["singleuser"]["image"]["tag"] = "old"
        found = mismatches(self.settings, self.c, drifted, self.dockerfile)
        self.assertEqual([f.split(":")[0] for f in found], ["image", "memory limit"])

    def test_hub_reads_the_shared_settings(self):
        self.assertEqual(self.c.DockerSpawner.mem_limit, self.settings["memLimit"])
        self.assertEqual(self.c.DockerSpawner.image, self.settings["image"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
