"""The list of development goals: the HR network's admins add and retire goals; nobody
else changes it, and a name is on the list once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.models import MentorGoal
from mentorship.mentoring.rounds import services as rounds
from mentorship.refusals import ServiceError
from tests.said import flashed, refused

#: Test data: a goal's name (not a text of the interface).
NEW_GOAL = "Leda på distans"


def _goal_names() -> set[str]:
    return set(db.session.scalars(select(MentorGoal.name)))


def test_an_admin_adds_and_retires_a_goal(app, admin_user):
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        goal = rounds.add_goal(admin, f"  {NEW_GOAL} ")
        assert goal.name == NEW_GOAL and goal.active
        rounds.set_goal_active(admin, goal.id, False)
        assert not db.session.get(MentorGoal, goal.id).active
        assert goal not in rounds.goals() and goal in rounds.goals(include_retired=True)


def test_a_goal_is_on_the_list_once_whatever_its_case(app, admin_user):
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        rounds.add_goal(admin, "Svåra samtal")
        with pytest.raises(ServiceError) as err:
            rounds.add_goal(admin, "svåra SAMTAL")
        assert err.value.field == "name"
        with pytest.raises(ServiceError) as err:
            rounds.add_goal(admin, "   ")
        assert err.value.field == "name"


@pytest.mark.parametrize("roles", [("hr",), ("participant",)])
def test_only_admins_change_the_goals(app, make_user, roles):
    person = make_user(f"{roles[0]}@example.org", roles=roles)
    with app.test_request_context():
        actor = db.session.get(User, person.id)
        before = _goal_names()
        with pytest.raises(ServiceError):
            rounds.add_goal(actor, NEW_GOAL)
        assert _goal_names() == before


def test_the_goals_page_adds_and_refuses_on_the_field(app, client, auth, admin_user):
    auth.login(admin_user.email)
    page = client.post("/mentorskap/mal", data={"name": NEW_GOAL},
                       follow_redirects=True)
    assert page.status_code == 200 and flashed(page) == ["success"]
    page = client.post("/mentorskap/mal", data={"name": NEW_GOAL.lower()})
    assert page.status_code == 200 and refused(page) == {"name"}
    with app.app_context():
        assert [n for n in _goal_names() if n.lower() == NEW_GOAL.lower()] == [NEW_GOAL]
