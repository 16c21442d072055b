"""The register: list, a network's page, create and edit, the start checklist, activation,
closing, the yearly plan, the coordinator, and the fields of cooperation."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from mentorship.access import ADMIN, authenticated, roles
from mentorship.extensions import db
from mentorship.forms import carry_out
from mentorship.networks import checklist as checklists
from mentorship.networks import invitations, rights, services
from mentorship.networks.blueprint import bp
from mentorship.networks.forms import (
    ChecklistForm,
    CloseForm,
    CoordinatorForm,
    FieldForm,
    NetworkFilterForm,
    NetworkForm,
    PlanForm,
)
from mentorship.networks.labels import answer_labels, status_labels
from mentorship.networks.models import STARTING, YES, NetworkField
from mentorship.networks.survey import network_surveys
from mentorship.networks.views.loading import editable
from mentorship.refusals import or_404


def _field_choices(form, network=None) -> None:
    items = [f for f in services.fields(include_retired=True)
             if f.active or (network is not None and f.id == network.field_id)]
    form.field_id.choices = [(0, _("Välj samverkansområde"))] + [(f.id, f.name) for f in items]


@bp.route("/")
@authenticated
def index():
    form = NetworkFilterForm(request.args)
    form.field.choices = [(0, _("Alla"))] + [(f.id, f.name) for f in services.fields(True)]
    form.status.choices = status_labels.choices(blank=_("Alla"))
    field_id = form.field.data if form.validate() else None
    status = form.status.data if form.status.data in status_labels() else None
    year = services.today().year
    return render_template(
        "networks/index.html",
        form=form,
        lines=services.list_networks(year, field_id, status),
        mine=services.my_networks(current_user),
        waiting=len(invitations.pending(current_user)),
        year=year,
        status_labels=status_labels(),
    )


@bp.route("/ny", methods=["GET", "POST"])
@roles(ADMIN)
def new():
    form = NetworkForm()
    _field_choices(form)
    if form.validate_on_submit():
        with carry_out(form) as done:
            data = services.NetworkData(form.name.data, form.field_id.data)
            network = done.value = services.save_network(current_user, data)
            done.success = _("Nätverket %(name)s är registrerat under uppstart.",
                             name=network.name)
        if done:
            return redirect(url_for("networks.show", network_id=done.value.id))
    return render_template("networks/network_form.html", form=form, network=None)


@bp.route("/<int:network_id>")
@authenticated
def show(network_id: int):
    network = or_404(rights.get_network(current_user, network_id))
    full = rights.can_read_all(current_user, network)
    year = services.today().year
    plan = services.plan_for(network, year)
    latest = plan or next((p for p in network.plans if p.has_purpose), None)
    current_members = [m for m in network.members if m.current]
    own = next((m for m in current_members if m.user_id == current_user.id), None)
    return render_template(
        "networks/show.html",
        network=network,
        full=full,
        editor=rights.can_edit(current_user, network),
        year=year,
        plan=plan,
        latest=latest,
        coordinator=rights.last_coordinator(network),
        plan_years=checklists.plan_years(services.today()),
        members=current_members,
        former=[m for m in network.members if not m.current] if full else [],
        own=own,
        municipalities=services.in_swedish_order(network.municipalities),
        checklist=checklists.start_checklist(
            network, checklists.start_plan_year(network, services.today()))
        if full and network.status == STARTING else None,
        surveys=network_surveys(network.id) if full else [],
        status_labels=status_labels(),
        answer_labels=answer_labels(),
    )


def _editable(network_id: int):
    return editable(network_id)


@bp.route("/<int:network_id>/andra", methods=["GET", "POST"])
@authenticated
def edit(network_id: int):
    network = _editable(network_id)
    form = NetworkForm(obj=network if request.method == "GET" else None)
    _field_choices(form, network)
    if form.validate_on_submit():
        with carry_out(form, _("Ändringarna är sparade.")) as done:
            services.save_network(
                current_user, services.NetworkData(form.name.data, form.field_id.data), network
            )
        if done:
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/network_form.html", form=form, network=network)


@bp.route("/<int:network_id>/startchecklista", methods=["GET", "POST"])
@authenticated
def checklist(network_id: int):
    network = _editable(network_id)
    rows = services.in_swedish_order(network.municipalities)
    form = ChecklistForm()
    if request.method == "GET":
        for nm in rows:
            form.rows.append_entry({
                "municipality_id": nm.municipality_id, "invited": nm.invited_on is not None,
                "answer": nm.answer or "", "management": nm.management_asked,
                "secretariat": nm.secretariat_told,
            })
    names = {nm.municipality_id: nm.municipality.name for nm in rows}
    if form.validate_on_submit():
        with carry_out(form, _("Startchecklistan är sparad.")) as done:
            checklists.record_municipalities(
                current_user,
                network,
                [
                    checklists.MunicipalityStatus(
                        int(row.municipality_id.data),
                        # a municipality that has answered was invited
                        bool(row.invited.data or row.answer.data),
                        row.answer.data or None,
                        bool(row.management.data),
                        bool(row.secretariat.data),
                    )
                    for row in form.rows
                    if (row.municipality_id.data or "").isdigit()
                    and int(row.municipality_id.data) in names
                ],
                services.today(),
            )
        if done:
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template(
        "networks/checklist.html", form=form, network=network,
        names={str(k): v for k, v in names.items()},
    )


@bp.route("/<int:network_id>/aktivera", methods=["GET", "POST"])
@authenticated
def activate(network_id: int):
    network = _editable(network_id)
    today = services.today()
    # The confirmation has no fields: a refusal is shown above the checklist, not flashed.
    form = FlaskForm()
    if request.method == "POST":
        with carry_out(form, _("%(name)s är aktivt.", name=network.name)) as done:
            checklists.activate(current_user, network, today)
        if done:
            return redirect(url_for("networks.show", network_id=network.id))
    plan_year = checklists.start_plan_year(network, today)
    return render_template(
        "networks/activate.html",
        network=network,
        checklist=checklists.start_checklist(network, plan_year),
        plan_year=plan_year,
        error=form.form_errors[0] if form.form_errors else None,
    )


@bp.route("/<int:network_id>/avsluta", methods=["GET", "POST"])
@authenticated
def close(network_id: int):
    network = _editable(network_id)
    form = CloseForm()
    members = services.in_swedish_order(
        nm for nm in network.municipalities if nm.answer == YES)
    form.informed.choices = [(nm.municipality_id, nm.municipality.name) for nm in members]
    if form.validate_on_submit():
        with carry_out(form, _("%(name)s är avslutat. Det går fortfarande att läsa.",
                               name=network.name)) as done:
            checklists.close(
                current_user,
                network,
                checklists.Closing(
                    form.reason.data,
                    frozenset(form.informed.data or []),
                    form.secretariat_informed.data,
                ),
                services.today(),
            )
        if done:
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/close.html", form=form, network=network)


@bp.route("/<int:network_id>/plan/<int:year>", methods=["GET", "POST"])
@authenticated
def plan(network_id: int, year: int):
    network = _editable(network_id)
    if not 2000 <= year <= services.today().year + 1:
        return or_404(None)
    existing = services.plan_for(network, year)
    form = PlanForm(obj=existing if request.method == "GET" else None)
    if request.method == "GET" and existing is None:
        earlier = next((p for p in network.plans if p.year < year), None)
        if earlier is not None:  # start from last year's text
            form = PlanForm(obj=earlier)
    if form.validate_on_submit():
        with carry_out(form, _("Planen för %(year)s är sparad.", year=year)) as done:
            services.save_plan(
                current_user,
                network,
                year,
                services.PlanData(
                    form.purpose.data, form.goals.data or "", form.meeting_frequency.data or "",
                    form.meeting_place.data or "", form.meeting_lead.data or "",
                ),
            )
        if done:
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/plan_form.html", form=form, network=network, year=year)


@bp.route("/<int:network_id>/samordnare", methods=["GET", "POST"])
@authenticated
def coordinator(network_id: int):
    network = _editable(network_id)
    form = CoordinatorForm()
    if form.validate_on_submit():
        with carry_out(form) as done:
            assignment = done.value = services.assign_coordinator(
                current_user, network, services.NewCoordinator(form.email.data),
                services.today())
            if assignment is not None:
                assert assignment.user is not None  # an active account is required
                done.success = _("%(name)s är samordnare för %(network)s.",
                                 name=assignment.user.name, network=network.name)
        if done:
            if done.value is None:  # the account's holder is asked first
                flash(invitations.sent_message(), "info")
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template(
        "networks/coordinator_form.html",
        form=form,
        network=network,
        current=rights.current_coordinator(network),
    )


@bp.route("/omraden", methods=["GET", "POST"])
@bp.route("/omraden/<int:field_id>", methods=["GET", "POST"])
@roles(ADMIN)
def fields(field_id: int | None = None):
    item = or_404(db.session.get(NetworkField, field_id)) if field_id else None
    form = FieldForm(obj=item if request.method == "GET" else None)
    if form.validate_on_submit():
        with carry_out(form, _("Samverkansområdet är sparat.")) as done:
            services.save_field(current_user, services.FieldName(form.name.data), item)
        if done:
            return redirect(url_for("networks.fields"))
    return render_template(
        "networks/fields.html", form=form, item=item, items=services.fields(include_retired=True)
    )


@bp.route("/omraden/<int:field_id>/<any(avveckla, ateraktivera):action>", methods=["POST"])
@roles(ADMIN)
def field_active(field_id: int, action: str):
    item = or_404(db.session.get(NetworkField, field_id))
    with carry_out() as done:
        services.set_field_active(current_user, item, action == "ateraktivera")
        done.success = (_("%(name)s används igen.", name=item.name) if item.active
                        else _("%(name)s är avvecklad.", name=item.name))
    return redirect(url_for("networks.fields"))
