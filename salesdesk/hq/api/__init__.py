"""HQ's HTTP API, one FastAPI router per concern, assembled by :func:`salesdesk.hq.app.create_app`.

* :mod:`.health`: is HQ up (``/healthz``), which protocol it speaks (``hello``);
* :mod:`.accounts`: log in, log out;
* :mod:`.sync`: a laptop's push and pull;
* :mod:`.deps`: what endpoints depend on (the protocol header, the bearer token, the
  database, the settings, the logged-in actor), as FastAPI dependencies;
* :mod:`.errors`: every error answer an :class:`~salesdesk.sync.protocol.ErrorBody`, and
  the error responses the OpenAPI document lists per endpoint.

A new concern (HQ's dashboard, say) is a new router here, included by ``create_app``. The
routers are thin: the work is done by :mod:`salesdesk.hq.accounts`, :mod:`salesdesk.hq.push`
and :mod:`salesdesk.hq.pull`.
"""
