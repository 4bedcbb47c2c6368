"""The Qt front end. Receives plain data from salesdesk.services; never touches the database."""
