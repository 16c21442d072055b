"""Members and their contact details: the coordinator (or the secretariat) adds and edits
them; a member can leave, and so can the coordinator mark someone as gone."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.forms import carry_out
from mentorship.networks import invitations, rights, services
from mentorship.networks.blueprint import bp
from mentorship.networks.forms import MemberEditForm, MemberForm
from mentorship.networks.views.loading import editable, refuse_closed
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404


def _choices(form, member=None) -> None:
    items = municipalities(include_retired=True)
    keep = member.municipality_id if member is not None else None
    form.municipality_id.choices = [(0, _("Välj kommun"))] + [
        (m.id, m.name) for m in items if m.active or m.id == keep
    ]


def _data(form) -> services.MemberData:
    return services.MemberData(
        form.name.data or "",
        form.municipality_id.data or 0,
        form.role_title.data or "",
        form.email.data or None,
        getattr(form, "account_email", None) and form.account_email.data or None,
    )


@bp.route("/<int:network_id>/medlemmar/ny", methods=["GET", "POST"])
@authenticated
def new_member(network_id: int):
    network = editable(network_id)
    form = MemberForm()
    _choices(form)
    if form.validate_on_submit():
        with carry_out(form) as done:
            member = done.value = services.add_member(current_user, network, _data(form),
                                                      services.today())
            if member is not None:
                done.success = _("%(name)s är medlem i %(network)s.", name=member.name,
                                 network=network.name)
        if done:
            if done.value is None:  # the account's holder is asked first
                flash(invitations.sent_message(), "info")
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/member_form.html", form=form, network=network, member=None)


@bp.route("/<int:network_id>/medlemmar/<int:member_id>", methods=["GET", "POST"])
@authenticated
def edit_member(network_id: int, member_id: int):
    network = editable(network_id)
    member = or_404(services.member_of(network, member_id))
    form = MemberEditForm(obj=member if request.method == "GET" else None)
    del form.account_email
    _choices(form, member)
    if form.validate_on_submit():
        with carry_out(form, _("Kontaktuppgifterna är sparade.")) as done:
            services.update_member(current_user, network, member, _data(form))
        if done:
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template(
        "networks/member_form.html", form=form, network=network, member=member
    )


@bp.route("/<int:network_id>/medlemmar/<int:member_id>/lamna", methods=["GET", "POST"])
@authenticated
def leave(network_id: int, member_id: int):
    network = refuse_closed(or_404(rights.get_network(current_user, network_id)))
    member = services.member_of(network, member_id)
    if member is None or not member.current or not services.may_leave(
        current_user, network, member
    ):
        return or_404(None)
    own = member.user_id == current_user.id
    if request.method == "POST":
        with carry_out(success=_("Du har lämnat %(network)s.", network=network.name) if own
                       else _("%(name)s har lämnat %(network)s.", name=member.name,
                              network=network.name)):
            services.leave(current_user, network, member, services.today())
        return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/leave.html", network=network, member=member, own=own)
