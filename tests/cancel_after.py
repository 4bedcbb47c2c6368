"""A job state that cancels itself after a number of check-ins (a user pressing Cancel
part-way through a job, at a point the test chooses)."""

from __future__ import annotations

from salesdesk.kit.jobs import JobState


class CancelAfter(JobState):
    """Cancels once the job has checked in ``n`` times."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.left = n

    def check(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.cancel()
        super().check()
