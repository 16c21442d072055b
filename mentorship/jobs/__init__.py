"""Long work outside the request: RQ jobs on the local Redis, with progress."""
