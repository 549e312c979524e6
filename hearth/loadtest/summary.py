"""The load test's figures: what the locustfile recorded, as var/bench/load.json. Plain Python, so it is
tested without Locust or a server.

The locustfile records each request's page, time and outcome once every user has signed in, for the
duration asked; signing in (a deliberately slow password hash per user) is never in the figures.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

# The goal on a 2-core machine with the server and the load generator both on it.
GOAL_RATE = 100.0
GOAL_P95_MS = 300.0


def percentile(ordered: list[float], fraction: float) -> float:
    """The nearest-rank percentile of times already in order (0 for none)."""
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class Recording:
    """What the load test saw: each page's response times in milliseconds, its failures, and each error."""

    window_s: float = 0.0
    started_at: float = 0.0  # the window's start and end, as Unix times, to match the runner's CPU samples
    ended_at: float = 0.0
    sign_in_failures: int = 0  # users who could not sign in, and so made none of their requests
    times: dict[str, list[float]] = field(default_factory=dict)
    failures: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)

    def add(self, page: str, milliseconds: float, error: str | None = None) -> None:
        self.times.setdefault(page, []).append(milliseconds)
        if error is not None:
            self.failures[page] += 1
            self.errors[f"{page}: {error}"] += 1

    def as_json(self) -> dict:
        return {"window_s": self.window_s, "started_at": self.started_at, "ended_at": self.ended_at,
                "sign_in_failures": self.sign_in_failures, "times": self.times,
                "failures": dict(self.failures), "errors": dict(self.errors)}

    @classmethod
    def from_json(cls, data: dict) -> "Recording":
        return cls(window_s=data["window_s"], started_at=data.get("started_at", 0.0),
                   ended_at=data.get("ended_at", 0.0), sign_in_failures=data.get("sign_in_failures", 0),
                   times=data["times"], failures=Counter(data["failures"]), errors=Counter(data["errors"]))


def _figures(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": round(percentile(ordered, 0.50), 1), "p95_ms": round(percentile(ordered, 0.95), 1),
            "p99_ms": round(percentile(ordered, 0.99), 1), "max_ms": round(ordered[-1], 1) if ordered else 0.0}


def summarise(recording: Recording, *, target_rate: float, goal_rate: float = GOAL_RATE,
              goal_p95_ms: float = GOAL_P95_MS) -> dict:
    """The rate achieved over the window, every request's and each page's percentiles, and the errors."""
    every = [ms for times in recording.times.values() for ms in times]
    requests = len(every)
    errors = sum(recording.failures.values()) + recording.sign_in_failures
    achieved = round(requests / recording.window_s, 1) if recording.window_s else 0.0
    overall = _figures(every)
    return {
        "target_rate_per_s": target_rate,
        "window_s": round(recording.window_s, 1),
        "achieved_rate_per_s": achieved,
        "requests": requests,
        "errors": errors,
        "users_who_could_not_sign_in": recording.sign_in_failures,
        **overall,
        "pages": {page: {"requests": len(times), "rate_per_s": round(len(times) / recording.window_s, 1)
                         if recording.window_s else 0.0, "failures": recording.failures.get(page, 0),
                         **_figures(times)}
                  for page, times in sorted(recording.times.items())},
        "error_messages": dict(recording.errors.most_common(20)),
        "goal": {"rate_per_s": goal_rate, "p95_ms": goal_p95_ms, "errors": 0,
                 # Open-loop users fall a little short of the rate asked when a request takes its whole slot.
                 "met": achieved >= goal_rate * 0.98 and overall["p95_ms"] < goal_p95_ms and errors == 0},
    }


def cpu_used(samples: list[tuple[float, dict[str, float]]], started_at: float, ended_at: float,
             requests: int) -> dict:
    """From (time, CPU seconds so far per process group) samples, what each group used over the window: in
    cores (CPU seconds a second) and in milliseconds of CPU per request. The samples nearest the window's
    ends are used; `machine` is every process on the machine, so `others` is what the load test did not use."""
    inside = [sample for sample in samples if started_at <= sample[0] <= ended_at]
    if len(inside) < 2:
        return {}
    (first_at, first), (last_at, last) = inside[0], inside[-1]
    seconds = last_at - first_at
    used = {name: last[name] - first.get(name, 0.0) for name in last}
    ours = sum(value for name, value in used.items() if name != "machine")
    if "machine" in used:
        used["others"] = max(0.0, used["machine"] - ours)
    requests_in_span = requests * seconds / (ended_at - started_at) if ended_at > started_at else 0
    return {name: {"cores": round(value / seconds, 2),
                   "ms_per_request": round(1000 * value / requests_in_span, 1) if requests_in_span else None}
            for name, value in sorted(used.items())}
