"""The member-facing forms of the advisory app, one module per area (the admin's are in advisory/admin/)."""
