"""The load test's figures: percentiles, the rate over the measured window, and the goal."""

import json

from hearth.loadtest.summary import Recording, cpu_used, percentile, summarise


def recording_of(pages: dict[str, list[float]], window_s: float, errors: dict[str, str] | None = None) -> Recording:
    recording = Recording(window_s=window_s)
    for page, times in pages.items():
        for ms in times:
            recording.add(page, ms)
    for page, error in (errors or {}).items():
        recording.add(page, 5.0, error)
    return recording


def test_percentiles_are_nearest_rank():
    ordered = [float(ms) for ms in range(1, 101)]
    assert (percentile(ordered, 0.5), percentile(ordered, 0.95), percentile(ordered, 0.99)) == (50.0, 95.0, 99.0)
    assert percentile([], 0.95) == 0.0
    assert percentile([7.0], 0.99) == 7.0


def test_the_rate_achieved_is_every_request_recorded_over_the_measured_window():
    figures = summarise(recording_of({"child record": [10.0] * 600, "search": [20.0] * 400}, window_s=10),
                        target_rate=100)
    assert figures["requests"] == 1000 and figures["achieved_rate_per_s"] == 100.0
    assert figures["pages"]["search"] == {"requests": 400, "rate_per_s": 40.0, "failures": 0, "p50_ms": 20.0,
                                          "p95_ms": 20.0, "p99_ms": 20.0, "max_ms": 20.0}
    assert figures["p50_ms"] == 10.0 and figures["p95_ms"] == 20.0


def test_the_goal_holds_at_the_rate_with_p95_under_300_ms_and_no_errors():
    fast = summarise(recording_of({"caseload": [100.0] * 1000}, window_s=10), target_rate=100)
    assert fast["goal"]["met"]
    slow = summarise(recording_of({"caseload": [100.0] * 900 + [400.0] * 100}, window_s=10), target_rate=100)
    assert slow["p95_ms"] == 400.0 and not slow["goal"]["met"]
    short = summarise(recording_of({"caseload": [100.0] * 500}, window_s=10), target_rate=100)
    assert short["achieved_rate_per_s"] == 50.0 and not short["goal"]["met"]


def test_one_error_fails_the_goal_and_is_named():
    figures = summarise(recording_of({"caseload": [10.0] * 1000}, window_s=10,
                                     errors={"case note save": "status 500"}), target_rate=100)
    assert figures["errors"] == 1 and not figures["goal"]["met"]
    assert figures["error_messages"] == {"case note save: status 500": 1}
    assert figures["pages"]["case note save"]["failures"] == 1


def test_a_recording_survives_its_trip_through_json():
    recording = recording_of({"search": [12.5, 30.0]}, window_s=2.5, errors={"search": "status 429"})
    again = Recording.from_json(json.loads(json.dumps(recording.as_json())))
    assert summarise(again, target_rate=1) == summarise(recording, target_rate=1)


def test_cpu_used_over_the_window_is_given_in_cores_and_per_request_and_the_rest_is_others():
    samples = [(t, {"server": 0.5 * t, "database": 0.1 * t, "machine": 1.8 * t}) for t in range(0, 21)]
    used = cpu_used(samples, started_at=5, ended_at=15, requests=100)
    assert used["server"] == {"cores": 0.5, "ms_per_request": 50.0}
    assert used["database"] == {"cores": 0.1, "ms_per_request": 10.0}
    assert used["others"]["cores"] == 1.2
    assert cpu_used(samples[:1], started_at=0, ended_at=1, requests=1) == {}


def test_a_user_who_could_not_sign_in_is_an_error():
    recording = recording_of({"caseload": [10.0] * 1000}, window_s=10)
    recording.sign_in_failures = 2
    figures = summarise(recording, target_rate=100)
    assert figures["errors"] == 2 and figures["users_who_could_not_sign_in"] == 2 and not figures["goal"]["met"]
