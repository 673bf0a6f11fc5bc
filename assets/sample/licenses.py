"""License assignment for the sample world: the card's license and the leaderboard's copy."""

from __future__ import annotations

import numpy as np

from assets.sample import catalogue as cat


def _pool_choice(rng: np.random.Generator, size: int) -> np.ndarray:
    ids = np.array(list(cat.LICENSE_POOL), dtype=object)
    p = np.array(list(cat.LICENSE_POOL.values()))
    return rng.choice(ids, size=size, p=p / p.sum())


def assign_licenses(
    rng: np.random.Generator, root: np.ndarray, hub_status: np.ndarray, n_bases: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (hub license, hub license_name, leaderboard Hub License value)."""
    n = len(root)
    base_license = np.array([b.license for b in cat.BASE_MODELS], dtype=object)
    base_license_name = np.array([b.license_name or "" for b in cat.BASE_MODELS], dtype=object)

    inherit = rng.random(n) < 0.55
    hub = np.where(inherit, base_license[root], _pool_choice(rng, n)).astype(object)
    name = np.where(inherit, base_license_name[root], "").astype(object)
    other_named = (hub == "other") & (name == "") & (rng.random(n) < 0.45)
    names = np.array(cat.OTHER_LICENSE_NAMES, dtype=object)
    name = np.where(other_named, names[rng.integers(0, len(names), n)], name)
    # some cards carry no license at all, a few say "unknown"
    draw = rng.random(n)
    hub = np.where(draw < 0.025, "", hub)
    hub = np.where((draw >= 0.025) & (draw < 0.03), "unknown", hub)
    name = np.where(hub == "other", name, "")
    hub[:n_bases] = base_license
    name[:n_bases] = base_license_name

    # the leaderboard copied the card's license when it evaluated the model; since then
    # a few were fixed on the Hub (drift), and its column carries the usual traps
    leaderboard = hub.copy()
    drift = rng.random(n) < 0.05
    leaderboard = np.where(drift, _pool_choice(rng, n), leaderboard)
    traps = np.array(cat.LICENSE_TRAPS, dtype=object)
    trapped = rng.random(n) < 0.02
    leaderboard = np.where(trapped, traps[rng.integers(0, len(traps), n)], leaderboard)
    # a repo the Hub no longer serves has, almost always, an empty license column
    gone = hub_status == "missing"
    leaderboard = np.where(gone & (rng.random(n) < 0.95), None, leaderboard)
    leaderboard = np.where(leaderboard == "", None, leaderboard)
    leaderboard[:n_bases] = base_license
    return hub, name, leaderboard
