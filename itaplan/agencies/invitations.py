"""Invitation e-mails: a one-time link with which a new person sets their password.

The link is Django's password-reset token (:data:`default_token_generator`): it
is bound to the account's current password hash and last login, so it stops
working once the password is set, and it expires after ``PASSWORD_RESET_TIMEOUT``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from itaplan.agencies.models import Agency

log = logging.getLogger(__name__)


def invitation_path(user: AbstractBaseUser) -> str:
    """The path of the one-time link that lets the user set a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)  # type: ignore[arg-type]
    return reverse("invite_accept", kwargs={"uidb64": uid, "token": token})


def waits_for_password(user: AbstractBaseUser) -> bool:
    """Invited but has not set a password yet."""
    return not user.has_usable_password()


def send_invitation(
    request: HttpRequest, user: AbstractBaseUser, agency: Agency | None, role: str
) -> bool:
    """E-mail the invitation; ``False`` when the mail server refused it (the page says so).

    A person who already has a password gets a notice with the login page instead
    of a link that would change it.
    """
    place = agency.name if agency is not None else _("การกำกับดูแลหน่วยงาน")
    if waits_for_password(user):
        link = request.build_absolute_uri(invitation_path(user))
        template = "agencies/email/invitation.txt"
        subject = _("เชิญเข้าใช้ itaplan: %(place)s") % {"place": place}
    else:
        link = request.build_absolute_uri(reverse("login"))
        template = "agencies/email/added.txt"
        subject = _("ท่านได้รับสิทธิ์ใน itaplan: %(place)s") % {"place": place}
    body = render_to_string(
        template,
        {
            "user": user,
            "place": place,
            "role": role,
            "link": link,
            "username": user.get_username(),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
    )
    message = EmailMessage(subject, body, to=[user.email])  # type: ignore[attr-defined]
    try:
        message.send()
    except OSError:  # the mail server is down: the admin resends from the people page
        log.exception("invitation to user %s not sent", user.pk)
        return False
    return True
