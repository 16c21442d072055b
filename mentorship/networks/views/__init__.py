"""The network register's views, one module per area, all on one blueprint."""

from mentorship.networks.blueprint import bp
from mentorship.networks.views import invitations, members, register, reports, survey  # noqa: F401

__all__ = ["bp"]
