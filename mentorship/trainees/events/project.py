"""The cohort's group project (grupprojekt) and its milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from mentorship.extensions import db
from mentorship.refusals import ServiceError
from mentorship.trainees.models import Cohort, GroupProject, ProjectMilestone


@dataclass(frozen=True)
class ProjectData:
    assignment: str
    given_by: str
    result: str
    presented_where: str
    presented_on: date | None


def save_project(cohort: Cohort, data: ProjectData) -> GroupProject:
    if not data.assignment.strip():
        raise ServiceError(_("Beskriv uppdraget."), field="assignment")
    if data.presented_on is not None and data.presented_on < cohort.start_date:
        raise ServiceError(
            _("Presentationen kan inte vara före gruppens start."), field="presented_on"
        )
    project = cohort.project
    if project is None:
        project = GroupProject(cohort_id=cohort.id)
        db.session.add(project)
        cohort.project = project
    project.assignment = data.assignment.strip()
    project.given_by = data.given_by.strip()
    project.result = data.result.strip()
    project.presented_where = data.presented_where.strip()
    project.presented_on = data.presented_on
    db.session.flush()
    return project


@dataclass(frozen=True)
class MilestoneData:
    title: str
    due_on: date


def add_milestone(cohort: Cohort, data: MilestoneData) -> ProjectMilestone:
    if not data.title.strip():
        raise ServiceError(_("Fyll i delmålet."), field="title")
    milestone = ProjectMilestone(cohort_id=cohort.id, title=data.title.strip(), due_on=data.due_on)
    db.session.add(milestone)
    db.session.flush()
    return milestone


def get_milestone(cohort: Cohort, milestone_id: int) -> ProjectMilestone | None:
    milestone = db.session.get(ProjectMilestone, milestone_id)
    return milestone if milestone is not None and milestone.cohort_id == cohort.id else None


def set_milestone_done(milestone: ProjectMilestone, done: bool) -> None:
    milestone.done = done
    db.session.flush()


def delete_milestone(milestone: ProjectMilestone) -> None:
    db.session.delete(milestone)
    db.session.flush()
