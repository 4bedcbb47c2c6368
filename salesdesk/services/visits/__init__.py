"""Visits (拜访): plans, the agenda, each visit's history, overdue contacts and the calendar
export. ``plans.VisitService`` is what the UI talks to (``AppServices.visits``)."""
