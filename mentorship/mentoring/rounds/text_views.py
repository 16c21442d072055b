"""Per-round e-mail texts and evaluation questions (admins): edit, preview, reset."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.forms import carry_out
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.labels import text_kind_labels
from mentorship.mentoring.rounds import texts as round_texts
from mentorship.mentoring.rounds.forms import QuestionsForm, RoundTextForm
from mentorship.mentoring.rounds.views import load_round
from mentorship.refusals import or_404

QUESTIONS = "fragor"


@bp.route("/omgangar/<int:round_id>/texter", methods=["GET", "POST"])
@roles(ADMIN)
def round_texts_page(round_id: int):
    round_ = load_round(round_id)
    kind = request.args.get("text")
    labels = text_kind_labels()
    if kind is not None and kind not in labels and kind != QUESTIONS:
        return or_404(None)
    form = questions = preview = None
    status = 200
    if kind in labels:
        form = RoundTextForm()
        subject, body, _own = round_texts.current(round_, kind)
        if request.method == "GET":
            form.subject.data, form.body.data = subject, body
        elif form.validate_on_submit():
            action = request.form.get("action")
            with carry_out(form, saves=action != "preview") as done:
                if action == "reset":
                    round_texts.reset(round_, kind, current_user)
                    done.success = _("Standardtexten gäller igen.")
                elif action == "preview":
                    preview = round_texts.preview(kind, form.subject.data, form.body.data)
                else:
                    round_texts.save(round_, kind, form.subject.data, form.body.data,
                                     current_user)
                    done.success = _("Texten är sparad för omgången.")
            if not done:
                status = 400
            elif action != "preview":
                return redirect(url_for("mentoring.round_texts_page", round_id=round_id,
                                        text=kind))
        else:
            status = 400
    elif kind == QUESTIONS:
        questions = QuestionsForm()
        current = round_texts.question_labels(round_)
        if request.method == "GET":
            for key in round_texts.QUESTIONS:
                getattr(questions, key).data = current[key]
        elif questions.validate_on_submit():
            saved = _("Utvärderingsfrågorna är sparade för omgången.")
            with carry_out(questions, saved) as done:
                round_texts.save_questions(round_, {k: getattr(questions, k).data
                                                    for k in round_texts.QUESTIONS},
                                           current_user)
            if done:
                return redirect(url_for("mentoring.round_texts_page", round_id=round_id,
                                        text=QUESTIONS))
            status = 400
        else:
            status = 400
    own = {k for k in labels if (round_.texts or {}).get(k)}
    return render_template(
        "mentoring/rounds/round_texts.html", round=round_, kind=kind, labels=labels, own=own,
        form=form, questions=questions, preview=preview,
        placeholders=round_texts.placeholders(kind) if kind in labels else {},
        own_questions=bool((round_.texts or {}).get(QUESTIONS)),
    ), status
