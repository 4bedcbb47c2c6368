"""The laptop's side of sync: the HTTP client (:mod:`.http`), the push/pull loop (:mod:`.loop`)
and the store writer (:mod:`.store`, with its bulk column writing in :mod:`.columns`). HQ never
imports it; the pure part of :mod:`salesdesk.sync` never does either."""
