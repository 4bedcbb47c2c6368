"""Mail in the window: the Mail menu (menu), the settings dialog (settings), the Outbox
(outbox) and the rounds of sending, by hand or every few minutes (sending)."""
