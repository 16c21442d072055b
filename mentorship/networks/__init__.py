"""The cooperation's network register: networks, their municipalities, members,
coordinators, yearly plans, closing and the recurring survey."""
