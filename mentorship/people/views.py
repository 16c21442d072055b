"""User administration: list, search, invite, edit roles and municipality, deactivate."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, HR, roles
from mentorship.audit.services import record_read
from mentorship.auth.services import NewUser
from mentorship.auth.sso.services import linked_user_ids
from mentorship.forms import carry_out, read_filters
from mentorship.people import services
from mentorship.people.forms import InviteForm, PersonForm, UserFilterForm, role_labels
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404

bp = Blueprint("people", __name__, url_prefix="/personer")


def _municipality_choices(form) -> None:
    if current_user.is_admin:
        form.municipality_id.choices = [(m.id, m.name) for m in municipalities()]
    else:
        m = current_user.municipality
        form.municipality_id.choices = [(m.id, m.name)]
    labels = role_labels()
    form.roles.choices = [(r, labels[r]) for r in services.assignable_roles(current_user)]


@bp.route("/")
@roles(ADMIN, HR)
def index():
    form = UserFilterForm(request.args)
    form.municipality.choices = [(0, _("Alla kommuner"))] + [
        (m.id, m.name) for m in municipalities(include_retired=True)
    ]
    labels = role_labels()
    form.role.choices = role_labels.choices(blank=_("Alla roller"))
    read_filters(form)
    flt = services.UserFilter(
        q=form.q.data or "",
        municipality_id=form.municipality.data or None if current_user.is_admin else None,
        role=form.role.data or None,
        status=form.status.data or None,
        page=form.page.data or 1,
    )
    page = services.list_users(current_user, flt, current_app.config["PAGE_SIZE"])
    args = {k: v for k, v in request.args.items() if k != "page"}
    linked = linked_user_ids([u.id for u in page.items])
    return render_template(
        "people/index.html",
        form=form,
        page=page,
        role_labels=labels,
        page_args=args,
        linked=linked,
    )


@bp.route("/bjud-in", methods=["GET", "POST"])
@roles(ADMIN, HR)
def invite():
    form = InviteForm()
    _municipality_choices(form)
    if request.method == "GET":
        form.municipality_id.data = current_user.municipality_id
        form.roles.data = ["participant"]
    if form.validate_on_submit():
        with carry_out(form) as done:
            done.value = services.invite_user(
                current_user,
                NewUser(
                    email=form.email.data,
                    name=form.name.data,
                    municipality_id=form.municipality_id.data,
                    roles=tuple(form.roles.data),
                ),
            )
            done.success = _("Inbjudan till %(email)s ligger i kö och skickas inom några minuter.",
                             email=done.value.email)
        if done:
            return redirect(url_for("people.show", user_id=done.value.id))
    return render_template("people/invite.html", form=form)


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@roles(ADMIN, HR)
def show(user_id: int):
    user = or_404(services.get_user(current_user, user_id))
    record_read(current_user, "user_account", user.id, user.id, user.municipality_id)
    form = PersonForm(obj=user if request.method == "GET" else None)
    _municipality_choices(form)
    if request.method == "GET":
        form.roles.data = sorted(user.role_names & set(services.assignable_roles(current_user)))
    if form.validate_on_submit():
        with carry_out(form, _("Ändringarna är sparade.")) as done:
            services.update_user(
                current_user,
                user,
                services.UserChange(
                    form.name.data, form.municipality_id.data, tuple(form.roles.data)
                ),
            )
        if done:
            return redirect(url_for("people.show", user_id=user.id))
    return render_template(
        "people/show.html",
        user=user,
        form=form,
        role_labels=role_labels(),
        linked=bool(linked_user_ids([user.id])),
    )


@bp.route("/<int:user_id>/avaktivera", methods=["GET", "POST"])
@roles(ADMIN, HR)
def deactivate(user_id: int):
    user = or_404(services.get_user(current_user, user_id))
    return _set_active(user, False)


@bp.route("/<int:user_id>/aktivera", methods=["GET", "POST"])
@roles(ADMIN, HR)
def reactivate(user_id: int):
    user = or_404(services.get_user(current_user, user_id))
    return _set_active(user, True)


def _set_active(user, active: bool):
    if request.method == "GET":
        return render_template("people/confirm_active.html", user=user, active=active)

    with carry_out(success=_("Kontot är aktiverat igen.") if active
                   else _("Kontot är avaktiverat och alla inloggningar är avslutade.")):
        services.set_active(current_user, user, active)
    return redirect(url_for("people.show", user_id=user.id))


@bp.route("/<int:user_id>/skicka-inbjudan", methods=["POST"])
@roles(ADMIN, HR)
def resend(user_id: int):
    user = or_404(services.get_user(current_user, user_id))
    with carry_out(success=_("En ny inbjudan ligger i kö och skickas inom några minuter.")):
        services.resend_invitation(current_user, user)
    return redirect(url_for("people.show", user_id=user.id))
