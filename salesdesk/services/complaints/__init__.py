"""Complaints: record, handle and time them (service), the calendar and policy they are timed
on (clock_settings), attachments' bytes (attachments), the reception script (script), the
figures (figures); records holds what they take and return."""
