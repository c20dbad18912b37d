"""Once-only form submissions: a double click, a flaky network resending, the back button and "send again" —
the first POST of a blank form creates the thing, every later POST of the same form finds what it created.

The blank form carries a random token (``form_token_new()`` in a hidden field); the view asks
``FormOnce(scope=…, user_id=…, token=…)``::

    once = FormOnce(scope="practices:create", user_id=request.user.pk, token=form.cleaned_data["form_token"])
    if not once.claim():
        earlier = once.earlier()          # the pk the first POST created (waits briefly while it is saving)
        return redirect(...)              # show that, never create a second one
    try:
        thing = thing_create(...)
    except BaseException:
        once.release()                    # nothing was created: the member may send the form again
        raise
    once.done(thing.pk)

The claim is one atomic ``cache.add`` in the shared cache (Redis), so two requests racing on two processes
cannot both win; a token remembers its result for a day. A form without a token is never deduplicated.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache

# How long a blank form's token remembers what it created (a reload, a double click, the back button).
FORM_TOKEN_TTL = 24 * 60 * 60
# A second POST of a form whose first is still being saved waits this long for the first to finish.
FORM_TOKEN_WAIT = 5.0
_PENDING = "pending"


def form_token_new() -> uuid.UUID:
    """The token a blank form carries in its hidden field."""
    return uuid.uuid4()


@dataclass(frozen=True)
class FormOnce:
    scope: str
    user_id: int
    token: uuid.UUID | str | None

    @property
    def key(self) -> str:
        return f"form-once:{self.scope}:{self.user_id}:{self.token or uuid.uuid4()}"

    def claim(self) -> bool:
        """True for the first POST of this form (go on and create); False when one came before."""
        if not self.token:
            return True
        return bool(cache.add(self.key, _PENDING, FORM_TOKEN_TTL))

    def earlier(self, *, wait: float = FORM_TOKEN_WAIT) -> int | None:
        """What the first POST created, waiting up to ``wait`` seconds while it is still saving; None if it
        failed or is still not done."""
        deadline = time.monotonic() + wait
        value = cache.get(self.key)
        while value == _PENDING and time.monotonic() < deadline:
            time.sleep(0.1)
            value = cache.get(self.key)
        return value if isinstance(value, int) else None

    def done(self, pk: int) -> None:
        if self.token:
            cache.set(self.key, pk, FORM_TOKEN_TTL)

    def release(self) -> None:
        """The first POST created nothing (an error): let the form be sent again."""
        if self.token:
            cache.delete(self.key)
