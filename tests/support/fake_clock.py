"""A clock that moves only when someone sleeps on it: the quota pacer and the loopback Hub's
quota share one, so windows reset without real time passing and no assertion races a thread."""


class FakeClock:
    def __init__(self, now: float = 1000.0):
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.slept.append(seconds)
        self.now += seconds
