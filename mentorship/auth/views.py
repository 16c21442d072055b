"""Log in and out, invitations, password reset and change, language choice."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from mentorship.access import authenticated, public
from mentorship.auth import services
from mentorship.auth.forms import ChangePasswordForm, ForgotPasswordForm, LoginForm, NewPasswordForm
from mentorship.auth.login import log_in
from mentorship.auth.sso import flow as sso_flow
from mentorship.auth.sso import services as sso
from mentorship.extensions import limiter
from mentorship.forms import carry_out
from mentorship.security import safe_next

bp = Blueprint("auth", __name__)


def _login_form() -> LoginForm:
    """One parsed login form per request, whatever the body (form fields or JSON): the
    per-account throttle key and the login itself read the same address."""
    form = g.get("login_form")
    if form is None:
        form = g.login_form = LoginForm()
    return form


def _account_key() -> str:
    data = _login_form().email.data
    email = services.normalise_email(data if isinstance(data, str) else "")
    return f"login-account:{email}"


def _failed(response) -> bool:
    # A password that was checked and did not log in counts as a failed attempt (a
    # successful login redirects); the e-mail step alone checks no password.
    return bool(g.get("password_checked")) and response.status_code != 302


def _limit(name: str):
    return lambda: current_app.config[name]


@bp.route("/logga-in", methods=["GET", "POST"])
@public
@limiter.limit(
    _limit("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_account_key, methods=["POST"], deduct_when=_failed
)
@limiter.limit(_limit("LOGIN_LIMIT_PER_ADDRESS"), methods=["POST"], deduct_when=_failed)
def login():
    form = _login_form()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), "")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("main.index"))
    if form.validate_on_submit():
        target = safe_next(form.next.data, url_for("main.index"))
        provider = sso.provider_for_email(form.email.data)
        if not form.password.data:
            # The e-mail first: a municipality with its own login gets its provider.
            if provider is not None:
                return sso_flow.handoff_to(provider, target)
            return render_template("auth/login.html", form=form, ask_password=True)
        if provider is not None and not provider.passwords_allowed:
            form.form_errors.append(
                _("Logga in med ditt konto i %(municipality)s.",
                  municipality=provider.municipality.name)
            )
            return render_template("auth/login.html", form=form, provider=provider)
        g.password_checked = True
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Fel e-postadress eller lösenord."))
        else:
            with carry_out() as done:
                done.value = log_in(user, "password", target)
            if done:
                return done.value
    return render_template(
        "auth/login.html", form=form, ask_password=bool(form.password.data or form.errors)
    )


@bp.route("/logga-ut", methods=["POST"])
@authenticated
def logout():
    provider_logout = sso_flow.logout_url(session.get(sso_flow.LOGOUT))
    with carry_out():  # (its message is flashed below, into the session after the clear)
        services.end_session(current_user)
    logout_user()
    session.clear()
    if provider_logout:  # logged in through the municipality's provider: end that one too
        return sso_flow.logout_handoff(provider_logout)
    flash(_("Du är utloggad."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/glomt-losenord", methods=["GET", "POST"])
@public
@limiter.limit("10 per hour", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with carry_out():  # (no refusal: the same path whether the account exists or not)
            services.request_password_reset(form.email.data)
        flash(
            _(
                "Om adressen finns hos oss skickar vi en länk för att välja nytt lösenord. "
                "Den kommer inom några minuter."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


def _token_page(purpose: str, token: str, template: str, done_message: str):
    if services.valid_token(token, purpose) is None:
        return render_template("auth/token_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        with carry_out(form) as done:
            user = services.redeem_token(token, purpose, form.password.data)
            # The person just proved the link and chose a password: they are logged in
            # (as themselves; any other session in this browser ends), in the same
            # transaction as the token used.
            done.value = log_in(user, "password", url_for("main.index"))
        if done:
            flash(done_message, "success")  # (into the new session log_in started)
            return done.value
    return render_template(template, form=form)


@bp.route("/inbjudan/<token>", methods=["GET", "POST"])
@public
@limiter.limit("30 per hour", methods=["POST"])
def accept_invitation(token: str):
    return _token_page(
        services.INVITE,
        token,
        "auth/accept_invitation.html",
        _("Välkommen! Ditt konto är klart och du är inloggad. Nästa gång loggar du in med "
          "din e-postadress och ditt nya lösenord."),
    )


@bp.route("/nytt-losenord/<token>", methods=["GET", "POST"])
@public
@limiter.limit("30 per hour", methods=["POST"])
def reset_password(token: str):
    return _token_page(
        services.RESET,
        token,
        "auth/reset_password.html",
        _("Ditt lösenord är bytt och du är inloggad. Du har loggats ut överallt annars."),
    )


@bp.route("/konto/losenord", methods=["GET", "POST"])
@authenticated
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        with carry_out(form) as done:
            services.change_password(user, form.current_password.data, form.password.data)
            # Every session ended, this one too; start a new one so the user stays in.
            services.start_session(user)
        if done:
            login_user(user)
            flash(_("Ditt lösenord är bytt. Du har loggats ut överallt annars."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


def _session_state():
    response = jsonify(seconds_left=services.session_seconds_left(current_user.session_token))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/konto/session")
@authenticated
def session_status():
    """How long the session has left, for the page's warning (static/session.js); asking
    does not count as activity (auth.login.PASSIVE_ENDPOINTS)."""
    return _session_state()


@bp.route("/konto/fortsatt", methods=["POST"])
@authenticated
def keep_alive():
    """"Fortsätt vara inloggad": the idle period starts again. JSON for the script, a
    redirect back for a browser without it."""
    with carry_out():
        services.keep_session(current_user.session_token)
    if request.accept_mimetypes.best == "application/json":
        return _session_state()
    flash(_("Du är fortfarande inloggad."), "success")
    return redirect(safe_next(request.form.get("next"), url_for("main.index")))


@bp.route("/sprak", methods=["POST"])
@public
def set_language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated and current_user.language != lang:
            with carry_out():
                current_user.language = lang  # e-mail to this person is written in it
    return redirect(safe_next(request.form.get("next"), url_for("main.index")))
