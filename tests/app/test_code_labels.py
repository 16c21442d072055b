"""Labels of codes (mentorship.labels): one mechanism for the three programmes, built per
request in the reader's language, with choices for forms and lazy labels for form classes."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from matching import CRITERIA
from mentorship.labels import Labels, labels


@labels
def colours() -> dict[str | None, str]:
    return {"draft": _("Utkast"), "active": _("Aktiv"), None: _("Alla")}


def test_a_set_is_built_in_the_language_of_each_use(app):
    with app.test_request_context():
        assert colours() == {"draft": "Utkast", "active": "Aktiv", None: "Alla"}
        with force_locale("en"):
            assert colours() == {"draft": "Draft", "active": "Active", None: "All"}
        assert colours.label("draft") == "Utkast"


def test_an_unknown_code_reads_as_itself(app):
    with app.test_request_context():
        assert colours.label("retired") == "retired"
        assert colours.label(None) == "Alla"


def test_choices_keep_the_order_with_a_blank_first_and_codes_left_out(app):
    with app.test_request_context():
        assert colours.choices() == [("draft", "Utkast"), ("active", "Aktiv"), (None, "Alla")]
        assert colours.choices(blank="Välj", without=(None, "active")) == [
            ("", "Välj"), ("draft", "Utkast")]


def test_a_lazy_label_is_translated_when_it_is_shown(app):
    label = colours.lazy("draft")
    with app.test_request_context():
        assert str(label) == "Utkast"
        with force_locale("en"):
            assert str(label) == "Draft"


def test_a_set_keeps_its_name_and_documentation():
    assert colours.__name__ == "colours"
    assert isinstance(colours, Labels)
    assert "colours" in repr(colours)


def test_each_programme_defines_its_labels_with_it(app):
    from mentorship.mentoring import labels as mentoring
    from mentorship.networks.labels import answer_labels, status_labels
    from mentorship.trainees.labels import event_kind_labels, outcome_labels

    sets = [status_labels, answer_labels, outcome_labels, event_kind_labels,
            mentoring.state_labels, mentoring.role_labels, mentoring.criterion_labels,
            mentoring.change_field_labels, mentoring.reminder_selection_labels]
    assert all(isinstance(s, Labels) for s in sets)
    with app.test_request_context():
        assert list(mentoring.criterion_labels()) == list(CRITERIA)
        changes, texts = mentoring.change_field_labels(), mentoring.text_kind_labels()
        for kind, text in texts.items():
            assert text in changes[f"text:{kind}"] != text, kind
        with force_locale("en"):
            assert status_labels.label("active") == "Active"
            assert mentoring.state_labels.label("draft") == "Draft"


def test_the_weight_fields_name_the_criteria_in_the_readers_language(app):
    from mentorship.mentoring import labels as mentoring
    from mentorship.mentoring.rounds.forms import WeightsForm

    with app.test_request_context():
        form = WeightsForm(meta={"csrf": False})
        swedish = str(form.w_business_area.label.text)
        assert swedish == mentoring.criterion_labels()["business_area"]
        with force_locale("en"):
            english = str(form.w_business_area.label.text)
            assert english == mentoring.criterion_labels()["business_area"] != swedish


def test_every_engine_criterion_has_a_weight_field_and_a_short_label(app):
    """A criterion the engine gains shows up in the round's weights and the proposal."""
    from pathlib import Path

    from mentorship.mentoring import labels as mentoring
    from mentorship.mentoring.rounds.forms import WeightsForm

    template = Path(app.template_folder) / "mentoring/rounds/_weights_fields.html"
    assert "form.weight_fields()" in template.read_text(encoding="utf-8")
    with app.test_request_context():
        form = WeightsForm(formdata=None)
        assert [f.name for f in form.weight_fields()] == [f"w_{key}" for key in CRITERIA]
        for key in CRITERIA:
            assert getattr(form, f"w_{key}").data is not None, key
        assert list(mentoring.criterion_short_labels()) == list(CRITERIA)


@pytest.mark.wording
def test_the_composed_and_translated_labels_read_as_written(app):
    """The words of a few labels the tests above take from the code: a text's change label
    is built around the text's own label, and the criteria read in English too."""
    from mentorship.mentoring import labels as mentoring

    with app.test_request_context():
        assert mentoring.change_field_labels()["text:paminnelse"] == (
            "Texten ”Påminnelse till par utan samtal”")
        assert mentoring.criterion_labels()["business_area"] == "Olika verksamhetsområden"
        with force_locale("en"):
            assert mentoring.criterion_labels()["business_area"] == "Different business areas"
            assert mentoring.criterion_labels()["wish"] == "The mentee's wishes"


def test_the_wish_column_shows_only_where_a_pair_has_wish_points():
    from types import SimpleNamespace

    from mentorship.mentoring.pairing.views import _shown_criteria

    plain = [SimpleNamespace(contributions={"goals": 40.0, "wish": 0.0})]
    assert _shown_criteria(plain) == [k for k in CRITERIA if k != "wish"]
    assert _shown_criteria([*plain, SimpleNamespace(contributions={"wish": 112.0})]) == list(
        CRITERIA)
    assert _shown_criteria([]) == [k for k in CRITERIA if k != "wish"]
